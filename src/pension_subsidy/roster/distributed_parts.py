"""The pieces of a distributed roster tally that run on Dask workers: one part of one file.

A *part* is a byte block of a CSV roster file that starts at a record start (a block's
start is taken to be one; :mod:`~pension_subsidy.roster.distributed` checks it), or a whole
file (an ``.xlsx`` workbook, a UTF-16 file, a file with lone carriage returns, or a file
whose blocks could not be read apart). Each function here is a Dask task: it reads its part
where it lies (shared storage) with the pure engine and hands back counts, the rejected
rows and the id hashes — never the accepted rows.

Line numbers in a block count from 0 at its start (the block does not know how many lines
come before it); the caller moves them once it knows.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
from array import array
from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from operator import rshift
from pathlib import Path
from typing import Final

import attrs

from pension_subsidy.exceptions import (
    DataFileError,
    PensionSubsidyError,
    english_message,
    os_reason,
)
from pension_subsidy.roster._engine_pass import _Engine
from pension_subsidy.roster._engine_values import collector_paused as _collector_paused
from pension_subsidy.roster.classify import Reason, Rejection
from pension_subsidy.roster.duplicates import HashLedger, bucket_repeats
from pension_subsidy.roster.read import _source as _file_source
from pension_subsidy.roster.row_source import Chunk, RowSource
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = ["Part"]

#: Bytes read at a time inside a block (a quote-free piece goes to the engine as text).
_PIECE_BYTES: Final = 1 << 16
#: Hashed by every task: equal values mean every worker hashes person ids alike.
_PROBE: Final = "pension-subsidy: hash probe"


@attrs.frozen
class Part:
    """One part of a roster file: a byte block ``[start, end)`` or (``end`` None) the file.

    ``columns``, ``width`` and ``optional`` are the file's, from its header.
    """

    path: str
    encoding: str
    start: int
    end: int | None
    columns: tuple[int, ...]
    width: int
    optional: Mapping[str, int]


class _NotApartError(Exception):
    """The block cannot be read apart from the file (a lone CR, a CSV or decoding error)."""


class _BlockSource:
    """The records of one byte block, as text pieces or (with a quote) rows.

    A piece without a quote character ends at a line end, which is then a record end; a
    piece with one is read by ``csv`` and grows, line by line, until its last record is
    whole — past the block's end if need be (:attr:`overran` is then where it stopped).
    """

    def __init__(self, path: Path, encoding: str, start: int, end: int) -> None:
        self.path = path
        # a byte-order mark sits before the header, never inside a block
        self.encoding = "utf-8" if codecs.lookup(encoding).name == "utf-8-sig" else encoding
        self.start, self.end = start, end
        self.lines = 0
        self.overran = 0

    def chunks(self) -> Iterator[Chunk]:
        """The block's records from its start, line numbers from 0."""
        self.lines = 0
        self.overran = 0
        with self.path.open("rb") as stream:
            stream.seek(self.start)
            position = self.start
            while position < self.end:
                data = stream.read(min(_PIECE_BYTES, self.end - position))
                if not data:
                    return
                if not data.endswith(b"\n") and position + len(data) < self.end:
                    data += stream.readline()  # the end is a line start: stops before it
                position += len(data)
                text = self._decode(data)
                if "\r" in text and text.count("\r") != text.count("\r\n"):
                    raise _NotApartError  # csv ends a record at a lone CR: not cut at LF
                if '"' not in text:
                    yield text, self.lines, -1
                    self.lines += text.count("\n")
                    continue
                extra: list[bytes] = []
                rows, used = self._records(text, stream, extra)
                position += sum(map(len, extra))
                yield rows, self.lines, self.lines + used - 1
                self.lines += used
            if position > self.end:
                self.overran = position

    def _decode(self, data: bytes) -> str:
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError:
            raise _NotApartError from None

    def _records(
        self, text: str, stream: io.BufferedReader, extra: list[bytes]
    ) -> tuple[list[Sequence[str]], int]:
        """The records of ``text`` and of the lines after it that close its last one."""
        record_end = [0]

        def closing_lines() -> Iterator[str]:
            while reader.line_num != record_end[0]:
                raw = stream.readline()
                if not raw:
                    return
                extra.append(raw)
                yield self._decode(raw)

        reader = csv.reader(itertools.chain(io.StringIO(text, newline=""), closing_lines()))
        rows: list[Sequence[str]] = []
        try:
            for row in reader:
                rows.append(row)
                record_end[0] = reader.line_num
        except csv.Error:
            raise _NotApartError from None
        return rows, reader.line_num


