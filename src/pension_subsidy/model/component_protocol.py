"""What every component offers (:class:`Component`) and how its amount is known (:class:`Basis`)."""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pension_subsidy.model.derivation_words import Language
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    from pension_subsidy.model.derivation import Derivation
    from pension_subsidy.model.kinds import ComponentKind, Formula

__all__ = ["Basis", "Component"]


class Basis(enum.Enum):
    """How a component's amount is known."""

    #: headcount × per-capita standard → amount (forward)
    STANDARD = "standard"
    #: amount as disclosed; per-capita = amount ÷ headcount (backward)
    DISCLOSED = "disclosed"


@runtime_checkable
class Component(Protocol):
    """What every supporting-fund component offers.

    ``per_capita`` is the figure rounded to 分 (``None`` when it is undefined, as for a
    disclosed amount over zero persons); ``per_capita_exact`` is the exact Fraction of 元.
    ``key``, the names and the headcount unit are the kind's: class attributes of the seven
    Menyuan classes, the catalogue entry's of a :class:`~pension_subsidy.KindComponent`.
    """

    @property
    def key(self) -> str:
        """The component's key, its kind's key (``severe_disability_proxy``)."""

    @property
    def name_zh(self) -> str:
        """The Chinese name."""

    @property
    def name_en(self) -> str:
        """The English name."""

    @property
    def headcount_unit(self) -> str:
        """The unit of the headcount (人)."""

    @property
    def kind(self) -> ComponentKind:
        """The catalogue entry of the component's kind."""

    @property
    def formula(self) -> Formula:
        """The formula the amount is computed by (the kind's own when disclosed)."""

    @property
    def headcount(self) -> int:
        """Persons (or coordinators) the component pays for."""

    @property
    def basis(self) -> Basis:
        """Whether the amount is derived from a standard or was disclosed."""

    @property
    def amount(self) -> Yuan:
        """The component's amount in 元."""

    @property
    def per_capita(self) -> Yuan | None:
        """The per-capita figure rounded to 分 (四舍五入), or None when undefined."""

    @property
    def per_capita_exact(self) -> Fraction | None:
        """The exact per-capita figure in 元, or None when undefined."""

    @property
    def derivation(self) -> str:
        """A short human-readable account of how the amount was derived."""

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``)."""

    def derivation_value(self) -> Derivation:
        """The derivation as a value: operands with units, operator, result, basis."""
