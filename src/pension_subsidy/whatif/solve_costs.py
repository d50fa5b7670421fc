"""What one unit of a solved input costs, and its value now (求解的单位成本).

Every component's amount is linear in each of its inputs, so a solve needs two figures of
the input: the exact amount one unit of it adds (:func:`cost_of`) and its current value
(:func:`current_of`), for the Menyuan classes and any catalogue kind alike.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pension_subsidy.exceptions import Phrase, UnsolvableError
from pension_subsidy.model.components import Component, CoordinatorAllowance, LandLossPension
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.model.kinds import FieldType, field_type
from pension_subsidy.money import Yuan

__all__ = ["cost_of", "current_of", "fixed_part"]


def _generic_cost(component: KindComponent, field: str, text: str) -> Fraction:
    """What one unit of ``field`` adds to the exact amount, from the field table.

    Every formula is linear in each of its fields, so it is amount(1) − amount(0).
    """
    if field == "amount":
        return Fraction(1)
    if component.disclosed_amount is not None:  # headcount: the disclosed per-capita figure
        exact = component.per_capita_exact
        if exact is None:
            said: dict[str, object] = {"text": text, "key": component.key}
            raise UnsolvableError(code="solve.no_per_capita", params=said, target=text)
        return exact
    scalars = {f.name for f in component.fields if f.type is not FieldType.ROWS}
    kind = field_type(field)
    if (field not in scalars and "[" not in field) or kind is FieldType.SHARE:
        what = Phrase("solve.a_share" if kind is FieldType.SHARE else "solve.per_row")
        said = {"text": text, "field": field, "key": component.key, "what": what}
        raise UnsolvableError(code="solve.not_one_value", params=said, target=text)
    one, zero = (Yuan(1), Yuan(0)) if kind is FieldType.MONEY else (1, 0)
    return (
        component.with_value(field, one).exact_amount
        - component.with_value(field, zero).exact_amount
    )


def _generic_fixed(component: KindComponent, field: str) -> Yuan:
    """The component's amount with ``field`` at 0: what the other rows add (0 for a scalar)."""
    if "[" not in field:
        return Yuan(0)
    zero: Yuan | int = Yuan(0) if field_type(field) is FieldType.MONEY else 0
    return Yuan.rounded(component.with_value(field, zero).exact_amount)


def _generic_current(component: KindComponent, field: str) -> Yuan | int | None:
    if field == "amount":
        return component.amount
    value = component.value_of(field) if field != "headcount" else component.headcount
    return None if value is None or isinstance(value, Decimal) else value


def _current(component: Component, field: str) -> Yuan | int | None:
    if field == "headcount":
        return component.headcount
    if isinstance(component, CoordinatorAllowance):
        return {"villages": component.villages, "per_village": component.per_village}.get(
            field, component.per_coordinator
        )
    if field == "monthly" and isinstance(component, LandLossPension):
        return component.monthly_standard
    if field == "months" and isinstance(component, LandLossPension):
        return component.months
    if field == "amount":
        return component.amount
    return component.per_capita


def _cost_per_unit(component: Component, field: str, text: str) -> Fraction:
    """The exact amount one unit of the input adds (amount = round(value × this))."""
    if isinstance(component, CoordinatorAllowance):
        per_coordinator = Fraction(component.per_coordinator.value)
        return {
            "villages": component.per_village * per_coordinator,
            "per_village": component.villages * per_coordinator,
        }.get(field, Fraction(component.headcount))
    if isinstance(component, LandLossPension) and field in ("monthly", "months"):
        if field == "monthly":
            return Fraction(component.headcount * (component.months or 12))
        if component.monthly_standard is None:
            said = {"text": text, "key": component.key}
            raise UnsolvableError(code="solve.no_monthly", params=said, target=text)
        return component.headcount * Fraction(component.monthly_standard.value)
    if field == "headcount":
        exact = component.per_capita_exact
        if exact is None:
            said = {"text": text, "key": component.key}
            raise UnsolvableError(code="solve.no_per_capita_persons", params=said, target=text)
        return exact
    if field == "amount":
        return Fraction(1)
    if not hasattr(component, "per_capita_standard"):
        said = {"text": text}
        raise UnsolvableError(code="solve.by_grade", params=said, target=text)
    return Fraction(component.headcount)


def cost_of(component: Component, field: str, text: str) -> Fraction:
    """The exact amount one unit of ``field`` adds to ``component``'s amount."""
    if isinstance(component, KindComponent):
        return _generic_cost(component, field, text)
    return _cost_per_unit(component, field, text)


def current_of(component: Component, field: str) -> Yuan | int | None:
    """The current value of ``field`` of ``component`` (None when it has none)."""
    if isinstance(component, KindComponent):
        return _generic_current(component, field)
    return _current(component, field)


def fixed_part(component: Component, field: str) -> Yuan:
    """What the rest of ``component`` adds when ``field`` is one row's (0 otherwise)."""
    if isinstance(component, KindComponent):
        return _generic_fixed(component, field)
    return Yuan(0)
