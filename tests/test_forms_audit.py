"""Auditing a self-evaluation table: planted faults found with their numbers, a sound one clean."""

from __future__ import annotations

import attrs
import pytest

from pension_subsidy.disclosure.checks.finding import Finding, Severity
from pension_subsidy.forms.model import (
    FormDocument,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    StatedNumber,
    Where,
)
from pension_subsidy.forms.selfeval_audit import audit_self_evaluation

SHEET = "自评表"


def _n(text: str, row: int | None = None, column: str = "H") -> StatedNumber:
    where = None if row is None else Where(sheet=SHEET, row=row, cell=f"{column}{row}")
    return StatedNumber.parse(text, where=where)


def _wan(text: str, row: int = 4, column: str = "C") -> StatedAmount:
    return StatedAmount.parse(
        text, unit="万元", where=Where(sheet=SHEET, row=row, cell=f"{column}{row}")
    )


def _indicator(
    row: int,
    level1: str,
    heading: str,
    level2: str,
    name: str,
    comparator: str | None,
    target: str,
    actual: str,
    points: str,
    score: str,
    reason: str | None = None,
    **extra: object,
) -> FormIndicator:
    return FormIndicator(
        level1=level1,
        level2=level2,
        name=name,
        comparator=comparator,
        target=_n(target, row, "D"),
        actual=_n(actual, row, "F"),
        points=_n(points, row, "G"),
        score=_n(score, row, "H"),
        reason=reason,
        where=Where(sheet=SHEET, row=row),
        level1_points=_n(heading),
        **extra,  # type: ignore[arg-type]
    )


def _indicators(**changes: dict[str, str]) -> tuple[FormIndicator, ...]:
    rows = [
        (12, "产出指标", "50", "数量指标", "参保人数", "≥", "96410", "96410", "20", "20"),
        (13, "产出指标", "50", "数量指标", "缴费人数", "≥", "70000", "66500", "10", "9.5"),
        (14, "产出指标", "50", "成本指标", "宣传成本", "≤", "6", "5.5", "10", "10"),
        (15, "产出指标", "50", "时效指标", "征收及时率", "≥", "100", "100%", "10", "10"),
        (16, "效益指标", "30", "社会效益指标", "参保率", "≥", "95", "98%", "15", "15"),
        (17, "效益指标", "30", "可持续影响指标", "制度健全性", None, "健全", "健全", "15", "15"),
        (18, "满意度指标", "10", "服务对象满意度指标", "满意度", "≥", "90", "92%", "10", "10"),
    ]
    reasons = {"缴费人数": "外出务工人员增加，部分人员在务工地参保"}
    built = []
    for row in rows:
        name = row[4]
        fields = dict(zip(("target", "actual", "points", "score"), row[6:], strict=True))
        fields.update(changes.get(name, {}))
        reason = fields.pop("reason", reasons.get(name))
        built.append(
            _indicator(
                row[0],
                row[1],
                row[2],
                row[3],
                name,
                row[5],
                fields["target"],
                fields["actual"],
                fields["points"],
                fields["score"],
                reason,
            )
        )
    return tuple(built)


def _project(**changes: object) -> FormProject:
    """A sound table: 173.25 of 175 万元 (99 %), 9.9 + 89.5 = 99.4, 优."""
    project = FormProject(
        name="城乡居民养老保险县级配套资金",
        unit_name="门源县人力资源和社会保障局",
        department="门源县人力资源和社会保障局",
        budget_start=_wan("175.00", 4, "B"),
        budget_adjusted=_wan("175.00", 4, "C"),
        executed=_wan("173.25", 4, "D"),
        execution_points=_n("10", 4, "E"),
        execution_rate_percent=_n("99.00%", 4, "F"),
        execution_score=_n("9.9", 4, "G"),
        total_score=_n("99.4", 20, "H"),
        grade="优",
        indicators=_indicators(),
        where=Where(sheet=SHEET, row=1),
    )
    return attrs.evolve(project, **changes)


