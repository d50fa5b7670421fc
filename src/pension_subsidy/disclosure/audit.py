"""Audit a disclosure table for contradictions (审核): one small check per kind of problem.

Each check takes a :class:`~pension_subsidy.disclosure.Disclosure` and returns
:class:`Finding` objects: a code, a severity (error / warning / info), a location (unit,
project, indicator or goal text), a message in Chinese and in English, and the numbers
involved. An honest, consistent table gets no warnings or errors.

>>> from pension_subsidy.disclosure import load_bundled_disclosure
>>> findings = audit(load_bundled_disclosure())
>>> for finding in findings:
...     print(finding.severity.value, finding.code)
warning project.unitemised_remainder
error quantity.mismatch
warning cost.ceiling_above_appropriation
warning rate.at_least_100
warning rate.inconsistent
info component.per_capita_implausible
warning outline.numbering
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.disclosure.model import Disclosure, OutlineEntry, OutlineLevel
from pension_subsidy.disclosure.prose import keywords
from pension_subsidy.exceptions import InvalidAmountError
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.components import Basis, CoordinatorAllowance
from pension_subsidy.model.indicators import Comparator, Indicator, Level2
from pension_subsidy.money import FEN, Yuan, round_half_up

__all__ = [
    "CHECKS",
    "Finding",
    "Location",
    "Severity",
    "audit",
    "check_ceilings_vs_headroom",
    "check_components_vs_appropriation",
    "check_cost_ceilings",
    "check_counts_times_standards",
    "check_heading_numbering",
    "check_indicator_targets",
    "check_per_capita",
    "check_prose_notes",
    "check_rate_targets",
    "check_stated_quantities",
    "check_unit_totals",
    "check_unit_wide_rates",
    "findings_data",
]

#: The step of a plausible per-capita standard: a whole 角 (0.1 元).
PER_CAPITA_STEP = Decimal("0.1")


class Severity(enum.Enum):
    """How serious a finding is: an error cannot be true as written, a warning needs a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Location:
    """Where a finding is: unit code, project key and name, indicator or goal text, line."""

    unit: str | None = None
    project: str | None = None
    project_name: str | None = None
    indicator: str | None = None
    goal: str | None = None
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The location as JSON-ready data (None for what does not apply)."""
        return attrs.asdict(self)

    def __str__(self) -> str:
        r"""``501003 / 城乡居民养老保险 县级配套资金 / 1. 养老保险参保率 $\\geq 100\\%$``."""
        parts = [self.unit, self.project_name or self.project, self.indicator, self.goal]
        text = " / ".join(part for part in parts if part)
        return f"{text} (line {self.line})" if self.line is not None else text


@attrs.frozen
class Finding:
    """One problem the audit found, with the numbers involved in ``values``."""

    code: str
    severity: Severity
    location: Location
    message_zh: str
    message_en: str
    values: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def as_dict(self) -> dict[str, Any]:
        """The finding in the ``audit --format json`` shape."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location.as_dict(),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "values": self.values,
        }


def findings_data(findings: Iterable[Finding]) -> dict[str, Any]:
    """``{"findings": [...]}``, the JSON shape of ``audit --format json``."""
    return {"findings": [finding.as_dict() for finding in findings]}


# -- helpers ------------------------------------------------------------------------------
def _wan(amount: Yuan) -> str:
    """万元 as tables write them: two decimals, or more when the amount needs them."""
    exact = amount.wan
    cents = exact.quantize(Decimal("0.01"))
    return f"{cents:f}" if cents == exact else f"{exact:f}"


def _where(disclosure: Disclosure, unit: Unit, project: Project | None = None,
           **extra: Any) -> Location:  # fmt: skip
    if project is None:
        return Location(unit=unit.code, **extra)
    return Location(unit=unit.code, project=project.key, project_name=project.name_zh,
                    line=disclosure.line_of(project), **extra)  # fmt: skip


