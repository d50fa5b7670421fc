"""Every result as a document from the command line: ``--format html|xlsx`` and ``-o``.

``audit``, ``plan-check``, ``scenario``, ``solve``, ``forecast``, ``sensitivity`` and
``roster`` write a printable page or a print-ready workbook like ``report`` and
``evaluate``, with their exit codes unchanged; LaTeX comparators from a source
(``$\\geq 100\\%$``) are shown as signs everywhere but where the source is quoted.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from pension_subsidy.cli import main
from pension_subsidy.disclosure import load_disclosure
from pension_subsidy.disclosure.audit import audit
from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.output import charts
from pension_subsidy.output.audit_text import location_text
from pension_subsidy.output.display import display_text
from pension_subsidy.output.workbook import YUAN_FORMAT
from tests.test_forms_audit_files import REPORT, SELF_EVALUATION

ROOT = Path(__file__).parent.parent
INPUTS = ROOT / "tests" / "golden" / "inputs"
ACTUALS = str(ROOT / "examples" / "actuals-2022.toml")
BAD_ROWS = str(INPUTS / "roster-bad-rows.csv")
SYNTH = str(INPUTS / "synth-2000-seed7.csv")
DISCLOSURE = ROOT / "src" / "pension_subsidy" / "data" / "menyuan-2022-disclosure.txt"

#: Each command, its arguments on the bundled data, its exit code, and figures its page shows.
COMMANDS: dict[str, tuple[list[str], int, tuple[str, ...]]] = {
    # 7 findings, one an error (the insured persons stated as 91,700 and 96,410): exit 1
    "audit": (["audit"], 1, ("quantity.mismatch", "96,410")),
    # 养老保险参保人数 ≥91,700 against 96,410 computed: a mismatch, exit 1; 8.50 万元 as 8.50
    "plan-check": (["plan-check"], 0, ("91,700", "96,410", "4,710", "8.50", "不一致 0", "警告 1")),
    # 60 元 × 1,025 severely disabled = 61,500 元 where 62,000 was: the fund is 500 元 lower
    "scenario": (
        ["scenario", "--set", "severe_disability_proxy.per_capita=60"],
        0,
        ("1,690,000.00", "1,689,500.00", "-500.00"),
    ),
    # the largest 分 the appropriation allows for 6,969 poverty households: 28.55 元
    "solve": (["solve", "--vary", "poverty_household_proxy.per_capita"], 0, ("28.55",)),
    # the five years after 2022, each project's appropriation held
    "forecast": (["forecast"], 0, ("2023", "2027", "1,750,000.00")),
    "sensitivity": (["sensitivity"], 0, ("±10%", "1,690,000.00")),
    # 18 rows, 8 accepted, 10 rejected (exit 1), 3,348.50 元 in all
    "roster": (["roster", BAD_ROWS], 1, ("3,348.50", "bad_date", "日期无效")),
}
NAMES = list(COMMANDS)


def _run(argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, bytes]:
    code = main(argv)
    return code, capsysbinary.readouterr().out


def _cells(path: Path) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


class TestHtml:
    """``--format html -o FILE``: a printable page with the figures, in the language asked."""

    @pytest.mark.parametrize("name", NAMES)
    def test_page_in_chinese_by_default(self, name, tmp_path, capsysbinary):
        """A Chinese page (``lang="zh-CN"``) with the result's figures; the exit code as before."""
        argv, code, figures = COMMANDS[name]
        target = tmp_path / "x.html"
        assert _run([*argv, "--format", "html", "-o", str(target)], capsysbinary) == (code, b"")
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="zh-CN">' in page
        for figure in figures:
            assert figure in html.unescape(page), figure

    @pytest.mark.parametrize("name", ["audit", "plan-check", "scenario", "solve", "roster"])
    def test_page_in_english(self, name, tmp_path, capsysbinary):
        """``--locale en``: an English page, the same figures."""
        argv, code, figures = COMMANDS[name]
        target = tmp_path / "x.html"
        argv = [*argv, "--format", "html", "-o", str(target), "--locale", "en"]
        assert _run(argv, capsysbinary)[0] == code
        page = html.unescape(target.read_text(encoding="utf-8"))
        assert '<html lang="en">' in page
        assert "<h1>" in page
        for figure in figures:
            if not re.search(r"[\u4e00-\u9fff]", figure):  # words are English here
                assert figure in page, figure

    @pytest.mark.parametrize("name", NAMES)
    def test_dash_is_standard_output(self, name, tmp_path, monkeypatch, capsysbinary):
        """``-o -`` prints the very page ``-o FILE`` writes, and makes no file named ``-``."""
        monkeypatch.chdir(tmp_path)
        argv, code, _ = COMMANDS[name]
        target = tmp_path / "x.html"
        assert _run([*argv, "--format", "html", "-o", str(target)], capsysbinary)[0] == code
        printed = _run([*argv, "--format", "html", "-o", "-"], capsysbinary)
        assert printed == (code, target.read_bytes())
        assert not (tmp_path / "-").exists()

    def test_forecast_and_sensitivity_pages_hold_their_charts(self, tmp_path, capsysbinary):
        """A chart per forecast project (3) and the tornado, as inline SVG."""
        pytest.importorskip("matplotlib")
        for argv, count in ((["forecast"], 3), (["sensitivity"], 1)):
            target = tmp_path / "x.html"
            assert _run([*argv, "--format", "html", "-o", str(target)], capsysbinary)[0] == 0
            page = target.read_text(encoding="utf-8")
            assert '<section class="charts">' in page
            assert page.count("<svg ") == count

    def test_roster_page_holds_the_township_chart(self, tmp_path, capsysbinary):
        """The roster's page ends with its amounts by township, and lists the rejected rows."""
        pytest.importorskip("matplotlib")
        target = tmp_path / "x.html"
        assert _run(["roster", BAD_ROWS, "--format", "html", "-o", str(target)], capsysbinary)[0]
        page = target.read_text(encoding="utf-8")
        assert page.count("<svg ") == 1
        # the duplicate on line 15 is found late but listed in line order
        lines = re.findall(r"<tr><td>(\d+)</td><td>", page)
        assert lines == ["8", "9", "10", "11", "12", "13", "14", "15", "16", "17"]

    def test_without_matplotlib_the_page_says_how_to_get_charts(
        self, tmp_path, monkeypatch, capsysbinary
    ):
        """No matplotlib: the page still has the table, and a note naming the extra."""

        def missing() -> None:
            raise MissingDependencyError("matplotlib", extra="plot")

        monkeypatch.setattr(charts, "load_matplotlib", missing)
        target = tmp_path / "x.html"
        assert _run(["forecast", "--format", "html", "-o", str(target)], capsysbinary)[0] == 0
        page = target.read_text(encoding="utf-8")
        assert "<svg" not in page
        assert 'class="charts-note"' in page
        assert "1,750,000.00" in page


