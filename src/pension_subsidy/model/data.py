"""The JSON-ready form of the model: the report's contract, as plain dicts of strings and ints.

Money is written as its exact 元 string (``"61500.00"``) and 万元 rounded 四舍五入; keys are
only ever added, never changed. Funding and execution keys (``"funding"``,
``"budget_adjusted_yuan"``, ``"executed_yuan"``, ``"execution_rate_percent"`` …) appear only
where a dataset states them (see ``docs/funding.md``). The output layer writes these dicts
as JSON; the what-if features embed them in their own results.

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
from pension_subsidy.model.budget import component_data as _component_data
from pension_subsidy.model.components import Component
from pension_subsidy.model.execution import ExecutionCheck
from pension_subsidy.model.funding import FundingCheck
from pension_subsidy.model.parameter_set import ParameterSet
from pension_subsidy.model.parameter_values import ParameterValue

__all__ = ["ParametersInForce", "component_data", "project_data", "report_data"]


def component_data(
    component: Component,
    check: ProjectCheck | None = None,
    *,
    funding: FundingCheck | None = None,
    execution: ExecutionCheck | None = None,
) -> dict[str, Any]:
    """One component in the report's JSON shape (with its share when ``check`` is given).

    With ``funding`` or ``execution`` (from :meth:`Project.component_funding_checks` and
    :meth:`Project.execution_check`) it adds their keys, as :meth:`Project.data` does.
    """
    return _component_data(component, check, funding=funding, execution=execution)


def project_data(project: Project) -> dict[str, Any]:
    """One project with its check in the report's JSON shape: :meth:`Project.data`."""
    return project.data()


def report_data(budget: Budget) -> dict[str, Any]:
    """The whole budget in the report's JSON shape: :meth:`Budget.data`."""
    return budget.data()


def _values(value: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    return tuple(value)


@attrs.frozen
class ParametersInForce:
    """Every policy parameter in force on a date (政策参数), sorted by key (``params``).

    >>> from pension_subsidy import load_parameters
    >>> listing = ParametersInForce.of(load_parameters(), date(2022, 6, 30))
    >>> listing.data()["as_of"], listing.data()["parameters"][0]["key"]
    ('2022-06-30', 'basic_pension.adjustment_rules')
    >>> qinghai = ParametersInForce.of(load_parameters(province="qinghai"), date(2021, 1, 1))
    >>> qinghai.data()["province"], qinghai.data()["parameters"][2]["level"]
    ('qinghai', 'province')
    """

    as_of: date
    values: tuple[ParameterValue, ...] = attrs.field(converter=_values)
    #: The bundled province and county looked up (``qinghai``, ``qinghai-menyuan``), if any.
    province: str | None = None
    county: str | None = None

    @classmethod
    def of(cls, parameters: ParameterSet, as_of: date) -> ParametersInForce:
        """The values of ``parameters`` in force on ``as_of`` (with its province and county)."""
        regions = parameters.regions
        return cls(
            as_of=as_of,
            values=parameters.in_force(as_of),
            province=regions.get("province"),
            county=regions.get("county"),
        )

    def data(self) -> dict[str, Any]:
        """``{"as_of": "YYYY-MM-DD", "parameters": [...]}``, each :meth:`ParameterValue.data`.

        A listing for a province or county adds ``"province"`` and ``"county"`` (the
        jurisdiction's key, or None); each value says its ``level`` and ``jurisdiction``.
        """
        data: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "parameters": [v.data() for v in self.values],
        }
        if self.province is not None or self.county is not None:
            data["province"] = self.province
            data["county"] = self.county
        return data