def _money_indicator(indicator: Indicator) -> Yuan | None:
    """A cost indicator's target in 元 (None unless it is an amount in 万元 or 元).

    A target finer than 分 or beyond 10^15 元 is None too: check_indicator_targets reports it.
    """
    target = indicator.target
    if not isinstance(target, Decimal) or indicator.unit not in ("万元", "元"):
        return None
    try:
        return Yuan.from_wan(target) if indicator.unit == "万元" else Yuan(target)
    except InvalidAmountError:
        return None


def _whole(target: Decimal | str) -> int | None:
    """A numeric target as a whole count (None for a word or a fraction such as 1.5)."""
    if not isinstance(target, Decimal) or target != target.to_integral_value():
        return None
    return int(target)


def _ceilings(project: Project) -> list[tuple[Indicator, Yuan]]:
    """Cost indicators that cap an amount (≤, <, or a bare cost target)."""
    found = []
    for indicator in project.indicators:
        amount = _money_indicator(indicator)
        if (
            indicator.level2 is Level2.COST
            and amount is not None
            and indicator.effective_comparator in (Comparator.LE, Comparator.LT)
        ):
            found.append((indicator, amount))
    return found


def _whole_ceiling(project: Project) -> tuple[Indicator, Yuan] | None:
    """The ceiling that caps the whole project: the largest, if at least half its amount.

    Tables state the project's own ceiling (县级财政补贴 ≤ 175万元) beside ceilings of parts
    (宣传成本 ≤ 6万元); only the first can be compared with the project's components.
    """
    ceilings = _ceilings(project)
    if not ceilings:
        return None
    indicator, amount = max(ceilings, key=lambda item: item[1])
    if amount.value * 2 < project.appropriation.value:
        return None
    return indicator, amount


def _line_name(indicator: Indicator) -> str:
    return f"{indicator.name} {indicator.target_text}"


# -- checks -------------------------------------------------------------------------------
def check_unit_totals(disclosure: Disclosure) -> list[Finding]:
    """A unit's stated amount must equal Σ its projects (or Σ its sub-units' amounts)."""
    findings = []
    units = disclosure.budget.units
    for unit in units:
        if unit.stated_total is None:
            continue
        children = [other for other in units if other.parent == unit.code]
        if unit.projects:
            computed, parts_zh, parts_en = unit.total, "各项目金额之和", "the sum of its projects"
        elif children:
            computed = sum((child.stated_total or child.total for child in children), Yuan(0))
            parts_zh, parts_en = "下属单位金额之和", "the sum of its sub-units"
        else:
            continue
        if computed != unit.stated_total:
            difference = unit.stated_total - computed
            findings.append(Finding(
                code="unit.total_mismatch",
                severity=Severity.ERROR,
                location=_where(disclosure, unit),
                message_zh=(f"单位金额{_wan(unit.stated_total)}万元不等于{parts_zh}"
                            f"{_wan(computed)}万元（相差{_wan(difference)}万元）"),
                message_en=(f"the unit's amount of {_wan(unit.stated_total)} 万元 is not "
                            f"{parts_en}, {_wan(computed)} 万元 (difference "
                            f"{_wan(difference)} 万元)"),
                values={"stated_yuan": str(unit.stated_total), "computed_yuan": str(computed),
                        "difference_yuan": str(difference)},
            ))  # fmt: skip
    return findings


def _single_standard(project: Project) -> bool:
    return len(project.components) == 1 and project.components[0].basis is Basis.STANDARD


