"""The report: the JSON contract, the text form, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from pension_subsidy import Yuan, label, load_dataset, render_report, report_data
from pension_subsidy.cli import main
from pension_subsidy.disclosure import bundled_disclosure_text

SEED_COMPONENTS = {
    # key: (headcount, per_capita_yuan, amount_yuan), as the seed states them
    "contribution_subsidy": (71104, "19.49", "1386000.00"),
    "severe_disability_proxy": (1025, "60.49", "62000.00"),
    "mild_disability_proxy": (1238, "9.69", "12000.00"),
    "village_cadre_subsidy": (547, "87.75", "48000.00"),
    "land_loss_pension": (30, "1433.33", "43000.00"),
    "poverty_household_proxy": (6969, "19.95", "139000.00"),
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestJsonContract:
    def test_top_level(self) -> None:
        """Dataset, year, unit and the unit total of 190.04 万元."""
        data = report_data(load_dataset())
        assert data["dataset"] == "menyuan-2022"
        assert data["year"] == 2022
        assert data["unit"]["code"] == "501003"
        assert data["unit"]["name"] == "门源县社会保险服务局"
        assert data["total_yuan"] == "1900400.00"

    def test_projects(self) -> None:
        """Each project's appropriation, total, headroom and status, to the 分."""
        projects = {p["key"]: p for p in report_data(load_dataset())["projects"]}
        assert list(projects) == ["work_funds", "coordinator_allowance", "county_supporting_fund"]
        figures = {
            key: (p["appropriation_yuan"], p["total_yuan"], p["headroom_yuan"], p["status"])
            for key, p in projects.items()
        }
        assert figures == {
            "work_funds": ("85000.00", "85000.00", "0.00", "at"),
            "coordinator_allowance": ("65400.00", "65400.00", "0.00", "at"),
            "county_supporting_fund": ("1750000.00", "1690000.00", "60000.00", "within"),
        }
        assert projects["work_funds"]["components"] == []

    def test_components(self) -> None:
        """Every component of the county fund: headcount, per-capita and amount."""
        fund = report_data(load_dataset())["projects"][2]
        figures = {
            c["key"]: (c["headcount"], c["per_capita_yuan"], c["amount_yuan"])
            for c in fund["components"]
        }
        assert figures == SEED_COMPONENTS
        severe = fund["components"][1]
        assert severe["name_zh"] == "重度残疾人代缴"
        assert severe["name_en"] == "Proxy payment, severely disabled"
        assert severe["derivation"] == "62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）"

    def test_derivation_in_english(self) -> None:
        """Each component also carries its derivation in English words."""
        severe = report_data(load_dataset())["projects"][2]["components"][1]
        assert severe["derivation_en"] == (
            "62,000.00 yuan ÷ 1025 persons = 60.49 yuan/person (from the disclosed amount)"
        )

    def test_coordinator_component(self) -> None:
        """The coordinator allowance: 109 × 600 元 = 65,400 元."""
        coordinator = report_data(load_dataset())["projects"][1]["components"][0]
        assert (coordinator["key"], coordinator["headcount"]) == ("coordinator_allowance", 109)
        assert (coordinator["per_capita_yuan"], coordinator["amount_yuan"]) == (
            "600.00",
            "65400.00",
        )

    def test_money_strings_have_two_decimals(self) -> None:
        """Every *_yuan value is a string with exactly two decimals (or null)."""

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key.endswith("_yuan") and item is not None:
                        assert isinstance(item, str)
                        assert item.split(".")[1].__len__() == 2, (key, item)
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(report_data(load_dataset()))


