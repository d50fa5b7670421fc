"""The budget report as an ``.xlsx`` workbook (needs openpyxl, the ``excel`` extra).

Totals, headroom, shares and 万元 are live formulas (``=SUM(…)``, ``=C7-E7``,
``=ROUND(C7/10000,2)``) saved with their exact results, so a spreadsheet recomputes them
and a program reading values sees the figures.

Two sheets: a summary (汇总) with one row per project — appropriation, total and headroom in
元 and 万元, utilisation, status — and the unit total against the stated total; and the
components (资金构成明细) with headcount, per-capita, amount in 元 and 万元, and the
derivation. Money cells are numbers: 元 as they are, 万元 rounded with 四舍五入 before they
are written (:mod:`~pension_subsidy.output.workbook`); headcounts are integers.

>>> import io, openpyxl
>>> from pension_subsidy import load_dataset
>>> data = render_report_xlsx(load_dataset())
>>> book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
>>> book.sheetnames
['汇总', '资金构成明细']
>>> [cell.value for cell in book["汇总"][7]][:8]
['county_supporting_fund', '城乡居民养老保险县级配套资金', 1750000, 175, 1690000, 169, 60000, 6]
>>> [cell.value for cell in openpyxl.load_workbook(io.BytesIO(data))["汇总"][7]][6:8]
['=C7-E7', '=ROUND(G7/10000,2)']
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel import Locale

from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.money import round_half_up
from pension_subsidy.output.derivations import derivation_words
from pension_subsidy.output.labels import render_label
from pension_subsidy.output.language import (
    Localised,
    is_chinese,
    label,
    pick,
    pick_with_original,
)
from pension_subsidy.output.report_funding import FUNDING_WORDS
from pension_subsidy.output.report_funding_xlsx import has_funding_sheet, write_funding_sheet
from pension_subsidy.output.workbook import (
    PERCENT_FORMAT,
    YUAN_FORMAT,
    SheetWriter,
    load_openpyxl,
    workbook_bytes,
)

__all__ = ["render_report_xlsx"]

# summary sheet: key, name, then (元, 万元) pairs for appropriation, total and headroom
_SUMMARY_WIDTH = 10
_DETAIL_WIDTH = 8
#: A share's stored result: exact far below the 0.01 % it is shown to.
_RATIO_PLACES = Decimal("1e-12")


def _letter(column: int) -> str:
    """The column letter of a column of the summary (A to J)."""
    return "ABCDEFGHIJ"[column - 1]


def _project_name(project: Project, locale: Locale | str | None) -> str:
    return pick_with_original(project.name_zh, project.name_en, locale)


def _heading(writer: SheetWriter, budget: Budget, width: int, locale: Locale | str | None) -> int:
    """Title and unit lines; the number of the last row written."""
    zh = is_chinese(locale)
    unit = budget.unit
    writer.title(1, pick(budget.title_zh, budget.title_en, locale), width)
    unit_name = pick(unit.name_zh, unit.name_en, locale)
    writer.note(
        2,
        f"{label('unit', locale)}: {unit.code} {unit_name}  {label('year', locale)}: "
        f"{budget.year}" + ("" if zh else f"  ({label('wan_legend', locale)})"),
        width,
    )
    return 2


def _summary(writer: SheetWriter, budget: Budget, locale: Locale | str | None) -> None:
    top = _heading(writer, budget, _SUMMARY_WIDTH, locale) + 1
    yuan, wan = label("yuan", locale), label("wan", locale)
    # a two-row header: each money figure is merged over its 元 and 万元 columns
    writer.header(top, 1, render_label("key", locale), rows=2)
    writer.header(top, 2, label("project", locale), rows=2)
    for column, key in ((3, "appropriation"), (5, "total"), (7, "headroom")):
        writer.header(top, column, label(key, locale), columns=2)
        writer.header(top + 1, column, yuan)
        writer.header(top + 1, column + 1, wan)
    writer.header(top, 9, label("utilisation", locale), rows=2)
    writer.header(top, 10, label("status", locale), rows=2)
    row = top + 1
    first = row + 1
    for project in budget.unit.projects:
        row += 1
        check = project.check()
        writer.text(row, 1, project.key)
        writer.text(row, 2, _project_name(project, locale))
        for column, amount in ((3, check.appropriation), (5, check.total)):
            writer.yuan(row, column, amount)
            writer.wan_formula(row, column + 1, f"{_letter(column)}{row}", amount)
        # headroom = appropriation − total, live in the workbook
        headroom = writer.formula(row, 7, f"C{row}-E{row}", check.headroom.value, YUAN_FORMAT)
        writer.wan_formula(row, 8, headroom, check.headroom)
        writer.percent(row, 9, check.utilisation)
        writer.text(row, 10, label(f"status_{check.status.value}", locale))
    unit = budget.unit
    last, row = row, row + 1
    writer.text(row, 1, unit.code, bold=True)
    writer.text(row, 2, label("unit_total", locale), bold=True)
    if last >= first:
        total = writer.formula(
            row, 3, f"SUM(C{first}:C{last})", unit.total.value, YUAN_FORMAT, bold=True
        )
        writer.wan_formula(row, 4, total, unit.total, bold=True)
    else:  # no project: nothing to add up
        writer.yuan(row, 3, unit.total, bold=True)
        writer.wan(row, 4, unit.total, bold=True)
    if unit.stated_total is not None:
        row += 1
        agrees = unit.stated_total == unit.total
        writer.text(row, 1, unit.code)
        writer.text(row, 2, label("stated_total", locale))
        writer.yuan(row, 3, unit.stated_total)
        writer.wan(row, 4, unit.stated_total)
        writer.text(
            row,
            5,
            render_label("matches", locale) if agrees else "≠ " + label("stated_differs", locale),
        )
    writer.widths(24, 36, 16, 12, 16, 12, 16, 12, 10, 14)
    writer.sheet.freeze_panes = writer.sheet.cell(row=top + 2, column=3)
    if last >= first:
        _bar_chart(writer.sheet, first, last, row + 2, locale)


def _bar_chart(sheet: Any, first: int, last: int, anchor_row: int, locale: Localised) -> None:
    """A native chart: each project's appropriation beside its total (元, from the cells)."""
    chart_module = load_openpyxl().chart
    chart = chart_module.BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = pick("各项目预算与合计", "Appropriation and total per project", locale)
    chart.y_axis.title = label("yuan", locale)
    for column in (3, 5):  # appropriation, total (元)
        values = chart_module.Reference(sheet, min_col=column, min_row=first, max_row=last)
        series = chart_module.Series(
            values, title=label("appropriation" if column == 3 else "total", locale)
        )
        chart.series.append(series)
    chart.set_categories(chart_module.Reference(sheet, min_col=2, min_row=first, max_row=last))
    chart.height, chart.width = 7.5, 18
    sheet.add_chart(chart, f"B{anchor_row}")


