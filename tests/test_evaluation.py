"""The year-end self-evaluation: indicators from the seed, weights, scores, grades, links."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    Actuals,
    ActualValueError,
    Comparator,
    EvaluationError,
    FloatAmountError,
    Grade,
    Indicator,
    IndicatorStatus,
    Level1,
    Level2,
    Measured,
    Project,
    ProjectActuals,
    QualitativeScale,
    ScoringRules,
    UnknownIndicatorError,
    UnknownKeyError,
    Weights,
    Yuan,
    default_rules,
    evaluate,
    evaluate_project,
    load_dataset,
    plan_check,
)
from pension_subsidy.evaluation.plan_check import FindingKind, FindingStatus
from pension_subsidy.output.evaluation_text import evaluation_label, render_evaluation
from tests.strategies import (
    indicator_numbers,
    positive_indicator_numbers,
    quantitative_indicators,
    weights,
)

# The 绩效指标 cells of the seed (shared/seed/menyuan-2022-disclosure.txt), copied verbatim.
SEED_CELLS = {
    "work_funds": "<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.工作运转人数 50人</p> <p>2.单位工作人员培训次数 ≥28次</p> <p>3.社保政策宣传开展次数 ≥10次</p> <p>4.单位参训人员培训合格率 100%</p> <p>5.社保政策宣传覆盖率 100%</p> <p>(二)时效指标：</p> <p>1.社保征收发放及时率 100%</p> <p>2.单位工作人员培训及时率 100%</p> <p>3.社保政策宣传及时率 100%</p> <p>(三)成本指标：</p> <p>1.单位工作运转成本 ≤13.8万</p> <p>2.社保政策宣传成本 ≤6万元</p> <p>二、社会效益</p> <p>(一)社会效益指标：</p> <p>1.社保基金参保率 ≥98%</p> <p>2.群众社保政策知晓率 ≥90%</p> <p>(二)可持续影响指标：</p> <p>1.社保征发工作机制健全性 健全</p> <p>2.社保政策宣传机制健全性 健全</p> <p>三、满意度指标</p> <p>1.参保对象满意度 ≥98%</p>",  # noqa: E501
    "coordinator_allowance": "<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.村级协办员人数 109人</p> <p>2.养老保险参保人数 ≥91700人</p> <p>(二)质量指标：</p> <p>1.行政村覆盖率 100%</p> <p>2.养老保险参保督促完成率 100%</p> <p>(三)时效指标：</p> <p>1.协助社保经办机构工作时长 ≥180天</p> <p>2.养老保险参保及时率 100%</p> <p>(四)成本指标：</p> <p>1.全年发放工作补助 6.54万元</p> <p>二、社会效益</p> <p>(一)社会效益指标：</p> <p>1.养老保险参保率 >98%</p> <p>2.社保政策知晓率 ≥90%</p> <p>(二)可持续影响指标：</p> <p>1.协办员工作补贴机制健全性 健全</p> <p>2.社保政策宣传机制健全性 健全</p> <p>三、满意度指标</p> <p>1.村级协办员满意度 >90%</p>",  # noqa: E501
    "county_supporting_fund": r"<p>一、产出指标</p> <p>(一) 数量指标：</p> <p>1. 预计参保人数 96410人</p> <p>2. 预计缴费人数 71104人</p> <p>3. 养老保险补贴政策宣传次数 ≥ 10次</p> <p>(二) 质量指标：</p> <p>1. 城乡居民养老保险征收完成率 100%</p> <p>2. 养老保险补贴政策宣传完成率 100%</p> <p>(三) 时效指标：</p> <p>1. 城乡居民养老保险征收及时率 100%</p> <p>2. 养老保险补贴政策宣传及时率 100%</p> <p>(四) 成本指标：</p> <p>1. 养老保险县级财政补贴 ≤ 175万元</p> <p>2. 养老保险补贴政策宣传成本 ≤ 6万元</p> <p>二、社会效益</p> <p>(一) 社会效益指标：</p> <p>1. 养老保险参保率 $\geq 100\%$</p> <p>2. 群众养老保险政策知晓率 $\geq 90\%$</p> <p>(二) 可持续影响指标：</p> <p>1. 养老保险补贴制度健全性 健全</p> <p>2. 养老保险政策宣传机制健全性 健全</p> <p>二、满意度指标</p> <p>1. 受益群众满意度 $\geq 90\%$</p>",  # noqa: E501
}
_LEVEL1 = {"产出": Level1.OUTPUT, "效益": Level1.BENEFIT, "满意度": Level1.SATISFACTION}
_LEVEL2 = {level.name_zh.removesuffix("指标"): level for level in Level2}
_ITEM = re.compile(
    r"^\d+\.\s*(?P<name>\S+)\s+(?P<comparator>≥|>|≤|<|=|\$\\geq)?\s*"
    r"(?P<target>[\d.]+|[^\d\s$]+)\s*(?P<unit>人|次|\\?%|天|万元|万)?\$?$"
)


def _seed_indicators(cell: str) -> list[tuple[Level1, Level2, str, str | None, str, str]]:
    """An independent reading of a seed cell: (level1, level2, name, comparator, target, unit)."""
    level1 = level2 = None
    found = []
    for item in re.findall(r"<p>(.*?)</p>", cell):
        text = item.strip()
        if text[:2] in ("一、", "二、", "三、"):
            words = text[2:]
            # "in", not startswith: the seed heads the benefit level 社会效益
            level1 = next(level for key, level in _LEVEL1.items() if key in words)
            continue
        if text.startswith("("):
            words = re.sub(r"^\(.\)\s*", "", text).removesuffix("：").removesuffix("指标")
            level2 = _LEVEL2[words]
            continue
        if level1 is Level1.SATISFACTION:
            level2 = Level2.BENEFICIARY_SATISFACTION
        match = _ITEM.match(text)
        assert match is not None, text
        comparator = match["comparator"]
        if comparator == "$\\geq":
            comparator = "≥"
        unit = (match["unit"] or "").replace("\\%", "%")
        unit = "万元" if unit == "万" else unit  # ≤13.8万 of a cost is 万元
        assert level1 is not None
        assert level2 is not None
        found.append((level1, level2, match["name"], comparator, match["target"], unit))
    return found


def _fund() -> Project:
    return load_dataset().project("county_supporting_fund")


def _indicator(
    comparator: Comparator | None, target: str, unit: str = "人", level2: Level2 = Level2.QUANTITY
) -> Indicator:
    value: Decimal | str = target if unit == "" and not target[0].isdigit() else Decimal(target)
    return Indicator(
        level1=level2.level1,
        level2=level2,
        name="指标",
        comparator=comparator,
        target=value,
        unit=unit,
    )


def _project(*indicators: Indicator, appropriation: str = "100000") -> Project:
    """A project with one indicator of each level besides the ones given."""
    padding = [
        Indicator(level1=level.level1, level2=level, name=f"pad-{level.value}",
                  comparator=None, target="健全")
        for level in (Level2.QUANTITY, Level2.SOCIAL, Level2.BENEFICIARY_SATISFACTION)
        if not any(indicator.level1 is level.level1 for indicator in indicators)
    ]  # fmt: skip
    return Project(
        key="p",
        name_zh="项目",
        name_en="project",
        appropriation=Yuan(appropriation),
        indicators=(*indicators, *padding),
    )


def _score(indicator: Indicator, actual: Measured) -> tuple[IndicatorStatus, Fraction]:
    project = _project(indicator)
    result = evaluate_project(project, ProjectActuals("p", values={"指标": actual}))
    return result.indicators[0].status, result.indicators[0].score / result.indicators[0].weight


class TestSeedIndicators:
    def test_counts(self):
        """The three projects carry 15, 12 and 14 indicators, as the seed does."""
        budget = load_dataset()
        assert [len(project.indicators) for project in budget.projects] == [15, 12, 14]

    @pytest.mark.parametrize("key", list(SEED_CELLS))
    def test_bundled_indicators_are_the_seeds(self, key):
        """Each bundled indicator is the seed's: levels, name, comparator, target, unit."""
        project = load_dataset().project(key)
        bundled = [
            (
                indicator.level1,
                indicator.level2,
                indicator.name,
                None if indicator.comparator is None else indicator.comparator.value,
                str(indicator.target),
                indicator.unit,
            )
            for indicator in project.indicators
        ]
        assert _seed_indicators(SEED_CELLS[key]) == bundled

    @pytest.mark.parametrize("key", list(SEED_CELLS))
    def test_text_is_the_seeds(self, key):
        """Each indicator's text is the seed's <p> item, word for word."""
        items = re.findall(r"<p>(\d+\..*?)</p>", SEED_CELLS[key])
        project = load_dataset().project(key)
        assert items == [indicator.text for indicator in project.indicators]

    def test_bare_cost_target_is_a_ceiling(self):
        """全年发放工作补助 6.54万元 has no comparator and is scored as ≤."""
        indicator = load_dataset().project("coordinator_allowance").indicators[6]
        assert (indicator.comparator, indicator.effective_comparator) == (None, Comparator.LE)


