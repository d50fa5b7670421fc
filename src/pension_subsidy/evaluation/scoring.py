"""The year-end performance self-evaluation (绩效自评): weights, scores, grades.

At year end the bureau scores each project against its performance indicators (绩效指标) and
the finance bureau reviews the score. The rules (财预〔2020〕10号 and common practice):

* weights: budget execution (预算执行率) 10, output (产出) 50, benefit (效益) 30, satisfaction
  (满意度) 10; a level-1 weight is split evenly over its level-3 indicators unless weights are
  given (:class:`Weights`);
* budget execution scores 10 × min(spent / appropriation, 1);
* "≥" and ">" score weight × min(actual / target, 1); "≤" and "<" score
  weight × min(target / actual, 1), an actual of 0 scoring full; "=" scores full when equal,
  else weight × smaller / larger;
* a qualitative target (健全) scores full when the actual is the same word, a fraction from a
  table of partial words (基本健全 0.6, :class:`QualitativeScale`) or else 0;
* the project score is the exact sum, shown to 0.01 with 四舍五入; grade 优 ≥ 90, 良 ≥ 80,
  中 ≥ 60, 差 < 60 (:class:`Grade`), graded on the score as shown.

Everything is computed with :class:`~fractions.Fraction` and :class:`~decimal.Decimal`;
nothing is a float.

This module scores a project and a year; the parts live beside it, one job each:
:mod:`~pension_subsidy.evaluation.weights`, :mod:`~pension_subsidy.evaluation.rules`,
:mod:`~pension_subsidy.evaluation.measured` (the actuals),
:mod:`~pension_subsidy.evaluation.indicator_scoring`,
:mod:`~pension_subsidy.evaluation.budget_execution`, :mod:`~pension_subsidy.evaluation.grades`
and :mod:`~pension_subsidy.evaluation.results`. Their public names are importable from here.

>>> from pension_subsidy import Yuan, load_dataset
>>> fund = load_dataset().project("county_supporting_fund")
>>> actuals = ProjectActuals.all_met(fund, spent=Yuan.from_wan("172"))
>>> result = evaluate_project(fund, actuals)
>>> result.budget_execution.rate_percent, result.score, result.grade
(Decimal('98.29'), Decimal('99.83'), <Grade.EXCELLENT: '优'>)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.evaluation.budget_execution import BudgetExecution, _budget_execution
from pension_subsidy.evaluation.grades import Grade, IndicatorStatus
from pension_subsidy.evaluation.indicator_scoring import _score_indicator
from pension_subsidy.evaluation.measured import (
    Actuals,
    Measured,
    ProjectActuals,
    in_target_unit,
)
from pension_subsidy.evaluation.results import Evaluation, IndicatorResult, ProjectEvaluation
from pension_subsidy.evaluation.rules import QualitativeScale, ScoringRules, default_rules
from pension_subsidy.evaluation.weights import Weights, _allocate
from pension_subsidy.exceptions import (
    EvaluationError,
    Phrase,
    UnknownIndicatorError,
    UnknownKeyError,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Indicator

__all__ = [
    "Actuals",
    "BudgetExecution",
    "Evaluation",
    "Grade",
    "IndicatorResult",
    "IndicatorStatus",
    "Measured",
    "ProjectActuals",
    "ProjectEvaluation",
    "QualitativeScale",
    "ScoringRules",
    "Weights",
    "default_rules",
    "evaluate",
    "evaluate_project",
    "find_project",
    "in_target_unit",
]


def _by_name(project: Project, pairs: tuple[tuple[str, Any], ...], what: str) -> dict[str, Any]:
    names = [indicator.name for indicator in project.indicators]
    found: dict[str, Any] = {}
    for name, item in pairs:
        if name not in names:
            shown = item.shown if isinstance(item, Measured) else item
            said = {
                "project": repr(project.key),
                "name": repr(name),
                "what": Phrase(f"evaluation.given.{what}", what),
                "got": repr(shown),
                "known": ", ".join(names),
            }
            raise UnknownIndicatorError(
                code="evaluation.no_indicator",
                params=said,
                project=project.key,
                key=name,
                known=tuple(names),
                value=shown,
            )
        if names.count(name) > 1:
            said = {"project": repr(project.key), "count": names.count(name), "name": repr(name)}
            raise EvaluationError(
                code="evaluation.indicator_twice", params=said, project=project.key
            )
        found[name] = item
    return found


#: Scores one indicator: (indicator, weight, actual or None, reason or None) → result.
IndicatorScorer = Callable[[Indicator, Fraction, Measured | None, str | None], IndicatorResult]


def _indicator_results(
    project: Project, actuals: ProjectActuals, weights: Weights, score: IndicatorScorer
) -> tuple[IndicatorResult, ...]:
    """Each indicator scored (by either rules), with the reason and measure given for it."""
    values = _by_name(project, actuals.values, "actual")
    reasons = _by_name(project, actuals.reasons, "reason")
    measures = _by_name(project, actuals.measures, "measure")
    allocation = _allocate(project, weights)
    return tuple(
        attrs.evolve(
            score(
                indicator,
                allocation[index],
                values.get(indicator.name),
                reasons.get(indicator.name),
            ),
            reason=reasons.get(indicator.name),
            measure=measures.get(indicator.name),
        )
        for index, indicator in enumerate(project.indicators)
    )


def evaluate_project(
    project: Project, actuals: ProjectActuals, *, rules: ScoringRules | None = None
) -> ProjectEvaluation:
    """Score one project against its actual results.

    Raises :class:`~pension_subsidy.UnknownIndicatorError` for an actual, reason or measure
    keyed to an indicator the project lacks, and :class:`~pension_subsidy.ActualValueError`
    for a value that does not fit its indicator.
    """
    chosen = default_rules() if rules is None else rules
    weights = actuals.weights or chosen.weights

    def score(
        indicator: Indicator, weight: Fraction, measured: Measured | None, _: str | None
    ) -> IndicatorResult:
        return _score_indicator(indicator, weight, measured, project.key, chosen.qualitative)

    results = _indicator_results(project, actuals, weights, score)
    return ProjectEvaluation(
        project=project,
        weights=weights,
        budget_execution=_budget_execution(project, actuals.spent, weights.budget_execution),
        indicators=results,
    )


def find_project(budget: Budget, name: str) -> Project:
    """The project keyed ``name``, or named so in the table (spaces ignored).

    >>> from pension_subsidy import load_dataset
    >>> find_project(load_dataset(), "城乡居民养老保险 县级配套资金").key
    'county_supporting_fund'
    """
    wanted = "".join(name.split())
    for project in budget.projects:
        if name == project.key or wanted == "".join(project.name_zh.split()):
            return project
    known = tuple(project.key for project in budget.projects)
    said = {"name": repr(name), "known": ", ".join(known)}
    raise UnknownKeyError(code="evaluation.no_project", params=said, key=name, known=known)


def evaluate(budget: Budget, actuals: Actuals, *, rules: ScoringRules | None = None) -> Evaluation:
    """Score every project the actuals name, in table order; list the others as skipped.

    >>> from pension_subsidy import load_dataset
    >>> budget = load_dataset()
    >>> fund = budget.project("county_supporting_fund")
    >>> result = evaluate(budget, Actuals([ProjectActuals.all_met(fund)]))
    >>> [(p.project.key, p.score) for p in result.projects], result.skipped
    ([('county_supporting_fund', Decimal('100.00'))], ('work_funds', 'coordinator_allowance'))
    """
    rules = default_rules() if rules is None else rules
    rules = attrs.evolve(rules, qualitative=rules.qualitative.extended(actuals.qualitative))
    return _evaluation(budget, actuals, lambda p, a: evaluate_project(p, a, rules=rules))


def _actuals_by_project(budget: Budget, actuals: Actuals) -> dict[str, ProjectActuals]:
    """The actuals of each project they name, by key; a project given twice is refused."""
    named: dict[str, ProjectActuals] = {}
    for project_actuals in actuals.projects:
        project = find_project(budget, project_actuals.project)
        if project.key in named:
            said = {"project": repr(project.key), "given": repr(project_actuals.project)}
            raise EvaluationError(code="evaluation.project_twice", params=said, project=project.key)
        named[project.key] = project_actuals
    return named


def _evaluation(
    budget: Budget,
    actuals: Actuals,
    evaluate_one: Callable[[Project, ProjectActuals], ProjectEvaluation],
) -> Evaluation:
    """Every project the actuals name scored (by either rules), in table order; the rest skipped."""
    named = _actuals_by_project(budget, actuals)
    evaluations = tuple(
        evaluate_one(project, named[project.key])
        for project in budget.projects
        if project.key in named
    )
    skipped = tuple(project.key for project in budget.projects if project.key not in named)
    return Evaluation(
        budget_key=budget.key,
        year=budget.year,
        projects=evaluations,
        skipped=skipped,
        source=actuals.source,
    )