def check_components_vs_appropriation(disclosure: Disclosure) -> list[Finding]:
    """Σ components vs the appropriation: over is an error; an unitemised rest a warning.

    The warning says when the rest equals another line of the table, such as a cost ceiling
    (a publicity-cost ceiling of the same amount suggests where the rest goes).
    """
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            if not project.itemised or _single_standard(project):
                continue  # a single standard is checked by check_counts_times_standards
            check = project.check()
            components, appropriation = check.total, project.appropriation
            where = _where(disclosure, unit, project)
            if check.overrun is not None:
                findings.append(Finding(
                    code="project.components_over",
                    severity=Severity.ERROR,
                    location=where,
                    message_zh=(f"各项构成合计{_wan(components)}万元，超过项目金额"
                                f"{_wan(appropriation)}万元{_wan(check.overrun)}万元"),
                    message_en=(f"the components add up to {_wan(components)} 万元, "
                                f"{_wan(check.overrun)} 万元 over the project's "
                                f"{_wan(appropriation)} 万元"),
                    values={"components_yuan": str(components),
                            "appropriation_yuan": str(appropriation),
                            "overrun_yuan": str(check.overrun)},
                ))  # fmt: skip
            elif not check.headroom.is_zero():
                findings.append(_unitemised(disclosure, unit, project, check.headroom, where))
    return findings


def _unitemised(disclosure: Disclosure, unit: Unit, project: Project, rest: Yuan,
                where: Location) -> Finding:  # fmt: skip
    matches = [(project, indicator) for indicator, amount in _ceilings(project) if amount == rest]
    if not matches:
        matches = [(other, indicator) for other in unit.projects if other is not project
                   for indicator, amount in _ceilings(other) if amount == rest]  # fmt: skip
    components = project.total
    zh = (f"各项构成合计{_wan(components)}万元，项目金额{_wan(project.appropriation)}万元，"
          f"未列明用途{_wan(rest)}万元")  # fmt: skip
    en = (
        f"the components add up to {_wan(components)} 万元 of the project's "
        f"{_wan(project.appropriation)} 万元: {_wan(rest)} 万元 are not itemised"
    )
    if matches:
        other, indicator = matches[0]
        same = other is project
        zh += (
            f"，恰等于{'本项目' if same else '“' + other.name_zh + '”的'}成本指标"
            f"“{_line_name(indicator)}”"
        )
        en += (
            f"; it equals the cost ceiling {_line_name(indicator)!r}"
            f"{' of this project' if same else ' of ' + repr(other.name_zh)}"
        )
    return Finding(
        code="project.unitemised_remainder",
        severity=Severity.WARNING,
        location=where,
        message_zh=zh,
        message_en=en,
        values={"components_yuan": str(components),
                "appropriation_yuan": str(project.appropriation),
                "remainder_yuan": str(rest),
                "equals": [{"project": other.key, "indicator": indicator.text or
                            _line_name(indicator)} for other, indicator in matches]},
    )  # fmt: skip


def check_counts_times_standards(disclosure: Disclosure) -> list[Finding]:
    """Count × standard (e.g. villages × 600 元) vs the project's amount and its cost line."""
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for component in project.components:
                if component.basis is not Basis.STANDARD:
                    continue
                targets: list[tuple[str, str, Yuan, str | None]] = []
                if _single_standard(project):
                    targets.append(("项目金额", "the project's amount", project.appropriation,
                                    None))  # fmt: skip
                for indicator in project.indicators:
                    amount = _money_indicator(indicator)
                    if (amount is not None and indicator.level2 is Level2.COST
                            and indicator.comparator in (None, Comparator.EQ)
                            and amount.value * 2 >= component.amount.value):  # fmt: skip
                        targets.append(("成本指标", "the cost indicator", amount,
                                        indicator.text or _line_name(indicator)))  # fmt: skip
                for name_zh, name_en, amount, text in targets:
                    if amount == component.amount:
                        continue
                    findings.append(Finding(
                        code="standard.amount_mismatch",
                        severity=Severity.ERROR,
                        location=_where(disclosure, unit, project, indicator=text),
                        message_zh=(f"{component.derivation}，与{name_zh}{_wan(amount)}万元"
                                    f"不符（相差{_wan(amount - component.amount)}万元）"),
                        message_en=(f"{component.derivation} does not match {name_en} of "
                                    f"{_wan(amount)} 万元 (difference "
                                    f"{_wan(amount - component.amount)} 万元)"),
                        values={"component": component.key,
                                "computed_yuan": str(component.amount),
                                "stated_yuan": str(amount),
                                "difference_yuan": str(amount - component.amount)},
                    ))  # fmt: skip
    return findings


