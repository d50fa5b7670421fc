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
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import InvalidAmountError, Phrase, UnknownKeyError
from pension_subsidy.model.areas import AreaCheck, AreaFigures, compare_areas
from pension_subsidy.model.components import Component
from pension_subsidy.model.execution import Execution, ExecutionCheck, check_execution
from pension_subsidy.model.fen import fen_of, percent, within_bounds, yuan_of
from pension_subsidy.model.funding import Funding, FundingCheck, Level, sum_funding
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.model.replace import copy_with
from pension_subsidy.money import Yuan, round_half_up

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

_PERCENT_PLACES = Decimal("0.01")


class Status(enum.Enum):
    """Where a project's total stands against its appropriation."""

    WITHIN = "within"
    AT = "at"
    OVER = "over"


def _percent(part: int, whole: int) -> Decimal | None:
    """``part`` 分 as a percentage of ``whole`` 分, 四舍五入 to 0.01 (None when ``whole`` is 0).

    Amounts ≥ 0 take whole-number arithmetic, equal to rounding the exact
    :class:`~fractions.Fraction` and several times faster, as a what-if sweep checks every
    project of every scenario.

    >>> _percent(17200, 17500), _percent(100, 800)
    (Decimal('98.29'), Decimal('12.50'))
    """
    if part < 0 or whole < 0:
        return round_half_up(Fraction(part, whole) * 100, _PERCENT_PLACES) if whole else None
    return percent(part, whole)


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    items = tuple(value)
    keys = [item.key for item in items]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        said = {"at": "Project.components: ", "keys": ", ".join(duplicated)}
        raise InvalidAmountError(
            code="budget.component_twice", params=said, field="components", value=duplicated
        )
    return items


def _appropriation(value: Yuan | str | int) -> Yuan:
    if not isinstance(value, Yuan):
        value = Yuan(value, field="appropriation")
    if value < 0:
        said = {"at": "Project.appropriation: ", "got": value}
        raise InvalidAmountError(
            code="funding.negative", params=said, field="appropriation", value=value
        )
    return value


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _projects(value: Iterable[Project]) -> tuple[Project, ...]:
    return tuple(value)


def _keyed_funding(
    value: Mapping[str, Funding] | Iterable[tuple[str, Funding]],
) -> tuple[tuple[str, Funding], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), funding) for key, funding in items)


def _keyed_execution(
    value: Mapping[str, Execution] | Iterable[tuple[str, Execution]],
) -> tuple[tuple[str, Execution], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), execution) for key, execution in items)


def _of_components(project: Project, attribute: attrs.Attribute[Any], value: object) -> None:
    """Every key of ``component_funding``/``component_execution`` is a component, once."""
    assert isinstance(value, tuple)
    keys = [key for key, _ in value]
    known = {component.key for component in project.components}
    for key in keys:
        if key not in known:
            said = {
                "at": f"Project.{attribute.name}: ",
                "key": repr(key),
                "known": ", ".join(sorted(known)) or Phrase("parameters.none"),
            }
            raise UnknownKeyError(
                code="budget.no_component", params=said, key=key, known=tuple(sorted(known))
            )
        if keys.count(key) > 1:
            said = {"at": f"Project.{attribute.name}: ", "keys": repr(key)}
            raise InvalidAmountError(
                code="budget.component_twice", params=said, field=attribute.name, value=key
            )


def _area_codes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _budget_of(figures: Execution, otherwise: Yuan | None) -> Yuan | None:
    """The budget a funding split is of: adjusted, else year-start, else ``otherwise``."""
    if figures.budget_adjusted is not None:
        return figures.budget_adjusted
    if figures.budget_start is not None:
        return figures.budget_start
    return otherwise


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


