"""Issue 9 (hardening): money never rounds silently, every number is bounded where it is read.

Each reproducer of the issue is here with the result it must give: the exact amount, or the
library's own error naming the field (and the file), and through the CLI exit 3 for input
that cannot be used, exit 2 for an option, and never a traceback.
"""

from __future__ import annotations

import decimal
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pension_subsidy import (
    DataFileError,
    FloatAmountError,
    InvalidAmountError,
    InvalidOverrideError,
    PensionSubsidyError,
    Yuan,
    budget_from_mapping,
    load_budget_file,
    load_dataset,
    round_half_up,
    sensitivity,
)
from pension_subsidy.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from pension_subsidy.disclosure.numbers import parse_amount
from pension_subsidy.evaluation.actuals import parse_actual, read_actuals
from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.model.indicators import Indicator, Level1, Level2
from pension_subsidy.model.parameters import LegalSource, ParameterValue, load_parameter_file
from pension_subsidy.money import MAX_NUMBER, MAX_PLACES, MAX_YUAN, parse_number
from pension_subsidy.whatif.forecast import MAX_HORIZON, forecast
from pension_subsidy.whatif.scenarios import Change, Override, apply_override

DATASET = """
[dataset]
key = "hardening"
year = 2023

[[units]]
code = "9"
name_zh = "测试局"

[[units.projects]]
key = "fund"
name_zh = "配套资金"
{project}
"""

PARAMETERS = """
[sources.law]
document = "测试〔2023〕1号"
issuer = "测试局"

[[parameters]]
key = "proxy_payment.maximum_share"
kind = "{kind}"
unit = "1"
value = {value}
effective = 2020-01-01
source = "law"
"""


def _dataset(tmp_path: Path, project: str) -> Path:
    path = tmp_path / "county.toml"
    path.write_text(DATASET.format(project=project), encoding="utf-8")
    return path


