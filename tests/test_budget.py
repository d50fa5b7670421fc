"""Projects, units and their checks against appropriations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    Budget,
    Component,
    InvalidAmountError,
    Project,
    SevereDisabilityProxy,
    Status,
    Unit,
    UnknownKeyError,
    VillageCadreSubsidy,
    Yuan,
    load_dataset,
)
from tests.strategies import amounts, component_sets


def _project(appropriation: str, *components: Component) -> Project:
    return Project(
        key="fund", name_zh="配套资金", name_en="Fund", appropriation=Yuan(appropriation),
        components=components,
    )  # fmt: skip


class TestSeedChecks:
    def test_county_fund(self) -> None:
        """169.0 万元 of components in the 175 万元 fund: 6.0 万元 headroom, within."""
        check = load_dataset().project("county_supporting_fund").check()
        assert check.total == Yuan("1690000")
        assert check.appropriation == Yuan("1750000")
        assert check.headroom == Yuan("60000")
        assert check.utilisation == Decimal("96.57")
        assert check.status is Status.WITHIN
        assert check.overrun is None
        assert check.drivers == ()
        shares = {share.key: share.share for share in check.shares}
        assert shares["contribution_subsidy"] == Decimal("82.01")
        assert shares["poverty_household_proxy"] == Decimal("8.22")

    def test_coordinator_allowance(self) -> None:
        """109 × 600 = 65,400 元 against 6.54 万元: zero headroom, exactly at."""
        check = load_dataset().project("coordinator_allowance").check()
        assert check.total == Yuan("65400")
        assert check.headroom == Yuan(0)
        assert check.status is Status.AT
        assert check.utilisation == Decimal("100.00")

    def test_work_funds_total_their_appropriation(self) -> None:
        """A project with no itemised components totals its appropriation."""
        project = load_dataset().project("work_funds")
        assert not project.itemised
        assert project.total == Yuan("85000")

    def test_department_total(self) -> None:
        """8.50 + 6.54 + 175.00 = 190.04 万元, as the unit rows state."""
        budget = load_dataset()
        assert budget.unit.code == "501003"
        assert budget.unit.total == Yuan.from_wan("190.04")
        assert budget.unit.stated_total == Yuan.from_wan("190.04")
        assert [unit.code for unit in budget.units] == ["501", "501003"]
        assert budget.units[1].parent == "501"

    def test_lookup_by_chinese_name(self) -> None:
        """A project can be found by its name as written in the table."""
        budget = load_dataset()
        assert budget.project("乡镇养老保险协办员工作补贴").key == "coordinator_allowance"
        assert budget.unit.project("work_funds").appropriation == Yuan("85000")


class TestOver:
    def test_over_names_overrun_and_drivers(self) -> None:
        """Over the appropriation: the overrun and the components that drive it."""
        project = _project(
            "1000",
            SevereDisabilityProxy.standard(headcount=10, per_capita="90"),  # 900
            VillageCadreSubsidy.standard(headcount=3, per_capita="100"),  # 300
        )
        check = project.check()
        assert check.status is Status.OVER
        assert check.headroom == Yuan("-200")
        assert check.overrun == Yuan("200")
        assert [share.key for share in check.drivers] == [
            "severe_disability_proxy",
            "village_cadre_subsidy",
        ]
        # 200 × 900/1200 = 150; 200 × 300/1200 = 50
        assert [share.attributed_overrun for share in check.drivers] == [Yuan(150), Yuan(50)]
        assert check.utilisation == Decimal("120.00")

    def test_ten_percent_more_payers_attribution_adds_up(self) -> None:
        """At +10 % payers the county fund's overrun is attributed to the 分 (78,592.20 元)."""
        fund = load_dataset().project("county_supporting_fund")
        grown = attrs.evolve(fund.component("contribution_subsidy"), headcount=78214)
        components = [grown if c.key == grown.key else c for c in fund.components]
        check = attrs.evolve(fund, components=components).check()
        assert check.overrun == Yuan("78592.20")
        assert sum((s.attributed_overrun or Yuan(0) for s in check.shares), Yuan(0)) == Yuan(
            "78592.20"
        )

    def test_zero_appropriation(self) -> None:
        """A zero appropriation has no utilisation figure."""
        check = _project("0").check()
        assert check.utilisation is None
        assert check.status is Status.AT


