"""Arbitrary roster files: every record accepted or rejected, or the library's own error.

An independent count — Python's ``csv`` module over the decoded text, or the rows written
into a workbook — says how many records a file holds; the library must read exactly those,
in one process and in two alike, and leave no temporary file behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import DataFileError, PensionSubsidyError
from pension_subsidy.roster import (
    FIELDS,
    Rejection,
    Tally,
    duplicates,
    resolve_columns,
    tally_roster,
)

HEADER = (
    "person_id,township,village,birth_date,paying,grade,disability,poverty,cadre,land_loss,"
    "receiving\n"
)
# Pieces a real export is made of, and ones that break it: quotes, separators, line ends,
# Chinese text, control characters, signs and numbers.
PIECES = st.sampled_from(
    ["P1", "P2", "东川镇", "甲村", "1960-01-01", "2999-01-01", "1", "0", "100", "500", "-5",
     "severe", "重度", "mild", "", ",", '"', '""', "\n", "\r\n", "\r", "\x00", "x", " ", "1e9"]
)  # fmt: skip

#: Good values per field, so that many generated rows are accepted.
GOOD = {
    "person_id": ["P1", "P2", "P3", "身份证1"],
    "township": ["东川镇", "西川镇"],
    "village": ["甲村", "乙村"],
    "birth_date": ["1960-01-01", "1985/12/31", "19700501"],
    "paying": ["1", "0", "是", "否"],
    "grade": ["100", "500", ""],
    "disability": ["", "severe", "重度", "mild"],
    "poverty": ["0", "1"],
    "cadre": ["0", "1"],
    "land_loss": ["0", "1"],
    "receiving": ["0", "1"],
}
#: Text that is hard for a reader: quotes anywhere, line ends, separators, other scripts.
AWKWARD = st.text(
    alphabet=st.sampled_from(['"', ",", "\n", "\r", "a", "东", " ", "\x00", "'", "\t"]), max_size=6
)
#: Free-text column names: with quotes (备注"), separators and line ends.
EXTRA_NAMES = st.one_of(
    st.sampled_from(['备注"', '"备注', 'a"b"c', "备注", "x,y", "备\n注"]), AWKWARD
)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def cells(draw: st.DrawFn, field: str | None) -> str:
    """One cell as written: a good value or an awkward one, quoted by csv's rules or raw."""
    value = draw(st.sampled_from(GOOD[field]) if field is not None else AWKWARD)
    if draw(st.integers(0, 9)) == 0:
        value = draw(st.one_of(AWKWARD, PIECES))
    style = draw(st.sampled_from(["raw", "raw", "raw", "quoted"]))
    return '"' + value.replace('"', '""') + '"' if style == "quoted" else value


@st.composite
def roster_files(draw: st.DrawFn) -> bytes:
    """A roster file's bytes: a header with extra (quote-holding) columns, awkward rows."""
    extras = draw(st.lists(EXTRA_NAMES, max_size=2))
    columns: list[str | None] = [*FIELDS, *(None for _ in extras)]
    names = [*FIELDS, *extras]
    order = draw(st.permutations(range(len(columns))))
    header = ",".join(
        '"' + name.replace('"', '""') + '"' if draw(st.booleans()) else name
        for name in (names[at] for at in order)
    )
    lines = [header]
    for _ in range(draw(st.integers(0, 12))):
        row = [draw(cells(columns[at])) for at in order]
        if draw(st.integers(0, 7)) == 0:  # a field more or fewer
            row = row[:-1] if draw(st.booleans()) else [*row, "extra"]
        lines.append(",".join(row))
    text = "".join(line + draw(LINE_ENDS) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return text.encode(encoding)


# -- the independent count ------------------------------------------------------------------
def detected_encoding(data: bytes) -> str:
    """The encoding the roster documentation promises to detect: BOM, UTF-8, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def csv_records(data: bytes) -> list[tuple[int, list[str]]] | None:
    """Each record with the line it starts on, as ``csv`` reads the file; None if it cannot."""
    try:
        text = data.decode(detected_encoding(data))
    except UnicodeDecodeError:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    line = 1
    try:
        for row in reader:
            records.append((line, row))
            line = reader.line_num + 1
    except csv.Error:
        return None
    return records


def readable_header(records: list[tuple[int, list[str]]] | None) -> bool:
    """Whether the first record is a header naming each field once."""
    if not records or not records[0][1]:
        return False
    try:
        resolve_columns(records[0][1])
    except DataFileError:
        return False
    return True


# -- running the library --------------------------------------------------------------------
@contextlib.contextmanager
def spilling_everything() -> Iterator[None]:
    """Id hashes spilled to disk after every 4, so that small files use spill files too."""
    saved = duplicates.BUFFER_HASHES
    duplicates.BUFFER_HASHES = 4  # type: ignore[misc]
    try:
        yield
    finally:
        duplicates.BUFFER_HASHES = saved  # type: ignore[misc]


def _open_fds() -> set[str] | None:
    with contextlib.suppress(OSError):
        return set(os.listdir("/proc/self/fd"))
    return None


Outcome = tuple[Tally, list[Rejection]] | tuple[type[PensionSubsidyError], str]


def tally_file(path: Path, *, jobs: int) -> Outcome:
    """The tally and rejections of a roster file, or its error's type and message.

    tempfile's folder is an empty one for the run; afterwards it must be empty again, and no
    file descriptor may be left open.
    """
    rejected: list[Rejection] = []
    saved = tempfile.tempdir
    before = _open_fds()
    with tempfile.TemporaryDirectory() as folder, spilling_everything():
        tempfile.tempdir = folder
        try:
            outcome: Outcome = (tally_roster(path, jobs=jobs, on_reject=rejected.append), rejected)
        except PensionSubsidyError as error:
            outcome = (type(error), str(error))
        finally:
            tempfile.tempdir = saved
        assert os.listdir(folder) == []
    after = _open_fds()
    assert before is None or after is None or after <= before
    return outcome


def assert_every_record_accounted_for(data: bytes) -> None:
    """The library reads what csv reads, 1 and 2 processes alike, or refuses as it must."""
    records = csv_records(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        one = tally_file(path, jobs=1)
        assert tally_file(path, jobs=2) == one
    if not readable_header(records):
        assert one[0] is DataFileError
        assert str(path) in str(one[1])
        return
    assert records is not None
    tally, rejected = one
    assert isinstance(tally, Tally), one
    assert isinstance(rejected, list)
    assert tally.rows_read == tally.accepted + tally.rejected == len(records) - 1
    by_line = dict(records[1:])
    assert [list(rejection.row) for rejection in rejected] == [
        by_line[rejection.line] for rejection in rejected
    ]


class TestArbitraryCsvRosters:
    @given(roster_files())
    def test_records_as_csv_counts_them(self, data: bytes) -> None:
        """Quotes, CR, LF, CRLF, BOM, GB18030, field counts: every csv record read once."""
        assert_every_record_accounted_for(data)

    @given(st.lists(PIECES, max_size=80))
    def test_any_text_under_a_valid_header(self, pieces: list[str]) -> None:
        """Any text under a valid header: csv's records, one and two processes alike."""
        assert_every_record_accounted_for((HEADER + "".join(pieces)).encode("utf-8"))

    @given(st.binary(max_size=300))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Bytes that are no roster at all raise only the library's own errors."""
        assert_every_record_accounted_for(data)

    @given(st.binary(max_size=300))
    def test_arbitrary_bytes_under_a_header(self, data: bytes) -> None:
        """Arbitrary bytes after a valid header: read as csv reads them, or refused."""
        assert_every_record_accounted_for(HEADER.encode() + data)


# -- workbooks ------------------------------------------------------------------------------
XLSX_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["P1", "P2", "东川镇", "甲村", "1960-01-01", "severe", "重度", "", "x"]),
    st.text(alphabet=st.sampled_from(['"', ",", "\n", "a", "东", " ", "=", "'"]), max_size=5),
    st.integers(-5, 3000),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
