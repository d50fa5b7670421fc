"""The roster on a Dask cluster equals one process on the files concatenated (issue 14)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

from pension_subsidy.cli import main
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.output.roster_text import roster_data
from pension_subsidy.roster import FIELDS, Rejection, default_roster_rules, synthetic_rows
from pension_subsidy.roster.distributed import roster_paths, tally_roster_distributed
from pension_subsidy.roster.read import tally_roster

distributed = pytest.importorskip("distributed")

RULES = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
#: Small blocks, so that one file is several Dask tasks.
BLOCK = 16384


@pytest.fixture(scope="class")
def client() -> Iterator[Any]:
    """Two worker processes, no worker dashboards; closed after the class's tests."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
            worker_dashboard_address=None,
            silence_logs=logging.ERROR,
            death_timeout=30,
        ) as cluster,
        distributed.Client(cluster, timeout=30) as connected,
    ):
        yield connected


def _rows(count: int, seed: int) -> list[list[str]]:
    """Synthetic rows with duplicate ids (anywhere earlier) and a few faults."""
    rows = [list(row) for row in synthetic_rows(count, seed=seed)]
    rng = random.Random(seed)
    for index in rng.sample(range(50, count), count // 60):
        rows[index][0] = rows[rng.randrange(0, index)][0]
    rows[7][4] = "x"  # bad_number
    rows[count // 2][1] = ""  # missing township
    rows[count // 3][3] = "1990-02-30"  # bad_date
    rows[count - 5] = rows[count - 5][:5]  # wrong field count
    return rows


def _csv(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(rows)
    return out.getvalue()


def _write(folder: Path, pieces: Sequence[Sequence[Sequence[str]]]) -> tuple[list[Path], Path]:
    """Each piece a file (part0.csv …), and their concatenation under one header."""
    paths = []
    for index, piece in enumerate(pieces):
        path = folder / f"part{index}.csv"
        path.write_text(_csv(piece), encoding="utf-8", newline="")
        paths.append(path)
    whole = folder / "whole.csv"
    whole.write_text(_csv([row for piece in pieces for row in piece]), encoding="utf-8", newline="")
    return paths, whole


def _offsets(paths: Sequence[Path]) -> dict[Path, int]:
    """Lines before each file's first data row in the concatenation, less its own header."""
    offsets, before = {}, 0
    for path in paths:
        offsets[path] = before
        with path.open(encoding="utf-8", newline="") as stream:
            before += stream.read().count("\n") - 1
    return offsets


def _compare(client: Any, paths: list[Path], whole: Path, **options: Any) -> list[Rejection]:
    """Assert the same tally and the same rejections (lines moved into the concatenation)."""
    single: list[Rejection] = []
    expected = tally_roster(whole, RULES, on_reject=single.append, jobs=1, **options)
    found: list[tuple[Path, Rejection]] = []
    actual = tally_roster_distributed(
        paths,
        RULES,
        client=client,
        on_reject=lambda path, rejection: found.append((path, rejection)),
        block_bytes=BLOCK,
        **options,
    )
    assert roster_data(actual) == roster_data(expected)
    assert actual == expected
    offsets = _offsets(paths)
    moved = [attrs.evolve(r, line=r.line + offsets[path]) for path, r in found]
    assert moved == sorted(single, key=lambda rejection: rejection.line)
    return single


class TestDistributedTally:
    """tally_roster_distributed on a LocalCluster of two worker processes."""

    def test_duplicates_across_files_blocks_and_within(self, client: Any, tmp_path: Path) -> None:
        """Duplicates across files, across blocks of a file and within one: as one process."""
        rows = _rows(2400, seed=4)
        planted = {1800: 10, 1000: 600, 502: 501}  # across files; across blocks; one block
        for later, earlier in planted.items():
            rows[later][0] = rows[earlier][0] = f"PLANTED{earlier}"
        paths, whole = _write(tmp_path, [rows[:500], rows[500:1700], rows[1700:1750], rows[1750:]])
        single = _compare(client, paths, whole)
        reasons = {rejection.line: rejection.reason.value for rejection in single}
        assert {"duplicate_person_id", "bad_number", "bad_date", "wrong_field_count"} <= set(
            reasons.values()
        )
        assert all(reasons[later + 2] == "duplicate_person_id" for later in planted)
        assert sum(reason == "duplicate_person_id" for reason in reasons.values()) > 30

    def test_quoted_line_breaks(self, client: Any, tmp_path: Path) -> None:
        """Quoted line breaks, a short field and one longer than a block: as one process."""
        rows = _rows(1500, seed=6)
        rows[100][2] = "甲\n村"  # a short one: its block reads it whole
        rows[900][2] = "乙村" + "\n" * (2 * BLOCK)  # a cut falls inside it: the file read whole
        _compare(client, *_write(tmp_path, [rows[:600], rows[600:]]))

    def test_without_the_duplicate_check(self, client: Any, tmp_path: Path) -> None:
        """check_duplicates=False: nothing rejected as a duplicate, as in one process."""
        rows = _rows(900, seed=8)
        _compare(client, *_write(tmp_path, [rows[:400], rows[400:]]), check_duplicates=False)

    def test_an_error_as_one_process_gives_it(self, client: Any, tmp_path: Path) -> None:
        """A line that is not text: the same error, file and line as in one process."""
        paths, _ = _write(tmp_path, [_rows(300, seed=3), _rows(1500, seed=5)])
        data = paths[1].read_bytes()
        at = data.index(b"\n", len(data) - 3000) + 1  # a line start past the encoding sample
        paths[1].write_bytes(data[:at] + b"\xff\xfe" + data[at:])
        with pytest.raises(DataFileError) as single:
            tally_roster(paths[1], RULES, jobs=1)
        with pytest.raises(DataFileError) as distributed_error:
            tally_roster_distributed(paths, RULES, client=client, block_bytes=BLOCK)
        assert str(distributed_error.value) == str(single.value)
        assert distributed_error.value.line == single.value.line is not None

    def test_different_headers_refused(self, client: Any, tmp_path: Path) -> None:
        """Every file of a roster has the first file's header."""
        first, second = tmp_path / "a.csv", tmp_path / "b.csv"
        first.write_text(_csv(_rows(100, seed=1)), encoding="utf-8")
        second.write_text("人员编号," + _csv(_rows(100, seed=2)), encoding="utf-8")
        with pytest.raises(DataFileError, match="the same header"):
            tally_roster_distributed([first, second], RULES, client=client)

    def test_several_files_on_a_scheduler(
        self, client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Several files on a running scheduler: one roster; rejects in order, with their file."""
        rows = _rows(1200, seed=10)
        paths, whole = _write(tmp_path, [rows[:700], rows[700:]])
        common = ["--as-of", "2024-01-01", "--format", "json"]
        assert main(["roster", str(whole), *common]) == 1
        expected = json.loads(capsys.readouterr().out)
        address = client.scheduler.address
        rejects = tmp_path / "rejects.csv"
        pattern = str(tmp_path / "part*.csv")  # a quoted glob: the files in sorted order
        argv = ["roster", pattern, *common, "--dask", address, "--rejects", str(rejects)]
        assert main(argv) == 1
        assert json.loads(capsys.readouterr().out) == expected
        with rejects.open(encoding="utf-8-sig", newline="") as stream:
            records = list(csv.DictReader(stream))
        assert len(records) == expected["rejected"]
        files = [record["file"] for record in records]
        assert files == sorted(files)  # file by file
        assert set(files) == {str(path) for path in paths}


class TestRosterPaths:
    """Several paths, or a glob."""

    def test_glob_sorted(self, tmp_path: Path) -> None:
        """A pattern is its matches, sorted; a path named twice is read once."""
        for name in ("b.csv", "a.csv", "c.txt"):
            (tmp_path / name).write_text("x\n")
        found = roster_paths([str(tmp_path / "*.csv"), tmp_path / "a.csv"])
        assert found == [tmp_path / "a.csv", tmp_path / "b.csv"]

    def test_glob_without_matches(self, tmp_path: Path) -> None:
        """A pattern matching nothing is an input error naming it."""
        with pytest.raises(DataFileError, match="no file matches"):
            roster_paths(str(tmp_path / "*.csv"))


class TestCommandLine:
    """roster FILE --dask local:N, and the usage errors."""

    def test_local_cluster_equals_one_process(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--dask local:2 on one file: the same JSON and the same --rejects file, byte for byte."""
        rows = _rows(1200, seed=9)
        _, whole = _write(tmp_path, [rows])
        common = [str(whole), "--as-of", "2024-01-01", "--format", "json"]
        assert main(["roster", *common, "--rejects", str(tmp_path / "one.csv")]) == 1
        expected = capsys.readouterr().out
        dask = ["--dask", "local:2", "--rejects", str(tmp_path / "dask.csv")]
        assert main(["roster", *common, *dask]) == 1
        assert capsys.readouterr().out == expected
        assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()

    def test_several_files_need_dask(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Several files without --dask: a usage error naming --dask."""
        paths, _ = _write(tmp_path, [_rows(60, seed=1), _rows(60, seed=2)])
        assert main(["roster", *map(str, paths)]) == 2
        assert "--dask" in capsys.readouterr().err

    @pytest.mark.parametrize("option", [["--jobs", "2"], ["--engine", "columnar"]])
    def test_options_of_one_machine_refused(
        self, option: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--jobs and another engine than the pure one are usage errors with --dask."""
        _, whole = _write(tmp_path, [_rows(60, seed=1)])
        assert main(["roster", str(whole), "--dask", "local:2", *option]) == 2
        assert option[0] in capsys.readouterr().err

    @pytest.mark.parametrize("scheduler", ["local:0", "host:8786", "", "tcp://host:70000"])
    def test_bad_scheduler(
        self, scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A --dask value that is no address nor local[:N] is a usage error, never a connection."""
        _, whole = _write(tmp_path, [_rows(60, seed=1)])
        assert main(["roster", str(whole), "--dask", scheduler]) == 2
        assert "tcp://host:8786, local or local:N" in capsys.readouterr().err

    def test_unreachable_scheduler(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A scheduler nobody answers at: an input error (exit 3) saying so, at once."""
        _, whole = _write(tmp_path, [_rows(60, seed=1)])
        assert main(["roster", str(whole), "--dask", "tcp://127.0.0.1:1"]) == 3
        assert "cannot reach the Dask scheduler" in capsys.readouterr().err
