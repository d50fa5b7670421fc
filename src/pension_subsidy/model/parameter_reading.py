"""Parameter files read into a :class:`~pension_subsidy.model.parameter_set.ParameterSet`.

The form of a national, province or county file: ``[meta]``, ``[sources.<id>]``,
``[[parameters]]`` and ``[aliases]``. Every error names the file and the entry
(``parameters[3] (contribution.grades)``); a misspelt key is refused, never ignored.
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidNumberError,
    Phrase,
    detail_of,
)
from pension_subsidy.model.bundled import bundled_path
from pension_subsidy.model.parameter_set import ParameterSet
from pension_subsidy.model.parameter_values import (
    CONFIDENCE_LEVELS,
    KINDS,
    LEVELS,
    LegalSource,
    ParameterValue,
    ParameterVariant,
)
from pension_subsidy.money import Yuan, parse_number

__all__ = ["parameters_from_mapping"]


_SOURCE_KEYS = frozenset(
    {
        "document",
        "title",
        "issuer",
        "issuer_en",
        "article",
        "note",
        "note_zh",
        "note_en",
        "published",
    }
)
_VALUE_KEYS = frozenset(
    {
        "key",
        "name_zh",
        "name_en",
        "kind",
        "unit",
        "unit_en",
        "value",
        "effective",
        "source",
        "article",
        "note",
        "verified",
        "confidence",
        "confidence_note",
        "confidence_note_zh",
        "confidence_note_en",
    }
)
_META_KEYS = frozenset(
    {
        "jurisdiction",
        "jurisdiction_zh",
        "jurisdiction_en",
        "short_zh",
        "level",
        "province",
        "note",
        "note_zh",
        "note_en",
    }
)
_TOP_KEYS = frozenset({"meta", "sources", "parameters", "aliases"})


def _only(entry: Mapping[str, Any], allowed: frozenset[str], *, path: str, field: str) -> None:
    """Refuse keys the format does not know: a misspelt key is never silently ignored."""
    unknown = sorted(set(entry) - allowed)
    if unknown:
        said = {"key": repr(unknown[0]), "known": ", ".join(sorted(allowed))}
        raise DataFileError(code="parameters.unknown_key", params=said, path=path, field=field)


def _meta(data: Mapping[str, Any], *, path: str, level: str) -> tuple[str, str, str, str]:
    """The file's jurisdiction, its Chinese and English names and its level (``[meta]``).

    ``level`` is used when the file gives none.
    """
    meta = data.get("meta", {})
    if not isinstance(meta, Mapping):
        raise DataFileError(code="parameters.expected_meta", path=path, field="meta")
    _only(meta, _META_KEYS, path=path, field="meta")
    stated = meta.get("level", level)
    if stated not in LEVELS:
        said = {"name": "level", "known": ", ".join(LEVELS), "got": repr(stated)}
        raise DataFileError(code="parameters.one_of", params=said, path=path, field="meta")
    return (
        str(meta.get("jurisdiction", "")),
        str(meta.get("jurisdiction_zh", "")),
        str(meta.get("jurisdiction_en", "")),
        str(stated),
    )


def _alias_table(data: Mapping[str, Any], *, path: str) -> dict[str, str]:
    table = data.get("aliases", {})
    if not isinstance(table, Mapping) or not all(
        isinstance(new, str) and new.strip() for new in table.values()
    ):
        raise DataFileError(code="parameters.expected_aliases", path=path, field="aliases")
    return {str(old): str(new) for old, new in table.items()}


def parameters_from_mapping(
    data: Mapping[str, Any], *, path: str, level: str = "county", bundled: bool = False
) -> ParameterSet:
    """Build a :class:`ParameterSet` from parsed TOML; errors name the file and the key.

    ``level`` is the level of government when the file's ``[meta]`` does not say;
    ``bundled`` says the file ships with the library (its values carry the flag, and
    messages name it with :data:`~pension_subsidy.model.bundled.BUNDLED_MARK`).
    """
    file_name, path = path, bundled_path(path) if bundled else path
    _only(data, _TOP_KEYS, path=path, field="(top level)")
    jurisdiction, jurisdiction_zh, jurisdiction_en, level = _meta(data, path=path, level=level)
    sources_table = data.get("sources", {})
    if not isinstance(sources_table, Mapping):
        raise DataFileError(code="parameters.expected_sources", path=path, field="sources")
    sources = {
        str(ident): _source(entry, path=path, field=f"sources.{ident}")
        for ident, entry in sources_table.items()
    }
    entries = data.get("parameters", [])
    if not isinstance(entries, list):
        code = "parameters.expected_entries"
        raise DataFileError(code=code, path=path, field="parameters")
    values = tuple(
        attrs.evolve(
            _value(entry, index, sources, path=path),
            level=level,
            jurisdiction=jurisdiction,
            bundled=bundled,
            file_name=file_name,
        )
        for index, entry in enumerate(entries)
    )
    return ParameterSet(
        values=values,
        name=jurisdiction or path,
        aliases=_alias_table(data, path=path),
        # a file that names no jurisdiction is no region of its own (its values keep the level)
        level=level if jurisdiction else "",
        name_zh=jurisdiction_zh,
        name_en=jurisdiction_en,
    )


def _text(entry: Mapping[str, Any], key: str, *, path: str, field: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        shown = Phrase("parameters.nothing") if value is None else repr(value)
        said = {"name": key, "got": shown}
        raise DataFileError(code="parameters.expected_text", params=said, path=path, field=field)
    return value


def _source(entry: object, *, path: str, field: str) -> LegalSource:
    if not isinstance(entry, Mapping):
        raise DataFileError(code="parameters.expected_source", path=path, field=field)
    _only(entry, _SOURCE_KEYS, path=path, field=field)
    article = entry.get("article")
    note_zh, note_en = str(entry.get("note_zh", "")), str(entry.get("note_en", ""))
    published = entry.get("published")
    if published is not None and (
        isinstance(published, _dt.datetime) or not isinstance(published, date)
    ):
        said = {"name": "published", "example": "2017-08-01", "got": repr(published)}
        raise DataFileError(code="parameters.expected_date", params=said, path=path, field=field)
    return LegalSource(
        document=_text(entry, "document", path=path, field=field),
        issuer=_text(entry, "issuer", path=path, field=field),
        title=str(entry.get("title", "")),
        article=None if article is None else str(article),
        issuer_en=str(entry.get("issuer_en", "")),
        note=str(entry.get("note", "")) or note_zh + note_en,
        note_zh=str(entry.get("note", "")) or note_zh,
        note_en=note_en,
        published=published,
    )


def _value_source(
    entry: Mapping[str, Any], sources: Mapping[str, LegalSource], *, path: str, field: str
) -> LegalSource:
    """A value's source: the id of a ``[sources.<id>]`` table, or an inline table."""
    source_entry = entry.get("source")
    if source_entry is None:
        raise DataFileError(code="parameters.no_source", path=path, field=field)
    if isinstance(source_entry, str):
        if source_entry not in sources:
            known = ", ".join(sources) or Phrase("parameters.none")
            said = {"source": repr(source_entry), "known": known}
            code = "parameters.unknown_source"
            raise DataFileError(code=code, params=said, path=path, field=field)
        return sources[source_entry]
    return _source(source_entry, path=path, field=f"{field}.source")


