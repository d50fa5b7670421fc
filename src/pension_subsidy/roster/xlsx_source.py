"""An ``.xlsx`` roster as a source of rows: the active sheet, read with openpyxl (optional).

Each row keeps its sheet row number; a formula cell must hold its saved result; whatever
openpyxl raises on a damaged workbook becomes a :class:`~pension_subsidy.DataFileError`
naming the file, the sheet and the row.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import itertools
import warnings
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase, os_reason
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.row_source import CHUNK_ROWS, Chunk

#: A worksheet's limits (Excel's): anything beyond is a damaged file.
_MAX_ROWS: Final = 1 << 20
_MAX_COLUMNS: Final = 1 << 14


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: Stands for a formula cell without a saved result (openpyxl reads it as empty).
_NO_SAVED_RESULT: Final = object()


@functools.cache
def _sheet_parser() -> type[Any]:
    """The sheet parser of openpyxl, marking each formula cell that has no saved result.

    With ``data_only`` openpyxl reads a formula cell as its saved result, and as empty when
    there is none (a workbook written by a program and never opened in a spreadsheet): that
    would silently blank the cell. The parser is openpyxl's own (a private module, pinned by
    the tests that read such a workbook), so every cell reads as before.
    """
    from openpyxl.worksheet._reader import (  # noqa: PLC0415  (the optional extra)
        FORMULA_TAG,
        WorkSheetParser,
    )

    class FormulaAwareParser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = _NO_SAVED_RESULT
            return cell

    return FormulaAwareParser


@functools.cache
def _sized_sheet() -> type[Any]:
    """The read-only sheet of openpyxl, finding its size without reading the whole sheet.

    openpyxl looks for a sheet's ``<dimension>`` until the *end* of its ``<sheetData>``: a
    sheet without one (as programs write them, openpyxl's own write-only mode too) is parsed
    in full just to open the workbook — 14 s for 100k rows, before the first row is read.
    This one stops at the start of ``<sheetData>``; every cell reads as before.
    """
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415  (openpyxl's own use)

    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415  (the extra)
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG  # noqa: PLC0415  (as above)
    from openpyxl.worksheet.dimensions import SheetDimension  # noqa: PLC0415  (as above)

    base: Any = ReadOnlyWorksheet  # partly typed; its internals are not

    class SizedSheet(base):  # type: ignore[misc]  # a class of Any
        def _get_size(self) -> None:
            inside: Any = self
            with contextlib.closing(inside._get_source()) as source:
                for _event, element in iterparse(source, events=("start",)):  # noqa: S314
                    if element.tag == DIMENSION_TAG:
                        dimension: Any = SheetDimension.from_tree(element)
                        bounds = dimension.boundaries
                        inside._min_column, inside._min_row = bounds[0], bounds[1]
                        inside._max_column, inside._max_row = bounds[2], bounds[3]
                        return
                    if element.tag == DATA_TAG:
                        return

    return SizedSheet


@contextlib.contextmanager
def _sized_sheets() -> Iterator[None]:
    """The workbook reader of openpyxl making :func:`_sized_sheet` sheets, within the block."""
    from openpyxl.reader import excel as excel_module  # noqa: PLC0415  (the optional extra)

    excel: Any = excel_module
    original = excel.ReadOnlyWorksheet
    excel.ReadOnlyWorksheet = _sized_sheet()
    try:
        yield
    finally:
        excel.ReadOnlyWorksheet = original


@contextlib.contextmanager
def _openpyxl_quiet() -> Iterator[None]:
    """The warnings of openpyxl (no default style, an unsupported extension) silenced.

    What they warn of does not change the values read; a date out of range, which it also
    warns of, reads as ``#VALUE!`` and is rejected like any bad date.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        yield


@attrs.frozen
class _XlsxSource:
    path: Path
    progress: ProgressMeter | None = None

    def _rows(
        self, position: list[Callable[[], int]] | None = None
    ) -> Generator[tuple[int, tuple[str, ...]], None, None]:
        """(row number, cells as text) of each row of the active sheet, from its first.

        Rows missing between two rows are empty rows. Whatever openpyxl raises on a damaged
        workbook becomes a :class:`DataFileError` naming the file, and the sheet and row.
        With ``position``, the sheet's reading is a pass of the progress meter (by bytes of
        the sheet's XML read), and ``position`` gets the function that tells how far it is.
        """
        try:
            import openpyxl  # noqa: F401, PLC0415  (an optional extra, imported only when needed)
        except ImportError:
            raise DataFileError(code="roster.xlsx.needs_openpyxl", path=str(self.path)) from None
        from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415  (as above)

        path = str(self.path)
        with contextlib.ExitStack() as cleanup:
            # the file is ours to close: openpyxl leaves a sheet's stream open when reading
            # it fails, and closing the archive alone would not close the file then
            try:
                stream = cleanup.enter_context(self.path.open("rb"))
            except OSError as error:
                said: dict[str, object] = {"reason": os_reason(error)}
                raise DataFileError(code="file.cannot_open", params=said, path=path) from None
            # openpyxl's load_workbook, spelled out: to see the sheets the workbook names
            # (it skips one whose part is missing, and another sheet then is the active one)
            try:
                reader = ExcelReader(stream, read_only=True, data_only=True)
                cleanup.callback(reader.archive.close)
                with _sized_sheets():
                    reader.read()
                named = [sheet.name for sheet in reader.parser.sheets]
            except Exception as error:  # openpyxl, zipfile and XML parsers raise many kinds
                said = {"reason": _describe(error)}
                raise DataFileError(code="roster.xlsx.unreadable", params=said, path=path) from None
            missing = [name for name in named if name not in reader.wb.sheetnames]
            if missing:
                said = {"sheet": repr(missing[0])}
                raise DataFileError(code="roster.xlsx.sheet_missing", params=said, path=path)
            yield from self._sheet_rows(reader.wb, position)

    def _sheet_rows(
        self, workbook: Any, position: list[Callable[[], int]] | None
    ) -> Iterator[tuple[int, tuple[str, ...]]]:
        path = str(self.path)
        sheet = _active_sheet(workbook, path)
        where = Phrase("field.sheet", sheet=repr(sheet.title))
        try:
            # the sheet's XML and the workbook's tables, as openpyxl's own iter_rows uses them
            internals: Any = sheet  # not in openpyxl's type stubs
            source = internals._get_source()
            parser = _sheet_parser()(
                source,
                internals._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            rows = parser.parse()
        except Exception as error:  # a part missing from the archive, say
            said = {"where": where, "reason": _describe(error)}
            raise DataFileError(code="roster.xlsx.cannot_read", params=said, path=path) from None
        if position is not None and self.progress is not None:
            try:
                # the sheet's XML, uncompressed: how far the parser has read of it
                total = workbook._archive.getinfo(internals._worksheet_path).file_size
                position.append(source.tell)
            except Exception:  # no such detail in another openpyxl: counted in rows only
                total = None
            self.progress.begin_pass(total=total, unit="bytes" if total else "rows")
        last = 0
        with source:
            while True:
                try:
                    number, cells = next(rows)
                except StopIteration:
                    return
                except Exception as error:  # malformed XML, a bad number, a cut archive
                    said = {"where": where, "row": last, "reason": _describe(error)}
                    code = "roster.xlsx.after_row"
                    raise DataFileError(code=code, params=said, path=path, line=last + 1) from None
                if not last < number <= _MAX_ROWS:
                    said = {"where": where, "row": number, "last": last}
                    code = "roster.xlsx.row_order"
                    raise DataFileError(code=code, params=said, path=path, line=number)
                if last:
                    for gap in range(last + 1, number):
                        yield gap, ()
                yield number, _row_values(cells, number, where=where, path=path)
                last = number

    def header(self) -> list[str]:
        with contextlib.closing(self._rows()) as rows, _openpyxl_quiet():
            first = next(rows, None)
        row = () if first is None else first[1]
        if not any(row):
            line = None if first is None else first[0]
            raise DataFileError(code="roster.xlsx.no_header", path=str(self.path), line=line)
        width = max(index + 1 for index, name in enumerate(row) if name)
        return list(row[:width])

    def chunks(self) -> Iterator[Chunk]:
        position: list[Callable[[], int]] = []
        with contextlib.closing(self._rows(position)) as rows:
            with _openpyxl_quiet():
                # the header, as header() reads it (the workbook opened once, not twice)
                first = next(rows, None)
            header = () if first is None else first[1]
            width = max((index + 1 for index, name in enumerate(header) if name), default=0)
            if not width:
                self.header()  # its error
            done = 0
            progress = self.progress
            while True:
                with _openpyxl_quiet():
                    chunk = list(itertools.islice(rows, CHUNK_ROWS))
                if not chunk:
                    if progress is not None:
                        progress.finish()
                    return
                # a sheet is rectangular: empty cells right of the header are not fields,
                # and cells missing at a row's end are empty ones
                cells: list[Sequence[str]] = [
                    row + ("",) * (width - len(row))
                    if len(row) <= width
                    else row[:width]
                    if not any(row[width:])
                    else row
                    for _, row in chunk
                ]
                yield cells, chunk[0][0], chunk[-1][0]
                done += len(chunk)
                if progress is not None:
                    progress.advance(_read_so_far(position, done), done)


def _read_so_far(position: list[Callable[[], int]], rows: int) -> int:
    """Bytes of the sheet's XML read (rows when that is not known, or the sheet is closed)."""
    if not position:
        return rows
    try:
        return position[0]()
    except ValueError:  # read to its end and closed
        return rows


def _active_sheet(workbook: Any, path: str) -> Any:
    """The workbook's active sheet, if it is a sheet of cells."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415  (the extra)

    try:
        sheet = workbook.active
    except Exception as error:  # an index past the sheets of a damaged workbook
        said = {"reason": _describe(error)}
        raise DataFileError(code="roster.xlsx.no_active", params=said, path=path) from None
    if sheet is None:
        raise DataFileError(code="roster.xlsx.no_sheet", path=path)
    if not isinstance(sheet, ReadOnlyWorksheet):
        said = {"sheet": repr(sheet.title)}
        raise DataFileError(code="roster.xlsx.chart", params=said, path=path)
    return sheet


def _row_values(
    cells: list[dict[str, Any]], number: int, *, where: Phrase, path: str
) -> tuple[str, ...]:
    """One row's cells (openpyxl's parsed cells) as texts, in column order, gaps empty."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415  (the optional extra)

    columns = [cell["column"] for cell in cells]
    if columns and not 1 <= min(columns) <= max(columns) <= _MAX_COLUMNS:
        outside = min(columns) if min(columns) < 1 else max(columns)
        said = {"where": where, "column": outside}
        raise DataFileError(code="roster.xlsx.column_outside", params=said, path=path, line=number)
    values = [""] * max(columns, default=0)
    for cell, column in zip(cells, columns, strict=True):
        value = cell["value"]
        if value is _NO_SAVED_RESULT:
            address = f"{get_column_letter(column)}{number}"
            field = Phrase("field.sheet_cell", sheet=where, cell=address)
            code = "roster.xlsx.formula"
            raise DataFileError(code=code, path=path, line=number, field=field)
        values[column - 1] = _cell_text(value)
    return tuple(values)


def _describe(error: Exception) -> str:
    """An exception from openpyxl or the archive, as a phrase for the message."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
