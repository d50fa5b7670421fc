"""Dated policy values with their legal source: :class:`ParameterValue`, :class:`ParameterSet`.

A set answers "as of a date": the latest value of a key that has taken effect by then; a
province set layered over the national one, and a county set over the province, wins where
it is in force (county > province > national). Every value says how sure it is
(``verified``, ``confidence``) and which level of government it comes from (``level``).
A renamed key stays readable through the set's ``aliases`` (old name → new name). Reading
the data files is :mod:`~pension_subsidy.model.parameters`' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.exceptions import (
    DataFileError,
    NotInForceError,
    Phrase,
    UnknownKeyError,
)
from pension_subsidy.money import Yuan

__all__ = [
    "CONFIDENCE_LEVELS",
    "KINDS",
    "LEVELS",
    "LegalSource",
    "ParameterSet",
    "ParameterValue",
    "ParameterVariant",
]


#: What a parameter can hold: an amount in 元, a list of amounts, amounts by contribution
#: grade, amounts by age band (from age, amount), an exact ratio, or a list of names.
ParameterVariant: TypeAlias = (
    "Yuan | tuple[Yuan, ...] | tuple[tuple[Yuan, Yuan], ...] | tuple[tuple[int, Yuan], ...]"
    " | Fraction | tuple[str, ...]"
)

#: The kinds of value a parameter file may declare, with what each holds.
KINDS: dict[str, str] = {
    "yuan": 'an amount in 元, written as a string such as "30"',
    "yuan_list": "a list of amounts in 元",
    "yuan_by_grade": 'a table of grade (元) = amount (元), e.g. {"100" = "35"}',
    "yuan_by_age": 'a table of from-age = amount (元), e.g. {"60" = "180", "65" = "185"}',
    "ratio": 'an exact ratio written as a string such as "1" or "1/2"',
    "text_list": "a list of names",
}

#: The levels of government a parameter file speaks for, most general first.
LEVELS: tuple[str, ...] = ("national", "province", "county")

#: How sure a value is: ``high`` — the document or an official report of it states it;
#: ``medium`` — the figure is sourced but its document number or date is not checked;
#: ``low`` — an older rule whose present force is unknown, or an inference from figures.
CONFIDENCE_LEVELS: tuple[str, ...] = ("high", "medium", "low")


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
    #: The date the document was published (成文/发布日期), when the file gives it.
    published: date | None = None

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
    #: Whether the value was checked against its source (核实). False unless a file says so.
    verified: bool = False
    #: ``high``, ``medium`` or ``low`` (:data:`CONFIDENCE_LEVELS`); None when not stated.
    confidence: str | None = None
    #: What is uncertain about the value, in Chinese and in English (may be empty).
    confidence_note_zh: str = ""
    confidence_note_en: str = ""
    #: The level of government the value comes from: national, province or county.
    level: str = ""
    #: The jurisdiction the file speaks for: ``national``, ``qinghai``, ``qinghai-menyuan``.
    jurisdiction: str = ""
    #: Old names of this key that still read it (``proxy_payment.maximum_share``).
    aliases: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """``ParameterValue('key', value=…, effective=…, level=…)``: without the long notes."""
        return short_repr(
            "ParameterValue",
            key=repr(self.key),
            value=self.display_value,
            effective=self.effective.isoformat(),
            level=self.level or "none",
            source=repr(self.source.document),
        )

    @property
    def display_value(self) -> str:
        """The value as text: ``30.00``, ``100.00, 200.00``, ``100.00=35.00``, ``60=180.00``."""
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
        return {
            item[0]: item[1]
            for item in self.value
            if isinstance(item, tuple) and isinstance(item[0], Yuan)
        }

    def as_by_age(self) -> dict[int, Yuan]:
        """The value as amounts by age band: from-age → amount, youngest band first."""
        if self.kind != "yuan_by_age" or not isinstance(self.value, tuple):
            raise self._wrong_kind("yuan_by_age")
        return {
            item[0]: item[1]
            for item in self.value
            if isinstance(item, tuple) and isinstance(item[0], int)
        }

    def amount_for_age(self, age: int) -> Yuan:
        """The amount of the band ``age`` falls in (the band with the largest from-age ≤ age).

        >>> from pension_subsidy.model.parameters import load_parameters
        >>> qinghai = load_parameters(province="qinghai")
        >>> pension = qinghai.value("basic_pension.standard", as_of=date(2021, 1, 1))
        >>> pension.amount_for_age(64), pension.amount_for_age(65), pension.amount_for_age(90)
        (Yuan('180.00'), Yuan('185.00'), Yuan('190.00'))
        """
        bands = self.as_by_age()
        starts = [start for start in bands if start <= age]
        if not starts:
            said = {"age": age, "first": min(bands)}
            raise DataFileError(
                code="parameters.no_age_band", params=said, path=self.origin or None, field=self.key
            )
        return bands[max(starts)]

    @property
    def confidence_note(self) -> str:
        """The confidence note as the JSON gives it: Chinese then English, joined."""
        return self.confidence_note_zh + self.confidence_note_en

    def data(self) -> dict[str, Any]:
        """The value in JSON shape (amounts as strings of 元)."""
        value: Any
        if isinstance(self.value, Yuan | Fraction):
            value = str(self.value)
        else:
            value = [_item_data(item) for item in self.value]
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
                "published": (
                    None if self.source.published is None else self.source.published.isoformat()
                ),
            },
            "origin": self.origin,
            "verified": self.verified,
            "confidence": self.confidence,
            "confidence_note": self.confidence_note,
            "confidence_note_zh": self.confidence_note_zh,
            "confidence_note_en": self.confidence_note_en,
            "level": self.level,
            "jurisdiction": self.jurisdiction,
            "aliases": list(self.aliases),
        }

    def _wrong_kind(self, expected: str) -> DataFileError:
        if self.kind != expected:
            got = Phrase("parameters.got_kind", kind=repr(self.kind))
        else:
            got = Phrase("parameters.got_value", value=repr(self.value))
        said = {"kind": expected, "expected": Phrase(f"parameters.kind.{expected}"), "got": got}
        return DataFileError(
            code="parameters.wrong_kind", params=said, path=self.origin or None, field=self.key
        )


def _item_data(item: object) -> Any:
    """One item of a list-like value in JSON shape."""
    if isinstance(item, tuple):
        start, amount = item
        if isinstance(start, int):
            return {"from_age": start, "yuan": str(amount)}
        return {"grade_yuan": str(start), "yuan": str(amount)}
    return str(item)


def _history(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    return tuple(sorted(values, key=lambda item: (item.key, item.effective)))


def _layers(value: Iterable[ParameterSet]) -> tuple[ParameterSet, ...]:
    return tuple(value)


def _aliases(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(old), str(new)) for old, new in pairs))


@attrs.frozen
class ParameterSet:
    """Dated parameter values, possibly layered: a county's over a province's over the nation's.

    Look-ups ask each layer from the top (the county) down and take the first value in force
    on the date asked for: a county value wins over a province value of the same key, and a
    province value over the national one, each only where it is in force. A key renamed in
    any layer's ``aliases`` (old → new) is read by its old name too, in every layer.

    >>> from pension_subsidy.model.parameters import load_parameters
    >>> qinghai = load_parameters(province="qinghai")
    >>> severe = qinghai.value("proxy_payment.severe_disability_proxy", as_of=date(2018, 1, 1))
    >>> severe.value, severe.level, severe.jurisdiction
    (Yuan('300.00'), 'province', 'qinghai')
    >>> qinghai.value("proxy_payment.maximum_share", as_of=date(2018, 1, 1)).key
    'proxy_payment.floor_share'
    """

    values: tuple[ParameterValue, ...] = attrs.field(converter=_history)
    name: str = ""
    #: Lower layers (the national set under a province's, the province's under a county's).
    below: tuple[ParameterSet, ...] = attrs.field(default=(), converter=_layers)
    #: Renamed keys of this layer: (old name, new name) pairs.
    aliases: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_aliases)
    #: The level of government this layer speaks for (national, province, county), or "".
    level: str = ""
    #: The jurisdiction's Chinese and English names (``青海省``, ``Qinghai``), when given.
    name_zh: str = ""
    name_en: str = ""

    def __repr__(self) -> str:
        """``ParameterSet(name=…, level=…, values=n, layers=n)``: short at any size."""
        return short_repr(
            "ParameterSet",
            name=repr(self.name),
            level=self.level or "none",
            values=len(self.values),
            below=", ".join(layer.name or layer.level for layer in self.below) or "none",
        )

    def layered(self, county: ParameterSet) -> ParameterSet:
        """``county`` (or a province) over this set: its values win where they are in force."""
        return attrs.evolve(county, below=(self, *county.below))

    @property
    def alias_map(self) -> dict[str, str]:
        """Every layer's renamed keys, old name → new name (an upper layer's entry wins)."""
        combined: dict[str, str] = {}
        for layer in reversed(self.below):
            combined.update(layer.alias_map)
        combined.update(dict(self.aliases))
        return combined

    def canonical_key(self, key: str) -> str:
        """``key`` under its current name (an alias is followed; other keys are unchanged)."""
        return self.alias_map.get(key, key)

    def _layer_names(self) -> dict[str, ParameterSet]:
        found: dict[str, ParameterSet] = {}
        for layer in reversed(self.below):
            found.update(layer._layer_names())
        if self.level and self.name:
            found[self.level] = self
        return found

    @property
    def regions(self) -> dict[str, str]:
        """The jurisdiction of each level in the layers: ``{"province": "qinghai", …}``."""
        return {level: layer.name for level, layer in self._layer_names().items()}

    @property
    def region_names(self) -> dict[str, tuple[str, str]]:
        """Each level's names in Chinese and English: ``{"province": ("青海省", "Qinghai")}``.

        A name the file does not give is its jurisdiction key (``qinghai``).
        """
        return {
            level: (layer.name_zh or layer.name, layer.name_en or layer.name)
            for level, layer in self._layer_names().items()
        }

    def _raw_keys(self) -> set[str]:
        keys = {value.key for value in self.values}
        for layer in self.below:
            keys.update(layer._raw_keys())
        return keys

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key of every layer under its current name, sorted."""
        aliases = self.alias_map
        return tuple(sorted({aliases.get(key, key) for key in self._raw_keys()}))

    def _named(self, key: str, aliases: Mapping[str, str]) -> list[ParameterValue]:
        """This layer's values of ``key`` (by any of its names), under the current name."""
        old_names = tuple(sorted(old for old, new in aliases.items() if new == key))
        return [
            attrs.evolve(value, key=key, aliases=old_names)
            for value in self.values
            if aliases.get(value.key, value.key) == key
        ]

    def _find(self, key: str, as_of: date, aliases: Mapping[str, str]) -> ParameterValue | None:
        in_force = [v for v in self._named(key, aliases) if v.effective <= as_of]
        if in_force:
            return in_force[-1]
        for layer in self.below:
            found = layer._find(key, as_of, aliases)
            if found is not None:
                return found
        return None

    def find(self, key: str, *, as_of: date) -> ParameterValue | None:
        """The value of ``key`` in force on ``as_of``, or None (unknown keys raise)."""
        aliases = self.alias_map
        key = aliases.get(key, key)
        if key not in self.keys:
            said = {"key": repr(key), "known": ", ".join(self.keys)}
            raise UnknownKeyError(
                code="parameters.unknown_parameter", params=said, key=key, known=self.keys
            )
        return self._find(key, as_of, aliases)

    def value(self, key: str, *, as_of: date) -> ParameterValue:
        """The value of ``key`` in force on ``as_of``.

        Raises :class:`~pension_subsidy.UnknownKeyError` for an unknown key and
        :class:`~pension_subsidy.NotInForceError` when no value has taken effect yet.
        """
        found = self.find(key, as_of=as_of)
        if found is None:
            dates = sorted(v.effective for v in self.history(key))
            said = {"key": repr(key), "as_of": as_of.isoformat(), "first": dates[0].isoformat()}
            raise NotInForceError(code="parameters.not_in_force", params=said, key=key, as_of=as_of)
        return found

    def _history(self, key: str, aliases: Mapping[str, str]) -> list[ParameterValue]:
        values = self._named(key, aliases)
        for layer in self.below:
            values.extend(layer._history(key, aliases))
        return values

    def history(self, key: str) -> tuple[ParameterValue, ...]:
        """Every dated value of ``key`` in every layer, oldest first (upper layer first on ties)."""
        aliases = self.alias_map
        values = self._history(aliases.get(key, key), aliases)
        return tuple(sorted(values, key=lambda item: item.effective))

    def in_force(self, as_of: date) -> tuple[ParameterValue, ...]:
        """Every parameter in force on ``as_of``, sorted by key."""
        found = (self.find(key, as_of=as_of) for key in self.keys)
        return tuple(value for value in found if value is not None)

    def proxy_floor(self, *, as_of: date) -> Yuan:
        """The national floor of a proxy payment: the minimum grade × ``proxy_payment.floor_share``.

        A floor, not a cap: a province's own standard (``proxy_payment.<group>``) is used as
        it is, above the floor (Qinghai's 300 元 for a severely disabled person) or as the
        "part" the national text allows.

        >>> from pension_subsidy.model.parameters import load_parameters
        >>> load_parameters().proxy_floor(as_of=date(2022, 6, 30))
        Yuan('100.00')
        """
        grades = self.value("contribution.grades", as_of=as_of).as_yuan_list()
        share = self.value("proxy_payment.floor_share", as_of=as_of).as_ratio()
        return min(grades).scale(share)
