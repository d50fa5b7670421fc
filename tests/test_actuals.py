"""Reading actual results as people write them, the actuals file, and the evaluate command."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pension_subsidy import (
    ActualValueError,
    DataFileError,
    InvalidAmountError,
    Measured,
    Yuan,
    evaluate,
    load_dataset,
    parse_actual,
    parse_money,
    read_actuals,
)
from pension_subsidy.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WORKED = EXAMPLES / "actuals-2022.toml"
ALL_MET = EXAMPLES / "actuals-2022-all-met.toml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actuals.toml"
    path.write_text(text, encoding="utf-8")
    return path


class TestParseActual:
    @pytest.mark.parametrize(
        ("text", "value", "unit"),
        [
            ("91700人", Decimal(91700), "人"),
            ("91,700 人", Decimal(91700), "人"),
            ("99%", Decimal(99), "%"),
            ("99.5％", Decimal("99.5"), "%"),
            ("5.5万元", Decimal("5.5"), "万元"),
            ("5.5万", Decimal("5.5"), "万"),
            ("9.17万人", Decimal("9.17"), "万人"),
            ("180天", Decimal(180), "天"),
            ("12", Decimal(12), ""),
            (12, Decimal(12), ""),
            ("健全", "健全", ""),
            (" 基本健全 ", "基本健全", ""),
        ],
    )
    def test_as_written(self, text, value, unit):
        """Values read as people write them: number, optional 万, unit; or a word."""
        measured = parse_actual(text)
        assert (measured.value, measured.unit) == (value, unit)

    @pytest.mark.parametrize(
        "text", ["91700 persons", "99%%", "1.2.3人", "-5人", "", "万5", "9,17,00人", "917,00人"]
    )
    def test_unreadable(self, text):
        """Text with digits that is not a number and unit, or empty, is refused."""
        with pytest.raises(ActualValueError, match="cannot read"):
            parse_actual(text, project="p", indicator="i")

    def test_float_refused(self):
        """A TOML float is refused, with the fix (quote it)."""
        with pytest.raises(ActualValueError, match="write it quoted"):
            parse_actual(99.5, project="p", indicator="i")

    def test_negative_integer_refused(self):
        """A negative integer is refused."""
        with pytest.raises(ActualValueError, match="≥ 0"):
            parse_actual(-1)

    def test_wan_percent_refused(self):
        """万 before % is refused."""
        with pytest.raises(ActualValueError, match="万 before %"):
            parse_actual("9万%")


class TestParseMoney:
    def test_units(self):
        """172万元, 172万 and 1720000元 are the same amount."""
        assert {parse_money("172万元"), parse_money("172万"), parse_money("1720000元")} == {
            Yuan("1720000")
        }

    def test_plain_number_refused(self):
        """A plain number could be 元 or 万元: the unit must be written."""
        with pytest.raises(InvalidAmountError, match="with its unit"):
            parse_money("172")


class TestReadActuals:
    def test_worked_example(self):
        """The shipped example reads and scores the county fund 91.50."""
        budget = load_dataset()
        result = evaluate(budget, read_actuals(WORKED, budget))
        scores = {p.project.key: str(p.score) for p in result.projects}
        assert scores == {"coordinator_allowance": "97.00", "county_supporting_fund": "91.50"}
        assert result.skipped == ("work_funds",)

    def test_reasons_and_measures(self):
        """Reasons and measures from the file reach the shortfalls."""
        budget = load_dataset()
        fund = evaluate(budget, read_actuals(WORKED, budget)).projects[1]
        first = fund.shortfalls[0]
        assert (first.indicator.name, first.reason, first.measure) == (
            "预计参保人数",
            "外出务工人员增加，部分人员在务工地参保",
            "与务工地社保经办机构核对参保信息，做好转移接续",
        )

    def test_unknown_indicator_names_file_line_and_indicator(self, tmp_path):
        """An actual for a missing indicator fails with path, line, project, name and value."""
        path = _write(
            tmp_path,
            '[projects.county_supporting_fund]\nspent = "172万元"\n'
            '[projects.county_supporting_fund.indicators]\n"预计参保人数" = "91700人"\n'
            '"参保人数合计" = "91700人"\n',
        )
        with pytest.raises(DataFileError) as caught:
            read_actuals(path, load_dataset())
        message = str(caught.value)
        assert f"{path}:5:" in message
        for part in ("'参保人数合计'", "'county_supporting_fund'", "91700人"):
            assert part in message

    def test_unit_mismatch(self, tmp_path):
        """人 against a % target fails, naming project, indicator and value."""
        path = _write(
            tmp_path,
            '[projects.county_supporting_fund.indicators]\n"受益群众满意度" = "85人"\n',
        )
        with pytest.raises(DataFileError, match=r"'受益群众满意度': the actual '85人' is in 人"):
            read_actuals(path, load_dataset())

    def test_unreadable_value_has_line(self, tmp_path):
        """An unreadable value is reported at its line."""
        path = _write(
            tmp_path, '[projects.work_funds.indicators]\n\n"工作运转人数" = "50 persons"\n'
        )
        with pytest.raises(DataFileError, match=r":3: .*'工作运转人数'.*50 persons"):
            read_actuals(path)

    def test_unknown_project(self, tmp_path):
        """A project the budget lacks fails, naming it."""
        path = _write(tmp_path, '[projects.pension_fund]\nspent = "1万元"\n')
        with pytest.raises(DataFileError, match="'pension_fund'"):
            read_actuals(path, load_dataset())

    def test_project_twice(self, tmp_path):
        """A project keyed by its key and by its name is refused."""
        path = _write(
            tmp_path,
            '[projects.work_funds]\nspent = "1万元"\n'
            '[projects."养老保险征收发放工作经费"]\nspent = "1万元"\n',
        )
        with pytest.raises(DataFileError, match="given twice"):
            read_actuals(path, load_dataset())

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ('[projects.work_funds]\nspend = "1万元"\n', "unknown key 'spend'"),
            ('[project.work_funds]\nspent = "1万元"\n', "unknown table 'project'"),
            ('[projects.work_funds]\nspent = "85000"\n', "with its unit"),
            ('[projects.work_funds]\nspent = "1万元"\nspent_wan = "1"\n', "give one of"),
            ("[projects.work_funds]\nspent_wan = 8.5\n", "as text"),
            ("[actuals]\n", "at least one"),
            ("projects = 1\n", "expected a table"),
            ('[projects.work_funds.reasons]\n"工作运转人数" = 1\n', "expected text"),
            ('[projects.work_funds.weights]\noutput = "60"\n', "expected 100"),
            ('[qualitative."健全"]\n"较健全" = "2"\n', "from 0 to 1"),
            ("not toml = = 1", "not valid TOML"),
        ],
    )
    def test_bad_files(self, tmp_path, text, match):
        """Every malformed part is an error naming the file; nothing is skipped."""
        with pytest.raises(DataFileError, match=match):
            read_actuals(_write(tmp_path, text), load_dataset())

    def test_spent_wan(self, tmp_path):
        """spent_wan takes a plain number of 万元."""
        path = _write(tmp_path, '[projects.work_funds]\nspent_wan = "8.5"\n')
        assert read_actuals(path).projects[0].spent == Yuan("85000")

    def test_weights_from_file(self, tmp_path):
        """Per-project weights and indicator weights come from the file."""
        path = _write(
            tmp_path,
            '[projects.work_funds.weights]\nbudget_execution = "20"\noutput = "40"\n'
            '[projects.work_funds.indicator_weights]\n"工作运转人数" = "4"\n',
        )
        weights = read_actuals(path, load_dataset()).projects[0].weights
        assert weights is not None
        assert (weights.budget_execution, weights.indicators) == (20, (("工作运转人数", 4),))

    def test_wrong_dataset(self, tmp_path):
        """Actuals written for another year are refused."""
        path = _write(tmp_path, '[actuals]\nyear = 2023\n[projects.work_funds]\nspent = "1万元"\n')
        with pytest.raises(DataFileError, match="2023"):
            read_actuals(path, load_dataset())

    def test_missing_file(self, tmp_path):
        """A missing file is a DataFileError naming it."""
        with pytest.raises(DataFileError, match="cannot open"):
            read_actuals(tmp_path / "none.toml")

    def test_values_kept_as_written(self):
        """The file's values are kept as written for the report."""
        fund = read_actuals(WORKED).projects[0]
        assert dict(fund.values)["养老保险补贴政策宣传成本"] == Measured(
            Decimal("5.5"), "万元", "5.5万元"
        )


