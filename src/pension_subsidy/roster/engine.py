"""The streaming engine: rows in chunks → a :class:`~pension_subsidy.roster.tally.Tally`.

Rows come in chunks (lists of rows, or blocks of CSV text). For a chunk the engine counts
with C-level machinery only — ``Counter.update`` over profile keys, ``map`` over ids and
birth dates — and checks each *distinct* profile and date once (a cache of known values). A
block of CSV text without quotes is split per line only up to the id and the birth date; the
rest of the line is part of the profile's key and is split once per distinct key. The rows
that hold something wrong (a bad value, a wrong field count, an empty person id) are found
the same way, left out of the counts, and only they are looked at one by one, to give each
its exact line and reason (:mod:`~pension_subsidy.roster._engine_pass`).

Duplicate person ids are found in constant memory: each accepted row's id hash goes to a
:class:`~pension_subsidy.roster.duplicates.HashLedger`, which spills them, dealt into
buckets, to an anonymous temporary file (nothing of it is left on disk however the run
ends). Hashes recorded more than once are confirmed exactly at the end: the source is read a
second time looking only at rows with those hashes, comparing the id strings
(:mod:`~pension_subsidy.roster._engine_second_look`), so a hash
collision between different ids never rejects anyone. A confirmed duplicate (every row of an
id after the first accepted one) is rejected then and taken out of the counts.

What a source yields (:data:`Chunk`, :class:`RowSource`) is in
:mod:`~pension_subsidy.roster.row_source`; its names are importable from here too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import Final

# the pass's own names are importable from here too (the partitions, the distributed parts)
from pension_subsidy.roster._engine_pass import _Engine
from pension_subsidy.roster._engine_values import collector_paused as _collector_paused
from pension_subsidy.roster._engine_values import eligibility_date
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import HashLedger, repeated_hashes
from pension_subsidy.roster.row_source import (
    CHUNK_ROWS,
    Chunk,
    RowSource,
    SequenceSource,
    csv_problem,
    line_ends,
)
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = [
    "CHUNK_ROWS",
    "Chunk",
    "RowSource",
    "SequenceSource",
    "csv_problem",
    "eligibility_date",
    "line_ends",
    "tally_source",
]
#: Distinct profiles (and keys) held before they are folded into cells per village
#: (:meth:`_Engine.fold`): memory bounded whatever the variety of places and profiles.
FOLD_KEYS: Final = 1 << 15


def tally_source(
    source: RowSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    path: str | None = None,
    optional_columns: Mapping[str, int] | None = None,
) -> Tally:
    """Tally every row of ``source``: each accepted or rejected, nothing lost.

    ``columns`` gives, for each of :data:`~pension_subsidy.roster.classify.FIELDS`, its
    index in a row; ``width`` is the number of fields every row must have. ``on_reject`` is
    called with each :class:`~pension_subsidy.roster.classify.Rejection` (rows confirmed as
    duplicates come last, after the second look). ``path`` names the rows' file in errors.
    ``optional_columns`` gives the index of each optional field the rows have (of
    :data:`~pension_subsidy.roster.classify.OPTIONAL_FIELDS`: 特困, 低保, 监测对象, 补缴).
    Eligibility is taken as of ``rules.as_of``, else today (:func:`eligibility_date`); the
    tally records the day.
    """
    with contextlib.ExitStack() as cleanup:
        ledger = cleanup.enter_context(HashLedger()) if check_duplicates else None
        engine = _Engine(
            rules,
            columns,
            width,
            on_reject,
            ledger=ledger,
            path=path,
            optional=optional_columns,
            bound=FOLD_KEYS,
        )
        with _collector_paused():
            for chunk in source.chunks():
                engine.process(chunk)
            if ledger is not None:
                ledger.finish()
                repeated = repeated_hashes([ledger.contents()])
                engine.confirm_duplicates(source, repeated)
            return engine.tally()
