"""Reading the national forms: the same figures from xlsx, docx, HTML, PDF and pasted text."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pension_subsidy import DataFileError, MissingDependencyError, Yuan, read_form
from pension_subsidy.cli import main
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.read import parse_form_text, read_form_bytes
from tests.forms_fixtures import (
    REPORT_PARAGRAPHS,
    Spec,
    export_spec,
    hebei_spec,
    html_page,
    pasted,
    pasted_lines,
    self_evaluation_spec,
    target_spec,
    write_docx,
    write_pdf,
    write_xlsx,
)

FORMATS = ("xlsx", "docx", "html", "pdf", "pasted", "pasted_short", "pasted_lines")
SEED = Path(__file__).resolve().parents[1] / "src/pension_subsidy/data/menyuan-2022-disclosure.txt"


def write(spec: Spec, kind: str, directory: Path, *, notes: tuple[str, ...] = ()) -> Path:
    """The spec written as ``kind`` into ``directory``."""
    if kind == "xlsx":
        return write_xlsx(spec, directory / "form.xlsx", notes=notes)
    if kind == "docx":
        return write_docx(spec, directory / "form.docx", after=notes)
    if kind == "pdf":
        pytest.importorskip("reportlab")
        return write_pdf(spec, directory / "form.pdf")
    path = directory / ("form.html" if kind == "html" else "form.txt")
    if kind == "html":
        path.write_text(html_page(spec, after=notes), encoding="utf-8")
    elif kind == "pasted_lines":
        path.write_text(pasted_lines(spec) + "".join(f"{n}\n" for n in notes), encoding="utf-8")
    else:
        text = pasted(spec, omit_merged=kind == "pasted_short") + "".join(f"{n}\n" for n in notes)
        path.write_text(text, encoding="utf-8")
    return path


def figures(document: FormDocument) -> dict[str, Any]:
    """What was read, without the places (which differ by format)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "where"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = document.data()
    data.pop("source")
    return strip(data)


