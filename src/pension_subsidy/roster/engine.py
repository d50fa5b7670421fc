"""The streaming engine: rows in chunks → a :class:`~pension_subsidy.roster.tally.Tally`.

Rows come in chunks (lists of rows, each a sequence of strings). For a chunk the engine
counts with C-level machinery only — ``Counter.update`` over the profile tuples, sets of
birth dates and of person-id hashes, ``map(len, …)`` for field counts — and checks each
*distinct* profile and date once (a cache of known values). Only a chunk that holds
something wrong (a bad value, a wrong field count, a repeated or empty person id) is walked
row by row, to give each rejected row its exact line and reason. Memory stays bounded by the
distinct values, except for duplicate detection, which keeps one hash per accepted person
(turn it off with ``check_duplicates=False``, and the tally says so).

A repeated hash is confirmed exactly before a row is rejected: such rows are held aside and,
at the end, the source is read a second time looking only at rows with those hashes, so a
hash collision between different ids never rejects anyone.
"""

from __future__ import annotations

import csv
import gc
import io
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import islice, repeat
from operator import itemgetter
from typing import Final, Protocol

import attrs

from pension_subsidy.roster.classify import (
    FIELDS,
    PROFILE_FIELDS,
    Category,
    Problem,
    Reason,
    Rejection,
    check_birth_date,
    classify_profile,
)
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Cell, Place, Tally

__all__ = ["CHUNK_ROWS", "Chunk", "RowSource", "SequenceSource", "tally_source"]

#: Rows per chunk: enough that per-chunk overhead vanishes, few enough that a chunk's strings
#: stay in the processor's cache while the engine makes its several passes over them.
CHUNK_ROWS: Final = 512

#: (rows, line of the first row, last physical line the rows span), or (CSV text of whole
#: records, line of its first record, -1).
Chunk = tuple[list[Sequence[str]] | str, int, int]

_EARLY_PROFILE_FIELDS: Final = ("township", "village")  # checked before birth_date


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


def _lines(chunk: list[Sequence[str]], first: int, last: int) -> list[int]:
    """Each row's starting line; a quoted field with line breaks spans several lines."""
    if last - first + 1 == len(chunk):
        return list(range(first, last + 1))
    lines = []
    line = first
    for row in chunk:
        lines.append(line)
        line += 1 + sum(field.count("\n") for field in row)
    return lines


@attrs.frozen
class _Suspect:
    line: int
    person_id: str
    profile: tuple[str, ...]
    row: tuple[str, ...]


