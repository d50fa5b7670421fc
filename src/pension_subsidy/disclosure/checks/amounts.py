"""Checks of amounts: unit totals, components, count × standard, per-capita figures.

A unit's total against its projects, the components against the appropriation, a count ×
standard against its stated amount, and per-capita figures no standard can have produced.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from pension_subsidy.disclosure.checks.finding import (
    Finding,
    Location,
    Severity,
    indicator_text,
    line_name,
    projects_of,
    wan,
    where,
)
from pension_subsidy.disclosure.checks.indicators import cost_ceilings, money_target
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.model.budget import Project, Unit
from pension_subsidy.model.components import Basis, Component
from pension_subsidy.model.indicators import Comparator, Level2
from pension_subsidy.money import FEN, Yuan, round_half_up

__all__ = [
    "PER_CAPITA_STEP",
    "check_components_vs_appropriation",
    "check_counts_times_standards",
    "check_per_capita",
    "check_unit_totals",
    "per_capita_interval",
]

#: The step of a plausible per-capita standard: a whole 角 (0.1 元).
PER_CAPITA_STEP = Decimal("0.1")


def _unit_total(disclosure: Disclosure, unit: Unit) -> Finding | None:
    if unit.stated_total is None:
        return None
    children = [other for other in disclosure.budget.units if other.parent == unit.code]
    if unit.projects:
        computed, parts_zh, parts_en = unit.total, "各项目金额之和", "the sum of its projects"
    elif children:
        computed = sum((child.stated_total or child.total for child in children), Yuan(0))
        parts_zh, parts_en = "下属单位金额之和", "the sum of its sub-units"
    else:
        return None
    if computed == unit.stated_total:
        return None
    stated, difference = unit.stated_total, unit.stated_total - computed
    return Finding(
        code="unit.total_mismatch",
        severity=Severity.ERROR,
        location=where(disclosure, unit),
        message_zh=(
            f"单位金额{wan(stated)}万元不等于{parts_zh}{wan(computed)}万元"
            f"（相差{wan(difference)}万元）"
        ),
        message_en=(
            f"the unit's amount of {wan(stated)} wan yuan is not {parts_en}, "
            f"{wan(computed)} wan yuan (difference {wan(difference)} wan yuan)"
        ),
        values={
            "stated_yuan": str(stated),
            "computed_yuan": str(computed),
            "difference_yuan": str(difference),
        },
    )


def check_unit_totals(disclosure: Disclosure) -> list[Finding]:
    """A unit's stated amount must equal Σ its projects (or Σ its sub-units' amounts)."""
    found = (_unit_total(disclosure, unit) for unit in disclosure.budget.units)
    return [finding for finding in found if finding is not None]


def _single_standard(project: Project) -> bool:
    return len(project.components) == 1 and project.components[0].basis is Basis.STANDARD


def check_components_vs_appropriation(disclosure: Disclosure) -> list[Finding]:
    """Σ components vs the appropriation: over is an error; an unitemised rest a warning.

    The warning says when the rest equals another line of the table, such as a cost ceiling
    (a publicity-cost ceiling of the same amount suggests where the rest goes).
    """
    findings = []
    for unit, project in projects_of(disclosure):
        if not project.itemised or _single_standard(project):
            continue  # a single standard is checked by check_counts_times_standards
        check = project.check()
        location = where(disclosure, unit, project)
        if check.overrun is not None:
            findings.append(_over(project, check.total, check.overrun, location))
        elif not check.headroom.is_zero():
            findings.append(_unitemised(unit, project, check.headroom, location))
    return findings


def _over(project: Project, components: Yuan, overrun: Yuan, location: Location) -> Finding:
    appropriation = project.appropriation
    return Finding(
        code="project.components_over",
        severity=Severity.ERROR,
        location=location,
        message_zh=(
            f"各项构成合计{wan(components)}万元，超过项目金额{wan(appropriation)}万元"
            f"{wan(overrun)}万元"
        ),
        message_en=(
            f"the components add up to {wan(components)} wan yuan, {wan(overrun)} wan yuan "
            f"over the project's {wan(appropriation)} wan yuan"
        ),
        values={
            "components_yuan": str(components),
            "appropriation_yuan": str(appropriation),
            "overrun_yuan": str(overrun),
        },
    )


def _unitemised(unit: Unit, project: Project, rest: Yuan, location: Location) -> Finding:
    matches = [
        (project, indicator) for indicator, amount in cost_ceilings(project) if amount == rest
    ]
    if not matches:
        matches = [
            (other, indicator)
            for other in unit.projects
            if other is not project
            for indicator, amount in cost_ceilings(other)
            if amount == rest
        ]
    components = project.total
    zh = (
        f"各项构成合计{wan(components)}万元，项目金额{wan(project.appropriation)}万元，"
        f"未列明用途{wan(rest)}万元"
    )
    en = (
        f"the components add up to {wan(components)} wan yuan of the project's "
        f"{wan(project.appropriation)} wan yuan: {wan(rest)} wan yuan are not itemised"
    )
    if matches:
        other, indicator = matches[0]
        same = other is project
        zh += (
            f"，恰等于{'本项目' if same else '“' + other.name_zh + '”的'}成本指标"
            f"“{line_name(indicator)}”"
        )
        en += (
            f"; it equals the cost ceiling {line_name(indicator)!r}"
            f"{' of this project' if same else ' of ' + repr(other.name_zh)}"
        )
    equals = [
        {"project": other.key, "indicator": indicator_text(indicator)}
        for other, indicator in matches
    ]
    return Finding(
        code="project.unitemised_remainder",
        severity=Severity.WARNING,
        location=location,
        message_zh=zh,
        message_en=en,
        values={
            "components_yuan": str(components),
            "appropriation_yuan": str(project.appropriation),
            "remainder_yuan": str(rest),
            "equals": equals,
        },
    )


def _standard_targets(
    project: Project, component: Component
) -> list[tuple[str, str, Yuan, str | None]]:
    """(name zh, name en, amount, indicator) that a count × standard must equal."""
    targets: list[tuple[str, str, Yuan, str | None]] = []
    if _single_standard(project):
        targets.append(("项目金额", "the project's amount", project.appropriation, None))
    for indicator in project.indicators:
        amount = money_target(indicator)
        if (
            amount is not None
            and indicator.level2 is Level2.COST
            and indicator.comparator in (None, Comparator.EQ)
            and amount.value * 2 >= component.amount.value
        ):
            targets.append(("成本指标", "the cost indicator", amount, indicator_text(indicator)))
    return targets


def _standard_mismatch(
    location: Location, component: Component, amount: Yuan, names: tuple[str, str]
) -> Finding:
    name_zh, name_en = names
    difference = amount - component.amount
    return Finding(
        code="standard.amount_mismatch",
        severity=Severity.ERROR,
        location=location,
        message_zh=(
            f"{component.derivation}，与{name_zh}{wan(amount)}万元不符（相差{wan(difference)}万元）"
        ),
        message_en=(
            f"{component.derivation_in('en')} does not match {name_en} of {wan(amount)} "
            f"wan yuan (difference {wan(difference)} wan yuan)"
        ),
        values={
            "component": component.key,
            "computed_yuan": str(component.amount),
            "stated_yuan": str(amount),
            "difference_yuan": str(difference),
        },
    )


def check_counts_times_standards(disclosure: Disclosure) -> list[Finding]:
    """Count × standard (e.g. villages × 600 元) vs the project's amount and its cost line."""
    return [
        _standard_mismatch(
            where(disclosure, unit, project, indicator=text), component, amount, (name_zh, name_en)
        )
        for unit, project in projects_of(disclosure)
        for component in project.components
        if component.basis is Basis.STANDARD
        for name_zh, name_en, amount, text in _standard_targets(project, component)
        if amount != component.amount
    ]


