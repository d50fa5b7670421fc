"""A budget written back as a dataset: the mapping a dataset TOML file parses to.

:func:`budget_mapping` is the inverse of
:func:`~pension_subsidy.model.dataset.budget_from_mapping`: whatever the budget came from —
a dataset file, a disclosure table, a filled workbook, a what-if — its mapping reads back
to a budget with the same figures. Money is written exactly in 元, as strings
(``amount_yuan = "62000.00"``), never as a float; headcounts as whole numbers.

>>> from pension_subsidy.model.dataset import budget_from_mapping, load_dataset
>>> budget = load_dataset("menyuan-2022")
>>> mapping = budget_mapping(budget)
>>> mapping["units"][1]["projects"][2]["components"][1]
{'kind': 'severe_disability_proxy', 'headcount': 1025, 'amount_yuan': '62000.00'}
>>> budget_from_mapping(mapping).data() == budget.data()
True

What the format cannot say is refused rather than written differently: a disclosed amount
whose headcount a what-if changed (the file states an amount with the headcount it was
stated for, so it would read back as the old amount for the new headcount).

>>> import attrs
>>> fund = budget.project("county_supporting_fund")
>>> changed = budget.replace_project(attrs.evolve(fund, components=[
...     attrs.evolve(fund.components[0], headcount=80000), *fund.components[1:]]))
>>> budget_mapping(changed)
Traceback (most recent call last):
...
pension_subsidy.exceptions.DataFileError: <dataset>: units[1].projects[2].components[0]: project 'county_supporting_fund', component 'contribution_subsidy': ...
"""  # noqa: E501 — a doctest's expected line is as long as the text it checks

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.component_protocol import Component
from pension_subsidy.model.coordinator import CoordinatorAllowance
from pension_subsidy.model.dataset_read_back import check_reads_back
from pension_subsidy.model.execution import AMOUNT_FIGURES, Execution
from pension_subsidy.model.formula import AgeBand, KindComponent
from pension_subsidy.model.funding import Funding
from pension_subsidy.model.indicators import Indicator
from pension_subsidy.model.kinds import (
    ComponentKind,
    FieldType,
    Formula,
    bundled_kinds,
    formula_fields,
)
from pension_subsidy.model.per_person import LandLossPension, _PerPersonComponent
from pension_subsidy.model.tiered import GradeTier, TieredContributionSubsidy
from pension_subsidy.money import Yuan

__all__ = ["budget_mapping"]


def budget_mapping(budget: Budget, *, path: str = "<dataset>") -> dict[str, Any]:
    """The dataset mapping of ``budget``: ``budget_from_mapping`` of it gives the same figures.

    ``budget_from_mapping(budget_mapping(b)).data() == b.data()``, and the units, projects,
    goals, indicators, components, funding and execution read back equal. A dataset's own
    kinds are declared in ``[[component_kinds]]``. Components do not keep the ``source``
    quote of a dataset file (the model holds no quote), and ``[dataset]`` gets no
    ``county_zh``/``county_en`` (the model holds none): only the figures and their words.

    Raises :class:`~pension_subsidy.DataFileError` — naming ``path`` and the field path
    of the project and component — for what the format cannot express: a disclosed amount
    whose headcount differs from the one it was stated for, an indicator whose qualitative
    target holds digits (the reader takes such a target for a number), a kind that differs
    from the bundled kind of its key, or two kinds of one key.
    """
    writer = _Writer(path)
    mapping: dict[str, Any] = {"dataset": _dataset(budget)}
    units = [writer.unit(unit, index) for index, unit in enumerate(budget.units)]
    if writer.kinds:
        mapping["component_kinds"] = [_kind(kind) for kind in writer.kinds.values()]
    mapping["units"] = units
    check_reads_back(budget, mapping, path)
    return mapping


def _dataset(budget: Budget) -> dict[str, Any]:
    meta: dict[str, Any] = {"key": budget.key, "year": budget.year}
    for name in ("title_zh", "title_en", "source"):
        if getattr(budget, name):
            meta[name] = getattr(budget, name)
    return meta


def _yuan_keys(prefix: str, amount: object) -> dict[str, Any]:
    return {} if amount is None else {f"{prefix}_yuan": str(amount)}


def _funding(funding: Funding | None) -> dict[str, Any]:
    """``funding = { province = "80%", county_yuan = "…" }`` (levels in budget order)."""
    if funding is None:
        return {}
    table: dict[str, Any] = {}
    for part in funding.parts:
        level = part.level.value
        if part.share is not None:
            table[level] = f"{part.share}%"
        table.update(_yuan_keys(level, part.amount))
    return {"funding": table}


