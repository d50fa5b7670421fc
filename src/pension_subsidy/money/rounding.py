"""Rounding with a named rule — 四舍五入 (:data:`ROUND_HALF_UP`) unless another is asked for.

Works exactly on a :class:`~decimal.Decimal` or a :class:`~fractions.Fraction` (a per-capita
figure is rounded once, from its exact value), in a context of its own that ignores the
caller's; an unknown rule or a ``places`` that is no power of ten raises.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from pension_subsidy.exceptions import InvalidAmountError, InvalidNumberError
from pension_subsidy.money.parsing import _shown

__all__ = ["FEN", "round_half_up"]

#: One 分, the smallest unit of money: amounts are quantised to it.
FEN: Final = Decimal("0.01")

# Rounding with a named rule (quantize): the rounding is intended, so only invalid
# operations (a result longer than the precision) raise.
_ROUND = decimal.Context(
    prec=100,
    rounding=ROUND_HALF_UP,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation],
)


def round_half_up(value: Decimal | Fraction, places: Decimal = FEN) -> Decimal:
    """Round ``value`` to ``places`` with 四舍五入 (half away from zero), exactly.

    Works on a :class:`~fractions.Fraction` too, so a per-capita figure such as
    62,000 元 ÷ 1,025 人 is rounded once, from its exact value.

    >>> round_half_up(Decimal("0.125"))
    Decimal('0.13')
    >>> round_half_up(Fraction(62000, 1025))
    Decimal('60.49')
    """
    return _quantize(value, places, ROUND_HALF_UP)


_ROUNDINGS = (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_FLOOR)
# A Decimal rounded in _ROUND must fit its precision with the places asked for.
_ROUNDABLE_DIGITS = 60


def _quantize(value: Decimal | Fraction, places: Decimal, rounding: str) -> Decimal:
    if rounding not in _ROUNDINGS:
        params: dict[str, object] = {"got": _shown(rounding)}
        raise InvalidAmountError(
            code="rounding.unknown_rule", params=params, field="rounding", value=rounding
        )
    exponent = places.as_tuple().exponent if isinstance(places, Decimal) else None
    if not isinstance(exponent, int) or not -_ROUNDABLE_DIGITS <= exponent <= _ROUNDABLE_DIGITS:
        params = {"got": _shown(places)}
        raise InvalidNumberError(
            code="rounding.places", params=params, field="places", value=places
        )
    if isinstance(value, Fraction):
        return _quantize_fraction(value, exponent, rounding)
    if not value.is_finite() or (value and value.adjusted() - exponent >= _ROUNDABLE_DIGITS):
        limit = _ROUNDABLE_DIGITS + exponent
        params = {"limit": limit, "got": _shown(value)}
        raise InvalidNumberError(code="rounding.value", params=params, field="value", value=value)
    return value.quantize(Decimal((0, (1,), exponent)), rounding=rounding, context=_ROUND)


def _quantize_fraction(value: Fraction, exponent: int, rounding: str) -> Decimal:
    """Round a Fraction to 10^``exponent`` in integer arithmetic: exact for every denominator."""
    scaled = value / Fraction(10) ** exponent
    whole, remainder = divmod(scaled.numerator, scaled.denominator)  # floor division
    twice = 2 * remainder
    denominator = scaled.denominator
    if rounding == ROUND_FLOOR or (rounding == ROUND_DOWN and whole >= 0):
        step = 0
    elif rounding == ROUND_DOWN:
        step = 1 if remainder else 0
    elif rounding == ROUND_HALF_UP:
        # half away from zero: for a negative value the floor is the far side
        step = int(twice > denominator or (twice == denominator and whole >= 0))
    else:  # ROUND_HALF_EVEN
        step = int(twice > denominator or (twice == denominator and whole % 2 == 1))
    # built from its digits, not by arithmetic: exact however many digits it has
    sign, digits, _ = Decimal(whole + step).as_tuple()
    return Decimal((sign, digits, exponent))
