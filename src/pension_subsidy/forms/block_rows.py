"""The rows of a labelled form's blocks other than indicators: fields, money, goals, totals."""

from __future__ import annotations

from pension_subsidy.forms.grid import GridCell
from pension_subsidy.forms.headings import indicator_heading
from pension_subsidy.forms.model import FormGoal, MoneyRow, StatedAmount, StatedNumber, number_in
from pension_subsidy.forms.project_builder import ProjectBuilder
from pension_subsidy.forms.rows import Row, amount_of, number_of
from pension_subsidy.forms.vocabulary import FIELD_LABELS, GOAL_LABELS, GRADES, money_row_key, norm

__all__ = [
    "field_row",
    "goal_row",
    "hebei_money_row",
    "money_row",
    "single_goal",
    "target_money_row",
    "total_row",
]


def _label_value(row: Row, index: int, cells: list[GridCell]) -> str | None:
    for cell in cells[index + 1 :]:
        normal = norm(cell.text)
        if normal in FIELD_LABELS or normal in GOAL_LABELS:
            return None
        return cell.text
    return None


def field_row(row: Row, cells: list[GridCell], builder: ProjectBuilder) -> bool:
    """A label and its value (项目名称 …, 主管部门 …); False when the row has none."""
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


def money_row(row: Row, columns: dict[int, str], builder: ProjectBuilder) -> bool:
    """A row of the money block under its heading (年度资金总额 …), by column role."""
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
        return None if cell is None else number_of(cell.text, row.where(cell))

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


def hebei_money_row(row: Row, builder: ProjectBuilder) -> bool:
    """A row of Hebei's money block: 预算数 x · 到位数 y · 执行数 z (· 执行率)."""
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
        rate = number_of(numbers[3].text, row.where(numbers[3]))
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


def goal_row(row: Row, columns: dict[str, int], builder: ProjectBuilder) -> bool:
    """A goal under the goal heading: 预期目标 with its 实际完成情况 and 完成率."""
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
        completion = number_of(completion_text, row.where(row.at(columns["completion"])))
    builder.goals.append(
        FormGoal(planned, achieved, completion, row.where(row.at(columns["planned"])))
    )
    return True


def target_money_row(row: Row, cells: list[GridCell], builder: ProjectBuilder) -> bool:
    """A target table's money row: a money label and the amount beside it."""
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


def single_goal(row: Row, cells: list[GridCell], builder: ProjectBuilder) -> bool:
    """A single 年度总体目标 cell and the goal text beside it."""
    for index, cell in enumerate(cells):
        if norm(cell.text) in GOAL_LABELS and index + 1 < len(cells):
            rest = cells[index + 1 :]
            for goal in rest:
                builder.goals.append(FormGoal(goal.text, where=row.where(goal)))
            return True
    return False


_TOTAL_LABELS = ("总分", "合计", "总计", "综合得分", "自评总分")


_GRADE_LABELS = ("评价等次", "自评等级", "评价等级", "绩效等级", "等级", "自评结果", "评价结果")


def total_row(
    row: Row, cells: list[GridCell], columns: dict[str, int], builder: ProjectBuilder
) -> bool:
    """The 总分 row (its score, maybe a grade) or the grade's row (评价等次 …)."""
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
        builder.total_score = number_of(score_cell.text, row.where(score_cell))
    for cell in cells[1:]:
        normal = norm(cell.text)
        for grade in GRADES:
            if normal in (grade, f"等级:{grade}", f"评价等次:{grade}", f"({grade})"):
                builder.grade = grade
    return True
