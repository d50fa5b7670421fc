"""Finding repeated person ids (重复人员编号) in constant memory: hashes spilled to disk.

The engine gives each accepted row's ``hash(person_id)`` to a :class:`HashLedger`. The
ledger keeps at most :data:`BUFFER_HASHES` of them in memory; when the buffer is full it is
dealt into :data:`BUCKETS` buckets by the hashes' top bits and appended to the ledger's spill
file, one piece per bucket (8 bytes a person), the ledger noting where each piece lies. At
the end :func:`repeated_hashes` loads one bucket at a time — its pieces in every ledger's
file, and the hashes still in memory — and returns the hash values that occur more than
once. Memory is the buffer plus one bucket, whatever the roster's length.

A spill file is anonymous (:func:`spill_file`): on Linux and macOS it has no name on disk
from the moment it is made, on Windows it is deleted when its last handle closes, so no run —
finished, failed or killed — leaves a file behind. Pieces are written and read at their
offsets (``os.pwrite``, ``os.pread``), never through a shared file position, so the worker
processes of one roster can use files their parent made before forking them.

A repeated hash is only a *suspect*: the engine then looks at the rows with those hashes and
compares the id strings, so a collision between different ids rejects nobody.

>>> with HashLedger(buffer_hashes=2) as ledger:
...     ledger.extend([5, -9, 5, 12])  # the buffer is full: spilled to disk
...     ledger.append(-9)
...     ledger.finish()
...     repeated_hashes([ledger.contents()])
{5, -9}
"""

from __future__ import annotations

import os
import sys
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, repeat
from operator import rshift
from types import TracebackType
from typing import BinaryIO, Final

import attrs

__all__ = [
    "BUCKETS",
    "BUFFER_HASHES",
    "HashLedger",
    "LedgerContents",
    "Piece",
    "bucket_repeats",
    "repeated_hashes",
    "spill_file",
]

#: Hashes held in memory before a spill (64 Ki × 8 bytes as an array, ~2.5 MiB as ints).
BUFFER_HASHES: Final = 1 << 16
#: Buckets of hash values: at 10 million persons a bucket is ~156k hashes, ~1.2 MiB on disk.
BUCKETS: Final = 64
#: hash() is a signed 64-bit value: shifted right by 58 it is one of -32 … 31.
_SHIFT: Final = 64 - 6

#: Where some hashes of one bucket lie: (file descriptor, offset, length in bytes).
Piece = tuple[int, int, int]


def spill_file() -> BinaryIO:
    """A new anonymous temporary file (``tempfile.TemporaryFile``).

    Nothing of it stays on disk once it is closed or its process ends, however it ends.
    """
    return tempfile.TemporaryFile()


if sys.platform == "win32":  # pragma: no cover  (no pread on Windows; one process only there)

    def _write_at(fd: int, view: memoryview, offset: int) -> None:
        os.lseek(fd, offset, os.SEEK_SET)
        while view:
            view = view[os.write(fd, view) :]

    def _read_at(fd: int, size: int, offset: int) -> bytes:
        os.lseek(fd, offset, os.SEEK_SET)
        parts = []
        while size > 0 and (part := os.read(fd, size)):
            parts.append(part)
            size -= len(part)
        return b"".join(parts)

else:

    def _write_at(fd: int, view: memoryview, offset: int) -> None:
        while view:
            written = os.pwrite(fd, view, offset)
            view, offset = view[written:], offset + written

    def _read_at(fd: int, size: int, offset: int) -> bytes:
        parts = []
        while size > 0 and (part := os.pread(fd, size, offset)):
            parts.append(part)
            size, offset = size - len(part), offset + len(part)
        return b"".join(parts)


def _deal(hashes: Sequence[int]) -> list[list[int]]:
    """The hashes dealt into :data:`BUCKETS` lists by their top bits."""
    buckets: list[list[int]] = [[] for _ in range(BUCKETS)]
    # C-level maps, no Python per hash (cheaper than sorting): a hash's top bits, as a
    # signed number from -BUCKETS/2, index the list of buckets from its end when < 0
    deque(
        map(list.append, map(buckets.__getitem__, map(rshift, hashes, repeat(_SHIFT))), hashes),
        maxlen=0,
    )
    return buckets


@attrs.frozen
class LedgerContents:
    """What a ledger recorded: where its spilled hashes lie, per bucket, and those in memory.

    Plain data, so a worker process can hand it to its parent.
    """

    pieces: tuple[tuple[Piece, ...], ...]
    remainder: Sequence[int]

    @property
    def spilled(self) -> bool:
        """Whether any hashes went to disk."""
        return any(self.pieces)


