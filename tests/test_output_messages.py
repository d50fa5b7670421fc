"""The messages of evaluation's 10号 rules, output/ and the CLI's own checks, in both languages.

Each raise site has a code of data/messages/<language>/output.toml: the English is the text
of before (``str(error)``), the Chinese says the same with the values as they came.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pension_subsidy import (
    Actuals,
    ActualValueError,
    DataFileError,
    EvaluationError,
    Measured,
    MissingDependencyError,
    ProjectActuals,
    UnknownKeyError,
    Yuan,
    load_dataset,
)
from pension_subsidy.cli._params import _date
from pension_subsidy.cli._sensitivity import _percent
from pension_subsidy.evaluation.rules_2020 import (
    Band,
    BandRange,
    Rules2020,
    band_for_percent,
    score_qualitative,
)
from pension_subsidy.evaluation.scoring_2020 import _execution, evaluate_2020, evaluate_with
from pension_subsidy.exceptions import Phrase, message_catalogue
from pension_subsidy.output.charts_backend import load_matplotlib
from pension_subsidy.output.errors import error_text, phrase_text
from pension_subsidy.output.selfeval_docx import load_python_docx
from pension_subsidy.output.selfeval_files import format_of, render_selfeval
from pension_subsidy.output.template_xlsx import DATASET_SHEETS, _Writer


def _both(error: BaseException) -> tuple[str, str]:
    return str(error), error_text(error, "zh_CN")


class TestCatalogue:
    """The part's codes are in both languages and do not shadow the core's."""

    def test_part_codes_in_both_languages(self) -> None:
        """Every code of the part is in the merged catalogue of each language."""
        codes = {
            "evaluation.rules_2020.band_order",
            "evaluation.scoring_2020.no_rules",
            "output.dependency.matplotlib",
            "output.template.cell_value",
            "cli.params.date",
            "cli.write_selfeval.not_selfeval",
        }
        assert codes <= set(message_catalogue("en"))
        assert codes <= set(message_catalogue("zh"))


class TestRules2020:
    """A province's 10号 rules: bands, choices and multiples refused in each language."""

    def test_band_order(self) -> None:
        """A default above the band's top is refused with the three figures."""
        with pytest.raises(EvaluationError) as caught:
            BandRange(60, 80, 90)
        assert _both(caught.value) == (
            "qualitative band: expected low ≤ default ≤ high ≤ 100 (%), got low 60, "
            "default 90, high 80",
            "定性档位：应为 下限 ≤ 默认值 ≤ 上限 ≤ 100 (%)，实为下限 60、默认值 90、上限 80",
        )

    def test_equal_as(self) -> None:
        """equal_as takes 'ge' or 'exact' only."""
        with pytest.raises(EvaluationError) as caught:
            Rules2020(equal_as="le")
        assert _both(caught.value) == (
            "quantitative.equal_as: expected 'ge' or 'exact', got 'le'",
            "quantitative.equal_as: 应为 'ge' 或 'exact'，实为 'le'",
        )

    def test_reverse_zero_at(self) -> None:
        """The multiple at which a reverse indicator scores 0 must exceed 1."""
        with pytest.raises(EvaluationError) as caught:
            Rules2020(reverse_zero_at="1")
        assert _both(caught.value) == (
            "quantitative.reverse_zero_at: expected a multiple of the target > 1, got '1'",
            "quantitative.reverse_zero_at: 应为目标值的倍数且 > 1，实为 '1'",
        )

    def test_execution_against_names_the_file(self) -> None:
        """Only the adjusted budget is a basis of execution; the file is named first."""
        data = {"execution": {"against": "initial"}}
        with pytest.raises(DataFileError) as caught:
            Rules2020.from_mapping(data, source="province.toml")
        assert _both(caught.value) == (
            "province.toml: execution.against: expected 'adjusted' (全年预算数), got 'initial'",
            "province.toml: execution.against: 应为 'adjusted'（全年预算数），实为 'initial'",
        )

    def test_unknown_key_in_a_table(self) -> None:
        """A key the rules do not know keeps Python's words after the Chinese lead."""
        data = {"weights": {"speed": "10"}}
        with pytest.raises(DataFileError) as caught:
            Rules2020.from_mapping(data, source="province.toml")
        english, chinese = _both(caught.value)
        assert english.startswith("province.toml: ")
        assert "speed" in english
        assert chinese.startswith("province.toml: 评分规则有误：")

    def test_a_band_error_in_the_file_keeps_its_code(self) -> None:
        """A band refused inside the file is said from the band's own code."""
        data = {"qualitative": {"partly": {"low": "60", "high": "80", "default": "90"}}}
        with pytest.raises(DataFileError) as caught:
            Rules2020.from_mapping(data, source="province.toml")
        assert caught.value.code == "evaluation.rules_2020.band_order"
        assert error_text(caught.value, "zh_CN").startswith("province.toml: 定性档位：")

    def test_percent_out_of_range(self) -> None:
        """A percentage above 100 lies in no band."""
        with pytest.raises(EvaluationError) as caught:
            band_for_percent(101)
        assert _both(caught.value) == (
            "qualitative score: expected a percentage from 0 to 100, got 101",
            "定性评分：应为 0 到 100 之间的百分比，实为 101",
        )

    def test_outside_the_band(self) -> None:
        """90 % is not in the partly-achieved band (60–80 %)."""
        with pytest.raises(EvaluationError) as caught:
            score_qualitative(Band.PARTLY, 10, "90")
        english, chinese = _both(caught.value)
        assert english == (
            f"qualitative score: 90 % lies outside the band partly ({Band.PARTLY.name_zh}, 60–80 %)"
        )
        assert chinese == f"定性评分：90 % 不在档位 partly（{Band.PARTLY.name_zh}，60–80 %）之内"


