"""Audit a disclosure table for contradictions (审核): one small check per kind of problem.

The checks live in :mod:`pension_subsidy.disclosure.checks`, one module per family; this
module runs them in order.

Each check takes a :class:`~pension_subsidy.disclosure.Disclosure` and returns
:class:`Finding` objects: a code, a severity (error / warning / info), a location (unit,
project, indicator or goal text), a message in Chinese and in English, and the numbers
involved. An honest, consistent table gets no warnings or errors.

>>> from pension_subsidy.disclosure import load_bundled_disclosure
>>> findings = audit(load_bundled_disclosure())
>>> for finding in findings:
...     print(finding.severity.value, finding.code)
warning project.unitemised_remainder
error quantity.mismatch
warning cost.ceiling_above_appropriation
warning rate.at_least_100
warning rate.inconsistent
info component.per_capita_implausible
warning outline.numbering
"""

from __future__ import annotations

from collections.abc import Callable

from pension_subsidy.disclosure.checks.amounts import (
    PER_CAPITA_STEP,
    check_components_vs_appropriation,
    check_counts_times_standards,
    check_per_capita,
    check_unit_totals,
    per_capita_interval,
)
from pension_subsidy.disclosure.checks.costs import (
    check_ceilings_vs_headroom,
    check_cost_ceilings,
)
from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity, findings_data
from pension_subsidy.disclosure.checks.outline import (
    check_heading_numbering,
    check_indicator_targets,
    check_prose_notes,
)
from pension_subsidy.disclosure.checks.quantities import check_stated_quantities
from pension_subsidy.disclosure.checks.rates import check_rate_targets, check_unit_wide_rates
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.model.budget import Budget

__all__ = [
    "CHECKS",
    "PER_CAPITA_STEP",
    "Finding",
    "Location",
    "Severity",
    "audit",
    "check_ceilings_vs_headroom",
    "check_components_vs_appropriation",
    "check_cost_ceilings",
    "check_counts_times_standards",
    "check_heading_numbering",
    "check_indicator_targets",
    "check_per_capita",
    "check_prose_notes",
    "check_rate_targets",
    "check_stated_quantities",
    "check_unit_totals",
    "check_unit_wide_rates",
    "findings_data",
    "per_capita_interval",
]

#: Every check, in the order the audit runs them.
CHECKS: tuple[Callable[[Disclosure], list[Finding]], ...] = (
    check_unit_totals,
    check_components_vs_appropriation,
    check_counts_times_standards,
    check_stated_quantities,
    check_cost_ceilings,
    check_ceilings_vs_headroom,
    check_rate_targets,
    check_unit_wide_rates,
    check_per_capita,
    check_heading_numbering,
    check_indicator_targets,
    check_prose_notes,
)


def audit(source: Disclosure | Budget) -> tuple[Finding, ...]:
    """Run every check on a disclosure (or a bare budget, which has no prose or headings)."""
    disclosure = source if isinstance(source, Disclosure) else Disclosure(budget=source)
    return tuple(finding for check in CHECKS for finding in check(disclosure))
