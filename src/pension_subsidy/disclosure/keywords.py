"""The keyword tables of the disclosure (``disclosure/keywords.toml``), parsed once.

Component words (缴费补贴, 重度残疾 …), project kinds and the audit's words live in data, so a
county that writes its table differently needs a table edit, not code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pension_subsidy._toml import read_bundled_toml

__all__ = ["keywords"]


@cache
def keywords() -> dict[str, Any]:
    """The keyword tables (``disclosure/keywords.toml``), parsed once."""
    return read_bundled_toml("keywords.toml", package="pension_subsidy.disclosure")
