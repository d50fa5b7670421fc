"""Scoring one level-3 indicator against its actual: attainment, status and score.

"≥" and ">" score weight × min(actual / target, 1); "≤" and "<" score
weight × min(target / actual, 1), an actual of 0 scoring full; "=" scores full when equal,
else weight × smaller / larger; a word scores by the qualitative table.
"""

from __future__ import annotations

from fractions import Fraction

from pension_subsidy.evaluation._figures import _plain
from pension_subsidy.evaluation.grades import IndicatorStatus, _status
from pension_subsidy.evaluation.measured import Measured, in_target_unit
from pension_subsidy.evaluation.results import IndicatorResult
from pension_subsidy.evaluation.rules import QualitativeScale
from pension_subsidy.exceptions import ActualValueError
from pension_subsidy.model.indicators import Comparator, Indicator


def _attainment(comparator: Comparator, target: Fraction, actual: Fraction) -> Fraction:
    """The share of the weight earned, in [0, 1]."""
    if comparator in (Comparator.GE, Comparator.GT):
        return Fraction(1) if target <= 0 else min(actual / target, Fraction(1))
    if comparator in (Comparator.LE, Comparator.LT):
        return Fraction(1) if actual == 0 else min(target / actual, Fraction(1))
    if actual == target:
        return Fraction(1)
    return min(actual, target) / max(actual, target)


def _reached(comparator: Comparator, target: Fraction, actual: Fraction) -> bool:
    return {
        Comparator.GE: actual >= target,
        Comparator.GT: actual > target,
        Comparator.EQ: actual == target,
        Comparator.LE: actual <= target,
        Comparator.LT: actual < target,
    }[comparator]


def _no_actual(indicator: Indicator, weight: Fraction) -> IndicatorResult:
    """An indicator without an actual: no score, status "no actual"."""
    return IndicatorResult(
        indicator=indicator, weight=weight, status=IndicatorStatus.NO_ACTUAL, score=Fraction(0)
    )


def _not_its_kind(
    code: str, indicator: Indicator, target: str, measured: Measured, project: str
) -> ActualValueError:
    """A word given for a number (``measured.word_for_number``) or the other way round."""
    said = {
        "project": repr(project),
        "indicator": repr(indicator.name),
        "target": repr(target),
        "got": repr(measured.shown),
    }
    return ActualValueError(
        code=code, params=said, project=project, indicator=indicator.name, value=measured
    )


def _score_indicator(
    indicator: Indicator,
    weight: Fraction,
    measured: Measured | None,
    project: str,
    scale: QualitativeScale,
) -> IndicatorResult:
    if measured is None:
        return _no_actual(indicator, weight)
    if isinstance(indicator.target, str):
        return _score_word(indicator, indicator.target, weight, measured, project, scale=scale)
    if isinstance(measured.value, str):
        target_text = indicator.target_text
        raise _not_its_kind("measured.word_for_number", indicator, target_text, measured, project)
    value = in_target_unit(measured, indicator, project)
    comparator = indicator.effective_comparator
    target = indicator.target
    exact_target, actual = Fraction(target), Fraction(value)
    share = _attainment(comparator, exact_target, actual)
    return IndicatorResult(
        indicator=indicator,
        weight=weight,
        status=_status(_reached(comparator, exact_target, actual), share),
        score=weight * share,
        actual=measured,
        actual_value=value,
        gap=_plain(value - target),
    )


def _score_word(
    indicator: Indicator,
    target: str,
    weight: Fraction,
    measured: Measured,
    project: str,
    *,
    scale: QualitativeScale,
) -> IndicatorResult:
    """A qualitative indicator: the share of its word in the qualitative table."""
    if not isinstance(measured.value, str):
        raise _not_its_kind("measured.number_for_word", indicator, target, measured, project)
    listed = scale.share(target, measured.value)
    share = Fraction(0) if listed is None else listed
    note = (
        f"{measured.value!r} is neither the target {target!r} nor a partial word"
        if listed is None
        else ""
    )
    return IndicatorResult(
        indicator=indicator,
        weight=weight,
        status=_status(share == 1, share),
        score=weight * share,
        actual=measured,
        actual_value=measured.value,
        note=note,
    )
