"""A block of CSV text as lines, and a chunk's rows' lines: where the pure engine's rows start."""

from __future__ import annotations

from collections.abc import Sequence

from pension_subsidy.roster.row_source import line_ends


def split_lines(text: str) -> list[str] | None:
    """A block of CSV text as its lines, or None when its lines are not its records.

    Text without quote characters whose carriage returns all end lines (CRLF) is CSV
    exactly split at its line ends.
    """
    if '"' in text:
        return None
    if "\r" not in text:
        lines = text.split("\n")
    else:
        crlf = text.count("\r\n")
        if text.count("\r") != crlf:
            return None
        if text.count("\n") == crlf:  # every line ends in CRLF: split there, no copy
            lines = text.split("\r\n")
        else:
            lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def chunk_lines(chunk: list[Sequence[str]], first: int, last: int) -> list[int]:
    """Each row's starting line; a quoted field with line breaks spans several lines.

    Outside its fields a record holds one line end, its last, so the next record starts
    one line after the line ends in this one's fields.
    """
    if last - first + 1 == len(chunk):
        return list(range(first, last + 1))
    lines = []
    line = first
    for row in chunk:
        lines.append(line)
        line += 1 + sum(map(line_ends, row))
    return lines
