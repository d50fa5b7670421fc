"""Audit the arithmetic of a prose report (绩效自评报告 / 绩效评价报告), quoting its sentences.

The reader (:mod:`pension_subsidy.forms`) takes each figure from its sentence with what it is
(``name``: budget, executed, execution_rate, overrun, headcount…), whether it is a plan or an
actual (``basis``, by the words before it: 申请, 预算, 年初, 目标 are plans; 实际, 实际需要,
完成 are actuals), its budget level (中央/省/市/县/其他), its area and its label. The checks
here pair figures only by those: **an actual is never taken for a plan**. The codes:

* ``prose_budget_levels`` (error): a budget and its sources by level do not add up;
* ``prose_execution_rate`` (error): executed ÷ budget is not the stated rate;
* ``prose_overrun`` (error): a stated overrun (超支) is not actual − plan, or an overrun is
  stated where the actual is within the plan;
* ``prose_overrun_unstated`` (warning): an actual above its plan with no overrun stated;
* ``prose_area_total`` (error): a city's total is not the sum of its counties;
* ``prose_headcount`` (info, or error against a stated completion rate): completed against
  target headcounts;
* ``prose_unreadable_figure`` (warning): a number grouped other than by threes (``96,41人``),
  which the reader would not guess at, quoted with its sentence.

A figure is compared at the precision it is stated with (``99.5%`` ± 0.05), and a rate
recomputed from amounts allows what their rounding can move it (99 ÷ 100 万元 stated in whole
万元 may be 98.5 ÷ 100.5, so 98 % is not refused).

>>> from decimal import Decimal
>>> from pension_subsidy.forms.model import Figure, FormDocument, Where
>>> said = Where(sentence="项目预算100.00万元，实际执行99.00万元，执行率98%。")
>>> figures = (
...     Figure("budget", Decimal("100.00"), "万元", "100.00万元", "plan", "money", said),
...     Figure("executed", Decimal("99.00"), "万元", "99.00万元", "actual", "money", said),
...     Figure("execution_rate", Decimal(98), "%", "98%", "stated", "rate", said),
... )
>>> report = FormDocument("evaluation_report", "prose", "r.txt", figures=figures)
>>> [(f.code, f.values["computed_percent"]) for f in audit_prose(report)]
[('prose_execution_rate', '99')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity
from pension_subsidy.forms.model import Figure, FormDocument, StatedNumber
from pension_subsidy.forms.selfeval_audit import shown

__all__ = ["LEVELS", "audit_prose"]

#: The budget levels a report splits its sources by, in the order reports name them.
LEVELS: tuple[str, ...] = ("中央", "省", "市", "县", "本级", "其他")

_HUNDRED = Fraction(100)
_UNIT_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
_UNIT_PERSONS = {"人": 1, "人次": 1, "万人": 10_000, "万人次": 10_000}
_BUDGET_NAMES = frozenset({"budget"})
_EXECUTED_NAMES = frozenset({"executed"})
_RATE_NAMES = frozenset({"execution_rate"})
_OVERRUN_NAMES = frozenset({"overrun"})
_COMPLETION_NAMES = frozenset({"completion_rate", "rate"})


def _half_unit(number: Decimal) -> Fraction:
    exponent = number.as_tuple().exponent
    return Fraction(1, 2) * Fraction(10) ** (exponent if isinstance(exponent, int) else 0)


def _base(figure: Figure) -> tuple[str, Fraction, Fraction] | None:
    """(dimension, exact value in the base unit, half a stated unit in the base unit)."""
    if figure.unit in _UNIT_YUAN:
        factor = _UNIT_YUAN[figure.unit]
        if figure.yuan is not None:
            value = Fraction(figure.yuan.value)
        else:
            value = Fraction(figure.value) * factor
        return "money", value, _half_unit(figure.value) * factor
    if figure.unit in _UNIT_PERSONS:
        factor = _UNIT_PERSONS[figure.unit]
        return "persons", Fraction(figure.value) * factor, _half_unit(figure.value) * factor
    return None


def _sentence(figure: Figure) -> str:
    return figure.where.sentence or str(figure.where)


def _quote(figures: Iterable[Figure]) -> list[str]:
    """The distinct sentences of ``figures``, in order."""
    seen: list[str] = []
    for figure in figures:
        text = _sentence(figure)
        if text not in seen:
            seen.append(text)
    return seen


def _quoted_zh(figures: Iterable[Figure]) -> str:
    return "".join(f"“{text}”" for text in _quote(figures))


def _quoted_en(figures: Iterable[Figure]) -> str:
    return " ".join(f"“{text}”" for text in _quote(figures))


def _in_unit(value: Fraction, unit: str) -> str:
    factor = _UNIT_YUAN.get(unit) or _UNIT_PERSONS.get(unit) or 1
    return f"{shown(value / factor)}{unit}"


def _finding(
    code: str,
    severity: Severity,
    zh: str,
    en: str,
    used: Sequence[Figure],
    *,
    area: str | None = None,
    at: Figure | None = None,
    **values: Any,
) -> Finding:
    """A finding at the figure ``at`` (the stated one checked; default the first used)."""
    line = (at or used[0]).where.line
    return Finding(
        code=code,
        severity=severity,
        # a report has no unit or project row: the area named stands where a table's goal
        # would, so that the text output says where (values["area"] says it as data)
        location=Location(goal=area, line=line),
        message_zh=f"{zh}。依据：{_quoted_zh(used)}",
        message_en=f"{en}. From: {_quoted_en(used)}",
        values={
            **{key: shown(v) if isinstance(v, Fraction) else v for key, v in values.items()},
            "area": area,
            "sentences": _quote(used),
            "figures": [figure.text for figure in used],
        },
    )


def _near(one: str | None, other: str | None) -> bool:
    """The same area, or one of the two names none (a sentence about the whole project)."""
    return one == other or one is None or other is None


def _is_total(figure: Figure) -> bool:
    return figure.level is None


def _check_levels(figures: Sequence[Figure]) -> list[Finding]:
    """A planned budget followed by its sources by level (before the next total)."""
    findings = []
    budgets = [
        (index, f)
        for index, f in enumerate(figures)
        if f.name in _BUDGET_NAMES and f.basis == "plan" and _base(f) is not None
    ]
    for position, (index, total) in enumerate(budgets):
        if not _is_total(total):
            continue
        stop = next(
            (i for i, f in budgets[position + 1 :] if _is_total(f) and _near(f.area, total.area)),
            len(figures),
        )
        sources = [
            f
            for i, f in budgets
            if index < i < stop and f.level in LEVELS and _near(f.area, total.area)
        ]
        if len(sources) < 2:
            continue
        _, whole, whole_slack = _base(total)  # type: ignore[misc]
        parts = [_base(f) for f in sources]
        added = sum((part[1] for part in parts if part), Fraction(0))
        slack = whole_slack + sum((part[2] for part in parts if part), Fraction(0))
        if abs(added - whole) > slack:
            terms = " + ".join(f"{f.level} {f.text}" for f in sources)
            findings.append(
                _finding(
                    "prose_budget_levels",
                    Severity.ERROR,
                    f"预算 {total.text} 与分级来源之和不符：{terms} = "
                    f"{_in_unit(added, total.unit)}",
                    f"the budget {total.text} is not the sum of its sources by level: {terms} = "
                    f"{_in_unit(added, total.unit)}",
                    [total, *sources],
                    area=total.area,
                    stated_total=total.text,
                    sources={f.level: f.text for f in sources},
                    computed_total=_in_unit(added, total.unit),
                )
            )
    return findings


_PLACE_ENDINGS = ("省", "市", "州", "盟", "县", "区", "旗")


def _matches_area(figure: Figure, area: str | None) -> bool:
    """The same area; or an unnamed one against a figure that names no place (2022年)."""
    if figure.area == area:
        return True
    if area is None:
        return not (figure.area or "").endswith(_PLACE_ENDINGS)
    return figure.area is None


def _before(figures: Sequence[Figure], index: int, wanted: Any, area: str | None) -> Figure | None:
    """The nearest figure before ``index`` that ``wanted`` accepts, of the same area first."""
    earlier = [figure for figure in reversed(figures[:index]) if wanted(figure)]
    same = next((figure for figure in earlier if figure.area == area), None)
    return same or next((f for f in earlier if _matches_area(f, area)), None)


def _check_rates(figures: Sequence[Figure]) -> list[Finding]:
    findings = []
    for index, rate in enumerate(figures):
        if rate.name not in _RATE_NAMES:
            continue
        budget = _before(
            figures,
            index,
            lambda f, rate=rate: (
                f.name in _BUDGET_NAMES
                and f.basis == "plan"
                and f.level is None
                and _base(f) is not None
            ),
            rate.area,
        )
        executed = _before(
            figures,
            index,
            lambda f, rate=rate: (
                f.name in _EXECUTED_NAMES
                and f.basis == "actual"
                and f.level is None
                and _base(f) is not None
            ),
            rate.area,
        )
        if budget is None or executed is None:
            continue
        _, planned, planned_slack = _base(budget)  # type: ignore[misc]
        _, spent, spent_slack = _base(executed)  # type: ignore[misc]
        if planned == 0:
            continue
        computed = spent / planned * _HUNDRED
        slack = _HUNDRED * (spent_slack / planned + spent * planned_slack / (planned * planned))
        if abs(computed - Fraction(rate.value)) > _half_unit(rate.value) + slack:
            findings.append(
                _finding(
                    "prose_execution_rate",
                    Severity.ERROR,
                    f"执行率写为 {rate.text}，但执行数 {executed.text} ÷ 预算数 {budget.text} = "
                    f"{shown(computed)}%",
                    f"the execution rate is stated as {rate.text}, but executed {executed.text} "
                    f"÷ budget {budget.text} = {shown(computed)}%",
                    [budget, executed, rate],
                    area=rate.area,
                    at=rate,
                    stated_percent=rate.text,
                    computed_percent=computed,
                    budget=budget.text,
                    executed=executed.text,
                )
            )
    return findings


def _key(figure: Figure) -> tuple[str | None, str | None, str]:
    dimension = _base(figure)
    return figure.area, figure.label, dimension[0] if dimension else ""


def _check_overruns(figures: Sequence[Figure]) -> list[Finding]:
    """Plan vs actual of the same area and label, and the overrun stated for them."""
    findings = []
    plans: dict[tuple[str | None, str | None, str], Figure] = {}
    actuals: dict[tuple[str | None, str | None, str], Figure] = {}
    overruns: dict[tuple[str | None, str | None, str], Figure] = {}
    for figure in figures:
        if _base(figure) is None or figure.level is not None:
            continue
        if figure.name in _OVERRUN_NAMES:
            overruns.setdefault(_key(figure), figure)
        elif figure.basis == "plan":
            plans.setdefault(_key(figure), figure)
        elif figure.basis == "actual":
            actuals.setdefault(_key(figure), figure)
    for key, plan in plans.items():
        actual = actuals.get(key)
        if actual is None or (key[1] is None and key[0] is None):
            continue
        _, planned, plan_slack = _base(plan)  # type: ignore[misc]
        _, spent, spent_slack = _base(actual)  # type: ignore[misc]
        difference = spent - planned
        stated = overruns.get(key)
        what = "·".join(part for part in (key[0], key[1]) if part)
        if stated is None:
            if difference > plan_slack + spent_slack:
                findings.append(
                    _finding(
                        "prose_overrun_unstated",
                        Severity.WARNING,
                        f"{what}：实际 {actual.text} 超过计划 {plan.text} "
                        f"{_in_unit(difference, plan.unit)}，报告未说明超支",
                        f"{what}: the actual {actual.text} exceeds the plan {plan.text} by "
                        f"{_in_unit(difference, plan.unit)} and no overrun is stated",
                        [plan, actual],
                        area=key[0],
                        plan=plan.text,
                        actual=actual.text,
                        difference=_in_unit(difference, plan.unit),
                    )
                )
            continue
        _, overrun, overrun_slack = _base(stated)  # type: ignore[misc]
        slack = plan_slack + spent_slack + overrun_slack
        if difference <= 0 < overrun or abs(overrun - difference) > slack:
            used = [plan, actual, stated]
            findings.append(
                _finding(
                    "prose_overrun",
                    Severity.ERROR,
                    f"{what}：超支写为 {stated.text}，但实际 {actual.text} − 计划 {plan.text} = "
                    f"{_in_unit(difference, plan.unit)}",
                    f"{what}: the overrun is stated as {stated.text}, but actual {actual.text} − "
                    f"plan {plan.text} = {_in_unit(difference, plan.unit)}",
                    used,
                    area=key[0],
                    at=stated,
                    plan=plan.text,
                    actual=actual.text,
                    stated_overrun=stated.text,
                    computed_overrun=_in_unit(difference, plan.unit),
                )
            )
    return findings


def _check_area_totals(figures: Sequence[Figure]) -> list[Finding]:
    """A total without an area (the city's) against the same quantity of each named area."""
    findings = []
    groups: dict[tuple[str, str, str | None, str], list[Figure]] = {}
    for figure in figures:
        dimension = _base(figure)
        if dimension is None or figure.level is not None:
            continue
        groups.setdefault((figure.name, figure.basis, figure.label, dimension[0]), []).append(
            figure
        )
    for members in groups.values():
        totals = [f for f in members if f.area is None]
        areas: dict[str, Figure] = {}
        for figure in members:
            if figure.area is not None:
                areas.setdefault(figure.area, figure)
        if len(totals) != 1 or len(areas) < 2:
            continue
        total = totals[0]
        _, whole, whole_slack = _base(total)  # type: ignore[misc]
        parts = [_base(f) for f in areas.values()]
        added = sum((part[1] for part in parts if part), Fraction(0))
        slack = whole_slack + sum((part[2] for part in parts if part), Fraction(0))
        if abs(added - whole) > slack:
            terms = " + ".join(f"{area} {f.text}" for area, f in areas.items())
            findings.append(
                _finding(
                    "prose_area_total",
                    Severity.ERROR,
                    f"合计 {total.text} 不等于各地之和：{terms} = {_in_unit(added, total.unit)}",
                    f"the total {total.text} is not the sum of its areas: {terms} = "
                    f"{_in_unit(added, total.unit)}",
                    [total, *areas.values()],
                    stated_total=total.text,
                    areas={area: f.text for area, f in areas.items()},
                    computed_total=_in_unit(added, total.unit),
                )
            )
    return findings


def _check_headcounts(figures: Sequence[Figure]) -> list[Finding]:
    findings = []
    targets: dict[tuple[str | None, str | None], Figure] = {}
    done: dict[tuple[str | None, str | None], Figure] = {}
    for figure in figures:
        if figure.kind != "headcount" or figure.unit not in _UNIT_PERSONS:
            continue
        key = (figure.area, figure.label)
        if figure.basis == "plan":
            targets.setdefault(key, figure)
        elif figure.basis == "actual":
            done.setdefault(key, figure)
    rates = [f for f in figures if f.name in _COMPLETION_NAMES and f.kind == "rate"]
    for key, target in targets.items():
        completed = done.get(key)
        if completed is None:
            continue
        _, planned, planned_slack = _base(target)  # type: ignore[misc]
        _, reached, reached_slack = _base(completed)  # type: ignore[misc]
        if planned == 0:
            continue
        percent = reached / planned * _HUNDRED
        what = "·".join(part for part in key if part) or "人数"
        stated = next(
            (f for f in rates if f.area == key[0] and _sentence(f) == _sentence(completed)), None
        )
        slack = _HUNDRED * (reached_slack / planned + reached * planned_slack / planned**2)
        if stated is not None and abs(Fraction(stated.value) - percent) > (
            _half_unit(stated.value) + slack
        ):
            findings.append(
                _finding(
                    "prose_headcount",
                    Severity.ERROR,
                    f"{what}：完成率写为 {stated.text}，但完成 {completed.text} ÷ 目标 "
                    f"{target.text} = {shown(percent)}%",
                    f"{what}: the completion is stated as {stated.text}, but completed "
                    f"{completed.text} ÷ target {target.text} = {shown(percent)}%",
                    [target, completed, stated],
                    area=key[0],
                    at=stated,
                    target=target.text,
                    completed=completed.text,
                    stated_percent=stated.text,
                    computed_percent=percent,
                )
            )
        elif reached < planned:
            findings.append(
                _finding(
                    "prose_headcount",
                    Severity.INFO,
                    f"{what}：目标 {target.text}，完成 {completed.text}（{shown(percent)}%），"
                    "未达目标，应说明原因",
                    f"{what}: target {target.text}, completed {completed.text} "
                    f"({shown(percent)}%): short of the target, a reason is due",
                    [target, completed],
                    area=key[0],
                    target=target.text,
                    completed=completed.text,
                    computed_percent=percent,
                )
            )
    return findings


def _check_unreadable(numbers: Sequence[StatedNumber]) -> list[Finding]:
    """A number the reader could not read safely (``96,41人``), quoted with its sentence."""
    findings = []
    for number in numbers:
        where = number.where
        sentence = where.sentence if where is not None and where.sentence else ""
        findings.append(
            Finding(
                code="prose_unreadable_figure",
                severity=Severity.WARNING,
                location=Location(line=where.line if where is not None else None),
                message_zh=f"数字 {number.text} 的千位分隔不是每组三位，无法可靠读取，未计入核对。"
                f"依据：“{sentence}”",
                message_en=f"the figure {number.text} is not grouped by threes and cannot be "
                f"read safely; it is left out of the checks. From: “{sentence}”",
                values={"text": number.text, "sentences": [sentence] if sentence else []},
            )
        )
    return findings


def audit_prose(document: FormDocument) -> tuple[Finding, ...]:
    """The findings of a prose report's figures (``document.figures``), each quoting its sentences.

    Figures are paired by name, basis (plan or actual), level, area and label only: an
    actual (实际, 实际需要, 完成值) is never taken for a plan (申请, 预算, 年初, 目标).
    """
    figures = document.figures
    return (
        *_check_levels(figures),
        *_check_rates(figures),
        *_check_overruns(figures),
        *_check_area_totals(figures),
        *_check_headcounts(figures),
        *_check_unreadable(document.unreadable),
    )
