"""A grid's rows as the form parsers see them: distinct cells, titles, rows a paste shortened.

Also the two readers of a cell's figure every labelled block uses: an amount in the form's
money unit and a stated number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.forms.grid import Grid, GridCell
from pension_subsidy.forms.model import StatedAmount, StatedNumber, Where, number_in

__all__ = [
    "MoneyUnit",
    "Row",
    "align_short_rows",
    "amount_of",
    "is_title_row",
    "number_of",
    "rows_of",
]

MoneyUnit = Literal["万元", "元"]


@attrs.frozen
class Row:
    """A row of a grid with its grid (for ``where``)."""

    grid: Grid
    cells: tuple[GridCell, ...]

    def distinct(self) -> list[GridCell]:
        """The row's non-empty cells, a cell merged across columns once."""
        seen: set[tuple[int, int]] = set()
        out = []
        for cell in self.cells:
            if cell.text and cell.origin not in seen and _across(cell, seen):
                out.append(cell)
            seen.add(cell.origin)
        return out

    def at(self, column: int) -> GridCell | None:
        """The cell in ``column`` (1-based), or None when the row is shorter."""
        if 1 <= column <= len(self.cells):
            return self.cells[column - 1]
        return None

    def text_at(self, column: int | None) -> str:
        """The text in ``column`` ('' when absent)."""
        if column is None:
            return ""
        cell = self.at(column)
        return "" if cell is None else cell.text

    def where(self, cell: GridCell | None = None) -> Where:
        """Where the row (or ``cell``) stands."""
        if cell is None:
            cell = next((c for c in self.cells if c.text), self.cells[0])
        return self.grid.where(cell)


def _across(cell: GridCell, seen: set[tuple[int, int]]) -> bool:
    # a cell merged down from the row above is this row's cell too (a label repeated down)
    return cell.origin not in seen


def is_title_row(row: Row) -> bool:
    """Whether ``row`` is one value merged across its columns: a title, never data.

    A workbook's second sheet starts with its title (项目支出绩效自评表, （2022年度）) merged
    over the table's width; read as cells it would repeat in every column, the level-1 and
    name columns alike, and pass for an indicator. A pasted row (no merges) is never one.
    """
    texts = [cell for cell in row.cells if cell.text]
    if not texts:
        return False
    origin = texts[0].origin
    spanned = [cell for cell in row.cells if cell.origin == origin]
    return (
        len(spanned) >= 2
        and all(cell.origin == origin for cell in texts)
        and all(cell.origin[0] == cell.row for cell in spanned)  # merged across, not down
    )


def rows_of(grids: Sequence[Grid]) -> list[Row]:
    """Every non-empty row of the grids, in order."""
    return [Row(grid, row) for grid in grids for row in grid.rows if any(c.text for c in row)]


def align_short_rows(rows: list[Row]) -> list[Row]:
    """Pasted rows without the cells a rowspan covers, shifted right to the table's width.

    Some pages paste a cell merged down only in its first row, so the rows below it are
    shorter and their cells start too far left; in these forms merged-down cells stand at
    the left (section labels, level-1 names), so a short row is aligned on the right.
    """
    widest = max((len(row.cells) for row in rows), default=0)
    aligned = []
    for row in rows:
        shift = widest - len(row.cells)
        if shift <= 0 or len(row.distinct()) < 2:
            aligned.append(row)
            continue
        number = row.cells[0].row
        cells = tuple(
            GridCell("", number, column, (number, column)) for column in range(1, shift + 1)
        )
        cells += tuple(
            GridCell(
                cell.text,
                number,
                cell.column + shift,
                (number, cell.column + shift),
                cell.line,
                cell.name,  # where it stands in the file, not where it was aligned to
            )
            for cell in row.cells
        )
        aligned.append(Row(row.grid, cells))
    return aligned


def amount_of(text: str, unit: MoneyUnit, where: Where) -> StatedAmount | None:
    """The amount ``text`` states in ``unit``, or None when it holds no usable number."""
    if number_in(text) is None:
        return None
    try:
        return StatedAmount.parse(text, unit=unit, where=where)
    except InvalidNumberError:
        return None


def number_of(text: str, where: Where) -> StatedNumber | None:
    """The number ``text`` states, or None for an empty cell."""
    return StatedNumber.parse(text, where=where) if text.strip() else None
