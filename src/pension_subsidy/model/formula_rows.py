"""The rows of a catalogue kind's component: age bands (年龄段) and grades (缴费档次).

:class:`AgeBand` is one band of a ``by_age_band`` formula; the converters here check the rows
and the share a component is given; :func:`subsidy_for_grade` finds a grade's subsidy.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.model.component_checks import (
    _non_negative,
    _optional_whole,
    _to_yuan,
    _whole,
)
from pension_subsidy.model.derivation_words import Language
from pension_subsidy.model.tiered import GradeTier
from pension_subsidy.money import AmountLike, Yuan

__all__ = ["AgeBand", "subsidy_for_grade"]


@attrs.frozen
class AgeBand:
    """One age band (年龄段): persons aged ``from_age`` to ``to_age`` and their monthly amount.

    ``to_age`` None is "and older" (only on the last band).
    """

    from_age: int = attrs.field(validator=_whole)
    headcount: int = attrs.field(validator=_whole)
    monthly_yuan: Yuan = attrs.field(converter=_to_yuan, validator=_non_negative)
    to_age: int | None = attrs.field(default=None, validator=_optional_whole)

    def describe(self, language: Language) -> str:
        """``60–64 岁`` / ``aged 60–64``; ``65 岁及以上`` / ``aged 65+``."""
        if language == "zh":
            if self.to_age is None:
                return f"{self.from_age} 岁及以上"
            return f"{self.from_age}–{self.to_age} 岁"
        if self.to_age is None:
            return f"aged {self.from_age}+"
        return f"aged {self.from_age}–{self.to_age}"


def _bands(value: Iterable[object] | None) -> tuple[AgeBand, ...] | None:
    if value is None:
        return None
    bands: list[AgeBand] = []
    for band in value:
        if not isinstance(band, AgeBand):
            said = {"at": "bands: ", "type": "AgeBand", "got": repr(band)}
            raise InvalidAmountError(code="component.items", params=said, field="bands", value=band)
        bands.append(band)
    return tuple(bands)


def _tiers(value: Iterable[object] | None) -> tuple[GradeTier, ...] | None:
    if value is None:
        return None
    tiers: list[GradeTier] = []
    for tier in value:
        if not isinstance(tier, GradeTier):
            said = {"at": "tiers: ", "type": "GradeTier", "got": repr(tier)}
            raise InvalidAmountError(code="component.items", params=said, field="tiers", value=tier)
        tiers.append(tier)
    return tuple(tiers)


def _share(value: Decimal | int | str | None) -> Decimal | None:
    """A share in percent (``"10%"`` → 10); a float is refused, as money's floats are."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        said = {"got": repr(value)}
        raise InvalidAmountError(code="component.share", params=said, field="share", value=value)
    text = str(value).strip().removesuffix("%").strip()
    try:
        number = Decimal(text)
    except ArithmeticError:
        said = {"got": repr(value)}
        raise InvalidAmountError(
            code="component.share", params=said, field="share", value=value
        ) from None
    if not number.is_finite() or number < 0 or number > 10**6:
        said = {"got": repr(value)}
        raise InvalidAmountError(
            code="component.share_negative", params=said, field="share", value=value
        )
    return number


def _check_bands(bands: tuple[AgeBand, ...]) -> None:
    """Bands in order of age, each ``from ≤ to``, none overlapping; only the last open."""
    for index, band in enumerate(bands):
        if band.to_age is not None and band.to_age < band.from_age:
            said: dict[str, object] = {
                "index": index,
                "to_age": band.to_age,
                "from_age": band.from_age,
            }
            raise InvalidHeadcountError(
                code="component.band_order",
                params=said,
                field=f"bands[{index}].to_age",
                value=band.to_age,
            )
        if band.to_age is None and index != len(bands) - 1:
            said = {"index": index}
            raise InvalidHeadcountError(
                code="component.band_open", params=said, field=f"bands[{index}].to_age"
            )
    ordered = sorted(range(len(bands)), key=lambda i: bands[i].from_age)
    for first, second in itertools.pairwise(ordered):
        upper = bands[first].to_age
        if upper is None or bands[second].from_age <= upper:
            said = {
                "first": first,
                "first_ages": bands[first].describe("en").removeprefix("aged "),
                "second": second,
                "second_ages": bands[second].describe("en").removeprefix("aged "),
            }
            raise InvalidHeadcountError(
                code="component.band_overlap", params=said, field=f"bands[{second}].from_age"
            )


def subsidy_for_grade(tiers: Iterable[GradeTier], grade: AmountLike) -> Yuan | None:
    """The subsidy of ``grade``: its own tier's, else the nearest lower listed grade's.

    A payer at a grade the table does not list (1,200 元 between 1,000 and 1,500) takes the
    subsidy of the nearest lower grade listed (国发〔2014〕8号 sets subsidies by grade; the
    provinces list only some). Below every listed grade there is none (None). A component's
    amount is Σ payers × subsidy of its *listed* tiers; this lookup is for assigning a payer
    (a roster row, a survey figure) to a tier before counting.

    >>> tiers = [GradeTier(grade="100", payers=0, subsidy="30"),
    ...          GradeTier(grade="500", payers=0, subsidy="60")]
    >>> subsidy_for_grade(tiers, "300"), subsidy_for_grade(tiers, "2000"), subsidy_for_grade(tiers, "50")
    (Yuan('30.00'), Yuan('60.00'), None)
    """  # noqa: E501 — a doctest's expected line is as long as the text it checks
    wanted = _to_yuan(grade)
    below = [tier for tier in tiers if tier.grade <= wanted]
    if not below:
        return None
    return max(below, key=lambda tier: tier.grade).subsidy
