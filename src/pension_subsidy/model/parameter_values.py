"""Dated policy values with their legal source: :class:`ParameterValue`, :class:`ParameterSet`.

A set answers "as of a date": the latest value of a key that has taken effect by then; a
county set layered over the national one wins where it is in force. Reading the data files
is :mod:`~pension_subsidy.model.parameters`' job.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from pension_subsidy.exceptions import (
    DataFileError,
    NotInForceError,
    UnknownKeyError,
)
from pension_subsidy.money import Yuan

__all__ = ["KINDS", "LegalSource", "ParameterSet", "ParameterValue", "ParameterVariant"]


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
