r"""Spreadsheet conventions every workbook of the library follows (openpyxl, ``excel`` extra).

* Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's
  formula leads, :data:`FORMULA_LEADS`) is written with a leading ``'``, so that a
  spreadsheet shows it instead of running it as a formula (formula injection):
  :func:`neutralise_formula`. A workbook cell holds its line breaks as LF (the XML inside
  turns a lone CR into one anyway): :func:`cell_text`.
* Money is a number, never text: 元 with ``#,##0.00``; 万元 rounded here with 四舍五入
  (:data:`~pension_subsidy.ROUND_HALF_UP`) to 0.01 before it is written, so that Excel has
  nothing left to round, and shown as ``#,##0.00"万元"``. Headcounts are integers.
* A bold title merged across the table, headers bold on grey, long text wrapped, thin borders.
* The same workbook gives the same bytes: :func:`workbook_bytes` saves it with fixed
  document times and fixed times on the members of its zip file.
* Totals, differences and shares can be live formulas (:meth:`SheetWriter.formula`) that a
  spreadsheet recomputes, each saved with its exact result as the cell's stored value, so
  that a program reading the values (or a viewer that does not calculate) sees the figures.
* Every sheet prints: :func:`workbook_bytes` gives each sheet without a page setup of its own
  A4 landscape, one page wide, centred, the rows above its frozen pane repeated on every
  page and the page number in the footer (:func:`print_setup`), and sets the height of each
  row that holds wrapped text from its lines, so that a printed or PDF page shows every line
  (:func:`fit_row_heights`; a spreadsheet does not grow merged cells by itself).

>>> neutralise_formula("=HYPERLINK(...)"), neutralise_formula("-5"), neutralise_formula("目标")
("'=HYPERLINK(...)", "'-5", '目标')
>>> neutralise_formula("\t=1+1"), neutralise_formula("\r=1+1"), neutralise_formula("a\t=1")
("'\t=1+1", "'\r=1+1", 'a\t=1')
>>> cell_text("=1\r\n2\r3"), cell_text("bell\x07")
("'=1\n2\n3", 'bell�')
>>> sheet_name("城乡居民养老保险县级配套资金/[2022]", set())
'城乡居民养老保险县级配套资金 2022'
"""

from __future__ import annotations

import datetime
import importlib
import io
import re
import weakref
import zipfile
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pension_subsidy._text import FORMULA_LEADS, display_width, neutralise_formula
from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.money import WAN_CENT, Yuan, round_half_up
from pension_subsidy.output.language import Localised, is_chinese

__all__ = [
    "COUNT_FORMAT",
    "FORMULA_LEADS",
    "PERCENT_FORMAT",
    "SAVED_AT",
    "SCORE_FORMAT",
    "WAN_FORMAT",
    "WAN_FORMAT_EN",
    "YUAN_FORMAT",
    "SheetWriter",
    "cell_text",
    "fit_row_heights",
    "load_openpyxl",
    "neutralise_formula",
    "print_setup",
    "sheet_name",
    "workbook_bytes",
]

#: 元 to the 分.
YUAN_FORMAT = "#,##0.00"
#: 万元 to 0.01, with its unit (the value is rounded before it is written).
WAN_FORMAT = '#,##0.00"万元"'
#: The same in an English workbook.
WAN_FORMAT_EN = '#,##0.00" wan yuan"'
#: Whole persons.
COUNT_FORMAT = "#,##0"
#: A ratio shown as a percentage to 0.01 (the cell holds 0.9657 for 96.57%).
PERCENT_FORMAT = "0.00%"
#: A score or weight to 0.01.
SCORE_FORMAT = "0.00"
_EXACT_PLACES = Decimal("1e-12")  # a stored score: exact far below the 0.01 it is shown to

#: The time every workbook says it was created and saved (the zip format's first date): a
#: workbook's bytes depend on its content only.
SAVED_AT = datetime.datetime(1980, 1, 1)  # zone-less, as openpyxl stores it (assumed UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ZIP_MODE = 0o644 << 16  # rw-r--r-- on every member, whatever the saving machine's umask
_CORE = "docProps/core.xml"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # as openpyxl's ILLEGAL_CHARACTERS_RE
# Excel refuses these in a sheet name and allows at most 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]+")
_SHEET_LENGTH = 31


def cell_text(text: str) -> str:
    """``text`` as a workbook cell holds it: line breaks as LF, then neutralised.

    An ``.xlsx`` file is XML, whose readers turn a CR into an LF; doing it first means the
    cell reads back as written and is neutralised as it will be read. Control characters XML
    cannot hold at all (openpyxl refuses them) show as U+FFFD.
    """
    text = _XML_ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return neutralise_formula(text)


