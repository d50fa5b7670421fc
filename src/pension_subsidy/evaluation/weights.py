"""The weights (权重) of a self-evaluation and their allocation to a project's indicators.

Budget execution 10, output 50, benefit 30, satisfaction 10 (财预〔2020〕10号); a level-1
weight is split evenly over its level-3 indicators unless some are weighed by name.
Weights are exact: read through :func:`~pension_subsidy.money.parse_number`, never floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from pension_subsidy.evaluation._figures import _show
from pension_subsidy.exceptions import (
    EvaluationError,
    FloatAmountError,
    InvalidNumberError,
    Phrase,
    UnknownIndicatorError,
)
from pension_subsidy.model.budget import Project
from pension_subsidy.model.indicators import Level1
from pension_subsidy.money import parse_number

__all__ = ["WeightLike", "Weights"]

#: Anything a weight may be given as (never a float).
WeightLike: TypeAlias = "Fraction | Decimal | int | str"


def _weight(value: object, field: str = "weight") -> Fraction:
    if isinstance(value, float):
        said = {"at": f"{field}: ", "got": repr(value)}
        raise FloatAmountError(code="weights.float", params=said, field=field, value=value)
    if isinstance(value, bool):
        raise EvaluationError(code="weights.bool", params={"at": f"{field}: ", "got": repr(value)})
    if isinstance(value, Fraction):
        weight = value
    elif isinstance(value, int | Decimal | str):
        # the library's one checked parser: bounded before any arithmetic, so that
        # "1e999999999" is refused at once instead of building a number of a billion digits
        try:
            number = parse_number(value.strip() if isinstance(value, str) else value, field=field)
        except InvalidNumberError as error:
            raise EvaluationError(
                str(error) if error.code is None else None, code=error.code, params=error.params
            ) from None
        weight = Fraction(number)
    else:
        said = {"at": f"{field}: ", "got": repr(value)}
        raise EvaluationError(code="weights.not_a_weight", params=said)
    if weight < 0:
        said = {"at": f"{field}: ", "got": repr(value)}
        raise EvaluationError(code="weights.negative", params=said)
    return weight


def _budget_execution_weight(value: WeightLike) -> Fraction:
    return _weight(value, "budget_execution")


def _output_weight(value: WeightLike) -> Fraction:
    return _weight(value, "output")


def _benefit_weight(value: WeightLike) -> Fraction:
    return _weight(value, "benefit")


def _satisfaction_weight(value: WeightLike) -> Fraction:
    return _weight(value, "satisfaction")


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), item) for key, item in items)


def _weight_pairs(
    value: Mapping[str, WeightLike] | Iterable[tuple[str, WeightLike]],
) -> tuple[tuple[str, Fraction], ...]:
    return tuple((name, _weight(item, f"weight of {name}")) for name, item in _pairs(value))


@attrs.frozen
class Weights:
    """The weights (权重) of one project's self-evaluation, out of 100.

    ``indicators`` sets the weight of named level-3 indicators; the rest of a level-1 weight
    is split evenly over that level's other indicators.

    >>> Weights().total
    Fraction(100, 1)
    >>> Weights(output="60")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.EvaluationError: weights: budget execution 10 + output 60 + ...
    """

    budget_execution: Fraction = attrs.field(
        default=Fraction(10), converter=_budget_execution_weight
    )
    output: Fraction = attrs.field(default=Fraction(50), converter=_output_weight)
    benefit: Fraction = attrs.field(default=Fraction(30), converter=_benefit_weight)
    satisfaction: Fraction = attrs.field(default=Fraction(10), converter=_satisfaction_weight)
    indicators: tuple[tuple[str, Fraction], ...] = attrs.field(default=(), converter=_weight_pairs)

    def __attrs_post_init__(self) -> None:
        """Refuse weights that do not add up to 100: the grades assume a score out of 100."""
        if self.total != 100:
            said = {
                "budget_execution": _show(self.budget_execution),
                "output": _show(self.output),
                "benefit": _show(self.benefit),
                "satisfaction": _show(self.satisfaction),
                "total": _show(self.total),
            }
            raise EvaluationError(code="weights.total", params=said)

    @property
    def total(self) -> Fraction:
        """The four level weights added up (always 100)."""
        return self.budget_execution + self.output + self.benefit + self.satisfaction

    def level(self, level1: Level1) -> Fraction:
        """The weight of a level-1 indicator group."""
        return {
            Level1.OUTPUT: self.output,
            Level1.BENEFIT: self.benefit,
            Level1.SATISFACTION: self.satisfaction,
        }[level1]


def _allocate(project: Project, weights: Weights) -> dict[int, Fraction]:
    """The weight of each indicator (by position): explicit, else an even split."""
    names = tuple(indicator.name for indicator in project.indicators)
    explicit = dict(weights.indicators)
    for name, weight in weights.indicators:
        if name not in names:
            said = {
                "project": repr(project.key),
                "name": repr(name),
                "known": ", ".join(names) or Phrase("weights.none"),
            }
            raise UnknownIndicatorError(
                code="weights.no_indicator",
                params=said,
                project=project.key,
                key=name,
                known=names,
                value=weight,
            )
    allocation: dict[int, Fraction] = {}
    for level1 in Level1:
        members = [i for i, ind in enumerate(project.indicators) if ind.level1 is level1]
        level_weight = weights.level(level1)
        if not members and level_weight:
            said = {
                "project": repr(project.key),
                "level": level1.name_zh,
                "level_key": level1.value,
                "weight": _show(level_weight),
            }
            raise EvaluationError(code="weights.level_empty", params=said, project=project.key)
        fixed = {
            i: explicit[project.indicators[i].name]
            for i in members
            if project.indicators[i].name in explicit
        }
        rest = [i for i in members if i not in fixed]
        remaining = level_weight - sum(fixed.values(), Fraction(0))
        if remaining < 0 or (not rest and remaining):
            said = {
                "project": repr(project.key),
                "level": level1.name_zh,
                "given": _show(sum(fixed.values(), Fraction(0))),
                "weight": _show(level_weight),
            }
            raise EvaluationError(code="weights.level_sum", params=said, project=project.key)
        allocation.update(fixed)
        allocation.update({i: remaining / len(rest) for i in rest})
    return allocation
