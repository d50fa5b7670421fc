"""Figures as a form states them: a number or an amount with its text, and where it stands.

>>> StatedAmount.parse("6.84", unit="万元").yuan
Yuan('68400.00')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

import attrs

from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.money import Yuan, parse_number

__all__ = [
    "StatedAmount",
    "StatedNumber",
    "Where",
    "amount_data",
    "badly_grouped",
    "number_data",
    "number_in",
    "text_of",
    "where_data",
]

#: A number inside text: optional sign, digits (grouped by commas or not), optional decimals.
_NUMBER = re.compile(r"[-+]?\d+(?:,\d+)*(?:\.\d+)?")


#: … whose grouping is valid: 1 to 3 digits, then groups of exactly 3.
_GROUPED = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def number_in(text: str) -> Decimal | None:
    """The first number in ``text`` as an exact Decimal, or None if there is none.

    Full-width digits and punctuation count (``１２．５``, ``96，410``); group commas are
    dropped. A number grouped other than by threes (``96,41``) is no number: None, never a
    guess at a part of it.

    >>> number_in("≥ 1,025人"), number_in("１２．５%"), number_in("健全")
    (Decimal('1025'), Decimal('12.5'), None)
    >>> number_in("96，410人"), number_in("96,41人"), number_in("3,3098.4")
    (Decimal('96410'), None, None)
    """
    normal = _halfwidth(text)
    match = _NUMBER.search(normal)
    if match is None or not _GROUPED.fullmatch(match.group()):
        return None
    try:
        return parse_number(match.group().lstrip("+").replace(",", ""), field="number")
    except InvalidNumberError:
        return None


def badly_grouped(text: str) -> bool:
    """Whether ``text``'s first number is grouped by commas other than by threes (``96,41``).

    Such a number is never guessed at: :func:`number_in` gives None for it, and the readers
    list it as unreadable.

    >>> badly_grouped("96,41人"), badly_grouped("96,410人"), badly_grouped("健全")
    (True, False, False)
    """
    match = _NUMBER.search(_halfwidth(text))
    return match is not None and not _GROUPED.fullmatch(match.group())


def _halfwidth(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif char == "\u3000":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _json(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


@attrs.frozen
class Where:
    """Where something was read: a cell of a sheet, a line of a page, or a sentence.

    ``sheet`` (worksheet, Word table or HTML table name), ``row`` (1-based), ``cell`` (``C7``
    or ``row 7, column 3``); ``page`` (1-based PDF page) and ``line`` (1-based line of the
    page or of a text file); ``sentence`` (the sentence of a prose report, as written).
    """

    sheet: str | None = None
    row: int | None = None
    cell: str | None = None
    page: int | None = None
    line: int | None = None
    sentence: str | None = None

    def data(self) -> dict[str, Any]:
        """The stated parts only, as JSON-ready data."""
        return {key: value for key, value in attrs.asdict(self).items() if value is not None}

    def __str__(self) -> str:
        """``sheet 'Sheet1', row 7, cell C7``; ``page 2, line 14``; ``“…sentence…”``."""
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.sentence is not None:
            parts.append(f"“{self.sentence}”")
        return ", ".join(parts)


@attrs.frozen
class StatedNumber:
    """A number (or a word where a number could stand) as the document states it.

    ``text`` is the cell or phrase as written (``"≥98%"``, ``"25.00"``, ``"健全"``); ``value``
    its exact number (None when there is none); ``where`` where it stands.
    """

    text: str
    value: Decimal | None
    where: Where | None = None

    @classmethod
    def parse(cls, text: str, *, where: Where | None = None) -> StatedNumber:
        """Keep ``text`` and read its first number exactly (:func:`number_in`)."""
        return cls(text.strip(), number_in(text), where)

    def data(self) -> str | None:
        """The exact value as a JSON string (``"98"``), or None when there is no number."""
        return _json(self.value)


@attrs.frozen
class StatedAmount:
    """Money as the document states it: ``text`` in ``unit`` (万元 or 元), exactly in ``yuan``.

    >>> StatedAmount.parse("3,309,840.00", unit="元").yuan
    Yuan('3309840.00')
    """

    text: str
    unit: Literal["万元", "元"]
    yuan: Yuan
    where: Where | None = None

    @classmethod
    def parse(
        cls, text: str, *, unit: Literal["万元", "元"], where: Where | None = None
    ) -> StatedAmount:
        """Read ``text`` as an amount in ``unit``; a text without a number raises.

        Raises :class:`~pension_subsidy.InvalidNumberError` (or InvalidAmountError) when the
        text holds no number or one finer than 分.
        """
        value = number_in(text)
        if value is None:
            raise InvalidNumberError(
                code="forms.amount.no_number",
                params={"field": "amount", "unit": unit, "got": repr(text)},
                field="amount",
                value=text,
                expected=f"a number in {unit}",
            )
        yuan = Yuan.from_wan(value, field="amount") if unit == "万元" else Yuan(value)
        return cls(text.strip(), unit, yuan, where)

    def data(self) -> str:
        """The exact amount in 元 as a JSON string (``"68400.00"``)."""
        return format(self.yuan.value, "f")


def number_data(value: StatedNumber | None) -> str | None:
    """A stated number's exact value as a JSON string, or None."""
    return None if value is None else value.data()


def amount_data(value: StatedAmount | None) -> str | None:
    """A stated amount's exact 元 as a JSON string, or None."""
    return None if value is None else value.data()


def text_of(value: StatedNumber | StatedAmount | None) -> str | None:
    """The text a figure was stated with, or None."""
    return None if value is None else value.text


def where_data(value: Where | None) -> dict[str, Any] | None:
    """Where a figure stands as a JSON-ready dict, or None."""
    return None if value is None else value.data()
