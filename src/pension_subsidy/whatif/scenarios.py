"""What-if scenarios (情景测算): override headcounts, standards and appropriations; compare.

An override is written ``KEY.FIELD=VALUE``: KEY a component (``severe_disability_proxy``) or
a project (``county_supporting_fund``, for its ``appropriation``); VALUE absolute (``60``,
``60元``, ``175万元``) or relative (``+3%``, ``-10%``, ``+500``). Several overrides apply in
order, each to the result of the one before.

>>> from pension_subsidy import load_dataset
>>> baseline = load_dataset()
>>> scenario = apply_overrides(baseline, [Override.parse("severe_disability_proxy.per_capita=60")])
>>> scenario.project("county_supporting_fund").total
Yuan('1689500.00')
>>> for change in compare(baseline, scenario):
...     print(change)
county_supporting_fund: 1,690,000.00 元 → 1,689,500.00 元 (-500.00 元, -0.03%),
within → within
county_supporting_fund/severe_disability_proxy: 62,000.00 元 → 61,500.00 元
(-500.00 元, -0.81%)

A component given as a disclosed amount keeps its exact per-capita figure when only its
headcount changes; whole persons are rounded half up (四舍五入) from the exact result:

>>> grown = apply_overrides(baseline, [Override.parse("contribution_subsidy.headcount=+2%")])
>>> subsidy = grown.project("county_supporting_fund").component("contribution_subsidy")
>>> subsidy.headcount, subsidy.amount
(72526, Yuan('1413718.44'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from pension_subsidy.exceptions import (
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
    InvalidOverrideError,
    UnknownKeyError,
)
from pension_subsidy.model.budget import Budget, Project, Status
from pension_subsidy.model.components import (
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    VillageCadreSubsidy,
)
from pension_subsidy.model.data import report_data
from pension_subsidy.money import MAX_NUMBER, NUMBER, Yuan, parse_number, round_half_up

__all__ = [
    "COUNT_FIELDS",
    "Change",
    "ComponentChange",
    "Override",
    "ProjectChange",
    "ScenarioComparison",
    "Target",
    "apply_override",
    "apply_overrides",
    "compare",
    "compare_scenario",
    "fields_of",
    "resolve",
    "scenario_data",
]

_PER_PERSON = (
    ContributionSubsidy,
    SevereDisabilityProxy,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    VillageCadreSubsidy,
    LandLossPension,
)

#: Fields that hold whole counts (persons, villages, months); the rest hold money.
COUNT_FIELDS = frozenset({"headcount", "villages", "per_village", "months"})
_COUNT_UNITS = frozenset({"", "人", "村", "月"})
_MONEY_UNITS = frozenset({"", "元", "万元"})
_PERCENT_PLACES = Decimal("0.01")


def fields_of(component: Component) -> tuple[str, ...]:
    """The fields an override may set on ``component``.

    >>> fields_of(CoordinatorAllowance(villages=109))
    ('villages', 'per_village', 'per_capita')
    """
    if isinstance(component, LandLossPension):
        return ("headcount", "per_capita", "amount", "monthly", "months")
    if isinstance(component, _PER_PERSON):
        return ("headcount", "per_capita", "amount")
    if isinstance(component, CoordinatorAllowance):
        return ("villages", "per_village", "per_capita")
    return ("headcount", "per_capita")


# -- targets --------------------------------------------------------------------------------
@attrs.frozen
class Target:
    """What an override, a solve or a growth rate acts on: ``[PROJECT.]KEY.FIELD``.

    >>> Target.parse("severe_disability_proxy.per_capita")
    Target(key='severe_disability_proxy', field='per_capita', project=None)
    >>> str(Target.parse("county_supporting_fund.land_loss_pension.monthly"))
    'county_supporting_fund.land_loss_pension.monthly'
    """

    key: str
    field: str
    project: str | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read ``KEY.FIELD`` or ``PROJECT.KEY.FIELD``."""
        parts = text.strip().split(".")
        if len(parts) not in (2, 3) or not all(parts):
            msg = (
                f"expected KEY.FIELD (e.g. severe_disability_proxy.per_capita) or "
                f"PROJECT.KEY.FIELD, got {text!r}"
            )
            raise InvalidOverrideError(msg, text=text)
        if len(parts) == 3:
            return cls(key=parts[1], field=parts[2], project=parts[0])
        return cls(key=parts[0], field=parts[1])

    def __str__(self) -> str:
        """``KEY.FIELD`` (with the project in front when one was named)."""
        prefix = f"{self.project}." if self.project else ""
        return f"{prefix}{self.key}.{self.field}"

    @property
    def is_count(self) -> bool:
        """Whether the field holds whole counts (persons, villages, months)."""
        return self.field in COUNT_FIELDS


