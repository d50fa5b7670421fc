"""The audit: each check on planted contradictions, the seed's findings, an honest table."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from pension_subsidy import Finding, Severity, Yuan, audit, load_dataset, parse_disclosure
from pension_subsidy.cli import main
from pension_subsidy.disclosure import load_bundled_disclosure
from pension_subsidy.disclosure.audit import (
    CHECKS,
    check_ceilings_vs_headroom,
    check_components_vs_appropriation,
    check_cost_ceilings,
    check_counts_times_standards,
    check_heading_numbering,
    check_per_capita,
    check_prose_notes,
    check_rate_targets,
    check_stated_quantities,
    check_unit_totals,
    check_unit_wide_rates,
    findings_data,
    per_capita_interval,
)
from tests.disclosure_helpers import SEED_PATH, honest


def planted(*changes: tuple[str, str]):
    return parse_disclosure(honest(*changes), name="planted.txt")


def codes(findings: list[Finding] | tuple[Finding, ...]) -> list[tuple[str, str]]:
    return [(f.severity.value, f.code) for f in findings]


@pytest.fixture(scope="module")
def seed_findings() -> tuple[Finding, ...]:
    return audit(load_bundled_disclosure())


class TestHonestTable:
    def test_no_findings(self):
        """An honest, consistent table gets no findings at all."""
        assert audit(planted()) == ()

    @pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
    def test_each_check_is_silent(self, check):
        """Every check on its own finds nothing in the honest table."""
        assert check(planted()) == []


class TestSeedFindings:
    def test_insured_target(self, seed_findings):
        """91,700 in the prose (and an indicator) vs 96,410 in the fund's indicators."""
        (finding,) = [f for f in seed_findings if f.code == "quantity.mismatch"]
        assert (finding.severity, finding.values["values"]) == (Severity.ERROR, [91700, 96410])
        assert "(91,700 vs 96,410)" in finding.message_en
        assert "参保人数前后不一（91,700与96,410）" in finding.message_zh

    def test_running_cost_ceiling(self, seed_findings):
        """The running-cost ceiling of 13.8 万 is above the 8.50 万 work funds."""
        (finding,) = [f for f in seed_findings if f.code == "cost.ceiling_above_appropriation"]
        assert (
            finding.location.project,
            finding.values["ceiling_yuan"],
            finding.values["appropriation_yuan"],
        ) == ("work_funds", "138000.00", "85000.00")
        assert "of 13.8 wan yuan is above the 8.50 wan yuan project" in finding.message_en

    def test_unitemised_fund(self, seed_findings):
        """169.0 万 of components against the 175 万 fund: 6.0 万 equal the publicity ceiling."""
        (finding,) = [f for f in seed_findings if f.code == "project.unitemised_remainder"]
        assert (
            finding.values["components_yuan"],
            finding.values["appropriation_yuan"],
            finding.values["remainder_yuan"],
        ) == ("1690000.00", "1750000.00", "60000.00")
        assert finding.values["equals"] == [
            {
                "project": "county_supporting_fund",
                "indicator": "2. 养老保险补贴政策宣传成本 ≤ 6万元",
            }
        ]
        assert "恰等于本项目成本指标“养老保险补贴政策宣传成本 ≤6万元”" in finding.message_zh

    def test_enrolment_rate_at_least_100(self, seed_findings):
        """参保率 ≥ 100 % can be met but never exceeded."""
        (finding,) = [f for f in seed_findings if f.code == "rate.at_least_100"]
        assert finding.location.indicator == "1. 养老保险参保率 $\\geq 100\\%$"
        assert "can be met but never exceeded" in finding.message_en

    def test_enrolment_rate_three_ways(self, seed_findings):
        """参保率 is targeted ≥ 98 %, > 98 % and ≥ 100 % by the three projects."""
        (finding,) = [f for f in seed_findings if f.code == "rate.inconsistent"]
        assert [
            (t["project"], t["comparator"], t["target_percent"]) for t in finding.values["targets"]
        ] == [
            ("work_funds", "≥", "98"),
            ("coordinator_allowance", ">", "98"),
            ("county_supporting_fund", "≥", "100"),
        ]
        assert "3 ways (≥98%, >98%, ≥100%)" in finding.message_en

    def test_heading_two_after_two(self, seed_findings):
        """二、满意度指标 after 二、社会效益 is a repeat; 三 comes next."""
        (finding,) = [f for f in seed_findings if f.code == "outline.numbering"]
        assert (
            finding.location.indicator,
            finding.values["found"],
            finding.values["expected"],
        ) == ("二、满意度指标", 2, 3)
        assert "repeats" in finding.message_en

    def test_nothing_else(self, seed_findings):
        """The seed's findings are exactly these, in check order."""
        assert codes(seed_findings) == [
            ("warning", "project.unitemised_remainder"),
            ("error", "quantity.mismatch"),
            ("warning", "cost.ceiling_above_appropriation"),
            ("warning", "rate.at_least_100"),
            ("warning", "rate.inconsistent"),
            ("info", "component.per_capita_implausible"),
            ("warning", "outline.numbering"),
        ]

    def test_bundled_dataset_without_prose(self):
        """The TOML dataset (no prose, no headings) gives the figure-based findings.

        The indicators state the insured count as ≥91700 and as 96410: the audit reports the
        two numbers (the plan check, asking whether 96410 meets ≥91700, says it does).
        """
        assert codes(audit(load_dataset())) == [
            ("warning", "project.unitemised_remainder"),
            ("error", "quantity.mismatch"),  # ≥91700 and 96410 are both indicators
            ("warning", "cost.ceiling_above_appropriation"),
            ("warning", "rate.at_least_100"),
            ("warning", "rate.inconsistent"),
        ]


