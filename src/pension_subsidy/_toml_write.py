r"""Writing a dataset mapping as TOML text that :mod:`tomllib` reads back equal.

:func:`toml_text` is the inverse of parsing for the values a dataset holds — strings,
integers, booleans, arrays and tables — laid out as the bundled ``data/menyuan-2022.toml``
is: a ``[dataset]`` table, then ``[[units]]``, ``[[units.projects]]`` and
``[[units.projects.components]]`` sections; other tables (``funding = { … }``) inline and
other arrays of tables (indicators, tiers, age bands) one inline table a line. Strings are
basic strings: ``"`` and ``\`` escaped, control characters as ``\n``, ``\t`` or ``\uXXXX``,
everything else (Chinese text included) kept as it is.

>>> import tomllib
>>> mapping = {"dataset": {"key": "示例", "year": 2023},
...            "units": [{"code": "901", "name_zh": '甲"县"\\',
...                       "funding": {"county": "100%"}}]}
>>> print(toml_text(mapping, source="table.csv"), end="")
# A pension_subsidy dataset file, converted from table.csv.
<BLANKLINE>
[dataset]
key = "示例"
year = 2023
<BLANKLINE>
[[units]]
code = "901"
name_zh = "甲\"县\"\\"
funding = { county = "100%" }
>>> tomllib.loads(toml_text(mapping)) == mapping
True
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["SECTION_KEYS", "toml_text"]

#: Arrays of tables written as ``[[…]]`` sections (at a section's level); others go inline.
SECTION_KEYS: Final = frozenset({"units", "projects", "components", "component_kinds"})

#: Beyond this many characters an array of two or more items is written one item a line.
_LINE: Final = 88
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    parts = []
    for character in text:
        if character in _ESCAPES:
            parts.append(_ESCAPES[character])
        elif ord(character) < 0x20 or ord(character) == 0x7F:
            parts.append(f"\\u{ord(character):04x}")
        else:
            parts.append(character)
    return '"' + "".join(parts) + '"'


def _key(key: object, where: str) -> str:
    if not isinstance(key, str):
        msg = f"{where}: a TOML key is a string, got {key!r}"
        raise TypeError(msg)
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _scalar(value: object, where: str) -> str | None:  # noqa: PLR0911 — one return per type
    """A string, number, boolean, date or time as TOML writes it (None for a container)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            msg = f"{where}: a TOML time of day has no UTC offset, got {value!r}"
            raise TypeError(msg)
        return value.isoformat()
    return None


def _value(value: object, where: str, indent: str = "") -> str:
    """One value written inline (a table as ``{ … }``, an array as ``[ … ]``).

    An array of tables, or one too long for a line, is written one item a line, each
    indented two spaces more than ``indent`` (as the bundled dataset writes its indicators).
    """
    scalar = _scalar(value, where)
    if scalar is not None:
        return scalar
    if isinstance(value, Mapping):
        pairs = [
            f"{_key(key, where)} = {_value(item, f'{where}.{key}', indent)}"
            for key, item in value.items()
        ]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    if isinstance(value, Sequence):
        inner = indent + "  "
        items = [_value(item, f"{where}[{index}]", inner) for index, item in enumerate(value)]
        one_line = "[" + ", ".join(items) + "]"
        tables = bool(items) and all(isinstance(item, Mapping) for item in value)
        if not tables and (len(one_line) <= _LINE or len(items) < 2) and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"{inner}{item},\n" for item in items) + f"{indent}]"
    msg = f"{where}: TOML cannot hold {type(value).__name__} values, got {value!r}"
    raise TypeError(msg)


def _is_sections(key: str, value: object) -> bool:
    """Whether ``value`` is written as ``[[key]]`` sections rather than inline."""
    return (
        key in SECTION_KEYS
        and isinstance(value, list)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


def _table(lines: list[str], path: list[str], table: Mapping[str, Any], where: str) -> None:
    """A section's own keys, then its arrays of tables as ``[[path.key]]`` sections."""
    sections = []
    for key, value in table.items():
        if _is_sections(key, value):
            sections.append((key, value))
        else:
            lines.append(f"{_key(key, where)} = {_value(value, f'{where}.{key}')}")
    for key, items in sections:
        header = ".".join([*path, _key(key, where)])
        for index, item in enumerate(items):
            lines += ["", f"[[{header}]]"]
            _table(lines, [*path, _key(key, where)], item, f"{where}.{key}[{index}]")


def _comment(text: str) -> str:
    r"""``text`` on one comment line: control characters (but tabs) shown as ``\uXXXX``."""
    return "".join(
        f"\\u{ord(c):04x}" if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F else c for c in text
    )


def toml_text(mapping: Mapping[str, Any], *, source: str | None = None) -> str:
    """``mapping`` as TOML text, headed by a comment naming the ``source`` it came from.

    The top level's tables become ``[name]`` sections (after its other keys), the arrays
    of tables named in :data:`SECTION_KEYS` ``[[…]]`` sections, everything else inline;
    :func:`tomllib.loads` of the text equals ``mapping``. A value TOML cannot hold (None,
    a Decimal, a key that is not a string) raises :class:`TypeError` naming its place.
    """
    lines: list[str] = []
    if source is not None:
        lines += [f"# A pension_subsidy dataset file, converted from {_comment(source)}.", ""]
    inline = {
        key: value
        for key, value in mapping.items()
        if not isinstance(value, Mapping) and not _is_sections(str(key), value)
    }
    _table(lines, [], inline, "")
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            if lines and lines[-1] != "":
                lines.append("")
            lines.append(f"[{_key(key, '')}]")
            _table(lines, [_key(key, "")], value, str(key))
    sections = {key: value for key, value in mapping.items() if _is_sections(str(key), value)}
    _table(lines, [], sections, "")
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines) + "\n" if lines else ""
