"""A scored self-evaluation as the 自评表 states it: :class:`FormProject` rows from the results.

The writers (``output.selfeval_xlsx``, ``output.selfeval_html``, ``output.selfeval_docx``)
write a :class:`~pension_subsidy.forms.model.FormProject` in the standard 10号 layout, so that
a table read from any file and a self-evaluation scored here are written the same way, and a
written table reads back to the same figures. :func:`selfeval_document` builds the projects
from an :class:`~pension_subsidy.evaluation.results.Evaluation`:

* header: 项目名称, 主管部门 and 实施单位 (the project's unit unless given), 项目负责人 and
  财务负责人 (as given; left blank otherwise, to be filled in by hand);
* money (万元): 年初预算数 = 全年预算数 = the appropriation scored against, 全年执行数 the
  amount spent, 分值 / 执行率 / 得分 of budget execution; the row 其中当年财政拨款 repeats the
  total (a county appropriation), 上年结转资金 and 其他资金 are left blank (not known here);
* the goals as 预期目标 (实际完成情况 blank unless given), the indicators with their level-1
  points in the heading (``产出指标（50分）``), 分值 and 得分 to 0.01, the reason and measure;
* 总分 to 0.01 and the grade.

>>> from pension_subsidy import Yuan, load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> budget = load_dataset()
>>> fund = budget.project("county_supporting_fund")
>>> result = evaluate(budget, Actuals([ProjectActuals.all_met(fund, spent=Yuan.from_wan("172"))]))
>>> project = selfeval_document(result, budget).projects[0]
>>> project.executed.text, project.execution_rate_percent.text, project.total_score.text
('172.00', '98.29', '99.83')
>>> project.indicators[0].level1, project.indicators[0].level1_points.text
('产出指标', '产出指标（50分）')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from pension_subsidy.evaluation.results import Evaluation, IndicatorResult, ProjectEvaluation
from pension_subsidy.forms.model import (
    MONEY_ROWS,
    FormDocument,
    FormGoal,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    StatedNumber,
)
from pension_subsidy.model.budget import Budget
from pension_subsidy.money import WAN_CENT, Yuan, round_half_up

__all__ = ["SelfEvaluationHeader", "selfeval_document", "selfeval_project"]

_CENT = Decimal("0.01")


@attrs.frozen
class SelfEvaluationHeader:
    """The header rows of a 自评表 that the scoring does not know (None: left blank).

    ``department`` 主管部门, ``unit_name`` 实施单位 (both default to the project's unit),
    ``project_lead`` 项目负责人, ``finance_lead`` 财务负责人; ``achieved`` the 实际完成情况 of
    the overall goal.
    """

    department: str | None = None
    unit_name: str | None = None
    project_lead: str | None = None
    finance_lead: str | None = None
    achieved: str | None = None


def _wan(amount: Yuan) -> StatedAmount:
    return StatedAmount(f"{amount.to_wan(WAN_CENT):f}", "万元", amount)


def _number(value: Fraction | Decimal) -> StatedNumber:
    shown = round_half_up(Fraction(value), _CENT)
    return StatedNumber(f"{shown:f}", shown)


def _points_text(value: Fraction) -> str:
    shown = round_half_up(value, _CENT)
    whole = shown == shown.to_integral_value()
    return f"{shown:.0f}" if whole else f"{shown.normalize():f}"


def _indicator(result: IndicatorResult, evaluation: ProjectEvaluation) -> FormIndicator:
    indicator = result.indicator
    level1 = indicator.level1
    heading = f"{level1.name_zh}（{_points_text(evaluation.weights.level(level1))}分）"
    reasons = [text for text in (result.reason, result.measure) if text]
    reason = None
    if result.reason and result.measure:
        reason = f"{result.reason}；改进措施：{result.measure}"
    elif reasons:
        reason = reasons[0]
    actual = None if result.actual is None else StatedNumber.parse(result.actual.shown)
    return FormIndicator(
        level1=level1.name_zh,
        level2=indicator.level2.name_zh,
        name=indicator.name,
        comparator=None if indicator.comparator is None else indicator.comparator.value,
        target=StatedNumber.parse(indicator.target_text),
        unit=indicator.unit or None,
        actual=actual,
        points=_number(result.weight),
        score=_number(result.score),
        reason=reason,
        level1_points=StatedNumber(
            heading, Decimal(_points_text(evaluation.weights.level(level1)))
        ),
    )


def selfeval_project(
    evaluation: ProjectEvaluation,
    *,
    unit_name: str | None = None,
    header: SelfEvaluationHeader | None = None,
) -> FormProject:
    """One scored project as the rows of a 自评表 (``unit_name``: its unit's name)."""
    header = SelfEvaluationHeader() if header is None else header
    project = evaluation.project
    execution = evaluation.budget_execution
    budget = _wan(execution.appropriation)
    spent = None if execution.spent is None else _wan(execution.spent)
    rate = execution.rate_percent
    rate_number = None if rate is None else StatedNumber(f"{rate:f}", rate)
    points, score = _number(execution.weight), _number(execution.score)
    total_row = MoneyRow(
        "total",
        MONEY_ROWS["total"],
        budget_start=budget,
        budget_adjusted=budget,
        executed=spent,
        points=points,
        rate_percent=rate_number,
        score=score,
    )
    appropriation_row = MoneyRow(
        "current_appropriation",
        MONEY_ROWS["current_appropriation"],
        budget_start=budget,
        budget_adjusted=budget,
        executed=spent,
    )
    fields = (
        ("项目负责人", header.project_lead or ""),
        ("财务负责人", header.finance_lead or ""),
    )
    return FormProject(
        name=project.name_zh,
        unit_name=header.unit_name or unit_name,
        department=header.department or unit_name,
        budget_start=budget,
        budget_adjusted=budget,
        executed=spent,
        execution_rate_percent=rate_number,
        execution_points=points,
        execution_score=score,
        total_score=_number(evaluation.score),
        grade=evaluation.grade.value,
        goals=tuple(FormGoal(goal, header.achieved) for goal in project.goals),
        indicators=tuple(_indicator(result, evaluation) for result in evaluation.indicators),
        money_rows=(
            total_row,
            appropriation_row,
            MoneyRow("carry_over", MONEY_ROWS["carry_over"]),
            MoneyRow("other", MONEY_ROWS["other"]),
        ),
        fields=fields,
    )


def selfeval_document(
    evaluation: Evaluation, budget: Budget, *, header: SelfEvaluationHeader | None = None
) -> FormDocument:
    """Every scored project of ``evaluation`` as a 自评表 (``budget`` names their units)."""
    units = {project.key: unit.name_zh for unit in budget.units for project in unit.projects}
    projects = tuple(
        selfeval_project(scored, unit_name=units.get(scored.project.key), header=header)
        for scored in evaluation.projects
    )
    return FormDocument(
        form="self_evaluation_table",
        layout="finance_10",
        source=evaluation.budget_key,
        money_unit="万元",
        projects=projects,
        title=f"项目支出绩效自评表（{evaluation.year}年度）",
    )
