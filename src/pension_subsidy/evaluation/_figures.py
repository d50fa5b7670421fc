"""How the self-evaluation shows its exact figures: plain decimals, and scores to 0.01 (四舍五入).

>>> _plain(Decimal("91700.00")), _show(Fraction(200, 3))
(Decimal('91700'), '66.67')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pension_subsidy.money import round_half_up

CENT = Decimal("0.01")


def _plain(number: Decimal) -> Decimal:
    """The number without trailing zeros and never in exponent form: 91700, 5.5."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _show(value: Fraction | Decimal) -> str:
    return str(_plain(round_half_up(Fraction(value), CENT)))
