"""A roster from memory: a pandas DataFrame, a pyarrow Table or rows of mappings.

:func:`tally_rows` tallies rows that are already in memory exactly as :func:`tally_roster`
tallies a file: the columns are found by the same names (English, Chinese, or ``columns``),
and every value is turned into the text a CSV export would hold, then validated, classified
and counted by the same engine — so a DataFrame gives the same tally, rejections and reasons
as the CSV file it was read from. The rows may be

* a pandas ``DataFrame`` (its column labels are the header),
* a pyarrow ``Table`` (its column names; only when pyarrow is installed),
* an iterable of mappings, column name → value (the first row's keys are the header; every
  row must have the same keys). A one-shot iterator is read once and kept as text.

Each value becomes text *exactly*:

=============================  =============================================================
value                          text
=============================  =============================================================
``str``                        as it is (nothing trimmed)
``None``, NaN, ``pd.NA``, NaT  ``""`` (an empty cell)
``bool``                       ``"1"`` or ``"0"``
``int`` (numpy's too)          its digits
``Decimal``, ``Yuan``          ``str(value)``, as it is
``float`` (numpy's too)        its digits **only when it is a whole number** (``100.0`` →
                               ``"100"``: pandas keeps an integer column with a missing value
                               as floats); any other float is refused with
                               :class:`~pension_subsidy.FloatAmountError` naming the row and
                               column — a binary float is not the decimal it prints as
date, datetime, ``Timestamp``  the day, ``YYYY-MM-DD``
=============================  =============================================================

Any other value (a list, bytes, …) is a :class:`~pension_subsidy.DataFileError` naming the
row and column. Rows are numbered as in a CSV file with its header on line 1: the first row
is line 2, so a rejection's ``line - 2`` is the row's position (0-based).

>>> rows = [{"person_id": "P1", "township": "东川镇", "village": "甲村",
...          "birth_date": "1950-03-01", "paying": 0, "grade": None, "disability": "severe",
...          "poverty": 0, "cadre": 0, "land_loss": 0, "receiving": 1}]
>>> tally = tally_rows(rows)
>>> tally.accepted, tally.rejected
(1, 0)
"""

from __future__ import annotations

import datetime
import itertools
import math
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import Any, Final

import attrs

from pension_subsidy.exceptions import DataFileError, FloatAmountError, Phrase, type_phrase
from pension_subsidy.money import Yuan
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.engine import tally_source
from pension_subsidy.roster.read import resolve_columns, resolve_optional_columns
from pension_subsidy.roster.row_source import CHUNK_ROWS, Chunk
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from pension_subsidy.roster.tally import Tally

__all__ = ["cell_text", "rows_of", "tally_rows"]

#: The name rows in memory go by in messages, unless given.
ROWS_NAME: Final = "<rows>"
_FIRST_LINE: Final = 2