def _execution(execution: Execution | None) -> dict[str, Any]:
    """``budget_start_yuan``, ``budget_adjusted_yuan``, ``executed_yuan``, ``actual_headcount``."""
    if execution is None:
        return {}
    figures: dict[str, Any] = {}
    for name in AMOUNT_FIGURES:
        figures.update(_yuan_keys(name, getattr(execution, name)))
    if execution.actual_headcount is not None:
        figures["actual_headcount"] = execution.actual_headcount
    return figures


def _indicator(indicator: Indicator) -> dict[str, Any]:
    item: dict[str, Any] = {
        "level1": indicator.level1.value,
        "level2": indicator.level2.value,
        "name": indicator.name,
    }
    if indicator.comparator is not None:
        item["comparator"] = indicator.comparator.value
    item["target"] = str(indicator.target)
    if indicator.unit:
        item["unit"] = indicator.unit
    if indicator.text:
        item["text"] = indicator.text
    return item


def _grade(amount: Yuan) -> int | str:
    """A grade as grades are named (``100``), or its exact 元 when not whole (``"100.50"``)."""
    value: Decimal = amount.value
    return int(value) if value == value.to_integral_value() else str(amount)


def _tiers(tiers: Iterable[GradeTier]) -> list[dict[str, Any]]:
    return [
        {"grade": _grade(tier.grade), "payers": tier.payers, "subsidy_yuan": str(tier.subsidy)}
        for tier in tiers
    ]


def _bands(bands: Iterable[AgeBand]) -> list[dict[str, Any]]:
    rows = []
    for band in bands:
        row: dict[str, Any] = {"from_age": band.from_age}
        if band.to_age is not None:
            row["to_age"] = band.to_age
        row.update({"headcount": band.headcount, "monthly_yuan": str(band.monthly_yuan)})
        rows.append(row)
    return rows


def _kind(kind: ComponentKind) -> dict[str, Any]:
    """A dataset's own kind as ``[[component_kinds]]`` declares it."""
    table: dict[str, Any] = {
        "key": kind.key,
        "name_zh": kind.name_zh,
        "name_en": kind.name_en,
        "formula": kind.formula.value,
    }
    if kind.other_formulas:
        table["other_formulas"] = [formula.value for formula in kind.other_formulas]
    table["headcount_unit"] = kind.headcount_unit
    if kind.keywords:
        table["keywords"] = list(kind.keywords)
    for name in ("note", "proxy_group"):
        if getattr(kind, name):
            table[name] = getattr(kind, name)
    return table


def _same_kind(first: ComponentKind, second: ComponentKind) -> bool:
    """Whether two kinds say the same, wherever each was declared."""
    return attrs.evolve(first, origin="") == attrs.evolve(second, origin="")


