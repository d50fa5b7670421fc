"""The Dask path's progress (issue 14): parts done of all and rows read, as tasks complete.

``tally_roster_distributed(on_progress=…)`` tells a listener, on the client, a step
``reading`` (each first-pass task as it completes: parts done, rows read so far) and, when
some id is repeated, a step ``second_look``; each ends at its whole total. The command line
draws it on a terminal's stderr as the local engines' progress is drawn (``3/8 parts``), and
``--no-progress`` (or stderr not a terminal) draws nothing. No timing is tested.
"""

from __future__ import annotations

import datetime
import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from pension_subsidy.cli import main
from pension_subsidy.roster import FIELDS, default_roster_rules, synthetic_rows
from pension_subsidy.roster.distributed import tally_roster_distributed
from pension_subsidy.roster.progress import ProgressReport

distributed = pytest.importorskip("distributed")

RULES = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
#: Small blocks: each file is several parts (tasks).
BLOCK = 8192


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes, no dashboards; closed after the module's tests."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            worker_dashboard_address=None,
            silence_logs=logging.ERROR,
            death_timeout=30,
        ) as cluster,
        distributed.Client(cluster, timeout=30) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two roster files of 600 rows each; the second repeats ids of the first."""
    folder = tmp_path_factory.mktemp("dask-progress")
    rows = [list(row) for row in synthetic_rows(1200, seed=5)]
    for index in range(700, 720):
        rows[index][0] = rows[index - 650][0]  # an id of the first file, again in the second
    paths = []
    for number, piece in enumerate((rows[:600], rows[600:])):
        path = folder / f"part{number}.csv"
        lines = [",".join(FIELDS), *(",".join(row) for row in piece)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class Reports:
    """A progress sink keeping every report."""

    def __init__(self) -> None:
        self.reports: list[ProgressReport] = []

    def report(self, update: ProgressReport) -> None:
        self.reports.append(update)

    def of(self, step: str) -> list[ProgressReport]:
        return [report for report in self.reports if report.step == step]


class TestLibrary:
    """tally_roster_distributed(on_progress=…) on a LocalCluster of two workers."""

    def test_reading_counts_parts_and_rows_to_the_end(self, client: Any, files: list[Path]) -> None:
        """Parts done rise one by one to all of them; the rows read reach the rows of the roster."""
        sink = Reports()
        tally = tally_roster_distributed(
            files, RULES, client=client, block_bytes=BLOCK, on_progress=sink
        )
        reading = sink.of("reading")
        assert {report.unit for report in reading} == {"parts"}
        total = reading[0].total
        assert total is not None
        assert total > 2  # several blocks per file
        assert [report.done for report in reading[:-1]] == list(range(total + 1))
        assert reading[-1].finished
        assert (reading[-1].done, reading[-1].rows) == (total, 1200)
        assert tally.rows_read == 1200
        rows = [report.rows for report in reading]
        assert rows == sorted(rows)

    def test_repeated_ids_have_a_second_look(self, client: Any, files: list[Path]) -> None:
        """Ids repeated across files: a second step over the same parts, after the reading."""
        sink = Reports()
        tally_roster_distributed(files, RULES, client=client, block_bytes=BLOCK, on_progress=sink)
        steps = list(dict.fromkeys(report.step for report in sink.reports))
        assert steps == ["reading", "second_look"]
        second = sink.of("second_look")
        assert second[-1].finished
        assert second[-1].done == second[-1].total == sink.of("reading")[-1].total

    def test_without_the_duplicate_check_one_step(self, client: Any, files: list[Path]) -> None:
        sink = Reports()
        tally_roster_distributed(
            files, RULES, client=client, block_bytes=BLOCK, check_duplicates=False, on_progress=sink
        )
        assert {report.step for report in sink.reports} == {"reading"}

    def test_progress_changes_nothing(self, client: Any, files: list[Path]) -> None:
        """The same tally, with a sink, a plain callable or no listener."""
        calls: list[tuple[int, int]] = []
        plain = tally_roster_distributed(
            files, RULES, client=client, block_bytes=BLOCK, on_progress=lambda *a: calls.append(a)
        )
        silent = tally_roster_distributed(files, RULES, client=client, block_bytes=BLOCK)
        assert plain == silent
        assert calls[0] == (0, calls[0][1])
        assert calls[-1][0] == calls[-1][1]  # the last step ends at its total


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, so that the progress line is drawn."""

    def isatty(self) -> bool:
        return True


def _final_lines(screen: str) -> list[str]:
    """What each line shows once the carriage returns have drawn over it."""
    return [line.split("\r")[-1].replace("\x1b[K", "").strip() for line in screen.split("\n")]


class TestCommandLine:
    """roster FILES --dask SCHEDULER on a terminal: the parts done, to 100 %."""

    def _run(
        self, client: Any, files: list[Path], monkeypatch: pytest.MonkeyPatch, *more: str
    ) -> str:
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        address = client.scheduler.address
        argv = ["roster", *map(str, files), "--dask", address, "--format", "json", *more]
        assert main([*argv, "--as-of", "2024-01-01"]) == 1  # duplicates rejected
        return terminal.getvalue()

    def test_drawn_to_the_end(
        self,
        client: Any,
        files: list[Path],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        screen = self._run(client, files, monkeypatch, "--locale", "en")
        capsys.readouterr()
        reading = [line for line in _final_lines(screen) if line.startswith("reading")]
        assert len(reading) == 1, screen
        assert "100 %" in reading[0]
        assert " parts " in reading[0]
        assert "1,200 rows" in reading[0]
        done, _, total = reading[0].split("%")[1].split()[0].partition("/")
        assert done == total
        assert any(line.startswith("second look") for line in _final_lines(screen))

    def test_said_in_chinese(
        self,
        client: Any,
        files: list[Path],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        screen = self._run(client, files, monkeypatch, "--locale", "zh_CN")
        capsys.readouterr()
        reading = [line for line in _final_lines(screen) if line.startswith("读取名册")]
        assert len(reading) == 1, screen
        assert " 块 " in reading[0]
        assert "100 %" in reading[0]

    def test_no_progress_draws_nothing(
        self,
        client: Any,
        files: list[Path],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        screen = self._run(client, files, monkeypatch, "--no-progress")
        capsys.readouterr()
        assert screen == ""
