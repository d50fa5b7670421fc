"""Copies of model values with a few fields changed, re-checking only what changed.

:func:`attrs.evolve` builds the copy through ``__init__``: every field is converted and
validated again, though all but the changed ones come from a value already checked. A
what-if changes one field of one component thousands of times a second, so
:func:`replace_fields` copies the unchanged fields as they are, converts and validates the
changed ones by their own converters and validators, and runs ``__attrs_post_init__`` (the
checks between fields): the same value, and the same errors, as :func:`attrs.evolve` gives
for the classes it is used on — those whose validators each look at their own field only
(the components and their rows).

>>> from pension_subsidy.model.components import SevereDisabilityProxy
>>> severe = SevereDisabilityProxy.disclosed(headcount=1025, amount="62000")
>>> replace_fields(severe, headcount=2050) == attrs.evolve(severe, headcount=2050)
True
>>> replace_fields(severe, headcount=-1)
Traceback (most recent call last):
...
pension_subsidy.exceptions.InvalidHeadcountError: SevereDisabilityProxy.headcount: ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["copy_with", "replace_fields"]

_T = TypeVar("_T")


_Copier = Callable[[Any, dict[str, Any]], Any]
_COPIERS: dict[type, _Copier] = {}


def _copier(cls: type) -> _Copier:
    """A function copying an instance of ``cls`` field by field, with some fields changed."""
    given = tuple(field.name for field in attrs.fields(cls) if field.init)
    defaults = tuple((field.name, field.default) for field in attrs.fields(cls) if not field.init)
    assert not any(isinstance(default, attrs.Factory) for _, default in defaults)  # type: ignore[arg-type]
    set_field = object.__setattr__

    def copy(instance: Any, changes: dict[str, Any]) -> Any:
        copied: Any = object.__new__(cls)
        for name in given:
            set_field(copied, name, changes[name] if name in changes else getattr(instance, name))
        for name, default in defaults:
            set_field(copied, name, default)  # a cache, empty in the copy
        return copied

    _COPIERS[cls] = copy
    return copy


def copy_with(instance: _T, changes: dict[str, Any]) -> _T:
    """A copy of ``instance`` with the fields in ``changes`` (by attribute name) set as given.

    Nothing is converted or validated and ``__attrs_post_init__`` is not run: for values the
    caller has checked. A field not given to ``__init__`` takes its default (a cache).
    """
    cls = type(instance)
    copy = _COPIERS.get(cls) or _copier(cls)
    copied: _T = copy(instance, changes)
    return copied


_BY_NAME: dict[type, dict[str, attrs.Attribute[Any]]] = {}


def _by_name(cls: type) -> dict[str, attrs.Attribute[Any]]:
    fields = _BY_NAME.get(cls)
    if fields is None:
        fields = _BY_NAME[cls] = attrs.fields_dict(cls)
    return fields


def replace_fields(instance: _T, **changes: Any) -> _T:
    """:func:`attrs.evolve` for a class whose validators look at their own field only.

    ``changes`` are by attribute name (``headcount_given``, not the alias ``headcount``).
    """
    fields = _by_name(type(instance))
    converted = {}
    for name, value in changes.items():
        converter = fields[name].converter
        converted[name] = value if converter is None else converter(value)  # type: ignore[operator]
    copied = copy_with(instance, converted)
    for name, value in converted.items():
        field = fields[name]
        if field.validator is not None:
            field.validator(copied, field, value)
    post_init = getattr(copied, "__attrs_post_init__", None)
    if post_init is not None:
        post_init()
    return copied
