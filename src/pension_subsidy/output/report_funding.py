"""The report's funding and execution sections: rows as data, problems in words, as text.

For a project that states its funding split (资金来源) or its budget and execution (预算执行),
and for a dataset whose units list ``areas`` (地区对比), this module builds the rows the
text, HTML and xlsx reports show — figures as values, formatted by each renderer — and says
each discrepancy in the reader's language with its numbers. A project that states neither
gets no row: the Menyuan report is unchanged.

>>> from pension_subsidy.model.discrepancies import Discrepancy
>>> d = Discrepancy("funding_shares_sum", "fund",
...                 (("shares_percent", "95"), ("expected_percent", "100")))
>>> discrepancy_text(d, "zh_CN")
'fund: 资金来源各级占比合计 95%，应为 100%'
>>> discrepancy_text(d, "en")
'fund: the funding shares add up to 95%, not 100%'
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from babel import Locale

from pension_subsidy.model.areas import AreaCheck, AreaFigures
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.model.execution import ExecutionCheck
from pension_subsidy.model.funding import FundingCheck, Level
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import (
    LabelTable,
    format_count,
    format_number,
    format_percent,
    format_wan,
    format_yuan,
    label,
    pick,
    pick_with_original,
)

__all__ = [
    "FUNDING_WORDS",
    "LEVEL_NAMES",
    "ExecutionRow",
    "FundingRow",
    "area_funding_rows",
    "area_lines",
    "area_project_title",
    "area_rows",
    "discrepancy_text",
    "execution_rows",
    "funding_rows",
    "other_area_projects",
    "project_lines",
    "project_problems",
]

Localised = Locale | str | None

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

# Each discrepancy code in words; values are filled in formatted ({amounts}: 1,000.00 元).
_PROBLEMS: LabelTable[str] = LabelTable(
    {
        "funding_shares_sum": (
            "资金来源各级占比合计 {shares_percent}%，应为 {expected_percent}%",
            "the funding shares add up to {shares_percent}%, not {expected_percent}%",
        ),
        "funding_amounts_sum": (
            "资金来源各级金额合计 {amounts}，与总额 {total} 相差 {difference}",
            "the funding amounts add up to {amounts}, {difference} off the total of {total}",
        ),
        "funding_share_amount": (
            "{level}承担 {share_percent}% × {total} = {expected}，表列 {stated}，相差 {difference}",
            "{level}: {share_percent}% × {total} = {expected}, stated {stated}, {difference} apart",
        ),
        "components_sum": (
            "{figure}表列 {stated}，各构成之和 {sum}，相差 {difference}",
            "{figure}: stated {stated}, the components add up to {sum}, {difference} apart",
        ),
        "projects_sum": (
            "{figure}表列 {stated}，各项目之和 {sum}，相差 {difference}",
            "{figure}: stated {stated}, the projects add up to {sum}, {difference} apart",
        ),
        "areas_sum": (
            "{figure}表列 {stated}，{areas} 之和 {sum}，相差 {difference}",
            "{figure}: stated {stated}, {areas} add up to {sum}, {difference} apart",
        ),
    }
)


def _figure_name(name: str, locale: Localised) -> str:
    if name.startswith("funding."):
        level = name.removeprefix("funding.")
        return f"{FUNDING_WORDS('funding', locale)} ({LEVEL_NAMES(level, locale)})"
    return FUNDING_WORDS(name, locale)


def _value_text(name: str, value: str, locale: Localised) -> tuple[str, str]:
    """A discrepancy value as shown, keyed by its name without the unit suffix."""
    if name.endswith("_yuan"):
        return name.removesuffix(
            "_yuan"
        ), f"{format_yuan(Yuan(value), locale)} {label('yuan', locale)}"
    if name.endswith("_persons"):
        return name.removesuffix("_persons"), (
            f"{format_count(int(value), locale)} {label('persons', locale)}"
        )
    if name == "level":
        return name, LEVEL_NAMES(value, locale)
    if name == "figure":
        return name, _figure_name(value, locale)
    return name, value


def discrepancy_text(discrepancy: Discrepancy, locale: Localised = None) -> str:
    """A discrepancy in words, with its numbers, where it was found first."""
    values = dict(_value_text(name, value, locale) for name, value in discrepancy.values)
    return f"{discrepancy.where}: {_PROBLEMS(discrepancy.code, locale, **values)}"


_ONE_YI = Yuan(100_000_000)


def _money(amount: Yuan, locale: Localised) -> str:
    """``1,757,000.00 元 (175.70 万元)``; from 1 亿元 on, in 亿元 to 0.0001 (四舍五入)."""
    if abs(amount) >= _ONE_YI:
        yi = format_number(amount.to_yi(), locale, places=4)
        yuan = f"{format_yuan(amount, locale)} {label('yuan', locale)}"
        return f"{yuan} ({yi} {FUNDING_WORDS('yi', locale)})"
    return (
        f"{format_yuan(amount, locale)} {label('yuan', locale)} "
        f"({format_wan(amount, locale=locale)} {label('wan', locale)})"
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


def _component_names(project: Project, locale: Localised) -> dict[str, str]:
    return {c.key: pick(c.name_zh, c.name_en, locale) for c in project.components}


def execution_rows(project: Project, locale: Localised = None) -> list[ExecutionRow]:
    """The project's execution rows: its components that state figures, then the project."""
    check = project.execution_check()
    if check is None:
        return []
    names = _component_names(project, locale)
    rows = [ExecutionRow.of(part.key, names[part.key], part) for part in check.parts if part.given]
    rows.append(ExecutionRow.of(project.key, FUNDING_WORDS("project_total", locale), check))
    return rows


