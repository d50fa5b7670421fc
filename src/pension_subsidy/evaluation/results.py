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
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, html_table, short_repr
from pension_subsidy.evaluation._figures import CENT
from pension_subsidy.evaluation.budget_execution import BudgetExecution
from pension_subsidy.evaluation.grades import Grade, IndicatorStatus
from pension_subsidy.evaluation.measured import Measured
from pension_subsidy.evaluation.weights import Weights
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Indicator, Level1
from pension_subsidy.money import round_half_up

if TYPE_CHECKING:
    import pandas

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

    def __repr__(self) -> str:
        """``IndicatorResult('name', status=…, score=…/weight)``: short at any size."""
        return short_repr(
            "IndicatorResult",
            name=repr(self.indicator.name),
            status=self.status.value,
            score=_cents(self.score),
            weight=_cents(self.weight),
        )

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

    def __repr__(self) -> str:
        """``ProjectEvaluation('key', score=…, grade=…, indicators=n)``: short at any size."""
        return short_repr(
            "ProjectEvaluation",
            project=repr(self.project.key),
            score=self.score,
            grade=self.grade.value,
            indicators=len(self.indicators),
        )

    def to_frame(self) -> pandas.DataFrame:
        """One row per indicator (the ``pandas`` extra), as in :meth:`Evaluation.to_frame`.

        >>> from pension_subsidy import load_dataset
        >>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
        >>> budget = load_dataset()
        >>> fund = budget.project("county_supporting_fund")
        >>> scored = evaluate(budget, Actuals([ProjectActuals.all_met(fund)])).projects[0]
        >>> frame = scored.to_frame()
        >>> len(frame) == len(scored.indicators), frame.loc[0, "score"], frame.loc[0, "score_exact"]
        (True, Decimal('5.56'), '50/9')
        """
        return data_frame(_indicator_records(self), _EVALUATION_COLUMNS)

    def _repr_html_(self) -> str:
        """The indicators' weights and scores as a small HTML table (Jupyter)."""
        caption = f"{self.project.key}: {self.score} ({self.grade.value})"
        return html_records(caption, _indicator_records(self), _EVALUATION_COLUMNS)

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

    def __repr__(self) -> str:
        """``Evaluation('dataset', year=…, projects=n, scores=…)``: short at any size."""
        return short_repr(
            "Evaluation",
            budget_key=repr(self.budget_key),
            year=self.year,
            projects=len(self.projects),
            skipped=len(self.skipped),
            scores=", ".join(f"{item.project.key}={item.score}" for item in self.projects),
        )

    def to_frame(self) -> pandas.DataFrame:
        """One row per indicator of every project evaluated (the ``pandas`` extra).

        Columns, named as in :meth:`data`: ``project``, ``name``, ``level1``, ``level2``,
        ``comparator``, ``target``, ``unit``, ``actual``, ``gap``, ``status``, ``weight`` and
        ``score`` (Decimal, to 0.01 四舍五入, as shown), ``weight_exact`` and ``score_exact``
        (the exact fractions as text, ``"50/9"``), ``reason``, ``measure``, ``note``. The
        budget execution score is each project's ``budget_execution`` in :meth:`data`.

        >>> from pension_subsidy import load_dataset
        >>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
        >>> budget = load_dataset()
        >>> fund = budget.project("county_supporting_fund")
        >>> frame = evaluate(budget, Actuals([ProjectActuals.all_met(fund)])).to_frame()
        >>> frame.loc[0, "weight"], frame.loc[0, "weight_exact"], frame.loc[0, "status"]
        (Decimal('5.56'), '50/9', 'met')
        """
        records = [record for item in self.projects for record in _indicator_records(item)]
        return data_frame(records, _EVALUATION_COLUMNS)

    def _repr_html_(self) -> str:
        """Each project's score and grade as a small HTML table (Jupyter)."""
        rows = [
            [item.project.key, item.project.name_zh, item.score, item.grade.value]
            for item in self.projects
        ]
        caption = f"self-evaluation {self.budget_key} ({self.year})"
        return html_table(caption, ["project", "name_zh", "score", "grade"], rows)

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


_EVALUATION_COLUMNS = (
    "project",
    "name",
    "level1",
    "level2",
    "comparator",
    "target",
    "unit",
    "actual",
    "gap",
    "status",
    "weight",
    "score",
    "weight_exact",
    "score_exact",
    "reason",
    "measure",
    "note",
)


def _indicator_records(evaluation: ProjectEvaluation) -> list[dict[str, object]]:
    """Rows of :meth:`Evaluation.to_frame` for one project."""
    return [
        {
            "project": evaluation.project.key,
            "name": result.indicator.name,
            "level1": result.indicator.level1.value,
            "level2": result.indicator.level2.value,
            "comparator": result.indicator.effective_comparator.value,
            "target": result.indicator.target,
            "unit": result.indicator.unit,
            "actual": result.actual_value,
            "gap": result.gap,
            "status": result.status.value,
            "weight": round_half_up(result.weight, CENT),
            "score": round_half_up(result.score, CENT),
            "weight_exact": _fraction(result.weight),
            "score_exact": _fraction(result.score),
            "reason": result.reason,
            "measure": result.measure,
            "note": result.note,
        }
        for result in evaluation.indicators
    ]
