"""Projects (项目): a budget line's components, appropriation, funding and execution.

A :class:`Project` holds its components and its appropriation (预算金额); its
:meth:`~Project.check` compares the two (:mod:`~pension_subsidy.model.project_check`), once:
a project is a value, and keeps its check.

>>> from pension_subsidy import load_dataset
>>> fund = load_dataset("menyuan-2022").project("county_supporting_fund")
>>> fund.total, fund.check() is fund.check()
(Yuan('1690000.00'), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.exceptions import InvalidAmountError, Phrase, UnknownKeyError
from pension_subsidy.model.budget_data import _add_funding, _money, component_data
from pension_subsidy.model.components import Component
from pension_subsidy.model.execution import Execution, ExecutionCheck, check_execution
from pension_subsidy.model.fen import fen_of, within_bounds, yuan_of
from pension_subsidy.model.funding import Funding, FundingCheck
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.model.project_check import ProjectCheck, _project_check
from pension_subsidy.model.replace import copy_with
from pension_subsidy.money import Yuan

__all__ = ["Project"]


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    items = tuple(value)
    keys = [item.key for item in items]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        said = {"at": "Project.components: ", "keys": ", ".join(duplicated)}
        raise InvalidAmountError(
            code="budget.component_twice", params=said, field="components", value=duplicated
        )
    return items


def _appropriation(value: Yuan | str | int) -> Yuan:
    if not isinstance(value, Yuan):
        value = Yuan(value, field="appropriation")
    if value < 0:
        said = {"at": "Project.appropriation: ", "got": value}
        raise InvalidAmountError(
            code="funding.negative", params=said, field="appropriation", value=value
        )
    return value


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _keyed_funding(
    value: Mapping[str, Funding] | Iterable[tuple[str, Funding]],
) -> tuple[tuple[str, Funding], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), funding) for key, funding in items)


def _keyed_execution(
    value: Mapping[str, Execution] | Iterable[tuple[str, Execution]],
) -> tuple[tuple[str, Execution], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), execution) for key, execution in items)


def _of_components(project: Project, attribute: attrs.Attribute[Any], value: object) -> None:
    """Every key of ``component_funding``/``component_execution`` is a component, once."""
    assert isinstance(value, tuple)
    keys = [key for key, _ in value]
    known = {component.key for component in project.components}
    for key in keys:
        if key not in known:
            said = {
                "at": f"Project.{attribute.name}: ",
                "key": repr(key),
                "known": ", ".join(sorted(known)) or Phrase("parameters.none"),
            }
            raise UnknownKeyError(
                code="budget.no_component", params=said, key=key, known=tuple(sorted(known))
            )
        if keys.count(key) > 1:
            said = {"at": f"Project.{attribute.name}: ", "keys": repr(key)}
            raise InvalidAmountError(
                code="budget.component_twice", params=said, field=attribute.name, value=key
            )


def _budget_of(figures: Execution, otherwise: Yuan | None) -> Yuan | None:
    """The budget a funding split is of: adjusted, else year-start, else ``otherwise``."""
    if figures.budget_adjusted is not None:
        return figures.budget_adjusted
    if figures.budget_start is not None:
        return figures.budget_start
    return otherwise


@attrs.frozen
class Project:
    """A budget line (项目): its appropriation, components, goals and indicators.

    A project without itemised components (the work funds) totals its appropriation.
    """

    key: str
    name_zh: str
    name_en: str
    appropriation: Yuan = attrs.field(converter=_appropriation)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_components)
    goals: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)
    #: the split of the project's money by level of government (资金来源), when stated
    funding: Funding | None = None
    #: year-start / adjusted budget, executed and actual headcount (预算执行), when stated
    execution: Execution | None = None
    #: each component's funding split, by component key (the components stay as they are)
    component_funding: tuple[tuple[str, Funding], ...] = attrs.field(
        default=(), converter=_keyed_funding, validator=_of_components
    )
    #: each component's budget and execution figures, by component key
    component_execution: tuple[tuple[str, Execution], ...] = attrs.field(
        default=(), converter=_keyed_execution, validator=_of_components
    )
    #: the check, once computed (a project is a value; not compared, not shown)
    _checked: ProjectCheck | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __repr__(self) -> str:
        """``Project('key', appropriation=…, total=…, components=n)``: short at any size."""
        return short_repr(
            "Project",
            key=repr(self.key),
            appropriation=self.appropriation,
            total=self.total,
            components=len(self.components),
            indicators=len(self.indicators),
        )

    @property
    def itemised(self) -> bool:
        """Whether the project lists components."""
        return bool(self.components)

    @property
    def total(self) -> Yuan:
        """Σ components, or the appropriation for a project without components."""
        if not self.components:
            return self.appropriation
        if self._checked is not None:
            return self._checked.total
        return yuan_of(sum(self._amounts()[1]))

    def component(self, key: str) -> Component:
        """The component with ``key``; :class:`~pension_subsidy.UnknownKeyError` otherwise."""
        for component in self.components:
            if component.key == key:
                return component
        known = tuple(component.key for component in self.components)
        said = {
            "project": repr(self.key),
            "key": repr(key),
            "known": ", ".join(known) or Phrase("parameters.none"),
        }
        raise UnknownKeyError(code="budget.project_component", params=said, key=key, known=known)

    def funding_of(self, key: str) -> Funding | None:
        """The funding split stated for component ``key`` (None when not stated)."""
        return next((funding for item, funding in self.component_funding if item == key), None)

    def execution_of(self, key: str) -> Execution | None:
        """The budget and execution figures stated for component ``key`` (None when not)."""
        return next((figures for item, figures in self.component_execution if item == key), None)

    def execution_check(self) -> ExecutionCheck | None:
        """Budget against execution for the project and its components (None when none given).

        A component's rate falls back to its planned amount, the project's to its
        appropriation, when no budget is stated (see :mod:`pension_subsidy.model.execution`).

        >>> import attrs
        >>> from pension_subsidy import load_dataset
        >>> fund = load_dataset().project("county_supporting_fund")
        >>> fund.execution_check() is None
        True
        >>> spent = attrs.evolve(fund, execution=Execution(executed=Yuan.from_wan("171.2")))
        >>> check = spent.execution_check()
        >>> check.against, check.rate_percent, check.underrun
        ('planned', Decimal('97.83'), Yuan('38000.00'))
        """
        if (self.execution is None or not self.execution.given) and not self.component_execution:
            return None
        parts = []
        if self.component_execution:
            parts = [
                check_execution(
                    component.key,
                    self.execution_of(component.key) or Execution(),
                    where=f"{self.key}.{component.key}",
                    planned=component.amount,
                )
                for component in self.components
            ]
        return check_execution(
            self.key,
            self.execution or Execution(),
            planned=self.appropriation,
            parts=parts,
            parts_code="components_sum",
        )

    def funding_check(self) -> FundingCheck | None:
        """The project's funding split checked against its total (None when not stated).

        The total is the adjusted budget when known, else the year-start budget, else the
        appropriation: the split says where the year's budget comes from.
        """
        if self.funding is None:
            return None
        figures = self.execution_check()
        total: Yuan | None = self.appropriation
        if figures is not None:
            total = _budget_of(figures.figures, total)
        return self.funding.check(total, where=self.key)

    def component_funding_checks(self) -> tuple[tuple[str, FundingCheck], ...]:
        """Each stated component split checked against the component's total, by key.

        A component's total is its adjusted budget when stated, else its year-start budget,
        else its amount.
        """
        checks = []
        for key, funding in self.component_funding:
            component = self.component(key)
            figures = self.execution_of(key) or Execution()
            total = _budget_of(figures, component.amount)
            checks.append((key, funding.check(total, where=f"{self.key}.{key}")))
        return tuple(checks)

    def check(self) -> ProjectCheck:
        """Compare the total with the appropriation.

        Over the appropriation, each component is attributed the part of the overrun in
        proportion to its amount. The parts are whole 分 and add up to the overrun exactly:
        each is rounded down, and the 分 left over go to the largest remainders (ties to the
        larger amount, then table order) — rounding each part 四舍五入 on its own could
        attribute a 分 more or less than the overrun.

        A project is a value: its check is computed once, on first use, and kept.
        """
        checked = self._checked
        if checked is None:
            amounts, fens = self._amounts()
            checked = _project_check(self, amounts, fens)
            object.__setattr__(self, "_checked", checked)
        return checked

    def _amounts(self) -> tuple[list[Yuan], list[int]]:
        """The components' amounts, as amounts and in whole 分.

        A running total beyond the bound of money raises as Σ of the amounts does (the same
        error, at the same component), before a later component's amount is computed.
        """
        amounts: list[Yuan] = []
        fens: list[int] = []
        running = 0
        for component in self.components:
            amount = component.amount
            amounts.append(amount)
            fen = fen_of(amount)
            fens.append(fen)
            running += fen
            if not within_bounds(running):
                sum(amounts, Yuan(0))  # raises the bound's error, as the total always has
        return amounts, fens

    def with_components(
        self, components: Iterable[Component], *, amounts: Iterable[Yuan] | None = None
    ) -> Project:
        """A copy with ``components`` in place of the components (for what-ifs).

        Components of the same keys in the same order (a what-if's changed values) are
        taken as they are, with nothing else checked again; other keys go through
        :func:`attrs.evolve` and every check. ``amounts``, when given, are the components'
        amounts (as they compute them), so that the copy's check need not ask them again.
        """
        items = tuple(components)
        keys = [component.key for component in self.components]
        if [component.key for component in items] != keys:
            return attrs.evolve(self, components=items)
        copied = copy_with(self, {"components": items})
        if amounts is not None:
            given = list(amounts)
            checked = _project_check(copied, given, [fen_of(amount) for amount in given])
            object.__setattr__(copied, "_checked", checked)
        return copied

    def data(self) -> dict[str, Any]:
        """The project with its check in the report's JSON shape (exact 元 strings).

        >>> from pension_subsidy import load_dataset
        >>> data = load_dataset().project("county_supporting_fund").data()
        >>> data["total_yuan"], data["headroom_yuan"], data["status"]
        ('1690000.00', '60000.00', 'within')
        """
        check = self.check()
        data = {
            "key": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "appropriation_yuan": str(self.appropriation),
            "total_yuan": str(check.total),
            "headroom_yuan": str(check.headroom),
            "status": check.status.value,
            "components": self._components_data(check),
            "appropriation_wan": str(self.appropriation.to_wan()),
            "total_wan": str(check.total.to_wan()),
            "utilisation_percent": None if check.utilisation is None else str(check.utilisation),
            "itemised": self.itemised,
            "overrun_yuan": _money(check.overrun),
            "drivers": [share.key for share in check.drivers],
            "plan_overrun_yuan": _money(check.overrun),
        }
        _add_funding(data, self.funding_check())
        execution = self.execution_check()
        if execution is not None and execution.given:
            # "overrun_yuan" becomes the execution overrun (executed − budget) once the amount
            # executed is known; "plan_overrun_yuan" keeps the components' overrun
            data.update(execution.data())
        return data

    def _components_data(self, check: ProjectCheck) -> list[dict[str, Any]]:
        funding = dict(self.component_funding_checks())
        execution = self.execution_check()
        parts = {} if execution is None else {part.key: part for part in execution.parts}
        return [
            component_data(
                component,
                check,
                funding=funding.get(component.key),
                execution=parts.get(component.key),
            )
            for component in self.components
        ]
