"""The roster's progress display (issue 13, item 6): a terminal sees it reach 100 %.

Driven through a pseudo-terminal: ``pension-subsidy roster`` on a multi-MiB synthetic roster
with two processes draws a line on stderr that reaches 100 % with a row count; with stderr
not a terminal, or with ``--no-progress``, nothing is drawn. The engine's reports (a
:class:`~pension_subsidy.roster.progress.ProgressSink`, or a plain callable) end each step
at its whole total, for CSV in one or two processes and for ``.xlsx``.
"""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pension_subsidy.output.progress import ProgressLine, progress_line
from pension_subsidy.roster import FIELDS, synthetic_rows, tally_roster, write_synthetic_roster
from pension_subsidy.roster.progress import ProgressMeter, ProgressReport

pty = pytest.importorskip("pty")  # POSIX only

ROWS = 60_000  # about 4 MiB: two ranges for two processes


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "roster.csv"
    write_synthetic_roster(path, ROWS, seed=3, corrupt=0.01)
    assert path.stat().st_size > 3 << 20
    return path


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pension_subsidy", *args, "--locale", "en"]


def run_on_pty(args: list[str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal (stdout to a pipe); what the terminal got."""
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL
        )
        os.close(slave)
        received = bytearray()
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the terminal's other end closed
                    break
                if not data:
                    break
                received += data
            elif process.poll() is not None:
                break
        code = process.wait(timeout=60)
    finally:
        os.close(master)
    return code, received.decode("utf-8", "replace")


def final_lines(screen: str) -> list[str]:
    """What is left on each terminal line once the carriage returns have drawn over it."""
    # a terminal ends a line with CR LF
    lines = screen.replace("\r\n", "\n").split("\n")
    return [line.split("\r")[-1].replace("\x1b[K", "").strip() for line in lines]


class TestTerminal:
    def test_two_processes_reach_100_percent_with_a_count(self, big_roster: Path) -> None:
        code, screen = run_on_pty(cli("roster", str(big_roster), "--jobs", "2", "--format", "json"))
        assert code in (0, 1), screen
        lines = [line for line in final_lines(screen) if line.startswith("reading")]
        assert lines, screen
        # the last thing drawn on the line: 100 %, every record counted, the time taken
        assert "100 %" in lines[0]
        assert f"{ROWS:,} rows" in lines[0], lines[0]
        assert " in 0:" in lines[0]
        # drawn while the workers read, not only at the end
        assert screen.count("\r") > 2

    def test_spawned_workers_reach_100_percent(
        self, big_roster: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("PENSION_SUBSIDY_START_METHOD", "spawn")
        code, screen = run_on_pty(cli("roster", str(big_roster), "--jobs", "2", "--format", "json"))
        assert code in (0, 1), screen
        reading = [line for line in final_lines(screen) if line.startswith("reading")]
        assert reading, screen
        assert "100 %" in reading[0]
        assert f"{ROWS:,} rows" in reading[0]

    def test_no_progress_option_draws_nothing(self, big_roster: Path) -> None:
        args = cli("roster", str(big_roster), "--jobs", "2", "--format", "json", "--no-progress")
        code, screen = run_on_pty(args)
        assert code in (0, 1)
        assert "%" not in screen
        assert "\r" not in screen

    def test_not_a_terminal_draws_nothing(self, big_roster: Path) -> None:
        done = subprocess.run(
            cli("roster", str(big_roster), "--jobs", "2", "--format", "json"),
            capture_output=True,
            check=False,
        )
        assert done.returncode in (0, 1)
        assert done.stderr == b""


class Reports:
    def __init__(self) -> None:
        self.reports: list[ProgressReport] = []

    def report(self, update: ProgressReport) -> None:
        self.reports.append(update)


class TestEngineReports:
    @pytest.mark.parametrize("jobs", [1, 2])
    def test_csv_reading_ends_at_its_total(self, big_roster: Path, jobs: int) -> None:
        sink = Reports()
        tally_roster(big_roster, jobs=jobs, on_progress=sink)
        reading = [r for r in sink.reports if r.step == "reading"]
        assert reading[-1].finished
        assert reading[-1].done == reading[-1].total == big_roster.stat().st_size
        assert reading[-1].rows == ROWS
        dones = [r.done for r in reading]
        assert dones == sorted(dones)
        assert len(reading) >= 2

    def test_plain_callable_reaches_the_whole_file_in_two_processes(self, big_roster: Path) -> None:
        calls: list[tuple[int, int]] = []
        tally_roster(
            big_roster, jobs=2, on_progress=lambda done, total: calls.append((done, total))
        )
        size = big_roster.stat().st_size
        assert calls[-1] == (size, size)

    def test_second_look_is_its_own_step(self, tmp_path: Path) -> None:
        path = tmp_path / "r.csv"
        rows = [",".join(FIELDS)] + [",".join(row) for row in synthetic_rows(500, seed=2)]
        rows.append(rows[5])  # a repeated id: the second look reads the file again
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        sink = Reports()
        tally_roster(path, jobs=1, on_progress=sink)
        finished = [(r.step, r.rows) for r in sink.reports if r.finished]
        assert finished == [("reading", 501), ("second_look", 501)]

    def test_xlsx_reports_rows_and_reaches_its_total(self, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook(write_only=True)  # no <dimension>: opened without a full read
        sheet = book.create_sheet()
        sheet.append(list(FIELDS))
        for row in synthetic_rows(3000, seed=8):
            sheet.append(row)
        path = tmp_path / "r.xlsx"
        book.save(path)
        sink = Reports()
        tally = tally_roster(path, on_progress=sink)
        assert tally.rows_read == 3000
        last = sink.reports[-1]
        assert last.finished
        assert last.done == last.total
        assert last.rows == 3000
        assert last.unit == "bytes"
        assert any(not r.finished and r.rows for r in sink.reports)


class TestRenderer:
    def test_indeterminate_step_shows_rows_and_time(self) -> None:
        out = io.StringIO()
        line = ProgressLine(out, clock=lambda: 10.0)
        line.report(ProgressReport("reading", 512, None, "rows", 512, 1.0))
        assert "512 rows" in out.getvalue()
        assert "%" not in out.getvalue()

    def test_chinese_words(self) -> None:
        out = io.StringIO()
        ProgressLine(out, locale="zh").report(
            ProgressReport("reading", 1, 1, "bytes", 7, 1.0, finished=True)
        )
        assert "读取名册" in out.getvalue()
        assert "100 %" in out.getvalue()

    def test_not_a_terminal_gives_none(self) -> None:
        assert progress_line(stream=io.StringIO()) is None

    def test_meter_with_no_listener_is_silent(self) -> None:
        meter = ProgressMeter(None)
        meter.begin_pass(total=10, unit="bytes")
        meter.advance(5, 1)
        meter.close()
        assert meter.step is None
