"""The self-evaluation table's money: execution rate and score, money rows, budget changes."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from pension_subsidy.disclosure.checks.finding import Severity
from pension_subsidy.forms.model import StatedAmount
from pension_subsidy.forms.precision import (
    HUNDRED,
    amount_half_unit,
    half_unit,
    score_tolerance,
    shown,
    value_of,
)
from pension_subsidy.forms.selfeval_findings import ProjectFindings

__all__ = ["check_budget_change", "check_execution", "check_money_rows"]

_CHANGE_WORDS = ("调整", "追加", "调减", "调剂", "调增", "追减")


def _checked_rate(check: ProjectFindings) -> Fraction | None:
    """执行率 recomputed from the amounts (None when not stated), checked against the stated one."""
    project = check.project
    budget, executed = project.budget_adjusted, project.executed
    if budget is None or executed is None or budget.yuan.is_zero():
        return None
    rate = executed.yuan.ratio(budget.yuan) * HUNDRED
    stated_rate = project.execution_rate_percent
    if stated_rate is None or stated_rate.value is None:
        return rate
    # what rounding the stated amounts can move the rate by (∂rate/∂executed, ∂rate/∂budget)
    b, e = Fraction(budget.yuan.value), Fraction(executed.yuan.value)
    slack = HUNDRED * (amount_half_unit(executed) / b + e * amount_half_unit(budget) / (b * b))
    stated = Fraction(stated_rate.value)
    if abs(stated - rate) > half_unit(stated_rate.value) + slack:
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


def check_execution(check: ProjectFindings) -> None:
    """执行率 against the amounts, and the execution 得分 against rate × 分值."""
    project = check.project
    rate = _checked_rate(check)
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
    stated_rate = value_of(project.execution_rate_percent)
    if stated_rate is not None:
        rates.append(stated_rate)
    if not rates:
        return
    candidates = [min(each / HUNDRED, Fraction(1)) * full for each in rates]
    tolerance = score_tolerance(score.value)
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


def check_money_rows(check: ProjectFindings) -> None:
    """年度资金总额 against 当年财政拨款 + 上年结转资金 + 其他资金, column by column."""
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
        slack = amount_half_unit(whole) + sum(
            (amount_half_unit(item) for item in items), Fraction(0)
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


def check_budget_change(check: ProjectFindings, notes: Iterable[str]) -> None:
    """年初预算数 ≠ 全年预算数 with no word of an adjustment anywhere in the table."""
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
