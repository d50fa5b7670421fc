"""Tallying one CSV roster on several processor cores: byte ranges in worker processes.

A roster file without any quote character is CSV split exactly at line ends, so it can be
cut into byte ranges that each start at a line start; a range's line numbers are counted
from its start and moved by the line ends of the ranges before it. Each range is tallied
in a worker process (a fork of this one, so that ``hash()`` of an id is the same in every
worker): it returns its counts per profile, its rejections per reason (the rejected rows
themselves go to a file, replayed in range order so they come out in line order), and the
hashes of its accepted ids, spilled to bucket files in a shared folder. The buckets are
then checked for repeated hashes across every range — also in the workers — so a duplicate
split across two ranges is found, and confirmed by the same second look as in one process.
The result equals a single pass.

A file with a quote character or a carriage return not followed by a line feed (found by
the workers as they read), or a system without ``fork``, is tallied in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Final

import attrs

from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import HashLedger, repeated_hashes
from pension_subsidy.roster.engine import Chunk, RowSource, _collector_paused, _Engine
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = ["PARALLEL_MIN_BYTES", "default_jobs", "tally_csv_in_parts"]

#: Files smaller than this are tallied in one process by default (starting workers costs).
PARALLEL_MIN_BYTES: Final = 8 << 20
_BLOCK_BYTES: Final = 1 << 16  # both workers' blocks stay in the cores' shared cache


def default_jobs(path: Path) -> int:
    """The processor cores this process may use, or 1 for a small file."""
    if os.path.getsize(path) < PARALLEL_MIN_BYTES:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def _ranges(path: Path, parts: int) -> list[tuple[int, int]] | None:
    """Up to ``parts`` byte ranges (start, end) of the data rows, each from a line start.

    None when the header holds a quote (it might span lines) or the file's line ends are
    lone carriage returns.
    """
    size = os.path.getsize(path)
    with path.open("rb") as stream:
        header = stream.readline()
        # a quoted header might span lines; a CR before the header's end means lone-CR line
        # ends (a Mac-style CSV), which byte ranges cut at LF cannot follow: one process
        if b'"' in header or not header.endswith(b"\n") or b"\r" in header[:-2]:
            return None
        starts = [stream.tell()]
        for part in range(1, parts):
            target = starts[0] + (size - starts[0]) * part // parts
            stream.seek(target - 1)
            stream.readline()  # to the next line start: b"\n" is never inside a character
            if starts[-1] < stream.tell() < size:
                starts.append(stream.tell())
    return [(start, end) for start, end in zip(starts, [*starts[1:], size], strict=True)]


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


_RangeResult = tuple[int, int, dict[tuple[str, ...], int], dict[str, int], list[int]]


def _tally_range(
    source: _RangeSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    folder: Path,
    tag: str,
    check_duplicates: bool,
    keep_rejections: bool,
) -> _RangeResult | None:
    """One range in a worker.

    (line ends, rows read, counts per profile, rejections, hashes in memory); None when the
    range cannot be read apart from the rest.
    """
    ledger = HashLedger(folder, tag) if check_duplicates else None
    with _collector_paused():
        rejects = (folder / f"{tag}.rejects").open("wb") if keep_rejections else None
        on_reject = None if rejects is None else (lambda rejection: pickle.dump(rejection, rejects))
        try:
            engine = _Engine(rules, columns, width, on_reject, ledger=ledger)
            for chunk in source.chunks():
                engine.process(chunk)
        except _NotSplittableError:
            return None
        finally:
            if rejects is not None:
                rejects.close()
            if ledger is not None:
                ledger.close()
        counts = dict(engine.profile_counts())
    remainder = [] if ledger is None else ledger.remainder()
    return source.lines, engine.rows_read, counts, dict(engine.rejections), remainder


def _replay(path: Path, offset: int, on_reject: Callable[[Rejection], None]) -> None:
    """A range's rejected rows, in order, with their lines counted from the file's start."""
    with path.open("rb") as stream:
        while True:
            try:
                rejection = pickle.load(stream)  # noqa: S301  (our own worker's file)
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
) -> Tally | None:
    """Tally a CSV roster in ``jobs`` processes; None when it must be read in one.

    ``whole`` reads the entire file again for the second look at repeated id hashes.
    A worker that fails (a decoding error, say) also gives None: one process then reads
    the file and reports the problem with its exact line.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    ranges = _ranges(path, jobs)
    if ranges is None:
        return None
    total = os.path.getsize(path)
    context = multiprocessing.get_context("fork")
    with (
        tempfile.TemporaryDirectory(prefix="roster-parts-") as name,
        ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool,
    ):
        folder = Path(name)
        futures = {
            pool.submit(
                _tally_range,
                _RangeSource(path, encoding, start, end),
                rules=rules,
                columns=columns,
                width=width,
                folder=folder,
                tag=f"part{index:04d}",
                check_duplicates=check_duplicates,
                keep_rejections=on_reject is not None,
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
            return None
        engine = _Engine(rules, columns, width, on_reject, ledger=None)
        remainders = []
        offset = 2  # the first data row is line 2
        for index in range(len(ranges)):
            line_ends, rows_read, counts, rejections, remainder = results[index]
            engine.rows_read += rows_read
            engine.counts.update(counts)
            engine.rejections.update(Counter(rejections))
            remainders.append(remainder)
            if on_reject is not None:
                _replay(folder / f"part{index:04d}.rejects", offset, on_reject)
            offset += line_ends
        with _collector_paused():
            if check_duplicates:
                chunk = max(1, 64 // jobs)
                repeated = repeated_hashes(
                    folder,
                    remainders,
                    map_buckets=lambda check, buckets: pool.map(check, buckets, chunksize=chunk),
                )
                engine.confirm_duplicates(whole, repeated)
            return engine.tally(duplicate_check=check_duplicates)
