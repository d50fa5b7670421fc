"""The validators and converters of the components' fields: whole headcounts, amounts ≥ 0."""

from __future__ import annotations

from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.money import AmountLike, Yuan


def _at(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field: `` before a message about a field."""
    return f"{type(instance).__name__}.{attribute.name}: "


def _whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        said = {"at": _at(instance, attribute), "got": repr(value)}
        raise InvalidHeadcountError(
            code="component.whole", params=said, field=attribute.name, value=value
        )
    if value < 0:
        said = {"at": _at(instance, attribute), "got": str(value)}
        raise InvalidHeadcountError(
            code="component.negative", params=said, field=attribute.name, value=value
        )


def _optional_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _whole(instance, attribute, value)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Yuan | None) -> None:
    if value is not None and value < 0:
        said = {"at": _at(instance, attribute), "got": value}
        raise InvalidAmountError(
            code="funding.negative", params=said, field=attribute.name, value=value
        )


def _to_yuan(value: AmountLike) -> Yuan:
    return value if isinstance(value, Yuan) else Yuan(value)


def _to_optional_yuan(value: AmountLike | None) -> Yuan | None:
    return None if value is None else _to_yuan(value)


def _positive_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _whole(instance, attribute, value)
    assert isinstance(value, int)  # narrowing only: _whole has just refused anything else
    if value == 0:
        said = {"at": _at(instance, attribute)}
        raise InvalidHeadcountError(
            code="component.zero", params=said, field=attribute.name, value=value
        )
