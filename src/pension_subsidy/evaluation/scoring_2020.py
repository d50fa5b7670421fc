"""A year's self-evaluation scored with the 10号 rules instead of the current ones.

:func:`evaluate_with` picks the rules by name (:data:`SCORING_CHOICES`): ``"current"`` is
:func:`~pension_subsidy.evaluation.scoring.evaluate` unchanged (the default, so existing
results are reproduced), ``"2020-10"`` is :func:`evaluate_2020`. Both give the same
:class:`~pension_subsidy.evaluation.results.Evaluation`, so every output renders either.

Under ``2020-10`` a qualitative actual is placed in a band: the target word itself is
*achieved* (the band's default, 100 %); a word of the qualitative table (基本健全 = 0.6) lies in
the band of its share and is scored at that share (the table is the evaluator's documented
choice); any other word is *not achieved* (the band's default, 0). The choice is recorded in
the indicator's ``note``.

>>> from pension_subsidy import Yuan, load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals
>>> budget = load_dataset()
>>> fund = budget.project("county_supporting_fund")
>>> actuals = Actuals([ProjectActuals.all_met(fund, spent=Yuan.from_wan("172"))])
>>> evaluate_with(budget, actuals, scoring="2020-10").projects[0].score
Decimal('99.83')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pension_subsidy.evaluation._figures import _plain
from pension_subsidy.evaluation.budget_execution import (
    BudgetExecution,
    _no_spending,
    _refuse_negative,
)
from pension_subsidy.evaluation.grades import _status
from pension_subsidy.evaluation.indicator_scoring import _no_actual, _not_its_kind
from pension_subsidy.evaluation.measured import Measured, in_target_unit
from pension_subsidy.evaluation.results import Evaluation, IndicatorResult, ProjectEvaluation
from pension_subsidy.evaluation.rules import QualitativeScale, default_rules
from pension_subsidy.evaluation.rules_2020 import (
    Band,
    Rules2020,
    RuleScore,
    band_for_percent,
    rules_2020_10,
    score_execution,
    score_qualitative,
    score_quantitative,
)
from pension_subsidy.evaluation.scoring import (
    Actuals,
    ProjectActuals,
    _evaluation,
    _indicator_results,
    evaluate,
)
from pension_subsidy.exceptions import UnknownKeyError
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.money import Yuan

__all__ = ["SCORING_CHOICES", "evaluate_2020", "evaluate_project_2020", "evaluate_with"]

#: The scoring rules ``evaluate --scoring`` accepts; the first is the default.
SCORING_CHOICES: tuple[str, ...] = ("current", "2020-10")

_HUNDRED = Fraction(100)


def _percent(value: Fraction) -> str:
    return str(_plain(Decimal(value.numerator) / Decimal(value.denominator)))


def _note(ruled: RuleScore, rules: Rules2020, *, explained: bool = False) -> str:
    """What the 10号 rules decided, as the indicator's note (English, as the current notes)."""
    parts = []
    if ruled.band is not None and ruled.chosen_percent is not None:
        limits = rules.band(ruled.band)
        how = "the band's default" if ruled.chosen_by_default else "chosen"
        parts.append(
            f"10号: {ruled.band.value} ({ruled.band.name_zh}) band {_percent(limits.low)}–"
            f"{_percent(limits.high)} %, scored at {_percent(ruled.chosen_percent)} % ({how})"
        )
    if ruled.rule == "reverse_linear" and not ruled.reached:
        parts.append(
            f"10号: a ≤ indicator scores linearly down to 0 at "
            f"{_percent(rules.reverse_zero_at)} × its target"
        )
    if ruled.far_above and ruled.ratio is not None:
        asked = "reason given" if explained else "give a reason"
        parts.append(
            f"10号: the actual is {_percent(ruled.ratio * _HUNDRED)} % of the target "
            f"(≥ {_percent(rules.far_above_percent)} %): {asked}"
        )
    return "; ".join(parts)


def _qualitative(
    target: str, word: str, weight: Fraction, scale: QualitativeScale, rules: Rules2020
) -> RuleScore:
    listed = scale.share(target, word)
    if listed is None:
        return score_qualitative(Band.NOT_ACHIEVED, weight, rules=rules)
    if listed == 1:
        return score_qualitative(Band.ACHIEVED, weight, rules=rules)
    percent = listed * _HUNDRED
    return score_qualitative(band_for_percent(percent, rules), weight, percent, rules=rules)


