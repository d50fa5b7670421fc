"""The contribution subsidy by grade (按缴费档次的缴费补贴): Σ payers per grade × subsidy."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import ClassVar

import attrs

from pension_subsidy.exceptions import InvalidAmountError
from pension_subsidy.model.component_checks import _non_negative, _to_yuan, _whole
from pension_subsidy.model.component_protocol import Basis
from pension_subsidy.model.derivation import Derivation, Group, Label, Operand
from pension_subsidy.model.derivation_words import Language, _money, _words
from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.model.per_person import ContributionSubsidy
from pension_subsidy.money import Yuan, round_half_up

__all__ = ["GradeTier", "TieredContributionSubsidy", "grades_derivation"]


@attrs.frozen
class GradeTier:
    """One contribution grade (缴费档次): its payers and the subsidy per payer."""

    grade: Yuan = attrs.field(converter=_to_yuan, validator=_non_negative)
    payers: int = attrs.field(validator=_whole)
    subsidy: Yuan = attrs.field(converter=_to_yuan, validator=_non_negative)

    @property
    def amount(self) -> Yuan:
        """Payers × subsidy."""
        return self.subsidy * self.payers


_AT = "TieredContributionSubsidy.tiers: "


def _tiers(value: Iterable[object]) -> tuple[GradeTier, ...]:
    tiers: list[GradeTier] = []
    for tier in value:
        if not isinstance(tier, GradeTier):
            said = {"at": _AT, "type": "GradeTier", "got": repr(tier)}
            raise InvalidAmountError(code="component.items", params=said, field="tiers", value=tier)
        tiers.append(tier)
    grades = [tier.grade for tier in tiers]
    if len(set(grades)) != len(grades):
        said = {"at": _AT, "grades": str([str(g) for g in grades])}
        raise InvalidAmountError(
            code="component.grade_twice", params=said, field="tiers", value=grades
        )
    return tuple(sorted(tiers, key=lambda tier: tier.grade))


@attrs.frozen
class TieredContributionSubsidy:
    """Contribution subsidy by grade: Σ payers per grade × subsidy per grade.

    >>> tiered = TieredContributionSubsidy(tiers=[
    ...     GradeTier(grade="100", payers=1000, subsidy="30"),
    ...     GradeTier(grade="500", payers=200, subsidy="60"),
    ... ])
    >>> tiered.headcount, tiered.amount, tiered.per_capita
    (1200, Yuan('42000.00'), Yuan('35.00'))
    >>> tiered.derivation
    '100.00 元档 1000 人 × 30.00 元 + 500.00 元档 200 人 × 60.00 元 = 42,000.00 元'
    """

    key: ClassVar[str] = "contribution_subsidy"
    name_zh: ClassVar[str] = ContributionSubsidy.name_zh
    name_en: ClassVar[str] = ContributionSubsidy.name_en
    headcount_unit: ClassVar[str] = "人"

    tiers: tuple[GradeTier, ...] = attrs.field(converter=_tiers)

    @property
    def headcount(self) -> int:
        """All payers."""
        return sum(tier.payers for tier in self.tiers)

    @property
    def kind(self) -> ComponentKind:
        """The catalogue entry of the component's kind (``data/kinds/kinds.toml``)."""
        return bundled_kinds().get(self.key)

    @property
    def formula(self) -> Formula:
        """``by_grade``: Σ payers per grade × its subsidy."""
        return Formula.BY_GRADE

    @property
    def basis(self) -> Basis:
        """Always a standard."""
        return Basis.STANDARD

    @property
    def amount(self) -> Yuan:
        """Σ payers × subsidy."""
        return sum((tier.amount for tier in self.tiers), Yuan(0))

    @property
    def per_capita_exact(self) -> Fraction | None:
        """Average subsidy per payer (None with no payers)."""
        if not self.headcount:
            return None
        return Fraction(self.amount.value) / self.headcount

    @property
    def per_capita(self) -> Yuan | None:
        """Average subsidy per payer rounded to 分 (None with no payers)."""
        exact = self.per_capita_exact
        return None if exact is None else Yuan(round_half_up(exact))

    def derivation_value(self) -> Derivation:
        """The derivation as a value: Σ each grade's payers × subsidy."""
        return grades_derivation(self.tiers, self.amount)

    @property
    def derivation(self) -> str:
        """Each grade's payers × subsidy, summed."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from the values."""
        words = _words(language)
        if not self.tiers:
            return f"{words['no_grades']}{_money(Yuan(0), language)}"
        parts = " + ".join(
            f"{tier.grade}{words['grade']}{tier.payers}{words['persons']} × "
            f"{tier.subsidy}{words['yuan']}"
            for tier in self.tiers
        )
        return f"{parts} = {_money(self.amount, language)}"


def grades_derivation(tiers: tuple[GradeTier, ...], amount: Yuan) -> Derivation:
    """Σ each grade's payers × subsidy = ``amount`` (an empty sum with no grades)."""
    lines = tuple(
        Group(
            "×",
            (Operand(tier.payers, "persons"), Operand(tier.subsidy, "yuan_each")),
            label=Label("grade", tier.grade),
        )
        for tier in tiers
    )
    return Derivation("+", lines, Operand(amount, "yuan"))