def resolve(budget: Budget, target: Target) -> tuple[Project, Component | None]:
    """The project and component a target names (component None for ``appropriation``).

    Raises :class:`~pension_subsidy.UnknownKeyError` naming the unknown key or field and
    listing the known ones.
    """
    projects = budget.projects
    if target.project is not None:
        projects = (budget.project(target.project),)
    if target.field == "appropriation":
        if target.project is not None and target.key != target.project:
            msg = f"appropriation belongs to a project, not to component {target.key!r}"
            raise UnknownKeyError(msg, key=target.key, known=tuple(p.key for p in projects))
        return budget.project(target.key), None
    holders = [
        (project, component)
        for project in projects
        for component in project.components
        if component.key == target.key
    ]
    if not holders:
        known = tuple(sorted({c.key for p in projects for c in p.components}))
        project_keys = tuple(p.key for p in projects)
        where = (
            f"project {projects[0].key} has no component {target.key!r}"
            if len(projects) == 1
            else f"no project has a component {target.key!r}"
        )
        msg = (
            f"{target}: {where}; its components: {', '.join(known) or '(none)'}; "
            f"projects (for .appropriation): {', '.join(project_keys)}"
        )
        raise UnknownKeyError(msg, key=target.key, known=known + project_keys)
    if len(holders) > 1:
        names = ", ".join(f"{p.key}.{target.key}.{target.field}" for p, _ in holders)
        msg = f"component {target.key!r} is in several projects; name one: {names}"
        raise UnknownKeyError(msg, key=target.key, known=tuple(p.key for p, _ in holders))
    project, component = holders[0]
    known_fields = fields_of(component)
    if target.field not in known_fields:
        msg = (
            f"unknown field {target.field!r} in {target}; {target.key} has the fields: "
            f"{', '.join(known_fields)} (and its project {project.key} has: appropriation)"
        )
        raise UnknownKeyError(msg, key=target.field, known=known_fields)
    return project, component


# -- changes --------------------------------------------------------------------------------
_VALUE = re.compile(
    rf"^\s*(?P<sign>[+-])?\s*(?P<number>{NUMBER})\s*(?P<unit>%|万元|元|人|村|月)?\s*$"
)