SHEET = "xl/worksheets/sheet1.xml"


def good_row(number: int) -> list[object]:
    return [f"P{number}", "东川镇", "甲村", "1970-05-01", 1, 100, None, 0, 0, 0, 0]


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[bytes, int]:
    """A roster workbook (openpyxl), and the rows it holds under its header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(FIELDS))
    rows: list[list[object]] = []
    for number in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            rows.append(good_row(number))
        else:
            width = draw(st.integers(0, len(FIELDS) + 1))
            rows.append([draw(XLSX_CELLS) for _ in range(width)])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    # openpyxl writes a row element for each row of one cell or more (empty ones too) and
    # none for a row of no cells; a row missing between two rows is an empty row
    held = max((at + 1 for at, row in enumerate(rows) if row), default=0)
    return out.getvalue(), held


def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The workbook damaged in one of the ways files are: cut, junk, a part missing, bits.

    Positions are drawn as numbers and taken modulo a length: a saved workbook's length
    varies from run to run (its timestamps), and what is drawn must not depend on it.
    """
    position = st.integers(0, 1 << 24)
    kind = draw(st.sampled_from(["cut", "junk sheet", "cut sheet", "missing part", "bits"]))
    if kind == "cut":
        return data[: draw(position) % len(data)]
    if kind == "bits":
        damaged = bytearray(data)
        for offset in draw(st.lists(position, min_size=1, max_size=8)):
            damaged[offset % len(data)] ^= draw(st.integers(1, 255))
        return bytes(damaged)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    if kind == "missing part":
        del parts[draw(st.sampled_from(sorted(parts)))]
    elif kind == "junk sheet":
        parts[SHEET] = draw(st.binary(max_size=200))
    else:
        parts[SHEET] = parts[SHEET][: draw(position) % (len(parts[SHEET]) + 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def formula_cells(data: bytes) -> bool:
    """Whether a workbook (openpyxl's, never calculated) holds a formula: text began with =."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"<f>" in archive.read(SHEET)


class TestArbitraryWorkbooks:
    @given(workbooks())
    def test_rows_read_are_the_rows_written(self, book: tuple[bytes, int]) -> None:
        """A whole workbook: every row under the header read, on its sheet row; or a formula
        never calculated is refused, naming its cell."""
        data, held = book
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "roster.xlsx"
            path.write_bytes(data)
            one = tally_file(path, jobs=1)
            assert tally_file(path, jobs=2) == one
        if formula_cells(data):
            assert one[0] is DataFileError
            assert "a formula with no saved result" in str(one[1])
            return
        tally, rejected = one
        assert isinstance(tally, Tally), one
        assert isinstance(rejected, list)
        assert tally.rows_read == tally.accepted + tally.rejected == held
        assert all(2 <= rejection.line <= held + 1 for rejection in rejected)

    @given(workbooks(), st.data())
    def test_damaged_workbooks(self, book: tuple[bytes, int], data: st.DataObject) -> None:
        """A cut, junk-filled, part-missing or bit-flipped workbook: the library's error naming
        the file, or a tally with every row read accounted for."""
        damaged_data = damaged(data.draw, book[0])
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "roster.xlsx"
            path.write_bytes(damaged_data)
            outcome = tally_file(path, jobs=1)
        if isinstance(outcome[0], Tally):
            assert outcome[0].rows_read == outcome[0].accepted + outcome[0].rejected
        else:
            assert outcome[0] is DataFileError
            assert str(outcome[1]).startswith(str(path))
