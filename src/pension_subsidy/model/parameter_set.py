"""A set of dated parameter values, layered: a county's over a province's over the nation's.

A set answers "as of a date": the latest value of a key that has taken effect by then; the
most local layer in force wins (county > province > national). A renamed key stays
readable through the set's ``aliases`` (old name → new name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.exceptions import NotInForceError, UnknownKeyError
from pension_subsidy.model.parameter_values import ParameterValue
from pension_subsidy.money import Yuan

__all__ = ["ParameterSet"]


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

        A file without a Chinese name is named by its jurisdiction key (``qinghai``); one
        without an English name has ``""`` there, which ``output.language.pick`` shows as the
        Chinese name (the one rule for falling back).
        """
        return {
            level: (layer.name_zh or layer.name, layer.name_en)
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
