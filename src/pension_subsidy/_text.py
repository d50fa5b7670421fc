"""Small rules about text that several layers share.

Formula leads in spreadsheet cells, the Chinese numerals headings are numbered with (一 … 九十九)
and the width of text on a terminal. Layer 1, beside :mod:`pension_subsidy.money`: imports
nothing of the package.

>>> neutralise_formula("=1+1"), neutralise_formula("目标")
("'=1+1", '目标')
>>> chinese_numeral(23), parse_chinese_numeral("二十三"), display_width("参保 rate")
('二十三', 23, 9)
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "CHINESE_NUMERAL_PATTERN",
    "FORMULA_LEADS",
    "chinese_numeral",
    "display_width",
    "neutralise_formula",
    "parse_chinese_numeral",
]

#: The first characters that make a spreadsheet run a cell as a formula (OWASP: ``= + - @``,
#: tab and carriage return). The disclosure reader's ``unescape_formula`` undoes the same set.
FORMULA_LEADS = "=+-@\t\r"


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: ``'`` before a leading formula lead.

    The leads are :data:`FORMULA_LEADS`: = + - @, tab and carriage return. A cell that
    already begins with ``'`` before such a lead gets one more, so that the reader's
    :func:`~pension_subsidy.disclosure.read.unescape_formula` gives it back exactly.
    """
    stripped = cell.lstrip("'")
    if stripped[:1] and stripped[0] in FORMULA_LEADS:
        return "'" + cell
    return cell


_NUMERALS = "一二三四五六七八九"
_DIGITS = {numeral: value for value, numeral in enumerate(_NUMERALS, start=1)}

#: A regular expression of a heading's Chinese numeral (一, 十二, 九十九 — and the
#: characters' other runs, which :func:`parse_chinese_numeral` reads as 0): one place for
#: every reader that finds numbered headings.
CHINESE_NUMERAL_PATTERN = f"[{_NUMERALS}十]+"


def parse_chinese_numeral(text: str) -> int:
    """一 … 九十九 as an int (一 → 1, 十 → 10, 十二 → 12, 二十 → 20); 0 for anything else.

    >>> [parse_chinese_numeral(text) for text in ("二十三", "十", "十十", "一二", "〇")]
    [23, 10, 0, 0, 0]
    """
    if "十" not in text:
        return _DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return 0  # 十十, 一二十: no numeral a heading is numbered with
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)


def chinese_numeral(number: int) -> str:
    """0 … 99 as headings number them (12 → 十二, 20 → 二十); the inverse of the parser.

    >>> [chinese_numeral(number) for number in (0, 1, 10, 12, 20, 99)]
    ['〇', '一', '十', '十二', '二十', '九十九']
    """
    if number < 10:
        return _NUMERALS[number - 1] if number > 0 else "〇"
    tens, ones = divmod(number, 10)
    return (_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_NUMERALS[ones - 1] if ones else "")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and full-width characters (汉字, ％) take two.

    >>> display_width("参保率"), display_width("rate"), display_width("１００％")
    (6, 4, 8)
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