class TestSelfEvaluationTable:
    """The 10号 self-evaluation table reads to its hand-checked figures in every format."""

    @pytest.mark.parametrize("kind", FORMATS)
    def test_figures(self, kind: str, tmp_path: Path) -> None:
        """Money in 元, rate, scores, grade, goals and indicators as the table states them."""
        document = read_form(write(self_evaluation_spec(), kind, tmp_path))
        assert (document.form, document.layout, document.money_unit) == (
            "self_evaluation_table",
            "finance_10",
            "万元",
        )
        (project,) = document.projects
        assert project.name == "城乡居民养老保险县级配套资金"
        assert project.department == "门源县人力资源和社会保障局"
        assert project.unit_name == "门源县社会保险服务局"
        assert project.fund == "residents_pension"
        assert project.budget_start is not None
        assert project.budget_start.yuan == Yuan("1750000")
        assert project.budget_adjusted is not None
        assert project.budget_adjusted.yuan == Yuan("1750000")
        assert project.executed is not None
        assert project.executed.yuan == Yuan("1732500")
        assert project.executed.text == "173.25"
        assert project.execution_rate_percent is not None
        assert project.execution_rate_percent.value == Decimal(99)
        assert project.execution_points is not None
        assert project.execution_points.value == Decimal(10)
        assert project.execution_score is not None
        assert project.execution_score.value == Decimal("9.9")
        assert project.total_score is not None
        assert project.total_score.value == Decimal("99.4")
        assert project.grade == "优"
        assert [(g.planned, g.achieved) for g in project.goals] == [
            ("为全县参保居民足额发放缴费补贴和代缴保费。", "补贴和代缴全部到位。")
        ]
        assert [row.key for row in project.money_rows] == [
            "total",
            "current_appropriation",
            "carry_over",
            "other",
        ]
        rows = [
            (
                i.level1,
                i.level2,
                i.name,
                i.comparator,
                i.target.value if i.target else None,
                i.unit,
                i.actual.value if i.actual else None,
                i.points.value if i.points else None,
                i.score.value if i.score else None,
                i.reason,
            )
            for i in project.indicators
        ]
        assert rows == [
            ("产出指标", "数量指标", "参保人数", "≥", 96410, "人", 97000, 20, 20, None),
            ("产出指标", "质量指标", "代缴到位率", "=", 100, "%", 100, 15, 15, None),
            (
                "产出指标",
                "时效指标",
                "补贴发放及时率",
                "≥",
                98,
                "%",
                95,
                15,
                Decimal("14.5"),
                "部分乡镇上报延迟，下年度提前布置",
            ),
            ("效益指标", "社会效益指标", "参保率", "≥", 95, "%", 96, 30, 30, None),
            ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥", 90, "%", 92, 10, 10, None),
        ]
        assert [i.level1_points.value for i in project.indicators if i.level1_points] == [
            50,
            50,
            50,
            30,
            10,
        ]

    @pytest.mark.parametrize("kind", FORMATS[1:])
    def test_same_as_xlsx(self, kind: str, tmp_path: Path) -> None:
        """Every format reads to exactly what the xlsx reads to (places aside)."""
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        reference = figures(read_form(write(self_evaluation_spec(), "xlsx", tmp_path / "a")))
        assert figures(read_form(write(self_evaluation_spec(), kind, tmp_path / "b"))) == (
            reference
        )

    def test_yuan_and_wan_give_the_same_money(self, tmp_path: Path) -> None:
        """A table in 元 reads to the same exact amounts as one in 万元."""
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        wan = read_form(write(self_evaluation_spec(), "xlsx", tmp_path / "a")).projects[0]
        yuan_doc = read_form(write(self_evaluation_spec(wan=False), "xlsx", tmp_path / "b"))
        assert yuan_doc.money_unit == "元"
        yuan = yuan_doc.projects[0]
        assert yuan.executed is not None
        assert wan.executed is not None
        assert yuan.executed.yuan == wan.executed.yuan == Yuan("1732500")
        assert yuan.executed.text == "1,732,500.00"

    def test_blank_rows_and_notes_below_are_kept_as_notes(self, tmp_path: Path) -> None:
        """Blank rows change nothing; lines below the table are kept, not dropped."""
        path = write_xlsx(
            self_evaluation_spec(),
            tmp_path / "form.xlsx",
            notes=("填表人：张三", "注：执行率按全年预算数计算。"),
            blank_rows=3,
        )
        document = read_form(path)
        assert document.projects[0].total_score is not None
        assert "填表人：张三" in document.notes
        assert "注：执行率按全年预算数计算。" in document.notes

    def test_paragraphs_around_a_word_table(self, tmp_path: Path) -> None:
        """A Word file's paragraphs are kept as notes; their figures are taken too."""
        path = write_docx(
            self_evaluation_spec(),
            tmp_path / "form.docx",
            before=REPORT_PARAGRAPHS[:1],
            after=REPORT_PARAGRAPHS[2:4],
        )
        document = read_form(path)
        assert document.form == "self_evaluation_table"
        assert REPORT_PARAGRAPHS[3] in document.notes
        assert [(f.name, f.value) for f in document.figures][-2:] == [
            ("executed", 990),
            ("execution_rate", 99),
        ]

    def test_places(self, tmp_path: Path) -> None:
        """Each figure says where it stands: sheet and cell; page for a PDF; line for text."""
        xlsx = read_form(write(self_evaluation_spec(), "xlsx", tmp_path)).projects[0]
        assert xlsx.executed is not None
        assert xlsx.executed.where is not None
        assert xlsx.executed.where.data() == {"sheet": "自评表", "row": 6, "cell": "F6"}
        text = read_form(write(self_evaluation_spec(), "pasted", tmp_path)).projects[0]
        assert text.executed is not None
        assert text.executed.where is not None
        assert text.executed.where.data() == {"line": 6, "cell": "F6"}
        pdf = read_form(write(self_evaluation_spec(), "pdf", tmp_path)).projects[0]
        assert pdf.executed is not None
        assert pdf.executed.where is not None
        assert pdf.executed.where.page == 1


