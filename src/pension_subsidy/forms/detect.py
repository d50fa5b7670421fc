"""Which form a file holds, and in which layout; or, for a file that is none, what it looks like.

The forms are told apart by their headings, never by file name:

* ``disclosure_table`` / ``five_column`` — a heading row 单位编码 · 单位及项目名称 · 金额 ….
* ``target_table`` / ``budget_system_export`` — one heading row with 项目名称, 一级指标,
  三级指标, 指标值 and 单位名称 or 预算数: one row per indicator.
* ``self_evaluation_table`` / ``finance_10`` — the money heading 年初预算数 · 全年预算数 ·
  全年执行数 of the 财预〔2020〕10号 annex; ``hebei`` — 预算安排 … 资金到位 … (Hebei's
  variant); ``indicators_only`` — an indicator heading with 实际完成值 or 得分 but no money
  block.
* ``target_table`` / ``long_per_project`` — 项目名称 as a label and an indicator heading
  (一级指标 … 三级指标 … 指标值) without actual values.
* ``evaluation_report`` / ``prose`` — running text whose sentences carry budget figures.

Anything else raises :class:`~pension_subsidy.DataFileError` saying what the file appears to be
(``a table with columns 姓名, 身份证号, 缴费档次``) and what is supported.
"""

from __future__ import annotations

import re

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.forms.export import export_heading
from pension_subsidy.forms.grid import Source
from pension_subsidy.forms.labelled import (
    Row,
    indicator_heading,
    is_hebei_money_heading,
    is_money_heading,
    rows_of,
)
from pension_subsidy.forms.model import FormKind
from pension_subsidy.forms.report import looks_like_report
from pension_subsidy.forms.vocabulary import norm

__all__ = ["SUPPORTED", "Detection", "describe", "description", "detect", "money_unit_of"]

#: What the readers support, for messages.
SUPPORTED = (
    "supported: a 绩效目标公开表 (单位编码, 单位及项目名称, 金额, 绩效目标, 绩效指标); a "
    "绩效目标表 (项目名称 … 一级指标, 二级指标, 三级指标, 指标值; or one row per indicator: "
    "单位名称, 项目名称, 预算数, 年度目标, 一级指标 … 权重); a 绩效自评表 (年初预算数, 全年预算数, "
    "全年执行数 … 实际完成值, 得分; or Hebei's 预算安排, 资金到位, 资金执行); a 绩效自评报告 or "
    "绩效评价报告 in prose with budget figures"
)


@attrs.frozen
class Detection:
    """The form and layout found, and the row where its table starts (None for prose)."""

    form: FormKind
    layout: str
    heading: int | None = None


def _is_disclosure_heading(row: Row) -> bool:
    words = [norm(cell.text) for cell in row.cells]
    return any(w.startswith("单位编码") for w in words) and any(
        w.startswith("单位及项目名称") for w in words
    )


def _has_label(rows: list[Row], labels: tuple[str, ...]) -> bool:
    return any(
        norm(cell.text) in labels or norm(cell.text).startswith(tuple(f"{w}:" for w in labels))
        for row in rows
        for cell in row.distinct()
    )


def detect(source: Source) -> Detection:  # noqa: PLR0911 - one return per form
    """The form in ``source``; a file that is none raises DataFileError saying what it is."""
    rows = rows_of(source.tables)
    for index, row in enumerate(rows):
        if _is_disclosure_heading(row):
            return Detection("disclosure_table", "five_column", index)
    for index, row in enumerate(rows):
        if export_heading(row) is not None:
            return Detection("target_table", "budget_system_export", index)
    if any(is_hebei_money_heading(row) for row in rows):
        return Detection("self_evaluation_table", "hebei")
    if any(is_money_heading(row) for row in rows):
        return Detection("self_evaluation_table", "finance_10")
    headings = [roles for row in rows if (roles := indicator_heading(row)) is not None]
    if any({"actual", "score"} & set(roles.values()) for roles in headings):
        return Detection("self_evaluation_table", "indicators_only")
    if headings and _has_label(rows, ("项目名称", "项目名")):
        return Detection("target_table", "long_per_project")
    if looks_like_report(source.lines):
        return Detection("evaluation_report", "prose")
    said = {"what": description(source), "supported": Phrase("forms.supported")}
    raise DataFileError(code="forms.unsupported", params=said, path=source.path)


def describe(source: Source) -> str:
    """What the file appears to be, in a few English words (for the message of an unknown file)."""
    return str(description(source))


def description(source: Source) -> Phrase:
    """What the file appears to be, as a phrase said in each language."""
    tables = [grid for grid in source.tables if grid.rows]
    best = None
    for grid in tables:
        if len(grid.rows) > 1 and max(len(row) for row in grid.rows) > 1:
            best = grid
            break
    if best is not None:
        for row in rows_of([best]):
            cells = row.distinct()
            if len(cells) >= 2:
                shown = ", ".join(cell.text.replace("\n", " ")[:20] for cell in cells[:8])
                more = ", …" if len(cells) > 8 else ""
                return Phrase("forms.unknown.table", columns=shown, more=more, rows=len(best.rows))
    lines = list(source.lines)
    if not lines:
        return Phrase("forms.unknown.no_text")
    first = lines[0].text[:40]
    count = (
        Phrase("forms.unknown.one_line")
        if len(lines) == 1
        else Phrase("forms.unknown.lines", lines=len(lines))
    )
    return Phrase("forms.unknown.text", count=count, first=repr(first))


_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|元)")


def money_unit_of(source: Source) -> str | None:
    """The money unit the file states (``金额单位：元``, ``（万元）`` in a heading), or None."""
    texts = [cell.text for grid in source.tables for row in grid.rows for cell in row]
    texts += [line.text for line in source.lines]
    for text in texts:
        if match := _UNIT.search(text):
            return match.group(1)
    for text in texts:
        normal = norm(text)
        if "(万元)" in normal:
            return "万元"
        if "(元)" in normal:
            return "元"
    return None
