r"""What was read from a form, as text for people (``read --format text``), in Chinese or English.

Every figure is shown as the document states it, with its exact amount in 元 where it is
money, and with where it came from (sheet/row/cell, page/line, or the sentence).

>>> from pension_subsidy.forms.read import parse_form_text
>>> document = parse_form_text(
...     "某县城乡居民养老保险绩效自评报告\n"
...     "预算100万元，其中中央资金60万元。\n"
...     "实际执行99万元，执行率99%。\n", name="report.txt")
>>> print(render_form(document, "en"), end="")
Form: evaluation report (layout prose)
Source: report.txt
Title: 某县城乡居民养老保险绩效自评报告
Figures (4):
  budget, plan: 100万元 = 1,000,000.00 元 — line 2: “预算100万元，其中中央资金60万元。”
  budget, plan, 中央: 60万元 = 600,000.00 元 — line 2: “预算100万元，其中中央资金60万元。”
  executed, actual: 99万元 = 990,000.00 元 — line 3: “实际执行99万元，执行率99%。”
  execution_rate: 99% — line 3: “实际执行99万元，执行率99%。”
"""

from __future__ import annotations

from babel import Locale

from pension_subsidy.forms.model import (
    Figure,
    FormDocument,
    FormIndicator,
    FormProject,
    StatedAmount,
    StatedNumber,
    Where,
)
from pension_subsidy.model.kinds import bundled_kinds
from pension_subsidy.output.language import format_yuan, language_of, pick

__all__ = ["render_form", "where_text"]

_FORMS = {
    "disclosure_table": ("绩效目标公开表", "disclosure table"),
    "target_table": ("项目支出绩效目标表", "target table"),
    "self_evaluation_table": ("项目支出绩效自评表", "self-evaluation table"),
    "evaluation_report": ("绩效评价（自评）报告", "evaluation report"),
}
_BASIS = {"plan": ("计划", "plan"), "actual": ("实际", "actual"), "stated": ("", "")}
#: What a prose figure is (``Figure.name``): its Chinese word; English shows the name itself.
_FIGURE_NAMES = {
    "budget": "预算",
    "executed": "执行",
    "amount": "金额",
    "execution_rate": "执行率",
    "overrun": "超支",
    "headcount": "人数",
    "count": "数量",
    "rate": "比率",
}


def where_text(where: Where | None, locale: Locale | str | None = None) -> str:
    """``sheet 'Sheet1', row 7, cell C7`` / ``工作表 Sheet1 第 7 行 C7`` and the like."""
    if where is None:
        return ""
    zh = language_of(locale) == "zh"
    parts = []
    if where.sheet is not None:
        parts.append(f"{where.sheet}" if zh else f"sheet {where.sheet!r}")
    if where.page is not None:
        parts.append(f"第 {where.page} 页" if zh else f"page {where.page}")
    if where.row is not None:
        parts.append(f"第 {where.row} 行" if zh else f"row {where.row}")
    if where.line is not None:
        parts.append(f"第 {where.line} 行" if zh else f"line {where.line}")
    if where.cell is not None:
        parts.append(where.cell if zh else f"cell {where.cell}")
    text = (" " if zh else ", ").join(parts)
    if where.sentence is not None:
        text = f"{text}：“{where.sentence}”" if zh else f"{text}: “{where.sentence}”"
    return text


def _amount(amount: StatedAmount | None, locale: Locale | str | None) -> str | None:
    if amount is None:
        return None
    place = where_text(amount.where, locale)
    shown = f"{amount.text} {amount.unit}"
    if amount.unit != "元":
        shown = f"{shown} = {format_yuan(amount.yuan, locale)} 元"
    return f"{shown} [{place}]" if place else shown


def _number(number: StatedNumber | None) -> str | None:
    return None if number is None else number.text


def _line(label: tuple[str, str], value: str | None, locale: Locale | str | None) -> str | None:
    if value is None or value == "":
        return None
    return f"  {pick(*label, locale)}: {value}"


def _indicator(indicator: FormIndicator, locale: Locale | str | None) -> str:
    levels = " / ".join(part for part in (indicator.level1, indicator.level2) if part)
    head = f"{levels} / {indicator.name}" if levels else indicator.name
    parts = []
    target = indicator.target.text if indicator.target is not None else ""
    if target or indicator.comparator:
        sign = indicator.comparator or ""
        shown = target if target.startswith(sign) else f"{sign}{target}"
        unit = indicator.unit or ""
        shown = shown if not unit or shown.endswith(unit) else f"{shown} {unit}"
        parts.append(f"{pick('目标', 'target', locale)} {shown}")
    for label, value in (
        (("实际", "actual"), _number(indicator.actual)),
        (("分值", "points"), _number(indicator.points)),
        (("得分", "score"), _number(indicator.score)),
        (("权重占比", "weight %"), _number(indicator.weight_percent)),
        (("折算得分", "weighted score"), _number(indicator.weighted_score)),
        (("偏差原因", "reason"), indicator.reason),
    ):
        if value:
            parts.append(f"{pick(*label, locale)} {value}")
    place = where_text(indicator.where, locale)
    body = "; ".join(parts)
    return f"    {head}: {body} [{place}]" if place else f"    {head}: {body}"


