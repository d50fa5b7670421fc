"""The pure engine's block path equals a plain row-by-row reading (issue 14, item 1).

A block with wrong rows is counted whole and only its wrong rows are looked at; the second
look at repeated id hashes reads only to the id (in the workers, with two processes). These
tests drive generated rosters with faults of every kind through the engine in one and two
processes and in small blocks, and compare the tally and every rejection (line, reason,
detail, row) with a reference that judges each row on its own. No timing here: speed lives
in ``benchmarks/``.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pension_subsidy.exceptions import (
    DataFileError,
    InvalidNumberError,
    RosterMergeError,
    UnknownKeyError,
)
from pension_subsidy.output.errors import error_text
from pension_subsidy.roster import Reason, Tally, csv_source, tally_roster
from pension_subsidy.roster._engine_pass import _Engine
from pension_subsidy.roster.classify import _number
from pension_subsidy.roster.partitions import START_METHOD_VARIABLE, start_method
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from tests.strategies import corrupted_values, roster_rows

AS_OF = datetime.date(2024, 1, 1)
HEADER = (
    "person_id,township,village,birth_date,paying,grade,disability,poverty,cadre,land_loss,"
    "receiving"
)
#: (line, reason, detail, row) of a rejection.
Said = tuple[int, Reason, str, tuple[str, ...]]


def rules() -> RosterRules:
    """The bundled rules as of a fixed day (no dependence on today)."""
    return attrs.evolve(default_roster_rules(), as_of=AS_OF)


def reference(rows: list[list[str]]) -> tuple[Tally, list[Said]]:
    """Each row judged on its own, in line order; then repeated ids, first accepted kept."""
    judge = _Engine(rules(), range(11), 11, None, ledger=None)
    rejected: list[Said] = []
    kept = []
    for line, row in enumerate(rows, start=2):
        problem = judge.row_problem(row)
        if problem is None:
            kept.append((line, row))
        else:
            rejected.append((line, problem.reason, problem.detail, tuple(row)))
    seen: set[str] = set()
    counts: Counter[tuple[str, ...]] = Counter()
    for line, row in kept:
        if row[0] in seen:
            detail = f"person_id {row[0]!r} was already accepted on an earlier row"
            rejected.append((line, Reason.DUPLICATE_PERSON_ID, detail, tuple(row)))
            continue
        seen.add(row[0])
        counts[judge.get_profile(row)] += 1
    judge.counts = counts
    judge.rows_read = len(rows)
    judge.rejections = Counter(reason.value for _, reason, _, _ in rejected)
    return judge.tally(duplicate_check=True), rejected


def engine_outcome(path: Path, *, jobs: int) -> tuple[Tally, list[Said]]:
    """The tally and rejections of a roster file by the pure engine."""
    said: list[Said] = []
    tally = tally_roster(
        path,
        rules(),
        engine="pure",
        jobs=jobs,
        on_reject=lambda r: said.append((r.line, r.reason, r.detail, r.row)),
    )
    return tally, said


def read_rows(path: Path) -> list[list[str]]:
    """The data rows of a CSV file as csv reads them."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))[1:]


@st.composite
def faulty_rosters(draw: st.DrawFn) -> list[list[str]]:
    """Valid rows with faults: bad values, repeated ids, short, long and empty rows."""
    size = draw(st.integers(min_value=1, max_value=80))
    rows = [draw(roster_rows(f"P{number:05d}")) for number in range(size)]
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        at = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        fault = draw(st.sampled_from(("value", "repeat", "short", "long", "empty")))
        if fault == "value":
            column, value = draw(corrupted_values())
            if column < len(rows[at]):
                rows[at][column] = value
        elif fault == "repeat":
            source = rows[draw(st.integers(0, len(rows) - 1))]
            ident = source[0] if source else "P00000"  # an emptied row repeats the first id
            rows.insert(at, [ident, *rows[at][1:]])
        elif fault == "short":
            rows[at] = rows[at][: draw(st.integers(min_value=1, max_value=10))]
        elif fault == "long":
            rows[at] = [*rows[at], "extra"]
        else:
            rows[at] = []
    return rows


