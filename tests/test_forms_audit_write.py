"""Writing the 自评表 (xlsx, HTML, docx) and reading it back: the same figures, a clean audit."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pension_subsidy import DataFileError, MissingDependencyError, load_dataset, read_actuals
from pension_subsidy.cli import main
from pension_subsidy.evaluation.scoring_2020 import evaluate_with
from pension_subsidy.forms.form_audit import audit_form
from pension_subsidy.forms.model import FormDocument, FormProject
from pension_subsidy.forms.read import read_form_bytes
from pension_subsidy.forms.selfeval_form import SelfEvaluationHeader, selfeval_document
from pension_subsidy.output.selfeval_files import format_of, render_selfeval, write_selfeval
from pension_subsidy.output.selfeval_html import render_selfeval_html
from tests.test_forms_audit_files import SELF_EVALUATION

ROOT = Path(__file__).resolve().parents[1]
ACTUALS = ROOT / "examples" / "actuals-2022.toml"
HEADER = SelfEvaluationHeader(project_lead="张三", finance_lead="李四")


def _document(scoring: str = "current") -> FormDocument:
    budget = load_dataset()
    evaluation = evaluate_with(budget, read_actuals(ACTUALS, budget), scoring=scoring)
    return selfeval_document(evaluation, budget, header=HEADER)


def _amount(amount: Any) -> Decimal | None:
    return None if amount is None else amount.yuan.value


def _number(number: Any) -> Decimal | None:
    return None if number is None else number.value


def _figures(project: FormProject) -> dict[str, object]:
    """What the round trip must keep: every stated figure and text, values compared exactly."""
    return {
        "name": project.name,
        "department": project.department,
        "unit_name": project.unit_name,
        "fields": project.fields,
        "budget_start": _amount(project.budget_start),
        "budget_adjusted": _amount(project.budget_adjusted),
        "executed": _amount(project.executed),
        "rate": _number(project.execution_rate_percent),
        "points": _number(project.execution_points),
        "score": _number(project.execution_score),
        "total": _number(project.total_score),
        "grade": project.grade,
        "money_rows": [
            (
                row.key,
                _amount(row.budget_start),
                _amount(row.budget_adjusted),
                _amount(row.executed),
            )
            for row in project.money_rows
        ],
        "goals": [goal.planned for goal in project.goals],
        "indicators": [
            (
                ind.level1,
                _number(ind.level1_points),
                ind.level2,
                ind.name,
                _number(ind.target),
                _number(ind.actual),
                _number(ind.points),
                _number(ind.score),
                ind.reason,
            )
            for ind in project.indicators
        ],
    }


class TestRoundTrip:
    """write → read with the forms reader → the same figures, in every format."""

    @pytest.mark.parametrize("fmt", ["xlsx", "html", "docx"])
    def test_same_figures(self, fmt: str) -> None:
        """Both Menyuan projects read back with every figure as written."""
        written = _document()
        back = read_form_bytes(render_selfeval(written, fmt), f"自评表.{fmt}")
        assert (back.form, back.layout) == ("self_evaluation_table", "finance_10")
        assert [_figures(p) for p in back.projects] == [_figures(p) for p in written.projects]

    @pytest.mark.parametrize("fmt", ["xlsx", "html", "docx"])
    def test_written_table_audits_clean(self, fmt: str) -> None:
        """A table written from a scoring has no error or warning (9 × 5.56 = 50.04 allowed)."""
        back = read_form_bytes(render_selfeval(_document("2020-10"), fmt), f"t.{fmt}")
        assert [f.code for f in audit_form(back) if f.severity.value != "info"] == []

    def test_county_fund_figures(self) -> None:
        """The county fund as scored: 172 of 175 万元, 98.29 %, 9.83, total 91.50, 优."""
        project = next(p for p in _document().projects if p.name == "城乡居民养老保险县级配套资金")
        figures = _figures(project)
        assert (figures["executed"], figures["rate"], figures["score"]) == (
            Decimal("1720000.00"),
            Decimal("98.29"),
            Decimal("9.83"),
        )
        assert (figures["total"], figures["grade"]) == (Decimal("91.50"), "优")
        assert figures["fields"] == (("项目负责人", "张三"), ("财务负责人", "李四"))

    @pytest.mark.parametrize("fmt", ["xlsx", "docx"])
    def test_same_bytes(self, fmt: str) -> None:
        """The same document gives the same bytes."""
        document = _document()
        assert render_selfeval(document, fmt) == render_selfeval(document, fmt)


class TestWriters:
    """Details of the writers."""

    def test_html_escapes_and_spans(self) -> None:
        """Names are escaped; 项目资金 spans its five rows, the money headings their columns."""
        page = render_selfeval_html(
            FormDocument("self_evaluation_table", "x", "x", projects=(FormProject("<b>"),))
        )
        assert '<td colspan="9">&lt;b&gt;</td>' in page
        assert '<th rowspan="5">项目资金（万元）</th>' in page
        assert "<th>年初预算数</th><th>全年预算数</th><th>全年执行数</th>" in page

    def test_docx_needs_the_word_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx the message names the extra."""
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(MissingDependencyError, match=r"pension-subsidy\[word\]") as error:
            render_selfeval(_document(), "docx")
        assert error.value.extra == "word"

    def test_write_by_suffix(self, tmp_path: Path) -> None:
        """write_selfeval takes the format from the suffix and leaves no temporary file."""
        path = write_selfeval(_document(), tmp_path / "自评表.htm")
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["自评表.htm"]
        assert format_of("a.XLSX") == "xlsx"


