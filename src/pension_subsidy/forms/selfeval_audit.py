"""Audit a filled-in self-evaluation table (项目支出绩效自评表): its arithmetic and its reasons.

Each check recomputes one stated figure from the others and reports, with the numbers quoted,
where they disagree (the codes, all ``selfeval_…``):

* ``selfeval_execution_rate`` (error): 执行率 ≠ 全年执行数 ÷ 全年预算数;
* ``selfeval_execution_score`` (warning): the execution 得分 ≠ rate × 分值 (at most the 分值);
* ``selfeval_money_rows`` (error): 年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金;
* ``selfeval_points_total`` (error): the indicators' 分值 + the execution 分值 ≠ 100;
* ``selfeval_level1_points`` (error): a level-1 group's 分值 ≠ its heading (产出指标 (50分));
* ``selfeval_score_above_points`` (error): a 得分 above its 分值;
* ``selfeval_total_score`` (error): the items' 得分 do not add up to the stated 总分;
* ``selfeval_grade`` (error): the stated grade (等级) is not the grade of the 总分;
* ``selfeval_weighted_score`` (error): Hebei's 单项指标折算得分 ≠ 单项指标得分 × 权重占比;
* ``selfeval_indicator_score``: a quantitative indicator's 得分 recomputed from 年度指标值 and
  实际完成值 with the 10号 rules (:mod:`pension_subsidy.evaluation.rules_2020`) — *info* where
  the rules leave it to the evaluator (a reduced score for an actual ≥ 130 % of its target, a
  "≤" or "=" indicator scored by another common rule), *warning* where arithmetic rules it out;
* ``selfeval_qualitative_band`` (info): a qualitative indicator stated as achieved (完成, the
  target word) scored below the achieved band (80–100 %);
* ``selfeval_missing_reason`` (warning): a shortfall with no 偏差原因分析及改进措施;
* ``selfeval_far_above`` (warning): an actual ≥ 130 % of its target with no reason;
* ``selfeval_budget_changed`` (warning): 年初预算数 ≠ 全年预算数 and nothing in the table
  says why (调整, 追加, 调减, 调剂).

A figure stated with some decimals is compared to the recomputed one at that precision: ``99``
allows ±0.5, ``99.00`` ±0.005; a rate recomputed from amounts rounded to 0.01 万元 allows what
that rounding can move it. Nothing is corrected: the findings say what is wrong.

>>> from pension_subsidy.forms.model import FormDocument, FormProject, StatedNumber
>>> project = FormProject("p", total_score=StatedNumber.parse("94"), grade="良")
>>> table = FormDocument("self_evaluation_table", "t", "f", projects=(project,))
>>> [finding.code for finding in audit_self_evaluation(table)]
['selfeval_grade']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pension_subsidy.disclosure.checks.finding import Finding
from pension_subsidy.evaluation.rules_2020 import Rules2020, rules_2020_10
from pension_subsidy.forms.model import FormDocument, FormProject
from pension_subsidy.forms.precision import shown
from pension_subsidy.forms.selfeval_findings import ProjectFindings
from pension_subsidy.forms.selfeval_indicators import check_indicator
from pension_subsidy.forms.selfeval_money import (
    check_budget_change,
    check_execution,
    check_money_rows,
)
from pension_subsidy.forms.selfeval_points import check_points, check_scores

__all__ = ["audit_self_evaluation", "audit_self_evaluation_project", "shown"]


def audit_self_evaluation_project(
    project: FormProject, *, rules: Rules2020 | None = None, notes: Iterable[str] = ()
) -> tuple[Finding, ...]:
    """The findings of one project of a self-evaluation table (``notes``: text around it)."""
    rules = rules_2020_10() if rules is None else rules
    check = ProjectFindings(project)
    check_execution(check)
    check_money_rows(check)
    check_points(check)
    check_scores(check, rules)
    for indicator in project.indicators:
        check_indicator(check, indicator, rules)
    check_budget_change(check, notes)
    return tuple(check.findings)


def audit_self_evaluation(
    document: FormDocument, *, rules: Rules2020 | None = None
) -> tuple[Finding, ...]:
    """The findings of every project of a self-evaluation table, in table order.

    ``rules`` are the 10号 rules (:func:`~pension_subsidy.evaluation.rules_2020.rules_2020_10`
    by default) the indicator scores and the grade are recomputed with.
    """
    return tuple(_all(document, rules))


def _all(document: FormDocument, rules: Rules2020 | None) -> Iterator[Finding]:
    notes = [*document.notes, document.title or ""]
    for project in document.projects:
        yield from audit_self_evaluation_project(project, rules=rules, notes=notes)
