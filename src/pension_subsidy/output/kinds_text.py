"""The catalogue of component kinds as text in Chinese or English (构成项目类别).

Each kind: its name in the language of ``locale`` with its key in brackets (the key is what
a dataset writes as ``kind``), its formula and that formula's fields as a dataset names
them, its headcount unit, the words that identify it, and where it was declared.

>>> from pension_subsidy.model.kinds import bundled_kinds
>>> text = render_kinds(bundled_kinds(), "en")
>>> print(text.split("■ ")[11])  # doctest: +NORMALIZE_WHITESPACE
Funeral grant [funeral_grant]
    Formula: per_event — events × a grant per event
    Fields: events (count, 次), grant_yuan (money, 元)
    Headcount unit: 人
    Keywords: 丧葬补助金, 丧葬补助, 丧葬费
    Note: Deaths of pensioners × the grant (or × months of pension); Qinghai pays one.
    Declared in: kinds.toml (bundled)
<BLANKLINE>
"""

from __future__ import annotations

from pension_subsidy.model.kinds import (
    ComponentKind,
    Formula,
    FormulaField,
    KindCatalogue,
    formula_fields,
)
from pension_subsidy.output.language import LabelTable, Localised, is_chinese, pick

__all__ = ["render_kinds"]

_text: LabelTable[str] = LabelTable(
    {
        "title": ("构成项目类别（共 {count} 类）", "Component kinds ({count})"),
        "formula": ("计算公式：", "Formula: "),
        "also": ("也可按：", "Also by: "),
        "fields": ("字段：", "Fields: "),
        "unit": ("人数单位：", "Headcount unit: "),
        "keywords": ("识别词：", "Keywords: "),
        "note": ("说明：", "Note: "),
        "origin": ("声明于：", "Declared in: "),
        "bundled": ("kinds.toml（内置）", "kinds.toml (bundled)"),
        "none": ("（无）", "(none)"),
        "count": ("计数", "count"),
        "money": ("金额", "money"),
        "share": ("比例", "share"),
        "rows": ("多行", "rows"),
        "default": ("默认 {value}", "default {value}"),
        "optional": ("可省略", "optional"),
    }
)


def _field(field: FormulaField, locale: Localised) -> str:
    details = [_text(field.type.value, locale)]
    if field.unit:
        details.append(field.unit)
    if field.default is not None:
        details.append(_text("default", locale, value=field.default))
    if field.optional:
        details.append(_text("optional", locale))
    text = f"{field.name} ({', '.join(details)})"
    if field.columns:
        columns = ", ".join(_field(column, locale) for column in field.columns)
        text += f" [{columns}]"
    return text


def _formula(formula: Formula, locale: Localised) -> str:
    return f"{formula.value} — {pick(formula.label_zh, formula.label_en, locale)}"


def _note(kind: ComponentKind, locale: Localised) -> str:
    # a dataset's own kind may give its note only as written (``note``): shown as typed
    return pick(kind.note_zh or kind.note, kind.note, locale)


def _kind(kind: ComponentKind, locale: Localised) -> list[str]:
    fields = ", ".join(_field(field, locale) for field in formula_fields(kind.formula))
    lines = [
        f"■ {pick(kind.name_zh, kind.name_en, locale)} [{kind.key}]",
        f"    {_text('formula', locale)}{_formula(kind.formula, locale)}",
    ]
    lines.extend(
        f"    {_text('also', locale)}{_formula(formula, locale)}" for formula in kind.other_formulas
    )
    separator = "、" if is_chinese(locale) else ", "
    lines += [
        f"    {_text('fields', locale)}{fields}",
        f"    {_text('unit', locale)}{kind.headcount_unit}",
        f"    {_text('keywords', locale)}{separator.join(kind.keywords) or _text('none', locale)}",
    ]
    note = _note(kind, locale)
    if note:
        lines.append(f"    {_text('note', locale)}{note}")
    origin = _text("bundled", locale) if kind.bundled else kind.origin
    lines += [f"    {_text('origin', locale)}{origin}", ""]
    return lines


def render_kinds(catalogue: KindCatalogue, locale: Localised = "zh_CN") -> str:
    """The catalogue as text: every kind, bundled first, then a dataset's own."""
    lines = [_text("title", locale, count=len(catalogue.kinds)), ""]
    for kind in catalogue.kinds:
        lines.extend(_kind(kind, locale))
    return "\n".join(lines)
