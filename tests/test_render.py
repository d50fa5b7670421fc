"""The report and the self-evaluation as printable HTML pages and as .xlsx workbooks."""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given

from pension_subsidy import (
    Actuals,
    Budget,
    MissingDependencyError,
    ProjectActuals,
    UnknownKeyError,
    Weights,
    Yuan,
    evaluate,
    load_dataset,
    read_actuals,
    render_evaluation_html,
    render_evaluation_xlsx,
    render_report_html,
    render_report_xlsx,
)
from pension_subsidy.cli import main
from pension_subsidy.disclosure import load_bundled_disclosure
from pension_subsidy.evaluation.scoring import Evaluation, Measured
from pension_subsidy.model.indicators import Level1
from pension_subsidy.output.disclosure_table import render_xlsx
from pension_subsidy.output.labels import render_label
from pension_subsidy.output.workbook import sheet_name
from tests.strategies import fund_budgets

ACTUALS = Path(__file__).parent.parent / "examples" / "actuals-2022.toml"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.com","x")'


def _worked_case() -> Evaluation:
    budget = load_dataset()
    return evaluate(budget, read_actuals(ACTUALS, budget))


def _renamed(budget: Budget, name: str) -> Budget:
    """The bundled budget with the county fund renamed ``name``."""
    fund = budget.project("county_supporting_fund")
    return budget.replace_project(attrs.evolve(fund, name_zh=name))


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # formulas: their results


def _number(cell: Any) -> Decimal:
    """A numeric cell's value as a Decimal (openpyxl reads numbers back as int or float)."""
    assert cell.data_type == "n", f"{cell.coordinate} holds {cell.value!r}, not a number"
    return Decimal(str(cell.value))


def _row_of(sheet: Any, column: int, value: str) -> int:
    """The number of the first row whose cell in ``column`` holds ``value``."""
    for row in sheet.iter_rows(min_col=column, max_col=column):
        if row[0].value == value:
            return int(row[0].row)
    raise AssertionError(f"no row with {value!r} in column {column}")


def _row(sheet: Any, first_cell: str) -> int:
    """The number of the row whose column A holds ``first_cell``."""
    return _row_of(sheet, 1, first_cell)


