"""Small rules about text that several layers share: formula leads in spreadsheet cells.

Layer 1, beside :mod:`pension_subsidy.money`: imports nothing of the package.

>>> neutralise_formula("=1+1"), neutralise_formula("目标")
("'=1+1", '目标')
"""

from __future__ import annotations

__all__ = ["FORMULA_LEADS", "neutralise_formula"]

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
