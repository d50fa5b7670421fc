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
from pension_subsidy.exceptions import DataFileError

__all__ = [
    "TomlDocument",
    "parse_toml",
    "read_bundled_toml",
    "read_toml_document",
    "read_toml_file",
]

_DATA = "pension_subsidy.data"
_EXPECTED = "a TOML file"
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


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
        raise DataFileError(f"not valid TOML: {error}", path=path, line=line) from None
    except RecursionError:
        # tomllib recurses into nested arrays and inline tables: [[[[… a thousand deep
        raise DataFileError("not valid TOML: arrays or tables nested too deeply",
                            path=path) from None  # fmt: skip
    except ValueError as error:
        # an integer of thousands of digits exceeds int()'s limit on conversions from str
        raise DataFileError(f"not valid TOML: {error}", path=path) from None


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
