"""Funding by level of government, budget against execution and areas side by side (issue 11)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import Yuan, load_dataset
from pension_subsidy.exceptions import DataFileError, InvalidAmountError, UnknownKeyError
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import budget_from_mapping, load_budget_file
from pension_subsidy.model.execution import Execution, check_execution
from pension_subsidy.model.funding import Funding, FundingPart, Level

EXAMPLE = Path(__file__).parent.parent / "examples" / "city-execution.toml"

# The issue's split: 11375 + 3953 + 3261 + 10935 + 551 = 30075 万元
ISSUE_SPLIT = Funding.of_amounts(
    central=Yuan.from_wan("11375"),
    province=Yuan.from_wan("3953"),
    prefecture=Yuan.from_wan("3261"),
    county=Yuan.from_wan("10935"),
    other=Yuan.from_wan("551"),
)


def _budget(toml: str) -> Budget:
    return budget_from_mapping(tomllib.loads(toml), path="test.toml")


_HEAD = """
[dataset]
key = "t"
year = 2023
[[units]]
code = "U1"
name_zh = "单位"
"""


def _project(extra: str = "", component: str = "") -> str:
    return (
        _HEAD
        + f"""
[[units.projects]]
key = "fund"
name_zh = "资金"
appropriation_wan = "175"
{extra}
[[units.projects.components]]
kind = "contribution_subsidy"
headcount = 1000
per_capita_yuan = "30"
{component}
"""
    )


class TestFundingAmounts:
    def test_issue_split_adds_up(self) -> None:
        """11375 + 3953 + 3261 + 10935 + 551 万元 = 30075 万元: consistent, each level kept."""
        check = ISSUE_SPLIT.check(Yuan.from_wan("30075"))
        assert check.consistent
        assert check.data() == {
            "central_yuan": "113750000.00",
            "province_yuan": "39530000.00",
            "prefecture_yuan": "32610000.00",
            "county_yuan": "109350000.00",
            "other_yuan": "5510000.00",
        }

    def test_amounts_do_not_add_up(self) -> None:
        """Against 30,000 万元 the split is 75 万元 over, reported with its numbers."""
        check = ISSUE_SPLIT.check(Yuan.from_wan("30000"))
        (problem,) = check.problems
        assert problem.code == "funding_amounts_sum"
        assert problem.values == (
            ("amounts_yuan", "300750000.00"),
            ("total_yuan", "300000000.00"),
            ("difference_yuan", "750000.00"),
        )

    def test_one_fen_off(self) -> None:
        """Amounts are checked to the 分."""
        check = Funding.of_amounts(province="80.00", county="20.01").check(Yuan(100))
        assert check.problems[0].value("difference_yuan") == "0.01"


class TestFundingShares:
    def test_eighty_twenty_of_175_wan(self) -> None:
        """80 % / 20 % of 175 万元 = 140 / 35 万元."""
        check = Funding.of_shares(central="0%", province="80%", county="20%").check(
            Yuan.from_wan("175")
        )
        assert check.consistent
        assert check.amount(Level.CENTRAL) == Yuan(0)
        assert check.amount(Level.PROVINCE) == Yuan.from_wan("140")
        assert check.amount(Level.COUNTY) == Yuan.from_wan("35")
        assert check.shares_data() == {"central": "0", "province": "80", "county": "20"}

    def test_shares_do_not_add_to_100(self) -> None:
        """80 % + 15 % = 95 %: reported; each share is still resolved on its own."""
        check = Funding.of_shares(province="80%", county="15%").check(Yuan.from_wan("175"))
        (problem,) = check.problems
        assert (problem.code, problem.values) == (
            "funding_shares_sum",
            (("shares_percent", "95"), ("expected_percent", "100")),
        )
        assert check.amount(Level.COUNTY) == Yuan("262500.00")

    def test_largest_remainder(self) -> None:
        """33.33 / 33.33 / 33.34 % of 0.10 元 = 0.03 + 0.03 + 0.04: the 分 left goes to 0.334."""
        check = Funding.of_shares(province="33.33", prefecture="33.33", county="33.34").check(
            Yuan("0.10")
        )
        assert [amount for _, amount in check.amounts] == [
            Yuan("0.03"),
            Yuan("0.03"),
            Yuan("0.04"),
        ]

    def test_county_share_times_total_is_the_county_line(self) -> None:
        """A stated 20 % and a stated 35 万元 county line of 175 万元 agree."""
        funding = Funding(
            parts=[
                FundingPart(Level.PROVINCE, share="80"),
                FundingPart(Level.COUNTY, share="20", amount=Yuan.from_wan("35")),
            ]
        )
        assert funding.check(Yuan.from_wan("175")).consistent

    def test_county_line_contradicts_share(self) -> None:
        """20 % of 175 万元 is 35 万元, not the stated 36 万元: reported with every number."""
        funding = Funding(
            parts=[
                FundingPart(Level.PROVINCE, share="80"),
                FundingPart(Level.COUNTY, share="20", amount=Yuan.from_wan("36")),
            ]
        )
        check = funding.check(Yuan.from_wan("175"), where="fund")
        (problem,) = check.problems
        assert problem.code == "funding_share_amount"
        assert problem.where == "fund"
        assert dict(problem.values) == {
            "level": "county",
            "share_percent": "20",
            "total_yuan": "1750000.00",
            "expected_yuan": "350000.00",
            "stated_yuan": "360000.00",
            "difference_yuan": "10000.00",
        }
        assert check.amount(Level.COUNTY) == Yuan.from_wan("36")  # shown as stated

    def test_amount_without_share_beside_shares_is_malformed(self) -> None:
        """A level with only an amount beside levels with shares raises, naming it."""
        with pytest.raises(InvalidAmountError, match="county has an amount but no share"):
            Funding(
                parts=[
                    FundingPart(Level.PROVINCE, share="80"),
                    FundingPart(Level.COUNTY, amount=Yuan(35)),
                ]
            )

    def test_level_twice(self) -> None:
        """A level given twice raises."""
        with pytest.raises(InvalidAmountError, match="county twice"):
            Funding(parts=[FundingPart(Level.COUNTY, share="50")] * 2)

    @given(
        st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=5),
        st.integers(min_value=0, max_value=10**12),
    )
    def test_shares_resolve_to_the_total_exactly(self, weights: list[int], fen: int) -> None:
        """Shares adding to 100 % resolve to whole 分 that add up to the total exactly."""
        weights[-1] += 1  # never all zero
        total_weight = sum(weights)
        # shares of 0.0001 % steps adding to exactly 100: the last takes what is left
        shares = [Decimal(w * 1_000_000 // total_weight).scaleb(-4) for w in weights]
        shares[-1] = Decimal(100) - sum(shares[:-1], Decimal(0))
        levels = list(Level)[: len(shares)]
        funding = Funding(
            parts=[
                FundingPart(level, share=share) for level, share in zip(levels, shares, strict=True)
            ]
        )
        total = Yuan(Decimal(fen).scaleb(-2))
        check = funding.check(total)
        assert check.consistent
        resolved = [amount for _, amount in check.amounts]
        assert sum((amount for amount in resolved if amount is not None), Yuan(0)) == total
        for amount, share in zip(resolved, shares, strict=True):
            exact = total.value * share / 100
            assert amount is not None
            assert abs(amount.value - exact) < Decimal("0.01")


class TestExecution:
    def test_rate(self) -> None:
        """1,234.56 ÷ 1,300.00 = 94.97 %; 65.44 元 under the adjusted budget."""
        check = check_execution(
            "fund", Execution(budget_adjusted=Yuan("1300.00"), executed=Yuan("1234.56"))
        )
        assert check.rate_percent == Decimal("94.97")
        assert check.underrun == Yuan("65.44")
        assert check.overrun is None
        assert check.against == "budget_adjusted"

    def test_against_year_start_then_plan(self) -> None:
        """Without an adjusted budget the rate is against the year-start one, else the plan."""
        start = check_execution("a", Execution(budget_start="200", executed="150"))
        assert (start.against, start.rate_percent) == ("budget_start", Decimal("75.00"))
        plan = check_execution("a", Execution(executed="150"), planned=Yuan(120))
        assert (plan.against, plan.rate_percent, plan.overrun) == (
            "planned",
            Decimal("125.00"),
            Yuan(30),
        )

    def test_zero_budget(self) -> None:
        """A zero budget has no rate, but the overrun is still the amount executed."""
        check = check_execution("a", Execution(budget_adjusted="0", executed="5"))
        assert check.rate is None
        assert check.overrun == Yuan(5)

    def test_rate_half_up(self) -> None:
        """The percent is rounded 四舍五入: 1 ÷ 8 = 12.5 % exactly, 1 ÷ 1600 = 0.0625 % → 0.06."""
        eighth = check_execution("a", Execution(budget_adjusted="8", executed="1"))
        assert eighth.rate_percent == Decimal("12.50")
        tiny = check_execution("a", Execution(budget_adjusted="1600", executed="1"))
        assert tiny.rate_percent == Decimal("0.06")
        odd = check_execution("a", Execution(budget_adjusted="16", executed="0.01"))
        assert odd.rate_percent == Decimal("0.06")  # 0.0625 % → 0.06

    def test_components_sum_contradiction(self) -> None:
        """A project's stated executed amount against its components' sum, with both numbers."""
        parts = [
            check_execution("a", Execution(executed="100")),
            check_execution("b", Execution(executed="50.50")),
        ]
        check = check_execution("fund", Execution(executed="150"), parts=parts)
        (problem,) = check.problems
        assert problem.code == "components_sum"
        assert dict(problem.values) == {
            "figure": "executed",
            "stated_yuan": "150.00",
            "sum_yuan": "150.50",
            "difference_yuan": "-0.50",
        }

    def test_negative_refused(self) -> None:
        """A negative executed amount is malformed."""
        with pytest.raises(InvalidAmountError, match="executed"):
            Execution(executed="-1")


@pytest.fixture(scope="module")
def budget() -> Budget:
    """The example of a city and its two counties."""
    return load_budget_file(EXAMPLE)


class TestDatasetExample:
    def test_county_a_overrun(self, budget: Budget) -> None:
        """County A: 175.7 against 175 万元 = 100.40 %, 7,000.00 元 over, driven by severe."""
        project = budget.unit_by_code("C01").project("county_a_fund")
        check = project.execution_check()
        assert check is not None
        assert check.rate_percent == Decimal("100.40")
        assert check.overrun == Yuan("7000.00")
        assert [part.key for part in check.drivers] == ["severe_disability_proxy"]
        severe = check.parts[1]
        assert (severe.rate_percent, severe.overrun) == (Decimal("125.00"), Yuan("25000.00"))
        assert check.figures.actual_headcount == 49400 + 1250 + 1500

    def test_county_a_funding(self, budget: Budget) -> None:
        """0 / 80 / 5 / 15 % of 175 万元 = 0 / 140 / 8.75 / 26.25 万元."""
        project = budget.unit_by_code("C01").project("county_a_fund")
        check = project.funding_check()
        assert check is not None
        assert check.consistent
        assert check.data() == {
            "central_yuan": "0.00",
            "province_yuan": "1400000.00",
            "prefecture_yuan": "87500.00",
            "county_yuan": "262500.00",
        }
        ((key, component),) = project.component_funding_checks()
        assert key == "severe_disability_proxy"
        assert component.consistent
        assert component.amount(Level.COUNTY) == Yuan.from_wan("2")

    def test_county_b_underrun(self, budget: Budget) -> None:
        """County B: 118.4 + 4.6 = 123.0 of 125 万元 = 98.40 %, 20,000.00 元 under."""
        project = budget.unit_by_code("C02").project("county_b_fund")
        check = project.execution_check()
        assert check is not None
        assert check.figures.executed == Yuan.from_wan("123")
        assert check.rate_percent == Decimal("98.40")
        assert check.underrun == Yuan("20000.00")
        assert [part.key for part in check.drivers] == [
            "contribution_subsidy",
            "severe_disability_proxy",
        ]

    def test_city_against_its_counties(self, budget: Budget) -> None:
        """The city states 298.9 万元 executed; its counties add to 298.7: 2,000.00 元 apart."""
        (areas,) = budget.area_checks()
        assert areas.whole.code == "C00"
        assert [area.code for area in areas.areas] == ["C01", "C02"]
        assert areas.sum("budget_adjusted") == Yuan.from_wan("300")
        assert areas.sum("funding.county") == Yuan.from_wan("46.25")
        (problem,) = areas.problems
        assert dict(problem.values) == {
            "figure": "executed",
            "stated_yuan": "2989000.00",
            "sum_yuan": "2987000.00",
            "difference_yuan": "2000.00",
            "areas": "C01, C02",
        }

    def test_json_keys(self, budget: Budget) -> None:
        """The report's JSON adds funding and execution keys per project and component."""
        data = budget.data()
        project = data["projects"][0]
        assert project["funding"]["province_yuan"] == "1400000.00"
        assert project["executed_yuan"] == "1757000.00"
        assert project["execution_rate_percent"] == "100.40"
        assert project["overrun_yuan"] == "7000.00"
        assert project["plan_overrun_yuan"] is None
        severe = project["components"][1]
        assert severe["funding"] == {"province_yuan": "80000.00", "county_yuan": "20000.00"}
        assert severe["overrun_yuan"] == "25000.00"
        assert severe["actual_headcount"] == 1250
        assert data["area_checks"][0]["problems"][0]["code"] == "areas_sum"