def _audit(project: FormProject, notes: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    return audit_self_evaluation(
        FormDocument(
            "self_evaluation_table", "finance_10", "t.xlsx", projects=(project,), notes=notes
        )
    )


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return [finding.code for finding in findings]


class TestSoundTable:
    """A consistent table gives no finding."""

    def test_no_finding(self) -> None:
        """The sound table: nothing to report."""
        assert _audit(_project()) == ()


class TestPlantedFaults:
    """The four faults of the issue, each found with its numbers quoted."""

    @pytest.fixture
    def findings(self) -> dict[str, Finding]:
        """Execution score 9 for 99 %; 满意度 12 of 10; items add to 93 under 94; 良 for 94."""
        indicators = _indicators(
            制度健全性={"actual": "基本健全", "score": "7.5", "reason": "分档标准尚未出台"},
            满意度={"score": "12"},
        )
        project = _project(
            indicators=indicators,
            execution_score=_n("9", 4, "G"),
            total_score=_n("94", 20, "H"),
            grade="良",
        )
        found = _audit(project)
        assert sorted(_codes(found)) == [
            "selfeval_execution_score",
            "selfeval_grade",
            "selfeval_score_above_points",
            "selfeval_total_score",
        ]
        return {finding.code: finding for finding in found}

    def test_execution_score(self, findings: dict[str, Finding]) -> None:
        """9 for a 99 % rate with 10 points: 9.9 expected, a warning naming the cell."""
        finding = findings["selfeval_execution_score"]
        assert finding.severity is Severity.WARNING
        assert finding.message_zh == (
            "预算执行率得分写为 9，但执行率 99% × 分值 10 = 9.9（按财预〔2020〕10号：执行率 × "
            "分值，最高为分值）（表 自评表，单元格 G4）"
        )
        assert finding.values["expected_score"] == "9.9"
        assert finding.values["where"] == {"sheet": SHEET, "row": 4, "cell": "G4"}

    def test_score_above_points(self, findings: dict[str, Finding]) -> None:
        """满意度 scores 12 of 10 points."""
        finding = findings["selfeval_score_above_points"]
        assert finding.severity is Severity.ERROR
        assert "“满意度”得分 12 高于其分值 10" in finding.message_zh
        assert finding.location.indicator == "满意度"
        assert finding.location.line == 18

    def test_total(self, findings: dict[str, Finding]) -> None:
        """9 + 20 + 9.5 + 10 + 10 + 15 + 7.5 + 12 = 93, stated 94."""
        finding = findings["selfeval_total_score"]
        assert finding.message_zh.startswith("各项得分合计 93，但总分写为 94")
        assert finding.message_en.startswith(
            "the item scores add up to 93, but the total is stated as 94"
        )
        assert finding.values["computed_total"] == "93"

    def test_grade(self, findings: dict[str, Finding]) -> None:
        """94 is 优, not 良."""
        finding = findings["selfeval_grade"]
        assert finding.values == {
            "total": "94",
            "stated_grade": "良",
            "expected_grade": "优",
            "where": {"sheet": SHEET, "row": 20, "cell": "H20"},
        }
        assert "总分 94 的等级应为“优”" in finding.message_zh


class TestExecution:
    """The execution rate and the money rows."""

    def test_wrong_rate(self) -> None:
        """98.00 % stated for 173.25 ÷ 175 = 99 %."""
        found = _audit(_project(execution_rate_percent=_n("98.00%", 4, "F")))
        assert _codes(found) == ["selfeval_execution_rate"]
        assert found[0].message_zh.startswith(
            "执行率写为 98.00%，但全年执行数 173.25 ÷ 全年预算数 175.00 = 99%"
        )

    def test_rate_rounding_is_allowed(self) -> None:
        """173.26 ÷ 175 = 99.0057 %, stated 99.01 %: fine, and its score 9.9 too."""
        project = _project(
            executed=_wan("173.26", 4, "D"), execution_rate_percent=_n("99.01%", 4, "F")
        )
        assert _audit(project) == ()

    def test_money_rows_add_up(self) -> None:
        """年度资金总额 175 against 150 + 20 + 0 = 170."""
        rows = (
            MoneyRow("total", "年度资金总额", budget_adjusted=_wan("175.00", 4, "C")),
            MoneyRow(
                "current_appropriation",
                "其中：当年财政拨款",
                budget_adjusted=_wan("150.00", 5, "C"),
            ),
            MoneyRow("carry_over", "上年结转资金", budget_adjusted=_wan("20.00", 6, "C")),
            MoneyRow("other", "其他资金", budget_adjusted=_wan("0.00", 7, "C")),
        )
        found = _audit(_project(money_rows=rows))
        assert _codes(found) == ["selfeval_money_rows"]
        assert "年度资金总额 175.00 不等于各项之和 150.00 + 20.00 + 0.00 = 170（万元）" in (
            found[0].message_zh
        )

    def test_budget_changed_without_note(self) -> None:
        """年初 160 → 全年 175 with no word of why: a warning; with 追加 in a note: none."""
        project = _project(budget_start=_wan("160.00", 4, "B"))
        found = _audit(project)
        assert _codes(found) == ["selfeval_budget_changed"]
        assert "年初预算数 160.00 调整为全年预算数 175.00（相差 15 万元）" in found[0].message_zh
        assert _audit(project, notes=("年中追加预算 15 万元",)) == ()


class TestPoints:
    """Points add to 100 and each level-1 heading's total."""

    def test_heading_and_total(self) -> None:
        """参保人数 given 25 points: 产出 55 under a heading of 50, and 105 in all."""
        found = _audit(_project(indicators=_indicators(参保人数={"points": "25", "score": "25"})))
        codes = _codes(found)
        assert "selfeval_points_total" in codes
        assert "selfeval_level1_points" in codes
        by_code = {f.code: f for f in found}
        assert by_code["selfeval_points_total"].message_zh == (
            "各指标分值合计 95 + 预算执行率分值 10 = 105，应为 100（表 自评表）"
        )
        assert "产出指标的标题写明 50 分，但其下各指标分值合计 55" in (
            by_code["selfeval_level1_points"].message_zh
        )


class TestIndicatorScores:
    """Recomputed quantitative scores: warning where arithmetic rules out, info where judged."""

    def test_partly_met_scored_full(self) -> None:
        """66500 of ≥ 70000 with 10 points is 9.5, not 10: a warning."""
        found = _audit(
            _project(
                indicators=_indicators(缴费人数={"score": "10"}), total_score=_n("99.9", 20, "H")
            )
        )
        assert _codes(found) == ["selfeval_indicator_score"]
        assert found[0].severity is Severity.WARNING
        assert found[0].message_zh.startswith(
            "“缴费人数”年度指标值 ≥70000，实际完成值 66500，分值 10：按财预〔2020〕10号应得 9.5"
        )

    def test_reverse_scored_by_the_other_rule_is_info(self) -> None:
        """宣传成本 ≤ 6 at 7.5: 10号 gives (12 − 7.5) ÷ 6 × 10 = 7.5; 6 ÷ 7.5 × 10 = 8 is info."""
        indicators = _indicators(宣传成本={"actual": "7.5", "score": "8", "reason": "印刷费上涨"})
        found = _audit(_project(indicators=indicators, total_score=_n("97.4", 20, "H")))
        assert _codes(found) == ["selfeval_indicator_score"]
        assert found[0].severity is Severity.INFO
        assert found[0].values["expected_score"] == "7.5"
        assert found[0].values["judgement"] == "reverse_rule"

    def test_far_above_without_reason(self) -> None:
        """参保率 130 % of ≥ 95 … 123.5: flagged; a reduced score is the evaluator's (info)."""
        indicators = _indicators(参保率={"target": "95", "actual": "123.5%", "score": "12"})
        found = _audit(_project(indicators=indicators, total_score=_n("96.4", 20, "H")))
        assert sorted(_codes(found)) == ["selfeval_far_above", "selfeval_indicator_score"]
        by_code = {f.code: f for f in found}
        assert by_code["selfeval_far_above"].message_zh.startswith(
            "“参保率”实际完成值 123.5% 为年度指标值 95 的 130%（≥ 130%），未说明原因"
        )
        assert by_code["selfeval_indicator_score"].severity is Severity.INFO

    def test_shortfall_without_reason(self) -> None:
        """缴费人数 short of its target with no reason: a warning quoting both."""
        found = _audit(_project(indicators=_indicators(缴费人数={"reason": ""})))
        assert _codes(found) == ["selfeval_missing_reason"]
        assert found[0].message_zh.startswith(
            "“缴费人数”未完成（年度指标值 70000，实际完成值 66500，得分 9.5/10）"
        )

    def test_qualitative_achieved_below_the_band(self) -> None:
        """健全 achieved but scored 10 of 15 (67 %): below the 80–100 % band, info."""
        indicators = _indicators(制度健全性={"score": "10"})
        found = _audit(_project(indicators=indicators, total_score=_n("94.4", 20, "H")))
        assert sorted(_codes(found)) == ["selfeval_missing_reason", "selfeval_qualitative_band"]
        band = next(f for f in found if f.code == "selfeval_qualitative_band")
        assert band.severity is Severity.INFO
        assert "低于“达成”档（80%–100%，即不低于 12）" in band.message_zh


class TestHebeiVariant:
    """Hebei's 单项指标折算得分 = 单项指标得分 × 权重占比."""

    def test_weighted_score(self) -> None:
        """25 × 25 % = 6.25; stated 6.5 is an error."""
        indicator = FormIndicator(
            level1="产出指标",
            level2="质量指标",
            name="符合条件申报对象覆盖率",
            comparator=">=",
            target=_n("98"),
            actual=_n("100%"),
            score=_n("25.00"),
            weight_percent=_n("25.00"),
            weighted_score=_n("6.5"),
            completion="完成",
            where=Where(sheet=SHEET, row=9),
        )
        found = audit_self_evaluation(
            FormDocument(
                "self_evaluation_table",
                "hebei",
                "h.xlsx",
                projects=(FormProject("19名百岁老人高龄津贴", indicators=(indicator,)),),
            )
        )
        assert _codes(found) == ["selfeval_weighted_score"]
        assert "单项指标得分 25.00 × 权重占比 25.00% = 6.25" in found[0].message_zh


class TestMoreChecks:
    """The execution score above its points, "=" scored strictly, a comparator not understood."""

    def test_execution_score_above_points(self) -> None:
        """An execution score of 11 for 10 points is an error (and not also a wrong score)."""
        found = _audit(_project(execution_score=_n("11", 4, "G"), total_score=_n("100.5", 20, "H")))
        assert _codes(found) == ["selfeval_score_above_points"]
        assert found[0].message_zh.startswith("预算执行率得分 11 高于其分值 10")

    def test_equal_scored_strictly_is_info(self) -> None:
        """= 12 achieved 13 with 10 points: 10号 gives 10 (as ≥); 10 × 12/13 = 9.23 is info."""
        indicators = (
            *_indicators()[:-1],
            _indicator(
                18, "满意度指标", "10", "满意度指标", "满意度", "=", "12", "13", "10", "9.23"
            ),
        )
        found = _audit(_project(indicators=indicators, total_score=_n("98.63", 20, "H")))
        assert [(f.code, f.severity, f.values["judgement"]) for f in found] == [
            ("selfeval_indicator_score", Severity.INFO, "equal_rule")
        ]

    def test_unknown_comparator_is_read_as_at_least(self) -> None:
        """A comparator the library does not know is read as ≥ (the common default)."""
        indicators = (
            *_indicators()[:-1],
            _indicator(
                18, "满意度指标", "10", "满意度指标", "满意度", "约", "90", "81%", "10", "9"
            ),
        )
        found = _audit(_project(indicators=indicators, total_score=_n("98.4", 20, "H")))
        assert _codes(found) == ["selfeval_missing_reason"]
