"""Overrides (情景调整): what a ``KEY.FIELD=VALUE`` names and the change it makes.

A :class:`Target` names an input (``severe_disability_proxy.per_capita``) or a project's
``appropriation``; a :class:`Change` is absolute (``60``, ``60元``, ``175万元``) or relative
(``+3%``, ``-10%``, ``+500``; :mod:`~pension_subsidy.whatif.changes`); an :class:`Override` is
the two together, parsed from its text. Applying them is :mod:`~pension_subsidy.whatif.apply`'s
job.

>>> str(Override.parse("severe_disability_proxy.per_capita=60"))
'severe_disability_proxy.per_capita=60'
"""

from __future__ import annotations

import re

import attrs

from pension_subsidy.exceptions import (
    InvalidNumberError,
    InvalidOverrideError,
    Phrase,
    UnknownKeyError,
    detail_of,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.components import (
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    VillageCadreSubsidy,
)
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.model.kinds import FieldType, field_type
from pension_subsidy.money import parse_number
from pension_subsidy.whatif.changes import _VALUE, Change

__all__ = [
    "COUNT_FIELDS",
    "PER_PERSON_KINDS",
    "Change",
    "Override",
    "Target",
    "field_known",
    "fields_of",
    "resolve",
]

#: The component kinds whose inputs are persons × a per-capita figure (or a disclosed amount).
PER_PERSON_KINDS = (
    ContributionSubsidy,
    SevereDisabilityProxy,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    VillageCadreSubsidy,
    LandLossPension,
)

#: Fields that hold whole counts (persons, villages, months); the rest hold money.
COUNT_FIELDS = frozenset({"headcount", "villages", "per_village", "months"})
_COUNT_UNITS = frozenset({"", "人", "村", "月"})
_MONEY_UNITS = frozenset({"", "元", "万元"})
_SHARE_UNITS = frozenset({"", "%"})
#: ``bands[0].headcount``: one row's field of a component given by rows (bands, tiers).
_ROW_FIELD = re.compile(r"^(?P<rows>[a-z_]+)\[(?P<index>\d+)\]\.(?P<column>[a-z_]+)$")
#: Row columns that name a row rather than measure it: set by index only, never scaled.
_ROW_NAMES = frozenset({"from_age", "to_age", "grade"})


def _generic_fields(component: KindComponent) -> tuple[str, ...]:
    """A catalogue kind's fields from its formula's field table (no code per kind).

    Scalars by name; the columns of rows (``headcount`` of every band) by the column's name,
    changed in proportion; one row's field as ``bands[0].headcount`` (not listed, accepted).
    """
    if component.disclosed_amount is not None:
        return ("headcount", "amount")
    names: list[str] = []
    for field in component.fields:
        if field.type is FieldType.ROWS:
            names.extend(c.name for c in field.columns if c.name not in _ROW_NAMES)
        else:
            names.append(field.name)
    return (*names, "amount")


def _row_field(component: KindComponent, field: str) -> bool:
    """Whether ``field`` is ``rows[i].column`` of a row ``component`` has."""
    match = _ROW_FIELD.match(field)
    if match is None or component.disclosed_amount is not None:
        return False
    rows = next((f for f in component.fields if f.name == match["rows"]), None)
    if rows is None or rows.type is not FieldType.ROWS:
        return False
    count = len(component.column(rows.columns[0].name))
    return int(match["index"]) < count and any(c.name == match["column"] for c in rows.columns)


def fields_of(component: Component) -> tuple[str, ...]:
    """The fields an override may set on ``component``.

    >>> fields_of(CoordinatorAllowance(villages=109))
    ('villages', 'per_village', 'per_capita')

    A component of any other catalogue kind has its formula's fields, and ``amount``:

    >>> from pension_subsidy.model.kinds import bundled_kinds
    >>> fields_of(KindComponent(kind=bundled_kinds().get("funeral_grant"), events=35,
    ...                         grant_yuan="2000"))
    ('events', 'grant_yuan', 'amount')
    """
    if isinstance(component, KindComponent):
        return _generic_fields(component)
    if isinstance(component, LandLossPension):
        return ("headcount", "per_capita", "amount", "monthly", "months")
    if isinstance(component, PER_PERSON_KINDS):
        return ("headcount", "per_capita", "amount")
    if isinstance(component, CoordinatorAllowance):
        return ("villages", "per_village", "per_capita")
    return ("headcount", "per_capita")


def field_known(component: Component, field: str) -> bool:
    """Whether an override may set ``field`` on ``component``.

    The field is one of :func:`fields_of`, or one row's field (``bands[0].headcount``) of a
    component given by rows.
    """
    if field in fields_of(component):
        return True
    return isinstance(component, KindComponent) and _row_field(component, field)


# -- targets --------------------------------------------------------------------------------
@attrs.frozen
class Target:
    """What an override, a solve or a growth rate acts on: ``[PROJECT.]KEY.FIELD``.

    >>> Target.parse("severe_disability_proxy.per_capita")
    Target(key='severe_disability_proxy', field='per_capita', project=None)
    >>> str(Target.parse("county_supporting_fund.land_loss_pension.monthly"))
    'county_supporting_fund.land_loss_pension.monthly'
    >>> Target.parse("age_band_topup.bands[0].headcount")
    Target(key='age_band_topup', field='bands[0].headcount', project=None)
    """

    key: str
    field: str
    project: str | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read ``KEY.FIELD`` or ``PROJECT.KEY.FIELD``."""
        parts = text.strip().split(".")
        if len(parts) in (3, 4) and all(parts) and _ROW_FIELD.match(".".join(parts[-2:])):
            # one row's field: [PROJECT.]KEY.rows[i].column
            project = parts[0] if len(parts) == 4 else None
            return cls(key=parts[-3], field=".".join(parts[-2:]), project=project)
        if len(parts) not in (2, 3) or not all(parts):
            said = {"got": repr(text)}
            raise InvalidOverrideError(code="override.target", params=said, text=text)
        if len(parts) == 3:
            return cls(key=parts[1], field=parts[2], project=parts[0])
        return cls(key=parts[0], field=parts[1])

    def __str__(self) -> str:
        """``KEY.FIELD`` (with the project in front when one was named)."""
        prefix = f"{self.project}." if self.project else ""
        return f"{prefix}{self.key}.{self.field}"

    @property
    def is_count(self) -> bool:
        """Whether the field holds whole counts (persons, villages, months, events, …)."""
        return self.field in COUNT_FIELDS or field_type(self.field) is FieldType.COUNT

    @property
    def is_share(self) -> bool:
        """Whether the field holds a share in percent (``share`` of a ``share_of`` kind)."""
        return field_type(self.field) is FieldType.SHARE


def resolve(budget: Budget, target: Target) -> tuple[Project, Component | None]:
    """The project and component a target names (component None for ``appropriation``).

    Raises :class:`~pension_subsidy.UnknownKeyError` naming the unknown key or field and
    listing the known ones.
    """
    projects = budget.projects
    if target.project is not None:
        projects = (budget.project(target.project),)
    if target.field == "appropriation":
        if target.project is not None and target.key != target.project:
            said: dict[str, object] = {"key": repr(target.key)}
            known = tuple(p.key for p in projects)
            code = "override.appropriation"
            raise UnknownKeyError(code=code, params=said, key=target.key, known=known)
        return budget.project(target.key), None
    project, component = _holder(projects, target)
    known_fields = fields_of(component)
    if not field_known(component, target.field):
        said = {
            "field": repr(target.field),
            "target": str(target),
            "key": target.key,
            "fields": ", ".join(known_fields),
            "project": project.key,
        }
        raise UnknownKeyError(
            code="override.unknown_field", params=said, key=target.field, known=known_fields
        )
    return project, component


def _holder(projects: tuple[Project, ...], target: Target) -> tuple[Project, Component]:
    """The one project of ``projects`` holding the component ``target`` names, and it."""
    holders = [
        (project, component)
        for project in projects
        for component in project.components
        if component.key == target.key
    ]
    if not holders:
        known = tuple(sorted({c.key for p in projects for c in p.components}))
        project_keys = tuple(p.key for p in projects)
        where = (
            Phrase("override.where_project", project=projects[0].key, key=repr(target.key))
            if len(projects) == 1
            else Phrase("override.where_none", key=repr(target.key))
        )
        said = {
            "target": str(target),
            "where": where,
            "known": ", ".join(known) or Phrase("override.none"),
            "projects": ", ".join(project_keys),
        }
        raise UnknownKeyError(
            code="override.no_component", params=said, key=target.key, known=known + project_keys
        )
    if len(holders) > 1:
        names = ", ".join(f"{p.key}.{target.key}.{target.field}" for p, _ in holders)
        said = {"key": repr(target.key), "names": names}
        raise UnknownKeyError(
            code="override.several_projects",
            params=said,
            key=target.key,
            known=tuple(p.key for p, _ in holders),
        )
    return holders[0]


@attrs.frozen
class Override:
    """One ``KEY.FIELD=VALUE`` override.

    >>> Override.parse("contribution_subsidy.headcount=+3%").target.field
    'headcount'
    """

    target: Target
    change: Change

    @classmethod
    def parse(cls, text: str) -> Override:
        """Read ``KEY.FIELD=VALUE``."""
        if "=" not in text:
            said: dict[str, object] = {"got": repr(text)}
            raise InvalidOverrideError(code="override.no_equals", params=said, text=text)
        target_text, value_text = text.split("=", 1)
        target = Target.parse(target_text)
        try:
            # a share is set as a percentage without a sign (share=12%): 12, in percent
            unsigned = _VALUE.match(value_text)
            if target.is_share and unsigned and unsigned["unit"] == "%" and not unsigned["sign"]:
                number = parse_number(unsigned["number"], field="value")
                change = Change("set", number, value_text.strip(), "%")
            else:
                change = Change.parse(value_text)
        except (InvalidOverrideError, InvalidNumberError) as error:
            said = {"target": str(target), "problem": detail_of(error)}
            raise InvalidOverrideError(code="override.at", params=said, text=text) from None
        if target.is_share and change.unit not in _SHARE_UNITS:
            said = {"target": str(target), "got": repr(value_text)}
            raise InvalidOverrideError(code="override.share", params=said, text=text)
        if target.is_share:
            return cls(target=target, change=change)
        allowed = _COUNT_UNITS if target.is_count else _MONEY_UNITS
        if change.unit not in allowed | {"%"}:
            kind = Phrase("override.a_count" if target.is_count else "override.money")
            units = ", ".join(sorted(u for u in allowed if u)) or Phrase("parameters.none")
            said = {"target": str(target), "kind": kind, "units": units, "got": repr(value_text)}
            raise InvalidOverrideError(code="override.unit", params=said, text=text)
        return cls(target=target, change=change)

    def __str__(self) -> str:
        """``KEY.FIELD=VALUE`` as given."""
        return f"{self.target}={self.change.text or self.change.amount}"
