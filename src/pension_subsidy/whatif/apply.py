"""Applying overrides (情景测算): a budget with headcounts, standards or appropriations changed.

Several overrides apply in order, each to the result of the one before; whole persons are
rounded half up (四舍五入) from the exact result and money to the 分.

>>> from pension_subsidy import load_dataset
>>> scenario = apply_overrides(load_dataset(), ["severe_disability_proxy.per_capita=60"])
>>> scenario.project("county_supporting_fund").total
Yuan('1689500.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.exceptions import (
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidOverrideError,
    detail_of,
)
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.components import (
    Component,
    CoordinatorAllowance,
    LandLossPension,
    TieredContributionSubsidy,
)
from pension_subsidy.model.fen import half_up, rounded_yuan, scaled_yuan
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.model.kinds import FieldType, field_type
from pension_subsidy.model.replace import replace_fields
from pension_subsidy.money import MAX_NUMBER, Yuan, round_half_up
from pension_subsidy.whatif.overrides import PER_PERSON_KINDS, Override, resolve

__all__ = ["apply_override", "apply_overrides"]


# -- applying overrides ---------------------------------------------------------------------
_MAX_COUNT = int(MAX_NUMBER)


def _whole(override: Override, exact: Fraction) -> int:
    """Whole persons (villages, months): rounded half up (四舍五入) once, from the exact result."""
    numerator, denominator = exact.numerator, exact.denominator
    if abs(numerator) > _MAX_COUNT * denominator:
        # not shown: a count compounded past every bound can have thousands of digits
        said = {"override": str(override)}
        raise InvalidOverrideError(code="apply.count_too_large", params=said, text=str(override))
    if numerator >= 0:
        return half_up(numerator, denominator)
    return int(round_half_up(exact, Decimal(1)))  # half away from zero


def _count(override: Override, base: int) -> int:
    exact = override.change.apply(Fraction(base))
    if override.change.kind == "set" and exact.denominator != 1:
        said: dict[str, object] = {
            "target": str(override.target),
            "got": repr(override.change.text),
        }
        raise InvalidOverrideError(code="apply.whole", params=said, text=str(override))
    result = _whole(override, exact)
    if result < 0:
        said = {"override": str(override), "result": result, "base": base}
        raise InvalidOverrideError(code="apply.negative_count", params=said, text=str(override))
    return result


def _money(override: Override, base: Fraction) -> Yuan:
    exact = override.change.apply(base)
    if override.change.kind == "set" and (exact * 100).denominator != 1:
        said: dict[str, object] = {
            "target": str(override.target),
            "got": repr(override.change.text),
        }
        raise InvalidOverrideError(code="apply.whole_fen", params=said, text=str(override))
    result = rounded_yuan(exact)  # a relative change is rounded to 分 half up (四舍五入)
    if result < 0:
        said = {"override": str(override), "result": result}
        raise InvalidOverrideError(code="apply.negative_amount", params=said, text=str(override))
    return result


def _percent_only(override: Override, what: str, key: str | None = None) -> Fraction:
    if override.change.kind != "percent" and key is not None:
        rows = "tiers" if what in ("payers", "subsidy_yuan") else "bands"
        said = {"override": str(override), "what": what, "key": key, "rows": rows}
        raise InvalidOverrideError(code="apply.rows_percent", params=said, text=str(override))
    if override.change.kind != "percent":
        said = {"override": str(override), "what": what}
        raise InvalidOverrideError(code="apply.grades_percent", params=said, text=str(override))
    return override.change.exact_factor


def _evolve(component: Any, **changes: Any) -> Component:
    """``attrs.evolve`` for components, re-checking only the changed fields (same result)."""
    changed: Component = replace_fields(component, **changes)
    return changed


def _per_person(override: Override, component: Any) -> Component:
    field = override.target.field
    change = override.change
    if field == "headcount":
        return _evolve(component, headcount=_count(override, component.headcount))
    cleared: dict[str, Any] = {"per_capita_standard": None, "disclosed_amount": None}
    cleared["disclosed_headcount"] = None
    if isinstance(component, LandLossPension):
        cleared |= {"monthly_standard": None, "months": None}
    if field == "amount":
        amount = _money(override, Fraction(component.amount.value))
        changes = cleared | {"disclosed_amount": amount, "disclosed_headcount": component.headcount}
        return _evolve(component, **changes)
    if field == "per_capita":
        if change.relative and component.disclosed_amount is not None:
            # Keep the disclosed basis: scale the disclosed amount, so that its exact per-capita
            # figure changes by exactly the factor (or the difference), rounded once to 分.
            held = component.disclosed_headcount
            if change.kind == "percent":
                amount = scaled_yuan(component.disclosed_amount, change.exact_factor)
            elif held:
                base = Fraction(component.disclosed_amount.value)
                amount = rounded_yuan(base + Fraction(change.amount) * held)
            else:
                said = {"override": str(override), "key": component.key}
                raise InvalidOverrideError(
                    code="apply.no_per_capita", params=said, text=str(override)
                )
            if amount < 0:
                said = {"override": str(override), "amount": amount}
                raise InvalidOverrideError(
                    code="apply.gives_negative", params=said, text=str(override)
                )
            return _evolve(component, disclosed_amount=amount)
        base = component.per_capita_exact or Fraction(0)
        standard = _money(override, base)
        return _evolve(component, **cleared | {"per_capita_standard": standard})
    assert isinstance(component, LandLossPension)  # resolve() admits only fields_of(component)
    if field == "monthly":
        if change.relative and component.monthly_standard is None:
            said = {"override": str(override), "key": component.key}
            raise InvalidOverrideError(code="apply.no_monthly", params=said, text=str(override))
        base = (
            Fraction(component.monthly_standard.value)
            if component.monthly_standard
            else Fraction(0)
        )
        monthly = _money(override, base)
        return LandLossPension.monthly(
            headcount=component.headcount, monthly=monthly, months=component.months or 12
        )
    if component.monthly_standard is None or component.months is None:
        said = {"override": str(override), "key": component.key}
        raise InvalidOverrideError(code="apply.no_months", params=said, text=str(override))
    return LandLossPension.monthly(
        headcount=component.headcount,
        monthly=component.monthly_standard,
        months=_count(override, component.months),
    )


#: A share is kept to 0.0001 % (a relative change of 10 % can give 12.345 6… %).
_SHARE_PLACES = Decimal("0.0001")


def _share(override: Override, base: Decimal) -> Decimal:
    exact = override.change.apply(Fraction(base))
    if exact < 0:
        said = {"override": str(override), "share": round_half_up(exact, _SHARE_PLACES)}
        raise InvalidOverrideError(code="apply.negative_share", params=said, text=str(override))
    return round_half_up(exact, _SHARE_PLACES).normalize()


def _new_value(override: Override, current: int | Yuan | Decimal) -> int | Yuan | Decimal:
    """The new value of one field from its current value, by the field's type."""
    kind = field_type(override.target.field)
    if kind is FieldType.SHARE:
        assert isinstance(current, Decimal)  # a share is kept as a Decimal of percent
        return _share(override, current)
    if isinstance(current, Yuan):
        return _money(override, Fraction(current.value))
    assert isinstance(current, int)  # counts are whole numbers
    return _count(override, current)


