"""The pure engine's second look: repeated id hashes confirmed as duplicates, or not.

The first pass records each accepted row's id hash; hashes recorded more than once are only
suspects. The source is read again, and only the rows with those hashes are looked at: in
line order, a row whose id string was already accepted on an earlier row is rejected and
taken out of the counts. A hash shared by different ids (a collision) rejects nobody.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, count, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Final

from pension_subsidy.roster._engine_lines import split_lines
from pension_subsidy.roster.classify import Problem, Reason
from pension_subsidy.roster.row_source import Chunk, RowSource

if TYPE_CHECKING:
    from pension_subsidy.roster._engine_pass import _Engine

_LONGEST: Final = csv.field_size_limit()


def confirm_duplicates(engine: _Engine, source: RowSource, repeated: set[int]) -> None:
    """Reject every row whose id was accepted on an earlier row; take it out of the counts.

    Each such row was accepted and counted in the first pass (rows rejected then were never
    recorded, and are passed over).
    """
    if repeated:
        found = (found for chunk in source.chunks() for found in suspects(engine, chunk, repeated))
        confirm_rows(engine, found)


def confirm_rows(engine: _Engine, found: Iterable[tuple[int, Sequence[str]]]) -> None:
    """Confirm the suspects (line, row), in line order: :func:`confirm_duplicates`."""
    counts = engine.profile_counts()
    accepted_ids: set[str] = set()
    for line, row in found:
        if engine.row_problem(row) is not None:
            continue  # rejected in the first pass: never recorded
        person_id = engine.get_id(row)
        if person_id not in accepted_ids:
            accepted_ids.add(person_id)
            continue
        problem = Problem(
            Reason.DUPLICATE_PERSON_ID,
            "person_id",
            f"person_id {person_id!r} was already accepted on an earlier row",
            "duplicate",
            (person_id,),
        )
        engine.reject(line, problem, row)
        profile = engine.get_profile(row)
        counts[profile] -= 1
        if not counts[profile]:
            del counts[profile]


def suspects(
    engine: _Engine, chunk: Chunk, repeated: set[int]
) -> Iterator[tuple[int, Sequence[str]]]:
    """The rows of a chunk with the expected field count whose id hash is repeated."""
    content, first, _ = chunk
    lines = split_lines(content) if isinstance(content, str) else None
    if lines is not None and lines and max(map(len, lines)) <= _LONGEST:
        at = engine.id_at
        parts = list(map(str.split, lines, repeat(","), repeat(at + 1)))
        if min(map(len, parts)) <= at:
            parts = [row if len(row) > at else [""] * (at + 1) for row in parts]
        hashes = map(engine.id_hash, map(itemgetter(at), parts))
        hits = list(compress(count(), map(repeated.__contains__, hashes)))
        # without quotes a line is a record, read by csv as itself
        for hit, row in zip(hits, csv.reader([lines[hit] for hit in hits]), strict=True):
            if len(row) == engine.width:
                yield first + hit, row
        return
    rows, row_lines = engine.rows_of(chunk)
    uniform = set(map(len, rows)) == {engine.width}
    if uniform and repeated.isdisjoint(map(engine.id_hash, map(engine.get_id, rows))):
        return
    for line, record in zip(row_lines, rows, strict=True):
        if len(record) == engine.width and engine.id_hash(engine.get_id(record)) in repeated:
            yield line, record
