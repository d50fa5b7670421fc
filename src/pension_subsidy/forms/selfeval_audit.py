"""Audit a filled-in self-evaluation table (项目支出绩效自评表): its arithmetic and its reasons.

Each check recomputes one stated figure from the others and reports, with the numbers quoted,
where they disagree (the codes, all ``selfeval_…``):

* ``selfeval_execution_rate`` (error): 执行率 ≠ 全年执行数 ÷ 全年预算数;
* ``selfeval_execution_score`` (warning): the execution 得分 ≠ rate × 分值 (at most the 分值);
* ``selfeval_money_rows`` (error): 年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金;
* ``selfeval_points_total`` (error): the indicators' 分值 + the execution 分值 ≠ 100;
* ``selfeval_level1_points`` (error): a level-1 group's 分值 ≠ its heading (产出指标 (50分));
* ``selfeval_score_above_points`` (error): a 得分 above its 分值;
* ``selfeval_total_score`` (error): the items' 得分 do not add up to the stated 总分;
* ``selfeval_grade`` (error): the stated grade (等级) is not the grade of the 总分;
* ``selfeval_weighted_score`` (error): Hebei's 单项指标折算得分 ≠ 单项指标得分 × 权重占比;
* ``selfeval_indicator_score``: a quantitative indicator's 得分 recomputed from 年度指标值 and
  实际完成值 with the 10号 rules (:mod:`pension_subsidy.evaluation.rules_2020`) — *info* where
  the rules leave it to the evaluator (a reduced score for an actual ≥ 130 % of its target, a
  "≤" or "=" indicator scored by another common rule), *warning* where arithmetic rules it out;
* ``selfeval_qualitative_band`` (info): a qualitative indicator stated as achieved (完成, the
  target word) scored below the achieved band (80–100 %);
* ``selfeval_missing_reason`` (warning): a shortfall with no 偏差原因分析及改进措施;
* ``selfeval_far_above`` (warning): an actual ≥ 130 % of its target with no reason;
* ``selfeval_budget_changed`` (warning): 年初预算数 ≠ 全年预算数 and nothing in the table
  says why (调整, 追加, 调减, 调剂).

A figure stated with some decimals is compared to the recomputed one at that precision: ``99``
allows ±0.5, ``99.00`` ±0.005; a rate recomputed from amounts rounded to 0.01 万元 allows what
that rounding can move it. Nothing is corrected: the findings say what is wrong.

>>> from pension_subsidy.forms.model import FormDocument, FormProject, StatedNumber
>>> project = FormProject("p", total_score=StatedNumber.parse("94"), grade="良")
>>> table = FormDocument("self_evaluation_table", "t", "f", projects=(project,))
>>> [finding.code for finding in audit_self_evaluation(table)]
['selfeval_grade']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity
from pension_subsidy.evaluation.rules_2020 import (
    Band,
    Rules2020,
    RuleScore,
    rules_2020_10,
    score_quantitative,
)
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.forms.model import (
    FormDocument,
    FormIndicator,
    FormProject,
    StatedAmount,
    StatedNumber,
    Where,
)
from pension_subsidy.model.indicators import Comparator
from pension_subsidy.money import round_half_up

__all__ = ["audit_self_evaluation", "audit_self_evaluation_project", "shown"]

_HUNDRED = Fraction(100)
_CENT = Decimal("0.01")
_ITEM_SLACK = Fraction(1, 200)  # an item score rounded to 0.01 may be 0.005 off its exact value
_EMPTY_REASONS = frozenset({"", "无", "/", "-", "—", "——", "无偏差", "不适用"})
_CHANGE_WORDS = ("调整", "追加", "调减", "调剂", "调增", "追减")
_COST_WORDS = ("成本",)
_ACHIEVED_WORDS = ("完成", "达成", "已完成", "全部完成")
_TEN_THOUSAND = re.compile(r"万")


def shown(value: Fraction | Decimal) -> str:
    """A figure as a message quotes it: to 0.01 (四舍五入), without trailing zeros.

    >>> shown(Fraction(99, 10)), shown(Decimal("94.00")), shown(Fraction(200, 3))
    ('9.9', '94', '66.67')
    """
    number = round_half_up(Fraction(value), _CENT)
    return f"{number.normalize():f}" if number != number.to_integral_value() else f"{number:.0f}"


def _half_unit(number: Decimal) -> Fraction:
    """Half a unit of the last decimal place stated: 99 → 0.5, 99.00 → 0.005."""
    exponent = number.as_tuple().exponent
    places = exponent if isinstance(exponent, int) else 0
    return Fraction(1, 2) * Fraction(10) ** places


def _score_tolerance(number: Decimal) -> Fraction:
    """How far a stated score may lie from the exact one: its rounding, at most ±0.05.

    A score written as a whole number (``10``) is taken as meant, not as rounded to ±0.5.
    """
    return min(_half_unit(number), Fraction(1, 20)) + _ITEM_SLACK


def _amount_half_unit(amount: StatedAmount) -> Fraction:
    """Half a unit of an amount's stated precision, in 元 (0.01 万元 → ±50 元)."""
    match = re.search(r"\d+(?:\.(\d+))?", amount.text.replace(",", ""))
    decimals = len(match.group(1) or "") if match else 2
    unit = 10000 if amount.unit == "万元" else 1
    return Fraction(1, 2) * Fraction(10) ** -decimals * unit


