"""A derivation is a value that output/ renders: the words equal each component's own text."""

from __future__ import annotations

import glob
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    CoordinatorAllowance,
    GradeTier,
    LandLossPension,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    Yuan,
    derivation_text,
)
from pension_subsidy.exceptions import PensionSubsidyError
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.budget_data import component_data
from pension_subsidy.model.components import Component
from pension_subsidy.model.dataset import dataset_names, load_budget_file, load_dataset
from pension_subsidy.model.derivation import Derivation, Group, Label, Operand
from pension_subsidy.model.formula import AgeBand, KindComponent
from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.output.derivations import derivation_words
from tests.strategies import amounts, components, headcounts, per_capitas


def _components(budget: Budget) -> list[Component]:
    return [
        component
        for unit in budget.units
        for project in unit.projects
        for component in project.components
    ]


def _bundled_and_examples() -> list[Component]:
    found = [c for name in dataset_names() for c in _components(load_dataset(name))]
    for path in sorted(glob.glob("examples/*.toml")):
        try:
            found.extend(_components(load_budget_file(path)))
        except PensionSubsidyError:  # not a dataset (an actuals file)
            continue
    return found


def _same_words(component: Component) -> None:
    derivation = component.derivation_value()
    assert derivation_words(derivation, "zh_CN") == component.derivation_in("zh")
    assert derivation_words(derivation, "en") == component.derivation_in("en")
    assert derivation_words(derivation, "zh") == component.derivation
    json.dumps(derivation.data())  # JSON-ready


def test_every_bundled_and_example_component_is_said_as_before() -> None:
    found = _bundled_and_examples()
    assert len(found) >= 18
    formulas = {component.formula for component in found}
    assert {Formula.PER_PERSON_YEAR, Formula.PER_UNIT, Formula.BY_AGE_BAND} <= formulas
    for component in found:
        _same_words(component)


@given(components())
def test_generated_menyuan_components_are_said_as_before(component: Component) -> None:
    _same_words(component)


@given(components(), headcounts)
def test_a_rescaled_disclosed_amount_is_said_as_before(component: Component, new: int) -> None:
    try:
        changed = attrs.evolve(component, headcount=new)  # type: ignore[misc]
    except (PensionSubsidyError, TypeError):  # scaling from 0 persons; the coordinator
        return
    _same_words(changed)


@given(headcounts, per_capitas, st.integers(0, 24))
def test_land_loss_by_month(headcount: int, monthly: Yuan, months: int) -> None:
    _same_words(LandLossPension.monthly(headcount=headcount, monthly=monthly, months=months))


_grades = st.lists(
    st.builds(GradeTier, grade=per_capitas, payers=headcounts, subsidy=per_capitas),
    max_size=4,
    unique_by=lambda tier: tier.grade,
)


@given(_grades)
def test_tiered_subsidy(tiers: list[GradeTier]) -> None:
    _same_words(TieredContributionSubsidy(tiers=tiers))


@st.composite
def _bands(draw: st.DrawFn) -> list[AgeBand]:
    bands = []
    age = draw(st.integers(0, 70))
    for index in range(draw(st.integers(1, 3))):
        last = index == 2 or draw(st.booleans())
        high = None if last and draw(st.booleans()) else age + draw(st.integers(0, 9))
        band = AgeBand(
            from_age=age, headcount=draw(headcounts), monthly_yuan=draw(per_capitas), to_age=high
        )
        bands.append(band)
        if high is None or last:
            break
        age = high + 1
    return bands


_FIELDS: dict[Formula, Any] = {
    Formula.PER_PERSON_YEAR: st.fixed_dictionaries(
        {"headcount": headcounts, "per_capita_yuan": per_capitas}
    ),
    Formula.PER_PERSON_MONTH: st.fixed_dictionaries(
        {"headcount": headcounts, "monthly_yuan": per_capitas, "months": st.integers(0, 12)}
    ),
    Formula.PER_UNIT: st.fixed_dictionaries(
        {
            "units": st.integers(0, 500),
            "per_unit": st.integers(0, 5),
            "per_person_yuan": per_capitas,
        }
    ),
    Formula.BY_GRADE: st.fixed_dictionaries({"tiers": _grades}),
    Formula.SHARE_OF: st.fixed_dictionaries(
        {
            "headcount": headcounts,
            "base_yuan": per_capitas,
            "share": st.decimals(0, 200, places=3).map(str),
        }
    ),
    Formula.BY_AGE_BAND: st.fixed_dictionaries({"bands": _bands(), "months": st.integers(1, 12)}),
    Formula.PER_EVENT: st.fixed_dictionaries(
        {"events": st.integers(0, 5000), "grant_yuan": per_capitas}
    ),
}