def _parameters(tmp_path: Path, value: str, kind: str = "ratio") -> Path:
    path = tmp_path / "params.toml"
    path.write_text(PARAMETERS.format(kind=kind, value=value), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


class TestExactMoney:
    def test_a_fen_beyond_28_digits_is_not_lost(self) -> None:
        """10^30 元 is refused, not held where adding 0.01 元 changes nothing."""
        with pytest.raises(InvalidAmountError, match="too large") as caught:
            Yuan(10**30)
        assert caught.value.field == "amount"

    def test_sum_beyond_the_maximum_is_refused(self) -> None:
        """The maximum is an amount; one 分 more, as a sum, is an error naming the operation."""
        assert Yuan(MAX_YUAN) == Yuan("1000000000000000.00")
        with pytest.raises(InvalidAmountError, match=r"add: too large: .*\(10\^15 元\)") as caught:
            Yuan(MAX_YUAN) + Yuan("0.01")
        assert caught.value.field == "add"
        assert caught.value.value == Decimal("1000000000000000.01")

    def test_sums_are_exact_in_any_caller_context(self) -> None:
        """A caller's 3-digit context does not round the library's sums and products."""
        with decimal.localcontext(decimal.Context(prec=3)):
            assert str(Yuan("12345.67") + Yuan("0.01")) == "12345.68"
            assert str(Yuan("999999999999999.99") - Yuan("0.01")) == "999999999999999.98"
            assert str(Yuan("123.45") * 1025) == "126536.25"
            assert Yuan("61500").wan == Decimal("6.15")
            assert Yuan("61500").to_wan() == Decimal("6.15")

    def test_largest_amounts_add_exactly(self) -> None:
        """Amounts just under the maximum add and subtract to the 分."""
        near = Yuan("999999999999999.99")
        assert near - near + Yuan("0.01") == Yuan("0.01")
        assert -near + near == Yuan(0)
        assert abs(-near) == near

    def test_multiplying_beyond_the_maximum_is_refused(self) -> None:
        """× a huge count is an error (the count is described, not printed); 0 × it is 0."""
        assert Yuan(10**14) * 10 == Yuan(MAX_YUAN)
        with pytest.raises(InvalidAmountError, match="multiply: too large"):
            Yuan(10**14) * 11
        with pytest.raises(InvalidAmountError, match="an integer of about 5,001 digits"):
            Yuan("0.01") * 10**5000
        assert Yuan(0) * 10**5000 == Yuan(0)

    @pytest.mark.parametrize("extra", [5, 20, 1000, 100_000])
    def test_over_precise_wan_refused_at_every_length(self, extra: int) -> None:
        """6.2000…01 万元 is refused with the same message whatever the number of zeros."""
        text = "6.2" + "0" * extra + "1"
        with pytest.raises(InvalidAmountError, match="whole 分") as caught:
            Yuan.from_wan(text)
        assert caught.value.expected == "an amount in whole 分 (at most six decimal places of 万元)"

    def test_the_issue_example_of_28_digits(self) -> None:
        """The issue's 6.20000000000000000000000000001 万元 is no longer 62,000.00 元."""
        with pytest.raises(InvalidAmountError, match="whole 分"):
            Yuan.from_wan("6.20000000000000000000000000001")
        with pytest.raises(InvalidAmountError, match="whole 分"):
            Yuan.from_wan("6.2000001")

    def test_trailing_zeros_are_not_precision(self) -> None:
        """0.0010000 万元 is 10 元; 1.000…0 元 with many zeros is 1 元."""
        assert Yuan.from_wan("0.0010000") == Yuan(10)
        assert Yuan("1." + "0" * 100_000) == Yuan(1)
        assert Yuan.from_wan("0.000001") == Yuan("0.01")

    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: Yuan("1e58"), "amount"),
            (lambda: Yuan.from_wan("1e999999"), "amount"),
            (lambda: Yuan.rounded("1e60"), "amount"),
            (lambda: Yuan("1e-999999999999999999999"), "amount"),
            (lambda: Yuan(Decimal("1E+999999999")), "amount"),
            (lambda: Yuan(Decimal("sNaN")), "amount"),
            (lambda: Yuan.from_wan("-Infinity", field="appropriation"), "appropriation"),
            (lambda: Yuan("9" * 5000, field="per_capita"), "per_capita"),
        ],
    )
    def test_absurd_inputs_are_the_librarys_error(self, make: object, field: str) -> None:
        """Huge or tiny exponents, NaN and 5,000 digits raise InvalidAmountError, not decimal's."""
        with pytest.raises(InvalidAmountError) as caught:
            make()  # type: ignore[operator]
        assert caught.value.field == field
        assert str(caught.value).startswith(f"{field}: ")
        assert "got " in str(caught.value)

    def test_long_values_are_cut_short_in_messages(self) -> None:
        """A 5,000-digit value is shown by its first digits and its length."""
        with pytest.raises(InvalidAmountError) as caught:
            Yuan("9" * 5000)
        assert "(5,002 characters)" in str(caught.value)
        assert len(str(caught.value)) < 300

    def test_rounded_accepts_any_precision_within_bounds(self) -> None:
        """Yuan.rounded rounds a value of many places; one too large is refused."""
        assert Yuan.rounded("0.125" + "0" * 1000 + "1") == Yuan("0.13")
        assert Yuan.rounded("1e-999999") == Yuan(0)
        # trailing zeros past the last place a rounding reads (found by the thorough fuzz run)
        assert Yuan.rounded("9" * 60 + ".00e-999999") == Yuan(0)
        assert Yuan.rounded(".10e-999999") == Yuan(0)
        assert Yuan.rounded("1.5" + "0" * 2_000_000 + "e-2") == Yuan("0.02")
        assert Yuan.rounded(Fraction(10**40, 3 * 10**40)) == Yuan("0.33")
        with pytest.raises(InvalidAmountError, match="too large"):
            Yuan.rounded(Fraction(10**40, 3))

    def test_float_stays_refused(self) -> None:
        """A float is still FloatAmountError, also for from_wan."""
        with pytest.raises(FloatAmountError, match="float"):
            Yuan.from_wan(6.2)  # type: ignore[arg-type]