class TestDoneWhen:
    def test_all_met_fully_spent_scores_100(self):
        """Every target met and 175 of 175 万元 spent: 100.00, 优."""
        result = evaluate_project(_fund(), ProjectActuals.all_met(_fund()))
        assert (Decimal("100.00"), Grade.EXCELLENT) == (result.score, result.grade)
        assert Fraction(100) == result.score_exact

    def test_worked_case_scores_91_50(self):
        """The issue's case, by hand.

        Output 50 over 9 indicators = 50/9 each; benefit 30 over 4 = 7.5; satisfaction 10 over 1.
        预计参保人数 91,700 of 96,410: 50/9 × 91700/96410 = 5.2841…
        budget execution 172 of 175 万元: 10 × 172/175 = 9.8286…
        养老保险补贴制度健全性 不健全: 0 of 7.5
        受益群众满意度 85 % against ≥ 90 %: 10 × 85/90 = 9.4444…
        everything else met: 8 × 50/9 + 3 × 7.5 = 44.4444… + 22.5
        sum = 5.2841 + 9.8286 + 0 + 9.4444 + 44.4444 + 22.5 = 91.5017… → 91.50, 优.
        """
        fund = _fund()
        actuals = attrs.evolve(ProjectActuals.all_met(fund), spent=Yuan.from_wan("172"))
        actuals = actuals.with_value("预计参保人数", Measured(Decimal(91700), "人"))
        actuals = actuals.with_value("养老保险补贴制度健全性", Measured("不健全"))
        actuals = actuals.with_value("受益群众满意度", Measured(Decimal(85), "%"))
        result = evaluate_project(fund, actuals)
        expected = (
            Fraction(50, 9) * Fraction(91700, 96410)
            + 10 * Fraction(172, 175)
            + Fraction(85, 90) * 10
            + 8 * Fraction(50, 9)
            + 3 * Fraction(15, 2)
        )
        assert expected == result.score_exact
        assert (Decimal("91.50"), Grade.EXCELLENT) == (result.score, result.grade)
        statuses = {r.indicator.name: r.status for r in result.indicators}
        assert statuses["预计参保人数"] == IndicatorStatus.PARTLY_MET
        assert statuses["养老保险补贴制度健全性"] == IndicatorStatus.NOT_MET
        assert statuses["受益群众满意度"] == IndicatorStatus.PARTLY_MET
        assert result.budget_execution.status == IndicatorStatus.PARTLY_MET
        assert Decimal("98.29") == result.budget_execution.rate_percent
        assert [r.indicator.name for r in result.shortfalls] == [
            "预计参保人数",
            "养老保险补贴制度健全性",
            "受益群众满意度",
        ]
        assert sum(status is IndicatorStatus.MET for status in statuses.values()) == 11

    def test_unknown_indicator_is_named(self):
        """An actual keyed to an indicator the project lacks fails, naming it and the value."""
        actuals = ProjectActuals("county_supporting_fund", values={"参保人数合计": Measured(1)})
        with pytest.raises(UnknownIndicatorError) as caught:
            evaluate_project(_fund(), actuals)
        assert "'参保人数合计'" in str(caught.value)
        assert "'county_supporting_fund'" in str(caught.value)
        assert (
            caught.value.key, caught.value.project, caught.value.value,
        ) == ("参保人数合计", "county_supporting_fund", "1")  # fmt: skip


