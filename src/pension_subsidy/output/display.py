r"""Text from a source as people read it: LaTeX comparators shown as the signs they stand for.

Some disclosure tables were typed in a web editor that keeps LaTeX: ``$\geq 100\%$`` where a
person wrote ``≥100%``. The readers understand both (:mod:`pension_subsidy.disclosure.
indicator_text`); what the library shows a person — text, HTML, workbooks — shows the sign
(:func:`display_text`). Only where the source is quoted verbatim (an audit finding's
location, a JSON field that is the source text such as an indicator's ``text``) is the LaTeX
kept, so that a reader can find the line as it was written.

>>> display_text(r"1. 养老保险参保率 $\geq 100\%$")
'1. 养老保险参保率 ≥100%'
>>> display_text("社保政策宣传成本 ≤6万元")
'社保政策宣传成本 ≤6万元'
"""

from __future__ import annotations

import re

__all__ = ["display_text"]

#: The LaTeX commands a source writes a comparator with, and the sign each stands for.
_COMMANDS = {
    "geqslant": "≥",
    "leqslant": "≤",
    "textgreater": ">",
    "textless": "<",
    "geq": "≥",
    "leq": "≤",
    "neq": "≠",
    "ge": "≥",
    "le": "≤",
    "gt": ">",
    "lt": "<",
    "ne": "≠",
}
#: A comparator command (longest first, not followed by a letter: ``\geqx`` is no ``\geq``),
#: with the spaces after it, which LaTeX does not show either. The backslash may be doubled,
#: as a message that quotes the source with ``repr`` writes it.
_COMMAND = re.compile(
    r"\\+(" + "|".join(sorted(_COMMANDS, key=len, reverse=True)) + r")(?![A-Za-z])\s*"
)
#: ``\%`` (LaTeX's escaped percent sign), its backslash doubled or not.
_PERCENT = re.compile(r"\\+%")
#: An inline formula ``$…$`` holding a comparator command or an escaped ``%``: shown without
#: its dollars. A ``$`` that opens no such formula (a dollar amount) is left as written.
_FORMULA = re.compile(r"\$([^$\n]*?(?:\\(?:[A-Za-z]+|%))[^$\n]*?)\$")


def _signs(text: str) -> str:
    r"""The comparator commands and ``\%`` of ``text`` as signs."""
    return _PERCENT.sub("%", _COMMAND.sub(lambda match: _COMMANDS[match[1]], text))


def display_text(source_text: str) -> str:
    r"""``source_text`` as shown to people: ``$\geq 100\%$`` → ``≥100%``, ``\leq 6`` → ``≤6``.

    A formula's dollars are dropped and its comparator commands (``\geq``, ``\ge``,
    ``\geqslant``, ``\leq``, ``\le``, ``\gt``, ``\lt``, ``\textgreater``, ``\textless``,
    ``\neq``) become their signs, with the space after them dropped, as LaTeX prints them;
    ``\%`` becomes ``%``. Text with no LaTeX is returned unchanged.

    >>> display_text(r"受益群众满意度 $\geq 90\%$，宣传成本 \leq 6万元")
    '受益群众满意度 ≥90%，宣传成本 ≤6万元'
    >>> display_text(r"indicator '参保率 $\\geq 100\\%$'")
    "indicator '参保率 ≥100%'"
    >>> display_text("US$5 and $6")
    'US$5 and $6'
    """
    if "\\" not in source_text:
        return source_text
    text = _FORMULA.sub(lambda match: _signs(match[1]).strip(), source_text)
    return _signs(text) if "\\" in text else text
