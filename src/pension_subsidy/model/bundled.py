"""The one marker naming a bundled file in paths and messages (内置文件的标记).

A file shipped with the library is named ``national.toml (bundled)`` where errors and JSON
``origin`` fields name it; the marker is built here only, and the values read from such a
file carry a ``bundled`` flag beside their path, so that ``output/`` says 内置 or bundled
without taking the path apart.

>>> bundled_path("kinds.toml")
'kinds.toml (bundled)'
"""

from __future__ import annotations

from typing import Final

__all__ = ["BUNDLED_MARK", "bundled_path"]

#: What follows a bundled file's name where a path is shown (an error's file, ``origin``).
BUNDLED_MARK: Final = " (bundled)"


def bundled_path(name: str) -> str:
    """How a bundled file ``name`` is named in messages and ``origin`` fields."""
    return name + BUNDLED_MARK