class TestScoring2020:
    """Evaluating with the 10号 rules: a number for a word, a project twice, unknown rules."""

    def test_a_number_for_a_word(self) -> None:
        """A number given for a qualitative indicator names the project and the indicator."""
        budget = load_dataset()
        fund = budget.project("county_supporting_fund")
        word = next(i for i in fund.indicators if i.is_qualitative)
        actuals = ProjectActuals(fund.key, values=((word.name, Measured(Decimal(1))),))
        with pytest.raises(ActualValueError) as caught:
            evaluate_2020(budget, Actuals([actuals]))
        english, chinese = _both(caught.value)
        assert english == (
            f"project 'county_supporting_fund', indicator {word.name!r}: expected a word such "
            f"as {word.target!r}, got the number '1'"
        )
        assert chinese == (
            f"项目 'county_supporting_fund'、指标 {word.name!r}: 应为文字，如 {word.target!r}，"
            "实为数字 '1'"
        )

    def test_negative_spent(self) -> None:
        """Spending below 0 元 is refused as in the current scoring."""
        fund = load_dataset().project("county_supporting_fund")
        with pytest.raises(ActualValueError) as caught:
            _execution(fund, Yuan("-1"), Fraction(10))
        assert _both(caught.value) == (
            "project 'county_supporting_fund': spent: expected an amount ≥ 0 元, got -1.00 元",
            "项目 'county_supporting_fund': spent: 应为 ≥ 0 元的金额，实为 -1.00 元",
        )

    def test_a_project_twice(self) -> None:
        """The same project given twice is refused in each language."""
        twice = Actuals([ProjectActuals("county_supporting_fund")] * 2)
        with pytest.raises(EvaluationError) as caught:
            evaluate_2020(load_dataset(), twice)
        assert _both(caught.value) == (
            "project 'county_supporting_fund' is given twice (as 'county_supporting_fund')",
            "项目 'county_supporting_fund' 给了两次（作为 'county_supporting_fund'）",
        )

    def test_unknown_rules(self) -> None:
        """Another name than current or 2020-10 lists the two."""
        with pytest.raises(UnknownKeyError) as caught:
            evaluate_with(load_dataset(), Actuals([]), scoring="2019")
        assert _both(caught.value) == (
            "no scoring rules '2019'; the rules are: current, 2020-10",
            "没有评分规则 '2019'；评分规则有：current, 2020-10",
        )


