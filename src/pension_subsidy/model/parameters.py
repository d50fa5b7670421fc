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

Provinces and counties have files of the same form (bundled: ``qinghai.toml`` and
``qinghai-menyuan.toml``; or a file of your own). Each overrides or adds values with its own
source; the most local value in force wins — county over province over national — and the
national one is used otherwise (:meth:`ParameterSet.layered`):

>>> qinghai = load_parameters(province="qinghai")
>>> pension = qinghai.value("basic_pension.standard", as_of=date(2019, 1, 1))
>>> pension.display_value, pension.level, pension.source.issuer
('60=175.00', 'province', '新华社')

Each value says whether it was checked against its source (``verified``) and how sure it is
(``confidence``: high, medium, low), with a note on what is uncertain.

This module reads the files; the values and the set are in
:mod:`~pension_subsidy.model.parameter_values`, whose names are importable from here.
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidNumberError,
    Phrase,
    UnknownKeyError,
    detail_of,
)
from pension_subsidy.model.parameter_values import (
    CONFIDENCE_LEVELS,
    KINDS,
    LEVELS,
    LegalSource,
    ParameterSet,
    ParameterValue,
    ParameterVariant,
)
from pension_subsidy.money import Yuan, parse_number

__all__ = [
    "CONFIDENCE_LEVELS",
    "KINDS",
    "LEVELS",
    "LegalSource",
    "ParameterSet",
    "ParameterValue",
    "ParameterVariant",
    "bundled_regions",
    "load_parameter_file",
    "load_parameters",
]


# -- loading ---------------------------------------------------------------------------------
_NATIONAL = "national.toml"
_BUNDLED = " (bundled)"