class _ArrayLedger(HashLedger):
    """A ledger that keeps every hash in memory, 8 bytes each (a block's, for the shuffle)."""

    def __init__(self) -> None:
        super().__init__()
        self.hashes = array("q")

    def extend(self, hashes: Iterator[int] | Sequence[int]) -> None:  # type: ignore[override]  # any iterable of ints, as the base
        """Record more hashes."""
        self.hashes.extend(hashes)

    def append(self, value: int) -> None:
        """Record one hash."""
        self.hashes.append(value)


@attrs.frozen
class Failure:
    """An error on a worker, as plain data (the library's errors do not pickle)."""

    problem: str
    path: str | None = None
    line: int | None = None
    field: str | None = None
    code: str | None = None
    params: Mapping[str, object] = attrs.field(factory=dict)

    @classmethod
    def of(cls, error: PensionSubsidyError | OSError, path: str) -> Failure:
        """What went wrong reading ``path``, with its message code and params."""
        if isinstance(error, DataFileError):
            return cls(
                error.problem, error.path, error.line, error.field, error.code, dict(error.params)
            )
        if isinstance(error, OSError):
            reason = os_reason(error)
            problem = english_message("roster.dask.worker_cannot_read", {"reason": reason})
            return cls(
                problem, path, code="roster.dask.worker_cannot_read", params={"reason": reason}
            )
        return cls(str(error), path, code=error.code, params=dict(error.params))

    def error(self) -> DataFileError:
        """The error to raise where the tally was asked for (said from its code)."""
        if self.code is None:
            return DataFileError(self.problem, path=self.path, line=self.line, field=self.field)
        return DataFileError(
            path=self.path, line=self.line, field=self.field, code=self.code, params=self.params
        )


@attrs.frozen
class FirstPass:
    """A part's first pass, kept on its worker: counts, rejections, hashes per bucket.

    ``apart`` is False when the block could not be read apart from its file (nothing else
    is then set); ``overran`` is the byte where a block's last record ended past its end;
    ``failure`` what made the part unreadable.
    """

    apart: bool
    failure: Failure | None = None
    rows_read: int = 0
    counts: Mapping[tuple[str, ...], int] = attrs.field(factory=dict)
    rejections: Mapping[str, int] = attrs.field(factory=dict)
    rejected: Sequence[Rejection] = ()
    line_ends: int = 0
    overran: int = 0
    probe: int = 0
    buckets: Sequence[array[int]] = ()


@attrs.frozen
class Summary:
    """What the client needs of a first pass (no counts, no hashes)."""

    apart: bool
    rejected: Sequence[Rejection]
    line_ends: int
    overran: int
    probe: int
    failure: Failure | None


def _source(part: Part) -> _BlockSource | RowSource:
    if part.end is None:
        return _file_source(Path(part.path), part.encoding or None, None)
    return _BlockSource(Path(part.path), part.encoding, part.start, part.end)


def _engine(
    part: Part,
    rules: RosterRules,
    as_of: datetime.date,
    rejected: list[Rejection] | None,
    ledger: HashLedger | None = None,
) -> _Engine:
    return _Engine(
        rules,
        part.columns,
        part.width,
        None if rejected is None else rejected.append,
        ledger=ledger,
        path=part.path,
        optional=part.optional,
        as_of=as_of,
    )


def _deal(hashes: array[int], bits: int) -> list[array[int]]:
    """The hashes dealt into ``2**bits`` buckets by their top bits."""
    buckets: list[list[int]] = [[] for _ in range(1 << bits)]
    # a hash's top bits, as a signed number, index the list from its end when < 0
    deque(
        map(list.append, map(buckets.__getitem__, map(rshift, hashes, repeat(64 - bits))), hashes),
        maxlen=0,
    )
    return [array("q", bucket) for bucket in buckets]


