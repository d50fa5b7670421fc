"""Component kinds as data (构成项目类别): the bundled catalogue and a dataset's own kinds.

A :class:`ComponentKind` says what a line of a county's residents'-pension money is — its
key, its Chinese and English names, its headcount unit, the words that name it in a table
or in prose — and how its amount is computed: its :class:`Formula`. The bundled catalogue
(``data/kinds/kinds.toml``) holds the seven components of the Menyuan 2022 table and the common
national kinds; a dataset declares its own in ``[[component_kinds]]``. The formulas and
their fields are in :mod:`~pension_subsidy.model.kind_formulas` (importable from here).

>>> catalogue = bundled_kinds()
>>> catalogue.get("funeral_grant").formula
<Formula.PER_EVENT: 'per_event'>
>>> [field.name for field in formula_fields(Formula.PER_PERSON_MONTH)]
['headcount', 'monthly_yuan', 'months']
>>> catalogue.get("age_band_topup").name_en
'Age-band top-up'

A dataset's kind may not reuse a bundled key (the error names both):

>>> own = ComponentKind(key="funeral_grant", name_zh="丧葬费", name_en="Funeral",
...                     formula=Formula.PER_EVENT, origin="county.toml")
>>> catalogue.extended([own])
Traceback (most recent call last):
...
pension_subsidy.exceptions.DataFileError: county.toml: component_kinds: kind 'funeral_grant' ...
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import DataFileError, Phrase, UnknownKeyError, detail_of
from pension_subsidy.model._said import data_error
from pension_subsidy.model.bundled import bundled_path
from pension_subsidy.model.kind_formulas import (
    FieldType,
    Formula,
    FormulaField,
    field_type,
    formula_fields,
)

__all__ = [
    "BUNDLED_KINDS_FILE",
    "ComponentKind",
    "FieldType",
    "Formula",
    "FormulaField",
    "KindCatalogue",
    "bundled_kinds",
    "catalogue_from_mapping",
    "field_type",
    "formula_fields",
    "kind_from_mapping",
    "load_kind_catalogue",
]

#: Where the bundled catalogue lives, as error messages name it.
BUNDLED_KINDS_FILE: Final = bundled_path("kinds.toml")


def _formula(value: object) -> Formula:
    if isinstance(value, Formula):
        return value
    try:
        return Formula(str(value))
    except ValueError:
        known = ", ".join(formula.value for formula in Formula)
        said = {"at": "formula: ", "known": known, "got": repr(value)}
        raise UnknownKeyError(
            code="kinds.formula", params=said, key=str(value), known=tuple(f.value for f in Formula)
        ) from None


def _formulas(value: Iterable[object]) -> tuple[Formula, ...]:
    return tuple(_formula(item) for item in value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class ComponentKind:
    """A kind of component (构成项目类别): what it is, its words and its formula.

    ``origin`` is where the kind was declared: :data:`BUNDLED_KINDS_FILE` for the bundled
    catalogue, the dataset file for a county's own kind.
    """

    key: str
    name_zh: str
    name_en: str
    formula: Formula = attrs.field(converter=_formula)
    headcount_unit: str = "人"
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    #: Further formulas a component of this kind may be given by (chosen by its fields).
    other_formulas: tuple[Formula, ...] = attrs.field(default=(), converter=_formulas)
    note: str = ""
    origin: str = BUNDLED_KINDS_FILE
    #: For a proxy payment: the group's name in the policy parameters (``extreme_poverty``).
    proxy_group: str = ""
    #: The note in Chinese (``note`` is the English one, or a dataset's note as written).
    note_zh: str = ""

    def __repr__(self) -> str:
        """``ComponentKind('key', formula=…, origin=…)``: without the note."""
        return short_repr(
            "ComponentKind",
            key=repr(self.key),
            name_zh=self.name_zh,
            formula=self.formula.value,
            origin=repr(self.origin),
        )

    @property
    def formulas(self) -> tuple[Formula, ...]:
        """Every formula the kind may be given by, its own first."""
        return (self.formula, *self.other_formulas)

    @property
    def bundled(self) -> bool:
        """Whether the kind is in the bundled catalogue."""
        return self.origin == BUNDLED_KINDS_FILE

    def data(self) -> dict[str, Any]:
        """The kind in JSON shape, with each of its formulas' fields."""
        return {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "formula": self.formula.value,
            "other_formulas": [formula.value for formula in self.other_formulas],
            "fields": [field.data() for field in formula_fields(self.formula)],
            "headcount_unit": self.headcount_unit,
            "keywords": list(self.keywords),
            "note": self.note,
            "note_zh": self.note_zh,
            "bundled": self.bundled,
            "origin": self.origin,
            "proxy_group": self.proxy_group,
        }


