r"""Reading numbers: the one checked parser :func:`parse_number` and the library's bounds.

Every number the library reads goes through here (amounts through
:class:`~pension_subsidy.money.Yuan`, which uses the same checks): it is bounded — at most
:data:`MAX_NUMBER` = 10^15, at most :data:`MAX_PLACES` decimal places, an amount at most
:data:`MAX_YUAN` — before any arithmetic is done with it, so ``1e999999999`` is an error at
once rather than a number too large to compute with. :data:`NUMBER` is the written form
every parser of the library shares.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, NamedTuple, NoReturn

from pension_subsidy.exceptions import (
    FloatAmountError,
    InvalidAmountError,
    InvalidNumberError,
    Phrase,
    type_phrase,
)

__all__ = ["MAX_NUMBER", "MAX_PLACES", "MAX_YUAN", "NUMBER", "parse_number"]

#: The largest amount, either side of zero: 10^15 元 (一千万亿元). China's national budget is
#: of the order of 3 × 10^13 元; anything larger is a typing error, not a budget.
MAX_YUAN: Final = Decimal(10**15)
#: The largest number :func:`parse_number` reads, either side of zero: 10^15 (a count, a
#: percentage, a ratio, a target — all far smaller in any budget).
MAX_NUMBER: Final = Decimal(10**15)
#: The most decimal places :func:`parse_number` reads (trailing zeros do not count).
MAX_PLACES: Final = 15

#: A number as people write it: ``1025``, ``1,025``, ``138.6``; commas only as thousands
#: groups (``1,00`` is not a number). Every parser of the library uses this one rule.
NUMBER: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_GROUPED = re.compile(rf"[+-]?{NUMBER}")
# What parse_number reads once commas are gone: ASCII digits, a point, an exponent. The
# exponent's digits are bounded here, before Decimal() sees them (it refuses beyond ~10^18).
_TEXT = re.compile(
    r"(?P<sign>[+-]?)(?P<digits>[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?",
    re.ASCII,
)
_NOT_FINITE = re.compile(r"[+-]?(?:nan|snan|inf|infinity)[0-9]*", re.IGNORECASE)
# An exponent of more than six digits moves a nonzero number beyond every bound.
_EXPONENT_DIGITS = 6
# The most decimal places an amount to be rounded (Yuan.rounded) may have.
_ROUNDING_PLACES = 10**_EXPONENT_DIGITS


class _Rule(NamedTuple):
    """How one kind of number is read and what its errors say."""

    #: What a value is called ("number", "amount").
    noun: str
    #: What a well-formed value looks like (after "expected").
    what: str
    #: The largest magnitude.
    maximum: Decimal
    #: The most decimal places (trailing zeros do not count).
    places: int
    #: The bound as said in a message (after "expected").
    limit: str
    #: The precision as said in a message (after "expected").
    precision: str
    #: Said after a too-precise value.
    hint: str = ""
    error: type[InvalidNumberError] = InvalidNumberError
    #: The rule's name in the message catalogue: ``expected.<key>.<situation>`` says what
    #: was expected (the English phrases are the strings above).
    key: str = "number"


_NUMBER_RULE = _Rule(
    noun="number",
    what="a number such as 10 or 2.5",
    maximum=MAX_NUMBER,
    places=MAX_PLACES,
    limit="a number of at most 10^15 either side of zero",
    precision=f"a number with at most {MAX_PLACES} decimal places",
)
_AMOUNT_LIMIT = "an amount of at most 1,000,000,000,000,000.00 元 (10^15 元) either side of zero"
_ROUND_HINT = "; round it explicitly with Yuan.rounded(value, rounding=ROUND_HALF_UP)"
_YUAN_RULE = _Rule(
    noun="amount",
    what="a number of 元 such as '61500.00'",
    maximum=MAX_YUAN,
    places=2,
    limit=_AMOUNT_LIMIT,
    precision="an amount in whole 分 (two decimal places)",
    hint=_ROUND_HINT,
    error=InvalidAmountError,
    key="amount",
)
_ROUNDED_RULE = _YUAN_RULE._replace(
    places=_ROUNDING_PLACES,
    precision=f"an amount with at most {_ROUNDING_PLACES:,} decimal places to round",
    hint="",
    key="amount_to_round",
)


def _shown(value: object) -> str | Phrase:
    """``value`` for a message: its repr, cut short when long (an integer by its size)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        # repr() of an int of thousands of digits raises ValueError (int_max_str_digits)
        return Phrase("shown.huge_integer", digits=int(value.bit_length() * 0.30103) + 1)
    text = repr(value)
    if len(text) <= 60:
        return text
    return Phrase("shown.cut_short", start=text[:50], length=len(text))


#: The message of each situation: what was expected comes from the rule.
_SITUATION_CODES: Final = {"limit": "number.too_large", "precision": "number.too_precise"}