class TestQuantitativeScoring:
    def test_partly_met_quantity(self):
        """≥ 200 人 with 150 人 scores 3/4 of the weight and is partly met."""
        assert (IndicatorStatus.PARTLY_MET, Fraction(3, 4)) == _score(
            _indicator(Comparator.GE, "200"), Measured(Decimal(150), "人")
        )

    def test_exceeding_a_floor_scores_full(self):
        """≥ 200 人 with 250 人 is met and capped at the full weight."""
        assert (IndicatorStatus.MET, Fraction(1)) == _score(
            _indicator(Comparator.GE, "200"), Measured(Decimal(250), "人")
        )

    def test_cost_overrun(self):
        """≤ 6 万元 with 8 万元 spent scores 6/8 and is partly met."""
        indicator = _indicator(Comparator.LE, "6", "万元", Level2.COST)
        assert (IndicatorStatus.PARTLY_MET, Fraction(3, 4)) == _score(
            indicator, Measured(Decimal(80000), "元")
        )

    def test_cost_of_zero_scores_full(self):
        """≤ 6 万元 with nothing spent scores full."""
        indicator = _indicator(None, "6", "万元", Level2.COST)
        assert (IndicatorStatus.MET, Fraction(1)) == _score(indicator, Measured(Decimal(0)))

    def test_equal_target_missed_both_ways(self):
        """= 100 with 80 or 125 scores smaller/larger: 4/5 both times."""
        indicator = _indicator(Comparator.EQ, "100")
        assert (IndicatorStatus.PARTLY_MET, Fraction(4, 5)) == _score(
            indicator, Measured(Decimal(80))
        )
        assert (IndicatorStatus.PARTLY_MET, Fraction(4, 5)) == _score(
            indicator, Measured(Decimal(125))
        )

    def test_strict_floor_hit_exactly(self):
        """> 98 % with exactly 98 % earns the full weight but is only partly met (listed)."""
        assert (IndicatorStatus.PARTLY_MET, Fraction(1)) == _score(
            _indicator(Comparator.GT, "98", "%"), Measured(Decimal(98), "%")
        )

    def test_strict_floor_around_the_target(self):
        """> 98 %: 97.99 % earns 9799/9800, 98 % the full weight yet is listed as partly met.

        Not a slip: 98 % does not exceed 98 %, so the status asks for a reason (偏差原因), while
        min(98 ÷ 98, 1) = 1 keeps a better actual from scoring less (docs/evaluation.md).
        """
        indicator = _indicator(Comparator.GT, "98", "%")
        below = _score(indicator, Measured(Decimal("97.99"), "%"))
        exact = _score(indicator, Measured(Decimal(98), "%"))
        above = _score(indicator, Measured(Decimal("98.01"), "%"))
        assert below == (IndicatorStatus.PARTLY_MET, Fraction(9799, 9800))
        assert exact == (IndicatorStatus.PARTLY_MET, Fraction(1))
        assert above == (IndicatorStatus.MET, Fraction(1))

    def test_strict_floor_passed(self):
        """> 98 % with 98.5 % is met."""
        assert (IndicatorStatus.MET, Fraction(1)) == _score(
            _indicator(Comparator.GT, "98", "%"), Measured(Decimal("98.5"), "%")
        )

    def test_nothing_achieved_is_not_met(self):
        """≥ 10 次 with 0 次 scores 0 and is not met."""
        assert (IndicatorStatus.NOT_MET, Fraction(0)) == _score(
            _indicator(Comparator.GE, "10", "次"), Measured(Decimal(0), "次")
        )

    def test_gap_in_target_unit(self):
        """The gap is actual − target in the target's unit: 5.5万元 against ≤ 6 万元 is −0.5."""
        project = _project(_indicator(Comparator.LE, "6", "万元", Level2.COST))
        result = evaluate_project(
            project, ProjectActuals("p", values={"指标": Measured(Decimal(55000), "元")})
        )
        assert (Decimal("-0.5"), Decimal("5.5")) == (
            result.indicators[0].gap,
            result.indicators[0].actual_value,
        )

    def test_unit_mismatch_names_everything(self):
        """A % actual for a 人 target fails, naming the project, indicator and value."""
        with pytest.raises(ActualValueError) as caught:
            _score(_indicator(Comparator.GE, "200"), Measured(Decimal(99), "%", "99%"))
        assert (
            caught.value.project, caught.value.indicator, caught.value.value,
        ) == ("p", "指标", "99%")  # fmt: skip

    def test_word_for_a_number_fails(self):
        """A word for a numeric target is an error, not a 0."""
        with pytest.raises(ActualValueError, match="expected a number"):
            _score(_indicator(Comparator.GE, "200"), Measured("很多"))

    def test_bare_wan_of_persons(self):
        """9.17万 against a 人 target is 91,700 persons."""
        assert (IndicatorStatus.MET, Fraction(1)) == _score(
            _indicator(Comparator.GE, "91700"), Measured(Decimal("9.17"), "万")
        )


