"""Solving within a budget (预算约束下的测算): the largest standard or headcount that fits.

For one input of one component, the largest value — to the 分 for money, to the whole person
(village, month) for counts — that keeps its project within its appropriation, all other
inputs held. Exact: the component's amount is linear in the input, so the answer is one
integer division on Fractions, never a float search.

>>> from pension_subsidy import load_dataset
>>> solution = solve(load_dataset(), "poverty_household_proxy.per_capita")
>>> solution.value, solution.total, solution.next_total
(Yuan('28.55'), Yuan('1749964.95'), Yuan('1750034.64'))

The appropriation a scenario needs is its total:

>>> solve(load_dataset(), "county_supporting_fund.appropriation").value
Yuan('1690000.00')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from pension_subsidy.exceptions import InvalidOverrideError, Phrase, UnsolvableError
from pension_subsidy.model.budget import Budget, Status
from pension_subsidy.model.components import (
    Component,
    CoordinatorAllowance,
    LandLossPension,
    Language,
)
from pension_subsidy.model.data import report_data
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.model.kinds import FieldType, Formula, field_type, formula_fields
from pension_subsidy.money import MAX_NUMBER, ROUND_FLOOR, Yuan
from pension_subsidy.whatif.apply import apply_override, apply_overrides
from pension_subsidy.whatif.overrides import Change, Override, Target, resolve

__all__ = ["Solution", "SolveDerivation", "solve"]

#: Half a 分: an exact amount below A + ½分 rounds (四舍五入) to at most A.
_HALF_FEN = Fraction(1, 200)


#: The words of a solve's derivation; the figures are the same in each. ``"record"`` is the
#: form the JSON has always carried (English words with 元 and 分): the commands' contract.
_WORDS: Final[dict[str, dict[str, str]]] = {
    "record": {
        "yuan": " 元",
        "needed": "the appropriation needed is the project total: ",
        "others": " other components",
        "per_unit": " 元 per unit",
        "whole_units": " (whole units, amount rounded 四舍五入 to 分)",
        "down_to_fen": " (down to the 分)",
    },
    "zh": {
        "yuan": " 元",
        "needed": "所需预算金额即项目合计：",
        "others": " 其他构成",
        "per_unit": " 元/单位",
        "whole_units": "（取整数单位，金额四舍五入到分）",
        "down_to_fen": "（向下取至分）",
    },
    "en": {
        "yuan": " yuan",
        "needed": "the appropriation needed is the project total: ",
        "others": " other components",
        "per_unit": " yuan per unit",
        "whole_units": " (whole units, amount rounded half up to the fen)",
        "down_to_fen": " (down to the fen)",
    },
}


@attrs.frozen
class SolveDerivation:
    """How a solve's answer was reached, as its figures; the text is made from them.

    ``kind`` is ``"appropriation"`` (the appropriation needed is the total), ``"count"``
    (whole units: ``(appropriation − others) ÷ cost`` per unit, rounded 四舍五入 to the 分) or
    ``"money"`` (``(appropriation − others) ÷ units``, down to the 分).

    >>> from pension_subsidy import load_dataset
    >>> steps = solve(load_dataset(), "poverty_household_proxy.per_capita").steps
    >>> steps.text_in("en")
    '(1,750,000.00 yuan − 1,551,000.00 yuan other components) ÷ 6,969 = 28.555029… yuan → 28.55 yuan (down to the fen)'
    >>> steps.text_in("zh")
    '(1,750,000.00 元 − 1,551,000.00 元 其他构成) ÷ 6,969 = 28.555029… 元 → 28.55 元（向下取至分）'
    """  # noqa: E501 — a doctest's expected line is as long as the text it checks

    kind: Literal["appropriation", "count", "money"]
    #: The appropriation the answer keeps within (for ``"appropriation"``: the total needed).
    appropriation: Yuan
    #: The answer: money for ``"money"`` and ``"appropriation"``, a count for ``"count"``.
    result: Yuan | int
    #: The other components' total (not for ``"appropriation"``).
    others: Yuan | None = None
    #: The exact amount one unit of the input adds (not for ``"appropriation"``).
    cost: Fraction | None = None

    def text_in(self, language: Language | Literal["record"]) -> str:
        """The derivation in ``language`` (``"zh"``, ``"en"``), or as the JSON records it."""
        words = _WORDS[language]
        yuan = words["yuan"]
        if self.kind == "appropriation":
            return f"{words['needed']}{self.appropriation.value:,.2f}{yuan}"
        assert self.others is not None  # narrowing: only "appropriation" has no others or cost
        assert self.cost is not None
        start = (
            f"({self.appropriation.value:,.2f}{yuan} − {self.others.value:,.2f}{yuan}"
            f"{words['others']}) ÷ {_show(self.cost)}"
        )
        if self.kind == "count":
            return f"{start}{words['per_unit']} → {self.result}{words['whole_units']}"
        exact = Fraction((self.appropriation - self.others).value) / self.cost
        return f"{start} = {_show(exact)}{yuan} → {self.result}{yuan}{words['down_to_fen']}"


@attrs.frozen
class Solution:
    """The answer of :func:`solve`, the budget with it applied, and the proof one step more fails.

    ``value`` is a :class:`~pension_subsidy.Yuan` for money and an ``int`` for counts;
    ``next_total`` is the project total with one 分 (one person) more — over the
    appropriation — or None when solving for the appropriation itself.
    """

    target: Target
    project_key: str
    value: Yuan | int
    baseline_value: Yuan | int | None
    budget: Budget
    appropriation: Yuan
    total: Yuan
    next_total: Yuan | None
    #: How the answer was derived: its figures, as text in any language by :meth:`derivation_in`.
    steps: SolveDerivation

    @property
    def derivation(self) -> str:
        """The derivation as the JSON records it (English words with 元 and 分)."""
        return self.steps.text_in("record")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from its figures."""
        return self.steps.text_in(language)

    @property
    def unit(self) -> str:
        """``元`` for money, ``人``/``村``/``月`` (``次``, ``个`` …) for counts."""
        own = _field_units().get(self.target.field.rsplit(".", 1)[-1])
        if own is not None and self.target.field not in ("headcount", "months"):
            return own
        return {"villages": "村", "months": "月"}.get(
            self.target.field, "人" if self.target.is_count else "元"
        )

    def data(self) -> dict[str, Any]:
        """The answer in JSON shape, with the resulting report (the foundation's contract)."""
        return {
            "target": str(self.target),
            "project": self.project_key,
            "value": str(self.value),
            "unit": self.unit,
            "baseline_value": None if self.baseline_value is None else str(self.baseline_value),
            "appropriation_yuan": str(self.appropriation),
            "total_yuan": str(self.total),
            "headroom_yuan": str(self.appropriation - self.total),
            "next_total_yuan": None if self.next_total is None else str(self.next_total),
            "derivation": self.derivation,
            "report": report_data(self.budget),
        }


