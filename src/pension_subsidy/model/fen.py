"""Amounts as whole 分 (integers): the exact arithmetic behind checks and what-if sweeps.

Every amount is a whole number of 分, so sums, differences, shares and proportional splits
of amounts are exact in integers, and several times faster than in :class:`~fractions.Fraction`
or :class:`~decimal.Decimal` (a what-if sweep checks every project of every scenario). The
results are the same numbers, rounded by the same rule (四舍五入, half up):

>>> from pension_subsidy.money import Yuan
>>> fen_of(Yuan("1386000.00")), yuan_of(138600000)
(138600000, Yuan('1386000.00'))
>>> percent(17200, 17500), percent(1, 8), percent(1, 0)
(Decimal('98.29'), Decimal('12.50'), None)
>>> half_up(5, 2), half_up(7, 3)
(3, 2)
>>> from fractions import Fraction
>>> rounded_yuan(Fraction(62000, 1025) * 2050), rounded_yuan(Fraction(-1, 200))
(Yuan('124000.00'), Yuan('-0.01'))
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from pension_subsidy.money import MAX_YUAN, Yuan

__all__ = [
    "MAX_FEN",
    "fen_of",
    "half_up",
    "percent",
    "rounded_yuan",
    "scaled_yuan",
    "within_bounds",
    "yuan_of",
]

#: The bound of money (:data:`~pension_subsidy.money.MAX_YUAN`, 10^15 元) in 分.
MAX_FEN: Final = int(MAX_YUAN) * 100
_ONE_FEN: Final = Yuan("0.01")


def fen_of(amount: Yuan) -> int:
    """``amount`` in whole 分 (exact: an amount has two decimal places)."""
    top, bottom = amount.value.as_integer_ratio()
    return top * 100 // bottom


def within_bounds(fen: int) -> bool:
    """Whether ``fen`` 分 is an amount within the bound of money either side of zero."""
    return -MAX_FEN <= fen <= MAX_FEN


def yuan_of(fen: int) -> Yuan:
    """``fen`` 分 as an amount (``fen`` within :func:`within_bounds`, else it raises)."""
    return _ONE_FEN * fen


def half_up(numerator: int, denominator: int) -> int:
    """``numerator`` ÷ ``denominator`` rounded half up (四舍五入), both ≥ 0 (denominator > 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (both ≥ 0) to 0.01, half up; None for ``whole`` 0."""
    if not whole:
        return None
    return Decimal(half_up(part * 10_000, whole)).scaleb(-2)


def rounded_yuan(exact: Fraction) -> Yuan:
    """``exact`` 元 rounded half up (四舍五入) to the 分: :meth:`Yuan.rounded`, in integers.

    A negative value or one beyond the bound of money takes :meth:`Yuan.rounded` itself
    (half away from zero; the bound's own error).
    """
    numerator, denominator = exact.numerator, exact.denominator
    if numerator >= 0:
        fen = half_up(numerator * 100, denominator)
        if fen <= MAX_FEN:
            return yuan_of(fen)
    return Yuan.rounded(exact)


def scaled_yuan(amount: Yuan, factor: Fraction) -> Yuan:
    """``amount`` × an exact ``factor``, rounded half up (四舍五入) to the 分 once, in integers.

    >>> scaled_yuan(Yuan("62000.00"), Fraction(21, 20)), scaled_yuan(Yuan("0.05"), Fraction(1, 2))
    (Yuan('65100.00'), Yuan('0.03'))
    """
    fen = fen_of(amount) * factor.numerator
    if fen >= 0:
        scaled = half_up(fen, factor.denominator)
        if scaled <= MAX_FEN:
            return yuan_of(scaled)
    return rounded_yuan(Fraction(amount.value) * factor)
