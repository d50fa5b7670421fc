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

from collections.abc import Iterator, Sequence
from typing import Literal

import attrs

from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.forms.grid import Grid, GridCell
from pension_subsidy.forms.model import (
    FormGoal,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    StatedNumber,
    Where,
    number_in,
)
from pension_subsidy.forms.vocabulary import (
    FIELD_LABELS,
    GOAL_LABELS,
    GRADES,
    comparator,
    is_pension_fund,
    level1_of,
    money_row_key,
    norm,
    role_of,
)

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

MoneyUnit = Literal["万元", "元"]


@attrs.frozen
class Row:
    """A row of a grid with its grid (for ``where``)."""

    grid: Grid
    cells: tuple[GridCell, ...]

    def distinct(self) -> list[GridCell]:
        """The row's non-empty cells, a cell merged across columns once."""
        seen: set[tuple[int, int]] = set()
        out = []
        for cell in self.cells:
            if cell.text and cell.origin not in seen and _across(cell, seen):
                out.append(cell)
            seen.add(cell.origin)
        return out

    def at(self, column: int) -> GridCell | None:
        """The cell in ``column`` (1-based), or None when the row is shorter."""
        if 1 <= column <= len(self.cells):
            return self.cells[column - 1]
        return None

    def text_at(self, column: int | None) -> str:
        """The text in ``column`` ('' when absent)."""
        if column is None:
            return ""
        cell = self.at(column)
        return "" if cell is None else cell.text

    def where(self, cell: GridCell | None = None) -> Where:
        """Where the row (or ``cell``) stands."""
        if cell is None:
            cell = next((c for c in self.cells if c.text), self.cells[0])
        return self.grid.where(cell)


def _across(cell: GridCell, seen: set[tuple[int, int]]) -> bool:
    # a cell merged down from the row above is this row's cell too (a label repeated down)
    return cell.origin not in seen


def is_title_row(row: Row) -> bool:
    """Whether ``row`` is one value merged across its columns: a title, never data.

    A workbook's second sheet starts with its title (项目支出绩效自评表, （2022年度）) merged
    over the table's width; read as cells it would repeat in every column, the level-1 and
    name columns alike, and pass for an indicator. A pasted row (no merges) is never one.
    """
    texts = [cell for cell in row.cells if cell.text]
    if not texts:
        return False
    origin = texts[0].origin
    spanned = [cell for cell in row.cells if cell.origin == origin]
    return (
        len(spanned) >= 2
        and all(cell.origin == origin for cell in texts)
        and all(cell.origin[0] == cell.row for cell in spanned)  # merged across, not down
    )


def rows_of(grids: Sequence[Grid]) -> list[Row]:
    """Every non-empty row of the grids, in order."""
    return [Row(grid, row) for grid in grids for row in grid.rows if any(c.text for c in row)]


def align_short_rows(rows: list[Row]) -> list[Row]:
    """Pasted rows without the cells a rowspan covers, shifted right to the table's width.

    Some pages paste a cell merged down only in its first row, so the rows below it are
    shorter and their cells start too far left; in these forms merged-down cells stand at
    the left (section labels, level-1 names), so a short row is aligned on the right.
    """
    widest = max((len(row.cells) for row in rows), default=0)
    aligned = []
    for row in rows:
        shift = widest - len(row.cells)
        if shift <= 0 or len(row.distinct()) < 2:
            aligned.append(row)
            continue
        number = row.cells[0].row
        cells = tuple(
            GridCell("", number, column, (number, column)) for column in range(1, shift + 1)
        )
        cells += tuple(
            GridCell(
                cell.text,
                number,
                cell.column + shift,
                (number, cell.column + shift),
                cell.line,
                cell.name,  # where it stands in the file, not where it was aligned to
            )
            for cell in row.cells
        )
        aligned.append(Row(row.grid, cells))
    return aligned


def amount_of(text: str, unit: MoneyUnit, where: Where) -> StatedAmount | None:
    """The amount ``text`` states in ``unit``, or None when it holds no usable number."""
    if number_in(text) is None:
        return None
    try:
        return StatedAmount.parse(text, unit=unit, where=where)
    except InvalidNumberError:
        return None


def _number(text: str, where: Where) -> StatedNumber | None:
    return StatedNumber.parse(text, where=where) if text.strip() else None


