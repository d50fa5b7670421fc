"""The report's funding and execution rows as data: components, projects and areas.

The rows the text, HTML and xlsx reports show for a project that states its funding split
(资金来源) or its budget and execution (预算执行), and for a dataset whose units list
``areas`` (地区对比): figures as values, formatted by each renderer; names and the words of
these sections in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from pension_subsidy.model.areas import AreaCheck, AreaFigures
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.model.execution import ExecutionCheck
from pension_subsidy.model.funding import FundingCheck, Level
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import LabelTable, Localised, pick, pick_with_original

__all__ = [
    "FUNDING_WORDS",
    "LEVEL_NAMES",
    "ExecutionRow",
    "FundingRow",
    "area_funding_rows",
    "area_name",
    "area_project_title",
    "area_rows",
    "component_names",
    "execution_rows",
    "funding_rows",
    "other_area_projects",
    "project_problems",
]

#: The levels of government as a report names them.
LEVEL_NAMES: LabelTable[str] = LabelTable(
    {
        "central": ("中央", "central"),
        "province": ("省级", "province"),
        "prefecture": ("市级", "prefecture"),
        "county": ("县级", "county"),
        "other": ("其他", "other"),
    }
)

#: The words of the funding and execution sections.
FUNDING_WORDS: LabelTable[str] = LabelTable(
    {
        "funding": ("资金来源", "Funding"),
        "execution": ("预算执行", "Budget execution"),
        "name": ("名称", "Name"),
        "budget_start": ("年初预算数", "year-start budget"),
        "budget_adjusted": ("全年预算数", "adjusted budget"),
        "executed": ("全年执行数", "executed"),
        "appropriation": ("预算金额", "appropriation"),
        "actual_headcount": ("实际人数", "actual headcount"),
        "rate": ("执行率", "execution rate"),
        "overrun": ("超支", "overrun"),
        "underrun": ("结余", "underrun"),
        "difference": ("超支(+)/结余(−)", "over (+) / under (−)"),
        "drivers": ("主要来源", "driven by"),
        "against_budget_adjusted": ("按全年预算数", "against the adjusted budget"),
        "against_budget_start": ("按年初预算数", "against the year-start budget"),
        "against_planned": ("按计划金额", "against the planned amount"),
        "areas": ("地区对比", "Areas side by side"),
        "areas_sum": ("各地区之和", "sum of the areas"),
        "as_stated": ("表列", "as stated"),
        "problems": ("不一致", "Inconsistent"),
        "project_total": ("项目合计", "project total"),
        "share": ("占比", "share"),
        "sheet": ("资金来源与执行", "Funding and execution"),
        "yi": ("亿元", "yi yuan"),
    }
)


@attrs.frozen
class ExecutionRow:
    """One line of budget against execution: a component, a project or an area."""

    key: str
    name: str
    budget_start: Yuan | None
    budget_adjusted: Yuan | None
    executed: Yuan | None
    rate_percent: Decimal | None
    #: executed − budget (positive: overrun, negative: underrun)
    difference: Yuan | None
    actual_headcount: int | None
    #: which budget the rate is against (a FUNDING_WORDS key), None without a rate
    against: str | None = None

    @classmethod
    def of(cls, key: str, name: str, check: ExecutionCheck) -> ExecutionRow:
        """The row of ``check``'s figures."""
        figures = check.figures
        return cls(
            key=key,
            name=name,
            budget_start=figures.budget_start,
            budget_adjusted=figures.budget_adjusted,
            executed=figures.executed,
            rate_percent=check.rate_percent,
            difference=check.difference,
            actual_headcount=figures.actual_headcount,
            against=None if check.against is None else f"against_{check.against}",
        )


@attrs.frozen
class FundingRow:
    """One line of a funding split: what each level pays (None when not given)."""

    key: str
    name: str
    amounts: tuple[tuple[Level, Yuan | None], ...]
    shares: tuple[tuple[Level, Decimal], ...] = ()

    def amount(self, level: Level) -> Yuan | None:
        """What ``level`` pays."""
        return next((amount for given, amount in self.amounts if given is level), None)

    def share(self, level: Level) -> Decimal | None:
        """The share of ``level`` in percent, when the split is by share."""
        return next((share for given, share in self.shares if given is level), None)


def component_names(project: Project, locale: Localised) -> dict[str, str]:
    """The project's component names by key, in the language of ``locale``."""
    return {c.key: pick(c.name_zh, c.name_en, locale) for c in project.components}


