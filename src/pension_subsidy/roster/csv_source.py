"""A CSV roster as a source of rows: its encoding, its header, its records in blocks.

A block without a quote character goes to the engine as text (split there per line); a
block with one is read by ``csv`` and grown until its last record is whole, so a quoted
field with line breaks is never cut.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, TextIO, cast

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase, os_reason
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.row_source import Chunk, line_ends

__all__ = ["detect_encoding"]

_SAMPLE_BYTES: Final = 1 << 16
#: Byte-order marks, UTF-32's before UTF-16's (whose mark begins UTF-32's little-endian one).
_BYTE_ORDER_MARKS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Characters per block of CSV text (about 4,000 rows): per-block overhead vanishes, and a
#: block's strings still fit in the processor's cache.
_BLOCK_CHARS: Final = 1 << 18


def detect_encoding(path: str | Path) -> str:
    """The encoding of a CSV roster, from the file's start.

    ``utf-8-sig`` (a UTF-8 byte-order mark), ``utf-16`` or ``utf-32`` (their byte-order
    marks), ``utf-8`` (the start is UTF-8), else ``gb18030``.
    """
    try:
        with Path(path).open("rb") as stream:
            sample = stream.read(_SAMPLE_BYTES)
            whole = not stream.read(1)
    except OSError as error:
        said = {"reason": os_reason(error)}
        raise DataFileError(code="file.cannot_open", params=said, path=str(path)) from None
    for mark, encoding in _BYTE_ORDER_MARKS:
        if sample.startswith(mark):
            return encoding
    try:
        # an incremental decoder: a character cut at the sample's end is not an error,
        # unless the sample is the whole file
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _first_record(stream: TextIO) -> tuple[list[str] | None, int]:
    """The next record by ``csv``'s rules (None at the end) and the lines it spans.

    ``csv`` asks for a line only while the record is open, so reading stops at its end,
    or at the end of the file: a quote that never closes makes the rest of the file one
    record, as ``csv`` reads it, never an endless loop.
    """
    reader = csv.reader(iter(stream.readline, ""))
    return next(reader, None), reader.line_num


def _undecodable_line(path: Path, encoding: str) -> int:
    """The line on which the file stops being text in ``encoding`` (for the error)."""
    decode = codecs.getincrementaldecoder(encoding)().decode
    line = 1
    with path.open("rb") as stream:
        for raw in stream:
            try:
                line += line_ends(decode(raw))
            except UnicodeDecodeError:
                return line
    return line


@attrs.frozen
class _CsvSource:
    path: Path
    encoding: str
    progress: ProgressMeter | None = None

    def _open(self) -> io.TextIOWrapper:
        try:
            return self.path.open(encoding=self.encoding, newline="")
        except OSError as error:
            said = {"reason": os_reason(error)}
            raise DataFileError(code="file.cannot_open", params=said, path=str(self.path)) from None

    def _not_text(self, error: UnicodeDecodeError) -> tuple[dict[str, object], int]:
        """What to say of text that is not in the encoding, and the line where it stops."""
        said: dict[str, object] = {"encoding": self.encoding, "reason": error.reason}
        return said, _undecodable_line(self.path, self.encoding)

    def header(self) -> list[str]:
        """The header: the first record, read by the same ``csv`` rules as the rows."""
        with self._open() as stream:
            try:
                row, _ = _first_record(stream)
            except UnicodeDecodeError as error:
                said, line = self._not_text(error)
                code = "roster.csv.not_text"
                raise DataFileError(
                    code=code, params=said, path=str(self.path), line=line
                ) from None
            except csv.Error as error:
                code, said = _csv_said(error)
                raise DataFileError(code=code, params=said, path=str(self.path), line=1) from None
        if not row:
            raise DataFileError(code="roster.csv.no_header", path=str(self.path), line=1)
        return row

    def chunks(self) -> Iterator[Chunk]:
        """Blocks of whole records: text, or rows when a block holds a quote character.

        A block without a quote ends at a line end, which is then a record end. A block with
        one is read by ``csv`` and grows, line by line, until its last record is whole, by
        ``csv``'s own rules (however many quotes each line holds).
        """
        progress = self.progress
        if progress is not None:
            progress.begin_pass(total=os.path.getsize(self.path), unit="bytes")
        with self._open() as stream:
            try:
                _, header_lines = _first_record(stream)
                line = 1 + header_lines
                records = 0
                while block := stream.read(_BLOCK_CHARS):
                    block += stream.readline()
                    if '"' in block:
                        rows, used = self._whole_records(block, stream, line)
                        yield rows, line, line + used - 1
                        records += len(rows)
                    else:
                        used = line_ends(block)  # the last line of the file may have none
                        yield block, line, -1
                        records += used + (not block.endswith(("\n", "\r")))
                    line += used
                    if progress is not None:
                        progress.advance(_position(stream), records)
            except UnicodeDecodeError as error:
                said, line = self._not_text(error)
                code = "roster.csv.not_text"
                raise DataFileError(
                    code=code, params=said, path=str(self.path), line=line
                ) from None
        if progress is not None:
            progress.finish()

    def _whole_records(
        self, block: str, stream: TextIO, first: int
    ) -> tuple[list[Sequence[str]], int]:
        """The records of ``block`` and of the stream's lines that close its last one.

        (rows, lines used). csv asks for a line past the block's end only while a record
        is open (its line count then differs from the count at the last record's end).
        """
        record_end = [0]  # csv's line count when its last record ended

        def closing_lines() -> Iterator[str]:
            while reader.line_num != record_end[0]:
                line = stream.readline()
                if not line:
                    return
                yield line

        reader = csv.reader(itertools.chain(io.StringIO(block, newline=""), closing_lines()))
        rows: list[Sequence[str]] = []
        try:
            for row in reader:
                rows.append(row)
                record_end[0] = reader.line_num
        except csv.Error as error:
            line = first + record_end[0]
            code, said = _csv_said(error)
            raise DataFileError(code=code, params=said, path=str(self.path), line=line) from None
        return rows, reader.line_num


#: ``csv``'s reasons, by their English text: the phrase of the catalogue each is said by.
_CSV_REASONS: Final = (
    (re.compile(r"unexpected end of data"), "csv.reason.unexpected_end"),
    (re.compile(r"(?P<after>'.') expected after (?P<quote>'.')"), "csv.reason.expected_after"),
)


def _csv_said(error: csv.Error) -> tuple[str, dict[str, object]]:
    """What a ``csv.Error`` of a roster means, in the roster's terms: a code and its params.

    >>> code, said = _csv_said(csv.Error("unexpected end of data"))
    >>> code, said["reason"]
    ('roster.csv.unreadable', Phrase('csv.reason.unexpected_end', 'unexpected end of data'))
    """
    text = str(error)
    if "field larger than field limit" in text:
        return "roster.csv.field_limit", {"limit": csv.field_size_limit()}
    for pattern, code in _CSV_REASONS:
        match = pattern.fullmatch(text)
        if match is not None:
            return "roster.csv.unreadable", {"reason": Phrase(code, text, **match.groupdict())}
    return "roster.csv.unreadable", {"reason": text}


def _position(stream: io.TextIOWrapper) -> int:
    """How far into the file the reading is, in bytes (for a progress bar)."""
    return cast("io.BufferedReader", stream.buffer).tell()  # a file opened for reading
