"""A dataset's component tables read into components: the seven Menyuan classes or a kind's.

A kind of the seven is built by its class from its own fields; any other kind of the
catalogue (bundled or the dataset's own) from its formula's fields.
"""

from __future__ import annotations

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError, Phrase, detail_of
from pension_subsidy.model.components import (
    COMPONENT_TYPES,
    Component,
    CoordinatorAllowance,
    GradeTier,
    LandLossPension,
    TieredContributionSubsidy,
)
from pension_subsidy.model.dataset_reader import TableReader
from pension_subsidy.model.formula_reading import component_from_table
from pension_subsidy.model.kinds import bundled_kinds
from pension_subsidy.money import Yuan

__all__ = ["component_of"]

_COMPONENT_KEYS = (
    "kind",
    "headcount",
    "amount_wan",
    "amount_yuan",
    "per_capita_wan",
    "per_capita_yuan",
    "monthly_wan",
    "monthly_yuan",
    "months",
    "villages",
    "per_village",
    "per_coordinator_wan",
    "per_coordinator_yuan",
    "tiers",
    "source",
)


def component_of(reader: TableReader) -> Component:
    """The component of a component table; an amount beyond the bounds names the table."""
    kind = reader.text("kind")
    if kind in COMPONENT_TYPES:
        reader.only(*_COMPONENT_KEYS)
    try:
        component = _build_component(reader, kind)
        _ = component.amount  # computed here, so that one beyond the bound names this file
    except (InvalidAmountError, InvalidHeadcountError) as error:
        raise reader.fail(kind, detail_of(error)) from None
    return component


def _build_component(reader: TableReader, kind: str) -> Component:
    if kind not in COMPONENT_TYPES:
        catalogue = reader.kinds or bundled_kinds()
        if kind not in catalogue:
            known = ", ".join(catalogue.keys)
            raise reader.fail("kind", Phrase("dataset.one_of", known=known, got=repr(kind)))
        # a kind of the catalogue beyond the seven: computed from its formula's fields
        return component_from_table(catalogue.get(kind), reader.data, reader.fail)
    if kind == "coordinator_allowance":
        per_coordinator = reader.amount("per_coordinator")
        return CoordinatorAllowance(
            villages=reader.whole("villages"),
            per_village=reader.whole("per_village", 1),
            per_coordinator=per_coordinator if per_coordinator is not None else Yuan(600),
        )
    if kind == "contribution_subsidy" and "tiers" in reader.data:
        return TieredContributionSubsidy(tiers=[_tier(tier) for tier in reader.tables("tiers")])
    headcount = reader.whole("headcount")
    amount = reader.amount("amount")
    per_capita = reader.amount("per_capita")
    monthly = reader.amount("monthly")
    given = [
        name
        for name, value in (("amount", amount), ("per_capita", per_capita), ("monthly", monthly))
        if value is not None
    ]
    if len(given) != 1:
        shown = str(given) if given else Phrase("dataset.none_given")
        raise reader.fail("amount_wan", Phrase("dataset.one_amount", given=shown))
    cls = COMPONENT_TYPES[kind]
    if monthly is not None:
        if cls is not LandLossPension:
            raise reader.fail("monthly_yuan", Phrase("dataset.monthly_only"))
        return LandLossPension.monthly(
            headcount=headcount, monthly=monthly, months=reader.whole("months", 12)
        )
    assert cls is not CoordinatorAllowance
    if amount is not None:
        return cls(headcount=headcount, disclosed_amount=amount)  # type: ignore[call-arg]
    return cls(headcount=headcount, per_capita_standard=per_capita)  # type: ignore[call-arg]


def _tier(reader: TableReader) -> GradeTier:
    reader.only("grade", "grade_yuan", "payers", "subsidy_yuan")
    # ``grade = 100`` (the formula's field, as grades are named) or ``grade_yuan = "100"``
    if "grade" in reader.data and "grade_yuan" in reader.data:
        raise reader.fail("grade_yuan", Phrase("dataset.grade_twice"))
    grade_key = "grade" if "grade" in reader.data else "grade_yuan"
    if grade_key not in reader.data:
        raise reader.fail("grade", Phrase("dataset.missing_grade"))
    return GradeTier(
        grade=reader.yuan(grade_key),
        payers=reader.whole("payers"),
        subsidy=reader.yuan("subsidy_yuan"),
    )
