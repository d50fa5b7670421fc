"""Issue 9, the last gaps: roster cells read by the checked parser; synthetic rosters bounded.

A regression that would hang (a huge exponent, a huge count) fails by a timeout here: the
cell tests run on a thread-free deadline in a subprocess where the work could be unbounded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pension_subsidy import DataFileError, InvalidHeadcountError, InvalidNumberError
from pension_subsidy.cli import main
from pension_subsidy.roster import FIELDS, Rejection, tally_roster
from pension_subsidy.roster import classify as classify_module
from pension_subsidy.roster import synth as synth_module
from pension_subsidy.roster.classify import Problem, Reason, classify_profile
from pension_subsidy.roster.rules import default_roster_rules
from pension_subsidy.roster.synth import (
    MAX_SYNTHETIC_ROWS,
    synthetic_rows,
    write_synthetic_roster,
)

#: Seconds a subprocess may take before the test calls it a hang.
TIMEOUT = 60
RULES = default_roster_rules()


def profile(*, paying: str = "1", grade: str = "100", poverty: str = "0") -> tuple[str, ...]:
    """A person's profile (township … receiving) with the given paying, grade and poverty."""
    return ("东川镇", "甲村", paying, grade, "", poverty, "0", "0", "0")


def leftovers(folder: Path, *expected: str) -> list[str]:
    """The names in ``folder`` other than ``expected``: temporary files left behind."""
    return sorted(name for name in os.listdir(folder) if name not in expected)