class TestReportHtml:
    def test_real_figures(self):
        """The page holds the county fund's components, its check and the unit totals."""
        page = render_report_html(load_dataset())
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert "@media print" in page
        assert (
            '<tr><td>重度残疾人代缴</td><td class="amount">1,025</td><td class="amount">60.49'
            '</td><td class="amount">62,000.00</td><td class="amount">6.20</td>'
            '<td class="derivation">62,000.00 元 ÷ 1025 人 = 60.49 元/人'
            "（按公开金额倒算）</td></tr>"
        ) in page
        assert (
            '<tr><th>合计</th><td class="amount">1,690,000.00</td><td class="amount">169.00</td>'
        ) in page
        assert (
            '<tr><th>结余</th><td class="amount">60,000.00</td><td class="amount">6.00</td>'
        ) in page
        assert '<td class="amount" colspan="2">96.57%</td>' in page
        assert '<td class="status" colspan="2">未超预算</td>' in page
        assert "1,900,400.00" in page
        assert "与各项目预算之和一致" in page
        assert "未列明构成，合计按预算金额计" in page

    def test_english(self):
        """English labels, the 万元 legend and English derivations."""
        page = render_report_html(load_dataset(), locale="en")
        assert '<html lang="en">' in page
        assert "<th>Headroom</th>" in page
        assert "1 wan yuan (万元) = 10,000 yuan" in page
        assert "62,000.00 yuan ÷ 1025 persons = 60.49 yuan/person" in page
        assert "(城乡居民养老保险县级配套资金) [county_supporting_fund]</h2>" in page
        assert "residents&#x27; pension" in page  # the English name's apostrophe, escaped

    def test_names_are_escaped(self):
        """A name holding markup is shown as text, never run."""
        page = render_report_html(_renamed(load_dataset(), SCRIPT))
        assert "<script>" not in page
        assert "<h2>&lt;script&gt;alert(1)&lt;/script&gt; [county_supporting_fund]</h2>" in page

    def test_over_budget_names_overrun_and_drivers(self):
        """A project over its appropriation shows the overrun, its drivers and a red status."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        squeezed = budget.replace_project(attrs.evolve(fund, appropriation=fund.total - Yuan(100)))
        page = render_report_html(squeezed, locale="en")
        assert '<td class="status-over" colspan="2">over</td>' in page
        assert (
            '<tr><th>Overrun</th><td class="amount">100.00</td><td class="amount">0.01</td>' in page
        )
        assert "contribution_subsidy 82.01" in page

    def test_no_stated_total(self):
        """A unit without a stated total shows only the sum of its projects."""
        budget = load_dataset()
        units = (budget.units[0], attrs.evolve(budget.units[1], stated_total=None))
        page = render_report_html(attrs.evolve(budget, units=units))
        assert "单位合计 (各项目预算之和)" in page
        assert "表列单位金额" not in page

    def test_stated_total_that_differs(self):
        """A stated unit total that is not the sum of the projects is flagged."""
        budget = load_dataset()
        units = (budget.units[0], attrs.evolve(budget.units[1], stated_total=Yuan.from_wan("190")))
        page = render_report_html(attrs.evolve(budget, units=units))
        assert '<td class="status-over">≠ 与各项目预算之和不符</td>' in page
        assert '<td class="amount">1,900,000.00</td><td class="amount">190.00</td>' in page


class TestReportXlsx:
    def test_summary_figures_are_numbers(self):
        """Appropriation, total and headroom of the county fund in 元 and 万元, as numbers."""
        sheet = _book(render_report_xlsx(load_dataset()))["汇总"]
        row = _row(sheet, "county_supporting_fund")
        figures = [_number(sheet.cell(row=row, column=column)) for column in range(3, 10)]
        assert figures == [
            Decimal("1750000.00"), Decimal("175.00"),
            Decimal("1690000.00"), Decimal("169.00"),
            Decimal("60000.00"), Decimal("6.00"),
            Decimal("0.9657"),
        ]  # fmt: skip
        formats = [sheet.cell(row=row, column=column).number_format for column in range(3, 10)]
        assert formats == ["#,##0.00", '#,##0.00"万元"'] * 3 + ["0.00%"]
        assert sheet.cell(row=row, column=10).value == "未超预算"

    def test_unit_totals(self):
        """The unit total and the stated total, with a note that they agree."""
        sheet = _book(render_report_xlsx(load_dataset()))["汇总"]
        total = _row(sheet, "501003")
        assert [Decimal("1900400.00"), Decimal("190.04")] == [
            _number(sheet.cell(row=total, column=3)), _number(sheet.cell(row=total, column=4))
        ]  # fmt: skip
        assert sheet.cell(row=total + 1, column=2).value == "表列单位金额"
        assert sheet.cell(row=total + 1, column=5).value == "与各项目预算之和一致"

    def test_merged_header(self):
        """Title and unit lines span the table; each money figure's header spans 元 and 万元."""
        sheet = _book(render_report_xlsx(load_dataset()))["汇总"]
        merged = {str(cells) for cells in sheet.merged_cells.ranges}
        assert {"A1:J1", "A2:J2", "C3:D3", "E3:F3", "G3:H3", "A3:A4", "I3:I4"} <= merged
        assert [
            sheet["C3"].value,
            sheet["C4"].value,
            sheet["D4"].value,
        ] == ["预算金额", "元", "万元"]

    def test_components_sheet(self):
        """Headcounts are integers, per-capita and amounts numbers, derivations wrapped text."""
        sheet = _book(render_report_xlsx(load_dataset()))["资金构成明细"]
        row = _row_of(sheet, 2, "重度残疾人代缴")
        assert sheet.cell(row, 3).value == 1025
        assert isinstance(sheet.cell(row, 3).value, int)
        assert [Decimal("60.49"), Decimal("62000.00"), Decimal("6.20")] == [
            _number(sheet.cell(row, column)) for column in (4, 5, 6)
        ]
        derivation = sheet.cell(row, 7)
        assert derivation.value == "62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）"
        assert derivation.alignment.wrap_text

    def test_wan_is_rounded_half_up_before_writing(self):
        """1,250 元 is written as 0.13 万元 (四舍五入), not 0.125 for Excel to round half-even."""
        budget = load_dataset()
        work = budget.project("work_funds")
        small = budget.replace_project(attrs.evolve(work, appropriation=Yuan("1250")))
        sheet = _book(render_report_xlsx(small))["汇总"]
        row = _row(sheet, "work_funds")
        assert Decimal("0.13") == _number(sheet.cell(row=row, column=4))

    def test_formula_looking_name_is_neutralised(self):
        """A name that starts with = is written as text with a leading ', never as a formula."""
        book = _book(render_report_xlsx(_renamed(load_dataset(), FORMULA)))
        cell = book["汇总"].cell(row=_row(book["汇总"], "county_supporting_fund"), column=2)
        assert (cell.value, cell.data_type) == ("'" + FORMULA, "s")
        names = [row[0] for row in book["资金构成明细"].iter_rows(values_only=True)]
        assert "'" + FORMULA in names

    def test_english_sheets(self):
        """English sheet names and headers."""
        book = _book(render_report_xlsx(load_dataset(), locale="en"))
        assert book.sheetnames == ["Summary", "Components"]
        assert book["Summary"]["G3"].value == "Headroom"

    @given(fund_budgets())
    def test_every_amount_reads_back_exactly(self, budget):
        """Whatever the budget, each summary figure reads back as the check's exact 元 and 万元."""
        check = budget.project("fund").check()
        sheet = _book(render_report_xlsx(budget))["汇总"]
        row = _row(sheet, "fund")
        for column, amount in ((3, check.appropriation), (5, check.total), (7, check.headroom)):
            assert amount.value == _number(sheet.cell(row=row, column=column))
            assert amount.to_wan() == _number(sheet.cell(row=row, column=column + 1))