def execution_rows(project: Project, locale: Localised = None) -> list[ExecutionRow]:
    """The project's execution rows: its components that state figures, then the project."""
    check = project.execution_check()
    if check is None:
        return []
    names = component_names(project, locale)
    rows = [ExecutionRow.of(part.key, names[part.key], part) for part in check.parts if part.given]
    rows.append(ExecutionRow.of(project.key, FUNDING_WORDS("project_total", locale), check))
    return rows


def _funding_row(key: str, name: str, check: FundingCheck) -> FundingRow:
    return FundingRow(key=key, name=name, amounts=check.amounts, shares=check.shares)


def funding_rows(project: Project, locale: Localised = None) -> list[FundingRow]:
    """The project's funding rows: its components that state a split, then the project."""
    names = component_names(project, locale)
    rows = [
        _funding_row(key, names[key], check) for key, check in project.component_funding_checks()
    ]
    own = project.funding_check()
    if own is not None:
        rows.append(_funding_row(project.key, FUNDING_WORDS("project_total", locale), own))
    return rows


def project_problems(project: Project) -> list[Discrepancy]:
    """Every discrepancy of the project's funding and execution, components first."""
    found: list[Discrepancy] = []
    for _, check in project.component_funding_checks():
        found.extend(check.problems)
    own = project.funding_check()
    if own is not None:
        found.extend(own.problems)
    execution = project.execution_check()
    if execution is not None:
        found.extend(execution.all_problems())
    return found


def area_name(area: AreaFigures, locale: Localised) -> str:
    """``乙县 [C02]``: the area's name and its code."""
    return f"{pick(area.name_zh, area.name_en, locale)} [{area.code}]"


def _area_row(area: AreaFigures, name: str) -> ExecutionRow:
    if area.execution is None:
        return ExecutionRow(area.code, name, None, None, None, None, None, None)
    return ExecutionRow.of(area.code, name, area.execution)


def area_rows(check: AreaCheck, locale: Localised = None) -> list[ExecutionRow]:
    """Each area's execution row, then the sum of the areas, then the whole as stated."""
    rows = [_area_row(area, area_name(area, locale)) for area in check.areas]
    sums = dict(check.sums)

    def amount(name: str) -> Yuan | None:
        value = sums.get(name)
        return value if isinstance(value, Yuan) else None

    headcount = sums.get("actual_headcount")
    rows.append(
        ExecutionRow(
            key="",
            name=FUNDING_WORDS("areas_sum", locale),
            budget_start=amount("budget_start"),
            budget_adjusted=amount("budget_adjusted"),
            executed=amount("executed"),
            rate_percent=None,
            difference=None,
            actual_headcount=headcount if isinstance(headcount, int) else None,
        )
    )
    whole = f"{area_name(check.whole, locale)} {FUNDING_WORDS('as_stated', locale)}"
    rows.append(_area_row(check.whole, whole))
    return rows


def area_funding_rows(check: AreaCheck, locale: Localised = None) -> list[FundingRow]:
    """Each area's funding by level, the sum of the areas, then the whole as stated."""
    rows = [
        FundingRow(area.code, area_name(area, locale), area.funding)
        for area in check.areas
        if area.funding
    ]
    sums = tuple(
        (level, total)
        for level in Level
        for name, total in check.sums
        if name == f"funding.{level.value}" and isinstance(total, Yuan)
    )
    if sums:
        rows.append(FundingRow("", FUNDING_WORDS("areas_sum", locale), sums))
    if check.whole.funding:
        whole = f"{area_name(check.whole, locale)} {FUNDING_WORDS('as_stated', locale)}"
        rows.append(FundingRow(check.whole.code, whole, check.whole.funding))
    return rows


def other_area_projects(budget: Budget, check: AreaCheck) -> list[tuple[AreaFigures, Project]]:
    """The projects of ``check``'s areas that the report does not show above the areas."""
    found = []
    for area in check.areas:
        unit = budget.unit_by_code(area.code)
        if unit is not budget.unit:
            found += [(area, project) for project in unit.projects]
    return found


def area_project_title(area: AreaFigures, project: Project, locale: Localised = None) -> str:
    """``乙县 [C02] · 城乡居民养老保险补助资金 [county_b_fund]``."""
    name = pick_with_original(project.name_zh, project.name_en, locale)
    return f"{area_name(area, locale)} · {name} [{project.key}]"