def _funding_row(key: str, name: str, check: FundingCheck) -> FundingRow:
    return FundingRow(key=key, name=name, amounts=check.amounts, shares=check.shares)


def funding_rows(project: Project, locale: Localised = None) -> list[FundingRow]:
    """The project's funding rows: its components that state a split, then the project."""
    names = _component_names(project, locale)
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


def _execution_text(row: ExecutionRow, locale: Localised) -> str:
    parts = [
        f"{FUNDING_WORDS(name, locale)} {_money(value, locale)}"
        for name, value in (
            ("budget_start", row.budget_start),
            ("budget_adjusted", row.budget_adjusted),
            ("executed", row.executed),
        )
        if value is not None
    ]
    if row.rate_percent is not None:
        against = "" if row.against is None else f" ({FUNDING_WORDS(row.against, locale)})"
        parts.append(
            f"{FUNDING_WORDS('rate', locale)} {format_percent(row.rate_percent, locale)}{against}"
        )
    if row.difference is not None and not row.difference.is_zero():
        word = "overrun" if row.difference > 0 else "underrun"
        parts.append(
            f"{FUNDING_WORDS(word, locale)} {format_yuan(abs(row.difference), locale)} "
            f"{label('yuan', locale)}"
        )
    if row.actual_headcount is not None:
        parts.append(
            f"{FUNDING_WORDS('actual_headcount', locale)} "
            f"{format_count(row.actual_headcount, locale)} {label('persons', locale)}"
        )
    return ", ".join(parts)


def _funding_text(row: FundingRow, locale: Localised) -> str:
    parts = []
    for level, amount in row.amounts:
        text = f"{LEVEL_NAMES(level.value, locale)} " + (
            "—" if amount is None else f"{format_yuan(amount, locale)} {label('yuan', locale)}"
        )
        share = row.share(level)
        if share is not None:
            text += f" ({_percent(share, locale)})"
        parts.append(text)
    return ", ".join(parts)


def _percent(share: Decimal, locale: Localised) -> str:
    places = max(0, -int(share.normalize().as_tuple().exponent))
    return format_percent(share, locale, places=places)


def _drivers_text(project: Project, locale: Localised) -> str | None:
    check = project.execution_check()
    if check is None or not check.drivers:
        return None
    names = _component_names(project, locale)
    listed = ", ".join(
        f"{names[part.key]} {format_yuan(abs(part.difference or Yuan(0)), locale)} "
        f"{label('yuan', locale)}"
        for part in check.drivers
    )
    return f"{FUNDING_WORDS('drivers', locale)}: {listed}"


