"""The self-evaluation as a printable HTML page, laid out as the 绩效自评表 is filed.

Per project: the budget execution row (预算数, 执行数, 执行率, 分值, 得分), then the indicator
table — 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 完成情况 and 偏差原因分析及改进措施,
the 一级 and 二级 cells spanning their indicators — closed by the total score and the grade.
Every text is escaped.

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> fund = load_dataset().project("county_supporting_fund")
>>> page = render_evaluation_html(evaluate(load_dataset(), Actuals([ProjectActuals.all_met(fund)])))
>>> '<td class="number">100.00</td><td colspan="2">自评等级: 优</td>' in page
True
"""

from __future__ import annotations

from html import escape

from babel import Locale

from pension_subsidy.evaluation.scoring import Evaluation, ProjectEvaluation
from pension_subsidy.output.charts import evaluation_charts_html
from pension_subsidy.output.evaluation_table import SubtotalRow, cents, indicator_rows
from pension_subsidy.output.evaluation_text import INDICATOR_COLUMNS, evaluation_label
from pension_subsidy.output.labels import html_lang, render_label
from pension_subsidy.output.language import (
    format_percent,
    format_wan,
    pick_or_key,
    pick_with_original,
)
from pension_subsidy.output.page import html_page

__all__ = ["render_evaluation_html"]

_CSS = """\
h2 { font-size: 1.1em; margin: 1.5em 0 0.5em 0; }
p.meta { text-align: center; }
table.funds { margin-bottom: 0.5em; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.subtotal td, tr.total td { font-weight: bold; background: #f7f7f7; }
td.shortfall { color: #b00; }
section { page-break-before: always; }
section:first-of-type { page-break-before: auto; }
"""

_COLUMNS = (*INDICATOR_COLUMNS, "shortfalls")


def _funds(evaluation: ProjectEvaluation, locale: Locale | str | None) -> list[str]:
    def lab(key: str) -> str:
        return escape(evaluation_label(key, locale))

    execution = evaluation.budget_execution
    rate = execution.rate_percent
    spent = "—" if execution.spent is None else format_wan(execution.spent, locale=locale)
    return [
        '<table class="funds">',
        f"<thead><tr><th>{escape(render_label('project_funds', locale))}</th>"
        f"<th>{lab('appropriation')}</th><th>{lab('spent')}</th><th>{lab('rate')}</th>"
        f"<th>{lab('weight')}</th><th>{lab('score')}</th></tr></thead>",
        f"<tbody><tr><td>{lab('budget_execution')}</td>"
        f'<td class="number">{escape(format_wan(execution.appropriation, locale=locale))}</td>'
        f'<td class="number">{escape(spent)}</td>'
        f'<td class="number">{"—" if rate is None else escape(format_percent(rate, locale))}</td>'
        f'<td class="number">{cents(execution.weight)}</td>'
        f'<td class="number">{cents(execution.score)}</td></tr></tbody>',
        "</table>",
    ]


def _indicators(evaluation: ProjectEvaluation, locale: Locale | str | None) -> list[str]:
    def lab(key: str) -> str:
        return escape(evaluation_label(key, locale))

    out = [
        '<table class="indicators">',
        "<thead><tr>" + "".join(f"<th>{lab(key)}</th>" for key in _COLUMNS) + "</tr></thead>",
        "<tbody>",
    ]
    for row in indicator_rows(evaluation, locale):
        if isinstance(row, SubtotalRow):
            out.append(
                f'<tr class="subtotal"><td colspan="5">{escape(row.label)}</td>'
                f'<td class="number">{row.weight}</td><td class="number">{row.score}</td>'
                '<td colspan="2"></td></tr>'
            )
            continue
        cells = []
        if row.level1_span:
            cells.append(f'<td rowspan="{row.level1_span}">{escape(row.level1)}</td>')
        if row.level2_span:
            cells.append(f'<td rowspan="{row.level2_span}">{escape(row.level2)}</td>')
        remarks = "".join(f"<p>{escape(line)}</p>" for line in row.remarks)
        cells += [
            f"<td>{escape(row.name)}</td>",
            f"<td>{escape(row.target)}</td>",
            f"<td>{escape(row.actual)}</td>",
            f'<td class="number">{row.weight}</td>',
            f'<td class="number">{row.score}</td>',
            f"<td>{escape(row.status)}</td>",
            f'<td class="{"shortfall" if remarks else "remarks"}">{remarks}</td>',
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += [
        f'<tr class="total"><td colspan="5">{lab("total")}</td>'
        f'<td class="number">{cents(evaluation.weights.total)}</td>'
        f'<td class="number">{evaluation.score}</td>'
        f'<td colspan="2">{lab("grade")}: {lab("grade_" + evaluation.grade.value)}</td></tr>',
        "</tbody>",
        "</table>",
    ]
    if evaluation.missing:
        names = "、".join(result.indicator.name for result in evaluation.missing)
        out.append(f'<p class="missing">{lab("missing")}: {escape(names)}</p>')
    return out


def render_evaluation_html(evaluation: Evaluation, *, locale: Locale | str | None = None) -> str:
    """The self-evaluation as a whole printable HTML page, labels in ``locale``.

    The total row's weight is the whole 100 (budget execution included); its score is the
    project's score as graded.
    """

    def lab(key: str) -> str:
        return escape(evaluation_label(key, locale))

    evaluated = ", ".join(
        pick_or_key(project.project.name_zh, project.project.key, locale)
        for project in evaluation.projects
    )
    body = [
        f"<h1>{lab('title')}</h1>",
        f'<p class="meta">{lab("dataset")}: {escape(evaluation.budget_key)} · {lab("year")}: '
        f"{evaluation.year} · {lab('actuals')}: {escape(evaluation.source or '—')}</p>",
        f'<p class="meta">{lab("evaluated")}: {escape(evaluated) or lab("none")}</p>',
    ]
    if evaluation.skipped:
        body.append(
            f'<p class="meta">{lab("skipped")}: {escape(", ".join(evaluation.skipped))}</p>'
        )
    for project in evaluation.projects:
        name = pick_with_original(project.project.name_zh, project.project.name_en, locale)
        body += [
            '<section class="project">',
            f"<h2>{escape(render_label('project_name', locale))}: {escape(name)} "
            f"[{escape(project.project.key)}]</h2>",
            *_funds(project, locale),
            *_indicators(project, locale),
            "</section>",
        ]
    body.append(evaluation_charts_html(evaluation, locale=locale))
    return html_page(
        evaluation_label("title", locale), "\n".join(body), lang=html_lang(locale), css=_CSS
    )