_MONEY_HEADINGS: tuple[tuple[str, str], ...] = (
    ("年初预算", "budget_start"),
    ("全年预算", "budget_adjusted"),
    ("调整后预算", "budget_adjusted"),
    ("执行率", "rate"),
    ("执行进度", "rate"),
    ("全年执行", "executed"),
    ("执行数", "executed"),
    ("实际支出", "executed"),
    ("到位", "received"),
    ("分值", "points"),
    ("得分", "score"),
    ("预算数", "budget_adjusted"),
)


def _money_role(text: str) -> str | None:
    normal = norm(text)
    for words, role in _MONEY_HEADINGS:
        if words in normal:
            return role
    return None


def is_money_heading(row: Row) -> bool:
    """Whether ``row`` is the 10号 money heading (年初预算数 / 全年预算数 … 全年执行数)."""
    cells = row.distinct()
    if any(number_in(cell.text) is not None for cell in cells):
        return False  # a heading states no figures (Hebei's 预算数 6.84 is a data row)
    roles = [_money_role(cell.text) for cell in cells]
    return "executed" in roles and any(r in roles for r in ("budget_start", "budget_adjusted"))


def is_hebei_money_heading(row: Row) -> bool:
    """Whether ``row`` is Hebei's money heading (预算安排情况 … 资金到位情况)."""
    words = [norm(cell.text) for cell in row.distinct()]
    return any("预算安排" in w for w in words) and any("到位" in w for w in words)


def indicator_heading(row: Row) -> dict[int, str] | None:
    """Column → role of an indicator heading row (一级指标 … 三级指标), or None."""
    roles = {cell.column: role for cell in row.cells if (role := role_of(cell.text))}
    values = set(roles.values())
    if "level1" in values and ("name" in values or "level2" in values):
        return roles
    return None


def _merge_heading(first: dict[int, str], row: Row, grid_first: Row) -> dict[int, str] | None:
    """A second heading row (sub-headings under a heading spanning columns), or None."""
    if any(level1_of(cell.text) for cell in row.cells):
        return None
    sub = {cell.column: role for cell in row.cells if (role := role_of(cell.text))}
    if len(sub) < 2 or any(number_in(cell.text) is not None for cell in row.distinct()):
        return None
    merged = dict(first)
    carried = None
    for cell in grid_first.cells:  # a pasted heading spanning columns leaves them empty
        if cell.text:
            carried = first.get(cell.column)
        elif carried is not None and cell.column not in merged:
            merged[cell.column] = carried
    for cell in grid_first.cells:  # a heading spanning columns: its sub-columns take its role
        if cell.column not in merged and cell.covered and cell.origin[0] == cell.row:
            origin_role = first.get(cell.origin[1])
            if origin_role is not None:
                merged[cell.column] = origin_role
    merged.update(sub)
    return merged


def _columns(roles: dict[int, str]) -> dict[str, int]:
    """Role → its first column; a second ``name`` column is the description."""
    found: dict[str, int] = {}
    for column in sorted(roles):
        role = roles[column]
        if role == "name" and "name" in found and "description" not in found:
            found["description"] = column
        elif role not in found:
            found[role] = column
    return found


def _label_value(row: Row, index: int, cells: list[GridCell]) -> str | None:
    for cell in cells[index + 1 :]:
        normal = norm(cell.text)
        if normal in FIELD_LABELS or normal in GOAL_LABELS:
            return None
        return cell.text
    return None


@attrs.define
class _Builder:
    """The figures of one project as they are found (mutable while reading)."""

    unit: MoneyUnit
    name: str | None = None
    name_where: Where | None = None
    unit_name: str | None = None
    department: str | None = None
    fields: list[tuple[str, str]] = attrs.Factory(list)
    money_rows: list[MoneyRow] = attrs.Factory(list)
    goals: list[FormGoal] = attrs.Factory(list)
    indicators: list[FormIndicator] = attrs.Factory(list)
    execution_rate: StatedNumber | None = None
    execution_points: StatedNumber | None = None
    execution_score: StatedNumber | None = None
    total_score: StatedNumber | None = None
    grade: str | None = None

    def project(self, *, target_table: bool) -> FormProject:
        total = next((row for row in self.money_rows if row.key == "total"), None)
        budget_start = budget_adjusted = executed = None
        if total is not None:
            budget_start, budget_adjusted, executed = (
                total.budget_start,
                total.budget_adjusted,
                total.executed,
            )
            if target_table and budget_start is None:
                budget_start, budget_adjusted = budget_adjusted, None
            # the money block's own figures first; a 预算执行率 indicator row second
            self.execution_rate = total.rate_percent or self.execution_rate
            self.execution_points = total.points or self.execution_points
            self.execution_score = total.score or self.execution_score
        name = self.name or ""
        return FormProject(
            name=name,
            unit_name=self.unit_name,
            department=self.department,
            budget_start=budget_start,
            budget_adjusted=budget_adjusted,
            executed=executed,
            execution_rate_percent=self.execution_rate,
            execution_points=self.execution_points,
            execution_score=self.execution_score,
            total_score=self.total_score,
            grade=self.grade,
            goals=tuple(self.goals),
            indicators=tuple(self.indicators),
            money_rows=tuple(self.money_rows),
            fields=tuple(self.fields),
            fund="residents_pension" if is_pension_fund(name) else "generic",
            where=self.name_where,
        )


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
        builder = _Builder(unit)
        leftover = _read_block(block, builder)
        if builder.name is None and not builder.indicators and not builder.money_rows:
            notes.extend(" ".join(c.text for c in row.distinct()) for row in block)
            continue
        notes.extend(leftover)
        projects.append(builder.project(target_table=target_table))
    return projects, notes


