"""Golden JSON: the standard output of every command's JSON form, pinned byte for byte.

The cases are in ``tests/golden/cases.toml`` and their expected output in
``tests/golden/<name>.json``, first recorded from commit 19233c1. Each case runs
``pension_subsidy.cli.main(argv)`` in-process from the repository root (paths in argv are
relative to it, and some outputs embed them). A failure means the JSON changed; if that is
intended, re-record with ``tests/golden/record.py`` and review the diff.

JSON is a contract that may only grow: an output that differs from its golden bytes still
passes when the golden document is contained in it (:func:`_contained`): every key recorded
is present, in the recorded order, with a contained value, and lists keep their length; new
keys may appear anywhere. Cases with ``text = true`` pin a command's text output, byte for
byte with no such allowance (``<name>.txt``).
"""

from __future__ import annotations

import difflib
import json
import tomllib
from pathlib import Path
from typing import Any

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


def _contained(old: Any, new: Any, where: str = "$") -> str | None:
    """None when ``old`` is contained in ``new`` (added keys only), else where they differ."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return f"{where}: was an object, now {type(new).__name__}"
        missing = [key for key in old if key not in new]
        if missing:
            return f"{where}: keys removed: {missing}"
        order = [key for key in new if key in old]
        if order != list(old):
            return f"{where}: recorded keys reordered: {list(old)} -> {order}"
        for key in old:
            problem = _contained(old[key], new[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return f"{where}: list changed length or type"
        for index, (was, now) in enumerate(zip(old, new, strict=True)):
            problem = _contained(was, now, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if old != new or type(old) is not type(new):
        return f"{where}: {old!r} -> {new!r}"
    return None


def _suffix(case: dict[str, Any]) -> str:
    return "txt" if case.get("text") else "json"


class TestContained:
    """The added-keys-only rule itself."""

    def test_added_keys_pass_and_changes_fail(self):
        """A new key passes; a changed value, a removed key or a reorder is reported."""
        old = {"a": "1", "b": [{"c": 2}]}
        assert _contained(old, {"a": "1", "x": 0, "b": [{"c": 2, "d": 3}]}) is None
        assert _contained(old, {"a": "2", "b": [{"c": 2}]}) == "$.a: '1' -> '2'"
        assert _contained(old, {"b": [{"c": 2}]}) == "$: keys removed: ['a']"
        assert "reordered" in str(_contained(old, {"b": [{"c": 2}], "a": "1"}))
        assert "length" in str(_contained(old, {"a": "1", "b": []}))
        assert _contained({"n": 1}, {"n": 1.0}) is not None


class TestGoldenJson:
    """Each command's JSON output equals its golden file exactly."""

    def test_every_case_has_a_golden_file(self):
        """Every case has its .json file, and every .json file is a case."""
        files = {path.name for path in GOLDEN.iterdir() if path.suffix in {".json", ".txt"}}
        assert files == {f"{name}.{_suffix(case)}" for name, case in CASES.items()}

    @pytest.mark.parametrize("name", sorted(CASES))
    def test_output_is_the_golden_bytes(self, name, capsysbinary, monkeypatch):
        """The command's stdout equals golden/<name>.json byte for byte, with its exit code."""
        case = CASES[name]
        expected = (GOLDEN / f"{name}.{_suffix(case)}").read_bytes()
        monkeypatch.chdir(REPO_ROOT)
        code = main(case["argv"])
        captured = capsysbinary.readouterr()
        if captured.out != expected:
            problem = "the text differs"
            if not case.get("text"):
                problem = _contained(json.loads(expected), json.loads(captured.out)) or ""
            assert not problem, f"{name}: {problem}\n{_diff(expected, captured.out, name)}"
        assert code == case["exit"], f"{name}: exit {code}, expected {case['exit']}"