def _quantity_indicator(indicator: Indicator) -> str | None:
    if indicator.is_qualitative or indicator.unit not in ("人", "个", "村", "户", ""):
        return None
    for kind, spec in keywords()["quantities"].items():
        if any(word in indicator.name for word in spec["indicator_words"]):
            return str(kind)
    return None


def check_stated_quantities(disclosure: Disclosure) -> list[Finding]:
    """The same count (insured, payers, villages, coordinators) stated differently in a unit.

    Compares what the goal prose states with what the indicators state, across the unit's
    projects: ``91700人参保`` in the prose against ``预计参保人数 96410人``.
    """
    findings = []
    specs = keywords()["quantities"]
    for unit in disclosure.budget.units:
        statements: dict[str, list[tuple[int, str, str, Project]]] = {}
        for project in unit.projects:
            prose = disclosure.project_prose(project)
            for quantity in prose.quantities:
                statements.setdefault(quantity.kind, []).append(
                    (quantity.value, "目标", quantity.clause, project)
                )
            clauses = {source.key: source.clause for source in prose.components}
            for component in project.components:
                if isinstance(component, CoordinatorAllowance):
                    # quote the goal's own words; the derivation only if the prose has none
                    clause = clauses.get(component.key, component.derivation)
                    statements.setdefault("coordinators", []).append(
                        (component.headcount, "目标", clause, project)
                    )
            for indicator in project.indicators:
                kind = _quantity_indicator(indicator)
                count = _whole(indicator.target)
                if kind is not None and count is not None:  # 1.5人: check_indicator_targets
                    statements.setdefault(kind, []).append(
                        (count, "指标", indicator.text or _line_name(indicator), project)
                    )
        for kind, found in statements.items():
            values = sorted({value for value, _, _, _ in found})
            if len(values) < 2:
                continue
            spec = specs[kind]
            listed_zh = "；".join(f"{where}“{text}”（{project.name_zh}）"
                                 for _, where, text, project in found)  # fmt: skip
            listed_en = "; ".join(
                f"{'goal' if where == '目标' else 'indicator'} {text!r} ({project.key})"
                for _, where, text, project in found)  # fmt: skip
            shown = " vs ".join(f"{value:,}" for value in values)
            findings.append(Finding(
                code="quantity.mismatch",
                severity=Severity.ERROR,
                location=_where(disclosure, unit, found[0][3] if len({id(f[3]) for f in found})
                                == 1 else None),
                message_zh=f"{spec['label_zh']}前后不一（{shown}）：{listed_zh}",
                message_en=f"{spec['label_en']} stated differently ({shown}): {listed_en}",
                values={"quantity": kind, "values": values,
                        "statements": [{"value": value, "source": "goal" if where == "目标"
                                        else "indicator", "text": text, "project": project.key}
                                       for value, where, text, project in found]},
            ))  # fmt: skip
    return findings


def check_cost_ceilings(disclosure: Disclosure) -> list[Finding]:
    """Cost ceilings above the appropriation, or below the components they cap."""
    findings = []
    component_words = keywords()["components"]
    for unit in disclosure.budget.units:
        for project in unit.projects:
            whole = _whole_ceiling(project)
            for indicator, ceiling in _ceilings(project):
                where = _where(disclosure, unit, project, indicator=indicator.text or
                               _line_name(indicator))  # fmt: skip
                if ceiling > project.appropriation:
                    findings.append(Finding(
                        code="cost.ceiling_above_appropriation",
                        severity=Severity.WARNING,
                        location=where,
                        message_zh=(f"成本指标“{_line_name(indicator)}”的上限"
                                    f"{indicator.target}{indicator.unit}高于项目金额"
                                    f"{_wan(project.appropriation)}万元，无法约束支出"),
                        message_en=(f"the cost ceiling {_line_name(indicator)!r} of "
                                    f"{indicator.target} {indicator.unit} is above the "
                                    f"{_wan(project.appropriation)} 万元 project: it cannot bind"),
                        values={"ceiling_yuan": str(ceiling),
                                "appropriation_yuan": str(project.appropriation)},
                    ))  # fmt: skip
                if (whole is not None and whole[0] is indicator and project.itemised
                        and ceiling < project.total):  # fmt: skip
                    findings.append(_below(where, indicator, ceiling, amount=project.total,
                                           name_zh="各项构成合计",
                                           name_en="the components' total"))  # fmt: skip
                for component in project.components:
                    words = component_words.get(component.key, [])
                    if any(word in indicator.name for word in words) and ceiling < component.amount:
                        findings.append(_below(where, indicator, ceiling, amount=component.amount,
                                               name_zh=component.name_zh,
                                               name_en=component.name_en))  # fmt: skip
    return findings


