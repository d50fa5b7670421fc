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
CSV files may be UTF-8 (with or without a byte-order mark) or GB18030 (GBK, as Chinese
exports often are); the encoding is detected from the start of the file unless given.
Values are taken as written: nothing is trimmed or "fixed".

>>> resolve_columns(["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
...                  "建档立卡", "村干部", "失地农民", "领取待遇"])
(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, cast

import attrs

from pension_subsidy.exceptions import DataFileError, InvalidHeadcountError
from pension_subsidy.roster.classify import FIELDS, Rejection
from pension_subsidy.roster.engine import CHUNK_ROWS, Chunk, tally_source
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
            raise DataFileError(f"header: column {name!r} appears twice", path=path, line=1)
        positions[name] = index
    columns = []
    for field in FIELDS:
        names = (mapping[field],) if field in mapping else (field, CHINESE_HEADERS[field])
        found = [positions[name] for name in names if name in positions]
        if not found:
            expected = " or ".join(repr(name) for name in names)
            raise DataFileError(
                f"header: no column {expected} for {field}; the header has {list(header)}",
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


def detect_encoding(path: str | Path) -> str:
    """``utf-8-sig`` (a byte-order mark), ``utf-8`` or ``gb18030``, from the file's start."""
    with Path(path).open("rb") as stream:
        sample = stream.read(_SAMPLE_BYTES)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        # an incremental decoder: a character cut at the sample's end is not an error
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


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

    def header(self) -> list[str]:
        with self._open() as stream:
            try:
                row = next(csv.reader(stream), None)
            except (UnicodeDecodeError, csv.Error) as error:
                raise DataFileError(
                    f"cannot read the header: {error}", path=str(self.path), line=1
                ) from None
        if not row:
            raise DataFileError(
                "expected a header row, found an empty file or line", path=str(self.path), line=1
            )
        return row

    def chunks(self) -> Iterator[Chunk]:
        """Blocks of whole records as text; a block never ends inside a quoted field."""
        total = os.path.getsize(self.path)
        with self._open() as stream:
            line = 1
            try:
                header = stream.readline()
                while header.count('"') % 2:  # a quoted header cell with a line break
                    header += stream.readline()
                line += _line_ends(header)
                while block := stream.read(_BLOCK_CHARS):
                    block += stream.readline()
                    while block.count('"') % 2:  # inside a quoted field: read on to its end
                        more = stream.readline()
                        if not more:
                            break
                        block += more
                    yield block, line, -1
                    line += _line_ends(block)
                    if self.progress is not None:
                        self.progress(_position(stream), total)
            except UnicodeDecodeError as error:
                problem = f"not {self.encoding} text ({error.reason}); give the encoding explicitly"
                raise DataFileError(problem, path=str(self.path), line=line) from None


def _line_ends(text: str) -> int:
    """Record ends in ``text``: LF, CRLF or a lone CR (a Mac-style CSV) each count once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


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


@attrs.frozen
class _XlsxSource:
    path: Path
    progress: Progress | None = None

    def _rows(self) -> Iterator[tuple[str, ...]]:
        try:
            import openpyxl  # noqa: PLC0415  (an optional extra, imported only when needed)
        except ImportError:
            problem = (
                "reading .xlsx needs openpyxl: install the `excel` extra "
                "(pip install 'pension-subsidy[excel]')"
            )
            raise DataFileError(problem, path=str(self.path)) from None
        try:
            workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as error:
            raise DataFileError(
                f"not a readable .xlsx workbook: {error}", path=str(self.path)
            ) from None
        try:
            sheet = workbook.active
            assert sheet is not None
            for values in sheet.iter_rows(values_only=True):
                yield tuple(_cell_text(value) for value in values)
        finally:
            workbook.close()

    def header(self) -> list[str]:
        row = next(self._rows(), None)
        if not row or not any(row):
            raise DataFileError(
                "expected a header row in the first sheet", path=str(self.path), line=1
            )
        width = max(index + 1 for index, name in enumerate(row) if name)
        return list(row[:width])

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.header())
        rows = self._rows()
        next(rows)
        line = 2
        while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
            # a sheet is rectangular: empty cells right of the header are not fields
            trimmed: list[Sequence[str]] = [
                row[:width] if not any(row[width:]) else row for row in chunk
            ]
            yield trimmed, line, line + len(chunk) - 1
            line += len(chunk)
            if self.progress is not None:
                self.progress(line - 2, 0)


def read_header(path: str | Path, *, encoding: str | None = None) -> list[str]:
    """The header row of a roster file."""
    return _source(Path(path), encoding, None).header()


def _source(
    path: Path, encoding: str | None, progress: Progress | None
) -> _CsvSource | _XlsxSource:
    if not path.exists():
        raise DataFileError("no such file", path=str(path))
    if path.suffix.lower() == ".xlsx":
        return _XlsxSource(path, progress)
    if path.suffix.lower() == ".xls":
        raise DataFileError(
            "old .xls workbooks are not supported; save as .xlsx or CSV", path=str(path)
        )
    return _CsvSource(path, encoding or detect_encoding(path), progress)


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
    costs time, and 8 bytes a person in a temporary folder); the tally then records that it
    was skipped.

    ``jobs`` is the number of processes for a CSV file (default: every core the process may
    use for a file of 8 MiB or more, else 1). The result is the same for any ``jobs``; a
    file with quote characters, or a system without ``fork``, is read in one process.
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
    )
