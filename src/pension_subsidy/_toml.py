r"""Reading TOML data files: the user's own (errors name the file) and the bundled ones.

Every TOML file a user gives — a dataset, county parameters, roster rules, actuals — is
read here: its bytes are decoded as the disclosure tables are (UTF-8, UTF-8 with a BOM, or
GB18030 as Notepad and WPS save "ANSI" text; see :mod:`pension_subsidy._encoding`), then
parsed. Anything that cannot be read raises :class:`~pension_subsidy.DataFileError` naming
the file (and the line when TOML says which).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder, "county.toml")
...     _ = path.write_bytes('name = "门源县"\n'.encode("gb18030"))
...     read_toml_file(path)
{'name': '门源县'}
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pension_subsidy._encoding import decode_text, read_bytes
from pension_subsidy.exceptions import DataFileError, Phrase

__all__ = [
    "TomlDocument",
    "parse_toml",
    "read_bundled_toml",
    "read_toml_document",
    "read_toml_file",
]

_DATA = "pension_subsidy.data"
_EXPECTED = Phrase("file.kind.toml")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


# tomllib's own words for what is wrong, by the code each has in the message catalogue
_TOML_REASONS: dict[str, str] = {
    "Invalid value": "invalid_value",
    "Invalid statement": "invalid_statement",
    "Expected '=' after a key in a key/value pair": "expected_equals",
    "Expected ']' at the end of a table declaration": "expected_table_end",
    "Expected ']]' at the end of an array declaration": "expected_array_table_end",
    "Expected newline or end of document after a statement": "expected_newline",
    "Cannot overwrite a value": "cannot_overwrite",
    "Unclosed array": "unclosed_array",
    "Unclosed inline table": "unclosed_inline_table",
    "Unterminated string": "unterminated_string",
    "Invalid date or datetime": "invalid_date",
    "Invalid hex value": "invalid_hex",
    "Invalid initial character for a key part": "invalid_key_start",
    "Unescaped '\\' in a string": "unescaped_backslash",
}
_TOML_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Cannot declare (?P<key>.+) twice"), "declared_twice"),
    (re.compile(r"Found invalid character (?P<char>.+)"), "invalid_character"),
    (re.compile(r"Illegal character (?P<char>.+)"), "illegal_character"),
    (re.compile(r"Duplicate inline table key (?P<key>.+)"), "duplicate_key"),
    (re.compile(r"Expected (?P<char>'.+')"), "expected_char"),
)
_AT_END = " (at end of document)"
_TOML_AT = re.compile(r"(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)", re.DOTALL)


def _toml_reason(error: Exception) -> Phrase:
    """What tomllib (or int()) says is wrong, as a phrase said in each language."""
    text = str(error)
    where = _TOML_AT.fullmatch(text)
    at_end = text.endswith(_AT_END) and where is None
    what = where["what"] if where else text.removesuffix(_AT_END) if at_end else text
    code = _TOML_REASONS.get(what)
    said = Phrase(f"toml.reason.{code}", what) if code else None
    for pattern, name in _TOML_PATTERNS if said is None else ():
        if found := pattern.fullmatch(what):
            said = Phrase(f"toml.reason.{name}", what, **found.groupdict())
            break
    if said is None:
        said = Phrase("toml.reason.other", what)
    if at_end:
        return Phrase("toml.reason.at_end", text, what=said)
    if where is None:
        return said
    line, column = int(where["line"]), int(where["column"])
    return Phrase("toml.reason.at", text, what=said, line=line, column=column)


@attrs.frozen
class TomlDocument:
    """A user's TOML file as read: its decoded ``text`` (for finding lines) and its ``data``."""

    path: str
    text: str
    data: dict[str, Any]


def read_toml_document(path: str | Path) -> TomlDocument:
    """Read and parse a user's TOML file; anything unreadable raises DataFileError."""
    file = Path(path)
    name = str(file)
    text = decode_text(read_bytes(file), name, expected=_EXPECTED)
    return TomlDocument(path=name, text=text, data=parse_toml(text, name))


def read_toml_file(path: str | Path) -> dict[str, Any]:
    """Parse a user's TOML file; an unreadable or malformed file raises DataFileError."""
    return read_toml_document(path).data


def parse_toml(text: str, path: str) -> dict[str, Any]:
    """Parse TOML ``text`` read from ``path``; every failure is a DataFileError naming it."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        params = {"reason": _toml_reason(error)}
        raise DataFileError(code="toml.invalid", params=params, path=path, line=line) from None
    except RecursionError:
        # tomllib recurses into nested arrays and inline tables: [[[[… a thousand deep
        raise DataFileError(code="toml.too_deep", path=path) from None
    except ValueError as error:
        # an integer of thousands of digits exceeds int()'s limit on conversions from str
        params = {"reason": _toml_reason(error)}
        raise DataFileError(code="toml.invalid", params=params, path=path) from None


def read_bundled_toml(*parts: str, package: str = _DATA) -> dict[str, Any]:
    """Parse a TOML file shipped in ``package`` (default ``pension_subsidy/data``).

    ``parts`` is its path there. The bundled files are ours, UTF-8 and tested: no decoding
    guess is needed and an error in them is a bug, so it is not turned into DataFileError.
    """
    resource = resources.files(package)
    for part in parts:
        resource = resource.joinpath(part)
    with resource.open("rb") as stream:
        return tomllib.load(stream)