class TestQualitativeScoring:
    def test_same_word_is_met(self):
        """健全 against 健全 scores full."""
        assert (IndicatorStatus.MET, Fraction(1)) == _score(
            _indicator(None, "健全", ""), Measured("健全")
        )

    def test_partial_word(self):
        """基本健全 earns 0.6 of the weight (the bundled table) and is partly met."""
        assert (IndicatorStatus.PARTLY_MET, Fraction(3, 5)) == _score(
            _indicator(None, "健全", ""), Measured("基本健全")
        )

    def test_qualitative_miss(self):
        """不健全 against 健全 scores 0, not met, with a note."""
        project = _project(_indicator(None, "健全", ""))
        result = evaluate_project(project, ProjectActuals("p", values={"指标": Measured("不健全")}))
        first = result.indicators[0]
        assert (IndicatorStatus.NOT_MET, Fraction(0)) == (first.status, first.score)
        assert "不健全" in first.note

    def test_table_is_configurable(self):
        """A file's own partial words extend the bundled table."""
        project = _project(_indicator(None, "健全", ""))
        actuals = Actuals(
            [ProjectActuals("p", values={"指标": Measured("大体健全")})],
            qualitative=QualitativeScale([("健全", "大体健全", "0.7")]),
        )
        budget = attrs.evolve(load_dataset(), units=[attrs.evolve(load_dataset().unit,
                                                                  projects=[project])])  # fmt: skip
        result = evaluate(budget, actuals).projects[0].indicators[0]
        assert Fraction(7, 10) == result.score / result.weight

    def test_number_for_a_word_fails(self):
        """A number for a qualitative target is an error."""
        with pytest.raises(ActualValueError, match="expected a word"):
            _score(_indicator(None, "健全", ""), Measured(Decimal(1)))

    def test_share_above_one_refused(self):
        """A partial share above 1 is refused."""
        with pytest.raises(EvaluationError, match="from 0 to 1"):
            QualitativeScale([("健全", "很健全", "1.5")])


