"""The components paid per person: one standard per person, or an amount as disclosed.

缴费补贴 (:class:`ContributionSubsidy`), 重度 / 轻度残疾人代缴, 建档立卡贫困户代缴, 村干部补贴
and 失地农民养老补贴 (:class:`LandLossPension`, also by month) share one rule: forward,
headcount × standard; backward, disclosed amount ÷ the headcount it was stated for.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.model.component_checks import (
    _non_negative,
    _optional_whole,
    _to_optional_yuan,
    _to_yuan,
    _whole,
)
from pension_subsidy.model.component_protocol import Basis
from pension_subsidy.model.derivation import (
    Derivation,
    Operand,
    backward_derivation,
    headcount_operand,
)
from pension_subsidy.model.derivation_words import Language, _money, _words
from pension_subsidy.model.fen import MAX_FEN, fen_of, half_up, yuan_of
from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.money import AmountLike, Yuan, round_half_up

__all__ = [
    "ContributionSubsidy",
    "LandLossPension",
    "MildDisabilityProxy",
    "PovertyHouseholdProxy",
    "SevereDisabilityProxy",
    "VillageCadreSubsidy",
]


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
            said: dict[str, object] = {"at": f"{name}: "}
            raise InvalidAmountError(
                code="component.standard_or_disclosed", params=said, field="per_capita_standard"
            )
        if self.disclosed_amount is None and self.disclosed_headcount is not None:
            said = {"at": f"{name}: "}
            raise InvalidHeadcountError(
                code="component.disclosed_headcount", params=said, field="disclosed_headcount"
            )
        if self.disclosed_amount is not None and self.disclosed_headcount is None:
            object.__setattr__(self, "disclosed_headcount", self.headcount)
        if (
            self.disclosed_headcount == 0
            and self.headcount != 0
            and self.disclosed_amount is not None
            and self.disclosed_amount
        ):
            said = {
                "at": f"{name}: ",
                "amount": self.disclosed_amount,
                "headcount": str(self.headcount),
            }
            raise InvalidHeadcountError(
                code="component.scale_from_zero",
                params=said,
                field="headcount",
                value=self.headcount,
            )

    @classmethod
    def standard(cls, *, headcount: int, per_capita: AmountLike) -> Any:
        """Forward: ``headcount`` persons × ``per_capita`` 元 each."""
        return cls(headcount=headcount, per_capita_standard=_to_yuan(per_capita))

    @classmethod
    def disclosed(cls, *, headcount: int, amount: AmountLike) -> Any:
        """Backward: ``amount`` 元 as disclosed for ``headcount`` persons."""
        return cls(headcount=headcount, disclosed_amount=_to_yuan(amount))

    @property
    def kind(self) -> ComponentKind:
        """The catalogue entry of the component's kind (``data/kinds/kinds.toml``)."""
        return bundled_kinds().get(self.key)

    @property
    def formula(self) -> Formula:
        """``per_person_year``: persons × a yearly amount (the kind's formula when disclosed)."""
        return Formula.PER_PERSON_YEAR

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
        if not self.disclosed_headcount:  # a disclosed amount for 0 persons, headcount still 0
            return self.disclosed_amount
        # headcount × (amount ÷ its headcount), rounded once: in whole 分, exactly
        fen = half_up(fen_of(self.disclosed_amount) * self.headcount, self.disclosed_headcount)
        if fen <= MAX_FEN:
            return yuan_of(fen)
        return Yuan.rounded(
            Fraction(self.disclosed_amount.value) / self.disclosed_headcount * self.headcount
        )

    def derivation_value(self) -> Derivation:
        """The derivation as a value: headcount × standard, or the disclosed amount's form.

        >>> SevereDisabilityProxy.standard(headcount=2, per_capita="60").derivation_value().result
        Operand(value=Yuan('120.00'), unit='yuan', own_unit=None)
        """
        counted = headcount_operand(self.headcount, self.headcount_unit)
        if self.per_capita_standard is not None:
            each = Operand(self.per_capita_standard, "yuan_each")
            return Derivation("×", (counted, each), Operand(self.amount, "yuan"))
        assert self.disclosed_amount is not None  # no standard, so an amount (__attrs_post_init__)
        assert self.disclosed_headcount is not None  # set with the amount (__attrs_post_init__)
        return backward_derivation(
            headcount=self.headcount,
            headcount_unit=self.headcount_unit,
            disclosed=self.disclosed_amount,
            disclosed_headcount=self.disclosed_headcount,
            per_capita=self.per_capita,
            amount=self.amount,
        )

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
                raise InvalidAmountError(
                    code="component.monthly_together", field="monthly_standard"
                )
            annual = self.monthly_standard * self.months
            if self.per_capita_standard is None and self.disclosed_amount is None:
                object.__setattr__(self, "per_capita_standard", annual)
            elif self.per_capita_standard != annual:
                said = {"standard": self.per_capita_standard, "annual": annual}
                raise InvalidAmountError(
                    code="component.monthly_mismatch", params=said, field="per_capita_standard"
                )
        super().__attrs_post_init__()

    @classmethod
    def monthly(cls, *, headcount: int, monthly: AmountLike, months: int = 12) -> LandLossPension:
        """Forward: ``headcount`` persons × ``monthly`` 元 × ``months``."""
        return cls(headcount=headcount, monthly_standard=_to_yuan(monthly), months=months)

    @property
    def formula(self) -> Formula:
        """``per_person_month`` with a monthly standard, else ``per_person_year``."""
        if self.monthly_standard is not None:
            return Formula.PER_PERSON_MONTH
        return Formula.PER_PERSON_YEAR

    def derivation_value(self) -> Derivation:
        """Persons × monthly amount × months, or the form of the annual or disclosed figure."""
        if self.monthly_standard is not None and self.months is not None:
            operands = (
                Operand(self.headcount, "persons"),
                Operand(self.monthly_standard, "yuan_per_month"),
                Operand(self.months, "months"),
            )
            return Derivation("×", operands, Operand(self.amount, "yuan"))
        return super().derivation_value()

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