class TestXlsx:
    """``--format xlsx -o FILE``: a workbook openpyxl reads, landscape, money as numbers."""

    @pytest.mark.parametrize("name", NAMES)
    def test_workbook_prints_landscape(self, name, tmp_path, capsysbinary):
        """Every sheet A4 landscape, one page wide; the exit code as before; nothing printed."""
        argv, code, _ = COMMANDS[name]
        target = tmp_path / "x.xlsx"
        assert _run([*argv, "--format", "xlsx", "-o", str(target)], capsysbinary) == (code, b"")
        book = openpyxl.load_workbook(target)
        assert book.worksheets
        for sheet in book.worksheets:
            assert sheet.page_setup.orientation == "landscape"
            assert sheet.page_setup.paperSize == 9
            assert sheet.page_setup.fitToWidth == 1

    @pytest.mark.parametrize(
        ("name", "amount"),
        [
            ("scenario", 1689500),
            ("solve", 1750000),
            ("forecast", 1750000),
            ("sensitivity", 1690000),
            ("roster", 3348.5),
        ],
    )
    def test_money_cells_are_numbers(self, name, amount, tmp_path, capsysbinary):
        """Each amount in 元 is a number to the 分 (``#,##0.00``), never text."""
        argv, code, _ = COMMANDS[name]
        target = tmp_path / "x.xlsx"
        assert _run([*argv, "--format", "xlsx", "-o", str(target)], capsysbinary)[0] == code
        money = [cell.value for cell in _cells(target) if cell.number_format == YUAN_FORMAT]
        assert money
        assert all(isinstance(value, int | float) for value in money if value is not None)
        assert amount in money

    def test_english_workbook_has_english_headings(self, tmp_path, capsysbinary):
        """``--locale en``: the scenario's headings in English."""
        target = tmp_path / "x.xlsx"
        argv = [*COMMANDS["scenario"][0], "--format", "xlsx", "-o", str(target), "--locale", "en"]
        assert _run(argv, capsysbinary)[0] == 0
        assert "Baseline (yuan)" in {cell.value for cell in _cells(target)}

    @pytest.mark.parametrize("name", NAMES)
    def test_xlsx_without_output_is_a_usage_error(self, name, capsys):
        """A workbook needs ``-o``: exit 2 and the reason, before any work."""
        argv, _, _ = COMMANDS[name]
        assert main([*argv, "--format", "xlsx"]) == 2
        assert "-o FILE" in capsys.readouterr().err

    def test_workbook_to_dash(self, capsysbinary):
        """``-o -`` writes the workbook's bytes to standard output."""
        code, data = _run(["audit", "--format", "xlsx", "-o", "-"], capsysbinary)
        assert code == 1
        assert openpyxl.load_workbook(io.BytesIO(data)).worksheets