class TestCheckedCells:
    def test_a_huge_exponent_grade_is_a_rejection_with_its_reason(self):
        """A grade of 1e999999999 is a bad number, too large, not the top grade."""
        assert Problem(
            Reason.BAD_NUMBER,
            "grade",
            "too large: expected a number of at most 10^15 either side of zero, got '1e999999999'",
        ) == classify_profile(profile(grade="1e999999999"), RULES)

    def test_a_huge_negative_exponent_grade_is_too_precise(self):
        """A grade of 1e-999999999 is refused as too precise, before Decimal sees it."""
        problem = classify_profile(profile(grade="1e-999999999"), RULES)
        assert isinstance(problem, Problem)
        assert (problem.reason, problem.field) == (Reason.BAD_NUMBER, "grade")
        assert problem.detail == (
            "expected a number with at most 15 decimal places, got '1e-999999999'"
        )

    @pytest.mark.parametrize(
        ("grade", "detail"),
        [
            ("abc", "expected a grade in 元 such as 100, got 'abc'"),
            ("1,00", "expected a grade in 元 such as 100, got '1,00'"),
            ("NaN", "expected a finite number, got 'NaN'"),
            ("Infinity", "expected a finite number, got 'Infinity'"),
            (
                "1000000000000001",
                "too large: expected a number of at most 10^15 either side of zero, "
                "got '1000000000000001'",
            ),
        ],
    )
    def test_a_grade_that_is_no_usable_number(self, grade, detail):
        """Malformed, not finite or beyond 10^15: a bad number saying which."""
        assert Problem(Reason.BAD_NUMBER, "grade", detail) == classify_profile(
            profile(grade=grade), RULES
        )

    @pytest.mark.parametrize(
        ("grade", "tier"),
        [("300", "200.00"), ("1e3", "1000.00"), ("1,000", "1000.00"), ("１００", "100.00"),
         (" 500 ", "500.00"), ("100.50", "100.00"), ("999999999999999", "1000.00")],
    )  # fmt: skip
    def test_grades_written_as_numbers_are_read(self, grade, tier):
        """Exponents, thousands groups, full-width digits and spaces read as the number."""
        assert (("contribution_subsidy", tier),) == classify_profile(profile(grade=grade), RULES)

    def test_a_negative_grade_is_still_a_negative_value(self):
        """-100 is a negative value, as before the checked parser."""
        assert Problem(
            Reason.NEGATIVE_VALUE, "grade", "expected a grade ≥ 0 元, got '-100'"
        ) == classify_profile(profile(grade="-100"), RULES)

    @pytest.mark.parametrize(
        ("flag", "reason", "detail"),
        [
            ("1e999999999", Reason.BAD_NUMBER, "expected 1 or 0 (是 or 否), got '1e999999999'"),
            ("-1", Reason.NEGATIVE_VALUE, "expected 1 or 0, got '-1'"),
            ("-0.5", Reason.NEGATIVE_VALUE, "expected 1 or 0, got '-0.5'"),
            ("2", Reason.BAD_NUMBER, "expected 1 or 0 (是 or 否), got '2'"),
            ("NaN", Reason.BAD_NUMBER, "expected 1 or 0 (是 or 否), got 'NaN'"),
        ],
    )
    def test_flag_cells(self, flag, reason, detail):
        """A flag that is neither 1/0 nor 是/否: negative if a negative number, else bad."""
        assert Problem(reason, "poverty", detail) == classify_profile(profile(poverty=flag), RULES)

    def test_a_grade_without_payment_is_checked_but_earns_nothing(self):
        """A non-payer's grade must still be a number; a valid one earns no subsidy."""
        assert classify_profile(profile(paying="0", grade="1e3"), RULES) == ()
        assert Problem(
            Reason.BAD_NUMBER,
            "grade",
            "too large: expected a number of at most 10^15 either side of zero, got '1e99'",
        ) == classify_profile(profile(paying="0", grade="1e99"), RULES)

    def test_plain_short_integers_skip_the_checked_parser(self, monkeypatch):
        """100 and 2000 are read directly; only 1e2 reaches parse_number."""
        seen: list[str] = []
        checked = classify_module.parse_number

        def counted(value: object, *, field: str = "number") -> Decimal:
            seen.append(str(value))
            return checked(value, field=field)

        monkeypatch.setattr(classify_module, "parse_number", counted)
        for grade in ("100", "2000", "1e2", "999999999999999"):
            classify_profile(profile(grade=grade), RULES)
        assert seen == ["1e2"]

    def test_a_sixteen_digit_integer_goes_through_the_bound(self, monkeypatch):
        """10^15 itself is beyond the fast check and read by the parser: the top grade."""
        assert classify_profile(profile(grade="1000000000000000"), RULES) == (
            ("contribution_subsidy", "1000.00"),
        )

    def test_a_roster_file_with_huge_cells_ends_quickly(self, tmp_path):
        """A roster with 1e999999999 and a 100,000-digit grade: each row a rejection, fast."""
        path = tmp_path / "r.csv"
        lines = [
            ",".join(FIELDS),
            "P1,东川镇,甲村,1970-05-01,1,1e999999999,,0,0,0,0",
            "P2,东川镇,甲村,1970-05-01,1,100,,1e999999999,0,0,0",
            f"P3,东川镇,甲村,1970-05-01,1,{'9' * 100_000},,0,0,0,0",
            "P4,东川镇,甲村,1970-05-01,1,100,,0,0,0,0",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        script = textwrap.dedent(
            f"""
            from pension_subsidy.roster import tally_roster
            rejected = []
            tally = tally_roster({str(path)!r}, on_reject=rejected.append)
            print(tally.accepted, [(r.line, r.reason.value, r.field) for r in rejected])
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True, text=True, timeout=TIMEOUT, check=True,
        )  # fmt: skip
        assert done.stdout == (
            "1 [(2, 'bad_number', 'grade'), (3, 'bad_number', 'poverty'), "
            "(4, 'bad_number', 'grade')]\n"
        )

    def test_the_rejection_detail_reaches_on_reject(self, tmp_path):
        """The rejection handed to on_reject carries the parser's reason and the row."""
        path = tmp_path / "r.csv"
        row = "P1,东川镇,甲村,1970-05-01,1,1e999999999,,0,0,0,0"
        path.write_text(",".join(FIELDS) + "\n" + row + "\n", encoding="utf-8")
        rejected: list[Rejection] = []
        tally_roster(path, on_reject=rejected.append)
        assert rejected == [
            Rejection(
                2,
                Reason.BAD_NUMBER,
                "grade",
                "too large: expected a number of at most 10^15 either side of zero, "
                "got '1e999999999'",
                tuple(row.split(",")),
            )
        ]


class TestSynthRosterLibrary:
    def test_a_failure_mid_write_keeps_the_old_file(self, tmp_path, monkeypatch):
        """An error after some rows are written: the old file stays whole, nothing else left."""
        target = tmp_path / "r.csv"
        target.write_text("the old roster\n", encoding="utf-8")

        def failing(count: int, *, seed: int) -> Iterator[list[str]]:
            yield from synthetic_rows(1000, seed=seed)
            raise RuntimeError("generator broke")

        monkeypatch.setattr(synth_module, "synthetic_rows", failing)
        with pytest.raises(RuntimeError, match="generator broke"):
            write_synthetic_roster(target, 5000, seed=1)
        assert target.read_text(encoding="utf-8") == "the old roster\n"
        assert leftovers(tmp_path, "r.csv") == []

    def test_the_complete_file_replaces_the_old(self, tmp_path):
        """A finished write replaces the old file with the header and every row."""
        target = tmp_path / "r.csv"
        target.write_text("the old roster\n", encoding="utf-8")
        assert write_synthetic_roster(target, 3, seed=2) == {}
        lines = target.read_text(encoding="utf-8").splitlines()
        assert [",".join(FIELDS), *(",".join(row) for row in synthetic_rows(3, seed=2))] == lines
        assert leftovers(tmp_path, "r.csv") == []

    def test_a_missing_folder_is_a_data_file_error(self, tmp_path):
        """A path in a folder that does not exist raises DataFileError naming the folder."""
        target = tmp_path / "nowhere" / "r.csv"
        with pytest.raises(DataFileError) as caught:
            write_synthetic_roster(target, 3, seed=2)
        assert caught.value.problem == f"cannot write: no such folder {tmp_path / 'nowhere'}"
        assert leftovers(tmp_path) == []

    @pytest.mark.parametrize("count", [-1, MAX_SYNTHETIC_ROWS + 1, 10**15])
    def test_a_count_out_of_bounds_is_refused_before_writing(self, tmp_path, count):
        """A count below 0 or above 10^9 raises InvalidHeadcountError and writes nothing."""
        target = tmp_path / "r.csv"
        with pytest.raises(InvalidHeadcountError, match="count: expected") as caught:
            write_synthetic_roster(target, count, seed=0)
        assert str(caught.value) == (
            f"count: expected a number of rows from 0 to 1,000,000,000, got {count!r}"
        )
        assert leftovers(tmp_path) == []

    @pytest.mark.parametrize("corrupt", [-0.1, 1.5])
    def test_a_corrupt_share_out_of_bounds_is_refused(self, tmp_path, corrupt):
        """A corrupt fraction outside 0 to 1 raises InvalidNumberError and writes nothing."""
        with pytest.raises(InvalidNumberError, match="corrupt: expected") as caught:
            write_synthetic_roster(tmp_path / "r.csv", 10, seed=0, corrupt=corrupt)
        assert str(caught.value) == f"corrupt: expected a fraction from 0 to 1, got {corrupt!r}"
        assert leftovers(tmp_path) == []

    def test_kill_9_leaves_nothing(self, tmp_path):
        """A library caller killed with -9 mid-write leaves no roster and no temporary file."""
        target = tmp_path / "big.csv"
        script = (
            "from pension_subsidy.roster.synth import write_synthetic_roster\n"
            f"write_synthetic_roster({str(target)!r}, 5_000_000, seed=0)\n"
        )
        process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        assert process.poll() is None, "the roster was finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
        assert leftovers(tmp_path) == []


class TestSynthRosterCommand:
    @pytest.mark.parametrize("count", ["1000000000000000", "1000000001"])
    def test_a_count_above_10_9_is_a_usage_error(self, tmp_path, capsys, count):
        """synth-roster above 10^9 persons: exit 2 saying the bound, no file written."""
        target = tmp_path / "r.csv"
        assert main(["synth-roster", count, "-o", str(target)]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            "pension-subsidy synth-roster: error: argument N: expected a number of persons "
            f"from 0 to 1,000,000,000 (10^9), got '{count}'"
        )
        assert leftovers(tmp_path) == []

    def test_a_count_of_thousands_of_digits_is_shown_short(self, tmp_path, capsys):
        """A 5,000-digit count is a usage error whose message shows its start and length."""
        assert main(["synth-roster", "9" * 5000, "-o", str(tmp_path / "r.csv")]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            "pension-subsidy synth-roster: error: argument N: expected a number of persons "
            f"from 0 to 1,000,000,000 (10^9), got '{'9' * 30}… (5,000 characters)'"
        )

    def test_the_bound_itself_is_accepted(self, monkeypatch, tmp_path):
        """10^9 persons passes the parser and reaches the writer with that count."""
        counts: list[int] = []

        def recorded(path: object, count: int, **options: object) -> dict[int, Reason]:
            counts.append(count)
            return {}

        monkeypatch.setattr("pension_subsidy.cli._synth_roster.write_synthetic_roster", recorded)
        assert main(["synth-roster", "1000000000", "-o", str(tmp_path / "r.csv")]) == 0
        assert counts == [MAX_SYNTHETIC_ROWS]

    def test_the_command_writes_through_the_library(self, tmp_path):
        """The command's file equals the library's for the same count and seed."""
        by_command, by_library = tmp_path / "a.csv", tmp_path / "b.csv"
        assert main(["synth-roster", "50", "-o", str(by_command), "--seed", "4"]) == 0
        write_synthetic_roster(by_library, 50, seed=4)
        assert by_command.read_bytes() == by_library.read_bytes()
        assert leftovers(tmp_path, "a.csv", "b.csv") == []
