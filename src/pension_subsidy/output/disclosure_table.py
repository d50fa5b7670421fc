"""Write a disclosure table as text, CSV, Markdown, a printable HTML page or ``.xlsx``.

The text form is the original one (tab-separated, ``<p>`` cells); the workbook is formatted.

Reading back what was written gives the same :class:`~pension_subsidy.disclosure.Disclosure`
(a workbook keeps line breaks as LF). CSV and XLSX cells that begin with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return are written with a leading ``'`` so that a spreadsheet shows
them as text instead of running them as formulas (formula injection); the reader removes that
one ``'`` again. CSV cells holding a line break are quoted (CR alone too); CSV and XLSX hold
the title in one cell. Markdown and HTML text is escaped, so that a ``[link](javascript:…)``
or a ``<script>`` in a cell shows as written. The tab-separated text form cannot hold a tab or
a line break inside a name or a title line (nor a blank title line, or one with spaces at an
end), and refuses one. Files are written all or nothing (:mod:`pension_subsidy._files`).
The layout all forms share is :mod:`~pension_subsidy.output.disclosure_layout`; the workbook
is written by :mod:`~pension_subsidy.output.disclosure_xlsx`.

>>> from pension_subsidy.disclosure import load_bundled_disclosure
>>> text = render_disclosure(load_bundled_disclosure(), "txt")
>>> print(text.splitlines()[2])
单位编码	单位及项目名称	金额 (万元)	绩效目标	绩效指标
>>> neutralise_formula("=HYPERLINK(...)"), neutralise_formula("-5"), neutralise_formula("目标")
("'=HYPERLINK(...)", "'-5", '目标')
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Literal, cast

from pension_subsidy._files import write_output
from pension_subsidy.disclosure.model import Disclosure, OutlineLevel
from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.output.disclosure_layout import (
    _amount_text,
    _Layout,
    _layout,
    _line_cell,
    _p_cell,
    _texts,
)
from pension_subsidy.output.disclosure_xlsx import render_xlsx
from pension_subsidy.output.page import BASE_CSS
from pension_subsidy.output.workbook import (
    neutralise_formula,
)

__all__ = [
    "FORMATS",
    "disclosure_bytes",
    "neutralise_formula",
    "render_disclosure",
    "render_xlsx",
    "write_disclosure",
]

#: The formats a disclosure can be written in.
FORMATS: tuple[str, ...] = ("txt", "csv", "md", "html", "xlsx")
TextFormat = Literal["txt", "csv", "md", "html"]


# -- txt ----------------------------------------------------------------------------------
_TSV_BREAKING = re.compile(r"[\t\r\n]")


def _tsv_cell(text: str, what: Phrase) -> str:
    """``text`` as one tab-separated cell; a tab or line break in it would split the row."""
    found = _TSV_BREAKING.search(text)
    if found:
        said = {
            "what": what,
            "text": repr(text[:40]),
            "breaking": Phrase("write.tab" if found.group() == chr(9) else "write.line_break"),
        }
        raise DataFileError(code="write.tsv_cell", params=said, field="format")
    return text


def _render_txt(layout: _Layout) -> str:
    title = [_tsv_cell(line, Phrase("write.title_line")) for line in layout.title]
    for line in title:
        if not line or line != line.strip():
            said = {"line": repr(line[:40])}
            raise DataFileError(code="write.tsv_title", params=said, field="format")
    lines = [*title, ""] if title else []
    for position, row in enumerate(layout.rows):
        if row is None:
            if position:
                lines.append("")
            lines.append("\t".join(layout.header))
            continue
        _tsv_cell(row.name, Phrase("write.the_name"))
        goals, indicators = _texts(row)
        lines.append(
            "\t".join(
                (
                    row.code,
                    row.name,
                    _amount_text(row.amount, layout.amount_unit),
                    _p_cell(goals),
                    _p_cell(indicators),
                )
            )
        )
    return "\n".join(lines) + "\n"


# -- csv ----------------------------------------------------------------------------------
def _render_csv(layout: _Layout) -> str:
    # CRLF line ends: the csv module quotes a cell holding any character of the line end, so
    # a lone CR or LF in a cell is quoted too (with "\n" alone a lone CR would not be)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    blank = [""] * len(layout.header)
    if layout.title:
        # one cell, its lines as line breaks: it reads back as it was, blank lines and all
        writer.writerow([neutralise_formula("\n".join(layout.title)), *blank[1:]])
        writer.writerow(blank)
    for position, row in enumerate(layout.rows):
        if row is None:
            if position:
                writer.writerow(blank)
            writer.writerow(layout.header)
            continue
        goals, indicators = _texts(row)
        cells = (
            row.code,
            row.name,
            _amount_text(row.amount, layout.amount_unit),
            _line_cell(goals),
            _line_cell(indicators),
        )
        writer.writerow([neutralise_formula(cell) for cell in cells])
    return buffer.getvalue()


# -- markdown -----------------------------------------------------------------------------
# backslash-escaped: escapes, code, emphasis, table pipes, links and images, strikethrough,
# headings; & < > become entities (no raw HTML, no autolinks); line breaks become <br>
_MD_ESCAPED = re.compile(r"([\\`*_|\[\]~#])")
_MD_BREAK = re.compile(r"\r\n|\r|\n")
# what would open a block at the start of a line: a list item, a setext underline, a numbered
# item (its dot or parenthesis is escaped)
_MD_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_MD_EDGE_SPACE = re.compile(r"^\s+|\s+$")


def _md(text: str) -> str:
    """Text shown as written in Markdown (CommonMark, GitHub): nothing in it is active."""
    text = _MD_ESCAPED.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_BREAK.sub("<br>", text)


def _md_line(text: str) -> str:
    """A title line as a block of its own that starts no list, heading or code block.

    Spaces (any Unicode ones) at either end are character references, which Markdown keeps
    as text (as spaces they would indent a code block, or be dropped).
    """
    text = _MD_BLOCK_START.sub(
        lambda match: f"\\{match[1]}" if match[1] else f"{match[2]}\\{match[3]}", _md(text)
    )
    return _MD_EDGE_SPACE.sub(lambda match: "".join(f"&#{ord(c)};" for c in match[0]), text)


def _render_md(layout: _Layout) -> str:
    # each line of the title a block of its own (a CR ends a line too); blank ones show nothing
    title = [line for line in _MD_BREAK.split("\n".join(layout.title)) if line]
    lines = [f"# {_md_line(line)}" for line in title[:1]]
    for line in title[1:]:
        lines += ["", _md_line(line)]
    lines.append("")
    for row in layout.rows:
        if row is None:
            if lines[-1]:
                lines.append("")
            lines.append("| " + " | ".join(_md(cell) for cell in layout.header) + " |")
            lines.append("|---|---|---:|---|---|")
            continue
        goals, indicators = _texts(row)
        name = f"**{_md(row.name)}**" if row.code else _md(row.name)
        cells = (
            _md(row.code),
            name,
            _amount_text(row.amount, layout.amount_unit),
            "<br>".join(_md(goal) for goal in goals),
            "<br>".join(_md(text) for text in indicators),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# -- html ---------------------------------------------------------------------------------
# the shared page style (render.page), plus the rows and outline levels of this table
_CSS = (
    BASE_CSS
    + """\
