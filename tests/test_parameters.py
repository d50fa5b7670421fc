"""Dated policy parameters with legal sources, and forward estimates from them (issue 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pension_subsidy import (
    DataFileError,
    NotInForceError,
    UnknownKeyError,
    Yuan,
    forward_estimate,
    load_parameter_file,
    load_parameters,
)
from pension_subsidy.cli import main

MID_2022 = date(2022, 6, 30)

COUNTY = """
[sources.county_2021]
document = "门政〔2021〕1号"
issuer = "某县人民政府"
article = "第三条"

[[parameters]]
key = "contribution_subsidy.minimum"
kind = "yuan"
unit = "元/人·年"
value = "35"
effective = 2021-01-01
source = "county_2021"

[[parameters]]
key = "proxy_payment.mild_disability_proxy"
kind = "yuan"
unit = "元/人·年"
value = "50"
effective = 2021-01-01
source = "county_2021"
"""


@pytest.fixture
def county_file(tmp_path: Path) -> Path:
    path = tmp_path / "county.toml"
    path.write_text(COUNTY, encoding="utf-8")
    return path


class TestNationalParameters:
    def test_minimum_subsidy_and_source(self) -> None:
        """The minimum subsidy is 30 元, sourced to 国发〔2014〕8号 of the State Council."""
        value = load_parameters().value("contribution_subsidy.minimum", as_of=MID_2022)
        assert (Yuan(30), "元/人·年", "国发〔2014〕8号", "国务院") == (
            value.value,
            value.unit,
            value.source.document,
            value.source.issuer,
        )

    def test_high_grade_minimum(self) -> None:
        """Grades of 500 元 and above earn at least 60 元."""
        params = load_parameters()
        assert (
            Yuan(60)
            == params.value("contribution_subsidy.minimum_high_grade", as_of=MID_2022).as_yuan()
        )
        assert (
            Yuan(500)
            == params.value("contribution_subsidy.high_grade_threshold", as_of=MID_2022).as_yuan()
        )

    def test_grades(self) -> None:
        """Grades 100…1,000, 1,500 and 2,000 元."""
        grades = load_parameters().value("contribution.grades", as_of=MID_2022).as_yuan_list()
        expected = [Yuan(100 * n) for n in range(1, 11)] + [Yuan(1500), Yuan(2000)]
        assert expected == list(grades)

    def test_proxy_groups_depend_on_the_date(self) -> None:
        """Poverty households are proxy-paid from 2017-08-01 (人社部发〔2017〕59号), not before."""
        params = load_parameters()
        before = params.value("proxy_payment.eligible_groups", as_of=date(2017, 7, 31))
        after = params.value("proxy_payment.eligible_groups", as_of=date(2017, 8, 1))
        assert "poverty_household_proxy" not in before.as_names()
        assert "poverty_household_proxy" in after.as_names()

    def test_not_yet_in_force(self) -> None:
        """Before 国发〔2014〕8号 no value is in force."""
        with pytest.raises(NotInForceError, match="2014-02-21"):
            load_parameters().value("contribution_subsidy.minimum", as_of=date(2013, 1, 1))

    def test_unknown_key(self) -> None:
        """An unknown key lists the known ones."""
        with pytest.raises(UnknownKeyError, match=r"contribution_subsidy\.minimum"):
            load_parameters().value("nope", as_of=MID_2022)


class TestCountyFile:
    def test_county_value_overrides_national(self, county_file: Path) -> None:
        """A county's 35 元 wins over the national 30 元, with the county's source."""
        value = load_parameters(county_file).value("contribution_subsidy.minimum", as_of=MID_2022)
        assert (Yuan(35), "门政〔2021〕1号", "第三条") == (
            value.value,
            value.source.document,
            value.source.article,
        )

    def test_national_value_before_county_takes_effect(self, county_file: Path) -> None:
        """Before the county's date the national value is in force."""
        value = load_parameters(county_file).value(
            "contribution_subsidy.minimum", as_of=date(2020, 6, 30)
        )
        assert Yuan(30) == value.value

    def test_value_without_source_fails_naming_file_and_key(self, tmp_path: Path) -> None:
        """A value without a source does not load; the error names the file and the key."""
        path = tmp_path / "bad.toml"
        path.write_text(
            '[[parameters]]\nkey = "x.y"\nkind = "yuan"\nunit = "元"\nvalue = "1"\n'
            "effective = 2020-01-01\n",
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match=r"bad\.toml.*x\.y.*no source"):
            load_parameters(path)

    def test_unknown_source_id(self, tmp_path: Path) -> None:
        """A source id without its [sources.<id>] table is an error naming it."""
        path = tmp_path / "bad.toml"
        path.write_text(
            '[[parameters]]\nkey = "x.y"\nkind = "yuan"\nunit = "元"\nvalue = "1"\n'
            'effective = 2020-01-01\nsource = "missing"\n',
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match="'missing'"):
            load_parameters(path)

    def test_float_value_is_refused(self, tmp_path: Path) -> None:
        """A money value written as a TOML float is refused."""
        path = tmp_path / "bad.toml"
        path.write_text(
            '[[parameters]]\nkey = "x.y"\nkind = "yuan"\nunit = "元"\nvalue = 1.5\n'
            'effective = 2020-01-01\nsource = {document = "d", issuer = "i"}\n',
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match=r"x\.y"):
            load_parameters(path)