def _project(project: FormProject, form: str, locale: Locale | str | None) -> list[str]:
    place = where_text(project.where, locale)
    lines = [
        f"{pick('项目', 'Project', locale)}: {project.name}" + (f" [{place}]" if place else "")
    ]
    start_label = (
        ("年初预算数", "budget at start")
        if form == "self_evaluation_table"
        else ("预算数", "budget")
    )
    total = project.money_row("total")
    received = total.received if total is not None else None
    fund = pick("城乡居民养老保险", "residents' pension", locale)
    other = pick("一般项目", "generic project", locale)
    candidates = (
        _line(("实施单位", "unit"), project.unit_name, locale),
        _line(("主管部门", "department"), project.department, locale),
        _line(("资金类别", "fund"), fund if project.fund == "residents_pension" else other, locale),
        _line(start_label, _amount(project.budget_start, locale), locale),
        _line(("全年预算数", "adjusted budget"), _amount(project.budget_adjusted, locale), locale),
        _line(("资金到位数", "received"), _amount(received, locale), locale),
        _line(("全年执行数", "executed"), _amount(project.executed, locale), locale),
        _line(("执行率", "execution rate"), _number(project.execution_rate_percent), locale),
        _line(("执行分值", "execution points"), _number(project.execution_points), locale),
        _line(("执行得分", "execution score"), _number(project.execution_score), locale),
        _line(("总分", "total score"), _number(project.total_score), locale),
        _line(("等级", "grade"), project.grade, locale),
    )
    lines += [line for line in candidates if line]
    for label, text in project.fields:
        lines.append(f"  {label}: {text}")
    for row in project.money_rows:
        if row.key == "total":
            continue
        amounts = [
            text
            for text in (
                _amount(row.budget_start, locale),
                _amount(row.budget_adjusted, locale),
                _amount(row.received, locale),
                _amount(row.executed, locale),
            )
            if text
        ]
        if amounts:
            lines.append(f"  {row.label}: {'; '.join(amounts)}")
    for goal in project.goals:
        achieved = f" → {goal.achieved}" if goal.achieved else ""
        lines.append(f"  {pick('目标', 'goal', locale)}: {goal.planned}{achieved}")
    if project.indicators:
        lines.append(f"  {pick('绩效指标', 'indicators', locale)} ({len(project.indicators)}):")
        lines += [_indicator(indicator, locale) for indicator in project.indicators]
    return lines


def _component(key: str | None, locale: Locale | str | None) -> str | None:
    """The component kind's name in the locale's language (its key for an unknown kind)."""
    if key is None:
        return None
    kinds = bundled_kinds()
    if key not in kinds:
        return key
    kind = kinds.get(key)
    return pick(kind.name_zh, kind.name_en, locale)


def _figure(figure: Figure, locale: Locale | str | None) -> str:
    basis = pick(*_BASIS[figure.basis], locale)
    component = _component(figure.component, locale)
    name = pick(_FIGURE_NAMES.get(figure.name, figure.name), figure.name, locale)
    parts = (name, basis, figure.level, figure.area, component)
    head = ", ".join(part for part in parts if part)
    value = figure.text
    if figure.yuan is not None:
        value = f"{value} = {format_yuan(figure.yuan, locale)} 元"
    return f"  {head}: {value} — {where_text(figure.where, locale)}"


def _unreadable(number: StatedNumber, locale: Locale | str | None) -> str:
    place = where_text(number.where, locale)
    return f"  {number.text} — {place}" if place else f"  {number.text}"


def render_form(document: FormDocument, locale: Locale | str | None = None) -> str:
    """The document as text: its form and layout, each project or figure with its place."""
    lines = [
        f"{pick('表格', 'Form', locale)}: {pick(*_FORMS[document.form], locale)} "
        f"({pick('格式', 'layout', locale)} {document.layout})",
        f"{pick('来源', 'Source', locale)}: {document.source}",
    ]
    if document.title:
        lines.append(f"{pick('标题', 'Title', locale)}: {document.title}")
    if document.money_unit:
        lines.append(f"{pick('金额单位', 'Money unit', locale)}: {document.money_unit}")
    for project in document.projects:
        lines += _project(project, document.form, locale)
    if document.figures:
        lines.append(f"{pick('数字', 'Figures', locale)} ({len(document.figures)}):")
        lines += [_figure(figure, locale) for figure in document.figures]
    if document.notes:
        lines.append(f"{pick('表外文字', 'Other lines', locale)} ({len(document.notes)}):")
        lines += [f"  {note}" for note in document.notes]
    if document.unreadable:
        # numbers grouped other than by threes (96,41人): never guessed at, shown so that
        # nothing read is dropped without a word
        title = pick("无法读取的数字", "Unreadable numbers", locale)
        lines.append(f"{title} ({len(document.unreadable)}):")
        lines += [_unreadable(number, locale) for number in document.unreadable]
    return "\n".join(lines) + "\n"
