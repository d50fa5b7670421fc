"""The roster engine's fast paths give what the plain ones give (issue 14, item 1).

CRLF blocks split without a copy, dates checked without a set per block, one process, two
processes (fork) and two spawned processes: the same tally and the same rejected rows, line
for line. The what-if sweep's shares in integers equal the exact Fraction result.
No timing here: speed lives in ``benchmarks/``.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pension_subsidy import Yuan
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.model import budget
from pension_subsidy.money import round_half_up
from pension_subsidy.roster import (
    FIELDS,
    Reason,
    Rejection,
    Tally,
    engine,
    partitions,
    synthetic_rows,
    tally_roster,
)
from pension_subsidy.roster.partitions import (
    START_METHOD_VARIABLE,
    stable_hash,
    start_method,
)
from pension_subsidy.roster.rules import default_roster_rules

Outcome = tuple[Tally, list[Rejection]]
GOLDEN_INPUTS = Path(__file__).parent / "golden" / "inputs"


def write_roster(
    path: Path, count: int, *, seed: int, newline: str = "\n", faults: int = 0
) -> Path:
    """A synthetic roster with ``faults`` bad rows and repeated ids spread through it."""
    rows = [list(row) for row in synthetic_rows(count, seed=seed)]
    for number in range(faults):
        at = (number * 7919 + seed) % count
        rows[at][3] = "1960-02-30"  # a bad date
        rows.append(list(rows[(at * 3 + 1) % count]))  # a repeated id, far from its first
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(FIELDS)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


def outcome(path: Path, *, jobs: int) -> Outcome:
    rejected: list[Rejection] = []
    tally = tally_roster(path, jobs=jobs, on_reject=rejected.append)
    return tally, rejected


class TestCrlf:
    def test_crlf_roster_reads_as_the_lf_one(self, tmp_path: Path) -> None:
        """Every line in CRLF: split at CRLF directly; the same tally and lines as LF."""
        lf = write_roster(tmp_path / "lf.csv", 3000, seed=4, faults=5)
        crlf = write_roster(tmp_path / "crlf.csv", 3000, seed=4, faults=5, newline="\r\n")
        assert b"\r\n" in crlf.read_bytes()
        one, rejected = outcome(lf, jobs=1)
        assert outcome(crlf, jobs=1) == (one, rejected)
        assert outcome(crlf, jobs=2) == (one, rejected)
        assert {r.reason for r in rejected} == {Reason.BAD_DATE, Reason.DUPLICATE_PERSON_ID}

    def test_mixed_line_ends_read_as_lf(self, tmp_path: Path) -> None:
        """Some lines CRLF, some LF: the copying path, still the same rows and lines."""
        lf = write_roster(tmp_path / "lf.csv", 2000, seed=6, faults=3)
        lines = lf.read_text(encoding="utf-8").split("\n")
        mixed = tmp_path / "mixed.csv"
        text = "".join(line + ("\r\n" if n % 3 else "\n") for n, line in enumerate(lines[:-1]))
        mixed.write_text(text, encoding="utf-8", newline="")
        assert outcome(mixed, jobs=1) == outcome(lf, jobs=1)


class TestProcesses:
    @settings(max_examples=8, deadline=None)
    @given(
        count=st.integers(1, 4000),
        seed=st.integers(0, 10_000),
        faults=st.integers(0, 12),
        crlf=st.booleans(),
    )
    def test_one_process_equals_two(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        count: int,
        seed: int,
        faults: int,
        crlf: bool,
    ) -> None:
        """Generated rosters with bad rows and repeated ids: one process = two processes."""
        path = tmp_path_factory.mktemp("r") / "r.csv"
        write_roster(path, count, seed=seed, faults=faults, newline="\r\n" if crlf else "\n")
        assert outcome(path, jobs=2) == outcome(path, jobs=1)

    def test_spawn_equals_one_process(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Workers started by spawn (as on Windows): the one-process tally, line for line."""
        path = write_roster(tmp_path / "r.csv", 6000, seed=11, faults=9)
        one = outcome(path, jobs=1)
        monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
        assert start_method() == "spawn"
        # a fallback to one process would hide a spawn failure: not allowed here
        from pension_subsidy.roster import read  # noqa: PLC0415

        def no_fallback(*args: object, **kwargs: object) -> Tally:
            raise AssertionError("the roster fell back to one process")

        monkeypatch.setattr(read, "tally_source", no_fallback)
        spawned = outcome(path, jobs=2)
        assert spawned == one
        assert sum(r.reason is Reason.DUPLICATE_PERSON_ID for r in one[1]) == 9

    def test_spawn_without_duplicate_check_or_rejects(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_roster(tmp_path / "r.csv", 3000, seed=12, faults=2)
        one = tally_roster(path, jobs=1, check_duplicates=False)
        monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
        assert tally_roster(path, jobs=2, check_duplicates=False) == one

    def test_unknown_start_method_is_named(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(START_METHOD_VARIABLE, "thread")
        with pytest.raises(DataFileError, match=START_METHOD_VARIABLE):
            start_method()

    def test_default_is_fork_where_there_is_one(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv(START_METHOD_VARIABLE, raising=False)
        assert start_method() == "fork"

    @given(st.text(max_size=30))
    def test_stable_hash_is_signed_64_bit(self, text: str) -> None:
        value = stable_hash(text)
        assert -(1 << 63) <= value < 1 << 63
        assert value == stable_hash(text)


class TestBoundedCounting:
    @pytest.mark.parametrize("bound", [1, 7, 300])
    def test_folding_into_villages_changes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: int
    ) -> None:
        """Profiles folded into cells per village (even after every chunk): the same
        tally and rejections, repeated ids confirmed after the fold included."""
        path = write_roster(tmp_path / "r.csv", 5000, seed=21, faults=15)
        expected = outcome(path, jobs=1)
        monkeypatch.setattr(engine, "FOLD_KEYS", bound)
        monkeypatch.setattr(partitions, "FOLD_KEYS", bound)
        assert outcome(path, jobs=1) == expected
        assert outcome(path, jobs=2) == expected

    def test_fold_keeps_at_most_the_bound(self, tmp_path: Path) -> None:
        path = write_roster(tmp_path / "r.csv", 4000, seed=22)
        with path.open(encoding="utf-8", newline="") as stream:
            rows: list[list[str]] = list(csv.reader(stream))[1:]
        state = engine._Engine(default_roster_rules(), range(11), 11, None, ledger=None, bound=50)
        for start in range(0, len(rows), 512):
            chunk = rows[start : start + 512]
            state.process((chunk, 2 + start, 1 + start + len(chunk)))
            assert len(state.counts) + len(state.key_counts) <= 50
        assert state.folded_cells
        assert state.tally() == tally_roster(path, jobs=1, check_duplicates=False)


class TestGoldenInputs:
    @pytest.mark.parametrize(
        "name",
        [
            "roster-bad-rows.csv",
            "roster-other-export-gb18030.csv",
            "synth-2000-seed7.csv",
            "synth-500-seed11-corrupt.csv",
        ],
    )
    def test_golden_rosters_one_and_two_processes(self, name: str) -> None:
        """The golden tests' roster inputs: the same with one and two processes.

        (Their JSON, pinned by tests/test_golden_json.py, is unchanged by the fast paths.)
        """
        path = GOLDEN_INPUTS / name
        columns = {"person_id": "身份证号", "grade": "档次"} if "other-export" in name else None
        try:
            one = tally_roster(path, jobs=1, columns=columns)
        except DataFileError:
            pytest.skip("read with other options by its golden case")
        assert tally_roster(path, jobs=2, columns=columns) == one


amounts = st.decimals(min_value=0, max_value=10**9, places=2).map(Yuan)


class TestIntegerShares:
    @given(part=amounts, whole=amounts)
    def test_percent_equals_the_fraction_result(self, part: Yuan, whole: Yuan) -> None:
        expected = (
            None if whole.is_zero() else round_half_up(part.ratio(whole) * 100, Decimal("0.01"))
        )
        got = budget._percent(part, whole)
        assert got == expected
        assert str(got) == str(expected)

    @given(
        overrun=st.decimals(min_value=0, max_value=10**7, places=2).map(Yuan),
        parts=st.lists(amounts, min_size=1, max_size=8).filter(
            lambda xs: not sum(xs, Yuan(0)).is_zero()
        ),
    )
    def test_allocation_equals_the_fraction_result(self, overrun: Yuan, parts: list[Yuan]) -> None:
        fen = int(overrun.value * 100)
        allocated = budget._allocate(overrun, parts)
        assert allocated == budget._allocate_fractions(fen, parts)
        assert sum(allocated, Yuan(0)) == overrun

    def test_hand_computed(self) -> None:
        """172 of 175 is 98.29 %; 1,000.00 元 over, split 1 : 2 : 1 → 250, 500, 250."""
        assert budget._percent(Yuan("172"), Yuan("175")) == Decimal("98.29")
        assert budget._percent(Yuan("1"), Yuan("200")) == Decimal("0.50")
        parts = [Yuan("10"), Yuan("20"), Yuan("10")]
        assert budget._allocate(Yuan("1000"), parts) == (Yuan(250), Yuan(500), Yuan(250))
        # 0.01 元 over three equal parts: the 分 goes to the first in table order
        assert budget._allocate(Yuan("0.01"), [Yuan(1)] * 3) == (Yuan("0.01"), Yuan(0), Yuan(0))

    def test_ratio_is_exact(self) -> None:
        assert Fraction(Yuan("1").value) / Fraction(Yuan("3").value) == Fraction(1, 3)
