"""Arbitrary numbers never escape as anything but the library's errors; money never rounds.

Text, ints and Decimals of every shape — huge and tiny exponents, NaN, sNaN, signed zeros,
thousands of digits — go into every reader of numbers; each gives a value within the bounds
or a :class:`~pension_subsidy.PensionSubsidyError`. Within the bounds, arithmetic is exact
whatever the caller's decimal context, and rounding is idempotent.
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from pension_subsidy import PensionSubsidyError, Yuan, round_half_up
from pension_subsidy.disclosure.numbers import parse_amount
from pension_subsidy.money import (
    FEN,
    MAX_NUMBER,
    MAX_PLACES,
    MAX_YUAN,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    parse_number,
)

# -- strategies (kept here: they serve only these properties) --------------------------------
_signs = st.sampled_from(["", "+", "-"])
_digit_runs = st.one_of(
    st.text("0123456789", min_size=1, max_size=40),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(1, 6000).map(lambda n: "1" + "0" * n),
)
_exponents = st.one_of(
    st.integers(-30, 30).map(str),
    st.sampled_from(["999999", "-999999", "1000000", "-1000000", "999999999", "-999999999",
                     "99999999999999999999", "-99999999999999999999", "+5", "007"]),
)  # fmt: skip
#: Text shaped like a number: sign, digits, point, exponent, grouping, specials, spaces.
number_texts = st.one_of(
    st.builds(
        lambda sign, whole, point, fraction, exponent: (
            f"{sign}{whole}{point}{fraction}{'' if exponent is None else 'e' + exponent}"
        ),
        _signs,
        st.one_of(st.just(""), _digit_runs),
        st.sampled_from(["", "."]),
        st.one_of(st.just(""), _digit_runs),
        st.one_of(st.none(), _exponents),
    ),
    st.sampled_from(["nan", "NaN", "-nan", "sNaN", "sNaN123", "inf", "-Infinity", "+inf",
                     "-0", "+0.00", "0e999999999", "-0E-999999999", "1,000", "1,00", "1,000.5",
                     "12,345,678.90", "1_000", "１２", "١٢", " 7 ", "", " ", ".", "e5", "1e",
                     "0.0010000", "6.20000000000000000000000000001", ".10e-999999",
                     "9" * 60 + ".00e-999999", "1.5" + "0" * 70 + "e-999990"]),
    st.text(max_size=30),
)  # fmt: skip
#: Ints of every size, up to thousands of digits.
any_ints = st.one_of(
    st.integers(),
    st.integers(-(10**20), 10**20),
    st.builds(lambda e, sign: sign * 10**e, st.integers(0, 6000), st.sampled_from([1, -1])),
)
#: Decimals of every shape: finite with any exponent libmpdec holds, NaN, sNaN, ±0, ±inf.
any_decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=60),
        st.integers(-(10**17), 10**17),
    ),
    st.sampled_from([Decimal("sNaN"), Decimal("-sNaN5"), Decimal("NaN"), Decimal("-0"),
                     Decimal("-0E+999999"), Decimal("0E-999999"), Decimal("Infinity")]),
)  # fmt: skip
any_values = st.one_of(number_texts, any_ints, any_decimals)
#: Amounts within the bound, as whole 分.
bounded_fen = st.integers(-(10**17), 10**17)
bounded_amounts = bounded_fen.map(lambda fen: Yuan(Decimal(fen).scaleb(-2)))
#: The precision of a caller's decimal context: the library must not depend on it.
caller_precisions = st.integers(1, 40)
roundings = st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_FLOOR])


def _outcome(read: Callable[[Any], object], value: object) -> object:
    """What ``read`` gives for ``value``: its result, or the library's error it raised."""
    try:
        return read(value)
    except PensionSubsidyError as error:
        return error


READERS: dict[str, Callable[[Any], object]] = {
    "Yuan": Yuan,
    "Yuan.from_wan": Yuan.from_wan,
    "Yuan.rounded": Yuan.rounded,
    "parse_number": parse_number,
}