def write(path: Path, rows: list[list[str]], *, quoted: bool = False) -> Path:
    """A CSV roster; ``quoted`` puts a comma in one village name (a quoted field)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    out.write(HEADER + "\n")
    for number, row in enumerate(rows):
        if quoted and number == len(rows) // 2 and len(row) == 11:
            writer.writerow([*row[:2], row[2] + ",东", *row[3:]])
        else:
            writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


class TestBlocksEqualRows:
    @settings(max_examples=15, deadline=None)
    @given(rows=faulty_rosters(), quoted=st.booleans(), block=st.sampled_from([64, 300, 1 << 18]))
    def test_one_process_in_any_blocks(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        rows: list[list[str]],
        quoted: bool,
        block: int,
    ) -> None:
        """Any faults, in small or large blocks, quoted or not: what each row says alone."""
        path = write(tmp_path_factory.mktemp("r") / "r.csv", rows, quoted=quoted)
        expected = reference(read_rows(path))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(csv_source, "_BLOCK_CHARS", block)
            assert engine_outcome(path, jobs=1) == expected

    @settings(max_examples=4, deadline=None)
    @given(rows=faulty_rosters())
    def test_two_processes(
        self, tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
    ) -> None:
        """Two worker processes (their second look included): the same as row by row."""
        path = write(tmp_path_factory.mktemp("r") / "r.csv", rows)
        expected = reference(read_rows(path))
        assert engine_outcome(path, jobs=2) == expected

    def test_hand_made_block(self, tmp_path: Path) -> None:
        """One block: a good row, an empty id, a bad date, a repeat, a short row; by hand."""
        good = ["P1", "东川镇", "甲村", "1960-01-01", "1", "100", "", "0", "0", "0", "0"]
        rows = [
            good,
            ["", *good[1:]],
            ["P2", *good[1:3], "1960-02-30", *good[4:]],
            ["P1", *good[1:]],
            good[:4],
            ["P3", *good[1:]],
        ]
        tally, said = engine_outcome(write(tmp_path / "r.csv", rows), jobs=1)
        assert [(line, reason) for line, reason, _, _ in said] == [
            (3, Reason.MISSING_FIELD),
            (4, Reason.BAD_DATE),
            (6, Reason.WRONG_FIELD_COUNT),
            (5, Reason.DUPLICATE_PERSON_ID),
        ]
        assert (tally.rows_read, tally.accepted) == (6, 2)
        assert said[2][3] == tuple(good[:4])  # the row as csv reads it


class TestLongFields:
    def test_a_field_past_csv_limit_beside_a_wrong_row_is_refused_as_before(
        self, tmp_path: Path
    ) -> None:
        """csv refuses a field over its limit when a block must be read by it: said the same."""
        good = "P1,东川镇,甲村,1960-01-01,1,100,,0,0,0,0"
        huge = "P2,东川镇," + "村" * (csv.field_size_limit() + 1) + ",1960-01-01,1,100,,0,0,0,0"
        path = tmp_path / "r.csv"
        path.write_text(f"{HEADER}\n{good}\n{huge}\n,bad\n", encoding="utf-8")
        with pytest.raises(DataFileError, match="a field of more than 131,072 characters"):
            tally_roster(path, rules(), engine="pure", jobs=1)


class TestNoCycles:
    def test_a_number_error_kept_as_a_value_has_no_traceback(self) -> None:
        """Its frames would hold every block above it with the collector paused."""
        error = _number("abc", "grade")
        assert isinstance(error, InvalidNumberError)
        cause: BaseException | None = error
        while cause is not None:
            assert cause.__traceback__ is None
            cause = cause.__context__

    @pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux's descriptor list")
    def test_two_processes_leave_no_descriptor_open(self, tmp_path: Path) -> None:
        """The shared progress counters are an anonymous map: nothing stays open after."""
        good = ["东川镇", "甲村", "1960-01-01", "1", "100", "", "0", "0", "0", "0"]
        rows = [[f"P{number}", *good] for number in range(200)]
        path = write(tmp_path / "r.csv", rows)
        before = set(os.listdir("/proc/self/fd"))
        engine_outcome(path, jobs=2)
        assert set(os.listdir("/proc/self/fd")) <= before


class TestChineseMessages:
    def test_merging_different_days(self) -> None:
        """Two days: said in Chinese with both days and the key to state."""
        one = Tally(rules=rules(), as_of=datetime.date(2024, 1, 1))
        two = Tally(rules=rules(), as_of=datetime.date(2024, 1, 2))
        with pytest.raises(RosterMergeError) as caught:
            one | two
        assert str(caught.value) == (
            "cannot merge tallies counted as of different days (2024-01-01 and 2024-01-02); "
            "state the day in the rules (as_of)"
        )
        assert error_text(caught.value, "zh_CN") == (
            "按不同日期（2024-01-01 和 2024-01-02）计数的名册汇总不能合并；"
            "请在规则中写明日期（as_of）"
        )

    def test_rows_read_must_add_up(self) -> None:
        """A tally whose rows do not add up says so in Chinese with the three numbers."""
        with pytest.raises(ValueError, match=r"rows read \(3\) must equal") as caught:
            Tally(rows_read=3)
        assert error_text(caught.value, "zh_CN") == (
            "名册汇总：读取行数（3）应等于接收数（0）加拒收数（0）"
        )

    def test_frame_by(self) -> None:
        """An unknown ``by`` names the three there are, in Chinese too."""
        with pytest.raises(UnknownKeyError) as caught:
            Tally(rules=rules()).to_frame(by="county")
        assert "by 应为 component, township, village 之一；实为 'county'" in error_text(
            caught.value, "zh_CN"
        )

    def test_start_method(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The variable is named once, the choices joined by 或 in Chinese."""
        monkeypatch.setenv(START_METHOD_VARIABLE, "thread")
        with pytest.raises(DataFileError) as caught:
            start_method()
        assert str(caught.value).endswith(
            f"{START_METHOD_VARIABLE}: expected fork or spawn, got 'thread'"
        )
        assert error_text(caught.value, "zh_CN").endswith("应为 fork 或 spawn，实为 'thread'")