def _fail(
    rule: _Rule,
    field: str,
    situation: str,
    value: object,
    *,
    shown: str | Phrase = "",
    **said: object,
) -> NoReturn:
    """Raise ``rule``'s error for ``situation``; ``said`` fills what was expected.

    The situations: ``what``, ``grouping``, ``finite``, ``limit``, ``precision``, ``bool``,
    ``type`` (the phrases ``expected.<rule>.<situation>`` of the catalogue).
    """
    expected = Phrase(f"expected.{rule.key}.{situation}", **said)
    params: dict[str, object] = {"at": f"{field}: ", "expected": expected}
    params["got"] = shown or _shown(value)
    if situation == "precision":
        params["hint"] = Phrase("hint.round" if rule.hint else "hint.none")
    code = _SITUATION_CODES.get(situation, "number.expected")
    raise rule.error(code=code, params=params, field=field, value=value, expected=str(expected))


def _places(number: Decimal) -> int:
    """The decimal places ``number`` needs: as written, less its trailing zeros."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # callers pass finite numbers only
    if exponent >= 0:
        return 0
    zeros = 0
    for digit in reversed(digits):
        if digit:
            break
        zeros += 1
    return max(0, -(exponent + zeros))


def _from_text(value: str, field: str, rule: _Rule) -> Decimal:
    text = value.strip()
    if "," in text:
        # grouping is read only where it is unambiguous: "1,900,400.00", never "175,00"
        if _GROUPED.fullmatch(text) is None:
            _fail(rule, field, "grouping", value)
        text = text.replace(",", "")
    match = _TEXT.fullmatch(text)
    if match is None:
        if _NOT_FINITE.fullmatch(text):
            _fail(rule, field, "finite", value)
        _fail(rule, field, "what", value)
    if match["digits"].strip("0.") == "":
        return Decimal(0)  # zero, whatever its exponent
    exponent = match["exponent"]
    if exponent is not None and len(exponent.lstrip("+-").lstrip("0")) > _EXPONENT_DIGITS:
        if exponent.startswith("-"):
            _fail(rule, field, "precision", value)
        _fail(rule, field, "limit", value)
    return Decimal(text)


def _checked(value: object, field: str, rule: _Rule) -> Decimal:
    """``value`` as a finite Decimal within ``rule``'s bounds, before any arithmetic."""
    if isinstance(value, bool):
        _fail(rule, field, "bool", value)
    if isinstance(value, float):
        params = {"at": f"{field}: ", "field": field, "got": repr(value)}
        params["suggested"] = repr(str(value))
        error = FloatAmountError if rule.error is InvalidAmountError else rule.error
        raise error(code=f"{rule.noun}.float", params=params, field=field, value=value)
    if isinstance(value, int):
        if abs(value) > int(rule.maximum):  # compared as ints: no conversion of a huge int
            _fail(rule, field, "limit", value)
        return Decimal(value)
    if isinstance(value, str):
        number = _from_text(value, field, rule)
    elif isinstance(value, Decimal):
        number = value
    else:
        _fail(rule, field, "type", value, type=type_phrase(value))
    if not number.is_finite():
        _fail(rule, field, "finite", value)
    if not number:
        return Decimal(0)
    if number.adjusted() > rule.maximum.adjusted() or number.copy_abs() > rule.maximum:
        _fail(rule, field, "limit", value)
    if _places(number) > rule.places:
        _fail(rule, field, "precision", value)
    return _plain(number, rule.places)


def _plain(number: Decimal, places: int) -> Decimal:
    """``number`` with at most ``places`` decimal places and no exponent, exactly.

    Only zeros move (1.000…0 → 1.00…, 1E+3 → 1000): the caller has checked that the places
    beyond are zeros. Built from the digits, not by arithmetic, so no context is involved.
    """
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    if exponent < -places:
        return Decimal((sign, digits[: places + exponent], -places))
    if exponent > 0:
        return Decimal((sign, digits + (0,) * exponent, 0))
    return number


def parse_number(value: object, *, field: str = "number") -> Decimal:
    """Read a number as the library reads every number: checked before any arithmetic.

    ``value`` is text (``"2.5"``, ``"1,025"``, ``"-3"``, ``"1e3"``; ASCII digits, commas
    only between groups of three), an ``int`` or a :class:`~decimal.Decimal`. It must be
    finite, at most :data:`MAX_NUMBER` (10^15) either side of zero and have at most
    :data:`MAX_PLACES` decimal places (trailing zeros do not count); anything else raises
    :class:`~pension_subsidy.InvalidNumberError` naming ``field``. A float is refused:
    write it as text.

    >>> parse_number("1,025"), parse_number("2.50"), parse_number("1e3")
    (Decimal('1025'), Decimal('2.50'), Decimal('1000'))
    >>> parse_number("1e999999999", field="percent")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.InvalidNumberError: percent: too large: expected ... 10^15 ...
    """
    return _checked(value, field, _NUMBER_RULE)
