"""The results of a self-evaluation: each indicator scored, each project, the year.

Results are data: the text, tables and workbooks are made from them in the output layer.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

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
