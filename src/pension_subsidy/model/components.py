"""The county supporting-fund components (县级配套资金的构成).

Every component knows its headcount, its per-capita figure, its amount and how the amount
was derived. A component is given either

* as a **standard** (标准, forward): headcount × per-capita standard → amount, or
* as a **disclosed amount** (披露金额, backward): amount ÷ headcount → per-capita, as the
  2022 Menyuan table states its components (``重度残疾人1025人，财政代缴6.2万``).

A disclosed component remembers the headcount its amount was stated for, so changing only
its headcount (a what-if) keeps its exact per-capita figure:

>>> severe = SevereDisabilityProxy.disclosed(headcount=1025, amount=Yuan.from_wan("6.2"))
>>> severe.amount, severe.per_capita
(Yuan('62000.00'), Yuan('60.49'))
>>> severe.derivation
'62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）'
>>> attrs.evolve(severe, headcount=2050).amount
Yuan('124000.00')
>>> SevereDisabilityProxy.standard(headcount=1025, per_capita="60").derivation
'1025 人 × 60.00 元 = 61,500.00 元'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, ClassVar, Final, Literal, Protocol, TypeAlias, runtime_checkable

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError, UnknownKeyError
from pension_subsidy.money import AmountLike, Yuan, round_half_up

__all__ = [
    "COMPONENT_TYPES",
    "Basis",
    "Component",
    "ContributionSubsidy",
    "CoordinatorAllowance",
    "GradeTier",
    "LandLossPension",
    "MildDisabilityProxy",
    "PovertyHouseholdProxy",
    "SevereDisabilityProxy",
    "TieredContributionSubsidy",
    "VillageCadreSubsidy",
]

#: The annual allowance per village coordinator (协办员) in the Menyuan table: 600 元.
DEFAULT_COORDINATOR_ALLOWANCE = Yuan(600)


class Basis(enum.Enum):
    """How a component's amount is known."""

    #: headcount × per-capita standard → amount (forward)
    STANDARD = "standard"
    #: amount as disclosed; per-capita = amount ÷ headcount (backward)
    DISCLOSED = "disclosed"