class TestUnitTotals:
    def test_unit_not_sum_of_projects(self):
        """501003 stating 190.00 for projects of 190.04 is an error with the difference."""
        findings = check_unit_totals(
            planted(
                ("501003\t门源县社会保险服务局\t190.04", "501003\t门源县社会保险服务局\t190.00")
            )
        )
        assert codes(findings) == [("error", "unit.total_mismatch")] * 2
        assert findings[1].values["difference_yuan"] == "-400.00"
        assert findings[0].location.unit == "501"  # 501 states 190.04, its sub-unit 190.00


class TestComponentsVsAppropriation:
    def test_over(self):
        """Components over the appropriation are an error with the overrun."""
        (finding,) = check_components_vs_appropriation(
            planted(("预计县级缴费补贴144.6万元", "预计县级缴费补贴150.6万元"))
        )
        assert codes([finding])[0] == ("error", "project.components_over")
        assert finding.values["overrun_yuan"] == "60000.00"

    def test_rest_matching_another_project(self):
        """A rest equal to a ceiling of another project names that project."""
        (finding,) = check_components_vs_appropriation(
            planted(("预计县级缴费补贴144.6万元", "预计县级缴费补贴138.6万元"))
        )
        assert "养老保险征收发放工作经费" in finding.message_zh
        assert finding.values["equals"][0]["project"] == "work_funds"


class TestCountsTimesStandards:
    def test_villages_times_standard(self):
        """110 villages × 600 元 = 6.60 万 vs the 6.54 万 project and its cost line."""
        findings = check_counts_times_standards(
            planted(("12个乡镇109个行政村", "12个乡镇110个行政村"))
        )
        assert codes(findings) == [("error", "standard.amount_mismatch")] * 2
        assert (
            findings[0].values["computed_yuan"],
            findings[0].values["stated_yuan"],
        ) == ("66000.00", "65400.00")
        assert findings[1].location.indicator == "1.全年发放工作补助 6.54万元"


class TestStatedQuantities:
    def test_villages_and_coordinators(self):
        """A coordinator count of 108 against 109 villages × 1 is reported."""
        (finding,) = check_stated_quantities(
            planted(("村级协办员人数 109人", "村级协办员人数 108人"))
        )
        assert (
            finding.values["quantity"],
            finding.values["values"],
        ) == ("coordinators", [108, 109])
        goal = next(s for s in finding.values["statements"] if s["source"] == "goal")
        assert "109个行政村" in goal["text"]  # the goal's own words, not a derivation

    def test_payers(self):
        """Payers stated as 72,300 in the prose and 71,000 in the indicators."""
        (finding,) = check_stated_quantities(
            planted(("预计缴费人数 72300人", "预计缴费人数 71000人"))
        )
        assert (
            finding.values["quantity"],
            finding.location.project,
        ) == ("payers", "county_supporting_fund")


