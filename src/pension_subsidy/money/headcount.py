"""Headcounts as published: 人 (persons) and 万人 (ten thousand persons), exactly.

Reports give large headcounts in 万人 (``14.4814 万人`` = 144,814 persons). A headcount is
read with the library's one number reader (:func:`~pension_subsidy.money.parse_number`) and
must come to a whole number of persons, ≥ 0 and at most 10^15; anything else raises, naming
the field — a fraction of a person is a typing error, never rounded.

>>> headcount_from_wan("14.4814")
144814
>>> headcount_to_wan(144814)
Decimal('14.4814')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from pension_subsidy.exceptions import InvalidHeadcountError, Phrase
from pension_subsidy.money.parsing import MAX_NUMBER, _shown, parse_number

__all__ = ["TEN_THOUSAND", "headcount_from_wan", "headcount_to_wan", "parse_headcount"]

#: Persons in one 万人.
TEN_THOUSAND: Final = 10000


def _whole_persons(number: Decimal, field: str, value: object, unit: str) -> int:
    if number != number.to_integral_value():
        persons = (
            Phrase("headcount.in_persons", persons=f"{number.normalize():f}")
            if unit == "万人"
            else Phrase("headcount.nothing")
        )
        said = {"at": f"{field}: ", "got": _shown(value), "unit": unit, "persons": persons}
        raise InvalidHeadcountError(code="headcount.whole", params=said, field=field, value=value)
    if number < 0:
        said = {"at": f"{field}: ", "got": _shown(value), "unit": unit}
        raise InvalidHeadcountError(
            code="headcount.negative", params=said, field=field, value=value
        )
    if number > MAX_NUMBER:
        said = {"at": f"{field}: ", "got": _shown(value), "unit": unit}
        raise InvalidHeadcountError(
            code="headcount.too_large", params=said, field=field, value=value
        )
    return int(number)


def parse_headcount(value: object, *, field: str = "headcount", unit: str = "人") -> int:
    """Read a headcount given in ``unit`` — ``"人"`` (persons) or ``"万人"`` — as persons.

    The number is read as every number is (text such as ``"1,025"``, an ``int`` or a
    :class:`~decimal.Decimal`; a float raises); malformed text raises
    :class:`~pension_subsidy.InvalidNumberError`, a result that is not a whole number of
    persons ≥ 0 raises :class:`~pension_subsidy.InvalidHeadcountError`, each naming ``field``.

    >>> parse_headcount("1,025")
    1025
    >>> parse_headcount("14.4814", unit="万人")
    144814
    >>> parse_headcount("14.48145", field="headcount_wan", unit="万人")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.InvalidHeadcountError: headcount_wan: expected a whole number of ...
    """
    if unit not in ("人", "万人"):
        said = {"at": f"{field}: ", "got": repr(unit)}
        raise InvalidHeadcountError(code="headcount.unit", params=said, field=field, value=unit)
    number = parse_number(value, field=field)
    if unit == "万人":
        number = number.scaleb(4)  # × 10,000: moves the point, exactly
    return _whole_persons(number, field, value, unit)


def headcount_from_wan(value: object, *, field: str = "headcount_wan") -> int:
    """A headcount given in 万人 as whole persons: :func:`parse_headcount` with ``"万人"``.

    >>> headcount_from_wan("0.0001"), headcount_from_wan(3)
    (1, 30000)
    """
    return parse_headcount(value, field=field, unit="万人")


def headcount_to_wan(persons: int) -> Decimal:
    """``persons`` in 万人, exactly (no rounding; trailing zeros dropped).

    >>> headcount_to_wan(71104), headcount_to_wan(30000), headcount_to_wan(10**8)
    (Decimal('7.1104'), Decimal('3'), Decimal('10000'))
    """
    wan = Decimal(persons).scaleb(-4).normalize()
    # a whole number of 万人 keeps no exponent: 10^8 persons is Decimal('10000'), not 1E+4
    exponent = wan.as_tuple().exponent
    return wan.quantize(Decimal(1)) if isinstance(exponent, int) and exponent >= 0 else wan
