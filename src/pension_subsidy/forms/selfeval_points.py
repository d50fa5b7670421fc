"""The self-evaluation table's points and scores: totals, headings, weights and the grade."""

from __future__ import annotations

from fractions import Fraction

from pension_subsidy.disclosure.checks.finding import Severity
from pension_subsidy.evaluation.rules_2020 import Rules2020
from pension_subsidy.forms.model import FormIndicator, StatedNumber
from pension_subsidy.forms.precision import (
    HUNDRED,
    rounding_slack,
    score_tolerance,
    shown,
    total_of,
    value_of,
)
from pension_subsidy.forms.selfeval_findings import ProjectFindings

__all__ = ["check_points", "check_scores", "points_of"]


def points_of(indicator: FormIndicator) -> StatedNumber | None:
    """An indicator's 分值, or its 权重占比 where the form states weights instead."""
    return indicator.points if indicator.points is not None else indicator.weight_percent


def check_points(check: ProjectFindings) -> None:
    """The 分值 add up to 100, and each level-1 group to its heading."""
    project = check.project
    stated = [(ind, points_of(ind)) for ind in project.indicators]
    if not stated or any(points is None or points.value is None for _, points in stated):
        return
    numbers = [points for _, points in stated if points is not None]
    indicator_points = total_of(numbers)
    execution = value_of(project.execution_points)
    total = indicator_points + (execution or 0)
    if execution is not None and abs(total - HUNDRED) > rounding_slack(numbers):
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
        heading_value = value_of(heading)
        if heading_value is None:
            continue
        added = total_of(members)
        if abs(added - heading_value) > rounding_slack(members):
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


def check_scores(check: ProjectFindings, rules: Rules2020) -> None:
    """Each 得分 within its 分值, the 总分 their sum and the grade the 总分's."""
    project = check.project
    items: list[StatedNumber] = []
    for indicator in project.indicators:
        points, score = points_of(indicator), indicator.score
        points_value, score_value = value_of(points), value_of(score)
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
        added = total_of(items)
        tolerance = score_tolerance(total.value) + rounding_slack(items)
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


def _check_weighted(check: ProjectFindings, indicator: FormIndicator) -> None:
    score, percent, weighted = indicator.score, indicator.weight_percent, indicator.weighted_score
    if score is None or percent is None or weighted is None:
        return
    if score.value is None or percent.value is None or weighted.value is None:
        return
    expected = Fraction(score.value) * Fraction(percent.value) / HUNDRED
    if abs(expected - Fraction(weighted.value)) > score_tolerance(weighted.value):
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