class TestTextAndJsonUnchanged:
    """Text and JSON are as before; JSON may go to ``-o FILE`` too."""

    @pytest.mark.parametrize("name", NAMES)
    def test_json_to_a_file_is_what_is_printed(self, name, tmp_path, capsysbinary):
        """``--format json -o FILE`` writes exactly what ``--format json`` prints."""
        argv, code, _ = COMMANDS[name]
        printed = _run([*argv, "--format", "json"], capsysbinary)
        assert printed[0] == code
        json.loads(printed[1])
        target = tmp_path / "x.json"
        assert _run([*argv, "--format", "json", "-o", str(target)], capsysbinary) == (code, b"")
        assert target.read_bytes() == printed[1]

    @pytest.mark.parametrize("name", NAMES)
    def test_text_to_a_file_is_what_is_printed(self, name, tmp_path, capsysbinary):
        """``-o FILE`` with text writes what the command prints."""
        argv, code, _ = COMMANDS[name]
        printed = _run(argv, capsysbinary)
        target = tmp_path / "x.txt"
        assert _run([*argv, "-o", str(target)], capsysbinary) == (code, b"")
        assert target.read_bytes() == printed[1]

    def test_audit_text_is_the_golden_text(self, capsysbinary):
        """The bundled audit's text, byte for byte as recorded, exit 1."""
        golden = (ROOT / "tests" / "golden" / "text-audit-bundled.txt").read_bytes()
        assert _run(["audit"], capsysbinary) == (1, golden)

    def test_roster_refuses_an_output_that_is_the_rejects_file(self, tmp_path, capsys):
        """``-o`` and ``--rejects`` naming one file: an input error (3) before the pass."""
        target = str(tmp_path / "x.csv")
        assert main(["roster", BAD_ROWS, "--rejects", target, "-o", target]) == 3
        assert "--rejects" in capsys.readouterr().err
        assert not Path(target).exists()

    def test_roster_rejects_and_html_together(self, tmp_path, capsysbinary):
        """``--rejects`` still writes every rejected row while ``-o`` writes the page."""
        rejects, page = tmp_path / "rejects.csv", tmp_path / "x.html"
        argv = ["roster", BAD_ROWS, "--rejects", str(rejects), "--format", "html", "-o", str(page)]
        assert _run(argv, capsysbinary) == (1, b"")
        assert len(rejects.read_text(encoding="utf-8-sig").splitlines()) == 11  # header + 10
        assert "3,348.50" in page.read_text(encoding="utf-8")

    def test_roster_report_in_the_page(self, tmp_path, capsysbinary):
        """``roster --report``: the page adds the roster-built budget against appropriations."""
        target = tmp_path / "x.html"
        argv = ["roster", SYNTH, "--report", "--format", "html", "-o", str(target)]
        assert _run(argv, capsysbinary)[0] == 0
        page = target.read_text(encoding="utf-8")
        assert "由花名册测算的预算" in page
        assert "1,750,000.00" in page


#: The bundled table with LaTeX comparators in more places: quoted by audit messages too.
_LATEX = (
    ("养老保险参保人数 ≥91700人", "养老保险参保人数 $\\geq 91700$人"),
    ("养老保险补贴政策宣传成本 ≤ 6万元", "养老保险补贴政策宣传成本 $\\leq 6$万元"),
    ("宣传次数 ≥ 10次", "宣传次数 $\\geq 10$次"),
)


@pytest.fixture
def latex_table(tmp_path: Path) -> Path:
    """The bundled disclosure table with three more LaTeX comparators (six in all)."""
    text = DISCLOSURE.read_text(encoding="utf-8")
    for plain, latex in _LATEX:
        assert plain in text
        text = text.replace(plain, latex)
    path = tmp_path / "latex.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _without_quotes(shown: str, table: Path, locale: str) -> str:
    """What a person reads, less the findings' locations (the source quoted verbatim)."""
    locations = {finding.location for finding in audit(load_disclosure(table))}
    quoted = {location_text(location, locale) for location in locations}
    quoted |= {location.place for location in locations}
    for quote in sorted(quoted, key=len, reverse=True):  # a longer one holds a shorter
        shown = shown.replace(quote, "").replace(html.escape(quote, quote=False), "")
    return shown


