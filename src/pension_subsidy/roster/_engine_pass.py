"""The pure engine's pass: blocks of rows counted whole, the wrong rows among them rejected.

A block (a chunk of rows, or of CSV text split per line) is counted with C-level machinery
only — ``Counter.update`` over profile keys, ``map`` over ids and dates — and each
*distinct* key and date is judged once (:class:`~._engine_values._Verdicts`). The rows that
hold something wrong (a bad value, a wrong field count, an empty id) are found the same way,
by their index in the block, left out of the counts, and only they are looked at one by one
to give each its exact line and reason. A block of CSV text without quotes is split per line
only up to the id and the birth date when the columns after them are all profile columns.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress, count, filterfalse, islice, repeat
from operator import not_
from typing import Any, Final

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster._engine_lines import chunk_lines, split_lines
from pension_subsidy.roster._engine_second_look import confirm_duplicates
from pension_subsidy.roster._engine_values import Key, _Verdicts
from pension_subsidy.roster.classify import Problem, Rejection
from pension_subsidy.roster.duplicates import HashLedger
from pension_subsidy.roster.row_source import Chunk, RowSource
from pension_subsidy.roster.tally import Cell, Place, Tally

#: A block's ids, the indices of its wrong rows and its keys.
_Block = tuple[list[str], list[int], list[Any]]
_LONGEST: Final = csv.field_size_limit()


class _Engine(_Verdicts):
    """The state of one pass over rows; :func:`~.engine.tally_source` and the partitions use it."""

    def __init__(
        self,
        rules: Any,
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
        super().__init__(rules, columns, width, optional, as_of)
        # with a bound, the counts per profile are folded into the tally's cells per
        # village whenever more distinct keys than that are held (see fold())
        self.bound = bound
        self.folded_cells: Counter[Cell] = Counter()
        self.folded_persons: Counter[Place] = Counter()
        # hash() looked up now, not per row: tests replace it; the parallel path under the
        # spawn start method gives a hash that is the same in every process
        self.id_hash = hash if id_hash is None else id_hash
        self.path = path
        self.on_reject = on_reject
        self.ledger = ledger
        self.counts: Counter[tuple[str, ...]] = Counter()  # per profile
        self.key_counts: Counter[Key] = Counter()  # per key (split to the cut)
        self.rows_read = 0
        self.rejections: Counter[str] = Counter()

    # -- per chunk -----------------------------------------------------------------------
    def process(self, chunk: Chunk) -> None:
        """Count one chunk, rejecting its wrong rows with their lines."""
        content, first, _ = chunk
        if not isinstance(content, str) or not self.count_text(content, first):
            rows, lines = self.rows_of(chunk)
            self.rows_read += len(rows)
            block = self.block(rows, self.width, self.get_profile, self.profile_problem)
            self.keep(block, self.counts)
            wrong = block[1]
            self.reject_rows(map(rows.__getitem__, wrong), map(lines.__getitem__, wrong))
        known = len(self.profiles) + len(self.key_profiles)
        if self.bound is not None and known > self.bound:
            self.fold()

    def count_text(self, text: str, first: int) -> bool:
        """Count a block of CSV text; False (nothing counted) if it must be read by ``csv``."""
        lines = split_lines(text)
        if lines is None:
            return False
        if self.cut is None:
            rows = list(map(str.split, lines, repeat(",")))
            counts: Counter[Any] = self.counts
            block = self.block(rows, self.width, self.get_profile, self.profile_problem, counts)
        else:
            rows = list(map(str.split, lines, repeat(","), repeat(self.cut)))
            counts = self.key_counts
            block = self.block(rows, self.cut + 1, self.get_key, self.key_problem, counts)
        wrong = block[1]
        if wrong and max(map(len, lines)) > _LONGEST:
            _uncount(counts, block[2])
            return False  # csv refuses such a field: read by csv, which says so
        self.rows_read += len(lines)
        self.keep(block, counts)
        # without quotes a line is a record, read by csv as itself
        records = csv.reader([lines[at] for at in wrong])
        self.reject_rows(records, (first + at for at in wrong))
        return True

    def block(
        self,
        rows: list[Any],
        length: int,
        get_key: Callable[[Any], Any],
        judge: Callable[[Any], bool],
        counts: Counter[Any] | None = None,
    ) -> _Block:
        """Count each row's key; the ids, the indices of the wrong rows, the keys.

        ``length`` is the number of fields each row must have as split. The wrong rows are
        counted too, until :meth:`keep` takes them out.
        """
        counts = self.counts if counts is None else counts
        wrong: list[int] = []
        lengths = list(map(len, rows))
        if lengths.count(length) != len(lengths):
            wrong += compress(count(), map(length.__ne__, lengths))
            rows = rows.copy()
            padding = [""] * length  # judged wrong on its own merits, never kept
            for at in wrong:
                rows[at] = padding
        ids = list(map(self.get_id, rows))
        if "" in ids:
            wrong += compress(count(), map(not_, ids))
        dates = list(map(self.get_date, rows))
        if not self.dates.issuperset(dates):
            new = set(filterfalse(self.dates.__contains__, dates))
            bad = {day for day in new if self.date_problem(day) is not None}
            if bad:
                wrong += compress(count(), map(bad.__contains__, dates))
        keys = list(map(get_key, rows))
        held = len(counts)
        counts.update(keys)
        if len(counts) != held:
            # a dict keeps insertion order: the keys first seen now are the last ones (a
            # wrong key is never kept, so it is new in every block it is in)
            new_keys = islice(reversed(counts.keys()), len(counts) - held)
            bad_keys = {key for key in list(new_keys) if judge(key)}
            if bad_keys:
                wrong += compress(count(), map(bad_keys.__contains__, keys))
        return ids, sorted(set(wrong)), keys

    def keep(self, block: _Block, counts: Counter[Any]) -> None:
        """Take a block's wrong rows out of the counts; record the good rows' id hashes."""
        ids, wrong, keys = block
        kept: Sequence[str] | compress[str] = ids
        if wrong:
            _uncount(counts, map(keys.__getitem__, wrong))
            keep = [True] * len(ids)
            for at in wrong:
                keep[at] = False
            kept = compress(ids, keep)
        if self.ledger is not None:
            self.ledger.extend(map(self.id_hash, kept))

    def reject_rows(self, rows: Any, lines: Any) -> None:
        """Reject each of these rows (in line order) for its first problem."""
        for row, line in zip(rows, lines, strict=True):
            problem = self.row_problem(row)
            if problem is None:  # pragma: no cover  (a row found wrong always has a problem)
                self.counts[self.get_profile(row)] += 1
                if self.ledger is not None:
                    self.ledger.append(self.id_hash(self.get_id(row)))
                continue
            self.reject(line, problem, row)

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
            code, said = _not_csv(error)
            line = first + consumed
            raise DataFileError(code=code, params=said, path=self.path, line=line) from None
        return rows, lines

    def rows_of(self, chunk: Chunk) -> tuple[list[Sequence[str]], list[int]]:
        """A chunk as rows with the line each starts on."""
        content, first, last = chunk
        if isinstance(content, str):
            return self.text_rows(content, first)
        return content, chunk_lines(content, first, last)

    def reject(self, line: int, problem: Problem, row: Sequence[str]) -> None:
        """Count a rejected row by its reason and hand it on."""
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

    # -- the counts ----------------------------------------------------------------------
    def fold(self) -> None:
        """Move the counts per profile into cells per village, and forget the profiles.

        Memory then stays bounded whatever the variety of places and profiles: what is held
        is the tally's own cells (villages × categories) and at most ``bound`` keys. A
        duplicate confirmed later takes its person out of the counts as a negative count,
        which adds up the same in :meth:`tally`.
        """
        self._add_to(self.folded_cells, self.folded_persons)
        self.counts = Counter()
        self.forget()

    def _add_to(self, cells: Counter[Cell], persons: Counter[Place]) -> None:
        """Add the counts per profile to cells and persons per village."""
        for profile, number in self.profile_counts().items():
            categories = self.profile(profile)
            assert not isinstance(categories, Problem)
            place = (profile[0], profile[1])
            persons[place] += number
            for category in categories:
                cells[(*place, category)] += number

    def profile_counts(self) -> Counter[tuple[str, ...]]:
        """The accepted persons per profile, from both kinds of key."""
        for key, number in self.key_counts.items():
            profile = self.key_profile(key)
            assert profile is not None
            self.counts[profile] += number
        self.key_counts.clear()
        return self.counts

    def confirm_duplicates(self, source: RowSource, repeated: set[int]) -> None:
        """Second look at the rows whose id hash was recorded more than once.

        See :func:`~._engine_second_look.confirm_duplicates`.
        """
        confirm_duplicates(self, source, repeated)

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


def _uncount(counts: Counter[Any], keys: Iterable[Any]) -> None:
    """Take one count of each of these keys out (a key down to none is dropped)."""
    for key in keys:
        counts[key] -= 1
        if not counts[key]:
            del counts[key]


def _not_csv(error: csv.Error) -> tuple[str, dict[str, object]]:
    """What a ``csv.Error`` of a roster means, in the roster's terms (as ``csv_problem``)."""
    if "field larger than field limit" in str(error):
        return "roster_engine.field_limit", {"limit": f"{csv.field_size_limit():,}"}
    return "roster_engine.not_csv", {"problem": str(error)}
