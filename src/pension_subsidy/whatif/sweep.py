"""Sweeps (批量情景测算): many scenarios of one budget, each as :func:`apply_overrides` gives it.

A sweep (a grid of headcounts and standards, a Monte Carlo draw) applies thousands of
scenarios to the same budget. :func:`sweep` finds once what each target names, keeps the
amounts of the components no override touches, and for each scenario recomputes only the
components its overrides change, in whole 分; each changed project carries its check, so
``project.check()`` costs nothing more. Every budget it yields equals
``apply_overrides(budget, scenario)`` — the same values, and for a scenario that fails, the
same error, raised when the sweep reaches it.

>>> from pension_subsidy import load_dataset
>>> baseline = load_dataset()
>>> grid = [[f"severe_disability_proxy.per_capita={step}"] for step in ("-10%", "+10%")]
>>> for scenario in sweep(baseline, grid):
...     print(scenario.project("county_supporting_fund").check().total)
1683800.00
1696200.00
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

import attrs

from pension_subsidy.exceptions import PensionSubsidyError
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.components import Component
from pension_subsidy.model.fen import fen_of, within_bounds
from pension_subsidy.money import Yuan
from pension_subsidy.whatif.apply import _apply_to_component, _money, apply_overrides
from pension_subsidy.whatif.overrides import Override, Target, field_known, resolve

__all__ = ["sweep"]


#: At most this many changed components (and parsed overrides) are kept: a random draw
#: repeats none of them, and a sweep's memory stays bounded.
_KEPT = 10_000


class _Unusual(Exception):  # noqa: N818 — a signal, not an error: take the reference path
    """A scenario the plan does not shortcut: :func:`apply_overrides` applies it instead."""


class _Project:
    """One project's state within a scenario: its components, amounts and appropriation."""

    __slots__ = ("amounts", "appropriation", "base", "components", "fens", "touched")

    def __init__(self, base: Project, amounts: list[Yuan], fens: list[int]) -> None:
        self.base = base
        self.components: list[Component] = list(base.components)
        self.amounts = list(amounts)
        self.fens = list(fens)
        self.appropriation: Yuan | None = None
        self.touched = False

    def result(self) -> Project:
        """The project as :func:`apply_overrides` builds it, its check computed here."""
        project = self.base
        if self.appropriation is not None:
            project = attrs.evolve(project, appropriation=self.appropriation)
        if not self.touched:
            return project
        return project.with_components(self.components, amounts=self.amounts)


class _Plan:
    """What a sweep finds once: the projects, where each target is, the amounts as given."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.projects = budget.projects
        keys = [project.key for project in self.projects]
        #: several projects of one key are replaced together: the reference path only
        self.plain = len(set(keys)) == len(keys)
        self.places: dict[Target, tuple[int, int | None]] = {}
        self.amounts: dict[int, tuple[list[Yuan], list[int]]] = {}
        self.parsed: dict[str, Override] = {}
        self.changes: dict[Override, tuple[Component, Yuan, int]] = {}

    def apply(self, overrides: Iterable[Override | str]) -> Budget:
        """The budget with ``overrides`` applied in order (as :func:`apply_overrides`)."""
        given = list(overrides)
        if self.plain:
            try:
                return self._apply(given)
            except (PensionSubsidyError, _Unusual):
                pass  # outside the handler: the reference path raises its error afresh
        return apply_overrides(self.budget, given)

    def _override(self, item: Override | str) -> Override:
        if not isinstance(item, str):
            return item
        parsed = self.parsed.get(item)
        if parsed is None:
            parsed = Override.parse(item)
            if len(self.parsed) < _KEPT:
                self.parsed[item] = parsed
        return parsed

    def _place(self, target: Target) -> tuple[int, int | None]:
        """The index of the project and of the component ``target`` names (None: the project)."""
        place = self.places.get(target)
        if place is None:
            project, component = resolve(self.budget, target)
            index = next(i for i, item in enumerate(self.projects) if item is project)
            held = None
            if component is not None:
                held = next(i for i, item in enumerate(project.components) if item is component)
            place = self.places[target] = (index, held)
        return place

    def _change(self, override: Override, component: Component) -> tuple[Component, Yuan, int]:
        """``override`` applied to a component as the budget gives it, with its amount (kept).

        Values do not change, so the same override on the same component gives the same
        component: a grid applies each of its steps to many scenarios.
        """
        known = self.changes.get(override)
        if known is None:
            changed = _apply_to_component(override, component)
            amount = changed.amount
            known = (changed, amount, fen_of(amount))
            if len(self.changes) < _KEPT:
                self.changes[override] = known
        return known

    def _base(self, index: int) -> _Project:
        known = self.amounts.get(index)
        if known is None:
            check = self.projects[index].check()  # raises for a project that cannot be checked
            amounts = [share.amount for share in check.shares]
            known = self.amounts[index] = (amounts, [fen_of(amount) for amount in amounts])
        return _Project(self.projects[index], *known)

    def _apply(self, overrides: Sequence[Override | str]) -> Budget:
        states: dict[int, _Project] = {}
        for item in overrides:
            override = self._override(item)
            index, held = self._place(override.target)
            state = states.get(index)
            if state is None:
                state = states[index] = self._base(index)
            if held is None:
                current = state.appropriation
                if current is None:
                    current = state.base.appropriation
                state.appropriation = _money(override, Fraction(current.value))
                continue
            component = state.components[held]
            if component is state.base.components[held]:
                changed, amount, fen = self._change(override, component)
            elif field_known(component, override.target.field):
                changed = _apply_to_component(override, component)
                amount = changed.amount
                fen = fen_of(amount)
            else:
                raise _Unusual
            state.components[held] = changed
            state.touched = True
            state.amounts[held] = amount
            state.fens[held] = fen
            # the project's total, as each override's check computes it, within the bound
            if min(state.fens) < 0 or not within_bounds(sum(state.fens)):
                raise _Unusual
        if not states:
            return self.budget
        return self.budget.replace_projects(state.result() for state in states.values())


def sweep(budget: Budget, scenarios: Iterable[Iterable[Override | str]]) -> Iterator[Budget]:
    """Each scenario's budget, in order: ``apply_overrides(budget, scenario)``, faster.

    ``scenarios`` is an iterable of scenarios, each an iterable of overrides (parsed or
    their text). The budgets come one at a time (a generator); a scenario whose overrides
    fail raises, when reached, the error :func:`apply_overrides` raises for it.
    """
    plan = _Plan(budget)
    for overrides in scenarios:
        yield plan.apply(overrides)