def _value(number: StatedNumber | None) -> Fraction | None:
    return None if number is None or number.value is None else Fraction(number.value)


def _line(where: Where | None) -> int | None:
    if where is None:
        return None
    return where.row if where.row is not None else where.line


def _place(where: Where | None) -> dict[str, Any] | None:
    return None if where is None else where.data()


def _where_zh(where: Where | None) -> str:
    """Sheet, page and cell in Chinese; the row or line is the location's (the text adds it)."""
    if where is None:
        return ""
    parts = []
    if where.sheet is not None:
        parts.append(f"表 {where.sheet}")
    if where.page is not None:
        parts.append(f"第 {where.page} 页")
    if where.cell is not None:
        parts.append(f"单元格 {where.cell}")
    return f"（{'，'.join(parts)}）" if parts else ""


def _where_en(where: Where | None) -> str:
    if where is None:
        return ""
    parts = []
    if where.sheet is not None:
        parts.append(f"sheet {where.sheet!r}")
    if where.page is not None:
        parts.append(f"page {where.page}")
    if where.cell is not None:
        parts.append(f"cell {where.cell}")
    return f" ({', '.join(parts)})" if parts else ""


class _Project:
    """The findings of one project: builds each with the project's location."""

    def __init__(self, project: FormProject) -> None:
        self.project = project
        self.findings: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        zh: str,
        en: str,
        *,
        where: Where | None = None,
        indicator: str | None = None,
        **values: Any,
    ) -> None:
        place = where or self.project.where
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                location=Location(
                    project_name=self.project.name, indicator=indicator, line=_line(place)
                ),
                message_zh=f"{zh}{_where_zh(place)}",
                message_en=f"{en}{_where_en(place)}",
                values={**{k: _json(v) for k, v in values.items()}, "where": _place(place)},
            )
        )


def _json(value: object) -> object:
    if isinstance(value, Fraction | Decimal):
        return shown(value)
    return value


def _comparator(indicator: FormIndicator) -> Comparator:
    """The comparator as written; a bare target is ≥, a cost (成本) a ceiling ≤."""
    if indicator.comparator:
        try:
            return Comparator.parse(indicator.comparator)
        except DataFileError:
            pass
    level2 = indicator.level2 or ""
    if any(word in level2 or word in indicator.name for word in _COST_WORDS):
        return Comparator.LE
    return Comparator.GE


def _scaled_actual(indicator: FormIndicator) -> Fraction | None:
    """The actual in the target's unit, or None when the units cannot be matched."""
    actual, target = _value(indicator.actual), _value(indicator.target)
    if actual is None or target is None or indicator.actual is None:
        return None
    actual_wan = bool(_TEN_THOUSAND.search(indicator.actual.text))
    target_text = (indicator.target.text if indicator.target else "") + (indicator.unit or "")
    target_wan = bool(_TEN_THOUSAND.search(target_text))
    if actual_wan == target_wan:
        return actual
    return actual * 10000 if actual_wan else None


def _has_reason(indicator: FormIndicator) -> bool:
    return (indicator.reason or "").strip() not in _EMPTY_REASONS


