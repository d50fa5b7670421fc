"""Golden JSON: the standard output of every command's JSON form, pinned byte for byte.

The cases are in ``tests/golden/cases.toml`` and their expected output in
``tests/golden/<name>.json``, first recorded from commit 19233c1. Each case runs
``pension_subsidy.cli.main(argv)`` in-process from the repository root (paths in argv are
relative to it, and some outputs embed them). A failure means the JSON changed; if that is
intended, re-record with ``tests/golden/record.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import pytest

from pension_subsidy.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
REPO_ROOT = GOLDEN.parent.parent
_DIFF_LINES = 60

with (GOLDEN / "cases.toml").open("rb") as _stream:
    CASES = {case["name"]: case for case in tomllib.load(_stream)["case"]}


def _diff(expected: bytes, actual: bytes, name: str) -> str:
    """The first lines of a unified diff of the golden file and the output."""
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"golden/{name}.json",
            tofile="output",
        )
    )
    shown = "".join(lines[:_DIFF_LINES])
    more = len(lines) - _DIFF_LINES
    return shown + (f"\n… {more} more diff lines" if more > 0 else "")


class TestGoldenJson:
    """Each command's JSON output equals its golden file exactly."""

    def test_every_case_has_a_golden_file(self):
        """Every case has its .json file, and every .json file is a case."""
        files = {path.stem for path in GOLDEN.glob("*.json")}
        assert files == set(CASES)

    @pytest.mark.parametrize("name", sorted(CASES))
    def test_output_is_the_golden_bytes(self, name, capsysbinary, monkeypatch):
        """The command's stdout equals golden/<name>.json byte for byte, with its exit code."""
        case = CASES[name]
        expected = (GOLDEN / f"{name}.json").read_bytes()
        monkeypatch.chdir(REPO_ROOT)
        code = main(case["argv"])
        captured = capsysbinary.readouterr()
        assert captured.out == expected, (
            f"{name}: the JSON differs from the golden file\n{_diff(expected, captured.out, name)}"
        )
        assert code == case["exit"], f"{name}: exit {code}, expected {case['exit']}"