class TestCommand:
    """write-selfeval on the command line."""

    def test_scored_to_docx(self, tmp_path: Path) -> None:
        """Scored from the example actuals, written as docx, read back as a 自评表."""
        out = tmp_path / "自评表.docx"
        code = main(
            ["write-selfeval", "--actuals", str(ACTUALS), "--format", "docx", "-o", str(out)]
        )
        assert code == 0
        back = read_form_bytes(out.read_bytes(), out.name)
        assert [p.name for p in back.projects] == [p.name for p in _document().projects]

    def test_rewrite_a_read_table(self, tmp_path: Path) -> None:
        """A pasted table rewritten in the standard layout keeps its faults for the audit."""
        source = tmp_path / "pasted.txt"
        source.write_text(SELF_EVALUATION, encoding="utf-8")
        out = tmp_path / "standard.html"
        assert (
            main(["write-selfeval", "--form", str(source), "--format", "html", "-o", str(out)]) == 0
        )
        codes = sorted(f.code for f in audit_form(read_form_bytes(out.read_bytes(), out.name)))
        assert codes == [
            "selfeval_execution_score",
            "selfeval_grade",
            "selfeval_score_above_points",
            "selfeval_total_score",
        ]

    def test_usage_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Neither --actuals nor --form, or a binary format without -o: exit 2."""
        assert main(["write-selfeval", "--format", "html"]) == 2
        assert "give either --actuals FILE" in capsys.readouterr().err
        assert main(["write-selfeval", "--actuals", str(ACTUALS), "--format", "docx"]) == 2
        assert "-o FILE" in capsys.readouterr().err

    def test_not_a_self_evaluation(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--form with the 公开表: exit 3, saying what it is."""
        seed = ROOT / "src" / "pension_subsidy" / "data" / "menyuan-2022-disclosure.txt"
        out = tmp_path / "x.html"
        assert (
            main(["write-selfeval", "--form", str(seed), "--format", "html", "-o", str(out)]) == 3
        )
        assert "is a disclosure_table (five_column), not a self-evaluation table" in (
            capsys.readouterr().err
        )


class TestFormats:
    """The format from a suffix, and a format the writer does not know."""

    def test_unknown_suffix_and_format(self) -> None:
        """.pdf cannot be written; neither can a format named 'pdf'."""
        with pytest.raises(DataFileError, match=r"expected one of \.xlsx, \.html, \.docx"):
            format_of("自评表.pdf")
        with pytest.raises(DataFileError, match="expected one of xlsx, html, docx"):
            render_selfeval(FormDocument("self_evaluation_table", "x", "x"), "pdf")

    @pytest.mark.parametrize("fmt", ["xlsx", "html", "docx"])
    def test_no_project(self, fmt: str) -> None:
        """A document without projects still gives a file with the form's title."""
        assert render_selfeval(FormDocument("self_evaluation_table", "x", "x"), fmt)
