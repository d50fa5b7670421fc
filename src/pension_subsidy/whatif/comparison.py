"""Comparing a scenario with its baseline (情景对比): each project and component that moved.

>>> from pension_subsidy import load_dataset
>>> result = compare_scenario(load_dataset(), ["severe_disability_proxy.per_capita=60"])
>>> print(result.changes[1])
county_supporting_fund/severe_disability_proxy: 62,000.00 元 → 61,500.00 元 (-500.00 元, -0.81%)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pension_subsidy.model.budget import Budget, Status
from pension_subsidy.model.data import report_data
from pension_subsidy.money import Yuan, round_half_up
from pension_subsidy.whatif.apply import apply_overrides
from pension_subsidy.whatif.overrides import Override

__all__ = [
    "ComponentChange",
    "ProjectChange",
    "ScenarioComparison",
    "compare",
    "compare_scenario",
    "scenario_data",
]

_PERCENT_PLACES = Decimal("0.01")


# -- comparison -----------------------------------------------------------------------------
def _percent_change(before: Yuan, after: Yuan) -> Decimal | None:
    if before.is_zero():
        return None
    return round_half_up((after - before).ratio(before) * 100, _PERCENT_PLACES)


def _signed(amount: Yuan) -> str:
    return f"{amount.value:+,.2f} 元"


def _fmt_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:+.2f}%"


class _Delta:
    """Change and percent change from ``baseline`` to ``scenario`` (both in 元)."""

    baseline: Yuan
    scenario: Yuan

    @property
    def change(self) -> Yuan:
        """Scenario − baseline, in 元."""
        return self.scenario - self.baseline

    @property
    def percent(self) -> Decimal | None:
        """The change in % of the baseline (0.01, 四舍五入); None from a zero baseline."""
        return _percent_change(self.baseline, self.scenario)


@attrs.frozen
class ComponentChange(_Delta):
    """How one component differs between baseline and scenario."""

    project: str
    key: str
    baseline_headcount: int | None
    scenario_headcount: int | None
    baseline_per_capita: Yuan | None
    scenario_per_capita: Yuan | None
    baseline: Yuan
    scenario: Yuan

    def __str__(self) -> str:
        """``project/component: before → after (change, %)``."""
        return (
            f"{self.project}/{self.key}: {self.baseline.value:,.2f} 元 → "
            f"{self.scenario.value:,.2f} 元 ({_signed(self.change)}, {_fmt_percent(self.percent)})"
        )

    def data(self) -> dict[str, Any]:
        """The change in JSON shape."""
        return {
            "level": "component",
            "project": self.project,
            "key": self.key,
            "baseline_headcount": self.baseline_headcount,
            "scenario_headcount": self.scenario_headcount,
            "baseline_per_capita_yuan": _str(self.baseline_per_capita),
            "scenario_per_capita_yuan": _str(self.scenario_per_capita),
            "baseline_yuan": str(self.baseline),
            "scenario_yuan": str(self.scenario),
            "change_yuan": str(self.change),
            "change_percent": _str(self.percent),
        }


@attrs.frozen
class ProjectChange(_Delta):
    """How one project's total, appropriation and status differ between baseline and scenario."""

    key: str
    baseline: Yuan
    scenario: Yuan
    baseline_appropriation: Yuan
    scenario_appropriation: Yuan
    baseline_status: Status
    scenario_status: Status

    @property
    def status_changed(self) -> bool:
        """Whether the project moved between within, at and over."""
        return self.baseline_status is not self.scenario_status

    @property
    def scenario_headroom(self) -> Yuan:
        """The scenario's appropriation − total (negative when over)."""
        return self.scenario_appropriation - self.scenario

    def __str__(self) -> str:
        """``project: before → after (change, %), status → status``."""
        text = (
            f"{self.key}: {self.baseline.value:,.2f} 元 → {self.scenario.value:,.2f} 元 "
            f"({_signed(self.change)}, {_fmt_percent(self.percent)}), "
            f"{self.baseline_status.value} → {self.scenario_status.value}"
        )
        if self.baseline_appropriation != self.scenario_appropriation:
            text += (
                f"; appropriation {self.baseline_appropriation.value:,.2f} 元 → "
                f"{self.scenario_appropriation.value:,.2f} 元"
            )
        return text

    def data(self) -> dict[str, Any]:
        """The change in JSON shape."""
        return {
            "level": "project",
            "project": self.key,
            "key": self.key,
            "baseline_yuan": str(self.baseline),
            "scenario_yuan": str(self.scenario),
            "change_yuan": str(self.change),
            "change_percent": _str(self.percent),
            "baseline_appropriation_yuan": str(self.baseline_appropriation),
            "scenario_appropriation_yuan": str(self.scenario_appropriation),
            "scenario_headroom_yuan": str(self.scenario_headroom),
            "baseline_status": self.baseline_status.value,
            "scenario_status": self.scenario_status.value,
            "status_changed": self.status_changed,
        }


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def compare(baseline: Budget, scenario: Budget) -> tuple[ProjectChange | ComponentChange, ...]:
    """Every project and component that differs, each project followed by its components.

    A project is listed when its total, appropriation or status changed; a component when
    its amount, headcount or per-capita figure changed. The same budget gives ``()``.
    """
    changes: list[ProjectChange | ComponentChange] = []
    for after in scenario.projects:
        before = baseline.project(after.key)
        component_changes = []
        for new in after.components:
            old = before.component(new.key)
            figures = (old.amount, old.headcount, old.per_capita)
            if figures != (new.amount, new.headcount, new.per_capita):
                component_changes.append(
                    ComponentChange(
                        project=after.key,
                        key=new.key,
                        baseline_headcount=old.headcount,
                        scenario_headcount=new.headcount,
                        baseline_per_capita=old.per_capita,
                        scenario_per_capita=new.per_capita,
                        baseline=old.amount,
                        scenario=new.amount,
                    )
                )
        old_check, new_check = before.check(), after.check()
        project_change = ProjectChange(
            key=after.key,
            baseline=old_check.total,
            scenario=new_check.total,
            baseline_appropriation=before.appropriation,
            scenario_appropriation=after.appropriation,
            baseline_status=old_check.status,
            scenario_status=new_check.status,
        )
        moved = (
            project_change.change
            or project_change.status_changed
            or before.appropriation != after.appropriation
        )
        if moved or component_changes:
            changes.append(project_change)
        changes.extend(component_changes)
    return tuple(changes)