class TestHebeiVariant:
    """Hebei's self-evaluation table: 预算安排/到位/执行, two heading rows, 折算得分."""

    @pytest.mark.parametrize("kind", ["xlsx", "docx", "html", "pdf", "pasted"])
    def test_figures(self, kind: str, tmp_path: Path) -> None:
        """Budget, received, executed and rate; indicators with weights; execution row."""
        document = read_form(write(hebei_spec(), kind, tmp_path))
        assert (document.form, document.layout) == ("self_evaluation_table", "hebei")
        (project,) = document.projects
        assert project.name == "19名百岁老人高龄津贴"
        assert project.unit_name == "314002-成安县民政局机关"
        assert project.fields == (("是否为专项资金", "否"),)
        total = project.money_row("total")
        assert total is not None
        assert [
            a.yuan if a else None for a in (total.budget_adjusted, total.received, total.executed)
        ] == [Yuan("68400")] * 3
        assert project.execution_rate_percent is not None
        assert project.execution_rate_percent.text == "100.00"
        assert project.execution_points is not None
        assert project.execution_points.value == 10
        assert project.total_score is not None
        assert project.total_score.value == 100
        assert [
            g.completion_percent.value if g.completion_percent else None for g in project.goals
        ] == [100, None]
        found = [
            (
                i.level1,
                i.name,
                i.comparator,
                i.target.value if i.target else None,
                i.unit,
                i.points.value if i.points else None,
                i.weight_percent.value if i.weight_percent else None,
                i.weighted_score.value if i.weighted_score else None,
                i.completion,
            )
            for i in project.indicators
        ]
        assert found == [
            (
                "产出指标",
                "符合条件申报对象覆盖率",
                "≥",
                98,
                "%(百分比)",
                25,
                25,
                Decimal("6.25"),
                "完成",
            ),
            ("产出指标", "完成率", "≥", 99, "%(百分比)", 25, 25, Decimal("6.25"), "完成"),
            ("效果指标", "补贴发放率", "≥", 75, "%(百分比)", 30, 30, 9, "完成"),
            ("满意度指标", "服务对象满意度", "≥", 95, "%(百分比)", 10, 10, 1, "完成"),
        ]
        assert project.indicators[0].description == "享受补贴人数占符合条件对象的比例"


class TestTargetTables:
    """The long per-project target table and the budget system's export."""

    @pytest.mark.parametrize("kind", FORMATS)
    def test_long_layout(self, kind: str, tmp_path: Path) -> None:
        """项目名称 … 年度资金总额 … indicators with 指标性质, 指标值, 度量单位, 权重."""
        document = read_form(write(target_spec(), kind, tmp_path))
        assert (document.form, document.layout) == ("target_table", "long_per_project")
        (project,) = document.projects
        assert project.budget_start is not None
        assert project.budget_start.yuan == Yuan("1750000")
        assert project.executed is None
        assert project.total_score is None
        assert [
            (i.name, i.comparator, i.target.value if i.target else None, i.unit)
            for i in project.indicators
        ][:2] == [("参保人数", "≥", 96410, "人"), ("代缴到位率", "=", 100, "%")]
        assert [i.points.value for i in project.indicators if i.points] == [20, 15, 15, 30, 10]
        assert {i.direction for i in project.indicators} == {"正向指标"}

    @pytest.mark.parametrize("kind", FORMATS)
    def test_export(self, kind: str, tmp_path: Path) -> None:
        """One row per indicator: two projects, amounts in 元, names filled down."""
        document = read_form(write(export_spec(), kind, tmp_path))
        assert (document.form, document.layout, document.money_unit) == (
            "target_table",
            "budget_system_export",
            "元",
        )
        assert [
            (
                p.name,
                p.unit_name,
                p.budget_start.yuan if p.budget_start else None,
                len(p.indicators),
            )
            for p in document.projects
        ] == [
            ("城乡居民养老保险县级配套资金", "门源县社会保险服务局", Yuan("1750000"), 3),
            ("养老保险征收发放工作经费", "门源县社会保险服务局", Yuan("85000"), 2),
        ]
        assert [p.fund for p in document.projects] == ["residents_pension", "generic"]

    def test_export_in_wan_reads_the_same_money(self, tmp_path: Path) -> None:
        """预算数（万元） in the heading: the same exact amounts as the table in 元."""
        document = read_form(write(export_spec(wan=True), "xlsx", tmp_path))
        assert document.money_unit == "万元"
        assert [p.budget_start.yuan for p in document.projects if p.budget_start] == [
            Yuan("1750000"),
            Yuan("85000"),
        ]

    def test_export_columns_in_another_order(self) -> None:
        """Columns are found by their headings, not their positions."""
        rows = [line.split("\t") for line in pasted(export_spec()).splitlines()]
        order = [1, 0, 3, 2, 4, 5, 6, 8, 7, 9, 11, 10]
        text = "\n".join(
            "\t".join(row[i] for i in order) if len(row) == 12 else "\t".join(row) for row in rows
        )
        document = parse_form_text(text, name="reordered.txt")
        first = document.projects[0]
        assert first.name == "城乡居民养老保险县级配套资金"
        assert first.budget_start is not None
        assert first.budget_start.yuan == Yuan("1750000")
        assert first.indicators[0].target is not None
        assert first.indicators[0].target.value == 96410
        assert first.indicators[0].points is not None
        assert first.indicators[0].points.value == 20

    def test_a_medical_fund_is_a_generic_project(self) -> None:
        """A fund named 配套资金 without 城乡居民 … 养老 is not the residents' pension."""
        text = pasted(export_spec()).replace(
            "城乡居民养老保险县级配套资金", "城乡居民医疗保险配套资金"
        )
        document = parse_form_text(text)
        assert document.projects[0].fund == "generic"

    def test_the_disclosure_table(self) -> None:
        """The seed's five-column 公开表 is read by the disclosure reader, as stated."""
        document = read_form(SEED)
        assert (document.form, document.layout) == ("disclosure_table", "five_column")
        names = [
            (p.name, p.budget_start.text if p.budget_start else None, p.fund)
            for p in document.projects
        ]
        assert names == [
            ("养老保险征收发放工作经费", "8.50", "generic"),
            ("乡镇养老保险协办员工作补贴", "6.54", "generic"),
            ("城乡居民养老保险 县级配套资金", "175.00", "residents_pension"),
        ]


