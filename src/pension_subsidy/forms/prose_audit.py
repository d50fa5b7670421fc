"""Audit the arithmetic of a prose report (绩效自评报告 / 绩效评价报告), quoting its sentences.

The reader (:mod:`pension_subsidy.forms`) takes each figure from its sentence with what it is
(``name``: budget, executed, execution_rate, overrun, headcount…), whether it is a plan or an
actual (``basis``, by the words before it: 申请, 预算, 年初, 目标 are plans; 实际, 实际需要,
完成 are actuals), its budget level (中央/省/市/县/其他), its area and its label. The checks
here pair figures only by those: **an actual is never taken for a plan**. The codes:

* ``prose_budget_levels`` (error): a budget and its sources by level do not add up;
* ``prose_execution_rate`` (error): executed ÷ budget is not the stated rate;
* ``prose_overrun`` (error): a stated overrun (超支) is not actual − plan, or an overrun is
  stated where the actual is within the plan;
* ``prose_overrun_unstated`` (warning): an actual above its plan with no overrun stated;
* ``prose_area_total`` (error): a city's total is not the sum of its counties;
* ``prose_headcount`` (info, or error against a stated completion rate): completed against
  target headcounts;
* ``prose_unreadable_figure`` (warning): a number grouped other than by threes (``96,41人``),
  which the reader would not guess at, quoted with its sentence.

A figure is compared at the precision it is stated with (``99.5%`` ± 0.05), and a rate
recomputed from amounts allows what their rounding can move it (99 ÷ 100 万元 stated in whole
万元 may be 98.5 ÷ 100.5, so 98 % is not refused).

>>> from decimal import Decimal
>>> from pension_subsidy.forms.model import Figure, FormDocument, Where
>>> said = Where(sentence="项目预算100.00万元，实际执行99.00万元，执行率98%。")
>>> figures = (
...     Figure("budget", Decimal("100.00"), "万元", "100.00万元", "plan", "money", said),
...     Figure("executed", Decimal("99.00"), "万元", "99.00万元", "actual", "money", said),
...     Figure("execution_rate", Decimal(98), "%", "98%", "stated", "rate", said),
... )
>>> report = FormDocument("evaluation_report", "prose", "r.txt", figures=figures)
>>> [(f.code, f.values["computed_percent"]) for f in audit_prose(report)]
[('prose_execution_rate', '99')]
"""

from __future__ import annotations

from collections.abc import Sequence

from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity
from pension_subsidy.forms.model import FormDocument, StatedNumber
from pension_subsidy.forms.prose_figures import LEVELS
from pension_subsidy.forms.prose_overruns import check_overruns
from pension_subsidy.forms.prose_rates import check_headcounts, check_rates
from pension_subsidy.forms.prose_sums import check_area_totals, check_levels

__all__ = ["LEVELS", "audit_prose"]


def _check_unreadable(numbers: Sequence[StatedNumber]) -> list[Finding]:
    """A number the reader could not read safely (``96,41人``), quoted with its sentence."""
    findings = []
    for number in numbers:
        where = number.where
        sentence = where.sentence if where is not None and where.sentence else ""
        findings.append(
            Finding(
                code="prose_unreadable_figure",
                severity=Severity.WARNING,
                location=Location(line=where.line if where is not None else None),
                message_zh=f"数字 {number.text} 的千位分隔不是每组三位，无法可靠读取，未计入核对。"
                f"依据：“{sentence}”",
                message_en=f"the figure {number.text} is not grouped by threes and cannot be "
                f"read safely; it is left out of the checks. From: “{sentence}”",
                values={"text": number.text, "sentences": [sentence] if sentence else []},
            )
        )
    return findings


def audit_prose(document: FormDocument) -> tuple[Finding, ...]:
    """The findings of a prose report's figures (``document.figures``), each quoting its sentences.

    Figures are paired by name, basis (plan or actual), level, area and label only: an
    actual (实际, 实际需要, 完成值) is never taken for a plan (申请, 预算, 年初, 目标).
    """
    figures = document.figures
    return (
        *check_levels(figures),
        *check_rates(figures),
        *check_overruns(figures),
        *check_area_totals(figures),
        *check_headcounts(figures),
        *_check_unreadable(document.unreadable),
    )