class TestEvaluateCommand:
    def test_json_contract(self, capsys):
        """The JSON has the contract's keys, numbers as decimal strings; 91.50 for the fund."""
        assert main(["evaluate", "--actuals", str(WORKED), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        fund = data["projects"][1]
        assert {"key", "name_zh", "score", "grade", "budget_execution", "indicators"} <= set(fund)
        assert (fund["key"], fund["score"], fund["grade"]) == (
            "county_supporting_fund",
            "91.50",
            "优",
        )
        assert (
            fund["budget_execution"].items()
            >= {
                "appropriation_yuan": "1750000.00",
                "spent_yuan": "1720000.00",
                "rate": "98.29",
                "score": "9.83",
            }.items()
        )
        first = fund["indicators"][0]
        assert {
            "name": "预计参保人数",
            "level1": "output",
            "level2": "quantity",
            "comparator": "≥",
            "target": "96410",
            "unit": "人",
            "actual": "91700",
            "status": "partly_met",
            "weight": "5.56",
            "score": "5.28",
            "gap": "-4710",
        }.items() <= first.items()
        assert data["skipped"] == ["work_funds"]

    def test_all_met(self, capsys):
        """All met and fully spent: 100.00 (优) in the text form."""
        assert main(["evaluate", "--actuals", str(ALL_MET)]) == 0
        out = capsys.readouterr().out
        assert "总分: 100.00    自评等级: 优" in out
        assert "未评价 (实际完成值文件未列出): work_funds, coordinator_allowance" in out

    def test_english(self, capsys):
        """--locale en gives English labels."""
        assert main(["evaluate", "--actuals", str(WORKED), "--locale", "en"]) == 0
        out = capsys.readouterr().out
        assert "Total score: 91.50    Grade: excellent (优)" in out
        assert "Reason: 外出务工人员增加，部分人员在务工地参保" in out

    def test_text_lists_shortfalls(self, capsys):
        """The text form lists each shortfall with its gap, reason and measure."""
        assert main(["evaluate", "--actuals", str(WORKED)]) == 0
        out = capsys.readouterr().out
        assert "预计参保人数: 年度指标值 96410人, 实际完成值 91700人, 差距 -4710人" in out
        assert "改进措施: 2023年上半年印发县级缴费补贴管理办法" in out

    def test_unknown_indicator_exit_code(self, tmp_path, capsys):
        """An unknown indicator exits 3 with a one-line message naming it."""
        path = _write(
            tmp_path, '[projects.county_supporting_fund.indicators]\n"无此指标" = "1人"\n'
        )
        assert main(["evaluate", "--actuals", str(path)]) == 3
        err = capsys.readouterr().err
        assert "'无此指标'" in err
        assert "Traceback" not in err

    def test_actuals_required(self, capsys):
        """--actuals is required (usage error, exit 2)."""
        assert main(["evaluate"]) == 2
        capsys.readouterr()


class TestPlanCheckCommand:
    def test_target_met_exits_0(self, capsys):
        """The plan's 96,410 insured meet the target ≥91,700: no mismatch, exit 0."""
        assert main(["plan-check"]) == 0
        out = capsys.readouterr().out
        assert (
            "一致     乡镇养老保险协办员工作补贴 [coordinator_allowance] · 养老保险参保人数" in out
        )

    def test_json(self, capsys):
        """The JSON lists each finding with its numbers as decimal strings."""
        main(["plan-check", "--format", "json"])
        findings = json.loads(capsys.readouterr().out)["findings"]
        ceiling = next(f for f in findings if f["indicator"] == "养老保险县级财政补贴")
        assert (ceiling["target"], ceiling["figure"], ceiling["difference"]) == ("175", "169", "-6")