_KIND_KEYS: Final = (
    "key",
    "name_zh",
    "name_en",
    "formula",
    "other_formulas",
    "headcount_unit",
    "keywords",
    "note",
    "note_zh",
    "proxy_group",
)


def kind_from_mapping(data: Mapping[str, Any], *, path: str, where: str) -> ComponentKind:
    """Read one kind as a catalogue or a dataset writes it; errors name ``path`` and ``where``.

    >>> kind_from_mapping(
    ...     {"key": "only_child_parent_bonus", "name_zh": "独生子女父母养老补贴",
    ...      "name_en": "Only-child parents' bonus", "formula": "per_person_month",
    ...      "keywords": ["独生子女"]},
    ...     path="county.toml", where="component_kinds[0]",
    ... )  # doctest: +ELLIPSIS
    ComponentKind(key='only_child_parent_bonus', ..., formula=per_person_month, ...)
    """

    def fail(key: str, problem: str | Phrase) -> DataFileError:
        return data_error(problem, path=path, field=f"{where}.{key}")

    unknown = sorted(set(data) - set(_KIND_KEYS))
    if unknown:
        raise fail(unknown[0], Phrase("dataset.unknown_key", known=", ".join(sorted(_KIND_KEYS))))

    def text(key: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None:
            raise fail(key, Phrase("dataset.missing_string"))
        if not isinstance(value, str):
            raise fail(key, Phrase("dataset.expected_string", got=repr(value)))
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(key, Phrase("dataset.expected_strings"))
        return tuple(value)

    key = text("key")
    if not key.isidentifier():
        raise fail("key", Phrase("kinds.bad_key", got=repr(key)))
    try:
        formula = _formula(text("formula"))
    except UnknownKeyError as error:
        raise fail("formula", detail_of(error, "formula: ")) from None
    try:
        others = _formulas(strings("other_formulas"))
    except UnknownKeyError as error:
        raise fail("other_formulas", detail_of(error, "formula: ")) from None
    return ComponentKind(
        key=key,
        name_zh=text("name_zh"),
        name_en=text("name_en", ""),
        formula=formula,
        headcount_unit=text("headcount_unit", "人"),
        keywords=strings("keywords"),
        other_formulas=others,
        note=text("note", ""),
        origin=path,
        proxy_group=text("proxy_group", ""),
        note_zh=text("note_zh", ""),
    )


def _kinds(value: Iterable[ComponentKind]) -> tuple[ComponentKind, ...]:
    return tuple(value)


@attrs.frozen
class KindCatalogue:
    """The kinds a dataset may use: the bundled catalogue and the dataset's own.

    Keys are unique: a dataset's kind that reuses a key (bundled or its own) raises
    :class:`~pension_subsidy.DataFileError` naming both places — a county that means a
    bundled kind uses it as it is, one that means something else gives it a key of its own.
    """

    kinds: tuple[ComponentKind, ...] = attrs.field(converter=_kinds)

    def __attrs_post_init__(self) -> None:
        """Refuse a key given twice, naming where each was declared."""
        seen: dict[str, ComponentKind] = {}
        for kind in self.kinds:
            first = seen.get(kind.key)
            if first is not None:
                said = {"key": repr(kind.key), "origin": kind.origin, "first": first.origin}
                raise DataFileError(
                    code="kinds.declared_twice",
                    params=said,
                    path=kind.origin,
                    field="component_kinds",
                )
            seen[kind.key] = kind

    def __repr__(self) -> str:
        """``KindCatalogue(kinds=n, own=n)``: short however many kinds."""
        own = sum(not kind.bundled for kind in self.kinds)
        return short_repr("KindCatalogue", kinds=len(self.kinds), own=own)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key, in catalogue order."""
        return tuple(kind.key for kind in self.kinds)

    def __contains__(self, key: object) -> bool:
        """Whether a kind has ``key``."""
        return any(kind.key == key for kind in self.kinds)

    def get(self, key: str) -> ComponentKind:
        """The kind with ``key``; :class:`~pension_subsidy.UnknownKeyError` listing the known."""
        for kind in self.kinds:
            if kind.key == key:
                return kind
        said = {"key": repr(key), "known": ", ".join(self.keys)}
        raise UnknownKeyError(code="kinds.unknown", params=said, key=key, known=self.keys)

    def extended(self, kinds: Iterable[ComponentKind]) -> KindCatalogue:
        """This catalogue with a dataset's own ``kinds`` after it (keys must stay unique)."""
        own = tuple(kinds)
        return self if not own else KindCatalogue(kinds=(*self.kinds, *own))

    def data(self) -> dict[str, Any]:
        """``{"kinds": [<kind>…], "formulas": {name: {"label_zh", "label_en", "fields"}}}``."""
        return {
            "kinds": [kind.data() for kind in self.kinds],
            "formulas": {
                formula.value: {
                    "label_zh": formula.label_zh,
                    "label_en": formula.label_en,
                    "fields": [field.data() for field in formula_fields(formula)],
                }
                for formula in Formula
            },
        }


@functools.cache
def bundled_kinds() -> KindCatalogue:
    """The bundled catalogue (``data/kinds/kinds.toml``), read once on first use."""
    data = read_bundled_toml("kinds", "kinds.toml")
    return KindCatalogue(
        kinds=[
            kind_from_mapping(item, path=BUNDLED_KINDS_FILE, where=f"kind[{index}]")
            for index, item in enumerate(data["kind"])
        ]
    )


def catalogue_from_mapping(data: Mapping[str, Any], *, path: str) -> KindCatalogue:
    """The bundled catalogue with a dataset's own ``[[component_kinds]]`` (parsed TOML).

    A kind reusing a key — bundled or declared earlier in the file — raises
    :class:`~pension_subsidy.DataFileError` naming the file, the field and where the key
    was first declared.

    >>> own = {"component_kinds": [{"key": "only_child_parent_bonus", "name_zh": "独生子女",
    ...        "name_en": "Only-child parents' bonus", "formula": "per_person_month"}]}
    >>> catalogue_from_mapping(own, path="county.toml").keys[-1]
    'only_child_parent_bonus'
    """
    catalogue = bundled_kinds()
    declared = data.get("component_kinds", [])
    if not isinstance(declared, list) or not all(isinstance(item, Mapping) for item in declared):
        code = "formula_field.expected_rows"
        raise DataFileError(code=code, path=path, field="component_kinds")
    for index, item in enumerate(declared):
        where = f"component_kinds[{index}]"
        kind = kind_from_mapping(item, path=path, where=where)
        if kind.key in catalogue:
            first = catalogue.get(kind.key)
            place = Phrase("kinds.in_bundled" if first.bundled else "kinds.in_this_file")
            said = {"key": repr(kind.key), "place": place}
            code = "kinds.already_declared"
            raise DataFileError(code=code, params=said, path=path, field=f"{where}.key")
        catalogue = catalogue.extended([kind])
    return catalogue


def load_kind_catalogue(path: str | Path | None = None) -> KindCatalogue:
    """The bundled catalogue, with the own kinds of the dataset file at ``path`` if given."""
    if path is None:
        return bundled_kinds()
    return catalogue_from_mapping(read_toml_file(path), path=str(path))
