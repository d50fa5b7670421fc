"""A report's plans against its actuals: a stated overrun (超支) checked, an unstated one noted."""

from __future__ import annotations

from collections.abc import Sequence

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.forms.model import Figure
from pension_subsidy.forms.prose_figures import (
    base_of,
    exact_of,
    in_unit,
    prose_finding,
    subject_of,
    what_of,
)

__all__ = ["check_overruns"]

_OVERRUN_NAMES = frozenset({"overrun"})

_Key = tuple[str | None, str | None, str]


def _key(figure: Figure) -> _Key:
    dimension = base_of(figure)
    return figure.area, subject_of(figure), dimension[0] if dimension else ""


def _by_role(figures: Sequence[Figure]) -> tuple[dict[_Key, Figure], ...]:
    """The first plan, actual and stated overrun of each area, label and dimension."""
    plans: dict[_Key, Figure] = {}
    actuals: dict[_Key, Figure] = {}
    overruns: dict[_Key, Figure] = {}
    for figure in figures:
        if base_of(figure) is None or figure.level is not None:
            continue
        if figure.name in _OVERRUN_NAMES:
            overruns.setdefault(_key(figure), figure)
        elif figure.basis == "plan":
            plans.setdefault(_key(figure), figure)
        elif figure.basis == "actual":
            actuals.setdefault(_key(figure), figure)
    return plans, actuals, overruns


def check_overruns(figures: Sequence[Figure]) -> list[Finding]:
    """Plan vs actual of the same area and label, and the overrun stated for them."""
    findings = []
    plans, actuals, overruns = _by_role(figures)
    for key, plan in plans.items():
        actual = actuals.get(key)
        if actual is None or (key[1] is None and key[0] is None):
            continue
        stated = overruns.get(key)
        finding = (
            _unstated(key, plan, actual)
            if stated is None
            else _misstated(key, plan, actual, stated)
        )
        if finding is not None:
            findings.append(finding)
    return findings


def _unstated(key: _Key, plan: Figure, actual: Figure) -> Finding | None:
    """An actual above its plan (beyond rounding) with no overrun stated."""
    planned, plan_slack = exact_of(plan)
    spent, spent_slack = exact_of(actual)
    difference = spent - planned
    if difference <= plan_slack + spent_slack:
        return None
    what = what_of(plan)
    return prose_finding(
        "prose_overrun_unstated",
        Severity.WARNING,
        f"{what}：实际 {actual.text} 超过计划 {plan.text} "
        f"{in_unit(difference, plan.unit)}，报告未说明超支",
        f"{what}: the actual {actual.text} exceeds the plan {plan.text} by "
        f"{in_unit(difference, plan.unit)} and no overrun is stated",
        [plan, actual],
        area=key[0],
        plan=plan.text,
        actual=actual.text,
        difference=in_unit(difference, plan.unit),
    )


def _misstated(key: _Key, plan: Figure, actual: Figure, stated: Figure) -> Finding | None:
    """A stated overrun that is not actual − plan, or one where the actual is within the plan."""
    planned, plan_slack = exact_of(plan)
    spent, spent_slack = exact_of(actual)
    overrun, overrun_slack = exact_of(stated)
    difference = spent - planned
    slack = plan_slack + spent_slack + overrun_slack
    if not (difference <= 0 < overrun or abs(overrun - difference) > slack):
        return None
    what = what_of(plan)
    return prose_finding(
        "prose_overrun",
        Severity.ERROR,
        f"{what}：超支写为 {stated.text}，但实际 {actual.text} − 计划 {plan.text} = "
        f"{in_unit(difference, plan.unit)}",
        f"{what}: the overrun is stated as {stated.text}, but actual {actual.text} − "
        f"plan {plan.text} = {in_unit(difference, plan.unit)}",
        [plan, actual, stated],
        area=key[0],
        at=stated,
        plan=plan.text,
        actual=actual.text,
        stated_overrun=stated.text,
        computed_overrun=in_unit(difference, plan.unit),
    )
