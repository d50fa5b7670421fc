"""The text of scenario, solve, forecast, sensitivity, params and plan-check in zh_CN and en."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given

from pension_subsidy import (
    Budget,
    format_number,
    format_yuan,
    load_dataset,
    render_plan_check,
    render_sensitivity,
    render_solution,
    sensitivity,
    solve,
)
from pension_subsidy.cli import main
from tests.strategies import fund_budgets, solvable_budgets

#: Chinese characters and full-width punctuation: none may appear in English text.
HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Keys in brackets are typed by users and stay as they are in Chinese text.
BRACKETED_KEY = re.compile(r"\[[a-z_.]+\]")
LATIN = re.compile(r"[A-Za-z]")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


class TestScenarioText:
    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: totals in 元 with the statuses and the component's Chinese name and key."""
        code, out = _run(capsys, "scenario", "--set", "severe_disability_proxy.per_capita=60")
        assert code == 0
        assert out.startswith("情景测算：severe_disability_proxy.per_capita=60\n")
        assert (
            "  城乡居民养老保险县级配套资金 [county_supporting_fund]：1,690,000.00 元 → "
            "1,689,500.00 元（-500.00 元，-0.03%），未超预算 → 未超预算\n"
        ) in out
        assert (
            "    重度残疾人代缴 [severe_disability_proxy]：62,000.00 元 → 61,500.00 元"
            "（-500.00 元，-0.81%）；人均 60.49 元 → 60.00 元\n"
        ) in out
        assert LATIN.search(BRACKETED_KEY.sub("", out.split("\n", 1)[1])) is None

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: the same figures in yuan, English statuses and names, no Chinese at all."""
        code, out = _run(
            capsys, "scenario", "--set", "severe_disability_proxy.per_capita=60", "--locale", "en"
        )
        assert code == 0
        assert (
            "  County supporting fund for the urban-rural residents' pension "
            "[county_supporting_fund]: 1,690,000.00 yuan → 1,689,500.00 yuan "
            "(-500.00 yuan, -0.03%), within → within\n"
        ) in out
        assert "Proxy payment, severely disabled [severe_disability_proxy]: 62,000.00 yuan" in out
        assert HAN.search(out) is None

    def test_status_and_appropriation_change(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A scenario that goes over says within → over and shows the new appropriation."""
        argv = ("scenario", "--set", "contribution_subsidy.headcount=+3%",
                "--set", "county_supporting_fund.appropriation=1700000")  # fmt: skip
        _, chinese = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert "未超预算 → 超出预算；预算金额 1,750,000.00 元 → 1,700,000.00 元" in chinese
        assert "；人数 71,104 → 73,237" in chinese
        assert "within → over; appropriation 1,750,000.00 yuan → 1,700,000.00 yuan" in english
        assert "; headcount 71,104 → 73,237" in english

    def test_no_overrides(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without overrides the text says it is the baseline and that nothing changed."""
        _, chinese = _run(capsys, "scenario")
        _, english = _run(capsys, "scenario", "--locale", "en")
        assert chinese.startswith("情景测算：（无调整，即基线）\n")
        assert chinese.endswith("\n变化：无\n")
        assert english.startswith("Scenario: (no overrides: the baseline)\n")
        assert english.endswith("\nChanges: none\n")

    def test_json_is_the_same_in_every_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale changes only the text: the JSON contract is identical."""
        argv = ("scenario", "--set", "severe_disability_proxy.per_capita=60", "--format", "json")
        _, plain = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert json.loads(plain) == json.loads(english)

    def test_unknown_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown locale is a usage error (exit 2) naming it."""
        assert main(["scenario", "--locale", "xx_YY"]) == 2
        assert "xx_YY" in capsys.readouterr().err


class TestSolveText:
    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: 28.55 元, the total it gives, the derivation and one 分 more, in Chinese."""
        code, out = _run(capsys, "solve", "--vary", "poverty_household_proxy.per_capita")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == (
            "建档立卡贫困户代缴·人均标准 [poverty_household_proxy.per_capita] = 28.55 元"
            "（原为 19.95 元）"
        )
        assert (
            "合计 1,749,964.95 元，预算金额 1,750,000.00 元，结余 35.05 元，状态：未超预算"
            in (lines[1])
        )
        assert lines[2] == (
            "  计算过程：(1,750,000.00 元 − 1,551,000.00 元 其他构成) ÷ 6,969 = 28.555029… 元 "
            "→ 28.55 元（向下取至分）"
        )
        assert lines[3] == "  再多 1 分：合计 1,750,034.64 元，超出预算"

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: 28.55 yuan and one fen more, with no Chinese at all."""
        _, out = _run(
            capsys, "solve", "--vary", "poverty_household_proxy.per_capita", "--locale", "en"
        )
        assert "[poverty_household_proxy.per_capita] = 28.55 yuan (was 19.95 yuan)" in out
        assert "  One fen more: total 1,750,034.64 yuan, over the appropriation\n" in out
        assert HAN.search(out) is None

    def test_headcount_in_persons(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A headcount is answered in persons, and one person more goes over."""
        argv = ("solve", "--vary", "village_cadre_subsidy.headcount")
        _, chinese = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert "= 1,230 人（原为 547 人）" in chinese
        assert "再多 1 人：合计 1,750,021.94 元，超出预算" in chinese
        assert "= 1,230 persons (was 547 persons)" in english
        assert "One more person: total 1,750,021.94 yuan, over the appropriation" in english
        assert HAN.search(english) is None

    def test_appropriation_needed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The appropriation a scenario needs is named as the project's appropriation."""
        argv = ("solve", "--set", "contribution_subsidy.headcount=+10%",
                "--vary", "county_supporting_fund.appropriation")  # fmt: skip
        _, chinese = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert "计算过程：所需预算金额即项目合计：1,828,592.20 元" in chinese
        assert "Derivation: the appropriation needed is the project total: 1,828,592.20 yuan" in (
            english
        )

    @given(solvable_budgets())
    def test_any_solution_reads_in_one_language(self, case: tuple[Budget, str]) -> None:
        """Any solved standard or headcount: English without Chinese, Chinese without Latin
        letters beyond the keys, both with the exact total."""
        budget, key = case
        for field in ("per_capita", "headcount"):
            if field == "headcount":
                assume(budget.project("fund").component(key).per_capita_exact)
            solution = solve(budget, f"{key}.{field}")
            english = render_solution(solution, "en")
            chinese = render_solution(solution, "zh_CN")
            assert HAN.search(english) is None
            assert LATIN.search(BRACKETED_KEY.sub("", chinese)) is None
            assert f"{format_yuan(solution.total, 'en')} yuan" in english
            assert f"{format_yuan(solution.total, 'zh_CN')} 元" in chinese


class TestForecastText:
    ARGV = ("forecast", "--years", "2023-2027", "--growth", "contribution_subsidy.headcount=2%")

    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: each year with 年, and 2025 as the first year over by 24,831.68 元."""
        code, out = _run(capsys, *self.ARGV)
        assert code == 0
        assert "    2025年：合计   1,774,831.68 元  预算金额   1,750,000.00 元  结余     " in out
        assert "-24,831.68 元  超出预算\n" in out
        assert "    2025年首次超出预算，超支 24,831.68 元\n" in out
        assert "    所列年度内均未超出预算\n" in out
        assert "取整规则：自基准年度复利计算" in out

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: the same years and overrun in yuan, with no Chinese at all."""
        _, out = _run(capsys, *self.ARGV, "--locale", "en")
        assert "    2025: total   1,774,831.68 yuan  appropriation   1,750,000.00 yuan" in out
        assert "    first over in 2025, by 24,831.68 yuan\n" in out
        assert "    never over in these years\n" in out
        assert HAN.search(out) is None

    def test_json_is_the_same_in_every_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale changes only the text: the JSON contract is identical."""
        _, plain = _run(capsys, *self.ARGV, "--format", "json")
        _, english = _run(capsys, *self.ARGV, "--format", "json", "--locale", "en")
        assert json.loads(plain) == json.loads(english)


class TestSensitivityText:
    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: the contribution subsidy's standard first, ±138,600.00 元, named in Chinese."""
        code, out = _run(capsys, "sensitivity")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].startswith("敏感性分析：各输入单独变动 ±10%")
        assert lines[2] == (
            "   -138,600.00    +138,600.00     277,200.00  县级缴费补贴·人均标准 "
            "[contribution_subsidy.per_capita]（城乡居民养老保险县级配套资金）"
        )

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: a 5 % step, the same ordering, English names, no Chinese at all."""
        _, out = _run(capsys, "sensitivity", "--percent", "5", "--locale", "en")
        lines = out.splitlines()
        assert lines[0].startswith("Sensitivity: each input moved by ±5% on its own")
        assert "-69,300.00" in lines[2]
        assert (
            "Contribution subsidy — per-capita standard [contribution_subsidy.per_capita]"
            in (lines[2])
        )
        assert HAN.search(out) is None

    @given(fund_budgets())
    def test_any_budget_reads_in_one_language(self, budget: Budget) -> None:
        """Any fund's tornado table: English without Chinese, Chinese without Latin letters
        beyond the keys."""
        rows = sensitivity(budget)
        english = render_sensitivity(budget, rows, Decimal(10), "en")
        chinese = render_sensitivity(budget, rows, Decimal(10), "zh_CN")
        assert HAN.search(english) is None
        assert LATIN.search(BRACKETED_KEY.sub("", chinese)) is None
        assert len(english.splitlines()) == len(chinese.splitlines()) == 2 + max(len(rows), 1)

    def test_nothing_to_move(self) -> None:
        """A table without rows says there is no input rather than printing a bare header."""
        text = render_sensitivity(load_dataset(), (), Decimal(10), "zh_CN")
        assert text.splitlines()[-1] == "（无可变动的输入）"


class TestParamsText:
    def _block(self, out: str, key: str) -> str:
        return out.split(f"[{key}]\n")[1].split("■", maxsplit=1)[0]

    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: the minimum subsidy's Chinese name, value, date and issuing body."""
        code, out = _run(capsys, "params", "--as-of", "2022-06-30")
        assert code == 0
        assert "■ 缴费补贴最低标准 [contribution_subsidy.minimum]\n" in out
        block = self._block(out, "contribution_subsidy.minimum")
        assert "    数值：30.00 元/人·年（2014-02-21 起施行）\n" in block
        assert "    依据：国务院 国发〔2014〕8号《" in block
        assert "来源文件：national.toml（内置）" in block
        groups = self._block(out, "proxy_payment.eligible_groups")
        assert "重度残疾人 [severe_disability_proxy]、建档立卡贫困户 [poverty_household_proxy]" in (
            groups
        )

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: the English name, yuan per person per year, and the State Council as issuer."""
        _, out = _run(capsys, "params", "--as-of", "2022-06-30", "--locale", "en")
        assert "■ Minimum contribution subsidy per payer [contribution_subsidy.minimum]\n" in out
        block = self._block(out, "contribution_subsidy.minimum")
        assert "    Value: 30.00 yuan per person per year (effective 2014-02-21)\n" in block
        assert "    Source: State Council, 国发〔2014〕8号" in block
        assert "grades of 500 yuan and above" in out
        assert "1,000.00, 1,500.00, 2,000.00 yuan per year" in out

    def test_nothing_in_force(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Before any value takes effect, both languages say so and name the earliest date."""
        # the earliest national value (55 元 from 2009) may move as sources are found
        _, chinese = _run(capsys, "params", "--as-of", "2000-01-01")
        _, english = _run(capsys, "params", "--as-of", "2000-01-01", "--locale", "en")
        assert "无：截至该日尚无参数生效（最早的参数于 20" in chinese
        assert "none: no parameter had taken effect by then (the earliest takes effect on " in (
            english
        )

    def test_earliest_looks_under_a_county_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """With a county file from 2021, the earliest date is still the national one."""
        county = tmp_path / "county.toml"
        county.write_text(
            '[[parameters]]\nkey = "proxy.mild"\nkind = "yuan"\nunit = "元/人·年"\nvalue = "50"\n'
            "effective = 2021-01-01\n"
            'source = { document = "门政〔2021〕1号", issuer = "门源县人民政府" }\n',
            encoding="utf-8",
        )
        _, out = _run(capsys, "params", "--as-of", "2000-01-01", "--file", str(county))
        assert "最早的参数于 20" in out
        assert "最早的参数于 2021-01-01" not in out

    def test_county_unit_word_by_word(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A county's own unit reads word by word in English; its issuer stays as written."""
        county = tmp_path / "county.toml"
        county.write_text(
            '[[parameters]]\nkey = "proxy.mild"\nkind = "yuan"\nunit = "元/人·月"\nvalue = "50"\n'
            "effective = 2021-01-01\n"
            'source = { document = "门政〔2021〕1号", issuer = "门源县人民政府" }\n',
            encoding="utf-8",
        )
        argv = ("params", "--as-of", "2022-06-30", "--file", str(county))
        _, chinese = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert "■ proxy.mild\n    数值：50.00 元/人·月（2021-01-01 起施行）" in chinese
        assert "    Value: 50.00 yuan/person/month (effective 2021-01-01)" in english
        assert "    Source: 门源县人民政府, 门政〔2021〕1号" in english

    def test_subsidy_by_grade(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A county's subsidy by grade reads grade by grade in either language."""
        county = tmp_path / "county.toml"
        county.write_text(
            '[[parameters]]\nkey = "contribution_subsidy.by_grade"\nkind = "yuan_by_grade"\n'
            'unit = "元/人·年"\nvalue = { "100" = "35", "500" = "65" }\n'
            "effective = 2021-01-01\n"
            'source = { document = "某政〔2021〕1号", issuer = "某县人民政府" }\n',
            encoding="utf-8",
        )
        argv = ("params", "--as-of", "2022-06-30", "--file", str(county))
        _, chinese = _run(capsys, *argv)
        _, english = _run(capsys, *argv, "--locale", "en")
        assert "数值：100.00 元档 35.00、500.00 元档 65.00 元/人·年（2021-01-01 起施行）" in chinese
        assert (
            "Value: grade 100.00: 35.00, grade 500.00: 65.00 yuan per person per year "
            "(effective 2021-01-01)"
        ) in english


class TestPlanCheckText:
    def test_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """zh_CN: 万元 to two places (8.50, not 8.5), Chinese statuses; 96,410 meets ≥91,700."""
        code, out = _run(capsys, "plan-check")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "绩效目标与测算数对照"
        assert lines[1] == (
            "警告     养老保险征收发放工作经费 [work_funds] · 单位工作运转成本：目标 ≤13.80 万元，"
            "预算金额 8.50 万元，差额 -5.30 万元"
        )
        assert (
            "一致     乡镇养老保险协办员工作补贴 [coordinator_allowance] · 养老保险参保人数："
            "目标 ≥91,700 人，城乡居民养老保险县级配套资金 [county_supporting_fund] 预计参保人数 "
            "96,410 人，差额 +4,710 人"
        ) in lines
        assert "项目合计 169.00 万元，差额 -6.00 万元" in out

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """en: wan yuan to two places, English statuses and names; indicators as the plan wrote."""
        code, out = _run(capsys, "plan-check", "--locale", "en")
        assert code == 0
        assert (
            "ok       Township pension coordinator allowance [coordinator_allowance] · "
            "村级协办员人数: target 109 persons, Village coordinator allowance "
            "[coordinator_allowance] headcount 109 persons, difference 0 persons"
        ) in out
        assert "target ≤175.00 wan yuan, project total 169.00 wan yuan, difference -6.00" in out
        assert "\nok       Township pension coordinator allowance" in out
        assert "mismatch" not in out

    def test_json_is_the_same_in_every_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale changes only the text: the JSON keeps the plan's own figures (8.5)."""
        _, plain = _run(capsys, "plan-check", "--format", "json")
        _, english = _run(capsys, "plan-check", "--format", "json", "--locale", "en")
        assert json.loads(plain) == json.loads(english)
        assert json.loads(plain)["findings"][0]["figure"] == "8.5"

    def test_no_findings(self) -> None:
        """A plan with no target tied to the fund model says so under the title."""
        text = render_plan_check(load_dataset(), (), "en")
        assert text == (
            "Performance targets against the computed figures\n"
            "(no target restates a figure of the fund model)\n"
        )


class TestFormatNumber:
    def test_rounds_half_up(self) -> None:
        """0.125 shows as 0.13 (四舍五入), not 0.12 as babel's half-even would."""
        assert format_number(Decimal("0.125"), "en", places=2) == "0.13"

    def test_negative_and_grouping(self) -> None:
        """A negative figure keeps its sign and the thousands are grouped."""
        assert format_number(Decimal("-12345.6"), "zh_CN", places=2) == "-12,345.60"