def per_capita_interval(amount: Yuan, precision: Yuan, headcount: int) -> tuple[Fraction, Fraction]:
    """The 元/人 consistent with ``amount`` disclosed to ``precision`` (四舍五入) over persons.

    A disclosed 6.2 万元 stands for any true amount in [61,500, 62,500) 元; over 1,025 persons
    that is [60, 60.9756…) 元 a person:

    >>> low, high = per_capita_interval(Yuan(62000), Yuan(1000), 1025)
    >>> low, high, float(high)
    (Fraction(60, 1), Fraction(2500, 41), 60.97560975609756)
    """
    half = Fraction(precision.value) / 2
    exact = Fraction(amount.value)
    return (exact - half) / headcount, (exact + half) / headcount


def _multiple_within(step: Decimal, low: Fraction, high: Fraction) -> bool:
    """Whether some multiple of ``step`` lies in [low, high)."""
    unit = Fraction(step)
    return math.ceil(low / unit) * unit < high


def check_per_capita(disclosure: Disclosure, step: Decimal = PER_CAPITA_STEP) -> list[Finding]:
    """Disclosed amounts whose rounding leaves no plausible per-capita standard.

    The true amount behind ``6.2万`` lies within half a rounding step of it; divided by the
    headcount that gives an interval of 元/人. If no multiple of ``step`` (a whole 角) lies in
    it, that is reported as info with the interval; if not even a whole 分 does, no standard
    at all can have produced the figure and it is a warning: the amount or headcount is off.
    """
    findings = []
    for unit, project in projects_of(disclosure):
        for component in project.components:
            finding = _per_capita(disclosure, unit, project, component, step)
            if finding is not None:
                findings.append(finding)
    return findings


def _per_capita(
    disclosure: Disclosure, unit: Unit, project: Project, component: Component, step: Decimal
) -> Finding | None:
    source = disclosure.component_source(project, component)
    if (
        source is None
        or source.precision is None
        or not component.headcount
        or component.basis is not Basis.DISCLOSED
    ):
        return None
    low, high = per_capita_interval(component.amount, source.precision, component.headcount)
    if _multiple_within(step, low, high):
        return None
    # No whole-角 standard fits: worth a look (counties share subsidies, so a per-capita
    # figure need not be round). No whole 分 either: impossible.
    severity = Severity.INFO if _multiple_within(FEN, low, high) else Severity.WARNING
    shown_low = round_half_up(low, Decimal("0.0001"))
    shown_high = round_half_up(high, Decimal("0.0001"))
    return Finding(
        code="component.per_capita_implausible",
        severity=severity,
        location=where(disclosure, unit, project, goal=source.clause),
        message_zh=(
            f"{component.name_zh}：{source.amount_text}按四舍五入对应的人均"
            f"在[{shown_low}, {shown_high})元之间，其中没有以{step}元为单位的"
            "标准，金额或人数可能有误"
        ),
        message_en=(
            f"{component.name_en}: {source.amount_text!r} over {component.headcount} persons is "
            f"consistent with [{shown_low}, {shown_high}) yuan a person at the disclosed "
            f"rounding, which holds no standard in steps of {step} yuan"
        ),
        values={
            "component": component.key,
            "headcount": component.headcount,
            "amount_yuan": str(component.amount),
            "precision_yuan": str(source.precision),
            "low_yuan": str(round_half_up(low, Decimal("0.000001"))),
            "high_yuan": str(round_half_up(high, Decimal("0.000001"))),
            "low_exact": str(low),
            "high_exact": str(high),
        },
    )
