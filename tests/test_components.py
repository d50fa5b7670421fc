"""Supporting-fund components: standards (forward) and disclosed amounts (backward)."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    COMPONENT_TYPES,
    Basis,
    Component,
    ContributionSubsidy,
    CoordinatorAllowance,
    GradeTier,
    InvalidAmountError,
    InvalidHeadcountError,
    LandLossPension,
    MildDisabilityProxy,
    PovertyHouseholdProxy,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    VillageCadreSubsidy,
    Yuan,
)
from tests.strategies import components, headcounts, per_capitas


class TestForward:
    def test_severe_disability_at_sixty(self) -> None:
        """1,025 persons × 60 元 = 61,500 元, with its derivation."""
        severe = SevereDisabilityProxy.standard(headcount=1025, per_capita="60")
        assert severe.amount == Yuan("61500")
        assert severe.per_capita == Yuan("60")
        assert severe.basis is Basis.STANDARD
        assert severe.derivation == "1025 人 × 60.00 元 = 61,500.00 元"

    def test_poverty_household_at_solved_standard(self) -> None:
        """6,969 persons × 28.55 元 = 198,964.95 元 (hand-checked)."""
        poverty = PovertyHouseholdProxy.standard(headcount=6969, per_capita="28.55")
        assert poverty.amount == Yuan("198964.95")

    def test_land_loss_monthly(self) -> None:
        """30 persons × 120 元 a month × 12 months = 43,200 元."""
        land = LandLossPension.monthly(headcount=30, monthly="120", months=12)
        assert land.amount == Yuan("43200")
        assert land.per_capita == Yuan("1440")
        assert land.derivation == "30 人 × 120.00 元/月 × 12 月 = 43,200.00 元"

    def test_land_loss_monthly_must_agree(self) -> None:
        """An annual standard that contradicts monthly × months is refused."""
        with pytest.raises(InvalidAmountError, match="does not equal"):
            LandLossPension(
                headcount=1,
                per_capita_standard=Yuan(100),
                monthly_standard=Yuan(10),
                months=12,
            )
        with pytest.raises(InvalidAmountError, match="together"):
            LandLossPension(headcount=1, monthly_standard=Yuan(10))

    def test_coordinators(self) -> None:
        """109 villages × 1 coordinator × 600 元 = 65,400 元."""
        allowance = CoordinatorAllowance(villages=109)
        assert allowance.headcount == 109
        assert allowance.amount == Yuan("65400")
        assert allowance.per_capita == Yuan(600)
        assert allowance.per_capita_exact == Fraction(600)
        assert allowance.basis is Basis.STANDARD

    def test_two_coordinators_per_village(self) -> None:
        """Coordinators per village multiply the headcount."""
        assert CoordinatorAllowance(villages=10, per_village=2).amount == Yuan(12000)

    def test_tiered(self) -> None:
        """Payers per grade × subsidy per grade, summed; average per payer."""
        tiered = TieredContributionSubsidy(
            tiers=[
                GradeTier(grade="500", payers=200, subsidy="60"),
                GradeTier(grade="100", payers=1000, subsidy="30"),
            ]
        )
        assert tiered.headcount == 1200
        assert tiered.amount == Yuan("42000")
        assert tiered.per_capita == Yuan("35")
        assert [tier.grade for tier in tiered.tiers] == [Yuan(100), Yuan(500)]

    def test_tiered_rejects_repeated_grade(self) -> None:
        """A grade listed twice is an error."""
        with pytest.raises(InvalidAmountError, match="each grade once"):
            TieredContributionSubsidy(tiers=[GradeTier(grade="100", payers=1, subsidy="30")] * 2)

    def test_tiered_rejects_non_tier(self) -> None:
        """Tiers must be GradeTier values."""
        with pytest.raises(InvalidAmountError, match="GradeTier"):
            TieredContributionSubsidy(tiers=[("100", 1, "30")])  # type: ignore[list-item]

    def test_tiered_empty(self) -> None:
        """No grades: nothing paid and no per-capita figure."""
        tiered = TieredContributionSubsidy(tiers=[])
        assert (tiered.amount, tiered.per_capita) == (Yuan(0), None)
        assert tiered.derivation == "无缴费档次：0.00 元"
        assert tiered.derivation_in("en") == "no grades: 0.00 yuan"


class TestBackward:
    @pytest.mark.parametrize(
        ("cls", "headcount", "wan", "per_capita"),
        [
            (ContributionSubsidy, 71104, "138.6", "19.49"),
            (SevereDisabilityProxy, 1025, "6.2", "60.49"),
            (MildDisabilityProxy, 1238, "1.2", "9.69"),
            (VillageCadreSubsidy, 547, "4.8", "87.75"),
            (LandLossPension, 30, "4.3", "1433.33"),
            (PovertyHouseholdProxy, 6969, "13.9", "19.95"),
        ],
    )
    def test_seed_per_capita(
        self, cls: type[SevereDisabilityProxy], headcount: int, wan: str, per_capita: str
    ) -> None:
        """Each seed component: amount ÷ headcount, rounded to 分 with 四舍五入."""
        component = cls.disclosed(headcount=headcount, amount=Yuan.from_wan(wan))
        assert component.amount == Yuan.from_wan(wan)
        assert component.per_capita == Yuan(per_capita)
        assert component.basis is Basis.DISCLOSED

    def test_derivation(self) -> None:
        """The backward derivation states the division."""
        severe = SevereDisabilityProxy.disclosed(headcount=1025, amount="62000")
        assert severe.derivation == "62,000.00 元 ÷ 1025 人 = 60.49 元/人（按公开金额倒算）"

    def test_headcount_change_keeps_exact_per_capita(self) -> None:
        """Changing only the headcount scales at the exact disclosed per-capita."""
        severe = SevereDisabilityProxy.disclosed(headcount=1025, amount="62000")
        grown = attrs.evolve(severe, headcount=1100)
        # 1100 × 62000/1025 = 66,536.585… → 66,536.59 (rounded once)
        assert grown.amount == Yuan("66536.59")
        assert grown.per_capita_exact == Fraction(62000, 1025)
        assert "1100 人 × (62,000.00 元 ÷ 1025 人)" in grown.derivation

    def test_zero_headcount_does_not_crash(self) -> None:
        """A disclosed amount over zero persons has no per-capita figure."""
        empty = MildDisabilityProxy.disclosed(headcount=0, amount="500")
        assert empty.per_capita is None
        assert empty.per_capita_exact is None
        assert empty.amount == Yuan(500)
        assert "无人均数" in empty.derivation

    def test_zero_headcount_standard(self) -> None:
        """A standard over zero persons pays nothing and keeps its per-capita."""
        empty = SevereDisabilityProxy.standard(headcount=0, per_capita="60")
        assert (empty.amount, empty.per_capita) == (Yuan(0), Yuan(60))

    def test_cannot_scale_from_zero(self) -> None:
        """A non-zero amount stated for 0 persons cannot be scaled to others."""
        with pytest.raises(InvalidHeadcountError, match="0 persons"):
            attrs.evolve(MildDisabilityProxy.disclosed(headcount=0, amount="500"), headcount=3)


class TestValidation:
    def test_exactly_one_basis(self) -> None:
        """Both or neither of standard and disclosed amount is an error."""
        with pytest.raises(InvalidAmountError, match="exactly one"):
            SevereDisabilityProxy(headcount=1)
        with pytest.raises(InvalidAmountError, match="exactly one"):
            SevereDisabilityProxy(
                headcount=1, per_capita_standard=Yuan(1), disclosed_amount=Yuan(1)
            )

    def test_disclosed_headcount_needs_amount(self) -> None:
        """disclosed_headcount without a disclosed amount is an error."""
        with pytest.raises(InvalidHeadcountError, match="disclosed_headcount"):
            SevereDisabilityProxy(headcount=1, per_capita_standard=Yuan(1), disclosed_headcount=1)

    @pytest.mark.parametrize("headcount", [-1, 1.5, "10", True])
    def test_bad_headcount(self, headcount: object) -> None:
        """Headcounts are whole numbers ≥ 0, and the error names the field."""
        with pytest.raises(InvalidHeadcountError, match="headcount"):
            SevereDisabilityProxy.standard(headcount=headcount, per_capita="60")  # type: ignore[arg-type]

    def test_negative_standard(self) -> None:
        """A negative per-capita standard is refused with its value."""
        with pytest.raises(InvalidAmountError, match=r"-1\.00"):
            SevereDisabilityProxy.standard(headcount=1, per_capita="-1")

    def test_float_standard(self) -> None:
        """A float per-capita standard is refused."""
        with pytest.raises(InvalidAmountError, match="float"):
            SevereDisabilityProxy.standard(headcount=1, per_capita=60.0)  # type: ignore[arg-type]

    def test_zero_coordinators_per_village(self) -> None:
        """A village has at least one coordinator slot."""
        with pytest.raises(InvalidHeadcountError, match="per_village"):
            CoordinatorAllowance(villages=3, per_village=0)

    def test_frozen(self) -> None:
        """Components are immutable; what-ifs use attrs.evolve."""
        severe = SevereDisabilityProxy.standard(headcount=1, per_capita="60")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            severe.headcount = 2  # type: ignore[misc]


class TestProperties:
    def test_registry(self) -> None:
        """Every component key maps to its class, and each satisfies the protocol."""
        assert sorted(COMPONENT_TYPES) == sorted(
            [
                "contribution_subsidy",
                "severe_disability_proxy",
                "mild_disability_proxy",
                "poverty_household_proxy",
                "village_cadre_subsidy",
                "land_loss_pension",
                "coordinator_allowance",
            ]
        )
        assert isinstance(CoordinatorAllowance(villages=1), Component)

    @given(headcounts, per_capitas, st.integers(min_value=0, max_value=50))
    def test_forward_linear_in_headcount(self, headcount: int, per_capita: Yuan, k: int) -> None:
        """A forward amount scales linearly with headcount."""
        one = SevereDisabilityProxy.standard(headcount=headcount, per_capita=per_capita)
        many = SevereDisabilityProxy.standard(headcount=headcount * k, per_capita=per_capita)
        assert many.amount == one.amount * k

    @given(components())
    def test_amount_close_to_headcount_times_per_capita(self, component: Component) -> None:
        """The amount is within half a 分 of headcount × the exact per-capita figure."""
        if component.per_capita is None:
            return
        exact = component.per_capita_exact
        assert exact is not None
        assert abs(Fraction(component.amount.value) - exact * component.headcount) <= Fraction(
            1, 200
        )
