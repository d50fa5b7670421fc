"""Every worksheet of an .xlsx workbook as a grid, merged cells resolved (openpyxl, ``excel``).

A merged range's value stands in its top-left cell; here it is repeated over the range, with
``origin`` pointing at that cell. A formula without a stored result is refused (reading it as
empty would drop a figure). Anything unreadable raises :class:`~pension_subsidy.DataFileError`.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from decimal import Decimal
from typing import Any

from pension_subsidy.exceptions import DataFileError, MissingDependencyError, Phrase
from pension_subsidy.forms.grid import Grid, GridCell, Source, _clean

__all__ = ["read_xlsx"]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_INSTALL = 'pip install "pension-subsidy[excel]"'


def read_xlsx(data: bytes, path: str) -> Source:
    """The workbook's worksheets as grids, in order (empty sheets left out)."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:  # pragma: no cover - the test environment has openpyxl
        said = {"suffix": ".xlsx", "package": "openpyxl", "command": _INSTALL}
        raise MissingDependencyError(code="forms.dependency", params=said, extra="excel") from None
    if data.startswith(_OLE_SIGNATURE):
        raise DataFileError(code="forms.xlsx.old_or_encrypted", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DataFileError(code="forms.xlsx.not_zip", path=path) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        except Exception as error:  # openpyxl raises zip, KeyError, XML and other errors alike
            said = {"reason": f"{type(error).__name__}: {str(error)[:120]}"}
            raise DataFileError(code="xlsx.unreadable", params=said, path=path) from None
    grids = []
    for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets, strict=True):
        grid = _sheet_grid(sheet, formula_sheet, path)
        if grid.rows:
            grids.append(grid)
    return Source(path, "xlsx", tuple(grids))


def _sheet_grid(sheet: Any, formula_sheet: Any, path: str) -> Grid:
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                origins[(row, column)] = (merged.min_row, merged.min_col)
    height, width = sheet.max_row, sheet.max_column
    texts: dict[tuple[int, int], str] = {}
    for row in sheet.iter_rows(min_row=1, max_row=height, max_col=width):
        for cell in row:
            if not hasattr(cell, "column") or cell.coordinate is None:
                continue  # a MergedCell: filled from its origin below
            value = cell.value
            if value is None:
                formula = formula_sheet.cell(row=cell.row, column=cell.column)
                if formula.data_type == "f":
                    raise DataFileError(
                        code="xlsx.formula_without_result",
                        params={"formula": str(formula.value)[:60]},
                        path=path,
                        line=cell.row,
                        field=_cell_field(sheet.title, cell.coordinate),
                    )
            texts[(cell.row, cell.column)] = _text(value, str(cell.number_format or ""))
    rows = []
    for row in range(1, height + 1):
        cells = []
        for column in range(1, width + 1):
            origin = origins.get((row, column), (row, column))
            text = _clean(texts.get(origin, ""))
            cells.append(GridCell(text, row, column, origin))
        rows.append(tuple(cells))
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    return Grid(sheet.title, tuple(rows))


def _cell_field(title: str, coordinate: str) -> Phrase:
    """``sheet '表1', cell B3`` as a phrase said in each language."""
    sheet = Phrase("field.sheet", f"sheet {title!r}", sheet=repr(title))
    return Phrase("field.sheet_cell", f"{sheet}, cell {coordinate}", sheet=sheet, cell=coordinate)


def _text(value: object, number_format: str = "") -> str:
    """A cell's text: a number as the decimal it was written with, a percent as shown.

    A cell formatted as a percentage (its number format has ``%``) stores the ratio (0.99)
    and shows the percentage (99%): it is read as shown, moved two places exactly on the
    decimal text, never multiplied as a float.

    >>> _text(0.99, "0%"), _text(0.995, "0.0%"), _text(1, "0%"), _text(0.99, "General")
    ('99%', '99.5%', '100%', '0.99')
    >>> _text(99, '0"%"')  # a quoted % is a literal sign: the value is no ratio
    '99%'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | int | Decimal):
        # openpyxl gives numbers as binary floats; repr() is the shortest text reading back
        # as the same float, i.e. the decimal the cell was written with
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        plain = format(number, "f") if isinstance(value, float) else str(value)
        if "%" in re.sub(r'"[^"]*"|\\.', "", number_format):
            return f"{format(number.scaleb(2), 'f')}%"
        if "%" in number_format:  # 0"%" shows a literal % after the value as it stands
            return f"{plain}%"
        return plain
    return str(value).strip()