class TestMenyuanUnchanged:
    def test_no_new_keys_but_plan_overrun(self) -> None:
        """Menyuan states no funding or execution: its JSON gains only plan_overrun_yuan."""
        data: dict[str, Any] = load_dataset().data()
        assert "area_checks" not in data
        for project in data["projects"]:
            assert "funding" not in project
            assert "executed_yuan" not in project
            assert project["plan_overrun_yuan"] is None
            for component in project["components"]:
                assert "funding" not in component
                assert "executed_yuan" not in component


class TestDatasetErrors:
    def test_share_without_percent_sign(self) -> None:
        """A share must be written with %: "80" could be 80 % or a typing slip."""
        toml = _project('funding = { province = "80", county = "20%" }')
        with pytest.raises(DataFileError, match='expected a share such as "80%"') as caught:
            _budget(toml)
        assert caught.value.path == "test.toml"
        assert caught.value.field == "units[0].projects[0].funding.province"

    def test_share_above_100(self) -> None:
        """A share above 100 % names its field."""
        with pytest.raises(DataFileError, match=r"funding\.county: expected a share"):
            _budget(_project('funding = { county = "120%" }'))

    def test_mixed_amount_and_share(self) -> None:
        """A level as an amount beside levels as shares is malformed, naming the field."""
        toml = _project('funding = { province = "80%", county_wan = "35" }')
        with pytest.raises(DataFileError, match="county has an amount but no share") as caught:
            _budget(toml)
        assert caught.value.field == "units[0].projects[0].funding"

    def test_unknown_level(self) -> None:
        """A misspelt level is refused."""
        with pytest.raises(DataFileError, match=r"funding\.city_wan: unknown key"):
            _budget(_project('funding = { city_wan = "35" }'))

    def test_two_units_of_one_figure(self) -> None:
        """executed_wan and executed_yi together raise, naming both."""
        toml = _project('executed_wan = "1"\nexecuted_yi = "1"')
        with pytest.raises(DataFileError, match="not executed_wan and executed_yi"):
            _budget(toml)

    def test_negative_executed(self) -> None:
        """A negative executed amount on a component names the component's field."""
        with pytest.raises(DataFileError, match=r"components\[0\]\.executed_wan: expected"):
            _budget(_project(component='executed_wan = "-1"'))

    def test_headcount_not_whole(self) -> None:
        """An actual headcount in 万人 that is not whole persons raises, naming the field."""
        with pytest.raises(DataFileError, match="actual_headcount_wan: expected a whole number"):
            _budget(_project(component='actual_headcount_wan = "0.00001"'))

    def test_component_figures_read(self) -> None:
        """A component's funding and execution are read, its kind reader never sees them."""
        budget = _budget(
            _project(
                component='executed_yi = "0.0003"\nfunding = { province = "80%", county = "20%" }'
            )
        )
        project = budget.project("fund")
        assert project.execution_of("contribution_subsidy") == Execution(executed=Yuan(30000))
        ((_, check),) = project.component_funding_checks()
        assert check.amount(Level.COUNTY) == Yuan(6000)

    def test_area_is_itself(self) -> None:
        """A unit listing itself as an area is refused."""
        with pytest.raises(DataFileError, match="not one of its own areas"):
            _budget(_HEAD + 'areas = ["U1"]\n')

    def test_unknown_area(self) -> None:
        """An area code that is no unit raises, naming it and the units there are."""
        with pytest.raises(UnknownKeyError, match="no other unit 'U9'"):
            _budget(_HEAD + 'areas = ["U9"]\n')


