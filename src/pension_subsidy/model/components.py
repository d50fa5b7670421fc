"""The county supporting-fund components (县级配套资金的构成), by key.

Every component knows its headcount, its per-capita figure, its amount and how the amount
was derived. A component is given either

* as a **standard** (标准, forward): headcount × per-capita standard → amount, or
* as a **disclosed amount** (披露金额, backward): amount ÷ headcount → per-capita, as the
  2022 Menyuan table states its components (``重度残疾人1025人，财政代缴6.2万``).

A disclosed component remembers the headcount its amount was stated for, so changing only
its headcount (a what-if) keeps its exact per-capita figure:

>>> import attrs
>>> from pension_subsidy import Yuan
>>> severe = SevereDisabilityProxy.disclosed(headcount=1025, amount=Yuan.from_wan("6.2"))
>>> severe.amount, severe.per_capita
(Yuan('62000.00'), Yuan('60.49'))
>>> severe.derivation
'62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）'
>>> attrs.evolve(severe, headcount=2050).amount
Yuan('124000.00')
>>> SevereDisabilityProxy.standard(headcount=1025, per_capita="60").derivation
'1025 人 × 60.00 元 = 61,500.00 元'

Each kind lives in a module of its own: :mod:`~pension_subsidy.model.per_person` (paid per
person), :mod:`~pension_subsidy.model.coordinator` (协办员) and
:mod:`~pension_subsidy.model.tiered` (by grade); :mod:`~pension_subsidy.model.component_protocol`
says what every component offers. Their public names are importable from here.
"""

from __future__ import annotations

from pension_subsidy.model.component_protocol import Basis, Component
from pension_subsidy.model.coordinator import CoordinatorAllowance
from pension_subsidy.model.derivation_words import Language
from pension_subsidy.model.per_person import (
    ContributionSubsidy,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    VillageCadreSubsidy,
    _PerPersonComponent,
)
from pension_subsidy.model.tiered import GradeTier, TieredContributionSubsidy

__all__ = [
    "COMPONENT_TYPES",
    "Basis",
    "Component",
    "ContributionSubsidy",
    "CoordinatorAllowance",
    "GradeTier",
    "LandLossPension",
    "Language",
    "MildDisabilityProxy",
    "PovertyHouseholdProxy",
    "SevereDisabilityProxy",
    "TieredContributionSubsidy",
    "VillageCadreSubsidy",
]

#: Every component class by its key (the tiered subsidy shares ``contribution_subsidy``).
COMPONENT_TYPES: dict[str, type[_PerPersonComponent] | type[CoordinatorAllowance]] = {
    cls.key: cls
    for cls in (
        ContributionSubsidy,
        SevereDisabilityProxy,
        MildDisabilityProxy,
        PovertyHouseholdProxy,
        VillageCadreSubsidy,
        LandLossPension,
        CoordinatorAllowance,
    )
}
