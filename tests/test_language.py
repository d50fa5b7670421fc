"""One place for language: the fallback rule, the roster's words, the rejects file's text column."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

from pension_subsidy.disclosure.audit import Severity
from pension_subsidy.model.parameters import load_parameters, parameters_from_mapping
from pension_subsidy.output.language import SEVERITIES, pick, severity_label
from pension_subsidy.output.rejects import REJECT_COLUMNS, RejectsWriter
from pension_subsidy.output.roster_text import REASON_TEXT, reason_text, render_roster
from pension_subsidy.roster import default_roster_rules, tally_roster
from pension_subsidy.roster.classify import Reason, Rejection

BAD_ROWS = Path(__file__).parent / "golden" / "inputs" / "roster-bad-rows.csv"


class TestPick:
    def test_chinese_for_zh_locales(self) -> None:
        """zh_CN, zh_TW and zh give the Chinese text."""
        assert [pick("人数", "Persons", loc) for loc in ("zh_CN", "zh_TW", "zh")] == ["人数"] * 3

    def test_english_for_other_locales(self) -> None:
        """en and fr give the English text."""
        assert [pick("人数", "Persons", loc) for loc in ("en", "fr")] == ["Persons", "Persons"]

    def test_none_means_chinese(self) -> None:
        """No locale means zh_CN, the language of the tables."""
        assert pick("人数", "Persons") == "人数"

    def test_empty_english_falls_back_to_chinese(self) -> None:
        """A name the data has only in Chinese is shown in Chinese, never as nothing."""
        assert pick("浩门镇", "", "en") == "浩门镇"

    def test_empty_chinese_stays_empty(self) -> None:
        """Chinese never falls back to English: an empty Chinese text is shown empty."""
        assert pick("", "1 wan yuan = 10,000 yuan", "zh_CN") == ""


class TestReasonText:
    def test_every_reason_has_words(self) -> None:
        """Each rejection reason has a Chinese and an English text."""
        assert set(REASON_TEXT.labels) == set(Reason)

    def test_chinese_words_have_no_latin_letters(self) -> None:
        """The Chinese reason texts hold no English."""
        texts = [reason_text(reason, "zh_CN") for reason in Reason]
        assert [text for text in texts if any("a" <= c.lower() <= "z" for c in text)] == []

    def test_words_by_locale(self) -> None:
        """bad_date reads 日期无效 in Chinese and 'not a valid date' in English."""
        assert (reason_text(Reason.BAD_DATE, "zh_CN"), reason_text("bad_date", "en")) == (
            "日期无效",
            "not a valid date",
        )

    def test_unknown_code_is_shown_as_is(self) -> None:
        """A code the library does not know is shown as the code."""
        assert reason_text("odd_reason", "zh_CN") == "odd_reason"


class TestRenderRoster:
    def test_chinese_rejections_carry_code_and_words(self) -> None:
        """Chinese text lists each reason as its code followed by its Chinese words."""
        tally = tally_roster(BAD_ROWS, default_roster_rules())
        text = render_roster(tally, locale="zh_CN")
        assert "  bad_date（日期无效）: 2\n" in text
        assert "  wrong_field_count（列数与表头不符）: 2\n" in text

    def test_english_rejections_keep_the_code(self) -> None:
        """English text lists each reason by its code alone, as before."""
        tally = tally_roster(BAD_ROWS, default_roster_rules())
        text = render_roster(tally, locale="en")
        assert "rows read: 18  accepted: 8  rejected: 10\n" in text
        assert "  bad_date: 2\n" in text

    def test_shown_rejections_are_listed_by_line(self) -> None:
        """The rejections passed as ``shown`` are listed with their line and reason."""
        shown: list[Rejection] = []
        tally = tally_roster(BAD_ROWS, default_roster_rules(), on_reject=shown.append)
        text = render_roster(tally, locale="zh_CN", shown=shown[:1])
        assert "  第 8 行: missing_field（缺少必填项）: [village] 单元格为空\n" in text
        assert "  ……另有 9 行；用 --rejects 写出全部\n" in text

    def test_json_is_the_same_in_every_locale(self) -> None:
        """JSON holds counts and codes, never words, so the locale does not change it."""
        tally = tally_roster(BAD_ROWS, default_roster_rules())
        chinese = render_roster(tally, locale="zh_CN", format="json")
        assert chinese == render_roster(tally, locale="en", format="json")
        data = json.loads(chinese)
        assert (data["rows_read"], data["rejected"], data["rejections"]["bad_date"]) == (18, 10, 2)
        assert data["rules"] == "bundled example (illustrative standards)"


class TestRejectsReasonText:
    REJECTION = Rejection(9, Reason.BAD_DATE, "birth_date", "expected a date", ("H008", "x"))

    def _records(self, locale: str | None) -> list[list[str]]:
        out = io.StringIO(newline="")
        writer = RejectsWriter(out, ["person_id", "birth_date"], locale=locale)
        writer(self.REJECTION)
        return list(csv.reader(io.StringIO(out.getvalue(), newline="")))

    def test_without_locale_the_columns_are_as_before(self) -> None:
        """No locale: the header is the four added columns then the roster's own."""
        assert self._records(None) == [
            [*REJECT_COLUMNS, "person_id", "birth_date"],
            ["9", "bad_date", "birth_date", "expected a date", "H008", "x"],
        ]

    def test_a_locale_adds_reason_text_after_detail(self) -> None:
        """zh_CN adds reason_text (日期无效) after detail; reason keeps the code."""
        assert self._records("zh_CN") == [
            [*REJECT_COLUMNS, "reason_text", "person_id", "birth_date"],
            ["9", "bad_date", "birth_date", "expected a date", "日期无效", "H008", "x"],
        ]

    def test_english_reason_text(self) -> None:
        """en gives the reason in English words."""
        assert self._records("en")[1][4] == "not a valid date"


class TestSeverities:
    def test_one_word_per_severity(self) -> None:
        """错误/警告/提示 are error/warning/info, and no two severities share a word."""
        words = {
            s: (severity_label(s, "zh_CN"), severity_label(s, "en")) for s in SEVERITIES.labels
        }
        assert words == {
            "error": ("错误", "error"),
            "warning": ("警告", "warning"),
            "info": ("提示", "info"),
        }

    def test_audit_severity_enum(self) -> None:
        """An audit finding's Severity member is looked up by its value."""
        assert severity_label(Severity.WARNING, "zh_CN") == "警告"


class TestParameterNotes:
    def test_bundled_note_is_split_by_language(self) -> None:
        """The 2017 poverty source's note (59号) is one Chinese and one English text."""
        as_of = datetime.date(2022, 6, 30)
        source = load_parameters().value("proxy_payment.eligible_groups", as_of=as_of).source
        assert source.note_zh.startswith("2017-08-01 印发并施行：对建档立卡未标注脱贫的贫困人口")
        assert source.note_en.startswith("Published and in force on 2017-08-01")
        assert source.note == source.note_zh + source.note_en  # the JSON's note is unchanged

    def test_a_note_in_one_string_counts_as_chinese(self) -> None:
        """A county file's single ``note`` is its Chinese note, with no English one."""
        data = {
            "sources": {"s": {"document": "门政〔2020〕1号", "issuer": "门源县", "note": "县定"}},
            "parameters": [
                {"key": "k", "name_zh": "某项", "kind": "yuan", "unit": "元", "value": "1",
                 "effective": datetime.date(2020, 1, 1), "source": "s"},
            ],
        }  # fmt: skip
        source = parameters_from_mapping(data, path="county.toml").values[0].source
        assert (source.note, source.note_zh, source.note_en) == ("县定", "县定", "")