def _value(
    entry: object, index: int, sources: Mapping[str, LegalSource], *, path: str
) -> ParameterValue:
    where = f"parameters[{index}]"
    if not isinstance(entry, Mapping):
        raise DataFileError(code="dataset.expected_table", path=path, field=where)
    key = _text(entry, "key", path=path, field=where)
    field = f"{where} ({key})"
    _only(entry, _VALUE_KEYS, path=path, field=field)
    source = _value_source(entry, sources, path=path, field=field)
    article = entry.get("article")
    source = source.with_article(None if article is None else str(article))
    effective = _effective(entry, path=path, field=field)
    kind = _text(entry, "kind", path=path, field=field)
    value = _kind_value(entry, kind, path=path, field=field)
    verified = entry.get("verified", False)
    if not isinstance(verified, bool):
        said = {"got": repr(verified)}
        raise DataFileError(code="parameters.verified", params=said, path=path, field=field)
    confidence = entry.get("confidence")
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        said = {
            "name": "confidence",
            "known": ", ".join(CONFIDENCE_LEVELS),
            "got": repr(confidence),
        }
        raise DataFileError(code="parameters.one_of", params=said, path=path, field=field)
    return ParameterValue(
        key=key,
        value=value,
        kind=kind,
        unit=_text(entry, "unit", path=path, field=field),
        effective=effective,
        source=source,
        name_zh=str(entry.get("name_zh", "")),
        name_en=str(entry.get("name_en", "")),
        unit_en=str(entry.get("unit_en", "")),
        origin=path,
        verified=verified,
        confidence=confidence,
        confidence_note_zh=str(
            entry.get("confidence_note", "") or entry.get("confidence_note_zh", "")
        ),
        confidence_note_en=str(entry.get("confidence_note_en", "")),
    )


