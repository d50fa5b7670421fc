"""Rates (%): targets above 100 %, "≥ 100 %", and one rate targeted differently in a unit."""

from __future__ import annotations

from decimal import Decimal

from pension_subsidy.disclosure.checks.finding import (
    Finding,
    Severity,
    indicator_text,
    line_name,
    projects_of,
    where,
)
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.prose import keywords
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Comparator, Indicator

__all__ = ["check_rate_targets", "check_unit_wide_rates"]


def _rate_problem(indicator: Indicator, target: Decimal) -> tuple[str, Severity, str, str] | None:
    """(code, severity, Chinese, English) for a rate that cannot be met or exceeded as written."""
    comparator = indicator.effective_comparator
    line = line_name(indicator)
    capped = comparator in (Comparator.LE, Comparator.LT)
    if (target > 100 and not capped) or (target == 100 and comparator is Comparator.GT):
        return (
            "rate.above_100",
            Severity.ERROR,
            f"比率指标“{line}”要求超过100%，无法实现",
            f"the rate {line!r} asks for more than 100 %, which no rate can reach",
        )
    if target == 100 and indicator.comparator is Comparator.GE:
        return (
            "rate.at_least_100",
            Severity.WARNING,
            f"比率指标“{line}”写作“≥100%”：只能恰好达到、不可能超过，应写作“=100%”或“100%”",
            f"the rate {line!r} is written '≥ 100 %': it can be met but never exceeded; "
            "write '= 100 %' or '100 %'",
        )
    return None


def check_rate_targets(disclosure: Disclosure) -> list[Finding]:
    """Rates above 100 % are impossible; a "≥ 100 %" rate can be met but never exceeded.

    Only an explicit ≥ is reported: a bare ``100%`` is the usual way to write the target.
    """
    findings = []
    for unit, project in projects_of(disclosure):
        for indicator in project.indicators:
            target = indicator.target
            if not isinstance(target, Decimal) or indicator.unit != "%":
                continue
            problem = _rate_problem(indicator, target)
            if problem is None:
                continue
            code, severity, message_zh, message_en = problem
            comparator = indicator.effective_comparator.value
            findings.append(
                Finding(
                    code=code,
                    severity=severity,
                    location=where(disclosure, unit, project, indicator=indicator_text(indicator)),
                    message_zh=message_zh,
                    message_en=message_en,
                    values={"target_percent": str(target), "comparator": comparator},
                )
            )
    return findings


def _rate_word(name: str) -> str | None:
    words = sorted(keywords()["rates"]["unit_wide"], key=len, reverse=True)
    return next((str(word) for word in words if name.endswith(word)), None)


def _unit_rates(projects: list[Project]) -> dict[str, list[tuple[Project, Indicator]]]:
    groups: dict[str, list[tuple[Project, Indicator]]] = {}
    for project in projects:
        for indicator in project.indicators:
            word = _rate_word(indicator.name)
            if word is not None and indicator.unit == "%" and not indicator.is_qualitative:
                groups.setdefault(word, []).append((project, indicator))
    return groups


def check_unit_wide_rates(disclosure: Disclosure) -> list[Finding]:
    """The same rate (e.g. 参保率) targeted differently by projects of one unit."""
    findings = []
    for unit in disclosure.budget.units:
        for word, found in _unit_rates(list(unit.projects)).items():
            targets = {(i.effective_comparator.value, i.target) for _, i in found}
            if len(targets) < 2:
                continue
            shown = "、".join(f"{i.effective_comparator.value}{i.target}%" for _, i in found)
            listed_zh = "；".join(f"{p.name_zh}“{line_name(i)}”" for p, i in found)
            listed_en = "; ".join(f"{p.key}: {line_name(i)!r}" for p, i in found)
            listed = [
                {
                    "project": p.key,
                    "comparator": i.effective_comparator.value,
                    "target_percent": str(i.target),
                    "indicator": indicator_text(i),
                }
                for p, i in found
            ]
            findings.append(
                Finding(
                    code="rate.inconsistent",
                    severity=Severity.WARNING,
                    location=where(disclosure, unit),
                    message_zh=f"同一单位对{word}的目标不一致（{shown}）：{listed_zh}",
                    message_en=(
                        f"the unit targets the same rate ({word}) {len(targets)} ways "
                        f"({shown.replace('、', ', ')}): {listed_en}"
                    ),
                    values={"rate": word, "targets": listed},
                )
            )
    return findings
