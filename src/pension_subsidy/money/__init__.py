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
:mod:`pension_subsidy.money.rounding`; their names are importable from here.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final, TypeAlias

from pension_subsidy.exceptions import FloatAmountError, InvalidAmountError, Phrase, type_phrase
from pension_subsidy.money.parsing import (
    _NUMBER_RULE,
    _ROUND_HINT,
    _ROUNDED_RULE,
    _YUAN_RULE,
    MAX_NUMBER,
    MAX_PLACES,
    MAX_YUAN,
    NUMBER,
    _checked,
    _fail,
    _Rule,
    _shown,
    parse_number,
)
from pension_subsidy.money.rounding import FEN, _quantize, round_half_up

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

#: One 万元 in 元.
WAN: Final = Decimal(10000)
#: One 亿元 in 元 (1 亿元 = 10,000 万元 = 10^8 元).
YI: Final = Decimal(100000000)
#: Disclosure precision of 0.01 万元 (100 元), as the seed's project amounts (190.04).
WAN_CENT: Final = Decimal("0.01")
#: Disclosure precision of 0.1 万元 (1,000 元), as the seed's component amounts (6.2).
WAN_TENTH: Final = Decimal("0.1")

#: What :class:`Yuan` accepts: a ``str`` such as ``"61500.00"``, an ``int`` or a ``Decimal``.
AmountLike: TypeAlias = "Yuan | Decimal | int | str"

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


def _to_decimal(value: object, field: str, rule: _Rule = _YUAN_RULE) -> Decimal:
    """Turn an accepted input into a bounded, finite Decimal, refusing floats and bools."""
    if isinstance(value, Yuan):
        return value.value
    return _checked(value, field, rule)


def _whole(number: Decimal) -> bool:
    """Whether ``number`` (finite) has no digits after the point."""
    exponent = number.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= 0


def _fen(number: Decimal) -> Decimal:
    """``number``, already known to be whole 分, with exactly two places (never ``-0.00``)."""
    quantised = number.quantize(FEN, context=_RESCALE)  # Inexact trapped: never rounds
    return quantised if quantised else quantised.copy_abs()


