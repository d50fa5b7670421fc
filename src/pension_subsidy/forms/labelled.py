"""Read the labelled table forms: the self-evaluation table and the long per-project target table.

Both are label-and-value tables: 项目名称 beside its value, a money block (a heading row of
年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 over the rows 年度资金总额 …, or
Hebei's pairs 预算数 x · 到位数 y · 执行数 z), a goal block (预期目标 / 实际完成情况, or a
single 年度总体目标 cell) and an indicator block under a heading row with 一级指标 … 三级指标
(with a second heading row where a heading spans columns, as Hebei's 预期指标值 over 符号 / 值 /
单位). A file may hold several projects: each starts at its 项目名称 row.

Cells merged down are read as repeated (the grids resolve merges; a pasted table leaves them
empty and level names are filled down). Nothing is corrected: the stated figures are kept as
they stand; a cell that cannot be placed is kept in the project's ``fields``.
"""

from __future__ import annotations

from collections.abc import Iterator

from pension_subsidy.forms.block_rows import (
    field_row,
    goal_row,
    hebei_money_row,
    money_row,
    single_goal,
    target_money_row,
    total_row,
)
from pension_subsidy.forms.headings import (
    goal_heading,
    heading_columns,
    indicator_heading,
    is_hebei_money_heading,
    is_money_heading,
    merge_heading,
    money_role,
)
from pension_subsidy.forms.indicator_rows import indicator_from_row, indicator_row
from pension_subsidy.forms.model import FormProject
from pension_subsidy.forms.project_builder import ProjectBuilder
from pension_subsidy.forms.rows import (
    MoneyUnit,
    Row,
    align_short_rows,
    amount_of,
    is_title_row,
    rows_of,
)
from pension_subsidy.forms.vocabulary import norm

__all__ = [
    "MoneyUnit",
    "Row",
    "align_short_rows",
    "amount_of",
    "indicator_from_row",
    "indicator_heading",
    "is_hebei_money_heading",
    "is_money_heading",
    "is_title_row",
    "parse_labelled",
    "rows_of",
]


def _blocks(rows: list[Row]) -> Iterator[list[Row]]:
    """The rows of each project: a new one at every 项目名称 row after the first."""
    block: list[Row] = []
    for row in rows:
        starts = any(
            norm(cell.text) in ("项目名称", "项目名") or norm(cell.text).startswith("项目名称:")
            for cell in row.distinct()
        )
        if starts and any(_has_name(r) for r in block):
            yield block
            block = []
        block.append(row)
    if block:
        yield block


def _has_name(row: Row) -> bool:
    return any(norm(c.text).startswith(("项目名称", "项目名")) for c in row.distinct())


def parse_labelled(
    rows: list[Row], *, unit: MoneyUnit, target_table: bool
) -> tuple[list[FormProject], list[str]]:
    """The projects of a labelled table form, and the lines that belong to no project."""
    projects = []
    notes: list[str] = []
    for block in _blocks(rows):
        builder = ProjectBuilder(unit)
        leftover = _read_block(block, builder)
        if builder.name is None and not builder.indicators and not builder.money_rows:
            notes.extend(" ".join(c.text for c in row.distinct()) for row in block)
            continue
        notes.extend(leftover)
        projects.append(builder.project(target_table=target_table))
    return projects, notes


_SECTION_LABELS = ("项目资金", "绩效指标", "年度总体目标")


def _read_block(rows: list[Row], builder: ProjectBuilder) -> list[str]:  # noqa: PLR0912, PLR0915 - one state machine
    leftover: list[str] = []
    mode = "head"
    money_columns: dict[int, str] = {}
    goal_columns: dict[str, int] = {}
    indicator_columns: dict[str, int] = {}
    index = 0
    while index < len(rows):
        row = rows[index]
        index += 1
        cells = row.distinct()
        if is_title_row(row):
            leftover.append(cells[0].text)  # a (next sheet's) title ends the block before it
            mode = "head"
            continue
        if (roles := indicator_heading(row)) is not None:
            if index < len(rows) and (merged := merge_heading(roles, rows[index], row)):
                roles = merged
                index += 1
            indicator_columns = heading_columns(roles)
            mode = "indicators"
            continue
        if mode == "indicators":
            if not indicator_row(row, indicator_columns, builder):
                leftover.append(" ".join(c.text for c in cells))
            continue
        if is_money_heading(row) and not is_hebei_money_heading(row):
            money_columns = {
                cell.column: role
                for cell in row.cells
                if not cell.covered and (role := money_role(cell.text))
            }
            mode = "money"
            continue
        if is_hebei_money_heading(row):
            mode = "hebei_money"
            continue
        if goal_heading(row, goal_columns):
            mode = "goals"
            continue
        if mode == "money" and money_row(row, money_columns, builder):
            continue
        if mode == "hebei_money" and hebei_money_row(row, builder):
            continue
        if mode == "goals" and goal_row(row, goal_columns, builder):
            continue
        if field_row(row, cells, builder):
            continue
        if target_money_row(row, cells, builder):
            continue
        if single_goal(row, cells, builder):
            continue
        if total_row(row, cells, {}, builder):
            continue
        if len(cells) == 1 and norm(cells[0].text).startswith(_SECTION_LABELS):
            continue  # a section's label alone on its row (its figures are read below it)
        leftover.append(" ".join(c.text for c in cells))
    return leftover
