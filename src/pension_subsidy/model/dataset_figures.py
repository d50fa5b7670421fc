"""A dataset table's funding and budget-against-execution figures, and units as published.

Funding (``funding = { province = "80%", … }``) and execution (``budget_start_*``,
``executed_*``, ``actual_headcount``) may be given on a unit, a project or a component
table; :func:`split_off` reads 万人 and 亿元 into persons and 元 before a component is built.
"""

from __future__ import annotations

import copy
from typing import Any

from pension_subsidy.exceptions import InvalidAmountError, InvalidNumberError, Phrase, detail_of
from pension_subsidy.model.dataset_reader import TableReader
from pension_subsidy.model.execution import Execution
from pension_subsidy.model.funding import Funding, FundingPart, Level, parse_share

__all__ = ["AMOUNT_STEMS", "FIGURE_KEYS", "execution_of", "funding_of", "split_off"]

#: The stems of the amount figures of budget against execution.
AMOUNT_STEMS = ("budget_start", "budget_adjusted", "executed")
#: Keys of funding and budget-against-execution, on a unit, a project or a component table.
FIGURE_KEYS = (
    "funding",
    *(f"{stem}_{unit}" for stem in AMOUNT_STEMS for unit in ("yuan", "wan", "yi")),
    "actual_headcount",
    "actual_headcount_wan",
)
_LEVELS = ("central", "province", "prefecture", "county", "other")


def split_off(reader: TableReader, keys: tuple[str, ...]) -> TableReader:
    """A copy of ``reader`` without ``keys`` (same field path, file and everything else).

    Units as published are read here, for every kind: ``headcount_wan`` (万人) becomes
    ``headcount`` in whole persons and each ``<stem>_yi`` (亿元) becomes ``<stem>_yuan``,
    exactly; a malformed value, or one given in two units, raises naming its own key.
    """
    split = copy.copy(reader)
    data = {key: value for key, value in reader.data.items() if key not in keys}
    if "headcount_wan" in data:
        del data["headcount_wan"]
        data["headcount"] = reader.headcount("headcount")
    for key in [key for key in data if key.endswith("_yi")]:
        stem = key.removesuffix("_yi")
        amount = reader.amount(stem)  # raises for a malformed value or a second unit
        del data[key]
        data[f"{stem}_yuan"] = str(amount)
    split.data = data
    return split


def funding_of(reader: TableReader) -> Funding | None:
    """``funding = { central_wan = "…", … }`` or ``{ province = "80%", … }`` (see funding.md)."""
    if "funding" not in reader.data:
        return None
    table = reader.child("funding")
    table.only(*(f"{level}{unit}" for level in _LEVELS for unit in ("", "_yuan", "_wan", "_yi")))
    parts = []
    for level in _LEVELS:
        amount = table.amount(level)
        if amount is not None and amount < 0:
            given = next(
                f"{level}_{u}" for u in ("yuan", "wan", "yi") if f"{level}_{u}" in table.data
            )
            raise table.fail(given, Phrase("dataset.negative_amount", got=repr(table.data[given])))
        share = None
        if level in table.data:
            value = table.data[level]
            if not isinstance(value, str) or not value.strip().endswith("%"):
                raise table.fail(level, Phrase("dataset.share_type", got=repr(value)))
            try:
                share = parse_share(value, field=level)
            except InvalidNumberError as error:
                raise table.fail(level, detail_of(error, f"{level}: ")) from None
        if amount is not None or share is not None:
            parts.append(FundingPart(Level(level), amount=amount, share=share))
    try:
        return Funding(parts=parts)
    except InvalidAmountError as error:
        raise reader.fail("funding", detail_of(error, "Funding.parts: ")) from None


def execution_of(reader: TableReader) -> Execution | None:
    """``budget_start_*``, ``budget_adjusted_*``, ``executed_*``, ``actual_headcount[_wan]``."""
    figures: dict[str, Any] = {}
    for stem in AMOUNT_STEMS:
        amount = reader.amount(stem)
        if amount is not None and amount < 0:
            given = next(
                f"{stem}_{u}" for u in ("yuan", "wan", "yi") if f"{stem}_{u}" in reader.data
            )
            said = Phrase("dataset.negative_amount", got=repr(reader.data[given]))
            raise reader.fail(given, said)
        figures[stem] = amount
    figures["actual_headcount"] = reader.headcount("actual_headcount")
    execution = Execution(**figures)
    return execution if execution.given else None