class TestComparisonWithZero:
    def test_both_directions_agree(self) -> None:
        """Yuan(0) <= 0 and 0 >= Yuan(0) are both True (<= was False), and == 0 too."""
        zero = Yuan(0)
        assert zero <= 0
        assert zero >= 0
        assert 0 <= zero  # noqa: SIM300 - the reflected operation is tested
        assert 0 >= zero  # noqa: SIM300 - the reflected operation is tested
        assert zero == 0
        assert 0 == zero  # noqa: SIM300 - the reflected operation is tested
        assert not zero < 0
        assert not 0 > zero  # noqa: SIM300 - the reflected operation is tested

    def test_signs_compare_with_zero(self) -> None:
        """A negative amount is below 0 from either side; a positive one above."""
        assert Yuan("-0.01") < 0 < Yuan("0.01")
        assert 0 > Yuan("-0.01")  # noqa: SIM300 - the reflected operation is tested
        assert Yuan("-0.01") != 0

    def test_zero_hashes_as_zero(self) -> None:
        """Equal values hash alike, so Yuan(0) and 0 are one key."""
        assert hash(Yuan(0)) == hash(0)
        assert {Yuan(0): "zero"}[0] == "zero"

    def test_other_numbers_are_not_amounts(self) -> None:
        """Only 0 stands for an amount: Yuan(5) is not 5, and does not order against it."""
        assert Yuan(5) != 5
        with pytest.raises(TypeError):
            _ = Yuan(5) < 3
        with pytest.raises(FloatAmountError):
            _ = Yuan(0) <= 0.0


