"""Dated policy values with their legal source: :class:`ParameterValue`, :class:`LegalSource`.

A set (:mod:`~pension_subsidy.model.parameter_set`) answers "as of a date": the latest
value of a key that has taken effect by then; a province set layered over the national one,
and a county set over the province, wins where it is in force (county > province >
national). Every value says how sure it is
(``verified``, ``confidence``) and which level of government it comes from (``level``).
A renamed key stays readable through the set's ``aliases`` (old name → new name). Reading
the data files is :mod:`~pension_subsidy.model.parameters`' job.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.exceptions import (
    DataFileError,
    Phrase,
)
from pension_subsidy.money import Yuan

__all__ = [
    "CONFIDENCE_LEVELS",
    "KINDS",
    "LEVELS",
    "LegalSource",
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
    #: Whether the value was read from a file bundled with the library.
    bundled: bool = False
    #: The name of the file the value was read from, as given (``origin`` without a marker).
    file_name: str = ""
    #: The unit in English when the file gives one (``unit_en``); else the unit is shown as is.
    unit_en: str = ""

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
            "bundled": self.bundled,
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
