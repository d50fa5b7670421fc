"""Tallying one CSV roster on several processor cores: byte ranges in worker processes.

A roster file's data rows without any quote character are CSV split exactly at line ends,
so they can be cut into byte ranges that each start at a line start; a range's line numbers
are counted from its start and moved by the line ends of the ranges before it. Each range is
tallied in a worker process (a fork of this one, so that ``hash()`` of an id is the same in
every worker): it returns its counts per profile, its rejections per reason (the rejected
rows themselves go to a file, replayed in range order so they come out in line order), and
where its accepted ids' hashes lie, spilled to its file. The buckets are then checked for
repeated hashes across every range — also in the workers — so a duplicate split across two
ranges is found, and confirmed by the same second look as in one process. The result
equals a single pass.

The files are anonymous (:func:`~pension_subsidy.roster.duplicates.spill_file`), made by the
parent before it forks the workers, which inherit them: no name on disk, so nothing is left
behind however the run ends. A worker whose parent is gone (killed) exits.

Where there is no ``fork`` (Windows; or when the ``spawn`` start method is asked for with the
environment variable ``PENSION_SUBSIDY_START_METHOD=spawn``, as macOS would rather), the
workers are started with ``spawn``: fresh interpreters, whose ``hash()`` of a string differs
from process to process, and which inherit no open file. The id hashes are then a keyed
BLAKE2b digest (:func:`stable_hash`, the same in every process), and the spill files are
named files in a temporary folder of their own, removed at the end (a run killed outright
may leave that folder in the system's temporary folder).

The workers tell the parent how far they are through shared counters (bytes and rows per
range), which the parent reads while it waits, for the progress display.

Data rows with a quote character or a carriage return not followed by a line feed (found by
the workers as they read), or an encoding in which a line-end byte may be part of a character
(UTF-16, say): the file is tallied in one process.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import hashlib
import multiprocessing
import os
import pickle
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, MutableSequence, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import BinaryIO, Final, cast

import attrs

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import (
    HashLedger,
    LedgerContents,
    repeated_hashes,
    spill_file,
)
from pension_subsidy.roster.engine import (
    FOLD_KEYS,
    Chunk,
    RowSource,
    _collector_paused,
    _Engine,
    eligibility_date,
)
from pension_subsidy.roster.progress import ProgressMeter, ProgressSink
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Cell, Place, Tally

__all__ = [
    "PARALLEL_MIN_BYTES",
    "START_METHOD_VARIABLE",
    "default_jobs",
    "stable_hash",
    "start_method",
    "tally_csv_in_parts",
]

#: Files smaller than this are tallied in one process by default (starting workers costs).
PARALLEL_MIN_BYTES: Final = 8 << 20
_BLOCK_BYTES: Final = 1 << 16  # both workers' blocks stay in the cores' shared cache
#: Encodings in which the bytes of LF, CR and the quote are never part of another
#: character, so a file can be cut at a LF byte and searched for quotes byte by byte.
_SPLITTABLE_ENCODINGS: Final = frozenset(
    codecs.lookup(name).name
    for name in ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "ascii", "latin-1")
)
#: How often a worker looks whether its parent is still there (seconds).
_PARENT_CHECK_SECONDS: Final = 0.5
#: How often the parent reads the workers' counters for the progress display (seconds).
_PROGRESS_SECONDS: Final = 0.2
#: The environment variable that picks the workers' start method: ``fork`` or ``spawn``.
START_METHOD_VARIABLE: Final = "PENSION_SUBSIDY_START_METHOD"
_START_METHODS: Final = ("fork", "spawn")
_HASH_KEY: Final = b"pension_subsidy person_id"

#: In a worker: the counters it shares with its parent (bytes, rows per range).
_counters: MutableSequence[int] | None = None


def start_method() -> str:
    """The start method of the roster's worker processes: ``fork`` where there is one.

    The environment variable :data:`START_METHOD_VARIABLE` may ask for ``spawn`` (what
    Windows has, and what macOS recommends) or ``fork``; a method this system lacks, or
    another value, is a :class:`~pension_subsidy.exceptions.DataFileError`.
    """
    available = multiprocessing.get_all_start_methods()
    asked = os.environ.get(START_METHOD_VARIABLE, "").strip()
    if not asked:
        return "fork" if "fork" in available else "spawn"
    if asked not in _START_METHODS or asked not in available:
        usable = " or ".join(method for method in _START_METHODS if method in available)
        msg = f"{START_METHOD_VARIABLE}: expected {usable}, got {asked!r}"
        raise DataFileError(msg, field=START_METHOD_VARIABLE)
    return asked


def stable_hash(person_id: str) -> int:
    """A signed 64-bit hash of a person id that is the same in every process.

    ``hash()`` of a string is salted per interpreter; spawned workers need one they agree
    on (a keyed BLAKE2b digest: slower than ``hash()``, used only under ``spawn``).

    >>> stable_hash("P1") == stable_hash("P1") != stable_hash("P2")
    True
    """
    digest = hashlib.blake2b(
        person_id.encode("utf-8", "surrogatepass"), digest_size=8, key=_HASH_KEY
    ).digest()
    return int.from_bytes(digest, "little", signed=True)


def default_jobs(path: Path) -> int:
    """The processor cores this process may use, or 1 for a small file."""
    if os.path.getsize(path) < PARALLEL_MIN_BYTES:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def _layout(path: Path, encoding: str, parts: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The lines the header spans, and up to ``parts`` byte ranges of the data rows.

    Each range (start, end) starts at a line start. The header is read by ``csv``'s rules
    (a quoted header cell may hold a quote or a line end). None when the encoding is not
    one where a line-end byte is always a line end, or the header holds a carriage return
    not followed by a line feed (lone-CR line ends, a Mac-style CSV, which byte ranges cut
    at LF cannot follow), or nothing follows it.
    """
    if codecs.lookup(encoding).name not in _SPLITTABLE_ENCODINGS:
        return None
    size = os.path.getsize(path)
    with path.open("rb") as stream:
        decode = codecs.getincrementaldecoder(encoding)().decode
        raw_lines: list[bytes] = []

        def lines() -> Iterator[str]:
            while raw := stream.readline():
                raw_lines.append(raw)
                yield decode(raw)

        try:
            header = next(csv.reader(lines()), None)
        except (csv.Error, UnicodeDecodeError):
            return None  # one process reports it with its line
        lone_cr = any(raw.count(b"\r") != raw.endswith(b"\r\n") for raw in raw_lines)
        if header is None or lone_cr or not raw_lines[-1].endswith(b"\n"):
            return None
        starts = [stream.tell()]
        for part in range(1, parts):
            target = starts[0] + (size - starts[0]) * part // parts
            stream.seek(target - 1)
            stream.readline()  # to the next line start: b"\n" is never inside a character
            if starts[-1] < stream.tell() < size:
                starts.append(stream.tell())
    ranges = [(start, end) for start, end in zip(starts, [*starts[1:], size], strict=True)]
    return len(raw_lines), ranges