def load_openpyxl() -> Any:
    """The ``openpyxl`` module; :class:`~pension_subsidy.MissingDependencyError` without it."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        raise MissingDependencyError(code="dependency.openpyxl_write", extra="excel") from None
    return openpyxl


def sheet_name(name: str, taken: set[str]) -> str:
    """``name`` as Excel allows a sheet name, unique among ``taken`` (which it joins).

    Excel refuses ``[]:*?/`` and the backslash and keeps at most 31 characters.
    """
    base = " ".join(_SHEET_FORBIDDEN.sub(" ", name).split())[:_SHEET_LENGTH] or "Sheet"
    candidate, number = base, 1
    while candidate.casefold() in {item.casefold() for item in taken}:
        number += 1
        suffix = f" ({number})"
        candidate = base[: _SHEET_LENGTH - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def workbook_bytes(workbook: Any) -> bytes:
    """The saved ``.xlsx`` file of an openpyxl workbook: the same workbook, the same bytes.

    openpyxl stamps the document (``docProps/core.xml``) and each zip member with the time
    of saving; here the document says :data:`SAVED_AT` and the zip is written again, member
    by member in the order saved, with fixed times and permissions. The workbook is saved
    to memory, never to a file (the caller writes the bytes with ``pension_subsidy._files``).
    """
    openpyxl = load_openpyxl()
    for sheet in workbook.worksheets:
        if sheet.page_setup.orientation is None:
            frozen = sheet.freeze_panes
            title_rows = sheet[frozen].row - 1 if frozen else 0
            print_setup(sheet, title_rows)
        fit_row_heights(sheet)
    workbook.properties.created = SAVED_AT
    buffer = io.BytesIO()
    workbook.save(buffer)  # sets properties.modified to now
    workbook.properties.modified = SAVED_AT
    functions = importlib.import_module("openpyxl.xml.functions")
    core: bytes = functions.tostring(workbook.properties.to_tree())
    results = {
        f"xl/worksheets/sheet{index}.xml": _RESULTS[sheet]
        for index, sheet in enumerate(workbook.worksheets, start=1)
        if sheet in _RESULTS
    }
    del openpyxl  # loaded for the error it raises when missing
    saved = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            fixed.compress_type = member.compress_type
            fixed.create_system = 3  # as saved on Unix, on every system
            fixed.external_attr = _ZIP_MODE
            data = core if member.filename == _CORE else source.read(member)
            if member.filename in results:
                data = _with_results(data, results[member.filename])
            target.writestr(fixed, data)
    return saved.getvalue()


#: The stored result of each formula cell, by worksheet and cell: written into the saved
#: file by :func:`workbook_bytes` (openpyxl saves a formula with an empty result).
_RESULTS: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def _with_results(part: bytes, results: dict[str, str]) -> bytes:
    """A worksheet's XML with each formula cell's ``<v></v>`` holding its stored result."""
    text = part.decode("utf-8")
    for coordinate, value in results.items():
        pattern = re.compile(rf'(<c r="{coordinate}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?')
        text = pattern.sub(rf"\g<1><v>{value}</v>", text, count=1)
    return text.encode("utf-8")


#: Points per line of 11-point text, and the padding of a row.
_LINE_POINTS = 15
_ROW_PADDING = 3


def print_setup(sheet: Any, title_rows: int) -> None:
    """A4 landscape, one page wide, centred, ``title_rows`` repeated, ``page / pages`` below."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if title_rows > 0:
        sheet.print_title_rows = f"1:{title_rows}"
    sheet.oddFooter.center.text = "&P / &N"


def _column_widths(sheet: Any) -> dict[int, float]:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - the excel extra, loaded

    return {
        index: float(sheet.column_dimensions[get_column_letter(index)].width or 8.43)
        for index in range(1, sheet.max_column + 1)
    }


