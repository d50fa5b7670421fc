r"""Policy parameters in force as text in Chinese or English (政策参数).

The text form of :meth:`ParameterSet.in_force <pension_subsidy.ParameterSet.in_force>` for
people: each parameter's name (``name_zh`` or ``name_en``) with its key in brackets — the key
is what a county file uses — its value, unit, effective date and legal source, whether it is
verified and how sure it is, and the level of government it comes from, in the language of
``locale`` (``zh_CN`` by default, or ``en``). Document numbers (文号) and titles are proper
names and stay as issued; a source's note and a value's confidence note are shown in the
language of ``locale`` (the Chinese one when the file gives no English note).

>>> from datetime import date
>>> from pension_subsidy import load_parameters
>>> text = render_parameters(load_parameters(), date(2022, 6, 30), "en")
>>> print(text.split("■ ")[5])  # doctest: +NORMALIZE_WHITESPACE
Minimum contribution subsidy per payer [contribution_subsidy.minimum]
    Value: 30.00 yuan per person per year (effective 2014-02-21)
    Source: State Council, 国发〔2014〕8号 《国务院关于建立统一的城乡居民基本养老保险制度的意见》
    Verified: yes (confidence: high)
    Level: national
    From: national.toml (bundled)
<BLANKLINE>
>>> qinghai = load_parameters(province="qinghai")
>>> text = render_parameters(qinghai, date(2021, 1, 1), "zh_CN")
>>> text.splitlines()[0]
'2021-01-01 施行中的政策参数（青海省）'
>>> block = text.split("[basic_pension.standard]\n")[1].split("■")[0]
>>> print("\n".join(line for line in block.splitlines() if "说明" not in line))
    数值：60 岁起 180.00、65 岁起 185.00、70 岁起 190.00 元/人·月（2020-07-01 起施行）
    依据：青海省（发文机关未核实） 青海省 2020 年基础养老金分年龄段标准（文件未核实）
    核实：未核实（可信度：中）
    层级：省级 [qinghai]
    来源文件：qinghai.toml（内置）
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
        "region": ("（{region}）", " ({region})"),
        "none": ("无：截至该日尚无参数生效", "none: no parameter had taken effect by then"),
        "earliest": ("（最早的参数于 {date} 生效）", " (the earliest takes effect on {date})"),
        "value": ("数值：", "Value: "),
        "effective": ("（{date} 起施行）", " (effective {date})"),
        "source": ("依据：", "Source: "),
        "note": ("说明：", "Note: "),
        "from": ("来源文件：", "From: "),
        "grade": ("{grade} 元档 {amount}", "grade {grade}: {amount}"),
        "age": ("{age} 岁起 {amount}", "from age {age}: {amount}"),
        "verified": ("核实：", "Verified: "),
        "yes": ("已核实", "yes"),
        "no": ("未核实", "no"),
        "confidence": ("（可信度：{level}）", " (confidence: {level})"),
        "confidence_note": ("可信度说明：", "Confidence note: "),
        "level": ("层级：", "Level: "),
    }
)

# How sure a value is (ParameterValue.confidence) and the level it comes from.
_CONFIDENCE: LabelTable[str] = LabelTable(
    {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}
)
_LEVELS: LabelTable[str] = LabelTable(
    {
        "national": ("全国", "national"),
        "province": ("省级", "province"),
        "county": ("县级", "county"),
    }
)

# The units of the bundled parameters in both languages; a file's other units are shown as
# written, or in English as its ``unit_en`` says.
_UNITS: LabelTable[str] = LabelTable(
    {
        "元/人·年": ("元/人·年", "yuan per person per year"),
        "元/人·月": ("元/人·月", "yuan/person/month"),
        "元/档": ("元/档", "yuan per grade"),
        "比例": ("", ""),
        "元/年": ("元/年", "yuan per year"),
        "元": ("元", "yuan"),
        "最低档次缴费的比例": ("× 最低档次缴费", "× the minimum-grade contribution"),
        # a list of groups or rules needs no unit after it
        "群体": ("", ""),
        "规则": ("", ""),
    }
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
        # basic_pension.adjustment_rules (人社部发〔2018〕21号)
        "local_basic_pension_topup": ("地方提高基础养老金", "local top-ups of the basic pension"),
        "more_for_aged_65_and_over": (
            "对 65 岁及以上参保人倾斜",
            "more for those aged 65 and over",
        ),
        "long_contribution_bonus": ("长缴多得", "more for longer contribution"),
        "minimum_grade_kept_for_hardship_groups": (
            "为困难群体保留最低缴费档次",
            "minimum grade kept for hardship groups",
        ),
        "dynamic_subsidy_adjustment": ("缴费补贴动态调整", "dynamic adjustment of subsidies"),
    }
)

_ORIGIN: LabelTable[str] = LabelTable({"bundled": ("{file}（内置）", "{file} (bundled)")})


def _unit(value: ParameterValue, locale: Localised) -> str:
    shown = _UNITS.get(value.unit, locale)
    if shown is not None:
        return shown
    return pick(value.unit, value.unit_en, locale)


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
            if isinstance(item, tuple) and isinstance(item[0], int):
                amount = format_yuan(item[1], locale)
                parts.append(_text("age", locale, age=str(item[0]), amount=amount))
            elif isinstance(item, tuple):
                grade, amount = format_yuan(item[0], locale), format_yuan(item[1], locale)
                parts.append(_text("grade", locale, grade=grade, amount=amount))
            elif isinstance(item, Yuan):
                parts.append(format_yuan(item, locale))
            else:
                parts.append(_group(item, locale))
    unit = _unit(value, locale)
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


def _verified(value: ParameterValue, locale: Localised) -> str:
    """``已核实（可信度：高）`` / ``yes (confidence: high)``."""
    text = _text("verified", locale) + _text("yes" if value.verified else "no", locale)
    if value.confidence is not None:
        level = _CONFIDENCE.get(value.confidence, locale) or value.confidence
        text += _text("confidence", locale, level=level)
    return text


def _level(value: ParameterValue, locale: Localised) -> str:
    """``省级 [qinghai]`` / ``province [qinghai]``; the national level needs no name."""
    text = _LEVELS.get(value.level, locale) or value.level
    if value.jurisdiction and value.level != "national":
        text += f" [{value.jurisdiction}]"
    return _text("level", locale) + text


def _origin(value: ParameterValue, locale: Localised) -> str:
    if value.bundled:
        return _ORIGIN("bundled", locale, file=value.file_name)
    return value.origin


def _name(value: ParameterValue, locale: Localised) -> str:
    name = pick(value.name_zh, value.name_en, locale)
    if not is_chinese(locale):
        # a bundled English name says 500 元 (pinned by the JSON goldens): 500 yuan in English
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
    title = _text("title", locale, date=as_of.isoformat())
    regions = parameters.region_names
    bundled = [
        pick(*regions[level], locale) for level in ("province", "county") if level in regions
    ]
    if bundled:
        title += _text("region", locale, region=(" " if is_chinese(locale) else ", ").join(bundled))
    lines = [title, ""]
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
        lines.append(f"    {_verified(value, locale)}")
        confidence = pick(value.confidence_note_zh, value.confidence_note_en, locale)
        if confidence:
            lines.append(f"    {_text('confidence_note', locale)}{confidence}")
        if value.level:
            lines.append(f"    {_level(value, locale)}")
        lines.append(f"    {_text('from', locale)}{_origin(value, locale)}")
    return "\n".join(lines) + "\n"
