"""Results are data: each what-if result and the parameter listing has one ``.data()``."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest

from pension_subsidy import (
    Budget,
    Yuan,
    forecast,
    forward_estimate,
    load_dataset,
    load_parameters,
    report_data,
    scenario_data,
    sensitivity,
    solve,
)
from pension_subsidy.model.data import ParametersInForce
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.whatif.scenarios import ScenarioComparison, compare_scenario
from pension_subsidy.whatif.sensitivity import SensitivityTable, sensitivity_table

FUND = "county_supporting_fund"


@pytest.fixture
def baseline() -> Budget:
    """The bundled Menyuan 2022 dataset."""
    return load_dataset()


class TestToJson:
    def test_chinese_as_is_two_spaces_and_a_final_newline(self) -> None:
        """Chinese is not escaped, the indent is two spaces and the text ends in a newline."""
        assert to_json({"name": "县级配套资金", "ids": [1]}) == (
            '{\n  "name": "县级配套资金",\n  "ids": [\n    1\n  ]\n}\n'
        )

    def test_round_trips(self) -> None:
        """What it writes reads back as the same data."""
        data = {"total_yuan": "1690000.00", "status": "within", "overrun_yuan": None}
        assert json.loads(to_json(data)) == data


class TestScenarioComparison:
    def test_the_seed_scenario(self, baseline: Budget) -> None:
        """severe_disability_proxy.per_capita=60: the fund total 1,690,000.00 → 1,689,500.00."""
        result = compare_scenario(baseline, ["severe_disability_proxy.per_capita=60"])
        assert isinstance(result, ScenarioComparison)
        project, component = (change.data() for change in result.changes)
        assert (project["key"], project["baseline_yuan"], project["scenario_yuan"]) == (
            FUND,
            "1690000.00",
            "1689500.00",
        )
        assert (component["key"], component["change_yuan"], component["change_percent"]) == (
            "severe_disability_proxy",
            "-500.00",
            "-0.81",
        )

    def test_data_holds_both_reports_and_the_overrides(self, baseline: Budget) -> None:
        """The data embeds the two reports unchanged and the overrides as written."""
        result = compare_scenario(baseline, ["severe_disability_proxy.per_capita=60"])
        data = result.data()
        assert data["baseline"] == report_data(baseline)
        assert data["scenario"] == report_data(result.scenario)
        assert data["overrides"] == ["severe_disability_proxy.per_capita=60"]

    def test_scenario_data_is_the_comparisons_data(self, baseline: Budget) -> None:
        """The older function gives exactly the result's data."""
        overrides = ["contribution_subsidy.headcount=+2%"]
        assert scenario_data(baseline, overrides) == compare_scenario(baseline, overrides).data()

    def test_no_overrides_no_changes(self, baseline: Budget) -> None:
        """The baseline compared with itself lists no change."""
        data = compare_scenario(baseline, []).data()
        assert (data["changes"], data["overrides"]) == ([], [])


class TestSolutionData:
    def test_per_capita(self, baseline: Budget) -> None:
        """28.55 元 keeps the fund within 1,750,000.00, with 35.05 元 to spare."""
        data = solve(baseline, "poverty_household_proxy.per_capita").data()
        assert (data["value"], data["unit"], data["baseline_value"]) == ("28.55", "元", "19.95")
        assert (data["total_yuan"], data["headroom_yuan"], data["next_total_yuan"]) == (
            "1749964.95",
            "35.05",
            "1750034.64",
        )
        assert data["derivation"] == (
            "(1,750,000.00 元 − 1,551,000.00 元 other components) ÷ 6,969 = 28.555029… 元 "
            "→ 28.55 元 (down to the 分)"
        )

    def test_appropriation_has_no_next_total(self, baseline: Budget) -> None:
        """The appropriation needed is the total: nothing one step more to prove."""
        data = solve(baseline, f"{FUND}.appropriation").data()
        assert (data["value"], data["next_total_yuan"]) == ("1690000.00", None)


class TestForecastData:
    def test_years_and_first_over(self, baseline: Budget) -> None:
        """Two forecast years, each with every project, and the growth as written."""
        data = forecast(baseline, range(2023, 2025), ["contribution_subsidy.headcount=2%"]).data()
        assert (data["base_year"], data["growth"]) == (2022, ["contribution_subsidy.headcount=2%"])
        assert [year["year"] for year in data["years"]] == [2023, 2024]
        assert data["first_over"][FUND] is None

    def test_rounding_rule_in_each_language(self, baseline: Budget) -> None:
        """The rounding rule is said in Chinese or English; the JSON keeps its recorded form."""
        outlook = forecast(baseline, range(2023, 2024))
        assert outlook.rounding_in("zh").startswith("自基准年度复利计算")
        assert outlook.rounding_in("en").endswith("appropriations without a rate are held")
        assert "四舍五入" not in outlook.rounding_in("en")
        assert outlook.data()["rounding"] == outlook.rounding

    def test_another_rounding_rule_is_shown_as_given(self, baseline: Budget) -> None:
        """A rule other than the library's own is shown as written, in either language."""
        outlook = attrs.evolve(forecast(baseline, range(2023, 2024)), rounding="year on year")
        assert (outlook.rounding_in("zh"), outlook.rounding_in("en")) == ("year on year",) * 2