class _Writer:
    """Writes units, projects and components; collects the dataset's own kinds."""

    def __init__(self, path: str) -> None:
        self.path = path
        #: The kinds beyond the bundled catalogue, by key, in order of first use.
        self.kinds: dict[str, ComponentKind] = {}

    def fail(self, where: str, project: Project, key: str, problem: Phrase) -> DataFileError:
        said = {"project": repr(project.key), "key": repr(key), "problem": problem}
        return DataFileError(
            code="write_dataset.component", params=said, path=self.path, field=where
        )

    def unit(self, unit: Unit, index: int) -> dict[str, Any]:
        table: dict[str, Any] = {"code": unit.code}
        if unit.parent is not None:
            table["parent"] = unit.parent
        table["name_zh"] = unit.name_zh
        if unit.name_en:
            table["name_en"] = unit.name_en
        table.update(_yuan_keys("stated_total", unit.stated_total))
        if unit.areas:
            table["areas"] = list(unit.areas)
        table.update(_funding(unit.funding))
        table.update(_execution(unit.execution))
        if unit.projects:
            where = f"units[{index}].projects"
            table["projects"] = [
                self.project(project, f"{where}[{number}]")
                for number, project in enumerate(unit.projects)
            ]
        return table

    def project(self, project: Project, where: str) -> dict[str, Any]:
        table: dict[str, Any] = {"key": project.key, "name_zh": project.name_zh}
        if project.name_en:
            table["name_en"] = project.name_en
        table["appropriation_yuan"] = str(project.appropriation)
        table.update(_funding(project.funding))
        table.update(_execution(project.execution))
        if project.goals:
            table["goals"] = list(project.goals)
        if project.indicators:
            table["indicators"] = [
                self.indicator(indicator, project, f"{where}.indicators[{number}]")
                for number, indicator in enumerate(project.indicators)
            ]
        if project.components:
            table["components"] = [
                self.component(component, project, f"{where}.components[{number}]")
                for number, component in enumerate(project.components)
            ]
        return table

    def indicator(self, indicator: Indicator, project: Project, where: str) -> dict[str, Any]:
        if isinstance(indicator.target, str) and any(c.isdigit() for c in indicator.target):
            said = {"name": repr(indicator.name), "target": repr(indicator.target)}
            raise DataFileError(
                code="write_dataset.target_digits",
                params=said,
                path=self.path,
                field=f"{where}.target",
            )
        return _indicator(indicator)

    def component(self, component: Component, project: Project, where: str) -> dict[str, Any]:
        table: dict[str, Any] = {"kind": component.key}
        table.update(self.fields(component, project, where))
        table.update(_funding(project.funding_of(component.key)))
        table.update(_execution(project.execution_of(component.key)))
        return table

    def fields(self, component: Component, project: Project, where: str) -> dict[str, Any]:
        """The fields of the component's kind, as the dataset reader takes them."""
        if isinstance(component, CoordinatorAllowance):
            return {
                "villages": component.villages,
                "per_village": component.per_village,
                "per_coordinator_yuan": str(component.per_coordinator),
            }
        if isinstance(component, TieredContributionSubsidy):
            return {"tiers": _tiers(component.tiers)}
        if isinstance(component, _PerPersonComponent):
            return self.per_person(component, project, where)
        if isinstance(component, KindComponent):
            return self.kind_fields(component, project, where)
        problem = Phrase("write_dataset.not_writable", type=type(component).__name__)
        raise self.fail(where, project, component.key, problem)

    def per_person(
        self, component: _PerPersonComponent, project: Project, where: str
    ) -> dict[str, Any]:
        if component.disclosed_amount is not None:
            self.check_disclosed(
                component.headcount, component.disclosed_headcount, project, component.key, where
            )
            return {
                "headcount": component.headcount,
                "amount_yuan": str(component.disclosed_amount),
            }
        if isinstance(component, LandLossPension) and component.monthly_standard is not None:
            return {
                "headcount": component.headcount,
                "monthly_yuan": str(component.monthly_standard),
                "months": component.months,
            }
        return {
            "headcount": component.headcount,
            "per_capita_yuan": str(component.per_capita_standard),
        }

    def check_disclosed(
        self, headcount: int | None, stated: int | None, project: Project, key: str, where: str
    ) -> None:
        if headcount != stated:
            problem = Phrase(
                "write_dataset.headcount_changed", stated=str(stated), headcount=str(headcount)
            )
            raise self.fail(where, project, key, problem)

    def kind_fields(self, component: KindComponent, project: Project, where: str) -> dict[str, Any]:
        self.declare(component.kind, project, where)
        if component.key == CoordinatorAllowance.key and component.formula is Formula.PER_UNIT:
            # the reader builds the Menyuan class of this key from its own fields; the check
            # after writing compares the two (their derivations differ: 村 against 个单位)
            return {
                "villages": component.units,
                "per_village": component.per_unit,
                "per_coordinator_yuan": str(component.per_person_yuan),
            }
        if component.disclosed_amount is not None:
            self.check_disclosed(
                component.headcount_given,
                component.disclosed_headcount,
                project,
                component.key,
                where,
            )
            return {
                "headcount": component.headcount_given,
                "amount_yuan": str(component.disclosed_amount),
            }
        fields: dict[str, Any] = {}
        for field in formula_fields(component.formula):
            if field.name == "headcount":
                fields["headcount"] = component.headcount_given
            elif field.name == "tiers":
                fields["tiers"] = _tiers(component.tiers or ())
            elif field.name == "bands":
                fields["bands"] = _bands(component.bands or ())
            elif field.type is FieldType.SHARE:
                fields[field.name] = f"{component.share}%"
            elif field.type is FieldType.MONEY:
                fields[field.name] = str(getattr(component, field.name))
            else:
                fields[field.name] = getattr(component, field.name)
        return fields

    def declare(self, kind: ComponentKind, project: Project, where: str) -> None:
        """Note a kind beyond the bundled catalogue; refuse one that differs from its key's."""
        bundled = bundled_kinds()
        if kind.key in bundled:
            if not _same_kind(kind, bundled.get(kind.key)):
                problem = Phrase("write_dataset.bundled_kind")
                raise self.fail(where, project, kind.key, problem)
            return
        known = self.kinds.setdefault(kind.key, kind)
        if not _same_kind(known, kind):
            problem = Phrase("write_dataset.kind_twice")
            raise self.fail(where, project, kind.key, problem)
