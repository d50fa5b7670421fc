"""Funding by level of government (资金来源): central, province, prefecture, county, other.

A residents'-pension sum is usually paid from several budgets: the central government
(中央), the province or autonomous region (省/自治区), the prefecture or city (市/州/盟),
the county (县/旗) and other money (结转结余, 利息, 集体补助). A :class:`Funding` states the
split either as **amounts** or as **shares** of the total:

>>> split = Funding.of_amounts(central="113750000", province="39530000",
...     prefecture="32610000", county="109350000", other="5510000")
>>> check = split.check(Yuan.from_wan("30075"))
>>> check.consistent, check.amount(Level.COUNTY)
(True, Yuan('109350000.00'))
>>> shares = Funding.of_shares(province="80", county="20")
>>> shares.check(Yuan.from_wan("175")).amounts
((<Level.PROVINCE: 'province'>, Yuan('1400000.00')), (<Level.COUNTY: 'county'>, Yuan('350000.00')))

**Rule for amounts and shares together.** Either every level is given as an amount, or every
level is given as a share; a level given as a share may *also* state its amount (the county
line of a report that says "县级承担20%，计35万元"), which is then checked against
share × total. A level with an amount but no share, beside levels with shares, is malformed.

**Checks** (results as data, never a silent fix; see :class:`FundingCheck`): shares add to
100 %; amounts add to the total to the 分; a stated amount beside its share equals the share ×
the total rounded to 分 四舍五入. Shares resolve to amounts in whole 分 by largest remainder,
so the parts add up to the total exactly (when the shares add to 100 %).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidNumberError
from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.money import Yuan, parse_number

__all__ = [
    "Funding",
    "FundingCheck",
    "FundingLevel",
    "FundingPart",
    "Level",
    "parse_share",
    "sum_funding",
]

_HUNDRED = Decimal(100)


class Level(enum.Enum):
    """A level of government that pays a part of a sum (资金来源的层级), in budget order."""

    #: 中央 (central government)
    CENTRAL = "central"
    #: 省/自治区 (province or autonomous region)
    PROVINCE = "province"
    #: 市/州/盟 (prefecture, city)
    PREFECTURE = "prefecture"
    #: 县/旗 (county)
    COUNTY = "county"
    #: 其他: 结转结余 (carry-over), 利息 (interest), 集体 (collective)
    OTHER = "other"


#: The public name of :class:`Level` (``pension_subsidy.FundingLevel``), beside the
#: indicators' ``Level1`` and ``Level2``.
FundingLevel = Level

_ORDER = {level: index for index, level in enumerate(Level)}


def parse_share(value: object, *, field: str = "share") -> Decimal:
    """A share in percent from ``"80%"``, ``"80"`` or a Decimal: 0 to 100, exact.

    >>> parse_share("80%"), parse_share("12.5 %"), parse_share(Decimal("20"))
    (Decimal('80'), Decimal('12.5'), Decimal('20'))
    >>> parse_share("120%", field="funding.county")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.InvalidNumberError: funding.county: expected a share ... '120%'
    """
    text = value.strip().removesuffix("%").rstrip() if isinstance(value, str) else value
    number = parse_number(text, field=field)
    if not 0 <= number <= _HUNDRED:
        said = {"at": f"{field}: ", "got": repr(value)}
        raise InvalidNumberError(
            code="funding.share", params=said, field=field, value=value, expected="0 % to 100 %"
        )
    return number


def _amount(value: Yuan | Decimal | int | str | None) -> Yuan | None:
    if value is None or isinstance(value, Yuan):
        amount = value
    else:
        amount = Yuan(value, field="FundingPart.amount")
    if amount is not None and amount < 0:
        said = {"at": "FundingPart.amount: ", "got": amount}
        raise InvalidAmountError(code="funding.negative", params=said, field="amount", value=amount)
    return amount


def _share(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else parse_share(value, field="FundingPart.share")


def _given(part: FundingPart, attribute: attrs.Attribute[Any], value: object) -> None:
    if part.amount is None and part.share is None:
        said = {"level": part.level.value}
        raise InvalidAmountError(
            code="funding.nothing_given", params=said, field=part.level.value, value=None
        )


@attrs.frozen
class FundingPart:
    """What one level pays: an amount (元), a share (percent, ``80`` for 80 %), or both."""

    level: Level = attrs.field(converter=Level)
    amount: Yuan | None = attrs.field(default=None, converter=_amount)
    share: Decimal | None = attrs.field(default=None, converter=_share, validator=_given)


#: Where a message about the parts of a funding begins.
_AT = "Funding.parts: "


def _parts(value: Iterable[FundingPart]) -> tuple[FundingPart, ...]:
    parts = tuple(sorted(value, key=lambda part: _ORDER[part.level]))
    levels = [part.level.value for part in parts]
    twice = sorted({level for level in levels if levels.count(level) > 1})
    if twice:
        said = {"at": _AT, "levels": ", ".join(twice)}
        raise InvalidAmountError(code="funding.twice", params=said, field="funding", value=twice)
    if not parts:
        said = {"at": _AT}
        raise InvalidAmountError(code="funding.no_level", params=said, field="funding", value=())
    with_share = [part for part in parts if part.share is not None]
    if with_share and len(with_share) != len(parts):
        bare = ", ".join(part.level.value for part in parts if part.share is None)
        said = {"at": _AT, "bare": bare}
        raise InvalidAmountError(code="funding.mixed", params=said, field="funding", value=bare)
    return parts


def _percent_text(value: Decimal | Fraction) -> str:
    number = value if isinstance(value, Decimal) else Decimal(value.numerator) / value.denominator
    text = f"{number.normalize():f}"
    return text


def _largest_remainder(total: Yuan, shares: list[Decimal]) -> list[Yuan]:
    """Split ``total`` by ``shares`` (adding to 100) into whole 分 that add up exactly.

    Each part is rounded down to 分; the 分 left over go to the largest remainders (ties to
    the larger share, then budget order), as :meth:`Project.check` attributes an overrun.
    """
    fen = int(total.value * 100)
    exact = [Fraction(fen) * Fraction(share) / 100 for share in shares]
    floors = [int(part) for part in exact]  # parts are ≥ 0: int() rounds down
    left = fen - sum(floors)
    order = sorted(
        range(len(shares)), key=lambda i: (exact[i] - floors[i], shares[i], -i), reverse=True
    )
    for index in order[:left]:
        floors[index] += 1
    return [Yuan(Decimal(part).scaleb(-2)) for part in floors]


@attrs.frozen
class FundingCheck:
    """A funding split checked against its total, with the amounts each level pays.

    ``amounts`` are the levels given, in budget order: a stated amount as stated, a share
    resolved to 分 (largest remainder when the shares add to 100 %, else each share × total
    四舍五入). ``problems`` are the contradictions found, each with its numbers; none means
    the split is consistent. ``total`` is None when it is not known (no share resolves then).
    """

    where: str
    total: Yuan | None
    by_share: bool
    amounts: tuple[tuple[Level, Yuan | None], ...]
    shares: tuple[tuple[Level, Decimal], ...]
    problems: tuple[Discrepancy, ...]

    @property
    def consistent(self) -> bool:
        """Whether no contradiction was found."""
        return not self.problems

    def amount(self, level: Level) -> Yuan | None:
        """What ``level`` pays (None when not given, or a share without a known total)."""
        for given, amount in self.amounts:
            if given is level:
                return amount
        return None

    def data(self) -> dict[str, str | None]:
        """``{"central_yuan": …, …}`` for the levels given (exact 元 strings), budget order."""
        return {
            f"{level.value}_yuan": None if amount is None else str(amount)
            for level, amount in self.amounts
        }

    def shares_data(self) -> dict[str, str]:
        """``{"province": "80", "county": "20"}`` (percent) when the split is by share."""
        return {level.value: _percent_text(share) for level, share in self.shares}


@attrs.frozen
class Funding:
    """A split of a sum across levels of government, as amounts or as shares (see the module).

    >>> Funding.of_shares(central="0%", province="80%", county="20%").by_share
    True
    """

    parts: tuple[FundingPart, ...] = attrs.field(converter=_parts)

    @classmethod
    def of_amounts(cls, **amounts: Yuan | Decimal | int | str) -> Funding:
        """A split by amounts in 元, by level name (``central=…, county=…``)."""
        return cls(
            parts=[FundingPart(Level(name), amount=value) for name, value in amounts.items()]
        )

    @classmethod
    def of_shares(cls, **shares: Decimal | int | str) -> Funding:
        """A split by shares in percent, by level name (``province="80%", county="20%"``)."""
        return cls(parts=[FundingPart(Level(name), share=value) for name, value in shares.items()])

    @property
    def by_share(self) -> bool:
        """Whether the split is given as shares (amounts, where also given, are checked)."""
        return self.parts[0].share is not None

    def part(self, level: Level) -> FundingPart | None:
        """What the split says of ``level`` (None when it does not name it)."""
        for part in self.parts:
            if part.level is level:
                return part
        return None

    def check(self, total: Yuan | None, *, where: str = "") -> FundingCheck:
        """Check the split against ``total`` and resolve each level's amount (see the module).

        >>> check = Funding.of_shares(province="80%", county="25%").check(Yuan(1000))
        >>> [(p.code, p.value("shares_percent")) for p in check.problems]
        [('funding_shares_sum', '105')]
        """
        if self.by_share:
            return self._check_shares(total, where)
        amounts = [part.amount for part in self.parts]
        problems = []
        stated = sum((amount for amount in amounts if amount is not None), Yuan(0))
        if total is not None and stated != total:
            problems.append(
                Discrepancy(
                    "funding_amounts_sum",
                    where,
                    (
                        ("amounts_yuan", str(stated)),
                        ("total_yuan", str(total)),
                        ("difference_yuan", str(stated - total)),
                    ),
                )
            )
        return FundingCheck(
            where=where,
            total=total,
            by_share=False,
            amounts=tuple((part.level, part.amount) for part in self.parts),
            shares=(),
            problems=tuple(problems),
        )

    def _check_shares(self, total: Yuan | None, where: str) -> FundingCheck:
        shares = [part.share for part in self.parts if part.share is not None]
        problems: list[Discrepancy] = []
        share_sum = sum(shares, Decimal(0))
        if share_sum != _HUNDRED:
            problems.append(
                Discrepancy(
                    "funding_shares_sum",
                    where,
                    (("shares_percent", _percent_text(share_sum)), ("expected_percent", "100")),
                )
            )
        resolved: list[Yuan | None] = [None] * len(shares)
        if total is not None:
            if share_sum == _HUNDRED:
                resolved = list(_largest_remainder(total, shares))
            else:
                resolved = [total.scale(share / _HUNDRED) for share in shares]
        amounts: list[Yuan | None] = []
        for part, computed in zip(self.parts, resolved, strict=True):
            if part.amount is None:
                amounts.append(computed)
                continue
            amounts.append(part.amount)  # the stated line is shown as stated
            if total is None or part.share is None:
                continue
            expected = total.scale(part.share / _HUNDRED)  # share × total, 四舍五入 to 分
            if part.amount != expected:
                problems.append(
                    Discrepancy(
                        "funding_share_amount",
                        where,
                        (
                            ("level", part.level.value),
                            ("share_percent", _percent_text(part.share)),
                            ("total_yuan", str(total)),
                            ("expected_yuan", str(expected)),
                            ("stated_yuan", str(part.amount)),
                            ("difference_yuan", str(part.amount - expected)),
                        ),
                    )
                )
        return FundingCheck(
            where=where,
            total=total,
            by_share=True,
            amounts=tuple(
                (part.level, amount) for part, amount in zip(self.parts, amounts, strict=True)
            ),
            shares=tuple(
                (part.level, share) for part, share in zip(self.parts, shares, strict=True)
            ),
            problems=tuple(problems),
        )


def sum_funding(checks: Iterable[FundingCheck]) -> dict[Level, Yuan]:
    """Σ of the resolved amounts by level over several checks (levels any of them name).

    >>> a = Funding.of_amounts(county="10").check(Yuan(10))
    >>> b = Funding.of_shares(province="50%", county="50%").check(Yuan(10))
    >>> sum_funding([a, b])
    {<Level.PROVINCE: 'province'>: Yuan('5.00'), <Level.COUNTY: 'county'>: Yuan('15.00')}
    """
    totals: dict[Level, Yuan] = {}
    for check in checks:
        for level, amount in check.amounts:
            if amount is not None:
                totals[level] = totals.get(level, Yuan(0)) + amount
    return dict(sorted(totals.items(), key=lambda item: _ORDER[item[0]]))
