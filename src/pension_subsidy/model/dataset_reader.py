"""Typed access to one table of a dataset's parsed TOML, each error naming the field path.

>>> reader = TableReader({"headcount_wan": "14.4814"}, "units[0]", "county.toml")
>>> reader.headcount("headcount")
144814
>>> reader.whole("villages")
Traceback (most recent call last):
...
pension_subsidy.exceptions.DataFileError: county.toml: units[0].villages: missing; expected a whole number
"""  # noqa: E501 — a doctest's expected line is as long as the text it checks

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import Any

from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
    Phrase,
    detail_of,
    type_phrase,
)
from pension_subsidy.model._said import data_error, joined_and, whole_out_of_bounds
from pension_subsidy.model.kinds import KindCatalogue
from pension_subsidy.money import MAX_NUMBER, Yuan
from pension_subsidy.money.headcount import headcount_from_wan

__all__ = ["TableReader"]


class TableReader:
    """Typed access to one table of the parsed TOML, with errors naming the field path."""

    def __init__(
        self,
        data: Mapping[str, Any],
        where: str,
        path: str,
        kinds: KindCatalogue | None = None,
    ) -> None:
        self.data = data
        self.where = where
        self.path = path
        #: The component kinds the dataset may use: the bundled ones and its own.
        self.kinds = kinds

    def only(self, *allowed: str) -> None:
        """Refuse keys the format does not know (a misspelt key is never silently ignored)."""
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            said = Phrase("dataset.unknown_key", known=", ".join(sorted(allowed)))
            raise self.fail(unknown[0], said)

    def fail(self, key: str, problem: str | Phrase) -> DataFileError:
        """An error at ``key`` of this table: a :class:`Phrase` is said in each language."""
        field = f"{self.where}.{key}" if self.where else key
        return data_error(problem, path=self.path, field=field)

    def child(self, key: str, index: int | None = None) -> TableReader:
        """The table at ``key`` (item ``index`` of an array of tables), its path extended."""
        value = self.data[key] if index is None else self.data[key][index]
        suffix = key if index is None else f"{key}[{index}]"
        where = f"{self.where}.{suffix}" if self.where else suffix
        if not isinstance(value, Mapping):
            raise DataFileError(code="dataset.expected_table", path=self.path, field=where)
        return TableReader(value, where, self.path, self.kinds)

    def tables(self, key: str) -> list[TableReader]:
        """Each table of the array of tables at ``key`` (none when absent)."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, Phrase("dataset.expected_tables", type=type_phrase(value)))
        return [self.child(key, index) for index in range(len(value))]

    def text(self, key: str, default: str | None = None) -> str:
        """The string at ``key`` (``default`` when absent; required without one)."""
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, Phrase("dataset.missing_string"))
        if not isinstance(value, str):
            raise self.fail(key, Phrase("dataset.expected_string", got=repr(value)))
        return value

    def whole(self, key: str, default: int | None = None) -> int:
        """The whole number at ``key``, 0 to 10^15 (``default`` when absent)."""
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, Phrase("dataset.missing_whole"))
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, Phrase("dataset.expected_whole", got=reprlib.repr(value)))
        if not 0 <= value <= MAX_NUMBER:
            raise self.fail(key, whole_out_of_bounds(value))
        return value

    def yuan(self, key: str) -> Yuan:
        """The amount at ``key``: in 万元 when the key ends ``_wan``, else in 元."""
        value = self.data[key]
        if not isinstance(value, str | int):
            said = Phrase("dataset.amount_type", example='"6.2"', got=repr(value))
            raise self.fail(key, said)
        try:
            if key.endswith("_wan"):
                return Yuan.from_wan(str(value), field=key)
            return Yuan(str(value), field=key)
        except InvalidAmountError as error:
            raise self.fail(key, detail_of(error, f"{key}: ")) from None

    def amount(self, stem: str) -> Yuan | None:
        """``<stem>_yuan``, ``<stem>_wan`` or ``<stem>_yi``, whichever is given (only one).

        1 万元 = 10,000 元, 1 亿元 = 10,000 万元; each converted exactly to 元 (whole 分).
        """
        keys = (f"{stem}_yuan", f"{stem}_wan", f"{stem}_yi")
        given = [key for key in keys if key in self.data]
        if len(given) > 1:
            said = Phrase("dataset.one_unit", keys=", ".join(keys), both=joined_and(given))
            raise self.fail(given[1], said)
        if not given:
            return None
        key = given[0]
        if not key.endswith("_yi"):
            return self.yuan(key)
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            said = Phrase("dataset.amount_type", example='"1.2"', got=repr(value))
            raise self.fail(key, said)
        try:
            return Yuan.from_yi(str(value), field=key)
        except InvalidAmountError as error:
            raise self.fail(key, detail_of(error, f"{key}: ")) from None

    def headcount(self, key: str) -> int | None:
        """``<key>`` in persons (人) or ``<key>_wan`` in 万人, whichever is given (not both).

        A 万人 figure must come to whole persons (``"14.4814"`` → 144,814).
        """
        wan_key = f"{key}_wan"
        if key in self.data and wan_key in self.data:
            raise self.fail(wan_key, Phrase("dataset.headcount_twice", key=key, wan_key=wan_key))
        if key in self.data:
            return self.whole(key)
        if wan_key not in self.data:
            return None
        value = self.data[wan_key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(wan_key, Phrase("dataset.wan_persons_type", got=repr(value)))
        try:
            return headcount_from_wan(value, field=wan_key)
        except (InvalidNumberError, InvalidHeadcountError) as error:
            raise self.fail(wan_key, detail_of(error, f"{wan_key}: ")) from None

    def strings(self, key: str) -> tuple[str, ...]:
        """The list of strings at ``key`` (empty when absent)."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, Phrase("dataset.expected_strings"))
        return tuple(value)