class TestOutput:
    """The output layer's own refusals: a missing extra, a suffix, a cell of a workbook."""

    def test_no_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib the message names the extra that installs it."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(MissingDependencyError) as caught:
            load_matplotlib()
        assert caught.value.extra == "plot"
        assert _both(caught.value) == (
            'charts need matplotlib: pip install "pension-subsidy[plot]"',
            '图表需要 matplotlib：pip install "pension-subsidy[plot]"',
        )

    def test_no_python_docx(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx the message names the word extra."""
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(MissingDependencyError) as caught:
            load_python_docx()
        assert _both(caught.value) == (
            "writing .docx needs python-docx: pip install 'pension-subsidy[word]'",
            "写出 .docx 需要 python-docx：pip install 'pension-subsidy[word]'",
        )

    def test_unknown_suffix(self) -> None:
        """A .pdf is not a self-evaluation file the library writes."""
        with pytest.raises(DataFileError) as caught:
            format_of(Path("out.pdf"))
        assert _both(caught.value) == (
            "out.pdf: cannot tell the format from the suffix: expected one of .xlsx, .html, .docx",
            "out.pdf: 无法从后缀判断格式：应为 .xlsx, .html, .docx 之一",
        )

    def test_unknown_format(self) -> None:
        """render_selfeval names the formats it writes."""
        with pytest.raises(DataFileError) as caught:
            render_selfeval(None, "pdf")  # type: ignore[arg-type]  # refused before it is read
        assert _both(caught.value) == (
            "<input>: format: format: expected one of xlsx, html, docx, got 'pdf'",
            "<输入>: format: format: 应为 xlsx, html, docx 之一，实为 'pdf'",
        )

    def test_a_cell_of_two_values(self) -> None:
        """A table in a workbook cell is refused naming the sheet's key and the column."""
        pytest.importorskip("openpyxl")
        layout = DATASET_SHEETS[0]
        with pytest.raises(DataFileError) as caught:
            _Writer("d.toml").sheet(layout, [{"name": {"a": 1}}])
        assert _both(caught.value) == (
            f"d.toml: {layout.key}.name: expected text or a number, got {{'a': 1}}: a workbook "
            "cell holds one value",
            f"d.toml: {layout.key}.name: 应为文字或数字，实为 {{'a': 1}}：工作簿的一个单元格只能放"
            "一个值",
        )


class TestCommandLine:
    """The commands' own argument checks, said as phrases (argparse prints their English)."""

    def test_a_date(self) -> None:
        """params --as-of takes an ISO date."""
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            _date("30.6.2022")
        said = caught.value.args[0]
        assert str(caught.value) == "expected a date such as 2022-06-30, got '30.6.2022'"
        assert phrase_text(said, "zh_CN") == "应为 2022-06-30 这样的日期，实为 '30.6.2022'"

    def test_a_percentage(self) -> None:
        """sensitivity --percent takes a positive percentage."""
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            _percent("-5%")
        said = caught.value.args[0]
        assert str(caught.value) == "expected a positive percentage such as 10, got '-5%'"
        assert phrase_text(said, "zh_CN") == "应为正的百分比，如 10，实为 '-5%'"

    def test_a_malformed_percentage_keeps_the_number_code(self) -> None:
        """A percentage that is no number repeats the number's own message, less the field."""
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            _percent("ten")
        said = caught.value.args[0]
        assert isinstance(said, Phrase)
        assert not str(caught.value).startswith("--percent")
        assert phrase_text(said, "zh_CN") != str(caught.value)
