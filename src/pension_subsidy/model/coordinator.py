"""The village coordinator allowance (协办员补贴): villages × coordinators per village × 元."""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar

import attrs

from pension_subsidy.model.component_checks import _non_negative, _positive_whole, _to_yuan, _whole
from pension_subsidy.model.component_protocol import Basis
from pension_subsidy.model.derivation import Derivation, Operand
from pension_subsidy.model.derivation_words import Language, _money, _words
from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.money import Yuan

__all__ = ["DEFAULT_COORDINATOR_ALLOWANCE", "CoordinatorAllowance"]


#: The annual allowance per village coordinator (协办员) in the Menyuan table: 600 元.
DEFAULT_COORDINATOR_ALLOWANCE = Yuan(600)


@attrs.frozen
class CoordinatorAllowance:
    """Village coordinator allowance (协办员补贴): villages × coordinators per village × 600 元.

    The headcount is the number of coordinators.

    >>> allowance = CoordinatorAllowance(villages=109)
    >>> allowance.amount, allowance.derivation
    (Yuan('65400.00'), '109 村 × 1 人/村 × 600.00 元 = 65,400.00 元')
    """

    key: ClassVar[str] = "coordinator_allowance"
    name_zh: ClassVar[str] = "村级协办员工作补贴"
    name_en: ClassVar[str] = "Village coordinator allowance"
    headcount_unit: ClassVar[str] = "人"

    villages: int = attrs.field(validator=_whole)
    per_village: int = attrs.field(default=1, validator=_positive_whole)
    per_coordinator: Yuan = attrs.field(
        default=DEFAULT_COORDINATOR_ALLOWANCE, converter=_to_yuan, validator=_non_negative
    )

    @property
    def headcount(self) -> int:
        """The number of coordinators: villages × coordinators per village."""
        return self.villages * self.per_village

    @property
    def kind(self) -> ComponentKind:
        """The catalogue entry of the component's kind (``data/kinds/kinds.toml``)."""
        return bundled_kinds().get(self.key)

    @property
    def formula(self) -> Formula:
        """``per_unit``: villages × coordinators per village × the allowance."""
        return Formula.PER_UNIT

    @property
    def basis(self) -> Basis:
        """Always a standard."""
        return Basis.STANDARD

    @property
    def amount(self) -> Yuan:
        """Villages × per village × per coordinator."""
        return self.per_coordinator * self.headcount

    @property
    def per_capita(self) -> Yuan:
        """The allowance per coordinator."""
        return self.per_coordinator

    @property
    def per_capita_exact(self) -> Fraction:
        """The allowance per coordinator, as a Fraction."""
        return Fraction(self.per_coordinator.value)

    def derivation_value(self) -> Derivation:
        """The derivation as a value: villages × coordinators per village × the allowance."""
        operands = (
            Operand(self.villages, "villages"),
            Operand(self.per_village, "per_village"),
            Operand(self.per_coordinator, "yuan_each"),
        )
        return Derivation("×", operands, Operand(self.amount, "yuan"))

    @property
    def derivation(self) -> str:
        """``109 村 × 1 人/村 × 600.00 元 = 65,400.00 元``."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from the values."""
        words = _words(language)
        return (
            f"{self.villages}{words['villages']} × {self.per_village}{words['per_village']} × "
            f"{self.per_coordinator}{words['yuan']} = {_money(self.amount, language)}"
        )
