"""The 自评表 (项目支出绩效自评表, annex of 财预〔2020〕10号) laid out once for every writer.

:func:`selfeval_cells` places a :class:`~pension_subsidy.forms.model.FormProject` on a grid of
ten columns (A–J), each cell with its span; the xlsx, HTML and docx writers only draw it::

    title                                         项目支出绩效自评表（2022年度）
    项目名称   | name
    主管部门   | …              | 实施单位 | …
    项目负责人 | …              | 财务负责人 | …
    项目资金   |   | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    （万元）   | 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 (one row each)
    年度总体目标 | 预期目标 | 实际完成情况   (then one row per goal)
    绩效指标   | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
               | (then 偏差原因分析及改进措施 over I–J)
               | 产出指标（50分） (merged down its rows) | …
    总分       |                                | 100 | 99.83 | 优

Amounts are in 万元 to 0.01 (四舍五入, as stated in the project), rates in percent, points
and scores to 0.01. A figure the project does not state is an empty cell.

>>> from pension_subsidy.forms.model import FormProject
>>> cells = selfeval_cells(FormProject("县级配套资金"), title="项目支出绩效自评表")
>>> [(c.row, c.column, c.text) for c in cells[:3]]
[(1, 1, '项目支出绩效自评表'), (2, 1, '项目名称'), (2, 2, '县级配套资金')]
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

import attrs

from pension_subsidy.forms.model import (
    MONEY_ROWS,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    StatedNumber,
)
from pension_subsidy.money import WAN_CENT

__all__ = ["WIDTH", "LaidCell", "selfeval_cells"]

#: The number of columns of the form (A–J).
WIDTH = 10
#: The money columns and their headings, from column D on.
MONEY_HEADINGS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
#: The indicator block's headings, from column B on (the last spans I–J).
INDICATOR_HEADINGS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)

CellKind = Literal["title", "header", "text", "amount", "percent", "score"]


@attrs.frozen
class LaidCell:
    """One cell of the form: where, its span, its text and, for a figure, its exact value.

    ``kind``: ``title``, ``header`` (bold on grey), ``text``, or a figure — ``amount``
    (万元, 0.01), ``percent`` (a rate in percent, 0.01) and ``score`` (points or a score).
    """

    row: int
    column: int
    text: str
    kind: CellKind = "text"
    value: Decimal | None = None
    rows: int = 1
    columns: int = 1


def _amount(amount: StatedAmount | None) -> tuple[str, Decimal | None]:
    if amount is None:
        return "", None
    wan = amount.yuan.to_wan(WAN_CENT)
    return f"{wan:f}", wan


def _figure(number: StatedNumber | None) -> tuple[str, Decimal | None]:
    if number is None or number.value is None:
        return ("" if number is None else number.text), None
    return number.text.rstrip("%％"), number.value


def _money_cells(row: int, money: MoneyRow) -> Iterator[LaidCell]:
    yield LaidCell(row, 2, money.label, "text", columns=2)
    figures: tuple[tuple[CellKind, str, Decimal | None], ...] = (
        ("amount", *_amount(money.budget_start)),
        ("amount", *_amount(money.budget_adjusted)),
        ("amount", *_amount(money.executed)),
        ("score", *_figure(money.points)),
        ("percent", *_figure(money.rate_percent)),
        ("score", *_figure(money.score)),
    )
    for offset, (kind, text, value) in enumerate(figures):
        shown = f"{text}%" if kind == "percent" and value is not None else text
        yield LaidCell(row, 4 + offset, shown, kind, value, columns=2 if offset == 5 else 1)


def _money_rows(project: FormProject) -> tuple[MoneyRow, ...]:
    """The four rows of the form, stated or empty; the total from the project if not stated."""
    stated = {row.key: row for row in project.money_rows}
    total = stated.get("total") or MoneyRow(
        "total",
        MONEY_ROWS["total"],
        budget_start=project.budget_start,
        budget_adjusted=project.budget_adjusted,
        executed=project.executed,
        points=project.execution_points,
        rate_percent=project.execution_rate_percent,
        score=project.execution_score,
    )
    rows = [total]
    for key in ("current_appropriation", "carry_over", "other"):
        rows.append(stated.get(key) or MoneyRow(key, MONEY_ROWS[key]))
    return tuple(rows)


def _field(project: FormProject, label: str) -> str:
    return next((text for name, text in project.fields if name == label), "")


def _indicator_cells(row: int, indicator: FormIndicator) -> Iterator[LaidCell]:
    texts = (
        indicator.level2 or "",
        indicator.name,
        "" if indicator.target is None else indicator.target.text,
        "" if indicator.actual is None else indicator.actual.text,
    )
    for offset, text in enumerate(texts):
        yield LaidCell(row, 3 + offset, text)
    for offset, number in enumerate((indicator.points, indicator.score)):
        text, value = _figure(number)
        yield LaidCell(row, 7 + offset, text, "score" if value is not None else "text", value)
    yield LaidCell(row, 9, indicator.reason or "", columns=2)


def _level1_heading(indicator: FormIndicator) -> str:
    heading = indicator.level1_points
    if heading is not None and heading.text.startswith(indicator.level1 or "\0"):
        return heading.text
    if heading is not None and heading.value is not None:
        return f"{indicator.level1}（{heading.value}分）"
    return indicator.level1 or ""


def selfeval_cells(project: FormProject, *, title: str) -> tuple[LaidCell, ...]:
    """The cells of one project's 自评表, row by row (rows and columns from 1)."""
    cells = _head_cells(project, title)
    money = _money_rows(project)
    cells.append(LaidCell(5, 1, "项目资金（万元）", "header", rows=1 + len(money)))
    cells.append(LaidCell(5, 2, "", "header", columns=2))
    for offset, heading in enumerate(MONEY_HEADINGS):
        cells.append(LaidCell(5, 4 + offset, heading, "header", columns=2 if offset == 5 else 1))
    for offset, row_money in enumerate(money, start=6):
        cells += _money_cells(offset, row_money)
    row = 6 + len(money)
    cells += _goal_cells(project, row)
    row += len(project.goals) + 1
    cells += _indicator_table_cells(project, row)
    row += len(project.indicators) + 1
    total_text, total_value = _figure(project.total_score)
    cells += [
        LaidCell(row, 1, "总分", "header", columns=6),
        LaidCell(row, 7, "100", "score", Decimal(100)),
        LaidCell(row, 8, total_text, "score" if total_value is not None else "text", total_value),
        LaidCell(row, 9, project.grade or "", columns=2),
    ]
    return tuple(cells)


