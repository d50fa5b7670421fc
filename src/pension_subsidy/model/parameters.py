"""Dated policy parameters with their legal source (政策参数：生效日期与文件依据).

Every policy value is data (``data/parameters/national.toml``), never a Python literal, and
every value carries the date it takes effect, its unit and its source: the document number
(文号), the issuing body (发文机关) and the article when known. A value without a source does
not load. Look-ups are "as of a date": the latest value that has taken effect by then.

>>> national = load_parameters()
>>> minimum = national.value("contribution_subsidy.minimum", as_of=date(2022, 6, 30))
>>> minimum.value, minimum.unit, minimum.source.document
(Yuan('30.00'), '元/人·年', '国发〔2014〕8号')
>>> national.value("proxy_payment.eligible_groups", as_of=date(2016, 12, 31)).value
('severe_disability_proxy',)

A county file of the same form overrides or adds values, each with its own source; its
value is used where it is in force, the national one otherwise (:meth:`ParameterSet.layered`).
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    NotInForceError,
    UnknownKeyError,
)
from pension_subsidy.money import Yuan, parse_number

__all__ = [
    "KINDS",
    "LegalSource",
    "ParameterSet",
    "ParameterValue",
    "ParameterVariant",
    "load_parameter_file",
    "load_parameters",
]


#: What a parameter can hold: an amount in 元, a list of amounts, amounts by contribution
#: grade, an exact ratio, or a list of names.
ParameterVariant: TypeAlias = (
    "Yuan | tuple[Yuan, ...] | tuple[tuple[Yuan, Yuan], ...] | Fraction | tuple[str, ...]"
)

#: The kinds of value a parameter file may declare, with what each holds.
KINDS: dict[str, str] = {
    "yuan": 'an amount in 元, written as a string such as "30"',
    "yuan_list": "a list of amounts in 元",
    "yuan_by_grade": 'a table of grade (元) = amount (元), e.g. {"100" = "35"}',
    "ratio": 'an exact ratio written as a string such as "1" or "1/2"',
    "text_list": "a list of names",
}


@attrs.frozen
class LegalSource:
    """Where a value comes from: document number (文号), issuing body, article when known.

    >>> LegalSource(document="国发〔2014〕8号", issuer="国务院").citation
    '国务院 国发〔2014〕8号'
    """

    document: str
    issuer: str
    title: str = ""
    article: str | None = None
    issuer_en: str = ""
    #: The note as the file gives it (the JSON's ``note``): a ``note`` as written, or
    #: ``note_zh`` then ``note_en`` joined, so that the JSON is the same for a split note.
    note: str = ""
    #: The note in Chinese (a ``note`` written in one string counts as Chinese) and in
    #: English (empty when the file gives none: the Chinese one is shown instead).
    note_zh: str = ""
    note_en: str = ""

    @property
    def citation(self) -> str:
        """Issuer, document number and article (when known), as one would cite them."""
        text = f"{self.issuer} {self.document}"
        if self.title:
            text += f"《{self.title}》"
        if self.article:
            text += f" {self.article}"
        return text

    def with_article(self, article: str | None) -> LegalSource:
        """The same document, cited at ``article`` (unchanged when ``article`` is None)."""
        return self if article is None else attrs.evolve(self, article=article)


@attrs.frozen
class ParameterValue:
    """One dated value of one parameter key, with its unit and its legal source."""

    key: str
    value: ParameterVariant
    kind: str
    unit: str
    effective: date
    source: LegalSource
    name_zh: str = ""
    name_en: str = ""
    #: The file the value was read from (``national.toml (bundled)`` or a county file).
    origin: str = ""

    @property
    def display_value(self) -> str:
        """The value as text: ``30.00``, ``100.00, 200.00``, ``100.00=35.00``, ``1``."""
        value = self.value
        if isinstance(value, Yuan | Fraction):
            return str(value)
        parts: list[str] = []
        for item in value:
            if isinstance(item, tuple):
                parts.append(f"{item[0]}={item[1]}")
            else:
                parts.append(str(item))
        return ", ".join(parts)

    @property
    def citation(self) -> str:
        """``contribution_subsidy.minimum = 30.00 元/人·年 (国务院 国发〔2014〕8号…)``."""
        return f"{self.key} = {self.display_value} {self.unit} ({self.source.citation})"

    def as_yuan(self) -> Yuan:
        """The value as an amount; :class:`~pension_subsidy.DataFileError` if it is not one."""
        if not isinstance(self.value, Yuan):
            raise self._wrong_kind("yuan")
        return self.value

    def as_ratio(self) -> Fraction:
        """The value as an exact ratio."""
        if not isinstance(self.value, Fraction):
            raise self._wrong_kind("ratio")
        return self.value

    def as_yuan_list(self) -> tuple[Yuan, ...]:
        """The value as a list of amounts."""
        if self.kind != "yuan_list" or not isinstance(self.value, tuple):
            raise self._wrong_kind("yuan_list")
        return tuple(item for item in self.value if isinstance(item, Yuan))

    def as_names(self) -> tuple[str, ...]:
        """The value as a list of names."""
        if self.kind != "text_list" or not isinstance(self.value, tuple):
            raise self._wrong_kind("text_list")
        return tuple(item for item in self.value if isinstance(item, str))

    def as_by_grade(self) -> dict[Yuan, Yuan]:
        """The value as amounts by contribution grade."""
        if self.kind != "yuan_by_grade" or not isinstance(self.value, tuple):
            raise self._wrong_kind("yuan_by_grade")
        return {item[0]: item[1] for item in self.value if isinstance(item, tuple)}

    def data(self) -> dict[str, Any]:
        """The value in JSON shape (amounts as strings of 元)."""
        value: Any
        if isinstance(self.value, Yuan | Fraction):
            value = str(self.value)
        else:
            value = [
                {"grade_yuan": str(item[0]), "yuan": str(item[1])}
                if isinstance(item, tuple)
                else str(item)
                for item in self.value
            ]
        return {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "kind": self.kind,
            "value": value,
            "unit": self.unit,
            "effective": self.effective.isoformat(),
            "source": {
                "document": self.source.document,
                "title": self.source.title,
                "issuer": self.source.issuer,
                "issuer_en": self.source.issuer_en,
                "article": self.source.article,
                "note": self.source.note,
            },
            "origin": self.origin,
        }

    def _wrong_kind(self, expected: str) -> DataFileError:
        got = f"kind {self.kind!r}" if self.kind != expected else f"the value {self.value!r}"
        return DataFileError(
            f"expected a {expected} value ({KINDS[expected]}), got {got}",
            path=self.origin or None,
            field=self.key,
        )


def _history(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    return tuple(sorted(values, key=lambda item: (item.key, item.effective)))


def _layers(value: Iterable[ParameterSet]) -> tuple[ParameterSet, ...]:
    return tuple(value)


@attrs.frozen
class ParameterSet:
    """Dated parameter values, possibly layered: a county's over the national ones.

    Look-ups ask each layer from the top (the county) down and take the first value in force
    on the date asked for.
    """

    values: tuple[ParameterValue, ...] = attrs.field(converter=_history)
    name: str = ""
    #: Lower layers (the national set under a county's).
    below: tuple[ParameterSet, ...] = attrs.field(default=(), converter=_layers)

    def layered(self, county: ParameterSet) -> ParameterSet:
        """``county`` over this set: its values win where they are in force."""
        return attrs.evolve(county, below=(self, *county.below))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key of every layer, sorted."""
        keys = {value.key for value in self.values}
        for layer in self.below:
            keys.update(layer.keys)
        return tuple(sorted(keys))

    def _own(self, key: str, as_of: date) -> ParameterValue | None:
        in_force = [v for v in self.values if v.key == key and v.effective <= as_of]
        return in_force[-1] if in_force else None

    def find(self, key: str, *, as_of: date) -> ParameterValue | None:
        """The value of ``key`` in force on ``as_of``, or None (unknown keys raise)."""
        if key not in self.keys:
            msg = f"no parameter {key!r}; the parameters are: {', '.join(self.keys)}"
            raise UnknownKeyError(msg, key=key, known=self.keys)
        own = self._own(key, as_of)
        if own is not None:
            return own
        for layer in self.below:
            if key in layer.keys:
                found = layer.find(key, as_of=as_of)
                if found is not None:
                    return found
        return None

    def value(self, key: str, *, as_of: date) -> ParameterValue:
        """The value of ``key`` in force on ``as_of``.

        Raises :class:`~pension_subsidy.UnknownKeyError` for an unknown key and
        :class:`~pension_subsidy.NotInForceError` when no value has taken effect yet.
        """
        found = self.find(key, as_of=as_of)
        if found is None:
            dates = sorted(v.effective for v in self.history(key))
            msg = (
                f"parameter {key!r} has no value in force on {as_of.isoformat()}; "
                f"its first value takes effect on {dates[0].isoformat()}"
            )
            raise NotInForceError(msg, key=key, as_of=as_of)
        return found

    def history(self, key: str) -> tuple[ParameterValue, ...]:
        """Every dated value of ``key`` in every layer, oldest first."""
        values = [v for v in self.values if v.key == key]
        for layer in self.below:
            values.extend(layer.history(key))
        return tuple(sorted(values, key=lambda item: item.effective))

    def in_force(self, as_of: date) -> tuple[ParameterValue, ...]:
        """Every parameter in force on ``as_of``, sorted by key."""
        found = (self.find(key, as_of=as_of) for key in self.keys)
        return tuple(value for value in found if value is not None)


