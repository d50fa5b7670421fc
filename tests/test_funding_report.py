"""The report shows funding, execution and areas in zh and en; Menyuan's report is unchanged."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import openpyxl
import pytest

from pension_subsidy import (
    Execution,
    Yuan,
    load_dataset,
    render_report,
    render_report_html,
    render_report_xlsx,
)
from pension_subsidy.cli import main
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import load_budget_file
from pension_subsidy.output.report_funding import project_lines

EXAMPLE = Path(__file__).parent.parent / "examples" / "city-execution.toml"


@pytest.fixture(scope="module")
def city() -> Budget:
    """The example of a city and its two counties."""
    return load_budget_file(EXAMPLE)


class TestText:
    def test_chinese(self, city: Budget) -> None:
        """The funding split, the execution per component and the city's mismatch, in Chinese."""
        text = render_report(city, locale="zh_CN")
        assert (
            "        项目合计: 中央 0.00 元 (0%), 省级 1,400,000.00 元 (80%), "
            "市级 87,500.00 元 (5%), 县级 262,500.00 元 (15%)\n" in text
        )
        assert (
            "        重度残疾人代缴: 全年预算数 100,000.00 元 (10.00 万元), "
            "全年执行数 125,000.00 元 (12.50 万元), 执行率 125.00% (按全年预算数), "
            "超支 25,000.00 元, 实际人数 1,250 人\n" in text
        )
        assert "        主要来源: 重度残疾人代缴 25,000.00 元\n" in text
        assert (
            "        C00: 全年执行数表列 2,989,000.00 元，C01, C02 之和 2,987,000.00 元，"
            "相差 2,000.00 元\n" in text
        )

    def test_second_county_projects(self, city: Budget) -> None:
        """County B's project, not the report's first unit, is shown under the areas."""
        text = render_report(city, locale="zh_CN")
        assert "    乙县社会保险服务局 [C02] · 城乡居民养老保险补助资金 [county_b_fund]:\n" in text
        assert (
            "            主要来源: 县级缴费补贴 16,000.00 元, 重度残疾人代缴 4,000.00 元\n" in text
        )
        units = city.data()["units"]
        assert [("projects_data" in unit) for unit in units] == [False, False, True]
        severe = units[2]["projects_data"][0]["components"][1]
        assert (severe["executed_yuan"], severe["execution_rate_percent"]) == ("46000.00", "92.00")

    def test_english(self, city: Budget) -> None:
        """The same in English."""
        text = render_report(city, locale="en")
        assert "execution rate 100.40% (against the adjusted budget), overrun 7,000.00 yuan" in text
        assert (
            "C00: executed: stated 2,989,000.00 yuan, C01, C02 add up to 2,987,000.00 yuan, "
            "2,000.00 yuan apart" in text
        )
        assert "sum of the areas: central 100,000.00 yuan, province 2,300,000.00 yuan" in text

    def test_menyuan_shows_nothing_new(self) -> None:
        """A dataset stating no funding or execution gets no new line."""
        for locale in ("zh_CN", "en"):
            text = render_report(load_dataset(), locale=locale)
            for word in ("资金来源", "预算执行", "地区对比", "Funding", "Budget execution"):
                assert word not in text


class TestHtmlAndXlsx:
    def test_html(self, city: Budget) -> None:
        """The page has the funding and execution tables and lists the problem."""
        page = render_report_html(city)
        assert '<table class="funding split">' in page
        assert "<td>项目合计</td><td" in page
        assert '<td class="amount over">25,000.00</td>' in page
        assert "<li>C00: 全年执行数表列 2,989,000.00 元" in page

    def test_menyuan_html_has_no_funding(self) -> None:
        """The Menyuan page has no funding table."""
        assert "funding" not in render_report_html(load_dataset())

    def test_xlsx_sheet(self, city: Budget) -> None:
        """A third sheet with numbers: 1,757,000 executed at 100.40 %, 7,000 over."""
        book = openpyxl.load_workbook(io.BytesIO(render_report_xlsx(city)))
        assert book.sheetnames == ["汇总", "资金构成明细", "资金来源与执行"]
        rows = list(book["资金来源与执行"].iter_rows(values_only=True))
        project = next(row for row in rows if row[1] == "项目合计")
        assert project[2:8] == (1750000, 1750000, 1757000, 1.004, 7000, 52150)

    def test_menyuan_xlsx_keeps_two_sheets(self) -> None:
        """Menyuan's workbook has its two sheets only."""
        book = openpyxl.load_workbook(io.BytesIO(render_report_xlsx(load_dataset())))
        assert book.sheetnames == ["汇总", "资金构成明细"]


class TestCli:
    def test_report_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """report --format json on the example writes the added keys."""
        assert main(["report", str(EXAMPLE), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        project = data["projects"][0]
        assert project["execution_rate_percent"] == "100.40"
        assert project["funding"]["prefecture_yuan"] == "87500.00"
        assert data["area_checks"][0]["problems"][0]["values"]["difference_yuan"] == "2000.00"

    def test_malformed_share(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed funding share is an input error naming the file and field (exit 3)."""
        bad = tmp_path / "bad.toml"
        bad.write_text(
            EXAMPLE.read_text(encoding="utf-8").replace('county = "15%"', 'county = "15"'),
            encoding="utf-8",
        )
        assert main(["report", str(bad)]) == 3
        err = capsys.readouterr().err
        assert "bad.toml" in err
        assert "funding.county" in err


class TestLargeFigures:
    def test_yi_from_one_yi_on(self) -> None:
        """A figure of 1 亿元 or more is shown in 亿元 beside 元; a smaller one in 万元."""
        fund = load_dataset().project("county_supporting_fund")
        big = attrs.evolve(
            fund,
            execution=Execution(
                budget_adjusted=Yuan.from_wan("30075"), executed=Yuan.from_wan("175")
            ),
        )
        text = "\n".join(project_lines(big, "zh_CN"))
        assert "全年预算数 300,750,000.00 元 (3.0075 亿元)" in text
        assert "全年执行数 1,750,000.00 元 (175.00 万元)" in text
