"""The same count (insured, payers, villages, coordinators) stated differently in a unit.

The audit reports what the document states: two different numbers for one count are a
finding even where both could hold (``≥91700人`` beside ``96410人``), because a reader cannot
tell which the unit meant (DOMAIN.md: "the insured target is 91,700 in the prose but 96,410
in the indicators"). Whether a plan's figure meets a target, comparator and all, is the plan
check's question (:func:`~pension_subsidy.disclosure.checks.facts.all_counts_agree`).
"""

from __future__ import annotations

import attrs

from pension_subsidy.disclosure.checks.finding import Finding, Severity, indicator_text, where
from pension_subsidy.disclosure.checks.indicators import stated_quantity, whole_count
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.prose import keywords
from pension_subsidy.model.budget import Project, Unit
from pension_subsidy.model.components import CoordinatorAllowance
from pension_subsidy.model.indicators import Comparator

__all__ = ["Statement", "check_stated_quantities", "unit_statements"]


@attrs.frozen
class Statement:
    """A count as one place of the table states it: the goal prose or an indicator."""

    kind: str
    value: int
    #: ``goal`` or ``indicator``
    source: str
    text: str
    project: Project
    #: the indicator's comparator (≥91700人); None for a bare number or the goal's prose
    comparator: Comparator | None = None


def _project_statements(disclosure: Disclosure, project: Project) -> list[Statement]:
    prose = disclosure.project_prose(project)
    found = [
        Statement(quantity.kind, quantity.value, "goal", quantity.clause, project)
        for quantity in prose.quantities
    ]
    clauses = {source.key: source.clause for source in prose.components}
    for component in project.components:
        if isinstance(component, CoordinatorAllowance):
            # quote the goal's own words; the derivation only if the prose has none
            clause = clauses.get(component.key, component.derivation)
            found.append(Statement("coordinators", component.headcount, "goal", clause, project))
    for indicator in project.indicators:
        kind = stated_quantity(indicator)
        count = whole_count(indicator.target)
        if kind is not None and count is not None:  # 1.5人: check_indicator_targets
            text = indicator_text(indicator)
            statement = Statement(kind, count, "indicator", text, project, indicator.comparator)
            found.append(statement)
    return found


def unit_statements(disclosure: Disclosure, unit: Unit) -> dict[str, list[Statement]]:
    """Every count the unit's prose and indicators state, by kind, in table order."""
    statements: dict[str, list[Statement]] = {}
    for project in unit.projects:
        for statement in _project_statements(disclosure, project):
            statements.setdefault(statement.kind, []).append(statement)
    return statements


def _mismatch(disclosure: Disclosure, unit: Unit, found: list[Statement]) -> Finding | None:
    values = sorted({statement.value for statement in found})
    if len(values) < 2:
        return None
    kind = found[0].kind
    spec = keywords()["quantities"][kind]
    listed_zh = "；".join(
        f"{'目标' if s.source == 'goal' else '指标'}“{s.text}”（{s.project.name_zh}）"
        for s in found
    )
    listed_en = "; ".join(f"{s.source} {s.text!r} ({s.project.key})" for s in found)
    shown = [f"{value:,}" for value in values]
    shown_zh = "、".join(shown[:-1]) + "与" + shown[-1]
    projects = {id(statement.project) for statement in found}
    return Finding(
        code="quantity.mismatch",
        severity=Severity.ERROR,
        location=where(disclosure, unit, found[0].project if len(projects) == 1 else None),
        message_zh=f"{spec['label_zh']}前后不一（{shown_zh}）：{listed_zh}",
        message_en=f"{spec['label_en']} stated differently ({' vs '.join(shown)}): {listed_en}",
        values={
            "quantity": kind,
            "values": values,
            "statements": [
                {"value": s.value, "source": s.source, "text": s.text, "project": s.project.key}
                for s in found
            ],
        },
    )


def check_stated_quantities(disclosure: Disclosure) -> list[Finding]:
    """The same count (insured, payers, villages, coordinators) stated differently in a unit.

    Compares what the goal prose states with what the indicators state, across the unit's
    projects: ``91700人参保`` in the prose against ``预计参保人数 96410人``.
    """
    findings = []
    for unit in disclosure.budget.units:
        for found in unit_statements(disclosure, unit).values():
            finding = _mismatch(disclosure, unit, found)
            if finding is not None:
                findings.append(finding)
    return findings
