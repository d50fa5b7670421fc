"""The streaming engine: rows in chunks → a :class:`~pension_subsidy.roster.tally.Tally`.

Rows come in chunks (lists of rows, or blocks of CSV text). For a chunk the engine counts
with C-level machinery only — ``Counter.update`` over profile keys, a set of birth dates,
``map(len, …)`` for field counts — and checks each *distinct* profile and date once (a cache
of known values). A block of CSV text without quotes is split per line only up to the id and
the birth date; the rest of the line is part of the profile's key and is split once per
distinct key. Only a chunk that holds something wrong (a bad value, a wrong field count, an
empty person id) is walked row by row, to give each rejected row its exact line and reason.

Duplicate person ids are found in constant memory: each accepted row's id hash goes to a
:class:`~pension_subsidy.roster.duplicates.HashLedger`, which spills them, dealt into
buckets, to an anonymous temporary file (nothing of it is left on disk however the run
ends). Hashes recorded more than once are confirmed exactly at the end: the source is read a
second time looking only at rows with those hashes, comparing the id strings, so a hash
collision between different ids never rejects anyone. A confirmed duplicate (every row of an
id after the first accepted one) is rejected then and taken out of the counts.

What a source yields (:data:`Chunk`, :class:`RowSource`) is in
:mod:`~pension_subsidy.roster.row_source`; its names are importable from here too.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import io
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice, repeat
from operator import itemgetter
from typing import Final

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.classify import (
    FIELDS,
    OPTIONAL_FIELDS,
    PROFILE_FIELDS,
    Category,
    Problem,
    Reason,
    Rejection,
    check_birth_date,
    classify_profile,
)
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
from pension_subsidy.roster.tally import Cell, Place, Tally

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


def eligibility_date(rules: RosterRules) -> datetime.date:
    """The day eligibility is taken on: the rules' ``as_of``, else today.

    Taken once per tally (and handed to every worker process), so that a run over midnight
    does not judge rows by two days.
    """
    return datetime.date.today() if rules.as_of is None else rules.as_of


def _optional_at(optional: Mapping[str, int] | None) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The optional fields a roster has (in :data:`OPTIONAL_FIELDS` order) and their columns."""
    given = dict(optional or {})
    unknown = sorted(set(given) - set(OPTIONAL_FIELDS))
    if unknown:
        expected = ", ".join(OPTIONAL_FIELDS)
        msg = f"optional columns: unknown field {unknown[0]!r}; expected {expected}"
        raise DataFileError(msg)
    names = tuple(field for field in OPTIONAL_FIELDS if field in given)
    return names, tuple(given[field] for field in names)


_EARLY_PROFILE_FIELDS: Final = ("township", "village")  # checked before birth_date
#: Distinct profiles (and keys) held before they are folded into cells per village
#: (:meth:`_Engine.fold`): memory bounded whatever the variety of places and profiles.
FOLD_KEYS: Final = 1 << 15


def _lines(chunk: list[Sequence[str]], first: int, last: int) -> list[int]:
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


