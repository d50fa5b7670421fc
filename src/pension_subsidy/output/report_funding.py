"""The report's funding and execution sections as text, and their problems in words.

For a project that states its funding split (资金来源) or its budget and execution (预算执行),
and for a dataset whose units list ``areas`` (地区对比), the rows the text, HTML and xlsx
reports show are built in :mod:`pension_subsidy.output.report_funding_rows` (and handed on
from here); this module says them as text lines and says each discrepancy in the reader's
language with its numbers. A project that states neither gets no line: the Menyuan report
is unchanged.

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

from pension_subsidy.model.areas import AreaCheck
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_count,
    format_number,
    format_percent,
    format_wan,
    format_yuan,
    label,
)
from pension_subsidy.output.report_funding_rows import (
    FUNDING_WORDS,
    LEVEL_NAMES,
    ExecutionRow,
    FundingRow,
    area_funding_rows,
    area_name,
    area_project_title,
    area_rows,
    component_names,
    execution_rows,
    funding_rows,
    other_area_projects,
    project_problems,
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
    names = component_names(project, locale)
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


def area_lines(budget: Budget, locale: Localised = None) -> list[str]:
    """The areas side by side as text lines (none when no unit lists areas)."""
    lines: list[str] = []
    for check in budget.area_checks():
        members = " + ".join(area_name(area, locale) for area in check.areas)
        lines.append(
            f"{FUNDING_WORDS('areas', locale)}: {area_name(check.whole, locale)} = {members}"
        )
        appropriation = [(area, area.appropriation) for area in (*check.areas, check.whole)]
        if any(value is not None for _, value in appropriation):
            lines.append(f"    {label('appropriation', locale)}:")
            for area, value in appropriation:
                shown = "—" if value is None else _money(value, locale)
                lines.append(f"        {area_name(area, locale)}: {shown}")
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


def _other_area_projects(budget: Budget, check: AreaCheck, locale: Localised) -> list[str]:
    """The projects of the areas not shown above the areas (a county beside the first)."""
    lines: list[str] = []
    for area, project in other_area_projects(budget, check):
        details = project_lines(project, locale, indent="        ")
        if details:
            lines.append(f"    {area_project_title(area, project, locale)}:")
            lines += details
    return lines
