"""Reading a component of any catalogue kind from a dataset table (its formula's fields).

The fields are named as the formula names them (:func:`~pension_subsidy.model.kinds.
formula_fields`); money is in 元 unless the key ends ``_wan`` (万元) or ``_yi`` (亿元):
``grant_yuan``, ``grant_wan`` or ``grant_yi``, one of them. A headcount may be given in 万人
as ``headcount_wan`` when it comes to whole persons. A disclosed amount — ``amount_yuan``,
``amount_wan`` or ``amount_yi`` with the ``headcount`` it was stated for — replaces the
formula's fields (backward basis). Every error names the file and the field path.

>>> from pension_subsidy.model.kinds import bundled_kinds
>>> kind = bundled_kinds().get("funeral_grant")
>>> from pension_subsidy.model._said import data_error
>>> fail = lambda key, problem: data_error(problem, path="county.toml", field=key)
>>> component_from_table(kind, {"events": 35, "grant_wan": "0.2"}, fail).amount
Yuan('70000.00')
>>> component_from_table(kind, {"events": 35, "grant_yuan": 2000.0}, fail)
Traceback (most recent call last):
...
pension_subsidy.exceptions.DataFileError: county.toml: grant_yuan: expected an amount as a string such as "6.2", got 2000.0
"""  # noqa: E501 — a doctest's expected line is as long as the text it checks

from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
    Phrase,
    detail_of,
)
from pension_subsidy.model._said import whole_out_of_bounds
from pension_subsidy.model.formula import AgeBand, KindComponent
from pension_subsidy.model.kinds import ComponentKind, FieldType, FormulaField, formula_fields
from pension_subsidy.model.tiered import GradeTier
from pension_subsidy.money import MAX_NUMBER, Yuan

__all__ = ["component_from_table", "component_keys"]

#: Builds the error for a key of the table being read (the dataset reader names file and path).
Fail = Callable[[str, str | Phrase], DataFileError]

#: 元 in one 亿元 (1 亿元 = 10,000 万元).
_YI: Final = 8
_STEMS: Final = ("_yuan", "_wan", "_yi")
_DISCLOSED: Final = ("amount_yuan", "amount_wan", "amount_yi")


def _stem(name: str) -> str:
    return name.removesuffix("_yuan")


def _spellings(field: FormulaField) -> tuple[str, ...]:
    if field.type is FieldType.MONEY and not field.name.endswith("_yuan"):
        return (field.name, f"{field.name}_yuan")  # a grade: 100, as grades are named
    if field.type is FieldType.MONEY:
        stem = _stem(field.name)
        return tuple(f"{stem}{suffix}" for suffix in _STEMS)
    if field.name == "headcount":
        return ("headcount", "headcount_wan")
    return (field.name,)


def component_keys(kind: ComponentKind) -> tuple[str, ...]:
    """Every key a table of ``kind`` may hold, each field in each of its spellings.

    ``kind``, ``source``, the disclosed amount and the fields of each of the kind's formulas.
    """
    keys = ["kind", "source", *_DISCLOSED, "headcount", "headcount_wan"]
    for formula in kind.formulas:
        for field in formula_fields(formula):
            keys.extend(key for key in _spellings(field) if key not in keys)
    return tuple(keys)


def _money(data: Mapping[str, Any], field: FormulaField, fail: Fail, where: str) -> Yuan | None:
    given = [key for key in _spellings(field) if key in data]
    if len(given) > 1:
        said = Phrase("formula_field.one_spelling", keys=", ".join(_spellings(field)))
        raise fail(f"{where}{given[1]}", said)
    if not given:
        return None
    key = given[0]
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, str | int):
        said = Phrase("dataset.amount_type", example='"6.2"', got=repr(value))
        raise fail(f"{where}{key}", said)
    try:
        if key.endswith("_yi"):
            number = Decimal(str(value).strip())
            if not number.is_finite():
                raise InvalidOperation
            return Yuan(number.scaleb(_YI), field=key)
        if key.endswith("_wan"):
            return Yuan.from_wan(str(value), field=key)
        return Yuan(str(value), field=key)
    except InvalidOperation:
        said = Phrase("formula_field.yi_number", got=repr(value))
        raise fail(f"{where}{key}", said) from None
    except InvalidNumberError as error:
        raise fail(f"{where}{key}", detail_of(error, f"{key}: ")) from None


