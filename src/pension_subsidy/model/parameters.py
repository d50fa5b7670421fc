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

This module reads the files; the values and the set are in
:mod:`~pension_subsidy.model.parameter_values`, whose names are importable from here.
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
)
from pension_subsidy.model.parameter_values import (
    KINDS,
    LegalSource,
    ParameterSet,
    ParameterValue,
    ParameterVariant,
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


def _value_source(
    entry: Mapping[str, Any], sources: Mapping[str, LegalSource], *, path: str, field: str
) -> LegalSource:
    """A value's source: the id of a ``[sources.<id>]`` table, or an inline table."""
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
        return sources[source_entry]
    return _source(source_entry, path=path, field=f"{field}.source")


def _value(
    entry: object, index: int, sources: Mapping[str, LegalSource], *, path: str
) -> ParameterValue:
    where = f"parameters[{index}]"
    if not isinstance(entry, Mapping):
        raise DataFileError("expected a table", path=path, field=where)
    key = _text(entry, "key", path=path, field=where)
    field = f"{where} ({key})"
    _only(entry, _VALUE_KEYS, path=path, field=field)
    source = _value_source(entry, sources, path=path, field=field)
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
