"""Links between performance targets and the fund model: a plan checked against itself.

Before the year starts, a plan's indicators can be checked against its own computed figures:

* a cost (成本) ceiling in 元/万元 equal to the appropriation is the project's ceiling, and the
  project's computed total (Σ components) must keep to it (养老保险县级财政补贴 ≤ 175万元);
  any other money cost ceiling above the appropriation can never bind, and is reported;
* a quantity indicator that restates a component's headcount must agree with it
  (村级协办员人数 109人 = 109 村 × 1 人/村): a bare target must equal it, a target with a
  comparator must hold for it;
* indicators stating the number of insured persons (参保人数) in several projects must agree.

Which names restate which figure lives in ``data/evaluation/indicator-links.toml``.

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
>>> plan_check(load_dataset())[3].summary
'target ≥91700人, 预计参保人数 in county_supporting_fund 96410人, difference 4710人'
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from decimal import Decimal

import attrs

from pension_subsidy._toml import read_bundled_toml
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Comparator, Indicator, Level2
from pension_subsidy.money import WAN, Yuan

__all__ = ["FindingKind", "FindingStatus", "PlanFinding", "plan_check"]


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
    (a ceiling with room left has a negative difference).
    """

    kind: FindingKind
    status: FindingStatus
    project: str
    indicator: str
    target_text: str
    target: Decimal
    figure: Decimal
    figure_label: str
    difference: Decimal
    unit: str

    @property
    def summary(self) -> str:
        """The numbers in one line."""
        return (
            f"target {_comparator_text(self)}{self.target}{self.unit}, {self.figure_label} "
            f"{self.figure}{self.unit}, difference {self.difference}{self.unit}"
        )


def _comparator_text(finding: PlanFinding) -> str:
    return finding.target_text.split(str(finding.target))[0].strip()


@attrs.frozen
class _Links:
    headcount: Mapping[str, str]
    insured: tuple[str, ...]


@functools.cache
def _links() -> _Links:
    data = read_bundled_toml("evaluation", "indicator-links.toml")
    return _Links(headcount=dict(data["headcount"]), insured=tuple(data["insured"]["names"]))


def _plain(number: Decimal) -> Decimal:
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _holds(comparator: Comparator, figure: Decimal, target: Decimal) -> bool:
    return {
        Comparator.GE: figure >= target,
        Comparator.GT: figure > target,
        Comparator.EQ: figure == target,
        Comparator.LE: figure <= target,
        Comparator.LT: figure < target,
    }[comparator]


def _in_unit(amount: Yuan, unit: str) -> Decimal:
    return _plain(amount.value / WAN if unit == "万元" else amount.value)


def _cost_finding(project: Project, indicator: Indicator) -> PlanFinding | None:
    target = indicator.target
    if indicator.level2 is not Level2.COST or indicator.unit not in ("元", "万元"):
        return None
    if not isinstance(target, Decimal):
        # a word (健全) states no ceiling to compare; the audit reports the word in 万元
        return None
    comparator = indicator.effective_comparator
    if comparator not in (Comparator.LE, Comparator.LT):
        return None
    appropriation = _in_unit(project.appropriation, indicator.unit)
    if target == appropriation:
        figure = _in_unit(project.total, indicator.unit)
        kind, label = FindingKind.COST_CEILING, "project total"
        status = FindingStatus.OK if _holds(comparator, figure, target) else FindingStatus.MISMATCH
    else:
        figure = appropriation
        kind, label = FindingKind.COST_WITHIN_APPROPRIATION, "appropriation"
        status = FindingStatus.OK if target <= appropriation else FindingStatus.WARNING
    return PlanFinding(kind, status, project.key, indicator.name, indicator.target_text,
                       _plain(target), figure, label, _plain(figure - target),
                       indicator.unit)  # fmt: skip


def _headcount_finding(
    budget: Budget, project: Project, indicator: Indicator
) -> PlanFinding | None:
    key = _links().headcount.get(indicator.name)
    target = indicator.target
    if key is None or not isinstance(target, Decimal):  # a word restates no headcount
        return None
    owners = [p for p in (project, *budget.projects) if key in {c.key for c in p.components}]
    if not owners:
        return None
    figure = Decimal(owners[0].component(key).headcount)
    # a bare number restating a headcount must equal it (not "≥", as when scoring actuals)
    comparator = indicator.comparator or Comparator.EQ
    status = FindingStatus.OK if _holds(comparator, figure, target) else (
        FindingStatus.MISMATCH)  # fmt: skip
    return PlanFinding(FindingKind.HEADCOUNT, status, project.key, indicator.name,
                       indicator.target_text, _plain(target), figure,
                       f"component {key} headcount", _plain(figure - target),
                       indicator.unit)  # fmt: skip


def _insured_findings(budget: Budget) -> list[tuple[Project, PlanFinding]]:
    stated = [
        (project, indicator, indicator.target)
        for project in budget.projects
        for indicator in project.indicators
        if indicator.name in _links().insured and isinstance(indicator.target, Decimal)
    ]
    findings = []
    for index, (project, indicator, target) in enumerate(stated):
        for other_project, other, figure in stated[index + 1 :]:
            if other_project.key == project.key:
                continue
            agree = target == figure
            findings.append((project, PlanFinding(
                FindingKind.INSURED, FindingStatus.OK if agree else FindingStatus.MISMATCH,
                project.key, indicator.name, indicator.target_text, _plain(target),
                _plain(figure), f"{other.name} in {other_project.key}",
                _plain(figure - target), indicator.unit)))  # fmt: skip
    return findings


def plan_check(budget: Budget) -> tuple[PlanFinding, ...]:
    """Every indicator tied to a figure of the fund model, compared with it, in table order.

    Each finding carries both numbers and their difference; nothing is corrected.
    """
    insured = _insured_findings(budget)
    findings: list[PlanFinding] = []
    for project in budget.projects:
        for indicator in project.indicators:
            for finding in (
                _headcount_finding(budget, project, indicator),
                _cost_finding(project, indicator),
            ):
                if finding is not None:
                    findings.append(finding)
            findings += [
                finding
                for owner, finding in insured
                if owner.key == project.key and finding.indicator == indicator.name
            ]
    return tuple(findings)