def _stated_rate(check: _Project) -> Fraction | None:
    """执行率 recomputed from the amounts (None when not stated), checked against the stated one."""
    project = check.project
    budget, executed = project.budget_adjusted, project.executed
    if budget is None or executed is None or budget.yuan.is_zero():
        return None
    rate = executed.yuan.ratio(budget.yuan) * _HUNDRED
    stated_rate = project.execution_rate_percent
    if stated_rate is None or stated_rate.value is None:
        return rate
    # what rounding the stated amounts can move the rate by (∂rate/∂executed, ∂rate/∂budget)
    b, e = Fraction(budget.yuan.value), Fraction(executed.yuan.value)
    slack = _HUNDRED * (_amount_half_unit(executed) / b + e * _amount_half_unit(budget) / (b * b))
    stated = Fraction(stated_rate.value)
    if abs(stated - rate) > _half_unit(stated_rate.value) + slack:
        check.add(
            "selfeval_execution_rate",
            Severity.ERROR,
            f"执行率写为 {stated_rate.text}，但全年执行数 {executed.text} ÷ 全年预算数 "
            f"{budget.text} = {shown(rate)}%",
            f"the execution rate is stated as {stated_rate.text}, but executed "
            f"{executed.text} ÷ adjusted budget {budget.text} = {shown(rate)}%",
            where=stated_rate.where,
            stated_percent=stated_rate.text,
            computed_percent=rate,
            executed=executed.text,
            budget_adjusted=budget.text,
        )
    return rate


def _check_execution(check: _Project) -> None:
    project = check.project
    rate = _stated_rate(check)
    points, score = project.execution_points, project.execution_score
    if points is None or score is None or points.value is None or score.value is None:
        return
    stated_score, full = Fraction(score.value), Fraction(points.value)
    if stated_score > full:
        check.add(
            "selfeval_score_above_points",
            Severity.ERROR,
            f"预算执行率得分 {score.text} 高于其分值 {points.text}",
            f"the budget-execution score {score.text} is above its points {points.text}",
            where=score.where,
            indicator="预算执行率",
            score=score.text,
            points=points.text,
        )
        return
    rates = [] if rate is None else [rate]
    stated_rate = _value(project.execution_rate_percent)
    if stated_rate is not None:
        rates.append(stated_rate)
    if not rates:
        return
    candidates = [min(each / _HUNDRED, Fraction(1)) * full for each in rates]
    tolerance = _score_tolerance(score.value)
    if all(abs(stated_score - expected) > tolerance for expected in candidates):
        check.add(
            "selfeval_execution_score",
            Severity.WARNING,
            f"预算执行率得分写为 {score.text}，但执行率 {shown(rates[0])}% × 分值 {points.text} = "
            f"{shown(candidates[0])}（按财预〔2020〕10号：执行率 × 分值，最高为分值）",
            f"the budget-execution score is stated as {score.text}, but rate {shown(rates[0])}% "
            f"× points {points.text} = {shown(candidates[0])} (Caiyu [2020] No. 10: rate × "
            "points, at most the points)",
            where=score.where,
            indicator="预算执行率",
            stated_score=score.text,
            expected_score=candidates[0],
            rate_percent=rates[0],
            points=points.text,
        )


def _check_money_rows(check: _Project) -> None:
    project = check.project
    total = project.money_row("total")
    parts = [project.money_row(key) for key in ("current_appropriation", "carry_over", "other")]
    stated_parts = [row for row in parts if row is not None]
    if total is None or len(stated_parts) < 2:
        return
    columns = (
        ("budget_start", "年初预算数", "year-start budget"),
        ("budget_adjusted", "全年预算数", "adjusted budget"),
        ("executed", "全年执行数", "executed"),
    )
    for field, name_zh, name_en in columns:
        whole: StatedAmount | None = getattr(total, field)
        items = [getattr(row, field) for row in stated_parts]
        items = [item for item in items if item is not None]
        if whole is None or not items:
            continue
        added = sum((Fraction(item.yuan.value) for item in items), Fraction(0))
        slack = _amount_half_unit(whole) + sum(
            (_amount_half_unit(item) for item in items), Fraction(0)
        )
        if abs(Fraction(whole.yuan.value) - added) > slack:
            unit = whole.unit
            factor = 10000 if unit == "万元" else 1
            terms = " + ".join(item.text for item in items)
            check.add(
                "selfeval_money_rows",
                Severity.ERROR,
                f"{name_zh}：年度资金总额 {whole.text} 不等于各项之和 {terms} = "
                f"{shown(added / factor)}（{unit}）",
                f"{name_en}: the annual total {whole.text} is not the sum of its rows {terms} = "
                f"{shown(added / factor)} ({unit})",
                where=whole.where or total.where,
                column=name_zh,
                stated_total=whole.text,
                parts=[item.text for item in items],
                computed_total=added / factor,
                unit=unit,
            )


