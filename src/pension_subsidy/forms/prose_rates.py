"""A report's rates: execution rate against executed ÷ budget, headcounts against targets."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.forms.model import Figure
from pension_subsidy.forms.precision import half_unit, shown
from pension_subsidy.forms.prose_figures import (
    BUDGET_NAMES,
    EXECUTED_NAMES,
    UNIT_PERSONS,
    base_of,
    before,
    exact_of,
    percent_of,
    prose_finding,
    sentence_of,
    subject_of,
    what_of,
)

__all__ = ["check_headcounts", "check_rates"]

_RATE_NAMES = frozenset({"execution_rate"})
_COMPLETION_NAMES = frozenset({"completion_rate", "rate"})


def _off(stated: Figure, percent: Fraction, slack: Fraction) -> bool:
    """Whether a stated percentage lies further from the recomputed one than rounding allows."""
    return abs(Fraction(stated.value) - percent) > half_unit(stated.value) + slack


def check_rates(figures: Sequence[Figure]) -> list[Finding]:
    """Each stated execution rate against the budget and executed figures before it."""
    findings = []
    for index, rate in enumerate(figures):
        if rate.name not in _RATE_NAMES:
            continue
        budget = before(figures, index, _is_budget, rate.area)
        executed = before(figures, index, _is_executed, rate.area)
        if budget is None or executed is None:
            continue
        recomputed = percent_of(executed, budget)
        if recomputed is None or not _off(rate, *recomputed):
            continue
        computed = recomputed[0]
        findings.append(
            prose_finding(
                "prose_execution_rate",
                Severity.ERROR,
                f"执行率写为 {rate.text}，但执行数 {executed.text} ÷ 预算数 {budget.text} = "
                f"{shown(computed)}%",
                f"the execution rate is stated as {rate.text}, but executed {executed.text} "
                f"÷ budget {budget.text} = {shown(computed)}%",
                [budget, executed, rate],
                area=rate.area,
                at=rate,
                stated_percent=rate.text,
                computed_percent=computed,
                budget=budget.text,
                executed=executed.text,
            )
        )
    return findings


def _is_budget(figure: Figure) -> bool:
    return (
        figure.name in BUDGET_NAMES
        and figure.basis == "plan"
        and figure.level is None
        and base_of(figure) is not None
    )


def _is_executed(figure: Figure) -> bool:
    return (
        figure.name in EXECUTED_NAMES
        and figure.basis == "actual"
        and figure.level is None
        and base_of(figure) is not None
    )


def _headcount_pairs(figures: Sequence[Figure]) -> list[tuple[str | None, str, Figure, Figure]]:
    """(area, what, target, completed) of the headcounts of the same area and label."""
    targets: dict[tuple[str | None, str | None], Figure] = {}
    done: dict[tuple[str | None, str | None], Figure] = {}
    for figure in figures:
        if figure.kind != "headcount" or figure.unit not in UNIT_PERSONS:
            continue
        key = (figure.area, subject_of(figure))
        if figure.basis == "plan":
            targets.setdefault(key, figure)
        elif figure.basis == "actual":
            done.setdefault(key, figure)
    return [
        (key[0], what_of(target) or "人数", target, done[key])
        for key, target in targets.items()
        if key in done
    ]


def check_headcounts(figures: Sequence[Figure]) -> list[Finding]:
    """Completed against target headcounts: a stated completion rate checked, a shortfall noted."""
    findings = []
    rates = [f for f in figures if f.name in _COMPLETION_NAMES and f.kind == "rate"]
    for area, what, target, completed in _headcount_pairs(figures):
        recomputed = percent_of(completed, target)
        if recomputed is None:
            continue
        percent = recomputed[0]
        stated = next(
            (f for f in rates if f.area == area and sentence_of(f) == sentence_of(completed)),
            None,
        )
        if stated is not None and _off(stated, *recomputed):
            findings.append(
                prose_finding(
                    "prose_headcount",
                    Severity.ERROR,
                    f"{what}：完成率写为 {stated.text}，但完成 {completed.text} ÷ 目标 "
                    f"{target.text} = {shown(percent)}%",
                    f"{what}: the completion is stated as {stated.text}, but completed "
                    f"{completed.text} ÷ target {target.text} = {shown(percent)}%",
                    [target, completed, stated],
                    area=area,
                    at=stated,
                    target=target.text,
                    completed=completed.text,
                    stated_percent=stated.text,
                    computed_percent=percent,
                )
            )
        elif exact_of(completed)[0] < exact_of(target)[0]:
            findings.append(
                prose_finding(
                    "prose_headcount",
                    Severity.INFO,
                    f"{what}：目标 {target.text}，完成 {completed.text}（{shown(percent)}%），"
                    "未达目标，应说明原因",
                    f"{what}: target {target.text}, completed {completed.text} "
                    f"({shown(percent)}%): short of the target, a reason is due",
                    [target, completed],
                    area=area,
                    target=target.text,
                    completed=completed.text,
                    computed_percent=percent,
                )
            )
    return findings
