"""Budget execution (预算执行率): spent ÷ appropriation, scored weight × min(rate, 1)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from pension_subsidy.evaluation._figures import CENT
from pension_subsidy.evaluation.grades import IndicatorStatus, _status
from pension_subsidy.exceptions import ActualValueError
from pension_subsidy.model.budget import Project
from pension_subsidy.money import Yuan, round_half_up

__all__ = ["BudgetExecution"]


@attrs.frozen
class BudgetExecution:
    """Budget execution (预算执行率): spent ÷ appropriation, scored weight × min(rate, 1).

    ``rate`` is the exact ratio (None for a zero appropriation, which scores full).
    """

    appropriation: Yuan
    spent: Yuan | None
    weight: Fraction
    score: Fraction
    rate: Fraction | None
    status: IndicatorStatus

    @property
    def rate_percent(self) -> Decimal | None:
        """The rate in percent, to 0.01 (四舍五入)."""
        return None if self.rate is None else round_half_up(self.rate * 100, CENT)


def _no_spending(project: Project, weight: Fraction) -> BudgetExecution:
    """No spending given: no score, status "no actual" (both scorings alike)."""
    return BudgetExecution(
        project.appropriation, None, weight, Fraction(0), None, IndicatorStatus.NO_ACTUAL
    )


def _refuse_negative(project: Project, spent: Yuan) -> None:
    """Spending below 0 元 is refused, naming the project (both scorings alike)."""
    if spent < Yuan(0):
        said = {"project": repr(project.key), "got": str(spent)}
        raise ActualValueError(
            code="evaluation.negative_spent",
            params=said,
            project=project.key,
            indicator="spent",
            value=spent,
        )


def _budget_execution(project: Project, spent: Yuan | None, weight: Fraction) -> BudgetExecution:
    if spent is None:
        return _no_spending(project, weight)
    _refuse_negative(project, spent)
    appropriation = project.appropriation
    if appropriation.is_zero():
        return BudgetExecution(appropriation, spent, weight, weight, None, IndicatorStatus.MET)
    rate = spent.ratio(appropriation)
    share = min(rate, Fraction(1))
    return BudgetExecution(
        appropriation, spent, weight, weight * share, rate, _status(rate >= 1, share)
    )