# -- loading ---------------------------------------------------------------------------------
def load_parameters(county: str | Path | None = None) -> ParameterSet:
    """The bundled national parameters, with a county file layered over them when given.

    >>> params = load_parameters()
    >>> [str(g) for g in params.value("contribution.grades", as_of=date(2022, 1, 1)).value][-3:]
    ['1000.00', '1500.00', '2000.00']
    """
    data = read_bundled_toml("parameters", "national.toml")
    national = parameters_from_mapping(data, path="national.toml (bundled)")
    if county is None:
        return national
    return national.layered(load_parameter_file(county))


def load_parameter_file(path: str | Path) -> ParameterSet:
    """Read a parameter file (a county's own standards) of the same form as the bundled one."""
    file = Path(path)
    data = read_toml_file(file)
    return parameters_from_mapping(data, path=str(file))


_SOURCE_KEYS = frozenset(
    {"document", "title", "issuer", "issuer_en", "article", "note", "note_zh", "note_en"}
)
_VALUE_KEYS = frozenset(
    {"key", "name_zh", "name_en", "kind", "unit", "value", "effective", "source", "article", "note"}
)


def _only(entry: Mapping[str, Any], allowed: frozenset[str], *, path: str, field: str) -> None:
    """Refuse keys the format does not know: a misspelt key is never silently ignored."""
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise DataFileError(
            f"unknown key {unknown[0]!r}; expected one of {', '.join(sorted(allowed))}",
            path=path,
            field=field,
        )


