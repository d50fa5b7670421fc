"""The self-evaluation as people file it (绩效自评表) and as JSON for programs.

:func:`evaluation_data` gives the JSON contract (numbers as decimal strings; keys are only
ever added); :func:`render_evaluation` gives it as text laid out like the 绩效自评表, or JSON.

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> budget = load_dataset()
>>> fund = budget.project("county_supporting_fund")
>>> data = evaluation_data(evaluate(budget, Actuals([ProjectActuals.all_met(fund)])))
>>> project = data["projects"][0]
>>> project["score"], project["grade"], project["budget_execution"]["rate"]
('100.00', '优', '100.00')
>>> project["indicators"][0]["weight"], project["indicators"][0]["status"]
('5.56', 'met')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from babel import Locale

from pension_subsidy._text import display_width
from pension_subsidy.evaluation.scoring import (
    Evaluation,
    ProjectEvaluation,
)
from pension_subsidy.model.indicators import Level1
from pension_subsidy.money import round_half_up
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.labels import level1_name, level2_name
from pension_subsidy.output.language import (
    LabelTable,
    format_percent,
    format_wan,
    pick_or_key,
    pick_with_original,
)

__all__ = ["INDICATOR_COLUMNS", "evaluation_data", "evaluation_label", "render_evaluation"]

_CENT = Decimal("0.01")

_LABELS: LabelTable[str] = LabelTable(
    {
        "title": ("项目支出绩效自评表", "Project expenditure performance self-evaluation"),
        "dataset": ("数据", "Data"),
        "year": ("年度", "Year"),
        "actuals": ("实际完成值", "Actuals"),
        "evaluated": ("本次评价项目", "Projects evaluated"),
        "skipped": ("未评价 (实际完成值文件未列出)", "Not evaluated (not in the actuals file)"),
        "budget_execution": ("预算执行率", "Budget execution"),
        "appropriation": ("预算数", "appropriation"),
        "spent": ("执行数", "spent"),
        "rate": ("执行率", "rate"),
        "level1": ("一级指标", "Level 1"),
        "level2": ("二级指标", "Level 2"),
        "level3": ("三级指标", "Indicator"),
        "target": ("年度指标值", "Target"),
        "actual": ("实际完成值", "Actual"),
        "weight": ("分值", "Weight"),
        "score": ("得分", "Score"),
        "status": ("完成情况", "Status"),
        "subtotal": ("小计", "subtotal"),
        "total": ("总分", "Total score"),
        "grade": ("自评等级", "Grade"),
        "shortfalls": ("偏差原因分析及改进措施", "Shortfalls: reasons and corrective measures"),
        "gap": ("差距", "gap"),
        "reason": ("偏差原因", "Reason"),
        "measure": ("改进措施", "Corrective measure"),
        "not_given": ("（未填写）", "(not given)"),
        "missing": ("未填报实际完成值的指标 (得 0 分)", "Indicators without an actual (scored 0)"),
        "none": ("无", "none"),
        "wan": ("万元", "wan yuan"),
        "status_met": ("已完成", "met"),
        "status_partly_met": ("部分完成", "partly met"),
        "status_not_met": ("未完成", "not met"),
        "status_no_actual": ("未填报", "no actual"),
        "grade_优": ("优", "excellent (优)"),
        "grade_良": ("良", "good (良)"),
        "grade_中": ("中", "fair (中)"),
        "grade_差": ("差", "poor (差)"),
    }
)


def evaluation_label(key: str, locale: Locale | str | None = None) -> str:
    """A label of the self-evaluation table in the language of ``locale``.

    >>> evaluation_label("status_partly_met", "zh_CN"), evaluation_label("grade_优", "en")
    ('部分完成', 'excellent (优)')
    """
    return _LABELS(key, locale)


def _cents(value: Fraction | Decimal) -> str:
    return str(round_half_up(Fraction(value), _CENT))


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    """The self-evaluation in its JSON shape: :meth:`Evaluation.data` (below the output layer).

    ``rate`` is the budget execution rate in percent (``"98.29"``); ``weight`` and
    ``score`` are shown to 0.01 (四舍五入), ``*_exact`` give them as exact fractions.
    """
    return evaluation.data()


# -- text -----------------------------------------------------------------------------------
def _width(text: str) -> int:
    return display_width(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _table(rows: list[list[str]], indent: str) -> list[str]:
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        (indent + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True))).rstrip()
        for row in rows
    ]


#: The columns of a project's indicator table, by label key (HTML and xlsx add "shortfalls").
INDICATOR_COLUMNS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "status")


def _project_text(evaluation: ProjectEvaluation, locale: Locale | str | None) -> list[str]:
    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    project = evaluation.project
    execution = evaluation.budget_execution
    name = pick_with_original(project.name_zh, project.name_en, locale)
    spent = "—" if execution.spent is None else format_wan(execution.spent, locale=locale)
    rate = execution.rate_percent
    lines = [
        f"■ {name} [{project.key}]",
        f"  {lab('budget_execution')}: {lab('appropriation')} "
        f"{format_wan(execution.appropriation, locale=locale)} {lab('wan')}, {lab('spent')} "
        f"{spent} {lab('wan')}, {lab('rate')} "
        f"{'—' if rate is None else format_percent(rate, locale)}; {lab('weight')} "
        f"{_cents(execution.weight)}, {lab('score')} {_cents(execution.score)}",
        "",
    ]
    lines += _table(_indicator_rows(evaluation, locale), "  ")
    lines += [
        "",
        f"  {lab('total')}: {evaluation.score}    {lab('grade')}: "
        f"{lab('grade_' + evaluation.grade.value)}",
        f"  {lab('shortfalls')}:",
    ]
    lines += _shortfall_lines(evaluation, locale)
    if evaluation.missing:
        names = "、".join(result.indicator.name for result in evaluation.missing)
        lines.append(f"  {lab('missing')}: {names}")
    lines.append("")
    return lines


def _indicator_rows(evaluation: ProjectEvaluation, locale: Locale | str | None) -> list[list[str]]:
    """The header, then each level's indicators and the level's subtotal."""
    rows = [[evaluation_label(key, locale) for key in INDICATOR_COLUMNS]]
    for level in Level1:
        members = [r for r in evaluation.indicators if r.indicator.level1 is level]
        for result in members:
            indicator = result.indicator
            levels = [level1_name(level, locale), level2_name(indicator.level2, locale)]
            shown = "—" if result.actual is None else result.actual.shown
            status = evaluation_label(f"status_{result.status.value}", locale)
            scores = [_cents(result.weight), _cents(result.score), status]
            rows.append([*levels, indicator.name, indicator.target_text, shown, *scores])
        if members:
            subtotal = f"{level1_name(level, locale)} {evaluation_label('subtotal', locale)}"
            weight = _cents(evaluation.weights.level(level))
            score = _cents(evaluation.level_score(level))
            rows.append(["", "", subtotal, "", "", weight, score, ""])
    return rows


def _shortfall_lines(evaluation: ProjectEvaluation, locale: Locale | str | None) -> list[str]:
    """Each indicator short of its target with its reason and measure (or "none")."""

    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    if not evaluation.shortfalls:
        return [f"    {lab('none')}"]
    lines: list[str] = []
    for result in evaluation.shortfalls:
        indicator = result.indicator
        actual = "—" if result.actual is None else result.actual.shown
        gap = "" if result.gap is None else f", {lab('gap')} {result.gap}{indicator.unit}"
        lines += [
            f"    {indicator.name}: {lab('target')} {indicator.target_text}, "
            f"{lab('actual')} {actual}{gap}, {lab('score')} {_cents(result.score)}/"
            f"{_cents(result.weight)}",
            f"      {lab('reason')}: {result.reason or lab('not_given')}",
            f"      {lab('measure')}: {result.measure or lab('not_given')}",
        ]
    return lines


def _render_text(evaluation: Evaluation, locale: Locale | str | None) -> str:
    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    evaluated = ", ".join(
        pick_or_key(p.project.name_zh, p.project.key, locale) for p in evaluation.projects
    )
    lines = [
        lab("title"),
        f"{lab('dataset')}: {evaluation.budget_key}  {lab('year')}: {evaluation.year}  "
        f"{lab('actuals')}: {evaluation.source or '—'}",
        f"{lab('evaluated')}: {evaluated or lab('none')}",
    ]
    if evaluation.skipped:
        lines.append(f"{lab('skipped')}: {', '.join(evaluation.skipped)}")
    lines.append("")
    for project in evaluation.projects:
        lines += _project_text(project, locale)
    return "\n".join(lines)


def render_evaluation(
    evaluation: Evaluation,
    *,
    format: Literal["text", "json"] = "text",
    locale: Locale | str | None = None,
) -> str:
    """The self-evaluation as text (the 绩效自评表, labels in ``locale``) or as JSON."""
    if format == "json":
        return to_json(evaluation_data(evaluation))
    return _render_text(evaluation, locale)
