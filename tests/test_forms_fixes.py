"""Faults a reviewer found in the forms readers, each pinned by the case that showed it."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pension_subsidy import DataFileError, read_form
from pension_subsidy.cli import main
from pension_subsidy.disclosure import parse_disclosure
from pension_subsidy.disclosure.keywords import project_kind
from pension_subsidy.forms.form_audit import audit_source
from pension_subsidy.forms.grid import Grid, TextLine, layout_spans
from pension_subsidy.forms.labelled import Row, is_title_row
from pension_subsidy.forms.prose_audit import audit_prose
from pension_subsidy.forms.read import parse_form_text
from pension_subsidy.forms.report import figures_of, read_figures
from pension_subsidy.forms.xlsx_grid import read_xlsx
from tests.forms_fixtures import (
    GROUPED_REPORT,
    SEED_DISCLOSURE,
    SPLIT_REPORT,
    as_percent_cells,
    disclosure_page,
    disclosure_table,
    export_spec,
    self_evaluation_spec,
    write_xlsx,
    write_xlsx_book,
)


def _figures(text: str) -> list[tuple[str, str, Decimal, str, str | None]]:
    return [
        (f.name, f.basis, f.value, f.unit, f.level)
        for f in figures_of([TextLine(line, n) for n, line in enumerate(text.splitlines(), 1)])
    ]


class TestGroupedNumbers:
    """A number grouped by commas is read whole, never cut at its comma."""

    def test_ascii_and_full_width_groups(self) -> None:
        """3,309.84万元 is 3309.84 万元 (not 309.84); 96,410人 and 96，410人 are 96410 人."""
        assert _figures("全年预算3,309.84万元，参保96,410人，缴费96，410人。") == [
            ("budget", "plan", Decimal("3309.84"), "万元", None),
            ("headcount", "stated", Decimal(96410), "人", None),
            ("headcount", "stated", Decimal(96410), "人", None),
        ]

    def test_a_comma_between_words_still_ends_a_clause(self) -> None:
        """预算100万元，实际执行99万元: two clauses, the second an actual."""
        assert _figures("预算100万元，实际执行99万元。") == [
            ("budget", "plan", Decimal(100), "万元", None),
            ("executed", "actual", Decimal(99), "万元", None),
        ]

    def test_a_bad_grouping_is_unreadable_not_guessed(self) -> None:
        """96,41人 and 1,2345.6万元 are unreadable (value None), never read as 41 or 2345.6."""
        figures, unreadable = read_figures([TextLine("参保96,41人，预算1,2345.6万元。", 3)])
        assert figures == []
        assert [(u.text, u.value, u.where.line if u.where else None) for u in unreadable] == [
            ("96,41人", None, 3),
            ("1,2345.6万元", None, 3),
        ]

    def test_the_report_document_keeps_them(self) -> None:
        """A report states its figures whole; the unreadable number is in ``unreadable``."""
        document = parse_form_text(GROUPED_REPORT, name="报告.txt")
        assert [(f.name, f.value) for f in document.figures if f.kind == "money"] == [
            ("budget", Decimal("3309.84")),
            ("executed", Decimal("3276.74")),
        ]
        assert [f.value for f in document.figures if f.kind == "headcount"] == [Decimal(96410)]
        data = document.data()
        assert [u["text"] for u in data["unreadable"]] == ["12,34人"]
        assert data["unreadable"][0]["where"]["sentence"].startswith("新增参保")


class TestBudgetByLevel:
    """The common phrasings of a budget's sources by level are read as its split."""

    def test_split_in_the_next_sentence(self) -> None:
        """项目预算资金…。其中中央资金…，省级资金…: the sources are plans, by level."""
        assert _figures(
            "项目预算资金1000万元，用于发放补贴。其中中央资金600万元，省级资金400万元。"
        ) == [
            ("budget", "plan", Decimal(1000), "万元", None),
            ("budget", "plan", Decimal(600), "万元", "中央"),
            ("budget", "plan", Decimal(400), "万元", "省"),
        ]

    def test_subsidy_and_matching_words(self) -> None:
        """中央补助, 省级补助, 州级资金, 县级配套, 本级资金, 自筹 (其他)."""
        text = (
            "年度预算1000万元，其中：中央补助500万元，省级补助200万元，州级资金100万元，"
            "县级配套100万元，本级资金50万元，单位自筹50万元。"
        )
        assert [level for *_, level in _figures(text)] == [
            None,
            "中央",
            "省",
            "市",
            "县",
            "本级",
            "其他",
        ]

    def test_the_reviewers_report_is_audited(self) -> None:
        """The sum by level is checked: 2,000 + 800 + 300 + 200 = 3,300 ≠ 3,309.84 is found."""
        document = parse_form_text(SPLIT_REPORT, name="报告.txt")
        findings = audit_prose(document)
        (levels,) = [f for f in findings if f.code == "prose_budget_levels"]
        assert levels.values["stated_total"] == "3,309.84万元"
        assert levels.values["computed_total"] == "3300万元"
        assert levels.values["sources"] == {
            "中央": "2,000.00万元",
            "省": "800.00万元",
            "市": "300.00万元",
            "县": "200.00万元",
        }


