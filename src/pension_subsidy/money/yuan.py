"""The money type: :class:`Yuan`, an exact amount in 元 quantised to 分.

Importable from :mod:`pension_subsidy.money`, which describes the bounds and the rules.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeAlias

from pension_subsidy.exceptions import FloatAmountError, InvalidAmountError, Phrase, type_phrase
from pension_subsidy.money.exact import (
    _EXACT,
    _MAX_COUNT,
    _RESCALE,
    _WAN_RULE,
    _YI_RULE,
    WAN,
    WAN_CENT,
    YI,
    _fen,
    _whole,
)
from pension_subsidy.money.parsing import (
    _NUMBER_RULE,
    _ROUNDED_RULE,
    _YUAN_RULE,
    MAX_YUAN,
    _checked,
    _fail,
    _Rule,
    _shown,
)
from pension_subsidy.money.rounding import FEN, _quantize

__all__ = ["AmountLike", "Yuan"]

#: What :class:`Yuan` accepts: a ``str`` such as ``"61500.00"``, an ``int`` or a ``Decimal``.
AmountLike: TypeAlias = "Yuan | Decimal | int | str"


def _to_decimal(value: object, field: str, rule: _Rule = _YUAN_RULE) -> Decimal:
    """Turn an accepted input into a bounded, finite Decimal, refusing floats and bools."""
    if isinstance(value, Yuan):
        return value.value
    return _checked(value, field, rule)


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

        >>> from pension_subsidy.money import ROUND_HALF_EVEN
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

        >>> from pension_subsidy.money import ROUND_HALF_EVEN, WAN_TENTH
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