class TestWeights:
    def test_default_split(self):
        """The county fund's weights: 50/9 per output, 7.5 per benefit, 10 for satisfaction."""
        result = evaluate_project(_fund(), ProjectActuals.all_met(_fund()))
        assert [Fraction(50, 9)] * 9 + [Fraction(15, 2)] * 4 + [Fraction(10)] == [
            r.weight for r in result.indicators
        ]

    def test_explicit_indicator_weight(self):
        """An indicator given 10 of output's 50 leaves 40 for the other 8 (5 each)."""
        weights = Weights(indicators={"预计参保人数": "10"})
        result = evaluate_project(
            _fund(), attrs.evolve(ProjectActuals.all_met(_fund()), weights=weights)
        )
        assert [Fraction(10)] + [Fraction(5)] * 8 == [r.weight for r in result.indicators[:9]]
        assert Decimal("100.00") == result.score

    def test_per_project_level_weights(self):
        """Weights 20/40/30/10: budget execution weighs 20."""
        weights = Weights(budget_execution="20", output="40")
        actuals = attrs.evolve(ProjectActuals.all_met(_fund()), weights=weights,
                               spent=Yuan.from_wan("87.5"))  # fmt: skip
        result = evaluate_project(_fund(), actuals)
        assert Fraction(10) == result.budget_execution.score
        assert Decimal("90.00") == result.score

    def test_weights_must_add_to_100(self):
        """Level weights adding to 110 are refused."""
        with pytest.raises(EvaluationError, match="= 110, expected 100"):
            Weights(output="60")

    def test_float_weight_refused(self):
        """A float weight is refused like float money."""
        with pytest.raises(FloatAmountError):
            Weights(output=50.0)  # type: ignore[arg-type]

    def test_explicit_weights_exceeding_level(self):
        """Indicator weights adding to more than their level's weight are refused."""
        with pytest.raises(EvaluationError, match="add up to 60"):
            evaluate_project(
                _fund(),
                attrs.evolve(ProjectActuals.all_met(_fund()),
                             weights=Weights(indicators={"预计参保人数": "60"})),
            )  # fmt: skip

    def test_unknown_weighted_indicator(self):
        """A weight for an indicator the project lacks is refused, naming it."""
        with pytest.raises(UnknownIndicatorError, match="'无此指标'"):
            evaluate_project(
                _fund(),
                attrs.evolve(ProjectActuals.all_met(_fund()),
                             weights=Weights(indicators={"无此指标": "5"})),
            )  # fmt: skip

    def test_level_without_indicators(self):
        """A level with weight but no indicator is refused; weight 0 is accepted."""
        project = attrs.evolve(_fund(), indicators=_fund().indicators[:13])
        with pytest.raises(EvaluationError, match="满意度指标"):
            evaluate_project(project, ProjectActuals.all_met(project))
        weights = Weights(benefit="40", satisfaction="0")
        result = evaluate_project(
            project, attrs.evolve(ProjectActuals.all_met(project), weights=weights)
        )
        assert Decimal("100.00") == result.score

    def test_bundled_rules(self):
        """The bundled rules are 10/50/30/10."""
        rules = default_rules()
        assert (
            rules.weights.budget_execution, rules.weights.output,
            rules.weights.benefit, rules.weights.satisfaction,
        ) == (10, 50, 30, 10)  # fmt: skip


