"""Each fact the audit and the plan check both report, decided once, as a neutral result.

A :class:`FactResult` names the fact, the indicator stating it, the stated value, the value
it is compared with, the comparator and whether the two agree; it holds no words. The audit
(:mod:`~pension_subsidy.disclosure.checks.costs`,
:mod:`~pension_subsidy.disclosure.checks.quantities`) and
:func:`~pension_subsidy.plan_check` each turn these results into their own findings, so the
same table cannot be judged two ways.

>>> from pension_subsidy.disclosure import load_bundled_disclosure
>>> budget = load_bundled_disclosure().budget
>>> fund = budget.project("county_supporting_fund")
>>> [(r.fact.value, r.indicator.name, str(r.stated), str(r.computed), r.holds)
...  for r in ceiling_facts(fund)]  # doctest: +NORMALIZE_WHITESPACE
[('within_ceiling', '养老保险县级财政补贴', '1750000.00', '1690000.00', True),
 ('ceiling_binds', '养老保险补贴政策宣传成本', '60000.00', '1750000.00', True),
 ('within_remainder', '养老保险补贴政策宣传成本', '60000.00', '60000.00', True)]
>>> counts_agree(Comparator.GE, Decimal(91700), None, Decimal(96410))
True
>>> counts_agree(None, Decimal(91700), None, Decimal(96410))
False
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal

import attrs

from pension_subsidy.disclosure.checks.indicators import (
    cost_ceiling,
    holds,
    restated_component,
    stated_quantity,
    whole_ceiling,
)
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.indicators import Comparator, Indicator
from pension_subsidy.money import Yuan

__all__ = [
    "Fact",
    "FactResult",
    "all_counts_agree",
    "ceiling_binds",
    "ceiling_facts",
    "counts_agree",
    "headcount_fact",
    "insured_facts",
    "is_project_ceiling",
    "within_ceiling_fact",
]


class Fact(enum.Enum):
    """Which fact a result decides."""

    #: a cost ceiling is at most the project's appropriation (else it cannot bind)
    CEILING_BINDS = "ceiling_binds"
    #: what a ceiling caps (the project's total, a component) keeps to the ceiling
    WITHIN_CEILING = "within_ceiling"
    #: a ceiling of a part of an itemised project fits what the components leave unallocated
    WITHIN_REMAINDER = "within_remainder"
    #: a quantity target restating a component's headcount holds for that headcount
    HEADCOUNT = "headcount"
    #: two statements of the same count can both be true of one number
    COUNTS_AGREE = "counts_agree"


@attrs.frozen
class FactResult:
    """One fact decided: ``stated`` (the indicator's) against ``computed``, and the verdict.

    Money is in 元 (``unit`` ``元``), counts in the indicator's unit. ``comparator`` is how
    ``stated`` binds ``computed``: for a ceiling, ``computed`` ≤ ``stated``; for a restated
    headcount, ``computed`` ``comparator`` ``stated``. ``subject`` is the component key of a
    component's amount or headcount; ``other`` and ``other_project`` the second statement of
    a count.
    """

    fact: Fact
    project: Project
    indicator: Indicator
    stated: Decimal
    computed: Decimal
    comparator: Comparator
    holds: bool
    unit: str
    subject: str | None = None
    other_project: Project | None = None
    other: Indicator | None = None

    @property
    def contradicts(self) -> bool:
        """Whether the stated and the computed value disagree."""
        return not self.holds

    @property
    def difference(self) -> Decimal:
        """``computed`` − ``stated``: negative while a ceiling has room left."""
        return self.computed - self.stated


def ceiling_binds(ceiling: Yuan, project: Project) -> bool:
    """Whether a cost ceiling can bind: one above the project's appropriation never does."""
    return ceiling <= project.appropriation


def _money(
    fact: Fact, project: Project, indicator: Indicator, amounts: tuple[Yuan, Yuan], ok: bool
) -> FactResult:
    ceiling, computed = amounts
    comparator = (
        Comparator.LE if fact is not Fact.WITHIN_CEILING else indicator.effective_comparator
    )
    return FactResult(
        fact=fact,
        project=project,
        indicator=indicator,
        stated=ceiling.value,
        computed=computed.value,
        comparator=comparator,
        holds=ok,
        unit="元",
    )


def within_ceiling_fact(
    project: Project, indicator: Indicator, ceiling: Yuan, amount: Yuan, subject: str | None = None
) -> FactResult:
    """Whether ``amount`` (the project's total, or a component's amount) keeps to a ceiling.

    The ceiling's own comparator decides: ``< 6万元`` is not kept by 6 万元.
    """
    ok = holds(indicator.effective_comparator, amount.value, ceiling.value)
    result = _money(Fact.WITHIN_CEILING, project, indicator, (ceiling, amount), ok)
    return attrs.evolve(result, subject=subject)


def is_project_ceiling(project: Project, indicator: Indicator, ceiling: Yuan) -> bool:
    """Whether a ceiling caps the whole project.

    It equals the appropriation (≤ 175万元), or it is the itemised project's
    :func:`~pension_subsidy.disclosure.checks.indicators.whole_ceiling` (the largest, at
    least half of it).
    """
    whole = whole_ceiling(project)
    is_whole = project.itemised and whole is not None and whole[0] is indicator
    return is_whole or ceiling == project.appropriation


def _ceiling_facts(project: Project, indicator: Indicator, ceiling: Yuan) -> list[FactResult]:
    # the project's own ceiling covers its total; every other ceiling binds (≤ the
    # appropriation); a part's ceiling in an itemised project fits the unallocated remainder
    found = []
    whole = is_project_ceiling(project, indicator, ceiling)
    if whole:
        found.append(within_ceiling_fact(project, indicator, ceiling, project.total))
    if ceiling != project.appropriation:
        binds = ceiling_binds(ceiling, project)
        amounts = (ceiling, project.appropriation)
        found.append(_money(Fact.CEILING_BINDS, project, indicator, amounts, binds))
    if project.itemised and not whole:
        remainder = project.appropriation - project.total
        fits = ceiling <= remainder
        amounts = (ceiling, remainder)
        found.append(_money(Fact.WITHIN_REMAINDER, project, indicator, amounts, fits))
    return found


def ceiling_facts(project: Project) -> list[FactResult]:
    """The facts of every cost ceiling of the project, in table order.

    The project's own ceiling (equal to its appropriation) must cover its total; any other
    must be at most the appropriation, and, in an itemised project, a ceiling of a part must
    fit what the components leave unallocated (6万元 of 175 after 169 itemised).
    """
    found = []
    for indicator in project.indicators:
        ceiling = cost_ceiling(indicator)
        if ceiling is not None:
            found += _ceiling_facts(project, indicator, ceiling)
    return found


def headcount_fact(budget: Budget, project: Project, indicator: Indicator) -> FactResult | None:
    """A quantity target restating a component's headcount (村级协办员人数 109人), checked.

    A bare number must equal the headcount (not "≥", as when scoring actuals); a target with
    a comparator must hold for it. None when the indicator restates no known component.
    """
    key = restated_component(indicator)
    target = indicator.target
    if key is None or not isinstance(target, Decimal):  # a word restates no headcount
        return None
    owners = [p for p in (project, *budget.projects) if key in {c.key for c in p.components}]
    if not owners:
        return None
    headcount = Decimal(owners[0].component(key).headcount)
    comparator = indicator.comparator or Comparator.EQ
    return FactResult(
        fact=Fact.HEADCOUNT,
        project=project,
        indicator=indicator,
        stated=target,
        computed=headcount,
        comparator=comparator,
        holds=holds(comparator, headcount, target),
        unit=indicator.unit,
        subject=key,
    )


def counts_agree(
    first_comparator: Comparator | None,
    first: Decimal,
    second_comparator: Comparator | None,
    second: Decimal,
) -> bool:
    """Whether one whole count can meet both statements (≥91700 and 96410 can).

    91700 and 96410 cannot: a bare number (comparator None) states the count exactly.
    """
    one = first_comparator or Comparator.EQ
    two = second_comparator or Comparator.EQ
    # where two intervals of whole numbers meet, they meet at or beside one of their ends
    candidates = {end + step for end in (first, second) for step in (-1, 0, 1)}
    return any(holds(one, value, first) and holds(two, value, second) for value in candidates)


def all_counts_agree(stated: Sequence[tuple[Comparator | None, Decimal]]) -> bool:
    """Whether one whole count meets every statement of it (each pair can: :func:`counts_agree`).

    On a line, intervals that meet pairwise meet together, so pairs suffice.

    >>> all_counts_agree([(Comparator.GE, Decimal(91700)), (None, Decimal(91700)),
    ...                   (None, Decimal(96410))])
    False
    """
    return all(
        counts_agree(*first, *second)
        for index, first in enumerate(stated)
        for second in stated[index + 1 :]
    )


def _insured(budget: Budget) -> list[tuple[Project, Indicator, Decimal]]:
    return [
        (project, indicator, indicator.target)
        for project in budget.projects
        for indicator in project.indicators
        if stated_quantity(indicator) == "insured" and isinstance(indicator.target, Decimal)
    ]


def insured_facts(budget: Budget) -> list[FactResult]:
    """Each indicator stating the insured count against each later one in another project."""
    stated = _insured(budget)
    return [
        FactResult(
            fact=Fact.COUNTS_AGREE,
            project=project,
            indicator=indicator,
            stated=target,
            computed=figure,
            comparator=indicator.comparator or Comparator.EQ,
            holds=counts_agree(indicator.comparator, target, other.comparator, figure),
            unit=indicator.unit,
            other_project=other_project,
            other=other,
        )
        for index, (project, indicator, target) in enumerate(stated)
        for other_project, other, figure in stated[index + 1 :]
        if other_project.key != project.key
    ]