class TestReports:
    """Prose reports: figures with their sentences; plans and actuals by their words."""

    def _check(self, document: FormDocument) -> None:
        assert (document.form, document.layout) == ("evaluation_report", "prose")
        found = [(f.name, f.basis, f.value, f.unit, f.level, f.area) for f in document.figures]
        assert found == [
            ("budget", "plan", 1000, "万元", None, None),
            ("budget", "plan", 600, "万元", "中央", None),
            ("budget", "plan", 250, "万元", "省", None),
            ("budget", "plan", 100, "万元", "市", None),
            ("budget", "plan", 50, "万元", "县", None),
            ("executed", "actual", 990, "万元", None, None),
            ("execution_rate", "stated", 99, "%", None, None),
            ("headcount", "plan", 12000, "人", None, "甲县"),
            ("headcount", "actual", 12500, "人", None, "甲县"),
            ("budget", "plan", Decimal("155.46"), "万元", None, "乙县"),
            ("executed", "actual", Decimal("394.86"), "万元", None, "乙县"),
            ("headcount", "actual", 144814, "人", None, "乙县"),
            ("overrun", "stated", Decimal("239.40"), "万元", None, "乙县"),
        ]
        need = document.figures[10]
        assert need.yuan == Yuan("3948600")
        assert need.where.sentence is not None
        assert "实际需要394.86万元" in need.where.sentence

    def test_text(self) -> None:
        """A report pasted as text."""
        self._check(parse_form_text("\n".join(REPORT_PARAGRAPHS), name="report.txt"))

    def test_docx(self, tmp_path: Path) -> None:
        """A report in Word: its paragraphs."""
        self._check(read_form(write_docx([], tmp_path / "report.docx", before=REPORT_PARAGRAPHS)))

    def test_html(self, tmp_path: Path) -> None:
        """A report saved from a web page."""
        page = "<html><body>" + "".join(f"<p>{p}</p>" for p in REPORT_PARAGRAPHS) + "</body></html>"
        self._check(read_form_bytes(page.encode("utf-8"), "report.html"))

    def test_pdf(self, tmp_path: Path) -> None:
        """A report as a PDF with a text layer (lines carry their page)."""
        pytest.importorskip("reportlab")
        document = read_form(write_pdf([], tmp_path / "report.pdf", paragraphs=REPORT_PARAGRAPHS))
        self._check(document)
        assert document.figures[0].where.page == 1

    def test_an_actual_need_is_never_a_plan(self) -> None:
        """实际需要 after a plan is an actual, whatever its size."""
        document = parse_form_text(
            "城乡居民养老保险绩效自评报告\n缴费补贴年初预算155.46万元，实际需要394.86万元。\n"
            "其中缴费补贴实际需要20万元，计划安排10万元。\n"
        )
        bases = [(f.value, f.basis) for f in document.figures]
        assert bases == [
            (Decimal("155.46"), "plan"),
            (Decimal("394.86"), "actual"),
            (20, "actual"),
            (10, "plan"),
        ]

    def test_a_planned_action_is_a_plan(self) -> None:
        """计划完成, 预算支出 and 目标达到 name plans; 实际完成 and 预算执行数 actuals."""
        document = parse_form_text(
            "城乡居民养老保险绩效评价报告\n"
            "甲县计划完成参保12000人，实际完成12500人。\n"
            "全年预算支出100万元，实际支出98万元，预算执行数98万元。\n"
        )
        bases = [(f.name, f.basis, f.value) for f in document.figures]
        assert bases == [
            ("headcount", "plan", 12000),
            ("headcount", "actual", 12500),
            ("budget", "plan", 100),
            ("executed", "actual", 98),
            ("executed", "actual", 98),
        ]

    def test_a_city_total_and_its_counties(self) -> None:
        """其中甲县 … 乙县 … name the area of each part; 全市 is no area."""
        document = parse_form_text(
            "城乡居民养老保险绩效评价报告\n全市实际参保12万人，其中甲县5万人、乙县7万人。\n"
            "全市预算资金300万元。\n"
        )
        areas = [(f.value, f.unit, f.area) for f in document.figures]
        assert areas == [
            (12, "万人", None),
            (5, "万人", "甲县"),
            (7, "万人", "乙县"),
            (300, "万元", None),
        ]