class TestBudgetExecution:
    def test_overspending_is_capped(self):
        """Spending 180 of 175 万元 scores 10, with the rate 102.86 % shown."""
        actuals = attrs.evolve(ProjectActuals.all_met(_fund()), spent=Yuan.from_wan("180"))
        execution = evaluate_project(_fund(), actuals).budget_execution
        assert (Fraction(10), Decimal("102.86")) == (execution.score, execution.rate_percent)

    def test_no_spent_scores_zero(self):
        """No spent figure: budget execution scores 0, status no_actual."""
        actuals = ProjectActuals("county_supporting_fund")
        execution = evaluate_project(_fund(), actuals).budget_execution
        assert (Fraction(0), IndicatorStatus.NO_ACTUAL) == (execution.score, execution.status)

    def test_zero_appropriation(self):
        """A zero appropriation has no rate and scores full."""
        project = _project(appropriation="0")
        result = evaluate_project(project, ProjectActuals("p", spent=Yuan(0)))
        assert (None, Fraction(10)) == (result.budget_execution.rate, result.budget_execution.score)


class TestNoActual:
    def test_missing_actuals_score_zero_and_are_listed(self):
        """Only spent given: every indicator scores 0, no_actual, and is listed as missing."""
        result = evaluate_project(
            _fund(), ProjectActuals("county_supporting_fund", spent="1750000")
        )
        assert len(result.missing) == 14
        assert Decimal("10.00") == result.score
        assert result.grade == Grade.POOR


class TestGrade:
    @pytest.mark.parametrize(
        ("score", "grade"),
        [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"),
         ("60", "中"), ("59.99", "差"), ("0", "差")],
    )  # fmt: skip
    def test_bands(self, score, grade):
        """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below."""
        assert grade == Grade.for_score(Decimal(score)).value


class TestEvaluate:
    def test_only_named_projects(self):
        """Projects the actuals do not name are skipped, in table order."""
        fund = _fund()
        result = evaluate(load_dataset(), Actuals([ProjectActuals.all_met(fund)]))
        assert result.skipped == ("work_funds", "coordinator_allowance")
        assert [p.project.key for p in result.projects] == ["county_supporting_fund"]

    def test_project_by_name(self):
        """A project may be named as the table writes it (with its space)."""
        fund = _fund()
        actuals = attrs.evolve(
            ProjectActuals.all_met(fund), project="城乡居民养老保险 县级配套资金"
        )
        result = evaluate(load_dataset(), Actuals([actuals]))
        assert result.projects[0].project.key == "county_supporting_fund"

    def test_unknown_project(self):
        """An unknown project fails, naming it."""
        with pytest.raises(UnknownKeyError, match="'no_such_project'"):
            evaluate(load_dataset(), Actuals([ProjectActuals("no_such_project")]))

    def test_same_project_twice(self):
        """A project given by key and by name is refused."""
        fund = _fund()
        twice = [ProjectActuals.all_met(fund),
                 attrs.evolve(ProjectActuals.all_met(fund), project=fund.name_zh)]  # fmt: skip
        with pytest.raises(EvaluationError, match="given twice"):
            evaluate(load_dataset(), Actuals(twice))

    def test_rules_without_partial_words(self):
        """With an empty qualitative table 基本健全 earns nothing."""
        fund = _fund()
        actuals = ProjectActuals.all_met(fund).with_value("养老保险补贴制度健全性",
                                                         Measured("基本健全"))  # fmt: skip
        result = evaluate_project(fund, actuals, rules=ScoringRules())
        assert Decimal("92.50") == result.score


