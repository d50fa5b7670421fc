"""A report's totals against their parts: sources by level, counties of a city."""

from __future__ import annotations

from collections.abc import Sequence

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.forms.model import Figure
from pension_subsidy.forms.prose_figures import (
    BUDGET_NAMES,
    LEVELS,
    base_of,
    exact_of,
    in_unit,
    is_total,
    near,
    prose_finding,
    subject_of,
    sum_of,
)

__all__ = ["check_area_totals", "check_levels"]


def _off(total: Figure, parts: Sequence[Figure]) -> str | None:
    """The parts' sum quoted in the total's unit when it is not the total (within rounding)."""
    whole, whole_slack = exact_of(total)
    added, parts_slack = sum_of(parts)
    if abs(added - whole) > whole_slack + parts_slack:
        return in_unit(added, total.unit)
    return None


def check_levels(figures: Sequence[Figure]) -> list[Finding]:
    """A planned budget followed by its sources by level (before the next total)."""
    findings = []
    budgets = [
        (index, f)
        for index, f in enumerate(figures)
        if f.name in BUDGET_NAMES and f.basis == "plan" and base_of(f) is not None
    ]
    for position, (index, total) in enumerate(budgets):
        if not is_total(total):
            continue
        stop = next(
            (i for i, f in budgets[position + 1 :] if is_total(f) and near(f.area, total.area)),
            len(figures),
        )
        sources = [
            f
            for i, f in budgets
            if index < i < stop and f.level in LEVELS and near(f.area, total.area)
        ]
        if len(sources) < 2 or (added := _off(total, sources)) is None:
            continue
        terms = " + ".join(f"{f.level} {f.text}" for f in sources)
        findings.append(
            prose_finding(
                "prose_budget_levels",
                Severity.ERROR,
                f"预算 {total.text} 与分级来源之和不符：{terms} = {added}",
                f"the budget {total.text} is not the sum of its sources by level: {terms} = "
                f"{added}",
                [total, *sources],
                area=total.area,
                stated_total=total.text,
                sources={f.level: f.text for f in sources},
                computed_total=added,
            )
        )
    return findings


def check_area_totals(figures: Sequence[Figure]) -> list[Finding]:
    """A total without an area (the city's) against the same quantity of each named area."""
    findings = []
    groups: dict[tuple[str, str, str | None, str], list[Figure]] = {}
    for figure in figures:
        dimension = base_of(figure)
        if dimension is None or figure.level is not None:
            continue
        key = (figure.name, figure.basis, subject_of(figure), dimension[0])
        groups.setdefault(key, []).append(figure)
    for members in groups.values():
        totals = [f for f in members if f.area is None]
        areas: dict[str, Figure] = {}
        for figure in members:
            if figure.area is not None:
                areas.setdefault(figure.area, figure)
        if len(totals) != 1 or len(areas) < 2:
            continue
        total = totals[0]
        if (added := _off(total, list(areas.values()))) is None:
            continue
        terms = " + ".join(f"{area} {f.text}" for area, f in areas.items())
        findings.append(
            prose_finding(
                "prose_area_total",
                Severity.ERROR,
                f"合计 {total.text} 不等于各地之和：{terms} = {added}",
                f"the total {total.text} is not the sum of its areas: {terms} = {added}",
                [total, *areas.values()],
                stated_total=total.text,
                areas={area: f.text for area, f in areas.items()},
                computed_total=added,
            )
        )
    return findings
