"""The county's roster rules as a value (:class:`RosterRules`): standards, orders, checks.

How a person is paid (the policy behind each rule) is told in :mod:`pension_subsidy.roster.rules`,
which hands these names on; the rules file is read by :mod:`~pension_subsidy.roster.rules_file`.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.exceptions import InvalidAmountError
from pension_subsidy.money import Yuan

__all__ = [
    "DEFAULT_IDENTITY_ORDER",
    "PROXY_CATEGORIES",
    "PROXY_CHOICES",
    "ProxyChoice",
    "RosterRules",
    "share_of",
]

#: Proxy categories (identities) with the component key each pays into, in the tie-breaking
#: order of ``proxy_choice = "highest_amount"`` (the first three as in earlier versions).
PROXY_CATEGORIES: Final[Mapping[str, str]] = {
    "severe_disability": "severe_disability_proxy",  # 重度残疾人
    "poverty_household": "poverty_household_proxy",  # 建档立卡贫困户
    "mild_disability": "mild_disability_proxy",  # 轻度残疾人
    "extreme_poverty": "extreme_poverty_proxy",  # 特困人员
    "low_income": "low_income_proxy",  # 低保对象
    "relapse_risk": "relapse_risk_proxy",  # 返贫致贫人口 / 监测对象
}

#: The default order of identities: the first that applies is the one a person is paid for.
#: Local practice (DOMAIN.md): the severely disabled keep their own rule (their fuller
#: payment), then 特困 before 低保 before poverty. With only the columns of earlier rosters
#: (disability and 建档立卡) it chooses as the highest amount of the bundled example does.
DEFAULT_IDENTITY_ORDER: Final = (
    "severe_disability",
    "extreme_poverty",
    "low_income",
    "poverty_household",
    "relapse_risk",
    "mild_disability",
)

#: How one proxy category is chosen among several that apply.
ProxyChoice: TypeAlias = Literal["identity_order", "highest_amount"]
PROXY_CHOICES: Final = ("identity_order", "highest_amount")

_RULES: Final = "RosterRules"


def _at(field: str) -> str:
    """The start of a message about a field of :class:`RosterRules`: ``RosterRules.field: ``."""
    return f"{_RULES}.{field}: " if field else f"{_RULES}: "


def _grade_table(value: Iterable[tuple[Yuan, Yuan]]) -> tuple[tuple[Yuan, Yuan], ...]:
    table = tuple(sorted(value, key=lambda pair: pair[0]))
    grades = [grade for grade, _ in table]
    if len(set(grades)) != len(grades):
        said = {"at": _at("grade_subsidies"), "got": str([str(g) for g in grades])}
        code = "roster.rules.grade_twice"
        raise InvalidAmountError(code=code, params=said, field="grade_subsidies", value=grades)
    for grade, subsidy in table:
        if grade < Yuan(0) or subsidy < Yuan(0):
            said = {"at": _at("grade_subsidies"), "grade": str(grade), "subsidy": str(subsidy)}
            raise InvalidAmountError(
                code="roster.rules.grade_negative",
                params=said,
                field="grade_subsidies",
                value=(grade, subsidy),
            )
    return table


def _share_table(value: Iterable[tuple[Yuan, object]]) -> tuple[tuple[Yuan, Decimal], ...]:
    pairs = sorted(value, key=lambda pair: pair[0])
    grades = [grade for grade, _ in pairs]
    if len(set(grades)) != len(grades):
        said = {"at": _at("grade_shares"), "got": str([str(g) for g in grades])}
        code = "roster.rules.grade_twice"
        raise InvalidAmountError(code=code, params=said, field="grade_shares", value=grades)
    table = []
    for grade, share in pairs:
        if not isinstance(share, Decimal):  # a float too: exact shares only
            said = {"at": _at("grade_shares"), "got": repr(share)}
            code = "roster.rules.share_type"
            raise InvalidAmountError(code=code, params=said, field="grade_shares", value=share)
        if grade < Yuan(0) or not Decimal(0) <= share <= Decimal(1):
            said = {"at": _at("grade_shares"), "grade": str(grade), "share": str(share)}
            raise InvalidAmountError(
                code="roster.rules.share_range",
                params=said,
                field="grade_shares",
                value=(grade, share),
            )
        table.append((grade, share))
    return tuple(table)


def _proxy_table(value: Iterable[tuple[str, Yuan]]) -> tuple[tuple[str, Yuan], ...]:
    table = dict(value)
    for category, amount in table.items():
        if category not in PROXY_CATEGORIES:
            known = ", ".join(PROXY_CATEGORIES)
            said = {"at": _at("proxies"), "known": known, "got": repr(category)}
            raise InvalidAmountError(
                code="roster.one_of", params=said, field="proxies", value=category
            )
        if amount < Yuan(0):
            said = {"at": _at("proxies"), "category": category, "got": str(amount)}
            code = "roster.rules.proxy_negative"
            raise InvalidAmountError(code=code, params=said, field="proxies", value=amount)
    return tuple((category, table[category]) for category in PROXY_CATEGORIES if category in table)


def _optional_precedence(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _categories(field: str) -> Any:
    """A validator: a sequence of known proxy categories, each once."""

    def check(_: object, __: object, value: tuple[str, ...]) -> None:
        unknown = [category for category in value if category not in PROXY_CATEGORIES]
        if unknown:
            known = ", ".join(PROXY_CATEGORIES)
            said = {"at": _at(field), "known": known, "got": repr(unknown[0])}
            code = "roster.rules.categories"
            raise InvalidAmountError(code=code, params=said, field=field, value=unknown[0])
        if len(set(value)) != len(value):
            said = {"at": _at(field), "got": str(list(value))}
            code = "roster.rules.category_twice"
            raise InvalidAmountError(code=code, params=said, field=field, value=value)

    return check


def _choice(_: object, __: object, value: str) -> None:
    if value not in PROXY_CHOICES:
        said = {"at": _at("proxy_choice"), "known": ", ".join(PROXY_CHOICES), "got": repr(value)}
        code = "roster.one_of"
        raise InvalidAmountError(code=code, params=said, field="proxy_choice", value=value)


def _as_of(_: object, __: object, value: datetime.date | None) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        said = {"at": _at("as_of"), "type": "datetime.date", "got": repr(value)}
        code = "roster.rules.as_of_type"
        raise InvalidAmountError(code=code, params=said, field="as_of", value=value)


def share_of(grade: Yuan, share: Decimal) -> Yuan:
    """``share`` of ``grade``, rounded half up to the 分 (四舍五入): a payer's subsidy.

    >>> share_of(Yuan(300), Decimal("0.10")), share_of(Yuan("100.05"), Decimal("0.10"))
    (Yuan('30.00'), Yuan('10.01'))
    """
    return grade.scale(share)


@attrs.frozen
class RosterRules:
    """A county's standards for computing the supporting fund from a roster.

    ``grade_subsidies`` pairs each grade listed with a fixed subsidy with that subsidy per
    payer (元 a year); ``grade_shares`` pairs each grade listed with a share of itself (a
    :class:`~decimal.Decimal` from 0 to 1: ``Decimal("0.10")`` is 10 %) with that share;
    together they are :attr:`grade_table`. ``proxies`` pairs each proxy category
    (:data:`PROXY_CATEGORIES`) with its amount; ``proxy_choice`` says how one category is
    chosen among several (``"identity_order"``, the default, by ``identity_order``; or
    ``"highest_amount"``, the rule of earlier versions); ``precedence`` (optional, as in
    earlier versions) is an order naming exactly the configured categories, and wins over
    both; ``separate`` lists categories decided on their own; ``with_grade_subsidy`` says
    whether a paying person paid for by proxy also gets the grade subsidy.
    ``cadre_per_person`` and ``land_loss_monthly`` × ``land_loss_months`` are the other
    standards (None: the county pays no such component). ``as_of`` is the day eligibility
    is taken on (None: the day the roster is tallied).
    """

    grade_subsidies: tuple[tuple[Yuan, Yuan], ...] = attrs.field(converter=_grade_table)
    proxies: tuple[tuple[str, Yuan], ...] = attrs.field(default=(), converter=_proxy_table)
    precedence: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_precedence)
    cadre_per_person: Yuan | None = None
    land_loss_monthly: Yuan | None = None
    land_loss_months: int = 12
    grade_shares: tuple[tuple[Yuan, Decimal], ...] = attrs.field(default=(), converter=_share_table)
    proxy_choice: ProxyChoice = attrs.field(default="identity_order", validator=_choice)
    identity_order: tuple[str, ...] = attrs.field(
        default=DEFAULT_IDENTITY_ORDER, converter=tuple, validator=_categories("identity_order")
    )
    separate: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, validator=_categories("separate")
    )
    with_grade_subsidy: bool = True
    as_of: datetime.date | None = attrs.field(default=None, validator=_as_of)
    #: Every listed grade with its subsidy per payer, shares worked out (sorted by grade).
    grade_table: tuple[tuple[Yuan, Yuan], ...] = attrs.field(init=False, eq=False, repr=False)

    @grade_table.default
    def _grade_table_default(self) -> tuple[tuple[Yuan, Yuan], ...]:
        shares = [(grade, share_of(grade, share)) for grade, share in self.grade_shares]
        return tuple(sorted([*self.grade_subsidies, *shares], key=lambda pair: pair[0]))

    def __repr__(self) -> str:
        """``RosterRules(grades=n, proxies=n, choice=…, as_of=…)``: short at any size."""
        return short_repr(
            "RosterRules",
            grades=len(self.grade_table),
            proxies=len(self.proxies),
            choice=self.proxy_choice,
            as_of=self.as_of,
        )

    def __attrs_post_init__(self) -> None:
        """Check the precedence, the order, the months, and that no grade is listed twice."""
        if self.precedence is not None:
            configured = sorted(category for category, _ in self.proxies)
            if sorted(self.precedence) != configured:
                said = {
                    "at": _at("precedence"),
                    "known": ", ".join(configured),
                    "got": str(list(self.precedence)),
                }
                raise InvalidAmountError(
                    code="roster.rules.precedence",
                    params=said,
                    field="precedence",
                    value=self.precedence,
                )
        missing = [
            category
            for category, _ in self.proxies
            if category not in self.identity_order and category not in self.separate
        ]
        if missing and self.precedence is None and self.proxy_choice == "identity_order":
            said = {
                "at": _at("identity_order"),
                "separate": "separate",
                "category": repr(missing[0]),
                "order": str(list(self.identity_order)),
            }
            raise InvalidAmountError(
                code="roster.rules.order_missing",
                params=said,
                field="identity_order",
                value=missing[0],
            )
        both = sorted(
            {grade for grade, _ in self.grade_subsidies} & {g for g, _ in self.grade_shares}
        )
        if both:
            said = {"at": _at(""), "grade": str(both[0])}
            code = "roster.rules.amount_and_share"
            raise InvalidAmountError(code=code, params=said, field="grade_shares", value=both[0])
        if self.land_loss_months < 0:
            months = self.land_loss_months
            said = {"at": _at("land_loss_months"), "got": str(months)}
            code = "roster.rules.months_negative"
            raise InvalidAmountError(code=code, params=said, field="land_loss_months", value=months)

    @property
    def component_keys(self) -> tuple[str, ...]:
        """The component keys these rules pay, in the fund's usual order."""
        keys = ["contribution_subsidy"]
        proxies = dict(self.proxies)
        keys += [PROXY_CATEGORIES[category] for category in PROXY_CATEGORIES if category in proxies]
        if self.cadre_per_person is not None:
            keys.append("village_cadre_subsidy")
        if self.land_loss_monthly is not None:
            keys.append("land_loss_pension")
        return tuple(keys)

    @property
    def paid_categories(self) -> frozenset[str]:
        """The proxy categories these rules pay (those given an amount)."""
        return frozenset(category for category, _ in self.proxies)

    @property
    def order(self) -> tuple[str, ...]:
        """The order of the configured proxy categories the one paid is chosen by.

        ``precedence`` when given, else ``identity_order``, else (``highest_amount``) by
        amount, highest first, ties in the order of :data:`PROXY_CATEGORIES`. Categories in
        ``separate`` are left out: they are decided on their own.
        """
        amounts = dict(self.proxies)
        if self.precedence is not None:
            ordered = list(self.precedence)
        elif self.proxy_choice == "identity_order":
            ordered = [category for category in self.identity_order if category in amounts]
        else:
            known = list(PROXY_CATEGORIES)
            ordered = sorted(
                amounts, key=lambda category: (-amounts[category], known.index(category))
            )
        return tuple(category for category in ordered if category not in self.separate)

    def tier_for(self, grade: Decimal) -> Yuan | None:
        """The listed grade whose subsidy a payer of ``grade`` 元 gets (None: below all)."""
        grades = [listed.value for listed, _ in self.grade_table]
        index = bisect.bisect_right(grades, grade)
        return None if index == 0 else self.grade_table[index - 1][0]

    def subsidy_for_tier(self, tier: Yuan) -> Yuan:
        """The subsidy per payer of a listed grade (a share worked out, to the 分)."""
        return dict(self.grade_table)[tier]

    def proxy_for(self, categories: Iterable[str]) -> str | None:
        """The one proxy category a person is paid for in :attr:`order` (None: none).

        Categories in ``separate`` are not chosen here (see :meth:`proxies_for`).
        """
        applying = set(categories)
        return next((category for category in self.order if category in applying), None)

    def proxies_for(self, categories: Iterable[str]) -> tuple[str, ...]:
        """Every proxy category a person is paid for: the one chosen, then the separate ones."""
        applying = set(categories)
        amounts = dict(self.proxies)
        chosen = self.proxy_for(applying)
        separate = [c for c in self.separate if c in applying and c in amounts]
        return (*(() if chosen is None else (chosen,)), *separate)

    def per_capita(self, key: str) -> Yuan:
        """The annual standard per person of a non-graded component key."""
        for category, amount in self.proxies:
            if PROXY_CATEGORIES[category] == key:
                return amount
        if key == "village_cadre_subsidy" and self.cadre_per_person is not None:
            return self.cadre_per_person
        if key == "land_loss_pension" and self.land_loss_monthly is not None:
            return self.land_loss_monthly * self.land_loss_months
        said = {"at": _at("per_capita"), "key": repr(key), "keys": str(self.component_keys)}
        raise InvalidAmountError(code="roster.rules.pays_no", params=said, field="key", value=key)