def _head_cells(project: FormProject, title: str) -> list[LaidCell]:
    """The title, the project's name, its department and unit and who answers for it."""
    cells = [LaidCell(1, 1, title, "title", columns=WIDTH)]
    cells += [LaidCell(2, 1, "项目名称", "header"), LaidCell(2, 2, project.name, columns=9)]
    pairs = (
        ("主管部门", project.department or "", "实施单位", project.unit_name or ""),
        ("项目负责人", _field(project, "项目负责人"), "财务负责人", _field(project, "财务负责人")),
    )
    for row, (left, left_text, right, right_text) in enumerate(pairs, start=3):
        cells += [
            LaidCell(row, 1, left, "header"),
            LaidCell(row, 2, left_text, columns=4),
            LaidCell(row, 6, right, "header"),
            LaidCell(row, 7, right_text, columns=4),
        ]
    return cells


def _goal_cells(project: FormProject, row: int) -> list[LaidCell]:
    """The year's goals from ``row``: each planned goal beside what was achieved."""
    goals = project.goals
    cells = [
        LaidCell(row, 1, "年度总体目标", "header", rows=1 + len(goals)),
        LaidCell(row, 2, "预期目标", "header", columns=5),
        LaidCell(row, 7, "实际完成情况", "header", columns=4),
    ]
    for number, goal in enumerate(goals, start=row + 1):
        cells += [
            LaidCell(number, 2, goal.planned, columns=5),
            LaidCell(number, 7, goal.achieved or "", columns=4),
        ]
    return cells


def _indicator_table_cells(project: FormProject, row: int) -> list[LaidCell]:
    """The indicators from ``row``: the headings, each level-1 group merged, each indicator."""
    indicators = project.indicators
    cells = [LaidCell(row, 1, "绩效指标", "header", rows=1 + len(indicators))]
    for offset, heading in enumerate(INDICATOR_HEADINGS):
        cells.append(LaidCell(row, 2 + offset, heading, "header", columns=2 if offset == 7 else 1))
    start = row + 1
    index = 0
    while index < len(indicators):
        group = indicators[index].level1
        end = index
        while end + 1 < len(indicators) and indicators[end + 1].level1 == group:
            end += 1
        cells.append(
            LaidCell(start + index, 2, _level1_heading(indicators[index]), rows=end - index + 1)
        )
        index = end + 1
    for offset, indicator in enumerate(indicators):
        cells += _indicator_cells(start + offset, indicator)
    return cells