@runtime_checkable
class Component(Protocol):
    """What every supporting-fund component offers.

    ``per_capita`` is the figure rounded to 分 (``None`` when it is undefined, as for a
    disclosed amount over zero persons); ``per_capita_exact`` is the exact Fraction of 元.
    """

    key: ClassVar[str]
    name_zh: ClassVar[str]
    name_en: ClassVar[str]
    headcount_unit: ClassVar[str]

    @property
    def headcount(self) -> int:
        """Persons (or coordinators) the component pays for."""

    @property
    def basis(self) -> Basis:
        """Whether the amount is derived from a standard or was disclosed."""

    @property
    def amount(self) -> Yuan:
        """The component's amount in 元."""

    @property
    def per_capita(self) -> Yuan | None:
        """The per-capita figure rounded to 分 (四舍五入), or None when undefined."""

    @property
    def per_capita_exact(self) -> Fraction | None:
        """The exact per-capita figure in 元, or None when undefined."""

    @property
    def derivation(self) -> str:
        """A short human-readable account of how the amount was derived."""

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``)."""


# -- validators and converters -------------------------------------------------------------
def _whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{type(instance).__name__}.{attribute.name}: expected a whole number, got {value!r}"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)
    if value < 0:
        msg = f"{type(instance).__name__}.{attribute.name}: expected ≥ 0, got {value}"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)


def _optional_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _whole(instance, attribute, value)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Yuan | None) -> None:
    if value is not None and value < Yuan(0):
        msg = (
            f"{type(instance).__name__}.{attribute.name}: expected an amount ≥ 0 元, got {value} 元"
        )
        raise InvalidAmountError(msg, field=attribute.name, value=value)


def _to_yuan(value: AmountLike) -> Yuan:
    return value if isinstance(value, Yuan) else Yuan(value)


def _to_optional_yuan(value: AmountLike | None) -> Yuan | None:
    return None if value is None else _to_yuan(value)


#: The words of a derivation in each language it is given in: the numbers are the same, only
#: these change (a derivation is built from its values in the language asked for, never
#: translated from another language's text).
Language: TypeAlias = Literal["zh", "en"]
_WORDS: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "yuan": " 元",
        "persons": " 人",
        "villages": " 村",
        "months": " 月",
        "yuan_per_month": " 元/月",
        "per_village": " 人/村",
        "yuan_per_person": " 元/人",
        "grade": " 元档 ",
        "backward": "（按公开金额倒算）",
        "no_per_capita": "无人均数（公开金额，人数为 0）",
        "at_disclosed": "（按公开人均 ≈ ",
        "rounded_once": " 元，一次四舍五入）",
        "no_grades": "no grades: ",
    },
    "en": {
        "yuan": " yuan",
        "persons": " persons",
        "villages": " villages",
        "months": " months",
        "yuan_per_month": " yuan/month",
        "per_village": " per village",
        "yuan_per_person": " yuan/person",
        "grade": " yuan grade: ",
        "backward": " (from the disclosed amount)",
        "no_per_capita": "no per-capita figure (disclosed amount, 0 persons)",
        "at_disclosed": " (at the disclosed per-capita ≈ ",
        "rounded_once": " yuan, rounded once)",
        "no_grades": "no grades: ",
    },
}


def _words(language: Language) -> dict[str, str]:
    """The derivation words of ``language`` (``"zh"`` or ``"en"``)."""
    try:
        return _WORDS[language]
    except KeyError:
        msg = f"language: expected 'zh' or 'en', got {language!r}"
        raise UnknownKeyError(msg, key=str(language), known=tuple(_WORDS)) from None


def _money(amount: Yuan, language: Language = "zh") -> str:
    return f"{amount.value:,.2f}{_words(language)['yuan']}"


# -- components paid per person ----------------------------------------------------------
@attrs.frozen
class _PerPersonComponent:
    """A component that pays one standard per person, or states its amount as disclosed."""

    key: ClassVar[str]
    name_zh: ClassVar[str]
    name_en: ClassVar[str]
    headcount_unit: ClassVar[str] = "人"

    headcount: int = attrs.field(validator=_whole)
    per_capita_standard: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    disclosed_amount: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    #: The headcount the disclosed amount was stated for (defaults to ``headcount``).
    disclosed_headcount: int | None = attrs.field(default=None, validator=_optional_whole)

    def __attrs_post_init__(self) -> None:
        """Check that exactly one of standard and disclosed amount is given."""
        name = type(self).__name__
        if (self.per_capita_standard is None) == (self.disclosed_amount is None):
            msg = f"{name}: give exactly one of per_capita_standard and disclosed_amount"
            raise InvalidAmountError(msg, field="per_capita_standard")
        if self.disclosed_amount is None and self.disclosed_headcount is not None:
            msg = f"{name}: disclosed_headcount only goes with disclosed_amount"
            raise InvalidHeadcountError(msg, field="disclosed_headcount")
        if self.disclosed_amount is not None and self.disclosed_headcount is None:
            object.__setattr__(self, "disclosed_headcount", self.headcount)
        if (
            self.disclosed_headcount == 0
            and self.headcount != 0
            and self.disclosed_amount is not None
            and self.disclosed_amount
        ):
            msg = (
                f"{name}: cannot scale a disclosed amount of {self.disclosed_amount} 元 stated "
                f"for 0 persons to {self.headcount} persons"
            )
            raise InvalidHeadcountError(msg, field="headcount", value=self.headcount)

    @classmethod
    def standard(cls, *, headcount: int, per_capita: AmountLike) -> Any:
        """Forward: ``headcount`` persons × ``per_capita`` 元 each."""
        return cls(headcount=headcount, per_capita_standard=_to_yuan(per_capita))

    @classmethod
    def disclosed(cls, *, headcount: int, amount: AmountLike) -> Any:
        """Backward: ``amount`` 元 as disclosed for ``headcount`` persons."""
        return cls(headcount=headcount, disclosed_amount=_to_yuan(amount))

    @property
    def basis(self) -> Basis:
        """Whether the amount is derived from a standard or was disclosed."""
        return Basis.STANDARD if self.per_capita_standard is not None else Basis.DISCLOSED

    @property
    def per_capita_exact(self) -> Fraction | None:
        """The exact per-capita figure in 元 (None for a disclosed amount over 0 persons)."""
        if self.per_capita_standard is not None:
            return Fraction(self.per_capita_standard.value)
        assert self.disclosed_amount is not None  # no standard, so an amount (__attrs_post_init__)
        if not self.disclosed_headcount:
            return None
        return Fraction(self.disclosed_amount.value) / self.disclosed_headcount

    @property
    def per_capita(self) -> Yuan | None:
        """The per-capita figure rounded to 分 with 四舍五入 (None when undefined)."""
        exact = self.per_capita_exact
        return None if exact is None else Yuan(round_half_up(exact))

    @property
    def amount(self) -> Yuan:
        """The amount in 元: headcount × standard, or the disclosed amount.

        When the headcount of a disclosed component changed, the amount is the new headcount
        × the exact disclosed per-capita, rounded once to 分 with 四舍五入.
        """
        if self.per_capita_standard is not None:
            return self.per_capita_standard * self.headcount
        assert self.disclosed_amount is not None  # no standard, so an amount (__attrs_post_init__)
        if self.headcount == self.disclosed_headcount:
            return self.disclosed_amount
        exact = self.per_capita_exact
        if exact is None:  # a disclosed amount for 0 persons, headcount still 0
            return self.disclosed_amount
        return Yuan.rounded(exact * self.headcount)

    @property
    def derivation(self) -> str:
        """``1025 人 × 60.00 元 = 61,500.00 元`` or the backward form for a disclosed amount."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from the values.

        >>> SevereDisabilityProxy.standard(headcount=1025, per_capita="60").derivation_in("en")
        '1025 persons × 60.00 yuan = 61,500.00 yuan'
        """
        words = _words(language)
        unit = words["persons"] if self.headcount_unit == "人" else f" {self.headcount_unit}"
        if self.per_capita_standard is not None:
            return (
                f"{self.headcount}{unit} × {self.per_capita_standard}{words['yuan']} = "
                f"{_money(self.amount, language)}"
            )
        assert self.disclosed_amount is not None  # no standard, so an amount (__attrs_post_init__)
        per_capita = self.per_capita
        if per_capita is None:
            return f"{_money(self.disclosed_amount, language)} ÷ 0{unit}: {words['no_per_capita']}"
        if self.headcount == self.disclosed_headcount:
            per_unit = (
                words["yuan_per_person"]
                if self.headcount_unit == "人"
                else f"{words['yuan']}/{self.headcount_unit}"
            )
            return (
                f"{_money(self.disclosed_amount, language)} ÷ {self.headcount}{unit} = "
                f"{per_capita}{per_unit}{words['backward']}"
            )
        return (
            f"{self.headcount}{unit} × ({_money(self.disclosed_amount, language)} ÷ "
            f"{self.disclosed_headcount}{unit}) = {_money(self.amount, language)} "
            f"{words['at_disclosed']}{per_capita}{words['rounded_once']}"
        )


@attrs.frozen
class ContributionSubsidy(_PerPersonComponent):
    """Contribution subsidy (缴费补贴): the county's subsidy to each paying person.

    国发〔2014〕8号 sets at least 30 元 a person a year, at least 60 元 for grades of 500 元
    and above; the county's share may be a fraction of that. For subsidies by grade, see
    :class:`TieredContributionSubsidy`.

    >>> ContributionSubsidy.disclosed(headcount=71104, amount=Yuan.from_wan("138.6")).per_capita
    Yuan('19.49')
    """

    key: ClassVar[str] = "contribution_subsidy"
    name_zh: ClassVar[str] = "县级缴费补贴"
    name_en: ClassVar[str] = "Contribution subsidy"


@attrs.frozen
class SevereDisabilityProxy(_PerPersonComponent):
    """Proxy payment for severely disabled persons (重度残疾人 财政代缴).

    Local government pays part or all of the minimum-grade contribution for them.

    >>> SevereDisabilityProxy.standard(headcount=1025, per_capita="60").amount
    Yuan('61500.00')
    """

    key: ClassVar[str] = "severe_disability_proxy"
    name_zh: ClassVar[str] = "重度残疾人代缴"
    name_en: ClassVar[str] = "Proxy payment, severely disabled"


@attrs.frozen
class MildDisabilityProxy(_PerPersonComponent):
    """Proxy payment for mildly disabled persons (轻度残疾人 财政代缴).

    >>> MildDisabilityProxy.disclosed(headcount=1238, amount="12000").per_capita
    Yuan('9.69')
    """

    key: ClassVar[str] = "mild_disability_proxy"
    name_zh: ClassVar[str] = "轻度残疾人代缴"
    name_en: ClassVar[str] = "Proxy payment, mildly disabled"


@attrs.frozen
class PovertyHouseholdProxy(_PerPersonComponent):
    """Proxy payment for registered poverty-household persons (建档立卡贫困户 财政代缴).

    Paid since 2017; a person is paid for once, not once per category.

    >>> PovertyHouseholdProxy.disclosed(headcount=6969, amount=Yuan.from_wan("13.9")).per_capita
    Yuan('19.95')
    """

    key: ClassVar[str] = "poverty_household_proxy"
    name_zh: ClassVar[str] = "建档立卡贫困户代缴"
    name_en: ClassVar[str] = "Proxy payment, registered poverty households"


@attrs.frozen
class VillageCadreSubsidy(_PerPersonComponent):
    """Village-cadre subsidy (村干部 县级补贴).

    >>> VillageCadreSubsidy.disclosed(headcount=547, amount=Yuan.from_wan("4.8")).per_capita
    Yuan('87.75')
    """

    key: ClassVar[str] = "village_cadre_subsidy"
    name_zh: ClassVar[str] = "村干部县级补贴"
    name_en: ClassVar[str] = "Village-cadre subsidy"


# -- land-loss farmers -------------------------------------------------------------------
@attrs.frozen
class LandLossPension(_PerPersonComponent):
    """Land-loss farmers' pension subsidy (失地农民养老补贴), for persons receiving benefits.

    Forward: persons × monthly amount × months. Use :meth:`monthly` to build it so;
    :meth:`standard` takes the annual figure per person.

    >>> LandLossPension.monthly(headcount=30, monthly="120", months=12).derivation
    '30 人 × 120.00 元/月 × 12 月 = 43,200.00 元'
    >>> LandLossPension.disclosed(headcount=30, amount=Yuan.from_wan("4.3")).per_capita
    Yuan('1433.33')
    """

    key: ClassVar[str] = "land_loss_pension"
    name_zh: ClassVar[str] = "失地农民养老补贴"
    name_en: ClassVar[str] = "Land-loss farmers' pension subsidy"

    monthly_standard: Yuan | None = attrs.field(
        default=None, converter=_to_optional_yuan, validator=_non_negative
    )
    months: int | None = attrs.field(default=None, validator=_optional_whole)

    def __attrs_post_init__(self) -> None:
        """Derive the annual standard from the monthly one, or check they agree."""
        if self.monthly_standard is not None or self.months is not None:
            if self.monthly_standard is None or self.months is None:
                msg = "LandLossPension: give monthly_standard and months together"
                raise InvalidAmountError(msg, field="monthly_standard")
            annual = self.monthly_standard * self.months
            if self.per_capita_standard is None and self.disclosed_amount is None:
                object.__setattr__(self, "per_capita_standard", annual)
            elif self.per_capita_standard != annual:
                msg = (
                    f"LandLossPension: per_capita_standard {self.per_capita_standard} 元 does "
                    f"not equal monthly_standard × months = {annual} 元"
                )
                raise InvalidAmountError(msg, field="per_capita_standard")
        super().__attrs_post_init__()

    @classmethod
    def monthly(cls, *, headcount: int, monthly: AmountLike, months: int = 12) -> LandLossPension:
        """Forward: ``headcount`` persons × ``monthly`` 元 × ``months``."""
        return cls(headcount=headcount, monthly_standard=_to_yuan(monthly), months=months)

    def derivation_in(self, language: Language) -> str:
        """Persons × monthly amount × months, or the backward form for a disclosed amount."""
        if self.monthly_standard is not None and self.months is not None:
            words = _words(language)
            return (
                f"{self.headcount}{words['persons']} × {self.monthly_standard}"
                f"{words['yuan_per_month']} × {self.months}{words['months']} = "
                f"{_money(self.amount, language)}"
            )
        return super().derivation_in(language)


# -- coordinators ------------------------------------------------------------------------
def _positive_whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _whole(instance, attribute, value)
    assert isinstance(value, int)  # narrowing only: _whole has just refused anything else
    if value == 0:
        msg = f"{type(instance).__name__}.{attribute.name}: expected ≥ 1, got 0"
        raise InvalidHeadcountError(msg, field=attribute.name, value=value)


@attrs.frozen
class CoordinatorAllowance:
    """Village coordinator allowance (协办员补贴): villages × coordinators per village × 600 元.

    The headcount is the number of coordinators.

    >>> allowance = CoordinatorAllowance(villages=109)
    >>> allowance.amount, allowance.derivation
    (Yuan('65400.00'), '109 村 × 1 人/村 × 600.00 元 = 65,400.00 元')
    """

    key: ClassVar[str] = "coordinator_allowance"
    name_zh: ClassVar[str] = "村级协办员工作补贴"
    name_en: ClassVar[str] = "Village coordinator allowance"
    headcount_unit: ClassVar[str] = "人"

    villages: int = attrs.field(validator=_whole)
    per_village: int = attrs.field(default=1, validator=_positive_whole)
    per_coordinator: Yuan = attrs.field(
        default=DEFAULT_COORDINATOR_ALLOWANCE, converter=_to_yuan, validator=_non_negative
    )

    @property
    def headcount(self) -> int:
        """The number of coordinators: villages × coordinators per village."""
        return self.villages * self.per_village

    @property
    def basis(self) -> Basis:
        """Always a standard."""
        return Basis.STANDARD

    @property
    def amount(self) -> Yuan:
        """Villages × per village × per coordinator."""
        return self.per_coordinator * self.headcount

    @property
    def per_capita(self) -> Yuan:
        """The allowance per coordinator."""
        return self.per_coordinator

    @property
    def per_capita_exact(self) -> Fraction:
        """The allowance per coordinator, as a Fraction."""
        return Fraction(self.per_coordinator.value)

    @property
    def derivation(self) -> str:
        """``109 村 × 1 人/村 × 600.00 元 = 65,400.00 元``."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from the values."""
        words = _words(language)
        return (
            f"{self.villages}{words['villages']} × {self.per_village}{words['per_village']} × "
            f"{self.per_coordinator}{words['yuan']} = {_money(self.amount, language)}"
        )


