"""Areas side by side: a city (or prefecture, province) and the areas it is made of.

A unit of a dataset that lists ``areas`` (the codes of other units: a city's counties)
states the figures of the *whole* area — its own projects, or unit-level keys such as
``executed_wan`` — and :func:`compare_areas` checks each figure against the sum of its
areas' figures: the appropriation, the year-start and adjusted budget, the amount executed,
the actual headcount and each level of the funding split. A figure the whole states and every
area gives is compared; a difference is a
:class:`~pension_subsidy.model.discrepancies.Discrepancy` (``areas_sum``) with both numbers.

>>> from pension_subsidy.model.execution import Execution, check_execution
>>> def area(code, executed):
...     check = check_execution(code, Execution(budget_adjusted="100", executed=executed))
...     return AreaFigures(code=code, name_zh=code, appropriation=Yuan(100), execution=check)
>>> city = area("city", "230")
>>> result = compare_areas(city, [area("a", "120"), area("b", "100")])
>>> for p in result.problems:
...     print(p.value("figure"), p.value("stated_yuan"), p.value("sum_yuan"))
appropriation 100.00 200.00
budget_adjusted 100.00 200.00
executed 230.00 220.00
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.model.execution import AMOUNT_FIGURES, ExecutionCheck
from pension_subsidy.model.funding import Level
from pension_subsidy.money import Yuan

__all__ = ["AreaCheck", "AreaFigures", "compare_areas"]


def _funding(value: Iterable[tuple[Level, Yuan]]) -> tuple[tuple[Level, Yuan], ...]:
    return tuple(value)


@attrs.frozen
class AreaFigures:
    """One area's figures as its unit states them (each None / empty when not known).

    ``appropriation`` is the unit's stated total, else the sum of its projects'
    appropriations (None for a unit with neither); ``execution`` its budget against execution
    (stated at the unit, else summed from its projects); ``funding`` what each level pays.
    """

    code: str
    name_zh: str
    name_en: str = ""
    appropriation: Yuan | None = None
    execution: ExecutionCheck | None = None
    funding: tuple[tuple[Level, Yuan], ...] = attrs.field(default=(), converter=_funding)

    def figure(self, name: str) -> Yuan | int | None:
        """The figure ``name``: appropriation, an execution figure, or ``funding.<level>``."""
        if name == "appropriation":
            return self.appropriation
        if name.startswith("funding."):
            level = Level(name.removeprefix("funding."))
            return next((amount for given, amount in self.funding if given is level), None)
        if self.execution is None:
            return None
        return self.execution.figures.figure(name)

    def data(self) -> dict[str, Any]:
        """The area's figures in the report's JSON shape (keys absent when not known)."""
        data: dict[str, Any] = {"code": self.code, "name": self.name_zh, "name_en": self.name_en}
        if self.appropriation is not None:
            data["appropriation_yuan"] = str(self.appropriation)
        if self.execution is not None and self.execution.given:
            data.update(self.execution.data())
        if self.funding:
            data["funding"] = {f"{level.value}_yuan": str(amount) for level, amount in self.funding}
        return data


def _areas(value: Iterable[AreaFigures]) -> tuple[AreaFigures, ...]:
    return tuple(value)


def _problems(value: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(value)


#: The figures compared, in the order they are reported.
FIGURES: tuple[str, ...] = (
    "appropriation",
    *AMOUNT_FIGURES,
    "actual_headcount",
    *(f"funding.{level.value}" for level in Level),
)


@attrs.frozen
class AreaCheck:
    """A whole area beside the areas it is made of, with each figure's sum and mismatches.

    ``sums`` are (figure, sum) for every figure all areas give; ``problems`` the figures
    where the whole states another number than the sum.
    """

    whole: AreaFigures
    areas: tuple[AreaFigures, ...] = attrs.field(converter=_areas)
    sums: tuple[tuple[str, Yuan | int], ...]
    problems: tuple[Discrepancy, ...] = attrs.field(converter=_problems)

    @property
    def consistent(self) -> bool:
        """Whether the whole agrees with the sum of its areas on every figure both give."""
        return not self.problems

    def sum(self, name: str) -> Yuan | int | None:
        """The sum of the areas' figure ``name`` (None when some area does not give it)."""
        return next((total for figure, total in self.sums if figure == name), None)

    def data(self) -> dict[str, Any]:
        """The comparison in the report's JSON shape."""
        return {
            "code": self.whole.code,
            "whole": self.whole.data(),
            "areas": [area.data() for area in self.areas],
            "sums": {
                (f"{name}_persons" if name == "actual_headcount" else f"{name}_yuan"): (
                    total if isinstance(total, int) else str(total)
                )
                for name, total in self.sums
            },
            "problems": [problem.data() for problem in self.problems],
        }


def compare_areas(whole: AreaFigures, areas: Iterable[AreaFigures]) -> AreaCheck:
    """Check ``whole``'s figures against the sums of ``areas``' (see the module)."""
    parts = tuple(areas)
    sums: list[tuple[str, Yuan | int]] = []
    problems: list[Discrepancy] = []
    for name in FIGURES:
        values = [area.figure(name) for area in parts]
        if not parts or any(value is None for value in values):
            continue
        total: Yuan | int
        if name == "actual_headcount":
            total = sum(value for value in values if isinstance(value, int))
        else:
            total = sum((value for value in values if isinstance(value, Yuan)), Yuan(0))
        sums.append((name, total))
        stated = whole.figure(name)
        if stated is None or stated == total:
            continue
        unit = "persons" if name == "actual_headcount" else "yuan"
        problems.append(
            Discrepancy(
                "areas_sum",
                whole.code,
                (
                    ("figure", name),
                    (f"stated_{unit}", str(stated)),
                    (f"sum_{unit}", str(total)),
                    (f"difference_{unit}", str(stated - total)),
                    ("areas", ", ".join(area.code for area in parts)),
                ),
            )
        )
    return AreaCheck(whole=whole, areas=parts, sums=tuple(sums), problems=problems)
