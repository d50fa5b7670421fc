"""A roster tally (the ``roster`` command's JSON) as a document: components, townships."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pension_subsidy.money import Yuan
from pension_subsidy.output._document_words import WORDS, money_cell, project_name, status_cell
from pension_subsidy.output.document import Cell, Document, Table
from pension_subsidy.output.language import Localised, format_yuan, is_chinese, label
from pension_subsidy.output.roster_text import (
    BUNDLED_RULES,
    component_name,
    detail_text,
    reason_text,
)
from pension_subsidy.roster.classify import Rejection

__all__ = ["roster_document"]


def _roster_lines(data: Mapping[str, Any], locale: Localised) -> list[str]:
    """What the roster's text says above its figures: rules, day, rows, total, notes."""
    colon = "：" if is_chinese(locale) else ": "
    rules = data.get("rules")
    lines = []
    if rules is not None:
        bundled = rules == BUNDLED_RULES
        lines.append(
            WORDS("example_rules", locale) if bundled else WORDS("rules", locale, rules=rules)
        )
    if data.get("as_of_stated") and data.get("as_of"):
        lines.append(WORDS("as_of", locale, date=data["as_of"]))
    lines.append(
        WORDS(
            "rows",
            locale,
            read=data["rows_read"],
            accepted=data["accepted"],
            rejected=data["rejected"],
        )
    )
    total = format_yuan(Yuan(data["total_yuan"]), locale)
    lines.append(f"{label('total', locale)}{colon}{total} {label('yuan', locale)}")
    if data.get("back_payments"):
        lines.append(WORDS("back_payments", locale, count=data["back_payments"]))
    if data.get("duplicate_check") is False:
        lines.append(WORDS("no_duplicates", locale))
    return lines


def _line_of(rejection: Rejection) -> int:
    """A rejected row's line: the rows are listed in the roster's order (duplicates come late)."""
    return rejection.line


def roster_document(
    data: Mapping[str, Any], locale: Localised = None, *, shown: Sequence[Rejection] = ()
) -> Document:
    """A roster tally (the ``roster`` command's JSON): by component, by township, rejections.

    Each rejection reason is given by its code and, in the language of ``locale``, in words
    (``bad_date``, 日期无效); ``shown`` are rejected rows listed one by one with their line
    and detail (the command keeps the first ten), and a line says how many more there are.
    """
    lines = _roster_lines(data, locale)
    tables = [_component_table(data, locale), _township_table(data, locale)]
    rejections = tuple(
        (reason_text(reason, locale), reason, count)
        for reason, count in data.get("rejections", {}).items()
    )
    if rejections:
        headers = tuple(WORDS(key, locale) for key in ("reason", "reason_code", "count"))
        tables.append(Table(WORDS("rejections", locale), headers, rejections))
    if shown:
        tables.append(_rejected_rows_table(shown, locale))
        if data["rejected"] > len(shown):
            lines.append(WORDS("rejected_more", locale, count=data["rejected"] - len(shown)))
    if "report" in data:
        tables.append(_report_table(data["report"], locale))
    return Document(WORDS("roster", locale), tuple(lines), tuple(tables))


def _component_table(data: Mapping[str, Any], locale: Localised) -> Table:
    """Each component's persons and amount, then the total (when there is a component)."""
    components = tuple(
        (
            f"{component_name(item['key'], locale)} [{item['key']}]",
            item["headcount"],
            money_cell(item["amount_yuan"]),
        )
        for item in data["components"]
    )
    total: tuple[tuple[Cell, ...], ...] = ()
    if components:
        total = ((label("total", locale), None, money_cell(data["total_yuan"])),)
    headers = (label("component", locale), WORDS("persons", locale), label("amount_yuan", locale))
    return Table(WORDS("by_component", locale), headers, components + total)


def _township_table(data: Mapping[str, Any], locale: Localised) -> Table:
    """Each township's persons and amount, in the JSON's order."""
    towns = tuple(
        (town, item["persons"], money_cell(item["amount_yuan"]))
        for town, item in data.get("by_township", {}).items()
    )
    headers = (WORDS("township", locale), WORDS("persons", locale), label("amount_yuan", locale))
    return Table(WORDS("by_township", locale), headers, towns)


def _rejected_rows_table(shown: Sequence[Rejection], locale: Localised) -> Table:
    """The rejected rows given, by line: the reason in words and by code, the detail."""
    rows = tuple(
        (
            str(rejection.line),  # a line number, not a count: no thousands separator
            reason_text(rejection.reason, locale),
            str(rejection.reason),
            detail_text(rejection, locale),
        )
        for rejection in sorted(shown, key=_line_of)
    )
    headers = tuple(WORDS(key, locale) for key in ("line", "reason", "reason_code", "detail"))
    return Table(WORDS("rejected_rows", locale, count=len(shown)), headers, rows)


def _report_table(report: Mapping[str, Any], locale: Localised) -> Table:
    """``roster --report``: each project of the roster-built budget against its appropriation."""
    rows = tuple(
        (
            project_name(report, project["key"], locale),
            money_cell(project["total_yuan"]),
            money_cell(project["appropriation_yuan"]),
            money_cell(project["headroom_yuan"]),
            status_cell(project["status"], locale),
        )
        for project in report["projects"]
    )
    keys = ("project", "total", "appropriation", "headroom", "status")
    return Table(WORDS("roster_report", locale), tuple(label(key, locale) for key in keys), rows)
