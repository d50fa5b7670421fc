"""Scoring as 财预〔2020〕10号 practice has it: hand-computed examples of each rule, properties."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    Actuals,
    ActualValueError,
    Comparator,
    DataFileError,
    EvaluationError,
    Measured,
    ProjectActuals,
    UnknownKeyError,
    Yuan,
    evaluate,
    load_dataset,
)
from pension_subsidy.cli import main
from pension_subsidy.evaluation.rules_2020 import (
    Band,
    Rules2020,
    band_for_percent,
    execution_rate,
    read_rules_2020,
    rules_2020_10,
    score_execution,
    score_qualitative,
    score_quantitative,
)
from pension_subsidy.evaluation.scoring_2020 import (
    SCORING_CHOICES,
    evaluate_2020,
    evaluate_with,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class TestReverseIndicator:
    """A "≤" (反向) indicator: full when met, linearly down to 0 at twice the target."""

    def test_half_way_to_twice_the_target_scores_half(self) -> None:
        """Target 5, actual 7.5: half-way from 5 to 10, so 50 % of 10 points = 5."""
        result = score_quantitative(Comparator.LE, Decimal(5), Decimal("7.5"), 10)
        assert (result.share, result.score, result.reached) == (Fraction(1, 2), 5, False)
        assert result.rule == "reverse_linear"

    def test_met_scores_full(self) -> None:
        """An actual at or below its ceiling scores the full points."""
        assert score_quantitative(Comparator.LE, Decimal(6), Decimal("5.5"), 4).score == 4
        assert score_quantitative(Comparator.LE, Decimal(6), Decimal(6), 4).score == 4

    def test_twice_the_target_and_beyond_score_nothing(self) -> None:
        """At twice the target the score is 0, and it never goes below 0."""
        assert score_quantitative(Comparator.LE, Decimal(5), Decimal(10), 10).score == 0
        assert score_quantitative(Comparator.LE, Decimal(5), Decimal(12), 10).score == 0

    def test_a_province_may_move_the_zero(self) -> None:
        """With zero at 3 × target, 7.5 against 5 is (15 − 7.5) / (15 − 5) = 75 %."""
        rules = Rules2020(reverse_zero_at="3")
        result = score_quantitative(Comparator.LE, Decimal(5), Decimal("7.5"), 10, rules)
        assert result.share == Fraction(3, 4)

    def test_a_zero_ceiling_exceeded_scores_nothing(self) -> None:
        """A ceiling of 0 (no complaints): any actual above it scores 0."""
        assert score_quantitative(Comparator.LE, Decimal(0), Decimal(1), 5).score == 0
        assert score_quantitative(Comparator.LE, Decimal(0), Decimal(0), 5).score == 5


class TestAtLeastIndicator:
    """ "≥" scores actual ÷ target × points, full when met; ≥ 130 % is flagged."""

    def test_partly_met_is_proportional(self) -> None:
        """95 against ≥ 100 with 10 points scores 9.5."""
        result = score_quantitative(Comparator.GE, Decimal(100), Decimal(95), 10)
        assert (result.score, result.reached, result.far_above) == (Fraction(19, 2), False, False)

    def test_far_above_target_is_flagged(self) -> None:
        """130 % of the target is flagged for a reason; 129.99 % is not; both score full."""
        at = score_quantitative(Comparator.GE, Decimal(100), Decimal(130), 10)
        below = score_quantitative(Comparator.GE, Decimal(100), Decimal("129.99"), 10)
        assert (at.far_above, at.score) == (True, 10)
        assert (below.far_above, below.score) == (False, 10)

    def test_equal_is_scored_as_at_least(self) -> None:
        """ "=" 12 with 13 achieved scores full (as ≥); 9 scores 9/12 × 6 = 4.5."""
        assert score_quantitative(Comparator.EQ, Decimal(12), Decimal(13), 6).score == 6
        assert score_quantitative(Comparator.EQ, Decimal(12), Decimal(9), 6).score == Fraction(9, 2)

    def test_equal_scored_exactly_when_the_rules_say_so(self) -> None:
        """With equal_as = "exact", 13 against = 12 scores 6 × 12/13."""
        rules = Rules2020(equal_as="exact")
        result = score_quantitative(Comparator.EQ, Decimal(12), Decimal(13), 6, rules)
        assert (result.score, result.rule) == (Fraction(72, 13), "equal_exact")

    def test_a_target_of_zero_is_met_by_anything(self) -> None:
        """≥ 0 is met by any actual (no ratio to compute)."""
        result = score_quantitative(Comparator.GE, Decimal(0), Decimal(0), 3)
        assert (result.score, result.ratio) == (3, None)


class TestQualitativeBands:
    """The evaluator chooses inside a band; the choice (or the default) is recorded."""

    def test_defaults(self) -> None:
        """Achieved 100 %, partly 70 %, not achieved 0 % of 10 points by default."""
        scores = [score_qualitative(band, 10) for band in Band]
        assert [(s.score, s.chosen_percent, s.chosen_by_default) for s in scores] == [
            (10, 100, True),
            (7, 70, True),
            (0, 0, True),
        ]

    def test_a_choice_inside_the_band_is_recorded(self) -> None:
        """85 % of 10 points in the achieved band scores 8.5 and records 85 as chosen."""
        result = score_qualitative(Band.ACHIEVED, 10, "85")
        assert (result.score, result.chosen_percent, result.chosen_by_default) == (
            Fraction(17, 2),
            85,
            False,
        )
        assert result.band is Band.ACHIEVED
        assert result.reached

    def test_a_choice_outside_the_band_is_refused(self) -> None:
        """90 % is not in the partly-achieved band (60–80 %)."""
        with pytest.raises(EvaluationError, match="90 % lies outside the band partly"):
            score_qualitative(Band.PARTLY, 10, "90")

    def test_band_of_a_percentage(self) -> None:
        """A shared end belongs to the higher band: 80 achieved, 60 partly, 59.9 not."""
        assert [band_for_percent(Fraction(p)) for p in (100, 80, 79, 60)] == [
            Band.ACHIEVED,
            Band.ACHIEVED,
            Band.PARTLY,
            Band.PARTLY,
        ]
        assert band_for_percent(Fraction("59.9")) is Band.NOT_ACHIEVED


class TestExecution:
    """Execution: executed ÷ the adjusted budget, rate × points, capped at the points."""

    def test_ninety_nine_percent_of_ten_points(self) -> None:
        """99 % of the adjusted budget with 10 points scores 9.9."""
        result = score_execution(Yuan("990000"), Yuan("1000000"), 10)
        assert (result.ratio, result.score) == (Fraction(99, 100), Fraction(99, 10))

    def test_capped_at_the_points(self) -> None:
        """Spending 120 % scores the points, not 12."""
        assert score_execution(Yuan("120"), Yuan("100"), 10).score == 10

    def test_zero_budget(self) -> None:
        """A budget of 0: no rate, the full points."""
        assert execution_rate(Yuan(0), Yuan(0)) is None
        assert score_execution(Yuan(0), Yuan(0), 10).score == 10

    @given(
        budget=st.integers(min_value=1, max_value=10**9),
        spent=st.tuples(
            st.integers(min_value=0, max_value=2 * 10**9),
            st.integers(min_value=0, max_value=2 * 10**9),
        ),
        points=st.fractions(min_value=0, max_value=30, max_denominator=20),
    )
    def test_monotone_in_the_rate(
        self, budget: int, spent: tuple[int, int], points: Fraction
    ) -> None:
        """More spent against the same budget never scores less, nor above the points."""
        low, high = sorted(spent)
        lower = score_execution(Yuan(low), Yuan(budget), points).score
        higher = score_execution(Yuan(high), Yuan(budget), points).score
        assert lower <= higher <= points


_numbers = st.integers(min_value=0, max_value=10**8).map(lambda n: Decimal(n).scaleb(-2))


class TestNeverAboveThePoints:
    """Whatever the comparator, target and actual, the score lies in [0, points]."""

    @given(
        comparator=st.sampled_from(list(Comparator)),
        target=_numbers,
        actual=_numbers,
        points=st.fractions(min_value=0, max_value=50, max_denominator=60),
        equal_as=st.sampled_from(["ge", "exact"]),
    )
    def test_quantitative(
        self,
        comparator: Comparator,
        target: Decimal,
        actual: Decimal,
        points: Fraction,
        equal_as: str,
    ) -> None:
        """0 ≤ score ≤ points for every quantitative indicator."""
        rules = Rules2020(equal_as=equal_as)
        result = score_quantitative(comparator, target, actual, points, rules)
        assert 0 <= result.score <= points

    @given(
        band=st.sampled_from(list(Band)),
        percent=st.fractions(min_value=0, max_value=100, max_denominator=10),
        points=st.fractions(min_value=0, max_value=50, max_denominator=60),
    )
    def test_qualitative(self, band: Band, percent: Fraction, points: Fraction) -> None:
        """A chosen percentage inside its band scores at most the points."""
        chosen = percent if rules_2020_10().band(band).contains(percent) else None
        assert 0 <= score_qualitative(band, points, chosen).score <= points


class TestRulesFile:
    """The bundled rules file and a province's own."""

    def test_bundled(self) -> None:
        """The bundled file: 10/50/30/10, = as ≥, zero at 2×, 130 %, three bands."""
        rules = rules_2020_10()
        assert (rules.weights.budget_execution, rules.weights.output) == (10, 50)
        assert rules.equal_as is Comparator.GE
        assert rules.band(Band.PARTLY).default == 70

    def test_a_wrong_file_names_itself(self) -> None:
        """A band whose default lies outside it is refused naming the file."""
        data = {"qualitative": {"partly": {"low": "60", "high": "80", "default": "90"}}}
        with pytest.raises(DataFileError, match=r"province\.toml"):
            Rules2020.from_mapping(data, source="province.toml")

    def test_grades(self) -> None:
        """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""
        rules = rules_2020_10()
        grades = [rules.grade(Decimal(s)).value for s in ("90", "89.99", "60", "59.99")]
        assert grades == ["优", "良", "中", "差"]


class TestEvaluateWith:
    """evaluate with the 10号 rules: the same result type, differences only where rules differ."""

    def test_default_is_current(self) -> None:
        """evaluate_with's default reproduces evaluate exactly."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        actuals = Actuals([ProjectActuals.all_met(fund, spent=Yuan.from_wan("172"))])
        assert SCORING_CHOICES[0] == "current"
        assert evaluate_with(budget, actuals) == evaluate(budget, actuals)

    def test_a_cost_overrun_scores_linearly(self) -> None:
        """宣传成本 ≤ 6 万元 spent 9 万元: (12 − 9)/6 = ½ of its weight (current: 6/9 = ⅔)."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        all_met = ProjectActuals.all_met(fund, spent=Yuan.from_wan("175"))
        cost = "养老保险补贴政策宣传成本"
        values = tuple(
            (name, Measured(Decimal(9), "万元") if name == cost else value)
            for name, value in all_met.values
        )
        actuals = Actuals([attrs.evolve(all_met, values=values)])
        new = evaluate_2020(budget, actuals).projects[0]
        old = evaluate(budget, actuals).projects[0]
        [new_cost] = [r for r in new.indicators if r.indicator.name == cost]
        [old_cost] = [r for r in old.indicators if r.indicator.name == cost]
        assert new_cost.score == new_cost.weight / 2
        assert old_cost.score == old_cost.weight * Fraction(2, 3)
        assert "linearly down to 0 at 2 × its target" in new_cost.note

    def test_partial_word_lies_in_its_band(self) -> None:
        """基本健全 (0.6 in the table) is partly achieved, scored at 60 %, the note says so."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        all_met = ProjectActuals.all_met(fund, spent=Yuan.from_wan("175"))
        word = "养老保险补贴制度健全性"
        values = tuple(
            (name, Measured("基本健全") if name == word else value)
            for name, value in all_met.values
        )
        result = evaluate_2020(budget, Actuals([attrs.evolve(all_met, values=values)]))
        [scored] = [r for r in result.projects[0].indicators if r.indicator.name == word]
        assert scored.score == scored.weight * Fraction(3, 5)
        assert "partly (部分达成) band 60–80 %, scored at 60 % (chosen)" in scored.note

    def test_unknown_rules(self) -> None:
        """Another name is refused with the names there are."""
        with pytest.raises(UnknownKeyError, match="current, 2020-10"):
            evaluate_with(load_dataset(), Actuals([]), scoring="2019")


