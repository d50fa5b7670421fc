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
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.model.budget import Project, Unit
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Finding",
    "Location",
    "Severity",
    "findings_data",
    "findings_frame",
    "findings_html",
    "indicator_text",
    "line_name",
    "projects_of",
    "unit_en",
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

    def __repr__(self) -> str:
        """``Finding('code', severity=…, at=…)``: short, whatever ``values`` holds."""
        return short_repr(
            "Finding",
            code=repr(self.code),
            severity=self.severity.value,
            at=repr(str(self.location)),
        )


def findings_data(findings: Iterable[Finding]) -> dict[str, Any]:
    """``{"findings": [...]}``, the JSON shape of ``audit --format json``: the audit's data.

    The audit's result is its tuple of findings; this is its JSON-ready form, each
    :meth:`Finding.data`.
    """
    return {"findings": [finding.data() for finding in findings]}


#: The columns of :func:`findings_frame`, named as the keys of :meth:`Finding.data` (the
#: location's keys flattened beside them).
FINDING_COLUMNS = (
    "code",
    "severity",
    "unit",
    "project",
    "project_name",
    "indicator",
    "goal",
    "line",
    "message_zh",
    "message_en",
    "values",
)


def _finding_records(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [
        {
            "code": finding.code,
            "severity": finding.severity.value,
            **finding.location.data(),
            "message_zh": finding.message_zh,
            "message_en": finding.message_en,
            "values": finding.values,
        }
        for finding in findings
    ]


def findings_frame(findings: Iterable[Finding]) -> pandas.DataFrame:
    """Findings as a DataFrame, one row each (the ``pandas`` extra).

    Columns: ``code``, ``severity``, the location's ``unit``, ``project``,
    ``project_name``, ``indicator``, ``goal`` and ``line`` (Int64, missing where none),
    ``message_zh``, ``message_en`` and ``values`` (each finding's dict of figures, as in
    :meth:`Finding.data`).

    >>> from pension_subsidy import audit, load_disclosure
    >>> frame = findings_frame(audit(load_disclosure(None)))
    >>> len(frame), str(frame["line"].dtype), frame.loc[0, "severity"]
    (7, 'Int64', 'warning')
    """
    return data_frame(_finding_records(findings), FINDING_COLUMNS)


def findings_html(caption: str, findings: Iterable[Finding]) -> str:
    """Findings as a small HTML table (code, severity, place, English message), for Jupyter."""
    records = [
        {
            "code": finding.code,
            "severity": finding.severity.value,
            "where": str(finding.location),
            "message_en": finding.message_en,
        }
        for finding in findings
    ]
    return html_records(caption, records, ("code", "severity", "where", "message_en"))


def wan(amount: Yuan) -> str:
    """万元 as tables write them: two decimals, or more when the amount needs them."""
    exact = amount.wan
    cents = exact.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == exact else f"{exact:f}"


#: Units of money in English words, for the English messages.
_UNITS_EN = {"万元": "wan yuan", "元": "yuan"}


def unit_en(unit: str) -> str:
    """A unit of money in English words (万元: wan yuan); any other unit as written.

    >>> unit_en("万元"), unit_en("人")
    ('wan yuan', '人')
    """
    return _UNITS_EN.get(unit, unit)


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