def _below(where: Location, indicator: Indicator, ceiling: Yuan, *, amount: Yuan, name_zh: str,
           name_en: str) -> Finding:  # fmt: skip
    return Finding(
        code="cost.ceiling_below_amount",
        severity=Severity.ERROR,
        location=where,
        message_zh=(f"成本指标“{_line_name(indicator)}”的上限{_wan(ceiling)}万元低于"
                    f"{name_zh}{_wan(amount)}万元"),
        message_en=(f"the cost ceiling {_line_name(indicator)!r} of {_wan(ceiling)} 万元 is "
                    f"below {name_en}, {_wan(amount)} 万元"),
        values={"ceiling_yuan": str(ceiling), "amount_yuan": str(amount)},
    )  # fmt: skip


def check_ceilings_vs_headroom(disclosure: Disclosure) -> list[Finding]:
    """Ceilings of parts inside an itemised fund must fit its unallocated headroom together."""
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            if not project.itemised:
                continue
            whole = _whole_ceiling(project)
            parts = [(i, a) for i, a in _ceilings(project) if whole is None or i is not whole[0]]
            if not parts:
                continue
            total = sum((amount for _, amount in parts), Yuan(0))
            headroom = project.appropriation - project.total
            if total > headroom:
                names = "、".join(f"“{_line_name(indicator)}”" for indicator, _ in parts)
                findings.append(Finding(
                    code="cost.ceilings_exceed_headroom",
                    severity=Severity.WARNING,
                    location=_where(disclosure, unit, project),
                    message_zh=(f"成本指标{names}合计{_wan(total)}万元，超过项目扣除各项构成后的"
                                f"余额{_wan(headroom)}万元"),
                    message_en=(f"the cost ceilings {names} add up to {_wan(total)} 万元, more "
                                f"than the {_wan(headroom)} 万元 left after the components"),
                    values={"ceilings_yuan": str(total), "headroom_yuan": str(headroom)},
                ))  # fmt: skip
    return findings


def check_rate_targets(disclosure: Disclosure) -> list[Finding]:
    """Rates above 100 % are impossible; a "≥ 100 %" rate can be met but never exceeded.

    Only an explicit ≥ is reported: a bare ``100%`` is the usual way to write the target.
    """
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for indicator in project.indicators:
                target = indicator.target
                if not isinstance(target, Decimal) or indicator.unit != "%":
                    continue
                comparator = indicator.effective_comparator
                where = _where(disclosure, unit, project,
                               indicator=indicator.text or _line_name(indicator))  # fmt: skip
                values = {"target_percent": str(target), "comparator": comparator.value}
                if (target > 100 and comparator is not Comparator.LE
                        and comparator is not Comparator.LT) or (
                        target == 100 and comparator is Comparator.GT):  # fmt: skip
                    findings.append(Finding(
                        code="rate.above_100",
                        severity=Severity.ERROR,
                        location=where,
                        message_zh=f"比率指标“{_line_name(indicator)}”要求超过100%，无法实现",
                        message_en=(f"the rate {_line_name(indicator)!r} asks for more than "
                                    "100 %, which no rate can reach"),
                        values=values,
                    ))  # fmt: skip
                elif target == 100 and indicator.comparator is Comparator.GE:
                    findings.append(Finding(
                        code="rate.at_least_100",
                        severity=Severity.WARNING,
                        location=where,
                        message_zh=(f"比率指标“{_line_name(indicator)}”写作“≥100%”：只能恰好达到、"
                                    "不可能超过，应写作“=100%”或“100%”"),
                        message_en=(f"the rate {_line_name(indicator)!r} is written '≥ 100 %': it "
                                    "can be met but never exceeded; write '= 100 %' or '100 %'"),
                        values=values,
                    ))  # fmt: skip
    return findings


