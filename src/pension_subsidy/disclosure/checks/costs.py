"""Cost (成本) ceilings: above the appropriation, below what they cap, beyond the headroom.

Whether a ceiling binds and whether what it caps keeps to it are decided in
:mod:`~pension_subsidy.disclosure.checks.facts`, as for the plan check; this module words the
contradictions as audit findings.
"""

from __future__ import annotations

from pension_subsidy.disclosure.checks.facts import (
    Fact,
    FactResult,
    ceiling_binds,
    ceiling_facts,
    within_ceiling_fact,
)
from pension_subsidy.disclosure.checks.finding import (
    Finding,
    Location,
    Severity,
    indicator_text,
    line_name,
    projects_of,
    unit_en,
    wan,
    where,
)
from pension_subsidy.disclosure.checks.indicators import cost_ceilings, whole_ceiling
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.prose import keywords
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.money import Yuan

__all__ = ["ceiling_binds", "check_ceilings_vs_headroom", "check_cost_ceilings"]


def _above(location: Location, indicator: Indicator, project: Project, ceiling: Yuan) -> Finding:
    appropriation = wan(project.appropriation)
    return Finding(
        code="cost.ceiling_above_appropriation",
        severity=Severity.WARNING,
        location=location,
        message_zh=(
            f"成本指标“{line_name(indicator)}”的上限{indicator.target}{indicator.unit}"
            f"高于项目金额{appropriation}万元，无法约束支出"
        ),
        message_en=(
            f"the cost ceiling {line_name(indicator)!r} of {indicator.target} "
            f"{unit_en(indicator.unit)} is above the {appropriation} wan yuan project: "
            "it cannot bind"
        ),
        values={"ceiling_yuan": str(ceiling), "appropriation_yuan": str(project.appropriation)},
    )


def _below(
    location: Location, indicator: Indicator, ceiling: Yuan, amount: Yuan, names: tuple[str, str]
) -> Finding:
    name_zh, name_en = names
    return Finding(
        code="cost.ceiling_below_amount",
        severity=Severity.ERROR,
        location=location,
        message_zh=(
            f"成本指标“{line_name(indicator)}”的上限{wan(ceiling)}万元低于{name_zh}{wan(amount)}万元"
        ),
        message_en=(
            f"the cost ceiling {line_name(indicator)!r} of {wan(ceiling)} wan yuan is below "
            f"{name_en}, {wan(amount)} wan yuan"
        ),
        values={"ceiling_yuan": str(ceiling), "amount_yuan": str(amount)},
    )


def _component_facts(project: Project, indicator: Indicator, ceiling: Yuan) -> list[FactResult]:
    """A ceiling against each component its name names (宣传 → a publicity component)."""
    words = keywords()["components"]
    return [
        within_ceiling_fact(project, indicator, ceiling, component.amount, component.key)
        for component in project.components
        if any(word in indicator.name for word in words.get(component.key, []))
    ]


def _capped_name(project: Project, result: FactResult) -> tuple[str, str]:
    if result.subject is None:
        return "各项构成合计", "the components' total"
    component = project.component(result.subject)
    return component.name_zh, component.name_en


def _ceiling_findings(
    location: Location, project: Project, facts: list[FactResult]
) -> list[Finding]:
    """One indicator's contradicted ceiling facts: above the appropriation, below what it caps."""
    findings = []
    for result in facts:
        if result.fact is Fact.CEILING_BINDS and result.contradicts:
            findings.append(_above(location, result.indicator, project, Yuan(result.stated)))
    for result in facts:
        if result.fact is Fact.WITHIN_CEILING and result.contradicts:
            names = _capped_name(project, result)
            amount = Yuan(result.computed)
            ceiling = Yuan(result.stated)
            findings.append(_below(location, result.indicator, ceiling, amount, names))
    return findings


def check_cost_ceilings(disclosure: Disclosure) -> list[Finding]:
    """Cost ceilings above the appropriation, or below the components they cap."""
    findings = []
    for unit, project in projects_of(disclosure):
        facts = ceiling_facts(project)
        for indicator, ceiling in cost_ceilings(project):
            location = where(disclosure, unit, project, indicator=indicator_text(indicator))
            mine = [result for result in facts if result.indicator is indicator]
            mine += _component_facts(project, indicator, ceiling)
            findings += _ceiling_findings(location, project, mine)
    return findings


def check_ceilings_vs_headroom(disclosure: Disclosure) -> list[Finding]:
    """Ceilings of parts inside an itemised fund must fit its unallocated headroom together."""
    findings = []
    for unit, project in projects_of(disclosure):
        if not project.itemised:
            continue
        whole = whole_ceiling(project)
        parts = [(i, a) for i, a in cost_ceilings(project) if whole is None or i is not whole[0]]
        total = sum((amount for _, amount in parts), Yuan(0))
        headroom = project.appropriation - project.total
        if not parts or total <= headroom:
            continue
        names = "、".join(f"“{line_name(indicator)}”" for indicator, _ in parts)
        findings.append(
            Finding(
                code="cost.ceilings_exceed_headroom",
                severity=Severity.WARNING,
                location=where(disclosure, unit, project),
                message_zh=(
                    f"成本指标{names}合计{wan(total)}万元，超过项目扣除各项构成后的"
                    f"余额{wan(headroom)}万元"
                ),
                message_en=(
                    f"the cost ceilings {names} add up to {wan(total)} wan yuan, more than "
                    f"the {wan(headroom)} wan yuan left after the components"
                ),
                values={"ceilings_yuan": str(total), "headroom_yuan": str(headroom)},
            )
        )
    return findings
