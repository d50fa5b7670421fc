"""The budget report: every project, component and check, for people and for programs.

:func:`report_data` gives the JSON contract that other programs rely on (keys are only ever
added, never changed); :func:`render_report` gives it as text or JSON.

>>> from pension_subsidy import load_dataset
>>> print(render_report(load_dataset(), format="json")[:46])
{
  "dataset": "menyuan-2022",
  "year": 2022,
"""

from __future__ import annotations

from typing import Literal

from babel import Locale

from pension_subsidy.model.budget import Budget, Project, ProjectCheck
from pension_subsidy.model.data import component_data, project_data, report_data
from pension_subsidy.money import Yuan
from pension_subsidy.output.derivations import derivation_words
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.language import (
    format_count,
    format_percent,
    format_wan,
    format_yuan,
    is_chinese,
    label,
    pick,
    pick_with_original,
)
from pension_subsidy.output.report_funding import area_lines, project_lines

__all__ = ["component_data", "project_data", "render_report", "report_data"]


def _status(check: ProjectCheck, locale: Locale | str | None) -> str:
    return label(f"status_{check.status.value}", locale)


def _yuan_wan(amount: Yuan, locale: Locale | str | None) -> str:
    """``1,757,000.00 元 (175.70 万元)``: the amount in 元 and, after it, in 万元."""
    yuan, wan = label("yuan", locale), label("wan", locale)
    return f"{format_yuan(amount, locale)} {yuan} ({format_wan(amount, locale=locale)} {wan})"


def _render_text(budget: Budget, locale: Locale | str | None) -> str:
    unit = budget.unit
    unit_name = pick(unit.name_zh, unit.name_en, locale)
    lines = [
        pick(budget.title_zh, budget.title_en, locale),
        f"{label('unit', locale)}: {unit.code} {unit_name}  {label('year', locale)}: {budget.year}",
    ]
    if not is_chinese(locale):
        lines.append(label("wan_legend", locale))
    lines.append("")
    for project in unit.projects:
        lines += _project_text(project, locale)
        lines += project_lines(project, locale)  # nothing when the project states neither
        lines.append("")
    lines.append(f"{label('unit_total', locale)}: {_yuan_wan(unit.total, locale)}")
    if unit.stated_total is not None:
        differs = (
            "" if unit.stated_total == unit.total else f"  ≠ {label('stated_differs', locale)}"
        )
        lines.append(
            f"{label('stated_total', locale)}: {_yuan_wan(unit.stated_total, locale)}{differs}"
        )
    areas = area_lines(budget, locale)  # nothing when no unit lists areas
    if areas:
        lines += ["", *areas[:-1]]
    return "\n".join(lines) + "\n"


def _project_text(project: Project, locale: Locale | str | None) -> list[str]:
    """A project's components with their derivations, its total and check, any overrun."""
    yuan = label("yuan", locale)
    check = project.check()
    name = pick_with_original(project.name_zh, project.name_en, locale)
    lines = [f"■ {name} [{project.key}]"]
    if not project.components:
        lines.append(f"    {label('not_itemised', locale)}")
    for component in project.components:
        component_name = pick(component.name_zh, component.name_en, locale)
        per_capita = component.per_capita
        # headcount, per-capita and amount side by side, not as a product: a disclosed
        # amount ÷ headcount gives a rounded per-capita that does not multiply back
        lines.append(
            f"    {component_name}: {format_count(component.headcount, locale)} "
            f"{label('persons', locale)}, {label('per_capita_short', locale)} "
            f"{'—' if per_capita is None else format_yuan(per_capita, locale)} {yuan}, "
            f"{label('amount_short', locale)} {_yuan_wan(component.amount, locale)}"
        )
        derivation = derivation_words(component.derivation_value(), locale)
        lines.append(f"        {label('derivation', locale)}: {derivation}")
    utilisation = "—" if check.utilisation is None else format_percent(check.utilisation, locale)
    lines += [
        f"    {label('total', locale)}: {_yuan_wan(check.total, locale)}",
        f"    {label('appropriation', locale)}: {_yuan_wan(check.appropriation, locale)}",
        f"    {label('headroom', locale)}: {_yuan_wan(check.headroom, locale)}",
        f"    {label('utilisation', locale)}: {utilisation}"
        f"  {label('status', locale)}: {_status(check, locale)}",
    ]
    if check.overrun is not None:
        names = {c.key: pick(c.name_zh, c.name_en, locale) for c in project.components}
        drivers = ", ".join(
            f"{names[share.key]} {format_yuan(share.attributed_overrun or Yuan(0), locale)} {yuan}"
            for share in check.drivers
        )
        lines.append(
            f"    {label('overrun', locale)}: {format_yuan(check.overrun, locale)} {yuan}; "
            f"{label('drivers', locale)}: {drivers}"
        )
    return lines


def render_report(
    budget: Budget,
    *,
    format: Literal["text", "json"] = "text",
    locale: Locale | str | None = None,
) -> str:
    """The report as text (labels and numbers in ``locale``) or as JSON."""
    if format == "json":
        return to_json(report_data(budget))
    return _render_text(budget, locale)
