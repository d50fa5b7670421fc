"""The 绩效自评表 as rows: the layout its HTML page and its workbook share.

Indicators are grouped by 一级指标 (output, benefit, satisfaction) in that order, each group
followed by its subtotal; a 一级 or 二级 cell spans the rows of the indicators under it, as
the form merges them. Weights and scores are rounded to 0.01 with 四舍五入, as the JSON and
text forms show them; the remarks column (偏差原因分析及改进措施) explains each indicator not
met or only partly met.

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> fund = load_dataset().project("county_supporting_fund")
>>> result = evaluate(load_dataset(), Actuals([ProjectActuals.all_met(fund)])).projects[0]
>>> rows = indicator_rows(result, "zh_CN")
>>> first = rows[0]
>>> first.level1, first.level1_span, first.level2, first.level2_span, first.weight, first.score
('产出指标', 9, '数量指标', 3, Decimal('5.56'), Decimal('5.56'))
>>> rows[9]
SubtotalRow(label='产出指标 小计', weight=Decimal('50.00'), score=Decimal('50.00'))
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
from babel import Locale

from pension_subsidy.evaluation.scoring import IndicatorResult, ProjectEvaluation
from pension_subsidy.model.indicators import Level1
from pension_subsidy.money import round_half_up
from pension_subsidy.output.evaluation_text import evaluation_label
from pension_subsidy.output.labels import level1_name, level2_name

__all__ = ["IndicatorRow", "SubtotalRow", "cents", "indicator_rows", "remarks"]

_CENT = Decimal("0.01")


def cents(value: Fraction | Decimal) -> Decimal:
    """A weight, score or rate to 0.01 (四舍五入), as every form of the evaluation shows it."""
    return round_half_up(Fraction(value), _CENT)


@attrs.frozen
class IndicatorRow:
    """One level-3 indicator's row; a span of 0 means the cell is merged into the one above."""

    level1: str
    level1_span: int
    level2: str
    level2_span: int
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    status: str
    remarks: tuple[str, ...]
    #: the exact weight and score, for a workbook whose SUM() must add up (50/9 × 9 = 50)
    weight_exact: Fraction = attrs.field(default=Fraction(0), repr=False)
    score_exact: Fraction = attrs.field(default=Fraction(0), repr=False)


@attrs.frozen
class SubtotalRow:
    """A 一级指标 group's subtotal (小计): its weight and score."""

    label: str
    weight: Decimal
    score: Decimal
    weight_exact: Fraction = attrs.field(default=Fraction(0), repr=False)
    score_exact: Fraction = attrs.field(default=Fraction(0), repr=False)


def remarks(result: IndicatorResult, locale: Locale | str | None = None) -> tuple[str, ...]:
    """The 偏差原因分析及改进措施 lines of an indicator (none for one that is met).

    A shortfall always gets both lines, with "（未填写）" where nothing was given, so that a
    missing explanation shows instead of disappearing.
    """

    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    if not result.shortfall:
        return tuple(
            f"{lab(key)}: {text}"
            for key, text in (("reason", result.reason), ("measure", result.measure))
            if text
        )
    lines = []
    if result.gap is not None:
        lines.append(f"{lab('gap')}: {result.gap}{result.indicator.unit}")
    lines += [
        f"{lab('reason')}: {result.reason or lab('not_given')}",
        f"{lab('measure')}: {result.measure or lab('not_given')}",
    ]
    return tuple(lines)


def _run_lengths(values: list[str]) -> list[int]:
    """For each position, the length of the run of equal values it starts (0 inside a run)."""
    spans = [0] * len(values)
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            spans[start] = index - start
            start = index
    return spans


def indicator_rows(
    evaluation: ProjectEvaluation, locale: Locale | str | None = None
) -> tuple[IndicatorRow | SubtotalRow, ...]:
    """The indicator table of one project, by 一级指标, each group closed by its subtotal."""
    rows: list[IndicatorRow | SubtotalRow] = []
    for level in Level1:
        members = [r for r in evaluation.indicators if r.indicator.level1 is level]
        if not members:
            continue
        level2_spans = _run_lengths([level2_name(r.indicator.level2, locale) for r in members])
        for position, result in enumerate(members):
            indicator = result.indicator
            rows.append(
                IndicatorRow(
                    level1=level1_name(level, locale),
                    level1_span=len(members) if position == 0 else 0,
                    level2=level2_name(indicator.level2, locale),
                    level2_span=level2_spans[position],
                    name=indicator.name,
                    target=indicator.target_text,
                    actual="—" if result.actual is None else result.actual.shown,
                    weight=cents(result.weight),
                    score=cents(result.score),
                    status=evaluation_label(f"status_{result.status.value}", locale),
                    remarks=remarks(result, locale),
                    weight_exact=Fraction(result.weight),
                    score_exact=Fraction(result.score),
                )
            )
        rows.append(
            SubtotalRow(
                label=f"{level1_name(level, locale)} {evaluation_label('subtotal', locale)}",
                weight=cents(evaluation.weights.level(level)),
                score=cents(evaluation.level_score(level)),
                weight_exact=Fraction(evaluation.weights.level(level)),
                score_exact=Fraction(evaluation.level_score(level)),
            )
        )
    return tuple(rows)