def _pie_chart(
    sheet: Any, name: str, rows: tuple[int, int], anchor: str, locale: Localised
) -> None:
    """A native chart of one project's component shares (the amounts in 元, from the cells)."""
    chart_module = load_openpyxl().chart
    chart = chart_module.PieChart()
    chart.title = pick(f"{name}：构成占比", f"{name}: component shares", locale)
    first, last = rows
    values = chart_module.Reference(sheet, min_col=5, min_row=first, max_row=last)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(chart_module.Reference(sheet, min_col=2, min_row=first, max_row=last))
    chart.height, chart.width = 9, 14
    sheet.add_chart(chart, anchor)


def _detail(writer: SheetWriter, budget: Budget, locale: Locale | str | None) -> None:
    top = _heading(writer, budget, _DETAIL_WIDTH, locale) + 1
    heads = (
        "project",
        "component",
        "headcount",
        "per_capita",
        "amount_yuan",
        "amount_wan",
        "derivation",
        "share",
    )
    for column, key in enumerate(heads, start=1):
        writer.header(top, column, label(key, locale))
    row = top
    largest: tuple[int, int, int, str] | None = None  # (count, first, last, name) for the pie
    for project in budget.unit.projects:
        check = project.check()
        shares = {share.key: share.share for share in check.shares}
        name = _project_name(project, locale)
        if not project.components:
            row += 1
            writer.text(row, 1, name)
            writer.text(row, 2, label("not_itemised", locale))
        first = row + 1
        total_row = first + len(project.components)
        for component in project.components:
            row += 1
            writer.text(row, 1, name)
            writer.text(row, 2, pick(component.name_zh, component.name_en, locale))
            writer.count(row, 3, component.headcount)
            writer.yuan(row, 4, component.per_capita)
            writer.yuan(row, 5, component.amount)
            writer.wan(row, 6, component.amount)
            writer.text(row, 7, derivation_words(component.derivation_value(), locale))
            if shares.get(component.key) is None or not check.total:
                writer.percent(row, 8, shares.get(component.key))
            else:  # the share, live: this amount over the project total below
                ratio = round_half_up(component.amount.value / check.total.value, _RATIO_PLACES)
                writer.formula(row, 8, f"E{row}/E${total_row}", ratio, PERCENT_FORMAT)
        if len(project.components) > 1 and (
            largest is None or len(project.components) > largest[0]
        ):
            largest = (len(project.components), first, row, name)
        row += 1
        writer.text(row, 1, name, bold=True)
        writer.text(row, 2, label("total", locale), bold=True)
        if project.components:
            formula = f"SUM(E{first}:E{row - 1})"
            total = writer.formula(row, 5, formula, check.total.value, YUAN_FORMAT, bold=True)
            writer.wan_formula(row, 6, total, check.total, bold=True)
        else:
            writer.yuan(row, 5, check.total, bold=True)
            writer.wan(row, 6, check.total, bold=True)
    writer.widths(36, 26, 10, 14, 16, 14, 60, 10)
    writer.sheet.freeze_panes = writer.sheet.cell(row=top + 1, column=1)
    if largest is not None:  # the project of most components: its shares as a pie
        _, first, last, name = largest
        _pie_chart(writer.sheet, name, (first, last), f"B{row + 2}", locale)


def render_report_xlsx(budget: Budget, *, locale: Locale | str | None = None) -> bytes:
    """The report as an ``.xlsx`` workbook: a summary sheet and a components sheet.

    Raises :class:`~pension_subsidy.MissingDependencyError` when openpyxl is not installed.
    """
    openpyxl = load_openpyxl()
    workbook: Any = openpyxl.Workbook()
    summary = workbook.active
    summary.title = render_label("sheet_summary", locale)
    _summary(SheetWriter(openpyxl, summary, locale), budget, locale)
    detail = workbook.create_sheet(render_label("sheet_components", locale))
    _detail(SheetWriter(openpyxl, detail, locale), budget, locale)
    if has_funding_sheet(budget):  # only when funding, execution or areas are stated
        funding = workbook.create_sheet(FUNDING_WORDS("sheet", locale))
        write_funding_sheet(SheetWriter(openpyxl, funding, locale), budget, locale)
    return workbook_bytes(workbook)