class TestValidation:
    def test_duplicate_component(self) -> None:
        """A component kind appears once in a project."""
        severe = SevereDisabilityProxy.standard(headcount=1, per_capita="1")
        with pytest.raises(InvalidAmountError, match="severe_disability_proxy twice"):
            _project("10", severe, severe)

    def test_negative_appropriation(self) -> None:
        """An appropriation is never negative."""
        with pytest.raises(InvalidAmountError, match="appropriation"):
            _project("-1")

    def test_unknown_keys(self) -> None:
        """Unknown project and component keys name what exists."""
        budget = load_dataset()
        with pytest.raises(UnknownKeyError, match="work_funds, coordinator_allowance"):
            budget.project("nope")
        with pytest.raises(UnknownKeyError, match="contribution_subsidy"):
            budget.project("county_supporting_fund").component("nope")
        with pytest.raises(UnknownKeyError, match="501003"):
            budget.unit.project("nope")

    def test_empty_budget(self) -> None:
        """A budget without units has no unit to report."""
        with pytest.raises(UnknownKeyError, match="no units"):
            _ = Budget(key="x", year=2022, title_zh="", units=()).unit

    def test_replace_project(self) -> None:
        """replace_project swaps one project and leaves the rest."""
        budget = load_dataset()
        cheaper = _project("1")
        with pytest.raises(UnknownKeyError):
            budget.replace_project(cheaper)
        fund = budget.project("work_funds")
        changed = budget.replace_project(Project(
            key=fund.key, name_zh=fund.name_zh, name_en=fund.name_en, appropriation=Yuan(1)
        ))  # fmt: skip
        assert changed.project("work_funds").appropriation == Yuan(1)
        assert changed.project("county_supporting_fund") == budget.project("county_supporting_fund")


class TestProperties:
    @given(component_sets(), amounts)
    def test_total_is_sum_and_headroom_closes(
        self, components: tuple[Component, ...], appropriation: Yuan
    ) -> None:
        """Total = Σ components and headroom + total = appropriation."""
        check = _project(str(appropriation), *components).check()
        if components:
            assert check.total == sum((c.amount for c in components), Yuan(0))
        assert check.headroom + check.total == appropriation
        assert (check.status is Status.OVER) == (check.total > appropriation)

    @given(component_sets(), amounts)
    def test_attributed_overrun_adds_up(
        self, components: tuple[Component, ...], appropriation: Yuan
    ) -> None:
        """The overrun attributed to components adds up to it exactly, each part within a 分
        of its exact proportional share."""
        check = _project(str(appropriation), *components).check()
        if check.overrun is None or check.total.is_zero():
            return
        attributed = sum((s.attributed_overrun or Yuan(0) for s in check.shares), Yuan(0))
        assert attributed == check.overrun
        for share in check.shares:
            assert share.attributed_overrun is not None
            exact = Fraction(check.overrun.value) * share.amount.ratio(check.total)
            assert abs(Fraction(share.attributed_overrun.value) - exact) < Fraction(1, 100)

    @given(st.lists(amounts, max_size=5))
    def test_unit_total(self, appropriations: list[Yuan]) -> None:
        """A unit's total is the sum of its projects' appropriations."""
        projects = [
            Project(key=f"p{i}", name_zh="项目", name_en="", appropriation=a)
            for i, a in enumerate(appropriations)
        ]
        unit = Unit(code="1", name_zh="单位", projects=projects)
        assert unit.total == sum(appropriations, Yuan(0))
