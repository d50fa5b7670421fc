"""Links between performance targets and the fund model: a plan checked against itself.

Before the year starts, a plan's indicators can be checked against its own computed figures:

* a cost (成本) ceiling in 元/万元 equal to the appropriation is the project's ceiling, and the
  project's computed total (Σ components) must keep to it (养老保险县级财政补贴 ≤ 175万元);
  any other money cost ceiling above the appropriation can never bind, and is reported;
* a quantity indicator that restates a component's headcount must agree with it
  (村级协办员人数 109人 = 109 村 × 1 人/村): a bare target must equal it, a target with a
  comparator must hold for it;
* indicators stating the number of insured persons (参保人数) in several projects must agree.

The indicators are recognised by the audit's own functions
(:mod:`pension_subsidy.disclosure.checks.indicators`) from the one keyword file,
``disclosure/keywords.toml``; whether a ceiling can bind is
:func:`~pension_subsidy.disclosure.checks.costs.ceiling_binds`, as in the audit.

A finding holds values and codes; :mod:`pension_subsidy.output.plan_check_text` makes the text.

>>> from pension_subsidy import load_dataset
>>> for finding in plan_check(load_dataset()):
...     print(finding.status.value, finding.indicator, finding.target_text, finding.figure,
...           finding.difference)
warning 单位工作运转成本 ≤13.8万元 8.5 -5.3
ok 社保政策宣传成本 ≤6万元 8.5 2.5
ok 村级协办员人数 109人 109 0
mismatch 养老保险参保人数 ≥91700人 96410 4710
ok 全年发放工作补助 6.54万元 6.54 0
ok 预计缴费人数 71104人 71104 0
ok 养老保险县级财政补贴 ≤175万元 169 -6
ok 养老保险补贴政策宣传成本 ≤6万元 175 169
>>> finding = plan_check(load_dataset())[3]
>>> finding.other_project, finding.other_indicator, finding.summary
('county_supporting_fund', '预计参保人数', 'target ≥91700人, 预计参保人数 in county_supporting_fund 96410人, difference 4710人')
"""  # noqa: E501 — a doctest's expected line is as long as the line it checks

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from pension_subsidy.disclosure.checks.costs import ceiling_binds
from pension_subsidy.disclosure.checks.indicators import (
    cost_ceiling,
    holds,
    restated_component,
    stated_quantity,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Comparator, Indicator
from pension_subsidy.money import WAN, Yuan

__all__ = ["FindingKind", "FindingStatus", "PlanFinding", "plan_check", "plan_check_data"]


class FindingKind(enum.Enum):
    """What a plan finding compares."""

    #: a project's cost ceiling against its computed total (Σ components)
    COST_CEILING = "cost_ceiling"
    #: another money cost ceiling against the project's appropriation
    COST_WITHIN_APPROPRIATION = "cost_within_appropriation"
    #: a quantity target against the headcount of the component it restates
    HEADCOUNT = "headcount"
    #: the number of insured persons stated by two projects
    INSURED = "insured"


class FindingStatus(enum.Enum):
    """Whether the target and the figure agree."""

    OK = "ok"
    #: a ceiling that cannot bind (above the appropriation): not wrong, but not meaningful
    WARNING = "warning"
    #: the target and the computed figure disagree
    MISMATCH = "mismatch"


@attrs.frozen
class PlanFinding:
    """One target compared with the figure of the fund model it restates.

    ``target`` and ``figure`` are in the indicator's unit; ``difference`` is figure − target
    (a ceiling with room left has a negative difference). What the figure is follows from
    ``kind``: the project's total, its appropriation, the headcount of ``component``, or the
    insured count of ``other_indicator`` in ``other_project``.
    """

    kind: FindingKind
    status: FindingStatus
    project: str
    indicator: str
    target_text: str
    target: Decimal
    figure: Decimal
    difference: Decimal
    unit: str
    #: the target's comparator as the plan writes it; None for a bare number
    comparator: Comparator | None = None
    #: HEADCOUNT: the key of the component whose headcount the indicator restates
    component: str | None = None
    #: INSURED: the project and indicator stating the other count
    other_project: str | None = None
    other_indicator: str | None = None

    @property
    def figure_label(self) -> str:
        """What the figure is, in English words: the ``figure_label`` of the JSON."""
        if self.kind is FindingKind.COST_CEILING:
            return "project total"
        if self.kind is FindingKind.COST_WITHIN_APPROPRIATION:
            return "appropriation"
        if self.kind is FindingKind.HEADCOUNT:
            return f"component {self.component} headcount"
        return f"{self.other_indicator} in {self.other_project}"

    @property
    def summary(self) -> str:
        """The numbers in one line."""
        comparator = self.comparator.value if self.comparator is not None else ""
        return (
            f"target {comparator}{self.target}{self.unit}, {self.figure_label} "
            f"{self.figure}{self.unit}, difference {self.difference}{self.unit}"
        )

    def data(self) -> dict[str, str]:
        """The finding in the ``plan-check --format json`` shape: exact strings."""
        return {
            "kind": self.kind.value,
            "status": self.status.value,
            "project": self.project,
            "indicator": self.indicator,
            "target_text": self.target_text,
            "target": str(self.target),
            "figure": str(self.figure),
            "figure_label": self.figure_label,
            "difference": str(self.difference),
            "unit": self.unit,
        }


def plan_check_data(findings: Iterable[PlanFinding]) -> dict[str, Any]:
    """``{"findings": [...]}``, the JSON shape of ``plan-check --format json``."""
    return {"findings": [finding.data() for finding in findings]}


def _plain(number: Decimal) -> Decimal:
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _in_unit(amount: Yuan, unit: str) -> Decimal:
    return _plain(amount.value / WAN if unit == "万元" else amount.value)


def _status(ok: bool) -> FindingStatus:
    return FindingStatus.OK if ok else FindingStatus.MISMATCH


def _finding(
    kind: FindingKind,
    status: FindingStatus,
    project: Project,
    indicator: Indicator,
    *,
    target: Decimal,
    figure: Decimal,
    **links: str,
) -> PlanFinding:
    return PlanFinding(
        kind=kind,
        status=status,
        project=project.key,
        indicator=indicator.name,
        target_text=indicator.target_text,
        target=_plain(target),
        figure=figure,
        difference=_plain(figure - target),
        unit=indicator.unit,
        comparator=indicator.comparator,
        **links,
    )


def _cost_finding(project: Project, indicator: Indicator) -> PlanFinding | None:
    ceiling = cost_ceiling(indicator)
    if ceiling is None or not isinstance(indicator.target, Decimal):
        return None
    if ceiling == project.appropriation:  # the project's own ceiling caps its total
        comparator = indicator.effective_comparator
        figure = _in_unit(project.total, indicator.unit)
        status = _status(holds(comparator, project.total.value, ceiling.value))
        kind = FindingKind.COST_CEILING
    else:  # another ceiling: one above the appropriation cannot bind
        figure = _in_unit(project.appropriation, indicator.unit)
        status = FindingStatus.OK if ceiling_binds(ceiling, project) else FindingStatus.WARNING
        kind = FindingKind.COST_WITHIN_APPROPRIATION
    return _finding(kind, status, project, indicator, target=indicator.target, figure=figure)


def _headcount_finding(
    budget: Budget, project: Project, indicator: Indicator
) -> PlanFinding | None:
    key = restated_component(indicator)
    target = indicator.target
    if key is None or not isinstance(target, Decimal):  # a word restates no headcount
        return None
    owners = [p for p in (project, *budget.projects) if key in {c.key for c in p.components}]
    if not owners:
        return None
    figure = Decimal(owners[0].component(key).headcount)
    # a bare number restating a headcount must equal it (not "≥", as when scoring actuals)
    status = _status(holds(indicator.comparator or Comparator.EQ, figure, target))
    return _finding(
        FindingKind.HEADCOUNT,
        status,
        project,
        indicator,
        target=target,
        figure=figure,
        component=key,
    )


def _insured_findings(budget: Budget) -> list[PlanFinding]:
    """Each statement of the insured count against each later one in another project."""
    stated = [
        (project, indicator, indicator.target)
        for project in budget.projects
        for indicator in project.indicators
        if stated_quantity(indicator) == "insured" and isinstance(indicator.target, Decimal)
    ]
    return [
        _finding(
            FindingKind.INSURED,
            _status(target == figure),
            project,
            indicator,
            target=target,
            figure=_plain(figure),
            other_project=other_project.key,
            other_indicator=other.name,
        )
        for index, (project, indicator, target) in enumerate(stated)
        for other_project, other, figure in stated[index + 1 :]
        if other_project.key != project.key
    ]


def _indicator_findings(
    budget: Budget, project: Project, indicator: Indicator, insured: list[PlanFinding]
) -> list[PlanFinding]:
    """The indicator's headcount, cost and insured-count findings, in that order."""
    found = [_headcount_finding(budget, project, indicator), _cost_finding(project, indicator)]
    mine = [f for f in insured if f.project == project.key and f.indicator == indicator.name]
    return [finding for finding in found if finding is not None] + mine


def plan_check(budget: Budget) -> tuple[PlanFinding, ...]:
    """Every indicator tied to a figure of the fund model, compared with it, in table order.

    Each finding carries both numbers and their difference; nothing is corrected.
    """
    insured = _insured_findings(budget)
    return tuple(
        finding
        for project in budget.projects
        for indicator in project.indicators
        for finding in _indicator_findings(budget, project, indicator, insured)
    )
