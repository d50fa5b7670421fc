"""The outline of an indicator cell: its paragraphs and their numbering (一、 / (一) / 1.).

>>> [entry.level.name for entry in outline_entries(["一、产出指标", "(一)数量指标", "1.人数 50人"])]
['LEVEL1', 'LEVEL2', 'INDICATOR']
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pension_subsidy._text import CHINESE_NUMERAL_PATTERN, parse_chinese_numeral
from pension_subsidy.disclosure.model import (
    OutlineEntry,
    OutlineLevel,
)
from pension_subsidy.disclosure.numbers import normalise_digits
from pension_subsidy.disclosure.text_rows import _lines
from pension_subsidy.exceptions import DataFileError

__all__ = ["chinese_number", "outline_entries", "paragraphs"]

#: The heading-numeral parser under its older name (one rule: :mod:`pension_subsidy._text`).
chinese_number = parse_chinese_numeral

_TAG = re.compile(r"<\s*(/?)\s*(p|br)\b[^<>]*?/?\s*>", re.IGNORECASE)


def paragraphs(cell: str) -> tuple[str, ...]:
    r"""The paragraphs of a cell: ``<p>`` fragments (``<br>`` splits too), else its lines.

    Raises ValueError for an unclosed or stray ``<p>``: the row is probably truncated.

    >>> paragraphs("<p>目标一：a</p> <p>目标二：b</p>")
    ('目标一：a', '目标二：b')
    >>> paragraphs("1.人数 50人\n2.次数 ≥28次")
    ('1.人数 50人', '2.次数 ≥28次')
    """
    if not _TAG.search(cell):
        return tuple(_clean(line) for line in _lines(cell) if line.strip())
    found: list[str] = []
    inside = False
    position = 0
    for match in _TAG.finditer(cell):
        text = cell[position : match.start()]
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "br":
            if text.strip():
                found.append(_clean(text))
        elif closing:
            if not inside:
                params = {"at": repr(cell[match.start() :][:20])}
                raise DataFileError(code="table.stray_close_p", params=params)
            found.append(_clean(text))
            inside = False
        else:
            if inside:
                params = {"at": repr(cell[match.start() :][:20])}
                raise DataFileError(code="table.nested_p", params=params)
            if text.strip():
                found.append(_clean(text))
            inside = True
        position = match.end()
    if inside:
        raise DataFileError(code="table.unclosed_p")
    if cell[position:].strip():
        found.append(_clean(cell[position:]))
    return tuple(text for text in found if text)


def _clean(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", html.unescape(text)).strip()


_LEVEL1 = re.compile(rf"^({CHINESE_NUMERAL_PATTERN})\s*[、.．]\s*(.+)$")
_LEVEL2 = re.compile(rf"^[(（]\s*({CHINESE_NUMERAL_PATTERN})\s*[)）]\s*(.+)$")
# at most nine digits: an indicator number, not a figure (and int() of it is quick)
_LEVEL3 = re.compile(r"^(\d{1,9})\s*[.．、]\s*(.+)$")


def outline_entries(items: Sequence[str]) -> tuple[OutlineEntry, ...]:
    """Classify each paragraph of an indicator cell as a heading or an indicator."""
    entries = []
    for text in items:
        normal = normalise_digits(text)
        level1, level2, level3 = _LEVEL1.match(normal), _LEVEL2.match(normal), _LEVEL3.match(normal)
        if level1 and parse_chinese_numeral(level1.group(1)):
            entries.append(
                OutlineEntry(OutlineLevel.LEVEL1, parse_chinese_numeral(level1.group(1)), text)
            )
        elif level2 and parse_chinese_numeral(level2.group(1)):
            entries.append(
                OutlineEntry(OutlineLevel.LEVEL2, parse_chinese_numeral(level2.group(1)), text)
            )
        elif level3:
            entries.append(OutlineEntry(OutlineLevel.INDICATOR, int(level3.group(1)), text))
        else:
            params = {"text": repr(text[:30])}
            raise DataFileError(code="table.unnumbered_paragraph", params=params)
    return tuple(entries)