def _rate_word(name: str) -> str | None:
    words = sorted(keywords()["rates"]["unit_wide"], key=len, reverse=True)
    return next((str(word) for word in words if name.endswith(word)), None)


def check_unit_wide_rates(disclosure: Disclosure) -> list[Finding]:
    """The same rate (e.g. 参保率) targeted differently by projects of one unit."""
    findings = []
    for unit in disclosure.budget.units:
        groups: dict[str, list[tuple[Project, Indicator]]] = {}
        for project in unit.projects:
            for indicator in project.indicators:
                word = _rate_word(indicator.name)
                if word is not None and indicator.unit == "%" and not indicator.is_qualitative:
                    groups.setdefault(word, []).append((project, indicator))
        for word, found in groups.items():
            targets = {(i.effective_comparator.value, i.target) for _, i in found}
            if len(targets) < 2:
                continue
            shown = "、".join(f"{i.effective_comparator.value}{i.target}%" for _, i in found)
            listed_zh = "；".join(f"{p.name_zh}“{_line_name(i)}”" for p, i in found)
            listed_en = "; ".join(f"{p.key}: {_line_name(i)!r}" for p, i in found)
            findings.append(Finding(
                code="rate.inconsistent",
                severity=Severity.WARNING,
                location=_where(disclosure, unit),
                message_zh=f"同一单位对{word}的目标不一致（{shown}）：{listed_zh}",
                message_en=(f"the unit targets the same rate ({word}) {len(targets)} ways "
                            f"({shown.replace('、', ', ')}): {listed_en}"),
                values={"rate": word, "targets": [
                    {"project": p.key, "comparator": i.effective_comparator.value,
                     "target_percent": str(i.target), "indicator": i.text or _line_name(i)}
                    for p, i in found]},
            ))  # fmt: skip
    return findings


def per_capita_interval(amount: Yuan, precision: Yuan, headcount: int) -> tuple[Fraction, Fraction]:
    """The 元/人 consistent with ``amount`` disclosed to ``precision`` (四舍五入) over persons.

    A disclosed 6.2 万元 stands for any true amount in [61,500, 62,500) 元; over 1,025 persons
    that is [60, 60.9756…) 元 a person:

    >>> low, high = per_capita_interval(Yuan(62000), Yuan(1000), 1025)
    >>> low, high, float(high)
    (Fraction(60, 1), Fraction(2500, 41), 60.97560975609756)
    """
    half = Fraction(precision.value) / 2
    exact = Fraction(amount.value)
    return (exact - half) / headcount, (exact + half) / headcount


def _multiple_within(step: Decimal, low: Fraction, high: Fraction) -> bool:
    """Whether some multiple of ``step`` lies in [low, high)."""
    unit = Fraction(step)
    return math.ceil(low / unit) * unit < high