class TestCostCeilings:
    def test_ceiling_below_components(self):
        """A fund ceiling of 170 万 below 175 万 of components is an error."""
        findings = check_cost_ceilings(
            planted(("县级财政补贴 ≤ 175万元", "县级财政补贴 ≤ 170万元"))
        )
        assert codes(findings) == [("error", "cost.ceiling_below_amount")]
        assert (
            findings[0].values["ceiling_yuan"],
            findings[0].values["amount_yuan"],
        ) == ("1700000.00", "1750000.00")

    def test_ceiling_below_a_component(self):
        """A ceiling named for a component below its amount is an error."""
        ceiling = "<p>1. 养老保险县级财政补贴 ≤ 175万元</p>"
        extra = " <p>2. 重度残疾人代缴 ≤ 6万元</p>"
        findings = check_cost_ceilings(planted((ceiling, ceiling + extra)))
        assert codes(findings) == [("error", "cost.ceiling_below_amount")]
        assert "below Proxy payment, severely disabled, 6.20 wan yuan" in findings[0].message_en


class TestCeilingsVsHeadroom:
    def test_part_ceilings_exceed_headroom(self):
        """A 6 万 publicity ceiling inside a fund with 0 万 unallocated is a warning."""
        findings = check_ceilings_vs_headroom(
            planted(
                (
                    "<p>1. 养老保险县级财政补贴 ≤ 175万元</p>",
                    "<p>1. 养老保险县级财政补贴 ≤ 175万元</p> <p>2. 宣传成本 ≤ 6万元</p>",
                )
            )
        )
        assert codes(findings) == [("warning", "cost.ceilings_exceed_headroom")]
        assert (
            findings[0].values["ceilings_yuan"],
            findings[0].values["headroom_yuan"],
        ) == ("60000.00", "0.00")


class TestRateTargets:
    @pytest.mark.parametrize(
        ("target", "expected"),
        [
            ("≥105%", "rate.above_100"),
            (">100%", "rate.above_100"),
            ("105%", "rate.above_100"),
            ("≥100%", "rate.at_least_100"),
            ("＞99%", None),
            ("100%", None),
            ("≤105%", None),
        ],
    )
    def test_rate(self, target, expected):
        """Impossible rates are errors, ≥ 100 % a warning, the rest fine."""
        findings = check_rate_targets(
            planted(("2.社保政策知晓率 ≥90%", f"2.社保政策知晓率 {target}"))
        )
        assert ([] if expected is None else [expected]) == [f.code for f in findings]


class TestUnitWideRates:
    def test_two_ways(self):
        """The same 知晓率 targeted ≥ 90 % and ≥ 95 % in one unit is a warning."""
        (finding,) = check_unit_wide_rates(
            planted(("2.社保政策知晓率 ≥90%", "2.社保政策知晓率 ≥95%"))
        )
        assert (finding.severity.value, finding.values["rate"]) == ("warning", "知晓率")


class TestPerCapita:
    def test_interval_of_the_seed_example(self):
        """6.2 万元 over 1,025 persons: [60, 60.9756…) 元 a person, exactly."""
        assert (Fraction(60), Fraction(2500, 41)) == per_capita_interval(
            Yuan(62000), Yuan(1000), 1025
        )

    def test_no_whole_jiao_is_info(self):
        """The seed's 138.6 万 over 71,104 holds no whole 角: info with its interval."""
        (finding,) = check_per_capita(load_bundled_disclosure())
        assert finding.severity == Severity.INFO
        assert (
            finding.values["low_yuan"],
            finding.values["high_yuan"],
        ) == ("19.485542", "19.499606")
        assert "[19.4855, 19.4996) yuan a person" in finding.message_en

    def test_no_whole_fen_is_a_warning(self):
        """0.01 万元 over 2,000,000 persons leaves no whole 分: a warning."""
        text = planted(
            ("预计缴费72300人", "预计缴费2,000,003人"),
            ("县级缴费补贴144.6万元", "县级缴费补贴144.60万元"),
            ("预计缴费人数 72300人", "预计缴费人数 2000003人"),
        )
        (finding,) = check_per_capita(text)
        assert finding.severity == Severity.WARNING

    def test_custom_step(self):
        """With a step of 1 元, 6.2 万 over 1,025 is plausible (60 元) but 1.2 万/1,238 too."""
        assert check_per_capita(planted(), step=Decimal(1)) == []


