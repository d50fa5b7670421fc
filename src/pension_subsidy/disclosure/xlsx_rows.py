"""The rows of an .xlsx workbook's first sheet, read with openpyxl (an optional dependency).

Every way a workbook can be unreadable (an .xls, a password, a damaged zip or sheet, a
formula without a stored result) raises :class:`~pension_subsidy.DataFileError` saying which.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING

from pension_subsidy.disclosure.text_rows import _Row, unescape_formula
from pension_subsidy.exceptions import DataFileError, MissingDependencyError, Phrase

if TYPE_CHECKING:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.workbook.workbook import Workbook

__all__ = ["cell_text", "open_workbook"]

#: The start of an OLE compound file: an Excel 97-2003 .xls, or an encrypted .xlsx.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream a password-protected (encrypted) .xlsx keeps its workbook in, by name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _xlsx_rows(data: bytes, path: str) -> list[_Row]:
    """The first worksheet's rows; anything that cannot be read raises DataFileError.

    openpyxl's read-only mode parses a sheet only while its rows are iterated, so every step
    of the iteration is guarded, not just the opening. A formula without a stored result
    (a workbook written by a program, never opened in Excel) is refused: reading it as empty
    would drop the figure it stands for.
    """
    try:
        # the whole dotted import: a stale openpyxl.reader in sys.modules must not hide a
        # missing openpyxl
        import openpyxl.reader.excel  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:  # pragma: no cover - the test environment has openpyxl
        raise MissingDependencyError(code="dependency.openpyxl_read", extra="excel") from None
    if not data:
        said = {"expected": Phrase("file.kind.xlsx")}
        raise DataFileError(code="file.empty", params=said, path=path)
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise DataFileError(code="xlsx.encrypted", path=path)
        raise DataFileError(code="xlsx.old_format", path=path)
    _check_zip(data, path)
    # openpyxl warns about parts it does not keep (data validation, extensions); only cell
    # values are read here, so those warnings say nothing about the table
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader_class = openpyxl.reader.excel.ExcelReader
        values = _open_xlsx(reader_class, data, path, data_only=True)
        try:
            formulas = _open_xlsx(reader_class, data, path, data_only=False)
            try:
                return _sheet_rows(values, formulas, path)
            finally:
                formulas.wb.close()
        finally:
            values.wb.close()


def _check_zip(data: bytes, path: str) -> None:
    """An .xlsx is a zip archive holding ``[Content_Types].xml``; say which part is wrong."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DataFileError(code="xlsx.not_zip", path=path) from None
    if "[Content_Types].xml" not in names:
        raise DataFileError(code="xlsx.no_content_types", path=path)


def _open_xlsx(
    reader_class: type[ExcelReader], data: bytes, path: str, *, data_only: bool
) -> ExcelReader:
    reader = reader_class(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        reader.read()
    except Exception as error:  # openpyxl raises zipfile, KeyError, XML and other errors alike
        said = {"reason": _describe(error)}
        raise DataFileError(code="xlsx.unreadable", params=said, path=path) from None
    return reader


def _describe(error: Exception) -> str:
    text = str(error).strip().replace("\n", " ")
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _sheet_rows(values: ExcelReader, formulas: ExcelReader, path: str) -> list[_Row]:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional, as in _xlsx_rows

    declared = [
        (sheet, rel) for sheet, rel in values.parser.find_sheets() if "chartsheet" not in rel.Type
    ]
    if not declared:
        raise DataFileError(code="xlsx.no_worksheet", path=path)
    first, rel = declared[0]
    if rel.target not in values.valid_files or not values.wb.worksheets:
        said = {"part": rel.target, "sheet": repr(first.name)}
        raise DataFileError(code="xlsx.missing_part", params=said, path=path)
    sheet, formula_sheet = values.wb.worksheets[0], formulas.wb.worksheets[0]
    where = Phrase("field.sheet", f"sheet {sheet.title!r}", sheet=repr(sheet.title))
    rows: list[_Row] = []
    try:
        for book_sheet in (sheet, formula_sheet):
            # a <dimension> that is too small would cut rows and columns off
            book_sheet.reset_dimensions()
        value_rows = sheet.iter_rows(values_only=True)
        formula_rows = formula_sheet.iter_rows()
        for number, (row_values, row_cells) in enumerate(
            zip(value_rows, formula_rows, strict=True), start=1
        ):
            names = tuple(f"{get_column_letter(i + 1)}{number}" for i in range(len(row_values)))
            for name, value, cell in zip(names, row_values, row_cells, strict=False):
                if value is None and cell.data_type == "f":
                    raise DataFileError(
                        code="xlsx.formula_without_result",
                        params={"formula": str(cell.value)[:60]},
                        path=path,
                        line=number,
                        field=Phrase(
                            "field.sheet_cell", f"{where}, cell {name}", sheet=where, cell=name
                        ),
                    )
            cells = tuple(unescape_formula(_xlsx_text(value)) for value in row_values)
            rows.append(_Row(number, cells, names))
    except DataFileError:
        raise
    except Exception as error:  # the sheet's XML is parsed here, row by row
        raise DataFileError(
            code="xlsx.damaged_sheet",
            params={"row": len(rows) + 1, "reason": _describe(error)},
            path=path,
            line=len(rows) + 1,
            field=where,
        ) from None
    return rows


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # openpyxl hands numbers back as binary floats; repr() is the shortest text that
        # reads back as the same float, i.e. the decimal the cell was written with.
        return format(Decimal(repr(value)), "f")
    return str(value)


def open_workbook(data: bytes, path: str) -> tuple[Workbook, Workbook]:
    """The whole workbook twice, as values and as formulas: ``(values, formulas)``.

    For readers that need every sheet (a filled-in template): the same checks as the table
    reader (an .xls, a password, a damaged zip) raise :class:`~pension_subsidy.DataFileError`
    saying which, and a missing openpyxl raises :class:`~pension_subsidy.MissingDependencyError`
    naming the ``excel`` extra. The formulas let a caller refuse a formula cell whose value
    was never stored (read as empty, it would drop a figure).
    """
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:  # pragma: no cover - the test environment has openpyxl
        raise MissingDependencyError(code="dependency.openpyxl_read", extra="excel") from None
    if not data:
        said = {"expected": Phrase("file.kind.xlsx")}
        raise DataFileError(code="file.empty", params=said, path=path)
    if data.startswith(_OLE_SIGNATURE):
        kind = Phrase("xlsx.kind.encrypted" if _ENCRYPTED_STREAM in data else "xlsx.kind.xls")
        raise DataFileError(code="xlsx.save_again", params={"kind": kind}, path=path)
    _check_zip(data, path)
    books = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for data_only in (True, False):
            try:
                books.append(openpyxl.load_workbook(io.BytesIO(data), data_only=data_only))
            except Exception as error:  # openpyxl raises zipfile, KeyError, XML errors alike
                why = {"reason": _describe(error)}
                raise DataFileError(code="xlsx.unreadable", params=why, path=path) from None
    return books[0], books[1]


def cell_text(value: object) -> str:
    """A cell's value as the text it was typed as: a number exactly, never via binary float.

    Text the library's workbooks neutralised with a leading ``'`` (formula injection) reads
    back as it was written.

    >>> cell_text(6.2), cell_text(1025), cell_text(None), cell_text("六"), cell_text("'-5")
    ('6.2', '1025', '', '六', '-5')
    """
    return unescape_formula(_xlsx_text(value))
