"""A saved web page's tables (laid out as a browser does) and its paragraphs (stdlib parser).

``rowspan`` and ``colspan`` are honoured (:func:`~pension_subsidy.forms.grid.layout_spans`);
a table inside a cell gives its text to that cell. Text outside tables — paragraphs,
headings, list items, divs, ``<br>`` breaks — becomes numbered lines. Scripts and styles are
skipped. The page is decoded from its bytes (UTF-8, else GB18030) like every text file.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from pension_subsidy.forms.grid import Grid, Source, TextLine, _clean, layout_spans

__all__ = ["read_html", "read_html_text"]

#: Elements that end a line of running text.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "caption",
    ]
)
_SKIPPED = frozenset(("script", "style", "noscript", "template", "head"))
#: Cap on one span, so that a page saying rowspan=100000 cannot exhaust memory.
_MAX_SPAN = 1000


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Grid] = []
        self.stack: list[_Table] = []
        self.text: list[str] = []
        self.lines: list[str] = []
        self.skipping = 0
        #: the texts of <title> and <h1> (a page's title, where its year may stand)
        self.titles: list[str] = []
        self.title: list[str] | None = None

    def _flush_text(self) -> None:
        text = _clean("".join(self.text))
        self.text = []
        if text:
            self.lines.extend(text.splitlines())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "h1") and not self.stack:
            self.title = []
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag == "table":
            if (self.stack and self.stack[-1].cell is None) or not self.stack:
                self._flush_text()
            self.stack.append(_Table())
        elif tag == "tr" and self.stack:
            table = self.stack[-1]
            self._end_cell(table)
            table.rows.append([])
        elif tag in ("td", "th") and self.stack:
            table = self.stack[-1]
            self._end_cell(table)
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.cell = []
            table.spans = (_span(values.get("colspan")), _span(values.get("rowspan")))
        elif tag == "br" or tag in _BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "h1") and self.title is not None:
            text = " ".join(html.unescape("".join(self.title)).split())
            if text:
                self.titles.append(text)
            self.title = None
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
            return
        if self.skipping:
            return
        if tag == "table" and self.stack:
            table = self.stack.pop()
            self._end_cell(table)
            grid = layout_spans("", table.rows)
            if self.stack and self.stack[-1].cell is not None:
                # a table inside a cell: its text is the cell's text
                self.stack[-1].cell.append(
                    "\n".join(" ".join(c for c in row if c) for row in grid.texts())
                )
            elif grid.rows:
                self.tables.append(Grid(f"table {len(self.tables) + 1}", grid.rows, grid.page))
        elif tag in ("td", "th") and self.stack:
            self._end_cell(self.stack[-1])
        elif tag in _BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if not self.skipping:
            self._add(data)

    def _add(self, text: str) -> None:
        if self.stack:
            cell = self.stack[-1].cell
            if cell is not None:
                cell.append(text)
        else:
            self.text.append(text)

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None:
            colspan, rowspan = table.spans
            table.rows[-1].append(("".join(table.cell), colspan, rowspan))
            table.cell = None


def _span(value: str | None) -> int:
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(number, 1), _MAX_SPAN)


def read_html_text(text: str, path: str) -> Source:
    """The page ``text`` as tables and lines."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    while parser.stack:  # tables left open at the end of the page
        parser.handle_endtag("table")
    parser._flush_text()
    lines = tuple(
        TextLine(html.unescape(line), number) for number, line in enumerate(parser.lines, 1)
    )
    return Source(path, "html", tuple(parser.tables), lines, tuple(parser.titles))


def read_html(data: bytes, path: str) -> Source:
    """The page in ``data`` (UTF-8 or GB18030 bytes) as tables and lines."""
    from pension_subsidy._encoding import decode_text  # noqa: PLC0415 - keeps imports light

    return read_html_text(decode_text(data, path, expected="a web page"), path)
