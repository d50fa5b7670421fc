"""The budget in the report's JSON shape (the foundation's contract) and as frame rows.

:func:`component_data` is one component's JSON; the helpers here add a unit's funding,
execution and areas to its JSON and give the rows of :meth:`Budget.to_frame
<pension_subsidy.model.budget.Budget.to_frame>`. ``Project.data`` and ``Budget.data`` build
on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pension_subsidy.model.components import Component
from pension_subsidy.model.execution import ExecutionCheck
from pension_subsidy.model.funding import FundingCheck
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    from pension_subsidy.model.budget import Budget, Unit
    from pension_subsidy.model.project import Project
    from pension_subsidy.model.project_check import ProjectCheck

__all__ = ["component_data"]


def _money(amount: Yuan | None) -> str | None:
    return None if amount is None else str(amount)


def component_data(
    component: Component,
    check: ProjectCheck | None = None,
    *,
    funding: FundingCheck | None = None,
    execution: ExecutionCheck | None = None,
) -> dict[str, Any]:
    """One component in the report's JSON shape, with its share when ``check`` is given.

    With ``funding`` (its split checked) it adds ``"funding"`` (the levels given, exact 元),
    ``"funding_shares_percent"`` (when by share) and ``"funding_problems"``; with
    ``execution`` the figures :meth:`ExecutionCheck.data` knows. ``"derivation_steps"`` is
    the derivation as a value (``Derivation.data()``) beside its text.
    (``model.data.component_data`` is this function.)
    """
    data: dict[str, Any] = {
        "key": component.key,
        "name_zh": component.name_zh,
        "name_en": component.name_en,
        "headcount": component.headcount,
        "per_capita_yuan": _money(component.per_capita),
        "amount_yuan": str(component.amount),
        "derivation": component.derivation,
        "derivation_steps": component.derivation_value().data(),
        "basis": component.basis.value,
        "derivation_en": component.derivation_in("en"),
        "amount_wan": str(component.amount.to_wan()),
        "kind": component.key,
        "formula": component.formula.value,
    }
    if check is not None:
        for share in check.shares:
            if share.key == component.key:
                data["share_percent"] = None if share.share is None else str(share.share)
                if share.attributed_overrun is not None:
                    data["attributed_overrun_yuan"] = str(share.attributed_overrun)
    _add_funding(data, funding)
    if execution is not None and execution.given:
        data.update(execution.data())
    return data


def _add_funding(data: dict[str, Any], funding: FundingCheck | None) -> None:
    if funding is None:
        return
    data["funding"] = funding.data()
    if funding.by_share:
        data["funding_shares_percent"] = funding.shares_data()
    data["funding_problems"] = [problem.data() for problem in funding.problems]


def _unit_extra(unit: Unit, *, shown: bool) -> dict[str, Any]:
    """A unit's funding, execution and areas in the report's JSON (absent when not given).

    A unit whose projects are not the report's ``"projects"`` (``shown`` is False) adds
    ``"projects_data"`` — each project in the report's shape — when one of them states
    funding or execution (a county beside the first one), so every component's figures are
    in the JSON.
    """
    data: dict[str, Any] = {}
    if unit.areas:
        data["areas"] = list(unit.areas)
    _add_funding(data, unit.funding_check())
    execution = unit.execution_check()
    if execution is not None and execution.given:
        data.update(execution.data())
    if not shown and any(_states_figures(project) for project in unit.projects):
        data["projects_data"] = [project.data() for project in unit.projects]
    return data


def _states_figures(project: Project) -> bool:
    """Whether the project or one of its components states funding or execution."""
    return bool(
        project.funding is not None
        or project.execution is not None
        or project.component_funding
        or project.component_execution
    )


def _area_data(budget: Budget) -> dict[str, Any]:
    checks = budget.area_checks()
    return {"area_checks": [check.data() for check in checks]} if checks else {}


_BUDGET_COLUMNS = (
    "unit",
    "project",
    "key",
    "name_zh",
    "kind",
    "formula",
    "basis",
    "headcount",
    "per_capita_yuan",
    "amount_yuan",
    "share_percent",
    "attributed_overrun_yuan",
    "derivation",
)


def _project_records(unit: Unit, projects: Iterable[Project]) -> list[dict[str, object]]:
    """Rows of :meth:`Budget.to_frame`: each component, or the project for an unitemised one."""
    records: list[dict[str, object]] = []
    for project in projects:
        base = {"unit": unit.code, "project": project.key}
        if not project.components:
            records.append({**base, "name_zh": project.name_zh, "amount_yuan": project.total})
            continue
        shares = {share.key: share for share in project.check().shares}
        for component in project.components:
            share = shares[component.key]
            records.append(
                {
                    **base,
                    "key": component.key,
                    "name_zh": component.name_zh,
                    "kind": component.key,
                    "formula": component.formula.value,
                    "basis": component.basis.value,
                    "headcount": component.headcount,
                    "per_capita_yuan": component.per_capita,
                    "amount_yuan": component.amount,
                    "share_percent": share.share,
                    "attributed_overrun_yuan": share.attributed_overrun,
                    "derivation": component.derivation,
                }
            )
    return records