class TestCommandLine:
    """evaluate --scoring current|2020-10."""

    def test_scoring_2020_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 10号 rules give the same JSON shape; the county fund scores as hand-computed."""
        actuals = str(EXAMPLES / "actuals-2022.toml")
        assert main(["evaluate", "--actuals", actuals, "--format", "json"]) == 0
        current = json.loads(capsys.readouterr().out)
        code = main(["evaluate", "--actuals", actuals, "--scoring", "2020-10", "--format", "json"])
        assert code == 0
        scored = json.loads(capsys.readouterr().out)
        assert list(scored) == list(current)
        # no ≤ overrun and no far-above actual in the example: both rules agree
        assert [p["score"] for p in scored["projects"]] == [p["score"] for p in current["projects"]]

    def test_unknown_scoring_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--scoring 2019 is refused by the parser (exit 2)."""
        actuals = str(EXAMPLES / "actuals-2022.toml")
        assert main(["evaluate", "--actuals", actuals, "--scoring", "2019"]) == 2
        assert "invalid choice" in capsys.readouterr().err


class TestEvaluateEdges:
    """What the 10号 evaluation does with missing or mismatched actuals."""

    def test_missing_actual_and_spending(self) -> None:
        """No actual scores 0 and is listed; no spending scores the execution 0."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        result = evaluate_2020(budget, Actuals([ProjectActuals(fund.key)])).projects[0]
        assert result.budget_execution.score == 0
        assert len(result.missing) == len(fund.indicators)

    def test_a_number_for_a_word(self) -> None:
        """A number given for a qualitative indicator is refused naming it."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        word = next(i.name for i in fund.indicators if i.is_qualitative)
        actuals = ProjectActuals(fund.key, values=((word, Measured(Decimal(1))),))
        with pytest.raises(ActualValueError, match="expected a word"):
            evaluate_2020(budget, Actuals([actuals]))

    def test_a_project_twice(self) -> None:
        """The same project given twice is refused."""
        budget = load_dataset()
        twice = Actuals([ProjectActuals("county_supporting_fund")] * 2)
        with pytest.raises(EvaluationError, match="given twice"):
            evaluate_2020(budget, twice)


