"""Hypothesis strategies for the library's values, in one place."""

from __future__ import annotations

from decimal import Decimal

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