def fit_row_heights(sheet: Any) -> None:
    """Set each row with wrapped text tall enough for its lines (merged cells: their width).

    The lines of a cell are its own line breaks, each wrapped at the width of its column (or
    of its merged columns) as a terminal would count it (a Chinese character is two).
    """
    widths = _column_widths(sheet)
    spans = {}
    for merged in sheet.merged_cells.ranges:
        width = sum(widths.get(c, 8.43) for c in range(merged.min_col, merged.max_col + 1))
        spans[(merged.min_row, merged.min_col)] = (width, merged.max_row - merged.min_row + 1)
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            width, rows = spans.get((cell.row, cell.column), (widths.get(cell.column, 8.43), 1))
            usable = max(1.0, width - 1)
            needed = sum(
                max(1, -(-display_width(line) // int(usable))) for line in cell.value.split("\n")
            )
            lines = max(lines, -(-needed // rows))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * _LINE_POINTS + _ROW_PADDING


class SheetWriter:
    """Writes typed, styled cells into one worksheet (fonts and borders made once)."""

    def __init__(self, openpyxl: Any, sheet: Any, locale: Localised = None) -> None:
        styles = openpyxl.styles
        # 万元 in a Chinese workbook, "wan yuan" in an English one (the unit shown by the format)
        self._wan_format = WAN_FORMAT if is_chinese(locale) else WAN_FORMAT_EN
        thin = styles.Side(style="thin", color="444444")
        self.sheet = sheet
        self._letter = openpyxl.utils.get_column_letter
        self._border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self._wrap = styles.Alignment(wrap_text=True, vertical="top")
        self._right = styles.Alignment(horizontal="right", vertical="top")
        self._centred = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self._title_font = styles.Font(bold=True, size=14)
        self._bold = styles.Font(bold=True)
        self._grey = styles.PatternFill("solid", fgColor="DDDDDD")

    def _cell(self, row: int, column: int, value: object, *, bold: bool) -> Any:
        cell = self.sheet.cell(row=row, column=column, value=value)
        cell.border = self._border
        if bold:
            cell.font = self._bold
        return cell

    def title(self, row: int, text: str, width: int) -> None:
        """A bold title merged across ``width`` columns."""
        cell = self.sheet.cell(row=row, column=1, value=cell_text(text))
        cell.font, cell.alignment = self._title_font, self._centred
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    def note(self, row: int, text: str, width: int) -> None:
        """A line of text merged across ``width`` columns, without borders."""
        cell = self.sheet.cell(row=row, column=1, value=cell_text(text))
        cell.alignment = self._wrap
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    def header(self, row: int, column: int, text: str, *, rows: int = 1, columns: int = 1) -> None:
        """A header cell, bold on grey, merged over ``rows`` × ``columns`` when larger than 1."""
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                cell = self.sheet.cell(row=r, column=c)
                cell.fill, cell.border = self._grey, self._border
        cell = self.sheet.cell(row=row, column=column, value=cell_text(text))
        cell.font, cell.alignment = self._bold, self._centred
        if rows > 1 or columns > 1:
            self.sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + rows - 1,
                end_column=column + columns - 1,
            )

    def text(self, row: int, column: int, text: str | None, *, bold: bool = False) -> None:
        """Wrapped text (None: an empty bordered cell), neutralised against formulas."""
        value = None if text is None or text == "" else cell_text(text)
        self._cell(row, column, value, bold=bold).alignment = self._wrap

    def _number(self, row: int, column: int, value: object, fmt: str, *, bold: bool) -> None:
        cell = self._cell(row, column, value, bold=bold)
        cell.number_format, cell.alignment = fmt, self._right

    def yuan(self, row: int, column: int, amount: Yuan | None, *, bold: bool = False) -> None:
        """An amount in 元 as a number (``#,##0.00``); None leaves the cell empty."""
        value = None if amount is None else amount.value
        self._number(row, column, value, YUAN_FORMAT, bold=bold)

    def wan(self, row: int, column: int, amount: Yuan | None, *, bold: bool = False) -> None:
        """An amount in 万元, rounded to 0.01 with 四舍五入 here, as a number."""
        value = None if amount is None else amount.to_wan(WAN_CENT)
        self._number(row, column, value, self._wan_format, bold=bold)

    def count(self, row: int, column: int, count: int, *, bold: bool = False) -> None:
        """A whole count (persons) as an integer."""
        self._number(row, column, count, COUNT_FORMAT, bold=bold)

    def percent(
        self, row: int, column: int, percent: Decimal | None, *, bold: bool = False
    ) -> None:
        """A percentage already rounded (``96.57``), stored as the ratio 0.9657, shown ``0.00%``."""
        value = None if percent is None else percent.scaleb(-2)
        self._number(row, column, value, PERCENT_FORMAT, bold=bold)

    def score(
        self, row: int, column: int, score: Decimal | Fraction, *, bold: bool = False
    ) -> None:
        """A score or weight as a number shown to 0.01.

        An exact Fraction is stored to 12 decimal places (四舍五入), so that a spreadsheet's
        SUM over the cells gives the subtotal the form shows (nine weights of 50/9 add up to
        50.00, not to 50.04 as nine cells of 5.56 would).
        """
        value = round_half_up(score, _EXACT_PLACES) if isinstance(score, Fraction) else score
        self._number(row, column, value, SCORE_FORMAT, bold=bold)

    def formula(
        self,
        row: int,
        column: int,
        formula: str,
        result: Decimal | int,
        number_format: str,
        *,
        bold: bool = False,
    ) -> str:
        """A live formula (``"SUM(E5:E10)"``, without ``=``) saved with its exact ``result``.

        Returns the cell's coordinate, for formulas that refer to it.
        """
        cell = self._cell(row, column, f"={formula}", bold=bold)
        cell.number_format, cell.alignment = number_format, self._right
        # an integral result as an integer, so that it reads back as one (60000, not 60000.0)
        exact = Decimal(result)
        shown = format(
            exact.to_integral_value() if exact == exact.to_integral_value() else exact, "f"
        )
        _RESULTS.setdefault(self.sheet, {})[cell.coordinate] = shown
        return str(cell.coordinate)

    def wan_formula(
        self, row: int, column: int, yuan_cell: str, amount: Yuan, *, bold: bool = False
    ) -> None:
        """万元 as ``ROUND(<元 cell>/10000,2)`` (Excel's ROUND is 四舍五入), with its result."""
        self.formula(
            row,
            column,
            f"ROUND({yuan_cell}/10000,2)",
            amount.to_wan(WAN_CENT),
            self._wan_format,
            bold=bold,
        )

    def widths(self, *widths: int) -> None:
        """Column widths, from column A on."""
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[self._letter(index)].width = width