class TestFundingTotal:
    def test_zero_adjusted_budget_is_the_total(self) -> None:
        """An adjusted budget of 0 is the total (not skipped as if not given)."""
        budget = _budget(
            _project(
                'budget_adjusted_wan = "0"\nbudget_start_wan = "175"\n'
                'funding = { county_wan = "1" }'
            )
        )
        check = budget.project("fund").funding_check()
        assert check is not None
        assert check.total == Yuan(0)
        assert check.problems[0].value("difference_yuan") == "10000.00"

    def test_unit_without_any_total(self) -> None:
        """A unit with no projects, stated total or budget resolves shares to no amount."""
        budget = _budget(_HEAD + 'funding = { province = "80%", county = "20%" }\n')
        check = budget.units[0].funding_check()
        assert check is not None
        assert check.total is None
        assert check.data() == {"province_yuan": None, "county_yuan": None}
        assert check.consistent


_fen = st.integers(min_value=0, max_value=10**13).map(lambda n: Yuan(Decimal(n).scaleb(-2)))


class TestExecutionProperties:
    @given(_fen, _fen)
    def test_rate_and_difference(self, budget: Yuan, executed: Yuan) -> None:
        """Rate = executed ÷ budget rounded half up to 0.01 %; difference = executed − budget."""
        check = check_execution("a", Execution(budget_adjusted=budget, executed=executed))
        assert check.difference == executed - budget
        if budget.is_zero():
            assert check.rate_percent is None
        else:
            exact = executed.value * 100 / budget.value
            assert abs(check.rate_percent - exact) <= Decimal("0.005")  # type: ignore[operator]
        over, under = check.overrun, check.underrun
        assert (over or Yuan(0)) - (under or Yuan(0)) == executed - budget

    @given(st.lists(st.tuples(_fen, _fen), min_size=1, max_size=6))
    def test_parts_add_up(self, figures: list[tuple[Yuan, Yuan]]) -> None:
        """A project's unstated figures are its components' sums, with no problem reported."""
        parts = [
            check_execution(str(i), Execution(budget_adjusted=b, executed=e))
            for i, (b, e) in enumerate(figures)
        ]
        whole = check_execution("p", Execution(), parts=parts)
        assert whole.figures.budget_adjusted == sum((b for b, _ in figures), Yuan(0))
        assert whole.figures.executed == sum((e for _, e in figures), Yuan(0))
        assert whole.problems == ()
        assert all((d.difference or Yuan(0)) != 0 for d in whole.drivers)