def _field_units() -> dict[str, str]:
    """The unit of each count field of the formulas (``events`` 次, ``units`` 个)."""
    units: dict[str, str] = {}
    for formula in Formula:
        for field in formula_fields(formula):
            for each in (field, *field.columns):
                if each.type is FieldType.COUNT:
                    units.setdefault(each.name, each.unit)
    return units


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


def solve(
    budget: Budget,
    target: Target | str,
    *,
    project: str | None = None,
    overrides: Iterable[Override | str] = (),
) -> Solution:
    """The largest value of ``target`` (``KEY.FIELD``) that keeps its project within budget.

    ``overrides`` are applied first (solve within a scenario). ``project`` names the project
    when the component key is ambiguous. For ``PROJECT.appropriation`` the answer is the
    smallest appropriation the (scenario) project needs: its total.

    Raises :class:`~pension_subsidy.UnsolvableError` when no value fits (the other components
    alone exceed the appropriation) or every value does (the input costs nothing).
    """
    parsed = Target.parse(target) if isinstance(target, str) else target
    if project is not None and parsed.project is None and parsed.field != "appropriation":
        parsed = attrs.evolve(parsed, project=project)
    budget = apply_overrides(budget, overrides)
    holder, component = resolve(budget, parsed)
    text = str(parsed)
    if component is None:
        needed = holder.total
        solved = apply_override(budget, Override(parsed, Change("set", needed.value)))
        return Solution(
            target=parsed,
            project_key=holder.key,
            value=needed,
            baseline_value=holder.appropriation,
            budget=solved,
            appropriation=needed,
            total=needed,
            next_total=None,
            steps=SolveDerivation(kind="appropriation", appropriation=needed, result=needed),
        )
    others = holder.total - component.amount
    if isinstance(component, KindComponent):
        # the rest of the component (the other bands or grades) counts with the others
        others += _generic_fixed(component, parsed.field)
    allowance = holder.appropriation - others
    if allowance < Yuan(0):
        said = {
            "text": text,
            "project": holder.key,
            "others": others.value,
            "appropriation": holder.appropriation.value,
        }
        raise UnsolvableError(code="solve.none_fits", params=said, target=text)
    cost = (
        _generic_cost(component, parsed.field, text)
        if isinstance(component, KindComponent)
        else _cost_per_unit(component, parsed.field, text)
    )
    if cost == 0:
        said = {"text": text, "field": parsed.field}
        raise UnsolvableError(code="solve.all_fit", params=said, target=text)
    exact_allowance = Fraction(allowance.value)
    value: Yuan | int
    step: Change
    if parsed.is_count:
        # amount = round_half_up(n × cost) ≤ A  ⟺  n × cost < A + ½分
        count = math.ceil((exact_allowance + _HALF_FEN) / cost) - 1
        if count >= MAX_NUMBER:
            said = {"text": text, "cost": _show(cost), "field": parsed.field}
            raise UnsolvableError(code="solve.every_count", params=said, target=text)
        if parsed.field == "per_village" and count < 1:
            said = {"text": text}
            raise UnsolvableError(code="solve.no_coordinator", params=said, target=text)
        value, step = count, Change("set", Decimal(count + 1))
        kind: Literal["count", "money"] = "count"
    else:
        value, step = _money_answer(exact_allowance, cost)
        kind = "money"
    solved = apply_override(budget, Override(parsed, Change("set", _as_decimal(value))))
    check = solved.project(holder.key).check()
    assert check.status is not Status.OVER  # by construction; the tests check it independently
    try:
        beyond = apply_override(budget, Override(parsed, step))
        next_total: Yuan | None = beyond.project(holder.key).total
    except InvalidOverrideError:  # one step more lies beyond the bounds of money or counts
        next_total = None
    return Solution(
        target=parsed,
        project_key=holder.key,
        value=value,
        baseline_value=(
            _generic_current(component, parsed.field)
            if isinstance(component, KindComponent)
            else _current(component, parsed.field)
        ),
        budget=solved,
        appropriation=holder.appropriation,
        total=check.total,
        next_total=next_total,
        steps=SolveDerivation(
            kind=kind,
            appropriation=holder.appropriation,
            result=value,
            others=others,
            cost=cost,
        ),
    )