class _Engine:
    """The state of one pass; :func:`tally_source` is its only user."""

    def __init__(
        self,
        rules: RosterRules,
        columns: Sequence[int],
        width: int,
        on_reject: Callable[[Rejection], None] | None,
        *,
        check_duplicates: bool,
    ) -> None:
        self.rules = rules
        self.width = width
        self.on_reject = on_reject
        self.check_duplicates = check_duplicates
        index = dict(zip(FIELDS, columns, strict=True))
        self.id_at = index["person_id"]
        self.date_at = index["birth_date"]
        self.profile_at = tuple(index[field] for field in PROFILE_FIELDS)
        self.get_id = itemgetter(self.id_at)
        self.get_date = itemgetter(index["birth_date"])
        self.get_profile = itemgetter(*(index[field] for field in PROFILE_FIELDS))
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.profiles: dict[tuple[str, ...], tuple[Category, ...] | Problem] = {}
        self.dates: set[str] = set()  # known-good birth dates
        self.bad_dates: dict[str, Problem] = {}
        self.seen: set[int] = set()  # hashes of accepted person ids
        self.rows_read = 0
        self.rejections: Counter[str] = Counter()
        self.suspects: list[_Suspect] = []

    # -- per distinct value --------------------------------------------------------------
    def profile(self, key: tuple[str, ...]) -> tuple[Category, ...] | Problem:
        result = self.profiles.get(key)
        if result is None:
            result = classify_profile(key, self.rules)
            self.profiles[key] = result
        return result

    def date_problem(self, text: str) -> Problem | None:
        if text in self.dates:
            return None
        problem = self.bad_dates.get(text)
        if problem is None:
            problem = check_birth_date(text)
            if problem is None:
                self.dates.add(text)
            else:
                self.bad_dates[text] = problem
        return problem

    # -- per chunk -----------------------------------------------------------------------
    def fast(self, chunk: list[Sequence[str]]) -> bool:
        """Count a chunk with no per-row Python; False (nothing counted) if it needs a look."""
        lengths = set(map(len, chunk))
        if len(lengths) != 1 or self.width not in lengths:
            return False
        dates = set(map(self.get_date, chunk))
        if not dates <= self.dates:
            for text in dates - self.dates:
                if self.date_problem(text) is not None:
                    return False
        ids: set[str] = set()
        if self.check_duplicates:
            ids = set(map(self.get_id, chunk))
            if len(ids) != len(chunk) or "" in ids:
                return False
            if not self.seen.isdisjoint(map(hash, ids)):
                return False
        if not self.count_profiles(
            map(self.get_profile, chunk), lambda: map(self.get_profile, chunk)
        ):
            return False
        self.seen.update(map(hash, ids))  # str caches its hash: computed once per id
        return True

    def fast_text(self, text: str) -> int | None:  # noqa: PLR0911  (each way out is a check)
        """Count a block of CSV text column by column; its row count, or None if it needs rows.

        Text without quote characters is CSV exactly split at commas and line ends, so a
        block whose every line has the header's number of commas is cut into columns by
        slicing one flat list of fields — no per-row objects at all.
        """
        if '"' in text:
            return None
        if "\r" in text:
            if text.count("\r") != text.count("\r\n"):
                return None
            text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        commas = set(map(str.count, lines, repeat(",")))
        if commas != {self.width - 1}:
            return None
        fields = ",".join(lines).split(",")
        width = self.width
        dates = set(fields[self.date_at :: width])
        if not dates <= self.dates:
            for date in dates - self.dates:
                if self.date_problem(date) is not None:
                    return None
        ids: set[str] = set()
        if self.check_duplicates:
            ids = set(fields[self.id_at :: width])
            if len(ids) != len(lines) or "" in ids or not self.seen.isdisjoint(map(hash, ids)):
                return None
        columns = [fields[index::width] for index in self.profile_at]
        # the columns are slices of one list of n × width fields: all of length n
        if not self.count_profiles(
            zip(*columns, strict=False), lambda: zip(*columns, strict=False)
        ):
            return None
        self.seen.update(map(hash, ids))
        return len(lines)

    def count_profiles(
        self, profiles: Iterator[tuple[str, ...]], again: Callable[[], Iterator[tuple[str, ...]]]
    ) -> bool:
        """Add profiles to the counts; undo and return False if a new one is bad."""
        known = len(self.counts)
        self.counts.update(profiles)
        if len(self.counts) != known:
            # a dict keeps insertion order: the profiles first seen now are the last ones
            new = list(islice(reversed(self.counts.keys()), len(self.counts) - known))
            if any(isinstance(self.profile(key), Problem) for key in new):
                self.counts.subtract(again())
                for key in new:
                    if not self.counts[key]:
                        del self.counts[key]
                return False
        return True

    def text_rows(self, text: str, first: int) -> tuple[list[Sequence[str]], list[int]]:
        """A block of CSV text parsed into rows, with the line each row starts on."""
        reader = csv.reader(io.StringIO(text, newline=""))
        rows: list[Sequence[str]] = []
        lines = []
        consumed = 0
        for row in reader:
            rows.append(row)
            lines.append(first + consumed)
            consumed = reader.line_num
        return rows, lines

    def row_problem(self, row: Sequence[str]) -> Problem | None:
        """The first problem of one row in column order (duplicates aside)."""
        if len(row) != self.width:
            return Problem(
                Reason.WRONG_FIELD_COUNT,
                None,
                f"expected {self.width} fields as in the header, got {len(row)}",
            )
        if self.get_id(row) == "":
            return Problem(Reason.MISSING_FIELD, "person_id", "person_id: the cell is empty")
        profile = self.profile(self.get_profile(row))
        if isinstance(profile, Problem) and profile.field in _EARLY_PROFILE_FIELDS:
            return profile
        date = self.date_problem(self.get_date(row))
        if date is not None:
            return date
        return profile if isinstance(profile, Problem) else None

    def reject(self, line: int, problem: Problem, row: Sequence[str]) -> None:
        self.rejections[problem.reason.value] += 1
        if self.on_reject is not None:
            self.on_reject(
                Rejection(line, problem.reason, problem.field, problem.detail, tuple(row))
            )

    def slow(self, chunk: list[Sequence[str]], lines: list[int]) -> None:
        """Walk a chunk row by row: exact lines and reasons."""
        for line, row in zip(lines, chunk, strict=True):
            problem = self.row_problem(row)
            if problem is not None:
                self.reject(line, problem, row)
                continue
            profile = self.get_profile(row)
            if self.check_duplicates:
                person_hash = hash(self.get_id(row))
                if person_hash in self.seen:
                    self.suspects.append(_Suspect(line, self.get_id(row), profile, tuple(row)))
                    continue
                self.seen.add(person_hash)
            self.counts[profile] += 1

    def rows_of(self, chunk: Chunk) -> tuple[list[Sequence[str]], list[int]]:
        """A chunk as rows with the line each starts on."""
        content, first, last = chunk
        if isinstance(content, str):
            return self.text_rows(content, first)
        return content, _lines(content, first, last)

    def process(self, chunk: Chunk) -> None:
        """Count one chunk: the fastest way that is exact for it."""
        content, _, _ = chunk
        if isinstance(content, str):
            counted = self.fast_text(content)
            if counted is not None:
                self.rows_read += counted
                return
        rows, lines = self.rows_of(chunk)
        self.rows_read += len(rows)
        if not self.fast(rows):
            self.slow(rows, lines)

    def confirm_duplicates(self, source: RowSource) -> None:
        """Second look: decide each held-aside row exactly, comparing the id strings."""
        if not self.suspects:
            return
        hashes = {hash(suspect.person_id) for suspect in self.suspects}
        by_line = {suspect.line: suspect for suspect in self.suspects}
        accepted_ids: set[str] = set()
        for chunk in source.chunks():
            rows, lines = self.rows_of(chunk)
            uniform = set(map(len, rows)) == {self.width}
            if uniform and hashes.isdisjoint(map(hash, map(self.get_id, rows))):
                continue
            for line, row in zip(lines, rows, strict=True):
                if len(row) != self.width or hash(self.get_id(row)) not in hashes:
                    continue
                suspect = by_line.get(line)
                if suspect is None:
                    if self.row_problem(row) is None:
                        accepted_ids.add(self.get_id(row))  # accepted in the first pass
                elif suspect.person_id in accepted_ids:
                    problem = Problem(
                        Reason.DUPLICATE_PERSON_ID,
                        "person_id",
                        f"person_id {suspect.person_id!r} was already accepted on an earlier row",
                    )
                    self.reject(line, problem, suspect.row)
                else:  # a hash collision between different ids: accept after all
                    accepted_ids.add(suspect.person_id)
                    self.counts[suspect.profile] += 1

    def tally(self) -> Tally:
        cells: Counter[Cell] = Counter()
        persons: Counter[Place] = Counter()
        for profile, count in self.counts.items():
            categories = self.profiles[profile]
            assert not isinstance(categories, Problem)
            place = (profile[0], profile[1])
            persons[place] += count
            for category in categories:
                cells[(*place, category)] += count
        return Tally(
            rules=self.rules,
            rows_read=self.rows_read,
            cells=cells,
            persons=persons,
            rejections=self.rejections,
            duplicate_check=self.check_duplicates,
        )


def tally_source(
    source: RowSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
) -> Tally:
    """Tally every row of ``source``: each accepted or rejected, nothing lost.

    ``columns`` gives, for each of :data:`~pension_subsidy.roster.classify.FIELDS`, its
    index in a row; ``width`` is the number of fields every row must have. ``on_reject`` is
    called with each :class:`~pension_subsidy.roster.classify.Rejection` (rows confirmed as
    duplicates come last, after the second look).
    """
    engine = _Engine(rules, columns, width, on_reject, check_duplicates=check_duplicates)
    collecting = gc.isenabled()
    # Rows and profile tuples hold no reference cycles, yet allocating millions of them
    # triggers the cyclic collector again and again (about a third of the run time).
    gc.disable()
    try:
        for chunk in source.chunks():
            engine.process(chunk)
        engine.confirm_duplicates(source)
    finally:
        if collecting:
            gc.enable()
    return engine.tally()
