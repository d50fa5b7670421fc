"""The disclosure table laid out for writing: rows in order, header repeats, amounts, cells.

Every writer (text, CSV, Markdown, HTML, ``.xlsx``) reads the same layout, so they agree on
what a row holds and in which unit the amounts are shown.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from pension_subsidy.disclosure.model import Disclosure, OutlineEntry
from pension_subsidy.disclosure.outline import paragraphs
from pension_subsidy.money import Yuan


@attrs.frozen
class _DataRow:
    code: str
    name: str
    amount: Yuan | None
    goals: tuple[str, ...]
    outline: tuple[OutlineEntry, ...]


@attrs.frozen
class _Layout:
    """The table in row order: title lines, then header rows and data rows."""

    title: tuple[str, ...]
    header: tuple[str, ...]
    #: None stands for a (repeated) header row
    rows: tuple[_DataRow | None, ...]
    amount_unit: str


def _layout(disclosure: Disclosure) -> _Layout:
    data: list[_DataRow] = []
    for unit in disclosure.budget.units:
        data.append(_DataRow(unit.code, unit.name_zh, unit.stated_total, (), ()))
        data += [
            _DataRow(
                "",
                project.name_zh,
                project.appropriation,
                project.goals,
                disclosure.outline(project),
            )
            for project in unit.projects
        ]
    rows: list[_DataRow | None] = []
    headers = set(disclosure.header_rows) or {0}
    for index, row in enumerate(data):
        if index in headers:
            rows.append(None)
        rows.append(row)
    if any(index >= len(data) for index in headers):
        rows.append(None)  # a header row after the last data row, as the table had it
    header = (
        "单位编码",
        "单位及项目名称",
        f"金额 ({disclosure.amount_unit})",
        "绩效目标",
        "绩效指标",
    )
    title = tuple(disclosure.title.split("\n")) if disclosure.title else ()
    return _Layout(title, header, tuple(rows), disclosure.amount_unit)


def _amount_text(amount: Yuan | None, unit: str) -> str:
    if amount is None:
        return ""
    value = amount.wan if unit == "万元" else amount.value
    cents = value.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == value else f"{value:f}"


def _p_cell(items: tuple[str, ...]) -> str:
    return " ".join(f"<p>{item.replace('&', '&amp;').replace('<', '&lt;')}</p>" for item in items)


def _line_cell(items: tuple[str, ...]) -> str:
    """Paragraphs one per line, unless one of them would read back as a ``<p>`` tag."""
    joined = "\n".join(items)
    if paragraphs(joined) == items and "&" not in joined:
        return joined
    return _p_cell(items)


def _texts(row: _DataRow) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return row.goals, tuple(entry.text for entry in row.outline)