def _money_answer(allowance: Fraction, cost: Fraction) -> tuple[Yuan, Change]:
    """The largest amount in 分 that fits, and the override one 分 more."""
    if cost.denominator == 1:
        # amount = value × cost exactly (cost a whole count); floor to the 分
        money = Yuan.rounded(allowance / cost, rounding=ROUND_FLOOR)
    else:
        # a cost finer than the 分 (a share of a base): the largest 分 whose amount, rounded
        # half up (四舍五入) to the 分, fits — value × cost < A + ½分
        money = Yuan.rounded(Fraction(math.ceil((allowance + _HALF_FEN) / cost * 100) - 1, 100))
    # one 分 more, built exactly from whole 分 (beyond the bound of an amount: no proof)
    fen = Fraction(money.value) * 100 + 1
    sign, digits, _ = Decimal(fen.numerator).as_tuple()
    return money, Change("set", Decimal((sign, digits, -2)))


def _as_decimal(value: Yuan | int) -> Decimal:
    """The Decimal behind an answer, for an absolute override."""
    return value.value if isinstance(value, Yuan) else Decimal(value)


def _show(value: Fraction) -> str:
    """A Fraction as a whole number, or to six decimals with '…' when it does not terminate."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    whole, rest = divmod(value.numerator * 10**6, value.denominator)  # truncated, marked …
    sign, digits, _ = Decimal(whole).as_tuple()
    text = f"{Decimal((sign, digits, -6)):,f}".rstrip("0")  # built exactly, not by arithmetic
    return text + ("…" if rest else "")