_DONE_WHEN = """
[dataset]
key = "done-when"
year = 2023

[[component_kinds]]
key = "only_child_parent_bonus"
name_zh = "独生子女父母养老补贴"
name_en = "Only-child parents' pension bonus"
formula = "per_person_month"
headcount_unit = "人"
keywords = ["独生子女"]

[[units]]
code = "X01"
name_zh = "某县"

[[units.projects]]
key = "local_pension"
name_zh = "城乡居民基础养老金地方补助"
appropriation_wan = "73.68"
budget_adjusted_wan = "73.68"
executed_wan = "74.6"
funding = { central = "50%", province = "30%", prefecture = "5%", county = "15%" }

[[units.projects.components]]
kind = "basic_pension_topup"
bands = [
  { from_age = 60, to_age = 64, headcount = 4100, monthly_yuan = "5" },
  { from_age = 65, headcount = 2000, monthly_yuan = "10" },
]
budget_adjusted_wan = "48.6"
executed_wan = "48.6"

[[units.projects.components]]
kind = "funeral_grant"
events = 150
grant_yuan = "1000"
budget_adjusted_wan = "15"
executed_wan = "16.2"

[[units.projects.components]]
kind = "only_child_parent_bonus"
headcount = 420
monthly_yuan = "20"
budget_adjusted_wan = "10.08"
executed_wan = "9.8"
"""