class TestPlanCheck:
    def test_findings_with_numbers(self):
        """The Menyuan plan: cost ceilings, headcounts and the insured, each with its numbers."""
        findings = {(f.project, f.indicator): f for f in plan_check(load_dataset())}
        ceiling = findings["county_supporting_fund", "养老保险县级财政补贴"]
        assert (FindingKind.COST_CEILING, FindingStatus.OK, Decimal(175), Decimal(169)) == (
            ceiling.kind, ceiling.status, ceiling.target, ceiling.figure,
        )  # fmt: skip
        coordinators = findings["coordinator_allowance", "村级协办员人数"]
        assert (FindingKind.HEADCOUNT, FindingStatus.OK, Decimal(109)) == (
            coordinators.kind, coordinators.status, coordinators.figure,
        )  # fmt: skip
        running = findings["work_funds", "单位工作运转成本"]
        assert (FindingStatus.WARNING, Decimal("8.5"), Decimal("-5.3")) == (
            running.status, running.figure, running.difference,
        )  # fmt: skip
        insured = findings["coordinator_allowance", "养老保险参保人数"]
        # ≥91700 and 96410 can both hold: the comparator is honoured (checks.facts)
        assert (FindingStatus.OK, Decimal(91700), Decimal(96410)) == (
            insured.status, insured.target, insured.figure,
        )  # fmt: skip

    def test_changed_headcount_is_a_mismatch(self):
        """110 villages against 村级协办员人数 109人 is a mismatch of 1."""
        budget = load_dataset()
        project = budget.project("coordinator_allowance")
        allowance = attrs.evolve(project.components[0], villages=110)
        budget = budget.replace_project(attrs.evolve(project, components=[allowance]))
        finding = next(f for f in plan_check(budget) if f.indicator == "村级协办员人数")
        assert (FindingStatus.MISMATCH, Decimal(1)) == (finding.status, finding.difference)

    def test_total_over_ceiling_is_a_mismatch(self):
        """Components over 175 万元 break the 养老保险县级财政补贴 ceiling."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        bigger = attrs.evolve(fund.components[0], disclosed_amount=Yuan.from_wan("150"),
                              disclosed_headcount=71104)  # fmt: skip
        budget = budget.replace_project(
            attrs.evolve(fund, components=[bigger, *fund.components[1:]])
        )
        finding = next(f for f in plan_check(budget) if f.indicator == "养老保险县级财政补贴")
        assert (FindingStatus.MISMATCH, Decimal("180.4")) == (finding.status, finding.figure)


# -- properties -----------------------------------------------------------------------------
def _result(indicator: Indicator, actual: Decimal, weight: Fraction):
    """Score ``indicator`` (weighed ``weight``, at most its level's) beside a sibling."""
    sibling = Indicator(level1=indicator.level1, level2=indicator.level2, name="sibling",
                        comparator=None, target="健全")  # fmt: skip
    project = _project(attrs.evolve(indicator, name="指标"), sibling)
    level_weight = Weights().level(indicator.level1)
    actuals = ProjectActuals(
        "p",
        values={"指标": Measured(actual, indicator.unit)},
        weights=Weights(indicators={"指标": min(weight, level_weight)}),
    )
    return evaluate_project(project, actuals)


def _improved(comparator: Comparator, target: Decimal, actual: Decimal, step: Decimal) -> Decimal:
    """An actual at least as good as ``actual`` under ``comparator``."""
    if comparator in (Comparator.GE, Comparator.GT):
        return actual + step
    if comparator in (Comparator.LE, Comparator.LT):
        return max(actual - step, Decimal(0))
    if actual < target:
        return min(actual + step, target)
    return max(actual - step, target)


class TestProperties:
    @given(quantitative_indicators(), indicator_numbers, weights)
    def test_score_within_weight(self, indicator, actual, weight):
        """Every score lies between 0 and the indicator's weight."""
        result = _result(indicator, actual, weight).indicators[0]
        assert 0 <= result.score <= result.weight

    @given(quantitative_indicators(), indicator_numbers, indicator_numbers)
    def test_project_score_is_sum_of_parts(self, indicator, actual, spent):
        """The project score is exactly budget execution plus every indicator's score."""
        project = _project(attrs.evolve(indicator, name="指标"))
        actuals = ProjectActuals("p", spent=Yuan(spent),
                                 values={"指标": Measured(actual, indicator.unit)})  # fmt: skip
        result = evaluate_project(project, actuals)
        parts = result.budget_execution.score + sum(r.score for r in result.indicators)
        assert parts == result.score_exact
        assert (
            sum(result.level_score(level) for level in Level1) + (result.budget_execution.score)
            == result.score_exact
        )
        assert 0 <= result.score_exact <= 100

    @given(quantitative_indicators(), indicator_numbers, positive_indicator_numbers)
    def test_improving_never_lowers(self, indicator, actual, step):
        """A better actual (higher for ≥, lower for ≤, nearer for =) never scores less."""
        assert isinstance(indicator.target, Decimal)
        better = _improved(indicator.effective_comparator, indicator.target, actual, step)
        before = _result(indicator, actual, Fraction(0)).indicators[0].score
        after = _result(indicator, better, Fraction(0)).indicators[0].score
        assert before <= after

    @given(st.integers(0, 400), st.integers(0, 400))
    def test_spending_more_never_lowers(self, spent_wan, more_wan):
        """Budget execution never scores less for more spent, and never above 10."""
        fund = _fund()
        low = evaluate_project(fund, ProjectActuals(fund.key, spent=Yuan.from_wan(spent_wan)))
        high = evaluate_project(
            fund, ProjectActuals(fund.key, spent=Yuan.from_wan(spent_wan + more_wan))
        )
        assert low.budget_execution.score <= high.budget_execution.score <= 10


class TestInputChecks:
    @pytest.mark.parametrize(
        ("weight", "match"),
        [(True, "bool"), ("ten", "such as"), (object(), "such as"), ("-5", "≥ 0")],
    )
    def test_bad_weights(self, weight, match):
        """A weight that is a bool, unreadable or negative is refused, naming the field."""
        with pytest.raises(EvaluationError, match=match):
            Weights(indicators={"指标": weight})

    def test_huge_weight_refused_at_once(self):
        """A weight beyond the library's bounds is refused by the checked parser, not computed."""
        with pytest.raises(EvaluationError, match="too large"):
            Weights(indicators={"指标": "1e999999999"})

    @pytest.mark.parametrize("value", [Decimal(-1), Decimal("NaN"), "", None])
    def test_bad_measured(self, value):
        """A negative, non-finite, empty or missing actual is refused."""
        with pytest.raises(ActualValueError):
            Measured(value)

    def test_float_measured(self):
        """A float actual is refused like float money."""
        with pytest.raises(FloatAmountError):
            Measured(0.5)

    def test_negative_spent(self):
        """A negative amount spent is refused."""
        with pytest.raises(ActualValueError, match="spent"):
            evaluate_project(_fund(), ProjectActuals("county_supporting_fund", spent="-1"))

    def test_duplicate_indicator_names(self):
        """An actual for a name two indicators share is refused as ambiguous."""
        fund = _fund()
        doubled = attrs.evolve(fund, indicators=(*fund.indicators, fund.indicators[0]))
        with pytest.raises(EvaluationError, match="2 indicators named"):
            evaluate_project(doubled, ProjectActuals.all_met(fund))

    def test_missing_listed_in_text(self):
        """The text form lists indicators without an actual."""
        result = evaluate(load_dataset(), Actuals([ProjectActuals("work_funds")]))
        assert "未填报实际完成值的指标 (得 0 分): 工作运转人数、" in render_evaluation(result)

    def test_unknown_label(self):
        """An unknown label key is an UnknownKeyError."""
        with pytest.raises(UnknownKeyError):
            evaluation_label("nope")

    def test_floor_cost_and_headcount_without_component_are_not_linked(self):
        """A ≥ cost target and a restated headcount with no component give no finding."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        floor = attrs.evolve(fund.indicators[7], comparator=Comparator.GE)
        budget = budget.replace_project(
            attrs.evolve(fund, components=fund.components[1:],
                         indicators=(*fund.indicators[:7], floor, *fund.indicators[8:]))
        )  # fmt: skip
        names = {f.indicator for f in plan_check(budget) if f.project == fund.key}
        assert names == {"养老保险补贴政策宣传成本"}