def _generic(override: Override, component: KindComponent) -> Component:
    """Any catalogue kind, from its formula's field table (no code per kind).

    ``amount`` turns the component into a disclosed amount for its headcount; a scalar or
    one row's field (``bands[0].headcount``) takes the new value; a column of every row
    (``headcount`` of each band) changes in proportion, each row rounded on its own.
    """
    field = override.target.field
    if field == "amount":
        amount = _money(override, Fraction(component.amount.value))
        return KindComponent(
            kind=component.kind, headcount=component.headcount, disclosed_amount=amount
        )
    if component.disclosed_amount is not None:  # fields: headcount (and amount, above)
        return replace_fields(component, headcount_given=_count(override, component.headcount))
    scalars = {f.name for f in component.fields if f.type is not FieldType.ROWS}
    if field in scalars or "[" in field:
        current = component.value_of(field)
        assert current is not None  # a field of the formula (resolve() checked the name)
        return component.with_value(field, _new_value(override, current))
    factor = _percent_only(override, field, component.key)
    values = [
        _whole(override, value * factor)
        if isinstance(value, int)
        else Yuan.rounded(Fraction(value.value) * factor)
        for value in component.column(field)
        if value is not None
    ]
    return component.with_column(field, values)


def _apply_to_component(override: Override, component: Component) -> Component:
    field = override.target.field
    try:
        if isinstance(component, KindComponent):
            return _generic(override, component)
        if isinstance(component, PER_PERSON_KINDS):
            return _per_person(override, component)
        if isinstance(component, CoordinatorAllowance):
            if field == "per_capita":
                money = _money(override, Fraction(component.per_coordinator.value))
                return _evolve(component, per_coordinator=money)
            if field == "villages":
                return _evolve(component, villages=_count(override, component.villages))
            return _evolve(component, per_village=_count(override, component.per_village))
        assert isinstance(component, TieredContributionSubsidy)  # the one other kind
        factor = _percent_only(override, field)
        if field == "headcount":
            tiers = [
                attrs.evolve(tier, payers=_whole(override, tier.payers * factor))
                for tier in component.tiers
            ]
        else:
            tiers = [
                attrs.evolve(tier, subsidy=Yuan.rounded(Fraction(tier.subsidy.value) * factor))
                for tier in component.tiers
            ]
        return TieredContributionSubsidy(tiers=tiers)
    except (InvalidAmountError, InvalidHeadcountError) as error:
        said = {"target": str(override), "problem": detail_of(error)}
        code = "override.at"
        raise InvalidOverrideError(code=code, params=said, text=str(override)) from None


def apply_override(budget: Budget, override: Override) -> Budget:
    """A copy of ``budget`` with one override applied.

    A result beyond the bounds of money (10^15 元) or of counts raises
    :class:`~pension_subsidy.InvalidOverrideError` naming the override.
    """
    project, component = resolve(budget, override.target)
    try:
        if component is None:
            appropriation = _money(override, Fraction(project.appropriation.value))
            changed_project = attrs.evolve(project, appropriation=appropriation)
        else:
            changed = _apply_to_component(override, component)
            components = [changed if c is component else c for c in project.components]
            changed_project = project.with_components(components)
        _ = changed_project.total  # its amounts and total, computed while the override is known
    except (InvalidAmountError, InvalidHeadcountError) as error:
        said = {"target": str(override), "problem": detail_of(error)}
        code = "override.at"
        raise InvalidOverrideError(code=code, params=said, text=str(override)) from None
    return budget.replace_project(changed_project)


def apply_overrides(budget: Budget, overrides: Iterable[Override | str]) -> Budget:
    """A copy of ``budget`` with every override applied in order (none: the same budget)."""
    for override in overrides:
        parsed = Override.parse(override) if isinstance(override, str) else override
        budget = apply_override(budget, parsed)
    return budget
