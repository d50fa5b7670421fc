"""Projects (budget lines), units and their checks against appropriations.

A :class:`Project` holds its components and its appropriation (预算金额); its
:meth:`~Project.check` compares the two. A :class:`Unit` (预算单位) holds projects and
rolls them up; a :class:`Budget` is one year's table of units.

>>> from pension_subsidy import load_dataset
>>> fund = load_dataset("menyuan-2022").project("county_supporting_fund")
>>> check = fund.check()
>>> check.total, check.headroom, check.utilisation, check.status
(Yuan('1690000.00'), Yuan('60000.00'), Decimal('96.57'), <Status.WITHIN: 'within'>)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, UnknownKeyError
from pension_subsidy.model.components import Component
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.money import Yuan, round_half_up

__all__ = [
    "Budget",
    "ComponentShare",
    "Project",
    "ProjectCheck",
    "Status",
    "Unit",
    "component_data",
]

_PERCENT_PLACES = Decimal("0.01")


class Status(enum.Enum):
    """Where a project's total stands against its appropriation."""

    WITHIN = "within"
    AT = "at"
    OVER = "over"


def _percent(part: Yuan, whole: Yuan) -> Decimal | None:
    if whole.is_zero():
        return None
    return round_half_up(part.ratio(whole) * 100, _PERCENT_PLACES)


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    items = tuple(value)
    keys = [item.key for item in items]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        msg = f"Project.components: each component once, got {', '.join(duplicated)} twice"
        raise InvalidAmountError(msg, field="components", value=duplicated)
    return items


def _appropriation(value: Yuan | str | int) -> Yuan:
    if not isinstance(value, Yuan):
        value = Yuan(value, field="appropriation")
    if value < Yuan(0):
        msg = f"Project.appropriation: expected an amount ≥ 0 元, got {value} 元"
        raise InvalidAmountError(msg, field="appropriation", value=value)
    return value


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _projects(value: Iterable[Project]) -> tuple[Project, ...]:
    return tuple(value)


def _units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(value)


