"""Hypothesis strategies for the library's values, in one place."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from pension_subsidy import (
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    VillageCadreSubsidy,
    Yuan,
)

#: Whole 分 amounts up to 100 million 元, as Decimal.
fen_decimals = st.integers(min_value=0, max_value=10_000_000_000).map(
    lambda fen: Decimal(fen).scaleb(-2)
)
#: Signed amounts, for headrooms and differences.
signed_fen_decimals = st.integers(min_value=-10_000_000_000, max_value=10_000_000_000).map(
    lambda fen: Decimal(fen).scaleb(-2)
)
amounts = fen_decimals.map(Yuan)
signed_amounts = signed_fen_decimals.map(Yuan)
#: Per-capita standards up to 5,000 元.
per_capitas = st.integers(min_value=0, max_value=500_000).map(
    lambda fen: Yuan(Decimal(fen).scaleb(-2))
)
headcounts = st.integers(min_value=0, max_value=200_000)

_PER_PERSON = (
    ContributionSubsidy,
    SevereDisabilityProxy,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    VillageCadreSubsidy,
    LandLossPension,
)


@st.composite
def components(draw: st.DrawFn, kind: type | None = None) -> Component:
    """Any component, as a standard or as a disclosed amount."""
    cls = kind or draw(st.sampled_from((*_PER_PERSON, CoordinatorAllowance)))
    if cls is CoordinatorAllowance:
        return CoordinatorAllowance(
            villages=draw(st.integers(0, 500)),
            per_village=draw(st.integers(1, 3)),
            per_coordinator=draw(per_capitas),
        )
    headcount = draw(headcounts)
    if draw(st.booleans()):
        return cls(headcount=headcount, per_capita_standard=draw(per_capitas))
    return cls(headcount=headcount, disclosed_amount=draw(amounts))


@st.composite
def component_sets(draw: st.DrawFn) -> tuple[Component, ...]:
    """Components of distinct kinds, as a project holds them."""
    kinds = draw(st.lists(st.sampled_from((*_PER_PERSON, CoordinatorAllowance)), unique=True))
    return tuple(draw(components(kind)) for kind in kinds)


# -- scenarios, solving and forecasts (issue 5) ------------------------------------------------
from pension_subsidy import Budget, Project, Unit  # noqa: E402 — appended section, kept separate

#: Components paid per person (the kinds a per-capita standard or headcount can be solved for).
per_person_kinds = st.sampled_from(_PER_PERSON)


@st.composite
def fund_budgets(draw: st.DrawFn, *, min_components: int = 1) -> Budget:
    """A one-unit budget whose project ``fund`` holds distinct components and an appropriation."""
    items = draw(component_sets())
    if len(items) < min_components:
        items = (draw(components(ContributionSubsidy)),)
    project = Project(
        key="fund",
        name_zh="配套资金",
        name_en="Fund",
        appropriation=draw(amounts),
        components=items,
    )
    unit = Unit(code="1", name_zh="单位", projects=[project])
    return Budget(key="test", year=draw(st.integers(2015, 2030)), title_zh="测试", units=[unit])


@st.composite
def solvable_budgets(draw: st.DrawFn) -> tuple[Budget, str]:
    """A fund with a per-person component of positive headcount and room left for it."""
    target = draw(components(draw(per_person_kinds)))
    others = tuple(c for c in draw(component_sets()) if c.key != target.key)
    headcount = draw(st.integers(1, 200_000))
    target = attrs.evolve(
        target,
        headcount=headcount,
        disclosed_headcount=None if target.disclosed_amount is None else headcount,
    )
    other_total = sum((c.amount for c in others), Yuan(0))
    room = draw(amounts)
    project = Project(
        key="fund",
        name_zh="配套资金",
        name_en="Fund",
        appropriation=other_total + room,
        components=(*others, target),
    )
    unit = Unit(code="1", name_zh="单位", projects=[project])
    return Budget(key="test", year=2022, title_zh="测试", units=[unit]), target.key


# -- performance evaluation (绩效自评) ---------------------------------------------------------
# imported here, not at the top, so that each helper's strategies stay in one block (merges)
from pension_subsidy import Comparator, Indicator, Level2  # noqa: E402

#: Non-negative decimals with up to two places, up to 200,000 (persons, %, 万元).
indicator_numbers = st.integers(min_value=0, max_value=20_000_000).map(
    lambda hundredths: Decimal(hundredths).scaleb(-2)
)
positive_indicator_numbers = st.integers(min_value=1, max_value=20_000_000).map(
    lambda hundredths: Decimal(hundredths).scaleb(-2)
)
#: Weights as exact fractions from 0 to 50.
weights = st.fractions(min_value=0, max_value=50, max_denominator=60)


@st.composite
def quantitative_indicators(draw: st.DrawFn) -> Indicator:
    """A level-3 indicator with a numeric target, any comparator (or none)."""
    level2 = draw(st.sampled_from(list(Level2)))
    return Indicator(
        level1=level2.level1,
        level2=level2,
        name="指标",
        comparator=draw(st.none() | st.sampled_from(list(Comparator))),
        target=draw(indicator_numbers),
        unit=draw(st.sampled_from(["人", "次", "%", "天", "万元"])),
    )


# -- roster rows (issue 6) -----------------------------------------------------------------
_TOWNSHIP_NAMES = ("东川镇", "西滩乡", "北山乡")
_DATE_TEXTS = ("1950-01-01", "1962-12-31", "1975-06-15", "1990-02-28", "2000-02-29")


@st.composite
def roster_rows(draw: st.DrawFn, person_id: str) -> list[str]:
    """One valid roster row (default column order) for ``person_id``."""
    township = draw(st.sampled_from(_TOWNSHIP_NAMES))
    paying = draw(st.booleans())
    return [
        person_id,
        township,
        f"{township}{draw(st.sampled_from('甲乙丙'))}村",
        draw(st.sampled_from(_DATE_TEXTS)),
        "1" if paying else "0",
        draw(st.sampled_from(("100", "150", "200", "500", "2000"))) if paying else "",
        draw(st.sampled_from(("", "", "", "severe", "mild", "重度", "轻度"))),
        draw(st.sampled_from(("0", "0", "1", "是", "否"))),
        draw(st.sampled_from(("0", "0", "1"))),
        draw(st.sampled_from(("0", "0", "1"))),
        draw(st.sampled_from(("0", "1"))),
    ]


@st.composite
def rosters(draw: st.DrawFn, max_size: int = 60) -> list[list[str]]:
    """A roster of valid rows with unique person ids."""
    size = draw(st.integers(min_value=0, max_value=max_size))
    return [draw(roster_rows(f"P{number:05d}")) for number in range(size)]


@st.composite
def corrupted_values(draw: st.DrawFn) -> tuple[int, str]:
    """A (column index, bad value) pair that makes a roster row be rejected."""
    return draw(
        st.sampled_from(
            (
                (0, ""),
                (1, ""),
                (3, "1960-13-01"),
                (3, "yesterday"),
                (4, "2"),
                (4, "-1"),
                (6, "blind"),
                (7, "x"),
                (10, ""),
            )
        )
    )
