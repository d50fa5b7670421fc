"""The self-evaluation table's indicators: 10号 scores, bands, reasons for shortfalls."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import attrs

from pension_subsidy.disclosure.checks.finding import Severity
from pension_subsidy.evaluation.rules_2020 import Band, Rules2020, RuleScore, score_quantitative
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.forms.model import FormIndicator, StatedNumber
from pension_subsidy.forms.precision import HUNDRED, ITEM_SLACK, score_tolerance, shown, value_of
from pension_subsidy.forms.selfeval_findings import ProjectFindings
from pension_subsidy.forms.selfeval_points import points_of
from pension_subsidy.model.indicators import Comparator

__all__ = ["check_indicator"]

_EMPTY_REASONS = frozenset({"", "无", "/", "-", "—", "——", "无偏差", "不适用"})
_COST_WORDS = ("成本",)
_ACHIEVED_WORDS = ("完成", "达成", "已完成", "全部完成")
_TEN_THOUSAND = re.compile(r"万")


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
    actual, target = value_of(indicator.actual), value_of(indicator.target)
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
            min(ruled.score, proportional) - ITEM_SLACK
            <= score
            <= max(ruled.score, proportional) + ITEM_SLACK
        ):
            return "reverse_rule"  # target ÷ actual × points is another common practice
    if comparator is Comparator.EQ and actual != target and max(actual, target) > 0:
        exact = points * min(actual, target) / max(actual, target)
        if abs(score - exact) <= ITEM_SLACK:
            return "equal_rule"
    return None


@attrs.frozen
class Quantified:
    """A quantitative indicator's figures, all stated: texts for messages, exact values."""

    indicator: FormIndicator
    comparator: Comparator
    target: Fraction
    actual: Fraction
    target_text: str
    actual_text: str
    ruled: RuleScore


def quantified(indicator: FormIndicator, rules: Rules2020) -> Quantified | None:
    target, actual = value_of(indicator.target), _scaled_actual(indicator)
    if target is None or actual is None or indicator.target is None or indicator.actual is None:
        return None
    comparator = _comparator(indicator)
    ruled = score_quantitative(
        comparator,
        Decimal(target.numerator) / Decimal(target.denominator),
        Decimal(actual.numerator) / Decimal(actual.denominator),
        value_of(points_of(indicator)) or 1,
        rules,
    )
    return Quantified(
        indicator, comparator, target, actual, indicator.target.text, indicator.actual.text, ruled
    )


def _check_far_above(check: ProjectFindings, figures: Quantified, rules: Rules2020) -> None:
    indicator, ruled = figures.indicator, figures.ruled
    if not ruled.far_above or ruled.ratio is None or _has_reason(indicator):
        return
    percent = ruled.ratio * HUNDRED
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


def check_indicator(check: ProjectFindings, indicator: FormIndicator, rules: Rules2020) -> None:
    """One indicator: its score by the 10号 rules or its band, a reason where it falls short."""
    points, score = points_of(indicator), indicator.score
    points_value, score_value = value_of(points), value_of(score)
    figures = quantified(indicator, rules)
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
    check: ProjectFindings, figures: Quantified, points: StatedNumber, score: StatedNumber
) -> None:
    assert score.value is not None
    indicator, ruled = figures.indicator, figures.ruled
    stated, expected = Fraction(score.value), ruled.score
    if abs(stated - expected) <= score_tolerance(score.value) or stated > ruled.points:
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
    check: ProjectFindings,
    indicator: FormIndicator,
    points: Fraction,
    score: Fraction,
    rules: Rules2020,
) -> None:
    """A qualitative indicator said to be achieved but scored below the achieved band."""
    words = [indicator.completion or ""]
    actual, target = indicator.actual, indicator.target
    if actual is not None and target is not None and actual.text and actual.text == target.text:
        words.append("完成")
    achieved = any(word.strip() in _ACHIEVED_WORDS for word in words)
    low = rules.band(Band.ACHIEVED).low
    if achieved and points > 0 and score * HUNDRED < low * points:
        check.add(
            "selfeval_qualitative_band",
            Severity.INFO,
            f"“{indicator.name}”写明已完成，得分 {shown(score)}/{shown(points)} 低于“达成”档"
            f"（{shown(low)}%–100%，即不低于 {shown(low * points / HUNDRED)}）",
            f"{indicator.name!r} is stated as achieved but scores {shown(score)} of "
            f"{shown(points)}, below the achieved band ({shown(low)}–100 %, at least "
            f"{shown(low * points / HUNDRED)})",
            where=indicator.where,
            indicator=indicator.name,
            score=score,
            points=points,
        )