def _allocate(overrun: Yuan, amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """Split ``overrun`` in proportion to ``amounts`` into whole 分 that add up exactly."""
    fen = int(overrun.value * 100)
    total = sum((amount for amount in amounts), Yuan(0))
    exact = [Fraction(fen) * amount.ratio(total) for amount in amounts]
    floors = [int(part) for part in exact]  # parts are ≥ 0: int() rounds down
    left = fen - sum(floors)
    order = sorted(
        range(len(amounts)), key=lambda i: (exact[i] - floors[i], amounts[i], -i), reverse=True
    )
    for index in order[:left]:
        floors[index] += 1
    return tuple(Yuan(Decimal(part).scaleb(-2)) for part in floors)


def _money(amount: Yuan | None) -> str | None:
    return None if amount is None else str(amount)


def component_data(component: Component, check: ProjectCheck | None = None) -> dict[str, Any]:
    """One component in the report's JSON shape, with its share when ``check`` is given.

    (``model.data.component_data`` is this function.)
    """
    data: dict[str, Any] = {
        "key": component.key,
        "name_zh": component.name_zh,
        "name_en": component.name_en,
        "headcount": component.headcount,
        "per_capita_yuan": _money(component.per_capita),
        "amount_yuan": str(component.amount),
        "derivation": component.derivation,
        "basis": component.basis.value,
        "derivation_en": component.derivation_in("en"),
        "amount_wan": str(component.amount.to_wan()),
        "kind": component.key,
        "formula": component.formula.value,
    }
    if check is not None:
        for share in check.shares:
            if share.key == component.key:
                data["share_percent"] = None if share.share is None else str(share.share)
                if share.attributed_overrun is not None:
                    data["attributed_overrun_yuan"] = str(share.attributed_overrun)
    return data


@attrs.frozen
class ComponentShare:
    """One component's amount and its share of the project total (%).

    When the project is over its appropriation, ``attributed_overrun`` is the part of the
    overrun attributed to the component in proportion to its amount.
    """

    key: str
    amount: Yuan
    share: Decimal | None
    attributed_overrun: Yuan | None = None


@attrs.frozen
class ProjectCheck:
    """The result of checking a project's total against its appropriation."""

    project_key: str
    appropriation: Yuan
    total: Yuan
    #: appropriation − total; negative when over
    headroom: Yuan
    #: total ÷ appropriation in %, to 0.01 (四舍五入); None for a zero appropriation
    utilisation: Decimal | None
    status: Status
    shares: tuple[ComponentShare, ...]

    @property
    def overrun(self) -> Yuan | None:
        """By how much the total exceeds the appropriation (None when it does not)."""
        return -self.headroom if self.status is Status.OVER else None

    @property
    def drivers(self) -> tuple[ComponentShare, ...]:
        """When over, the components by their part of the overrun, largest first."""
        if self.status is not Status.OVER:
            return ()
        return tuple(sorted(self.shares, key=lambda share: share.amount, reverse=True))


@attrs.frozen
class Project:
    """A budget line (项目): its appropriation, components, goals and indicators.

    A project without itemised components (the work funds) totals its appropriation.
    """

    key: str
    name_zh: str
    name_en: str
    appropriation: Yuan = attrs.field(converter=_appropriation)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_components)
    goals: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)

    @property
    def itemised(self) -> bool:
        """Whether the project lists components."""
        return bool(self.components)

    @property
    def total(self) -> Yuan:
        """Σ components, or the appropriation for a project without components."""
        if not self.components:
            return self.appropriation
        return sum((component.amount for component in self.components), Yuan(0))

    def component(self, key: str) -> Component:
        """The component with ``key``; :class:`~pension_subsidy.UnknownKeyError` otherwise."""
        for component in self.components:
            if component.key == key:
                return component
        known = tuple(component.key for component in self.components)
        msg = f"project {self.key!r} has no component {key!r}; it has: {', '.join(known) or 'none'}"
        raise UnknownKeyError(msg, key=key, known=known)

    def check(self) -> ProjectCheck:
        """Compare the total with the appropriation.

        Over the appropriation, each component is attributed the part of the overrun in
        proportion to its amount. The parts are whole 分 and add up to the overrun exactly:
        each is rounded down, and the 分 left over go to the largest remainders (ties to the
        larger amount, then table order) — rounding each part 四舍五入 on its own could
        attribute a 分 more or less than the overrun.
        """
        total = self.total
        headroom = self.appropriation - total
        if headroom > Yuan(0):
            status = Status.WITHIN
        elif headroom.is_zero():
            status = Status.AT
        else:
            status = Status.OVER
        attributed: list[Yuan | None] = [None] * len(self.components)
        if status is Status.OVER and not total.is_zero():
            attributed = list(_allocate(-headroom, [c.amount for c in self.components]))
        shares = [
            ComponentShare(
                key=component.key,
                amount=component.amount,
                share=_percent(component.amount, total),
                attributed_overrun=part,
            )
            for component, part in zip(self.components, attributed, strict=True)
        ]
        return ProjectCheck(
            project_key=self.key,
            appropriation=self.appropriation,
            total=total,
            headroom=headroom,
            utilisation=_percent(total, self.appropriation),
            status=status,
            shares=tuple(shares),
        )

    def data(self) -> dict[str, Any]:
        """The project with its check in the report's JSON shape (exact 元 strings).

        >>> from pension_subsidy import load_dataset
        >>> data = load_dataset().project("county_supporting_fund").data()
        >>> data["total_yuan"], data["headroom_yuan"], data["status"]
        ('1690000.00', '60000.00', 'within')
        """
        check = self.check()
        return {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "appropriation_yuan": str(self.appropriation),
            "total_yuan": str(check.total),
            "headroom_yuan": str(check.headroom),
            "status": check.status.value,
            "components": [component_data(component, check) for component in self.components],
            "appropriation_wan": str(self.appropriation.to_wan()),
            "total_wan": str(check.total.to_wan()),
            "utilisation_percent": None if check.utilisation is None else str(check.utilisation),
            "itemised": self.itemised,
            "overrun_yuan": _money(check.overrun),
            "drivers": [share.key for share in check.drivers],
        }


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

    @property
    def total(self) -> Yuan:
        """Σ of the projects' appropriations."""
        return sum((project.appropriation for project in self.projects), Yuan(0))

    def project(self, key: str) -> Project:
        """The project with ``key`` (or its Chinese name as written in the table)."""
        for project in self.projects:
            if key in (project.key, project.name_zh):
                return project
        known = tuple(project.key for project in self.projects)
        msg = f"unit {self.code} has no project {key!r}; it has: {', '.join(known) or 'none'}"
        raise UnknownKeyError(msg, key=key, known=known)


@attrs.frozen
class Budget:
    """One year's performance-target table: its units, in table order.

    ``key`` names the dataset (``"menyuan-2022"``); ``source`` says where the figures come
    from. :attr:`unit` is the unit that holds projects (the department, 501003 in the seed).
    """

    key: str
    year: int
    title_zh: str
    units: tuple[Unit, ...] = attrs.field(converter=_units)
    title_en: str = ""
    source: str = ""

    @property
    def unit(self) -> Unit:
        """The first unit that holds projects (else the first unit)."""
        for unit in self.units:
            if unit.projects:
                return unit
        if not self.units:
            msg = f"budget {self.key!r} has no units"
            raise UnknownKeyError(msg, key="unit")
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
        msg = f"no project {key!r}; the projects are: {', '.join(known) or 'none'}"
        raise UnknownKeyError(msg, key=key, known=known)

    def replace_project(self, project: Project) -> Budget:
        """A copy with the project of the same key replaced (for what-ifs)."""
        self.project(project.key)  # raises for an unknown key
        units = tuple(
            attrs.evolve(
                unit,
                projects=tuple(project if p.key == project.key else p for p in unit.projects),
            )
            for unit in self.units
        )
        return attrs.evolve(self, units=units)

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
                }
                for item in self.units
            ],
        }
