"""The what-if results as documents: ``scenario``, ``solve``, ``forecast``, ``sensitivity``.

Each builder reads the result's JSON-ready form (its ``.data()``) and says it in the language
of ``locale`` with the shared words of :mod:`pension_subsidy.output._document_words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pension_subsidy.model.budget import Budget
from pension_subsidy.money import Yuan
from pension_subsidy.output._document_words import (
    WORDS,
    money_cell,
    percent_cell,
    project_name,
    status_cell,
)
from pension_subsidy.output.document import Cell, Document, Table, Year
from pension_subsidy.output.language import (
    Localised,
    format_yuan,
    is_chinese,
    label,
    language_of,
    pick,
)
from pension_subsidy.output.roster_text import component_name
from pension_subsidy.output.whatif_names import target_name
from pension_subsidy.output.whatif_text import render_forecast, render_solution
from pension_subsidy.whatif.comparison import ScenarioComparison
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import SensitivityTable
from pension_subsidy.whatif.solve import Solution

__all__ = ["forecast_document", "scenario_document", "sensitivity_document", "solve_document"]


def _component_label(report: Mapping[str, Any], project: str, key: str, locale: Localised) -> str:
    for item in report.get("projects", []):
        if item["key"] != project:
            continue
        for component in item.get("components", []):
            if component["key"] == key:
                return f"{pick(component['name_zh'], component['name_en'], locale)} [{key}]"
    return f"{component_name(key, locale)} [{key}]"


def scenario_document(comparison: ScenarioComparison, locale: Localised = None) -> Document:
    """A scenario against its baseline: each project and component that changed."""
    data = comparison.data()
    baseline = data["baseline"]
    overrides = [str(override) for override in data.get("overrides", [])]
    line = (
        WORDS("overrides", locale, overrides="; ".join(overrides))
        if overrides
        else WORDS("no_overrides", locale)
    )
    rows: list[tuple[Cell, ...]] = []
    for change in data["changes"]:
        if change["level"] == "project":
            name = project_name(baseline, change["key"], locale)
        else:
            name = "  " + _component_label(baseline, change["project"], change["key"], locale)
        rows.append(
            (
                name,
                money_cell(change["baseline_yuan"]),
                money_cell(change["scenario_yuan"]),
                money_cell(change["change_yuan"]),
                percent_cell(change["change_percent"]),
                status_cell(change.get("baseline_status"), locale),
                status_cell(change.get("scenario_status"), locale),
            )
        )
    keys = (
        "item",
        "baseline_yuan",
        "scenario_yuan",
        "change_yuan",
        "change_percent",
        "baseline_status",
        "scenario_status",
    )
    table = Table(WORDS("changes", locale), tuple(WORDS(key, locale) for key in keys), tuple(rows))
    return Document(WORDS("scenario", locale), (line,), (table,))


def solve_document(solution: Solution, locale: Localised = None) -> Document:
    """The value that keeps the project within its appropriation, with its derivation."""
    data = solution.data()
    unit = data["unit"]
    lines = (
        # the answer as the text says it: the input named, the value and unit in the language
        render_solution(solution, locale).splitlines()[0],
        f"{label('derivation', locale)}{'：' if is_chinese(locale) else ': '}"
        + solution.derivation_in(language_of(locale)),
    )
    next_total = WORDS("next_total", locale)
    if solution.target.is_count:
        next_total = WORDS("next_total_count", locale, unit=unit)
    rows: tuple[tuple[Cell, ...], ...] = (
        (label("appropriation", locale), money_cell(data["appropriation_yuan"])),
        (label("total", locale), money_cell(data["total_yuan"])),
        (label("headroom", locale), money_cell(data["headroom_yuan"])),
        (next_total, money_cell(data["next_total_yuan"])),
    )
    headers = (WORDS("item", locale), label("amount_yuan", locale))
    project = project_name(solution.budget.data(), solution.project_key, locale)
    return Document(WORDS("solve", locale), lines, (Table(project, headers, rows),))


def forecast_document(outlook: Forecast, locale: Localised = None) -> Document:
    """Each forecast year and project: total, appropriation, headroom and status."""
    data = outlook.data()
    rows: list[tuple[Cell, ...]] = []
    report: Mapping[str, Any] = {"projects": []}
    for year in data["years"]:
        report = {"projects": year["projects"]}
        for project in year["projects"]:
            rows.append(
                (
                    Year(year["year"]),
                    project_name(report, project["key"], locale),
                    money_cell(project["total_yuan"]),
                    money_cell(project["appropriation_yuan"]),
                    money_cell(project["headroom_yuan"]),
                    status_cell(project["status"], locale),
                )
            )
    # the base year and growth rates as the text says them, then how the figures are rounded
    lines = [
        render_forecast(outlook, locale).splitlines()[0],
        outlook.rounding_in(language_of(locale)),
    ]
    for key, year in data["first_over"].items():
        name = project_name(report, key, locale)
        if year is None:
            lines.append(WORDS("never_over", locale, project=name))
        else:
            overrun = format_yuan(Yuan(data["first_over_by_yuan"][key]), locale)
            lines.append(WORDS("first_over", locale, project=name, year=year, overrun=overrun))
    keys = ("year", "project", "total", "appropriation", "headroom", "status")
    table = Table(WORDS("forecast", locale), tuple(label(key, locale) for key in keys), tuple(rows))
    return Document(WORDS("forecast", locale), tuple(lines), (table,))


def sensitivity_document(
    table: SensitivityTable, locale: Localised = None, *, budget: Budget | None = None
) -> Document:
    """The tornado table: each input's project total at −p % and +p %, widest swing first.

    With the ``budget`` the table was computed from, projects and inputs are named as the
    text names them (``县级缴费补贴·人数 [contribution_subsidy.headcount]``); without it, by
    their keys.
    """
    data = table.data()
    report: Mapping[str, Any] = {} if budget is None else budget.data()
    rows = tuple(
        (
            project_name(report, item["project"], locale),
            item["input"] if budget is None else target_name(row.target, budget, locale),
            money_cell(item["base_total_yuan"]),
            money_cell(item["low_total_yuan"]),
            money_cell(item["high_total_yuan"]),
            money_cell(item["low_change_yuan"]),
            money_cell(item["high_change_yuan"]),
            money_cell(item["swing_yuan"]),
        )
        for row, item in zip(table.rows, data["rows"], strict=True)
    )
    percent = data["percent"]
    keys = (
        "project",
        "input",
        "base_total",
        "low_total",
        "high_total",
        "low_change",
        "high_change",
        "swing",
    )
    headers = tuple(
        label(key, locale) if key == "project" else WORDS(key, locale, percent=percent)
        for key in keys
    )
    title = WORDS("sensitivity", locale, percent=percent)
    return Document(title, (), (Table(title, headers, rows),))