# -- contribution subsidy by grade -------------------------------------------------------
@attrs.frozen
class GradeTier:
    """One contribution grade (缴费档次): its payers and the subsidy per payer."""

    grade: Yuan = attrs.field(converter=_to_yuan, validator=_non_negative)
    payers: int = attrs.field(validator=_whole)
    subsidy: Yuan = attrs.field(converter=_to_yuan, validator=_non_negative)

    @property
    def amount(self) -> Yuan:
        """Payers × subsidy."""
        return self.subsidy * self.payers


def _tiers(value: Iterable[object]) -> tuple[GradeTier, ...]:
    tiers: list[GradeTier] = []
    for tier in value:
        if not isinstance(tier, GradeTier):
            msg = f"TieredContributionSubsidy.tiers: expected GradeTier items, got {tier!r}"
            raise InvalidAmountError(msg, field="tiers", value=tier)
        tiers.append(tier)
    grades = [tier.grade for tier in tiers]
    if len(set(grades)) != len(grades):
        msg = f"TieredContributionSubsidy.tiers: each grade once, got {[str(g) for g in grades]}"
        raise InvalidAmountError(msg, field="tiers", value=grades)
    return tuple(sorted(tiers, key=lambda tier: tier.grade))


@attrs.frozen
class TieredContributionSubsidy:
    """Contribution subsidy by grade: Σ payers per grade × subsidy per grade.

    >>> tiered = TieredContributionSubsidy(tiers=[
    ...     GradeTier(grade="100", payers=1000, subsidy="30"),
    ...     GradeTier(grade="500", payers=200, subsidy="60"),
    ... ])
    >>> tiered.headcount, tiered.amount, tiered.per_capita
    (1200, Yuan('42000.00'), Yuan('35.00'))
    >>> tiered.derivation
    '100.00 元档 1000 人 × 30.00 元 + 500.00 元档 200 人 × 60.00 元 = 42,000.00 元'
    """

    key: ClassVar[str] = "contribution_subsidy"
    name_zh: ClassVar[str] = ContributionSubsidy.name_zh
    name_en: ClassVar[str] = ContributionSubsidy.name_en
    headcount_unit: ClassVar[str] = "人"

    tiers: tuple[GradeTier, ...] = attrs.field(converter=_tiers)

    @property
    def headcount(self) -> int:
        """All payers."""
        return sum(tier.payers for tier in self.tiers)

    @property
    def basis(self) -> Basis:
        """Always a standard."""
        return Basis.STANDARD

    @property
    def amount(self) -> Yuan:
        """Σ payers × subsidy."""
        return sum((tier.amount for tier in self.tiers), Yuan(0))

    @property
    def per_capita_exact(self) -> Fraction | None:
        """Average subsidy per payer (None with no payers)."""
        if not self.headcount:
            return None
        return Fraction(self.amount.value) / self.headcount

    @property
    def per_capita(self) -> Yuan | None:
        """Average subsidy per payer rounded to 分 (None with no payers)."""
        exact = self.per_capita_exact
        return None if exact is None else Yuan(round_half_up(exact))

    @property
    def derivation(self) -> str:
        """Each grade's payers × subsidy, summed."""
        return self.derivation_in("zh")

    def derivation_in(self, language: Language) -> str:
        """The derivation in ``language`` (``"zh"`` or ``"en"``), built from the values."""
        words = _words(language)
        if not self.tiers:
            return f"{words['no_grades']}{_money(Yuan(0), language)}"
        parts = " + ".join(
            f"{tier.grade}{words['grade']}{tier.payers}{words['persons']} × "
            f"{tier.subsidy}{words['yuan']}"
            for tier in self.tiers
        )
        return f"{parts} = {_money(self.amount, language)}"


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
