"""The formulas of component kinds and their fields (计算公式与字段), as a dataset writes them.

>>> [field.name for field in formula_fields(Formula.PER_PERSON_MONTH)]
['headcount', 'monthly_yuan', 'months']
>>> field_type("bands[0].headcount")
<FieldType.COUNT: 'count'>
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

__all__ = ["FieldType", "Formula", "FormulaField", "field_type", "formula_fields"]


class Formula(enum.StrEnum):
    """How a component's amount is computed from its fields (计算公式).

    >>> Formula("by_age_band").label_en
    'persons per age band × monthly amount × months'
    """

    #: headcount × per_capita_yuan
    PER_PERSON_YEAR = "per_person_year"
    #: headcount × monthly_yuan × months
    PER_PERSON_MONTH = "per_person_month"
    #: units × per_unit (persons per unit) × per_person_yuan
    PER_UNIT = "per_unit"
    #: Σ payers × subsidy per contribution grade
    BY_GRADE = "by_grade"
    #: headcount × base_yuan × share
    SHARE_OF = "share_of"
    #: Σ headcount × monthly_yuan per age band, × months
    BY_AGE_BAND = "by_age_band"
    #: events × grant_yuan
    PER_EVENT = "per_event"

    @property
    def label_zh(self) -> str:
        """What the formula computes, in Chinese."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """What the formula computes, in English."""
        return _LABELS[self][1]


_LABELS: Final[dict[Formula, tuple[str, str]]] = {
    Formula.PER_PERSON_YEAR: ("人数 × 年人均标准", "persons × a yearly amount per person"),
    Formula.PER_PERSON_MONTH: ("人数 × 月标准 × 月数", "persons × a monthly amount × months"),
    Formula.PER_UNIT: ("单位数 × 每单位人数 × 人均标准", "units × persons per unit × amount"),
    Formula.BY_GRADE: ("各缴费档次人数 × 该档补贴之和", "Σ payers per grade × its subsidy"),
    Formula.SHARE_OF: ("人数 × 基数 × 比例", "persons × a base × a share"),
    Formula.BY_AGE_BAND: (
        "各年龄段人数 × 月标准 × 月数之和",
        "persons per age band × monthly amount × months",
    ),
    Formula.PER_EVENT: ("次数 × 每次标准", "events × a grant per event"),
}


class FieldType(enum.Enum):
    """What a formula field holds: whole counts, money (元), a share (%) or rows of fields."""

    COUNT = "count"
    MONEY = "money"
    SHARE = "share"
    ROWS = "rows"


@attrs.frozen
class FormulaField:
    """One field of a formula as a dataset writes it (``monthly_yuan``) and what it holds.

    ``default`` is the value when the field is left out (``months`` = 12), None when the
    field is required; ``columns`` are the fields of each row of a ``ROWS`` field.
    """

    name: str
    type: FieldType
    unit: str = ""
    default: int | None = None
    optional: bool = False
    columns: tuple[FormulaField, ...] = ()

    def data(self) -> dict[str, Any]:
        """The field in JSON shape."""
        data: dict[str, Any] = {"name": self.name, "type": self.type.value, "unit": self.unit}
        if self.default is not None:
            data["default"] = self.default
        if self.optional:
            data["optional"] = True
        if self.columns:
            data["columns"] = [column.data() for column in self.columns]
        return data


_HEADCOUNT = FormulaField("headcount", FieldType.COUNT, "人")
_MONTHS = FormulaField("months", FieldType.COUNT, "月", default=12)
_MONTHLY = FormulaField("monthly_yuan", FieldType.MONEY, "元/月")

#: Each formula's fields, in the order a derivation names them (the TOML names: a contract).
_FIELDS: Final[dict[Formula, tuple[FormulaField, ...]]] = {
    Formula.PER_PERSON_YEAR: (_HEADCOUNT, FormulaField("per_capita_yuan", FieldType.MONEY, "元")),
    Formula.PER_PERSON_MONTH: (_HEADCOUNT, _MONTHLY, _MONTHS),
    Formula.PER_UNIT: (
        FormulaField("units", FieldType.COUNT, "个"),
        FormulaField("per_unit", FieldType.COUNT, "人", default=1),
        FormulaField("per_person_yuan", FieldType.MONEY, "元"),
    ),
    Formula.BY_GRADE: (
        FormulaField(
            "tiers",
            FieldType.ROWS,
            columns=(
                FormulaField("grade", FieldType.MONEY, "元"),
                FormulaField("payers", FieldType.COUNT, "人"),
                FormulaField("subsidy_yuan", FieldType.MONEY, "元"),
            ),
        ),
    ),
    Formula.SHARE_OF: (
        _HEADCOUNT,
        FormulaField("base_yuan", FieldType.MONEY, "元"),
        FormulaField("share", FieldType.SHARE, "%"),
    ),
    Formula.BY_AGE_BAND: (
        FormulaField(
            "bands",
            FieldType.ROWS,
            columns=(
                FormulaField("from_age", FieldType.COUNT, "岁"),
                FormulaField("to_age", FieldType.COUNT, "岁", optional=True),
                _HEADCOUNT,
                _MONTHLY,
            ),
        ),
        _MONTHS,
    ),
    Formula.PER_EVENT: (
        FormulaField("events", FieldType.COUNT, "次"),
        FormulaField("grant_yuan", FieldType.MONEY, "元"),
    ),
}


def formula_fields(formula: Formula) -> tuple[FormulaField, ...]:
    """The fields of ``formula`` (their TOML names), in order."""
    return _FIELDS[formula]


def _all_types() -> dict[str, FieldType]:
    types: dict[str, FieldType] = {}
    for fields in _FIELDS.values():
        for field in fields:
            types[field.name] = field.type
            for column in field.columns:
                types[column.name] = column.type
    return types


_TYPES: Final = _all_types()


def field_type(name: str) -> FieldType | None:
    """The type of a formula field by its name (``bands[0].headcount`` by its column).

    Each name has one type in every formula (``headcount`` is always a count), so a what-if
    knows whether ``KEY.FIELD`` is a count, money or a share before it finds the component.

    >>> field_type("events"), field_type("bands[1].monthly_yuan"), field_type("villages")
    (<FieldType.COUNT: 'count'>, <FieldType.MONEY: 'money'>, None)
    """
    return _TYPES.get(name.rsplit(".", 1)[-1])