class _NotSplittableError(Exception):
    """The range holds a quote or a lone carriage return: only one process reads it exactly."""


class _RangeSource:
    """The data rows of one byte range, as blocks of text that end at line ends.

    Line numbers count from 0 at the range's start (the range does not know how many lines
    come before it); :attr:`lines` is the number of line ends read.
    """

    def __init__(self, path: Path, encoding: str, start: int, end: int, slot: int = 0) -> None:
        self.path = path
        # a byte-order mark sits before the header, never inside a range
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.start, self.end = start, end
        self.slot = slot  # this range's counters, for the progress display
        self.lines = 0

    def chunks(self) -> Iterator[Chunk]:
        with self.path.open("rb") as stream:
            stream.seek(self.start)
            position = self.start
            while position < self.end:
                data = stream.read(min(_BLOCK_BYTES, self.end - position))
                if not data:
                    return  # the file shrank under us: one process reads it as it is now
                if not data.endswith(b"\n") and position + len(data) < self.end:
                    data += stream.readline()  # the end is a line start: stops before it
                position += len(data)
                text = data.decode(self.encoding)
                # a quoted field may hold a line end, and csv ends a record at a lone CR:
                # then line ends are not record ends, and the ranges' cuts may be wrong
                if '"' in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
                    raise _NotSplittableError
                yield text, self.lines, -1
                self.lines += text.count("\n")
                if _counters is not None:  # the rows of a range without quotes are its lines
                    _counters[2 * self.slot] = position - self.start
                    _counters[2 * self.slot + 1] = self.lines


