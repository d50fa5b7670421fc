"""The keyword tables of the disclosure (``disclosure/keywords.toml``), parsed once.

Component words (缴费补贴, 重度残疾 …), project kinds and the audit's words live in data, so a
county that writes its table differently needs a table edit, not code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pension_subsidy._toml import read_bundled_toml

__all__ = ["keywords", "project_kind"]


@cache
def keywords() -> dict[str, Any]:
    """The keyword tables (``disclosure/keywords.toml``), parsed once."""
    return read_bundled_toml("keywords.toml", package="pension_subsidy.disclosure")


def project_kind(name: str) -> tuple[str, str] | None:
    """(key, English name) of the first project kind whose words a project's name has, or None.

    A kind names one ``keyword`` or an ``all_of`` list that must all occur (spaces in the name
    do not count): the residents' pension county supporting fund needs 城乡居民, 养老 and
    配套资金, so a medical-insurance 配套资金 is no kind of its own (a generic project).

    >>> project_kind("城乡居民养老保险 县级配套资金")
    ('county_supporting_fund', "County supporting fund for the urban-rural residents' pension")
    >>> project_kind("城乡居民医疗保险配套资金") is None
    True
    """
    compact = "".join(name.split())
    for kind in keywords()["project_kinds"]:
        words = kind.get("all_of") or [kind["keyword"]]
        if all("".join(str(word).split()) in compact for word in words):
            return str(kind["key"]), str(kind["name_en"])
    return None
