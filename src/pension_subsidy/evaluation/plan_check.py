"""Links between performance targets and the fund model: a plan checked against itself.

Before the year starts, a plan's indicators can be checked against its own computed figures:

* a cost (成本) ceiling that caps the whole project (equal to the appropriation, or the
  largest of an itemised project) must cover the project's computed total (Σ components)
  (养老保险县级财政补贴 ≤ 175万元); any other money cost ceiling above the appropriation can
  never bind, and is reported; in an itemised project, the ceiling of a part is compared with
  what the components leave unitemised (宣传成本 ≤ 6万元 against 175 − 169 = 6 万元);
* a quantity indicator that restates a component's headcount must agree with it
  (村级协办员人数 109人 = 109 村 × 1 人/村): a bare target must equal it, a target with a
  comparator must hold for it;
* indicators stating the number of insured persons (参保人数) in several projects must be
  able to hold together, each with its comparator (≥91700人 and 96410人 can).

Each fact is decided by :mod:`pension_subsidy.disclosure.checks.facts`, which the audit
uses too; this module only turns the results into plan findings.

A finding holds values and codes; :mod:`pension_subsidy.output.plan_check_text` makes the text.

>>> from pension_subsidy import load_dataset
>>> for finding in plan_check(load_dataset()):
...     print(finding.status.value, finding.indicator, finding.target_text, finding.figure,
...           finding.difference)
warning 单位工作运转成本 ≤13.8万元 8.5 -5.3
ok 社保政策宣传成本 ≤6万元 8.5 2.5
ok 村级协办员人数 109人 109 0
ok 养老保险参保人数 ≥91700人 96410 4710
ok 全年发放工作补助 6.54万元 6.54 0
ok 预计缴费人数 71104人 71104 0
ok 养老保险县级财政补贴 ≤175万元 169 -6
ok 养老保险补贴政策宣传成本 ≤6万元 6 0
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

from pension_subsidy.disclosure.checks.facts import (
    Fact,
    FactResult,
    ceiling_facts,
    headcount_fact,
    insured_facts,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Comparator, Indicator
from pension_subsidy.money import WAN

__all__ = ["FindingKind", "FindingStatus", "PlanFinding", "plan_check", "plan_check_data"]


class FindingKind(enum.Enum):
    """What a plan finding compares."""

    #: a project's cost ceiling against its computed total (Σ components)
    COST_CEILING = "cost_ceiling"
    #: another money cost ceiling against the project's appropriation
    COST_WITHIN_APPROPRIATION = "cost_within_appropriation"
    #: a ceiling of a part of an itemised project against what its components leave
    COST_WITHIN_REMAINDER = "cost_within_remainder"
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
        if self.kind is FindingKind.COST_WITHIN_REMAINDER:
            return "unitemised remainder"
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


def _in_unit(value: Decimal, unit: str) -> Decimal:
    """A fact's 元 in the indicator's unit (万元 or 元)."""
    return _plain(value / WAN if unit == "万元" else value)


#: The plan check's kind and status for each cost fact: (kind, status when it contradicts).
_COST_KINDS = {
    Fact.WITHIN_CEILING: (FindingKind.COST_CEILING, FindingStatus.MISMATCH),
    Fact.CEILING_BINDS: (FindingKind.COST_WITHIN_APPROPRIATION, FindingStatus.WARNING),
    Fact.WITHIN_REMAINDER: (FindingKind.COST_WITHIN_REMAINDER, FindingStatus.WARNING),
}


def _finding(kind: FindingKind, status: FindingStatus, result: FactResult) -> PlanFinding:
    indicator = result.indicator
    stated, computed = result.stated, result.computed
    if result.unit == "元":  # money: shown in the indicator's own unit
        stated, computed = _in_unit(stated, indicator.unit), _in_unit(computed, indicator.unit)
    return PlanFinding(
        kind=kind,
        status=status,
        project=result.project.key,
        indicator=indicator.name,
        target_text=indicator.target_text,
        target=_plain(stated),
        figure=_plain(computed),
        difference=_plain(computed - stated),
        unit=indicator.unit,
        comparator=indicator.comparator,
        component=result.subject,
        other_project=None if result.other_project is None else result.other_project.key,
        other_indicator=None if result.other is None else result.other.name,
    )


def _mapped(result: FactResult, kind: FindingKind, failed: FindingStatus) -> PlanFinding:
    return _finding(kind, FindingStatus.OK if result.holds else failed, result)


def _cost_findings(facts: list[FactResult]) -> list[PlanFinding]:
    """One indicator's cost facts as findings.

    The project's ceiling against its total; a ceiling above the appropriation; else a part's
    ceiling against the unitemised remainder, or against the appropriation.
    """
    by_fact = {result.fact: result for result in facts}
    shown = [by_fact[fact] for fact in (Fact.WITHIN_CEILING,) if fact in by_fact]
    binds = by_fact.get(Fact.CEILING_BINDS)
    if binds is not None and binds.contradicts:
        shown.append(binds)
    elif Fact.WITHIN_REMAINDER in by_fact:
        shown.append(by_fact[Fact.WITHIN_REMAINDER])
    elif binds is not None and not shown:
        shown.append(binds)
    return [_mapped(result, *_COST_KINDS[result.fact]) for result in shown]


def _indicator_findings(
    budget: Budget,
    project: Project,
    indicator: Indicator,
    facts: tuple[list[FactResult], list[FactResult]],
) -> list[PlanFinding]:
    """The indicator's headcount, cost and insured-count findings, in that order."""
    ceilings, insured = facts
    found = []
    headcount = headcount_fact(budget, project, indicator)
    if headcount is not None:
        found.append(_mapped(headcount, FindingKind.HEADCOUNT, FindingStatus.MISMATCH))
    found += _cost_findings([result for result in ceilings if result.indicator is indicator])
    return found + [
        _mapped(result, FindingKind.INSURED, FindingStatus.MISMATCH)
        for result in insured
        if result.project is project and result.indicator is indicator
    ]


def plan_check(budget: Budget) -> tuple[PlanFinding, ...]:
    """Every indicator tied to a figure of the fund model, compared with it, in table order.

    Each finding carries both numbers and their difference; nothing is corrected. The facts
    are decided by :mod:`pension_subsidy.disclosure.checks.facts`, as for the audit.
    """
    insured = insured_facts(budget)
    return tuple(
        finding
        for project in budget.projects
        for indicator in project.indicators
        for finding in _indicator_findings(
            budget, project, indicator, (ceiling_facts(project), insured)
        )
    )