#: (line ends, rows read, counts per profile, rejections, where the id hashes lie, the
#: counts already folded into cells and persons per village).
_RangeResult = tuple[
    int,
    int,
    dict[tuple[str, ...], int],
    dict[str, int],
    LedgerContents | None,
    tuple[dict[Cell, int], dict[Place, int]],
]


def _start_worker(parent: int, counters: MutableSequence[int] | None) -> None:
    """A worker's start: keep the shared progress counters, and exit with the parent."""
    global _counters  # noqa: PLW0603  (one per worker process, set once at its start)
    _counters = counters
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    """Start a thread that ends this worker once its parent is gone (killed, say).

    A pool's worker waits for work on a pipe its parent will never close if killed; without
    this it would wait forever, holding its files open.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _tally_range(
    source: _RangeSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    ledger_fd: int | str | None,
    rejects_fd: int | str | None,
    optional: Mapping[str, int] | None,
    as_of: datetime.date,
    stable: bool = False,
) -> _RangeResult | None:
    """One range in a worker, spilling to the files its parent made.

    A file is an inherited descriptor (``fork``) or a path to open (``spawn``); ``stable``
    hashes ids with :func:`stable_hash`. Returns (line ends, rows read, counts per profile,
    rejections, where the id hashes lie); None when the range cannot be read apart from the
    rest.
    """
    with contextlib.ExitStack() as cleanup:
        if isinstance(ledger_fd, str):
            ledger_fd = os.open(ledger_fd, os.O_RDWR | getattr(os, "O_BINARY", 0))
            cleanup.callback(os.close, ledger_fd)
        ledger = None if ledger_fd is None else HashLedger(fd=ledger_fd)
        with _collector_paused():
            on_reject = None
            if rejects_fd is not None:
                closefd = isinstance(rejects_fd, str)
                rejects = cleanup.enter_context(open(rejects_fd, "wb", closefd=closefd))
                on_reject = lambda rejection: pickle.dump(rejection, rejects)  # noqa: E731
            engine = _Engine(
                rules,
                columns,
                width,
                on_reject,
                ledger=ledger,
                path=str(source.path),
                optional=optional,
                as_of=as_of,
                id_hash=stable_hash if stable else None,
                bound=FOLD_KEYS,
            )
            try:
                for chunk in source.chunks():
                    engine.process(chunk)
            except _NotSplittableError:
                return None
            counts = dict(engine.profile_counts())
        if ledger is not None:
            ledger.finish()  # the parent is handed where the hashes lie, not the hashes
        contents = None if ledger is None else ledger.contents()
        folded = (dict(engine.folded_cells), dict(engine.folded_persons))
        return source.lines, engine.rows_read, counts, dict(engine.rejections), contents, folded


def _replay(file: BinaryIO, offset: int, on_reject: Callable[[Rejection], None]) -> None:
    """A range's rejected rows, in order, with their lines counted from the file's start."""
    file.seek(0)
    while True:
        try:
            rejection = pickle.load(file)  # noqa: S301  (our own worker's file)
        except EOFError:
            return
        on_reject(attrs.evolve(rejection, line=rejection.line + offset))


def tally_csv_in_parts(
    path: Path,
    encoding: str,
    whole: RowSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    jobs: int,
    on_reject: Callable[[Rejection], None] | None,
    check_duplicates: bool,
    progress: ProgressMeter | Progress | ProgressSink | None,
    optional_columns: Mapping[str, int] | None = None,
) -> Tally | None:
    """Tally a CSV roster in ``jobs`` processes; None when it must be read in one.

    ``whole`` reads the entire file again for the second look at repeated id hashes.
    A worker that fails (a decoding error, say) also gives None: one process then reads
    the file and reports the problem with its exact line. The workers start by
    :func:`start_method`.
    """
    method = start_method()
    layout = _layout(path, encoding, jobs)
    if layout is None:
        return None
    header_lines, ranges = layout
    meter = progress if isinstance(progress, ProgressMeter) else ProgressMeter(progress)
    as_of = eligibility_date(rules)  # one day for every worker
    total = os.path.getsize(path)
    spawned = method != "fork"
    context = multiprocessing.get_context(method)
    counters = context.Array("q", 2 * len(ranges), lock=False)
    with contextlib.ExitStack() as cleanup:
        # fork: anonymous files made before the pool forks its workers, which inherit them;
        # spawn: named files in a folder of their own, opened by path, removed at the end
        folder = cleanup.enter_context(tempfile.TemporaryDirectory()) if spawned else None
        ledgers = [_spill(cleanup, folder) for _ in ranges if check_duplicates]
        rejects = [_spill(cleanup, folder) for _ in ranges if on_reject is not None]
        pool = cleanup.enter_context(
            ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(), counters),
            )
        )
        futures = {
            pool.submit(
                _tally_range,
                _RangeSource(path, encoding, start, end, index),
                rules=rules,
                columns=columns,
                width=width,
                ledger_fd=_handed(ledgers[index], spawned) if ledgers else None,
                rejects_fd=_handed(rejects[index], spawned) if rejects else None,
                optional=optional_columns,
                as_of=as_of,
                stable=spawned,
            ): index
            for index, (start, end) in enumerate(ranges)
        }
        meter.begin_pass(total=total, unit="bytes")
        results = _gather(futures, counters, meter, ranges[0][0])
        if results is None:  # any failure: one process reads the file and reports it exactly
            meter.step = None  # the one process starts its own pass
            return None
        meter.finish()
        engine = _Engine(
            rules,
            columns,
            width,
            on_reject,
            ledger=None,
            path=str(path),
            optional=optional_columns,
            as_of=as_of,
            id_hash=stable_hash if spawned else None,
        )
        contents = []
        offset = 1 + header_lines  # the line of the first data row
        for index in range(len(ranges)):
            line_ends, rows_read, counts, rejections, ledger, (cells, persons) = results[index]
            engine.rows_read += rows_read
            engine.counts.update(counts)
            engine.folded_cells.update(cells)
            engine.folded_persons.update(persons)
            engine.rejections.update(Counter(rejections))
            if ledger is not None:
                # under spawn the worker's descriptor is not ours: the same file, our own
                contents.append(_ours(ledger, ledgers[index]) if spawned else ledger)
            if on_reject is not None:
                _replay(rejects[index], offset, on_reject)
            offset += line_ends
        with _collector_paused():
            if check_duplicates:
                chunk = max(1, 64 // jobs)
                repeated = repeated_hashes(
                    contents,
                    # a spawned worker cannot read our descriptors: the buckets are read here
                    map_buckets=map
                    if spawned
                    else lambda check, buckets: pool.map(check, buckets, chunksize=chunk),
                )
                engine.confirm_duplicates(whole, repeated)
            return engine.tally(duplicate_check=check_duplicates)


def _spill(cleanup: contextlib.ExitStack, folder: str | None) -> BinaryIO:
    """A spill file: anonymous, or named in ``folder`` (for spawned workers to open)."""
    if folder is None:
        return cleanup.enter_context(spill_file())
    descriptor, name = tempfile.mkstemp(dir=folder)
    os.close(descriptor)
    return cast("BinaryIO", cleanup.enter_context(open(name, "w+b")))


def _handed(file: BinaryIO, spawned: bool) -> int | str:
    """How a worker finds a spill file: its descriptor (inherited), or its name (spawn)."""
    return str(file.name) if spawned else file.fileno()


def _ours(contents: LedgerContents, file: BinaryIO) -> LedgerContents:
    """A worker's ledger contents with the parent's descriptor of the same file."""
    fd = file.fileno()
    pieces = tuple(
        tuple((fd, offset, size) for _, offset, size in bucket) for bucket in contents.pieces
    )
    return LedgerContents(pieces, contents.remainder)


def _gather(
    futures: dict[Future[_RangeResult | None], int],
    counters: Sequence[int],
    meter: ProgressMeter,
    header_bytes: int,
) -> dict[int, _RangeResult] | None:
    """The ranges' results as they finish, the progress told meanwhile; None on any failure."""
    results: dict[int, _RangeResult] = {}
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, timeout=_PROGRESS_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                if result is None:
                    raise _NotSplittableError
                results[futures[future]] = result
            meter.advance(header_bytes + sum(counters[0::2]), sum(counters[1::2]))
    except Exception:
        for future in futures:
            future.cancel()
        return None
    return results
