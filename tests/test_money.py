"""Exact money: Yuan, 万元 conversion and the rounding rules."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    WAN_CENT,
    WAN_TENTH,
    FloatAmountError,
    InvalidAmountError,
    PensionSubsidyError,
    Yuan,
    format_wan,
    round_half_up,
)
from tests.strategies import amounts, fen_decimals, signed_amounts


class TestConstruction:
    def test_accepts_str_int_decimal(self) -> None:
        """str, int and Decimal give the same amount, quantised to 分."""
        assert Yuan("61500") == Yuan(61500) == Yuan(Decimal("61500.00"))
        assert str(Yuan("61500")) == "61500.00"

    def test_strips_grouping(self) -> None:
        """Thousands separators in a string are accepted."""
        assert Yuan("1,690,000.00") == Yuan(1690000)

    @pytest.mark.parametrize("value", ["1,00", "175,00", "17,5", "1,0000", ",100", "1，000"])
    def test_commas_only_between_groups_of_three(self, value: str) -> None:
        """A comma that is not a thousands separator is an error, never silently dropped."""
        with pytest.raises(InvalidAmountError, match=r"groups of three|a number of 元"):
            Yuan(value)

    @pytest.mark.parametrize("value", [0.1, 1.0, float("nan")])
    def test_float_refused(self, value: float) -> None:
        """A float is an error, not a silent conversion."""
        with pytest.raises(FloatAmountError, match="float"):
            Yuan(value)  # type: ignore[arg-type]

    def test_float_error_is_library_and_builtin(self) -> None:
        """FloatAmountError is both the library's error and a TypeError/ValueError."""
        with pytest.raises(PensionSubsidyError):
            Yuan(0.5)  # type: ignore[arg-type]
        assert issubclass(FloatAmountError, TypeError)
        assert issubclass(FloatAmountError, ValueError)

    @pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", Decimal("NaN")])
    def test_not_finite_refused(self, value: str | Decimal) -> None:
        """NaN and infinity raise InvalidAmountError naming the field."""
        with pytest.raises(InvalidAmountError, match="per_capita: expected a finite amount"):
            Yuan(value, field="per_capita")

    def test_finer_than_fen_refused(self) -> None:
        """A value finer than 分 is refused unless rounded with a named rule."""
        with pytest.raises(InvalidAmountError, match="whole 分"):
            Yuan("1.005")
        assert Yuan.rounded("1.005") == Yuan("1.01")
        assert Yuan.rounded("1.005", rounding=ROUND_HALF_EVEN) == Yuan("1.00")

    @pytest.mark.parametrize("value", ["abc", "175,0O", ""])
    def test_garbage_refused(self, value: str) -> None:
        """Text that is not a number names what came."""
        with pytest.raises(InvalidAmountError, match=repr(value)):
            Yuan(value)

    def test_bool_and_other_types_refused(self) -> None:
        """bool and other types are not amounts."""
        with pytest.raises(InvalidAmountError):
            Yuan(True)
        with pytest.raises(InvalidAmountError):
            Yuan([1])  # type: ignore[arg-type]

    def test_immutable(self) -> None:
        """An amount cannot be changed in place."""
        amount = Yuan(5)
        with pytest.raises(AttributeError):
            amount._value = Decimal(6)  # type: ignore[misc]

    def test_negative_zero_normalised(self) -> None:
        """-0.00 prints as 0.00."""
        assert str(Yuan("-0.00")) == "0.00"


class TestWan:
    def test_from_wan(self) -> None:
        """万元 converts to 元 exactly."""
        assert Yuan.from_wan("190.04") == Yuan("1900400")
        assert Yuan.from_wan("6.2") == Yuan(62000)

    def test_from_wan_too_fine(self) -> None:
        """More than six decimals of 万元 is finer than 分."""
        with pytest.raises(InvalidAmountError):
            Yuan.from_wan("0.0000001")

    def test_six_point_one_five_rounds_up(self) -> None:
        """1,025 × 60 元 = 61,500 元 = 6.15 万元 → 6.2 万元 (四舍五入)."""
        amount = Yuan(60) * 1025
        assert amount == Yuan("61500")
        assert amount.wan == Decimal("6.15")
        assert amount.to_wan(WAN_TENTH) == Decimal("6.2")

    def test_zero_point_one_two_five(self) -> None:
        """0.125 万元 rounds to 0.13 half up, 0.12 half even."""
        amount = Yuan("1250")
        assert amount.to_wan(WAN_CENT) == Decimal("0.13")
        assert amount.to_wan(WAN_CENT, rounding=ROUND_HALF_EVEN) == Decimal("0.12")

    def test_babel_alone_would_round_half_even(self) -> None:
        """babel by itself rounds 0.125 to 0.12; the library rounds first and shows 0.13."""
        assert format_decimal(Decimal("0.125"), format="#,##0.00", locale="en") == "0.12"
        assert format_wan(Yuan("1250"), locale="en") == "0.13"
        assert format_wan(Yuan("61500"), places=WAN_TENTH, locale="zh_CN") == "6.2"

    def test_negative_half_away_from_zero(self) -> None:
        """四舍五入 rounds a negative half away from zero."""
        assert Yuan("-1250").to_wan() == Decimal("-0.13")

    @given(amounts)
    def test_wan_round_trip(self, amount: Yuan) -> None:
        """元 → 万元 → 元 is exact."""
        assert Yuan.from_wan(amount.wan) == amount

    @given(signed_amounts, st.sampled_from([WAN_CENT, WAN_TENTH]))
    def test_rounding_idempotent(self, amount: Yuan, places: Decimal) -> None:
        """Rounding an already rounded 万元 figure changes nothing."""
        once = amount.to_wan(places)
        assert Yuan.from_wan(once).to_wan(places) == once

    @given(amounts)
    def test_rounding_within_half_a_step(self, amount: Yuan) -> None:
        """The rounded 万元 figure is within half a step of the exact one."""
        assert abs(amount.to_wan(WAN_TENTH) - amount.wan) <= Decimal("0.05")


