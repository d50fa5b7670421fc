"""Labels and number formatting in Chinese and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale

from pension_subsidy import UnknownKeyError, Yuan, format_count, format_percent, format_yuan, label
from pension_subsidy.output.language import LabelTable, is_chinese, resolve_locale


class TestFormatting:
    def test_yuan(self) -> None:
        """元 with grouping in both locales."""
        assert format_yuan(Yuan("1900400"), "zh_CN") == "1,900,400.00"
        assert format_yuan(Yuan("1900400"), "de_DE") == "1.900.400,00"

    def test_percent_rounds_half_up(self) -> None:
        """Percentages are rounded 四舍五入 before babel sees them."""
        assert format_percent(Decimal("96.565"), "en") == "96.57%"

    def test_count(self) -> None:
        """Counts are grouped."""
        assert format_count(71104, "en") == "71,104"


class TestLocales:
    def test_default_is_chinese(self) -> None:
        """No locale means zh_CN."""
        assert is_chinese(None)
        assert label("total") == "合计"

    def test_babel_locale_passes_through(self) -> None:
        """A babel Locale is accepted as is; hyphens are accepted in names."""
        locale = Locale.parse("en_GB")
        assert resolve_locale(locale) is locale
        assert resolve_locale("zh-CN").territory == "CN"

    def test_unknown_locale(self) -> None:
        """An unknown locale is the library's error."""
        with pytest.raises(UnknownKeyError, match="locale"):
            resolve_locale("xx_YY_ZZ")

    def test_unknown_label(self) -> None:
        """An unknown label key is named."""
        with pytest.raises(UnknownKeyError, match="'nope'"):
            label("nope")


class TestLabelTable:
    WORDS = LabelTable({
        "persons": ("人", "persons"),
        "line": ("第 {line} 行", "line {line}"),
        "braces": ("{未填}", "{not given}"),
    })  # fmt: skip

    def test_chinese_for_zh_locales_english_otherwise(self) -> None:
        """zh_CN, zh_TW and None give the Chinese label; en and de_DE the English one."""
        assert [self.WORDS("persons", loc) for loc in ("zh_CN", "zh_TW", None)] == [
            "人",
            "人",
            "人",
        ]
        assert [self.WORDS("persons", loc) for loc in ("en", "de_DE")] == ["persons", "persons"]

    def test_values_are_formatted(self) -> None:
        """Keyword values fill the placeholders in either language."""
        assert self.WORDS("line", "zh_CN", line=12) == "第 12 行"
        assert self.WORDS("line", "en", line=12) == "line 12"

    def test_without_values_the_label_is_as_written(self) -> None:
        """A label asked for without values is not formatted: its braces stay."""
        assert self.WORDS("braces", "en") == "{not given}"

    def test_unknown_key_is_named(self) -> None:
        """An unknown key raises UnknownKeyError naming it and listing the known keys."""
        with pytest.raises(UnknownKeyError, match="no label 'villages'") as raised:
            self.WORDS("villages", "en")
        assert raised.value.key == "villages"
        assert raised.value.known == ("persons", "line", "braces")

    def test_get_gives_the_default_for_an_unknown_key(self) -> None:
        """get() is the label when known, else the default (None unless given)."""
        assert self.WORDS.get("persons", "en") == "persons"
        assert self.WORDS.get("村", "en", default="村") == "村"
        assert self.WORDS.get("村", "zh_CN") is None

    def test_unknown_locale(self) -> None:
        """A locale babel does not know is the library's error, as for label()."""
        with pytest.raises(UnknownKeyError, match="locale"):
            self.WORDS("persons", "xx_YY_ZZ")

    def test_a_copy_that_cannot_change(self) -> None:
        """Changing the dict a table was built from does not change the table."""
        pairs = {"persons": ("人", "persons")}
        table = LabelTable(pairs)
        pairs["persons"] = ("人次", "person-times")
        assert table("persons", "en") == "persons"
        with pytest.raises(TypeError):
            table.labels["persons"] = ("人次", "person-times")  # type: ignore[index]  # read-only on purpose

    def test_pairs_are_checked(self) -> None:
        """A value that is not a (Chinese, English) pair of str is refused, naming its key."""
        with pytest.raises(
            TypeError, match=r"labels\['persons'\]: expected a \(Chinese, English\)"
        ):
            LabelTable({"persons": ("人",)})  # type: ignore[dict-item]  # the wrong shape on purpose

    def test_equal_tables(self) -> None:
        """Tables of the same pairs are equal and hash alike."""
        assert LabelTable({"x": ("甲", "a")}) == LabelTable({"x": ("甲", "a")})
        assert hash(LabelTable({"x": ("甲", "a")})) == hash(LabelTable({"x": ("甲", "a")}))
