"""The grid every reader produces: tables as rows of cells (merged cells resolved) and lines.

Whatever the file kind, a form arrives as a :class:`Source`: its tables as :class:`Grid`
(rows of :class:`GridCell`, each keeping its position, with a merged cell's text repeated in
every position it covers and ``origin`` saying where the merge starts) and its running text
as :class:`TextLine` (paragraphs of a Word file or web page, lines of a PDF page or of a text
file). The form parsers read only this, never a file.

>>> grid = Grid.from_texts("table 1", [["项目名称", "城乡居民养老保险"], ["", "x"]])
>>> grid.rows[0][1].name, grid.rows[0][1].text
('B1', '城乡居民养老保险')
>>> grid.where(grid.rows[1][1])
Where(sheet='table 1', row=2, cell='B2', page=None, line=None, sentence=None)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from pension_subsidy.forms.model import Where

#: The name of the one grid of a text file, whose rows are its lines.
TEXT_GRID = "text"

__all__ = ["TEXT_GRID", "Grid", "GridCell", "Source", "TextLine", "column_letter", "layout_spans"]


def column_letter(column: int) -> str:
    """The spreadsheet name of a 1-based column: 1 → ``A``, 27 → ``AA``.

    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _clean(text: str) -> str:
    """A cell's text with its line breaks kept and runs of spaces and NBSP made one space."""
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


@attrs.frozen
class GridCell:
    """One position of a table: ``row`` and ``column`` (1-based) and the ``text`` shown there.

    ``origin`` is the (row, column) where the merged range holding this position starts (the
    position itself when it is not merged); a position covered by a merge repeats its text.
    ``line`` is the line of a text file the cell came from, when rows were rebuilt from one
    cell per line (:mod:`~pension_subsidy.forms.one_per_line`). ``source_name`` keeps the
    cell's name in the file when a parser moved it (a pasted row aligned under its headings).
    """

    text: str
    row: int
    column: int
    origin: tuple[int, int]
    line: int | None = None
    source_name: str | None = None

    @property
    def name(self) -> str:
        """The spreadsheet name of the position (``C7``), or the name it had in the file."""
        return self.source_name or f"{column_letter(self.column)}{self.row}"

    @property
    def covered(self) -> bool:
        """Whether this position repeats a merged cell that starts elsewhere."""
        return self.origin != (self.row, self.column)


@attrs.frozen
class Grid:
    """A table: ``name`` (sheet name, ``table 2``), its ``rows`` and the PDF ``page`` if any.

    ``first_row`` is the row number of the first row, so that a table cut from a longer text
    keeps the text's line numbers.
    """

    name: str
    rows: tuple[tuple[GridCell, ...], ...]
    page: int | None = None

    @classmethod
    def from_texts(
        cls,
        name: str,
        rows: Iterable[Sequence[str]],
        *,
        page: int | None = None,
        first_row: int = 1,
    ) -> Grid:
        """A grid of unmerged cells from rows of texts (row numbers from ``first_row``)."""
        built = tuple(
            tuple(
                GridCell(_clean(text), number, column, (number, column))
                for column, text in enumerate(texts, start=1)
            )
            for number, texts in enumerate(rows, start=first_row)
        )
        return cls(name, built, page)

    def where(self, cell: GridCell) -> Where:
        """Where ``cell`` stands: sheet (table name), page when known, row and cell name.

        A text file's single grid (named ``text``) is numbered by line instead.
        """
        if cell.line is not None:
            return Where(line=cell.line)
        if self.name == TEXT_GRID:
            return Where(line=cell.row, cell=cell.name)
        return Where(sheet=self.name, row=cell.row, cell=cell.name, page=self.page)

    def texts(self) -> list[list[str]]:
        """Each row's texts (for messages and tests)."""
        return [[cell.text for cell in row] for row in self.rows]


@attrs.frozen
class TextLine:
    """A line or paragraph of running text, with its ``page`` (PDF) and ``line`` (1-based)."""

    text: str
    line: int
    page: int | None = None

    def where(self) -> Where:
        """Where the line stands."""
        return Where(page=self.page, line=self.line)


@attrs.frozen
class Source:
    """Everything read from one file: its ``tables`` and running ``lines``, in order.

    ``path`` names the file for messages; ``format`` is ``xlsx``, ``docx``, ``html``,
    ``pdf`` or ``text``; ``titles`` the titles a web page states outside its text (its
    ``<title>``) and in its ``<h1>`` headings, where a table's year may stand.
    """

    path: str
    format: str
    tables: tuple[Grid, ...] = ()
    lines: tuple[TextLine, ...] = ()
    titles: tuple[str, ...] = ()


def layout_spans(
    name: str,
    rows: Sequence[Sequence[tuple[str, int, int]]],
    *,
    page: int | None = None,
) -> Grid:
    """Lay out rows of (text, colspan, rowspan) cells as a browser lays out an HTML table.

    A cell takes the first column its row has free (positions taken by a rowspan from above
    are skipped); its text is repeated over every position it spans.

    >>> grid = layout_spans("t", [[("a", 1, 2), ("b", 2, 1)], [("c", 1, 1), ("d", 1, 1)]])
    >>> grid.texts()
    [['a', 'b', 'b'], ['a', 'c', 'd']]
    """
    taken: dict[tuple[int, int], GridCell] = {}
    for row_number, cells in enumerate(rows, start=1):
        column = 1
        for text, colspan, rowspan in cells:
            while (row_number, column) in taken:
                column += 1
            origin = (row_number, column)
            clean = _clean(text)
            for down in range(max(rowspan, 1)):
                for across in range(max(colspan, 1)):
                    position = (row_number + down, column + across)
                    taken.setdefault(position, GridCell(clean, position[0], position[1], origin))
            column += max(colspan, 1)
    height = max((row for row, _ in taken), default=0)
    height = min(height, len(rows))  # a rowspan beyond the last row adds no row
    built = tuple(
        tuple(
            taken.get((row, column), GridCell("", row, column, (row, column)))
            for column in range(1, max((c for r, c in taken if r == row), default=0) + 1)
        )
        for row in range(1, height + 1)
    )
    return Grid(name, built, page)
