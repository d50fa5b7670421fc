"""The county's roster rules (名册计算规则): who is paid what, read from a TOML file.

A rules file states the county's standards; the eligibility rules themselves are fixed here,
each from the policy as ``DOMAIN.md`` states it:

* **Contribution subsidy** (缴费补贴) — to each paying person (是否缴费 = 1) by the grade
  (缴费档次) paid (国发〔2014〕8号: local government subsidises each payer's contribution,
  more for higher grades). A grade that is not listed takes the nearest lower listed grade;
  a grade below every listed one cannot be subsidised and is rejected as an unknown grade.
* **Proxy payments** (财政代缴) — for severely disabled persons (重度残疾人), registered
  poverty-household persons (建档立卡贫困户, since 2017) and mildly disabled persons
  (轻度残疾人). A proxy payment is a contribution paid on the person's behalf, so it goes to
  persons not yet receiving benefits (领取待遇 = 0), whether or not they pay themselves.
  "A person is paid for once, not once per category": of the categories that apply, the one
  with the highest amount wins (ties: severe, poverty, mild), or the first in a configured
  ``precedence``.
* **Village-cadre subsidy** (村干部县级补贴) — to each village cadre (村干部 = 1).
* **Land-loss pension** (失地农民养老补贴) — to land-loss persons (失地农民 = 1) who receive
  benefits (领取待遇 = 1): monthly amount × months.

>>> rules = default_roster_rules()
>>> rules.tier_for(Decimal("300")), rules.tier_for(Decimal("50"))
(Yuan('200.00'), None)
>>> rules.proxy_for({"severe_disability", "poverty_household"})
'severe_disability'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import DataFileError, InvalidAmountError
from pension_subsidy.money import Yuan

__all__ = [
    "PROXY_CATEGORIES",
    "RosterRules",
    "default_roster_rules",
    "load_roster_rules",
    "rules_from_mapping",
]

#: Proxy categories in their tie-breaking order, with the component key each pays into.
PROXY_CATEGORIES: Final[Mapping[str, str]] = {
    "severe_disability": "severe_disability_proxy",
    "poverty_household": "poverty_household_proxy",
    "mild_disability": "mild_disability_proxy",
}

_DEFAULT_RULES = "example-rules.toml"


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


@attrs.frozen
class RosterRules:
    """A county's standards for computing the supporting fund from a roster.

    ``grade_subsidies`` pairs each listed grade with its subsidy per payer (元 a year);
    ``proxies`` pairs each proxy category (:data:`PROXY_CATEGORIES`) with its amount;
    ``precedence`` (optional) orders the proxy categories, else the highest amount wins;
    ``cadre_per_person`` and ``land_loss_monthly`` × ``land_loss_months`` are the other
    standards (None: the county pays no such component).
    """

    grade_subsidies: tuple[tuple[Yuan, Yuan], ...] = attrs.field(converter=_grade_table)
    proxies: tuple[tuple[str, Yuan], ...] = attrs.field(default=(), converter=_proxy_table)
    precedence: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_precedence)
    cadre_per_person: Yuan | None = None
    land_loss_monthly: Yuan | None = None
    land_loss_months: int = 12

    def __attrs_post_init__(self) -> None:
        """Check that a given precedence names each configured proxy category once."""
        if self.precedence is not None:
            configured = sorted(category for category, _ in self.proxies)
            if sorted(self.precedence) != configured:
                msg = (
                    f"RosterRules.precedence: expected each configured proxy category once "
                    f"({', '.join(configured)}), got {list(self.precedence)}"
                )
                raise InvalidAmountError(msg, field="precedence", value=self.precedence)
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

    def tier_for(self, grade: Decimal) -> Yuan | None:
        """The listed grade whose subsidy a payer of ``grade`` 元 gets (None: below all)."""
        grades = [listed.value for listed, _ in self.grade_subsidies]
        index = bisect.bisect_right(grades, grade)
        return None if index == 0 else self.grade_subsidies[index - 1][0]

    def subsidy_for_tier(self, tier: Yuan) -> Yuan:
        """The subsidy per payer of a listed grade."""
        return dict(self.grade_subsidies)[tier]

    def proxy_for(self, categories: Iterable[str]) -> str | None:
        """The one proxy category a person is paid for, of those that apply (None: none)."""
        amounts = dict(self.proxies)
        applying = [category for category in categories if category in amounts]
        if not applying:
            return None
        if self.precedence is not None:
            return min(applying, key=self.precedence.index)
        order = list(PROXY_CATEGORIES)
        return min(applying, key=lambda category: (-amounts[category], order.index(category)))

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


def _table(data: Mapping[str, Any], key: str, allowed: set[str], path: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, Mapping):
        raise DataFileError("expected a table", path=path, field=key)
    unknown = sorted(set(value) - allowed)
    if unknown:
        problem = f"unknown key {unknown[0]!r}; expected {', '.join(sorted(allowed))}"
        raise DataFileError(problem, path=path, field=key)
    return dict(value)


def rules_from_mapping(  # noqa: PLR0912  (one branch per section and its checks)
    data: Mapping[str, Any], *, path: str = "<mapping>"
) -> RosterRules:
    """Build :class:`RosterRules` from parsed rules TOML (see the bundled example for the form)."""
    sections = {"contribution_subsidy", "proxy", "village_cadre_subsidy", "land_loss_pension"}
    unknown = sorted(set(data) - sections)
    if unknown:
        problem = f"unknown section [{unknown[0]}]; expected {', '.join(sorted(sections))}"
        raise DataFileError(problem, path=path, field=unknown[0])
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
            'expected a table of grade = subsidy, e.g. "100" = "15"',
            path=path,
            field="contribution_subsidy.by_grade",
        )
    grades = []
    for grade, subsidy in by_grade.items():
        field = f"contribution_subsidy.by_grade.{grade}"
        grades.append(
            (_amount(grade, path=path, field=field), _amount(subsidy, path=path, field=field))
        )
    proxies: list[tuple[str, Yuan]] = []
    precedence: list[str] | None = None
    if "proxy" in data:
        proxy = _table(data, "proxy", {*PROXY_CATEGORIES, "precedence"}, path)
        raw_precedence = proxy.pop("precedence", None)
        if raw_precedence is not None:
            if not isinstance(raw_precedence, list) or not all(
                isinstance(item, str) for item in raw_precedence
            ):
                raise DataFileError(
                    "expected an array of proxy category names", path=path, field="proxy.precedence"
                )
            precedence = raw_precedence
        proxies = [
            (category, _amount(amount, path=path, field=f"proxy.{category}"))
            for category, amount in proxy.items()
        ]
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
            proxies=proxies,
            precedence=precedence,
            cadre_per_person=cadre,
            land_loss_monthly=monthly,
            land_loss_months=months,
        )
    except InvalidAmountError as error:
        raise DataFileError(str(error), path=path, field=error.field) from None
