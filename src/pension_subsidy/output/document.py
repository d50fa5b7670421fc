"""A result as a document for people: a title, lines of text and tables, in HTML or .xlsx.

The commands whose results are mostly a list or a table (``audit``, ``plan-check``,
``scenario``, ``solve``, ``forecast``, ``sensitivity``, ``roster``) build a
:class:`Document` in the language asked for (:mod:`pension_subsidy.output.documents`), and
this module renders it: a printable HTML page (:func:`document_html`, the style of
:mod:`pension_subsidy.output.page`) or a workbook (:func:`document_xlsx`, the conventions
of :mod:`pension_subsidy.output.workbook`: money as numbers, 万元 rounded 四舍五入 before it
is written, A4 landscape, one page wide, the header rows repeated on every page).

>>> from pension_subsidy import Yuan
>>> table = Table("构成", ("项目", "金额"), (("县级配套资金", Money(Yuan("1690000"))),))
>>> page = document_html(Document("示例", ("一行说明",), (table,)), "zh_CN")
>>> '<td class="amount">1,690,000.00</td>' in page
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias

import attrs

from pension_subsidy._text import display_width
from pension_subsidy.money import Yuan
from pension_subsidy.output.labels import html_lang
from pension_subsidy.output.language import (
    Localised,
    format_count,
    format_number,
    format_percent,
    format_wan,
    format_yuan,
)
from pension_subsidy.output.page import html_page
from pension_subsidy.output.workbook import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    YUAN_FORMAT,
    SheetWriter,
    load_openpyxl,
    print_setup,
    sheet_name,
    workbook_bytes,
)

__all__ = [
    "Cell",
    "Document",
    "Money",
    "Percent",
    "Table",
    "Wan",
    "Year",
    "document_html",
    "document_xlsx",
]

#: How a year is shown in a workbook: a whole number without a thousands separator.
YEAR_FORMAT = "0"


@attrs.frozen
class Money:
    """An amount in 元, shown to the 分."""

    amount: Yuan


@attrs.frozen
class Wan:
    """An amount shown in 万元 to 0.01 (四舍五入 when shown)."""

    amount: Yuan


@attrs.frozen
class Percent:
    """A percentage already computed (``96.57`` for 96.57 %)."""

    value: Decimal


class Year(int):
    """A calendar year: a whole number shown as it is, ``2023`` (a count would be ``2,023``).

    >>> Year(2023) == 2023, str(Year(2023))
    (True, '2023')
    """

    __slots__ = ()


#: What a table cell holds: text, a whole count, a Decimal shown as it is, money, nothing.
Cell: TypeAlias = str | int | Decimal | Money | Wan | Percent | None


@attrs.frozen
class Table:
    """A titled table: its column headings and its rows of cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@attrs.frozen
class Document:
    """A title, lines of text said before the tables, and the tables."""

    title: str
    lines: tuple[str, ...]
    tables: tuple[Table, ...]


def _cell_html(cell: Cell, locale: Localised) -> str:
    """A ``<td>``: figures right-aligned in the locale's format, text escaped, lines kept."""
    if isinstance(cell, Money):
        shown = format_yuan(cell.amount, locale)
    elif isinstance(cell, Wan):
        shown = format_wan(cell.amount, locale=locale)
    elif isinstance(cell, Percent):
        shown = format_percent(cell.value, locale)
    elif isinstance(cell, Year):
        shown = str(int(cell))
    elif isinstance(cell, int) and not isinstance(cell, bool):
        shown = format_count(cell, locale)
    elif isinstance(cell, Decimal):
        shown = format_number(cell, locale, max(0, -int(cell.as_tuple().exponent)))
    else:
        text = "" if cell is None else str(cell)
        return "<td>" + "<br>".join(html.escape(line) for line in text.splitlines()) + "</td>"
    return f'<td class="amount">{shown}</td>'


def document_html(document: Document, locale: Localised = None, *, charts: str = "") -> str:
    """The document as a printable HTML page (UTF-8 text; every value escaped here).

    ``charts`` is HTML put after the tables: a result's charts from
    :mod:`pension_subsidy.output.charts` (``forecast_charts_html`` and the like).
    """
    body = [f"<h1>{html.escape(document.title)}</h1>"]
    body += [f"<p>{html.escape(line)}</p>" for line in document.lines]
    for table in document.tables:
        body.append(f"<h2>{html.escape(table.title)}</h2>")
        body.append("<table>")
        heads = "".join(f"<th>{html.escape(header)}</th>" for header in table.headers)
        body.append(f"<thead><tr>{heads}</tr></thead>")
        body.append("<tbody>")
        for row in table.rows:
            body.append("<tr>" + "".join(_cell_html(cell, locale) for cell in row) + "</tr>")
        body.append("</tbody>")
        body.append("</table>")
    if charts:
        body.append(charts)
    css = "h2 { font-size: 1.1em; margin-top: 1.5em; }\n"
    return html_page(document.title, "\n".join(body), lang=html_lang(locale), css=css)


def _write_cell(writer: SheetWriter, row: int, column: int, cell: Cell) -> None:
    if isinstance(cell, Money):
        writer.yuan(row, column, cell.amount)
    elif isinstance(cell, Wan):
        writer.wan(row, column, cell.amount)
    elif isinstance(cell, Percent):
        writer.percent(row, column, cell.value)
    elif isinstance(cell, Year):
        writer.count(row, column, int(cell))
        writer.sheet.cell(row=row, column=column).number_format = YEAR_FORMAT
    elif isinstance(cell, int) and not isinstance(cell, bool):
        writer.count(row, column, cell)
    elif isinstance(cell, Decimal):
        writer.score(row, column, cell)
    else:
        writer.text(row, column, None if cell is None else str(cell))


def _widths(table: Table) -> list[int]:
    """Column widths from the headings and the cells' text (as a terminal shows it), 10–60."""
    widths = []
    for index, header in enumerate(table.headers):
        texts = [header] + [str(row[index]) for row in table.rows if index < len(row)]
        longest = max(display_width(line) for text in texts for line in text.splitlines() or [""])
        widths.append(min(60, max(10, longest + 2)))
    return widths


def document_xlsx(document: Document, locale: Localised = None) -> bytes:
    """The document as a workbook: a sheet per table, the title and lines above each table."""
    openpyxl = load_openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    tables: Sequence[Table] = document.tables or (Table(document.title, (), ()),)
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.title, taken))
        writer = SheetWriter(openpyxl, sheet, locale)
        width = max(1, len(table.headers))
        writer.title(1, document.title, width)
        row = 2
        for line in document.lines:
            writer.note(row, line, width)
            row += 1
        for column, header in enumerate(table.headers, start=1):
            writer.header(row, column, header)
        header_row = row
        for values in table.rows:
            row += 1
            for column, cell in enumerate(values, start=1):
                _write_cell(writer, row, column, cell)
        writer.widths(*_widths(table))
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        print_setup(sheet, header_row)
    return workbook_bytes(book)


# the formats a document's cells use, named for the tests
FORMATS: tuple[str, ...] = (YUAN_FORMAT, COUNT_FORMAT, PERCENT_FORMAT)
