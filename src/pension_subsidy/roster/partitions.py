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

Data rows with a quote character or a carriage return not followed by a line feed (found by
the workers as they read), an encoding in which a line-end byte may be part of a character
(UTF-16, say), or a system without ``fork``: the file is tallied in one process.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import multiprocessing
import os
import pickle
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import BinaryIO, Final

import attrs

from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import (
    HashLedger,
    LedgerContents,
    repeated_hashes,
    spill_file,
)
from pension_subsidy.roster.engine import (
    Chunk,
    RowSource,
    _collector_paused,
    _Engine,
    eligibility_date,
)
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = ["PARALLEL_MIN_BYTES", "default_jobs", "tally_csv_in_parts"]

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

    def __init__(self, path: Path, encoding: str, start: int, end: int) -> None:
        self.path = path
        # a byte-order mark sits before the header, never inside a range
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.start, self.end = start, end
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


_RangeResult = tuple[int, int, dict[tuple[str, ...], int], dict[str, int], LedgerContents | None]


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
    ledger_fd: int | None,
    rejects_fd: int | None,
    optional: Mapping[str, int] | None,
    as_of: datetime.date,
) -> _RangeResult | None:
    """One range in a worker, spilling to the files its parent made (inherited descriptors).

    (line ends, rows read, counts per profile, rejections, where the id hashes lie); None
    when the range cannot be read apart from the rest.
    """
    ledger = None if ledger_fd is None else HashLedger(fd=ledger_fd)
    with contextlib.ExitStack() as cleanup, _collector_paused():
        on_reject = None
        if rejects_fd is not None:
            rejects = cleanup.enter_context(open(rejects_fd, "wb", closefd=False))
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
    return source.lines, engine.rows_read, counts, dict(engine.rejections), contents


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
    progress: Callable[[int, int], None] | None,
    optional_columns: Mapping[str, int] | None = None,
) -> Tally | None:
    """Tally a CSV roster in ``jobs`` processes; None when it must be read in one.

    ``whole`` reads the entire file again for the second look at repeated id hashes.
    A worker that fails (a decoding error, say) also gives None: one process then reads
    the file and reports the problem with its exact line.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    layout = _layout(path, encoding, jobs)
    if layout is None:
        return None
    header_lines, ranges = layout
    as_of = eligibility_date(rules)  # one day for every worker
    total = os.path.getsize(path)
    context = multiprocessing.get_context("fork")
    with contextlib.ExitStack() as cleanup:
        # made before the pool forks its workers, so that every worker inherits them
        ledgers = [cleanup.enter_context(spill_file()) for _ in ranges if check_duplicates]
        rejects = [cleanup.enter_context(spill_file()) for _ in ranges if on_reject is not None]
        pool = cleanup.enter_context(
            ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=context,
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        )
        futures = {
            pool.submit(
                _tally_range,
                _RangeSource(path, encoding, start, end),
                rules=rules,
                columns=columns,
                width=width,
                ledger_fd=ledgers[index].fileno() if ledgers else None,
                rejects_fd=rejects[index].fileno() if rejects else None,
                optional=optional_columns,
                as_of=as_of,
            ): (index, end - start)
            for index, (start, end) in enumerate(ranges)
        }
        results: dict[int, _RangeResult] = {}
        done = 0
        try:
            for future in as_completed(futures):
                index, size = futures[future]
                result = future.result()
                if result is None:
                    return None
                results[index] = result
                done += size
                if progress is not None:
                    progress(done, total)
        except Exception:  # any failure: one process reads the file and reports it exactly
            for future in futures:
                future.cancel()
            return None
        engine = _Engine(
            rules,
            columns,
            width,
            on_reject,
            ledger=None,
            path=str(path),
            optional=optional_columns,
            as_of=as_of,
        )
        contents = []
        offset = 1 + header_lines  # the line of the first data row
        for index in range(len(ranges)):
            line_ends, rows_read, counts, rejections, ledger = results[index]
            engine.rows_read += rows_read
            engine.counts.update(counts)
            engine.rejections.update(Counter(rejections))
            if ledger is not None:
                contents.append(ledger)
            if on_reject is not None:
                _replay(rejects[index], offset, on_reject)
            offset += line_ends
        with _collector_paused():
            if check_duplicates:
                chunk = max(1, 64 // jobs)
                repeated = repeated_hashes(
                    contents,
                    map_buckets=lambda check, buckets: pool.map(check, buckets, chunksize=chunk),
                )
                engine.confirm_duplicates(whole, repeated)
            return engine.tally(duplicate_check=check_duplicates)
