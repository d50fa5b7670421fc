"""What-if results as text in Chinese or English (情景测算、预算约束测算、多年度预测、敏感性分析).

The text forms of :func:`~pension_subsidy.compare`, :func:`~pension_subsidy.solve`,
:func:`~pension_subsidy.forecast` and :func:`~pension_subsidy.sensitivity` for people:
labels, statuses and the names of components and projects in the language of ``locale``
(``zh_CN`` by default, or ``en``), numbers through :mod:`pension_subsidy.output.language`.
Where a reader needs a key to type an override (``--set KEY.FIELD=VALUE``) it is shown in
brackets after the name. The JSON forms are the commands' contracts and are not made here.

>>> from pension_subsidy import load_dataset, solve
>>> print(render_solution(solve(load_dataset(), "poverty_household_proxy.per_capita"), "en"))
... # doctest: +NORMALIZE_WHITESPACE
Proxy payment, registered poverty households — per-capita standard
[poverty_household_proxy.per_capita] = 28.55 yuan (was 19.95 yuan)
  County supporting fund for the urban-rural residents' pension [county_supporting_fund]:
  total 1,749,964.95 yuan, appropriation 1,750,000.00 yuan, headroom 35.05 yuan,
  status: within
  Derivation: (1,750,000.00 yuan − 1,551,000.00 yuan other components) ÷ 6,969
  = 28.555029… yuan → 28.55 yuan (down to the fen)
  One fen more: total 1,750,034.64 yuan, over the appropriation
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pension_subsidy._text import display_width
from pension_subsidy.model.budget import Budget, Project, ProjectCheck, Status
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_count,
    format_percent,
    format_yuan,
    is_chinese,
    label,
    language_of,
    pick,
)
from pension_subsidy.output.whatif_names import component_label, percent_step, target_name
from pension_subsidy.whatif.comparison import ComponentChange, ProjectChange, compare_scenario
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.overrides import Override
from pension_subsidy.whatif.sensitivity import SensitivityRow
from pension_subsidy.whatif.solve import Solution

__all__ = ["render_forecast", "render_scenario", "render_sensitivity", "render_solution"]

# (Chinese, English) for each phrase of these commands; the shared ones (statuses, 元,
# appropriation, headroom) come from l10n.label so that every command says them alike.
_text: LabelTable[str] = LabelTable(
    {
        "scenario": ("情景测算：", "Scenario: "),
        "no_overrides": ("（无调整，即基线）", "(no overrides: the baseline)"),
        "baseline": ("基线", "baseline"),
        "scenario_total": ("情景", "scenario"),
        "changes": ("变化：", "Changes:"),
        "no_changes": ("变化：无", "Changes: none"),
        "headcount_change": ("人数", "headcount"),
        "per_capita_change": ("人均", "per capita"),
        "was": ("原为", "was"),
        "derivation": ("计算过程：", "Derivation: "),
        "one_fen_more": ("再多 1 分：合计", "One fen more: total"),
        "one_more": ("再多 1 {unit}：合计", "One more {unit}: total"),
        "over_after": ("超出预算", "over the appropriation"),
        "forecast": (
            "多年度预测：基准年度 {year}；增长率：",
            "Forecast from base year {year}; growth: ",
        ),
        "none": ("无", "none"),
        "rounding": ("取整规则：", "Rounding: "),
        "first_over": (
            "{year}年首次超出预算，超支 {amount} 元",
            "first over in {year}, by {amount} yuan",
        ),
        "never_over": ("所列年度内均未超出预算", "never over in these years"),
        "year": ("{year}年", "{year}"),
        "sensitivity": (
            "敏感性分析：各输入单独变动 ±{percent}%，所属项目合计的变化（元），按摆幅从大到小",
            "Sensitivity: each input moved by ±{percent}% on its own; change in its project's "
            "total (yuan), largest swing first",
        ),
        "swing": ("摆幅", "swing"),
        "input": ("输入（所属项目）", "input (project)"),
        "no_inputs": ("（无可变动的输入）", "(no inputs to move)"),
    }
)

_UNITS: LabelTable[str] = LabelTable(
    {
        "元": ("元", "yuan"),
        "人": ("人", "persons"),
        "村": ("村", "villages"),
        "月": ("月", "months"),
        "次": ("次", "events"),
        "个": ("个", "units"),
        "岁": ("岁", "years of age"),
    }
)
_UNIT_ONE: dict[str, str] = {
    "人": "person",
    "村": "village",
    "月": "month",
    "次": "event",
    "个": "unit",
    "岁": "year of age",
}


def _word(key: str, locale: Localised) -> str:
    """A shared label (l10n.label) as a word inside a sentence: lower case in English."""
    text = label(key, locale)
    return text if is_chinese(locale) else text.lower()


def _colon(locale: Localised) -> str:
    return "：" if is_chinese(locale) else ": "


def _yuan(amount: Yuan, locale: Localised) -> str:
    return f"{format_yuan(amount, locale)} {label('yuan', locale)}"


def _signed(amount: Yuan, locale: Localised) -> str:
    return ("+" if amount > Yuan(0) else "") + format_yuan(amount, locale)


def _signed_percent(value: Decimal | None, locale: Localised) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + format_percent(value, locale)


def _status(status: Status, locale: Localised) -> str:
    return label(f"status_{status.value}", locale)


def _project_name(project: Project, locale: Localised) -> str:
    name = pick(project.name_zh, project.name_en, locale)
    return f"{name} [{project.key}]"


def _number(value: Yuan | int, locale: Localised) -> str:
    return format_yuan(value, locale) if isinstance(value, Yuan) else format_count(value, locale)


def _unit(unit: str, locale: Localised) -> str:
    return _UNITS.get(unit, locale, default=unit)


def _rjust(text: str, width: int) -> str:
    return " " * max(width - display_width(text), 0) + text


# -- scenario -------------------------------------------------------------------------------
def _project_line(
    before: ProjectCheck, after: ProjectCheck, project: Project, loc: Localised
) -> str:
    colon = _colon(loc)
    semicolon, comma = ("；", "，") if is_chinese(loc) else ("; ", ", ")
    return (
        f"■ {_project_name(project, loc)}{colon}{_text('baseline', loc)} "
        f"{_yuan(before.total, loc)} → {_text('scenario_total', loc)} {_yuan(after.total, loc)}"
        f"{semicolon}{_word('appropriation', loc)} {_yuan(after.appropriation, loc)}{comma}"
        f"{_word('headroom', loc)} {_yuan(after.headroom, loc)}{semicolon}"
        f"{_status(before.status, loc)} → {_status(after.status, loc)}"
    )


def _change_line(change: ProjectChange | ComponentChange, baseline: Budget, loc: Localised) -> str:
    zh = is_chinese(loc)
    open_, close, comma, semicolon = ("（", "）", "，", "；") if zh else (" (", ")", ", ", "; ")
    figures = (
        f"{_yuan(change.baseline, loc)} → {_yuan(change.scenario, loc)}{open_}"
        f"{_signed(change.change, loc)} {label('yuan', loc)}{comma}"
        f"{_signed_percent(change.percent, loc)}{close}"
    )
    if isinstance(change, ProjectChange):
        text = (
            f"  {_project_name(baseline.project(change.key), loc)}{_colon(loc)}{figures}{comma}"
            f"{_status(change.baseline_status, loc)} → {_status(change.scenario_status, loc)}"
        )
        if change.baseline_appropriation != change.scenario_appropriation:
            text += (
                f"{semicolon}{_word('appropriation', loc)} "
                f"{_yuan(change.baseline_appropriation, loc)} → "
                f"{_yuan(change.scenario_appropriation, loc)}"
            )
        return text
    name = component_label(change.key, loc, baseline)
    text = f"    {name} [{change.key}]{_colon(loc)}{figures}"
    if change.baseline_headcount != change.scenario_headcount:
        text += (
            f"{semicolon}{_text('headcount_change', loc)} "
            f"{format_count(change.baseline_headcount or 0, loc)} → "
            f"{format_count(change.scenario_headcount or 0, loc)}"
        )
    if change.baseline_per_capita != change.scenario_per_capita:
        text += (
            f"{semicolon}{_text('per_capita_change', loc)} "
            f"{_optional_yuan(change.baseline_per_capita, loc)} → "
            f"{_optional_yuan(change.scenario_per_capita, loc)}"
        )
    return text


def _optional_yuan(amount: Yuan | None, locale: Localised) -> str:
    return "—" if amount is None else _yuan(amount, locale)


def render_scenario(
    baseline: Budget, overrides: Sequence[Override | str], locale: Localised = None
) -> str:
    """The scenario against the baseline as text: each project, then what changed.

    >>> from pension_subsidy import load_dataset
    >>> text = render_scenario(load_dataset(), ["severe_disability_proxy.per_capita=60"])
    >>> print(text.splitlines()[-1])
        重度残疾人代缴 [severe_disability_proxy]：62,000.00 元 → 61,500.00 元（-500.00 元，-0.81%）；人均 60.49 元 → 60.00 元
    """  # noqa: E501 — a doctest's expected line is as long as the line it checks
    result = compare_scenario(baseline, overrides)
    shown = ", ".join(map(str, result.overrides)) or _text("no_overrides", locale)
    lines = [_text("scenario", locale) + shown]
    for project in baseline.unit.projects:
        before, after = project.check(), result.scenario.project(project.key).check()
        lines.append(_project_line(before, after, project, locale))
    changes = result.changes
    lines.append("")
    lines.append(_text("changes" if changes else "no_changes", locale))
    lines += [_change_line(change, baseline, locale) for change in changes]
    return "\n".join(lines) + "\n"


# -- solve ----------------------------------------------------------------------------------
def render_solution(solution: Solution, locale: Localised = None) -> str:
    """The answer of a solve as text: the value, the project it keeps within, the proof."""
    zh = is_chinese(locale)
    open_, close, comma = ("（", "）", "，") if zh else (" (", ")", ", ")
    unit = _unit(solution.unit, locale)
    target = target_name(solution.target, solution.budget, locale)
    first = f"{target} = {_number(solution.value, locale)} {unit}"
    if solution.baseline_value is not None:
        was = _number(solution.baseline_value, locale)
        first += f"{open_}{_text('was', locale)} {was} {unit}{close}"
    project = solution.budget.project(solution.project_key)
    check = project.check()
    derivation = solution.derivation_in(language_of(locale))
    lines = [
        first,
        f"  {_project_name(project, locale)}{_colon(locale)}{_word('total', locale)} "
        f"{_yuan(solution.total, locale)}{comma}{_word('appropriation', locale)} "
        f"{_yuan(solution.appropriation, locale)}{comma}{_word('headroom', locale)} "
        f"{_yuan(solution.appropriation - solution.total, locale)}{comma}"
        f"{_word('status', locale)}{_colon(locale)}{_status(check.status, locale)}",
        f"  {_text('derivation', locale)}{derivation}",
    ]
    if solution.next_total is not None:
        if solution.target.is_count:
            one = _UNIT_ONE.get(solution.unit, solution.unit)
            more = _text("one_more", locale, unit=solution.unit if zh else one)
        else:
            more = _text("one_fen_more", locale)
        lines.append(
            f"  {more} {_yuan(solution.next_total, locale)}{comma}{_text('over_after', locale)}"
        )
    return "\n".join(lines) + "\n"


# -- forecast -------------------------------------------------------------------------------
def render_forecast(outlook: Forecast, locale: Localised = None) -> str:
    """A forecast as text: each project year by year, and the first year it goes over.

    >>> from pension_subsidy import forecast, load_dataset
    >>> outlook = forecast(load_dataset(), range(2023, 2028), ["contribution_subsidy.headcount=2%"])
    >>> print(render_forecast(outlook).splitlines()[-1])
        2025年首次超出预算，超支 24,831.68 元
    """
    growth = ", ".join(map(str, outlook.growth)) or _text("none", locale)
    rounding = outlook.rounding_in(language_of(locale))
    lines = [
        _text("forecast", locale, year=outlook.base_year) + growth,
        _text("rounding", locale) + rounding,
        "",
    ]
    first_budget = outlook.years[0].budget if outlook.years else None
    for key in outlook.project_keys:
        assert first_budget is not None  # project_keys is empty without years
        lines.append(f"■ {_project_name(first_budget.project(key), locale)}")
        for year in outlook.years:
            check = year.budget.project(key).check()
            lines.append(
                f"    {_text('year', locale, year=year.year)}{_colon(locale)}"
                f"{_word('total', locale)} {format_yuan(check.total, locale):>14} "
                f"{label('yuan', locale)}  {_word('appropriation', locale)} "
                f"{format_yuan(check.appropriation, locale):>14} {label('yuan', locale)}  "
                f"{_word('headroom', locale)} {format_yuan(check.headroom, locale):>14} "
                f"{label('yuan', locale)}  {_status(check.status, locale)}"
            )
        hit = outlook.first_over(key)
        if hit is None:
            lines.append(f"    {_text('never_over', locale)}")
        else:
            overrun = format_yuan(hit[1], locale)
            lines.append(f"    {_text('first_over', locale, year=hit[0], amount=overrun)}")
        lines.append("")
    return "\n".join(lines)


# -- sensitivity ----------------------------------------------------------------------------
_COLUMN = 14


def render_sensitivity(
    budget: Budget,
    rows: Sequence[SensitivityRow],
    percent: Decimal,
    locale: Localised = None,
) -> str:
    """A tornado table as text: the change in the project total at −p % and +p %, and the swing.

    The figures come first, in columns; the input's name, key and project follow, so that
    names of any length and script do not push the columns apart.
    """
    shown = percent_step(percent, locale)
    open_, close = ("（", "）") if is_chinese(locale) else (" (", ")")
    lines = [
        _text("sensitivity", locale, percent=shown),
        f"{_rjust('−' + shown + '%', _COLUMN)} {_rjust('+' + shown + '%', _COLUMN)} "
        f"{_rjust(_text('swing', locale), _COLUMN)}  {_text('input', locale)}",
    ]
    for row in rows:
        project = budget.project(row.project)
        project_name = pick(project.name_zh, project.name_en, locale)
        lines.append(
            f"{_signed(row.low_change, locale):>{_COLUMN}} "
            f"{_signed(row.high_change, locale):>{_COLUMN}} "
            f"{format_yuan(row.swing, locale):>{_COLUMN}}  "
            f"{target_name(row.target, budget, locale)}{open_}{project_name}{close}"
        )
    if not rows:
        lines.append(_text("no_inputs", locale))
    return "\n".join(lines) + "\n"