class TestText:
    def test_chinese(self) -> None:
        """The Chinese text shows 元 and 万元 and the statuses."""
        text = render_report(load_dataset(), locale="zh_CN")
        assert "结余: 60,000.00 元 (6.00 万元)" in text
        assert "单位合计 (各项目预算之和): 1,900,400.00 元 (190.04 万元)" in text
        assert "恰好等于预算" in text

    def test_english(self) -> None:
        """The English text uses English labels."""
        text = render_report(load_dataset(), locale="en")
        assert "Headroom: 60,000.00 yuan" in text
        assert "Status: within" in text
        assert label("status_over", "en") == "over"

    def test_stated_unit_total_that_differs_is_flagged(self) -> None:
        """A unit amount that is not the sum of its projects is marked, with both figures."""
        budget = load_dataset()
        units = (budget.units[0], attrs.evolve(budget.units[1], stated_total=Yuan.from_wan("190")))
        text = render_report(attrs.evolve(budget, units=units), locale="en")
        assert "Unit amount as stated: 1,900,000.00 yuan (190.00 wan yuan)  ≠ differs" in text
        assert "≠" not in render_report(budget, locale="en")

    def test_over_shows_drivers(self) -> None:
        """An over-budget project names its overrun and drivers."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        squeezed = budget.replace_project(attrs.evolve(fund, appropriation=fund.total - Yuan(100)))
        text = render_report(squeezed, locale="en")
        assert "Overrun: 100.00 yuan; Driven by: Contribution subsidy 82.01 yuan" in text


class TestCli:
    def test_report_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`report --format json` prints the contract."""
        code, out, _ = _run(capsys, "report", "--format", "json")
        assert code == 0
        assert json.loads(out) == report_data(load_dataset())

    def test_report_text_locales(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--locale en` switches labels."""
        assert _run(capsys, "report", "--locale", "en")[1].startswith("Social Insurance")
        assert "门源县社会保险服务局" in _run(capsys, "report")[1]

    def test_unknown_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown locale is a usage error without a traceback."""
        code, _, err = _run(capsys, "report", "--locale", "xx_YY_ZZ")
        assert code == 2
        assert "locale" in err
        assert "Traceback" not in err

    def test_unreadable_source(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A source that cannot be read exits 3 with the file named."""
        bad = tmp_path / "bad.toml"
        bad.write_text("[dataset", encoding="utf-8")
        code, _, err = _run(capsys, "report", str(bad))
        assert code == 3
        assert str(bad) in err
        assert "Traceback" not in err

    def test_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing command is a usage error (exit 2)."""
        assert _run(capsys, "--format")[0] == 2
        assert _run(capsys, "--help")[0] == 0

    def test_module_entry_point(self) -> None:
        """`python -m pension_subsidy report --format json` works as a process."""
        result = subprocess.run(
            [sys.executable, "-m", "pension_subsidy", "report", "--format", "json"],
            capture_output=True,
            check=True,
        )
        assert json.loads(result.stdout.decode("utf-8"))["total_yuan"] == "1900400.00"


class TestExitCodes:
    def test_unsolvable_is_a_check_result(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A solve with no value that fits exits 1 with the numbers, not a usage error."""
        code, _, err = _run(
            capsys, "solve", "--vary", "poverty_household_proxy.per_capita",
            "--set", "contribution_subsidy.headcount=+30%",
        )  # fmt: skip
        assert code == 1
        assert "1,750,000.00 元" in err
        assert "Traceback" not in err

    def test_bad_spent_in_actuals_is_unreadable_input(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A negative amount spent exits 3 naming the file, line and field."""
        actuals = tmp_path / "actuals.toml"
        actuals.write_text('[projects.county_supporting_fund]\nspent = "-172万元"\n', "utf-8")
        code, _, err = _run(capsys, "evaluate", "--actuals", str(actuals))
        assert code == 3
        assert f"{actuals}:2:" in err
        assert "project None" not in err

    def test_table_source_with_bundled_actuals(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Actuals written for the bundled dataset score the same table read from a file."""
        table = Path(__file__).parent / "data" / "menyuan-2022-disclosure.txt"
        assert table.read_bytes() == bundled_disclosure_text()
        actuals = Path(__file__).parents[1] / "examples" / "actuals-2022.toml"
        code, out, _ = _run(
            capsys, "evaluate", str(table), "--actuals", str(actuals), "--format", "json"
        )
        assert code == 0
        scores = {p["key"]: p["score"] for p in json.loads(out)["projects"]}
        assert scores["county_supporting_fund"] == "91.50"


class TestCliLimits:
    def test_forecast_span_is_limited(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A forecast over thousands of years is refused with the limit, not a traceback."""
        argv = ["forecast", "--years", "2023-9999", "--growth", "contribution_subsidy.headcount=2%"]
        assert main(argv) == 2
        assert "at most 50 years" in capsys.readouterr().err

    def test_absurd_figure_is_an_error_not_a_traceback(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A standard beyond what Decimal can format exits 2 with one line."""
        argv = ["scenario", "--set", "contribution_subsidy.per_capita=99999999999999999999999"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "too large" in err
        assert "Traceback" not in err

    def test_solve_names_the_project_without_the_component(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Varying a component in a project that lacks it says so plainly."""
        argv = ["solve", "--vary", "severe_disability_proxy.per_capita", "--project", "work_funds"]
        assert main(argv) == 2
        assert "project work_funds has no component 'severe_disability_proxy'" in (
            capsys.readouterr().err
        )

    @pytest.mark.parametrize("argv", [["-5"], ["10", "--corrupt", "1.5"]])
    def test_synth_roster_usage(self, argv: list[str], tmp_path: Path) -> None:
        """A negative count or a corrupt share above 1 is a usage error (exit 2)."""
        assert main(["synth-roster", *argv, "-o", str(tmp_path / "r.csv")]) == 2
