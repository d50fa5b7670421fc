"""Components from the goal prose: keywords, headcounts and amounts in any order."""

from __future__ import annotations

import pytest

from pension_subsidy import CoordinatorAllowance, Yuan
from pension_subsidy.disclosure import StatedQuantity, read_goal_prose


def read(*goals: str) -> list[tuple[str, int, Yuan]]:
    return [(c.key, c.headcount, c.amount) for c in read_goal_prose(goals).components]


class TestComponents:
    def test_seed_sentence(self):
        """The seed's goal reads as its six components, the insured count set apart."""
        goal = (
            "目标一：2022年全年确保完成城乡居民养老保险目标任务91700人参保，预计缴费71104人，"
            "预计县级缴费补贴138.6万元，重度残疾人1025人，财政代缴6.2万，轻度残疾人1238人，"
            "财政代缴1.2万元，村干部547人，县级补贴4.8万元，失地农民享受待遇人数30人，"
            "养老补贴4.3万元，建档立卡贫困户6969人，财政代缴13.9万元。"
        )
        reading = read_goal_prose([goal])
        assert [
            ("contribution_subsidy", 71104, Yuan(1386000)),
            ("severe_disability_proxy", 1025, Yuan(62000)),
            ("mild_disability_proxy", 1238, Yuan(12000)),
            ("village_cadre_subsidy", 547, Yuan(48000)),
            ("land_loss_pension", 30, Yuan(43000)),
            ("poverty_household_proxy", 6969, Yuan(139000)),
        ] == [(c.key, c.headcount, c.amount) for c in reading.components]
        assert (
            StatedQuantity(
                "insured", 91700, "2022年全年确保完成城乡居民养老保险目标任务91700人参保"
            ),
            StatedQuantity("payers", 71104, "预计缴费71104人"),
        ) == reading.prose.quantities
        assert reading.prose.notes == ()

    @pytest.mark.parametrize(
        "goal",
        [
            "重度残疾人1,025人，财政代缴6.2万",
            "财政代缴6.2万，重度残疾人1025人",
            "重度残疾人财政代缴6.2万元，共1025人",
            "为1,025名重度残疾人代缴62,000元",
            "重度残疾人1025人、财政代缴6.2万元。",
            "重度残疾人1025人,财政代缴6.2万元;",
            "重度残疾人１０２５人，财政代缴６．２万元",
        ],
    )
    def test_any_order_separator_and_unit(self, goal):
        """Headcount and amount pair with the keyword in any order, unit and punctuation."""
        assert [("severe_disability_proxy", 1025, Yuan(62000))] == read(goal)

    def test_amount_first_for_several(self):
        """Amount-first phrasing pairs each amount with the keyword after it."""
        goal = "财政代缴6.2万，重度残疾人1025人，财政代缴1.2万元，轻度残疾人1238人"
        assert [("severe_disability_proxy", 1025, Yuan(62000)),
                ("mild_disability_proxy", 1238, Yuan(12000))] == read(goal)  # fmt: skip

    def test_mixed_orders(self):
        """One clause keyword-first, the next amount-first, in one sentence."""
        goal = "村干部547人，县级补贴4.8万元，养老补贴4.3万元，失地农民30人"
        assert [("village_cadre_subsidy", 547, Yuan(48000)),
                ("land_loss_pension", 30, Yuan(43000))] == read(goal)  # fmt: skip

    def test_poverty_keywords_merge(self):
        """建档立卡 and 贫困 of one phrase are one component; 贫困 alone is recognised too."""
        assert [("poverty_household_proxy", 6969, Yuan(139000))] == read(
            "建档立卡贫困户6969人，财政代缴13.9万元"
        )
        assert [("poverty_household_proxy", 100, Yuan(10000))] == read("贫困人口100人，代缴1万元")

    def test_ten_thousand_persons(self):
        """1.2万人 is 12,000 persons."""
        assert [("contribution_subsidy", 12000, Yuan(240000))] == read("缴费补贴1.2万人，共24万元")