class TestYearIsNoArea:
    """A year (2022年, 二〇二二年度, 今年) is never taken for an area."""

    def test_years_before_a_county(self) -> None:
        """2022年乙县 is 乙县; 二零二二年全县 and 今年全市 name no area."""
        lines = [
            "2022年乙县预算100万元。",
            "二零二二年全县预算100万元。",
            "今年全市预算100万元。",
            "2022年度，甲县参保12,000人。",
        ]
        figures = figures_of([TextLine(line, n) for n, line in enumerate(lines, 1)])
        assert [f.area for f in figures] == ["乙县", None, None, "甲县"]
        assert all("年" not in (f.area or "") for f in figures)


class TestDisclosureWebPage:
    """A 公开表 saved as a web page takes its year from the page's <title> or <h1>."""

    TITLE = "社会保险服务局2022年部门预算项目支出绩效目标公开表"

    @pytest.mark.parametrize("where", ["title", "h1"])
    def test_year_from_the_page(self, where: str, tmp_path: Path) -> None:
        """No year in the file name or the table: the page's title gives 2022."""
        path = tmp_path / "gongkai.html"
        path.write_text(disclosure_page(**{where: self.TITLE}), encoding="utf-8")
        document = read_form(path)
        assert document.form == "disclosure_table"
        assert document.title == self.TITLE
        assert [p.budget_start.text for p in document.projects if p.budget_start] == [
            p.budget_start.text for p in read_form(SEED_DISCLOSURE).projects if p.budget_start
        ]
        audited = audit_source(path)
        assert (audited.form, audited.layout) == ("disclosure_table", "five_column")
        assert [f.code for f in audited.findings] == [f.code for f in audit_source(None).findings]

    def test_the_table_s_own_year_comes_first(self, tmp_path: Path) -> None:
        """A year in the table's title rows is the year; the page title does not override it."""
        path = tmp_path / "gongkai.html"
        path.write_text(disclosure_page(title="2019年旧页面", year_row=True), encoding="utf-8")
        assert "2022年" in (read_form(path).title or "")
        assert audit_source(path).form == "disclosure_table"

    def test_no_year_anywhere_is_still_refused(self, tmp_path: Path) -> None:
        """Without a year in the page, the table or the name, the reader's message stands."""
        path = tmp_path / "gongkai.html"
        path.write_text(disclosure_page(title="绩效目标公开表"), encoding="utf-8")
        with pytest.raises(DataFileError, match="year"):
            read_form(path)


