"""A roster's header: which column holds each field (English, Chinese or mapped names).

The first row is the header. Each of the roster's fields is found by its English name, by
its Chinese name, or through a ``columns`` mapping for other exports:

=============  ==========  ===============================================================
field          中文表头      values
=============  ==========  ===============================================================
person_id      人员编号      any text, not empty, unique
township       乡镇          text
village        村            text
birth_date     出生日期      YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD
paying         是否缴费      1 or 0 (是 or 否)
grade          缴费档次      the contribution grade in 元; empty when not paying
disability     残疾类别      empty, severe, mild, 重度 or 轻度
poverty        建档立卡      1 or 0 (是 or 否)
cadre          村干部        1 or 0 (是 or 否)
land_loss      失地农民      1 or 0 (是 or 否)
receiving      领取待遇      1 or 0 (是 or 否)
=============  ==========  ===============================================================

Optional fields (:data:`OPTIONAL_HEADERS`; a roster without the column has no such person):

===============  ====================================  =====================================
field            中文表头 (any one)                      values
===============  ====================================  =====================================
extreme_poverty  特困人员, 特困, 特困供养人员              1 or 0 (是 or 否)
low_income       低保对象, 低保                           1 or 0 (是 or 否)
relapse_risk     监测对象, 返贫致贫, 防止返贫监测对象        1 or 0 (是 or 否)
back_payment     补缴, 是否补缴, 补缴标志                  1 or 0 (是 or 否): a back-payment row
===============  ====================================  =====================================

Other columns are allowed and ignored; every row must have as many fields as the header.

>>> header = ["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
...           "建档立卡", "村干部", "失地农民", "领取待遇", "特困", "补缴"]
>>> resolve_columns(header)
(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
>>> resolve_optional_columns(header)
{'extreme_poverty': 11, 'back_payment': 12}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.roster.classify import FIELDS, OPTIONAL_FIELDS

__all__ = [
    "CHINESE_HEADERS",
    "OPTIONAL_HEADERS",
    "resolve_columns",
    "resolve_optional_columns",
]

#: The Chinese header of each field.
CHINESE_HEADERS: Final[Mapping[str, str]] = {
    "person_id": "人员编号",
    "township": "乡镇",
    "village": "村",
    "birth_date": "出生日期",
    "paying": "是否缴费",
    "grade": "缴费档次",
    "disability": "残疾类别",
    "poverty": "建档立卡",
    "cadre": "村干部",
    "land_loss": "失地农民",
    "receiving": "领取待遇",
}

#: The headers of each optional field (:data:`~pension_subsidy.roster.classify.
#: OPTIONAL_FIELDS`), its English name first: any one of them names the column.
OPTIONAL_HEADERS: Final[Mapping[str, tuple[str, ...]]] = {
    "extreme_poverty": ("extreme_poverty", "特困人员", "特困", "特困供养人员"),
    "low_income": ("low_income", "低保对象", "低保"),
    "relapse_risk": ("relapse_risk", "监测对象", "返贫致贫", "防止返贫监测对象"),
    "back_payment": ("back_payment", "补缴", "是否补缴", "补缴标志"),
}

#: How much of a header a message shows: names, and characters of each.
_SHOWN_NAMES: Final = 16
_SHOWN_CHARS: Final = 40


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None, *, path: str | None = None
) -> tuple[int, ...]:
    """The index in ``header`` of each of the roster's fields.

    ``mapping`` names the header of a field in an export that uses other names, e.g.
    ``{"person_id": "身份证号"}``; a field not mapped is found by its English or Chinese name.
    """
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        said: dict[str, object] = {
            "field": repr(unknown[0]),
            "fields": ", ".join(FIELDS),
            "optional": ", ".join(OPTIONAL_FIELDS),
        }
        raise DataFileError(code="roster.read.unknown_field", params=said, path=path, line=1)
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in positions:
            said = {"column": _shown(name)}
            raise DataFileError(code="roster.read.column_twice", params=said, path=path, line=1)
        positions[name] = index
    columns = []
    for field in FIELDS:
        names = (mapping[field],) if field in mapping else (field, CHINESE_HEADERS[field])
        found = [positions[name] for name in names if name in positions]
        if not found:
            said = _no_column(_joined([repr(name) for name in names], "roster.or"), field, header)
            code = "roster.read.no_column"
            raise DataFileError(code=code, params=said, path=path, line=1, field=field)
        if len(found) > 1:
            said = {"names": _joined([repr(name) for name in names], "roster.and")}
            raise DataFileError(
                code="roster.read.both", params=said, path=path, line=1, field=field
            )
        columns.append(found[0])
    return tuple(columns)


def resolve_optional_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None, *, path: str | None = None
) -> dict[str, int]:
    """The index in ``header`` of each optional field the roster has (:data:`OPTIONAL_HEADERS`).

    A field named in ``mapping`` must be there; one not mapped is looked for by its
    headers, and is absent when none is found.
    """
    mapping = dict(mapping or {})
    positions = {name: index for index, name in enumerate(header)}
    found: dict[str, int] = {}
    for field in OPTIONAL_FIELDS:
        names = (mapping[field],) if field in mapping else OPTIONAL_HEADERS[field]
        present = [name for name in names if name in positions]
        if field in mapping and not present:
            said = _no_column(repr(mapping[field]), field, header)
            code = "roster.read.no_column"
            raise DataFileError(code=code, params=said, path=path, line=1, field=field)
        if len(present) > 1:
            said = {"names": _joined([repr(name) for name in present], "roster.and")}
            raise DataFileError(
                code="roster.read.both", params=said, path=path, line=1, field=field
            )
        if present:
            found[field] = positions[present[0]]
    return found


def _no_column(expected: str | Phrase, field: str, header: Sequence[str]) -> dict[str, object]:
    """What to say of a field no column holds: the names looked for, and the header."""
    return {"expected": expected, "field": field, "header": _shown_header(header)}


def _joined(words: Sequence[str], code: str) -> str | Phrase:
    """``'a' or 'b' or 'c'`` (``code`` says the word between), said in each language."""
    if len(words) == 1:
        return words[0]
    return Phrase(code, first=words[0], second=_joined(words[1:], code))


def _shown(name: str) -> str:
    """A header name for a message: quoted, and cut short if long (binary junk, say)."""
    return repr(name) if len(name) <= _SHOWN_CHARS else repr(name[:_SHOWN_CHARS]) + "…"


def _shown_header(header: Sequence[str]) -> str | Phrase:
    """A header for a message: its first names, each cut short, and how many there are."""
    names = ", ".join(map(_shown, header[:_SHOWN_NAMES]))
    if len(header) > _SHOWN_NAMES:
        return Phrase("roster.read.header_more", names=names, count=len(header))
    return f"[{names}]"
