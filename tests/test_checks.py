"""The shared checks: one recogniser per fact, used by the audit and the plan check alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pension_subsidy import Yuan, audit, load_dataset, parse_disclosure, plan_check
from pension_subsidy._text import chinese_numeral, display_width, parse_chinese_numeral
from pension_subsidy.disclosure import load_bundled_disclosure
from pension_subsidy.disclosure.checks.costs import ceiling_binds
from pension_subsidy.disclosure.checks.indicators import (
    cost_ceiling,
    cost_ceilings,
    holds,
    restated_component,
    stated_quantity,
    whole_ceiling,
    whole_count,
)
from pension_subsidy.evaluation.plan_check import FindingKind, FindingStatus, plan_check_data
from pension_subsidy.model.indicators import Comparator
from pension_subsidy.output.plan_check_text import render_plan_check
from tests.disclosure_helpers import honest


@pytest.fixture(scope="module")
def budget():
    return load_bundled_disclosure().budget


def indicator(budget, project: str, name: str):
    return next(i for i in budget.project(project).indicators if i.name == name)


class TestChineseNumerals:
    def test_round_trip(self):
        """Every heading number 1 … 99 reads back as the numeral it is written as."""
        assert [parse_chinese_numeral(chinese_numeral(n)) for n in range(1, 100)] == list(
            range(1, 100)
        )

    def test_spellings(self):
        """十 is 10, 十二 is 12, 二十 is 20; 十十 and 一二 are no numerals (0)."""
        assert [parse_chinese_numeral(t) for t in ("十", "十二", "二十", "十十", "一二")] == [
            10,
            12,
            20,
            0,
            0,
        ]

    def test_zero(self):
        """0 is written 〇 and does not read back as a heading number."""
        assert (chinese_numeral(0), parse_chinese_numeral("〇")) == ("〇", 0)


class TestDisplayWidth:
    def test_wide_and_narrow(self):
        """汉字 and full-width signs take two columns, Latin letters and digits one."""
        assert [display_width(t) for t in ("不一致", "mismatch", "１％", "")] == [6, 8, 4, 0]


class TestRecognisers:
    def test_cost_ceilings_in_yuan(self, budget):
        """The fund's ≤ 175万元 and ≤ 6万元 lines are its ceilings, in 元."""
        found = [(i.name, a) for i, a in cost_ceilings(budget.project("county_supporting_fund"))]
        assert found == [
            ("养老保险县级财政补贴", Yuan(1750000)),
            ("养老保险补贴政策宣传成本", Yuan(60000)),
        ]

    def test_whole_ceiling(self, budget):
        """The ceiling of at least half the appropriation caps the whole project."""
        whole = whole_ceiling(budget.project("county_supporting_fund"))
        assert whole is not None
        assert (whole[0].name, whole[1]) == ("养老保险县级财政补贴", Yuan(1750000))

    def test_count_is_no_ceiling(self, budget):
        """A count (109人) caps no amount."""
        assert cost_ceiling(indicator(budget, "coordinator_allowance", "村级协办员人数")) is None

    def test_stated_quantities(self, budget):
        """Both insured counts are recognised as the insured count, whatever the project."""
        assert [
            stated_quantity(indicator(budget, project, name))
            for project, name in (
                ("coordinator_allowance", "养老保险参保人数"),
                ("county_supporting_fund", "预计参保人数"),
                ("county_supporting_fund", "预计缴费人数"),
            )
        ] == ["insured", "insured", "payers"]

    def test_restated_headcounts(self, budget):
        """预计缴费人数 restates the contribution subsidy's headcount; 参保人数 none."""
        assert [
            restated_component(indicator(budget, "county_supporting_fund", name))
            for name in ("预计缴费人数", "预计参保人数")
        ] == ["contribution_subsidy", None]

    def test_whole_count(self):
        """109 is a count; 1.5 and a word are not."""
        assert [whole_count(t) for t in (Decimal(109), Decimal("1.5"), "健全")] == [109, None, None]

    @pytest.mark.parametrize(
        ("comparator", "expected"),
        [
            (Comparator.GE, True),
            (Comparator.GT, False),
            (Comparator.EQ, True),
            (Comparator.LE, True),
            (Comparator.LT, False),
        ],
    )
    def test_holds_at_equality(self, comparator, expected):
        """At equality only the strict comparators fail."""
        assert holds(comparator, Decimal(175), Decimal(175)) is expected