class TestUnknownFiles:
    """A file that is no supported form is described, never 'no header row'."""

    def test_a_roster_is_described(self, tmp_path: Path) -> None:
        """The message names the columns the file has and lists what is supported."""
        path = tmp_path / "roster.csv"
        path.write_text("姓名,身份证号,缴费档次\n张三,630000,200\n", encoding="utf-8")
        with pytest.raises(DataFileError) as caught:
            read_form(path)
        message = str(caught.value)
        assert "a table with columns 姓名, 身份证号, 缴费档次" in message
        assert "supported:" in message
        assert "no header row" not in message

    def test_an_image(self, tmp_path: Path) -> None:
        """A scanned page saved as PNG is named as an image (OCR is not supported)."""
        path = tmp_path / "scan.pdf"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
        with pytest.raises(DataFileError, match="a PNG image"):
            read_form(path)

    def test_an_empty_file(self, tmp_path: Path) -> None:
        """An empty file says so."""
        path = tmp_path / "empty.xlsx"
        path.write_bytes(b"")
        with pytest.raises(DataFileError, match="empty file"):
            read_form(path)

    def test_prose_without_figures(self) -> None:
        """Text without budget figures is described by its length and first line."""
        with pytest.raises(DataFileError, match="text of 2 lines"):
            parse_form_text("第一行\n第二行\n")


class TestMissingExtras:
    """Word and PDF need their extras; without them the message names the extra."""

    @pytest.mark.parametrize(
        ("module", "kind", "extra"), [("docx", "docx", "word"), ("pdfplumber", "pdf", "pdf")]
    )
    def test_message_names_the_extra(
        self, module: str, kind: str, extra: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``pip install "pension-subsidy[word]"`` (or ``[pdf]``) in the message."""
        path = write(self_evaluation_spec(), kind, tmp_path)
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(MissingDependencyError) as caught:
            read_form(path)
        assert caught.value.extra == extra
        assert f'pip install "pension-subsidy[{extra}]"' in str(caught.value)


class TestCommand:
    """``pension-subsidy read FILE``."""

    def test_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON carries the contract's keys, money in 元 as exact strings."""
        path = write(self_evaluation_spec(), "xlsx", tmp_path)
        assert main(["read", str(path), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert list(data)[:6] == ["form", "layout", "source", "money_unit", "projects", "figures"]
        project = data["projects"][0]
        for key in (
            "name",
            "unit_name",
            "department",
            "budget_start_yuan",
            "budget_adjusted_yuan",
            "executed_yuan",
            "execution_rate_percent",
            "execution_points",
            "execution_score",
            "total_score",
            "grade",
            "goals",
            "indicators",
        ):
            assert key in project
        assert project["executed_yuan"] == "1732500.00"
        indicator = project["indicators"][0]
        assert list(indicator)[:11] == [
            "level1",
            "level2",
            "name",
            "comparator",
            "target",
            "unit",
            "actual",
            "points",
            "score",
            "reason",
            "where",
        ]
        assert indicator["where"] == {"sheet": "自评表", "row": 13, "cell": "D13"}

    @pytest.mark.parametrize(("locale", "words"), [("zh_CN", "全年执行数"), ("en", "executed")])
    def test_text(
        self, locale: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The text names the figures in the reader's language."""
        path = write(self_evaluation_spec(), "html", tmp_path)
        assert main(["read", str(path), "--locale", locale]) == 0
        out = capsys.readouterr().out
        assert f"{words}: 173.25 万元 = 1,732,500.00 元" in out

    def test_unknown_file_exits_3(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Input that is no form: exit 3, one line, no traceback."""
        path = tmp_path / "x.txt"
        path.write_text("hello\n", encoding="utf-8")
        assert main(["read", str(path)]) == 3
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "text of 1 line without" in err
