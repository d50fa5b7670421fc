"""The 自评表 as a printable HTML page: one table per project, cells spanning as on paper.

Drawn from :func:`~pension_subsidy.output.selfeval_layout.selfeval_cells` with the page
conventions of :mod:`~pension_subsidy.output.page` (CJK fonts, A4 landscape, every text
escaped): labels spanning rows or columns are written with ``rowspan`` / ``colspan``, so that
a browser — and the form reader of a saved page — lays them out as the paper form.

>>> from pension_subsidy.forms.model import FormDocument, FormProject
>>> page = render_selfeval_html(FormDocument("self_evaluation_table", "finance_10", "x",
...                                          projects=(FormProject("县级<配套>资金"),)))
>>> '<td colspan="9">县级&lt;配套&gt;资金</td>' in page
True
>>> '<th rowspan="5">项目资金（万元）</th>' in page
True
"""

from __future__ import annotations

from html import escape

from pension_subsidy.forms.model import FormDocument, FormProject
from pension_subsidy.output.page import html_page
from pension_subsidy.output.selfeval_layout import LaidCell, selfeval_cells

__all__ = ["render_selfeval_html"]

_DEFAULT_TITLE = "项目支出绩效自评表"
_CSS = """\
h2 { font-size: 1.1em; text-align: center; margin: 1.5em 0 0.5em 0; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
section { page-break-before: always; }
section:first-of-type { page-break-before: auto; }
"""


def _cell(cell: LaidCell) -> str:
    spans = ""
    if cell.rows > 1:
        spans += f' rowspan="{cell.rows}"'
    if cell.columns > 1:
        spans += f' colspan="{cell.columns}"'
    tag = "th" if cell.kind == "header" else "td"
    css = ' class="number"' if cell.value is not None else ""
    return f"<{tag}{spans}{css}>{escape(cell.text)}</{tag}>"


def _table(project: FormProject, title: str) -> str:
    cells = selfeval_cells(project, title=title)
    lines = ["<section>", f"<h2>{escape(title)}</h2>", "<table>"]
    body = [cell for cell in cells if cell.kind != "title"]
    for row in sorted({cell.row for cell in body}):
        lines.append("<tr>" + "".join(_cell(c) for c in body if c.row == row) + "</tr>")
    lines += ["</table>", "</section>"]
    return "\n".join(lines)


def render_selfeval_html(document: FormDocument, *, lang: str = "zh-CN") -> str:
    """The self-evaluation tables of ``document`` as one HTML page."""
    title = document.title or _DEFAULT_TITLE
    body = "\n".join(_table(project, title) for project in document.projects)
    return html_page(title, body or f"<h2>{escape(title)}</h2>", lang=lang, css=_CSS)
