"""What an indicator states, recognised once for every check: the audit's and the plan check's.

The words come from one file, ``disclosure/keywords.toml``: which indicators state a count
(``[quantities]``), which restate a component's headcount (``[restated_headcounts]``).

>>> from pension_subsidy.disclosure import load_bundled_disclosure
>>> budget = load_bundled_disclosure().budget
>>> [(i.name, str(amount)) for i, amount in cost_ceilings(budget.project("work_funds"))]
[('单位工作运转成本', '138000.00'), ('社保政策宣传成本', '60000.00')]
>>> [(i.name, stated_quantity(i), restated_component(i))
...  for i in budget.project("coordinator_allowance").indicators if stated_quantity(i)]
[('村级协办员人数', 'coordinators', 'coordinator_allowance'), ('养老保险参保人数', 'insured', None)]
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal

from pension_subsidy.disclosure.prose import keywords
from pension_subsidy.exceptions import InvalidAmountError
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Comparator, Indicator, Level2
from pension_subsidy.money import Yuan

__all__ = [
    "COUNT_UNITS",
    "cost_ceiling",
    "cost_ceilings",
    "holds",
    "money_target",
    "restated_component",
    "stated_quantity",
    "whole_ceiling",
    "whole_count",
]

#: Units of things counted whole: persons, households, items, villages, times.
COUNT_UNITS = frozenset({"人", "户", "个", "项", "村", "次"})

#: Units a stated quantity (参保人数 96410人, 行政村数 109个) may carry; none is a bare count.
_QUANTITY_UNITS = ("人", "个", "村", "户", "")


def money_target(indicator: Indicator) -> Yuan | None:
    """A cost indicator's target in 元 (None unless it is an amount in 万元 or 元).

    A target finer than 分 or beyond 10^15 元 is None too: the outline checks report it.
    """
    target = indicator.target
    if not isinstance(target, Decimal) or indicator.unit not in ("万元", "元"):
        return None
    try:
        return Yuan.from_wan(target) if indicator.unit == "万元" else Yuan(target)
    except InvalidAmountError:
        return None


def whole_count(target: Decimal | str) -> int | None:
    """A numeric target as a whole count (None for a word or a fraction such as 1.5)."""
    if not isinstance(target, Decimal) or target != target.to_integral_value():
        return None
    return int(target)


def holds(comparator: Comparator, figure: Decimal, target: Decimal) -> bool:
    """Whether ``figure`` meets a target of ``comparator`` ``target`` (96410 ≥ 91700)."""
    if comparator is Comparator.GE:
        return figure >= target
    if comparator is Comparator.GT:
        return figure > target
    if comparator is Comparator.LE:
        return figure <= target
    if comparator is Comparator.LT:
        return figure < target
    return figure == target


def cost_ceiling(indicator: Indicator) -> Yuan | None:
    """The cap in 元 of a cost indicator that caps an amount (≤, <, or a bare cost target).

    None for any other indicator, and for a word (健全) or an amount finer than 分, which the
    outline checks report.
    """
    capping = indicator.effective_comparator in (Comparator.LE, Comparator.LT)
    if indicator.level2 is not Level2.COST or not capping:
        return None
    return money_target(indicator)


def cost_ceilings(project: Project) -> list[tuple[Indicator, Yuan]]:
    """The project's cost ceilings (:func:`cost_ceiling`) in table order."""
    found = ((indicator, cost_ceiling(indicator)) for indicator in project.indicators)
    return [(indicator, amount) for indicator, amount in found if amount is not None]


def whole_ceiling(project: Project) -> tuple[Indicator, Yuan] | None:
    """The ceiling that caps the whole project: the largest, if at least half its amount.

    Tables state the project's own ceiling (县级财政补贴 ≤ 175万元) beside ceilings of parts
    (宣传成本 ≤ 6万元); only the first can be compared with the project's components.
    """
    ceilings = cost_ceilings(project)
    if not ceilings:
        return None
    indicator, amount = max(ceilings, key=lambda item: item[1])
    if amount.value * 2 < project.appropriation.value:
        return None
    return indicator, amount


def stated_quantity(indicator: Indicator) -> str | None:
    """Which count an indicator states (``insured``, ``payers``, ``villages``, …), if any.

    An indicator counts when its name contains one of the quantity's ``indicator_words``.
    """
    if indicator.is_qualitative or indicator.unit not in _QUANTITY_UNITS:
        return None
    for kind, spec in keywords()["quantities"].items():
        if any(word in indicator.name for word in spec["indicator_words"]):
            return str(kind)
    return None


@functools.cache
def _restated() -> Mapping[str, str]:
    return {str(name): str(key) for name, key in keywords()["restated_headcounts"].items()}


def restated_component(indicator: Indicator) -> str | None:
    """The component whose headcount the indicator restates (村级协办员人数 → coordinators)."""
    return _restated().get(indicator.name)
