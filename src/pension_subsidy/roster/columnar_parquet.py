"""A Parquet roster (列式存储文件), read by the columnar engine in streamed batches of rows.

Each column's name is a header name, found as in a CSV roster. Values are taken as the text
a CSV export would hold: text as it is, whole numbers and decimals in their digits, a date
as ``YYYY-MM-DD``, a boolean as 1 or 0, a missing value (null) as an empty cell. A float
column among the roster's fields is refused (money and grades are exact: store them as
whole numbers, decimals or text); so is a column of another kind (lists, say). A row's
line is its place in the file counted as in a CSV file under a header: the first row is
line 2. Only the columnar engine reads Parquet (the ``fast`` extra).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.columnar_ledger import ColumnLedger
from pension_subsidy.roster.columnar_pass import ColumnarPass
from pension_subsidy.roster.duplicates import repeated_hashes
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

if TYPE_CHECKING:
    import polars as pl

__all__ = ["BATCH_ROWS", "parquet_header", "tally_parquet"]

#: Rows per batch read from the file.
BATCH_ROWS: Final = 1 << 16
#: Joins a profile key: the unit separator, which no roster's text holds (refused if it does).
_SEPARATOR: Final = "\x1f"


def parquet_header(path: str | Path) -> list[str]:
    """The column names of a Parquet roster: its header."""
    import polars as pl  # noqa: PLC0415  (the optional extra)

    try:
        return list(pl.read_parquet_schema(path))
    except (OSError, pl.exceptions.PolarsError) as error:
        said = {"reason": str(error)}
        code = "roster_columnar.parquet.unreadable"
        raise DataFileError(code=code, params=said, path=str(path)) from None


def _as_text(batch: pl.DataFrame, fields: set[int], path: Path) -> pl.DataFrame:
    """Every column as the text a CSV export holds (``field_0`` …), nulls as empty cells."""
    import polars as pl  # noqa: PLC0415

    columns = []
    for at, (name, kind) in enumerate(batch.schema.items()):
        column = pl.col(name)
        text: pl.Expr
        if kind == pl.Boolean:
            text = pl.when(column).then(pl.lit("1")).when(~column).then(pl.lit("0"))
        elif kind.is_float() and at in fields:
            said = {"name": repr(name)}
            raise DataFileError(
                code="roster_columnar.parquet.float_column", params=said, path=str(path), field=name
            )
        elif kind in (pl.String, pl.Date) or kind.is_numeric():
            text = column.cast(pl.String)
        else:
            said = {"name": repr(name), "kind": str(kind)}
            raise DataFileError(
                code="roster_columnar.parquet.other_column", params=said, path=str(path), field=name
            )
        columns.append(text.fill_null("").alias(f"field_{at}"))
    return batch.select(columns)


def _batches(path: Path, progress: ProgressMeter | None) -> Iterator[tuple[pl.DataFrame, int]]:
    """The rows in batches, each with its first row's line (the first row is line 2)."""
    import polars as pl  # noqa: PLC0415

    try:
        scan = pl.scan_parquet(path)
        total = scan.select(pl.len()).collect().item()
        line = 2
        if progress is not None:
            progress.begin_pass(total=total, unit="rows")
        for batch in scan.collect_batches(chunk_size=BATCH_ROWS):
            yield batch, line
            line += len(batch)
            if progress is not None:
                progress.advance(line - 2, line - 2)
        if progress is not None:
            progress.finish()
    except (OSError, pl.exceptions.PolarsError) as error:
        said = {"reason": str(error)}
        code = "roster_columnar.parquet.unreadable"
        raise DataFileError(code=code, params=said, path=str(path)) from None


def tally_parquet(
    path: Path,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    optional_columns: Mapping[str, int] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    progress: ProgressMeter | None = None,
) -> Tally:
    """Tally a Parquet roster, handing on the rejections as found (nothing falls back).

    The arguments are those of :func:`~pension_subsidy.roster.columnar.tally_csv_columnar`.
    """
    import polars as pl  # noqa: PLC0415

    with contextlib.ExitStack() as cleanup:
        ledger = cleanup.enter_context(ColumnLedger()) if check_duplicates else None
        state = ColumnarPass(
            rules,
            columns,
            width,
            optional_columns,
            encoding="utf-8",
            ledger=ledger,
            reject=on_reject,
            separator=_SEPARATOR,
        )
        fields = {state.id_at, state.date_at, *state.profile_at}
        profile = [pl.col(f"field_{at}") for at in state.profile_at]
        for batch, first_line in _batches(path, progress):
            frame = _as_text(batch, fields, path)
            held = [column.str.contains(_SEPARATOR, literal=True) for column in profile]
            if frame.select(pl.any_horizontal(held).any()).item():
                raise DataFileError(code="roster_columnar.parquet.separator", path=str(path))
            rows = state.keyed(frame, frame.with_row_index("at")["at"])
            state.count(rows, [], first_line, _rows_of(frame))
        if ledger is not None:
            repeated = sorted(repeated_hashes([ledger.contents()]))
            if repeated:
                wanted = pl.Series(repeated, dtype=pl.Int64).implode()
                seen: set[str] = set()
                for batch, first_line in _batches(path, progress):
                    frame = _as_text(batch, fields, path)
                    ids = frame[f"field_{state.id_at}"]
                    places = state.hashes(ids).is_in(wanted).arg_true().to_list()
                    state.recheck(places, [frame.row(at) for at in places], first_line, seen)
        return state.tally()


def _rows_of(frame: pl.DataFrame) -> Callable[[list[int]], list[tuple[str, ...]]]:
    """The rows of a batch at some places, as read."""

    def rows_at(places: list[int]) -> list[tuple[str, ...]]:
        return [frame.row(at) for at in places]

    return rows_at
