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
from typing import Any, Literal

import attrs

from pension_subsidy.exceptions import InvalidOverrideError, UnsolvableError
from pension_subsidy.model.budget import Budget, Project, Status
from pension_subsidy.model.components import Language
from pension_subsidy.model.data import report_data
from pension_subsidy.model.kinds import FieldType, Formula, formula_fields
from pension_subsidy.money import MAX_NUMBER, ROUND_FLOOR, Yuan
from pension_subsidy.whatif.apply import apply_override, apply_overrides
from pension_subsidy.whatif.overrides import Change, Override, Target, resolve
from pension_subsidy.whatif.solve_costs import cost_of, current_of, fixed_part
from pension_subsidy.whatif.solve_words import SolveDerivation, _show

__all__ = ["Solution", "SolveDerivation", "solve"]

#: Half a 分: an exact amount below A + ½分 rounds (四舍五入) to at most A.
_HALF_FEN = Fraction(1, 200)


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
    if component is None:
        return _appropriation_needed(budget, parsed, holder)
    text = str(parsed)
    others = holder.total - component.amount + fixed_part(component, parsed.field)
    allowance = holder.appropriation - others
    if allowance < 0:
        said = {
            "text": text,
            "project": holder.key,
            "others": others.value,
            "appropriation": holder.appropriation.value,
        }
        raise UnsolvableError(code="solve.none_fits", params=said, target=text)
    cost = cost_of(component, parsed.field, text)
    if cost == 0:
        said = {"text": text, "field": parsed.field}
        raise UnsolvableError(code="solve.all_fit", params=said, target=text)
    value, step, kind = _answer(parsed, Fraction(allowance.value), cost)
    solved = apply_override(budget, Override(parsed, Change("set", _as_decimal(value))))
    check = solved.project(holder.key).check()
    assert check.status is not Status.OVER  # by construction; the tests check it independently
    return Solution(
        target=parsed,
        project_key=holder.key,
        value=value,
        baseline_value=current_of(component, parsed.field),
        budget=solved,
        appropriation=holder.appropriation,
        total=check.total,
        next_total=_next_total(budget, Override(parsed, step), holder.key),
        steps=SolveDerivation(
            kind=kind, appropriation=holder.appropriation, result=value, others=others, cost=cost
        ),
    )


def _appropriation_needed(budget: Budget, target: Target, holder: Project) -> Solution:
    """The appropriation a (scenario) project needs: its total."""
    needed = holder.total
    solved = apply_override(budget, Override(target, Change("set", needed.value)))
    return Solution(
        target=target,
        project_key=holder.key,
        value=needed,
        baseline_value=holder.appropriation,
        budget=solved,
        appropriation=needed,
        total=needed,
        next_total=None,
        steps=SolveDerivation(kind="appropriation", appropriation=needed, result=needed),
    )


def _answer(
    target: Target, allowance: Fraction, cost: Fraction
) -> tuple[Yuan | int, Change, Literal["count", "money"]]:
    """The largest value within ``allowance``, the override one step more, and its kind."""
    if not target.is_count:
        money, step = _money_answer(allowance, cost)
        return money, step, "money"
    text = str(target)
    # amount = round_half_up(n × cost) ≤ A  ⟺  n × cost < A + ½分
    count = math.ceil((allowance + _HALF_FEN) / cost) - 1
    if count >= MAX_NUMBER:
        said = {"text": text, "cost": _show(cost), "field": target.field}
        raise UnsolvableError(code="solve.every_count", params=said, target=text)
    if target.field == "per_village" and count < 1:
        said = {"text": text}
        raise UnsolvableError(code="solve.no_coordinator", params=said, target=text)
    return count, Change("set", Decimal(count + 1)), "count"


def _next_total(budget: Budget, step: Override, project: str) -> Yuan | None:
    """The project total one step beyond the answer (None beyond the bounds of money)."""
    try:
        return apply_override(budget, step).project(project).total
    except InvalidOverrideError:  # one step more lies beyond the bounds of money or counts
        return None


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
