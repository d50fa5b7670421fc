"""Text tables and pasted web pages: tab-separated or CSV rows, or one cell per line.

A table copied from a web page pastes as tab-separated rows in which a cell merged down
(rowspan) appears only in its first row, the rows below it shorter by one; some browsers
paste every cell on a line of its own. The grid keeps each line as a row (row = line
number); the form parsers align short rows (:mod:`~pension_subsidy.forms.tables`). Lines
are kept as running text as well, for prose reports.
"""

from __future__ import annotations

import csv
import io
import re

from pension_subsidy._encoding import check_text, csv_reason, decode_text
from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.forms.grid import TEXT_GRID, Grid, GridCell, Source, TextLine, _clean
from pension_subsidy.forms.one_per_line import looks_one_per_line, restack

__all__ = ["read_text", "read_text_data"]

_EXPECTED = "a form as text (tab-separated, CSV or pasted from a web page)"
_EMPTY = {"expected": Phrase("forms.form")}


def read_text_data(data: bytes, path: str, *, csv_rows: bool = False) -> Source:
    """The text file in ``data`` (UTF-8 with or without BOM, else GB18030) as a source."""
    if not data.strip():
        raise DataFileError(code="file.empty", params=_EMPTY, path=path)
    return read_text(decode_text(data, path, expected=_EXPECTED), path, csv_rows=csv_rows)


def read_text(text: str, path: str, *, csv_rows: bool = False) -> Source:
    """``text`` as one grid (a row per line, cells split at tabs or as CSV) and its lines."""
    text = check_text(text, path, expected=_EXPECTED)
    if not text.strip():
        raise DataFileError(code="file.empty", params=_EMPTY, path=path)
    raw_lines = re.split(r"\r\n|\r|\n", text)
    lines = tuple(
        TextLine(clean, number)
        for number, line in enumerate(raw_lines, start=1)
        if (clean := _clean(line.replace("\t", " ")))
    )
    if not csv_rows and looks_one_per_line(raw_lines):
        rebuilt = tuple(
            tuple(
                GridCell(_clean(cell_text), row, column, (row, column), line)
                for column, (cell_text, line) in enumerate(cells, start=1)
            )
            for row, cells in enumerate(restack(raw_lines), start=1)
        )
        return Source(path, "text-lines", (Grid(TEXT_GRID, rebuilt),), lines)
    rows = _csv(text, path) if csv_rows else [line.split("\t") for line in raw_lines]
    grid = Grid.from_texts(TEXT_GRID, rows)
    return Source(path, "text", (grid,), lines)


def _csv(text: str, path: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    while True:
        start = reader.line_num + 1
        try:
            rows.append(next(reader))
        except StopIteration:
            return rows
        except csv.Error as error:
            params = {"reason": csv_reason(error)}
            raise DataFileError(code="csv.invalid", params=params, path=path, line=start) from None
