"""The county's roster rules (名册计算规则): who is paid what, read from a TOML file.

A rules file states the county's standards and its choices; the eligibility rules themselves
are fixed here, each from the policy as ``DOMAIN.md`` states it:

* **Contribution subsidy** (缴费补贴) — to each paying person (是否缴费 = 1) by the grade
  (缴费档次) paid (国发〔2014〕8号: local government subsidises each payer's contribution,
  more for higher grades). A listed grade's subsidy is a fixed amount (``"30"``) or a share
  of the grade (``"10%"``: 10 % of 300 元 = 30.00 元, rounded half up to the 分 once, here,
  when the rules are made; the tally then multiplies that per-payer amount by the payers,
  exactly). A grade that is not listed takes the nearest lower listed grade (and its
  subsidy); a grade below every listed one cannot be subsidised and is rejected as an
  unknown grade.
* **Proxy payments** (财政代缴) — for severely disabled persons (重度残疾人), persons in
  extreme poverty (特困人员), minimum-living-allowance recipients (低保对象), registered
  poverty-household persons (建档立卡贫困户, 人社部发〔2017〕59号), monitored households at
  risk of (re)lapse into poverty (返贫致贫人口 / 监测对象) and mildly disabled persons
  (轻度残疾人). A proxy payment is a contribution paid on the person's behalf, so it goes only
  to persons still paying in, not yet receiving a pension (领取待遇 = 0), whether or not they
  pay themselves. "A person is paid for once" is local practice: counties fix an order of
  identities. By default the first identity in ``identity_order`` that applies wins
  (:data:`DEFAULT_IDENTITY_ORDER`: 重度残疾 first — the severely disabled keep their own rule
  — then 特困, 低保, 建档立卡, 监测对象, 轻度残疾); ``proxy_choice = "highest_amount"`` gives
  the rule of earlier versions instead (the highest amount wins; ties in the order of
  :data:`PROXY_CATEGORIES`). Categories listed in ``separate`` are decided on their own: paid
  whenever they apply, besides the one chosen from the others. ``with_grade_subsidy`` says
  whether a paying person paid for by proxy also gets the grade subsidy (default: yes).
* **Village-cadre subsidy** (村干部县级补贴) — to each village cadre (村干部 = 1).
* **Land-loss pension** (失地农民养老补贴) — to land-loss persons (失地农民 = 1) who receive
  benefits (领取待遇 = 1): monthly amount × months.
* **Back-payments** (补缴) — a row the roster marks as a back-payment gets nothing: it pays
  for years gone by, not this year's contribution that the fund subsidises.
* **Eligibility date** — ``as_of`` (a date) is the day eligibility is taken on (a birth date
  after it is rejected); None: the day the roster is tallied.

>>> rules = default_roster_rules()
>>> rules.tier_for(Decimal("300")), rules.tier_for(Decimal("50"))
(Yuan('200.00'), None)
>>> rules.proxy_for({"severe_disability", "poverty_household"})
'severe_disability'
>>> county = attrs.evolve(rules, proxies=[("low_income", Yuan(50)), ("extreme_poverty", Yuan(30))])
>>> county.proxy_for({"low_income", "extreme_poverty"})  # 特困 before 低保, whatever the amounts
'extreme_poverty'
>>> attrs.evolve(county, proxy_choice="highest_amount").proxy_for({"low_income", "extreme_poverty"})
'low_income'
>>> share = RosterRules(grade_subsidies=[], grade_shares=[(Yuan(300), Decimal("0.10"))])
>>> share.subsidy_for_tier(Yuan(300))
Yuan('30.00')
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import DataFileError, InvalidAmountError
from pension_subsidy.money import Yuan

__all__ = [
    "DEFAULT_IDENTITY_ORDER",
    "PROXY_CATEGORIES",
    "PROXY_CHOICES",
    "ProxyChoice",
    "RosterRules",
    "default_roster_rules",
    "load_roster_rules",
    "rules_from_mapping",
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

_DEFAULT_RULES = "example-rules.toml"
_HUNDRED: Final = Decimal(100)


def _grade_table(value: Iterable[tuple[Yuan, Yuan]]) -> tuple[tuple[Yuan, Yuan], ...]:
    table = tuple(sorted(value, key=lambda pair: pair[0]))
    grades = [grade for grade, _ in table]
    if len(set(grades)) != len(grades):
        msg = f"RosterRules.grade_subsidies: each grade once, got {[str(g) for g in grades]}"
        raise InvalidAmountError(msg, field="grade_subsidies", value=grades)
    for grade, subsidy in table:
        if grade < Yuan(0) or subsidy < Yuan(0):
            msg = f"RosterRules.grade_subsidies: expected amounts ≥ 0, got {grade} → {subsidy}"
            raise InvalidAmountError(msg, field="grade_subsidies", value=(grade, subsidy))
    return table


def _share_table(value: Iterable[tuple[Yuan, object]]) -> tuple[tuple[Yuan, Decimal], ...]:
    pairs = sorted(value, key=lambda pair: pair[0])
    grades = [grade for grade, _ in pairs]
    if len(set(grades)) != len(grades):
        msg = f"RosterRules.grade_shares: each grade once, got {[str(g) for g in grades]}"
        raise InvalidAmountError(msg, field="grade_shares", value=grades)
    table = []
    for grade, share in pairs:
        if not isinstance(share, Decimal):  # a float too: exact shares only
            msg = f"RosterRules.grade_shares: expected a Decimal share such as 0.10, got {share!r}"
            raise InvalidAmountError(msg, field="grade_shares", value=share)
        if grade < Yuan(0) or not Decimal(0) <= share <= Decimal(1):
            msg = (
                f"RosterRules.grade_shares: expected a grade ≥ 0 and a share from 0 to 1 "
                f"(0 % to 100 %), got {grade} → {share}"
            )
            raise InvalidAmountError(msg, field="grade_shares", value=(grade, share))
        table.append((grade, share))
    return tuple(table)


def _proxy_table(value: Iterable[tuple[str, Yuan]]) -> tuple[tuple[str, Yuan], ...]:
    table = dict(value)
    for category, amount in table.items():
        if category not in PROXY_CATEGORIES:
            known = ", ".join(PROXY_CATEGORIES)
            msg = f"RosterRules.proxies: expected one of {known}, got {category!r}"
            raise InvalidAmountError(msg, field="proxies", value=category)
        if amount < Yuan(0):
            msg = f"RosterRules.proxies: {category}: expected an amount ≥ 0 元, got {amount}"
            raise InvalidAmountError(msg, field="proxies", value=amount)
    return tuple((category, table[category]) for category in PROXY_CATEGORIES if category in table)


def _optional_precedence(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _categories(field: str) -> Any:
    """A validator: a sequence of known proxy categories, each once."""

    def check(_: object, __: object, value: tuple[str, ...]) -> None:
        unknown = [category for category in value if category not in PROXY_CATEGORIES]
        if unknown:
            msg = (
                f"RosterRules.{field}: expected proxy categories "
                f"({', '.join(PROXY_CATEGORIES)}), got {unknown[0]!r}"
            )
            raise InvalidAmountError(msg, field=field, value=unknown[0])
        if len(set(value)) != len(value):
            msg = f"RosterRules.{field}: expected each category once, got {list(value)}"
            raise InvalidAmountError(msg, field=field, value=value)

    return check


def _choice(_: object, __: object, value: str) -> None:
    if value not in PROXY_CHOICES:
        msg = f"RosterRules.proxy_choice: expected one of {', '.join(PROXY_CHOICES)}, got {value!r}"
        raise InvalidAmountError(msg, field="proxy_choice", value=value)


def _as_of(_: object, __: object, value: datetime.date | None) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        msg = f"RosterRules.as_of: expected a date (datetime.date), got {value!r}"
        raise InvalidAmountError(msg, field="as_of", value=value)


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
                msg = (
                    f"RosterRules.precedence: expected each configured proxy category once "
                    f"({', '.join(configured)}), got {list(self.precedence)}"
                )
                raise InvalidAmountError(msg, field="precedence", value=self.precedence)
        missing = [
            category
            for category, _ in self.proxies
            if category not in self.identity_order and category not in self.separate
        ]
        if missing and self.precedence is None and self.proxy_choice == "identity_order":
            msg = (
                f"RosterRules.identity_order: expected every configured proxy category "
                f"(or to list it in separate), {missing[0]!r} is missing from "
                f"{list(self.identity_order)}"
            )
            raise InvalidAmountError(msg, field="identity_order", value=missing[0])
        both = sorted(
            {grade for grade, _ in self.grade_subsidies} & {g for g, _ in self.grade_shares}
        )
        if both:
            msg = f"RosterRules: grade {both[0]} has both an amount and a share; give one"
            raise InvalidAmountError(msg, field="grade_shares", value=both[0])
        if self.land_loss_months < 0:
            msg = f"RosterRules.land_loss_months: expected ≥ 0, got {self.land_loss_months}"
            raise InvalidAmountError(msg, field="land_loss_months", value=self.land_loss_months)

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
        msg = f"RosterRules.per_capita: these rules pay no {key!r}; they pay {self.component_keys}"
        raise InvalidAmountError(msg, field="key", value=key)


# -- reading -------------------------------------------------------------------------------
def default_roster_rules() -> RosterRules:
    """The bundled example rules (``data/rules/example-rules.toml``; illustrative standards)."""
    data = read_bundled_toml("rules", _DEFAULT_RULES)
    return rules_from_mapping(data, path=f"{_DEFAULT_RULES} (bundled)")


def load_roster_rules(path: str | Path) -> RosterRules:
    """Read a rules TOML file; every error names the file and the key."""
    file = Path(path)
    data = read_toml_file(file)
    return rules_from_mapping(data, path=str(file))


def _amount(value: object, *, path: str, field: str) -> Yuan:
    if isinstance(value, bool) or not isinstance(value, str | int):
        problem = f'expected an amount in 元 as a string such as "17.5", got {value!r}'
        raise DataFileError(problem, path=path, field=field)
    try:
        amount = Yuan(str(value), field=field)
    except InvalidAmountError as error:
        raise DataFileError(str(error), path=path, field=field) from None
    if amount < Yuan(0):
        raise DataFileError(f"expected an amount ≥ 0 元, got {value!r}", path=path, field=field)
    return amount


def _share(value: str, *, path: str, field: str) -> Decimal:
    """A share written as a percentage (``"10%"``, ``"12.5 %"``) as a fraction from 0 to 1."""
    number = value.removesuffix("%").strip()
    try:
        percent = Decimal(number)
    except InvalidOperation:
        percent = None
    if percent is None or not percent.is_finite() or not Decimal(0) <= percent <= _HUNDRED:
        problem = f'expected a share of the grade from "0%" to "100%", such as "10%", got {value!r}'
        raise DataFileError(problem, path=path, field=field)
    return percent / _HUNDRED


def _table(data: Mapping[str, Any], key: str, allowed: set[str], path: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, Mapping):
        raise DataFileError("expected a table", path=path, field=key)
    unknown = sorted(set(value) - allowed)
    if unknown:
        problem = f"unknown key {unknown[0]!r}; expected {', '.join(sorted(allowed))}"
        raise DataFileError(problem, path=path, field=key)
    return dict(value)


def _names(value: object, *, path: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataFileError(
            f"expected an array of proxy category names ({', '.join(PROXY_CATEGORIES)}), "
            f"got {value!r}",
            path=path,
            field=field,
        )
    unknown = [item for item in value if item not in PROXY_CATEGORIES]
    if unknown:
        problem = f"unknown proxy category {unknown[0]!r}; expected {', '.join(PROXY_CATEGORIES)}"
        raise DataFileError(problem, path=path, field=field)
    return value


def _date(value: object, *, path: str, field: str) -> datetime.date:
    """A TOML date (``as_of = 2022-12-31``) or a string in that form."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problem = f"expected a date such as 2022-12-31 (YYYY-MM-DD), got {value!r}"
    raise DataFileError(problem, path=path, field=field)


