"""Read the budget system's one-row-per-indicator export of target tables.

Columns 单位名称 · 项目名称 · 预算数 · 年度目标 · 一级指标 · 二级指标 · 三级指标 · 指标性质 ·
指标值 · 度量单位 · 权重 (· 指标方向性), in any order, amounts in 元 or 万元 (``金额单位：元``
above the table, or ``预算数（万元）`` in the heading). A project's first row carries its name,
amount and goal; the rows below leave them empty or merged (a pasted page leaves them out
altogether: a row is aligned on its level-1 indicator name). A row with a unit and an amount
but no indicator is the unit's total, kept as a note.
"""

from __future__ import annotations

import attrs

from pension_subsidy.forms.grid import GridCell
from pension_subsidy.forms.labelled import (
    MoneyUnit,
    Row,
    amount_of,
    indicator_from_row,
    is_title_row,
)
from pension_subsidy.forms.model import (
    FormGoal,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    Where,
)
from pension_subsidy.forms.vocabulary import is_pension_fund, level1_of, norm, role_of

__all__ = ["export_heading", "parse_export"]

_FRONT: tuple[tuple[str, str], ...] = (
    ("单位名称", "unit_name"),
    ("预算单位", "unit_name"),
    ("项目名称", "project"),
    ("预算数", "amount"),
    ("项目金额", "amount"),
    ("年度资金总额", "amount"),
    ("金额", "amount"),
    ("年度目标", "goal"),
    ("年度绩效目标", "goal"),
    ("绩效目标", "goal"),
    ("总体目标", "goal"),
)


def _front_role(text: str) -> str | None:
    normal = norm(text)
    for words, role in _FRONT:
        if normal.startswith(words):
            return role
    return None


def export_heading(row: Row) -> dict[str, int] | None:
    """Role → column of an export heading row (单位名称 … 项目名称 … 一级指标), or None."""
    columns: dict[str, int] = {}
    for cell in row.cells:
        role = _front_role(cell.text) or role_of(cell.text)
        if role is not None and role not in columns:
            columns[role] = cell.column
    needed = ("project", "level1", "name", "target")
    if all(role in columns for role in needed) and ("unit_name" in columns or "amount" in columns):
        return columns
    return None


def _aligned(row: Row, columns: dict[str, int]) -> Row:
    """A pasted row without its merged cells, shifted right so its level 1 falls in place."""
    level1_column = columns["level1"]
    found = next((cell for cell in row.cells if level1_of(cell.text)), None)
    if found is None or found.column == level1_column:
        return row
    shift = level1_column - found.column
    if shift < 0:
        return row
    cells = tuple(
        GridCell("", row.cells[0].row, column, (row.cells[0].row, column))
        for column in range(1, shift + 1)
    ) + tuple(
        GridCell(
            cell.text,
            cell.row,
            cell.column + shift,
            (cell.origin[0], cell.origin[1] + shift),
            cell.line,
            cell.name,
        )
        for cell in row.cells
    )
    return Row(row.grid, cells)


@attrs.define
class _Project:
    """A project of the export as its rows are read (mutable while reading)."""

    name: str
    unit_name: str | None
    amount: StatedAmount | None
    goals: tuple[FormGoal, ...]
    where: Where
    indicators: list[FormIndicator] = attrs.Factory(list)

    def project(self) -> FormProject:
        amount = self.amount
        money_rows = (
            (MoneyRow("total", "预算数", budget_start=amount, where=amount.where),)
            if amount is not None
            else ()
        )
        return FormProject(
            name=self.name,
            unit_name=self.unit_name,
            budget_start=amount,
            goals=self.goals,
            indicators=tuple(self.indicators),
            money_rows=money_rows,
            fund="residents_pension" if is_pension_fund(self.name) else "generic",
            where=self.where,
        )


def _started(
    row: Row, columns: dict[str, int], texts: dict[str, str], unit_name: str | None, unit: MoneyUnit
) -> _Project:
    """The project whose first row ``row`` is: its name, amount and goal."""
    amount_cell = row.at(columns["amount"]) if "amount" in columns else None
    amount = (
        amount_of(amount_cell.text, unit, row.where(amount_cell))
        if amount_cell is not None and amount_cell.text
        else None
    )
    goal_text = texts.get("goal", "")
    goal_cell = row.at(columns["goal"]) if "goal" in columns else None
    return _Project(
        name=texts["project"],
        unit_name=unit_name,
        amount=amount,
        goals=(FormGoal(goal_text, where=row.where(goal_cell)),) if goal_text else (),
        where=row.where(row.at(columns["project"])),
    )


def _indicator(
    row: Row, columns: dict[str, int], texts: dict[str, str], previous: FormIndicator | None
) -> FormIndicator | None:
    """The row's indicator, its level names filled down from ``previous``; None without a name."""
    name = texts.get("name", "")
    if not name:
        return None
    level1 = level1_of(texts.get("level1", ""))
    level1_name = level1[0] if level1 else (previous.level1 if previous else None)
    level2 = texts.get("level2") or (previous.level2 if previous else None)
    return indicator_from_row(row, columns, texts, level1=level1_name, level2=level2, name=name)


def parse_export(
    rows: list[Row], heading_index: int, columns: dict[str, int], *, unit: MoneyUnit
) -> tuple[list[FormProject], list[str]]:
    """The projects of an export whose heading is ``rows[heading_index]``; and notes."""
    projects: list[_Project] = []
    notes: list[str] = []
    unit_name: str | None = None
    for raw in rows[heading_index + 1 :]:
        if is_title_row(raw):
            notes.append(raw.distinct()[0].text)  # a (next sheet's) title, merged across
            continue
        row = _aligned(raw, columns)
        texts = {role: row.text_at(column) for role, column in columns.items()}
        if export_heading(row) is not None:
            continue  # the heading repeated
        if not texts.get("level1") and not texts.get("name"):
            # a unit's total row (820-马踏镇部门 8,827,620.53) or a note below the table
            notes.append(" ".join(c.text for c in row.distinct()))
            continue
        if texts.get("unit_name"):
            unit_name = texts["unit_name"]
        project = texts.get("project", "")
        if project and (not projects or project != projects[-1].name):
            projects.append(_started(row, columns, texts, unit_name, unit))
        current = projects[-1] if projects else None
        previous = current.indicators[-1] if current and current.indicators else None
        indicator = _indicator(row, columns, texts, previous)
        if current is None or indicator is None:
            notes.append(" ".join(c.text for c in row.distinct()))
            continue
        current.indicators.append(indicator)
    return [project.project() for project in projects], notes
