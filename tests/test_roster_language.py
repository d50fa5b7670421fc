"""Issue 10: Chinese roster output has no English words but codes and what the user typed."""

from __future__ import annotations

import csv
import io
import re
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import pytest

from pension_subsidy.cli import main
from pension_subsidy.output.rejects import RejectsWriter
from pension_subsidy.output.roster_text import DETAIL_TEXT, detail_text
from pension_subsidy.roster.classify import Reason, Rejection, classify_profile
from pension_subsidy.roster.read import tally_roster
from pension_subsidy.roster.rules import default_roster_rules

BAD_ROWS = Path(__file__).parent / "golden" / "inputs" / "roster-bad-rows.csv"

#: What ``roster roster-bad-rows.csv --locale en`` printed before issue 10: it must not change.
ENGLISH_BEFORE = (
    "rules: the bundled example, whose standards are illustrative only; give the county's own with --rules\n"  # noqa: E501
    "rows read: 18  accepted: 8  rejected: 10\n"
    "\n"
    "components:\n"
    "  Contribution subsidy [contribution_subsidy]: 5 persons, 142.50 yuan\n"
    "  Proxy payment, severely disabled [severe_disability_proxy]: 2 persons, 120.00 yuan\n"
    "  Proxy payment, registered poverty households [poverty_household_proxy]: 1 persons, 20.00 yuan\n"  # noqa: E501
    "  Proxy payment, mildly disabled [mild_disability_proxy]: 1 persons, 10.00 yuan\n"
    "  Village-cadre subsidy [village_cadre_subsidy]: 2 persons, 176.00 yuan\n"
    "  Land-loss farmers' pension subsidy [land_loss_pension]: 2 persons, 2,880.00 yuan\n"
    "  total: 3,348.50 yuan\n"
    "\n"
    "by township:\n"
    "  东川镇: 5 persons, 1,758.50 yuan\n"
    "  西滩乡: 3 persons, 1,590.00 yuan\n"
    "\n"
    "rejections:\n"
    "  bad_date: 2\n"
    "  bad_number: 1\n"
    "  duplicate_person_id: 1\n"
    "  missing_field: 1\n"
    "  negative_value: 1\n"
    "  unknown_category: 1\n"
    "  unknown_grade: 1\n"
    "  wrong_field_count: 2\n"
    "  line 8: missing_field: village: the cell is empty\n"
    "  line 9: bad_date: expected a date such as 1960-02-28 (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD), got '1960-02-30'\n"  # noqa: E501
    "  line 10: bad_date: a birth date in the future: '9999-12-31'\n"
    "  line 11: bad_number: expected 1 or 0 (是 or 否), got 'yes'\n"
    "  line 12: negative_value: expected a grade ≥ 0 元, got '-100'\n"
    "  line 13: unknown_grade: grade 50 元 is below every listed grade (lowest 100.00 元)\n"
    "  line 14: unknown_category: expected empty, severe, mild, 重度 or 轻度, got 'blind'\n"
    "  line 16: wrong_field_count: expected 11 fields as in the header, got 10\n"
    "  line 17: wrong_field_count: expected 11 fields as in the header, got 0\n"
    "  line 15: duplicate_person_id: person_id 'H002' was already accepted on an earlier row\n"
)

# codes: [component keys / fields], reason codes before （, --options; typed: 'quoted cells'
_CODES = re.compile(
    r"\[[^\]]*\]|'[^']*'|--[a-z-]+|\b(?:" + "|".join(r.value for r in Reason) + r")\b"
)
_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    """The ASCII words of 3+ letters left once codes and the user's quoted values are out."""
    return _WORD.findall(_CODES.sub("", text))


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(wrapper):
        code = main(list(argv))
    wrapper.flush()
    return code, out.getvalue().decode("utf-8")


def rejections() -> list[Rejection]:
    found: list[Rejection] = []
    tally_roster(BAD_ROWS, default_roster_rules(), on_reject=found.append)
    return found


class TestChineseText:
    def test_no_english_words_in_chinese_output(self) -> None:
        """zh_CN: every line, the rejection details too, is Chinese but for codes and cells."""
        code, out = run_cli("roster", str(BAD_ROWS))
        assert code == 1
        assert english_words(out) == []
        assert "  第 8 行: missing_field（缺少必填项）: [village] 单元格为空\n" in out
        assert "  第 11 行: bad_number（数字无效）: 应为 1 或 0（是或否），实为 'yes'\n" in out
        assert "表头有 11 列，此行有 10 列" in out

    def test_the_filter_finds_english(self) -> None:
        """The check itself: an English detail would be caught, a quoted cell would not."""
        assert english_words(
            "第 8 行: missing_field（缺少必填项）: village: the cell is empty"
        ) == [
            "village",
            "the",
            "cell",
            "empty",
        ]
        assert english_words("实为 'yes'，[contribution_subsidy] --rules") == []

    def test_english_output_is_unchanged(self) -> None:
        """en prints exactly what it printed before the details became data."""
        code, out = run_cli("roster", str(BAD_ROWS), "--locale", "en")
        assert (code, out) == (1, "".join(ENGLISH_BEFORE))


