"""What every component offers (:class:`Component`) and how its amount is known (:class:`Basis`)."""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import ClassVar, Protocol, runtime_checkable

from pension_subsidy.model.derivation_words import Language
from pension_subsidy.money import Yuan

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
    """

    key: ClassVar[str]
    name_zh: ClassVar[str]
    name_en: ClassVar[str]
    headcount_unit: ClassVar[str]

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