def _grades(
    data: Mapping[str, Any], path: str
) -> tuple[list[tuple[Yuan, Yuan]], list[tuple[Yuan, Decimal]]]:
    """The ``[contribution_subsidy.by_grade]`` table: fixed amounts and shares apart."""
    if "contribution_subsidy" not in data:
        raise DataFileError(
            "missing; expected a [contribution_subsidy.by_grade] table",
            path=path,
            field="contribution_subsidy",
        )
    contribution = _table(data, "contribution_subsidy", {"by_grade"}, path)
    by_grade = contribution.get("by_grade")
    if not isinstance(by_grade, Mapping) or not by_grade:
        raise DataFileError(
            'expected a table of grade = subsidy, e.g. "100" = "15" or "300" = "10%"',
            path=path,
            field="contribution_subsidy.by_grade",
        )
    amounts, shares = [], []
    for grade, subsidy in by_grade.items():
        field = f"contribution_subsidy.by_grade.{grade}"
        listed = _amount(grade, path=path, field=field)
        if isinstance(subsidy, str) and subsidy.rstrip().endswith("%"):
            shares.append((listed, _share(subsidy, path=path, field=field)))
        else:
            amounts.append((listed, _amount(subsidy, path=path, field=field)))
    return amounts, shares


_PROXY_KEYS: Final = {
    *PROXY_CATEGORIES,
    "precedence",
    "choice",
    "identity_order",
    "separate",
    "with_grade_subsidy",
}


