"""A CSV roster cut into byte ranges at line starts, each read as blocks of text by a worker.

The ranges are where :mod:`~pension_subsidy.roster.partitions` and the distributed path cut
a file; a worker reads its range as blocks that end at line ends, telling its parent how far
it is through shared counters, and exits once its parent is gone.
"""

from __future__ import annotations

import codecs
import csv
import os
import threading
import time
from collections.abc import Iterator, MutableSequence
from pathlib import Path
from typing import Final

from pension_subsidy.roster.row_source import Chunk

_BLOCK_BYTES: Final = 1 << 16  # both workers' blocks stay in the cores' shared cache
#: Encodings in which the bytes of LF, CR and the quote are never part of another
#: character, so a file can be cut at a LF byte and searched for quotes byte by byte.
_SPLITTABLE_ENCODINGS: Final = frozenset(
    codecs.lookup(name).name
    for name in ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "ascii", "latin-1")
)
#: How often a worker looks whether its parent is still there (seconds).
_PARENT_CHECK_SECONDS: Final = 0.5

#: In a worker: the counters it shares with its parent (bytes, rows per range).
_counters: MutableSequence[int] | None = None


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
