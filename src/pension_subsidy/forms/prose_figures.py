"""What the prose checks share: exact figures, figures paired, findings quoting sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity
from pension_subsidy.forms.model import Figure
from pension_subsidy.forms.precision import HUNDRED, half_unit, shown

__all__ = [
    "BUDGET_NAMES",
    "EXECUTED_NAMES",
    "LEVELS",
    "UNIT_PERSONS",
    "base_of",
    "before",
    "exact_of",
    "in_unit",
    "is_total",
    "near",
    "percent_of",
    "prose_finding",
    "sentence_of",
    "subject_of",
    "sum_of",
    "what_of",
]

#: The budget levels a report splits its sources by, in the order reports name them.
LEVELS: tuple[str, ...] = ("中央", "省", "市", "县", "本级", "其他")

_UNIT_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
UNIT_PERSONS = {"人": 1, "人次": 1, "万人": 10_000, "万人次": 10_000}
BUDGET_NAMES = frozenset({"budget"})
EXECUTED_NAMES = frozenset({"executed"})
_PLACE_ENDINGS = ("省", "市", "州", "盟", "县", "区", "旗")


def base_of(figure: Figure) -> tuple[str, Fraction, Fraction] | None:
    """(dimension, exact value in the base unit, half a stated unit in the base unit)."""
    if figure.unit in _UNIT_YUAN:
        factor = _UNIT_YUAN[figure.unit]
        if figure.yuan is not None:
            value = Fraction(figure.yuan.value)
        else:
            value = Fraction(figure.value) * factor
        return "money", value, half_unit(figure.value) * factor
    if figure.unit in UNIT_PERSONS:
        factor = UNIT_PERSONS[figure.unit]
        return "persons", Fraction(figure.value) * factor, half_unit(figure.value) * factor
    return None


def exact_of(figure: Figure) -> tuple[Fraction, Fraction]:
    """The exact value and its rounding slack of a figure known to have a base unit."""
    based = base_of(figure)
    if based is None:  # pragma: no cover - callers pass figures with a base unit only
        msg = f"a figure in {figure.unit!r} has no base unit"
        raise ValueError(msg)
    return based[1], based[2]


def sum_of(figures: Iterable[Figure]) -> tuple[Fraction, Fraction]:
    """The exact sum of figures with a base unit, and what their rounding can move it by."""
    added, slack = Fraction(0), Fraction(0)
    for figure in figures:
        value, half = exact_of(figure)
        added, slack = added + value, slack + half
    return added, slack


def percent_of(part: Figure, whole: Figure) -> tuple[Fraction, Fraction] | None:
    """``part`` ÷ ``whole`` in percent and what the stated figures' rounding can move it by.

    None when ``whole`` is zero.
    """
    reached, reached_slack = exact_of(part)
    planned, planned_slack = exact_of(whole)
    if planned == 0:
        return None
    # ∂(r/p)/∂r · Δr + ∂(r/p)/∂p · Δp
    slack = HUNDRED * (reached_slack / planned + reached * planned_slack / (planned * planned))
    return reached / planned * HUNDRED, slack


def subject_of(figure: Figure) -> str | None:
    """What a figure is about, for pairing it: its component kind, else its label."""
    return figure.component or figure.label


def what_of(figure: Figure) -> str:
    """The area and label a figure is about, as its findings name it (``乙县·缴费补贴``)."""
    return "·".join(part for part in (figure.area, figure.label) if part)


def sentence_of(figure: Figure) -> str:
    """The sentence a figure was read from (else where it stands)."""
    return figure.where.sentence or str(figure.where)


def _quote(figures: Iterable[Figure]) -> list[str]:
    """The distinct sentences of ``figures``, in order."""
    seen: list[str] = []
    for figure in figures:
        text = sentence_of(figure)
        if text not in seen:
            seen.append(text)
    return seen


def in_unit(value: Fraction, unit: str) -> str:
    """An exact value in base units, quoted in ``unit`` (``12.5万元``)."""
    factor = _UNIT_YUAN.get(unit) or UNIT_PERSONS.get(unit) or 1
    return f"{shown(value / factor)}{unit}"


def prose_finding(
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
    quoted = _quote(used)
    return Finding(
        code=code,
        severity=severity,
        # a report has no unit or project row: the area named stands where a table's goal
        # would, so that the text output says where (values["area"] says it as data)
        location=Location(goal=area, line=line),
        message_zh=f"{zh}。依据：{''.join(f'“{text}”' for text in quoted)}",
        message_en=f"{en}. From: {' '.join(f'“{text}”' for text in quoted)}",
        values={
            **{key: shown(v) if isinstance(v, Fraction) else v for key, v in values.items()},
            "area": area,
            "sentences": quoted,
            "figures": [figure.text for figure in used],
        },
    )


def near(one: str | None, other: str | None) -> bool:
    """The same area, or one of the two names none (a sentence about the whole project)."""
    return one == other or one is None or other is None


def is_total(figure: Figure) -> bool:
    """A figure of no budget level (the whole, not one of its sources)."""
    return figure.level is None


def _matches_area(figure: Figure, area: str | None) -> bool:
    """The same area; or an unnamed one against a figure that names no place (2022年)."""
    if figure.area == area:
        return True
    if area is None:
        return not (figure.area or "").endswith(_PLACE_ENDINGS)
    return figure.area is None


def before(
    figures: Sequence[Figure], index: int, wanted: Callable[[Figure], bool], area: str | None
) -> Figure | None:
    """The nearest figure before ``index`` that ``wanted`` accepts, of the same area first."""
    earlier = [figure for figure in reversed(figures[:index]) if wanted(figure)]
    same = next((figure for figure in earlier if figure.area == area), None)
    return same or next((f for f in earlier if _matches_area(f, area)), None)
