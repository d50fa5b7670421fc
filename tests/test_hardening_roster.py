"""Roster hardening (issue 9): quotes read by csv's rules, nothing left on disk, damaged input.

Each reproducer of the issue has a test; a regression that hangs fails by a timeout (the run
is a subprocess) instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from pension_subsidy import DataFileError
from pension_subsidy.cli import main
from pension_subsidy.roster import (
    FIELDS,
    Rejection,
    Tally,
    duplicates,
    partitions,
    tally_roster,
    write_synthetic_roster,
)
from pension_subsidy.roster.read import detect_encoding

HEADER = ",".join(FIELDS)
#: Seconds a roster run in a subprocess may take before the test calls it a hang.
TIMEOUT = 120


def person(pid: str, *, remark: str = "", grade: str = "100") -> str:
    """A valid CSV line (no line end) for a paying person, with a free-text remark last."""
    return f"{pid},东川镇,甲村,1970-05-01,1,{grade},,0,0,0,0,{remark}"


def run_roster(path: Path, *options: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """The roster command's JSON, run as a subprocess that must end within TIMEOUT."""
    done = subprocess.run(
        [sys.executable, "-m", "pension_subsidy", "roster", str(path), "--format", "json",
         *options],
        capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def csv_records(path: Path) -> list[tuple[int, list[str]]]:
    """Each record of a file with the line it starts on, as Python's csv module reads it."""
    encoding = detect_encoding(path)
    records = []
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream)
        line = 1
        for row in reader:
            records.append((line, row))
            line = reader.line_num + 1
    return records


def tally_with_rejections(path: Path, **options: object) -> tuple[Tally, list[Rejection]]:
    """The tally of a roster file and its rejected rows."""
    rejected: list[Rejection] = []
    tally = tally_roster(path, on_reject=rejected.append, **options)  # type: ignore[arg-type]
    return tally, rejected


def assert_read_as_csv(path: Path) -> Tally:
    """Every record csv finds is read, and each rejection is the csv record on its line.

    One and two processes give the same tally and rejections.
    """
    _, *records = csv_records(path)
    tally, rejected = tally_with_rejections(path, jobs=1)
    assert len(records) == tally.rows_read == tally.accepted + tally.rejected
    by_line = dict(records)
    assert [list(rejection.row) for rejection in rejected] == [
        by_line[rejection.line] for rejection in rejected
    ]
    assert (tally, rejected) == tally_with_rejections(path, jobs=2)
    return tally