class TestEvaluationHtml:
    def test_worked_case(self):
        """The county fund's 91.50 and 优, its execution row and its shortfalls with reasons."""
        page = render_evaluation_html(_worked_case())
        assert (
            '<tr class="total"><td colspan="5">总分</td><td class="number">100.00</td>'
            '<td class="number">91.50</td><td colspan="2">自评等级: 优</td></tr>'
        ) in page
        assert (
            '<td class="number">175.00</td><td class="number">172.00</td>'
            '<td class="number">98.29%</td><td class="number">10.00</td>'
            '<td class="number">9.83</td>'
        ) in page
        assert (
            '<tr><td rowspan="9">产出指标</td><td rowspan="3">数量指标</td><td>预计参保人数</td>'
            '<td>96410人</td><td>91700人</td><td class="number">5.56</td>'
            '<td class="number">5.28</td><td>部分完成</td>'
            '<td class="shortfall"><p>差距: -4710人</p>'
            "<p>偏差原因: 外出务工人员增加，部分人员在务工地参保</p>"
        ) in page
        assert "<p>改进措施: （未填写）</p>" in page  # the coordinator's 参保率 has no measure
        assert "未评价 (实际完成值文件未列出): work_funds" in page
        headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "完成情况", "偏差原因分析及改进措施"]  # fmt: skip
        assert "<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>" in page

    def test_english(self):
        """English labels and grade."""
        page = render_evaluation_html(_worked_case(), locale="en")
        assert '<html lang="en">' in page
        assert "Grade: excellent (优)" in page
        assert '<td rowspan="9">Output</td><td rowspan="3">quantity</td>' in page

    def test_texts_are_escaped(self):
        """A reason holding markup is shown as text, never run."""
        fund = load_dataset().project("county_supporting_fund")
        actuals = ProjectActuals.all_met(fund).with_value(
            "受益群众满意度", Measured(Decimal(85), "%")
        )
        actuals = attrs.evolve(actuals, reasons={"受益群众满意度": SCRIPT})
        page = render_evaluation_html(evaluate(load_dataset(), Actuals([actuals])))
        assert "<script>" not in page
        assert "<p>偏差原因: &lt;script&gt;alert(1)&lt;/script&gt;</p>" in page

    def test_missing_actuals_are_listed(self):
        """Indicators without an actual are marked 未填报 and listed under the table."""
        fund = load_dataset().project("county_supporting_fund")
        actuals = ProjectActuals(
            fund.key, spent=None, values={"预计参保人数": Measured(96410, "人")}
        )
        page = render_evaluation_html(evaluate(load_dataset(), Actuals([actuals])))
        assert '<p class="missing">未填报实际完成值的指标 (得 0 分): 预计缴费人数、' in page
        assert '<td class="number">—</td><td class="number">—</td>' in page


