"""Units (预算单位) and budgets: one year's table of units and their projects.

A :class:`Unit` holds projects and rolls them up; a :class:`Budget` is one year's table of
units. Projects and their checks live in :mod:`~pension_subsidy.model.project` and
:mod:`~pension_subsidy.model.project_check`, the JSON shape in
:mod:`~pension_subsidy.model.budget_data`; their names are importable from here.

>>> from pension_subsidy import load_dataset
>>> fund = load_dataset("menyuan-2022").project("county_supporting_fund")
>>> check = fund.check()
>>> check.total, check.headroom, check.utilisation, check.status
(Yuan('1690000.00'), Yuan('60000.00'), Decimal('96.57'), <Status.WITHIN: 'within'>)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import Phrase, UnknownKeyError
from pension_subsidy.model.areas import AreaCheck, AreaFigures, compare_areas
from pension_subsidy.model.budget_data import (
    _BUDGET_COLUMNS,
    _area_data,
    _money,
    _project_records,
    _unit_extra,
    component_data,
)
from pension_subsidy.model.execution import Execution, ExecutionCheck, check_execution
from pension_subsidy.model.funding import Funding, FundingCheck, Level, sum_funding
from pension_subsidy.model.project import Project, _budget_of
from pension_subsidy.model.project_check import (  # noqa: F401 — kept where tests find them
    ComponentShare,
    ProjectCheck,
    Status,
    _allocate,
    _allocate_fractions,
    _percent,
)
from pension_subsidy.model.replace import copy_with
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Budget",
    "ComponentShare",
    "Project",
    "ProjectCheck",
    "Status",
    "Unit",
    "component_data",
]


def _projects(value: Iterable[Project]) -> tuple[Project, ...]:
    return tuple(value)


def _area_codes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(value)


def _known_areas(budget: Budget, attribute: attrs.Attribute[Any], units: tuple[Unit, ...]) -> None:
    """Every code a unit lists in ``areas`` is another unit of the budget, listed once."""
    codes = tuple(unit.code for unit in units)
    for unit in units:
        for code in unit.areas:
            if code not in codes or code == unit.code:
                others = ", ".join(other for other in codes if other != unit.code)
                said = {
                    "unit": unit.code,
                    "code": repr(code),
                    "others": others or Phrase("parameters.none"),
                }
                raise UnknownKeyError(code="budget.no_area", params=said, key=code, known=codes)
            if unit.areas.count(code) > 1:
                said = {"unit": unit.code, "code": repr(code)}
                raise UnknownKeyError(code="budget.area_twice", params=said, key=code, known=codes)


@attrs.frozen
class Unit:
    """A budget unit (预算单位) with its code, its projects and the total the table states.

    ``stated_total`` is the amount printed on the unit's row (None when the table has none);
    :attr:`total` is the sum of the projects' appropriations. They may differ: the audit
    reports it; the model keeps both.
    """

    code: str
    name_zh: str
    name_en: str = ""
    projects: tuple[Project, ...] = attrs.field(default=(), converter=_projects)
    stated_total: Yuan | None = None
    parent: str | None = None
    #: the unit's own funding split (资金来源), when stated at the unit
    funding: Funding | None = None
    #: the unit's own budget and execution figures, when stated at the unit
    execution: Execution | None = None
    #: the codes of the units (areas: a city's counties) whose figures add up to this one's
    areas: tuple[str, ...] = attrs.field(default=(), converter=_area_codes)

    def __repr__(self) -> str:
        """``Unit('code', projects=n, total=…)``: short at any size."""
        return short_repr(
            "Unit", code=repr(self.code), projects=len(self.projects), total=self.total
        )

    @property
    def total(self) -> Yuan:
        """Σ of the projects' appropriations."""
        return sum((project.appropriation for project in self.projects), Yuan(0))

    def execution_check(self) -> ExecutionCheck | None:
        """Budget against execution for the unit (an area), from its own figures or projects'.

        A figure not stated at the unit is the sum of its projects' when every project gives
        it; one stated at the unit and by every project is checked against their sum.
        """
        checks = [project.execution_check() for project in self.projects]
        own = self.execution is not None and self.execution.given
        if not own and all(check is None for check in checks):
            return None
        parts = [
            check
            if check is not None
            else check_execution(project.key, Execution(), planned=project.appropriation)
            for project, check in zip(self.projects, checks, strict=True)
        ]
        return check_execution(
            self.code,
            self.execution or Execution(),
            planned=self.total if self.projects else self.stated_total,
            parts=parts,
            parts_code="projects_sum",
        )

    def funding_check(self) -> FundingCheck | None:
        """The unit's own funding split checked against its budget (None when not stated).

        The total is the unit's adjusted budget when known, else its year-start budget,
        else its stated total, else the sum of its projects' appropriations — None for a
        unit with none of these (a share then resolves to no amount).
        """
        if self.funding is None:
            return None
        execution = self.execution_check()
        total = self.stated_total
        if total is None and self.projects:
            total = self.total
        if execution is not None:
            total = _budget_of(execution.figures, total)
        return self.funding.check(total, where=self.code)

    def funding_by_level(self) -> dict[Level, Yuan]:
        """What each level pays: the unit's own split, else the sum of its projects' splits."""
        own = self.funding_check()
        if own is not None:
            return sum_funding([own])
        checks = [project.funding_check() for project in self.projects]
        return sum_funding(check for check in checks if check is not None)

    def figures(self) -> AreaFigures:
        """The unit's figures as an area (see :mod:`pension_subsidy.model.areas`)."""
        appropriation = self.stated_total
        if appropriation is None and self.projects:
            appropriation = self.total
        return AreaFigures(
            code=self.code,
            name_zh=self.name_zh,
            name_en=self.name_en,
            appropriation=appropriation,
            execution=self.execution_check(),
            funding=tuple(self.funding_by_level().items()),
        )

    def project(self, key: str) -> Project:
        """The project with ``key`` (or its Chinese name as written in the table)."""
        for project in self.projects:
            if key in (project.key, project.name_zh):
                return project
        known = tuple(project.key for project in self.projects)
        said = {
            "unit": self.code,
            "key": repr(key),
            "known": ", ".join(known) or Phrase("parameters.none"),
        }
        raise UnknownKeyError(code="budget.unit_project", params=said, key=key, known=known)