@contextlib.contextmanager
def ran_in_parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each tally_roster call in the block was tallied in several processes."""
    from pension_subsidy.roster import read  # noqa: PLC0415  (spied on)

    in_parts: list[bool] = []

    def spy(*args: object, **options: object) -> Tally | None:
        tally = partitions.tally_csv_in_parts(*args, **options)  # type: ignore[arg-type]
        in_parts.append(tally is not None)
        return tally

    monkeypatch.setattr(read, "tally_csv_in_parts", spy)
    yield in_parts


class TestUnbalancedQuoteInHeader:
    def test_no_later_odd_quote_ends_with_every_row(self, tmp_path):
        """A header cell 备注" and no odd quote after it: the run ends, 6 rows of 6 read."""
        path = tmp_path / "r.csv"
        lines = [f'{HEADER},备注"'] + [person(f"P{n}", remark="x") for n in range(6)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for jobs in ("1", "2"):
            result = run_roster(path, "--jobs", jobs)
            assert (result["rows_read"], result["accepted"], result["rejected"]) == (6, 6, 0)

    def test_one_later_odd_quote_swallows_no_row(self, tmp_path):
        """备注" in the header and a" b in a row's remark: all 6 rows read, none swallowed."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark='a"b' if n == 3 else "x") for n in range(6)]
        path.write_text("\n".join([f'{HEADER},备注"', *rows]) + "\n", encoding="utf-8")
        for jobs in ("1", "2"):
            result = run_roster(path, "--jobs", jobs)
            assert (result["rows_read"], result["accepted"], result["rejected"]) == (6, 6, 0)
        assert assert_read_as_csv(path).rows_read == 6

    def test_quote_in_header_is_read_in_parts(self, tmp_path, monkeypatch):
        """A header with 备注" no longer sends the file to one process: 2 give the same."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark="x") for n in range(2000)]
        rows[1500] = person("P1500", grade="x", remark="x")
        path.write_text("\n".join([f'{HEADER},备注"', *rows]) + "\n", encoding="utf-8")
        with ran_in_parts(monkeypatch) as in_parts:
            tally, rejected = tally_with_rejections(path, jobs=2)
        assert in_parts == [True]
        assert [(r.line, r.reason.value) for r in rejected] == [(1502, "bad_number")]
        assert (tally, rejected) == tally_with_rejections(path, jobs=1)

    def test_header_cell_over_two_lines_keeps_line_numbers(self, tmp_path, monkeypatch):
        """A quoted header cell with a line break: data starts on line 3, in 1 or 2 processes."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark="x") for n in range(300)]
        rows[1] = person("P1", grade="x", remark="x")
        path.write_text("\n".join([f'{HEADER},"备\n注"', *rows]) + "\n", encoding="utf-8")
        with ran_in_parts(monkeypatch) as in_parts:
            tally, rejected = tally_with_rejections(path, jobs=2)
        assert in_parts == [True]
        assert [(r.line, r.row[0]) for r in rejected] == [(4, "P1")]
        assert tally.rows_read == 300
        assert (tally, rejected) == tally_with_rejections(path, jobs=1)

    def test_quote_never_closed_in_header_takes_the_file_as_csv_does(self, tmp_path, capsys):
        """A cell opened by a quote never closed: csv reads one record; the CLI exits 3."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}") for n in range(6)]
        path.write_text("\n".join([f'{HEADER},"备注', *rows]) + "\n", encoding="utf-8")
        assert len(csv_records(path)) == 1
        assert tally_roster(path).rows_read == 0
        assert main(["roster", str(path)]) == 3
        err = capsys.readouterr().err
        assert err == f"pension-subsidy: error: {path}: no rows under the header\n"