def _read_block(rows: list[Row], builder: _Builder) -> list[str]:  # noqa: PLR0912, PLR0915 - one state machine
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
            if index < len(rows) and (merged := _merge_heading(roles, rows[index], row)):
                roles = merged
                index += 1
            indicator_columns = _columns(roles)
            mode = "indicators"
            continue
        if mode == "indicators":
            if not _indicator_row(row, indicator_columns, builder):
                leftover.append(" ".join(c.text for c in cells))
            continue
        if is_money_heading(row) and not is_hebei_money_heading(row):
            money_columns = {
                cell.column: role
                for cell in row.cells
                if not cell.covered and (role := _money_role(cell.text))
            }
            mode = "money"
            continue
        if is_hebei_money_heading(row):
            mode = "hebei_money"
            continue
        if _goal_heading(row, goal_columns):
            mode = "goals"
            continue
        if mode == "money" and _money_row(row, money_columns, builder):
            continue
        if mode == "hebei_money" and _hebei_money_row(row, builder):
            continue
        if mode == "goals" and _goal_row(row, goal_columns, builder):
            continue
        if _field_row(row, cells, builder):
            continue
        if _target_money_row(row, cells, builder):
            continue
        if _single_goal(row, cells, builder):
            continue
        if _total_row(row, cells, {}, builder):
            continue
        if len(cells) == 1 and norm(cells[0].text).startswith(_SECTION_LABELS):
            continue  # a section's label alone on its row (its figures are read below it)
        leftover.append(" ".join(c.text for c in cells))
    return leftover


def _field_row(row: Row, cells: list[GridCell], builder: _Builder) -> bool:
    found = False
    for index, cell in enumerate(cells):
        normal = norm(cell.text)
        label, inline = normal, None
        if ":" in normal and normal.split(":", 1)[0] in FIELD_LABELS:
            label, inline = normal.split(":", 1)
            inline = cell.text.split(":", 1)[-1].split("：", 1)[-1].strip() or None
        if label not in FIELD_LABELS:
            continue
        value = inline if inline is not None else _label_value(row, index, cells)
        if value is None:
            continue
        found = True
        target = FIELD_LABELS[label]
        if target == "name" and builder.name is None:
            builder.name, builder.name_where = value, row.where(cell)
        elif target == "department" and builder.department is None:
            builder.department = value
        elif target == "unit_name" and builder.unit_name is None:
            builder.unit_name = value
        else:
            builder.fields.append((cell.text.rstrip(":："), value))
    return found


def _money_row(row: Row, columns: dict[int, str], builder: _Builder) -> bool:
    label_cell = next((c for c in row.distinct() if money_row_key(c.text)), None)
    if label_cell is None or any(money_row_key(c.text) for c in row.cells if c.column in columns):
        return False
    key = money_row_key(label_cell.text) or "row"
    values: dict[str, GridCell] = {}
    for column, role in columns.items():
        cell = row.at(column)
        if cell is not None and cell.text and role not in values:
            values[role] = cell

    def amount(role: str) -> StatedAmount | None:
        cell = values.get(role)
        return None if cell is None else amount_of(cell.text, builder.unit, row.where(cell))

    def number(role: str) -> StatedNumber | None:
        cell = values.get(role)
        return None if cell is None else _number(cell.text, row.where(cell))

    builder.money_rows.append(
        MoneyRow(
            key=key,
            label=label_cell.text,
            budget_start=amount("budget_start"),
            budget_adjusted=amount("budget_adjusted"),
            received=amount("received"),
            executed=amount("executed"),
            points=number("points"),
            rate_percent=number("rate"),
            score=number("score"),
            where=row.where(label_cell),
        )
    )
    return True


