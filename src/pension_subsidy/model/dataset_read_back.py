"""The safety net behind the dataset writer: a mapping is read back and compared, figure by figure.

Nothing is written that would read back differently from the budget it was written from.
"""

from __future__ import annotations

from typing import Any

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.model._said import problem_of
from pension_subsidy.model.budget import Budget, component_data
from pension_subsidy.model.component_protocol import Component
from pension_subsidy.model.dataset import budget_from_mapping
from pension_subsidy.model.formula import KindComponent

__all__ = ["check_reads_back"]


def check_reads_back(budget: Budget, mapping: dict[str, Any], path: str) -> None:
    """Read ``mapping`` back and refuse it unless it gives ``budget``'s figures and words.

    A safety net behind the writer's own checks: nothing is written that reads differently.
    """
    try:
        read = budget_from_mapping(mapping, path=path)
    except DataFileError as error:
        said = {"problem": problem_of(error)}
        raise DataFileError(
            code="write_dataset.not_read_back", params=said, path=path, field=error.field
        ) from None
    for index, (unit, again) in enumerate(zip(budget.units, read.units, strict=True)):
        for number, (project, copy) in enumerate(zip(unit.projects, again.projects, strict=True)):
            where = f"units[{index}].projects[{number}]"
            for place, (component, other) in enumerate(
                zip(project.components, copy.components, strict=True)
            ):
                if not _same_component(component, other):
                    problem = Phrase(
                        "write_dataset.reads_back_as",
                        got=repr(other.derivation),
                        expected=repr(component.derivation),
                    )
                    said = {
                        "project": repr(project.key),
                        "key": repr(component.key),
                        "problem": problem,
                    }
                    raise DataFileError(
                        code="write_dataset.component",
                        params=said,
                        path=path,
                        field=f"{where}.components[{place}]",
                    )
            if (project.goals, project.indicators, project.data()) != (
                copy.goals,
                copy.indicators,
                copy.data(),
            ):
                said = {"project": repr(project.key)}
                code = "write_dataset.project_differs"
                raise DataFileError(code=code, params=said, path=path, field=where)
    if read.data() != budget.data():
        raise DataFileError(code="write_dataset.budget_differs", path=path, field="units")


def _same_component(first: Component, second: Component) -> bool:
    """Equal, or (a kind's component read back as its Menyuan class) equal in every figure."""
    if isinstance(first, KindComponent) and isinstance(second, KindComponent):
        first_kind = attrs.evolve(first.kind, origin="")
        second_kind = attrs.evolve(second.kind, origin="")
        return attrs.evolve(first, kind=first_kind) == attrs.evolve(second, kind=second_kind)
    if type(first) is not type(second):
        return component_data(first) == component_data(second)
    return first == second
