"""Changes (调整值): the new value an override gives, absolute or relative, read from its text.

A :class:`Change` is absolute (``60``, ``60元``, ``175万元``), relative in percent (``+3%``,
``-10%``) or a signed difference (``+500``); :meth:`Change.apply` gives the exact new value.
:class:`~pension_subsidy.whatif.overrides.Override` pairs one with its target.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from pension_subsidy.exceptions import (
    InvalidNumberError,
    InvalidOverrideError,
    Phrase,
    detail_of,
)
from pension_subsidy.money import NUMBER, parse_number, round_half_up

__all__ = ["Change"]

_VALUE = re.compile(
    rf"^\s*(?P<sign>[+-])?\s*(?P<number>{NUMBER})\s*(?P<unit>%|万元|元|人|村|月)?\s*$"
)


def _bounded(instance: Change, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    """An amount within the bounds of every number read (checked before any arithmetic)."""
    try:
        parse_number(value, field=attribute.name)
    except InvalidNumberError as error:
        shown = _shown(instance.text or value)
        said = {"target": shown, "problem": detail_of(error, f"{attribute.name}: ")}
        raise InvalidOverrideError(code="override.at", params=said, text=str(shown)) from None


def _shown(value: object) -> Phrase | str:
    text = str(value)
    return text if len(text) <= 60 else Phrase("shown.cut_short", start=text[:50], length=len(text))


def _wan_in_yuan(number: Decimal) -> Decimal:
    """``number`` 万元 in 元: the point moved four places, exactly (no context rounds it)."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # parse_number gives finite numbers only
    shifted = exponent + 4
    if shifted > 0:  # 175 万元 is 1750000 元, not 1.75E+6
        return Decimal((sign, digits + (0,) * shifted, 0))
    return Decimal((sign, digits, shifted))


@functools.lru_cache(maxsize=1024)
def _factor(percent: Decimal) -> Fraction:
    """1 + ``percent`` / 100, exactly (kept: a sweep applies the same few changes many times)."""
    return 1 + Fraction(percent) / 100


@attrs.frozen
class Change:
    """A new value: absolute (``set``), relative in percent, or a signed difference (delta).

    >>> Change.parse("+3%").apply(Fraction(71104))
    Fraction(1830928, 25)
    >>> Change.parse("60元").kind, Change.parse("175万元").amount, Change.parse("-500").kind
    ('set', Decimal('1750000'), 'delta')
    """

    kind: Literal["set", "percent", "delta"]
    amount: Decimal = attrs.field(validator=_bounded)
    text: str = ""
    #: The unit written after the number ("元", "万元", "人", …; "" when none).
    unit: str = ""
    #: The exact factor of a compounded percentage (1.02**n), when it is not 1 + amount/100.
    factor: Fraction | None = None

    @classmethod
    def parse(cls, text: str) -> Change:
        """Read ``60``, ``60元``, ``175万元``, ``+3%``, ``-10%`` or ``+500``."""
        match = _VALUE.match(text)
        if match is None:
            said: dict[str, object] = {"got": repr(text)}
            raise InvalidOverrideError(code="override.value", params=said, text=text)
        sign, unit = match["sign"], match["unit"] or ""
        try:
            number = parse_number(match["number"], field="value")
        except InvalidNumberError as error:
            said = {"problem": detail_of(error, "value: ")}
            raise InvalidOverrideError(code="override.problem", params=said, text=text) from None
        if unit == "万元":
            number = _wan_in_yuan(number)
        if unit == "%":
            if sign is None:
                said = {"text": text, "got": repr(text)}
                raise InvalidOverrideError(code="override.percent_sign", params=said, text=text)
            return cls("percent", -number if sign == "-" else number, text.strip(), unit)
        if sign is None:
            return cls("set", number, text.strip(), unit)
        return cls("delta", -number if sign == "-" else number, text.strip(), unit)

    @classmethod
    def growth(cls, rate: Fraction, years: int = 1) -> Change:
        """Compound growth by an exact ``rate`` a year over ``years`` years: × (1 + rate)**years.

        >>> Change.growth(Fraction(1, 50), 3).apply(Fraction(71104))
        Fraction(1179002088, 15625)
        """
        factor = (1 + rate) ** years
        percent = (factor - 1) * 100
        # amount is for display only; the factor (e.g. 1.02**3) stays an exact Fraction
        amount = round_half_up(percent, Decimal("0.0001"))
        return cls("percent", amount, f"{amount:+}%", "%", factor=factor)

    @property
    def relative(self) -> bool:
        """Whether the change is relative to the current value."""
        return self.kind != "set"

    @property
    def exact_factor(self) -> Fraction:
        """1 + percent / 100 for a percentage change (or the exact compounded factor)."""
        if self.factor is not None:
            return self.factor
        return _factor(self.amount)

    def apply(self, base: Fraction) -> Fraction:
        """The new exact value from ``base`` (unrounded)."""
        if self.kind == "set":
            return Fraction(self.amount)
        if self.kind == "delta":
            return base + Fraction(self.amount)
        return base * self.exact_factor