class TestNotes:
    def test_keyword_without_numbers_is_reported(self):
        """A keyword without headcount and amount gives a note and no component."""
        reading = read_goal_prose(["做好重度残疾人代缴工作，村干部547人，县级补贴4.8万元"])
        assert [c.key for c in reading.components] == ["village_cadre_subsidy"]
        assert len(reading.prose.notes) == 1
        assert "重度残疾" in reading.prose.notes[0].message_zh

    def test_ambiguous_pairing_is_reported_not_guessed(self):
        """Two headcounts around one amount: read keyword-first, and the choice is reported."""
        reading = read_goal_prose(["100人，重度残疾人代缴6.2万元，1025人"])
        assert [(c.key, c.headcount) for c in reading.components] == [
            ("severe_disability_proxy", 1025)
        ]
        assert "more than one way; read with each keyword before" in (
            reading.prose.notes[0].message_en
        )
        assert "'100人' belongs to no recognisable component" in reading.prose.notes[1].message_en

    def test_one_missing_headcount_keeps_the_other_components(self):
        """A clause without its headcount is reported; the clauses around it are still read."""
        reading = read_goal_prose(["重度残疾人1025人，财政代缴6.2万，轻度残疾人，财政代缴1.2万元，"
                                   "村干部547人，县级补贴4.8万元"])  # fmt: skip
        assert [(c.key, c.headcount) for c in reading.components] == [
            ("severe_disability_proxy", 1025),
            ("village_cadre_subsidy", 547),
        ]
        assert any("'轻度残疾' has no headcount" in n.message_en for n in reading.prose.notes)

    def test_stray_figure_is_reported(self):
        """A figure beside the components that belongs to none is reported."""
        reading = read_goal_prose(["村干部547人，县级补贴4.8万元，另安排3万元"])
        assert [c.key for c in reading.components] == ["village_cadre_subsidy"]
        assert [n.message_en for n in reading.prose.notes] == [
            "the figure '3万元' belongs to no recognisable component"
        ]

    def test_duplicate_component_is_reported(self):
        """The same component twice: the first is read, the second reported."""
        reading = read_goal_prose(["村干部547人，补贴4.8万元；村干部500人，补贴4万元"])
        assert [(c.key, c.headcount) for c in reading.components] == [
            ("village_cadre_subsidy", 547)
        ]
        assert "stated twice" in reading.prose.notes[0].message_en

    def test_sentences_without_keywords_give_nothing(self):
        """Goals without component keywords give no components and no notes."""
        reading = read_goal_prose(["组织培训28次，印刷手册500份，发放宣传手册"])
        assert (reading.components, reading.prose.notes) == ((), ())


class TestCoordinators:
    def test_seed_phrasing(self):
        """Villages, one per village and 600 元 give 109 × 1 × 600."""
        reading = read_goal_prose(
            ["全县共12个乡镇109个行政村，年底保证每个村一个协办员发放600元工作补贴。",
             "每个村级协办员每年发放600元。"]
        )  # fmt: skip
        assert (CoordinatorAllowance(villages=109, per_village=1, per_coordinator=Yuan(600)),) == (
            reading.components
        )
        assert (StatedQuantity("villages", 109, "109个行政村"),) == reading.prose.quantities

    def test_two_per_village(self):
        """每村2名协办员 gives two coordinators a village."""
        (allowance,) = read_goal_prose(["全县58个村，每村2名协办员，每人每年补贴800元"]).components
        assert (58, 2, Yuan(92800)) == (allowance.villages, allowance.per_village, allowance.amount)

    def test_unstated_per_village_is_noted(self):
        """Without 每村…协办员, one per village is taken and a note says so."""
        reading = read_goal_prose(["全县109个行政村，协办员补贴600元"])
        assert reading.components[0].headcount == 109
        assert "one per village is assumed" in reading.prose.notes[0].message_en

    def test_missing_standard_is_reported(self):
        """协办员 without a standard in 元 gives no allowance and a note."""
        reading = read_goal_prose(["全县109个行政村，每村一个协办员"])
        assert reading.components == ()
        assert "allowance per coordinator in 元 is not stated" in reading.prose.notes[0].message_en

    def test_two_village_counts_are_reported(self):
        """Two different village counts are not chosen between."""
        reading = read_goal_prose(["全县109个行政村，另有12个村，每村一个协办员600元"])
        assert reading.components == ()
        assert "village count is not unique (12, 109)" in reading.prose.notes[0].message_en