class HashLedger:
    """The hashes of accepted person ids, spilled bucket by bucket to an anonymous file.

    ``fd`` is an open spill file (from :func:`spill_file`) to write from offset 0, as a worker
    process is given one by its parent; by default the ledger makes its own on its first spill
    and closes it in :meth:`close`. Nothing is written until the buffer first fills, so a
    small roster never touches the disk.
    """

    def __init__(self, *, fd: int | None = None, buffer_hashes: int | None = None) -> None:
        self.buffer_hashes = BUFFER_HASHES if buffer_hashes is None else buffer_hashes
        self.buffer: list[int] = []
        self._fd = fd
        self._own: BinaryIO | None = None
        self._size = 0
        self._pieces: list[list[Piece]] = [[] for _ in range(BUCKETS)]

    def __enter__(self) -> HashLedger:
        """The ledger itself; leaving the block closes it."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the ledger's own spill file."""
        self.close()

    def extend(self, hashes: Iterable[int]) -> None:
        """Record more hashes; spill when the buffer is full."""
        self.buffer.extend(hashes)
        if len(self.buffer) >= self.buffer_hashes:
            self.spill()

    def append(self, value: int) -> None:
        """Record one hash."""
        self.buffer.append(value)
        if len(self.buffer) >= self.buffer_hashes:
            self.spill()

    def spill(self) -> None:
        """Deal the buffer into buckets; append them to the spill file, one piece each."""
        if self._fd is None:
            self._own = spill_file()
            self._fd = self._own.fileno()
        buckets = _deal(self.buffer)
        self.buffer = []
        hashes = array("q", chain.from_iterable(buckets))  # one write, bucket after bucket
        _write_at(self._fd, memoryview(hashes).cast("B"), self._size)
        for pieces, bucket in zip(self._pieces, buckets, strict=True):
            if bucket:
                pieces.append((self._fd, self._size, len(bucket) * hashes.itemsize))
                self._size += len(bucket) * hashes.itemsize

    def finish(self) -> None:
        """Spill what is left if anything was spilled before.

        A long roster's hashes then all lie on disk: none is handed on in memory (from a
        worker to its parent, say). A short one's stay in memory, never written.
        """
        if self.spilled and self.buffer:
            self.spill()

    @property
    def spilled(self) -> bool:
        """Whether any hashes went to disk."""
        return self._size > 0

    def remainder(self) -> list[int]:
        """The hashes still in memory (all of them when nothing was spilled)."""
        return self.buffer

    def contents(self) -> LedgerContents:
        """Where every hash recorded so far lies (call :meth:`finish` first when done)."""
        return LedgerContents(tuple(map(tuple, self._pieces)), self.buffer)

    def close(self) -> None:
        """Close the ledger's own spill file (a file given to it is its giver's to close)."""
        if self._own is not None:
            self._own.close()
            self._own = None


def bucket_repeats(bucket: tuple[Sequence[Piece], Sequence[int]]) -> set[int]:
    """The hash values found more than once in one bucket: its pieces on disk and in memory."""
    pieces, in_memory = bucket
    hashes = array("q")
    for fd, offset, size in pieces:
        hashes.frombytes(_read_at(fd, size, offset))
    hashes.extend(in_memory)
    return _repeats(hashes)


def _repeats(hashes: Sequence[int]) -> set[int]:
    distinct = set(hashes.tolist() if isinstance(hashes, array) else hashes)
    if len(distinct) == len(hashes):
        return set()
    seen: set[int] = set()
    repeated = set()
    for value in hashes:
        if value in seen:
            repeated.add(value)
        seen.add(value)
    return repeated


def repeated_hashes(
    ledgers: Iterable[LedgerContents],
    *,
    map_buckets: Callable[
        [
            Callable[[tuple[Sequence[Piece], Sequence[int]]], set[int]],
            Iterable[tuple[Sequence[Piece], Sequence[int]]],
        ],
        Iterable[set[int]],
    ] = map,
) -> set[int]:
    """Every hash value recorded more than once, over all these ledgers' contents.

    When no ledger spilled, the hashes are checked in memory; otherwise every bucket is
    checked, one at a time (``map_buckets`` may be a process pool's ``map``: its workers
    read the spill files their parent made before forking them).
    """
    ledgers = list(ledgers)
    in_memory = [value for ledger in ledgers for value in ledger.remainder]
    if not any(ledger.spilled for ledger in ledgers):
        return _repeats(in_memory)
    buckets = [
        (tuple(piece for ledger in ledgers for piece in ledger.pieces[bucket]), rest)
        for bucket, rest in enumerate(_deal(in_memory))
    ]
    repeated: set[int] = set()
    for found in map_buckets(bucket_repeats, buckets):
        repeated |= found
    return repeated