def _points_of(indicator: FormIndicator) -> StatedNumber | None:
    return indicator.points if indicator.points is not None else indicator.weight_percent


def _rounding(numbers: Iterable[StatedNumber]) -> Fraction:
    """What rounding each stated figure to its decimals can add up to (0.005 each at most).

    Nine points of 50/9 stated as 5.56 add up to 50.04: within 9 × 0.005 of 50.
    """
    return sum(
        (min(_half_unit(n.value), _ITEM_SLACK) for n in numbers if n.value is not None),
        Fraction(0),
    )


def _check_points(check: _Project) -> None:
    project = check.project
    stated = [(ind, _points_of(ind)) for ind in project.indicators]
    if not stated or any(points is None or points.value is None for _, points in stated):
        return
    numbers = [points for _, points in stated if points is not None]
    indicator_points = sum((Fraction(n.value) for n in numbers if n.value is not None), Fraction(0))
    execution = _value(project.execution_points)
    total = indicator_points + (execution or 0)
    if execution is not None and abs(total - _HUNDRED) > _rounding(numbers):
        check.add(
            "selfeval_points_total",
            Severity.ERROR,
            f"各指标分值合计 {shown(indicator_points)} + 预算执行率分值 {shown(execution)} = "
            f"{shown(total)}，应为 100",
            f"the indicators' points {shown(indicator_points)} + the execution points "
            f"{shown(execution)} = {shown(total)}, expected 100",
            indicators=indicator_points,
            execution=execution,
            total=total,
        )
    groups: dict[str, tuple[StatedNumber, list[StatedNumber]]] = {}
    for indicator, points in stated:
        if indicator.level1 is None or indicator.level1_points is None or points is None:
            continue
        _, members = groups.setdefault(indicator.level1, (indicator.level1_points, []))
        members.append(points)
    for level1, (heading, members) in groups.items():
        heading_value = _value(heading)
        if heading_value is None:
            continue
        added = sum((Fraction(n.value) for n in members if n.value is not None), Fraction(0))
        if abs(added - heading_value) > _rounding(members):
            check.add(
                "selfeval_level1_points",
                Severity.ERROR,
                f"{level1}的标题写明 {shown(heading_value)} 分，但其下各指标分值合计 "
                f"{shown(added)}",
                f"{level1} states {shown(heading_value)} points in its heading, but its "
                f"indicators' points add up to {shown(added)}",
                where=heading.where,
                level1=level1,
                heading_points=heading_value,
                indicator_points=added,
            )


def _check_scores(check: _Project, rules: Rules2020) -> None:
    project = check.project
    items: list[StatedNumber] = []
    for indicator in project.indicators:
        points, score = _points_of(indicator), indicator.score
        points_value, score_value = _value(points), _value(score)
        if score is not None and score_value is not None:
            items.append(score)
        if points_value is not None and score_value is not None and score_value > points_value:
            check.add(
                "selfeval_score_above_points",
                Severity.ERROR,
                f"“{indicator.name}”得分 {score.text} 高于其分值 {points.text}",  # type: ignore[union-attr]
                f"{indicator.name!r} scores {score.text}, above its points {points.text}",  # type: ignore[union-attr]
                where=indicator.where,
                indicator=indicator.name,
                score=score.text,  # type: ignore[union-attr]
                points=points.text,  # type: ignore[union-attr]
            )
        _check_weighted(check, indicator)
    if project.execution_score is not None and project.execution_score.value is not None:
        items.append(project.execution_score)
    total = project.total_score
    if total is not None and total.value is not None and items:
        added = sum((Fraction(item.value) for item in items if item.value is not None), Fraction(0))
        tolerance = _score_tolerance(total.value) + sum(
            (min(_half_unit(item.value), _ITEM_SLACK) for item in items if item.value is not None),
            Fraction(0),
        )
        if abs(added - Fraction(total.value)) > tolerance:
            check.add(
                "selfeval_total_score",
                Severity.ERROR,
                f"各项得分合计 {shown(added)}，但总分写为 {total.text}",
                f"the item scores add up to {shown(added)}, but the total is stated as "
                f"{total.text}",
                where=total.where,
                stated_total=total.text,
                computed_total=added,
                items=[item.text for item in items],
            )
    if total is not None and total.value is not None and project.grade:
        expected = rules.grade(total.value)
        stated_grade = project.grade.strip()
        if stated_grade and stated_grade[0] in "优良中差" and stated_grade[0] != expected.value:
            check.add(
                "selfeval_grade",
                Severity.ERROR,
                f"总分 {total.text} 的等级应为“{expected.value}”（优 ≥ 90，良 80–90，中 60–80，"
                f"差 < 60），表中写为“{stated_grade}”",
                f"a total of {total.text} is graded {expected.value} ({expected.name_en}: "
                f"优 ≥ 90, 良 80–90, 中 60–80, 差 < 60), but the table states {stated_grade!r}",
                where=total.where,
                total=total.text,
                stated_grade=stated_grade,
                expected_grade=expected.value,
            )