class TestProvinceFile:
    """A province's rules from its own file."""

    def test_read(self, tmp_path: Path) -> None:
        """Zero at 3 × target and '=' scored exactly; other keys keep the 10号 defaults."""
        path = tmp_path / "province.toml"
        path.write_text(
            '[quantitative]\nreverse_zero_at = "3"\nequal_as = "exact"\n', encoding="utf-8"
        )
        rules = read_rules_2020(path)
        assert (rules.reverse_zero_at, rules.equal_as) == (3, Comparator.EQ)
        assert rules.band(Band.ACHIEVED).low == 80
        assert score_quantitative(Comparator.LE, Decimal(5), Decimal("7.5"), 10, rules).score == (
            Fraction(15, 2)
        )

    def test_a_float_is_refused(self, tmp_path: Path) -> None:
        """A number written as a TOML float is refused naming the file (weights are exact)."""
        path = tmp_path / "province.toml"
        path.write_text("[quantitative]\nreverse_zero_at = 2.5\n", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"province\.toml.*float"):
            read_rules_2020(path)


class TestFarAboveNote:
    """An actual ≥ 130 % of its target: the note asks for a reason until one is given."""

    def test_note(self) -> None:
        """参保人数 at 130,000 against ≥ 96,410 (134.84 %): 'give a reason', then 'reason given'."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        all_met = ProjectActuals.all_met(fund, spent=Yuan.from_wan("175"))
        name = "预计参保人数"
        values = tuple(
            (n, Measured(Decimal(130000), "人") if n == name else v) for n, v in all_met.values
        )
        bare = attrs.evolve(all_met, values=values)
        explained = attrs.evolve(bare, reasons=((name, "外出务工人员返乡参保"),))
        notes = []
        for actuals in (bare, explained):
            result = evaluate_2020(budget, Actuals([actuals])).projects[0]
            [scored] = [r for r in result.indicators if r.indicator.name == name]
            notes.append(scored.note)
        assert notes[0].endswith("% of the target (≥ 130 %): give a reason")
        assert notes[1].endswith("% of the target (≥ 130 %): reason given")
