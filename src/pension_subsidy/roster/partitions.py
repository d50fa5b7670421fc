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
range), which the parent reads while it waits, for the progress display. The second look at
repeated id hashes reads the ranges in the workers too; the parent confirms the rows they
found, in line order.

The ranges are cut and read by :mod:`~pension_subsidy.roster._parts_ranges`; what a worker
runs is in :mod:`~pension_subsidy.roster._parts_workers`.

Data rows with a quote character or a carriage return not followed by a line feed (found by
the workers as they read), or an encoding in which a line-end byte may be part of a character
(UTF-16, say): the file is tallied in one process.
"""

from __future__ import annotations

import contextlib
import datetime
import mmap
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, MutableSequence, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, BinaryIO, Final

import attrs

from pension_subsidy.roster._engine_pass import _Engine
from pension_subsidy.roster._engine_second_look import confirm_rows
from pension_subsidy.roster._engine_values import collector_paused, eligibility_date
from pension_subsidy.roster._parts_ranges import (
    _layout,
    _NotSplittableError,
    _RangeSource,
    _start_worker,
)
from pension_subsidy.roster._parts_workers import (
    START_METHOD_VARIABLE,
    _handed,
    _ours,
    _RangeResult,
    _replay,
    _spill,
    _suspects_in_range,
    _tally_range,
    stable_hash,
    start_method,
)
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import repeated_hashes
from pension_subsidy.roster.engine import FOLD_KEYS, RowSource
from pension_subsidy.roster.progress import ProgressMeter, ProgressSink
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

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
#: How often the parent reads the workers' counters for the progress display (seconds).
_PROGRESS_SECONDS: Final = 0.2


def default_jobs(path: Path) -> int:
    """The processor cores this process may use, or 1 for a small file."""
    if os.path.getsize(path) < PARALLEL_MIN_BYTES:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


@attrs.frozen
class _Job:
    """What every range of one roster is read with, in the workers and in the parent.

    One eligibility day for every worker; ids hashed by :func:`stable_hash` when spawned.
    """

    path: Path
    encoding: str
    rules: RosterRules
    columns: Sequence[int]
    width: int
    optional: Mapping[str, int] | None
    as_of: datetime.date
    spawned: bool = attrs.field(factory=lambda: start_method() != "fork")

    def reading(self) -> dict[str, Any]:
        """The keyword arguments a worker reads a range with."""
        return {
            "rules": self.rules,
            "columns": self.columns,
            "width": self.width,
            "optional": self.optional,
            "as_of": self.as_of,
            "stable": self.spawned,
        }

    def ranges(self, ranges: Sequence[tuple[int, int]]) -> list[_RangeSource]:
        """The ranges' sources, each with its slot among the counters."""
        return [
            _RangeSource(self.path, self.encoding, start, end, index)
            for index, (start, end) in enumerate(ranges)
        ]

    def engine(self, on_reject: Callable[[Rejection], None] | None) -> _Engine:
        """The parent's engine: the workers' counts merged, the second look confirmed."""
        return _Engine(
            self.rules,
            self.columns,
            self.width,
            on_reject,
            ledger=None,
            path=str(self.path),
            optional=self.optional,
            as_of=self.as_of,
            id_hash=stable_hash if self.spawned else None,
        )


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

    ``whole`` reads the entire file again for the second look at repeated id hashes, when
    the workers cannot. A worker that fails (a decoding error, say) also gives None: one
    process then reads the file and reports the problem with its exact line. The workers
    start by :func:`start_method`.
    """
    method, layout = start_method(), _layout(path, encoding, jobs)
    if layout is None:
        return None
    header_lines, ranges = layout
    meter = progress if isinstance(progress, ProgressMeter) else ProgressMeter(progress)
    job = _Job(path, encoding, rules, columns, width, optional_columns, eligibility_date(rules))
    sources = job.ranges(ranges)
    with contextlib.ExitStack() as cleanup:
        # fork: anonymous files made before the pool forks its workers, which inherit them;
        # spawn: named files in a folder of their own, opened by path, removed at the end
        folder = cleanup.enter_context(tempfile.TemporaryDirectory()) if job.spawned else None
        ledgers = [_spill(cleanup, folder) for _ in ranges if check_duplicates]
        rejects = [_spill(cleanup, folder) for _ in ranges if on_reject is not None]
        pool, counters = _pool(cleanup, method, jobs, len(ranges))
        futures = {
            pool.submit(
                _tally_range,
                source,
                ledger_fd=_handed(ledgers[index], job.spawned) if ledgers else None,
                rejects_fd=_handed(rejects[index], job.spawned) if rejects else None,
                bound=FOLD_KEYS,
                **job.reading(),
            ): index
            for index, source in enumerate(sources)
        }
        meter.begin_pass(total=os.path.getsize(path), unit="bytes")
        results = _gather(futures, counters, meter, ranges[0][0])
        if results is None:  # any failure: one process reads the file and reports it exactly
            meter.step = None  # the one process starts its own pass
            return None
        meter.finish()
        engine = job.engine(on_reject)
        offsets = _merge(engine, results, 1 + header_lines, rejects, on_reject=on_reject)
        with collector_paused():
            if check_duplicates:
                repeated = _repeated(results, ledgers, pool=pool, jobs=jobs, spawned=job.spawned)
                parts = list(zip(sources, offsets, strict=True))
                _second_look(engine, pool, job, parts, repeated=repeated, whole=whole)
            return engine.tally(duplicate_check=check_duplicates)


def _pool(
    cleanup: contextlib.ExitStack, method: str, jobs: int, ranges: int
) -> tuple[ProcessPoolExecutor, MutableSequence[int]]:
    """The worker processes, and the progress counters (bytes, rows) they share per range."""
    context = multiprocessing.get_context(method)
    counters = _counters(cleanup, context, 2 * ranges, method != "fork")
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), counters),
    )
    return cleanup.enter_context(pool), counters


def _repeated(
    results: Mapping[int, _RangeResult],
    ledgers: Sequence[BinaryIO],
    *,
    pool: ProcessPoolExecutor,
    jobs: int,
    spawned: bool,
) -> set[int]:
    """The id hashes recorded more than once over every range (the buckets in the workers)."""
    contents = [results[index][4] for index in range(len(results))]
    if spawned:  # a spawned worker's descriptors are not ours: the same files, our own
        contents = list(map(_ours, contents, ledgers))  # type: ignore[arg-type]
    chunk = max(1, 64 // jobs)
    return repeated_hashes(
        contents,  # type: ignore[arg-type]  # every range recorded its hashes
        # a spawned worker cannot read our descriptors: the buckets are read here
        map_buckets=map
        if spawned
        else lambda check, buckets: pool.map(check, buckets, chunksize=chunk),
    )


def _counters(
    cleanup: contextlib.ExitStack, context: Any, size: int, spawned: bool
) -> MutableSequence[int]:
    """Counters shared with the workers: an anonymous shared map under ``fork``.

    (A ``multiprocessing`` array would keep a file in /dev/shm open for the rest of the
    process's life.)
    """
    if spawned:
        return context.Array("q", size, lock=False)  # type: ignore[no-any-return]
    shared = cleanup.enter_context(mmap.mmap(-1, 8 * size))
    view = memoryview(shared).cast("q")
    cleanup.callback(view.release)
    return view  # type: ignore[return-value]  # a memoryview of q is a sequence of int


def _merge(
    engine: _Engine,
    results: Mapping[int, _RangeResult],
    first_line: int,
    rejects: Sequence[BinaryIO],
    *,
    on_reject: Callable[[Rejection], None] | None,
) -> list[int]:
    """Add the ranges' counts to the parent's engine, replay their rejections in line order.

    Returns the line each range starts on.
    """
    offsets = []
    offset = first_line
    for index in range(len(results)):
        line_ends, rows_read, counts, rejections, _, (cells, persons) = results[index]
        offsets.append(offset)
        engine.rows_read += rows_read
        engine.counts.update(counts)
        engine.folded_cells.update(cells)
        engine.folded_persons.update(persons)
        engine.rejections.update(Counter(rejections))
        if on_reject is not None:
            _replay(rejects[index], offset, on_reject)
        offset += line_ends
    return offsets


def _second_look(
    engine: _Engine,
    pool: ProcessPoolExecutor,
    job: _Job,
    parts: Sequence[tuple[_RangeSource, int]],
    *,
    repeated: set[int],
    whole: RowSource,
) -> None:
    """Confirm the repeated hashes: the workers find the rows, the parent judges them in order.

    Should a worker fail (the file changed under us), the parent reads the whole file.
    """
    if not repeated:
        return
    futures = [
        pool.submit(_suspects_in_range, source, repeated=repeated, **job.reading())
        for source, _ in parts
    ]
    try:
        found = [future.result() for future in futures]
    except Exception:  # any failure: the whole file, read here, says it exactly
        found = [None]
    if any(rows is None for rows in found):
        engine.confirm_duplicates(whole, repeated)
        return
    confirm_rows(
        engine,
        (
            (offset + line, row)
            for (_, offset), rows in zip(parts, found, strict=True)
            for line, row in rows or ()
        ),
    )


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
