"""What a check returns: a :class:`Finding` at a :class:`Location`, of a :class:`Severity`.

>>> str(Location(unit="501003", project_name="县级配套资金", line=7))
'501003 / 县级配套资金 (line 7)'
>>> wan(Yuan(65400)), wan(Yuan("1.23"))
('6.54', '0.000123')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.model.budget import Project, Unit
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.money import Yuan

__all__ = [
    "Finding",
    "Location",
    "Severity",
    "findings_data",
    "indicator_text",
    "line_name",
    "projects_of",
    "wan",
    "where",
]


class Severity(enum.Enum):
    """How serious a finding is: an error cannot be true as written, a warning needs a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Location:
    """Where a finding is: unit code, project key and name, indicator or goal text, line."""

    unit: str | None = None
    project: str | None = None
    project_name: str | None = None
    indicator: str | None = None
    goal: str | None = None
    line: int | None = None

    def data(self) -> dict[str, Any]:
        """The location as JSON-ready data (None for what does not apply)."""
        return attrs.asdict(self)

    def as_dict(self) -> dict[str, Any]:
        """The location as JSON-ready data: :meth:`data`."""
        return self.data()

    @property
    def place(self) -> str:
        """Unit, project, indicator and goal joined by `` / `` (without the line).

        The text output adds the line in the reader's language (``output.audit_text``).
        """
        parts = [self.unit, self.project_name or self.project, self.indicator, self.goal]
        return " / ".join(part for part in parts if part)

    def __str__(self) -> str:
        r"""``501003 / 城乡居民养老保险 县级配套资金 / 1. 养老保险参保率 $\\geq 100\\%$``."""
        text = self.place
        return f"{text} (line {self.line})" if self.line is not None else text


@attrs.frozen
class Finding:
    """One problem the audit found, with the numbers involved in ``values``."""

    code: str
    severity: Severity
    location: Location
    message_zh: str
    message_en: str
    values: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def data(self) -> dict[str, Any]:
        """The finding in the ``audit --format json`` shape."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location.data(),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "values": self.values,
        }

    def as_dict(self) -> dict[str, Any]:
        """The finding in the ``audit --format json`` shape: :meth:`data`."""
        return self.data()


def findings_data(findings: Iterable[Finding]) -> dict[str, Any]:
    """``{"findings": [...]}``, the JSON shape of ``audit --format json``: the audit's data.

    The audit's result is its tuple of findings; this is its JSON-ready form, each
    :meth:`Finding.data`.
    """
    return {"findings": [finding.data() for finding in findings]}


def wan(amount: Yuan) -> str:
    """万元 as tables write them: two decimals, or more when the amount needs them."""
    exact = amount.wan
    cents = exact.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == exact else f"{exact:f}"


def where(
    disclosure: Disclosure, unit: Unit, project: Project | None = None, **extra: Any
) -> Location:
    """The location of a unit, or of a project with its line in the table."""
    if project is None:
        return Location(unit=unit.code, **extra)
    line = disclosure.line_of(project)
    return Location(
        unit=unit.code, project=project.key, project_name=project.name_zh, line=line, **extra
    )


def line_name(indicator: Indicator) -> str:
    """An indicator as a line of the table names it: ``社保政策宣传成本 ≤6万元``."""
    return f"{indicator.name} {indicator.target_text}"


def indicator_text(indicator: Indicator) -> str:
    """The indicator's paragraph as the table writes it, or its name and target."""
    return indicator.text or line_name(indicator)


def projects_of(disclosure: Disclosure) -> Iterator[tuple[Unit, Project]]:
    """Every project of the table with its unit, in table order."""
    for unit in disclosure.budget.units:
        for project in unit.projects:
            yield unit, project