def _count(data: Mapping[str, Any], name: str, fail: Fail, where: str) -> int | None:
    if name == "headcount" and "headcount_wan" in data:
        if "headcount" in data:
            said = Phrase("formula_field.headcount_twice")
            raise fail(f"{where}headcount_wan", said)
        return _persons_from_wan(data["headcount_wan"], fail, f"{where}headcount_wan")
    if name not in data:
        return None
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int):
        said = Phrase("dataset.expected_whole", got=reprlib.repr(value))
        raise fail(f"{where}{name}", said)
    if not 0 <= value <= MAX_NUMBER:
        raise fail(f"{where}{name}", whole_out_of_bounds(value))
    return value


def _persons_from_wan(value: object, fail: Fail, key: str) -> int:
    """万人 as whole persons: ``"14.4814"`` → 144,814; a fraction of a person is refused."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise fail(key, Phrase("dataset.wan_persons_type", got=repr(value)))
    try:
        number = Decimal(str(value).strip()).scaleb(4)
    except InvalidOperation:
        raise fail(key, Phrase("dataset.wan_persons_type", got=repr(value))) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise fail(key, Phrase("formula_field.whole_persons", got=repr(value)))
    if not 0 <= number <= MAX_NUMBER:
        raise fail(key, Phrase("formula_field.headcount_bounds", got=repr(value)))
    return int(number)


def _share(data: Mapping[str, Any], fail: Fail, where: str) -> Decimal | None:
    if "share" not in data:
        return None
    value = data["share"]
    text = value.strip() if isinstance(value, str) else None
    if text is None or not text.endswith("%"):
        raise fail(f"{where}share", Phrase("formula_field.share_type", got=repr(value)))
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        raise fail(f"{where}share", Phrase("formula_field.share_negative", got=repr(value)))
    return number


def _rows(
    data: Mapping[str, Any], field: FormulaField, fail: Fail, where: str
) -> list[dict[str, Any]] | None:
    if field.name not in data:
        return None
    rows = data[field.name]
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise fail(f"{where}{field.name}", Phrase("formula_field.expected_rows"))
    result = []
    for index, row in enumerate(rows):
        at = f"{where}{field.name}[{index}]."
        allowed = [key for column in field.columns for key in _spellings(column)]
        unknown = sorted(set(row) - set(allowed))
        if unknown:
            said = Phrase("dataset.unknown_key", known=", ".join(allowed))
            raise fail(f"{at}{unknown[0]}", said)
        values: dict[str, Any] = {}
        for column in field.columns:
            values[column.name] = _value(row, column, fail, at)
            if values[column.name] is None and not column.optional:
                said = Phrase("formula_field.missing_column", name=column.name)
                raise fail(f"{at}{column.name}", said)
        result.append(values)
    return result


def _value(data: Mapping[str, Any], field: FormulaField, fail: Fail, where: str) -> Any:
    if field.type is FieldType.MONEY:
        return _money(data, field, fail, where)
    if field.type is FieldType.COUNT:
        return _count(data, field.name, fail, where)
    if field.type is FieldType.SHARE:
        return _share(data, fail, where)
    return _rows(data, field, fail, where)


def component_from_table(kind: ComponentKind, data: Mapping[str, Any], fail: Fail) -> KindComponent:
    """A :class:`~pension_subsidy.KindComponent` of ``kind`` from one dataset table.

    ``fail(key, problem)`` builds the error for a key (the dataset reader's, naming the
    file and the field path). The formula is chosen by the fields given among the kind's.
    """
    allowed = component_keys(kind)
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        said = Phrase("formula_field.unknown_key", kind=kind.key, known=", ".join(allowed))
        raise fail(unknown[0], said)
    values: dict[str, Any] = {"headcount": _count(data, "headcount", fail, "")}
    amount_field = FormulaField("amount_yuan", FieldType.MONEY)
    disclosed = _money(data, amount_field, fail, "")
    for formula in kind.formulas:
        for field in formula_fields(formula):
            if field.name != "headcount":
                values[field.name] = _value(data, field, fail, "")
    if values.get("tiers") is not None:
        values["tiers"] = [
            GradeTier(grade=row["grade"], payers=row["payers"], subsidy=row["subsidy_yuan"])
            for row in values["tiers"]
        ]
    if values.get("bands") is not None:
        values["bands"] = [AgeBand(**row) for row in values["bands"]]
    given = {name: value for name, value in values.items() if value is not None}
    try:
        return KindComponent(kind=kind, disclosed_amount=disclosed, **given)
    except (InvalidAmountError, InvalidHeadcountError) as error:
        named = error.field or "kind"
        named = "amount_yuan" if named == "disclosed_amount" else named
        raise fail(named, detail_of(error, f"{kind.key}: ")) from None