def _allocate(overrun: int, fens: list[int], amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """Split ``overrun`` 分 in proportion to the amounts into whole 分 that add up exactly.

    ``fens`` are the ``amounts`` in whole 分: each part is ``overrun × fen ÷ Σ fen``, its floor
    and remainder found by integer division.
    """
    total = sum(fens)
    if not fens or min(fens) < 0 or total <= 0:
        return _allocate_fractions(overrun, amounts)
    parts = [divmod(overrun * fen, total) for fen in fens]
    floors = [floor for floor, _ in parts]
    remainders = [remainder for _, remainder in parts]
    left = overrun - sum(floors)
    # a remainder over the same total orders the parts as their fractions of a 分 do
    order = sorted(range(len(fens)), key=lambda i: (remainders[i], fens[i], -i), reverse=True)
    for index in order[:left]:
        floors[index] += 1
    return tuple(yuan_of(part) for part in floors)


def _allocate_fractions(fen: int, amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """:func:`_allocate` in exact fractions, for amounts that are not all ≥ 0."""
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


def component_data(
    component: Component,
    check: ProjectCheck | None = None,
    *,
    funding: FundingCheck | None = None,
    execution: ExecutionCheck | None = None,
) -> dict[str, Any]:
    """One component in the report's JSON shape, with its share when ``check`` is given.

    With ``funding`` (its split checked) it adds ``"funding"`` (the levels given, exact 元),
    ``"funding_shares_percent"`` (when by share) and ``"funding_problems"``; with
    ``execution`` the figures :meth:`ExecutionCheck.data` knows. (``model.data.component_data``
    is this function.)
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
    _add_funding(data, funding)
    if execution is not None and execution.given:
        data.update(execution.data())
    return data


def _add_funding(data: dict[str, Any], funding: FundingCheck | None) -> None:
    if funding is None:
        return
    data["funding"] = funding.data()
    if funding.by_share:
        data["funding_shares_percent"] = funding.shares_data()
    data["funding_problems"] = [problem.data() for problem in funding.problems]


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

    def to_frame(self) -> pandas.DataFrame:
        """The components with their shares, one row each (the ``pandas`` extra).

        Columns: ``project``, ``key``, ``amount_yuan`` and ``attributed_overrun_yuan``
        (exact Decimal 元), ``share_percent`` (Decimal, to 0.01).

        >>> from pension_subsidy import load_dataset
        >>> check = load_dataset().project("county_supporting_fund").check()
        >>> frame = check.to_frame()
        >>> frame["amount_yuan"].sum(), frame.loc[0, "share_percent"]
        (Decimal('1690000.00'), Decimal('82.01'))
        """
        return data_frame(self._records(), _SHARE_COLUMNS)

    def _records(self) -> list[dict[str, object]]:
        return [
            {
                "project": self.project_key,
                "key": share.key,
                "amount_yuan": share.amount,
                "share_percent": share.share,
                "attributed_overrun_yuan": share.attributed_overrun,
            }
            for share in self.shares
        ]

    def _repr_html_(self) -> str:
        """The components and shares as a small HTML table (Jupyter)."""
        caption = (
            f"{self.project_key}: {self.total} of {self.appropriation} 元 "
            f"({self.status.value}, headroom {self.headroom} 元)"
        )
        return html_records(caption, self._records(), _SHARE_COLUMNS)

    def __repr__(self) -> str:
        """``ProjectCheck('key', total=…, appropriation=…, status=…, components=n)``."""
        return short_repr(
            "ProjectCheck",
            project_key=repr(self.project_key),
            total=self.total,
            appropriation=self.appropriation,
            status=self.status.value,
            components=len(self.shares),
        )


def _project_check(project: Project, amounts: list[Yuan], fens: list[int]) -> ProjectCheck:
    """The check of ``project`` from its components' amounts (and the same in whole 分)."""
    appropriation = fen_of(project.appropriation)
    total = sum(fens) if fens else appropriation
    headroom = appropriation - total
    if headroom > 0:
        status = Status.WITHIN
    elif headroom == 0:
        status = Status.AT
    else:
        status = Status.OVER
    attributed: tuple[Yuan | None, ...] = (None,) * len(fens)
    if status is Status.OVER and total:
        attributed = _allocate(-headroom, fens, amounts)
    if total > 0 and min(fens, default=0) >= 0:
        # hundredths of a per cent, rounded half up: fen × 10,000 ÷ total (see fen.percent)
        percents: list[Decimal | None] = [
            Decimal((20_000 * fen + total) // (2 * total)).scaleb(-2) for fen in fens
        ]
    else:
        percents = [_percent(fen, total) for fen in fens]
    shares = tuple(
        ComponentShare(component.key, amount, share, part)
        for component, amount, share, part in zip(
            project.components, amounts, percents, attributed, strict=True
        )
    )
    return ProjectCheck(
        project_key=project.key,
        appropriation=project.appropriation,
        total=yuan_of(total) if fens else project.appropriation,
        headroom=yuan_of(headroom),
        utilisation=_percent(total, appropriation),
        status=status,
        shares=shares,
    )


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
    #: the split of the project's money by level of government (资金来源), when stated
    funding: Funding | None = None
    #: year-start / adjusted budget, executed and actual headcount (预算执行), when stated
    execution: Execution | None = None
    #: each component's funding split, by component key (the components stay as they are)
    component_funding: tuple[tuple[str, Funding], ...] = attrs.field(
        default=(), converter=_keyed_funding, validator=_of_components
    )
    #: each component's budget and execution figures, by component key
    component_execution: tuple[tuple[str, Execution], ...] = attrs.field(
        default=(), converter=_keyed_execution, validator=_of_components
    )
    #: the check, once computed (a project is a value; not compared, not shown)
    _checked: ProjectCheck | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __repr__(self) -> str:
        """``Project('key', appropriation=…, total=…, components=n)``: short at any size."""
        return short_repr(
            "Project",
            key=repr(self.key),
            appropriation=self.appropriation,
            total=self.total,
            components=len(self.components),
            indicators=len(self.indicators),
        )

    @property
    def itemised(self) -> bool:
        """Whether the project lists components."""
        return bool(self.components)

    @property
    def total(self) -> Yuan:
        """Σ components, or the appropriation for a project without components."""
        if not self.components:
            return self.appropriation
        if self._checked is not None:
            return self._checked.total
        return yuan_of(sum(self._amounts()[1]))

    def component(self, key: str) -> Component:
        """The component with ``key``; :class:`~pension_subsidy.UnknownKeyError` otherwise."""
        for component in self.components:
            if component.key == key:
                return component
        known = tuple(component.key for component in self.components)
        said = {
            "project": repr(self.key),
            "key": repr(key),
            "known": ", ".join(known) or Phrase("parameters.none"),
        }
        raise UnknownKeyError(code="budget.project_component", params=said, key=key, known=known)

    def funding_of(self, key: str) -> Funding | None:
        """The funding split stated for component ``key`` (None when not stated)."""
        return next((funding for item, funding in self.component_funding if item == key), None)

    def execution_of(self, key: str) -> Execution | None:
        """The budget and execution figures stated for component ``key`` (None when not)."""
        return next((figures for item, figures in self.component_execution if item == key), None)

    def execution_check(self) -> ExecutionCheck | None:
        """Budget against execution for the project and its components (None when none given).

        A component's rate falls back to its planned amount, the project's to its
        appropriation, when no budget is stated (see :mod:`pension_subsidy.model.execution`).

        >>> import attrs
        >>> from pension_subsidy import load_dataset
        >>> fund = load_dataset().project("county_supporting_fund")
        >>> fund.execution_check() is None
        True
        >>> spent = attrs.evolve(fund, execution=Execution(executed=Yuan.from_wan("171.2")))
        >>> check = spent.execution_check()
        >>> check.against, check.rate_percent, check.underrun
        ('planned', Decimal('97.83'), Yuan('38000.00'))
        """
        if (self.execution is None or not self.execution.given) and not self.component_execution:
            return None
        parts = []
        if self.component_execution:
            parts = [
                check_execution(
                    component.key,
                    self.execution_of(component.key) or Execution(),
                    where=f"{self.key}.{component.key}",
                    planned=component.amount,
                )
                for component in self.components
            ]
        return check_execution(
            self.key,
            self.execution or Execution(),
            planned=self.appropriation,
            parts=parts,
            parts_code="components_sum",
        )

    def funding_check(self) -> FundingCheck | None:
        """The project's funding split checked against its total (None when not stated).

        The total is the adjusted budget when known, else the year-start budget, else the
        appropriation: the split says where the year's budget comes from.
        """
        if self.funding is None:
            return None
        figures = self.execution_check()
        total: Yuan | None = self.appropriation
        if figures is not None:
            total = _budget_of(figures.figures, total)
        return self.funding.check(total, where=self.key)

    def component_funding_checks(self) -> tuple[tuple[str, FundingCheck], ...]:
        """Each stated component split checked against the component's total, by key.

        A component's total is its adjusted budget when stated, else its year-start budget,
        else its amount.
        """
        checks = []
        for key, funding in self.component_funding:
            component = self.component(key)
            figures = self.execution_of(key) or Execution()
            total = _budget_of(figures, component.amount)
            checks.append((key, funding.check(total, where=f"{self.key}.{key}")))
        return tuple(checks)

    def check(self) -> ProjectCheck:
        """Compare the total with the appropriation.

        Over the appropriation, each component is attributed the part of the overrun in
        proportion to its amount. The parts are whole 分 and add up to the overrun exactly:
        each is rounded down, and the 分 left over go to the largest remainders (ties to the
        larger amount, then table order) — rounding each part 四舍五入 on its own could
        attribute a 分 more or less than the overrun.

        A project is a value: its check is computed once, on first use, and kept.
        """
        checked = self._checked
        if checked is None:
            amounts, fens = self._amounts()
            checked = _project_check(self, amounts, fens)
            object.__setattr__(self, "_checked", checked)
        return checked

    def _amounts(self) -> tuple[list[Yuan], list[int]]:
        """The components' amounts, as amounts and in whole 分.

        A running total beyond the bound of money raises as Σ of the amounts does (the same
        error, at the same component), before a later component's amount is computed.
        """
        amounts: list[Yuan] = []
        fens: list[int] = []
        running = 0
        for component in self.components:
            amount = component.amount
            amounts.append(amount)
            fen = fen_of(amount)
            fens.append(fen)
            running += fen
            if not within_bounds(running):
                sum(amounts, Yuan(0))  # raises the bound's error, as the total always has
        return amounts, fens

    def with_components(
        self, components: Iterable[Component], *, amounts: Iterable[Yuan] | None = None
    ) -> Project:
        """A copy with ``components`` in place of the components (for what-ifs).

        Components of the same keys in the same order (a what-if's changed values) are
        taken as they are, with nothing else checked again; other keys go through
        :func:`attrs.evolve` and every check. ``amounts``, when given, are the components'
        amounts (as they compute them), so that the copy's check need not ask them again.
        """
        items = tuple(components)
        keys = [component.key for component in self.components]
        if [component.key for component in items] != keys:
            return attrs.evolve(self, components=items)
        copied = copy_with(self, {"components": items})
        if amounts is not None:
            given = list(amounts)
            checked = _project_check(copied, given, [fen_of(amount) for amount in given])
            object.__setattr__(copied, "_checked", checked)
        return copied

    def data(self) -> dict[str, Any]:
        """The project with its check in the report's JSON shape (exact 元 strings).

        >>> from pension_subsidy import load_dataset
        >>> data = load_dataset().project("county_supporting_fund").data()
        >>> data["total_yuan"], data["headroom_yuan"], data["status"]
        ('1690000.00', '60000.00', 'within')
        """
        check = self.check()
        data = {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "appropriation_yuan": str(self.appropriation),
            "total_yuan": str(check.total),
            "headroom_yuan": str(check.headroom),
            "status": check.status.value,
            "components": self._components_data(check),
            "appropriation_wan": str(self.appropriation.to_wan()),
            "total_wan": str(check.total.to_wan()),
            "utilisation_percent": None if check.utilisation is None else str(check.utilisation),
            "itemised": self.itemised,
            "overrun_yuan": _money(check.overrun),
            "drivers": [share.key for share in check.drivers],
            "plan_overrun_yuan": _money(check.overrun),
        }
        _add_funding(data, self.funding_check())
        execution = self.execution_check()
        if execution is not None and execution.given:
            # "overrun_yuan" becomes the execution overrun (executed − budget) once the amount
            # executed is known; "plan_overrun_yuan" keeps the components' overrun
            data.update(execution.data())
        return data

    def _components_data(self, check: ProjectCheck) -> list[dict[str, Any]]:
        funding = dict(self.component_funding_checks())
        execution = self.execution_check()
        parts = {} if execution is None else {part.key: part for part in execution.parts}
        return [
            component_data(
                component,
                check,
                funding=funding.get(component.key),
                execution=parts.get(component.key),
            )
            for component in self.components
        ]


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


def _unit_extra(unit: Unit, *, shown: bool) -> dict[str, Any]:
    """A unit's funding, execution and areas in the report's JSON (absent when not given).

    A unit whose projects are not the report's ``"projects"`` (``shown`` is False) adds
    ``"projects_data"`` — each project in the report's shape — when one of them states
    funding or execution (a county beside the first one), so every component's figures are
    in the JSON.
    """
    data: dict[str, Any] = {}
    if unit.areas:
        data["areas"] = list(unit.areas)
    _add_funding(data, unit.funding_check())
    execution = unit.execution_check()
    if execution is not None and execution.given:
        data.update(execution.data())
    if not shown and any(_states_figures(project) for project in unit.projects):
        data["projects_data"] = [project.data() for project in unit.projects]
    return data


def _states_figures(project: Project) -> bool:
    """Whether the project or one of its components states funding or execution."""
    return bool(
        project.funding is not None
        or project.execution is not None
        or project.component_funding
        or project.component_execution
    )


def _area_data(budget: Budget) -> dict[str, Any]:
    checks = budget.area_checks()
    return {"area_checks": [check.data() for check in checks]} if checks else {}


_SHARE_COLUMNS = ("project", "key", "amount_yuan", "share_percent", "attributed_overrun_yuan")
_BUDGET_COLUMNS = (
    "unit",
    "project",
    "key",
    "name_zh",
    "kind",
    "formula",
    "basis",
    "headcount",
    "per_capita_yuan",
    "amount_yuan",
    "share_percent",
    "attributed_overrun_yuan",
    "derivation",
)


def _project_records(unit: Unit, projects: Iterable[Project]) -> list[dict[str, object]]:
    """Rows of :meth:`Budget.to_frame`: each component, or the project for an unitemised one."""
    records: list[dict[str, object]] = []
    for project in projects:
        base = {"unit": unit.code, "project": project.key}
        if not project.components:
            records.append({**base, "name_zh": project.name_zh, "amount_yuan": project.total})
            continue
        shares = {share.key: share for share in project.check().shares}
        for component in project.components:
            share = shares[component.key]
            records.append(
                {
                    **base,
                    "key": component.key,
                    "name_zh": component.name_zh,
                    "kind": component.key,
                    "formula": component.formula.value,
                    "basis": component.basis.value,
                    "headcount": component.headcount,
                    "per_capita_yuan": component.per_capita,
                    "amount_yuan": component.amount,
                    "share_percent": share.share,
                    "attributed_overrun_yuan": share.attributed_overrun,
                    "derivation": component.derivation,
                }
            )
    return records