class TestDoneWhen:
    def test_new_kinds_with_funding_and_execution(self) -> None:
        """Age-band top-up, funeral grant and a county's own kind, split and executed, to the 分.

        4100 × 5 × 12 + 2000 × 10 × 12 = 486,000; 150 × 1000 = 150,000; 420 × 20 × 12 =
        100,800; total 736,800.00 元 = 50/30/5/15 % → 368,400 / 221,040 / 36,840 / 110,520.
        Executed 746,000 against 736,800: 101.25 %, 9,200.00 over, driven by the funeral grant
        (162,000 against 150,000).
        """
        budget = _budget(_DONE_WHEN)
        project = budget.project("local_pension")
        assert project.total == Yuan("736800.00")
        funding = project.funding_check()
        assert funding is not None
        assert funding.consistent
        assert funding.data() == {
            "central_yuan": "368400.00",
            "province_yuan": "221040.00",
            "prefecture_yuan": "36840.00",
            "county_yuan": "110520.00",
        }
        check = project.execution_check()
        assert check is not None
        assert check.problems == ()
        assert (check.rate_percent, check.overrun) == (Decimal("101.25"), Yuan("9200.00"))
        assert [part.key for part in check.drivers] == ["funeral_grant"]
        rates = {part.key: part.rate_percent for part in check.parts}
        assert rates == {
            "basic_pension_topup": Decimal("100.00"),
            "funeral_grant": Decimal("108.00"),
            "only_child_parent_bonus": Decimal("97.22"),
        }


