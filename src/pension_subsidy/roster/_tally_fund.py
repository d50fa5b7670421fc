"""A roster tally into the supporting fund: its headcounts as the fund model's components."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pension_subsidy.exceptions import UnknownKeyError
from pension_subsidy.model.components import (
    COMPONENT_TYPES,
    Component,
    GradeTier,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    VillageCadreSubsidy,
)

if TYPE_CHECKING:
    from pension_subsidy.roster.tally import Tally

_PER_PERSON_TYPES: dict[str, Any] = {
    "severe_disability_proxy": SevereDisabilityProxy,
    "mild_disability_proxy": MildDisabilityProxy,
    "poverty_household_proxy": PovertyHouseholdProxy,
    "village_cadre_subsidy": VillageCadreSubsidy,
}


def _component_type(key: str, *, required: bool = True) -> Any:
    """The fund model's class of a per-person component key, or an error saying it has none.

    The identities added for rosters (特困, 低保, 监测对象) are paid in the roster's own
    figures whatever the model knows; a budget needs the model to have their kind when
    anyone is paid in it (``required=False``: None instead of the error).
    """
    cls = _PER_PERSON_TYPES.get(key) or COMPONENT_TYPES.get(key)
    if cls is None or not hasattr(cls, "standard"):
        if not required:
            return None
        said = {"key": repr(key), "known": ", ".join(COMPONENT_TYPES)}
        code = "roster_engine.no_kind"
        raise UnknownKeyError(code=code, params=said, key=key, known=tuple(COMPONENT_TYPES))
    return cls


def fund_components(tally: Tally) -> tuple[Component, ...]:
    """The supporting-fund components of a tally, as standards, built from its headcounts.

    A proxy the fund model has no kind for (特困, 低保, 监测对象 before the model knows
    them) is left out when nobody is paid in it, else an
    :class:`~pension_subsidy.UnknownKeyError` says so.
    """
    if tally.rules is None:
        return ()
    rules = tally.rules
    built: list[Component] = []
    for item in tally.components():
        if item.key == "contribution_subsidy":
            payers = tally.grade_payers()
            built.append(
                TieredContributionSubsidy(
                    tiers=[
                        GradeTier(grade=grade, payers=payers[grade], subsidy=subsidy)
                        for grade, subsidy in rules.grade_table
                    ]
                )
            )
        elif item.key == "land_loss_pension":
            assert rules.land_loss_monthly is not None
            built.append(
                LandLossPension.monthly(
                    headcount=item.headcount,
                    monthly=rules.land_loss_monthly,
                    months=rules.land_loss_months,
                )
            )
        elif item.headcount or _component_type(item.key, required=False) is not None:
            built.append(
                _component_type(item.key).standard(
                    headcount=item.headcount, per_capita=rules.per_capita(item.key)
                )
            )
    return tuple(built)