@attrs.frozen
class ScenarioComparison:
    """A scenario beside its baseline: the overrides, both budgets and what changed (情景测算).

    >>> from pension_subsidy import load_dataset
    >>> result = compare_scenario(load_dataset(), ["severe_disability_proxy.per_capita=60"])
    >>> [change.data()["change_yuan"] for change in result.changes]
    ['-500.00', '-500.00']
    """

    baseline: Budget
    overrides: tuple[Override, ...]
    scenario: Budget
    changes: tuple[ProjectChange | ComponentChange, ...]

    def data(self) -> dict[str, Any]:
        """``{"baseline": <report>, "scenario": <report>, "changes": [...], "overrides": [...]}``.

        The reports are :func:`~pension_subsidy.report_data`, unchanged.
        """
        return {
            "baseline": report_data(self.baseline),
            "scenario": report_data(self.scenario),
            "changes": [change.data() for change in self.changes],
            "overrides": [str(override) for override in self.overrides],
        }


def compare_scenario(baseline: Budget, overrides: Iterable[Override | str]) -> ScenarioComparison:
    """Apply ``overrides`` to ``baseline`` in order and compare the result with it."""
    parsed = tuple(Override.parse(o) if isinstance(o, str) else o for o in overrides)
    scenario = apply_overrides(baseline, parsed)
    return ScenarioComparison(
        baseline=baseline,
        overrides=parsed,
        scenario=scenario,
        changes=compare(baseline, scenario),
    )


def scenario_data(baseline: Budget, overrides: Sequence[Override | str]) -> dict[str, Any]:
    """The JSON-ready comparison: :meth:`ScenarioComparison.data` of :func:`compare_scenario`."""
    return compare_scenario(baseline, overrides).data()
