"""The rows of a form's project: its money rows, its goals and its indicators."""

from __future__ import annotations

from typing import Any

import attrs

from pension_subsidy.forms.stated import (
    StatedAmount,
    StatedNumber,
    Where,
    amount_data,
    number_data,
    text_of,
    where_data,
)

__all__ = ["MONEY_ROWS", "FormGoal", "FormIndicator", "MoneyRow"]

#: The money rows of the self-evaluation table, key → the row's label in the 10号 annex.
MONEY_ROWS: dict[str, str] = {
    "total": "年度资金总额",
    "current_appropriation": "其中：当年财政拨款",
    "carry_over": "上年结转资金",
    "other": "其他资金",
}


@attrs.frozen
class MoneyRow:
    """One money row of a self-evaluation table (年度资金总额, 其中当年财政拨款, …).

    ``key`` is one of :data:`MONEY_ROWS` (or ``"row"`` for a row of another name), ``label``
    the row's label as written. ``budget_start`` is 年初预算数, ``budget_adjusted`` 全年预算数
    (Hebei: 预算安排情况(调整后)), ``received`` 资金到位 (Hebei only), ``executed`` 全年执行数;
    ``points`` 分值, ``rate_percent`` 执行率, ``score`` 得分 — the last three are stated on the
    total row only.
    """

    key: str
    label: str
    budget_start: StatedAmount | None = None
    budget_adjusted: StatedAmount | None = None
    received: StatedAmount | None = None
    executed: StatedAmount | None = None
    points: StatedNumber | None = None
    rate_percent: StatedNumber | None = None
    score: StatedNumber | None = None
    where: Where | None = None

    def data(self) -> dict[str, Any]:
        """The row as JSON-ready data (amounts in 元 as strings, texts beside them)."""
        return {
            "key": self.key,
            "label": self.label,
            "budget_start_yuan": amount_data(self.budget_start),
            "budget_adjusted_yuan": amount_data(self.budget_adjusted),
            "received_yuan": amount_data(self.received),
            "executed_yuan": amount_data(self.executed),
            "points": number_data(self.points),
            "rate_percent": number_data(self.rate_percent),
            "score": number_data(self.score),
            "budget_start_text": text_of(self.budget_start),
            "budget_adjusted_text": text_of(self.budget_adjusted),
            "received_text": text_of(self.received),
            "executed_text": text_of(self.executed),
            "where": where_data(self.where),
        }


@attrs.frozen
class FormGoal:
    """A goal (年度总体目标) as planned and, in a self-evaluation, as achieved.

    ``planned`` 预期目标, ``achieved`` 实际完成情况, ``completion_percent`` where stated
    (Hebei: 总体完成率).
    """

    planned: str
    achieved: str | None = None
    completion_percent: StatedNumber | None = None
    where: Where | None = None

    def data(self) -> dict[str, Any]:
        """The goal as JSON-ready data."""
        return {
            "planned": self.planned,
            "achieved": self.achieved,
            "completion_percent": number_data(self.completion_percent),
            "where": where_data(self.where),
        }


@attrs.frozen
class FormIndicator:
    """A performance indicator row (绩效指标) of a target or self-evaluation table.

    * ``level1`` 一级指标 (产出指标, 效益指标 — Hebei's 效果指标 kept as written — 满意度指标),
      ``level1_points`` the points its heading states (``产出指标 (50分)``), ``level2`` 二级指标,
      ``name`` 三级指标, ``description`` an explanation column where the layout has one.
    * ``comparator`` ≥ > = < ≤ as written (normalised to those five signs; None if unstated),
      ``nature`` 指标性质 when it is a word (定量, 定性), ``direction`` 指标方向性 (正向指标…).
    * ``target`` 年度指标值 / 指标值 and ``unit`` 度量单位; ``actual`` 实际完成值.
    * ``points`` 分值 / 指标分值 (a target table's 权重 where it is stated as points),
      ``weight_percent`` 权重 / 权重占比 (%), ``score`` 得分 / 单项指标得分,
      ``weighted_score`` 单项指标折算得分 (Hebei), ``completion`` 完成情况 as written.
    * ``reason`` 偏差原因分析及改进措施, ``where`` the row it came from.
    """

    level1: str | None
    level2: str | None
    name: str
    comparator: str | None = None
    target: StatedNumber | None = None
    unit: str | None = None
    actual: StatedNumber | None = None
    points: StatedNumber | None = None
    score: StatedNumber | None = None
    reason: str | None = None
    where: Where | None = None
    level1_points: StatedNumber | None = None
    description: str | None = None
    nature: str | None = None
    direction: str | None = None
    weight_percent: StatedNumber | None = None
    weighted_score: StatedNumber | None = None
    completion: str | None = None

    def data(self) -> dict[str, Any]:
        """The indicator as JSON-ready data (numbers as exact strings, texts beside them)."""
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "comparator": self.comparator,
            "target": number_data(self.target),
            "unit": self.unit,
            "actual": number_data(self.actual),
            "points": number_data(self.points),
            "score": number_data(self.score),
            "reason": self.reason,
            "where": where_data(self.where),
            "target_text": text_of(self.target),
            "actual_text": text_of(self.actual),
            "points_text": text_of(self.points),
            "score_text": text_of(self.score),
            "level1_points": number_data(self.level1_points),
            "description": self.description,
            "nature": self.nature,
            "direction": self.direction,
            "weight_percent": number_data(self.weight_percent),
            "weighted_score": number_data(self.weighted_score),
            "completion": self.completion,
        }
