"""The disclosure tables bundled with the library: their names, bytes and readings.

Choosing a command's source (a dataset, a workbook or a table) is
:mod:`pension_subsidy.sources`' job, above this package.

>>> bundled_disclosure_names()
('menyuan-2022',)
"""

from __future__ import annotations

import importlib
from importlib import resources
from typing import Any

from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.read import decode_table, parse_disclosure
from pension_subsidy.exceptions import UnknownKeyError

__all__ = [
    "bundled_disclosure_names",
    "bundled_disclosure_text",
    "load_bundled_disclosure",
]


_DATA = "pension_subsidy.data"
_SUFFIX = "-disclosure.txt"


def bundled_disclosure_names() -> tuple[str, ...]:
    """The disclosure tables bundled with the library, by name (``"menyuan-2022"``)."""
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in resources.files(_DATA).iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def bundled_disclosure_text(name: str = "menyuan-2022") -> bytes:
    """The bundled table ``name`` exactly as published (the seed's bytes).

    Raises :class:`~pension_subsidy.UnknownKeyError` for an unknown name.
    """
    names = bundled_disclosure_names()
    if name not in names:
        params = {"name": repr(name), "names": ", ".join(names)}
        raise UnknownKeyError(code="source.no_bundled_table", params=params, key=name, known=names)
    return resources.files(_DATA).joinpath(name + _SUFFIX).read_bytes()


def load_bundled_disclosure(name: str = "menyuan-2022") -> Disclosure:
    """Read the bundled table ``name`` (the 2022 Menyuan seed by default).

    Its budget's key is ``name``, as the bundled dataset's.
    """
    text = decode_table(bundled_disclosure_text(name), name + _SUFFIX)
    return parse_disclosure(text, name=name + _SUFFIX + " (bundled)", key=name)


#: The names that moved to :mod:`pension_subsidy.sources` (the layer above the features).
_MOVED = ("load_disclosure", "load_source")


def __getattr__(name: str) -> Any:
    """``load_source`` and ``load_disclosure``, still importable from here for one release.

    Deprecated: they choose among the features, so they live in
    :mod:`pension_subsidy.sources` now; imported by name on first use, as this package may
    not import the layer above it.
    """
    if name in _MOVED:
        return getattr(importlib.import_module("pension_subsidy.sources"), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