def _bundled_files() -> tuple[str, ...]:
    """The names of the bundled parameter files, sorted."""
    folder = resources.files("pension_subsidy.data").joinpath("parameters")
    return tuple(sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml")))


_NAME_KEYS = ("jurisdiction_zh", "jurisdiction_en", "short_zh")


def _meta_names(file_name: str) -> tuple[str, ...]:
    """The names a bundled file answers to: its stem's last part and its Chinese names."""
    meta = read_bundled_toml("parameters", file_name).get("meta", {})
    stem = file_name.removesuffix(".toml")
    names = [stem.split("-", 1)[-1]]
    if isinstance(meta, Mapping):
        names += [str(meta[key]) for key in _NAME_KEYS if key in meta]
    return tuple(names)


def bundled_regions() -> dict[str, tuple[str, ...]]:
    """The provinces with a bundled parameter file, each with its bundled counties.

    >>> bundled_regions()
    {'qinghai': ('menyuan',)}
    """
    files = [name.removesuffix(".toml") for name in _bundled_files() if name != _NATIONAL]
    provinces = sorted(name for name in files if "-" not in name)
    return {
        province: tuple(
            sorted(name.split("-", 1)[1] for name in files if name.startswith(province + "-"))
        )
        for province in provinces
    }


def _match(asked: str, candidates: Mapping[str, tuple[str, ...]]) -> str | None:
    """The key among ``candidates`` (key → names) that ``asked`` names, case-insensitively."""
    wanted = asked.strip().lower()
    for key, names in candidates.items():
        if wanted in {name.lower() for name in names}:
            return key
    return None


def _province_key(province: str) -> str:
    regions = bundled_regions()
    found = _match(province, {key: _meta_names(f"{key}.toml") for key in regions})
    if found is None:
        known = tuple(regions)
        said = {"province": repr(province), "known": ", ".join(known)}
        code = "parameters.unknown_province"
        raise UnknownKeyError(code=code, params=said, key=province, known=known)
    return found


def _county_key(province: str, county: str) -> str:
    counties = bundled_regions()[province]
    found = _match(county, {key: _meta_names(f"{province}-{key}.toml") for key in counties})
    if found is None:
        said = {
            "county": repr(county),
            "province": province,
            "known": ", ".join(counties) or Phrase("parameters.none"),
        }
        code = "parameters.unknown_county"
        raise UnknownKeyError(code=code, params=said, key=county, known=counties)
    return found


def _province_of(county: str) -> str:
    """The one province with a bundled county named ``county`` (a county needs its province)."""
    regions = bundled_regions()
    owners = [
        province
        for province, counties in regions.items()
        if _match(county, {key: _meta_names(f"{province}-{key}.toml") for key in counties})
    ]
    if len(owners) != 1:
        known = tuple(f"{province}/{key}" for province, keys in regions.items() for key in keys)
        said = {"county": repr(county), "known": ", ".join(known) or Phrase("parameters.none")}
        code = "parameters.ambiguous_county"
        raise UnknownKeyError(code=code, params=said, key=county, known=known)
    return owners[0]


def _bundled(file_name: str, *, level: str) -> ParameterSet:
    data = read_bundled_toml("parameters", file_name)
    return parameters_from_mapping(data, path=file_name + _BUNDLED, level=level)


def _looks_like_a_file(county: str | Path) -> bool:
    return isinstance(county, Path) or county.endswith(".toml") or "/" in county or "\\" in county


def load_parameters(
    file: str | Path | None = None,
    *,
    province: str | None = None,
    county: str | Path | None = None,
) -> ParameterSet:
    """The bundled national parameters, with a province's, a county's and a file over them.

    ``province`` names a bundled province file (``"qinghai"`` or ``"青海省"``), ``county`` a
    bundled county of it (``"menyuan"``: ``qinghai-menyuan.toml``); ``file`` is a parameter
    file of your own, layered on top. Precedence: file > county > province > national, each
    only where its value is in force. An unknown province or county is an
    :class:`~pension_subsidy.UnknownKeyError` listing the known ones.

    For compatibility, ``county`` given as a path (``county.toml``) and no ``file`` is read
    as ``file``, as the earlier ``load_parameters(county)`` did.

    >>> params = load_parameters()
    >>> [str(g) for g in params.value("contribution.grades", as_of=date(2022, 1, 1)).value][-3:]
    ['1000.00', '1500.00', '2000.00']
    >>> menyuan = load_parameters(province="qinghai", county="menyuan")
    >>> share = menyuan.value("funding.county_share", as_of=date(2022, 6, 30))
    >>> share.value, share.level, share.verified
    (Fraction(1, 5), 'county', False)
    """
    if county is not None and file is None and _looks_like_a_file(county):
        file, county = county, None
    parameters = _bundled(_NATIONAL, level="national")
    if county is not None and province is None:
        province = _province_of(str(county))
    if province is not None:
        province_key = _province_key(province)
        parameters = parameters.layered(_bundled(f"{province_key}.toml", level="province"))
        if county is not None:
            county_key = _county_key(province_key, str(county))
            parameters = parameters.layered(
                _bundled(f"{province_key}-{county_key}.toml", level="county")
            )
    if file is None:
        return parameters
    return parameters.layered(load_parameter_file(file))


def load_parameter_file(path: str | Path) -> ParameterSet:
    """Read a parameter file of the same form as the bundled ones (a county's by default).

    Its ``[meta] level`` says which level of government it speaks for (national, province
    or county); without it the file is taken as a county's own standards.
    """
    file = Path(path)
    data = read_toml_file(file)
    return parameters_from_mapping(data, path=str(file))


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
    {"jurisdiction", "jurisdiction_zh", "jurisdiction_en", "short_zh", "level", "province",
     "note", "note_zh", "note_en"}
)  # fmt: skip


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
    data: Mapping[str, Any], *, path: str, level: str = "county"
) -> ParameterSet:
    """Build a :class:`ParameterSet` from parsed TOML; errors name the file and the key.

    ``level`` is the level of government when the file's ``[meta]`` does not say.
    """
    _only(
        data, frozenset({"meta", "sources", "parameters", "aliases"}), path=path,
        field="(top level)",
    )  # fmt: skip
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
            _value(entry, index, sources, path=path), level=level, jurisdiction=jurisdiction
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
    effective = entry.get("effective")
    if isinstance(effective, _dt.datetime) or not isinstance(effective, date):
        said: dict[str, object] = {
            "name": "effective",
            "example": "2014-02-21",
            "got": repr(effective),
        }
        raise DataFileError(code="parameters.expected_date", params=said, path=path, field=field)
    kind = _text(entry, "kind", path=path, field=field)
    if kind not in KINDS:
        said = {"name": "kind", "known": ", ".join(KINDS), "got": repr(kind)}
        raise DataFileError(code="parameters.one_of", params=said, path=path, field=field)
    if "value" not in entry:
        said = {"expected": Phrase(f"parameters.kind.{kind}")}
        raise DataFileError(code="parameters.missing_value", params=said, path=path, field=field)
    try:
        value = _convert(kind, entry["value"])
    except (InvalidAmountError, ValueError, ZeroDivisionError, TypeError) as error:
        said = {
            "expected": Phrase(f"parameters.kind.{kind}"),
            "got": reprlib.repr(entry["value"]),
            "reason": detail_of(error),
        }
        code = "parameters.bad_value"
        raise DataFileError(code=code, params=said, path=path, field=field) from None
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
        origin=path,
        verified=verified,
        confidence=confidence,
        confidence_note_zh=str(
            entry.get("confidence_note", "") or entry.get("confidence_note_zh", "")
        ),
        confidence_note_en=str(entry.get("confidence_note_en", "")),
    )


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
