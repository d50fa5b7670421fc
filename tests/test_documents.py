"""Every result as a document: audit, plan-check, the what-ifs and roster in HTML and xlsx."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from pension_subsidy import Yuan, load_dataset, plan_check, solve
from pension_subsidy.disclosure import load_disclosure
from pension_subsidy.disclosure.audit import audit
from pension_subsidy.output.document import Document, Money, Table, document_html, document_xlsx
from pension_subsidy.output.documents import (
    audit_document,
    forecast_document,
    plan_check_document,
    roster_document,
    scenario_document,
    sensitivity_document,
    solve_document,
)
from pension_subsidy.whatif.comparison import compare_scenario
from pension_subsidy.whatif.forecast import forecast
from pension_subsidy.whatif.sensitivity import sensitivity_table

BUDGET = load_dataset()
_ASCII_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _sheets(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _documents(locale: str) -> dict[str, Document]:
    findings = audit(load_disclosure(None))
    return {
        "audit": audit_document(findings, locale),
        "plan_check": plan_check_document(BUDGET, plan_check(BUDGET), locale),
        "scenario": scenario_document(
            compare_scenario(BUDGET, ["severe_disability_proxy.per_capita=60"]), locale
        ),
        "solve": solve_document(solve(BUDGET, "poverty_household_proxy.per_capita"), locale),
        "forecast": forecast_document(
            forecast(
                BUDGET,
                years=[2023, 2024, 2025],
                growth=["county_supporting_fund.appropriation=+2%"],
            ),
            locale,
        ),
        "sensitivity": sensitivity_document(sensitivity_table(BUDGET), locale),
    }


class TestBuilders:
    """The documents hold the results' figures, worded in the language asked for."""

    def test_scenario_rows(self):
        """60 元 for 1,025 severely disabled persons: the fund goes from 1,690,000 to 1,689,500."""
        table = _documents("zh_CN")["scenario"].tables[0]
        project = table.rows[0]
        assert project[0] == "城乡居民养老保险县级配套资金 [county_supporting_fund]"
        assert project[1:4] == (
            Money(Yuan("1690000.00")),
            Money(Yuan("1689500.00")),
            Money(Yuan("-500.00")),
        )
        assert table.rows[1][0] == "  重度残疾人代缴 [severe_disability_proxy]"

    def test_solve_lines_are_in_the_language(self):
        """The solved value and its derivation, in Chinese or English."""
        zh, en = _documents("zh_CN")["solve"], _documents("en")["solve"]
        assert "28.55" in zh.lines[0]
        assert en.lines[1].startswith("Derivation: ")
        assert zh.lines[1].startswith("计算过程：")

    def test_forecast_has_a_row_per_year_and_project(self):
        """Three years × three projects."""
        table = _documents("en")["forecast"].tables[0]
        assert len(table.rows) == 9
        assert {row[0] for row in table.rows} == {2023, 2024, 2025}

    def test_audit_counts(self):
        """The audit's findings, one row each, with the count line."""
        document = _documents("zh_CN")["audit"]
        assert len(document.tables[0].rows) == 7
        assert document.lines[0].startswith("共：错误")

    def test_roster_document(self):
        """A roster's JSON: the components, the townships and the rejection reasons."""
        data = {
            "rows_read": 3,
            "accepted": 2,
            "rejected": 1,
            "total_yuan": "90.00",
            "components": [
                {"key": "severe_disability_proxy", "headcount": 1, "amount_yuan": "60.00"}
            ],
            "by_township": {"乡镇01": {"persons": 2, "amount_yuan": "90.00"}},
            "rejections": {"bad_id": 1},
        }
        document = roster_document(data, "zh_CN")
        assert document.lines[0] == "读取 3 行，接受 2 行，拒绝 1 行"
        assert [table.title for table in document.tables] == ["按构成", "按乡镇", "拒绝原因"]


class TestRendering:
    """Each document renders as a printable page and a print-ready workbook."""

    @pytest.mark.parametrize(
        "name", ["audit", "plan_check", "scenario", "solve", "forecast", "sensitivity"]
    )
    def test_chinese_html_has_no_english_labels(self, name):
        """Chinese pages carry the figures and Chinese words; English only in keys and codes."""
        page = document_html(_documents("zh_CN")[name], "zh_CN")
        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="zh-CN">' in page
        headings = re.findall(r"<th>(.*?)</th>", page)
        assert headings
        for heading in headings:
            assert not _ASCII_WORD.search(heading), heading

    @pytest.mark.parametrize(
        "name", ["audit", "plan_check", "scenario", "solve", "forecast", "sensitivity"]
    )
    def test_workbook_prints_on_one_page_wide(self, name):
        """A4 landscape, fit to one page wide, the header rows repeated, page numbers."""
        book = _sheets(document_xlsx(_documents("en")[name], "en"))
        for sheet in book.worksheets:
            assert sheet.page_setup.orientation == "landscape"
            assert sheet.page_setup.paperSize == 9
            assert sheet.page_setup.fitToWidth == 1
            assert sheet.page_setup.fitToHeight == 0
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.print_title_rows.startswith("$1:")
            assert "&P" in sheet.oddFooter.center.text

    def test_money_is_a_number_in_the_workbook(self):
        """An amount is written as a number to the 分, never as text."""
        document = Document(
            "t", (), (Table("x", ("a", "b"), (("row", Money(load_dataset().unit.total)),)),)
        )
        sheet = _sheets(document_xlsx(document)).worksheets[0]
        assert sheet["B3"].value == 1900400
        assert sheet["B3"].number_format == "#,##0.00"

    def test_html_escapes(self):
        """Text from a source is escaped: a tag in a cell is shown, not run."""
        document = Document("<t>", ("<b>",), (Table("<x>", ("<h>",), (("<script>",),)),))
        page = document_html(document, "en")
        assert "<script>" not in page
        assert "&lt;script&gt;" in page