def _hebei_money_row(row: Row, builder: _Builder) -> bool:
    cells = row.distinct()
    label = next((c for c in cells if money_row_key(c.text)), None)
    if label is None:
        return False
    numbers = [c for c in cells if number_in(c.text) is not None and not money_row_key(c.text)]
    numbers = [c for c in numbers if norm(c.text) not in ("到位数", "执行数")]
    if not numbers:
        return False
    unit = builder.unit

    def amount(position: int) -> StatedAmount | None:
        if position >= len(numbers):
            return None
        return amount_of(numbers[position].text, unit, row.where(numbers[position]))

    rate = None
    if len(numbers) >= 4:
        rate = _number(numbers[3].text, row.where(numbers[3]))
    builder.money_rows.append(
        MoneyRow(
            key=money_row_key(label.text) or "row",
            label=label.text,
            budget_adjusted=amount(0),
            received=amount(1),
            executed=amount(2),
            rate_percent=rate,
            where=row.where(label),
        )
    )
    return True


def _goal_heading(row: Row, columns: dict[str, int]) -> bool:
    planned = achieved = completion = None
    for cell in row.cells:
        if cell.covered and cell.origin[0] == cell.row:
            continue
        normal = norm(cell.text)
        if planned is None and normal in ("预期目标", "年度预期目标", "预期绩效目标"):
            planned = cell.column
        elif achieved is None and normal in ("实际完成情况", "具体完成情况", "实际完成"):
            achieved = cell.column
        elif completion is None and "完成率" in normal:
            completion = cell.column
    if planned is None or achieved is None:
        return False
    columns.clear()
    columns.update(planned=planned, achieved=achieved)
    if completion is not None:
        columns["completion"] = completion
    return True


def _goal_row(row: Row, columns: dict[str, int], builder: _Builder) -> bool:
    planned = row.text_at(columns.get("planned"))
    if not planned or norm(planned) in GOAL_LABELS or indicator_heading(row):
        return False
    achieved = row.text_at(columns.get("achieved")) or None
    completion_cell = row.at(columns["completion"]) if "completion" in columns else None
    completion_text = row.text_at(columns.get("completion"))
    if completion_cell is not None and completion_cell.origin[0] != completion_cell.row:
        completion_text = ""  # one rate merged down over all goals belongs to the first
    completion = None
    if completion_text and number_in(completion_text) is not None:
        completion = _number(completion_text, row.where(row.at(columns["completion"])))
    builder.goals.append(
        FormGoal(planned, achieved, completion, row.where(row.at(columns["planned"])))
    )
    return True


def _target_money_row(row: Row, cells: list[GridCell], builder: _Builder) -> bool:
    for index, cell in enumerate(cells):
        key = money_row_key(cell.text)
        if key is None or index + 1 >= len(cells):
            continue
        value = cells[index + 1]
        amount = amount_of(value.text, builder.unit, row.where(value))
        if amount is None:
            continue
        builder.money_rows.append(
            MoneyRow(key=key, label=cell.text, budget_adjusted=amount, where=row.where(cell))
        )
        return True
    return False


def _single_goal(row: Row, cells: list[GridCell], builder: _Builder) -> bool:
    for index, cell in enumerate(cells):
        if norm(cell.text) in GOAL_LABELS and index + 1 < len(cells):
            rest = cells[index + 1 :]
            for goal in rest:
                builder.goals.append(FormGoal(goal.text, where=row.where(goal)))
            return True
    return False


_SECTION_LABELS = ("项目资金", "绩效指标", "年度总体目标")
_TOTAL_LABELS = ("总分", "合计", "总计", "综合得分", "自评总分")
_GRADE_LABELS = ("评价等次", "自评等级", "评价等级", "绩效等级", "等级", "自评结果", "评价结果")