def _check_weighted(check: _Project, indicator: FormIndicator) -> None:
    score, percent, weighted = indicator.score, indicator.weight_percent, indicator.weighted_score
    if score is None or percent is None or weighted is None:
        return
    if score.value is None or percent.value is None or weighted.value is None:
        return
    expected = Fraction(score.value) * Fraction(percent.value) / _HUNDRED
    if abs(expected - Fraction(weighted.value)) > _score_tolerance(weighted.value):
        check.add(
            "selfeval_weighted_score",
            Severity.ERROR,
            f"“{indicator.name}”折算得分写为 {weighted.text}，但单项指标得分 {score.text} × "
            f"权重占比 {percent.text}% = {shown(expected)}",
            f"{indicator.name!r}: the weighted score is stated as {weighted.text}, but score "
            f"{score.text} × weight {percent.text}% = {shown(expected)}",
            where=indicator.where,
            indicator=indicator.name,
            stated=weighted.text,
            expected=expected,
        )


def _judgement_allows(
    comparator: Comparator, ruled: RuleScore, target: Fraction, actual: Fraction, score: Fraction
) -> str | None:
    """Why a published score other than the 10号 one is within the evaluator's judgement."""
    points = ruled.points
    if ruled.far_above and score <= ruled.score:
        return "far_above"  # 10号 allows a reduced score when the target was set too low
    if comparator in (Comparator.LE, Comparator.LT) and not ruled.reached and actual > 0:
        proportional = points * min(target / actual, Fraction(1))
        if (
            min(ruled.score, proportional) - _ITEM_SLACK
            <= score
            <= max(ruled.score, proportional) + _ITEM_SLACK
        ):
            return "reverse_rule"  # target ÷ actual × points is another common practice
    if comparator is Comparator.EQ and actual != target and max(actual, target) > 0:
        exact = points * min(actual, target) / max(actual, target)
        if abs(score - exact) <= _ITEM_SLACK:
            return "equal_rule"
    return None


@attrs.frozen
class _Quantified:
    """A quantitative indicator's figures, all stated: texts for messages, exact values."""

    indicator: FormIndicator
    comparator: Comparator
    target: Fraction
    actual: Fraction
    target_text: str
    actual_text: str
    ruled: RuleScore


def _quantified(indicator: FormIndicator, rules: Rules2020) -> _Quantified | None:
    target, actual = _value(indicator.target), _scaled_actual(indicator)
    if target is None or actual is None or indicator.target is None or indicator.actual is None:
        return None
    comparator = _comparator(indicator)
    ruled = score_quantitative(
        comparator,
        Decimal(target.numerator) / Decimal(target.denominator),
        Decimal(actual.numerator) / Decimal(actual.denominator),
        _value(_points_of(indicator)) or 1,
        rules,
    )
    return _Quantified(
        indicator, comparator, target, actual, indicator.target.text, indicator.actual.text, ruled
    )