def first_pass(
    part: Part, rules: RosterRules, as_of: datetime.date, *, hashes: bool, bits: int
) -> FirstPass:
    """Tally a part with the pure engine; its accepted ids' hashes dealt into buckets."""
    rejected: list[Rejection] = []
    ledger = _ArrayLedger() if hashes else None
    engine = _engine(part, rules, as_of, rejected, ledger)
    with _collector_paused():
        try:
            source = _source(part)
            for chunk in source.chunks():
                engine.process(chunk)
        except _NotApartError:
            return FirstPass(apart=False)
        except DataFileError as error:
            if part.end is not None:  # the whole file then gives the exact line
                return FirstPass(apart=False)
            return FirstPass(apart=True, failure=Failure.of(error, part.path))
        except (PensionSubsidyError, OSError) as error:
            return FirstPass(apart=True, failure=Failure.of(error, part.path))
        counts = dict(engine.profile_counts())
    block = source if isinstance(source, _BlockSource) else None
    return FirstPass(
        apart=True,
        rows_read=engine.rows_read,
        counts=counts,
        rejections=dict(engine.rejections),
        rejected=rejected,
        line_ends=0 if block is None else block.lines,
        overran=0 if block is None else block.overran,
        probe=hash(_PROBE),
        buckets=() if ledger is None else _deal(ledger.hashes, bits),
    )


def summary(result: FirstPass) -> Summary:
    """The part's rejected rows and line count, for the client."""
    return Summary(
        result.apart,
        result.rejected,
        result.line_ends,
        result.overran,
        result.probe,
        result.failure,
    )


def bucket(result: FirstPass, index: int) -> array[int]:
    """One bucket of a part's hashes (what the shuffle moves)."""
    return result.buckets[index]


def repeats(buckets: Sequence[array[int]]) -> set[int]:
    """The hashes found more than once in one bucket of every part."""
    return bucket_repeats(((), array("q", itertools.chain.from_iterable(buckets))))


#: A row whose id hash is repeated: (line in its part, person id, the row, its profile).
Candidate = tuple[int, str, tuple[str, ...], tuple[str, ...]]


def candidates(
    part: Part, result: FirstPass, repeated: set[int], rules: RosterRules, as_of: datetime.date
) -> list[Candidate] | Failure:
    """The part's accepted rows whose id hash is repeated somewhere, in line order.

    A second look at the part, only when one of its hashes is repeated; rows rejected in
    the first pass are skipped (they were never recorded).
    """
    if all(repeated.isdisjoint(hashes) for hashes in result.buckets):
        return []
    try:
        return _candidates(part, repeated, _engine(part, rules, as_of, None))
    except (PensionSubsidyError, OSError) as error:  # the file changed since the first pass
        return Failure.of(error, part.path)


def _candidates(part: Part, repeated: set[int], engine: _Engine) -> list[Candidate]:
    found: list[Candidate] = []
    with _collector_paused():
        for chunk in _source(part).chunks():
            rows, lines = engine.rows_of(chunk)
            uniform = set(map(len, rows)) == {engine.width}
            if uniform and repeated.isdisjoint(map(hash, map(engine.get_id, rows))):
                continue
            for line, row in zip(lines, rows, strict=True):
                if len(row) != engine.width or hash(engine.get_id(row)) not in repeated:
                    continue
                if engine.row_problem(row) is not None:
                    continue
                found.append((line, engine.get_id(row), tuple(row), engine.get_profile(row)))
    return found


def duplicate_rejection(line: int, person_id: str, row: tuple[str, ...]) -> Rejection:
    """The rejection of a row whose id was already accepted on an earlier row (as one process)."""
    return Rejection(
        line,
        Reason.DUPLICATE_PERSON_ID,
        "person_id",
        f"person_id {person_id!r} was already accepted on an earlier row",
        row,
        "duplicate",
        (person_id,),
    )


def part_tally(
    part: Part,
    result: FirstPass,
    rules: RosterRules,
    as_of: datetime.date,
    *,
    duplicates: Mapping[tuple[str, ...], int],
    duplicate_check: bool,
) -> Tally:
    """The part's tally: its first pass less the rows rejected as duplicates elsewhere."""
    engine = _engine(part, rules, as_of, None)
    counts = Counter(result.counts)
    counts.subtract(duplicates)
    engine.counts = +counts
    engine.rows_read = result.rows_read
    engine.rejections = Counter(result.rejections)
    if duplicates:
        engine.rejections[Reason.DUPLICATE_PERSON_ID.value] += sum(duplicates.values())
    return engine.tally(duplicate_check=duplicate_check)