class TestEvaluationLayout:
    def test_every_project_evaluated_and_some_missing(self):
        """No skipped line when every project is evaluated; missing actuals listed in the sheet."""
        budget = load_dataset()
        everything = [ProjectActuals.all_met(project) for project in budget.projects]
        everything[0] = ProjectActuals(
            budget.projects[0].key, spent=budget.projects[0].appropriation
        )
        evaluation = evaluate(budget, Actuals(everything))
        assert "未评价" not in render_evaluation_html(evaluation)
        book = _book(render_evaluation_xlsx(evaluation))
        overview = [cell for row in book["自评总览"].iter_rows(values_only=True) for cell in row]
        assert not any(isinstance(cell, str) and cell.startswith("未评价") for cell in overview)
        notes = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]
        assert any(
            str(note).startswith("未填报实际完成值的指标 (得 0 分): 工作运转人数") for note in notes
        )

    def test_a_level_without_indicators_has_no_rows(self):
        """A 一级指标 weighted 0 and without indicators gets neither rows nor a subtotal."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        output_only = attrs.evolve(
            fund, indicators=[i for i in fund.indicators if i.level1 is Level1.OUTPUT]
        )
        budget = budget.replace_project(output_only)
        weights = Weights(output="90", benefit="0", satisfaction="0")
        actuals = attrs.evolve(ProjectActuals.all_met(output_only), weights=weights)
        page = render_evaluation_html(evaluate(budget, Actuals([actuals])))
        assert "产出指标 小计" in page
        assert "效益指标" not in page
        assert '<td class="number">100.00</td><td colspan="2">自评等级: 优</td>' in page


class TestLabels:
    def test_unknown_label(self):
        """An unknown label key names the known ones."""
        with pytest.raises(UnknownKeyError, match="no label 'nonsense'") as caught:
            render_label("nonsense")
        assert "sheet_summary" in caught.value.known


class TestEvaluationXlsx:
    def test_worked_case_numbers(self):
        """Scores, weights, the rate and the 万元 amounts read back as exact numbers."""
        book = _book(render_evaluation_xlsx(_worked_case()))
        assert book.sheetnames == [
            "自评总览",
            "乡镇养老保险协办员工作补贴",
            "城乡居民养老保险县级配套资金",
        ]
        overview = book["自评总览"]
        row = _row(overview, "county_supporting_fund")
        assert (Decimal("91.50"), "优", Decimal("0.9829")) == (
            _number(overview.cell(row, 3)), overview.cell(row, 4).value,
            _number(overview.cell(row, 5)),
        )  # fmt: skip
        assert overview.cell(row + 2, 1).value == "未评价 (实际完成值文件未列出): work_funds"
        sheet = book["城乡居民养老保险县级配套资金"]
        funds = [_number(sheet.cell(4, column)) for column in range(2, 7)]
        assert funds == [Decimal("175.00"), Decimal("172.00"), Decimal("0.9829"),
                         Decimal("10.00"), Decimal("9.83")]  # fmt: skip
        total = _row(sheet, "总分")
        assert (Decimal("100.00"), Decimal("91.50"), "自评等级: 优") == (
            _number(sheet.cell(total, 6)), _number(sheet.cell(total, 7)), sheet.cell(total, 8).value
        )  # fmt: skip

    def test_laid_out_as_filed(self):
        """Headers in the form's order; 一级 and 二级 cells merged over their indicators."""
        sheet = _book(render_evaluation_xlsx(_worked_case()))["城乡居民养老保险县级配套资金"]
        assert [cell.value for cell in sheet[6]] == [
            "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "完成情况", "偏差原因分析及改进措施",
        ]  # fmt: skip
        merged = {str(cells) for cells in sheet.merged_cells.ranges}
        assert {"A7:A15", "B7:B9", "A16:E16", "A17:A20"} <= merged
        assert [sheet.cell(7, c).value for c in (3, 4, 5)] == ["预计参保人数", "96410人", "91700人"]
        # shown to 0.01, stored exactly enough that the sheet's own SUM() adds up
        assert [Decimal("5.56"), Decimal("5.28")] == [
            _number(sheet.cell(7, c)).quantize(Decimal("0.01")) for c in (6, 7)
        ]
        assert sheet.cell(7, 6).number_format == "0.00"
        weights = sum(_number(sheet.cell(r, 6)) for r in range(7, 16))
        assert Decimal("50.00") == weights.quantize(Decimal("0.01"))
        assert ("产出指标 小计", Decimal("49.73")) == (
            sheet["A16"].value, _number(sheet["G16"]).quantize(Decimal("0.01"))
        )  # fmt: skip
        assert sheet["I7"].value == (
            "差距: -4710人\n偏差原因: 外出务工人员增加，部分人员在务工地参保\n"
            "改进措施: 与务工地社保经办机构核对参保信息，做好转移接续"
        )

    def test_formula_looking_texts_are_neutralised(self):
        """An actual word or a project name that starts with = is text with a leading '."""
        fund = load_dataset().project("county_supporting_fund")
        actuals = ProjectActuals.all_met(fund).with_value(
            "养老保险补贴制度健全性", Measured(FORMULA)
        )
        book = _book(render_evaluation_xlsx(evaluate(load_dataset(), Actuals([actuals]))))
        sheet = book["城乡居民养老保险县级配套资金"]
        cell = sheet.cell(_row_of(sheet, 3, "养老保险补贴制度健全性"), 5)
        assert (cell.value, cell.data_type) == ("'" + FORMULA, "s")
        renamed = _renamed(load_dataset(), FORMULA)
        all_met = ProjectActuals.all_met(renamed.project("county_supporting_fund"))
        book = _book(render_evaluation_xlsx(evaluate(renamed, Actuals([all_met]))))
        assert book["自评总览"].cell(4, 2).value == "'" + FORMULA

    def test_english_sheet_names_are_keys(self):
        """In English each project's sheet is named by its key."""
        book = _book(render_evaluation_xlsx(_worked_case(), locale="en"))
        assert book.sheetnames == ["Overview", "coordinator_allowance", "county_supporting_fund"]