class TestArithmetic:
    def test_sum_starts_at_zero(self) -> None:
        """0 is the additive identity, so sum() works exactly."""
        assert sum([Yuan("0.10"), Yuan("0.20")]) == Yuan("0.30")

    def test_multiply_by_count(self) -> None:
        """An amount times a whole count is exact."""
        assert Yuan("600") * 109 == Yuan("65400")
        assert 109 * Yuan("600") == Yuan("65400")

    @pytest.mark.parametrize(
        "operation",
        [
            lambda: Yuan(1) + 0.5,
            lambda: Yuan(1) - 0.5,
            lambda: Yuan(1) * 2.0,
            lambda: Yuan(1) / 2.0,
            lambda: Yuan(1) < 2.0,
            lambda: Yuan(1) == 1.0,
        ],
    )
    def test_floats_never_mix(self, operation: object) -> None:
        """Adding, multiplying, dividing or comparing with a float raises."""
        with pytest.raises(FloatAmountError):
            operation()  # type: ignore[operator]

    def test_unsupported_operands(self) -> None:
        """A bare non-zero number is not money: adding it is a TypeError."""
        with pytest.raises(TypeError):
            Yuan(1) + 5  # type: ignore[operator]
        with pytest.raises(TypeError):
            Yuan(1) * Yuan(2)  # type: ignore[operator]

    def test_scale_rounds_with_named_rule(self) -> None:
        """scale() multiplies by an exact factor and rounds once."""
        assert Yuan("0.05").scale("0.5") == Yuan("0.03")
        assert Yuan("0.05").scale("0.5", rounding=ROUND_DOWN) == Yuan("0.02")
        assert Yuan("100").scale(Fraction(1, 3)) == Yuan("33.33")

    def test_divide_by_count_is_exact(self) -> None:
        """Dividing by a count gives the exact Fraction."""
        assert Yuan(62000) / 1025 == Fraction(62000, 1025)
        assert Yuan(172).ratio(Yuan(175)) == Fraction(172, 175)

    def test_ratio_needs_yuan(self) -> None:
        """ratio() refuses a bare number."""
        with pytest.raises(InvalidAmountError):
            Yuan(1).ratio(2)

    def test_ordering_and_hash(self) -> None:
        """Amounts order and hash by value."""
        assert Yuan(1) < Yuan(2) <= Yuan(2)
        assert Yuan(0) < Yuan(1)
        assert len({Yuan("1"), Yuan("1.00")}) == 1

    def test_pickles(self) -> None:
        """An amount survives pickling (for process pools)."""
        assert pickle.loads(pickle.dumps(Yuan("12.34"))) == Yuan("12.34")

    def test_format(self) -> None:
        """Format specs apply to the Decimal value."""
        assert f"{Yuan(61500):,.2f}" == "61,500.00"
        assert f"{Yuan(3)}" == "3.00"
        assert repr(Yuan(3)) == "Yuan('3.00')"

    @given(amounts, amounts)
    def test_addition_commutes_and_subtraction_inverts(self, a: Yuan, b: Yuan) -> None:
        """a + b = b + a and (a + b) − b = a, exactly."""
        assert a + b == b + a
        assert (a + b) - b == a


class TestRoundHalfUp:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Fraction(1, 8), "0.13"),
            (Fraction(-1, 8), "-0.13"),
            (Fraction(62000, 1025), "60.49"),
            (Fraction(1386000, 71104), "19.49"),
            (Decimal("2.675"), "2.68"),
        ],
    )
    def test_examples(self, value: Fraction | Decimal, expected: str) -> None:
        """Halves go away from zero; everything else to the nearest 分."""
        assert round_half_up(value) == Decimal(expected)

    @pytest.mark.parametrize(
        ("rounding", "expected"),
        [(ROUND_HALF_UP, "-0.13"), (ROUND_HALF_EVEN, "-0.12"),
         (ROUND_DOWN, "-0.12"), (ROUND_FLOOR, "-0.13")],
    )  # fmt: skip
    def test_fraction_rounding_modes(self, rounding: str, expected: str) -> None:
        """Fractions round exactly under each supported rule."""
        assert Yuan.rounded(Fraction(-1, 8), rounding=rounding) == Yuan(expected)

    def test_unknown_rounding(self) -> None:
        """An unsupported rounding rule is named in the error."""
        with pytest.raises(InvalidAmountError, match="ROUND_CEILING"):
            Yuan.rounded(Fraction(1, 3), rounding="ROUND_CEILING")

    @given(fen_decimals, st.integers(min_value=1, max_value=100_000))
    def test_fraction_matches_decimal(self, total: Decimal, count: int) -> None:
        """Rounding the exact Fraction agrees with a high-precision Decimal division."""
        exact = Fraction(total) / count
        # A terminating quotient is exact in Decimal at this precision; compare only those.
        if (exact * 10**60).denominator == 1:
            assert round_half_up(exact) == round_half_up(Decimal(total) / Decimal(count))