def check_per_capita(disclosure: Disclosure, step: Decimal = PER_CAPITA_STEP) -> list[Finding]:
    """Disclosed amounts whose rounding leaves no plausible per-capita standard.

    The true amount behind ``6.2万`` lies within half a rounding step of it; divided by the
    headcount that gives an interval of 元/人. If no multiple of ``step`` (a whole 角) lies in
    it, that is reported as info with the interval; if not even a whole 分 does, no standard
    at all can have produced the figure and it is a warning: the amount or headcount is off.
    """
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for component in project.components:
                source = disclosure.component_source(project, component)
                if (source is None or source.precision is None or not component.headcount
                        or component.basis is not Basis.DISCLOSED):  # fmt: skip
                    continue
                low, high = per_capita_interval(component.amount, source.precision,
                                                component.headcount)  # fmt: skip
                if _multiple_within(step, low, high):
                    continue
                # No whole-角 standard fits: worth a look (counties share subsidies, so a
                # per-capita figure need not be round). No whole 分 either: impossible.
                severity = Severity.WARNING
                if _multiple_within(FEN, low, high):
                    severity = Severity.INFO
                shown_low = round_half_up(low, Decimal("0.0001"))
                shown_high = round_half_up(high, Decimal("0.0001"))
                findings.append(Finding(
                    code="component.per_capita_implausible",
                    severity=severity,
                    location=_where(disclosure, unit, project, goal=source.clause),
                    message_zh=(f"{component.name_zh}：{source.amount_text}按四舍五入对应的人均"
                                f"在[{shown_low}, {shown_high})元之间，其中没有以{step}元为单位的"
                                "标准，金额或人数可能有误"),
                    message_en=(f"{component.name_en}: {source.amount_text} over "
                                f"{component.headcount} persons is consistent with "
                                f"[{shown_low}, {shown_high}) 元 a person at the disclosed "
                                f"rounding, which holds no standard in steps of {step} 元"),
                    values={"component": component.key, "headcount": component.headcount,
                            "amount_yuan": str(component.amount),
                            "precision_yuan": str(source.precision),
                            "low_yuan": str(round_half_up(low, Decimal("0.000001"))),
                            "high_yuan": str(round_half_up(high, Decimal("0.000001"))),
                            "low_exact": str(low), "high_exact": str(high)},
                ))  # fmt: skip
    return findings


_NUMERALS = "一二三四五六七八九"


def _chinese(number: int) -> str:
    if number < 10:
        return _NUMERALS[number - 1] if number > 0 else "〇"
    tens, ones = divmod(number, 10)
    return (_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_NUMERALS[ones - 1] if ones else "")


def _outline_problems(outline: Sequence[OutlineEntry]) -> Iterable[tuple[OutlineEntry, int]]:
    """(entry, expected number) for each heading or indicator numbered out of sequence.

    After a wrong number either sequence may go on (一 三 四 is one skip; 一 三 三 a typo and
    then the right number), so one mistake gives one finding.
    """
    levels = (OutlineLevel.LEVEL1, OutlineLevel.LEVEL2, OutlineLevel.INDICATOR)
    allowed: dict[OutlineLevel, set[int]] = {level: {1} for level in levels}
    for entry in outline:
        accepted = allowed[entry.level]
        if entry.number in accepted:
            allowed[entry.level] = {entry.number + 1}
        else:
            expected = min(accepted)
            yield entry, expected
            allowed[entry.level] = {entry.number + 1, expected + 1}
        for lower in levels[levels.index(entry.level) + 1 :]:
            allowed[lower] = {1}


def _numeral(level: OutlineLevel, number: int) -> str:
    if level is OutlineLevel.LEVEL1:
        return f"{_chinese(number)}、"
    if level is OutlineLevel.LEVEL2:
        return f"({_chinese(number)})"
    return f"{number}."


def check_heading_numbering(disclosure: Disclosure) -> list[Finding]:
    """Heading and indicator numbers that skip or repeat (二 after 二)."""
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for entry, expected in _outline_problems(disclosure.outline(project)):
                kind_zh, kind_en = (("重复", "repeats") if entry.number < expected
                                    else ("跳号", "skips"))  # fmt: skip
                found, wanted = _numeral(entry.level, entry.number), _numeral(entry.level, expected)
                findings.append(Finding(
                    code="outline.numbering",
                    severity=Severity.WARNING,
                    location=_where(disclosure, unit, project, indicator=entry.text),
                    message_zh=f"绩效指标编号{kind_zh}：“{entry.text}”应编为“{wanted}”",
                    message_en=(f"the indicator numbering {kind_en}: {entry.text!r} is numbered "
                                f"{found!r} where {wanted!r} comes next"),
                    values={"found": entry.number, "expected": expected,
                            "level": entry.level.value},
                ))  # fmt: skip
    return findings


