"""The budget report as a printable HTML page (项目支出资金测算表).

One section per project: its components (headcount, per-capita, amount in 元 and 万元, and
the derivation) and its check (total, appropriation, headroom, utilisation, status); then
the unit total against the total the table states. Every text is escaped; figures are
formatted by :mod:`pension_subsidy.output.language` (万元 rounded with 四舍五入).

>>> from pension_subsidy import load_dataset
>>> page = render_report_html(load_dataset())
>>> '<td class="amount">1,690,000.00</td><td class="amount">169.00</td>' in page
True
>>> "<th>Headroom</th>" in render_report_html(load_dataset(), locale="en")
True
"""

from __future__ import annotations

from html import escape

from babel import Locale

from pension_subsidy.model.budget import Budget, Project, Status
from pension_subsidy.money import Yuan
from pension_subsidy.output.charts import report_charts_html
from pension_subsidy.output.derivations import derivation_words
from pension_subsidy.output.labels import html_lang, render_label
from pension_subsidy.output.language import (
    format_count,
    format_percent,
    format_wan,
    format_yuan,
    is_chinese,
    label,
    pick,
    pick_with_original,
)
from pension_subsidy.output.page import html_page
from pension_subsidy.output.report_funding_html import (
    FUNDING_CSS,
    areas_html,
    project_funding_html,
)

__all__ = ["render_report_html"]

_CSS = """\
h2 { font-size: 1.1em; margin: 1.5em 0 0.5em 0; }
p.meta { text-align: center; }
table.check { width: auto; min-width: 50%; margin-top: 0.5em; }
table.check th { text-align: left; }
td.derivation { font-size: 0.9em; }
td.status-over { color: #b00; font-weight: bold; }
tr.total td { font-weight: bold; }
section { page-break-inside: avoid; }
"""


def _amount_cells(amount: Yuan, locale: Locale | str | None) -> str:
    return (
        f'<td class="amount">{escape(format_yuan(amount, locale))}</td>'
        f'<td class="amount">{escape(format_wan(amount, locale=locale))}</td>'
    )


def _components(project: Project, locale: Locale | str | None) -> list[str]:
    heads = ("component", "headcount", "per_capita", "amount_yuan", "amount_wan", "derivation")
    out = [
        '<table class="components">',
        "<thead><tr>"
        + "".join(f"<th>{escape(label(head, locale))}</th>" for head in heads)
        + "</tr></thead>",
        "<tbody>",
    ]
    if not project.components:
        out.append(f'<tr><td colspan="6">{escape(label("not_itemised", locale))}</td></tr>')
    for component in project.components:
        name = pick(component.name_zh, component.name_en, locale)
        per_capita = component.per_capita
        out.append(
            f"<tr><td>{escape(name)}</td>"
            f'<td class="amount">{escape(format_count(component.headcount, locale))}</td>'
            f'<td class="amount">'
            f"{'—' if per_capita is None else escape(format_yuan(per_capita, locale))}</td>"
            f"{_amount_cells(component.amount, locale)}"
            f'<td class="derivation">'
            f"{escape(derivation_words(component.derivation_value(), locale))}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def _check(project: Project, locale: Locale | str | None) -> list[str]:
    check = project.check()
    yuan, wan = label("yuan", locale), label("wan", locale)
    out = [
        '<table class="check">',
        f"<thead><tr><th>{escape(render_label('check', locale))}</th>"
        f"<th>{escape(yuan)}</th><th>{escape(wan)}</th></tr></thead>",
        "<tbody>",
    ]
    for key, amount in (
        ("total", check.total),
        ("appropriation", check.appropriation),
        ("headroom", check.headroom),
    ):
        out.append(f"<tr><th>{escape(label(key, locale))}</th>{_amount_cells(amount, locale)}</tr>")
    utilisation = "—" if check.utilisation is None else format_percent(check.utilisation, locale)
    status_class = "status-over" if check.status is Status.OVER else "status"
    out += [
        f"<tr><th>{escape(label('utilisation', locale))}</th>"
        f'<td class="amount" colspan="2">{escape(utilisation)}</td></tr>',
        f"<tr><th>{escape(label('status', locale))}</th>"
        f'<td class="{status_class}" colspan="2">'
        f"{escape(label(f'status_{check.status.value}', locale))}</td></tr>",
    ]
    if check.overrun is not None:
        drivers = ", ".join(
            f"{share.key} {format_yuan(share.attributed_overrun or Yuan(0), locale)}"
            for share in check.drivers
        )
        out += [
            f"<tr><th>{escape(label('overrun', locale))}</th>"
            f"{_amount_cells(check.overrun, locale)}</tr>",
            f"<tr><th>{escape(label('drivers', locale))}</th>"
            f'<td colspan="2">{escape(drivers)}</td></tr>',
        ]
    out += ["</tbody>", "</table>"]
    return out


def _unit_totals(budget: Budget, locale: Locale | str | None) -> list[str]:
    unit = budget.unit
    yuan, wan = label("yuan", locale), label("wan", locale)
    out = [
        '<table class="check unit-total">',
        f"<thead><tr><th>{escape(label('unit', locale))}</th>"
        f"<th>{escape(yuan)}</th><th>{escape(wan)}</th><th></th></tr></thead>",
        "<tbody>",
        f'<tr class="total"><th>{escape(label("unit_total", locale))}</th>'
        f"{_amount_cells(unit.total, locale)}<td></td></tr>",
    ]
    if unit.stated_total is not None:
        agrees = unit.stated_total == unit.total
        note = render_label("matches", locale) if agrees else "≠ " + label("stated_differs", locale)
        out.append(
            f"<tr><th>{escape(label('stated_total', locale))}</th>"
            f"{_amount_cells(unit.stated_total, locale)}"
            f'<td class="{"status" if agrees else "status-over"}">{escape(note)}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    return out


def render_report_html(budget: Budget, *, locale: Locale | str | None = None) -> str:
    """The report as a whole printable HTML page, labels and numbers in ``locale``."""
    zh = is_chinese(locale)
    unit = budget.unit
    title = pick(budget.title_zh, budget.title_en, locale)
    unit_name = pick(unit.name_zh, unit.name_en, locale)
    css = _CSS
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(label("unit", locale))}: {escape(unit.code)} '
        f"{escape(unit_name)} · {escape(label('year', locale))}: {budget.year}</p>",
    ]
    if not zh:
        body.append(f'<p class="meta">{escape(label("wan_legend", locale))}</p>')
    funding: list[str] = []  # funding and execution tables: none when nothing is stated
    for project in unit.projects:
        name = pick_with_original(project.name_zh, project.name_en, locale)
        funding = project_funding_html(project, locale)
        body += [
            '<section class="project">',
            f"<h2>{escape(name)} [{escape(project.key)}]</h2>",
            *_components(project, locale),
            *_check(project, locale),
            *funding,
            "</section>",
        ]
        css += FUNDING_CSS if funding and FUNDING_CSS not in css else ""
    body += _unit_totals(budget, locale)
    areas = areas_html(budget, locale)
    body += areas
    css += FUNDING_CSS if areas and FUNDING_CSS not in css else ""
    body.append(report_charts_html(budget, locale=locale))
    return html_page(title, "\n".join(body), lang=html_lang(locale), css=css)
