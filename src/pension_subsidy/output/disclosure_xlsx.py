"""The disclosure table as a formatted ``.xlsx`` workbook (the ``excel`` extra, openpyxl)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.output.disclosure_layout import _DataRow, _layout, _line_cell, _texts
from pension_subsidy.output.workbook import (
    cell_text,
    load_openpyxl,
    workbook_bytes,
)

__all__ = ["render_xlsx"]


def render_xlsx(disclosure: Disclosure) -> bytes:
    """The table as a formatted ``.xlsx`` workbook (needs the ``excel`` extra, openpyxl).

    The title is merged across the columns, the header is bold on grey, long cells wrap,
    and amounts are numbers shown in 万元 (``#,##0.00"万元"``).
    """
    openpyxl = load_openpyxl()
    layout = _layout(disclosure)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标公开表"
    styles = _XlsxStyles(openpyxl.styles, layout.amount_unit)
    row_number = 0
    if layout.title:  # one cell, as in the CSV
        cell = sheet.cell(row=1, column=1, value=cell_text("\n".join(layout.title)))
        cell.font, cell.alignment = styles.title_font, styles.centred
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(layout.header))
        row_number = 2
    for position, row in enumerate(layout.rows):
        if row is None:
            row_number += 2 if position else 1
            for column, text in enumerate(layout.header, start=1):
                styles.header(sheet.cell(row=row_number, column=column, value=text))
            continue
        row_number += 1
        _xlsx_data_row(sheet, row_number, row, layout.amount_unit, styles)
    for letter, size in zip("ABCDE", (12, 30, 16, 70, 60), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.freeze_panes = sheet.cell(row=4 if layout.title else 2, column=1)
    return workbook_bytes(workbook)


class _XlsxStyles:
    """The workbook's fonts, borders and formats, made once."""

    def __init__(self, styles: Any, amount_unit: str) -> None:
        thin = styles.Side(style="thin", color="444444")
        self.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.right = styles.Alignment(horizontal="right", vertical="top")
        self.centred = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.title_font = styles.Font(bold=True, size=14)
        self.bold = styles.Font(bold=True)
        self.grey = styles.PatternFill("solid", fgColor="DDDDDD")
        self.amount_format = f'#,##0.00"{amount_unit}"'

    def header(self, cell: Any) -> None:
        cell.font, cell.fill, cell.alignment, cell.border = (
            self.bold,
            self.grey,
            self.centred,
            self.border,
        )


def _xlsx_data_row(sheet: Any, number: int, row: _DataRow, unit: str, styles: _XlsxStyles) -> None:
    goals, indicators = _texts(row)
    amount: Decimal | None = None
    if row.amount is not None:
        amount = row.amount.wan if unit == "万元" else row.amount.value
    texts = (row.code, row.name, "", _line_cell(goals), _line_cell(indicators))
    for column, text in enumerate(texts, start=1):
        cell = sheet.cell(row=number, column=column)
        cell.value = amount if column == 3 else (cell_text(text) or None)
        cell.alignment, cell.border = styles.wrap, styles.border
        if column == 1:
            cell.number_format = "@"
        elif column == 3:
            cell.number_format, cell.alignment = styles.amount_format, styles.right
        if row.code:
            cell.font = styles.bold
