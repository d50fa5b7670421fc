"""The library's rejects file (output.rejects_file): sorted by line, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.output.rejects_file import RejectsFile, write_rejects
from pension_subsidy.roster.classify import Reason, Rejection

HEADER = "person_id,township\n"


def _roster(folder: Path) -> Path:
    path = folder / "r.csv"
    path.write_text(HEADER + "P1,A\n", encoding="utf-8")
    return path


def _rejection(line: int, person: str) -> Rejection:
    return Rejection(line, Reason.BAD_NUMBER, "grade", "expected a grade", (person, "A"))


def test_write_rejects_in_the_order_given(tmp_path: Path) -> None:
    target = tmp_path / "rejects.csv"
    rows = [_rejection(9, "P9"), _rejection(3, "P3")]
    write_rejects(str(target), ["person_id", "township"], rows, locale="en")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    assert data.decode("utf-8-sig").split("\r\n") == [
        "line,reason,field,detail,reason_text,detail_text,person_id,township",
        "9,bad_number,grade,expected a grade,not a valid number,expected a grade,P9,A",
        "3,bad_number,grade,expected a grade,not a valid number,expected a grade,P3,A",
        "",
    ]


def test_rejects_file_sorts_late_rows_by_line(tmp_path: Path) -> None:
    """Rows told after a later line (duplicates confirmed at the end) go in line order."""
    roster = _roster(tmp_path)
    target = tmp_path / "rejects.csv"
    rejects = RejectsFile(str(target), str(roster), None, [("roster", str(roster))], locale="zh_CN")
    for line in (2, 5, 9, 4, 7):
        rejects(_rejection(line, f"P{line}"))
    rejects.close(keep=True)
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0] == "line,reason,field,detail,reason_text,detail_text,person_id,township"
    assert [row.split(",")[0] for row in lines[1:-1]] == ["2", "4", "5", "7", "9"]
    assert "数字无效" in lines[1]


def test_rejects_file_not_kept_leaves_nothing(tmp_path: Path) -> None:
    roster = _roster(tmp_path)
    target = tmp_path / "rejects.csv"
    rejects = RejectsFile(str(target), str(roster), None, [], locale="en")
    rejects(_rejection(2, "P2"))
    rejects.close(keep=False)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.csv"]


def test_rejects_file_over_an_input_refused(tmp_path: Path) -> None:
    roster = _roster(tmp_path)
    with pytest.raises(DataFileError, match="would overwrite the roster"):
        RejectsFile(str(roster), str(roster), None, [("roster", str(roster))], locale="en")