def _bounded(instance: Change, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    """An amount within the bounds of every number read (checked before any arithmetic)."""
    try:
        parse_number(value, field=attribute.name)
    except InvalidNumberError as error:
        text = _shown(instance.text or value)
        problem = str(error).removeprefix(f"{attribute.name}: ")
        raise InvalidOverrideError(f"{text}: {problem}", text=text) from None


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else f"{text[:50]}… ({len(text):,} characters)"


def _wan_in_yuan(number: Decimal) -> Decimal:
    """``number`` 万元 in 元: the point moved four places, exactly (no context rounds it)."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # parse_number gives finite numbers only
    shifted = exponent + 4
    if shifted > 0:  # 175 万元 is 1750000 元, not 1.75E+6
        return Decimal((sign, digits + (0,) * shifted, 0))
    return Decimal((sign, digits, shifted))


@attrs.frozen
class Change:
    """A new value: absolute (``set``), relative in percent, or a signed difference (delta).

    >>> Change.parse("+3%").apply(Fraction(71104))
    Fraction(1830928, 25)
    >>> Change.parse("60元").kind, Change.parse("175万元").amount, Change.parse("-500").kind
    ('set', Decimal('1750000'), 'delta')
    """

    kind: Literal["set", "percent", "delta"]
    amount: Decimal = attrs.field(validator=_bounded)
    text: str = ""
    #: The unit written after the number ("元", "万元", "人", …; "" when none).
    unit: str = ""
    #: The exact factor of a compounded percentage (1.02**n), when it is not 1 + amount/100.
    factor: Fraction | None = None

    @classmethod
    def parse(cls, text: str) -> Change:
        """Read ``60``, ``60元``, ``175万元``, ``+3%``, ``-10%`` or ``+500``."""
        match = _VALUE.match(text)
        if match is None:
            msg = (
                f"expected a value such as 60, 60元, 175万元 (absolute) or +3%, -10%, +500 "
                f"(relative), got {text!r}"
            )
            raise InvalidOverrideError(msg, text=text)
        sign, unit = match["sign"], match["unit"] or ""
        try:
            number = parse_number(match["number"], field="value")
        except InvalidNumberError as error:
            problem = str(error).removeprefix("value: ")
            raise InvalidOverrideError(problem, text=text) from None
        if unit == "万元":
            number = _wan_in_yuan(number)
        if unit == "%":
            if sign is None:
                msg = (
                    f"a percentage is a relative change and needs its sign: write +{text} or "
                    f"-{text}, got {text!r}"
                )
                raise InvalidOverrideError(msg, text=text)
            return cls("percent", -number if sign == "-" else number, text.strip(), unit)
        if sign is None:
            return cls("set", number, text.strip(), unit)
        return cls("delta", -number if sign == "-" else number, text.strip(), unit)

    @classmethod
    def growth(cls, rate: Fraction, years: int = 1) -> Change:
        """Compound growth by an exact ``rate`` a year over ``years`` years: × (1 + rate)**years.

        >>> Change.growth(Fraction(1, 50), 3).apply(Fraction(71104))
        Fraction(1179002088, 15625)
        """
        factor = (1 + rate) ** years
        percent = (factor - 1) * 100
        # amount is for display only; the factor (e.g. 1.02**3) stays an exact Fraction
        amount = round_half_up(percent, Decimal("0.0001"))
        return cls("percent", amount, f"{amount:+}%", "%", factor=factor)

    @property
    def relative(self) -> bool:
        """Whether the change is relative to the current value."""
        return self.kind != "set"

    @property
    def exact_factor(self) -> Fraction:
        """1 + percent / 100 for a percentage change (or the exact compounded factor)."""
        if self.factor is not None:
            return self.factor
        return 1 + Fraction(self.amount) / 100

    def apply(self, base: Fraction) -> Fraction:
        """The new exact value from ``base`` (unrounded)."""
        if self.kind == "set":
            return Fraction(self.amount)
        if self.kind == "delta":
            return base + Fraction(self.amount)
        return base * self.exact_factor


@attrs.frozen
class Override:
    """One ``KEY.FIELD=VALUE`` override.

    >>> Override.parse("contribution_subsidy.headcount=+3%").target.field
    'headcount'
    """

    target: Target
    change: Change

    @classmethod
    def parse(cls, text: str) -> Override:
        """Read ``KEY.FIELD=VALUE``."""
        if "=" not in text:
            msg = (
                "expected KEY.FIELD=VALUE (e.g. severe_disability_proxy.per_capita=60), "
                f"got {text!r}"
            )
            raise InvalidOverrideError(msg, text=text)
        target_text, value_text = text.split("=", 1)
        target = Target.parse(target_text)
        try:
            change = Change.parse(value_text)
        except InvalidOverrideError as error:
            raise InvalidOverrideError(f"{target}: {error}", text=text) from None
        allowed = _COUNT_UNITS if target.is_count else _MONEY_UNITS
        if change.unit not in allowed | {"%"}:
            kind = "a count" if target.is_count else "an amount of money"
            units = ", ".join(sorted(u for u in allowed if u)) or "none"
            msg = (
                f"{target} is {kind}: expected a value in {units} or a percentage, "
                f"got {value_text!r}"
            )
            raise InvalidOverrideError(msg, text=text)
        return cls(target=target, change=change)

    def __str__(self) -> str:
        """``KEY.FIELD=VALUE`` as given."""
        return f"{self.target}={self.change.text or self.change.amount}"


# -- applying overrides ---------------------------------------------------------------------
def _whole(override: Override, exact: Fraction) -> int:
    """Whole persons (villages, months): rounded half up (四舍五入) once, from the exact result."""
    if abs(exact) > MAX_NUMBER:
        # not shown: a count compounded past every bound can have thousands of digits
        msg = f"{override}: gives a count beyond 10^15, the most any number may be"
        raise InvalidOverrideError(msg, text=str(override))
    return int(round_half_up(exact, Decimal(1)))


def _count(override: Override, base: int) -> int:
    exact = override.change.apply(Fraction(base))
    if override.change.kind == "set" and exact.denominator != 1:
        msg = f"{override.target}: expected a whole number, got {override.change.text!r}"
        raise InvalidOverrideError(msg, text=str(override))
    result = _whole(override, exact)
    if result < 0:
        msg = f"{override}: gives {result} from {base}, and a count cannot be negative"
        raise InvalidOverrideError(msg, text=str(override))
    return result


def _money(override: Override, base: Fraction) -> Yuan:
    exact = override.change.apply(base)
    if override.change.kind == "set" and (exact * 100).denominator != 1:
        msg = f"{override.target}: expected an amount in whole 分, got {override.change.text!r}"
        raise InvalidOverrideError(msg, text=str(override))
    result = Yuan.rounded(exact)  # a relative change is rounded to 分 half up (四舍五入)
    if result < Yuan(0):
        msg = f"{override}: gives {result} 元, and an amount cannot be negative"
        raise InvalidOverrideError(msg, text=str(override))
    return result


def _percent_only(override: Override, what: str) -> Fraction:
    if override.change.kind != "percent":
        msg = (
            f"{override}: {what} of a contribution subsidy by grade can only change by a "
            "percentage (each grade in proportion), e.g. +3%"
        )
        raise InvalidOverrideError(msg, text=str(override))
    return override.change.exact_factor


def _evolve(component: Any, **changes: Any) -> Component:
    """``attrs.evolve`` typed for components (the per-person class is private to components)."""
    changed: Component = attrs.evolve(component, **changes)
    return changed


def _per_person(override: Override, component: Any) -> Component:
    field = override.target.field
    change = override.change
    cleared: dict[str, Any] = {"per_capita_standard": None, "disclosed_amount": None}
    cleared["disclosed_headcount"] = None
    if isinstance(component, LandLossPension):
        cleared |= {"monthly_standard": None, "months": None}
    if field == "headcount":
        return _evolve(component, headcount=_count(override, component.headcount))
    if field == "amount":
        amount = _money(override, Fraction(component.amount.value))
        changes = cleared | {"disclosed_amount": amount, "disclosed_headcount": component.headcount}
        return _evolve(component, **changes)
    if field == "per_capita":
        if change.relative and component.disclosed_amount is not None:
            # Keep the disclosed basis: scale the disclosed amount, so that its exact per-capita
            # figure changes by exactly the factor (or the difference), rounded once to 分.
            held = component.disclosed_headcount
            base = Fraction(component.disclosed_amount.value)
            if change.kind == "percent":
                exact = base * change.exact_factor
            elif held:
                exact = base + Fraction(change.amount) * held
            else:
                msg = f"{override}: {component.key} has no per-capita figure (0 persons)"
                raise InvalidOverrideError(msg, text=str(override))
            amount = Yuan.rounded(exact)
            if amount < Yuan(0):
                msg = f"{override}: gives a negative amount {amount} 元"
                raise InvalidOverrideError(msg, text=str(override))
            return _evolve(component, disclosed_amount=amount)
        base = component.per_capita_exact or Fraction(0)
        standard = _money(override, base)
        return _evolve(component, **cleared | {"per_capita_standard": standard})
    assert isinstance(component, LandLossPension)  # resolve() admits only fields_of(component)
    if field == "monthly":
        if change.relative and component.monthly_standard is None:
            msg = (
                f"{override}: {component.key} has no monthly standard to change relatively "
                "(it is given as an annual figure); set it absolutely, e.g. monthly=120"
            )
            raise InvalidOverrideError(msg, text=str(override))
        base = (
            Fraction(component.monthly_standard.value)
            if component.monthly_standard
            else Fraction(0)
        )
        monthly = _money(override, base)
        return LandLossPension.monthly(
            headcount=component.headcount, monthly=monthly, months=component.months or 12
        )
    if component.monthly_standard is None or component.months is None:
        msg = (
            f"{override}: {component.key} has no monthly standard, so no months; set "
            f"{component.key}.monthly first"
        )
        raise InvalidOverrideError(msg, text=str(override))
    return LandLossPension.monthly(
        headcount=component.headcount,
        monthly=component.monthly_standard,
        months=_count(override, component.months),
    )


def _apply_to_component(override: Override, component: Component) -> Component:
    field = override.target.field
    try:
        if isinstance(component, _PER_PERSON):
            return _per_person(override, component)
        if isinstance(component, CoordinatorAllowance):
            if field == "per_capita":
                money = _money(override, Fraction(component.per_coordinator.value))
                return attrs.evolve(component, per_coordinator=money)
            if field == "villages":
                return attrs.evolve(component, villages=_count(override, component.villages))
            return attrs.evolve(component, per_village=_count(override, component.per_village))
        assert isinstance(component, TieredContributionSubsidy)  # the one other kind
        factor = _percent_only(override, field)
        if field == "headcount":
            tiers = [
                attrs.evolve(tier, payers=_whole(override, tier.payers * factor))
                for tier in component.tiers
            ]
        else:
            tiers = [
                attrs.evolve(tier, subsidy=Yuan.rounded(Fraction(tier.subsidy.value) * factor))
                for tier in component.tiers
            ]
        return TieredContributionSubsidy(tiers=tiers)
    except (InvalidAmountError, InvalidHeadcountError) as error:
        raise InvalidOverrideError(f"{override}: {error}", text=str(override)) from None


def apply_override(budget: Budget, override: Override) -> Budget:
    """A copy of ``budget`` with one override applied.

    A result beyond the bounds of money (10^15 元) or of counts raises
    :class:`~pension_subsidy.InvalidOverrideError` naming the override.
    """
    project, component = resolve(budget, override.target)
    try:
        if component is None:
            appropriation = _money(override, Fraction(project.appropriation.value))
            changed_project = attrs.evolve(project, appropriation=appropriation)
        else:
            changed = _apply_to_component(override, component)
            components = tuple(changed if c is component else c for c in project.components)
            changed_project = attrs.evolve(project, components=components)
        changed_project.check()  # its amounts and total, computed while the override is known
    except (InvalidAmountError, InvalidHeadcountError) as error:
        raise InvalidOverrideError(f"{override}: {error}", text=str(override)) from None
    return budget.replace_project(changed_project)


def apply_overrides(budget: Budget, overrides: Iterable[Override | str]) -> Budget:
    """A copy of ``budget`` with every override applied in order (none: the same budget)."""
    for override in overrides:
        parsed = Override.parse(override) if isinstance(override, str) else override
        budget = apply_override(budget, parsed)
    return budget


# -- comparison -----------------------------------------------------------------------------
def _percent_change(before: Yuan, after: Yuan) -> Decimal | None:
    if before.is_zero():
        return None
    return round_half_up((after - before).ratio(before) * 100, _PERCENT_PLACES)


def _signed(amount: Yuan) -> str:
    return f"{amount.value:+,.2f} 元"


def _fmt_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:+.2f}%"


class _Delta:
    """Change and percent change from ``baseline`` to ``scenario`` (both in 元)."""

    baseline: Yuan
    scenario: Yuan

    @property
    def change(self) -> Yuan:
        """Scenario − baseline, in 元."""
        return self.scenario - self.baseline

    @property
    def percent(self) -> Decimal | None:
        """The change in % of the baseline (0.01, 四舍五入); None from a zero baseline."""
        return _percent_change(self.baseline, self.scenario)


@attrs.frozen
class ComponentChange(_Delta):
    """How one component differs between baseline and scenario."""

    project: str
    key: str
    baseline_headcount: int | None
    scenario_headcount: int | None
    baseline_per_capita: Yuan | None
    scenario_per_capita: Yuan | None
    baseline: Yuan
    scenario: Yuan

    def __str__(self) -> str:
        """``project/component: before → after (change, %)``."""
        return (
            f"{self.project}/{self.key}: {self.baseline.value:,.2f} 元 → "
            f"{self.scenario.value:,.2f} 元 ({_signed(self.change)}, {_fmt_percent(self.percent)})"
        )

    def data(self) -> dict[str, Any]:
        """The change in JSON shape."""
        return {
            "level": "component",
            "project": self.project,
            "key": self.key,
            "baseline_headcount": self.baseline_headcount,
            "scenario_headcount": self.scenario_headcount,
            "baseline_per_capita_yuan": _str(self.baseline_per_capita),
            "scenario_per_capita_yuan": _str(self.scenario_per_capita),
            "baseline_yuan": str(self.baseline),
            "scenario_yuan": str(self.scenario),
            "change_yuan": str(self.change),
            "change_percent": _str(self.percent),
        }


@attrs.frozen
class ProjectChange(_Delta):
    """How one project's total, appropriation and status differ between baseline and scenario."""

    key: str
    baseline: Yuan
    scenario: Yuan
    baseline_appropriation: Yuan
    scenario_appropriation: Yuan
    baseline_status: Status
    scenario_status: Status

    @property
    def status_changed(self) -> bool:
        """Whether the project moved between within, at and over."""
        return self.baseline_status is not self.scenario_status

    @property
    def scenario_headroom(self) -> Yuan:
        """The scenario's appropriation − total (negative when over)."""
        return self.scenario_appropriation - self.scenario

    def __str__(self) -> str:
        """``project: before → after (change, %), status → status``."""
        text = (
            f"{self.key}: {self.baseline.value:,.2f} 元 → {self.scenario.value:,.2f} 元 "
            f"({_signed(self.change)}, {_fmt_percent(self.percent)}), "
            f"{self.baseline_status.value} → {self.scenario_status.value}"
        )
        if self.baseline_appropriation != self.scenario_appropriation:
            text += (
                f"; appropriation {self.baseline_appropriation.value:,.2f} 元 → "
                f"{self.scenario_appropriation.value:,.2f} 元"
            )
        return text

    def data(self) -> dict[str, Any]:
        """The change in JSON shape."""
        return {
            "level": "project",
            "project": self.key,
            "key": self.key,
            "baseline_yuan": str(self.baseline),
            "scenario_yuan": str(self.scenario),
            "change_yuan": str(self.change),
            "change_percent": _str(self.percent),
            "baseline_appropriation_yuan": str(self.baseline_appropriation),
            "scenario_appropriation_yuan": str(self.scenario_appropriation),
            "scenario_headroom_yuan": str(self.scenario_headroom),
            "baseline_status": self.baseline_status.value,
            "scenario_status": self.scenario_status.value,
            "status_changed": self.status_changed,
        }


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def compare(baseline: Budget, scenario: Budget) -> tuple[ProjectChange | ComponentChange, ...]:
    """Every project and component that differs, each project followed by its components.

    A project is listed when its total, appropriation or status changed; a component when
    its amount, headcount or per-capita figure changed. The same budget gives ``()``.
    """
    changes: list[ProjectChange | ComponentChange] = []
    for after in scenario.projects:
        before = baseline.project(after.key)
        component_changes = []
        for new in after.components:
            old = before.component(new.key)
            figures = (old.amount, old.headcount, old.per_capita)
            if figures != (new.amount, new.headcount, new.per_capita):
                component_changes.append(
                    ComponentChange(
                        project=after.key,
                        key=new.key,
                        baseline_headcount=old.headcount,
                        scenario_headcount=new.headcount,
                        baseline_per_capita=old.per_capita,
                        scenario_per_capita=new.per_capita,
                        baseline=old.amount,
                        scenario=new.amount,
                    )
                )
        old_check, new_check = before.check(), after.check()
        project_change = ProjectChange(
            key=after.key,
            baseline=old_check.total,
            scenario=new_check.total,
            baseline_appropriation=before.appropriation,
            scenario_appropriation=after.appropriation,
            baseline_status=old_check.status,
            scenario_status=new_check.status,
        )
        moved = (
            project_change.change
            or project_change.status_changed
            or before.appropriation != after.appropriation
        )
        if moved or component_changes:
            changes.append(project_change)
        changes.extend(component_changes)
    return tuple(changes)


@attrs.frozen
class ScenarioComparison:
    """A scenario beside its baseline: the overrides, both budgets and what changed (情景测算).

    >>> from pension_subsidy import load_dataset
    >>> result = compare_scenario(load_dataset(), ["severe_disability_proxy.per_capita=60"])
    >>> [change.data()["change_yuan"] for change in result.changes]
    ['-500.00', '-500.00']
    """

    baseline: Budget
    overrides: tuple[Override, ...]
    scenario: Budget
    changes: tuple[ProjectChange | ComponentChange, ...]

    def data(self) -> dict[str, Any]:
        """``{"baseline": <report>, "scenario": <report>, "changes": [...], "overrides": [...]}``.

        The reports are :func:`~pension_subsidy.report_data`, unchanged.
        """
        return {
            "baseline": report_data(self.baseline),
            "scenario": report_data(self.scenario),
            "changes": [change.data() for change in self.changes],
            "overrides": [str(override) for override in self.overrides],
        }


def compare_scenario(baseline: Budget, overrides: Iterable[Override | str]) -> ScenarioComparison:
    """Apply ``overrides`` to ``baseline`` in order and compare the result with it."""
    parsed = tuple(Override.parse(o) if isinstance(o, str) else o for o in overrides)
    scenario = apply_overrides(baseline, parsed)
    return ScenarioComparison(
        baseline=baseline,
        overrides=parsed,
        scenario=scenario,
        changes=compare(baseline, scenario),
    )


def scenario_data(baseline: Budget, overrides: Sequence[Override | str]) -> dict[str, Any]:
    """The JSON-ready comparison: :meth:`ScenarioComparison.data` of :func:`compare_scenario`."""
    return compare_scenario(baseline, overrides).data()
