"""The printable HTML page every rendered document shares: skeleton, print style, escaping.

The style is the disclosure table's (:mod:`pension_subsidy.output.disclosure_table`): CJK fonts,
a bordered table, A4 landscape when printed, header rows repeated on every page.

>>> page = html_page("结余 <1>", "<p>x</p>", lang="zh-CN")
>>> page.splitlines()[:2], "<title>结余 &lt;1&gt;</title>" in page
(['<!DOCTYPE html>', '<html lang="zh-CN">'], True)
"""

from __future__ import annotations

import html

__all__ = ["BASE_CSS", "html_page"]

#: The page style shared with the disclosure table's HTML form.
BASE_CSS = """\
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #111; }
h1 { font-size: 1.4em; text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #444; padding: 0.3em 0.5em; vertical-align: top; }
th { background: #eee; }
td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td p { margin: 0 0 0.3em 0; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
}
"""


def html_page(title: str, body: str, *, lang: str, css: str = "") -> str:
    """A whole page: ``title`` (escaped here), ``body`` (already escaped HTML), extra ``css``."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html.escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            f"<style>\n{BASE_CSS}{css}</style>",
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )
