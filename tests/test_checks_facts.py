"""One checker per fact: the audit and the plan check decide each shared fact alike."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from pension_subsidy import audit, load_dataset, parse_disclosure, plan_check
from pension_subsidy.disclosure import load_bundled_disclosure
from pension_subsidy.disclosure.checks.facts import (
    Fact,
    all_counts_agree,
    ceiling_facts,
    counts_agree,
)
from pension_subsidy.evaluation.plan_check import FindingKind, FindingStatus
from pension_subsidy.model.indicators import Comparator
from tests.disclosure_helpers import variant

GE, GT, LE, LT = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT

#: the coordinator allowance's insured target written as a bare number
BARE_INSURED = ("养老保险参保人数 ≥91700人", "养老保险参保人数 91700人")


def planted(*changes: tuple[str, str]):
    return parse_disclosure(variant(*changes), name="planted.txt")


class TestCountsAgree:
    @pytest.mark.parametrize(
        ("first", "second", "expected"),
        [
            ((GE, 91700), (None, 96410), True),  # 96,410 is at least 91,700
            ((None, 91700), (None, 96410), False),
            ((None, 91700), (None, 91700), True),
            ((GT, 98), (LT, 99), False),  # no whole count lies strictly between 98 and 99
            ((GT, 98), (LT, 100), True),  # 99
            ((LE, 5), (GE, 5), True),  # 5
            ((LT, 5), (GT, 5), False),
            ((GE, 10), (GE, 20), True),
            ((LE, 10), (None, 11), False),
        ],
    )
    def test_by_hand(self, first, second, expected):
        (one, a), (two, b) = first, second
        assert counts_agree(one, Decimal(a), two, Decimal(b)) is expected
        assert counts_agree(two, Decimal(b), one, Decimal(a)) is expected

    def test_three_statements(self):
        """≥91700 agrees with each; the bare 91700 and 96410 do not agree with each other."""
        stated = [(GE, Decimal(91700)), (None, Decimal(91700)), (None, Decimal(96410))]
        assert not all_counts_agree(stated)
        assert all_counts_agree([stated[0], stated[2]])


class TestInsuredOneFact:
    def test_comparator_honoured(self):
        """≥91700人 against 预计参保人数 96410人: both can hold, the plan check says ok."""
        (finding,) = [f for f in plan_check(load_dataset()) if f.kind is FindingKind.INSURED]
        assert (finding.status, finding.target, finding.figure, finding.difference) == (
            FindingStatus.OK,
            Decimal(91700),
            Decimal(96410),
            Decimal(4710),
        )

    def test_bare_target_is_a_mismatch(self):
        """A bare 91700人 against 96410人 cannot both hold: a mismatch."""
        budget = planted(BARE_INSURED).budget
        (finding,) = [f for f in plan_check(budget) if f.kind is FindingKind.INSURED]
        assert finding.status is FindingStatus.MISMATCH

    @pytest.mark.parametrize("changes", [(), (BARE_INSURED,)])
    def test_audit_reports_two_numbers_plan_check_a_missed_target(self, changes):
        """The audit reports two stated numbers for one count (a reader cannot tell which is
        meant); the plan check reports only a target the plan's figure cannot meet."""
        budget = planted(*changes).budget
        audited = any(f.code == "quantity.mismatch" for f in audit(budget))
        planned = any(
            f.status is FindingStatus.MISMATCH
            for f in plan_check(budget)
            if f.kind is FindingKind.INSURED
        )
        assert (audited, planned) == (True, bool(changes))

    def test_goal_prose_still_contradicts(self):
        """With the prose, the goal's bare 91700 against 96410 remains the audit's error."""
        (finding,) = [f for f in audit(load_bundled_disclosure()) if f.code == "quantity.mismatch"]
        assert finding.values["values"] == [91700, 96410]
        assert "（91,700与96,410）" in finding.message_zh
        assert " vs " not in finding.message_zh