td.code { white-space: nowrap; }
tr.unit td { font-weight: bold; background: #f7f7f7; }
p.level1 { font-weight: bold; }
p.level2 { padding-left: 1em; }
p.indicator { padding-left: 2em; }
"""
)
_LEVEL_CLASS = {
    OutlineLevel.LEVEL1: "level1",
    OutlineLevel.LEVEL2: "level2",
    OutlineLevel.INDICATOR: "indicator",
}


def _render_html(layout: _Layout) -> str:
    esc = html.escape
    title = " ".join(layout.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        *(f"<h1>{esc(line)}</h1>" for line in layout.title),
        "<table>",
    ]
    head = "<tr>" + "".join(f"<th>{esc(cell)}</th>" for cell in layout.header) + "</tr>"
    body_open = False
    for position, row in enumerate(layout.rows):
        if row is None:
            if body_open:
                out.append("</tbody>")
            out.append("<thead>" + head + "</thead>" if position == 0 else "<tbody>" + head)
            if position == 0:
                out.append("<tbody>")
            body_open = True
            continue
        goals = "".join(f"<p>{esc(goal)}</p>" for goal in row.goals)
        indicators = "".join(
            f'<p class="{_LEVEL_CLASS[entry.level]}">{esc(entry.text)}</p>' for entry in row.outline
        )
        out.append(
            f'<tr class="{"unit" if row.code else "project"}">'
            f'<td class="code">{esc(row.code)}</td><td>{esc(row.name)}</td>'
            f'<td class="amount">{_amount_text(row.amount, layout.amount_unit)}</td>'
            f"<td>{goals}</td><td>{indicators}</td></tr>"
        )
    if body_open:
        out.append("</tbody>")
    out += ["</table>", "</body>", "</html>", ""]
    return "\n".join(out)


# -- entry points -------------------------------------------------------------------------
def render_disclosure(disclosure: Disclosure, format: TextFormat = "txt") -> str:
    """The table as text in ``format``: ``"txt"``, ``"csv"``, ``"md"`` or ``"html"``.

    ``"txt"`` is the original, tab-separated form. For ``.xlsx`` use :func:`render_xlsx`.
    """
    layout = _layout(disclosure)
    renderers = {"txt": _render_txt, "csv": _render_csv, "md": _render_md, "html": _render_html}
    if format not in renderers:
        said = {"formats": ", ".join(FORMATS), "got": repr(format)}
        raise DataFileError(code="write.unknown_format", params=said, field="format")
    return renderers[format](layout)


def write_disclosure(disclosure: Disclosure, path: str | Path, format: str | None = None) -> Path:
    """Write the table to ``path`` in ``format`` (default: from the suffix); return the path.

    Text is written as UTF-8; CSV as UTF-8 with a BOM, so that spreadsheets detect it. The
    file is replaced all at once when the table is complete; a failure leaves the old one.
    """
    file = Path(path)
    write_output(file, disclosure_bytes(disclosure, format, name=file))
    return file


def disclosure_bytes(
    disclosure: Disclosure, format: str | None = None, *, name: str | Path = "<output>"
) -> bytes:
    """The table in ``format`` (default: from the suffix of ``name``) as the bytes of a file.

    >>> from pension_subsidy.disclosure import load_disclosure
    >>> disclosure_bytes(load_disclosure(None), "csv")[:3] == "\ufeff".encode()
    True
    """
    file = Path(name)
    kind = format or {".tsv": "txt", ".htm": "html", ".markdown": "md"}.get(
        file.suffix.lower(), file.suffix.lower().lstrip(".")
    )
    if kind not in FORMATS:
        said = {"formats": ", ".join(FORMATS), "got": repr(kind or file.suffix)}
        raise DataFileError(
            code="write.unknown_format", params=said, path=str(file), field="format"
        )
    if kind == "xlsx":
        return render_xlsx(disclosure)
    try:  # kind is one of the text formats here: FORMATS less "xlsx", checked above
        text = render_disclosure(disclosure, cast(TextFormat, kind))
    except DataFileError as error:  # what the format cannot hold, named with the file
        raise DataFileError(path=str(file), field=error.field_phrase, detail=error) from None
    return text.encode("utf-8-sig" if kind == "csv" else "utf-8")