class TestRecordsAsCsvReadsThem:
    @pytest.mark.parametrize(
        ("body", "rows_read", "rejected_lines"),
        [
            # a quoted remark holding LF, CRLF and a lone CR: three records on six lines
            (person("P1", remark='"a\nb"') + "\n" + person("P2", remark='"c\r\nd"') + "\n"
             + person("P3", remark='"e\rf"') + "\n", 3, []),
            # a quote inside an unquoted cell is a character: a"b, and "a"b" read as ab"
            (person("P1", remark='a"b') + "\n" + person("P2", remark='"a"b"') + "\n", 2, []),
            # a quote opening the last row's remark, never closed: one record to the end
            (person("P1") + ",x\n" + person("P2", remark='"open') + "\n" + person("P3") + "\n",
             2, [2]),
            # blank lines and a lone CR line end are records (rejected: wrong field count)
            (person("P1", remark="x") + "\n\n" + person("P2", remark="y") + "\r\r", 4, [3, 5]),
        ],
    )  # fmt: skip
    def test_rows_read_are_csv_records(self, tmp_path, body, rows_read, rejected_lines):
        """Quotes, line ends in quotes, blank lines: rows read equal csv's records, lines too."""
        path = tmp_path / "r.csv"
        path.write_bytes(f"{HEADER},备注\n{body}".encode())
        tally = assert_read_as_csv(path)
        assert tally.rows_read == rows_read
        assert [line for line, _ in csv_records(path)[1:] if line in rejected_lines] == (
            rejected_lines
        )
        _, rejected = tally_with_rejections(path)
        assert [rejection.line for rejection in rejected] == rejected_lines

    def test_blocks_end_where_csv_ends_a_record(self, tmp_path):
        """Many blocks of odd literal quotes and quoted line breaks: every record read once."""
        path = tmp_path / "r.csv"
        remarks = ['a"b', '"x\ny"', '"p""q"', "plain", '"r\r\ns,t"', '"u"v"']
        lines = [f"{HEADER},备注"]
        for n in range(30_000):
            grade = "x" if n % 4999 == 7 else "100"
            lines.append(person(f"P{n}", grade=grade, remark=remarks[n % len(remarks)]))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tally = assert_read_as_csv(path)
        assert (tally.rows_read, tally.rejected) == (30_000, 6)  # rows 7, 5006, … 25002

    def test_blocks_grow_to_close_a_record_open_at_their_end(self, tmp_path):
        """Remarks of 20 quoted lines each: blocks end inside records and grow to close them."""
        path = tmp_path / "r.csv"
        remark = '"' + "\n".join(f"第{n}行" for n in range(20)) + '"'
        rows = [person(f"P{n}", remark=remark) for n in range(5000)]
        rows[4321] = person("P4321", grade="x", remark=remark)
        path.write_text("\n".join([f"{HEADER},备注", *rows]) + "\n", encoding="utf-8")
        tally = assert_read_as_csv(path)
        _, rejected = tally_with_rejections(path)
        assert [(r.line, r.row[0]) for r in rejected] == [(2 + 4321 * 20, "P4321")]
        assert (tally.rows_read, tally.rejected) == (5000, 1)

    def test_progress_reaches_the_end(self, tmp_path):
        """on_progress is told the bytes read of the file's size, up to the whole file."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark='"a\nb"' if n % 2 else "c") for n in range(20_000)]
        path.write_text("\n".join([f"{HEADER},备注", *rows]) + "\n", encoding="utf-8")
        calls: list[tuple[int, int]] = []
        tally_roster(path, jobs=1, on_progress=lambda done, total: calls.append((done, total)))
        size = path.stat().st_size
        assert len(calls) > 1
        assert calls[-1] == (size, size)
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    def test_quote_never_closed_past_the_field_limit_names_its_line(self, tmp_path):
        """A quote opened on line 4 and never closed, swallowing 200k characters: its line."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark="x") for n in range(5000)]
        rows[2] = person("P2", remark='"open')
        path.write_text("\n".join([f"{HEADER},备注", *rows]) + "\n", encoding="utf-8")
        messages = []
        for jobs in (1, 2):
            with pytest.raises(DataFileError) as error:
                tally_roster(path, jobs=jobs)
            messages.append(str(error.value))
        assert messages[0] == messages[1]
        assert messages[0].startswith(f"{path}:4: a field of more than 131,072 characters")

    def test_undecodable_byte_names_its_exact_line(self, tmp_path):
        """A byte that is not UTF-8 on line 20,000 (many blocks in): the error says 20000."""
        path = tmp_path / "r.csv"
        rows = [person(f"P{n}", remark="x") for n in range(30_000)]
        data = "\n".join([f"{HEADER},备注", *rows]).encode().split(b"\n")
        data[19_999] = data[19_999].replace(b",x", b",\xff")
        path.write_bytes(b"\n".join(data) + b"\n")
        for jobs in (1, 2):
            with pytest.raises(DataFileError, match=r":20000: not utf-8 text"):
                tally_roster(path, jobs=jobs)

    def test_utf16_with_byte_order_mark(self, tmp_path):
        """A comma-separated UTF-16 file with its mark is read as the UTF-8 one, any jobs."""
        text = "\n".join([HEADER, person("P1"), person("P2", grade="x")]) + "\n"
        utf8, utf16 = tmp_path / "8.csv", tmp_path / "16.csv"
        utf8.write_text(text, encoding="utf-8")
        utf16.write_text(text, encoding="utf-16")
        assert detect_encoding(utf16) == "utf-16"
        expected = tally_with_rejections(utf8)
        assert expected[0].rows_read == 2
        assert tally_with_rejections(utf16, jobs=1) == expected
        assert tally_with_rejections(utf16, jobs=2) == expected


