"""What the engine reads: a source of rows in chunks, and the CSV facts every source shares.

A :class:`RowSource` yields :data:`Chunk` s (rows, or blocks of CSV text) with their line
numbers; :class:`SequenceSource` holds rows in memory. The CSV and ``.xlsx`` sources of a
roster file are in :mod:`~pension_subsidy.roster.csv_source` and
:mod:`~pension_subsidy.roster.xlsx_source`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from typing import Final, Protocol

import attrs

__all__ = [
    "CHUNK_ROWS",
    "Chunk",
    "Progress",
    "RowSource",
    "SequenceSource",
    "csv_problem",
    "line_ends",
]

#: Rows per chunk: enough that per-chunk overhead vanishes, few enough that a chunk's strings
#: stay in the processor's cache while the engine makes its several passes over them.
CHUNK_ROWS: Final = 512

#: (rows, line of the first row, last physical line the rows span), or (CSV text of whole
#: records, line of its first record, -1).
Chunk = tuple[list[Sequence[str]] | str, int, int]

#: Called after each chunk with (bytes or rows done, total).
Progress = Callable[[int, int], None]


class RowSource(Protocol):
    """Where rows come from: each call of :meth:`chunks` reads them again from the start."""

    def chunks(self) -> Iterator[Chunk]:
        """The data rows (no header) in chunks, with their line numbers."""


@attrs.frozen
class SequenceSource:
    """Rows held in memory (a list, a partition), the first on line ``first_line``."""

    rows: Sequence[Sequence[str]]
    first_line: int = 2

    def chunks(self) -> Iterator[Chunk]:
        """The rows in chunks of :data:`CHUNK_ROWS`, one line each."""
        for start in range(0, len(self.rows), CHUNK_ROWS):
            chunk = list(self.rows[start : start + CHUNK_ROWS])
            first = self.first_line + start
            yield chunk, first, first + len(chunk) - 1


def line_ends(text: str) -> int:
    r"""Line ends in ``text``: LF, CRLF or a lone CR (a Mac-style CSV) each count once.

    These are the ends at which ``csv`` ends a record outside quotes, and the lines its
    ``line_num`` counts.

    >>> line_ends("a\nb\r\nc\rd")
    3
    """
    newlines = text.count("\n")
    if "\r" not in text:  # the usual LF file: one scan, not three
        return newlines
    return newlines + text.count("\r") - text.count("\r\n")


def csv_problem(error: csv.Error) -> str:
    """What a ``csv.Error`` of a roster means, in the roster's terms."""
    if "field larger than field limit" in str(error):
        return (
            f'a field of more than {csv.field_size_limit():,} characters: a quote (") '
            "opening a field and never closed swallows the lines after it"
        )
    return f"not readable as CSV: {error}"