class TestCeilings:
    def test_part_ceiling_against_the_remainder(self):
        """宣传成本 ≤6万元 in the 175万 fund whose components add up to 169万: 6 of 6 left."""
        findings = plan_check(load_dataset())
        (finding,) = [f for f in findings if f.indicator == "养老保险补贴政策宣传成本"]
        assert (finding.kind, finding.status, finding.figure_label) == (
            FindingKind.COST_WITHIN_REMAINDER,
            FindingStatus.OK,
            "unitemised remainder",
        )
        assert (finding.target, finding.figure, finding.difference) == (6, 6, 0)

    def test_part_ceiling_beyond_the_remainder(self):
        """≤8万元 where 175 − 169 = 6 万元 are left: a warning, 2 万元 beyond; the audit agrees."""
        disclosure = planted(
            ("养老保险补贴政策宣传成本 ≤ 6万元", "养老保险补贴政策宣传成本 ≤ 8万元")
        )
        findings = plan_check(disclosure.budget)
        (finding,) = [f for f in findings if f.indicator == "养老保险补贴政策宣传成本"]
        assert (finding.status, finding.target, finding.figure, finding.difference) == (
            FindingStatus.WARNING,
            8,
            6,
            -2,
        )
        codes = [f.code for f in audit(disclosure)]
        assert "cost.ceilings_exceed_headroom" in codes

    def test_facts_of_the_fund(self):
        """The fund's own ceiling covers 169 of 175 万; the publicity ceiling binds and fits."""
        fund = load_dataset().project("county_supporting_fund")
        facts = [
            (r.fact, r.indicator.name, r.stated, r.computed, r.holds) for r in ceiling_facts(fund)
        ]
        assert facts == [
            (Fact.WITHIN_CEILING, "养老保险县级财政补贴", 1750000, 1690000, True),
            (Fact.CEILING_BINDS, "养老保险补贴政策宣传成本", 60000, 1750000, True),
            (Fact.WITHIN_REMAINDER, "养老保险补贴政策宣传成本", 60000, 60000, True),
        ]

    @pytest.mark.parametrize(
        "changes",
        [(), (("单位工作运转成本 ≤13.8万", "单位工作运转成本 ≤8万"),)],
    )
    def test_cannot_bind_alike(self, changes):
        """A ceiling above the appropriation: the audit warns exactly where the plan check does."""
        disclosure = planted(*changes)
        audited = {
            f.values["ceiling_yuan"]
            for f in audit(disclosure)
            if f.code == "cost.ceiling_above_appropriation"
        }
        planned = {
            str(f.target)
            for f in plan_check(disclosure.budget)
            if f.kind is FindingKind.COST_WITHIN_APPROPRIATION and f.status is FindingStatus.WARNING
        }
        assert len(audited) == len(planned) == (0 if changes else 1)


_CJK_OUTSIDE_QUOTES = re.compile(r"[\u4e00-\u9fff]")


def _unquoted(message: str) -> str:
    """The message without the table's own words, quoted as '…' (not the project's)."""
    return re.sub(r"(?<![A-Za-z])'[^']*'", "", message)


class TestEnglishMessages:
    def test_money_in_english_words(self):
        """The English messages say wan yuan and yuan, never 万元 or 元."""
        for finding in audit(load_bundled_disclosure()):
            if finding.code == "rate.inconsistent":  # names the rate keyword as the table does
                continue
            assert not _CJK_OUTSIDE_QUOTES.search(_unquoted(finding.message_en)), finding.message_en

    def test_remainder_in_wan_yuan(self):
        (finding,) = [
            f for f in audit(load_bundled_disclosure()) if f.code == "project.unitemised_remainder"
        ]
        assert finding.message_en.startswith(
            "the components add up to 169.00 wan yuan of the project's 175.00 wan yuan: "
            "6.00 wan yuan are not itemised"
        )

    def test_standard_mismatch_derivation_in_english(self):
        """6.6 万元 paid for 109 × 600 元 = 6.54 万元: the derivation in English words."""
        disclosure = planted(("全年发放工作补助 6.54万元", "全年发放工作补助 6.6万元"))
        (finding,) = [f for f in audit(disclosure) if f.code == "standard.amount_mismatch"]
        assert finding.values["difference_yuan"] == "600.00"
        assert not _CJK_OUTSIDE_QUOTES.search(finding.message_en), finding.message_en
        assert "wan yuan (difference 0.06 wan yuan)" in finding.message_en