class TestSheetNames:
    def test_forbidden_characters_and_length(self):
        """Characters Excel refuses become spaces; names keep at most 31 characters."""
        assert sheet_name("a/b:c", set()) == "a b c"
        assert len(sheet_name("项" * 40, set())) == 31
        assert sheet_name("[]", set()) == "Sheet"

    def test_unique(self):
        """A name already taken (in any case) gets a number."""
        taken: set[str] = set()
        names = [sheet_name(name, taken) for name in ("Fund", "fund", "Fund", "项" * 40)]
        assert names[:3] == ["Fund", "fund (2)", "Fund (3)"]
        assert len(sheet_name("项" * 40, taken)) == 31
        assert sheet_name("项" * 40, taken).endswith(" (3)")


class TestMissingOpenpyxl:
    @pytest.fixture
    def no_openpyxl(self, monkeypatch):
        """Make ``import openpyxl`` fail, as it does where the excel extra is not installed."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)

    @pytest.mark.usefixtures("no_openpyxl")
    def test_renderers_raise(self):
        """Each workbook renderer names the extra to install."""
        for render in (
            lambda: render_report_xlsx(load_dataset()),
            lambda: render_evaluation_xlsx(_worked_case()),
            lambda: render_xlsx(load_bundled_disclosure()),
        ):
            with pytest.raises(MissingDependencyError, match=r"pension-subsidy\[excel\]") as caught:
                render()
            assert caught.value.extra == "excel"

    @pytest.mark.usefixtures("no_openpyxl")
    def test_cli_says_so(self, tmp_path, capsys):
        """The command line shows the message without a traceback (exit 3) and writes nothing."""
        target = tmp_path / "report.xlsx"
        assert main(["report", "--format", "xlsx", "-o", str(target)]) == 3
        assert "needs openpyxl: pip install 'pension-subsidy[excel]'" in capsys.readouterr().err
        assert not target.exists()


class TestCli:
    def test_report_html_to_stdout(self, capsys):
        """`report --format html` prints the page."""
        assert main(["report", "--format", "html"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("<!DOCTYPE html>")
        assert "1,690,000.00" in out
        assert "60,000.00" in out

    def test_report_xlsx_to_file(self, tmp_path, capsys):
        """`report --format xlsx -o FILE` writes a workbook and prints nothing."""
        target = tmp_path / "report.xlsx"
        assert main(["report", "--format", "xlsx", "-o", str(target), "--locale", "en"]) == 0
        assert capsys.readouterr().out == ""
        sheet = openpyxl.load_workbook(target, data_only=True)["Summary"]
        assert Decimal("60000.00") == _number(sheet.cell(_row(sheet, "county_supporting_fund"), 7))

    def test_xlsx_needs_an_output_file(self, capsys):
        """A binary workbook is never written to the terminal: a usage error (exit 2)."""
        assert main(["report", "--format", "xlsx"]) == 2
        assert "give the file to write with -o FILE" in capsys.readouterr().err

    def test_evaluate_html_and_xlsx(self, tmp_path, capsys):
        """`evaluate` writes the page and the workbook with the worked case's 91.50 and 优."""
        page = tmp_path / "evaluation.html"
        book = tmp_path / "evaluation.xlsx"
        base = ["evaluate", "--actuals", str(ACTUALS)]
        assert main([*base, "--format", "html", "-o", str(page)]) == 0
        assert main([*base, "--format", "xlsx", "-o", str(book)]) == 0
        text = page.read_text(encoding="utf-8")
        assert '<td class="number">91.50</td><td colspan="2">自评等级: 优</td>' in text
        overview = openpyxl.load_workbook(book)["自评总览"]
        assert Decimal("91.50") == _number(
            overview.cell(_row(overview, "county_supporting_fund"), 3)
        )
        assert capsys.readouterr().out == ""

    def test_text_and_json_to_a_file(self, tmp_path, capsys):
        """-o works for text and JSON too, written as UTF-8."""
        target = tmp_path / "report.json"
        assert main(["report", "--format", "json", "-o", str(target)]) == 0
        assert '"headroom_yuan": "60000.00"' in target.read_text(encoding="utf-8")
        assert capsys.readouterr().out == ""

    def test_unwritable_file(self, tmp_path, capsys):
        """A file that cannot be written is named (exit 3)."""
        target = tmp_path / "missing" / "report.html"
        assert main(["report", "--format", "html", "-o", str(target)]) == 3
        assert f"{target}: cannot write" in capsys.readouterr().err