def _total_row(row: Row, cells: list[GridCell], columns: dict[str, int], builder: _Builder) -> bool:
    if not cells:
        return False
    first = norm(cells[0].text)
    if first in _GRADE_LABELS or any(first.startswith(g + ":") for g in _GRADE_LABELS):
        inline = first.split(":", 1)[1] if ":" in first else None
        builder.grade = inline or (cells[1].text if len(cells) > 1 else None)
        return True
    if not any(first.startswith(label) for label in _TOTAL_LABELS):
        return False
    score_cell = row.at(columns["score"]) if "score" in columns else None
    if score_cell is None or number_in(score_cell.text) is None:
        numeric = [c for c in cells[1:] if number_in(c.text) is not None]
        score_cell = numeric[-1] if numeric else None
    if score_cell is not None:
        builder.total_score = _number(score_cell.text, row.where(score_cell))
    for cell in cells[1:]:
        normal = norm(cell.text)
        for grade in GRADES:
            if normal in (grade, f"等级:{grade}", f"评价等次:{grade}", f"({grade})"):
                builder.grade = grade
    return True


def _indicator_row(row: Row, columns: dict[str, int], builder: _Builder) -> bool:
    cells = row.distinct()
    if _total_row(row, cells, columns, builder):
        return True
    texts = {role: row.text_at(column) for role, column in columns.items()}
    level1_text, name = texts.get("level1", ""), texts.get("name", "")
    joined = norm(level1_text + texts.get("level2", "") + name)
    if "预算执行率" in joined or "资金执行率" in joined:
        _execution_row(row, columns, builder)
        return True
    previous = builder.indicators[-1] if builder.indicators else None
    level1 = level1_of(level1_text)
    if level1 is None and level1_text and not name:
        return False
    if not name:
        return False
    level1_name = level1[0] if level1 else (previous.level1 if previous else None)
    level1_points = level1[1] if level1 else None
    if level1 is None and previous is not None:
        level1_points_stated = previous.level1_points
    else:
        level1_points_stated = (
            StatedNumber(level1_text, level1_points, row.where(row.at(columns["level1"])))
            if level1_points is not None
            else None
        )
    level2 = texts.get("level2") or (
        previous.level2 if previous is not None and previous.level1 == level1_name else None
    )
    indicator = indicator_from_row(
        row, columns, texts, level1=level1_name, level2=level2, name=name
    )
    builder.indicators.append(attrs.evolve(indicator, level1_points=level1_points_stated))
    return True


def indicator_from_row(
    row: Row,
    columns: dict[str, int],
    texts: dict[str, str],
    *,
    level1: str | None,
    level2: str | None,
    name: str,
) -> FormIndicator:
    """The indicator of an indicator row, its columns found by role (:func:`role_of`)."""

    def stated(role: str) -> StatedNumber | None:
        text = texts.get(role, "")
        if not text:
            return None
        return StatedNumber.parse(text, where=row.where(row.at(columns[role])))

    target = stated("target")
    sign_text = texts.get("comparator", "")
    sign = comparator(sign_text) if sign_text else None
    nature = sign_text if sign_text and sign is None else None
    if sign is None and target is not None:
        sign = comparator(target.text)
    unit = texts.get("unit") or (_unit_after(target.text) if target is not None else None)
    points = stated("points")
    description = texts.get("description") or None
    if points is not None and points.value is None and description is None:
        # words where points stand: an explanation column the heading row does not name
        # (a pasted Hebei table's 三级指标 spans two columns); kept as the description
        description, points = points.text, None
    return FormIndicator(
        level1=level1,
        level2=level2,
        name=name,
        comparator=sign,
        target=target,
        unit=unit or None,
        actual=stated("actual"),
        points=points,
        score=stated("score"),
        reason=texts.get("reason") or None,
        where=row.where(row.at(columns["name"])),
        description=description,
        nature=nature,
        direction=texts.get("direction") or None,
        weight_percent=stated("weight_percent"),
        weighted_score=stated("weighted_score"),
        completion=texts.get("completion") or None,
    )


def _unit_after(text: str) -> str | None:
    value = number_in(text)
    if value is None:
        return None
    normal = text.translate(str.maketrans("％", "%")).strip()
    tail = normal.rsplit(format(value, "f"), 1)[-1] if format(value, "f") in normal else ""
    tail = tail.strip()
    return tail or None


def _execution_row(row: Row, columns: dict[str, int], builder: _Builder) -> None:
    def stated(role: str) -> StatedNumber | None:
        text = row.text_at(columns.get(role))
        if not text or number_in(text) is None:
            return None
        return StatedNumber.parse(text, where=row.where(row.at(columns[role])))

    builder.execution_points = builder.execution_points or stated("points")
    builder.execution_score = builder.execution_score or stated("score")
    builder.execution_rate = builder.execution_rate or stated("actual")