def _spill_files(pid: int, folder: Path) -> list[str]:
    """The deleted (anonymous) files in ``folder`` that process ``pid`` holds open."""
    found = []
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith(str(folder)):
                    found.append(target)
    return found


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux)."""
    children: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            children += [int(child) for child in text.split()]
    return children


def _gone(pid: int) -> bool:
    """Whether a process has ended (gone, or a zombie waiting for its reaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@contextlib.contextmanager
def temp_folder(folder: Path) -> Iterator[Path]:
    """tempfile's folder set to ``folder`` for the block (TMPDIR for this process)."""
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


linux_only = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")


@pytest.fixture(scope="module")
def large_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic roster long enough that its id hashes spill to disk in every range."""
    path = tmp_path_factory.mktemp("large") / "roster.csv"
    write_synthetic_roster(path, 400_000, seed=9)
    return path


class TestNothingLeftOnDisk:
    @linux_only
    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_kill_9_mid_run_leaves_the_temp_folder_empty(self, tmp_path, large_roster, jobs):
        """Killed with SIGKILL while its spill files are open: TMPDIR is empty, workers end."""
        folder = tmp_path / "tmp"
        folder.mkdir()
        process = subprocess.Popen(
            [sys.executable, "-m", "pension_subsidy", "roster", str(large_roster), "--jobs", jobs],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(folder)},
        )  # fmt: skip
        try:
            deadline = time.monotonic() + TIMEOUT
            workers = 2 if jobs == "2" else 0
            while not _spill_files(process.pid, folder) or len(_children(process.pid)) < workers:
                assert process.poll() is None, "the run ended before it spilled to disk"
                assert time.monotonic() < deadline
                time.sleep(0.005)
            assert all(name.endswith(" (deleted)") for name in _spill_files(process.pid, folder))
            workers = _children(process.pid)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=TIMEOUT)
            deadline = time.monotonic() + 10
            while not all(map(_gone, workers)) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert [worker for worker in workers if not _gone(worker)] == []
        assert os.listdir(folder) == []

    @linux_only
    @pytest.mark.parametrize("jobs", [1, 2])
    def test_error_mid_pass_leaves_no_file_and_no_descriptor(self, tmp_path, monkeypatch, jobs):
        """An exception from on_reject after hashes spilled: no file, every descriptor closed."""
        monkeypatch.setattr(duplicates, "BUFFER_HASHES", 8)
        rows = [person(f"P{n}", remark="x") for n in range(400)]
        rows[350] = person("P350", grade="x", remark="x")
        path = tmp_path / "r.csv"
        path.write_text("\n".join([f"{HEADER},备注", *rows]) + "\n", encoding="utf-8")

        def refuse(rejection: Rejection) -> None:
            raise RuntimeError(f"stop at line {rejection.line}")

        folder = tmp_path / "tmp"
        folder.mkdir()
        before = _open_fds()
        with temp_folder(folder), pytest.raises(RuntimeError, match="stop at line 352"):
            tally_roster(path, jobs=jobs, on_reject=refuse)
        assert os.listdir(folder) == []
        assert _open_fds() <= before

    @linux_only
    @pytest.mark.parametrize("jobs", [1, 2])
    def test_decode_error_after_spilling_leaves_nothing(self, tmp_path, monkeypatch, jobs):
        """A byte that is not UTF-8 after many spills: the library's error, nothing left."""
        monkeypatch.setattr(duplicates, "BUFFER_HASHES", 8)
        rows = [person(f"P{n}", remark="x") for n in range(3000)]
        path = tmp_path / "r.csv"
        path.write_bytes("\n".join([f"{HEADER},备注", *rows]).encode() + b"\xff\n")
        folder = tmp_path / "tmp"
        folder.mkdir()
        before = _open_fds()
        with temp_folder(folder), pytest.raises(DataFileError, match=":3001: not utf-8"):
            tally_roster(path, jobs=jobs)
        assert os.listdir(folder) == []
        assert _open_fds() <= before

    @linux_only
    def test_finished_run_closes_its_spill_files(self, tmp_path, monkeypatch):
        """After a run that spilled, in 1 or 2 processes, no descriptor stays open."""
        monkeypatch.setattr(duplicates, "BUFFER_HASHES", 8)
        rows = [person(f"P{n}") for n in range(500)] + [person("P7")]
        path = tmp_path / "r.csv"
        path.write_text("\n".join([f"{HEADER},备注", *rows]) + "\n", encoding="utf-8")
        before = _open_fds()
        tallies = [tally_with_rejections(path, jobs=jobs) for jobs in (1, 2)]
        assert _open_fds() <= before
        assert tallies[0] == tallies[1]
        assert [(r.line, r.reason.value) for r in tallies[0][1]] == [(502, "duplicate_person_id")]


# -- damaged workbooks ---------------------------------------------------------------------
def workbook_bytes(rows: list[list[object]], *, title: str = "名册") -> bytes:
    """An .xlsx workbook of one sheet: the roster's header, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(FIELDS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_person(pid: str, grade: object = 100) -> list[object]:
    """A valid workbook row."""
    return [pid, "东川镇", "甲村", "1970-05-01", 1, grade, None, 0, 0, 0, 0]


SHEET = "xl/worksheets/sheet1.xml"


def replaced(data: bytes, part: str, content: bytes | None) -> bytes:
    """The workbook with one part's content replaced (None: the part left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name != part:
                target.writestr(name, source.read(name))
            elif content is not None:
                target.writestr(name, content)
    return out.getvalue()


def sheet_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(SHEET)


class TestDamagedWorkbooks:
    def refusal(self, tmp_path: Path, data: bytes) -> str:
        """The message of the DataFileError that reading the workbook gives."""
        path = tmp_path / "r.xlsx"
        path.write_bytes(data)
        with pytest.raises(DataFileError) as error:
            tally_roster(path)
        assert error.value.path == str(path)
        return str(error.value)

    def test_sheet_xml_broken_after_its_first_rows(self, tmp_path):
        """XML that breaks off inside the rows (read lazily): the sheet and the row after."""
        data = workbook_bytes([xlsx_person(f"P{n}") for n in range(20)])
        xml = sheet_xml(data)
        broken = xml[: xml.index(b'<row r="12"')] + b"<row <<junk"
        message = self.refusal(tmp_path, replaced(data, SHEET, broken))
        assert message.startswith(f"{tmp_path / 'r.xlsx'}:12: sheet '名册': cannot read the sheet")
        assert "after row 11: ParseError" in message

    def test_sheet_part_of_junk(self, tmp_path):
        """A sheet part that is no XML at all: not a readable workbook, with why."""
        data = replaced(workbook_bytes([xlsx_person("P1")]), SHEET, b"\x00junk")
        assert "not a readable .xlsx workbook: ParseError" in self.refusal(tmp_path, data)

    def test_sheet_part_missing(self, tmp_path):
        """A sheet the workbook names whose part is missing is named (openpyxl skips it)."""
        data = replaced(workbook_bytes([xlsx_person("P1")]), SHEET, None)
        message = self.refusal(tmp_path, data)
        assert message.endswith("sheet '名册' is missing from the archive; a damaged workbook")

    def test_workbook_part_missing(self, tmp_path):
        """No workbook part: not a readable workbook, naming the part."""
        data = replaced(workbook_bytes([xlsx_person("P1")]), "xl/workbook.xml", None)
        assert "xl/workbook.xml" in self.refusal(tmp_path, data)

    def test_truncated_workbook(self, tmp_path):
        """A workbook cut short (a broken download): not a readable workbook."""
        data = workbook_bytes([xlsx_person(f"P{n}") for n in range(50)])
        message = self.refusal(tmp_path, data[: len(data) // 2])
        assert message.endswith("not a readable .xlsx workbook: BadZipFile: File is not a zip file")

    def test_corrupted_compressed_sheet(self, tmp_path):
        """Bytes changed inside the compressed sheet: the library's error, never zlib's."""
        data = bytearray(workbook_bytes([xlsx_person(f"P{n}") for n in range(300)]))
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            info = archive.getinfo(SHEET)
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for offset in range(start + 200, start + info.compress_size - 50, 7):
            data[offset] ^= 0x5A
        message = self.refusal(tmp_path, bytes(data))
        assert message.startswith(f"{tmp_path / 'r.xlsx'}")
        assert "not a readable .xlsx workbook" in message or "sheet '名册'" in message

    def test_formula_without_saved_result_names_its_cell(self, tmp_path):
        """A formula never calculated is reported by file, sheet and cell, not read as empty."""
        rows = [xlsx_person("P1"), xlsx_person("P2", grade="=50*2")]
        message = self.refusal(tmp_path, workbook_bytes(rows))
        assert message == (
            f"{tmp_path / 'r.xlsx'}:3: sheet '名册', cell F3: a formula with no saved result "
            "(the workbook was never calculated); open and save it in a spreadsheet, or "
            "export CSV"
        )

    def test_formula_with_saved_result_reads_the_result(self, tmp_path):
        """A formula with its saved result (as a spreadsheet saves it) reads as the result."""
        data = workbook_bytes([xlsx_person("P1"), xlsx_person("P2", grade="=250*2")])
        # openpyxl writes the empty result as <v /> or <v></v>, as lxml is installed or not
        xml = re.sub(
            rb"<f>250\*2</f><v\s*/>|<f>250\*2</f><v></v>",
            b"<f>250*2</f><v>500</v>",
            sheet_xml(data),
        )
        path = tmp_path / "r.xlsx"
        path.write_bytes(replaced(data, SHEET, xml))
        tally = tally_roster(path)
        assert (tally.rows_read, tally.accepted) == (2, 2)
        assert sorted((str(g), n) for g, n in tally.grade_payers().items() if n) == [
            ("100.00", 1),
            ("500.00", 1),
        ]

    def test_rejections_carry_sheet_row_numbers(self, tmp_path):
        """A blank row between rows, and a bad one after it: each rejected on its sheet row."""
        path = tmp_path / "r.xlsx"
        rows = [xlsx_person("P1"), xlsx_person("P2"), [], xlsx_person("P4"), xlsx_person("P5", "x")]
        path.write_bytes(workbook_bytes(rows))
        tally, rejected = tally_with_rejections(path)
        assert [(r.line, r.reason.value) for r in rejected] == [
            (4, "missing_field"),
            (6, "bad_number"),
        ]
        assert (tally.rows_read, tally.accepted) == (5, 3)

    def test_row_beyond_the_sheet_limit(self, tmp_path):
        """A row number past Excel's 1,048,576 rows is a damaged workbook, not a long loop."""
        data = workbook_bytes([xlsx_person("P1"), xlsx_person("P2")])
        xml = sheet_xml(data).replace(b'<row r="3"', b'<row r="99999999"')
        xml = xml.replace(b'r="A3"', b'r="A99999999"')
        message = self.refusal(tmp_path, replaced(data, SHEET, xml))
        assert "row 99999999 after row 2; a damaged workbook" in message

    def test_column_beyond_the_sheet_limit(self, tmp_path):
        """A cell past Excel's 16,384 columns (XFE) is a damaged workbook, named by its row."""
        data = workbook_bytes([xlsx_person("P1"), xlsx_person("P2")])
        xml = sheet_xml(data).replace(b'r="K3"', b'r="XFE3"')
        message = self.refusal(tmp_path, replaced(data, SHEET, xml))
        assert message.endswith(":3: sheet '名册': a cell in column 16385; a damaged workbook")

    def test_rows_out_of_order(self, tmp_path):
        """A row numbered before the one it follows is a damaged workbook."""
        data = workbook_bytes([xlsx_person("P1"), xlsx_person("P2")])
        xml = sheet_xml(data).replace(b'<row r="3"', b'<row r="2"')
        xml = xml.replace(b'r="A3"', b'r="A2"')
        message = self.refusal(tmp_path, replaced(data, SHEET, xml))
        assert "row 2 after row 2; a damaged workbook" in message


# -- every bad roster input: exit 3 with one line ----------------------------------------
def _write(data: bytes, name: str = "r.csv") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _folder(folder: Path) -> Path:
    path = folder / "r.csv"
    path.mkdir()
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "r.csv"
    os.mkfifo(path)
    return path


def empty_sheet() -> bytes:
    """A workbook whose sheet has no rows at all."""
    data = workbook_bytes([])
    xml = sheet_xml(data)
    start, end = xml.index(b"<sheetData>"), xml.index(b"</sheetData>") + len(b"</sheetData>")
    return replaced(data, SHEET, xml[:start] + b"<sheetData/>" + xml[end:])


BAD_INPUTS = {
    "empty file": (_write(b""), "expected a header row, found an empty file or line"),
    "header only": (_write(HEADER.encode() + b"\n"), "no rows under the header"),
    "missing file": (lambda folder: folder / "none.csv", "no such file"),
    "a folder": (_folder, "a folder, not a roster file"),
    "binary junk": (_write(bytes(range(256)) * 8), "not gb18030 text"),
    "NUL bytes": (_write(b"\x00" * 5000), "no column 'person_id'"),
    "Latin-1 text": (_write(HEADER.encode() + b"\nP1,\xe9t\xe9,x,1960-01-01,1,100,,0,0,0,0\n"),
                     ":2: not gb18030 text"),
    "duplicate header": (_write((HEADER + ",person_id\n" + person("P1")).encode()),
                         "column 'person_id' appears twice"),
    "missing column": (_write(b"person_id,township\nP1,x\n"), "no column 'village' or '村'"),
    "xlsx named .csv": (_write(workbook_bytes([xlsx_person("P1")])), "a zip archive"),
    "xls": (_write(b"\xd0\xcf\x11\xe0" + bytes(100), "r.xls"), "old .xls workbooks"),
    "xls named .csv": (_write(b"\xd0\xcf\x11\xe0" + bytes(100)), "an old .xls workbook"),
    "damaged xlsx": (_write(b"PK\x03\x04junk", "r.xlsx"), "not a readable .xlsx workbook"),
    "formula xlsx": (_write(workbook_bytes([xlsx_person("P1", "=1")]), "r.xlsx"),
                     "a formula with no saved result"),
    "empty sheet": (_write(empty_sheet(), "r.xlsx"), "expected a header row in the active sheet"),
    "header past the field limit": (_write(f'{HEADER},"备注{"x" * 140_000}\n'.encode()),
                                    ":1: a field of more than 131,072 characters"),
    "quote never closed in header": (_write(f'{HEADER},"备注\n{person("P1")}\n'.encode()),
                                     "no rows under the header"),
}  # fmt: skip


class TestBadRosterInputs:
    @pytest.mark.parametrize("case", sorted(BAD_INPUTS))
    def test_exit_3_with_one_line(self, tmp_path, capsys, case):
        """Each bad roster: exit 3 and one line naming the file and what is wrong."""
        make, expected = BAD_INPUTS[case]
        path = make(tmp_path)
        assert main(["roster", str(path)]) == 3
        err = capsys.readouterr().err
        assert err.startswith(f"pension-subsidy: error: {path}")
        assert expected in err
        assert err.count("\n") == 1

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
    def test_pipe_is_refused_without_reading(self, tmp_path, capsys):
        """A named pipe (never written to) is refused at once, not waited on."""
        path = _fifo(tmp_path)
        assert main(["roster", str(path)]) == 3
        assert "not a regular file" in capsys.readouterr().err

    def test_library_raises_its_own_error_for_each(self, tmp_path):
        """tally_roster itself raises DataFileError for every bad file but the header-only."""
        for case, (make, _) in sorted(BAD_INPUTS.items()):
            folder = tmp_path / case.replace(" ", "-")
            folder.mkdir()
            path = make(folder)
            if case in ("header only", "quote never closed in header"):
                assert tally_roster(path).rows_read == 0
                continue
            with pytest.raises(DataFileError):
                tally_roster(path)
