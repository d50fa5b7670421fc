r"""The indicators of an outline: headings give the levels, each line a name and a target.

A target is a number with an optional comparator (≥ ≤ > < in ASCII, full-width or LaTeX
such as ``$\geq 100\%$``) and unit, or a word (健全).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pension_subsidy.disclosure.model import (
    OutlineEntry,
    OutlineLevel,
)
from pension_subsidy.disclosure.numbers import NUMBER, normalise_digits
from pension_subsidy.disclosure.outline import _LEVEL3
from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.model.indicators import Comparator, Indicator, Level1, Level2
from pension_subsidy.money import parse_number

_LEVEL1_WORDS = (
    ("满意", Level1.SATISFACTION),
    ("产出", Level1.OUTPUT),
    ("成本", Level1.OUTPUT),
    ("效益", Level1.BENEFIT),
)
_LEVEL2_WORDS = (
    ("数量", Level2.QUANTITY),
    ("质量", Level2.QUALITY),
    ("时效", Level2.TIMELINESS),
    ("成本", Level2.COST),
    ("经济效益", Level2.ECONOMIC),
    ("社会效益", Level2.SOCIAL),
    ("生态效益", Level2.ECOLOGICAL),
    ("可持续", Level2.SUSTAINABLE),
    ("满意", Level2.BENEFICIARY_SATISFACTION),
)
_COMPARATOR = (
    r"(?:>=|<=|==|\\geq|\\leq|\\ge|\\le|\\gt|\\lt|\\textgreater|\\textless"
    r"|[≥≤><=＞＜＝≧≦⩾⩽])"
)
_QUANTITATIVE = re.compile(
    rf"^(?P<name>.*?\S)\s*(?P<cmp>{_COMPARATOR})?\s*(?P<number>{NUMBER})\s*"
    r"(?P<unit>万元|万|元|人|次|%|％|天|个|项|户|村)?$"
)
_QUALITATIVE = re.compile(r"^(?P<name>.*?\S)\s+(?P<word>[^\s\d<>=≥≤＜＞＝\\$]+)$")


def _indicators(outline: Sequence[OutlineEntry]) -> Iterator[Indicator]:
    level1: Level1 | None = None
    level2: Level2 | None = None
    for entry in outline:
        heading = re.sub(r"^\S*?[、)）]\s*", "", entry.text.strip(), count=1)
        if entry.level is OutlineLevel.LEVEL1:
            level1 = next((level for word, level in _LEVEL1_WORDS if word in heading), None)
            if level1 is None:
                params = {"heading": repr(entry.text)}
                raise DataFileError(code="table.unknown_level1", params=params)
            level2 = Level2.COST if "成本" in heading and "产出" not in heading else None
            if level1 is Level1.SATISFACTION:
                level2 = Level2.BENEFICIARY_SATISFACTION
        elif entry.level is OutlineLevel.LEVEL2:
            level2 = next((level for word, level in _LEVEL2_WORDS if word in heading), None)
            if level2 is None or level1 is None or level2.level1 is not level1:
                under = level1.name_zh if level1 is not None else Phrase("table.no_level1")
                said: dict[str, object] = {"heading": repr(entry.text), "under": under}
                raise DataFileError(code="table.not_level2", params=said)
        else:
            if level1 is None or level2 is None:
                params = {"indicator": repr(entry.text)}
                raise DataFileError(code="table.indicator_without_heading", params=params)
            yield _indicator(entry.text, level1, level2)


def _indicator(text: str, level1: Level1, level2: Level2) -> Indicator:
    body = normalise_digits(_LEVEL3.sub(r"\2", text.strip()))
    body = body.replace("$", "").replace("\\%", "%").replace("％", "%").strip()
    quantitative = _QUANTITATIVE.match(body)
    if quantitative:
        comparator = None
        if quantitative["cmp"]:
            comparator = Comparator.parse(quantitative["cmp"])
        unit = {"万": "万元", None: ""}.get(quantitative["unit"], quantitative["unit"])
        return Indicator(
            level1=level1,
            level2=level2,
            name=quantitative["name"].strip(),
            comparator=comparator,
            target=parse_number(quantitative["number"], field="target"),
            unit=unit,
            text=text,
        )
    qualitative = _QUALITATIVE.match(body)
    if qualitative:
        return Indicator(
            level1=level1,
            level2=level2,
            name=qualitative["name"].strip(),
            comparator=None,
            target=qualitative["word"],
            text=text,
        )
    raise DataFileError(code="table.bad_indicator", params={"indicator": repr(text)})
