"""Every public result type has one ``.data()``: it equals the old functions' output."""

from __future__ import annotations

from pension_subsidy import load_dataset
from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
from pension_subsidy.model.data import component_data, project_data, report_data
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