class TestOnlyLibraryErrors:
    @given(st.sampled_from(sorted(READERS)), any_values)
    def test_every_reader(self, reader: str, value: object) -> None:
        """Yuan, from_wan, rounded and parse_number give a value or the library's error."""
        result = _outcome(READERS[reader], value)
        if isinstance(result, Yuan):
            assert abs(result.value) <= MAX_YUAN
            assert result.value.as_tuple().exponent == -2
        elif isinstance(result, Decimal):
            assert result.is_finite()
            assert abs(result) <= MAX_NUMBER
            assert -MAX_PLACES <= result.as_tuple().exponent <= 0  # type: ignore[operator]
        else:
            assert isinstance(result, PensionSubsidyError)

    @given(number_texts, st.sampled_from(["", "元", "万元", "万"]))
    def test_disclosure_cells(self, number: str, unit: str) -> None:
        """A disclosure cell of any number and unit is an amount or the library's error."""
        result = _outcome(lambda text: parse_amount(str(text)), number + unit)
        assert isinstance(result, tuple | PensionSubsidyError)

    @given(any_decimals, st.sampled_from([Decimal(1), FEN, Decimal("0.0001")]))
    def test_round_half_up(self, value: Decimal, places: Decimal) -> None:
        """round_half_up of any Decimal is rounded to ``places`` or the library's error."""
        result = _outcome(lambda number: round_half_up(number, places), value)  # type: ignore[arg-type]
        if isinstance(result, Decimal):
            assert result.as_tuple().exponent == places.as_tuple().exponent
        else:
            assert isinstance(result, PensionSubsidyError)

    @given(bounded_amounts, any_values)
    def test_scale(self, amount: Yuan, factor: object) -> None:
        """Scaling an amount by any factor is an amount or the library's error."""
        result = _outcome(amount.scale, factor)
        assert isinstance(result, Yuan | PensionSubsidyError)

    @given(bounded_amounts, any_ints)
    def test_whole_multiples(self, amount: Yuan, count: int) -> None:
        """× any count is the exact product within the bound, else the library's error."""
        result = _outcome(lambda value: amount * value, count)  # type: ignore[operator]
        exact = Fraction(amount.value) * count
        if abs(exact) <= MAX_YUAN:
            assert isinstance(result, Yuan)
            assert Fraction(result.value) == exact
        else:
            assert isinstance(result, PensionSubsidyError)


class TestExactArithmetic:
    @given(bounded_amounts, bounded_amounts, caller_precisions)
    def test_add_then_subtract(self, a: Yuan, b: Yuan, precision: int) -> None:
        """a + b − b == a for amounts whose sum is within the bound, in any caller context."""
        assume(abs(a.value + b.value) <= MAX_YUAN)
        with decimal.localcontext(decimal.Context(prec=precision)):
            total = a + b
            assert total - b == a
        assert Fraction(total.value) == Fraction(a.value) + Fraction(b.value)

    @given(bounded_amounts, bounded_amounts)
    def test_sum_beyond_the_bound(self, a: Yuan, b: Yuan) -> None:
        """A sum beyond 10^15 元 is refused; never a rounded amount."""
        exact = Fraction(a.value) + Fraction(b.value)
        result = _outcome(lambda other: a + other, b)
        if abs(exact) <= MAX_YUAN:
            assert isinstance(result, Yuan)
            assert Fraction(result.value) == exact
        else:
            assert isinstance(result, PensionSubsidyError)

    @given(bounded_amounts, caller_precisions)
    def test_wan_round_trip(self, amount: Yuan, precision: int) -> None:
        """An amount → 万元 → amount is the same amount, in any caller context."""
        with decimal.localcontext(decimal.Context(prec=precision)):
            assert Yuan.from_wan(amount.wan) == amount
            assert Yuan(str(amount)) == amount

    @given(bounded_amounts)
    def test_compare_with_zero_both_ways(self, amount: Yuan) -> None:
        """Every comparison with 0 agrees with the value and with its reflection."""
        for compare, reflected in (
            (operator.lt, operator.gt),
            (operator.le, operator.ge),
            (operator.eq, operator.eq),
            (operator.ge, operator.le),
            (operator.gt, operator.lt),
        ):
            expected = compare(amount.value, 0)
            assert compare(amount, 0) is expected
            assert reflected(0, amount) is expected


class TestRounding:
    @given(any_values, roundings)
    def test_rounded_is_idempotent(self, value: object, rounding: str) -> None:
        """Rounding an amount already in 分 gives it back, under every rule."""
        result = _outcome(lambda raw: Yuan.rounded(raw, rounding=rounding), value)  # type: ignore[arg-type]
        if isinstance(result, Yuan):
            assert Yuan.rounded(result.value, rounding=rounding) == result
            assert Yuan(result.value) == result
        else:
            assert isinstance(result, PensionSubsidyError)

    @given(st.fractions(), st.sampled_from([Decimal(1), FEN, Decimal("0.0001")]))
    def test_round_half_up_fraction_is_idempotent(self, value: Fraction, places: Decimal) -> None:
        """round_half_up of its own result changes nothing, and is within half a step."""
        once = round_half_up(value, places)
        assert round_half_up(once, places) == once
        assert round_half_up(Fraction(once), places) == once
        assert abs(Fraction(once) - value) <= Fraction(places) / 2

    @given(bounded_fen, st.integers(1, 10**6), roundings)
    def test_rounding_a_share(self, fen: int, count: int, rounding: str) -> None:
        """A share of an amount rounds to within one 分 of its exact value."""
        exact = Fraction(fen, 100) / count
        rounded = Yuan.rounded(exact, rounding=rounding)
        assert abs(Fraction(rounded.value) - exact) < Fraction(1, 100)
