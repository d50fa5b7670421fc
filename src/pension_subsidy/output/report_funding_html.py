"""The report page's funding, execution and areas tables (资金来源 · 预算执行 · 地区对比).

Built from the rows of :mod:`pension_subsidy.output.report_funding`; a project that states
neither a funding split nor execution figures gets no table, and a dataset without areas no
areas section, so the Menyuan page is unchanged. Every text is escaped.

>>> from pension_subsidy import load_dataset
>>> project_funding_html(load_dataset().project("county_supporting_fund"))
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from babel import Locale

from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.funding import Level
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import format_count, format_percent, format_yuan, label
from pension_subsidy.output.report_funding import (
    FUNDING_WORDS,
    LEVEL_NAMES,
    ExecutionRow,
    FundingRow,
    area_funding_rows,
    area_project_title,
    area_rows,
    discrepancy_text,
    execution_rows,
    funding_rows,
    other_area_projects,
    project_problems,
)

__all__ = ["FUNDING_CSS", "areas_html", "project_funding_html"]

Localised = Locale | str | None

#: Styles of these tables (added to the page's own).
FUNDING_CSS = """\
table.funding td.over { color: #b00; }
ul.problems li { color: #b00; }
"""


def _cell(text: str, css: str = "amount") -> str:
    return f'<td class="{css}">{escape(text)}</td>'


def _money(amount: Yuan | None, locale: Localised) -> str:
    return _cell("—" if amount is None else format_yuan(amount, locale))


def _head(words: Sequence[str]) -> str:
    return "<thead><tr>" + "".join(f"<th>{escape(word)}</th>" for word in words) + "</tr></thead>"


def _execution_table(rows: Sequence[ExecutionRow], locale: Localised) -> list[str]:
    yuan = label("yuan", locale)
    heads = [
        FUNDING_WORDS("name", locale),
        *(
            f"{FUNDING_WORDS(name, locale)} ({yuan})"
            for name in ("budget_start", "budget_adjusted", "executed")
        ),
        FUNDING_WORDS("rate", locale),
        f"{FUNDING_WORDS('difference', locale)} ({yuan})",
        FUNDING_WORDS("actual_headcount", locale),
    ]
    out = ['<table class="funding execution">', _head(heads), "<tbody>"]
    for row in rows:
        rate = "—" if row.rate_percent is None else format_percent(row.rate_percent, locale)
        over = row.difference is not None and row.difference > 0
        headcount = (
            "—" if row.actual_headcount is None else format_count(row.actual_headcount, locale)
        )
        difference = "—" if row.difference is None else format_yuan(row.difference, locale)
        out.append(
            f"<tr><td>{escape(row.name)}</td>"
            f"{_money(row.budget_start, locale)}{_money(row.budget_adjusted, locale)}"
            f"{_money(row.executed, locale)}{_cell(rate)}"
            f"{_cell(difference, 'amount over' if over else 'amount')}"
            f"{_cell(headcount)}</tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def _funding_table(rows: Sequence[FundingRow], locale: Localised) -> list[str]:
    levels = [level for level in Level if any(row.amount(level) is not None for row in rows)]
    yuan = label("yuan", locale)
    heads = [
        FUNDING_WORDS("name", locale),
        *(f"{LEVEL_NAMES(level.value, locale)} ({yuan})" for level in levels),
    ]
    out = ['<table class="funding split">', _head(heads), "<tbody>"]
    for row in rows:
        cells = []
        for level in levels:
            amount, share = row.amount(level), row.share(level)
            text = "—" if amount is None else format_yuan(amount, locale)
            if share is not None:
                text += f" ({format_percent(share, locale, places=_places(share))})"
            cells.append(_cell(text))
        out.append(f"<tr><td>{escape(row.name)}</td>{''.join(cells)}</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _places(share: Decimal) -> int:
    exponent = share.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _problems(texts: Sequence[str], locale: Localised) -> list[str]:
    if not texts:
        return []
    return [
        f"<h3>{escape(FUNDING_WORDS('problems', locale))}</h3>",
        '<ul class="problems">',
        *(f"<li>{escape(text)}</li>" for text in texts),
        "</ul>",
    ]


def project_funding_html(project: Project, locale: Localised = None) -> list[str]:
    """The project's funding and execution tables and its problems (none when not stated)."""
    out: list[str] = []
    funding = funding_rows(project, locale)
    if funding:
        out += [f"<h3>{escape(FUNDING_WORDS('funding', locale))}</h3>"]
        out += _funding_table(funding, locale)
    execution = execution_rows(project, locale)
    if execution:
        out += [f"<h3>{escape(FUNDING_WORDS('execution', locale))}</h3>"]
        out += _execution_table(execution, locale)
    out += _problems([discrepancy_text(p, locale) for p in project_problems(project)], locale)
    return out


def areas_html(budget: Budget, locale: Localised = None) -> list[str]:
    """One section per unit that lists areas: execution and funding side by side, problems."""
    out: list[str] = []
    for check in budget.area_checks():
        out += [
            '<section class="areas">',
            f"<h2>{escape(FUNDING_WORDS('areas', locale))}: {escape(check.whole.name_zh)}"
            f" [{escape(check.whole.code)}]</h2>",
            *_execution_table(area_rows(check, locale), locale),
        ]
        funding = area_funding_rows(check, locale)
        if funding:
            out += _funding_table(funding, locale)
        out += _problems([discrepancy_text(p, locale) for p in check.problems], locale)
        for area, project in other_area_projects(budget, check):
            tables = project_funding_html(project, locale)
            if tables:
                out += [f"<h3>{escape(area_project_title(area, project, locale))}</h3>", *tables]
        out.append("</section>")
    return out