class Yuan:
    """An exact amount of money in 元, always quantised to 分 (two decimal places).

    Accepts ``str``, ``int`` or :class:`~decimal.Decimal`; a ``float`` raises
    :class:`~pension_subsidy.FloatAmountError`, NaN or infinity raise
    :class:`~pension_subsidy.InvalidAmountError`, and so do a value finer than 分
    (use :meth:`Yuan.rounded` to round it with a named rule) and one beyond
    :data:`MAX_YUAN` (10^15 元) either side of zero. Amounts may be negative (a headroom
    can be); components refuse negative inputs themselves.

    ``0`` is the additive identity, so :func:`sum` works, and amounts compare with it
    (``amount >= 0``, ``0 == Yuan(0)``) the same way in both directions:

    >>> sum([Yuan("0.10"), Yuan("0.20")]) == Yuan("0.30")
    True
    >>> Yuan(0) <= 0 <= Yuan("0.01")
    True
    >>> Yuan("60") * 1025
    Yuan('61500.00')
    >>> Yuan(0.1)
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.FloatAmountError: amount: expected an exact amount ...
    """

    __slots__ = ("_value",)
    _value: Decimal

    def __init__(self, value: AmountLike = 0, *, field: str = "amount") -> None:
        """Create an amount; ``field`` names the value in error messages."""
        object.__setattr__(self, "_value", _fen(_to_decimal(value, field)))

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse mutation: an amount is a value."""
        msg = "Yuan is immutable"
        raise AttributeError(msg)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def _exact(cls, value: Decimal, operation: str) -> Yuan:
        """Wrap the whole-分 result of ``operation``; one beyond :data:`MAX_YUAN` raises."""
        if value.copy_abs() > MAX_YUAN:
            _fail(_YUAN_RULE, operation, "limit", value, shown=f"{value}")
        amount = object.__new__(cls)
        object.__setattr__(amount, "_value", _fen(value))
        return amount

    @classmethod
    def rounded(
        cls,
        value: Decimal | Fraction | int | str,
        *,
        rounding: str = ROUND_HALF_UP,
        field: str = "amount",
    ) -> Yuan:
        """Round ``value`` (in 元) to 分 with the named ``rounding`` rule.

        >>> Yuan.rounded("0.125")
        Yuan('0.13')
        >>> Yuan.rounded("0.125", rounding=ROUND_HALF_EVEN)
        Yuan('0.12')
        """
        if isinstance(value, Fraction):
            return cls(_quantize(value, FEN, rounding), field=field)
        return cls(_quantize(_to_decimal(value, field, _ROUNDED_RULE), FEN, rounding), field=field)

    @classmethod
    def from_wan(cls, wan: Decimal | int | str, *, field: str = "amount") -> Yuan:
        """Convert an amount in 万元 to 元, exactly (at most six decimal places of 万元).

        >>> Yuan.from_wan("190.04")
        Yuan('1900400.00')
        >>> Yuan.from_wan("0.0010000")    # trailing zeros are no extra precision
        Yuan('10.00')
        """
        return cls(_EXACT.multiply(_to_decimal(wan, field, _WAN_RULE), WAN), field=field)

    @classmethod
    def from_yi(cls, yi: Decimal | int | str, *, field: str = "amount") -> Yuan:
        """Convert an amount in 亿元 to 元, exactly (1 亿元 = 10,000 万元; at most ten places).

        A float raises :class:`~pension_subsidy.FloatAmountError`; a value finer than 分
        raises :class:`~pension_subsidy.InvalidAmountError` naming ``field``.

        >>> Yuan.from_yi("3.0075")
        Yuan('300750000.00')
        >>> Yuan.from_yi("0.0000000001")    # one 分
        Yuan('0.01')
        >>> Yuan.from_yi("1.5") == Yuan.from_wan("15000")
        True
        >>> Yuan.from_yi("0.00000000001", field="central_yi")
        Traceback (most recent call last):
        ...
        pension_subsidy.exceptions.InvalidAmountError: central_yi: expected an amount in whole 分...
        """
        return cls(_EXACT.multiply(_to_decimal(yi, field, _YI_RULE), YI), field=field)

    # -- views --------------------------------------------------------------------------
    @property
    def value(self) -> Decimal:
        """The amount in 元 as a Decimal with two decimal places."""
        return self._value

    @property
    def wan(self) -> Decimal:
        """The amount in 万元, exactly (up to six decimal places, no rounding).

        >>> Yuan("61500").wan
        Decimal('6.15')
        """
        if not self._value:
            return Decimal(0)
        return _EXACT.divide(self._value, WAN).normalize(_RESCALE)

    @property
    def yi(self) -> Decimal:
        """The amount in 亿元, exactly (up to ten decimal places, no rounding).

        >>> Yuan("300750000").yi, Yuan(10**12).yi, Yuan(0).yi
        (Decimal('3.0075'), Decimal('10000'), Decimal('0'))
        """
        yi = _EXACT.divide(self._value, YI).normalize(_RESCALE)
        # a whole number of 亿元 keeps no exponent: Decimal('10000'), not Decimal('1E+4')
        return yi.quantize(Decimal(1), context=_RESCALE) if _whole(yi) else yi

    def to_yi(
        self, places: Decimal = Decimal("0.0001"), *, rounding: str = ROUND_HALF_UP
    ) -> Decimal:
        """The amount in 亿元 rounded for display (default 0.0001 亿元 = 1 万元, 四舍五入).

        >>> Yuan("300750000").to_yi(Decimal("0.01"))
        Decimal('3.01')
        """
        return _quantize(_EXACT.divide(self._value, YI), places, rounding)

    def to_wan(self, places: Decimal = WAN_CENT, *, rounding: str = ROUND_HALF_UP) -> Decimal:
        """The amount in 万元 rounded to a disclosure precision (default 0.01, 四舍五入).

        >>> Yuan("61500").to_wan(WAN_TENTH)
        Decimal('6.2')
        >>> Yuan("61500").to_wan(WAN_TENTH, rounding=ROUND_HALF_EVEN)
        Decimal('6.2')
        >>> Yuan("62500").to_wan(WAN_TENTH, rounding=ROUND_HALF_EVEN)
        Decimal('6.2')
        """
        return _quantize(_EXACT.divide(self._value, WAN), places, rounding)

    def is_zero(self) -> bool:
        """Whether the amount is 0.00 元."""
        return not self._value

    # -- arithmetic ---------------------------------------------------------------------
    def _other(self, other: object, operation: str) -> Decimal:
        if isinstance(other, Yuan):
            return other._value
        if isinstance(other, float):
            params = {"operation": Phrase(f"operation.{operation}"), "got": repr(other)}
            raise FloatAmountError(
                code="money.float_operand", params=params, field=operation, value=other
            )
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return Decimal(0)  # the additive identity, so that sum() works
        return NotImplemented  # type: ignore[no-any-return]

    def __add__(self, other: object) -> Yuan:
        """Add two amounts (or 0)."""
        value = self._other(other, "add")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(_EXACT.add(self._value, value), "add")

    __radd__ = __add__

    def __sub__(self, other: object) -> Yuan:
        """Subtract an amount (or 0)."""
        value = self._other(other, "subtract")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(_EXACT.subtract(self._value, value), "subtract")

    def __rsub__(self, other: object) -> Yuan:
        """Subtract from 0."""
        value = self._other(other, "subtract")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(_EXACT.subtract(value, self._value), "subtract")

    def __neg__(self) -> Yuan:
        """The negated amount."""
        return Yuan._exact(self._value.copy_negate(), "negate")

    def __abs__(self) -> Yuan:
        """The absolute amount."""
        return Yuan._exact(self._value.copy_abs(), "abs")

    def __mul__(self, count: object) -> Yuan:
        """Multiply by a whole count (persons, months, villages); exact.

        A fractional factor needs a rounding rule: use :meth:`scale`.
        """
        if isinstance(count, float):
            params = {"got": repr(count)}
            raise FloatAmountError(
                code="money.float_factor", params=params, field="multiply", value=count
            )
        if not isinstance(count, int) or isinstance(count, bool):
            return NotImplemented
        if self._value and abs(count) > _MAX_COUNT:
            shown = f"{self} × {_shown(count)}"
            _fail(_YUAN_RULE, "multiply", "limit", count, shown=shown)
        return Yuan._exact(_EXACT.multiply(self._value, count if self._value else 0), "multiply")

    __rmul__ = __mul__

    def scale(
        self, factor: Decimal | Fraction | int | str, *, rounding: str = ROUND_HALF_UP
    ) -> Yuan:
        """Multiply by an exact factor and round to 分 with the named rule.

        >>> Yuan("100.00").scale("1.035")
        Yuan('103.50')
        >>> Yuan("0.05").scale("0.5")
        Yuan('0.03')
        """
        if isinstance(factor, Fraction):
            return Yuan.rounded(Fraction(self._value) * factor, rounding=rounding)
        exact = _EXACT.multiply(self._value, _checked(factor, "factor", _NUMBER_RULE))
        return Yuan.rounded(exact, rounding=rounding)

    def ratio(self, other: object) -> Fraction:
        """The exact ratio ``self / other`` as a Fraction (raises ZeroDivisionError on 0).

        >>> Yuan("172").ratio(Yuan("175"))
        Fraction(172, 175)
        """
        if not isinstance(other, Yuan):
            params = {"type": type_phrase(other)}
            raise InvalidAmountError(
                code="money.ratio_type", params=params, field="ratio", value=other
            )
        return Fraction(self._value) / Fraction(other._value)

    def __truediv__(self, count: object) -> Fraction:
        """Divide by a whole count: the exact per-capita share as a Fraction of 元."""
        if isinstance(count, float):
            params = {"got": repr(count)}
            raise FloatAmountError(
                code="money.float_divisor", params=params, field="divide", value=count
            )
        if isinstance(count, int) and not isinstance(count, bool):
            return Fraction(self._value) / count
        return NotImplemented

    # -- comparison ---------------------------------------------------------------------
    # Against another Yuan or the int 0 (the additive identity) — the same answer whichever
    # side each stands; never against a float (an error) or another bare number.
    def __eq__(self, other: object) -> bool:
        """Equal to another Yuan of the same value, or to 0 when zero."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value == value

    def __lt__(self, other: object) -> bool:
        """Order by value; only against another Yuan (or 0)."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value < value

    def __le__(self, other: object) -> bool:
        """Order by value; only against another Yuan (or 0)."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value <= value

    def __gt__(self, other: object) -> bool:
        """Order by value; only against another Yuan (or 0)."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value > value

    def __ge__(self, other: object) -> bool:
        """Order by value; only against another Yuan (or 0)."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value >= value

    def __hash__(self) -> int:
        """Hash by value (as the Decimal does, so that ``Yuan(0)`` and ``0`` hash alike)."""
        return hash(self._value)

    def __bool__(self) -> bool:
        """False only for 0.00 元."""
        return bool(self._value)

    def __repr__(self) -> str:
        """``Yuan('61500.00')``."""
        return f"Yuan('{self._value}')"

    def __str__(self) -> str:
        """The amount in 元 with two decimals and no grouping, as in the JSON contract."""
        return f"{self._value:.2f}"

    def __format__(self, spec: str) -> str:
        """Format the Decimal value (``f"{amount:,.2f}"`` gives ``61,500.00``)."""
        return format(self._value, spec or ".2f")

    def __reduce__(self) -> tuple[type[Yuan], tuple[str]]:
        """Pickle as the string value (for process pools)."""
        return (Yuan, (str(self._value),))
