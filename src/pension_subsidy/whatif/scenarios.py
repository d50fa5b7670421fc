"""What-if scenarios (情景测算): override headcounts, standards and appropriations; compare.

An override is written ``KEY.FIELD=VALUE``: KEY a component (``severe_disability_proxy``) or
a project (``county_supporting_fund``, for its ``appropriation``); VALUE absolute (``60``,
``60元``, ``175万元``) or relative (``+3%``, ``-10%``, ``+500``). Several overrides apply in
order, each to the result of the one before.

The work is done in three modules, one job each: :mod:`~pension_subsidy.whatif.overrides`
(what an override names and changes, parsed from its text), :mod:`~pension_subsidy.whatif.apply`
(a budget with overrides applied) and :mod:`~pension_subsidy.whatif.comparison` (a scenario
against its baseline). This module gathers their names, where they have always been.

>>> from pension_subsidy import load_dataset
>>> baseline = load_dataset()
>>> scenario = apply_overrides(baseline, [Override.parse("severe_disability_proxy.per_capita=60")])
>>> scenario.project("county_supporting_fund").total
Yuan('1689500.00')
>>> for change in compare(baseline, scenario):
...     print(change)
county_supporting_fund: 1,690,000.00 元 → 1,689,500.00 元 (-500.00 元, -0.03%),
within → within
county_supporting_fund/severe_disability_proxy: 62,000.00 元 → 61,500.00 元
(-500.00 元, -0.81%)

A component given as a disclosed amount keeps its exact per-capita figure when only its
headcount changes; whole persons are rounded half up (四舍五入) from the exact result:

>>> grown = apply_overrides(baseline, [Override.parse("contribution_subsidy.headcount=+2%")])
>>> subsidy = grown.project("county_supporting_fund").component("contribution_subsidy")
>>> subsidy.headcount, subsidy.amount
(72526, Yuan('1413718.44'))
"""

from __future__ import annotations

from pension_subsidy.whatif.apply import apply_override, apply_overrides
from pension_subsidy.whatif.comparison import (
    ComponentChange,
    ProjectChange,
    ScenarioComparison,
    compare,
    compare_scenario,
    scenario_data,
)
from pension_subsidy.whatif.overrides import (
    COUNT_FIELDS,
    Change,
    Override,
    Target,
    fields_of,
    resolve,
)

__all__ = [
    "COUNT_FIELDS",
    "Change",
    "ComponentChange",
    "Override",
    "ProjectChange",
    "ScenarioComparison",
    "Target",
    "apply_override",
    "apply_overrides",
    "compare",
    "compare_scenario",
    "fields_of",
    "resolve",
    "scenario_data",
]
