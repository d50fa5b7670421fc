"""The heading rows of the labelled forms: money (10号 and Hebei's), indicators, goals."""

from __future__ import annotations

from pension_subsidy.forms.model import number_in
from pension_subsidy.forms.rows import Row
from pension_subsidy.forms.vocabulary import level1_of, norm, role_of

__all__ = [
    "goal_heading",
    "heading_columns",
    "indicator_heading",
    "is_hebei_money_heading",
    "is_money_heading",
    "merge_heading",
    "money_role",
]


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


def money_role(text: str) -> str | None:
    """The money column a heading names (``budget_start``, ``executed``, ``rate``…), or None."""
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
    roles = [money_role(cell.text) for cell in cells]
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


def merge_heading(first: dict[int, str], row: Row, grid_first: Row) -> dict[int, str] | None:
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


def heading_columns(roles: dict[int, str]) -> dict[str, int]:
    """Role → its first column; a second ``name`` column is the description."""
    found: dict[str, int] = {}
    for column in sorted(roles):
        role = roles[column]
        if role == "name" and "name" in found and "description" not in found:
            found["description"] = column
        elif role not in found:
            found[role] = column
    return found


def goal_heading(row: Row, columns: dict[str, int]) -> bool:
    """Whether ``row`` heads the goals (预期目标 / 实际完成情况); ``columns`` gets their columns."""
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