class TestOneFactTwoCommands:
    def test_ceiling_above_appropriation(self, budget):
        """The 13.8万 ceiling of the 8.5万 work funds cannot bind, for both commands."""
        project = budget.project("work_funds")
        ceiling = cost_ceiling(indicator(budget, "work_funds", "单位工作运转成本"))
        assert (ceiling, ceiling_binds(ceiling, project)) == (Yuan(138000), False)
        (audited,) = [f for f in audit(load_bundled_disclosure()) if f.code.startswith("cost.")]
        assert (audited.code, audited.location.indicator) == (
            "cost.ceiling_above_appropriation",
            "1.单位工作运转成本 ≤13.8万",
        )
        planned = plan_check(budget)[0]
        assert (planned.indicator, planned.status) == ("单位工作运转成本", FindingStatus.WARNING)

    def test_insured_mismatch(self):
        """91,700 against 96,410 insured: both commands see the same two numbers.

        The plan check compares the indicators only: ≥91700 and 96410 can both hold, so it is
        no mismatch there; the audit's mismatch is the goal's bare 91700 against 96410.
        """
        (audited,) = [f for f in audit(load_bundled_disclosure()) if f.code == "quantity.mismatch"]
        (planned,) = [f for f in plan_check(load_dataset()) if f.kind is FindingKind.INSURED]
        assert audited.values["values"] == [91700, 96410]
        assert (planned.target, planned.figure) == (Decimal(91700), Decimal(96410))

    def test_honest_table_agrees(self):
        """With one insured count in the table, neither command finds a mismatch."""
        budget = parse_disclosure(honest(), name="honest.txt").budget
        assert [f for f in plan_check(budget) if f.status is FindingStatus.MISMATCH] == []
        assert audit(budget) == ()


class TestPlanFindingValues:
    def test_insured_links(self):
        """The insured finding names the other project and indicator as values."""
        (finding,) = [f for f in plan_check(load_dataset()) if f.kind is FindingKind.INSURED]
        assert (
            finding.comparator,
            finding.other_project,
            finding.other_indicator,
            finding.figure_label,
        ) == (
            Comparator.GE,
            "county_supporting_fund",
            "预计参保人数",
            "预计参保人数 in county_supporting_fund",
        )

    def test_headcount_component(self):
        """A restated headcount names its component's key; the bare target has no comparator."""
        findings = plan_check(load_dataset())
        (finding,) = [f for f in findings if f.indicator == "村级协办员人数"]
        assert (finding.component, finding.comparator, finding.figure_label) == (
            "coordinator_allowance",
            None,
            "component coordinator_allowance headcount",
        )

    def test_json_shape(self):
        """The JSON keeps the English figure label and exact strings."""
        data = plan_check_data(plan_check(load_dataset()))
        assert data["findings"][6] == {
            "kind": "cost_ceiling",
            "status": "ok",
            "project": "county_supporting_fund",
            "indicator": "养老保险县级财政补贴",
            "target_text": "≤175万元",
            "target": "175",
            "figure": "169",
            "figure_label": "project total",
            "difference": "-6",
            "unit": "万元",
        }

    def test_text_from_values(self):
        """The Chinese text names the other project from its key, not from the English label."""
        budget = load_dataset()
        lines = render_plan_check(budget, plan_check(budget), "zh_CN").splitlines()
        assert lines[4] == (
            "一致     乡镇养老保险协办员工作补贴 [coordinator_allowance] · 养老保险参保人数："
            "目标 ≥91,700 人，城乡居民养老保险县级配套资金 [county_supporting_fund] "
            "预计参保人数 96,410 人，差额 +4,710 人"
        )