def parameters_from_mapping(data: Mapping[str, Any], *, path: str) -> ParameterSet:
    """Build a :class:`ParameterSet` from parsed TOML; errors name the file and the key."""
    _only(data, frozenset({"meta", "sources", "parameters"}), path=path, field="(top level)")
    sources_table = data.get("sources", {})
    if not isinstance(sources_table, Mapping):
        raise DataFileError("expected a [sources] table", path=path, field="sources")
    sources = {
        str(ident): _source(entry, path=path, field=f"sources.{ident}")
        for ident, entry in sources_table.items()
    }
    entries = data.get("parameters", [])
    if not isinstance(entries, list):
        raise DataFileError("expected [[parameters]] entries", path=path, field="parameters")
    values = tuple(_value(entry, index, sources, path=path) for index, entry in enumerate(entries))
    meta = data.get("meta", {})
    name = str(meta.get("jurisdiction", "")) if isinstance(meta, Mapping) else ""
    return ParameterSet(values=values, name=name or path)


def _text(entry: Mapping[str, Any], key: str, *, path: str, field: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        shown = "nothing" if value is None else repr(value)
        raise DataFileError(
            f"{key}: expected a non-empty string, got {shown}", path=path, field=field
        )
    return value


def _source(entry: object, *, path: str, field: str) -> LegalSource:
    if not isinstance(entry, Mapping):
        raise DataFileError(
            "expected a source table with document (文号) and issuer", path=path, field=field
        )
    _only(entry, _SOURCE_KEYS, path=path, field=field)
    article = entry.get("article")
    note_zh, note_en = str(entry.get("note_zh", "")), str(entry.get("note_en", ""))
    return LegalSource(
        document=_text(entry, "document", path=path, field=field),
        issuer=_text(entry, "issuer", path=path, field=field),
        title=str(entry.get("title", "")),
        article=None if article is None else str(article),
        issuer_en=str(entry.get("issuer_en", "")),
        note=str(entry.get("note", "")) or note_zh + note_en,
        note_zh=str(entry.get("note", "")) or note_zh,
        note_en=note_en,
    )


def _value(
    entry: object, index: int, sources: Mapping[str, LegalSource], *, path: str
) -> ParameterValue:
    where = f"parameters[{index}]"
    if not isinstance(entry, Mapping):
        raise DataFileError("expected a table", path=path, field=where)
    key = _text(entry, "key", path=path, field=where)
    field = f"{where} ({key})"
    _only(entry, _VALUE_KEYS, path=path, field=field)
    source_entry = entry.get("source")
    if source_entry is None:
        raise DataFileError(
            "no source: every value needs its legal source (文号 and issuing body), given as "
            "the id of a [sources.<id>] table or as an inline table",
            path=path,
            field=field,
        )
    if isinstance(source_entry, str):
        if source_entry not in sources:
            known = ", ".join(sources) or "none"
            raise DataFileError(
                f"source {source_entry!r} is not a [sources.<id>] table; the ids are: {known}",
                path=path,
                field=field,
            )
        source = sources[source_entry]
    else:
        source = _source(source_entry, path=path, field=f"{field}.source")
    article = entry.get("article")
    source = source.with_article(None if article is None else str(article))
    effective = entry.get("effective")
    if isinstance(effective, _dt.datetime) or not isinstance(effective, date):
        raise DataFileError(
            f"effective: expected a TOML date such as 2014-02-21, got {effective!r}",
            path=path,
            field=field,
        )
    kind = _text(entry, "kind", path=path, field=field)
    if kind not in KINDS:
        raise DataFileError(
            f"kind: expected one of {', '.join(KINDS)}, got {kind!r}", path=path, field=field
        )
    if "value" not in entry:
        raise DataFileError(f"value: missing; expected {KINDS[kind]}", path=path, field=field)
    try:
        value = _convert(kind, entry["value"])
    except (InvalidAmountError, ValueError, ZeroDivisionError, TypeError) as error:
        raise DataFileError(
            f"value: expected {KINDS[kind]}, got {reprlib.repr(entry['value'])} ({error})",
            path=path,
            field=field,
        ) from None
    return ParameterValue(
        key=key,
        value=value,
        kind=kind,
        unit=_text(entry, "unit", path=path, field=field),
        effective=effective,
        source=source,
        name_zh=str(entry.get("name_zh", "")),
        name_en=str(entry.get("name_en", "")),
        origin=path,
    )


def _yuan(raw: object) -> Yuan:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        msg = f"expected an amount as a string, got {raw!r}"
        raise TypeError(msg)
    return Yuan(raw)  # an int as it is: str() of a huge one would raise


def _ratio(raw: object) -> Fraction:
    """``"1"``, ``"0.5"`` or ``"1/2"``: each number read by :func:`parse_number` (bounded)."""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        msg = f"expected a ratio as a string, got {raw!r}"
        raise TypeError(msg)
    if not isinstance(raw, str) or "/" not in raw:
        return Fraction(parse_number(raw, field="value"))
    numerator, denominator = raw.split("/", 1)
    below = parse_number(denominator, field="value (denominator)")
    if not below:
        msg = f"not a ratio: {raw!r} divides by zero"
        raise ValueError(msg)
    return Fraction(parse_number(numerator, field="value (numerator)")) / Fraction(below)


def _convert(kind: str, raw: object) -> ParameterVariant:
    if kind == "yuan":
        return _yuan(raw)
    if kind == "ratio":
        return _ratio(raw)
    if kind == "yuan_by_grade":
        if not isinstance(raw, Mapping):
            msg = "expected a table"
            raise TypeError(msg)
        pairs = sorted((_yuan(grade), _yuan(amount)) for grade, amount in raw.items())
        return tuple(pairs)
    if not isinstance(raw, list):
        msg = "expected a list"
        raise TypeError(msg)
    if kind == "yuan_list":
        return tuple(_yuan(item) for item in raw)
    if not all(isinstance(item, str) for item in raw):
        msg = "expected a list of strings"
        raise TypeError(msg)
    return tuple(str(item) for item in raw)