class TestForwardEstimate:
    def test_grades_and_proxies(self) -> None:
        """1,000 × 30 + 200 × 60 + 1,025 × 100 = 144,500 元, each line naming its source."""
        estimate = forward_estimate(
            payers_by_grade={"100": 1000, "500": 200},
            proxy_persons={"severe_disability_proxy": 1025},
            as_of=MID_2022,
        )
        assert Yuan(144500) == estimate.project.total
        assert all("国发〔2014〕8号" in line.derivation for line in estimate.lines)

    def test_poverty_proxy_not_before_2017(self) -> None:
        """Proxy payment for poverty households is not in force on 2017-07-31."""
        with pytest.raises(NotInForceError, match="poverty_household_proxy"):
            forward_estimate(proxy_persons={"poverty_household_proxy": 10}, as_of=date(2017, 7, 31))

    def test_county_standard_for_a_local_group(self, county_file: Path) -> None:
        """A county's own proxy standard for mildly disabled persons: 1,238 × 50 元."""
        estimate = forward_estimate(
            proxy_persons={"mild_disability_proxy": 1238},
            as_of=MID_2022,
            parameters=load_parameters(county_file),
        )
        assert Yuan(61900) == estimate.project.total
        assert "门政〔2021〕1号" in estimate.lines[0].derivation

    def test_unknown_grade(self) -> None:
        """A grade not in force is an error listing the grades."""
        with pytest.raises(ValueError, match=r"1500\.00"):
            forward_estimate(payers_by_grade={"150": 1}, as_of=MID_2022)


