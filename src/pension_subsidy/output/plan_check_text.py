"""A plan checked against itself, as text in Chinese or English (绩效目标与测算数对照).

The text form of :func:`~pension_subsidy.plan_check` for people: statuses, labels and the
names of projects and components in the language of ``locale`` (``zh_CN`` by default, or
``en``), with each key in brackets; amounts in 万元 to two places rounded 四舍五入, as every
command shows 万元. Indicator names are the plan's own words and stay as written.

>>> from pension_subsidy import load_dataset, plan_check
>>> budget = load_dataset()
>>> print(render_plan_check(budget, plan_check(budget), "en").splitlines()[1])
warning  Pension collection and payment work funds [work_funds] · 单位工作运转成本: target ≤13.80 wan yuan, appropriation 8.50 wan yuan, difference -5.30 wan yuan
"""  # noqa: E501 — a doctest's expected line is as long as the line it checks

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pension_subsidy._text import display_width
from pension_subsidy.evaluation.plan_check import FindingKind, FindingStatus, PlanFinding
from pension_subsidy.exceptions import UnknownKeyError
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.output.language import (
    SEVERITIES,
    LabelTable,
    Localised,
    format_number,
    is_chinese,
    pick,
)

__all__ = ["PLAN_UNITS", "figure_label", "render_plan_check", "status_label"]

_text: LabelTable[str] = LabelTable(
    {
        "title": ("绩效目标与测算数对照", "Performance targets against the computed figures"),
        "none": ("（无与测算数对应的目标）", "(no target restates a figure of the fund model)"),
        "target": ("目标", "target"),
        "difference": ("差额", "difference"),
        "project_total": ("项目合计", "project total"),
        "appropriation": ("预算金额", "appropriation"),
        "remainder": ("未列明用途金额", "unitemised remainder"),
        "headcount": ("{name} [{key}] 人数", "{name} [{key}] headcount"),
        "insured": ("{project} {indicator}", "{indicator} in {project}"),
    }
)

_STATUSES: LabelTable[FindingStatus] = LabelTable(
    {
        FindingStatus.OK: ("一致", "ok"),
        # the one word per severity (警告 = warning), as audit says it
        FindingStatus.WARNING: SEVERITIES.labels["warning"],
        FindingStatus.MISMATCH: ("不一致", "mismatch"),
    }
)

#: The plan check's units in words (万元: wan yuan), by the unit as the targets write it.
PLAN_UNITS: LabelTable[str] = LabelTable(
    {
        "万元": ("万元", "wan yuan"),
        "元": ("元", "yuan"),
        "人": ("人", "persons"),
        "次": ("次", "times"),
        "天": ("天", "days"),
    }
)

#: Places shown for amounts of money, as the report shows 元 and 万元.
_MONEY_PLACES = 2
_STATUS_WIDTH = 8


def _project(budget: Budget, key: str, locale: Localised) -> str:
    try:
        project: Project = budget.project(key)
    except UnknownKeyError:  # a finding from another budget: show its key as it is
        return key
    name = pick(project.name_zh, project.name_en, locale)
    return f"{name} [{key}]"


def _component(key: str, locale: Localised) -> str:
    kind = COMPONENT_TYPES.get(key)
    if kind is None:  # a component the catalogue does not know: its key as it is
        return key
    return pick(kind.name_zh, kind.name_en, locale)


def _figure_label(finding: PlanFinding, budget: Budget, locale: Localised) -> str:
    if finding.kind is FindingKind.COST_CEILING:
        return _text("project_total", locale)
    if finding.kind is FindingKind.COST_WITHIN_APPROPRIATION:
        return _text("appropriation", locale)
    if finding.kind is FindingKind.COST_WITHIN_REMAINDER:
        return _text("remainder", locale)
    if finding.kind is FindingKind.HEADCOUNT and finding.component is not None:
        name = _component(finding.component, locale)
        return _text("headcount", locale, name=name, key=finding.component)
    if finding.other_project is None or finding.other_indicator is None:
        return finding.figure_label
    project = _project(budget, finding.other_project, locale)
    return _text("insured", locale, project=project, indicator=finding.other_indicator)


def _places(value: Decimal, unit: str) -> int:
    if unit in ("万元", "元"):
        return _MONEY_PLACES
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _quantity(value: Decimal, unit: str, locale: Localised, *, signed: bool = False) -> str:
    number = format_number(value, locale, places=_places(value, unit))
    if signed and value > 0:
        number = "+" + number
    shown = PLAN_UNITS.get(unit, locale, default=unit)
    return number + shown if shown == "%" else f"{number} {shown}"


def _status(status: FindingStatus, locale: Localised) -> str:
    text = _STATUSES(status, locale)
    return text + " " * max(_STATUS_WIDTH + 1 - display_width(text), 1)


def _line(finding: PlanFinding, budget: Budget, locale: Localised) -> str:
    zh = is_chinese(locale)
    colon, comma = ("：", "，") if zh else (": ", ", ")
    comparator = finding.comparator.value if finding.comparator is not None else ""
    target = comparator + _quantity(finding.target, finding.unit, locale)
    return (
        f"{_status(finding.status, locale)}{_project(budget, finding.project, locale)} · "
        f"{finding.indicator}{colon}{_text('target', locale)} {target}{comma}"
        f"{_figure_label(finding, budget, locale)} "
        f"{_quantity(finding.figure, finding.unit, locale)}{comma}"
        f"{_text('difference', locale)} "
        f"{_quantity(finding.difference, finding.unit, locale, signed=True)}"
    )


def status_label(status: FindingStatus, locale: Localised = None) -> str:
    """The word for a plan-check status: 一致 / 警告 / 不一致, or ok / warning / mismatch."""
    return _STATUSES(status, locale)


def figure_label(finding: PlanFinding, budget: Budget, locale: Localised = None) -> str:
    """What the target is compared with (项目合计, 预算金额, a component's headcount …)."""
    return _figure_label(finding, budget, locale)


def render_plan_check(
    budget: Budget, findings: Sequence[PlanFinding], locale: Localised = None
) -> str:
    """The findings of a plan check as text, one line each, under a title."""
    lines = [_text("title", locale)]
    lines += [_line(finding, budget, locale) for finding in findings]
    if not findings:
        lines.append(_text("none", locale))
    return "\n".join(lines) + "\n"
