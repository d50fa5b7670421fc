"""``audit FILE`` on every form: read by the form readers, JSON with "form" and "layout"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pension_subsidy.cli import main
from pension_subsidy.forms.form_audit import audit_source

#: A 10号 self-evaluation table as pasted from a web page, with the issue's planted faults:
#: execution 9 for 99 % of 10 points, 满意度 12 of 10, items adding to 101 under 94, 良 for 94.
SELF_EVALUATION = (
    "项目名称\t城乡居民养老保险县级配套资金\n"
    "主管部门\t某县人社局\t实施单位\t某县社会保险服务局\n"
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t175.00\t175.00\t173.25\t10\t99%\t9\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标（50分）\t数量指标\t参保人数\t≥96410人\t97000人\t50\t50\t\n"
    "\t效益指标（30分）\t社会效益指标\t参保率\t≥95%\t98%\t30\t30\t\n"
    "\t满意度指标（10分）\t满意度指标\t满意度\t≥90%\t92%\t10\t12\t\n"
    "总分\t\t\t\t\t\t100\t94\t良\n"
)

REPORT = (
    "某县2022年城乡居民基本养老保险补助资金绩效自评报告\n"
    "一、项目基本情况\n"
    "2022年预算资金3309.84万元，其中：中央补助资金2000.00万元，省级补助资金800.00万元，"
    "市级资金300.00万元，县级资金219.84万元。\n"
    "二、项目执行情况\n"
    "截至年底实际支出3276.74万元，预算执行率98.00%。\n"
    "门源县缴费补贴计划155.46万元，实际需要394.86万元，超支229.40万元。\n"
)


def _json_audit(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict[str, object]]:
    code = main(["audit", str(path), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


class TestSelfEvaluationFile:
    """A self-evaluation table read from pasted text and audited."""

    def test_faults_found(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each planted fault found; form and layout named; exit 1 (errors)."""
        path = tmp_path / "自评表.txt"
        path.write_text(SELF_EVALUATION, encoding="utf-8")
        code, data = _json_audit(capsys, path)
        assert code == 1
        assert (data["form"], data["layout"]) == ("self_evaluation_table", "finance_10")
        findings = {f["code"]: f for f in data["findings"]}  # type: ignore[attr-defined]
        assert set(findings) == {
            "selfeval_execution_score",
            "selfeval_score_above_points",
            "selfeval_total_score",
            "selfeval_grade",
        }
        assert findings["selfeval_execution_score"]["values"]["expected_score"] == "9.9"
        assert findings["selfeval_total_score"]["values"]["computed_total"] == "101"
        assert findings["selfeval_grade"]["values"]["expected_grade"] == "优"
        assert list(findings["selfeval_grade"]) == [
            "code",
            "severity",
            "location",
            "message_zh",
            "message_en",
            "values",
        ]


class TestProseReportFile:
    """A prose report read and audited: sums by level, the rate, a county's overrun."""

    def test_arithmetic_checked(self, tmp_path: Path) -> None:
        """县级 219.84 makes 3319.84; 98 % stated for 99 %; 门源 overrun 239.4 stated 229.40."""
        path = tmp_path / "report.txt"
        path.write_text(REPORT, encoding="utf-8")
        result = audit_source(path)
        assert (result.form, result.layout) == ("evaluation_report", "prose")
        codes = [finding.code for finding in result.findings]
        assert codes == ["prose_budget_levels", "prose_execution_rate", "prose_overrun"]
        overrun = result.findings[2]
        # the plan is 155.46 (计划), never the actual need 394.86 (实际需要)
        assert (overrun.values["plan"], overrun.values["actual"]) == ("155.46万元", "394.86万元")
        assert overrun.values["computed_overrun"] == "239.4万元"


class TestEveryInputNamesItsForm:
    """The disclosure table keeps its findings and gains form and layout; unknown files say so."""

    def test_bundled(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled 公开表: disclosure_table / five_column, the findings first as before."""
        assert main(["audit", "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert list(data) == ["findings", "form", "layout"]
        assert (data["form"], data["layout"]) == ("disclosure_table", "five_column")

    def test_unknown_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A table of something else is described, not 'no header row'; exit 3."""
        path = tmp_path / "roster.csv"
        path.write_text("姓名,身份证号,村\n张三,1,甲村\n李四,2,乙村\n", encoding="utf-8")
        assert main(["audit", str(path)]) == 3
        err = capsys.readouterr().err
        assert "no header row" not in err
        assert "姓名" in err
        assert "绩效自评表" in err


class TestEveryFileKind:
    """The same audit whatever the file kind: a 公开表 as a web page, a 自评表 as a workbook."""

    def test_disclosure_as_a_web_page(self, tmp_path: Path) -> None:
        """The seed converted to HTML audits to the same findings as the bundled table."""
        page = tmp_path / "menyuan-2022.html"
        assert main(["convert", "--to", "html", "-o", str(page)]) == 0
        from_page = audit_source(page)
        bundled = audit_source(None)
        assert (from_page.form, from_page.layout) == ("disclosure_table", "five_column")
        assert [f.code for f in from_page.findings] == [f.code for f in bundled.findings]

    def test_self_evaluation_as_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The pasted table rewritten as .xlsx: read as a 自评表, the same four faults."""
        pasted = tmp_path / "pasted.txt"
        pasted.write_text(SELF_EVALUATION, encoding="utf-8")
        book = tmp_path / "自评表.xlsx"
        assert main(["write-selfeval", "--form", str(pasted), "-o", str(book)]) == 0
        code, data = _json_audit(capsys, book)
        assert (code, data["form"], data["layout"]) == (1, "self_evaluation_table", "finance_10")
        assert sorted(f["code"] for f in data["findings"]) == [  # type: ignore[attr-defined]
            "selfeval_execution_score",
            "selfeval_grade",
            "selfeval_score_above_points",
            "selfeval_total_score",
        ]
