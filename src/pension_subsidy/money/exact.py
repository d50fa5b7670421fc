"""The exact decimal arithmetic of money: 万元 and 亿元, contexts that raise, not round.

:class:`~pension_subsidy.money.Yuan` computes in these contexts; the bounds and the rules
for reading a number of 万元 or 亿元 are here too. The names are importable from
:mod:`pension_subsidy.money`.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from pension_subsidy.exceptions import InvalidAmountError
from pension_subsidy.money.parsing import _ROUND_HINT, MAX_YUAN, _Rule
from pension_subsidy.money.rounding import FEN

__all__ = ["WAN", "WAN_CENT", "WAN_TENTH", "YI"]

#: One 万元 in 元.
WAN: Final = Decimal(10000)
#: One 亿元 in 元 (1 亿元 = 10,000 万元 = 10^8 元).
YI: Final = Decimal(100000000)
#: Disclosure precision of 0.01 万元 (100 元), as the seed's project amounts (190.04).
WAN_CENT: Final = Decimal("0.01")
#: Disclosure precision of 0.1 万元 (1,000 元), as the seed's component amounts (6.2).
WAN_TENTH: Final = Decimal("0.1")

_SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]
# Money arithmetic (+, −, × a count, ÷ 10,000). Operands are bounded — at most 18 digits
# (10^15 元 to the 分), a count at most 10^17 — so 60 digits hold every result exactly; a
# result that would not be exact raises (Inexact, Rounded trapped) instead of being rounded.
_EXACT = decimal.Context(
    prec=60, rounding=ROUND_HALF_UP, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=_SIGNALS
)
# Re-expressing a value known to be exact (to 分, or without its trailing zeros): dropping
# zeros signals Rounded, which is then no rounding of the value; Inexact still raises.
_RESCALE = _EXACT.copy()
_RESCALE.traps[decimal.Rounded] = False
_MAX_COUNT = 10**17  # × a count beyond this leaves MAX_YUAN for any nonzero amount


_WAN_RULE = _Rule(
    noun="amount",
    what="a number of 万元 such as '6.2'",
    maximum=MAX_YUAN / WAN,
    places=6,
    limit="an amount of at most 100,000,000,000 万元 (10^15 元) either side of zero",
    precision="an amount in whole 分 (at most six decimal places of 万元)",
    hint=_ROUND_HINT,
    error=InvalidAmountError,
    key="amount_wan",
)


_YI_RULE = _Rule(
    noun="amount",
    what="a number of 亿元 such as '3.0075'",
    maximum=MAX_YUAN / YI,
    places=10,
    limit="an amount of at most 10,000,000 亿元 (10^15 元) either side of zero",
    precision="an amount in whole 分 (at most ten decimal places of 亿元)",
    hint=_ROUND_HINT,
    error=InvalidAmountError,
    key="amount_yi",
)


def _whole(number: Decimal) -> bool:
    """Whether ``number`` (finite) has no digits after the point."""
    exponent = number.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= 0


def _fen(number: Decimal) -> Decimal:
    """``number``, already known to be whole 分, with exactly two places (never ``-0.00``)."""
    quantised = number.quantize(FEN, context=_RESCALE)  # Inexact trapped: never rounds
    return quantised if quantised else quantised.copy_abs()