class TestDetailText:
    def test_english_templates_give_the_detail(self) -> None:
        """Each rejection's English template, filled with its values, is its detail exactly."""
        found = rejections()
        assert {r.code for r in found} >= {"empty", "date_format", "future_date", "flag",
                                           "grade_negative", "grade_below", "disability",
                                           "field_count", "duplicate"}  # fmt: skip
        for rejection in found:
            english = DETAIL_TEXT[rejection.code][1].format(*rejection.values)
            assert english == rejection.detail == detail_text(rejection, "en")

    @pytest.mark.parametrize(
        ("grade", "code"),
        [("abc", "grade_number"), ("1e400", "grade_bound"), ("NaN", "grade_bound")],
    )
    def test_grade_details(self, grade: str, code: str) -> None:
        """A grade that is no usable number has a detail code and a Chinese detail."""
        profile = ("东川镇", "甲村", "1", grade, "", "0", "0", "0", "0")
        problem = classify_profile(profile, default_roster_rules())
        assert not isinstance(problem, tuple)
        assert problem.code == code
        assert problem.values[0] == grade
        rejection = Rejection(2, problem.reason, problem.field, problem.detail, (),
                              problem.code, problem.values)  # fmt: skip
        assert english_words(detail_text(rejection, "zh_CN")) == []
        assert DETAIL_TEXT[code][1].format(*problem.values) == problem.detail

    def test_negative_flag(self) -> None:
        """A negative flag: 应为 1 或 0."""
        profile = ("东川镇", "甲村", "-1", "", "", "0", "0", "0", "0")
        problem = classify_profile(profile, default_roster_rules())
        assert not isinstance(problem, tuple)
        assert (problem.reason, problem.code, problem.values) == (
            Reason.NEGATIVE_VALUE,
            "flag_negative",
            ("-1",),
        )

    def test_a_hand_made_rejection_keeps_its_detail(self) -> None:
        """No detail code (or values that do not fit): the English detail, in any language."""
        bare = Rejection(3, Reason.BAD_DATE, "birth_date", "expected a date", ())
        odd = Rejection(3, Reason.BAD_DATE, "birth_date", "expected a date", (), "field_count")
        assert detail_text(bare, "zh_CN") == detail_text(odd, "zh_CN") == "expected a date"

    def test_detail_data_is_no_part_of_equality(self) -> None:
        """Code and values describe the detail; two rejections differ by what they say."""
        assert Rejection(3, Reason.BAD_DATE, None, "d", ()) == Rejection(
            3, Reason.BAD_DATE, None, "d", (), "empty", ("x",)
        )
        assert Decimal("100.00") == Decimal(rejections()[5].values[1])  # the lowest grade


class TestRejectsFile:
    def _records(self, tmp_path: Path, *locale: str) -> list[list[str]]:
        target = tmp_path / "rejects.csv"
        assert main(["roster", str(BAD_ROWS), "--rejects", str(target), *locale]) == 1
        with target.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.reader(stream))

    def test_chinese_reason_and_detail_columns(self, tmp_path: Path) -> None:
        """The command's locale fills reason_text and detail_text; detail stays English."""
        records = self._records(tmp_path)
        assert records[0][:7] == ["line", "reason", "field", "detail", "reason_text",
                                  "detail_text", "person_id"]  # fmt: skip
        assert records[1][:6] == ["8", "missing_field", "village", "village: the cell is empty",
                                  "缺少必填项", "[village] 单元格为空"]  # fmt: skip
        assert [english_words(record[5]) for record in records[1:]] == [[]] * 10

    def test_english_columns(self, tmp_path: Path) -> None:
        """en: the same columns in English, detail_text equal to detail."""
        records = self._records(tmp_path, "--locale", "en")
        assert records[1][4] == "missing field"
        assert all(record[5] == record[3] for record in records[1:])

    def test_writer_without_detail_text_is_as_before(self) -> None:
        """RejectsWriter(locale=...) alone adds reason_text only; detail_text is asked for."""
        out = io.StringIO(newline="")
        RejectsWriter(out, ["person_id"], locale="zh_CN")
        assert out.getvalue() == "line,reason,field,detail,reason_text,person_id\r\n"