class TestCommandLine:
    def test_scenario_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The scenario command shows the fund at 1,689,500.00 元 against 1,690,000.00 元."""
        assert main(["scenario", "--set", "severe_disability_proxy.per_capita=60"]) == 0
        out = capsys.readouterr().out
        assert "基线 1,690,000.00 元 → 情景 1,689,500.00 元" in out

    def test_solve_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """solve answers 28.55 in JSON, with the resulting report."""
        import json  # noqa: PLC0415

        assert (
            main(["solve", "--vary", "poverty_household_proxy.per_capita", "--format", "json"]) == 0
        )
        data = json.loads(capsys.readouterr().out)
        assert (data["value"], data["report"]["dataset"]) == ("28.55", "menyuan-2022")

    def test_forecast_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The county fund first goes over in 2025."""
        import json  # noqa: PLC0415

        argv = ["forecast", "--years", "2023-2027", "--growth",
                "contribution_subsidy.headcount=2%", "--format", "json"]  # fmt: skip
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["first_over"]["county_supporting_fund"] == 2025
        assert [year["year"] for year in data["years"]] == [2023, 2024, 2025, 2026, 2027]

    def test_params_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """params shows the minimum subsidy with 国发〔2014〕8号 as its source."""
        assert main(["params", "--as-of", "2022-06-30"]) == 0
        out = capsys.readouterr().out
        block = out.split("[contribution_subsidy.minimum]")[1].split("■")[0]
        assert "30.00 元/人·年" in block
        assert "国发〔2014〕8号" in block

    def test_unknown_key_exit_code(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown component exits 2 with a message naming it, no traceback."""
        assert main(["scenario", "--set", "nope.per_capita=1"]) == 2
        assert "nope" in capsys.readouterr().err

    def test_sensitivity_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """sensitivity prints rows sorted by swing."""
        import json  # noqa: PLC0415

        assert main(["sensitivity", "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)["rows"]
        assert rows[0]["input"] == "contribution_subsidy.per_capita"


class TestCommandLineText:
    def test_solve_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The solve text shows the answer, the total it gives and one 分 more."""
        assert main(["solve", "--vary", "poverty_household_proxy.per_capita"]) == 0
        out = capsys.readouterr().out
        assert "= 28.55 元" in out
        assert "1,749,964.95 元" in out
        assert "1,750,034.64 元" in out

    def test_forecast_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The forecast text shows each year and the first year over, with the overrun."""
        argv = ["forecast", "--years", "2023-2027", "--growth", "contribution_subsidy.headcount=2%"]
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "2025年：合计   1,774,831.68 元" in out
        assert "2025年首次超出预算，超支 24,831.68 元" in out

    def test_sensitivity_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The tornado table puts the contribution subsidy's standard first (±138,600 元)."""
        assert main(["sensitivity"]) == 0
        out = capsys.readouterr().out
        first = next(line for line in out.splitlines() if "contribution_subsidy" in line)
        assert "per_capita" in first
        assert "138,600.00" in first


class TestSubsidyByGrade:
    def test_county_subsidy_by_grade(self, tmp_path: Path) -> None:
        """A county's 35 元 for the 100 元 grade is used; other grades fall back to 60 元."""
        path = tmp_path / "county.toml"
        path.write_text(
            '[[parameters]]\nkey = "contribution_subsidy.by_grade"\nkind = "yuan_by_grade"\n'
            'unit = "元/人·年"\nvalue = { "100" = "35" }\neffective = 2021-01-01\n'
            'source = { document = "某政〔2021〕1号", issuer = "某县人民政府" }\n',
            encoding="utf-8",
        )
        estimate = forward_estimate(
            payers_by_grade={"100": 10, "500": 10},
            as_of=MID_2022,
            parameters=load_parameters(path),
        )
        assert Yuan(950) == estimate.project.total
        assert "某政〔2021〕1号" in estimate.lines[0].derivation


class TestUnknownKeys:
    def test_misspelt_key_is_refused(self, tmp_path: Path) -> None:
        """A misspelt key in a county parameter file is an error naming it."""
        county = tmp_path / "county.toml"
        county.write_text(
            '[[parameters]]\nkey = "proxy.severe"\nkind = "yuan"\nunit = "元"\nvalue = "60"\n'
            "effective = 2022-01-01\nefective = 2022-01-01\n"
            'source = { document = "门政〔2022〕1号", issuer = "门源县人民政府" }\n',
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match="unknown key 'efective'"):
            load_parameter_file(county)


class TestNothingInForce:
    def test_says_why_nothing_is_listed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Before any value takes effect, `params` says so and names the earliest date."""
        assert main(["params", "--as-of", "2009-08-31"]) == 0
        out = capsys.readouterr().out
        assert "最早的参数于 2009-09-01 生效" in out
