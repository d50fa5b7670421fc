"""Labels and number formatting in Chinese and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale

from pension_subsidy import UnknownKeyError, Yuan, format_count, format_percent, format_yuan, label
from pension_subsidy.l10n import is_chinese, resolve_locale


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