def _check_far_above(check: _Project, figures: _Quantified, rules: Rules2020) -> None:
    indicator, ruled = figures.indicator, figures.ruled
    if not ruled.far_above or ruled.ratio is None or _has_reason(indicator):
        return
    percent = ruled.ratio * _HUNDRED
    check.add(
        "selfeval_far_above",
        Severity.WARNING,
        f"“{indicator.name}”实际完成值 {figures.actual_text} 为年度指标值 {figures.target_text} "
        f"的 {shown(percent)}%（≥ {shown(rules.far_above_percent)}%），未说明原因",
        f"{indicator.name!r}: the actual {figures.actual_text} is {shown(percent)}% of the "
        f"target {figures.target_text} (≥ {shown(rules.far_above_percent)}%) with no reason given",
        where=indicator.where,
        indicator=indicator.name,
        target=figures.target_text,
        actual=figures.actual_text,
        percent_of_target=percent,
    )


def _check_indicator(check: _Project, indicator: FormIndicator, rules: Rules2020) -> None:
    points, score = _points_of(indicator), indicator.score
    points_value, score_value = _value(points), _value(score)
    figures = _quantified(indicator, rules)
    shortfall = False
    if figures is not None:
        shortfall = not figures.ruled.reached
        _check_far_above(check, figures, rules)
        if points is not None and score is not None and None not in (points_value, score_value):
            _compare_score(check, figures, points, score)
    elif points_value is not None and score_value is not None:
        _check_band(check, indicator, points_value, score_value, rules)
    if figures is None and points_value is not None and score_value is not None:
        shortfall = score_value < points_value  # a word or unreadable target: by its score
    if shortfall and not _has_reason(indicator):
        got = indicator.actual.text if indicator.actual is not None else "—"
        aim = indicator.target.text if indicator.target is not None else "—"
        scored = scored_en = ""
        if score is not None and points is not None:
            scored = f"，得分 {score.text}/{points.text}"
            scored_en = f", scoring {score.text} of {points.text}"
        check.add(
            "selfeval_missing_reason",
            Severity.WARNING,
            f"“{indicator.name}”未完成（年度指标值 {aim}，实际完成值 {got}{scored}），"
            "未填写偏差原因分析及改进措施",
            f"{indicator.name!r} falls short (target {aim}, actual {got}{scored_en}) with no "
            "reason or corrective measure given",
            where=indicator.where,
            indicator=indicator.name,
            target=aim,
            actual=got,
            score=None if score is None else score.text,
            points=None if points is None else points.text,
        )


_RULE_ZH = {
    "ge": "实际完成值 ÷ 年度指标值 × 分值，最高为分值",
    "reverse_linear": "反向指标达标得满分，超出目标后线性递减，至目标的 2 倍为 0",
    "equal_exact": "等于目标得满分，否则按较小值 ÷ 较大值",
}
_RULE_EN = {
    "ge": "actual ÷ target × points, at most the points",
    "reverse_linear": "a ≤ indicator scores full when met, then linearly down to 0 at twice "
    "the target",
    "equal_exact": "full when equal, else smaller ÷ larger",
}
_JUDGEMENT_ZH = {
    "far_above": "；实际完成值远超目标，按财预〔2020〕10号评价人可酌情扣分",
    "reverse_rule": "；表中得分介于两种常见的反向指标计分方法之间，属评价人判断",
    "equal_rule": "；表中按“等于”严格计分，亦属常见做法",
}
_JUDGEMENT_EN = {
    "far_above": "; the actual is far above its target, and 10号 lets the evaluator reduce "
    "the score",
    "reverse_rule": "; the stated score lies between the two common rules for a ≤ indicator",
    "equal_rule": "; the table scores '=' strictly, also a common practice",
}


def _compare_score(
    check: _Project, figures: _Quantified, points: StatedNumber, score: StatedNumber
) -> None:
    assert score.value is not None
    indicator, ruled = figures.indicator, figures.ruled
    stated, expected = Fraction(score.value), ruled.score
    if abs(stated - expected) <= _score_tolerance(score.value) or stated > ruled.points:
        return  # agrees, or is reported as selfeval_score_above_points
    allowed = _judgement_allows(figures.comparator, ruled, figures.target, figures.actual, stated)
    target = figures.target_text
    if not target.startswith(("≥", "≤", ">", "<", "=", "＞", "＜", "＝")):
        target = f"{figures.comparator.value}{target}"
    check.add(
        "selfeval_indicator_score",
        Severity.INFO if allowed else Severity.WARNING,
        f"“{indicator.name}”年度指标值 {target}，实际完成值 {figures.actual_text}，分值 "
        f"{points.text}：按财预〔2020〕10号应得 {shown(expected)}（{_RULE_ZH[ruled.rule]}），"
        f"表中得分为 {score.text}{_JUDGEMENT_ZH.get(allowed or '', '')}",
        f"{indicator.name!r}: target {target}, actual {figures.actual_text}, points "
        f"{points.text}: Caiyu [2020] No. 10 gives {shown(expected)} ({_RULE_EN[ruled.rule]}), "
        f"the table states {score.text}{_JUDGEMENT_EN.get(allowed or '', '')}",
        where=indicator.where,
        indicator=indicator.name,
        comparator=figures.comparator.value,
        target=figures.target_text,
        actual=figures.actual_text,
        points=points.text,
        stated_score=score.text,
        expected_score=expected,
        rule=ruled.rule,
        judgement=allowed,
    )


