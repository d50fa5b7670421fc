"""The derivation of a catalogue kind's amount, in words (按公式计算的说明): one form per formula.

``KindComponent.derivation_in`` says it; the words themselves (元, 人, persons, …) are
:mod:`~pension_subsidy.model.derivation_words`'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pension_subsidy.model.derivation import (
    Derivation,
    Group,
    Label,
    Operand,
    backward_derivation,
    headcount_operand,
)
from pension_subsidy.model.derivation_words import Language, _money, _words
from pension_subsidy.model.formula_exact import _given
from pension_subsidy.model.kinds import Formula
from pension_subsidy.model.tiered import grades_derivation

if TYPE_CHECKING:
    from pension_subsidy.model.formula import KindComponent

__all__ = ["derivation_of", "derivation_value_of"]


def derivation_of(component: KindComponent, language: Language) -> str:  # noqa: PLR0911 — one return per formula
    """How ``component``'s amount was computed in ``language`` (``"zh"`` or ``"en"``).

    >>> from pension_subsidy.model.kinds import bundled_kinds
    >>> from pension_subsidy.model.formula import KindComponent
    >>> share = KindComponent(kind=bundled_kinds().get("disability_contribution_subsidy"),
    ...                       headcount=420, base_yuan="100", share="12.5%")
    >>> derivation_of(share, "en")
    '420 persons × 100.00 yuan × 12.5% = 5,250.00 yuan'
    """
    words = _words(language)
    unit = _unit(component, language)
    total = _money(component.amount, language)
    if component.disclosed_amount is not None:
        return _backward(component, language)
    formula = component.formula
    if formula is Formula.PER_PERSON_YEAR:
        return f"{component.headcount}{unit} × {component.per_capita_yuan}{words['yuan']} = {total}"
    if formula is Formula.PER_PERSON_MONTH:
        return (
            f"{component.headcount}{unit} × {component.monthly_yuan}{words['yuan_per_month']} × "
            f"{component.months}{words['months']} = {total}"
        )
    if formula is Formula.PER_UNIT:
        return (
            f"{component.units}{words['units']} × {component.per_unit}"
            f"{words['per_unit']} × {component.per_person_yuan}{words['yuan']} "
            f"= {total}"
        )
    if formula is Formula.BY_GRADE:
        tiers = _given(component.tiers)
        if not tiers:
            return f"{words['no_grades']}{total}"
        parts = " + ".join(
            f"{tier.grade}{words['grade']}{tier.payers}{words['persons']} × "
            f"{tier.subsidy}{words['yuan']}"
            for tier in tiers
        )
        return f"{parts} = {total}"
    if formula is Formula.SHARE_OF:
        return (
            f"{component.headcount}{unit} × {component.base_yuan}{words['yuan']} × "
            f"{_given(component.share).normalize():f}% = {total}"
        )
    if formula is Formula.BY_AGE_BAND:
        parts = " + ".join(
            f"{band.describe(language)} {band.headcount}{unit} × {band.monthly_yuan}"
            f"{words['yuan_per_month']}"
            for band in _given(component.bands)
        )
        return f"({parts}) × {component.months}{words['months']} = {total}"
    return f"{component.events}{words['events']} × {component.grant_yuan}{words['yuan']} = {total}"


def _unit(component: KindComponent, language: Language) -> str:
    if component.headcount_unit == "人":
        return _words(language)["persons"]
    return f" {component.headcount_unit}"


def _backward(component: KindComponent, language: Language) -> str:
    words = _words(language)
    unit = _unit(component, language)
    disclosed = _given(component.disclosed_amount)
    per_capita = component.per_capita
    if per_capita is None:
        return f"{_money(disclosed, language)} ÷ 0{unit}: {words['no_per_capita']}"
    if component.headcount == component.disclosed_headcount:
        per = (
            words["yuan_per_person"]
            if component.headcount_unit == "人"
            else f"{words['yuan']}/{component.headcount_unit}"
        )
        return (
            f"{_money(disclosed, language)} ÷ {component.headcount}{unit} = {per_capita}{per}"
            f"{words['backward']}"
        )
    return (
        f"{component.headcount}{unit} × ({_money(disclosed, language)} ÷ "
        f"{component.disclosed_headcount}{unit}) = {_money(component.amount, language)} "
        f"{words['at_disclosed']}{per_capita}{words['rounded_once']}"
    )


def derivation_value_of(component: KindComponent) -> Derivation:
    """How ``component``'s amount was computed, as a value (one form per formula)."""
    if component.disclosed_amount is not None:
        return backward_derivation(
            headcount=component.headcount,
            headcount_unit=component.headcount_unit,
            disclosed=component.disclosed_amount,
            disclosed_headcount=_given(component.disclosed_headcount),
            per_capita=component.per_capita,
            amount=component.amount,
        )
    formula = component.formula
    total = Operand(component.amount, "yuan")
    if formula is Formula.BY_GRADE:
        return grades_derivation(_given(component.tiers), component.amount)
    if formula is Formula.BY_AGE_BAND:
        lines = tuple(
            Group(
                "×",
                (
                    headcount_operand(band.headcount, component.headcount_unit),
                    Operand(band.monthly_yuan, "yuan_per_month"),
                ),
                label=Label("ages", band.from_age, band.to_age),
            )
            for band in _given(component.bands)
        )
        months = Operand(_given(component.months), "months")
        return Derivation("×", (Group("+", lines), months), total)
    return Derivation("×", _product(component), total)


def _product(component: KindComponent) -> tuple[Operand, ...]:
    """The factors of a formula that is one product."""
    formula = component.formula
    counted = headcount_operand(component.headcount, component.headcount_unit)
    if formula is Formula.PER_PERSON_YEAR:
        return (counted, Operand(_given(component.per_capita_yuan), "yuan_each"))
    if formula is Formula.PER_PERSON_MONTH:
        monthly = Operand(_given(component.monthly_yuan), "yuan_per_month")
        return (counted, monthly, Operand(_given(component.months), "months"))
    if formula is Formula.PER_UNIT:
        return (
            Operand(_given(component.units), "units"),
            Operand(_given(component.per_unit), "per_unit"),
            Operand(_given(component.per_person_yuan), "yuan_each"),
        )
    if formula is Formula.SHARE_OF:
        base = Operand(_given(component.base_yuan), "yuan_each")
        return (counted, base, Operand(_given(component.share), "percent"))
    return (
        Operand(_given(component.events), "events"),
        Operand(_given(component.grant_yuan), "yuan_each"),
    )
