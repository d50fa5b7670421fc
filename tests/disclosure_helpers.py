"""Seed variants for the disclosure tests: the seed table with planted changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

SEED_PATH = Path(__file__).parent / "data" / "menyuan-2022-disclosure.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")

#: Changes that make the seed honest and consistent: the fund's components add up to
#: its amount (144.6万 over 72,300 payers is 20 元 each), one insured target, ceilings
#: within the amounts, one 参保率 target, no ≥ 100 % target, headings in sequence.
HONEST = (
    ("预计县级缴费补贴138.6万元", "预计县级缴费补贴144.6万元"),
    ("预计缴费71104人", "预计缴费72300人"),
    ("预计缴费人数 71104人", "预计缴费人数 72300人"),
    ("<p>2. 养老保险补贴政策宣传成本 ≤ 6万元</p> ", ""),
    ("预计参保人数 96410人", "预计参保人数 91700人"),
    ("单位工作运转成本 ≤13.8万", "单位工作运转成本 ≤8.5万"),
    ("养老保险参保率 >98%", "养老保险参保率 ≥98%"),
    ("养老保险参保率 $\\geq 100\\%$", "养老保险参保率 $\\geq 98\\%$"),
    ("<p>二、满意度指标</p>", "<p>三、满意度指标</p>"),
)


def variant(*changes: tuple[str, str], text: str = SEED_TEXT) -> str:
    """The seed with each (old, new) replaced once; fails if ``old`` is not in it."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def honest(*changes: tuple[str, str]) -> str:
    """The honest seed with more changes planted."""
    return variant(*changes, text=variant(*HONEST))


def same(disclosure: Any) -> Any:
    """The disclosure without the name of the file it came from, to compare across files."""
    return attrs.evolve(disclosure, budget=attrs.evolve(disclosure.budget, source=""))


_NAMES = {"name_en", "name_zh", "name", "title", "dataset"}


def figures(data: Any) -> Any:
    """The report data without names and titles: keys, counts, amounts, totals, statuses."""
    if isinstance(data, dict):
        return {key: figures(value) for key, value in data.items() if key not in _NAMES}
    if isinstance(data, list):
        return [figures(value) for value in data]
    return data