def cell_text(value: object, *, line: int | None = None, column: str | None = None) -> str:
    """``value`` as the text of a CSV cell (see the table above); ``line``/``column`` for errors.

    >>> cell_text(100.0), cell_text(Decimal("100.00")), cell_text(True), cell_text(None)
    ('100', '100.00', '1', '')
    >>> cell_text(0.5, line=3, column="grade")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.FloatAmountError: line 3, column 'grade': a binary float (0.5) \
is refused unless it is a whole number; give the value as text or a Decimal
    """
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "1" if value else "0"
    if isinstance(value, Yuan | Decimal | numbers.Real):
        return _number_text(value, line, column)
    if _is_missing(value):
        return ""
    if isinstance(value, datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return day.isoformat()
    said = {"place": _place(None, column), "type": type_phrase(value), "got": _shown(value)}
    raise DataFileError(
        code="roster.frame.cell", params=said, path=ROWS_NAME, line=line, field=column
    )


def _number_text(value: Yuan | Decimal | numbers.Real, line: int | None, column: str | None) -> str:
    """A number's exact text: Decimal and Yuan as they are, ints' digits, whole floats."""
    if isinstance(value, Yuan | Decimal):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return ""
    if number.is_integer():
        return str(int(number))
    said = {"place": _place(line, column), "got": repr(number)}
    raise FloatAmountError(code="roster.frame.float", params=said, field=column, value=value)


def _place(line: int | None, column: str | None) -> Phrase:
    """Where a value is: its line and column, said in each language."""
    if line is not None and column is not None:
        return Phrase("roster.frame.place.line_column", line=line, column=repr(column))
    if line is not None:
        return Phrase("roster.frame.place.line", line=line)
    if column is not None:
        return Phrase("roster.frame.place.column", column=repr(column))
    return Phrase("roster.frame.place.none")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_missing(value: object) -> bool:
    """Pandas' missing markers (``pd.NA``, ``NaT``) without importing pandas."""
    kind = type(value)
    return kind.__name__ in {"NAType", "NaTType"} and kind.__module__.startswith("pandas")


@attrs.frozen
class _MemorySource:
    """Rows in memory, turned into text chunk by chunk each time they are read."""

    header: tuple[str, ...]
    blocks: Callable[[], Iterator[list[Sequence[object]]]]

    def chunks(self) -> Iterator[Chunk]:
        """The rows as text in chunks, the first on line 2."""
        line = _FIRST_LINE
        for block in self.blocks():
            rows: list[Sequence[str]] = [
                [
                    cell_text(value, line=line + offset, column=name)
                    for name, value in zip(self.header, row, strict=True)
                ]
                for offset, row in enumerate(block)
            ]
            yield rows, line, line + len(rows) - 1
            line += len(rows)


def _module(rows: object) -> str:
    return type(rows).__module__.split(".")[0]


def _frame_source(frame: Any) -> _MemorySource:
    header = _header(list(frame.columns))

    def blocks() -> Iterator[list[Sequence[object]]]:
        for start in range(0, len(frame), CHUNK_ROWS):
            part = frame.iloc[start : start + CHUNK_ROWS]
            yield [tuple(row) for row in part.itertuples(index=False, name=None)]

    return _MemorySource(header, blocks)


def _arrow_source(table: Any) -> _MemorySource:
    header = _header(list(table.column_names))

    def blocks() -> Iterator[list[Sequence[object]]]:
        for batch in table.to_batches(max_chunksize=CHUNK_ROWS):
            columns = [column.to_pylist() for column in batch.columns]
            yield [tuple(values) for values in zip(*columns, strict=True)]

    return _MemorySource(header, blocks)


def _header(names: Sequence[object]) -> tuple[str, ...]:
    for name in names:
        if not isinstance(name, str):
            said = {"type": type_phrase(name), "got": repr(name)}
            code = "roster.frame.header_type"
            raise DataFileError(code=code, params=said, path=ROWS_NAME, line=1)
    return tuple(str(name) for name in names)


def _mapping_source(rows: Iterable[object]) -> _MemorySource:
    """Rows of mappings, kept as text (an iterator is read once)."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        said = {"frame": "DataFrame"}
        raise DataFileError(code="roster.frame.no_rows", params=said, path=ROWS_NAME)
    header = _header(list(_as_mapping(first, _FIRST_LINE)))
    keys = set(header)
    text_rows: list[Sequence[str]] = []
    for line, row in enumerate(itertools.chain([first], iterator), start=_FIRST_LINE):
        text_rows.append(_mapping_row(row, header, keys, line))

    def blocks() -> Iterator[list[Sequence[object]]]:
        for start in range(0, len(text_rows), CHUNK_ROWS):
            yield list(text_rows[start : start + CHUNK_ROWS])

    return _MemorySource(header, blocks)


def _as_mapping(row: object, line: int) -> Mapping[Any, Any]:
    if not isinstance(row, Mapping):
        said = {"line": line, "type": type_phrase(row)}
        code = "roster.frame.not_mapping"
        raise DataFileError(code=code, params=said, path=ROWS_NAME, line=line)
    return row


def _mapping_row(row: object, header: Sequence[str], keys: set[str], line: int) -> list[str]:
    mapping = _as_mapping(row, line)
    if set(mapping) != keys:
        missing = sorted(keys - set(mapping))
        extra = sorted(str(key) for key in set(mapping) - keys)
        said = {
            "line": line,
            "missing": _keys("roster.frame.keys_missing", missing),
            "extra": _keys("roster.frame.keys_extra", extra),
        }
        raise DataFileError(code="roster.frame.keys", params=said, path=ROWS_NAME, line=line)
    return [cell_text(mapping[name], line=line, column=name) for name in header]


def _keys(code: str, keys: Sequence[str]) -> Phrase | str:
    """``; missing 'a', 'b'`` (``code``'s words), or nothing when there are no keys."""
    return Phrase(code, keys=", ".join(map(repr, keys))) if keys else ""


def rows_of(rows: object) -> _MemorySource:
    """The rows' header and a source of their text rows (what :func:`tally_rows` reads).

    A path is refused, pointing to :func:`~pension_subsidy.roster.read.tally_roster`; any
    other value that is no DataFrame, Table or iterable of mappings is a
    :class:`~pension_subsidy.DataFileError` saying what is accepted.
    """
    if isinstance(rows, str | PurePath):
        said: dict[str, object] = {"file_call": "tally_roster(path)", "rows_function": "tally_rows"}
        raise DataFileError(code="roster.frame.path", params=said, path=str(rows))
    module = _module(rows)
    if module == "pandas" and hasattr(rows, "itertuples") and hasattr(rows, "columns"):
        return _frame_source(rows)
    if module == "pyarrow" and hasattr(rows, "to_batches") and hasattr(rows, "column_names"):
        return _arrow_source(rows)
    if isinstance(rows, Iterable) and not isinstance(rows, bytes | bytearray | Mapping):
        return _mapping_source(rows)
    said = {"frame": "DataFrame", "pyarrow": "pyarrow", "table": "Table", "type": type_phrase(rows)}
    raise DataFileError(code="roster.frame.rows_type", params=said, path=ROWS_NAME)


def tally_rows(
    rows: object,
    rules: RosterRules | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    name: str = ROWS_NAME,
) -> Tally:
    """Tally rows in memory (a DataFrame, an Arrow table or mappings) as a roster file.

    ``rules``, ``columns``, ``on_reject`` and ``check_duplicates`` are those of
    :func:`~pension_subsidy.roster.read.tally_roster`; ``name`` names the rows in messages.
    The same rows written to a CSV file give the same tally.
    """
    source = rows_of(rows)
    indices = resolve_columns(source.header, columns, path=name)
    optional = resolve_optional_columns(source.header, columns, path=name)
    return tally_source(
        source,
        rules=rules if rules is not None else default_roster_rules(),
        columns=indices,
        width=len(source.header),
        on_reject=on_reject,
        check_duplicates=check_duplicates,
        path=name,
        optional_columns=optional,
    )