#: Units of things counted whole: persons, households, items, villages, times.
_COUNT_UNITS = frozenset({"人", "户", "个", "项", "村", "次"})


def _target_problem(indicator: Indicator) -> tuple[str, str, str] | None:
    """(code, Chinese, English) when the target cannot be what its unit says; else None."""
    target, unit, line = indicator.target, indicator.unit, _line_name(indicator)
    if not isinstance(target, Decimal):
        if not unit:
            return None
        return ("indicator.word_with_unit",
                f"指标“{indicator.name}”的目标值“{target}”是文字，却带有单位“{unit}”，无法与数字比较",
                f"the indicator {indicator.name!r} has the word {target!r} for its target but the "
                f"unit {unit!r}; it cannot be compared with a figure")  # fmt: skip
    if unit in _COUNT_UNITS and _whole(target) is None:
        return ("indicator.fractional_count",
                f"指标“{line}”以“{unit}”计，目标值却不是整数",
                f"the indicator {line!r} counts {unit} but its target is not a whole "
                "number")  # fmt: skip
    if unit in ("万元", "元") and _money_indicator(indicator) is None:
        return ("indicator.amount_not_fen",
                f"指标“{line}”的金额不是整分（0.01元），或超过10^15元，无法与金额比较",
                f"the indicator {line!r} is no amount in whole 分 (0.01 元) up to 10^15 元; it "
                "cannot be compared with an amount")  # fmt: skip
    return None


def check_indicator_targets(disclosure: Disclosure) -> list[Finding]:
    """Targets that cannot be what their unit says: a word in 万元, 1.5人, 0.0000001万元.

    Such an indicator is left out of every check that compares figures; this says so.
    """
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for indicator in project.indicators:
                problem = _target_problem(indicator)
                if problem is None:
                    continue
                code, message_zh, message_en = problem
                findings.append(Finding(
                    code=code,
                    severity=Severity.WARNING,
                    location=_where(disclosure, unit, project,
                                    indicator=indicator.text or _line_name(indicator)),
                    message_zh=message_zh,
                    message_en=message_en,
                    values={"target": str(indicator.target), "unit": indicator.unit},
                ))  # fmt: skip
    return findings


def check_prose_notes(disclosure: Disclosure) -> list[Finding]:
    """What the reader could not recognise in the goal prose, reported rather than guessed."""
    findings = []
    for unit in disclosure.budget.units:
        for project in unit.projects:
            for note in disclosure.project_prose(project).notes:
                findings.append(Finding(
                    code="prose.unrecognised",
                    severity=Severity.WARNING,
                    location=_where(disclosure, unit, project, goal=note.clause),
                    message_zh=note.message_zh,
                    message_en=note.message_en,
                    values={"goal_index": note.goal, "clause": note.clause},
                ))  # fmt: skip
    return findings


#: Every check, in the order the audit runs them.
CHECKS: tuple[Callable[[Disclosure], list[Finding]], ...] = (
    check_unit_totals,
    check_components_vs_appropriation,
    check_counts_times_standards,
    check_stated_quantities,
    check_cost_ceilings,
    check_ceilings_vs_headroom,
    check_rate_targets,
    check_unit_wide_rates,
    check_per_capita,
    check_heading_numbering,
    check_indicator_targets,
    check_prose_notes,
)


def audit(source: Disclosure | Budget) -> tuple[Finding, ...]:
    """Run every check on a disclosure (or a bare budget, which has no prose or headings)."""
    disclosure = source if isinstance(source, Disclosure) else Disclosure(budget=source)
    return tuple(finding for check in CHECKS for finding in check(disclosure))
