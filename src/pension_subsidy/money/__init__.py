"""Exact money in 元 (yuan), quantised to 分 (fen), with 万元 for display and disclosure.

Amounts are held as :class:`decimal.Decimal` with exactly two decimal places. Nothing here
rounds silently: a value finer than 分 is an error unless the caller names a rounding rule,
and the default rule for disclosure is 四舍五入 (:data:`ROUND_HALF_UP`), as Chinese budget
tables use — not Python's default banker's rounding (half-even).

>>> Yuan("61500") + Yuan("500.5")
Yuan('62000.50')
>>> Yuan.from_wan("6.2")
Yuan('62000.00')
>>> Yuan("61500").to_wan(WAN_TENTH)
Decimal('6.2')
>>> Yuan("1250").to_wan()      # 0.125 万元: half up, not half even
Decimal('0.13')

**Bounds.** An amount is at most :data:`MAX_YUAN` = 10^15 元 (一千万亿元, a thousand times
any national budget) either side of zero. Within that bound every sum, difference and
whole multiple is exact in the module's own decimal context, which raises instead of
rounding (``Inexact`` and ``Rounded`` are trapped) and ignores the caller's context; a
result beyond it raises :class:`~pension_subsidy.InvalidAmountError`, never a silently
rounded amount:

>>> Yuan(10**15) + Yuan("0.01")
Traceback (most recent call last):
...
pension_subsidy.exceptions.InvalidAmountError: add: too large: expected an amount of at most ...

Every number the library reads — a cell, a field of a data file, a command-line option —
goes through :func:`parse_number` (amounts through :class:`Yuan`, which uses the same
checks): it is bounded (at most :data:`MAX_NUMBER` = 10^15, at most :data:`MAX_PLACES`
decimal places) before any arithmetic is done with it, so ``1e999999999`` is an error at
once rather than a number too large to compute with. The reading and the bounds live in
:mod:`pension_subsidy.money.parsing`, rounding with a named rule in
:mod:`pension_subsidy.money.rounding`, the exact contexts and the 万元/亿元 units in
:mod:`pension_subsidy.money.exact`, the type itself in :mod:`pension_subsidy.money.yuan`;
their names are importable from here.

May import: :mod:`pension_subsidy.exceptions` (layer 0) and the standard library only. Never
the model, the features, ``output`` or ``cli``; never babel.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP

from pension_subsidy.money.exact import WAN, WAN_CENT, WAN_TENTH, YI
from pension_subsidy.money.parsing import MAX_NUMBER, MAX_PLACES, MAX_YUAN, NUMBER, parse_number
from pension_subsidy.money.rounding import FEN, round_half_up
from pension_subsidy.money.yuan import AmountLike, Yuan

__all__ = [
    "FEN",
    "MAX_NUMBER",
    "MAX_PLACES",
    "MAX_YUAN",
    "NUMBER",
    "ROUND_DOWN",
    "ROUND_FLOOR",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_UP",
    "WAN",
    "WAN_CENT",
    "WAN_TENTH",
    "YI",
    "AmountLike",
    "Yuan",
    "parse_number",
    "round_half_up",
]