class TestHeadingNumbering:
    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (("<p>三、满意度指标</p> <p>1. 受益", "<p>四、满意度指标</p> <p>1. 受益"), "skips"),
            (("<p>(二)时效指标：</p>", "<p>(三)时效指标：</p>"), "skips"),
            (("<p>3.社保政策宣传开展", "<p>2.社保政策宣传开展"), "repeats"),
        ],
    )
    def test_skip_or_repeat(self, change, expected):
        """Skipped or repeated numbers at each level are warnings."""
        findings = check_heading_numbering(planted(change))
        assert codes(findings) == [("warning", "outline.numbering")]
        assert expected in findings[0].message_en

    def test_a_skip_is_one_finding(self):
        """1. 3. 4. 5. 6. is one skip, not four problems."""
        findings = check_heading_numbering(
            planted(
                ("<p>2.单位工作人员培训次数", "<p>3.单位工作人员培训次数"),
                ("<p>3.社保政策宣传开展次数", "<p>4.社保政策宣传开展次数"),
                ("<p>4.单位参训人员", "<p>5.单位参训人员"),
                ("<p>5.社保政策宣传覆盖率", "<p>6.社保政策宣传覆盖率"),
            )
        )
        assert [(f.values["found"], f.values["expected"]) for f in findings] == [(3, 2)]


class TestProseNotes:
    def test_unrecognised_prose(self):
        """A keyword without numbers in the prose is a warning with its clause."""
        findings = check_prose_notes(planted(("年底确保上述", "另有重度残疾人若干。年底确保上述")))
        assert codes(findings) == [("warning", "prose.unrecognised")]
        assert findings[0].location.goal == "另有重度残疾人若干"


class TestOutput:
    def test_json_shape(self):
        """findings_data gives code, severity, location, messages and values."""
        data = findings_data(audit(load_bundled_disclosure()))
        assert {"code", "severity", "location", "message_zh", "message_en", "values"} == set(
            data["findings"][0]
        )
        json.dumps(data, ensure_ascii=False)

    def test_cli_audit_json_exit_1(self, capsys):
        """audit --format json on the seed exits 1 (an error finding) with the JSON shape."""
        assert main(["audit", str(SEED_PATH), "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert "quantity.mismatch" in [f["code"] for f in data["findings"]]

    def test_cli_audit_text_exit_0_when_honest(self, tmp_path, capsys):
        """audit of an honest table exits 0 and says nothing is wrong."""
        path = tmp_path / "honest.txt"
        path.write_text(honest(), encoding="utf-8")
        assert main(["audit", str(path), "--locale", "en"]) == 0
        assert capsys.readouterr().out == "0 errors, 0 warnings, 0 infos\n"

    def test_cli_audit_text_zh(self, capsys):
        """The default text output is Chinese with a count by severity."""
        assert main(["audit"]) == 1
        out = capsys.readouterr().out
        assert "错误 [quantity.mismatch] 501003" in out
        assert out.endswith("共 错误 1 项，警告 5 项，提示 1 项\n")

    def test_cli_bad_input_exit_3(self, tmp_path, capsys):
        """Unreadable input exits 3 with one line naming the file and no traceback."""
        path = tmp_path / "bad.csv"
        path.write_bytes(b"")
        assert main(["audit", str(path)]) == 3
        err = capsys.readouterr().err
        assert "bad.csv: empty file" in err
        assert "Traceback" not in err