class _Engine:
    """The state of one pass over rows; :func:`tally_source` and the partitions use it."""

    def __init__(
        self,
        rules: RosterRules,
        columns: Sequence[int],
        width: int,
        on_reject: Callable[[Rejection], None] | None,
        *,
        ledger: HashLedger | None,
        path: str | None = None,
        optional: Mapping[str, int] | None = None,
        as_of: datetime.date | None = None,
        id_hash: Callable[[str], int] | None = None,
        bound: int | None = None,
    ) -> None:
        self.rules = rules
        # with a bound, the counts per profile are folded into the tally's cells per
        # village whenever more distinct keys than that are held (see fold())
        self.bound = bound
        self.folded_cells: Counter[Cell] = Counter()
        self.folded_persons: Counter[Place] = Counter()
        # hash() looked up now, not per row: tests replace it; the parallel path under the
        # spawn start method gives a hash that is the same in every process
        self.id_hash = hash if id_hash is None else id_hash
        self.path = path
        self.as_of = eligibility_date(rules) if as_of is None else as_of
        self.optional, optional_at = _optional_at(optional)
        self.width = width
        self.on_reject = on_reject
        self.ledger = ledger
        index = dict(zip(FIELDS, columns, strict=True))
        self.id_at = index["person_id"]
        self.date_at = index["birth_date"]
        self.profile_at = (*(index[field] for field in PROFILE_FIELDS), *optional_at)
        self.get_id = itemgetter(self.id_at)
        self.get_date = itemgetter(index["birth_date"])
        self.get_profile = itemgetter(*self.profile_at)
        # A line need only be split up to the id and the birth date when every column after
        # them is a profile column: the rest of the line, as one string, stands for those
        # columns in the profile's key, and is split once per *distinct* key.
        self.cut: int | None = max(self.id_at, self.date_at) + 1
        if self.cut >= width or not set(range(self.cut, width)) <= set(self.profile_at):
            self.cut = None
        else:
            self.key_at = (*(at for at in self.profile_at if at < self.cut), self.cut)
            self.get_key = itemgetter(*self.key_at)
        self.counts: Counter[tuple[str, ...]] = Counter()  # per profile
        self.key_counts: Counter[tuple[str, ...] | str] = Counter()  # per key (split to cut)
        self.key_profiles: dict[tuple[str, ...] | str, tuple[str, ...] | None] = {}
        self.profiles: dict[tuple[str, ...], tuple[Category, ...] | Problem] = {}
        self.terms: dict[tuple[str, ...], tuple[Category, ...] | Problem] = {}
        self.dates: set[str] = set()  # known-good birth dates
        self.bad_dates: dict[str, Problem] = {}
        self.rows_read = 0
        self.rejections: Counter[str] = Counter()

    # -- per distinct value --------------------------------------------------------------
    def profile(self, key: tuple[str, ...]) -> tuple[Category, ...] | Problem:
        result = self.profiles.get(key)
        if result is None:
            if key[0] and key[1]:
                # past the township and village being there, a person's categories depend
                # on the other fields only: classified once for every place
                terms = key[2:]
                result = self.terms.get(terms)
                if result is None:
                    result = classify_profile(key, self.rules, self.optional)
                    self.terms[terms] = result
            else:
                result = classify_profile(key, self.rules, self.optional)
            self.profiles[key] = result
        return result

    def date_problem(self, text: str) -> Problem | None:
        if text in self.dates:
            return None
        problem = self.bad_dates.get(text)
        if problem is None:
            problem = check_birth_date(text, self.as_of, stated=self.rules.as_of is not None)
            if problem is None:
                self.dates.add(text)
            else:
                self.bad_dates[text] = problem
        return problem

    def key_profile(self, key: tuple[str, ...] | str) -> tuple[str, ...] | None:
        """The full profile of a key (split up to the cut), or None if it is not a good one."""
        if key in self.key_profiles:
            return self.key_profiles[key]
        assert self.cut is not None
        values = (key,) if isinstance(key, str) else key
        row = [""] * self.cut
        for at, value in zip(self.key_at, values[:-1], strict=False):
            row[at] = value
        row += values[-1].split(",")
        profile: tuple[str, ...] | None = None
        if len(row) == self.width:
            candidate = self.get_profile(row)
            if not isinstance(self.profile(candidate), Problem):
                profile = candidate
        self.key_profiles[key] = profile
        return profile

    # -- per chunk -----------------------------------------------------------------------
    def fast(self, chunk: list[Sequence[str]]) -> bool:
        """Count a chunk with no per-row Python; False (nothing counted) if it needs a look."""
        lengths = set(map(len, chunk))
        if len(lengths) != 1 or self.width not in lengths:
            return False
        return self.count_columns(chunk, self.get_profile, self.counts, self.profile_problem)

    def profile_problem(self, key: tuple[str, ...]) -> bool:
        return isinstance(self.profile(key), Problem)

    def key_problem(self, key: tuple[str, ...]) -> bool:
        return self.key_profile(key) is None

    def count_columns(
        self,
        rows: Sequence[Sequence[str]],
        get_key: Callable[[Sequence[str]], tuple[str, ...]],
        counts: Counter[tuple[str, ...]],
        is_bad: Callable[[tuple[str, ...]], bool],
    ) -> bool:
        """Check dates and ids, count the keys, record the id hashes.

        False (nothing counted) when something needs a row-by-row look.
        """
        get_date = self.get_date
        # issuperset of an iterable checks each date with no set made for the block
        if not self.dates.issuperset(map(get_date, rows)):
            for text in set(map(get_date, rows)) - self.dates:
                if self.date_problem(text) is not None:
                    return False
        ids = list(map(self.get_id, rows))
        if "" in ids:
            return False
        known = len(counts)
        counts.update(map(get_key, rows))
        if len(counts) != known:
            # a dict keeps insertion order: the keys first seen now are the last ones
            new = list(islice(reversed(counts.keys()), len(counts) - known))
            if any(map(is_bad, new)):
                counts.subtract(map(get_key, rows))
                for key in new:
                    if not counts[key]:
                        del counts[key]
                return False
        if self.ledger is not None:
            self.ledger.extend(map(self.id_hash, ids))
        return True

    def fast_text(self, text: str) -> int | None:
        """Count a block of CSV text; its row count, or None if it needs rows.

        Text without quote characters is CSV exactly split at commas and line ends. Each
        line is split only up to the id and the birth date (when the columns after them are
        all profile columns); the rest's field count and values are checked once per
        distinct key.
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
        if self.cut is None:
            return self.fast_flat(lines)
        parts = list(map(str.split, lines, repeat(","), repeat(self.cut)))
        if set(map(len, parts)) != {self.cut + 1}:
            return None
        if not self.count_columns(parts, self.get_key, self.key_counts, self.key_problem):  # type: ignore[arg-type]  # a key is a str when the cut is the only key column
            return None
        return len(lines)

    def fast_flat(self, lines: list[str]) -> int | None:
        """Every field of a block in one flat list, cut into columns by slicing."""
        commas = set(map(str.count, lines, repeat(",")))
        if commas != {self.width - 1}:
            return None
        fields = ",".join(lines).split(",")
        width = self.width
        rows = list(zip(*(fields[at::width] for at in range(width)), strict=True))
        if not self.count_columns(rows, self.get_profile, self.counts, self.profile_problem):
            return None
        return len(lines)

    def text_rows(self, text: str, first: int) -> tuple[list[Sequence[str]], list[int]]:
        """A block of CSV text parsed into rows, with the line each row starts on."""
        reader = csv.reader(io.StringIO(text, newline=""))
        rows: list[Sequence[str]] = []
        lines = []
        consumed = 0
        try:
            for row in reader:
                rows.append(row)
                lines.append(first + consumed)
                consumed = reader.line_num
        except csv.Error as error:
            raise DataFileError(csv_problem(error), path=self.path, line=first + consumed) from None
        return rows, lines

    def row_problem(self, row: Sequence[str]) -> Problem | None:
        """The first problem of one row in column order (duplicates aside)."""
        if len(row) != self.width:
            return Problem(
                Reason.WRONG_FIELD_COUNT,
                None,
                f"expected {self.width} fields as in the header, got {len(row)}",
                "field_count",
                (str(self.width), str(len(row))),
            )
        if self.get_id(row) == "":
            return Problem(
                Reason.MISSING_FIELD,
                "person_id",
                "person_id: the cell is empty",
                "empty",
                ("person_id",),
            )
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
                Rejection(
                    line,
                    problem.reason,
                    problem.field,
                    problem.detail,
                    tuple(row),
                    problem.code,
                    problem.values,
                )
            )

    def slow(self, chunk: list[Sequence[str]], lines: list[int]) -> None:
        """Walk a chunk row by row: exact lines and reasons."""
        for line, row in zip(lines, chunk, strict=True):
            problem = self.row_problem(row)
            if problem is not None:
                self.reject(line, problem, row)
                continue
            self.counts[self.get_profile(row)] += 1
            if self.ledger is not None:
                self.ledger.append(self.id_hash(self.get_id(row)))

    def rows_of(self, chunk: Chunk) -> tuple[list[Sequence[str]], list[int]]:
        """A chunk as rows with the line each starts on."""
        content, first, last = chunk
        if isinstance(content, str):
            return self.text_rows(content, first)
        return content, _lines(content, first, last)

    def process(self, chunk: Chunk) -> None:
        """Count one chunk: the fastest way that is exact for it."""
        content, _, _ = chunk
        counted = self.fast_text(content) if isinstance(content, str) else None
        if counted is not None:
            self.rows_read += counted
        else:
            rows, lines = self.rows_of(chunk)
            self.rows_read += len(rows)
            if not self.fast(rows):
                self.slow(rows, lines)
        if self.bound is not None and len(self.counts) + len(self.key_counts) > self.bound:
            self.fold()

    def fold(self) -> None:
        """Move the counts per profile into cells per village, and forget the profiles.

        Memory then stays bounded whatever the variety of places and profiles: what is held
        is the tally's own cells (villages × categories) and at most ``bound`` keys. A
        duplicate confirmed later takes its person out of the counts as a negative count,
        which adds up the same in :meth:`tally`.
        """
        self._add_to(self.folded_cells, self.folded_persons)
        self.counts = Counter()
        self.profiles.clear()
        self.key_profiles.clear()
        self.terms.clear()

    def _add_to(self, cells: Counter[Cell], persons: Counter[Place]) -> None:
        """Add the counts per profile to cells and persons per village."""
        for profile, count in self.profile_counts().items():
            categories = self.profile(profile)
            assert not isinstance(categories, Problem)
            place = (profile[0], profile[1])
            persons[place] += count
            for category in categories:
                cells[(*place, category)] += count

    def profile_counts(self) -> Counter[tuple[str, ...]]:
        """The accepted persons per profile, from both kinds of key."""
        for key, count in self.key_counts.items():
            profile = self.key_profile(key)
            assert profile is not None
            self.counts[profile] += count
        self.key_counts.clear()
        return self.counts

    def confirm_duplicates(self, source: RowSource, repeated: set[int]) -> None:
        """Second look at the rows whose id hash was recorded more than once.

        Each such row was accepted and counted in the first pass; comparing the id strings
        in line order, a row whose id was already accepted on an earlier row is rejected
        now and its profile taken out of the counts. A hash shared by different ids (a
        collision) rejects nobody.
        """
        if not repeated:
            return
        counts = self.profile_counts()
        accepted_ids: set[str] = set()
        for chunk in source.chunks():
            rows, lines = self.rows_of(chunk)
            uniform = set(map(len, rows)) == {self.width}
            if uniform and repeated.isdisjoint(map(self.id_hash, map(self.get_id, rows))):
                continue
            for line, row in zip(lines, rows, strict=True):
                if len(row) != self.width or self.id_hash(self.get_id(row)) not in repeated:
                    continue
                if self.row_problem(row) is not None:
                    continue  # rejected in the first pass: never recorded
                person_id = self.get_id(row)
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
                self.reject(line, problem, row)
                profile = self.get_profile(row)
                counts[profile] -= 1
                if not counts[profile]:
                    del counts[profile]

    def tally(self, *, duplicate_check: bool | None = None) -> Tally:
        """The tally of the counts; ``duplicate_check`` defaults to whether ids were recorded."""
        cells: Counter[Cell] = Counter(self.folded_cells)
        persons: Counter[Place] = Counter(self.folded_persons)
        self._add_to(cells, persons)
        return Tally(
            rules=self.rules,
            rows_read=self.rows_read,
            cells=cells,
            persons=persons,
            rejections=self.rejections,
            duplicate_check=self.ledger is not None if duplicate_check is None else duplicate_check,
            as_of=self.as_of,
        )


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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a pass, as it was afterwards.

    Rows and keys hold no reference cycles, yet allocating millions of them triggers the
    cyclic collector again and again (about a third of the run time).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
