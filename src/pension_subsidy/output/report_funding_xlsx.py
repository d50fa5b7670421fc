"""The report workbook's sheet of funding and execution (资金来源与预算执行).

Written only when a project states a funding split or execution figures, or a unit lists
areas — so the Menyuan workbook keeps its two sheets. Three blocks, one under the other:
budget against execution (each component that states figures, then its project; then each
area, the sum of the areas and the whole as stated), the funding split by level (amounts in
元, shares in %), and the problems found, each with its numbers. Money cells are numbers.

>>> from pension_subsidy import load_dataset
>>> has_funding_sheet(load_dataset())
False
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale

from pension_subsidy.model.budget import Budget
from pension_subsidy.model.funding import Level
from pension_subsidy.output.language import label, pick_with_original
from pension_subsidy.output.report_funding import (
    FUNDING_WORDS,
    LEVEL_NAMES,
    ExecutionRow,
    FundingRow,
    area_funding_rows,
    area_project_title,
    area_rows,
    discrepancy_text,
    execution_rows,
    funding_rows,
    other_area_projects,
    project_problems,
)
from pension_subsidy.output.workbook import SheetWriter

__all__ = ["has_funding_sheet", "write_funding_sheet"]

Localised = Locale | str | None
_WIDTH = 9


def has_funding_sheet(budget: Budget) -> bool:
    """Whether the report has funding, execution or areas to show."""
    return bool(budget.area_checks()) or any(
        project.funding is not None
        or project.execution is not None
        or project.component_funding
        or project.component_execution
        for project in budget.unit.projects
    )


def _execution_block(
    writer: SheetWriter,
    row: int,
    groups: Sequence[tuple[str, Sequence[ExecutionRow]]],
    locale: Localised,
) -> int:
    yuan = label("yuan", locale)
    heads = (
        label("project", locale),
        FUNDING_WORDS("name", locale),
        *(
            f"{FUNDING_WORDS(n, locale)} ({yuan})"
            for n in ("budget_start", "budget_adjusted", "executed")
        ),
        FUNDING_WORDS("rate", locale),
        f"{FUNDING_WORDS('difference', locale)} ({yuan})",
        FUNDING_WORDS("actual_headcount", locale),
    )
    for column, head in enumerate(heads, start=1):
        writer.header(row, column, head)
    for group, rows in groups:
        for line in rows:
            row += 1
            writer.text(row, 1, group)
            writer.text(row, 2, line.name, bold=not line.key)
            writer.yuan(row, 3, line.budget_start)
            writer.yuan(row, 4, line.budget_adjusted)
            writer.yuan(row, 5, line.executed)
            writer.percent(row, 6, line.rate_percent)
            writer.yuan(row, 7, line.difference)
            if line.actual_headcount is None:
                writer.text(row, 8, None)
            else:
                writer.count(row, 8, line.actual_headcount)
    return row


def _funding_block(
    writer: SheetWriter,
    row: int,
    groups: Sequence[tuple[str, Sequence[FundingRow]]],
    locale: Localised,
) -> int:
    yuan = label("yuan", locale)
    writer.header(row, 1, label("project", locale))
    writer.header(row, 2, FUNDING_WORDS("name", locale))
    for index, level in enumerate(Level):
        writer.header(row, 3 + index, f"{LEVEL_NAMES(level.value, locale)} ({yuan})")
    for group, rows in groups:
        for line in rows:
            row += 1
            writer.text(row, 1, group)
            writer.text(row, 2, line.name)
            for index, level in enumerate(Level):
                writer.yuan(row, 3 + index, line.amount(level))
            shares = [(level, line.share(level)) for level in Level]
            if any(share is not None for _, share in shares):
                row += 1
                writer.text(row, 1, group)
                writer.text(row, 2, f"{line.name} ({FUNDING_WORDS('share', locale)})")
                for index, (_, share) in enumerate(shares):
                    writer.percent(row, 3 + index, share)
    return row


def write_funding_sheet(writer: SheetWriter, budget: Budget, locale: Localised = None) -> None:
    """Write the funding and execution sheet (see the module)."""
    writer.title(
        1, f"{FUNDING_WORDS('funding', locale)} · {FUNDING_WORDS('execution', locale)}", _WIDTH
    )
    projects = list(budget.unit.projects)
    names = {id(p): pick_with_original(p.name_zh, p.name_en, locale) for p in projects}
    for check in budget.area_checks():  # the projects of the other areas (a second county)
        for area, project in other_area_projects(budget, check):
            projects.append(project)
            names[id(project)] = area_project_title(area, project, locale)
    execution = [(names[id(p)], execution_rows(p, locale)) for p in projects]
    execution += [
        (f"{FUNDING_WORDS('areas', locale)} {check.whole.code}", area_rows(check, locale))
        for check in budget.area_checks()
    ]
    execution = [(group, rows) for group, rows in execution if rows]
    row = 2
    if execution:
        row = _execution_block(writer, row + 1, execution, locale) + 1
    funding = [(names[id(p)], funding_rows(p, locale)) for p in projects]
    funding += [
        (f"{FUNDING_WORDS('areas', locale)} {check.whole.code}", area_funding_rows(check, locale))
        for check in budget.area_checks()
    ]
    funding = [(group, rows) for group, rows in funding if rows]
    if funding:
        row = _funding_block(writer, row + 1, funding, locale) + 1
    problems = [
        discrepancy_text(p, locale) for project in projects for p in project_problems(project)
    ]
    problems += [discrepancy_text(p, locale) for c in budget.area_checks() for p in c.problems]
    if problems:
        row += 1
        writer.header(row, 1, FUNDING_WORDS("problems", locale), columns=_WIDTH)
        for text in problems:
            row += 1
            writer.note(row, text, _WIDTH)
    writer.widths(30, 30, 16, 16, 16, 12, 16, 12, 16)