class TestFundingValues:
    def test_negative_amount(self) -> None:
        """A negative amount of a level is refused."""
        with pytest.raises(InvalidAmountError, match="expected an amount ≥ 0"):
            FundingPart(Level.COUNTY, amount="-1")

    def test_neither_amount_nor_share(self) -> None:
        """A level with neither an amount nor a share is refused, naming the level."""
        with pytest.raises(InvalidAmountError, match="FundingPart\\(county\\)"):
            FundingPart(Level.COUNTY)

    def test_no_level(self) -> None:
        """A split needs at least one level."""
        with pytest.raises(InvalidAmountError, match="at least one level"):
            Funding(parts=[])

    def test_lookups(self) -> None:
        """part() and amount() answer None for a level the split does not name."""
        split = Funding.of_shares(province="80%", county="20%")
        assert split.part(Level.CENTRAL) is None
        assert split.part(Level.COUNTY) == FundingPart(Level.COUNTY, share="20")
        assert split.check(Yuan(100)).amount(Level.CENTRAL) is None

    def test_share_with_amount_but_no_total(self) -> None:
        """Without a total, a stated amount beside its share is shown and not checked."""
        funding = Funding(parts=[FundingPart(Level.COUNTY, share="100", amount=Yuan(35))])
        check = funding.check(None)
        assert check.consistent
        assert check.amount(Level.COUNTY) == Yuan(35)

    def test_discrepancy_value_unknown(self) -> None:
        """Asking a discrepancy for a value it has not raises UnknownKeyError listing its names."""
        (problem,) = Funding.of_shares(county="50%").check(Yuan(10)).problems
        with pytest.raises(UnknownKeyError, match="no value 'total'"):
            problem.value("total")
