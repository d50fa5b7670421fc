"""How the what-if outputs name what an override moves: a component, a field, ``KEY.FIELD``.

The text, the documents and the charts of ``scenario``, ``solve`` and ``sensitivity`` name an
input alike: the component's own name (a county's own kind too), the field in words, and the
key a person types after it (``县级缴费补贴·人数 [contribution_subsidy.headcount]``).

>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.whatif.overrides import Target
>>> target_name(Target("contribution_subsidy", "headcount"), load_dataset(), "en")
'Contribution subsidy — headcount [contribution_subsidy.headcount]'
"""

from __future__ import annotations

from decimal import Decimal

from pension_subsidy.model.budget import Budget
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_number,
    is_chinese,
    label,
    pick,
)
from pension_subsidy.whatif.overrides import Target

__all__ = ["FIELD_WORDS", "component_label", "field_name", "percent_step", "target_name"]

#: The fields an override sets, in words, by the field's key (``per_capita``: 人均标准).
FIELD_WORDS: LabelTable[str] = LabelTable(
    {
        "headcount": ("人数", "headcount"),
        "per_capita": ("人均标准", "per-capita standard"),
        "amount": ("金额", "amount"),
        "monthly": ("月标准", "monthly standard"),
        "months": ("月数", "months"),
        "villages": ("村数", "villages"),
        "per_village": ("每村人数", "persons per village"),
        # the fields of the catalogue formulas (model.kinds), as datasets name them
        "per_capita_yuan": ("人均标准", "per-capita standard"),
        "monthly_yuan": ("月标准", "monthly standard"),
        "units": ("单位数", "units"),
        "per_unit": ("每单位人数", "persons per unit"),
        "per_person_yuan": ("人均标准", "amount per person"),
        "payers": ("缴费人数", "payers"),
        "subsidy_yuan": ("补贴标准", "subsidy per payer"),
        "base_yuan": ("基数", "base"),
        "share": ("比例", "share"),
        "events": ("次数", "events"),
        "grant_yuan": ("每次标准", "grant per event"),
    }
)


def component_label(key: str, locale: Localised, budget: Budget | None = None) -> str:
    """The component's own names (any catalogue kind, a county's own too), else its key."""
    for project in budget.projects if budget is not None else ():
        for component in project.components:
            if component.key == key:
                return pick(component.name_zh, component.name_en, locale)
    kind = COMPONENT_TYPES.get(key)
    if kind is None:
        return key
    return pick(kind.name_zh, kind.name_en, locale)


def field_name(field: str, locale: Localised) -> str:
    """A field in words; one row's field (``bands[0].headcount``) with the row's number."""
    rows, dot, column = field.partition("].")
    if dot and "[" in rows:  # one row's field: bands[0].headcount
        number = int(rows.partition("[")[2]) + 1
        name = FIELD_WORDS.get(column, locale, default=column)
        return f"第 {number} 行{name}" if is_chinese(locale) else f"{name}, row {number}"
    return FIELD_WORDS.get(field, locale, default=field)


def target_name(target: Target, budget: Budget, locale: Localised) -> str:
    """``name — field [KEY.FIELD]``: what a person reads, then what they type."""
    separator = "·" if is_chinese(locale) else " — "
    if target.field == "appropriation":
        project = budget.project(target.key)
        name = pick(project.name_zh, project.name_en, locale)
        appropriation = label("appropriation", locale)
        word = appropriation if is_chinese(locale) else appropriation.lower()
        return f"{name}{separator}{word} [{target}]"
    name = component_label(target.key, locale, budget)
    return f"{name}{separator}{field_name(target.field, locale)} [{target}]"


def percent_step(percent: Decimal, locale: Localised) -> str:
    """A sensitivity's step as its number, with the places it has (``10``, ``2.5``).

    >>> percent_step(Decimal("10"), "en"), percent_step(Decimal("2.50"), "zh_CN")
    ('10', '2.5')
    """
    places = max(0, -int(percent.normalize().as_tuple().exponent))
    return format_number(percent, locale, places=places)
