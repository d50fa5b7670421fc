"""Policy parameters in force as text in Chinese or English (政策参数).

The text form of :meth:`ParameterSet.in_force <pension_subsidy.ParameterSet.in_force>` for
people: each parameter's name (``name_zh`` or ``name_en``) with its key in brackets — the key
is what a county file uses — its value, unit, effective date and legal source, in the
language of ``locale`` (``zh_CN`` by default, or ``en``). Document numbers (文号) and titles
are proper names and stay as issued; a source's note is shown in the language of
``locale`` (the Chinese one when the file gives no English note).

>>> from datetime import date
>>> from pension_subsidy import load_parameters
>>> text = render_parameters(load_parameters(), date(2022, 6, 30), "en")
>>> print(text.split("■ ")[3])  # doctest: +NORMALIZE_WHITESPACE
Minimum contribution subsidy per payer [contribution_subsidy.minimum]
    Value: 30.00 yuan per person per year (effective 2014-02-21)
    Source: State Council, 国发〔2014〕8号 《国务院关于建立统一的城乡居民基本养老保险制度的意见》
    From: national.toml (bundled)
<BLANKLINE>
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.model.parameters import ParameterSet, ParameterValue
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import LabelTable, Localised, format_yuan, is_chinese, pick

__all__ = ["render_parameters"]

_text: LabelTable[str] = LabelTable(
    {
        "title": ("{date} 施行中的政策参数", "Policy parameters in force on {date}"),
        "none": ("无：截至该日尚无参数生效", "none: no parameter had taken effect by then"),
        "earliest": ("（最早的参数于 {date} 生效）", " (the earliest takes effect on {date})"),
        "value": ("数值：", "Value: "),
        "effective": ("（{date} 起施行）", " (effective {date})"),
        "source": ("依据：", "Source: "),
        "note": ("说明：", "Note: "),
        "from": ("来源文件：", "From: "),
        "grade": ("{grade} 元档 {amount}", "grade {grade}: {amount}"),
    }
)

# The units of the bundled parameters; a county file's other units are shown as written
# in Chinese and word by word in English (元/人·月 → yuan/person/month).
_UNITS: LabelTable[str] = LabelTable(
    {
        "元/人·年": ("元/人·年", "yuan per person per year"),
        "元/年": ("元/年", "yuan per year"),
        "元": ("元", "yuan"),
        "最低档次缴费的比例": ("× 最低档次缴费", "× the minimum-grade contribution"),
        # a list of groups needs no unit after it
        "群体": ("", ""),
    }
)
_UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("元", "yuan"),
    ("人", "person"),
    ("年", "year"),
    ("月", "month"),
    ("村", "village"),
    ("·", "/"),
)

# The groups proxy_payment.eligible_groups names by key (the proxy components' keys and
# two groups that are not components of the fund).
_GROUPS: LabelTable[str] = LabelTable(
    {
        "severe_disability_proxy": ("重度残疾人", "severely disabled persons"),
        "mild_disability_proxy": ("轻度残疾人", "mildly disabled persons"),
        "poverty_household_proxy": ("建档立卡贫困户", "registered poverty households"),
        "minimum_living_allowance": ("最低生活保障对象", "minimum living allowance recipients"),
        "extreme_poverty": ("特困人员", "persons in extreme poverty"),
    }
)

_BUNDLED = " (bundled)"


def _unit(unit: str, locale: Localised) -> str:
    shown = _UNITS.get(unit, locale)
    if shown is not None:
        return shown
    if is_chinese(locale):
        return unit
    for word, english in _UNIT_WORDS:
        unit = unit.replace(word, english)
    return unit


def _group(key: str, locale: Localised) -> str:
    name = _GROUPS.get(key, locale)
    if name is None:
        kind = COMPONENT_TYPES.get(key)
        if kind is None:
            return key
        name = pick(kind.name_zh, kind.name_en, locale)
    return f"{name} [{key}]"


def _value(value: ParameterValue, locale: Localised) -> str:
    """The value and its unit in the language of ``locale``."""
    zh = is_chinese(locale)
    # names may hold commas in English (Proxy payment, severely disabled)
    separator = "、" if zh else "; " if value.kind == "text_list" else ", "
    parts: list[str] = []
    held = value.value
    if isinstance(held, Yuan):
        parts.append(format_yuan(held, locale))
    elif isinstance(held, Fraction):
        parts.append(str(held))
    else:
        for item in held:
            if isinstance(item, tuple):
                grade, amount = (format_yuan(money, locale) for money in item)
                parts.append(_text("grade", locale, grade=grade, amount=amount))
            elif isinstance(item, Yuan):
                parts.append(format_yuan(item, locale))
            else:
                parts.append(_group(item, locale))
    unit = _unit(value.unit, locale)
    joined = separator.join(parts)
    if not unit:
        return joined
    return f"{joined} {unit}"


def _source(value: ParameterValue, locale: Localised) -> str:
    source = value.source
    if is_chinese(locale):
        return source.citation
    text = f"{pick(source.issuer, source.issuer_en, locale)}, {source.document}"
    if source.article:
        text += f", {source.article}"
    if source.title:
        text += f" 《{source.title}》"
    return text


def _origin(origin: str, locale: Localised) -> str:
    if is_chinese(locale) and origin.endswith(_BUNDLED):
        return origin.removesuffix(_BUNDLED) + "（内置）"
    return origin


def _name(value: ParameterValue, locale: Localised) -> str:
    # a parameter named only in English (a county file may) keeps that name in Chinese too
    name = pick(value.name_zh, value.name_en, locale) or value.name_en
    if not is_chinese(locale):
        # a name that says its unit in Chinese (500 元) reads 500 yuan in English
        name = re.sub(r"(\d)\s*元", r"\1 yuan", name)
    return f"{name} [{value.key}]" if name else value.key


def _earliest(parameters: ParameterSet) -> date | None:
    """The first date any value of any layer takes effect."""
    dates = [item.effective for key in parameters.keys for item in parameters.history(key)]
    return min(dates, default=None)


def render_parameters(parameters: ParameterSet, as_of: date, locale: Localised = None) -> str:
    """Every parameter of ``parameters`` in force on ``as_of``, as text.

    When none has taken effect yet, says so and names the earliest date one does.
    """
    values = parameters.in_force(as_of)
    lines = [_text("title", locale, date=as_of.isoformat()), ""]
    if not values:
        earliest = _earliest(parameters)
        lines.append(
            _text("none", locale)
            + (_text("earliest", locale, date=earliest.isoformat()) if earliest else "")
        )
    for value in values:
        lines += [
            f"■ {_name(value, locale)}",
            f"    {_text('value', locale)}{_value(value, locale)}"
            f"{_text('effective', locale, date=value.effective.isoformat())}",
            f"    {_text('source', locale)}{_source(value, locale)}",
        ]
        note = pick(value.source.note_zh, value.source.note_en, locale)
        if note:
            lines.append(f"    {_text('note', locale)}{note}")
        lines.append(f"    {_text('from', locale)}{_origin(value.origin, locale)}")
    return "\n".join(lines) + "\n"
