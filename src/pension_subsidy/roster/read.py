"""Reading a roster of insured persons (参保人员名册): CSV or ``.xlsx``, into a tally.

The first row is the header. Each of the roster's fields is found by its English name, by
its Chinese name, or through a ``columns`` mapping for other exports:

=============  ==========  ===============================================================
field          中文表头      values
=============  ==========  ===============================================================
person_id      人员编号      any text, not empty, unique
township       乡镇          text
village        村            text
birth_date     出生日期      YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD
paying         是否缴费      1 or 0 (是 or 否)
grade          缴费档次      the contribution grade in 元; empty when not paying
disability     残疾类别      empty, severe, mild, 重度 or 轻度
poverty        建档立卡      1 or 0 (是 or 否)
cadre          村干部        1 or 0 (是 or 否)
land_loss      失地农民      1 or 0 (是 or 否)
receiving      领取待遇      1 or 0 (是 or 否)
=============  ==========  ===============================================================

Other columns are allowed and ignored; every row must have as many fields as the header.
CSV files may be UTF-8 (with or without a byte-order mark), GB18030 (GBK, as Chinese
exports often are) or UTF-16 with its byte-order mark; the encoding is detected from the
start of the file unless given. The header and the rows are read by the rules of Python's
``csv`` module, so the rows read are its records (a blank line is one, rejected for its
field count), each with the line it starts on. In an ``.xlsx`` workbook the active sheet
is read; each row keeps its sheet row number, and a formula cell must hold its saved
result. Values are taken as written: nothing is trimmed or "fixed".

>>> resolve_columns(["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
...                  "建档立卡", "村干部", "失地农民", "领取待遇"])
(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import functools
import io
import itertools
import os
import warnings
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TextIO, cast

import attrs

from pension_subsidy.exceptions import DataFileError, InvalidHeadcountError
from pension_subsidy.roster.classify import FIELDS, Rejection
from pension_subsidy.roster.engine import CHUNK_ROWS, Chunk, csv_problem, line_ends, tally_source
from pension_subsidy.roster.partitions import default_jobs, tally_csv_in_parts
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from pension_subsidy.roster.tally import Tally

__all__ = [
    "CHINESE_HEADERS",
    "detect_encoding",
    "read_header",
    "resolve_columns",
    "tally_roster",
]

#: The Chinese header of each field.
CHINESE_HEADERS: Final[Mapping[str, str]] = {
    "person_id": "人员编号",
    "township": "乡镇",
    "village": "村",
    "birth_date": "出生日期",
    "paying": "是否缴费",
    "grade": "缴费档次",
    "disability": "残疾类别",
    "poverty": "建档立卡",
    "cadre": "村干部",
    "land_loss": "失地农民",
    "receiving": "领取待遇",
}

#: Called after each chunk with (bytes or rows done, total).
Progress = Callable[[int, int], None]

_SAMPLE_BYTES: Final = 1 << 16
#: Byte-order marks, UTF-32's before UTF-16's (whose mark begins UTF-32's little-endian one).
_BYTE_ORDER_MARKS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Files that are no CSV text whatever their name, by their first bytes.
_NOT_CSV: Final = (
    (b"PK\x03\x04", "a zip archive (an .xlsx workbook?), not CSV text; name a workbook .xlsx"),
    (b"\xd0\xcf\x11\xe0", "an old .xls workbook, not CSV text; save it as .xlsx or CSV"),
)
#: How much of a header a message shows: names, and characters of each.
_SHOWN_NAMES: Final = 16
_SHOWN_CHARS: Final = 40
#: A worksheet's limits (Excel's): anything beyond is a damaged file.
_MAX_ROWS: Final = 1 << 20
_MAX_COLUMNS: Final = 1 << 14
#: Characters per block of CSV text (about 4,000 rows): per-block overhead vanishes, and a
#: block's strings still fit in the processor's cache.
_BLOCK_CHARS: Final = 1 << 18


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None, *, path: str | None = None
) -> tuple[int, ...]:
    """The index in ``header`` of each of the roster's fields.

    ``mapping`` names the header of a field in an export that uses other names, e.g.
    ``{"person_id": "身份证号"}``; a field not mapped is found by its English or Chinese name.
    """
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        problem = (
            f"column mapping: unknown field {unknown[0]!r}; the fields are {', '.join(FIELDS)}"
        )
        raise DataFileError(problem, path=path, line=1)
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in positions:
            shown = _shown(name)
            raise DataFileError(f"header: column {shown} appears twice", path=path, line=1)
        positions[name] = index
    columns = []
    for field in FIELDS:
        names = (mapping[field],) if field in mapping else (field, CHINESE_HEADERS[field])
        found = [positions[name] for name in names if name in positions]
        if not found:
            expected = " or ".join(repr(name) for name in names)
            raise DataFileError(
                f"header: no column {expected} for {field}; the header has {_shown_header(header)}",
                path=path,
                line=1,
                field=field,
            )
        if len(found) > 1:
            raise DataFileError(
                f"header: both {' and '.join(map(repr, names))} are present; keep one",
                path=path,
                line=1,
                field=field,
            )
        columns.append(found[0])
    return tuple(columns)


def _shown(name: str) -> str:
    """A header name for a message: quoted, and cut short if long (binary junk, say)."""
    return repr(name) if len(name) <= _SHOWN_CHARS else repr(name[:_SHOWN_CHARS]) + "…"


def _shown_header(header: Sequence[str]) -> str:
    """A header for a message: its first names, each cut short, and how many there are."""
    names = ", ".join(map(_shown, header[:_SHOWN_NAMES]))
    more = f", … ({len(header)} columns)" if len(header) > _SHOWN_NAMES else ""
    return f"[{names}{more}]"


def detect_encoding(path: str | Path) -> str:
    """The encoding of a CSV roster, from the file's start.

    ``utf-8-sig`` (a UTF-8 byte-order mark), ``utf-16`` or ``utf-32`` (their byte-order
    marks), ``utf-8`` (the start is UTF-8), else ``gb18030``.
    """
    try:
        with Path(path).open("rb") as stream:
            sample = stream.read(_SAMPLE_BYTES)
            whole = not stream.read(1)
    except OSError as error:
        raise DataFileError(f"cannot open: {error.strerror}", path=str(path)) from None
    for mark, encoding in _BYTE_ORDER_MARKS:
        if sample.startswith(mark):
            return encoding
    try:
        # an incremental decoder: a character cut at the sample's end is not an error,
        # unless the sample is the whole file
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _first_record(stream: TextIO) -> tuple[list[str] | None, int]:
    """The next record by ``csv``'s rules (None at the end) and the lines it spans.

    ``csv`` asks for a line only while the record is open, so reading stops at its end,
    or at the end of the file: a quote that never closes makes the rest of the file one
    record, as ``csv`` reads it, never an endless loop.
    """
    reader = csv.reader(iter(stream.readline, ""))
    return next(reader, None), reader.line_num


def _undecodable_line(path: Path, encoding: str) -> int:
    """The line on which the file stops being text in ``encoding`` (for the error)."""
    decode = codecs.getincrementaldecoder(encoding)().decode
    line = 1
    with path.open("rb") as stream:
        for raw in stream:
            try:
                line += line_ends(decode(raw))
            except UnicodeDecodeError:
                return line
    return line


@attrs.frozen
class _CsvSource:
    path: Path
    encoding: str
    progress: Progress | None = None

    def _open(self) -> io.TextIOWrapper:
        try:
            return self.path.open(encoding=self.encoding, newline="")
        except OSError as error:
            raise DataFileError(f"cannot open: {error.strerror}", path=str(self.path)) from None

    def _not_text(self, error: UnicodeDecodeError) -> DataFileError:
        problem = f"not {self.encoding} text ({error.reason}); give the encoding explicitly"
        line = _undecodable_line(self.path, self.encoding)
        return DataFileError(problem, path=str(self.path), line=line)

    def header(self) -> list[str]:
        """The header: the first record, read by the same ``csv`` rules as the rows."""
        with self._open() as stream:
            try:
                row, _ = _first_record(stream)
            except UnicodeDecodeError as error:
                raise self._not_text(error) from None
            except csv.Error as error:
                raise DataFileError(csv_problem(error), path=str(self.path), line=1) from None
        if not row:
            raise DataFileError(
                "expected a header row, found an empty file or line", path=str(self.path), line=1
            )
        return row

    def chunks(self) -> Iterator[Chunk]:
        """Blocks of whole records: text, or rows when a block holds a quote character.

        A block without a quote ends at a line end, which is then a record end. A block with
        one is read by ``csv`` and grows, line by line, until its last record is whole, by
        ``csv``'s own rules (however many quotes each line holds).
        """
        total = os.path.getsize(self.path)
        with self._open() as stream:
            try:
                _, header_lines = _first_record(stream)
                line = 1 + header_lines
                while block := stream.read(_BLOCK_CHARS):
                    block += stream.readline()
                    if '"' in block:
                        rows, used = self._whole_records(block, stream, line)
                        yield rows, line, line + used - 1
                    else:
                        used = line_ends(block)  # the last line of the file may have none
                        yield block, line, -1
                    line += used
                    if self.progress is not None:
                        self.progress(_position(stream), total)
            except UnicodeDecodeError as error:
                raise self._not_text(error) from None

    def _whole_records(
        self, block: str, stream: TextIO, first: int
    ) -> tuple[list[Sequence[str]], int]:
        """The records of ``block`` and of the stream's lines that close its last one.

        (rows, lines used). csv asks for a line past the block's end only while a record
        is open (its line count then differs from the count at the last record's end).
        """
        record_end = [0]  # csv's line count when its last record ended

        def closing_lines() -> Iterator[str]:
            while reader.line_num != record_end[0]:
                line = stream.readline()
                if not line:
                    return
                yield line

        reader = csv.reader(itertools.chain(io.StringIO(block, newline=""), closing_lines()))
        rows: list[Sequence[str]] = []
        try:
            for row in reader:
                rows.append(row)
                record_end[0] = reader.line_num
        except csv.Error as error:
            line = first + record_end[0]
            raise DataFileError(csv_problem(error), path=str(self.path), line=line) from None
        return rows, reader.line_num


def _position(stream: io.TextIOWrapper) -> int:
    """How far into the file the reading is, in bytes (for a progress bar)."""
    return cast("io.BufferedReader", stream.buffer).tell()  # a file opened for reading


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
    progress: Progress | None = None

    def _rows(self) -> Generator[tuple[int, tuple[str, ...]], None, None]:
        """(row number, cells as text) of each row of the active sheet, from its first.

        Rows missing between two rows are empty rows. Whatever openpyxl raises on a damaged
        workbook becomes a :class:`DataFileError` naming the file, and the sheet and row.
        """
        try:
            import openpyxl  # noqa: F401, PLC0415  (an optional extra, imported only when needed)
        except ImportError:
            problem = (
                "reading .xlsx needs openpyxl: install the `excel` extra "
                "(pip install 'pension-subsidy[excel]')"
            )
            raise DataFileError(problem, path=str(self.path)) from None
        from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415  (as above)

        path = str(self.path)
        with contextlib.ExitStack() as cleanup:
            # the file is ours to close: openpyxl leaves a sheet's stream open when reading
            # it fails, and closing the archive alone would not close the file then
            try:
                stream = cleanup.enter_context(self.path.open("rb"))
            except OSError as error:
                raise DataFileError(f"cannot open: {error.strerror}", path=path) from None
            # openpyxl's load_workbook, spelled out: to see the sheets the workbook names
            # (it skips one whose part is missing, and another sheet then is the active one)
            try:
                reader = ExcelReader(stream, read_only=True, data_only=True)
                cleanup.callback(reader.archive.close)
                reader.read()
                named = [sheet.name for sheet in reader.parser.sheets]
            except Exception as error:  # openpyxl, zipfile and XML parsers raise many kinds
                problem = f"not a readable .xlsx workbook: {_describe(error)}"
                raise DataFileError(problem, path=path) from None
            missing = [name for name in named if name not in reader.wb.sheetnames]
            if missing:
                problem = f"sheet {missing[0]!r} is missing from the archive; a damaged workbook"
                raise DataFileError(problem, path=path)
            yield from self._sheet_rows(reader.wb)

    def _sheet_rows(self, workbook: Any) -> Iterator[tuple[int, tuple[str, ...]]]:
        path = str(self.path)
        sheet = _active_sheet(workbook, path)
        where = f"sheet {sheet.title!r}"
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
            raise DataFileError(f"{where}: cannot read: {_describe(error)}", path=path) from None
        last = 0
        with source:
            while True:
                try:
                    number, cells = next(rows)
                except StopIteration:
                    return
                except Exception as error:  # malformed XML, a bad number, a cut archive
                    problem = f"{where}: cannot read the sheet after row {last}: {_describe(error)}"
                    raise DataFileError(problem, path=path, line=last + 1) from None
                if not last < number <= _MAX_ROWS:
                    problem = f"{where}: row {number} after row {last}; a damaged workbook"
                    raise DataFileError(problem, path=path, line=number)
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
            raise DataFileError(
                "expected a header row in the active sheet", path=str(self.path), line=line
            )
        width = max(index + 1 for index, name in enumerate(row) if name)
        return list(row[:width])

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.header())
        with contextlib.closing(self._rows()) as rows:
            with _openpyxl_quiet():
                next(rows)
            done = 0
            while True:
                with _openpyxl_quiet():
                    chunk = list(itertools.islice(rows, CHUNK_ROWS))
                if not chunk:
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
                if self.progress is not None:
                    self.progress(done, 0)


def _active_sheet(workbook: Any, path: str) -> Any:
    """The workbook's active sheet, if it is a sheet of cells."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415  (the extra)

    try:
        sheet = workbook.active
    except Exception as error:  # an index past the sheets of a damaged workbook
        raise DataFileError(f"no active sheet: {_describe(error)}", path=path) from None
    if sheet is None:
        raise DataFileError("the workbook has no sheet", path=path)
    if not isinstance(sheet, ReadOnlyWorksheet):
        problem = f"the active sheet {sheet.title!r} is a chart, not a sheet of cells"
        raise DataFileError(problem, path=path)
    return sheet


def _row_values(
    cells: list[dict[str, Any]], number: int, *, where: str, path: str
) -> tuple[str, ...]:
    """One row's cells (openpyxl's parsed cells) as texts, in column order, gaps empty."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415  (the optional extra)

    columns = [cell["column"] for cell in cells]
    if columns and not 1 <= min(columns) <= max(columns) <= _MAX_COLUMNS:
        outside = min(columns) if min(columns) < 1 else max(columns)
        problem = f"{where}: a cell in column {outside}; a damaged workbook"
        raise DataFileError(problem, path=path, line=number)
    values = [""] * max(columns, default=0)
    for cell, column in zip(cells, columns, strict=True):
        value = cell["value"]
        if value is _NO_SAVED_RESULT:
            problem = (
                "a formula with no saved result (the workbook was never calculated); "
                "open and save it in a spreadsheet, or export CSV"
            )
            field = f"{where}, cell {get_column_letter(column)}{number}"
            raise DataFileError(problem, path=path, line=number, field=field)
        values[column - 1] = _cell_text(value)
    return tuple(values)


def _describe(error: Exception) -> str:
    """An exception from openpyxl or the archive, as a phrase for the message."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def read_header(path: str | Path, *, encoding: str | None = None) -> list[str]:
    """The header row of a roster file."""
    return _source(Path(path), encoding, None).header()


def _source(
    path: Path, encoding: str | None, progress: Progress | None
) -> _CsvSource | _XlsxSource:
    if not path.exists():
        raise DataFileError("no such file", path=str(path))
    if path.is_dir():
        raise DataFileError("a folder, not a roster file", path=str(path))
    if not path.is_file():
        # the roster is read twice (the duplicate check's second look) and measured
        raise DataFileError("not a regular file (a pipe or a device?)", path=str(path))
    if path.suffix.lower() == ".xlsx":
        return _XlsxSource(path, progress)
    if path.suffix.lower() == ".xls":
        raise DataFileError(
            "old .xls workbooks are not supported; save as .xlsx or CSV", path=str(path)
        )
    encoding = encoding or detect_encoding(path)
    with path.open("rb") as stream:
        start = stream.read(8)
    for magic, problem in _NOT_CSV:
        if start.startswith(magic):
            raise DataFileError(problem, path=str(path))
    return _CsvSource(path, encoding, progress)


def tally_roster(
    path: str | Path,
    rules: RosterRules | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    on_progress: Progress | None = None,
    jobs: int | None = None,
) -> Tally:
    """Read a roster file (CSV or ``.xlsx``) and tally it under ``rules``.

    ``rules`` defaults to the bundled example rules (illustrative standards). ``columns``
    maps fields to other header names. ``on_reject`` receives every rejected row with its
    line and reason. ``check_duplicates=False`` skips the duplicate person-id check (which
    costs time, and 8 bytes a person in an anonymous temporary file, gone however the run
    ends); the tally then records that it was skipped.

    ``jobs`` is the number of processes for a CSV file (default: every core the process may
    use for a file of 8 MiB or more, else 1). The result is the same for any ``jobs``; a
    file whose rows hold quote characters or lone carriage returns, a UTF-16 file, or a
    system without ``fork``, is read in one process.
    """
    file = Path(path)
    source = _source(file, encoding, on_progress)
    header = source.header()
    indices = resolve_columns(header, columns, path=str(file))
    rules = rules if rules is not None else default_roster_rules()
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        msg = f"jobs: expected a whole number of processes ≥ 1, got {jobs!r}"
        raise InvalidHeadcountError(msg, field="jobs", value=jobs)
    parts = default_jobs(file) if jobs is None else jobs
    if isinstance(source, _CsvSource) and parts > 1:
        tally = tally_csv_in_parts(
            file,
            source.encoding,
            source,
            rules=rules,
            columns=indices,
            width=len(header),
            jobs=parts,
            on_reject=on_reject,
            check_duplicates=check_duplicates,
            progress=on_progress,
        )
        if tally is not None:
            return tally
    return tally_source(
        source,
        rules=rules,
        columns=indices,
        width=len(header),
        on_reject=on_reject,
        check_duplicates=check_duplicates,
        path=str(file),
    )
