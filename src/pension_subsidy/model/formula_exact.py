"""Each formula's exact amount, and the fields that choose the formula (按公式计算).

A catalogue kind's component (:class:`~pension_subsidy.model.formula.KindComponent`) is
computed by the formula whose distinctive field it is given; its exact amount, in 元 as a
:class:`~fractions.Fraction`, is the formula's entry in :data:`_EXACT`. Only ``share_of``
(a base × a share) can give an amount finer than a 分; the component rounds it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Final, TypeVar

from pension_subsidy.model.kinds import Formula
from pension_subsidy.money import Yuan

if TYPE_CHECKING:
    from pension_subsidy.model.formula import KindComponent

__all__: list[str] = []

_T = TypeVar("_T")

#: The distinctive field of each formula: a component given it is computed by that formula.
_DISTINCTIVE: Final[dict[Formula, str]] = {
    Formula.PER_PERSON_YEAR: "per_capita_yuan",
    Formula.PER_PERSON_MONTH: "monthly_yuan",
    Formula.PER_UNIT: "units",
    Formula.BY_GRADE: "tiers",
    Formula.SHARE_OF: "share",
    Formula.BY_AGE_BAND: "bands",
    Formula.PER_EVENT: "events",
}
#: The attribute behind a row column whose TOML name differs (a grade's ``subsidy_yuan``).
_COLUMN_ATTRIBUTES: Final = {"subsidy_yuan": "subsidy"}
_INDEXED = re.compile(r"^(?P<rows>[a-z_]+)\[(?P<index>\d+)\]\.(?P<column>[a-z_]+)$")


#: The scalar fields a formula may be given by (besides ``headcount``).
_SCALARS: Final = (
    "per_capita_yuan",
    "monthly_yuan",
    "months",
    "units",
    "per_unit",
    "per_person_yuan",
    "tiers",
    "base_yuan",
    "share",
    "bands",
    "events",
    "grant_yuan",
)
_ROWS: Final = frozenset({"tiers", "bands"})
_HEADCOUNTED: Final = frozenset(
    {Formula.PER_PERSON_YEAR, Formula.PER_PERSON_MONTH, Formula.SHARE_OF}
)


def _given(value: _T | None) -> _T:
    assert value is not None  # the formula requires it (checked in __attrs_post_init__)
    return value


def _fraction(value: Yuan | None) -> Fraction:
    return Fraction(_given(value).value)


_EXACT: Final[dict[Formula, Callable[[KindComponent], Fraction]]] = {
    Formula.PER_PERSON_YEAR: lambda c: _given(c.headcount_given) * _fraction(c.per_capita_yuan),
    Formula.PER_PERSON_MONTH: lambda c: (
        _given(c.headcount_given) * _fraction(c.monthly_yuan) * _given(c.months)
    ),
    Formula.PER_UNIT: lambda c: _given(c.units) * _given(c.per_unit) * _fraction(c.per_person_yuan),
    Formula.BY_GRADE: lambda c: sum(
        (tier.payers * Fraction(tier.subsidy.value) for tier in _given(c.tiers)), Fraction(0)
    ),
    # the one formula whose exact amount can be finer than a 分 (rounded in .amount)
    Formula.SHARE_OF: lambda c: (
        _given(c.headcount_given) * _fraction(c.base_yuan) * Fraction(_given(c.share)) / 100
    ),
    Formula.BY_AGE_BAND: lambda c: (
        sum(
            (band.headcount * Fraction(band.monthly_yuan.value) for band in _given(c.bands)),
            Fraction(0),
        )
        * _given(c.months)
    ),
    Formula.PER_EVENT: lambda c: _given(c.events) * _fraction(c.grant_yuan),
}
