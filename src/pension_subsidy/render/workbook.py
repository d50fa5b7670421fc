"""Spreadsheet conventions every workbook of the library follows (openpyxl, ``excel`` extra).

* Text that begins with ``=``, ``+``, ``-`` or ``@`` is written with a leading ``'``, so that
  a spreadsheet shows it instead of running it as a formula (formula injection):
  :func:`neutralise_formula`.
* Money is a number, never text: 元 with ``#,##0.00``; 万元 rounded here with 四舍五入
  (:data:`~pension_subsidy.ROUND_HALF_UP`) to 0.01 before it is written, so that Excel has
  nothing left to round, and shown as ``#,##0.00"万元"``. Headcounts are integers.
* A bold title merged across the table, headers bold on grey, long text wrapped, thin borders.

>>> neutralise_formula("=HYPERLINK(...)"), neutralise_formula("-5"), neutralise_formula("目标")
("'=HYPERLINK(...)", "'-5", '目标')
>>> sheet_name("城乡居民养老保险县级配套资金/[2022]", set())
'城乡居民养老保险县级配套资金 2022'
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.money import WAN_CENT, Yuan, round_half_up

__all__ = [
    "COUNT_FORMAT",
    "PERCENT_FORMAT",
    "SCORE_FORMAT",
    "WAN_FORMAT",
    "YUAN_FORMAT",
    "SheetWriter",
    "load_openpyxl",
    "neutralise_formula",
    "sheet_name",
    "workbook_bytes",
]

#: 元 to the 分.
YUAN_FORMAT = "#,##0.00"
#: 万元 to 0.01, with its unit (the value is rounded before it is written).
WAN_FORMAT = '#,##0.00"万元"'
#: Whole persons.
COUNT_FORMAT = "#,##0"
#: A ratio shown as a percentage to 0.01 (the cell holds 0.9657 for 96.57%).
PERCENT_FORMAT = "0.00%"
#: A score or weight to 0.01.
SCORE_FORMAT = "0.00"
_EXACT_PLACES = Decimal("1e-12")  # a stored score: exact far below the 0.01 it is shown to

_FORMULA_START = "=+-@"
# Excel refuses these in a sheet name and allows at most 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]+")
_SHEET_LENGTH = 31


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: ``'`` before a leading = + - @.

    A cell that already begins with ``'`` before such a sign gets one more, so that the
    reader's :func:`~pension_subsidy.disclosure.read.unescape_formula` gives it back exactly.
    """
    stripped = cell.lstrip("'")
    if stripped[:1] and stripped[0] in _FORMULA_START:
        return "'" + cell
    return cell


def load_openpyxl() -> Any:
    """The ``openpyxl`` module; :class:`~pension_subsidy.MissingDependencyError` without it."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        raise MissingDependencyError(
            "writing .xlsx needs openpyxl: pip install 'pension-subsidy[excel]'", extra="excel"
        ) from None
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
    """The saved ``.xlsx`` file of an openpyxl workbook."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SheetWriter:
    """Writes typed, styled cells into one worksheet (fonts and borders made once)."""

    def __init__(self, openpyxl: Any, sheet: Any) -> None:
        styles = openpyxl.styles
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
        cell = self.sheet.cell(row=row, column=1, value=neutralise_formula(text))
        cell.font, cell.alignment = self._title_font, self._centred
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    def note(self, row: int, text: str, width: int) -> None:
        """A line of text merged across ``width`` columns, without borders."""
        cell = self.sheet.cell(row=row, column=1, value=neutralise_formula(text))
        cell.alignment = self._wrap
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    def header(self, row: int, column: int, text: str, *, rows: int = 1, columns: int = 1) -> None:
        """A header cell, bold on grey, merged over ``rows`` × ``columns`` when larger than 1."""
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                cell = self.sheet.cell(row=r, column=c)
                cell.fill, cell.border = self._grey, self._border
        cell = self.sheet.cell(row=row, column=column, value=neutralise_formula(text))
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
        value = None if text is None or text == "" else neutralise_formula(text)
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
        self._number(row, column, value, WAN_FORMAT, bold=bold)

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

    def widths(self, *widths: int) -> None:
        """Column widths, from column A on."""
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[self._letter(index)].width = width
