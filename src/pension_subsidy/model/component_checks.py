"""The validators and converters of the components' fields: whole headcounts, amounts ≥ 0."""

from __future__ import annotations

from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.money import AmountLike, Yuan


def _whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{type(instance).__name__}.{attribute.name}: expected a whole number, got {value!r}"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)
    if value < 0:
        msg = f"{type(instance).__name__}.{attribute.name}: expected ≥ 0, got {value}"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)


def _optional_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _whole(instance, attribute, value)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Yuan | None) -> None:
    if value is not None and value < Yuan(0):
        msg = (
            f"{type(instance).__name__}.{attribute.name}: expected an amount ≥ 0 元, got {value} 元"
        )
        raise InvalidAmountError(msg, field=attribute.name, value=value)


def _to_yuan(value: AmountLike) -> Yuan:
    return value if isinstance(value, Yuan) else Yuan(value)


def _to_optional_yuan(value: AmountLike | None) -> Yuan | None:
    return None if value is None else _to_yuan(value)


def _positive_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _whole(instance, attribute, value)
    assert isinstance(value, int)  # narrowing only: _whole has just refused anything else
    if value == 0:
        msg = f"{type(instance).__name__}.{attribute.name}: expected ≥ 1, got 0"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)
