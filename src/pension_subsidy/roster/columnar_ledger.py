"""The columnar engine's id hashes, spilled bucket by bucket as the pure engine's ledger does.

A :class:`ColumnLedger` takes the hashes of a block's accepted ids as one polars column and,
when it holds enough, deals them into the :data:`~pension_subsidy.roster.duplicates.BUCKETS`
buckets of :class:`~pension_subsidy.roster.duplicates.HashLedger` (by the same top bits)
with one sort, writing them to an anonymous file at once. What it recorded is a
:class:`~pension_subsidy.roster.duplicates.LedgerContents`, checked for repeated hashes by
:func:`~pension_subsidy.roster.duplicates.repeated_hashes` one bucket at a time: memory is
the buffer plus one bucket, whatever the roster's length.
"""

from __future__ import annotations

from array import array
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Final

from pension_subsidy.roster.duplicates import (
    BUCKETS,
    BUFFER_HASHES,
    LedgerContents,
    Piece,
    spill_file,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ColumnLedger"]

#: hash() values and polars' are signed 64-bit: the top 6 bits (as a signed number from
#: -32 to 31) name the bucket, a negative one counted from the end, as HashLedger deals them.
_BUCKET_SIZE: Final = 1 << 58


class ColumnLedger:
    """Signed 64-bit id hashes, given a column at a time, spilled to an anonymous file."""

    def __init__(self, *, buffer_hashes: int = BUFFER_HASHES) -> None:
        self.buffer_hashes = buffer_hashes
        self.held: list[pl.Series] = []
        self.count = 0
        self.file: BinaryIO | None = None
        self.size = 0
        self.pieces: list[list[Piece]] = [[] for _ in range(BUCKETS)]

    def __enter__(self) -> ColumnLedger:
        """The ledger itself; leaving the block closes its file."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the spill file."""
        if self.file is not None:
            self.file.close()

    def extend(self, hashes: pl.Series) -> None:
        """Record a column of hashes (Int64); spill when the buffer is full."""
        self.held.append(hashes)
        self.count += len(hashes)
        if self.count >= self.buffer_hashes:
            self.spill()

    def spill(self) -> None:
        """Sort the held hashes by bucket and append them to the file, one piece a bucket."""
        import polars as pl  # noqa: PLC0415  (the optional extra)

        hashes = pl.concat(self.held) if self.held else pl.Series([], dtype=pl.Int64)
        self.held, self.count = [], 0
        # -32 … 31, the negative ones from the end: (top + 64) mod 64, of a positive number
        bucket = (hashes // _BUCKET_SIZE + BUCKETS) % BUCKETS
        frame = pl.DataFrame({"hash": hashes, "bucket": bucket}).sort("bucket")
        if self.file is None:
            self.file = spill_file()
        data = array("q", frame["hash"].to_list())
        self.file.write(memoryview(data).cast("B"))
        fd = self.file.fileno()
        for bucket, count in frame["bucket"].value_counts(sort=False).sort("bucket").iter_rows():
            self.pieces[bucket].append((fd, self.size, count * data.itemsize))
            self.size += count * data.itemsize

    def contents(self) -> LedgerContents:
        """Everything recorded: on disk if anything was spilled, else in memory."""
        import polars as pl  # noqa: PLC0415

        if self.file is None:
            held = pl.concat(self.held).to_list() if self.held else []
            return LedgerContents(tuple(() for _ in range(BUCKETS)), held)
        if self.held:
            self.spill()
        assert self.file is not None
        self.file.flush()  # read back by offset (os.pread) on the file descriptor
        return LedgerContents(tuple(map(tuple, self.pieces)), [])
