"""Finding repeated person ids (重复人员编号) in constant memory: hashes spilled to disk.

The engine gives each accepted row's ``hash(person_id)`` to a :class:`HashLedger`. The
ledger keeps at most :data:`BUFFER_HASHES` of them in memory; when the buffer is full it is
dealt into :data:`BUCKETS` buckets by the hashes' top bits, each appended to that bucket's file
(8 bytes a person). At the end :func:`repeated_hashes` loads one bucket at a time — every
ledger's file for it — and returns the hash values that occur more than once. Memory is the
buffer plus one bucket, whatever the roster's length.

A repeated hash is only a *suspect*: the engine then looks at the rows with those hashes and
compares the id strings, so a collision between different ids rejects nobody.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     ledger = HashLedger(Path(folder), "a", buffer_hashes=2)
...     ledger.extend([5, -9, 5, 12])  # the buffer is full: spilled to disk
...     ledger.close()
...     repeated_hashes(Path(folder), [ledger.remainder()])
{5}
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from operator import rshift
from pathlib import Path
from typing import BinaryIO, Final

__all__ = ["BUCKETS", "BUFFER_HASHES", "HashLedger", "bucket_repeats", "repeated_hashes"]

#: Hashes held in memory before a spill (64 Ki × 8 bytes as an array, ~2.5 MiB as ints).
BUFFER_HASHES: Final = 1 << 16
#: Buckets of hash values: at 10 million persons a bucket is ~156k hashes, ~1.2 MiB on disk.
BUCKETS: Final = 64
#: hash() is a signed 64-bit value: shifted right by 58 it is one of -32 … 31.
_SHIFT: Final = 64 - 6


def _bucket_file(folder: Path, tag: str, bucket: int) -> Path:
    return folder / f"{tag}-{bucket:02d}.hashes"


class HashLedger:
    """The hashes of accepted person ids, spilled to bucket files in ``folder``.

    ``tag`` names this ledger's files (one ledger per process or partition). Nothing is
    written until the buffer first fills, so a small roster never touches the disk.
    """

    def __init__(self, folder: Path, tag: str, *, buffer_hashes: int | None = None) -> None:
        self.folder = folder
        self.tag = tag
        self.buffer_hashes = BUFFER_HASHES if buffer_hashes is None else buffer_hashes
        self.buffer: list[int] = []
        self._files: list[BinaryIO] | None = None

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
        """Deal the buffer into buckets by the hashes' top bits; append each to its file."""
        if self._files is None:
            self._files = [
                _bucket_file(self.folder, self.tag, bucket).open("ab") for bucket in range(BUCKETS)
            ]
        buckets: list[list[int]] = [[] for _ in range(BUCKETS)]
        # C-level maps, no Python per hash (cheaper than sorting): a hash's top bits, as a
        # signed number from -BUCKETS/2, index the list of buckets from its end when < 0
        deque(
            map(
                list.append,
                map(buckets.__getitem__, map(rshift, self.buffer, repeat(_SHIFT))),
                self.buffer,
            ),
            maxlen=0,
        )
        for file, bucket in zip(self._files, buckets, strict=True):
            if bucket:
                array("q", bucket).tofile(file)
        self.buffer = []

    @property
    def spilled(self) -> bool:
        """Whether any hashes went to disk."""
        return self._files is not None

    def close(self) -> None:
        """Spill what is left if anything was spilled before, and close the files."""
        if self._files is None:
            return
        if self.buffer:
            self.spill()
        for file in self._files:
            file.close()

    def remainder(self) -> list[int]:
        """The hashes still in memory (all of them when nothing was spilled)."""
        return self.buffer


def bucket_repeats(paths: Sequence[Path]) -> set[int]:
    """The hash values found more than once in these files (one bucket's files)."""
    hashes = array("q")
    for path in paths:
        hashes.frombytes(path.read_bytes())
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


def _bucket_paths(folder: Path) -> Iterator[list[Path]]:
    for bucket in range(BUCKETS):
        yield sorted(folder.glob(f"*-{bucket:02d}.hashes"))


def repeated_hashes(
    folder: Path,
    remainders: Iterable[Sequence[int]],
    *,
    map_buckets: Callable[
        [Callable[[Sequence[Path]], set[int]], Iterable[Sequence[Path]]], Iterable[set[int]]
    ] = map,
) -> set[int]:
    """Every hash value recorded more than once, over all ledgers' files in ``folder``.

    ``remainders`` are the ledgers' in-memory hashes. When no ledger spilled they are
    checked in memory; otherwise they are spilled under the tag ``rest`` first and every
    bucket is checked, one at a time (``map_buckets`` may be a process pool's ``map``).
    """
    remainders = list(remainders)
    if not any(folder.glob("*.hashes")):
        return _repeats([value for remainder in remainders for value in remainder])
    rest = HashLedger(folder, "rest")
    for remainder in remainders:
        rest.extend(remainder)
    rest.spill()
    rest.close()
    repeated: set[int] = set()
    for found in map_buckets(bucket_repeats, list(_bucket_paths(folder))):
        repeated |= found
    return repeated