def _score_indicator_2020(
    indicator: Indicator,
    weight: Fraction,
    measured: Measured | None,
    project: str,
    *,
    scale: QualitativeScale,
    rules: Rules2020,
    explained: bool = False,
) -> IndicatorResult:
    if measured is None:
        return _no_actual(indicator, weight)
    target = indicator.target
    if isinstance(target, str):
        if not isinstance(measured.value, str):
            raise _not_its_kind("measured.number_for_word", indicator, target, measured, project)
        ruled = _qualitative(target, measured.value, weight, scale, rules)
        return IndicatorResult(
            indicator=indicator,
            weight=weight,
            status=_status(ruled.reached, ruled.share),
            score=ruled.score,
            actual=measured,
            actual_value=measured.value,
            note=_note(ruled, rules),
        )
    value = in_target_unit(measured, indicator, project)
    ruled = score_quantitative(indicator.effective_comparator, target, value, weight, rules)
    return IndicatorResult(
        indicator=indicator,
        weight=weight,
        status=_status(ruled.reached, ruled.share),
        score=ruled.score,
        actual=measured,
        actual_value=value,
        gap=_plain(value - target),
        note=_note(ruled, rules, explained=explained),
    )


def _execution(project: Project, spent: Yuan | None, weight: Fraction) -> BudgetExecution:
    # The dataset's appropriation is the adjusted budget (全年预算数) the year closes with.
    if spent is None:
        return _no_spending(project, weight)
    _refuse_negative(project, spent)
    appropriation = project.appropriation
    ruled = score_execution(spent, appropriation, weight)
    return BudgetExecution(
        appropriation,
        spent,
        weight,
        ruled.score,
        ruled.ratio,
        _status(ruled.reached, ruled.share),
    )


def evaluate_project_2020(
    project: Project,
    actuals: ProjectActuals,
    *,
    rules: Rules2020 | None = None,
    scale: QualitativeScale | None = None,
) -> ProjectEvaluation:
    """Score one project with the 10号 rules (``scale``: the qualitative words' shares)."""
    chosen = rules_2020_10() if rules is None else rules
    table = default_rules().qualitative if scale is None else scale
    weights = actuals.weights or chosen.weights

    def score(
        indicator: Indicator, weight: Fraction, measured: Measured | None, reason: str | None
    ) -> IndicatorResult:
        return _score_indicator_2020(
            indicator,
            weight,
            measured,
            project.key,
            scale=table,
            rules=chosen,
            explained=bool(reason),
        )

    results = _indicator_results(project, actuals, weights, score)
    return ProjectEvaluation(
        project=project,
        weights=weights,
        budget_execution=_execution(project, actuals.spent, weights.budget_execution),
        indicators=results,
    )


def evaluate_2020(
    budget: Budget, actuals: Actuals, *, rules: Rules2020 | None = None
) -> Evaluation:
    """Score every project the actuals name with the 10号 rules, in table order.

    The qualitative words' shares are the bundled table's, extended by the actuals file's.
    """
    scale = default_rules().qualitative.extended(actuals.qualitative)
    return _evaluation(
        budget, actuals, lambda p, a: evaluate_project_2020(p, a, rules=rules, scale=scale)
    )


def evaluate_with(
    budget: Budget,
    actuals: Actuals,
    *,
    scoring: str = "current",
    rules: Rules2020 | None = None,
) -> Evaluation:
    """Score with the rules named ``scoring``: ``"current"`` (default) or ``"2020-10"``.

    ``rules`` replaces the bundled 10号 rules (a province's,
    :func:`~pension_subsidy.evaluation.rules_2020.read_rules_2020`). Raises
    :class:`~pension_subsidy.UnknownKeyError` for another name.
    """
    if scoring == "current":
        return evaluate(budget, actuals)
    if scoring == "2020-10":
        return evaluate_2020(budget, actuals, rules=rules)
    said = {"name": repr(scoring), "known": ", ".join(SCORING_CHOICES)}
    raise UnknownKeyError(
        code="evaluation.scoring_2020.no_rules", params=said, key=scoring, known=SCORING_CHOICES
    )