class TestLatexComparators:
    """``$\\geq 100\\%$`` from a source is shown as ``≥100%``, except where quoted verbatim."""

    def test_display_text(self):
        """The sign, no dollars, no space after the comparator; plain text unchanged."""
        assert display_text("1. 养老保险参保率 $\\geq 100\\%$") == "1. 养老保险参保率 ≥100%"
        assert display_text("$\\le 6$万元, \\textgreater 98\\%") == "≤6万元, >98%"
        assert display_text("单位工作运转成本 ≤13.8万") == "单位工作运转成本 ≤13.8万"

    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    @pytest.mark.parametrize(
        "argv",
        [["report"], ["evaluate", "--actuals", ACTUALS], ["audit"], ["plan-check"]],
        ids=["report", "evaluate", "audit", "plan-check"],
    )
    @pytest.mark.parametrize("form", ["text", "html"])
    def test_no_latex_shown(self, argv, form, locale, latex_table, tmp_path, capsysbinary):
        """No ``\\geq``/``\\leq`` in text or HTML, but in an audit finding's location."""
        target = tmp_path / f"out.{form}"
        command = [argv[0], str(latex_table), *argv[1:], "--locale", locale]
        code, _ = _run([*command, "--format", form, "-o", str(target)], capsysbinary)
        assert code in (0, 1)
        shown = target.read_text(encoding="utf-8")
        rest = _without_quotes(shown, latex_table, locale)
        assert "\\geq" not in rest
        assert "\\leq" not in rest
        assert "$" not in re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", rest, flags=re.S)
        if argv[0] == "audit":
            assert "$\\geq 100\\%$" in shown  # the location quotes the line as written
            assert "养老保险参保人数 ≥91700人" in shown  # … the message shows the sign

    @pytest.mark.parametrize(
        "argv",
        [["report"], ["evaluate", "--actuals", ACTUALS], ["audit"]],
        ids=["report", "evaluate", "audit"],
    )
    def test_no_latex_in_workbooks(self, argv, latex_table, tmp_path, capsysbinary):
        """No ``\\geq`` in a workbook's cells, but in an audit finding's location."""
        target = tmp_path / "out.xlsx"
        command = [argv[0], str(latex_table), *argv[1:], "--format", "xlsx", "-o", str(target)]
        assert _run(command, capsysbinary)[0] in (0, 1)
        texts = [str(cell.value) for cell in _cells(target) if isinstance(cell.value, str)]
        rest = _without_quotes("\n".join(texts), latex_table, "zh_CN")
        assert "\\geq" not in rest
        assert "\\leq" not in rest

    def test_json_keeps_the_source_text(self, capsysbinary):
        """JSON's ``text`` of an indicator is the source as written."""
        code, out = _run(["audit", "--format", "json"], capsysbinary)
        assert code == 1
        indicators = {finding["location"]["indicator"] for finding in json.loads(out)["findings"]}
        assert "1. 养老保险参保率 $\\geq 100\\%$" in indicators


class TestAuditOfOtherForms:
    """The audit of a self-evaluation table or a prose report says which form it read."""

    def test_self_evaluation_table(self, tmp_path, capsysbinary):
        """The 自评表's faults, one row each, under the form's name and file; exit 1."""
        source = tmp_path / "自评表.txt"
        source.write_text(SELF_EVALUATION, encoding="utf-8")
        target = tmp_path / "x.html"
        argv = ["audit", str(source), "--format", "html", "-o", str(target)]
        assert _run(argv, capsysbinary) == (1, b"")
        page = target.read_text(encoding="utf-8")
        assert "<p>表格：项目支出绩效自评表</p>" in page
        assert f"<p>来源：{source}</p>" in page
        for code in ("selfeval_execution_score", "selfeval_total_score", "selfeval_grade"):
            assert f"<td>{code}</td>" in page

    def test_prose_report_in_english(self, tmp_path, capsysbinary):
        """A prose report's findings in an English workbook, the form named."""
        source = tmp_path / "report.txt"
        source.write_text(REPORT, encoding="utf-8")
        target = tmp_path / "x.xlsx"
        argv = ["audit", str(source), "--format", "xlsx", "-o", str(target), "--locale", "en"]
        assert _run(argv, capsysbinary)[0] == 1
        values = {cell.value for cell in _cells(target)}
        assert "Form: evaluation (self-evaluation) report" in values
        assert {"prose_budget_levels", "prose_execution_rate", "prose_overrun"} <= values