def project_lines(project: Project, locale: Localised = None, indent: str = "    ") -> list[str]:
    """The project's funding and execution as text lines (none when it states neither)."""
    lines: list[str] = []
    funding = funding_rows(project, locale)
    if funding:
        lines.append(f"{indent}{FUNDING_WORDS('funding', locale)}:")
        lines += [f"{indent}    {row.name}: {_funding_text(row, locale)}" for row in funding]
    execution = execution_rows(project, locale)
    if execution:
        lines.append(f"{indent}{FUNDING_WORDS('execution', locale)}:")
        lines += [f"{indent}    {row.name}: {_execution_text(row, locale)}" for row in execution]
        drivers = _drivers_text(project, locale)
        if drivers is not None:
            lines.append(f"{indent}    {drivers}")
    problems = project_problems(project)
    if problems:
        lines.append(f"{indent}{FUNDING_WORDS('problems', locale)}:")
        lines += [f"{indent}    {discrepancy_text(problem, locale)}" for problem in problems]
    return lines


def _area_name(area: AreaFigures, locale: Localised) -> str:
    return f"{pick(area.name_zh, area.name_en, locale)} [{area.code}]"


def _area_row(area: AreaFigures, name: str) -> ExecutionRow:
    if area.execution is None:
        return ExecutionRow(area.code, name, None, None, None, None, None, None)
    return ExecutionRow.of(area.code, name, area.execution)


def area_rows(check: AreaCheck, locale: Localised = None) -> list[ExecutionRow]:
    """Each area's execution row, then the sum of the areas, then the whole as stated."""
    rows = [_area_row(area, _area_name(area, locale)) for area in check.areas]
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
    whole = f"{_area_name(check.whole, locale)} {FUNDING_WORDS('as_stated', locale)}"
    rows.append(_area_row(check.whole, whole))
    return rows


def area_funding_rows(check: AreaCheck, locale: Localised = None) -> list[FundingRow]:
    """Each area's funding by level, the sum of the areas, then the whole as stated."""
    rows = [
        FundingRow(area.code, _area_name(area, locale), area.funding)
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
        whole = f"{_area_name(check.whole, locale)} {FUNDING_WORDS('as_stated', locale)}"
        rows.append(FundingRow(check.whole.code, whole, check.whole.funding))
    return rows


def area_lines(budget: Budget, locale: Localised = None) -> list[str]:
    """The areas side by side as text lines (none when no unit lists areas)."""
    lines: list[str] = []
    for check in budget.area_checks():
        members = " + ".join(_area_name(area, locale) for area in check.areas)
        lines.append(
            f"{FUNDING_WORDS('areas', locale)}: {_area_name(check.whole, locale)} = {members}"
        )
        appropriation = [(area, area.appropriation) for area in (*check.areas, check.whole)]
        if any(value is not None for _, value in appropriation):
            lines.append(f"    {label('appropriation', locale)}:")
            for area, value in appropriation:
                shown = "—" if value is None else _money(value, locale)
                lines.append(f"        {_area_name(area, locale)}: {shown}")
        lines.append(f"    {FUNDING_WORDS('execution', locale)}:")
        lines += [
            f"        {row.name}: {_execution_text(row, locale) or '—'}"
            for row in area_rows(check, locale)
        ]
        funding = area_funding_rows(check, locale)
        if funding:
            lines.append(f"    {FUNDING_WORDS('funding', locale)}:")
            lines += [f"        {row.name}: {_funding_text(row, locale)}" for row in funding]
        if check.problems:
            lines.append(f"    {FUNDING_WORDS('problems', locale)}:")
            lines += [f"        {discrepancy_text(p, locale)}" for p in check.problems]
        lines += _other_area_projects(budget, check, locale)
        lines.append("")
    return lines


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
    return f"{_area_name(area, locale)} · {name} [{project.key}]"


def _other_area_projects(budget: Budget, check: AreaCheck, locale: Localised) -> list[str]:
    """The projects of the areas not shown above the areas (a county beside the first)."""
    lines: list[str] = []
    for area, project in other_area_projects(budget, check):
        details = project_lines(project, locale, indent="        ")
        if details:
            lines.append(f"    {area_project_title(area, project, locale)}:")
            lines += details
    return lines