def _check_band(
    check: _Project, indicator: FormIndicator, points: Fraction, score: Fraction, rules: Rules2020
) -> None:
    """A qualitative indicator said to be achieved but scored below the achieved band."""
    words = [indicator.completion or ""]
    actual, target = indicator.actual, indicator.target
    if actual is not None and target is not None and actual.text and actual.text == target.text:
        words.append("完成")
    achieved = any(word.strip() in _ACHIEVED_WORDS for word in words)
    low = rules.band(Band.ACHIEVED).low
    if achieved and points > 0 and score * _HUNDRED < low * points:
        check.add(
            "selfeval_qualitative_band",
            Severity.INFO,
            f"“{indicator.name}”写明已完成，得分 {shown(score)}/{shown(points)} 低于“达成”档"
            f"（{shown(low)}%–100%，即不低于 {shown(low * points / _HUNDRED)}）",
            f"{indicator.name!r} is stated as achieved but scores {shown(score)} of "
            f"{shown(points)}, below the achieved band ({shown(low)}–100 %, at least "
            f"{shown(low * points / _HUNDRED)})",
            where=indicator.where,
            indicator=indicator.name,
            score=score,
            points=points,
        )


def _check_budget_change(check: _Project, notes: Iterable[str]) -> None:
    project = check.project
    start, adjusted = project.budget_start, project.budget_adjusted
    if start is None or adjusted is None or start.yuan == adjusted.yuan:
        return
    texts = [*notes, *(text for _, text in project.fields)]
    texts += [goal.achieved or "" for goal in project.goals]
    texts += [indicator.reason or "" for indicator in project.indicators]
    if any(word in text for text in texts for word in _CHANGE_WORDS):
        return
    change = adjusted.yuan - start.yuan
    factor = 10000 if adjusted.unit == "万元" else 1
    difference = Fraction(change.value) / factor
    check.add(
        "selfeval_budget_changed",
        Severity.WARNING,
        f"年初预算数 {start.text} 调整为全年预算数 {adjusted.text}（相差 {shown(difference)} "
        f"{adjusted.unit}），表中未说明调整原因",
        f"the year-start budget {start.text} became the adjusted budget {adjusted.text} (a "
        f"change of {shown(difference)} {adjusted.unit}) and the table gives no reason",
        where=adjusted.where,
        budget_start=start.text,
        budget_adjusted=adjusted.text,
        difference=difference,
        unit=adjusted.unit,
    )


def audit_self_evaluation_project(
    project: FormProject, *, rules: Rules2020 | None = None, notes: Iterable[str] = ()
) -> tuple[Finding, ...]:
    """The findings of one project of a self-evaluation table (``notes``: text around it)."""
    rules = rules_2020_10() if rules is None else rules
    check = _Project(project)
    _check_execution(check)
    _check_money_rows(check)
    _check_points(check)
    _check_scores(check, rules)
    for indicator in project.indicators:
        _check_indicator(check, indicator, rules)
    _check_budget_change(check, notes)
    return tuple(check.findings)


def audit_self_evaluation(
    document: FormDocument, *, rules: Rules2020 | None = None
) -> tuple[Finding, ...]:
    """The findings of every project of a self-evaluation table, in table order.

    ``rules`` are the 10号 rules (:func:`~pension_subsidy.evaluation.rules_2020.rules_2020_10`
    by default) the indicator scores and the grade are recomputed with.
    """
    return tuple(_all(document, rules))


def _all(document: FormDocument, rules: Rules2020 | None) -> Iterator[Finding]:
    notes = [*document.notes, document.title or ""]
    for project in document.projects:
        yield from audit_self_evaluation_project(project, rules=rules, notes=notes)
