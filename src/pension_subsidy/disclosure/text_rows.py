"""The rows of a text table: decoding (UTF-8, BOM, GB18030), tab-separated and CSV rows.

Every row keeps its line number and a name for each cell, so that an error points at it.
"""

from __future__ import annotations

import csv
import io
import re

import attrs

from pension_subsidy._encoding import check_text, csv_reason, decode_text
from pension_subsidy._text import FORMULA_LEADS
from pension_subsidy.exceptions import DataFileError, Phrase

__all__ = ["decode_table", "unescape_formula"]

_EXPECTED = Phrase("file.kind.text_table")


@attrs.frozen
class _Row:
    """One row of cells and where it came from (``cells`` names each cell for errors)."""

    line: int
    cells: tuple[str, ...]
    cell_names: tuple[str, ...]


def decode_table(data: bytes, path: str) -> str:
    """Bytes of a text table as str: UTF-8 (with or without BOM), else GB18030.

    Empty or binary data raises :class:`~pension_subsidy.DataFileError`. The decoding is the
    one every text file of the library goes through (:mod:`pension_subsidy._encoding`).
    """
    if not data.strip():
        params = {"expected": Phrase("file.kind.table")}
        raise DataFileError(code="file.empty", params=params, path=path)
    return _check_text(decode_text(data, path, expected=_EXPECTED), path)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        params = {"expected": Phrase("file.kind.table")}
        raise DataFileError(code="file.empty", params=params, path=path)
    return check_text(text, path, expected=_EXPECTED)


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _tsv_rows(text: str) -> list[_Row]:
    rows = []
    for number, line in enumerate(_lines(text), start=1):
        cells = tuple(line.split("\t"))
        rows.append(_Row(number, cells, tuple(f"column {i + 1}" for i in range(len(cells)))))
    return rows


def _csv_rows(text: str, path: str) -> list[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            params = {"reason": csv_reason(error)}
            raise DataFileError(code="csv.invalid", params=params, path=path, line=start) from None
        cells_ = tuple(unescape_formula(cell) for cell in cells)
        rows.append(_Row(start, cells_, tuple(f"column {i + 1}" for i in range(len(cells_)))))
    return rows


def unescape_formula(cell: str) -> str:
    r"""Undo the writer's formula-injection guard: ``'=x`` → ``=x``.

    The leads are the writer's own (:data:`~pension_subsidy.output.workbook.FORMULA_LEADS`,
    tab and CR among them), so that every neutralised cell reads back exactly.

    >>> unescape_formula("'=SUM(A1)"), unescape_formula("'plain"), unescape_formula("''=x")
    ('=SUM(A1)', "'plain", "'=x")
    >>> unescape_formula("'\t=1"), unescape_formula("'\r@x")
    ('\t=1', '\r@x')
    """
    stripped = cell.lstrip("'")
    if cell.startswith("'") and stripped[:1] and stripped[0] in FORMULA_LEADS:
        return cell[1:]
    return cell