def _proxy_section(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    """The ``[proxy]`` table as :class:`RosterRules` keyword arguments."""
    if "proxy" not in data:
        return {}
    proxy = _table(data, "proxy", _PROXY_KEYS, path)
    found: dict[str, Any] = {}
    for key, name in (("precedence", "precedence"), ("separate", "separate")):
        if key in proxy:
            found[name] = _names(proxy.pop(key), path=path, field=f"proxy.{key}")
    if "identity_order" in proxy:
        found["identity_order"] = _names(
            proxy.pop("identity_order"), path=path, field="proxy.identity_order"
        )
    if "choice" in proxy:
        choice = proxy.pop("choice")
        if choice not in PROXY_CHOICES:
            problem = f"expected one of {', '.join(map(repr, PROXY_CHOICES))}, got {choice!r}"
            raise DataFileError(problem, path=path, field="proxy.choice")
        found["proxy_choice"] = choice
    if "with_grade_subsidy" in proxy:
        flag = proxy.pop("with_grade_subsidy")
        if not isinstance(flag, bool):
            problem = f"expected true or false, got {flag!r}"
            raise DataFileError(problem, path=path, field="proxy.with_grade_subsidy")
        found["with_grade_subsidy"] = flag
    if "precedence" in found and (
        found.get("proxy_choice") == "highest_amount" or "identity_order" in found
    ):
        problem = "precedence is an order of its own: give it, or choice/identity_order, not both"
        raise DataFileError(problem, path=path, field="proxy.precedence")
    found["proxies"] = [
        (category, _amount(amount, path=path, field=f"proxy.{category}"))
        for category, amount in proxy.items()
    ]
    return found


def rules_from_mapping(data: Mapping[str, Any], *, path: str = "<mapping>") -> RosterRules:
    """Build :class:`RosterRules` from parsed rules TOML (see the bundled example for the form)."""
    sections = {"contribution_subsidy", "proxy", "village_cadre_subsidy", "land_loss_pension"}
    top = {*sections, "as_of"}
    unknown = sorted(set(data) - top)
    if unknown:
        problem = (
            f"unknown section [{unknown[0]}]; expected {', '.join(sorted(sections))} "
            f"(and the key as_of)"
        )
        raise DataFileError(problem, path=path, field=unknown[0])
    grades, shares = _grades(data, path)
    settings = _proxy_section(data, path)
    if "as_of" in data:
        settings["as_of"] = _date(data["as_of"], path=path, field="as_of")
    cadre = None
    if "village_cadre_subsidy" in data:
        section = _table(data, "village_cadre_subsidy", {"per_person"}, path)
        if "per_person" not in section:
            raise DataFileError("missing", path=path, field="village_cadre_subsidy.per_person")
        cadre = _amount(section["per_person"], path=path, field="village_cadre_subsidy.per_person")
    monthly, months = None, 12
    if "land_loss_pension" in data:
        section = _table(data, "land_loss_pension", {"monthly", "months"}, path)
        if "monthly" not in section:
            raise DataFileError("missing", path=path, field="land_loss_pension.monthly")
        monthly = _amount(section["monthly"], path=path, field="land_loss_pension.monthly")
        months = section.get("months", 12)
        if isinstance(months, bool) or not isinstance(months, int) or months < 0:
            raise DataFileError(
                f"expected a whole number of months ≥ 0, got {months!r}",
                path=path,
                field="land_loss_pension.months",
            )
    try:
        return RosterRules(
            grade_subsidies=grades,
            grade_shares=shares,
            cadre_per_person=cadre,
            land_loss_monthly=monthly,
            land_loss_months=months,
            **settings,
        )
    except InvalidAmountError as error:
        field = _FILE_FIELDS.get(error.field or "", error.field)
        raise DataFileError(str(error), path=path, field=field) from None


#: The rules file's name of each :class:`RosterRules` field an error may name.
_FILE_FIELDS: Final = {
    "precedence": "proxy.precedence",
    "identity_order": "proxy.identity_order",
    "separate": "proxy.separate",
    "proxy_choice": "proxy.choice",
    "proxies": "proxy",
    "grade_shares": "contribution_subsidy.by_grade",
    "grade_subsidies": "contribution_subsidy.by_grade",
}