@attrs.frozen
class Budget:
    """One year's performance-target table: its units, in table order.

    ``key`` names the dataset (``"menyuan-2022"``); ``source`` says where the figures come
    from. :attr:`unit` is the unit that holds projects (the department, 501003 in the seed).
    """

    key: str
    year: int
    title_zh: str
    units: tuple[Unit, ...] = attrs.field(converter=_units, validator=_known_areas)
    title_en: str = ""
    source: str = ""

    def __repr__(self) -> str:
        """``Budget('key', year=…, units=n, projects=n)``: short at any size."""
        return short_repr(
            "Budget",
            key=repr(self.key),
            year=self.year,
            units=len(self.units),
            projects=len(self.projects),
        )

    def to_frame(self) -> pandas.DataFrame:
        """One row per component of every project of every unit (the ``pandas`` extra).

        A project without components is one row of its own (``key`` empty, its total — the
        appropriation — as ``amount_yuan``), so the column adds up to the projects' totals.
        Columns: ``unit``, ``project``, ``key`` (the component), ``name_zh``, ``kind``,
        ``formula``, ``basis``, ``headcount`` (Int64), ``per_capita_yuan``, ``amount_yuan``,
        ``attributed_overrun_yuan`` (exact Decimal 元), ``share_percent`` (Decimal) and
        ``derivation``.

        >>> from pension_subsidy import load_dataset
        >>> frame = load_dataset().to_frame()
        >>> fund = frame[frame["project"] == "county_supporting_fund"]
        >>> fund["amount_yuan"].sum(), frame["amount_yuan"].sum()
        (Decimal('1690000.00'), Decimal('1840400.00'))
        >>> str(frame["headcount"].dtype)
        'Int64'
        """
        return data_frame(self._records(), _BUDGET_COLUMNS)

    def _records(self) -> list[dict[str, object]]:
        return [record for unit in self.units for record in _project_records(unit, unit.projects)]

    def _repr_html_(self) -> str:
        """The components of every project as a small HTML table (Jupyter)."""
        caption = f"{self.key} ({self.year}): {self.title_zh}"
        return html_records(caption, self._records(), _BUDGET_COLUMNS)

    def unit_by_code(self, code: str) -> Unit:
        """The unit with ``code``; :class:`~pension_subsidy.UnknownKeyError` otherwise."""
        for unit in self.units:
            if unit.code == code:
                return unit
        known = tuple(unit.code for unit in self.units)
        said = {"key": repr(code), "known": ", ".join(known) or Phrase("parameters.none")}
        raise UnknownKeyError(code="budget.no_unit", params=said, key=code, known=known)

    def area_checks(self) -> tuple[AreaCheck, ...]:
        """Each unit that lists ``areas`` beside them, its figures checked against their sum."""
        return tuple(
            compare_areas(
                unit.figures(), [self.unit_by_code(code).figures() for code in unit.areas]
            )
            for unit in self.units
            if unit.areas
        )

    @property
    def unit(self) -> Unit:
        """The first unit that holds projects (else the first unit)."""
        for unit in self.units:
            if unit.projects:
                return unit
        if not self.units:
            said = {"budget": repr(self.key)}
            raise UnknownKeyError(code="budget.no_units", params=said, key="unit")
        return self.units[0]

    @property
    def projects(self) -> tuple[Project, ...]:
        """Every project of every unit, in table order."""
        return tuple(project for unit in self.units for project in unit.projects)

    def project(self, key: str) -> Project:
        """The project with ``key`` (or its Chinese name) in any unit."""
        for project in self.projects:
            if key in (project.key, project.name_zh):
                return project
        known = tuple(project.key for project in self.projects)
        said = {"key": repr(key), "known": ", ".join(known) or Phrase("parameters.none")}
        raise UnknownKeyError(code="budget.no_project", params=said, key=key, known=known)

    def replace_project(self, project: Project) -> Budget:
        """A copy with the project of the same key replaced (for what-ifs)."""
        return self.replace_projects([project])

    def replace_projects(self, projects: Iterable[Project]) -> Budget:
        """A copy with each project replaced by the one of the same key (for what-ifs).

        The units' codes and areas stay as they are, so nothing else is checked again; a
        unit without a replaced project is the same object in the copy.
        """
        by_key = {}
        for project in projects:
            self.project(project.key)  # raises for an unknown key
            by_key[project.key] = project
        units = tuple(
            copy_with(unit, {"projects": tuple(by_key.get(p.key, p) for p in unit.projects)})
            if any(p.key in by_key for p in unit.projects)
            else unit
            for unit in self.units
        )
        return copy_with(self, {"units": units})

    def data(self) -> dict[str, Any]:
        """The whole budget in the report's JSON shape (the foundation's contract).

        >>> from pension_subsidy import load_dataset
        >>> load_dataset().data()["total_yuan"]
        '1900400.00'
        """
        unit = self.unit
        return {
            "dataset": self.key,
            "year": self.year,
            "unit": {"code": unit.code, "name": unit.name_zh, "name_en": unit.name_en},
            "total_yuan": str(unit.total),
            "projects": [project.data() for project in unit.projects],
            "total_wan": str(unit.total.to_wan()),
            "title": self.title_zh,
            "units": [
                {
                    "code": item.code,
                    "name": item.name_zh,
                    "parent": item.parent,
                    "stated_total_yuan": _money(item.stated_total),
                    "total_yuan": str(item.total),
                    "projects": [project.key for project in item.projects],
                    **_unit_extra(item, shown=item is unit),
                }
                for item in self.units
            ],
            **_area_data(self),
        }
