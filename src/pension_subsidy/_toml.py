"""Reading TOML data files: the user's own (errors name the file) and the bundled ones."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pension_subsidy.exceptions import DataFileError

_DATA = "pension_subsidy.data"


def read_toml_file(path: str | Path) -> dict[str, Any]:
    """Parse a user's TOML file; an unreadable or malformed file raises DataFileError."""
    file = Path(path)
    try:
        with file.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise DataFileError(f"cannot open: {error.strerror}", path=str(file)) from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"not valid TOML: {error}", path=str(file)) from None


def read_bundled_toml(*parts: str) -> dict[str, Any]:
    """Parse a TOML file shipped in ``pension_subsidy/data`` (``parts`` is its path there)."""
    resource = resources.files(_DATA)
    for part in parts:
        resource = resource.joinpath(part)
    with resource.open("rb") as stream:
        return tomllib.load(stream)
