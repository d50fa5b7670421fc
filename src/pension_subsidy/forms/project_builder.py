"""The figures of one project of a labelled form, gathered while its rows are read."""

from __future__ import annotations

import attrs

from pension_subsidy.forms.model import (
    FormGoal,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedNumber,
    Where,
)
from pension_subsidy.forms.rows import MoneyUnit
from pension_subsidy.forms.vocabulary import is_pension_fund

__all__ = ["ProjectBuilder"]


@attrs.define
class ProjectBuilder:
    """The figures of one project as they are found (mutable while reading)."""

    unit: MoneyUnit
    name: str | None = None
    name_where: Where | None = None
    unit_name: str | None = None
    department: str | None = None
    fields: list[tuple[str, str]] = attrs.Factory(list)
    money_rows: list[MoneyRow] = attrs.Factory(list)
    goals: list[FormGoal] = attrs.Factory(list)
    indicators: list[FormIndicator] = attrs.Factory(list)
    execution_rate: StatedNumber | None = None
    execution_points: StatedNumber | None = None
    execution_score: StatedNumber | None = None
    total_score: StatedNumber | None = None
    grade: str | None = None

    def project(self, *, target_table: bool) -> FormProject:
        """The project as read; a target table's single budget is its year-start budget."""
        total = next((row for row in self.money_rows if row.key == "total"), None)
        budget_start = budget_adjusted = executed = None
        if total is not None:
            budget_start, budget_adjusted, executed = (
                total.budget_start,
                total.budget_adjusted,
                total.executed,
            )
            if target_table and budget_start is None:
                budget_start, budget_adjusted = budget_adjusted, None
            # the money block's own figures first; a 预算执行率 indicator row second
            self.execution_rate = total.rate_percent or self.execution_rate
            self.execution_points = total.points or self.execution_points
            self.execution_score = total.score or self.execution_score
        name = self.name or ""
        return FormProject(
            name=name,
            unit_name=self.unit_name,
            department=self.department,
            budget_start=budget_start,
            budget_adjusted=budget_adjusted,
            executed=executed,
            execution_rate_percent=self.execution_rate,
            execution_points=self.execution_points,
            execution_score=self.execution_score,
            total_score=self.total_score,
            grade=self.grade,
            goals=tuple(self.goals),
            indicators=tuple(self.indicators),
            money_rows=tuple(self.money_rows),
            fields=tuple(self.fields),
            fund="residents_pension" if is_pension_fund(name) else "generic",
            where=self.name_where,
        )
