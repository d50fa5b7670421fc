"""The indicator model: levels, comparators and targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pension_subsidy import Comparator, DataFileError, Indicator, Level1, Level2, load_dataset


def _indicator(level2: Level2, target: Decimal | str, comparator: Comparator | None) -> Indicator:
    return Indicator(
        level1=level2.level1, level2=level2, name="x", comparator=comparator, target=target
    )


class TestComparator:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [("≥", Comparator.GE), (">=", Comparator.GE), ("\\geq", Comparator.GE),
         ("＞", Comparator.GT), ("=", Comparator.EQ), ("＝", Comparator.EQ),
         ("≤", Comparator.LE), ("\\leq", Comparator.LE), ("<", Comparator.LT),
         (" ≦ ", Comparator.LE)],
    )  # fmt: skip
    def test_spellings(self, text: str, expected: Comparator) -> None:
        """ASCII, full-width and LaTeX spellings all read."""
        assert Comparator.parse(text) is expected

    def test_unknown(self) -> None:
        """An unknown comparator names what came."""
        with pytest.raises(DataFileError, match="'≈'"):
            Comparator.parse("≈")


class TestIndicator:
    def test_bare_target_means_at_least(self) -> None:
        """A bare quantity target is a floor."""
        assert _indicator(Level2.QUANTITY, Decimal(109), None).effective_comparator is Comparator.GE

    def test_bare_cost_target_is_a_ceiling(self) -> None:
        """A bare cost target is a ceiling."""
        assert _indicator(Level2.COST, Decimal("6.54"), None).effective_comparator is Comparator.LE

    def test_qualitative(self) -> None:
        """A word target is matched."""
        indicator = _indicator(Level2.SUSTAINABLE, "健全", None)
        assert indicator.is_qualitative
        assert indicator.effective_comparator is Comparator.EQ
        assert indicator.target_text == "健全"

    def test_explicit_comparator_wins(self) -> None:
        """A written comparator is used as written."""
        assert _indicator(Level2.SOCIAL, Decimal(98), Comparator.GT).effective_comparator is (
            Comparator.GT
        )

    def test_int_target_becomes_decimal(self) -> None:
        """An int target is kept as a Decimal."""
        assert _indicator(Level2.QUANTITY, 5, None).target == Decimal(5)  # type: ignore[arg-type]

    @pytest.mark.parametrize("target", [0.98, None])
    def test_bad_target(self, target: object) -> None:
        """A float or missing target is refused."""
        with pytest.raises(DataFileError, match="target"):
            _indicator(Level2.QUANTITY, target, None)  # type: ignore[arg-type]

    def test_level2_must_fit_level1(self) -> None:
        """A cost indicator cannot sit under benefit."""
        with pytest.raises(DataFileError, match="belongs under output"):
            Indicator(level1=Level1.BENEFIT, level2=Level2.COST, name="x", comparator=None,
                      target=Decimal(1))  # fmt: skip

    def test_names(self) -> None:
        """Levels carry their Chinese names."""
        assert Level1.OUTPUT.name_zh == "产出指标"
        assert Level2.SUSTAINABLE.name_zh == "可持续影响指标"
        assert Level2.BENEFICIARY_SATISFACTION.level1 is Level1.SATISFACTION


class TestSeedIndicators:
    def test_county_fund(self) -> None:
        """The county fund's indicators as written in the seed."""
        fund = load_dataset().project("county_supporting_fund")
        texts = [indicator.target_text for indicator in fund.indicators]
        assert texts == [
            "96410人", "71104人", "≥10次", "100%", "100%", "100%", "100%",
            "≤175万元", "≤6万元", "≥100%", "≥90%", "健全", "健全", "≥90%",
        ]  # fmt: skip
        levels = [indicator.level2.value for indicator in fund.indicators]
        assert levels.count("quantity") == 3
        assert levels.count("cost") == 2
