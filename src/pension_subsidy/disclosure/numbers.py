"""Numbers as disclosure tables write them: thousands separators, 万 / 万元 / 元, full-width digits.

>>> parse_amount("1,900.40", default_unit="万元")
(Yuan('19004000.00'), Decimal('0.01'), '万元')
>>> parse_amount("6.2万")
(Yuan('62000.00'), Decimal('0.1'), '万元')
>>> parse_amount("65,400元")
(Yuan('65400.00'), Decimal('1'), '元')
>>> parse_amount("3.0075亿元")
(Yuan('300750000.00'), Decimal('0.0001'), '亿元')
>>> parse_amount("175,0O")
Traceback (most recent call last):
...
pension_subsidy.exceptions.InvalidAmountError: expected an amount such as '175.00' or '6.2万元', ...

The number is read by :class:`~pension_subsidy.Yuan` (:meth:`~pension_subsidy.Yuan.from_wan`
for 万元), with its bounds: at most 10^15 元, in whole 分.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pension_subsidy.exceptions import InvalidAmountError, Phrase
from pension_subsidy.money import NUMBER, Yuan

__all__ = ["NUMBER", "normalise_digits", "parse_amount"]

_AMOUNT = re.compile(rf"\s*(?P<number>{NUMBER})\s*(?P<unit>亿元|亿|万元|万|元)?\s*")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def normalise_digits(text: str) -> str:
    """Full-width digits and point (０-９ ．) as ASCII; nothing else changes."""
    return text.translate(_FULL_WIDTH)


def parse_amount(text: str, *, default_unit: str = "万元") -> tuple[Yuan, Decimal, str]:
    """An amount cell or phrase: (amount in 元, its rounding step in 元 or 万元, unit as read).

    The step is what the last written digit is worth in the unit as written (``6.2万`` →
    ``0.1`` 万元); the unit is ``亿元``, ``万元`` or ``元`` (``万`` means 万元, ``亿`` 亿元;
    1 亿元 = 10,000 万元). A cell without a unit
    takes ``default_unit`` (the header's). Anything else raises
    :class:`~pension_subsidy.InvalidAmountError` (a ValueError): text that is no amount, an
    amount finer than 分 or beyond 10^15 元.
    """
    match = _AMOUNT.fullmatch(normalise_digits(text))
    if match is None or default_unit not in ("亿元", "万元", "元"):
        params = {"got": repr(text)}
        raise InvalidAmountError(code="amount.in_cell", params=params, field="amount", value=text)
    number = match["number"]
    unit = {"万": "万元", "亿": "亿元", None: default_unit}.get(match["unit"], match["unit"])
    # what the last written digit is worth: 6.2 → 0.1, 175 → 1 (digits counted, no arithmetic)
    places = len(number.partition(".")[2])
    step = Decimal((0, (1,), -places))
    try:
        if unit == "亿元":
            amount = Yuan.from_yi(number)
        else:
            amount = Yuan.from_wan(number) if unit == "万元" else Yuan(number)
    except InvalidAmountError as error:
        said = error.params.get("expected") or error.expected or Phrase("expected.an_amount")
        raise InvalidAmountError(
            code="amount.in_cell_expected",
            params={"expected": said, "got": repr(text)},
            field="amount",
            value=text,
            expected=error.expected,
        ) from None
    return amount, step, unit
