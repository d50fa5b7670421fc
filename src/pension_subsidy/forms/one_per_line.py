"""Text pasted with one cell per line (as some browsers paste a table with merged cells).

Such a paste has no row breaks and no positions: a cell merged across or down appears once,
the positions it covers not at all. The rows are rebuilt from the forms' own words:

* the budget system's export: the heading cells (单位名称 … 指标方向性) give the number of
  indicator columns; each indicator row starts at its level-1 name (产出指标 …) and runs for
  that many cells; the cells before it (unit, project, amount, goal — merged down in the
  page) belong to the columns left of 一级指标, aligned on the right;
* the labelled forms (self-evaluation, long target table): a row starts at a label of the
  form (项目名称, 主管部门, 年度资金总额, 年度总体目标, 总分 …) or at a level-1 or level-2
  indicator name, and after a row of headings; each data row is aligned on the right with
  the heading row above it, so its cells fall under their headings.

Each rebuilt cell keeps the line it came from.

>>> rows = restack(["项目名称", "某项目", "主管部门", "某局", "实施单位", "某中心"])
>>> [[text for text, _ in row] for row in rows]
[['项目名称', '某项目'], ['主管部门', '某局'], ['实施单位', '某中心']]
"""

from __future__ import annotations

from pension_subsidy.forms.vocabulary import (
    FIELD_LABELS,
    GOAL_LABELS,
    level1_of,
    money_row_key,
    norm,
    role_of,
)

__all__ = ["looks_one_per_line", "restack"]

Token = tuple[str, int]  # (text, line)

_EXPORT_FRONT = ("单位名称", "项目名称", "预算数", "年度目标", "项目金额", "绩效目标")
_MONEY_HEADINGS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
_GOAL_HEADINGS = ("预期目标", "实际完成情况", "年度预期目标", "具体完成情况")
_ROW_LABELS = ("总分", "合计", "评价等次", "自评等级", "项目资金", "绩效指标")


def _is_heading(text: str) -> bool:
    normal = norm(text)
    if not normal or normal in FIELD_LABELS:
        return False
    if normal.startswith(_MONEY_HEADINGS) or normal in _GOAL_HEADINGS:
        return True
    return role_of(text) is not None and len(normal) <= 12 and level1_of(text) is None


def looks_one_per_line(lines: list[str]) -> bool:
    """Whether tab-free text has the forms' headings each on a line of its own."""
    if any("\t" in line for line in lines):
        return False
    headings = sum(_is_heading(line) for line in lines)
    return headings >= 4


_DIRECTIONS = ("正向指标", "反向指标", "中性指标", "定量指标", "定性指标")


def _indicator_name(text: str) -> bool:
    normal = norm(text)
    return (
        normal.endswith("指标")
        and normal not in _DIRECTIONS
        and len(normal) <= 12
        and not _is_heading(text)
    )


def restack(lines: list[str]) -> list[list[Token]]:
    """Rows of (text, line) rebuilt from one cell per line (line numbers from 1)."""
    tokens = [(line.strip(), number) for number, line in enumerate(lines, start=1)]
    while tokens and not tokens[-1][0]:
        tokens.pop()
    start = _export_heading(tokens)
    if start is not None:
        return _export_rows(tokens, start)
    return _aligned(_labelled_rows(tokens))


def _export_heading(tokens: list[Token]) -> tuple[int, int] | None:
    """(first, past-last) index of an export heading run, or None."""
    for index, (text, _) in enumerate(tokens):
        if norm(text).startswith(_EXPORT_FRONT[0]) or norm(text) == "单位名称":
            end = index
            while end < len(tokens) and (
                norm(tokens[end][0]).startswith(_EXPORT_FRONT) or role_of(tokens[end][0])
            ):
                end += 1
            roles = {role_of(text) for text, _ in tokens[index:end]}
            if {"level1", "name", "target"} <= roles:
                return index, end
    return None


def _export_rows(tokens: list[Token], heading: tuple[int, int]) -> list[list[Token]]:
    first, end = heading
    rows: list[list[Token]] = [[token] for token in tokens[:first] if token[0]]
    head = tokens[first:end]
    rows.append(head)
    level1_at = next(i for i, (text, _) in enumerate(head) if role_of(text) == "level1")
    tail = len(head) - level1_at
    index = end
    pending: list[Token] = []
    while index < len(tokens):
        text, line = tokens[index]
        previous = tokens[index - 1][0] if index > end else ""
        if level1_of(text) is not None and level1_of(previous) is None:
            prefix = [token for token in pending if token[0]]
            notes, prefix = prefix[: max(len(prefix) - level1_at, 0)], prefix[-level1_at:]
            rows.extend([note] for note in notes)
            empty = [("", line)] * (level1_at - len(prefix))
            rows.append(empty + prefix + tokens[index : index + tail])
            index += tail
            pending = []
            continue
        pending.append((text, line))
        index += 1
    rows.extend([token] for token in pending if token[0])
    return rows


def _breaks_before(text: str, previous: str) -> bool:
    normal = norm(text)
    if not normal:
        return False
    if normal in FIELD_LABELS or normal in GOAL_LABELS or normal.startswith(_ROW_LABELS):
        return True
    if money_row_key(text) is not None and not _is_heading(text):
        return True
    # a level-1 name right after another is its level 2 (成本指标 is either)
    return (level1_of(text) is not None or _indicator_name(text)) and level1_of(previous) is None


def _labelled_rows(tokens: list[Token]) -> list[list[Token]]:
    rows: list[list[Token]] = []
    row: list[Token] = []
    previous = ""
    started = False  # lines above the form's first label (title, year) are rows of their own
    for text, line in tokens:
        breaks = _breaks_before(text, previous)
        started = started or breaks
        heading_ended = bool(row) and _is_heading(previous) and not _is_heading(text)
        if row and (breaks or heading_ended or not started):
            rows.append(row)
            row = []
        row.append((text, line))
        previous = text
    if row:
        rows.append(row)
    return rows


def _aligned(rows: list[list[Token]]) -> list[list[Token]]:
    """Data rows aligned on the right with the heading row above them."""
    out: list[list[Token]] = []
    width: int | None = None
    for row in rows:
        headings = sum(_is_heading(text) for text, _ in row)
        if headings >= 2:
            width = len(row)
            out.append(row)
            continue
        first = norm(row[0][0])
        if width is None or first in FIELD_LABELS or (first in GOAL_LABELS and len(row) == 2):
            out.append(row)
            continue
        shift = width - len(row)
        line = row[0][1]
        out.append([("", line)] * shift + row if shift > 0 else row)
    return out
