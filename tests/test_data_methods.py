"""Every public result type has one ``.data()``: it equals the old functions' output."""

from __future__ import annotations

from pension_subsidy import load_dataset
from pension_subsidy.disclosure import load_bundled_disclosure
from pension_subsidy.disclosure.audit import Location, audit, findings_data
from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
from pension_subsidy.model.data import component_data, project_data, report_data
from pension_subsidy.output.audit_text import location_text, render_findings
from pension_subsidy.output.evaluation_text import evaluation_data


def test_budget_data_is_report_data() -> None:
    budget = load_dataset()
    data = budget.data()
    assert data == report_data(budget)
    assert data["total_yuan"] == "1900400.00"
    assert data["projects"][2]["headroom_yuan"] == "60000.00"


def test_project_data_is_project_data() -> None:
    budget = load_dataset()
    for project in budget.projects:
        assert project.data() == project_data(project)
    fund = budget.project("county_supporting_fund")
    assert fund.data()["total_yuan"] == "1690000.00"
    check = fund.check()
    shown = [component_data(component, check) for component in fund.components]
    assert fund.data()["components"] == shown
    assert all("share_percent" in item for item in shown)


def test_evaluation_data_is_evaluation_data() -> None:
    budget = load_dataset()
    fund = budget.project("county_supporting_fund")
    evaluation = evaluate(budget, Actuals([ProjectActuals.all_met(fund)]))
    data = evaluation.data()
    assert data == evaluation_data(evaluation)
    project = data["projects"][0]
    assert (project["score"], project["grade"]) == ("100.00", "优")
    assert project["budget_execution"]["appropriation_yuan"] == "1750000.00"
    assert project == evaluation.projects[0].data()
    assert project["indicators"][0] == evaluation.projects[0].indicators[0].data()


def test_finding_data_is_findings_data() -> None:
    findings = audit(load_bundled_disclosure())
    assert findings
    data = findings_data(findings)
    assert data == {"findings": [finding.data() for finding in findings]}
    assert [finding.data() for finding in findings] == [f.as_dict() for f in findings]
    located = [f for f in findings if f.location.line is not None]
    assert located
    assert located[0].data()["location"]["line"] == located[0].location.line


def test_audit_text_in_chinese_has_no_english_line() -> None:
    findings = audit(load_bundled_disclosure())
    zh = render_findings(findings, "zh_CN")
    en = render_findings(findings, "en")
    assert "(line" not in zh
    assert "行）" in zh
    assert "(line" in en
    location = Location(unit="501003", project_name="县级配套资金", line=7)
    assert location_text(location, "zh_CN") == "501003 / 县级配套资金（第 7 行）"
    assert location_text(location, "en") == str(location)