class TestParseNumber:
    def test_numbers_as_written(self) -> None:
        """Grouped, signed, exponent and trailing-zero forms read to their exact value."""
        assert parse_number("1,025") == Decimal(1025)
        assert parse_number(" -2.50 ") == Decimal("-2.50")
        assert str(parse_number("1e3")) == "1000"
        assert parse_number(".5") == Decimal("0.5")
        assert parse_number("0e999999999999") == 0
        assert parse_number(Decimal("1.5")) == Decimal("1.5")
        assert parse_number(7) == Decimal(7)

    def test_bounds(self) -> None:
        """10^15 is read; anything larger, or finer than 10^-15, is refused."""
        assert parse_number(str(MAX_NUMBER)) == MAX_NUMBER
        assert parse_number("0." + "0" * (MAX_PLACES - 1) + "1") == Decimal("1e-15")
        for text in ("1000000000000000.1", "1e16", "1e999999999", "1e5000"):
            with pytest.raises(InvalidNumberError, match="too large"):
                parse_number(text)
        with pytest.raises(InvalidNumberError, match="at most 15 decimal places"):
            parse_number("1e-16")

    @pytest.mark.parametrize("text", ["nan", "-Infinity", "sNaN7", "inf"])
    def test_not_finite(self, text: str) -> None:
        """NaN and infinity are refused as not finite."""
        with pytest.raises(InvalidNumberError, match="expected a finite number"):
            parse_number(text, field="percent")

    @pytest.mark.parametrize("text", ["", "abc", "1_000", "1,00", "١٢", "1e", "--1", "1.2.3"])
    def test_malformed(self, text: str) -> None:
        """Text that is no number (underscores, other scripts' digits) names what was expected."""
        with pytest.raises(InvalidNumberError, match=r"expected a number such as 10 or 2\.5"):
            parse_number(text, field="rate")

    def test_not_text_int_or_decimal(self) -> None:
        """A float, a bool or a list is refused with the library's error."""
        for value in (2.5, True, [1]):
            with pytest.raises(InvalidNumberError):
                parse_number(value)

    def test_round_half_up_refuses_what_it_cannot_round(self) -> None:
        """round_half_up of NaN or 10^99, or to a place that is no power of ten, is an error."""
        with pytest.raises(InvalidNumberError, match="value"):
            round_half_up(Decimal("NaN"))
        with pytest.raises(InvalidNumberError, match="value"):
            round_half_up(Decimal("1e99"))
        with pytest.raises(InvalidNumberError, match="places"):
            round_half_up(Decimal("1.5"), Decimal("NaN"))
        assert round_half_up(Fraction(10**100 + 1, 2), Decimal(1)) == Decimal(10**100 // 2 + 1)


class TestDisclosureAmounts:
    def test_thirty_digits_are_refused_not_rounded(self) -> None:
        """A 30-digit 万元 cell is refused (it was rounded to 28 digits before the 分 check)."""
        with pytest.raises(InvalidAmountError, match="at most 100,000,000,000 万元"):
            parse_amount("123456789012345678901234567891万元")

    def test_step_counts_written_digits(self) -> None:
        """The rounding step is what the last written digit is worth, trailing zeros included."""
        assert parse_amount("6.20") == (Yuan(62000), Decimal("0.01"), "万元")
        assert parse_amount("0.0010000万元")[0] == Yuan(10)
        assert parse_amount("65,400元")[1] == Decimal(1)


class TestNumbersInFiles:
    @pytest.mark.parametrize("value", ['"1e999999999"', '"1e5000"', '"1/1e999999"', '"1/0"'])
    def test_parameter_ratio(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
    ) -> None:
        """A huge or zero-divisor ratio is a DataFileError naming file and key; CLI exit 3."""
        path = _parameters(tmp_path, value)
        with pytest.raises(DataFileError, match=r"proxy_payment\.maximum_share") as caught:
            load_parameter_file(path)
        assert caught.value.path == str(path)
        code, err = _run(capsys, "params", "--file", str(path))
        assert code == EXIT_INPUT
        assert f"{path}: parameters[0] (proxy_payment.maximum_share): value:" in err

    def test_parameter_ratio_still_reads(self, tmp_path: Path) -> None:
        """1/2 and 0.5 are the same exact ratio."""
        half = load_parameter_file(_parameters(tmp_path, '"1/2"')).values[0].as_ratio()
        assert half == Fraction(1, 2)
        assert load_parameter_file(_parameters(tmp_path, '"0.5"')).values[0].as_ratio() == half

    def test_parameter_amount_too_large(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An amount of 10^30 元 in a parameter file exits 3 with the file and the key."""
        path = _parameters(tmp_path, '"1e30"', kind="yuan")
        code, err = _run(capsys, "params", "--file", str(path))
        assert code == EXIT_INPUT
        assert str(path) in err
        assert "too large" in err

    def test_indicator_target(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A target of 1e999999999 is refused at once, naming file, field and indicator."""
        path = _dataset(
            tmp_path,
            'appropriation_yuan = "100"\n[[units.projects.indicators]]\nlevel1 = "output"\n'
            'level2 = "cost"\nname = "成本"\ntarget = "1e999999999"',
        )
        code, err = _run(capsys, "report", str(path))
        assert code == EXIT_INPUT
        assert (
            f"{path}: units[0].projects[0].indicators[0].target: indicator '成本': too large"
        ) in err

    def test_indicator_target_word(self, tmp_path: Path) -> None:
        """A target without digits stays a qualitative word."""
        path = _dataset(
            tmp_path,
            'appropriation_yuan = "100"\n[[units.projects.indicators]]\nlevel1 = "benefit"\n'
            'level2 = "sustainable"\nname = "机制"\ntarget = "健全"',
        )
        assert load_budget_file(path).project("fund").indicators[0].target == "健全"

    def test_comparator_names_file_and_indicator(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """comparator = "=>" names the file, the field path and the indicator, once."""
        path = _dataset(
            tmp_path,
            'appropriation_yuan = "100"\n[[units.projects.indicators]]\nlevel1 = "output"\n'
            'level2 = "cost"\nname = "成本"\ncomparator = "=>"\ntarget = "5"',
        )
        code, err = _run(capsys, "report", str(path))
        assert code == EXIT_INPUT
        assert (
            f"{path}: units[0].projects[0].indicators[0].comparator: indicator '成本': "
            "expected one of ≥ > = ≤ <"
        ) in err
        assert "comparator: comparator" not in err

    def test_negative_appropriation_names_the_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A negative appropriation_wan is input (exit 3) with the file and the field."""
        path = _dataset(tmp_path, 'appropriation_wan = "-5"')
        code, err = _run(capsys, "report", str(path))
        assert code == EXIT_INPUT
        assert f"{path}: units[0].projects[0].appropriation_wan: expected an amount ≥ 0" in err

    @pytest.mark.parametrize(
        ("project", "field"),
        [
            ('appropriation_wan = "1e30"', "units[0].projects[0].appropriation_wan: too large"),
            ('appropriation_yuan = "9999999999999999999999999999999"',
             "units[0].projects[0].appropriation_yuan: too large"),
            ('appropriation_wan = "100000000000"\n[[units.projects]]\nkey = "f2"\n'
             'name_zh = "二"\nappropriation_wan = "100000000000"',
             "units[0].projects: the appropriations add up to too much"),
            ('appropriation_yuan = "1"\n[[units.projects.components]]\n'
             'kind = "severe_disability_proxy"\nheadcount = 1000000000000000\n'
             'per_capita_yuan = "5000"', "units[0].projects[0].components[0]"),
            ('appropriation_yuan = "1"\n[[units.projects.components]]\n'
             'kind = "severe_disability_proxy"\nheadcount = 10000000000000000\n'
             'per_capita_yuan = "1"',
             "units[0].projects[0].components[0].headcount: expected a whole number of at most"),
        ],
    )  # fmt: skip
    def test_figures_too_large_are_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], project: str, field: str
    ) -> None:
        """A figure too large in a file exits 3 (was 2) with the file and the field named."""
        path = _dataset(tmp_path, project)
        code, err = _run(capsys, "report", str(path))
        assert code == EXIT_INPUT
        assert f"{path}: {field}" in err

    def test_huge_count_in_a_mapping(self) -> None:
        """A count of 5,000 digits given as a mapping is refused without printing it."""
        data = {
            "dataset": {"key": "k", "year": 2023},
            "units": [{"code": "9", "name_zh": "局", "projects": [{
                "key": "fund", "name_zh": "金", "appropriation_yuan": "1",
                "components": [{"kind": "severe_disability_proxy", "headcount": 10**5000,
                                "per_capita_yuan": "1"}]}]}],
        }  # fmt: skip
        with pytest.raises(DataFileError, match=r"at most 10\^15$"):
            budget_from_mapping(data, path="mapping")

    def test_actuals_weight(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A weight of 1e999999999 in an actuals file exits 3 with its line and field."""
        path = tmp_path / "actuals.toml"
        path.write_text(
            '[projects.county_supporting_fund]\nspent = "172万元"\n'
            '[projects.county_supporting_fund.weights]\noutput = "1e999999999"\n',
            encoding="utf-8",
        )
        code, err = _run(capsys, "evaluate", "--actuals", str(path))
        assert code == EXIT_INPUT
        assert f"{path}:4: projects.county_supporting_fund.weights.output: too large" in err

    def test_actuals_values(self, tmp_path: Path) -> None:
        """An actual of 25 digits, or 1e99 万元 spent, names the file and what came."""
        path = tmp_path / "actuals.toml"
        path.write_text(
            '[projects.county_supporting_fund.indicators]\n"预计参保人数" = "' + "9" * 25 + '人"\n',
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match="indicator '预计参保人数': too large"):
            read_actuals(path)
        path.write_text('[projects.county_supporting_fund]\nspent_wan = "1e99"\n', encoding="utf-8")
        with pytest.raises(DataFileError, match=r":2: projects\.county_supporting_fund\.spent_wan"):
            read_actuals(path)

    def test_parse_actual_bounds(self) -> None:
        """parse_actual refuses a number beyond 10^15 with ActualValueError naming the place."""
        with pytest.raises(PensionSubsidyError, match="project 'p', indicator 'i': too large"):
            parse_actual("1" + "0" * 20, project="p", indicator="i")
        with pytest.raises(PensionSubsidyError, match="too large"):
            parse_actual(10**5000)


class TestNumbersInOptions:
    @pytest.mark.parametrize("percent", ["1e999999", "1e5000", "9" * 5000, "nan", "-5", "0"])
    def test_sensitivity_percent(self, capsys: pytest.CaptureFixture[str], percent: str) -> None:
        """--percent beyond the bounds or not positive is a usage error (exit 2) at once."""
        code, err = _run(capsys, "sensitivity", f"--percent={percent}")
        assert code == EXIT_USAGE
        assert "argument --percent: " in err

    def test_sensitivity_percent_too_large_to_apply(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--percent 10^15 is read but its counts are too large: exit 2 naming the override."""
        code, err = _run(capsys, "sensitivity", "--percent", "1000000000000000")
        assert code == EXIT_USAGE
        assert "gives a count beyond 10^15" in err

    def test_sensitivity_function(self) -> None:
        """sensitivity() reads percent with the same checks."""
        with pytest.raises(InvalidNumberError, match="percent: too large"):
            sensitivity(load_dataset(), percent="1e999999")
        with pytest.raises(InvalidNumberError, match="positive"):
            sensitivity(load_dataset(), percent=0)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["scenario", "--set", "contribution_subsidy.per_capita=99999999999999999999999"],
             "contribution_subsidy.per_capita: too large"),
            (["scenario", "--set", "contribution_subsidy.headcount=+1000000000000000%"],
             "gives a count beyond 10^15"),
            (["scenario", "--set", "county_supporting_fund.appropriation=100000000001万元"],
             "100000000001万元: too large"),
            (["forecast", "--growth", "contribution_subsidy.headcount=1" + "0" * 5000 + "%"],
             "contribution_subsidy.headcount: rate: too large"),
            (["forecast", "--years", "2200-2210"], f"at most {MAX_HORIZON} years beyond"),
            (["solve", "--vary", "contribution_subsidy.headcount", "--set",
              "contribution_subsidy.per_capita=1e9"], "expected a value such as 60"),
        ],
    )  # fmt: skip
    def test_overrides(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        """Override values, rates and years beyond the bounds exit 2 naming what was given."""
        code, err = _run(capsys, *argv)
        assert code == EXIT_USAGE
        assert message in err

    def test_change_is_bounded_whoever_builds_it(self) -> None:
        """A Change of 1e999999 % is refused on construction, before any Fraction is made."""
        with pytest.raises(InvalidOverrideError, match="too large"):
            Change("percent", Decimal("1e999999"))

    def test_apply_override_names_the_override(self) -> None:
        """An appropriation beyond 10^15 元 through a relative change names the override."""
        override = Override.parse("county_supporting_fund.appropriation=+100000000000000%")
        with pytest.raises(InvalidOverrideError, match=r"^county_supporting_fund\.appropriation"):
            apply_override(load_dataset(), override)

    def test_forecast_horizon(self) -> None:
        """forecast() refuses a year more than MAX_HORIZON years past the base, at once."""
        with pytest.raises(InvalidOverrideError, match="at most 100 years"):
            forecast(load_dataset(), [10**9], ["contribution_subsidy.headcount=2%"])

    def test_ordinary_values_still_work(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Ordinary options are unchanged: 10 %, 175万元, 2 % growth."""
        assert _run(capsys, "sensitivity", "--percent", "10%")[0] == EXIT_OK
        assert (
            _run(capsys, "scenario", "--set", "county_supporting_fund.appropriation=175万元")[0]
            == EXIT_OK
        )
        assert _run(capsys, "forecast", "--growth", "contribution_subsidy.headcount=2%")[0] == 0


class TestNoAssertsOnInput:
    def test_parameter_value_of_the_wrong_shape(self) -> None:
        """A ParameterValue whose value does not fit its kind raises DataFileError, not assert."""
        value = ParameterValue(
            key="contribution.grades",
            value=Yuan(100),
            kind="yuan_list",
            unit="元",
            effective=date(2020, 1, 1),
            source=LegalSource(document="d", issuer="i"),
        )
        with pytest.raises(DataFileError, match="expected a yuan_list value"):
            value.as_yuan_list()

    def test_indicator_target_not_finite(self) -> None:
        """An Indicator built with a NaN or huge target raises DataFileError naming target."""
        for target in (Decimal("NaN"), Decimal("1e999999999"), 10**5000):
            with pytest.raises(DataFileError, match=r"^<input>: target: ") as caught:
                Indicator(level1=Level1.OUTPUT, level2=Level2.COST, name="成本",
                          comparator=None, target=target)  # fmt: skip
            assert "target: target" not in str(caught.value)
