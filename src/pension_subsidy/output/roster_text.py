"""A roster's tally as text (Chinese or English) or JSON: what the ``roster`` command prints.

:func:`render_roster` is the whole of the command's output for a :class:`~pension_subsidy.
roster.tally.Tally`; :func:`roster_data` its JSON-ready dict. Both are library functions: a
program that tallies a roster itself prints the same thing the command would.

>>> from pension_subsidy.roster.classify import Reason
>>> reason_text(Reason.NEGATIVE_VALUE, "zh_CN"), reason_text(Reason.NEGATIVE_VALUE, "en")
('数值为负', 'negative value')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal

from pension_subsidy.model.budget import Budget
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_count,
    format_yuan,
    is_chinese,
    language_of,
    pick,
)
from pension_subsidy.output.report import render_report, report_data
from pension_subsidy.roster.classify import Reason, Rejection
from pension_subsidy.roster.tally import Tally

__all__ = [
    "BUNDLED_RULES",
    "DETAIL_TEXT",
    "REASON_TEXT",
    "component_name",
    "detail_text",
    "reason_text",
    "render_roster",
    "roster_data",
]

#: What the JSON's ``rules`` says when no rules file was given.
BUNDLED_RULES = "bundled example (illustrative standards)"

_label: LabelTable[str] = LabelTable(
    {
        "read": ("读取行数", "rows read"),
        "accepted": ("接受", "accepted"),
        "rejected": ("拒收", "rejected"),
        "components": ("各项构成", "components"),
        "total": ("合计", "total"),
        "townships": ("分乡镇", "by township"),
        "rejections": ("拒收原因", "rejections"),
        "line": ("第 {line} 行", "line {line}"),
        "more": (
            "……另有 {count} 行；用 --rejects 写出全部",
            "… {count} more; write them all with --rejects",
        ),
        "no_duplicates": (
            "未检查人员编号是否重复（--no-duplicate-check）",
            "person ids were NOT checked for duplicates (--no-duplicate-check)",
        ),
        "example_rules": (
            "规则：内置示例规则，标准仅供演示；请用 --rules 给出本县标准",
            "rules: the bundled example, whose standards are illustrative only; give "
            "the county's own with --rules",
        ),
        "rules": ("规则：{path}", "rules: {path}"),
        "persons": ("人", "persons"),
        "yuan": ("元", "yuan"),
        "as_of": ("资格认定日期：{date}", "eligibility as of: {date}"),
        "back_payments": (
            "补缴记录（不予补贴）：{count} 行",
            "back-payment rows (paid nothing): {count}",
        ),
    }
)

#: Names of the proxy components the roster pays that the fund model does not name (yet).
_PROXY_NAMES: LabelTable[str] = LabelTable(
    {
        "extreme_poverty_proxy": ("特困人员财政代缴", "Proxy payment, persons in extreme poverty"),
        "low_income_proxy": (
            "低保对象财政代缴",
            "Proxy payment, minimum-living-allowance recipients",
        ),
        "relapse_risk_proxy": (
            "返贫致贫人口及监测对象财政代缴",
            "Proxy payment, persons at risk of (re)lapse into poverty",
        ),
    }
)

#: Why a row was rejected, in words (拒收原因), by :class:`~pension_subsidy.roster.classify.
#: Reason`: the reason code stays the machine-readable key, this is what a person reads.
REASON_TEXT: LabelTable[Reason] = LabelTable(
    {
        Reason.MISSING_FIELD: ("缺少必填项", "missing field"),
        Reason.BAD_NUMBER: ("数字无效", "not a valid number"),
        Reason.BAD_DATE: ("日期无效", "not a valid date"),
        Reason.UNKNOWN_GRADE: ("缴费档次不在规则中", "grade not in the rules"),
        Reason.NEGATIVE_VALUE: ("数值为负", "negative value"),
        Reason.UNKNOWN_CATEGORY: ("残疾类别无法识别", "unknown disability category"),
        Reason.DUPLICATE_PERSON_ID: ("人员编号重复", "duplicate person id"),
        Reason.WRONG_FIELD_COUNT: ("列数与表头不符", "wrong number of fields"),
    }
)


#: A rejection's detail by detail code (:attr:`~pension_subsidy.roster.classify.Rejection.
#: code`), as (Chinese, English) templates of its ``values`` ({0}, {1}, …). The English one
#: gives the rejection's ``detail`` exactly; the Chinese one keeps what the user typed (a
#: cell, quoted as the English does) and the field's code in brackets.
DETAIL_TEXT: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "empty": ("[{0}] 单元格为空", "{0}: the cell is empty"),
        "date_format": (
            "应为日期，如 1960-02-28、1960/02/28 或 19600228，实为 {0!r}",
            "expected a date such as 1960-02-28 (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD), got {0!r}",
        ),
        "future_date": ("出生日期在今天之后：{0!r}", "a birth date in the future: {0!r}"),
        "after_as_of": (
            "出生日期在资格认定日 {1} 之后：{0!r}",
            "a birth date after the eligibility date {1}: {0!r}",
        ),
        "flag_negative": ("应为 1 或 0，实为 {0!r}", "expected 1 or 0, got {0!r}"),
        "flag": ("应为 1 或 0（是或否），实为 {0!r}", "expected 1 or 0 (是 or 否), got {0!r}"),
        "grade_number": (
            "缴费档次应为元数，如 100，实为 {0!r}",
            "expected a grade in 元 such as 100, got {0!r}",
        ),
        "grade_bound": ("缴费档次 {0!r} 无法使用：不是有限数、过大或小数位过多", "{1}"),
        "grade_negative": (
            "缴费档次应不小于 0 元，实为 {0!r}",
            "expected a grade ≥ 0 元, got {0!r}",
        ),
        "grade_below": (
            "缴费档次 {0} 元低于规则中的所有档次（最低 {1} 元）",
            "grade {0} 元 is below every listed grade (lowest {1} 元)",
        ),
        "disability": (
            "应为空、'severe'、'mild'、'重度' 或 '轻度'，实为 {0!r}",
            "expected empty, severe, mild, 重度 or 轻度, got {0!r}",
        ),
        "field_count": (
            "表头有 {0} 列，此行有 {1} 列",
            "expected {0} fields as in the header, got {1}",
        ),
        "duplicate": (
            "人员编号 {0!r} 已在前面的行中接受",
            "person_id {0!r} was already accepted on an earlier row",
        ),
    }
)


def detail_text(rejection: Rejection, locale: Localised = None) -> str:
    """A rejection's detail in the language of ``locale`` (:data:`DETAIL_TEXT`).

    English is the rejection's ``detail`` as is; so is any language for a rejection without
    a known detail code (one made by hand, say).

    >>> from pension_subsidy.roster.classify import Reason, Rejection
    >>> rejection = Rejection(8, Reason.MISSING_FIELD, "village", "village: the cell is empty",
    ...                       (), "empty", ("village",))
    >>> detail_text(rejection, "zh_CN"), detail_text(rejection, "en")
    ('[village] 单元格为空', 'village: the cell is empty')
    """
    templates = DETAIL_TEXT.get(rejection.code)
    if templates is None or language_of(locale) == "en":
        return rejection.detail
    try:
        return templates[0].format(*rejection.values)
    except (IndexError, KeyError, ValueError):
        return rejection.detail


def reason_text(reason: Reason | str, locale: Localised = None) -> str:
    """Why a row was rejected, in the language of ``locale``; the code itself if unknown."""
    try:
        return REASON_TEXT(Reason(reason), locale)
    except ValueError:
        return str(reason)


def _reason(reason: Reason | str, locale: Localised) -> str:
    """The reason as listed: its code, and in Chinese its words too (``bad_date（日期无效）``).

    English keeps the code alone, which reads as words; Chinese adds the words so that no
    English is left but the code a program or a filter of the rejects file matches on.
    """
    code = str(reason)
    return f"{code}（{reason_text(reason, locale)}）" if is_chinese(locale) else code


def _proxy_rule(tally: Tally) -> dict[str, Any]:
    """How the tally's rules chose one proxy category: the JSON's ``proxy_rule``."""
    rules = tally.rules
    if rules is None:
        return {}
    choice = "precedence" if rules.precedence is not None else rules.proxy_choice
    return {
        "choice": choice,
        "order": list(rules.order),
        "separate": list(rules.separate),
        "with_grade_subsidy": rules.with_grade_subsidy,
    }


def component_name(key: str, locale: Localised = None) -> str:
    """A roster component's name in the language of ``locale`` (its key if unknown).

    >>> component_name("low_income_proxy", "zh_CN"), component_name("severe_disability_proxy", "en")
    ('低保对象财政代缴', 'Proxy payment, severely disabled')
    """
    cls = COMPONENT_TYPES.get(key)
    if cls is not None:
        return pick(cls.name_zh, cls.name_en, locale)
    return _PROXY_NAMES.get(key, locale, key)


def roster_data(
    tally: Tally, *, rules_path: str | None = None, budget: Budget | None = None
) -> dict[str, Any]:
    """The roster command's JSON shape: counts, components, townships, rejections, totals.

    ``rules`` names the rules file (or says the bundled example rules were used) and
    ``report``, when ``budget`` is given, holds the report of the roster-built budget.
    ``as_of`` is the day eligibility was taken on and ``as_of_stated`` whether it was stated
    (rules or ``--as-of``) rather than the day of the run; ``back_payments`` counts the rows
    marked as back-payments (paid nothing), ``several_proxy_groups`` the persons in more than
    one paid proxy group (paid for once, by ``proxy_rule``); ``grade_subsidies`` gives each
    listed grade's subsidy per payer and ``grade_shares_percent`` the grades whose subsidy
    is a share of the grade.
    """
    data: dict[str, Any] = {
        "rows_read": tally.rows_read,
        "accepted": tally.accepted,
        "rejected": tally.rejected,
        "components": [
            {"key": item.key, "headcount": item.headcount, "amount_yuan": str(item.amount)}
            for item in tally.components()
        ],
        "by_township": {
            township: {
                "persons": area.persons,
                "amount_yuan": str(area.amount),
                "components": {
                    item.key: {"headcount": item.headcount, "amount_yuan": str(item.amount)}
                    for item in area.components
                },
            }
            for township, area in tally.by_township().items()
        },
        "rejections": tally.rejection_counts(),
        "total_yuan": str(tally.total),
        "grades": {str(grade): payers for grade, payers in tally.grade_payers().items()},
        "duplicate_check": tally.duplicate_check,
        "rules": rules_path or BUNDLED_RULES,
        "as_of": None if tally.as_of is None else tally.as_of.isoformat(),
        "as_of_stated": tally.rules is not None and tally.rules.as_of is not None,
        "back_payments": tally.back_payments,
        "several_proxy_groups": tally.several_proxy_groups,
        "proxy_rule": _proxy_rule(tally),
        "grade_subsidies": {
            str(grade): str(subsidy)
            for grade, subsidy in (tally.rules.grade_table if tally.rules else ())
        },
        "grade_shares_percent": {
            str(grade): _percent(share)
            for grade, share in (tally.rules.grade_shares if tally.rules else ())
        },
    }
    if budget is not None:
        data["report"] = report_data(budget)
    return data


def _percent(share: Decimal) -> str:
    """A share as a plain percentage, without trailing zeros: ``Decimal("0.125")`` → ``"12.5"``."""
    text = format(share * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(
    tally: Tally, shown: Sequence[Rejection], locale: Localised, rules_path: str | None
) -> str:
    persons, yuan = _label("persons", locale), _label("yuan", locale)
    lines = [
        _label("rules", locale, path=rules_path) if rules_path else _label("example_rules", locale),
    ]
    if tally.rules is not None and tally.rules.as_of is not None:
        lines.append(_label("as_of", locale, date=tally.rules.as_of.isoformat()))
    lines += [
        f"{_label('read', locale)}: {format_count(tally.rows_read, locale)}  "
        f"{_label('accepted', locale)}: {format_count(tally.accepted, locale)}  "
        f"{_label('rejected', locale)}: {format_count(tally.rejected, locale)}",
        "",
        f"{_label('components', locale)}:",
    ]
    for item in tally.components():
        name = f"{component_name(item.key, locale)} [{item.key}]"
        lines.append(
            f"  {name}: {format_count(item.headcount, locale)} {persons}, "
            f"{format_yuan(item.amount, locale)} {yuan}"
        )
    lines.append(f"  {_label('total', locale)}: {format_yuan(tally.total, locale)} {yuan}")
    if tally.back_payments:
        lines.append("  " + _label("back_payments", locale, count=tally.back_payments))
    lines += ["", f"{_label('townships', locale)}:"]
    for township, area in tally.by_township().items():
        lines.append(
            f"  {township}: {format_count(area.persons, locale)} {persons}, "
            f"{format_yuan(area.amount, locale)} {yuan}"
        )
    if tally.rejected:
        lines += ["", f"{_label('rejections', locale)}:"]
        lines += [
            f"  {_reason(reason, locale)}: {count}"
            for reason, count in tally.rejection_counts().items()
        ]
        for rejection in shown:
            where = _label("line", locale, line=rejection.line)
            detail = detail_text(rejection, locale)
            lines.append(f"  {where}: {_reason(rejection.reason, locale)}: {detail}")
        if tally.rejected > len(shown):
            lines.append("  " + _label("more", locale, count=tally.rejected - len(shown)))
    if not tally.duplicate_check:
        lines += ["", _label("no_duplicates", locale)]
    return "\n".join(lines) + "\n"


def render_roster(
    tally: Tally,
    *,
    locale: Localised = None,
    format: Literal["text", "json"] = "text",
    shown: Sequence[Rejection] = (),
    rules_path: str | None = None,
    budget: Budget | None = None,
) -> str:
    """The roster command's output for ``tally``: text in the language of ``locale``, or JSON.

    ``shown`` are the rejections listed line by line (the command keeps the first ten);
    ``rules_path`` names the rules file, ``None`` for the bundled example rules; ``budget``,
    when given, adds the report of the budget built from the roster. JSON is the same in
    every locale.
    """
    if format == "json":
        data = roster_data(tally, rules_path=rules_path, budget=budget)
        return to_json(data)
    text = _text(tally, shown, locale, rules_path)
    if budget is not None:
        text += "\n" + render_report(budget, locale=locale)
    return text