@st.composite
def _kind_components(draw: st.DrawFn) -> KindComponent:
    formula = draw(st.sampled_from(list(Formula)))
    unit = draw(st.sampled_from(["人", "户", "人次"]))
    kind = ComponentKind(key="own_kind", name_zh="测", name_en="own", formula=formula)
    kind = attrs.evolve(kind, headcount_unit=unit)
    if draw(st.booleans()):
        return KindComponent(kind=kind, **draw(_FIELDS[formula]))
    stated = draw(headcounts)
    amount = draw(amounts) if stated else Yuan(0)
    now = draw(st.one_of(st.just(stated), headcounts)) if stated else 0
    return KindComponent(
        kind=kind, headcount=now, disclosed_amount=amount, disclosed_headcount=stated
    )


@given(_kind_components())
def test_generated_kind_components_are_said_as_before(component: KindComponent) -> None:
    _same_words(component)


def test_a_derivation_as_data() -> None:
    severe = SevereDisabilityProxy.disclosed(headcount=1025, amount=Yuan.from_wan("6.2"))
    assert severe.derivation_value().data() == {
        "operator": "÷",
        "operands": [
            {"value": "62000.00", "unit": "yuan"},
            {"value": 1025, "unit": "persons"},
        ],
        "result": {"value": "60.49", "unit": "yuan_per_person"},
        "basis": "disclosed",
    }
    rescaled = attrs.evolve(severe, headcount=2050).derivation_value()
    assert rescaled.basis == "disclosed_rescaled"
    assert rescaled.result == Operand(Yuan("124000.00"), "yuan")
    quotient = rescaled.operands[1]
    assert isinstance(quotient, Group)
    assert quotient.result == Operand(Yuan("60.49"), "yuan_per_person")
    assert derivation_words(rescaled, "en") == (
        "2050 persons × (62,000.00 yuan ÷ 1025 persons) = 124,000.00 yuan "
        " (at the disclosed per-capita ≈ 60.49 yuan, rounded once)"
    )


def test_coordinators_and_grades_as_values() -> None:
    coordinators = CoordinatorAllowance(villages=109).derivation_value()
    assert coordinators == Derivation(
        "×",
        (Operand(109, "villages"), Operand(1, "per_village"), Operand(Yuan(600), "yuan_each")),
        Operand(Yuan(65400), "yuan"),
    )
    tiered = TieredContributionSubsidy(tiers=[GradeTier(grade="100", payers=10, subsidy="30")])
    line = tiered.derivation_value().operands[0]
    assert isinstance(line, Group)
    assert line.label == Label("grade", Yuan(100))
    assert derivation_words(TieredContributionSubsidy(tiers=[]).derivation_value(), "zh") == (
        "无缴费档次：0.00 元"
    )


def test_a_share_and_an_own_unit_in_json() -> None:
    kind = bundled_kinds().get("disability_contribution_subsidy")
    share = KindComponent(kind=kind, headcount=420, base_yuan="100", share="12.50%")
    assert share.derivation_value().operands[2].data() == {"value": "12.5", "unit": "percent"}
    own = attrs.evolve(kind, headcount_unit="户")
    households = KindComponent(kind=own, headcount=3, disclosed_amount="90")
    assert households.derivation_value().data()["result"] == {
        "value": "30.00",
        "unit": "yuan_per_own",
        "own_unit": "户",
    }
    assert derivation_words(households.derivation_value(), "en") == (
        "90.00 yuan ÷ 3 户 = 30.00 yuan/户 (from the disclosed amount)"
    )


def test_an_operand_has_a_known_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        Operand(Decimal(1), "furlongs")


def test_the_report_json_gains_the_steps_beside_the_text() -> None:
    component = _components(load_dataset())[0]
    data = component_data(component)
    keys = list(data)
    assert keys.index("derivation_steps") > keys.index("derivation")
    assert data["derivation_steps"] == component.derivation_value().data()


def test_derivation_text_still_works_but_warns() -> None:
    with pytest.warns(DeprecationWarning, match="derivation_value"):
        said = derivation_text("1025 人 × 60.00 元 = 61,500.00 元", "en")
    assert said == "1025 persons × 60.00 yuan = 61,500.00 yuan"
