"""How a stated figure is quoted, and how far it may lie from the one recomputed from others.

A figure stated with some decimals is compared at that precision: ``99`` allows ±0.5,
``99.00`` ±0.005; a score written as a whole number is taken as meant (±0.05 at most).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from pension_subsidy.forms.model import StatedAmount, StatedNumber
from pension_subsidy.money import round_half_up

__all__ = [
    "HUNDRED",
    "ITEM_SLACK",
    "amount_half_unit",
    "half_unit",
    "rounding_slack",
    "score_tolerance",
    "shown",
    "total_of",
    "value_of",
]

HUNDRED = Fraction(100)
_CENT = Decimal("0.01")
#: An item score rounded to 0.01 may be 0.005 off its exact value.
ITEM_SLACK = Fraction(1, 200)


def shown(value: Fraction | Decimal) -> str:
    """A figure as a message quotes it: to 0.01 (四舍五入), without trailing zeros.

    >>> shown(Fraction(99, 10)), shown(Decimal("94.00")), shown(Fraction(200, 3))
    ('9.9', '94', '66.67')
    """
    number = round_half_up(Fraction(value), _CENT)
    return f"{number.normalize():f}" if number != number.to_integral_value() else f"{number:.0f}"


def half_unit(number: Decimal) -> Fraction:
    """Half a unit of the last decimal place stated: 99 → 0.5, 99.00 → 0.005."""
    exponent = number.as_tuple().exponent
    places = exponent if isinstance(exponent, int) else 0
    return Fraction(1, 2) * Fraction(10) ** places


def score_tolerance(number: Decimal) -> Fraction:
    """How far a stated score may lie from the exact one: its rounding, at most ±0.05.

    A score written as a whole number (``10``) is taken as meant, not as rounded to ±0.5.
    """
    return min(half_unit(number), Fraction(1, 20)) + ITEM_SLACK


def amount_half_unit(amount: StatedAmount) -> Fraction:
    """Half a unit of an amount's stated precision, in 元 (0.01 万元 → ±50 元)."""
    match = re.search(r"\d+(?:\.(\d+))?", amount.text.replace(",", ""))
    decimals = len(match.group(1) or "") if match else 2
    unit = 10000 if amount.unit == "万元" else 1
    return Fraction(1, 2) * Fraction(10) ** -decimals * unit


def value_of(number: StatedNumber | None) -> Fraction | None:
    """The stated number as an exact fraction, or None when none is stated."""
    return None if number is None or number.value is None else Fraction(number.value)


def rounding_slack(numbers: Iterable[StatedNumber]) -> Fraction:
    """What rounding each stated figure to its decimals can add up to (0.005 each at most).

    Nine points of 50/9 stated as 5.56 add up to 50.04: within 9 × 0.005 of 50.
    """
    return sum(
        (min(half_unit(n.value), ITEM_SLACK) for n in numbers if n.value is not None),
        Fraction(0),
    )


def total_of(numbers: Iterable[StatedNumber]) -> Fraction:
    """The exact sum of the stated numbers that hold one (the others left out)."""
    return sum((Fraction(n.value) for n in numbers if n.value is not None), Fraction(0))