class TestTitlesOfSheets:
    """A title merged across a sheet's columns is a title, never an indicator row."""

    def test_two_self_evaluation_sheets(self, tmp_path: Path) -> None:
        """The second sheet's 项目支出绩效自评表 and （2022年度） are no indicators of the first."""
        path = write_xlsx_book(
            [("表1", self_evaluation_spec()), ("表2", self_evaluation_spec(total=("100", "98")))],
            tmp_path / "two.xlsx",
        )
        document = read_form(path)
        names = ["参保人数", "代缴到位率", "补贴发放及时率", "参保率", "参保群众满意度"]
        assert [[i.name for i in p.indicators] for p in document.projects] == [names, names]
        assert [p.total_score.text for p in document.projects if p.total_score] == ["99.4", "98"]
        assert "（2022年度）" in document.notes

    def test_two_export_sheets(self, tmp_path: Path) -> None:
        """The second sheet's title and 金额单位 row are notes, not projects."""
        path = write_xlsx_book(
            [("单位1", export_spec()), ("单位2", export_spec())], tmp_path / "export.xlsx"
        )
        document = read_form(path)
        assert [p.name for p in document.projects] == [
            "城乡居民养老保险县级配套资金",
            "养老保险征收发放工作经费",
        ] * 2
        assert [len(p.indicators) for p in document.projects] == [3, 2, 3, 2]

    def test_a_merged_data_cell_is_no_title(self) -> None:
        """A row with a merged label and values beside it (总分 …) is data, as before."""
        grid = layout_spans("t", [[("总分", 6, 1), ("100", 1, 1), ("99.4", 1, 1)]])
        assert not is_title_row(Row(grid, grid.rows[0]))
        title = layout_spans("t", [[("项目支出绩效自评表", 9, 1)]])
        assert is_title_row(Row(title, title.rows[0]))
        pasted_title = Grid.from_texts("text", [["项目支出绩效自评表", "", ""]])
        assert not is_title_row(Row(pasted_title, pasted_title.rows[0]))


class TestPercentCells:
    """A percent-formatted cell reads as the percentage it shows (99), not its ratio (0.99)."""

    def test_same_figures_as_typed_text(self, tmp_path: Path) -> None:
        """执行率 99%, 实际完成值 96%/92%/100% and the grade's figures read alike."""
        (tmp_path / "text").mkdir()
        plain = read_form(write_xlsx(self_evaluation_spec(), tmp_path / "text" / "t.xlsx"))
        path = as_percent_cells(write_xlsx(self_evaluation_spec(), tmp_path / "pct.xlsx"))
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        assert (sheet["H6"].value, sheet["H6"].number_format) == (0.99, "0%")
        document = read_form(path)
        (project,) = document.projects
        assert project.execution_rate_percent is not None
        assert project.execution_rate_percent.value == Decimal(99)
        assert project.execution_rate_percent.text == "99%"
        assert [i.actual.value for i in project.indicators if i.actual] == [
            Decimal(97000),
            Decimal(100),
            Decimal(95),
            Decimal(96),
            Decimal(92),
        ]
        assert document.projects == plain.projects

    def test_exact_not_float(self) -> None:
        """0.07 × 100 is 7.000000000000001 in floats; the cell reads 7%; 0.995 reads 99.5%."""
        assert 0.07 * 100 != 7
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row, (value, number_format) in enumerate(
            [(0.07, "0%"), (0.995, "0.0%"), (1, "0%"), (0.99, "General")], start=1
        ):
            cell = sheet.cell(row=row, column=1, value=value)
            cell.number_format = number_format
        buffer = io.BytesIO()
        book.save(buffer)
        grid = read_xlsx(buffer.getvalue(), "p.xlsx").tables[0]
        assert [row[0].text for row in grid.rows] == ["7%", "99.5%", "100%", "0.99"]


