"""The 自评表 as an ``.xlsx`` workbook: one sheet per project, the standard 10号 layout.

Drawn from :func:`~pension_subsidy.output.selfeval_layout.selfeval_cells` with the workbook
conventions of :mod:`~pension_subsidy.output.workbook`: merged cells for the spanning labels
(项目资金, 年度总体目标, 绩效指标, each 一级指标 with its points), the title centred across the
columns, headers bold on grey, text
neutralised against formulas. Figures are numbers: 万元 and scores shown to 0.01, 执行率 as
the percentage itself (``98.29`` shown ``98.29%``) so that a reader of the cell gets the
figure the form states. The same document gives the same bytes.

>>> from pension_subsidy.forms.model import FormDocument, FormProject
>>> data = render_selfeval_xlsx(FormDocument("self_evaluation_table", "finance_10", "x",
...                                          projects=(FormProject("县级配套资金"),)))
>>> data[:2]
b'PK'
"""

from __future__ import annotations

from typing import Any

from pension_subsidy.forms.model import FormDocument
from pension_subsidy.output.selfeval_layout import WIDTH, LaidCell, selfeval_cells
from pension_subsidy.output.workbook import (
    SheetWriter,
    cell_text,
    load_openpyxl,
    sheet_name,
    workbook_bytes,
)

__all__ = ["DEFAULT_TITLE", "render_selfeval_xlsx"]

#: The form's title when the document has none.
DEFAULT_TITLE = "项目支出绩效自评表"
#: A rate in percent, the cell holding the percentage itself.
_RATE_FORMAT = '0.00"%"'
_WIDTHS = (14, 12, 14, 24, 14, 14, 10, 10, 18, 18)


def _title(openpyxl: Any, writer: SheetWriter, cell: LaidCell) -> None:
    """The title centred across the form's width without merging (Excel's 跨列居中).

    A title merged across every column would read back, cell by cell, as a row of ten equal
    texts in the middle of a workbook of several sheets; centred across the columns it shows
    the same and reads as one cell.
    """
    styles = openpyxl.styles
    centred = styles.Alignment(horizontal="centerContinuous", vertical="center")
    for column in range(1, WIDTH + 1):
        writer.sheet.cell(row=cell.row, column=column).alignment = centred
    title = writer.sheet.cell(row=cell.row, column=1, value=cell_text(cell.text))
    title.font = styles.Font(bold=True, size=14)


def _draw(openpyxl: Any, writer: SheetWriter, cell: LaidCell) -> None:
    if cell.kind == "title":
        _title(openpyxl, writer, cell)
        return
    if cell.kind == "header":
        writer.header(cell.row, cell.column, cell.text, rows=cell.rows, columns=cell.columns)
        return
    for row in range(cell.row, cell.row + cell.rows):  # borders on every covered cell
        for column in range(cell.column, cell.column + cell.columns):
            writer.text(row, column, None)
    if cell.value is None:
        writer.text(cell.row, cell.column, cell.text)
    else:
        writer.score(cell.row, cell.column, cell.value)
        if cell.kind == "percent":
            writer.sheet.cell(row=cell.row, column=cell.column).number_format = _RATE_FORMAT
    if cell.rows > 1 or cell.columns > 1:
        writer.sheet.merge_cells(
            start_row=cell.row,
            start_column=cell.column,
            end_row=cell.row + cell.rows - 1,
            end_column=cell.column + cell.columns - 1,
        )


def render_selfeval_xlsx(document: FormDocument) -> bytes:
    """The self-evaluation tables of ``document`` as a workbook (a sheet per project).

    Raises :class:`~pension_subsidy.MissingDependencyError` without openpyxl (``excel``).
    """
    openpyxl: Any = load_openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    title = document.title or DEFAULT_TITLE
    for project in document.projects:
        sheet = workbook.create_sheet(sheet_name(project.name, taken))
        writer = SheetWriter(openpyxl, sheet)
        for cell in selfeval_cells(project, title=title):
            _draw(openpyxl, writer, cell)
        writer.widths(*_WIDTHS)
    if not document.projects:
        sheet = workbook.create_sheet(sheet_name(title, taken))
        SheetWriter(openpyxl, sheet).title(1, title, WIDTH)
    return workbook_bytes(workbook)
