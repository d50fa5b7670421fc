"""Workbooks print: A4 landscape, one page wide, header rows repeated, every line shown."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from pension_subsidy import load_dataset, read_actuals
from pension_subsidy.evaluation.scoring import evaluate
from pension_subsidy.output.evaluation_xlsx import render_evaluation_xlsx
from pension_subsidy.output.report_xlsx import render_report_xlsx
from pension_subsidy.output.workbook import fit_row_heights, load_openpyxl

BUDGET = load_dataset()


def _books() -> dict[str, openpyxl.Workbook]:
    evaluation = evaluate(BUDGET, read_actuals("examples/actuals-2022.toml", BUDGET))
    return {
        "report": openpyxl.load_workbook(io.BytesIO(render_report_xlsx(BUDGET, locale="zh_CN"))),
        "evaluation": openpyxl.load_workbook(
            io.BytesIO(render_evaluation_xlsx(evaluation, locale="zh_CN"))
        ),
    }


@pytest.mark.parametrize("name", ["report", "evaluation"])
def test_every_sheet_has_a_page_setup(name):
    """Landscape A4, fit to one page wide (any number of pages tall), footer page numbers."""
    for sheet in _books()[name].worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "&P / &N"


def test_header_rows_repeat_on_every_page():
    """The rows above the frozen pane (title and headings) print on each page."""
    sheet = _books()["report"]["资金构成明细"]
    frozen_row = sheet[sheet.freeze_panes].row
    assert sheet.print_title_rows == f"$1:${frozen_row - 1}"


def test_multi_line_reasons_get_their_height():
    """A cell of three lines (差距, 偏差原因, 改进措施) is given three lines of height."""
    book = _books()["evaluation"]
    heights = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.count("\n") == 2:
                    heights.append(sheet.row_dimensions[cell.row].height)
    assert heights
    assert all(height is not None and height >= 45 for height in heights)


def test_fit_row_heights_wraps_long_text_at_the_column_width():
    """60 Chinese characters in a column 20 wide: 120 display columns → 7 lines of 19."""
    openpyxl_module = load_openpyxl()
    book = openpyxl_module.Workbook()
    sheet = book.active
    sheet.column_dimensions["A"].width = 20
    sheet["A1"] = "字" * 60
    sheet["A1"].alignment = openpyxl_module.styles.Alignment(wrap_text=True)
    sheet["A2"] = "short"
    fit_row_heights(sheet)
    assert sheet.row_dimensions[1].height == 7 * 15 + 3
    assert sheet.row_dimensions[2].height is None


def test_number_formats_follow_the_language():
    """万元 in a Chinese workbook, "wan yuan" in an English one."""
    formats = {}
    for locale in ("zh_CN", "en"):
        book = openpyxl.load_workbook(io.BytesIO(render_report_xlsx(BUDGET, locale=locale)))
        formats[locale] = {
            cell.number_format
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if "wan" in cell.number_format or "万元" in cell.number_format
        }
    assert formats == {"zh_CN": {'#,##0.00"万元"'}, "en": {'#,##0.00" wan yuan"'}}


def test_totals_are_live_formulas_with_their_results():
    """SUM, headroom, ROUND(…/10000,2) and shares are formulas, stored with exact results."""
    data = render_report_xlsx(BUDGET)
    formulas = openpyxl.load_workbook(io.BytesIO(data))["资金构成明细"]
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["资金构成明细"]
    total_rows = [
        row
        for row in range(1, formulas.max_row + 1)
        if str(formulas.cell(row, 5).value).startswith("=SUM(")
    ]
    assert len(total_rows) == 2  # the two itemised projects
    for row in total_rows:
        first, last = map(int, re.findall(r"E(\d+)", formulas.cell(row, 5).value))
        parts = [Decimal(str(values.cell(r, 5).value)) for r in range(first, last + 1)]
        assert Decimal(str(values.cell(row, 5).value)) == sum(parts)
        assert formulas.cell(row, 6).value == f"=ROUND(E{row}/10000,2)"
        for r in range(first, last + 1):
            assert formulas.cell(r, 8).value == f"=E{r}/E${row}"
    fund = total_rows[-1]
    assert values.cell(fund, 5).value == 1690000
    assert values.cell(fund, 6).value == 169
    summary = openpyxl.load_workbook(io.BytesIO(data))["汇总"]
    assert summary["G7"].value == "=C7-E7"
    assert summary["C8"].value == "=SUM(C5:C7)"
    assert openpyxl.load_workbook(io.BytesIO(data), data_only=True)["汇总"]["C8"].value == 1900400


def test_native_charts_point_at_the_cells():
    """A bar chart of appropriation and total per project, a pie of the fund's components."""
    book = openpyxl.load_workbook(io.BytesIO(render_report_xlsx(BUDGET, locale="en")))
    (bar,) = book["Summary"]._charts
    (pie,) = book["Components"]._charts
    assert [s.val.numRef.f for s in bar.series] == ["'Summary'!$C$5:$C$7", "'Summary'!$E$5:$E$7"]
    assert pie.series[0].val.numRef.f == "'Components'!$E$8:$E$13"
