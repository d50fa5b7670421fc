"""Scenarios, solving, forecasts and sensitivity (issue 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given

from pension_subsidy import (
    Budget,
    Component,
    InvalidOverrideError,
    Override,
    Status,
    Unit,
    UnknownKeyError,
    UnsolvableError,
    Yuan,
    apply_overrides,
    compare,
    forecast,
    forward_estimate,
    load_dataset,
    report_data,
    scenario_data,
    sensitivity,
    solve,
)
from pension_subsidy.model.data import project_data
from pension_subsidy.whatif.forecast import Growth, parse_years
from pension_subsidy.whatif.scenarios import Change, Target
from tests.strategies import fund_budgets, solvable_budgets

FUND = "county_supporting_fund"


@pytest.fixture
def menyuan() -> Budget:
    return load_dataset()


def _fund_component(budget: Budget, key: str) -> Component:
    return budget.project(FUND).component(key)


class TestOverrideParsing:
    def test_absolute_with_unit(self) -> None:
        """``60元`` is an absolute value of 60 元."""
        override = Override.parse("severe_disability_proxy.per_capita=60元")
        assert ("set", Decimal(60)) == (override.change.kind, override.change.amount)

    def test_wan_is_converted_to_yuan(self) -> None:
        """``175万元`` is 1,750,000 元."""
        assert Decimal(1750000) == Change.parse("175万元").amount

    def test_relative_percent_and_delta(self) -> None:
        """``+3%`` is a percentage change, ``-500`` a difference."""
        assert ("percent", Decimal(3)) == (Change.parse("+3%").kind, Change.parse("+3%").amount)
        assert ("delta", Decimal(-500)) == (Change.parse("-500").kind, Change.parse("-500").amount)

    def test_unsigned_percent_is_refused(self) -> None:
        """A percentage without a sign is ambiguous and refused, naming the value."""
        with pytest.raises(InvalidOverrideError, match=r"\+60%"):
            Override.parse("severe_disability_proxy.per_capita=60%")

    def test_money_unit_on_a_count_is_refused(self) -> None:
        """A headcount given in 元 is an error naming the target."""
        with pytest.raises(InvalidOverrideError, match=r"contribution_subsidy\.headcount"):
            Override.parse("contribution_subsidy.headcount=60元")

    def test_commas_only_as_thousands_separators(self) -> None:
        """``1,750,000元`` reads; ``1,72,0000元`` is refused, not read as 1,720,000."""
        assert Decimal(1750000) == Change.parse("1,750,000元").amount
        with pytest.raises(InvalidOverrideError, match="1,72,0000"):
            Change.parse("1,72,0000元")

    def test_missing_equals(self) -> None:
        """An override without ``=`` says what was expected."""
        with pytest.raises(InvalidOverrideError, match=r"KEY\.FIELD=VALUE"):
            Override.parse("severe_disability_proxy.per_capita")


class TestScenario:
    def test_severe_disability_at_60(self, menyuan: Budget) -> None:
        """1,025 × 60 元 = 61,500 元, so the fund falls from 1,690,000 to 1,689,500 元."""
        scenario = apply_overrides(menyuan, ["severe_disability_proxy.per_capita=60"])
        assert Yuan(61500) == _fund_component(scenario, "severe_disability_proxy").amount
        assert Yuan("1689500") == scenario.project(FUND).total
        assert Yuan("1690000") == menyuan.project(FUND).total

    def test_changes_per_project_and_component(self, menyuan: Budget) -> None:
        """The comparison lists the project and the component, in 元 and %."""
        scenario = apply_overrides(menyuan, ["severe_disability_proxy.per_capita=60"])
        project, component = compare(menyuan, scenario)
        assert (Yuan(-500), Decimal("-0.03")) == (project.change, project.percent)
        assert (Yuan(-500), Decimal("-0.81")) == (component.change, component.percent)

    def test_disclosed_headcount_keeps_exact_per_capita(self, menyuan: Budget) -> None:
        """Doubling a disclosed headcount doubles the amount exactly (per-capita kept exact)."""
        scenario = apply_overrides(menyuan, ["severe_disability_proxy.headcount=2050"])
        assert Yuan(124000) == _fund_component(scenario, "severe_disability_proxy").amount

    def test_headcount_percent_rounds_half_up_to_whole_persons(self, menyuan: Budget) -> None:
        """+3 % of 71,104 payers is 73,237.12 → 73,237 persons."""
        scenario = apply_overrides(menyuan, ["contribution_subsidy.headcount=+3%"])
        assert _fund_component(scenario, "contribution_subsidy").headcount == 73237

    def test_relative_per_capita_on_disclosed_scales_amount(self, menyuan: Budget) -> None:
        """+10 % on a disclosed per-capita figure scales the disclosed amount: 62,000 → 68,200."""
        scenario = apply_overrides(menyuan, ["severe_disability_proxy.per_capita=+10%"])
        assert Yuan(68200) == _fund_component(scenario, "severe_disability_proxy").amount

    def test_overrides_compose_in_order(self, menyuan: Budget) -> None:
        """A standard set, then raised by 10 %: 1,025 × 66 元."""
        scenario = apply_overrides(
            menyuan,
            ["severe_disability_proxy.per_capita=60", "severe_disability_proxy.per_capita=+10%"],
        )
        assert Yuan(67650) == _fund_component(scenario, "severe_disability_proxy").amount

    def test_appropriation_change_moves_status(self, menyuan: Budget) -> None:
        """Cutting the fund to 160 万元 puts it over; the change shows within → over."""
        scenario = apply_overrides(menyuan, ["county_supporting_fund.appropriation=160万元"])
        (change,) = compare(menyuan, scenario)
        assert (
            change.baseline_status,
            change.scenario_status,
            change.status_changed,
        ) == (Status.WITHIN, Status.OVER, True)

    def test_land_loss_monthly_standard(self, menyuan: Budget) -> None:
        """30 persons × 120 元 × 12 months = 43,200 元; then 10 months = 36,000 元."""
        scenario = apply_overrides(
            menyuan, ["land_loss_pension.monthly=120", "land_loss_pension.months=10"]
        )
        assert Yuan(36000) == _fund_component(scenario, "land_loss_pension").amount

    def test_coordinator_villages(self, menyuan: Budget) -> None:
        """110 villages × 600 元 = 66,000 元: the coordinator project goes over."""
        scenario = apply_overrides(menyuan, ["coordinator_allowance.villages=110"])
        assert Status.OVER is scenario.project("coordinator_allowance").check().status

    def test_unknown_component_names_it_and_lists_known(self, menyuan: Budget) -> None:
        """An unknown component is an UnknownKeyError naming it and listing the known ones."""
        with pytest.raises(UnknownKeyError, match="no_such_thing") as info:
            apply_overrides(menyuan, ["no_such_thing.per_capita=1"])
        assert "severe_disability_proxy" in info.value.known

    def test_unknown_field_names_it_and_lists_known(self, menyuan: Budget) -> None:
        """An unknown field is an UnknownKeyError naming the field and the known fields."""
        with pytest.raises(UnknownKeyError, match="colour") as info:
            apply_overrides(menyuan, ["severe_disability_proxy.colour=1"])
        assert info.value.known == ("headcount", "per_capita", "amount")

    def test_negative_result_is_refused(self, menyuan: Budget) -> None:
        """A change that would make a headcount negative is an error, not a silent zero."""
        with pytest.raises(InvalidOverrideError, match="negative"):
            apply_overrides(menyuan, ["severe_disability_proxy.headcount=-2000"])

    def test_json_embeds_reports_unchanged(self, menyuan: Budget) -> None:
        """The JSON holds report_data of baseline and scenario, and the changes."""
        data = scenario_data(menyuan, ["severe_disability_proxy.per_capita=60"])
        assert report_data(menyuan) == data["baseline"]
        assert data["scenario"]["projects"][2]["total_yuan"] == "1689500.00"
        assert [change["level"] for change in data["changes"]] == ["project", "component"]

    @given(fund_budgets())
    def test_no_overrides_equals_baseline(self, budget: Budget) -> None:
        """A scenario without overrides is the baseline, with no changes."""
        scenario = apply_overrides(budget, [])
        assert (budget, ()) == (scenario, compare(budget, scenario))
        data = scenario_data(budget, [])
        assert data["baseline"] == data["scenario"]

    @given(fund_budgets())
    def test_zero_percent_changes_nothing(self, budget: Budget) -> None:
        """+0 % on every headcount and per-capita figure changes no amount."""
        overrides = [
            f"{component.key}.{field}=+0%"
            for component in budget.project("fund").components
            for field in ("headcount", "per_capita")
            if not hasattr(component, "villages")
        ]
        scenario = apply_overrides(budget, overrides)
        assert budget.project("fund").total == scenario.project("fund").total


class TestSolve:
    def test_poverty_household_standard_is_28_55(self, menyuan: Budget) -> None:
        """(1,750,000 − 1,551,000) ÷ 6,969 = 28.555… → 28.55 元; 28.56 would exceed."""
        solution = solve(menyuan, "poverty_household_proxy.per_capita")
        assert Yuan("28.55") == solution.value
        assert Yuan("1749964.95") == solution.total
        assert Yuan("1750034.64") == solution.next_total

    def test_largest_headcount(self, menyuan: Budget) -> None:
        """At the disclosed 19.49… 元 each, 74,182 payers fit and 74,183 do not."""
        solution = solve(menyuan, "contribution_subsidy.headcount")
        assert solution.value == 74182
        over = apply_overrides(menyuan, ["contribution_subsidy.headcount=74183"])
        assert Status.OVER is over.project(FUND).check().status

    def test_appropriation_needed(self, menyuan: Budget) -> None:
        """The appropriation a scenario needs is its total."""
        solution = solve(
            menyuan,
            "county_supporting_fund.appropriation",
            overrides=["contribution_subsidy.headcount=+10%"],
        )
        assert Yuan("1828592.20") == solution.value

    def test_nothing_fits(self, menyuan: Budget) -> None:
        """When the other components alone are over, solving says so."""
        with pytest.raises(UnsolvableError, match="other components"):
            solve(
                menyuan,
                "poverty_household_proxy.per_capita",
                overrides=["county_supporting_fund.appropriation=100万元"],
            )

    def test_tiered_per_capita_is_refused(self) -> None:
        """A subsidy by grade has no single standard to solve for."""
        estimate = forward_estimate(
            payers_by_grade={"100": 10}, as_of=date(2022, 1, 1), appropriation="1000"
        )
        unit = Unit(code="1", name_zh="u", projects=[estimate.project])
        budget = Budget(key="t", year=2022, title_zh="t", units=[unit])
        with pytest.raises(UnsolvableError, match="by grade"):
            solve(budget, "contribution_subsidy.per_capita")

    @given(solvable_budgets())
    def test_solved_per_capita_fits_and_one_fen_more_does_not(
        self, case: tuple[Budget, str]
    ) -> None:
        """Applying the answer lands within budget; one 分 more goes over."""
        budget, key = case
        solution = solve(budget, f"{key}.per_capita")
        assert isinstance(solution.value, Yuan)
        applied = apply_overrides(budget, [f"{key}.per_capita={solution.value.value}"])
        assert Status.OVER is not applied.project("fund").check().status
        more = apply_overrides(
            budget, [f"{key}.per_capita={(solution.value + Yuan('0.01')).value}"]
        )
        assert Status.OVER is more.project("fund").check().status

    @given(solvable_budgets())
    def test_solved_headcount_fits_and_one_more_does_not(self, case: tuple[Budget, str]) -> None:
        """Applying the headcount lands within budget; one person more goes over."""
        budget, key = case
        assume(budget.project("fund").component(key).per_capita_exact)
        solution = solve(budget, f"{key}.headcount")
        assert isinstance(solution.value, int)
        applied = apply_overrides(budget, [f"{key}.headcount={solution.value}"])
        assert Status.OVER is not applied.project("fund").check().status
        more = apply_overrides(budget, [f"{key}.headcount={solution.value + 1}"])
        assert Status.OVER is more.project("fund").check().status


class TestForecast:
    def test_fund_first_goes_over_in_2025(self, menyuan: Budget) -> None:
        """With payers +2 % a year (72,526; 73,977; 75,456), the fund is over in 2025."""
        outlook = forecast(menyuan, range(2023, 2028), ["contribution_subsidy.headcount=2%"])
        headcounts = [
            year.budget.project(FUND).component("contribution_subsidy").headcount
            for year in outlook.years[:3]
        ]
        assert headcounts == [72526, 73977, 75456]
        assert (2025, Yuan("24831.68")) == outlook.first_over(FUND)
        data = outlook.data()
        assert data["first_over"] == {"work_funds": None, "coordinator_allowance": None, FUND: 2025}

    def test_rounding_is_from_the_base_not_year_on_year(self, menyuan: Budget) -> None:
        """Year 5 is round(71,104 × 1.02⁵), not five successive roundings."""
        outlook = forecast(menyuan, [2027], ["contribution_subsidy.headcount=2%"])
        expected = int(Fraction(71104) * Fraction(102, 100) ** 5 + Fraction(1, 2))
        assert (
            expected
            == outlook.years[0].budget.project(FUND).component("contribution_subsidy").headcount
        )

    def test_grown_appropriation_postpones_overrun(self, menyuan: Budget) -> None:
        """Growing the fund's appropriation by 2 % a year keeps it within through 2027."""
        outlook = forecast(
            menyuan,
            range(2023, 2028),
            ["contribution_subsidy.headcount=2%", "county_supporting_fund.appropriation=2%"],
        )
        assert outlook.first_over(FUND) is None

    def test_year_before_base_is_refused(self, menyuan: Budget) -> None:
        """A forecast cannot start before the base year."""
        with pytest.raises(InvalidOverrideError, match="base year 2022"):
            forecast(menyuan, [2021])

    def test_two_rates_for_one_input_are_refused(self, menyuan: Budget) -> None:
        """One growth rate per input."""
        with pytest.raises(InvalidOverrideError, match="one growth rate"):
            forecast(menyuan, [2023], ["contribution_subsidy.headcount=2%"] * 2)

    def test_rate_parsing(self) -> None:
        """``-1.5%`` is a rate of −3/200; a bare number other than 0 is refused."""
        assert Fraction(-3, 200) == Growth.parse("a.headcount=-1.5%").rate
        with pytest.raises(InvalidOverrideError, match="percent"):
            Growth.parse("a.headcount=0.02")

    def test_years(self) -> None:
        """``2023-2027`` is five years."""
        assert range(2023, 2028) == parse_years("2023-2027")

    @given(fund_budgets())
    def test_zero_growth_repeats_the_base_year(self, budget: Budget) -> None:
        """With every rate 0 %, each forecast year's projects equal the base year's."""
        growth = [
            f"{component.key}.{field}=0%"
            for component in budget.project("fund").components
            for field in ("headcount", "per_capita")
            if not hasattr(component, "villages") and not hasattr(component, "tiers")
        ]
        outlook = forecast(budget, range(budget.year, budget.year + 3), growth)
        base = [project_data(project) for project in budget.unit.projects]
        for year in outlook.years:
            assert base == [project_data(project) for project in year.budget.unit.projects]


class TestSensitivity:
    def test_tornado_is_sorted_by_swing(self, menyuan: Budget) -> None:
        """Rows come largest swing first; the contribution subsidy standard leads (±138,600 元)."""
        rows = sensitivity(menyuan)
        swings = [row.swing for row in rows]
        assert sorted(swings, reverse=True) == swings
        assert ("contribution_subsidy.per_capita", Yuan(-138600), Yuan(138600)) == (
            str(rows[0].target),
            rows[0].low_change,
            rows[0].high_change,
        )

    def test_one_project(self, menyuan: Budget) -> None:
        """``project=`` limits the table to that project's inputs."""
        rows = sensitivity(menyuan, project="coordinator_allowance")
        assert {"coordinator_allowance"} == {row.project for row in rows}

    def test_target_text(self) -> None:
        """A three-part target names its project."""
        assert Target.parse("p.k.headcount").project == "p"
