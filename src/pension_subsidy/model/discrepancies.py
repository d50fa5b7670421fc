"""Discrepancies: stated figures that contradict each other, kept as data with their numbers.

A check never fixes a figure silently and never words its result: it returns
:class:`Discrepancy` values — a code, where it was found and the numbers involved, as exact
text — and the output layer says them in the reader's language.

>>> d = Discrepancy("funding_shares_sum", "county_supporting_fund",
...                 (("shares_percent", "95"), ("expected_percent", "100")))
>>> d.value("shares_percent"), d.data()["values"]
('95', {'shares_percent': '95', 'expected_percent': '100'})
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pension_subsidy.exceptions import UnknownKeyError

__all__ = ["DISCREPANCY_CODES", "Discrepancy"]

#: Every discrepancy code and what it means (the output layer words each one).
DISCREPANCY_CODES: dict[str, str] = {
    "funding_shares_sum": "the shares of the funding split do not add up to 100 %",
    "funding_amounts_sum": "the amounts of the funding split do not add up to the total",
    "funding_share_amount": "a level's stated amount is not its stated share × the total",
    "components_sum": "a project's stated figure differs from the sum of its components'",
    "projects_sum": "an area's stated figure differs from the sum of its projects'",
    "areas_sum": "an area's figure differs from the sum of the areas it is made of",
}


def _values(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(text)) for name, text in value)


@attrs.frozen
class Discrepancy:
    """A contradiction between stated figures (不一致), with the numbers involved.

    ``code`` is one of :data:`DISCREPANCY_CODES`; ``where`` names the project, component
    (``project.component``) or area (unit code); ``values`` are (name, exact value) pairs —
    amounts in 元 as ``"61500.00"``, percentages as ``"95"`` — in the order they are said.
    """

    code: str = attrs.field(validator=attrs.validators.in_(DISCREPANCY_CODES))
    where: str
    values: tuple[tuple[str, str], ...] = attrs.field(converter=_values)

    def value(self, name: str) -> str:
        """The value called ``name``; :class:`~pension_subsidy.UnknownKeyError` otherwise."""
        for key, text in self.values:
            if key == name:
                return text
        known = tuple(key for key, _ in self.values)
        said = {"code": repr(self.code), "name": repr(name)}
        raise UnknownKeyError(code="discrepancy.no_value", params=said, key=name, known=known)

    def data(self) -> dict[str, Any]:
        """``{"code", "where", "values": {name: value}}``, JSON-ready."""
        return {"code": self.code, "where": self.where, "values": dict(self.values)}
