"""The results of a self-evaluation: each indicator scored, each project, the year.

Results are data: the text, tables and workbooks are made from them in the output layer;
each result's :meth:`data` gives its JSON-ready form (numbers as decimal strings; keys are only
ever added), which ``evaluate --format json`` writes.

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> budget = load_dataset()
>>> fund = budget.project("county_supporting_fund")
>>> data = evaluate(budget, Actuals([ProjectActuals.all_met(fund)])).data()
>>> project = data["projects"][0]
>>> project["score"], project["grade"], project["budget_execution"]["rate"]
('100.00', '优', '100.00')
>>> project["indicators"][0]["weight"], project["indicators"][0]["status"]
('5.56', 'met')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.evaluation._figures import CENT
from pension_subsidy.evaluation.budget_execution import BudgetExecution
from pension_subsidy.evaluation.grades import Grade, IndicatorStatus
from pension_subsidy.evaluation.measured import Measured
from pension_subsidy.evaluation.weights import Weights
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Indicator, Level1
from pension_subsidy.money import round_half_up

__all__ = ["Evaluation", "IndicatorResult", "ProjectEvaluation"]


def _cents(value: Fraction | Decimal) -> str:
    return str(round_half_up(Fraction(value), CENT))


def _fraction(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


@attrs.frozen
class IndicatorResult:
    """One level-3 indicator scored: its weight, the actual, the status and the score.

    ``actual_value`` is the actual in the target's unit (a word for a qualitative
    indicator); ``gap`` is actual − target in the target's unit (None for a word or a
    missing actual). ``reason`` and ``measure`` are the 偏差原因 and 改进措施 supplied.
    """

    indicator: Indicator
    weight: Fraction
    status: IndicatorStatus
    score: Fraction
    actual: Measured | None = None
    actual_value: Decimal | str | None = None
    gap: Decimal | None = None
    reason: str | None = None
    measure: str | None = None
    note: str = ""

    @property
    def shortfall(self) -> bool:
        """Whether the indicator must be explained: not met or only partly met."""
        return self.status in (IndicatorStatus.NOT_MET, IndicatorStatus.PARTLY_MET)

    def data(self) -> dict[str, Any]:
        """The indicator's result in its JSON shape (weight and score to 0.01, and exact)."""
        indicator = self.indicator
        written = indicator.comparator
        return {
            "name": indicator.name,
            "level1": indicator.level1.value,
            "level2": indicator.level2.value,
            "comparator": indicator.effective_comparator.value,
            "target": str(indicator.target),
            "unit": indicator.unit,
            "actual": None if self.actual_value is None else str(self.actual_value),
            "status": self.status.value,
            "weight": _cents(self.weight),
            "score": _cents(self.score),
            "comparator_as_written": None if written is None else written.value,
            "actual_as_written": None if self.actual is None else self.actual.shown,
            "gap": None if self.gap is None else str(self.gap),
            "reason": self.reason,
            "measure": self.measure,
            "note": self.note,
            "weight_exact": _fraction(self.weight),
            "score_exact": _fraction(self.score),
        }


@attrs.frozen
class ProjectEvaluation:
    """One project's self-evaluation (项目支出绩效自评表)."""

    project: Project
    weights: Weights
    budget_execution: BudgetExecution
    indicators: tuple[IndicatorResult, ...]

    @property
    def score_exact(self) -> Fraction:
        """The exact sum of budget execution and every indicator's score."""
        return self.budget_execution.score + sum(
            (result.score for result in self.indicators), Fraction(0)
        )

    @property
    def score(self) -> Decimal:
        """The score out of 100, to 0.01 (四舍五入)."""
        return round_half_up(self.score_exact, CENT)

    @property
    def grade(self) -> Grade:
        """The grade of the score as shown."""
        return Grade.for_score(self.score)

    def level_score(self, level1: Level1) -> Fraction:
        """The exact score of one level-1 group."""
        return sum(
            (result.score for result in self.indicators if result.indicator.level1 is level1),
            Fraction(0),
        )

    @property
    def shortfalls(self) -> tuple[IndicatorResult, ...]:
        """The indicators not met or only partly met, each to be explained."""
        return tuple(result for result in self.indicators if result.shortfall)

    @property
    def missing(self) -> tuple[IndicatorResult, ...]:
        """The indicators with no actual result (they score 0)."""
        return tuple(r for r in self.indicators if r.status is IndicatorStatus.NO_ACTUAL)

    def data(self) -> dict[str, Any]:
        """The project's self-evaluation in its JSON shape."""
        project = self.project
        execution = self.budget_execution
        rate = execution.rate_percent
        return {
            "key": project.key,
            "name_zh": project.name_zh,
            "score": str(self.score),
            "grade": self.grade.value,
            "budget_execution": {
                "appropriation_yuan": str(execution.appropriation),
                "spent_yuan": None if execution.spent is None else str(execution.spent),
                "rate": None if rate is None else str(rate),
                "score": _cents(execution.score),
                "weight": _cents(execution.weight),
                "status": execution.status.value,
            },
            "indicators": [result.data() for result in self.indicators],
            "name_en": project.name_en,
            "grade_en": self.grade.name_en,
            "score_exact": _fraction(self.score_exact),
            "level_scores": {level.value: _cents(self.level_score(level)) for level in Level1},
            "shortfalls": [result.indicator.name for result in self.shortfalls],
            "missing": [result.indicator.name for result in self.missing],
        }


@attrs.frozen
class Evaluation:
    """A year's self-evaluation: the projects evaluated and the projects left out.

    ``skipped`` holds the keys of the budget's projects the actuals do not name.
    """

    budget_key: str
    year: int
    projects: tuple[ProjectEvaluation, ...]
    skipped: tuple[str, ...] = ()
    source: str = ""

    def data(self) -> dict[str, Any]:
        """The self-evaluation in its JSON shape (``evaluate --format json``).

        ``rate`` is the budget execution rate in percent (``"98.29"``); ``weight`` and
        ``score`` are shown to 0.01 (四舍五入), ``*_exact`` give them as exact fractions.
        """
        return {
            "projects": [project.data() for project in self.projects],
            "dataset": self.budget_key,
            "year": self.year,
            "actuals": self.source,
            "evaluated": [project.project.key for project in self.projects],
            "skipped": list(self.skipped),
        }
