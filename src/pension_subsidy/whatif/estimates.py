"""Forward estimates from standards (按标准测算): a fund from headcounts and dated parameters.

Payers per contribution grade × the subsidy for that grade, and proxy persons × the proxy
standard, each from the parameters in force on a date; every figure's derivation names the
parameter and its legal source.

>>> from datetime import date
>>> estimate = forward_estimate(
...     payers_by_grade={"100": 1000, "500": 200},
...     proxy_persons={"severe_disability_proxy": 1025},
...     as_of=date(2022, 6, 30),
... )
>>> estimate.project.total
Yuan('144500.00')
>>> print(estimate.lines[1].derivation)  # doctest: +NORMALIZE_WHITESPACE
500.00 元档 200 人 × 60.00 元 = 12,000.00 元
[contribution_subsidy.minimum_high_grade: 国务院 国发〔2014〕8号…]
>>> print(estimate.lines[2].derivation)  # doctest: +NORMALIZE_WHITESPACE
1025 人 × 100.00 元 = 102,500.00 元 [minimum grade 100.00 元 (contribution.grades)
× national share 1 (proxy_payment.floor_share): 国务院 国发〔2014〕8号…]
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from pension_subsidy.exceptions import InvalidAmountError, NotInForceError, UnknownKeyError
from pension_subsidy.model.budget import Project
from pension_subsidy.model.components import (
    Component,
    GradeTier,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
)
from pension_subsidy.model.data import project_data
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.model.kinds import Formula, bundled_kinds
from pension_subsidy.model.parameters import ParameterSet, ParameterValue, load_parameters
from pension_subsidy.money import AmountLike, Yuan

__all__ = ["EstimateLine", "ForwardEstimate", "forward_estimate"]

_PROXIES = {
    cls.key: cls for cls in (SevereDisabilityProxy, MildDisabilityProxy, PovertyHouseholdProxy)
}


def _proxy_kinds() -> dict[str, str]:
    """Every proxy component key and its group's name in the parameters.

    The three classes' own keys, and each catalogue kind with a ``proxy_group`` (低保:
    ``minimum_living_allowance``, 特困: ``extreme_poverty``) — no code per kind.
    """
    groups = {key: key for key in _PROXIES}
    for kind in bundled_kinds().kinds:
        if kind.proxy_group and Formula.PER_PERSON_YEAR in kind.formulas:
            groups[kind.key] = kind.proxy_group
    return groups


@attrs.frozen
class EstimateLine:
    """One figure of an estimate, how it was derived, and the parameters it rests on."""

    component: str
    amount: Yuan
    derivation: str
    parameters: tuple[ParameterValue, ...]

    def data(self) -> dict[str, Any]:
        """The line in JSON shape, each parameter with its value, unit and source."""
        return {
            "component": self.component,
            "amount_yuan": str(self.amount),
            "derivation": self.derivation,
            "parameters": [parameter.data() for parameter in self.parameters],
        }


def _lines(value: Any) -> tuple[EstimateLine, ...]:
    return tuple(value)


@attrs.frozen
class ForwardEstimate:
    """A fund built from headcounts and the parameters in force on ``as_of``."""

    as_of: date
    project: Project
    lines: tuple[EstimateLine, ...] = attrs.field(converter=_lines)

    def data(self) -> dict[str, Any]:
        """The estimate in JSON shape."""
        return {
            "as_of": self.as_of.isoformat(),
            "project": project_data(self.project),
            "lines": [line.data() for line in self.lines],
        }


def _cite(parameter: ParameterValue) -> str:
    return f"{parameter.key}: {parameter.source.citation.split('《')[0]}…"


def _optional(parameters: ParameterSet, key: str, as_of: date) -> ParameterValue | None:
    return parameters.find(key, as_of=as_of) if key in parameters.keys else None


def _grade_subsidy(
    parameters: ParameterSet, grade: Yuan, as_of: date
) -> tuple[Yuan, ParameterValue]:
    by_grade = _optional(parameters, "contribution_subsidy.by_grade", as_of)
    if by_grade is not None and grade in by_grade.as_by_grade():
        return by_grade.as_by_grade()[grade], by_grade
    threshold = parameters.value("contribution_subsidy.high_grade_threshold", as_of=as_of)
    key = (
        "contribution_subsidy.minimum_high_grade"
        if grade >= threshold.as_yuan()
        else "contribution_subsidy.minimum"
    )
    minimum = parameters.value(key, as_of=as_of)
    return minimum.as_yuan(), minimum


def _proxy_standard(
    parameters: ParameterSet, key: str, as_of: date
) -> tuple[Yuan, str, tuple[ParameterValue, ...]]:
    own = _optional(parameters, f"proxy_payment.{key}", as_of)
    if own is not None:
        return own.as_yuan(), _cite(own), (own,)
    groups = parameters.value("proxy_payment.eligible_groups", as_of=as_of)
    if key not in groups.as_names():
        said = {
            "key": key,
            "as_of": as_of.isoformat(),
            "groups": groups.display_value,
            "document": groups.source.document,
        }
        raise NotInForceError(
            code="estimates.not_a_group", params=said, key=f"proxy_payment.{key}", as_of=as_of
        )
    grades = parameters.value("contribution.grades", as_of=as_of)
    # the national rule: local government pays part or all of the minimum grade; with no local
    # standard, the estimate takes all of it (a province may pay more, e.g. Qinghai's 300 元)
    share = parameters.value("proxy_payment.floor_share", as_of=as_of)
    minimum_grade = min(grades.as_yuan_list())
    standard = minimum_grade.scale(share.as_ratio())
    why = (
        f"minimum grade {minimum_grade} 元 (contribution.grades) × national share "
        f"{share.display_value} (proxy_payment.floor_share): "
        f"{share.source.citation.split('《')[0]}…"
    )
    return standard, why, (grades, share, groups)


def forward_estimate(
    *,
    payers_by_grade: Mapping[AmountLike, int] | None = None,
    proxy_persons: Mapping[str, int] | None = None,
    as_of: date,
    parameters: ParameterSet | None = None,
    appropriation: AmountLike | None = None,
    key: str = "county_supporting_fund",
) -> ForwardEstimate:
    """Build a fund from headcounts and the parameters in force on ``as_of``.

    ``payers_by_grade`` maps a contribution grade (元) to its payers; the subsidy per grade is
    the county's ``contribution_subsidy.by_grade`` where given, else the national minimum
    (30 元, or 60 元 from the 500 元 grade). ``proxy_persons`` maps a proxy component key
    to its persons; the standard is the county's ``proxy_payment.<key>`` where given, else all
    of the minimum grade for a group eligible on that date. ``appropriation`` defaults to
    the estimate's own total.
    """
    parameters = parameters or load_parameters()
    components: list[Component] = []
    lines: list[EstimateLine] = []
    if payers_by_grade:
        tiered, grade_lines = _by_grade(parameters, payers_by_grade, as_of)
        components.append(tiered)
        lines.extend(grade_lines)
    for component_key, persons in (proxy_persons or {}).items():
        component, line = _proxy(parameters, component_key, persons, as_of)
        components.append(component)
        lines.append(line)
    total = sum((line.amount for line in lines), Yuan(0))
    project = Project(
        key=key,
        name_zh="城乡居民养老保险县级配套资金（按标准测算）",
        name_en="County supporting fund, estimated from standards",
        appropriation=total if appropriation is None else Yuan(appropriation),
        components=components,
    )
    return ForwardEstimate(as_of=as_of, project=project, lines=lines)


def _by_grade(
    parameters: ParameterSet, payers_by_grade: Mapping[AmountLike, int], as_of: date
) -> tuple[TieredContributionSubsidy, list[EstimateLine]]:
    """The contribution subsidy by grade, and a line for each grade."""
    grades = parameters.value("contribution.grades", as_of=as_of)
    tiers = []
    lines = []
    for raw_grade, payers in payers_by_grade.items():
        grade = raw_grade if isinstance(raw_grade, Yuan) else Yuan(raw_grade, field="grade")
        if grade not in grades.as_yuan_list():
            said = {
                "grade": grade,
                "as_of": as_of.isoformat(),
                "grades": grades.display_value,
                "document": grades.source.document,
            }
            raise InvalidAmountError(
                code="estimates.not_a_grade",
                params=said,
                field="payers_by_grade",
                value=raw_grade,
            )
        subsidy, parameter = _grade_subsidy(parameters, grade, as_of)
        tier = GradeTier(grade=grade, payers=payers, subsidy=subsidy)
        tiers.append(tier)
        lines.append(
            EstimateLine(
                component="contribution_subsidy",
                amount=tier.amount,
                derivation=(
                    f"{grade} 元档 {payers} 人 × {subsidy} 元 = {tier.amount.value:,.2f} 元 "
                    f"[{_cite(parameter)}]"
                ),
                parameters=(grades, parameter),
            )
        )
    return TieredContributionSubsidy(tiers=tiers), lines


def _proxy(
    parameters: ParameterSet, component_key: str, persons: int, as_of: date
) -> tuple[Component, EstimateLine]:
    """One proxy payment's component at its standard on ``as_of``, and its line."""
    proxies = _proxy_kinds()
    if component_key not in proxies:
        known = tuple(proxies)
        said = {"key": repr(component_key), "known": ", ".join(known)}
        raise UnknownKeyError(
            code="estimates.no_proxy", params=said, key=component_key, known=known
        )
    standard, why, used = _proxy_standard(parameters, proxies[component_key], as_of)
    component: Component = (
        _PROXIES[component_key].standard(headcount=persons, per_capita=standard)
        if component_key in _PROXIES
        else KindComponent(
            kind=bundled_kinds().get(component_key), headcount=persons, per_capita_yuan=standard
        )
    )
    line = EstimateLine(
        component=component_key,
        amount=component.amount,
        derivation=f"{component.derivation} [{why}]",
        parameters=used,
    )
    return component, line