class TestSensitivityTable:
    def test_data(self, baseline: Budget) -> None:
        """At ±5 % the contribution standard moves the fund by 69,300.00 either way."""
        table = sensitivity_table(baseline, project=FUND, percent="5")
        assert isinstance(table, SensitivityTable)
        data = table.data()
        assert data["percent"] == "5"
        first = data["rows"][0]
        assert (first["input"], first["low_change_yuan"], first["high_change_yuan"]) == (
            "contribution_subsidy.per_capita",
            "-69300.00",
            "69300.00",
        )

    def test_sensitivity_gives_the_tables_rows(self, baseline: Budget) -> None:
        """sensitivity() is the rows of sensitivity_table(), unchanged."""
        rows = sensitivity(baseline, project=FUND, percent=Decimal("7.5"))
        assert rows == sensitivity_table(baseline, project=FUND, percent=Decimal("7.5")).rows


class TestForwardEstimateData:
    def test_lines_cite_their_parameters(self) -> None:
        """100 severely disabled persons at the lowest grade: 10,000.00 元, per 国发〔2014〕8号."""
        estimate = forward_estimate(
            proxy_persons={"severe_disability_proxy": 100}, as_of=date(2022, 6, 30)
        )
        data = estimate.data()
        assert (data["as_of"], data["project"]["total_yuan"]) == ("2022-06-30", "10000.00")
        line = data["lines"][0]
        assert (line["component"], line["amount_yuan"]) == ("severe_disability_proxy", "10000.00")
        assert line["parameters"][0]["source"]["document"] == "国发〔2014〕8号"


class TestParametersInForce:
    def test_data(self) -> None:
        """The listing's date and every value in force, sorted by key."""
        listing = ParametersInForce.of(load_parameters(), date(2022, 6, 30))
        data = listing.data()
        keys = [value["key"] for value in data["parameters"]]
        assert data["as_of"] == "2022-06-30"
        assert keys == sorted(keys)
        assert "contribution.grades" in keys

    def test_nothing_in_force_before_the_first_policy(self) -> None:
        """Before any parameter takes effect the listing is empty."""
        assert ParametersInForce.of(load_parameters(), date(1990, 1, 1)).data() == {
            "as_of": "1990-01-01",
            "parameters": [],
        }


class TestSolveDerivation:
    def test_count_in_each_language(self, baseline: Budget) -> None:
        """A headcount's derivation is built in Chinese and in English from the same figures."""
        solution = solve(baseline, "severe_disability_proxy.headcount")
        assert solution.derivation_in("zh") == (
            "(1,750,000.00 元 − 1,628,000.00 元 其他构成) ÷ 60.487804… 元/单位 → 2016"
            "（取整数单位，金额四舍五入到分）"
        )
        assert solution.derivation_in("en") == (
            "(1,750,000.00 yuan − 1,628,000.00 yuan other components) ÷ 60.487804… yuan per "
            "unit → 2016 (whole units, amount rounded half up to the fen)"
        )

    def test_appropriation_in_each_language(self, baseline: Budget) -> None:
        """The appropriation needed is the project total, said in either language."""
        solution = solve(baseline, f"{FUND}.appropriation")
        assert solution.derivation_in("zh") == "所需预算金额即项目合计：1,690,000.00 元"
        assert solution.derivation_in("en") == (
            "the appropriation needed is the project total: 1,690,000.00 yuan"
        )

    def test_the_json_keeps_its_form(self, baseline: Budget) -> None:
        """The JSON's derivation keeps its recorded form: English words with 元 and 分."""
        solution = solve(baseline, "severe_disability_proxy.headcount")
        assert (
            solution.data()["derivation"]
            == solution.derivation
            == (
                "(1,750,000.00 元 − 1,628,000.00 元 other components) ÷ 60.487804… 元 per unit "
                "→ 2016 (whole units, amount rounded 四舍五入 to 分)"
            )
        )
        assert solution.steps.kind == "count"
        assert (solution.steps.others, solution.steps.result) == (Yuan("1628000.00"), 2016)
