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
"""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import total_ordering
from typing import Final, TypeAlias

from pension_subsidy.exceptions import FloatAmountError, InvalidAmountError

__all__ = [
    "FEN",
    "NUMBER",
    "ROUND_DOWN",
    "ROUND_FLOOR",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_UP",
    "WAN",
    "WAN_CENT",
    "WAN_TENTH",
    "AmountLike",
    "Yuan",
    "round_half_up",
]

#: One 分, the smallest unit of money: amounts are quantised to it.
FEN: Final = Decimal("0.01")
#: One 万元 in 元.
WAN: Final = Decimal(10000)
#: Disclosure precision of 0.01 万元 (100 元), as the seed's project amounts (190.04).
WAN_CENT: Final = Decimal("0.01")
#: Disclosure precision of 0.1 万元 (1,000 元), as the seed's component amounts (6.2).
WAN_TENTH: Final = Decimal("0.1")

#: A number as people write it: ``1025``, ``1,025``, ``138.6``; commas only as thousands
#: groups (``1,00`` is not a number). Every parser of the library uses this one rule.
NUMBER: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_GROUPED = re.compile(rf"[+-]?{NUMBER}")

#: What :class:`Yuan` accepts: a ``str`` such as ``"61500.00"``, an ``int`` or a ``Decimal``.
AmountLike: TypeAlias = "Yuan | Decimal | int | str"

# A context wide enough that no money arithmetic here is ever rounded by the context itself;
# every rounding is a quantize() with a named rule.
_EXACT = decimal.Context(prec=60, rounding=ROUND_HALF_UP, traps=[decimal.InvalidOperation])


def _to_decimal(value: object, field: str) -> Decimal:
    """Turn an accepted input into a finite Decimal, refusing floats and bools."""
    if isinstance(value, Yuan):
        return value.value
    if isinstance(value, bool):
        msg = f"{field}: expected an amount (str, int or Decimal), got the bool {value!r}"
        raise InvalidAmountError(msg, field=field, value=value)
    if isinstance(value, float):
        msg = (
            f"{field}: expected an exact amount (str, int or Decimal), got the float {value!r}; "
            f"write it as a string, e.g. {field}={str(value)!r}"
        )
        raise FloatAmountError(msg, field=field, value=value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if "," in text:
            # grouping is read only where it is unambiguous: "1,900,400.00", never "175,00"
            if _GROUPED.fullmatch(text) is None:
                msg = (
                    f"{field}: expected a number of 元 such as '61500.00' or '61,500.00' "
                    f"(commas only between groups of three digits), got {value!r}"
                )
                raise InvalidAmountError(msg, field=field, value=value)
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except decimal.InvalidOperation:
            msg = f"{field}: expected a number of 元 such as '61500.00', got {value!r}"
            raise InvalidAmountError(msg, field=field, value=value) from None
    else:
        msg = f"{field}: expected an amount (str, int or Decimal), got {type(value).__name__}"
        raise InvalidAmountError(msg, field=field, value=value)
    if not number.is_finite():
        msg = f"{field}: expected a finite amount, got {value!r}"
        raise InvalidAmountError(msg, field=field, value=value)
    return number


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


def _quantize(value: Decimal | Fraction, places: Decimal, rounding: str) -> Decimal:
    if isinstance(value, Fraction):
        return _quantize_fraction(value, places, rounding)
    return value.quantize(places, rounding=rounding, context=_EXACT)


def _quantize_fraction(value: Fraction, places: Decimal, rounding: str) -> Decimal:
    """Round a Fraction to ``places`` in integer arithmetic: exact for every denominator."""
    exponent = places.as_tuple().exponent
    assert isinstance(exponent, int)
    scaled = value / Fraction(places)
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
    elif rounding == ROUND_HALF_EVEN:
        step = int(twice > denominator or (twice == denominator and whole % 2 == 1))
    else:
        msg = (
            "rounding: expected one of ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, "
            f"ROUND_FLOOR, got {rounding!r}"
        )
        raise InvalidAmountError(msg, field="rounding", value=rounding)
    return Decimal(whole + step).scaleb(exponent, _EXACT)


@total_ordering
class Yuan:
    """An exact amount of money in 元, always quantised to 分 (two decimal places).

    Accepts ``str``, ``int`` or :class:`~decimal.Decimal`; a ``float`` raises
    :class:`~pension_subsidy.FloatAmountError`, NaN or infinity raise
    :class:`~pension_subsidy.InvalidAmountError`, and so does a value finer than 分
    (use :meth:`Yuan.rounded` to round it with a named rule). Amounts may be negative
    (a headroom can be); components refuse negative inputs themselves.

    ``0`` is the additive identity, so :func:`sum` works:

    >>> sum([Yuan("0.10"), Yuan("0.20")]) == Yuan("0.30")
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
        number = _to_decimal(value, field)
        quantised = number.quantize(FEN, context=_EXACT)
        if quantised != number:
            msg = (
                f"{field}: expected an amount in whole 分 (two decimal places), got {value!r}; "
                "round it explicitly with Yuan.rounded(value, rounding=ROUND_HALF_UP)"
            )
            raise InvalidAmountError(msg, field=field, value=value)
        object.__setattr__(self, "_value", quantised + 0)  # +0 turns -0.00 into 0.00

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse mutation: an amount is a value."""
        msg = "Yuan is immutable"
        raise AttributeError(msg)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def _exact(cls, value: Decimal) -> Yuan:
        """Wrap a Decimal already known to be whole 分 (a sum or whole multiple of amounts)."""
        amount = object.__new__(cls)
        object.__setattr__(amount, "_value", value + 0 if value else Decimal("0.00"))
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
        return cls(_quantize(_to_decimal(value, field), FEN, rounding), field=field)

    @classmethod
    def from_wan(cls, wan: Decimal | int | str, *, field: str = "amount") -> Yuan:
        """Convert an amount in 万元 to 元, exactly (at most six decimal places of 万元).

        >>> Yuan.from_wan("190.04")
        Yuan('1900400.00')
        """
        return cls(_to_decimal(wan, field) * WAN, field=field)

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
        return (self._value / WAN).normalize(_EXACT) if self._value else Decimal(0)

    def to_wan(self, places: Decimal = WAN_CENT, *, rounding: str = ROUND_HALF_UP) -> Decimal:
        """The amount in 万元 rounded to a disclosure precision (default 0.01, 四舍五入).

        >>> Yuan("61500").to_wan(WAN_TENTH)
        Decimal('6.2')
        >>> Yuan("61500").to_wan(WAN_TENTH, rounding=ROUND_HALF_EVEN)
        Decimal('6.2')
        >>> Yuan("62500").to_wan(WAN_TENTH, rounding=ROUND_HALF_EVEN)
        Decimal('6.2')
        """
        return _quantize(self._value / WAN, places, rounding)

    def is_zero(self) -> bool:
        """Whether the amount is 0.00 元."""
        return not self._value

    # -- arithmetic ---------------------------------------------------------------------
    def _other(self, other: object, operation: str) -> Decimal:
        if isinstance(other, Yuan):
            return other._value
        if isinstance(other, float):
            msg = f"cannot {operation} Yuan and float {other!r}: money never mixes with floats"
            raise FloatAmountError(msg, field=operation, value=other)
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return Decimal(0)  # the additive identity, so that sum() works
        return NotImplemented  # type: ignore[no-any-return]

    def __add__(self, other: object) -> Yuan:
        """Add two amounts (or 0)."""
        value = self._other(other, "add")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(self._value + value)

    __radd__ = __add__

    def __sub__(self, other: object) -> Yuan:
        """Subtract an amount (or 0)."""
        value = self._other(other, "subtract")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(self._value - value)

    def __rsub__(self, other: object) -> Yuan:
        """Subtract from 0."""
        value = self._other(other, "subtract")
        if value is NotImplemented:
            return NotImplemented
        return Yuan._exact(value - self._value)

    def __neg__(self) -> Yuan:
        """The negated amount."""
        return Yuan._exact(-self._value)

    def __abs__(self) -> Yuan:
        """The absolute amount."""
        return Yuan._exact(abs(self._value))

    def __mul__(self, count: object) -> Yuan:
        """Multiply by a whole count (persons, months, villages); exact.

        A fractional factor needs a rounding rule: use :meth:`scale`.
        """
        if isinstance(count, float):
            msg = f"cannot multiply Yuan by float {count!r}: use scale() with a Decimal"
            raise FloatAmountError(msg, field="multiply", value=count)
        if isinstance(count, int) and not isinstance(count, bool):
            return Yuan._exact(self._value * count)
        return NotImplemented

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
        exact = self._value * _to_decimal(factor, "factor")
        return Yuan.rounded(exact, rounding=rounding)

    def ratio(self, other: object) -> Fraction:
        """The exact ratio ``self / other`` as a Fraction (raises ZeroDivisionError on 0).

        >>> Yuan("172").ratio(Yuan("175"))
        Fraction(172, 175)
        """
        if not isinstance(other, Yuan):
            msg = f"ratio needs a Yuan, got {type(other).__name__}"
            raise InvalidAmountError(msg, field="ratio", value=other)
        return Fraction(self._value) / Fraction(other._value)

    def __truediv__(self, count: object) -> Fraction:
        """Divide by a whole count: the exact per-capita share as a Fraction of 元."""
        if isinstance(count, float):
            msg = f"cannot divide Yuan by float {count!r}"
            raise FloatAmountError(msg, field="divide", value=count)
        if isinstance(count, int) and not isinstance(count, bool):
            return Fraction(self._value) / count
        return NotImplemented

    # -- comparison ---------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        """Equal to another Yuan of the same value (never to a float or a bare number)."""
        if isinstance(other, Yuan):
            return self._value == other._value
        if isinstance(other, float):
            msg = f"cannot compare Yuan with float {other!r}"
            raise FloatAmountError(msg, field="compare", value=other)
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        """Order by value; only against another Yuan (or 0)."""
        value = self._other(other, "compare")
        if value is NotImplemented:
            return NotImplemented
        return self._value < value

    def __hash__(self) -> int:
        """Hash by value."""
        return hash(("Yuan", self._value))

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
