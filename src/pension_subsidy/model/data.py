"""The JSON-ready form of the model: the report's contract, as plain dicts of strings and ints.

Money is written as its exact 元 string (``"61500.00"``) and 万元 rounded 四舍五入; keys are
only ever added, never changed. The output layer writes these dicts as JSON; the what-if
features embed them in their own results.

>>> from pension_subsidy import load_dataset
>>> data = report_data(load_dataset())
>>> data["total_yuan"], data["projects"][2]["headroom_yuan"]
('1900400.00', '60000.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from pension_subsidy.model.budget import Budget, Project, ProjectCheck
from pension_subsidy.model.components import Component
from pension_subsidy.model.parameter_values import ParameterSet, ParameterValue
from pension_subsidy.money import Yuan

__all__ = ["ParametersInForce", "component_data", "project_data", "report_data"]


def _money(amount: Yuan | None) -> str | None:
    return None if amount is None else str(amount)


def component_data(component: Component, check: ProjectCheck | None = None) -> dict[str, Any]:
    """One component in the report's JSON shape."""
    data: dict[str, Any] = {
        "key": component.key,
        "name_zh": component.name_zh,
        "name_en": component.name_en,
        "headcount": component.headcount,
        "per_capita_yuan": _money(component.per_capita),
        "amount_yuan": str(component.amount),
        "derivation": component.derivation,
        "basis": component.basis.value,
        "derivation_en": component.derivation_in("en"),
        "amount_wan": str(component.amount.to_wan()),
    }
    if check is not None:
        for share in check.shares:
            if share.key == component.key:
                data["share_percent"] = None if share.share is None else str(share.share)
                if share.attributed_overrun is not None:
                    data["attributed_overrun_yuan"] = str(share.attributed_overrun)
    return data


def project_data(project: Project) -> dict[str, Any]:
    """One project with its check in the report's JSON shape."""
    check = project.check()
    data: dict[str, Any] = {
        "key": project.key,
        "name_zh": project.name_zh,
        "name_en": project.name_en,
        "appropriation_yuan": str(project.appropriation),
        "total_yuan": str(check.total),
        "headroom_yuan": str(check.headroom),
        "status": check.status.value,
        "components": [component_data(component, check) for component in project.components],
        "appropriation_wan": str(project.appropriation.to_wan()),
        "total_wan": str(check.total.to_wan()),
        "utilisation_percent": None if check.utilisation is None else str(check.utilisation),
        "itemised": project.itemised,
        "overrun_yuan": _money(check.overrun),
        "drivers": [share.key for share in check.drivers],
    }
    return data


def report_data(budget: Budget) -> dict[str, Any]:
    """The whole budget in the report's JSON shape (the foundation's contract)."""
    unit = budget.unit
    return {
        "dataset": budget.key,
        "year": budget.year,
        "unit": {"code": unit.code, "name": unit.name_zh, "name_en": unit.name_en},
        "total_yuan": str(unit.total),
        "projects": [project_data(project) for project in unit.projects],
        "total_wan": str(unit.total.to_wan()),
        "title": budget.title_zh,
        "units": [
            {
                "code": item.code,
                "name": item.name_zh,
                "parent": item.parent,
                "stated_total_yuan": _money(item.stated_total),
                "total_yuan": str(item.total),
                "projects": [project.key for project in item.projects],
            }
            for item in budget.units
        ],
    }


def _values(value: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    return tuple(value)


@attrs.frozen
class ParametersInForce:
    """Every policy parameter in force on a date (政策参数), sorted by key (``params``).

    >>> from pension_subsidy import load_parameters
    >>> listing = ParametersInForce.of(load_parameters(), date(2022, 6, 30))
    >>> listing.data()["as_of"], listing.data()["parameters"][0]["key"]
    ('2022-06-30', 'contribution.grades')
    """

    as_of: date
    values: tuple[ParameterValue, ...] = attrs.field(converter=_values)

    @classmethod
    def of(cls, parameters: ParameterSet, as_of: date) -> ParametersInForce:
        """The values of ``parameters`` in force on ``as_of``."""
        return cls(as_of=as_of, values=parameters.in_force(as_of))

    def data(self) -> dict[str, Any]:
        """``{"as_of": "YYYY-MM-DD", "parameters": [...]}``, each :meth:`ParameterValue.data`."""
        return {"as_of": self.as_of.isoformat(), "parameters": [v.data() for v in self.values]}
