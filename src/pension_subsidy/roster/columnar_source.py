"""Where the columnar engine reads a CSV roster: blocks of whole lines of bytes.

The blocks hold only what Python's ``csv`` reads as plain lines split at commas: a block
with a quote character, a NUL or a carriage return without a line feed raises
:class:`FallbackError` (the pure engine then reads the file); CRLF line ends become LF.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final

from pension_subsidy.exceptions import english_message
from pension_subsidy.roster.progress import ProgressMeter

__all__ = ["BLOCK_BYTES", "FallbackError", "blocks", "data_start"]

#: Bytes of CSV per block: large enough that polars' per-call costs vanish, small enough that
#: a block's columns stay a few tens of MiB whatever the roster's length.
BLOCK_BYTES: Final = 1 << 21
#: polars' allocator (jemalloc) keeps the pages freed for ten seconds by default: over a long
#: roster, most of what every block ever used. Returned within a second instead, when polars
#: is not loaded yet (the setting is read once, as it loads) and nobody chose otherwise.
ALLOCATOR_SETTING: Final = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:1000,muzzy_decay_ms:0")
if "polars" not in sys.modules:
    os.environ.setdefault(*ALLOCATOR_SETTING)


class FallbackError(Exception):
    """Something in the file the columnar engine does not read exactly as ``csv`` does.

    Never leaves the roster package: the pure engine reads the file instead. ``code`` names
    what was met (a message of the ``roster_columnar.fallback`` catalogue, said in English
    by ``str()``, for a log).
    """

    def __init__(self, *, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.params = dict(params or {})
        super().__init__(english_message(code, self.params))


def data_start(stream: BinaryIO) -> tuple[int, bool]:
    """The byte offset of the first data row (past a one-line header), and whether any."""
    header = stream.readline()
    if b'"' in header or header.count(b"\r") != header.endswith(b"\r\n"):
        raise FallbackError(code="roster_columnar.fallback.header")
    return len(header), header.endswith(b"\n")


def blocks(path: Path, progress: ProgressMeter | None) -> Iterator[tuple[bytes, int]]:
    """The data rows in blocks of whole lines (CRLF made LF), with the first one's line.

    ``progress`` is told of one pass over the file: bytes read, rows read.
    """
    total = path.stat().st_size
    line = 2
    if progress is not None:
        progress.begin_pass(total=total, unit="bytes")
    with path.open("rb") as stream:
        start, more = data_start(stream)
        rest = b"" if more else None  # a header without a line end is the whole file
        done = start
        while rest is not None:
            read = stream.read(BLOCK_BYTES)
            done += len(read)
            data = rest + read
            if read:
                cut = data.rfind(b"\n") + 1
                data, rest = data[:cut], data[cut:]
            elif not data:
                break
            if data:
                data = _plain(data)
                yield data, line
                line += data.count(b"\n")
            if progress is not None:
                progress.advance(done, line - 2)
            if not read:
                break
    if progress is not None:
        progress.finish()


def _plain(data: bytes) -> bytes:
    """A block as plain lines ending in LF, or :class:`FallbackError` if it is not one."""
    if b'"' in data or b"\x00" in data:
        raise FallbackError(code="roster_columnar.fallback.quote")
    returns = data.count(b"\r")
    if returns:
        if returns != data.count(b"\r\n"):
            raise FallbackError(code="roster_columnar.fallback.carriage_return")
        data = data.replace(b"\r\n", b"\n")
    return data
