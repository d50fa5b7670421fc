"""The table's form: heading numbers, impossible targets, unrecognised goal prose.

Headings and indicators numbered out of sequence, targets that cannot be what their unit
says, and what the prose reader could not recognise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from pension_subsidy._text import chinese_numeral
from pension_subsidy.disclosure.checks.finding import (
    Finding,
    Severity,
    indicator_text,
    line_name,
    projects_of,
    where,
)
from pension_subsidy.disclosure.checks.indicators import COUNT_UNITS, money_target, whole_count
from pension_subsidy.disclosure.model import Disclosure, OutlineEntry, OutlineLevel
from pension_subsidy.model.indicators import Indicator

__all__ = ["check_heading_numbering", "check_indicator_targets", "check_prose_notes"]


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
        return f"{chinese_numeral(number)}、"
    if level is OutlineLevel.LEVEL2:
        return f"({chinese_numeral(number)})"
    return f"{number}."


def _numbering(entry: OutlineEntry, expected: int) -> tuple[str, str]:
    """The finding's messages in Chinese and English."""
    kind_zh, kind_en = ("重复", "repeats") if entry.number < expected else ("跳号", "skips")
    found, wanted = _numeral(entry.level, entry.number), _numeral(entry.level, expected)
    return (
        f"绩效指标编号{kind_zh}：“{entry.text}”应编为“{wanted}”",
        f"the indicator numbering {kind_en}: {entry.text!r} is numbered {found!r} where "
        f"{wanted!r} comes next",
    )


def check_heading_numbering(disclosure: Disclosure) -> list[Finding]:
    """Heading and indicator numbers that skip or repeat (二 after 二)."""
    findings = []
    for unit, project in projects_of(disclosure):
        for entry, expected in _outline_problems(disclosure.outline(project)):
            message_zh, message_en = _numbering(entry, expected)
            findings.append(
                Finding(
                    code="outline.numbering",
                    severity=Severity.WARNING,
                    location=where(disclosure, unit, project, indicator=entry.text),
                    message_zh=message_zh,
                    message_en=message_en,
                    values={
                        "found": entry.number,
                        "expected": expected,
                        "level": entry.level.value,
                    },
                )
            )
    return findings


def _target_problem(indicator: Indicator) -> tuple[str, str, str] | None:
    """(code, Chinese, English) when the target cannot be what its unit says; else None."""
    target, unit, line = indicator.target, indicator.unit, line_name(indicator)
    if not isinstance(target, Decimal):
        if not unit:
            return None
        return (
            "indicator.word_with_unit",
            f"指标“{indicator.name}”的目标值“{target}”是文字，却带有单位“{unit}”，无法与数字比较",
            f"the indicator {indicator.name!r} has the word {target!r} for its target but the "
            f"unit {unit!r}; it cannot be compared with a figure",
        )
    if unit in COUNT_UNITS and whole_count(target) is None:
        return (
            "indicator.fractional_count",
            f"指标“{line}”以“{unit}”计，目标值却不是整数",
            f"the indicator {line!r} counts {unit} but its target is not a whole number",
        )
    if unit in ("万元", "元") and money_target(indicator) is None:
        return (
            "indicator.amount_not_fen",
            f"指标“{line}”的金额不是整分（0.01元），或超过10^15元，无法与金额比较",
            f"the indicator {line!r} is no amount in whole fen (0.01 yuan) up to 10^15 yuan; it "
            "cannot be compared with an amount",
        )
    return None


def check_indicator_targets(disclosure: Disclosure) -> list[Finding]:
    """Targets that cannot be what their unit says: a word in 万元, 1.5人, 0.0000001万元.

    Such an indicator is left out of every check that compares figures; this says so.
    """
    findings = []
    for unit, project in projects_of(disclosure):
        for indicator in project.indicators:
            problem = _target_problem(indicator)
            if problem is None:
                continue
            code, message_zh, message_en = problem
            findings.append(
                Finding(
                    code=code,
                    severity=Severity.WARNING,
                    location=where(disclosure, unit, project, indicator=indicator_text(indicator)),
                    message_zh=message_zh,
                    message_en=message_en,
                    values={"target": str(indicator.target), "unit": indicator.unit},
                )
            )
    return findings


def check_prose_notes(disclosure: Disclosure) -> list[Finding]:
    """What the reader could not recognise in the goal prose, reported rather than guessed."""
    return [
        Finding(
            code="prose.unrecognised",
            severity=Severity.WARNING,
            location=where(disclosure, unit, project, goal=note.clause),
            message_zh=note.message_zh,
            message_en=note.message_en,
            values={"goal_index": note.goal, "clause": note.clause},
        )
        for unit, project in projects_of(disclosure)
        for note in disclosure.project_prose(project).notes
    ]