class TestSupportingFundKind:
    """Only the residents' pension's 配套资金 (城乡居民 + 养老 + 配套资金) is its county fund."""

    TABLE = disclosure_table(
        [("城乡居民医疗保险配套资金", "120.00"), ("城乡居民养老保险 县级配套资金", "175.00")]
    )

    def test_a_medical_fund_is_a_generic_project(self) -> None:
        """The medical 配套资金 gets a generic key; the pension one keeps its kind."""
        disclosure = parse_disclosure(self.TABLE, name="medical.txt")
        (unit,) = disclosure.budget.units
        medical, pension = unit.projects
        assert medical.key.startswith("project_")
        assert medical.name_en == ""
        assert (pension.key, pension.name_en) == (
            "county_supporting_fund",
            "County supporting fund for the urban-rural residents' pension",
        )

    def test_read_as_a_form(self) -> None:
        """Read through the forms reader, the medical fund is a generic project too."""
        document = parse_form_text(self.TABLE, name="medical.txt")
        assert [(p.name, p.fund) for p in document.projects] == [
            ("城乡居民医疗保险配套资金", "generic"),
            ("城乡居民养老保险 县级配套资金", "residents_pension"),
        ]

    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("城乡居民养老保险县级配套资金", "county_supporting_fund"),
            ("城乡居民基本养老保险配套资金", "county_supporting_fund"),
            ("城乡居民医疗保险配套资金", None),
            ("养老保险配套资金", None),
            ("城乡居民养老保险补助资金", None),
            ("养老保险征收发放工作经费", "work_funds"),
        ],
    )
    def test_all_words_are_needed(self, name: str, kind: str | None) -> None:
        """城乡居民, 养老 and 配套资金 all: any one missing is no county supporting fund."""
        found = project_kind(name)
        assert (found[0] if found else None) == kind


class TestLongNames:
    """A file name longer than the system allows is a DataFileError naming it, never OSError."""

    @pytest.mark.parametrize("suffix", [".docx", ".html", ".txt", ".xlsx", ".pdf"])
    def test_audit_source(self, suffix: str) -> None:
        """audit_source: 'cannot open: File name too long', the name (cut) in the message."""
        with pytest.raises(DataFileError, match=r"^a{100}.*: cannot open: File name too long"):
            audit_source("a" * 300 + suffix)

    def test_command_exits_3(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``audit`` on such a name exits 3 with one line, no traceback."""
        code = main(["audit", "a" * 300 + ".docx"])
        err = capsys.readouterr().err
        assert code == 3
        assert err.startswith("pension-subsidy: error: ")
        assert "cannot open: File name too long" in err
        assert "Traceback" not in err


class TestUnreadableInTheAudit:
    """The audit says which figure it could not read, with its sentence."""

    def test_warning(self) -> None:
        """12,34人 is a warning quoting its sentence; the readable figures are still checked."""
        document = parse_form_text(GROUPED_REPORT, name="报告.txt")
        (finding,) = [f for f in audit_prose(document) if f.code == "prose_unreadable_figure"]
        assert finding.severity.value == "warning"
        assert finding.values["text"] == "12,34人"
        assert finding.values["sentences"] == ["新增参保12,34人。"]
        assert "12,34人" in finding.message_en
        assert "新增参保12,34人。" in finding.message_zh


class TestUnreadableCells:
    """A table cell grouped other than by threes is not read, and is listed with its place."""

    def test_executed_amount(self, tmp_path: Path) -> None:
        """全年执行数 1,73.25: no executed amount (never 73.25 or 1), two cells listed."""
        spec = self_evaluation_spec(money=("175.00", "175.00", "1,73.25"))
        document = read_form(write_xlsx(spec, tmp_path / "bad.xlsx"))
        (project,) = document.projects
        assert project.executed is None
        assert project.budget_adjusted is not None
        assert project.budget_adjusted.text == "175.00"
        assert [(u.text, u.where.cell if u.where else None) for u in document.unreadable] == [
            ("1,73.25", "F6"),
            ("1,73.25", "F7"),
        ]
        assert document.data()["unreadable"][0]["where"] == {
            "sheet": "自评表",
            "row": 6,
            "cell": "F6",
        }

    def test_a_well_grouped_table_lists_none(self, tmp_path: Path) -> None:
        """The table in 元 (1,732,500.00) reads whole and lists nothing."""
        document = read_form(write_xlsx(self_evaluation_spec(wan=False), tmp_path / "yuan.xlsx"))
        assert document.unreadable == ()
        assert document.projects[0].executed is not None
        assert document.projects[0].executed.text == "1,732,500.00"