def _effective(entry: Mapping[str, Any], *, path: str, field: str) -> date:
    """The date a value takes effect: a TOML date (not a date-time)."""
    effective = entry.get("effective")
    if isinstance(effective, _dt.datetime) or not isinstance(effective, date):
        said = {"name": "effective", "example": "2014-02-21", "got": repr(effective)}
        raise DataFileError(code="parameters.expected_date", params=said, path=path, field=field)
    return effective


def _kind_value(entry: Mapping[str, Any], kind: str, *, path: str, field: str) -> ParameterVariant:
    """The entry's ``value`` read as its ``kind`` says (one of :data:`KINDS`)."""
    said: dict[str, object]
    if kind not in KINDS:
        said = {"name": "kind", "known": ", ".join(KINDS), "got": repr(kind)}
        raise DataFileError(code="parameters.one_of", params=said, path=path, field=field)
    if "value" not in entry:
        said = {"expected": Phrase(f"parameters.kind.{kind}")}
        raise DataFileError(code="parameters.missing_value", params=said, path=path, field=field)
    try:
        return _convert(kind, entry["value"])
    except (InvalidAmountError, ValueError, ZeroDivisionError, TypeError) as error:
        said = {
            "expected": Phrase(f"parameters.kind.{kind}"),
            "got": reprlib.repr(entry["value"]),
            "reason": detail_of(error),
        }
        code = "parameters.bad_value"
        raise DataFileError(code=code, params=said, path=path, field=field) from None


def _yuan(raw: object) -> Yuan:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise InvalidNumberError(code="parameters.amount_type", params={"got": repr(raw)})
    return Yuan(raw)  # an int as it is: str() of a huge one would raise


_OLDEST = 150


def _age(raw: str) -> int:
    """A band's from-age: a whole number of years, 0 to 150 (TOML table keys are strings)."""
    if not (raw.isascii() and raw.isdigit()) or int(raw) > _OLDEST:
        said = {"oldest": _OLDEST, "got": repr(raw)}
        raise InvalidNumberError(code="parameters.age_band", params=said)
    return int(raw)


def _ratio(raw: object) -> Fraction:
    """``"1"``, ``"0.5"`` or ``"1/2"``: each number read by :func:`parse_number` (bounded)."""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise InvalidNumberError(code="parameters.ratio_type", params={"got": repr(raw)})
    if not isinstance(raw, str) or "/" not in raw:
        return Fraction(parse_number(raw, field="value"))
    numerator, denominator = raw.split("/", 1)
    below = parse_number(denominator, field="value (denominator)")
    if not below:
        raise InvalidNumberError(code="parameters.divides_by_zero", params={"got": repr(raw)})
    return Fraction(parse_number(numerator, field="value (numerator)")) / Fraction(below)


def _convert(kind: str, raw: object) -> ParameterVariant:
    if kind == "yuan":
        return _yuan(raw)
    if kind == "ratio":
        return _ratio(raw)
    if kind == "yuan_by_grade":
        if not isinstance(raw, Mapping):
            raise InvalidNumberError(code="dataset.expected_table")
        pairs = sorted((_yuan(grade), _yuan(amount)) for grade, amount in raw.items())
        return tuple(pairs)
    if kind == "yuan_by_age":
        if not isinstance(raw, Mapping) or not raw:
            raise InvalidNumberError(code="parameters.expected_bands")
        return tuple(sorted((_age(start), _yuan(amount)) for start, amount in raw.items()))
    if not isinstance(raw, list):
        raise InvalidNumberError(code="parameters.expected_list")
    if kind == "yuan_list":
        return tuple(_yuan(item) for item in raw)
    if not all(isinstance(item, str) for item in raw):
        raise InvalidNumberError(code="parameters.expected_strings")
    return tuple(str(item) for item in raw)
