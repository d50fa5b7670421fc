r"""Text files as counties save them: UTF-8, UTF-8 with a BOM, or GB18030 (GBK, "ANSI").

Notepad and WPS on a Chinese Windows save "ANSI" text as GB18030 (GBK is a subset of it);
Excel's "CSV UTF-8" adds a byte-order mark. Every reader of user text — the disclosure
tables and every TOML file — decodes through :func:`decode_text`, so they all accept the
same files and refuse the rest with the same :class:`~pension_subsidy.DataFileError`.

>>> decode_text("门源县".encode("gb18030"), "a.toml", expected="a TOML file")
'门源县'
>>> decode_text(b"\xef\xbb\xbfkey = 1", "a.toml", expected="a TOML file")
'key = 1'
>>> decode_text(b"\xff\xfek\x00", "a.toml", expected="a TOML file")
Traceback (most recent call last):
...
pension_subsidy.exceptions.DataFileError: a.toml:1: UTF-16 text (a byte-order mark FF FE): ...
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from pathlib import Path

from pension_subsidy.exceptions import DataFileError, Phrase, os_reason

__all__ = ["check_text", "csv_reason", "decode_text", "read_bytes"]

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "FF FE"), (codecs.BOM_UTF16_BE, "FE FF"))


def read_bytes(path: Path) -> bytes:
    """The bytes of a user's file; one that cannot be opened raises DataFileError naming it."""
    try:
        return path.read_bytes()
    except OSError as error:
        params = {"reason": os_reason(error)}
        raise DataFileError(code="file.cannot_open", params=params, path=str(path)) from None
    except ValueError as error:  # a NUL byte in the name: no file can have it
        params = {"reason": os_reason(error)}
        raise DataFileError(code="file.cannot_open", params=params, path=repr(str(path))) from None


def decode_text(data: bytes, path: str, *, expected: str | Phrase) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else GB18030.

    ``expected`` says what the file should be (``"a TOML file"``) in the messages. Binary
    data, UTF-16 and bytes that are neither UTF-8 nor GB18030 raise
    :class:`~pension_subsidy.DataFileError` naming ``path`` and the line.
    """
    for bom, shown in _UTF16_BOMS:
        if data.startswith(bom):
            # Notepad's "Unicode": unambiguous, but no other reader of ours takes it either
            raise DataFileError(
                code="file.utf16",
                params={"bom": shown, "expected": expected},
                path=path,
                line=1,
            )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DataFileError(
            code="file.nul_byte", params={"expected": expected}, path=path, line=line
        )
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        line = data[: utf8_error.start].count(b"\n") + 1
        if _mostly_utf8(data):
            # a UTF-8 file with a broken (or cut) character, not a GB18030 file: decoding it
            # as GB18030 would only hide where it broke
            raise DataFileError(
                code="file.bad_utf8",
                params={
                    "offset": utf8_error.start,
                    "bytes": repr(data[utf8_error.start : utf8_error.start + 4]),
                },
                path=path,
                line=line,
            ) from None
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise DataFileError(
                code="file.bad_gb18030",
                params={"expected": expected, "bytes": repr(data[error.start : error.start + 1])},
                path=path,
                line=line,
            ) from None
    return check_text(text, path, expected=expected)


def _mostly_utf8(data: bytes) -> bool:
    """Whether more non-ASCII characters decode as UTF-8 than fail to.

    GB18030 text happens to hold valid UTF-8 now and then (实 is CA B5, which UTF-8 reads as
    ʵ), so one valid character before the first error proves nothing; a UTF-8 file broken
    in one place decodes almost entirely, a GB18030 file almost not at all.
    """
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    decoded = sum(1 for char in lenient if char >= "\x80") - broken
    return decoded > broken


def check_text(text: str, path: str, *, expected: str | Phrase) -> str:
    """``text`` without a leading BOM, refusing the characters binary data decodes to.

    A control, surrogate, private-use or unassigned character raises
    :class:`~pension_subsidy.DataFileError` naming ``path`` and the line.
    """
    text = text.removeprefix("\ufeff")
    for index, char in enumerate(text):
        if char not in "\t\r\n" and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            line = text.count("\n", 0, index) + 1
            raise DataFileError(
                code="file.control_character",
                params={"codepoint": f"{ord(char):04X}", "expected": expected},
                path=path,
                line=line,
            )
    return text


#: What the csv module says is wrong, by the code each has in the message catalogue.
_CSV_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"unexpected end of data"), "csv.reason.unexpected_end"),
    (re.compile(r"(?P<after>'.') expected after (?P<quote>'.')"), "csv.reason.expected_after"),
    (re.compile(r"field larger than field limit \((?P<limit>\d+)\)"), "csv.reason.field_limit"),
)


def csv_reason(error: csv.Error) -> Phrase:
    """The csv module's reason as a phrase said in each language (its words when unknown).

    One function for every CSV reader (the disclosure tables, the forms' pasted text).

    >>> csv_reason(csv.Error("unexpected end of data"))
    Phrase('csv.reason.unexpected_end', 'unexpected end of data')
    """
    text = str(error)
    for pattern, code in _CSV_REASONS:
        if found := pattern.fullmatch(text):
            return Phrase(code, text, **found.groupdict())
    return Phrase("csv.reason", text)
