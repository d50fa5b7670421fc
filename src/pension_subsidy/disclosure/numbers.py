"""Numbers as disclosure tables write them: thousands separators, 万 / 万元 / 元, full-width digits.

>>> parse_amount("1,900.40", default_unit="万元")
(Yuan('19004000.00'), Decimal('0.01'), '万元')
>>> parse_amount("6.2万")
(Yuan('62000.00'), Decimal('0.1'), '万元')
>>> parse_amount("65,400元")
(Yuan('65400.00'), Decimal('1'), '元')
>>> parse_amount("175,0O")
Traceback (most recent call last):
...
ValueError: expected an amount such as '175.00' or '6.2万元', got '175,0O'
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pension_subsidy.money import NUMBER, WAN, Yuan

__all__ = ["NUMBER", "normalise_digits", "parse_amount"]

_AMOUNT = re.compile(rf"\s*(?P<number>{NUMBER})\s*(?P<unit>万元|万|元)?\s*")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def normalise_digits(text: str) -> str:
    """Full-width digits and point (０-９ ．) as ASCII; nothing else changes."""
    return text.translate(_FULL_WIDTH)


def parse_amount(text: str, *, default_unit: str = "万元") -> tuple[Yuan, Decimal, str]:
    """An amount cell or phrase: (amount in 元, its rounding step in 元 or 万元, unit as read).

    The step is what the last written digit is worth in the unit as written (``6.2万`` →
    ``0.1`` 万元); the unit is ``万元`` or ``元`` (``万`` means 万元). A cell without a unit
    takes ``default_unit`` (the header's). Raises ValueError for anything else.
    """
    match = _AMOUNT.fullmatch(normalise_digits(text))
    if match is None or default_unit not in ("万元", "元"):
        msg = f"expected an amount such as '175.00' or '6.2万元', got {text!r}"
        raise ValueError(msg)
    number = Decimal(match["number"].replace(",", ""))
    unit = {"万": "万元", None: default_unit}.get(match["unit"], match["unit"])
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    step = Decimal(1).scaleb(exponent)
    try:
        amount = Yuan(number * WAN if unit == "万元" else number)
    except (InvalidOperation, ValueError):
        msg = f"expected an amount in whole 分, got {text!r}"
        raise ValueError(msg) from None
    return amount, step, unit
