"""Issue 11, item 6: roster rules closer to practice, with hand-checked figures.

The identity order (特困 before 低保 before poverty; the severely disabled keep their own
rule), subsidies as a share of the grade, the grade subsidy for proxy persons as a rule,
back-payments (补缴) paid nothing, and eligibility as of a stated day.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy.cli import main
from pension_subsidy.exceptions import DataFileError, RosterMergeError, UnknownKeyError
from pension_subsidy.money import Yuan
from pension_subsidy.output.roster_text import render_roster, roster_data
from pension_subsidy.roster import (
    DEFAULT_IDENTITY_ORDER,
    FIELDS,
    OPTIONAL_FIELDS,
    RosterRules,
    SequenceSource,
    Tally,
    default_roster_rules,
    load_roster_rules,
    tally_roster,
    tally_source,
    write_synthetic_roster,
)
from pension_subsidy.roster.classify import classify_profile
from tests.strategies import rosters
from tests.test_roster_language import english_words

#: The header of the rosters written here: the required fields, then the four optional
#: ones under Chinese headers, as an export would have them.
HEADER = [*FIELDS, "特困人员", "低保对象", "监测对象", "补缴"]

#: Rules of a county with every identity: amounts chosen so that the order and the highest
#: amount disagree (低保 pays more than 特困, poverty more than the severely disabled).
COUNTY_RULES = """\
[contribution_subsidy.by_grade]
"100" = "30"
"300" = "10%"
"500" = "12.5%"

[proxy]
severe_disability = "40"
extreme_poverty = "50"
low_income = "70"
poverty_household = "60"
relapse_risk = "20"
mild_disability = "10"

[village_cadre_subsidy]
per_person = "88"
"""


def person(
    person_id: str,
    *,
    born: str = "1980-01-01",
    grade: str = "",
    disability: str = "",
    poverty: str = "0",
    cadre: str = "0",
    receiving: str = "0",
    extreme: str = "0",
    low_income: str = "0",
    relapse: str = "0",
    back: str = "0",
) -> list[str]:
    """One row of :data:`HEADER`; paying when a grade is given."""
    paying = "1" if grade else "0"
    return [person_id, "东川镇", "甲村", born, paying, grade, disability, poverty, cadre, "0",
            receiving, extreme, low_income, relapse, back]  # fmt: skip


def optional_columns() -> dict[str, int]:
    return {field: len(FIELDS) + at for at, field in enumerate(OPTIONAL_FIELDS)}


def tally_rows(rows: list[list[str]], rules: RosterRules, **options: object) -> Tally:
    return tally_source(
        SequenceSource(rows),
        rules=rules,
        columns=range(len(FIELDS)),
        width=len(HEADER),
        optional_columns=optional_columns(),
        **options,  # type: ignore[arg-type]
    )


def write_roster(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_rules(path: Path, text: str = COUNTY_RULES) -> RosterRules:
    path.write_text(text, encoding="utf-8")
    return load_roster_rules(path)


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(wrapper):
        code = main(list(argv))
    wrapper.flush()
    return code, out.getvalue().decode("utf-8")


@pytest.fixture
def county(tmp_path: Path) -> RosterRules:
    return write_rules(tmp_path / "county.toml")


class TestIdentityOrder:
    def test_extreme_poverty_before_low_income_by_default(self, county: RosterRules) -> None:
        """特困 + 低保: the 特困 rule (50 元), though 低保 pays more (70 元)."""
        tally = tally_rows([person("P1", extreme="1", low_income="1")], county)
        assert tally.amount("extreme_poverty_proxy") == Yuan(50)
        assert tally.headcount("low_income_proxy") == 0
        assert (tally.total, tally.several_proxy_groups) == (Yuan(50), 1)

    def test_highest_amount_gives_the_old_result(self, county: RosterRules) -> None:
        """With ``proxy_choice = "highest_amount"`` the same person is paid the 低保 70 元."""
        rules = attrs.evolve(county, proxy_choice="highest_amount")
        tally = tally_rows([person("P1", extreme="1", low_income="1")], rules)
        assert (tally.amount("low_income_proxy"), tally.total) == (Yuan(70), Yuan(70))

    def test_the_default_order(self) -> None:
        """Severely disabled first (their own rule), then 特困, 低保, poverty, 监测对象, mild."""
        assert DEFAULT_IDENTITY_ORDER == (
            "severe_disability", "extreme_poverty", "low_income", "poverty_household",
            "relapse_risk", "mild_disability")  # fmt: skip

    def test_severely_disabled_keep_their_own_rule(self, county: RosterRules) -> None:
        """Severe + poverty: severe's 40 元 by default, poverty's 60 元 by highest amount."""
        row = [person("P1", disability="重度", poverty="1")]
        assert tally_rows(row, county).total == Yuan(40)
        assert tally_rows(row, attrs.evolve(county, proxy_choice="highest_amount")).total == Yuan(
            60
        )

    def test_separate_category_is_paid_besides_the_chosen_one(self, county: RosterRules) -> None:
        """``separate = ["severe_disability"]``: severe (40) and the first other (特困 50)."""
        rules = attrs.evolve(county, separate=["severe_disability"])
        tally = tally_rows([person("P1", disability="severe", extreme="1", low_income="1")], rules)
        assert tally.amount("severe_disability_proxy") == Yuan(40)
        assert tally.amount("extreme_poverty_proxy") == Yuan(50)
        assert tally.total == Yuan(90)

    def test_own_order_from_the_rules_file(self, tmp_path: Path) -> None:
        """A county's ``identity_order`` decides: poverty before 低保 here."""
        text = COUNTY_RULES.replace(
            'mild_disability = "10"',
            'mild_disability = "10"\nidentity_order = ["poverty_household", "low_income", '
            '"extreme_poverty", "severe_disability", "relapse_risk", "mild_disability"]',
        )
        rules = write_rules(tmp_path / "rules.toml", text)
        assert rules.proxy_for(["low_income", "poverty_household"]) == "poverty_household"

    def test_receiving_persons_get_no_proxy(self, county: RosterRules) -> None:
        """A proxy pays a contribution: a person receiving a pension (领取待遇 = 1) gets none."""
        tally = tally_rows([person("P1", extreme="1", receiving="1")], county)
        assert (tally.total, tally.several_proxy_groups) == (Yuan(0), 0)

    def test_unpaid_identity_is_not_counted_as_a_second_group(self) -> None:
        """The bundled rules pay no 特困: 特困 + poverty is one paid group, poverty's 20 元."""
        tally = tally_rows([person("P1", poverty="1", extreme="1")], default_roster_rules())
        assert (tally.total, tally.several_proxy_groups) == (Yuan(20), 0)

    def test_bundled_rules_choose_as_before(self, tmp_path: Path) -> None:
        """On a synthetic roster the default order equals the old highest-amount rule."""
        path = tmp_path / "roster.csv"
        write_synthetic_roster(path, 3000, seed=5)
        rules = default_roster_rules()
        now = tally_roster(path, rules, jobs=1)
        before = tally_roster(path, attrs.evolve(rules, proxy_choice="highest_amount"), jobs=1)
        assert now.components() == before.components()
        assert now.several_proxy_groups > 0  # severe + poverty persons exist, and agree


class TestGradeShares:
    def test_ten_percent_of_a_300_grade(self, county: RosterRules) -> None:
        """10 % of a 300 元 grade is 30.00 元; three payers, 90.00 元."""
        assert county.subsidy_for_tier(Yuan(300)) == Yuan("30.00")
        rows = [person(f"P{n}", grade="300") for n in range(3)]
        assert tally_rows(rows, county).amount("contribution_subsidy") == Yuan("90.00")

    def test_unlisted_grade_takes_the_share_of_the_listed_one(self, county: RosterRules) -> None:
        """A 400 元 payer falls to the 300 row: 10 % of 300 = 30.00, not 40.00."""
        tally = tally_rows([person("P1", grade="400")], county)
        assert tally.amount("contribution_subsidy") == Yuan("30.00")

    def test_a_share_with_fen(self, county: RosterRules) -> None:
        """12.5 % of 500 元 = 62.50 元 exactly."""
        assert county.subsidy_for_tier(Yuan(500)) == Yuan("62.50")

    def test_rounded_half_up_to_the_fen_once_per_payer(self, tmp_path: Path) -> None:
        """5 % of 100.10 元 = 5.005 → 5.01 (half up, not half even); × 3 payers = 15.03."""
        rules = write_rules(
            tmp_path / "r.toml", '[contribution_subsidy.by_grade]\n"100.10" = "5%"\n'
        )
        assert rules.subsidy_for_tier(Yuan("100.10")) == Yuan("5.01")
        rows = [person(f"P{n}", grade="100.10") for n in range(3)]
        assert tally_rows(rows, rules).amount("contribution_subsidy") == Yuan("15.03")

    def test_json_shows_amounts_and_shares(self, county: RosterRules) -> None:
        """JSON adds each grade's subsidy per payer and the grades given as a share."""
        data = roster_data(tally_rows([person("P1", grade="300")], county))
        assert data["grade_subsidies"] == {"100.00": "30.00", "300.00": "30.00", "500.00": "62.50"}
        assert data["grade_shares_percent"] == {"300.00": "10", "500.00": "12.5"}

    def test_fund_component_carries_the_worked_out_share(self, county: RosterRules) -> None:
        """The fund's tiered subsidy gets 30.00 元 for the 300 grade: 2 payers, 60.00 元."""
        tally = tally_rows([person("P1", grade="300"), person("P2", grade="300")], county)
        (subsidy, *_) = tally.fund_components()
        assert subsidy.amount == Yuan("60.00")


class TestFundModel:
    def test_unpaid_new_identity_is_left_out_of_the_budget(self, county: RosterRules) -> None:
        """Nobody paid as 特困, 低保 or 监测对象: the fund gets the known components only."""
        tally = tally_rows([person("P1", grade="100", disability="重度")], county)
        keys = [component.key for component in tally.fund_components()]
        assert "low_income_proxy" not in keys
        assert "severe_disability_proxy" in keys

    def test_paid_identity_the_model_lacks_is_an_error(self, county: RosterRules) -> None:
        """A 低保 person paid, and a model without that kind: an error naming the kind."""
        from pension_subsidy.model.components import COMPONENT_TYPES  # noqa: PLC0415

        tally = tally_rows([person("P1", low_income="1")], county)
        if "low_income_proxy" in COMPONENT_TYPES:  # the catalogue has it: built like the others
            assert any(c.key == "low_income_proxy" for c in tally.fund_components())
            return
        with pytest.raises(UnknownKeyError, match="low_income_proxy"):
            tally.fund_components()


class TestGradeSubsidyForProxyPersons:
    def test_default_both(self, county: RosterRules) -> None:
        """By default (as before) a paying 低保 person gets the 100 grade's 30 and the 70 proxy."""
        assert county.with_grade_subsidy is True
        tally = tally_rows([person("P1", grade="100", low_income="1")], county)
        assert tally.total == Yuan(100)

    def test_rule_off(self, tmp_path: Path) -> None:
        """``with_grade_subsidy = false``: the proxy only; a payer without proxy keeps 30."""
        text = COUNTY_RULES.replace("[proxy]\n", "[proxy]\nwith_grade_subsidy = false\n")
        rules = write_rules(tmp_path / "rules.toml", text)
        rows = [person("P1", grade="100", low_income="1"), person("P2", grade="100")]
        tally = tally_rows(rows, rules)
        assert tally.amount("contribution_subsidy") == Yuan(30)
        assert tally.amount("low_income_proxy") == Yuan(70)
        assert tally.grade_payers()[Yuan(100)] == 1


class TestBackPayments:
    def test_back_payment_gets_nothing(self, county: RosterRules) -> None:
        """补缴 = 1: no grade subsidy, no proxy, no cadre subsidy; accepted and counted."""
        rows = [
            person("P1", grade="300", low_income="1", cadre="1", back="1"),
            person("P2", grade="300"),
        ]
        tally = tally_rows(rows, county)
        assert (tally.accepted, tally.back_payments) == (2, 1)
        assert tally.total == Yuan(30)

    def test_back_payment_at_an_old_grade_is_no_rejection(self, county: RosterRules) -> None:
        """A back-payment at 50 元 (below every listed grade) is accepted: it is paid nothing."""
        tally = tally_rows([person("P1", grade="50", back="是")], county)
        assert (tally.rejected, tally.back_payments, tally.total) == (0, 1, Yuan(0))

    def test_bad_back_payment_flag_is_rejected(self, county: RosterRules) -> None:
        """A 补缴 cell that is no flag is a bad_number rejection naming the field."""
        found: list = []
        tally = tally_rows(
            [person("P1", grade="100", back="maybe")], county, on_reject=found.append
        )
        assert tally.rejected == 1
        assert (found[0].reason.value, found[0].field) == ("bad_number", "back_payment")

    def test_chinese_headers_in_a_file(self, tmp_path: Path) -> None:
        """A CSV with 补缴 and 低保 headers (Chinese) is read; JSON adds back_payments."""
        path = write_roster(
            tmp_path / "r.csv",
            [["P1", "东川镇", "甲村", "1980-01-01", "1", "100", "", "0", "0", "0", "0", "1", "0"],
             ["P2", "东川镇", "甲村", "1980-01-01", "1", "100", "", "0", "0", "0", "0", "0", "1"]],
            header=[*FIELDS, "补缴", "低保"],
        )  # fmt: skip
        code, out = run_cli("roster", str(path), "--format", "json")
        data = json.loads(out)
        assert (code, data["back_payments"], data["total_yuan"]) == (0, 1, "15.00")

    def test_back_payments_in_the_text_in_chinese(self, tmp_path: Path) -> None:
        """zh text says 补缴记录（不予补贴）：1 行, and no English word."""
        path = write_roster(tmp_path / "r.csv", [person("P1", grade="100", back="1")])
        code, out = run_cli("roster", str(path), "--as-of", "2022-12-31")
        assert code == 0
        assert "  补缴记录（不予补贴）：1 行\n" in out
        assert "资格认定日期：2022-12-31\n" in out
        assert english_words(out) == []

    def test_new_identities_in_chinese_text(self, tmp_path: Path) -> None:
        """zh text names 特困/低保/监测对象 proxies in Chinese; the rejects file's detail too."""
        rules = tmp_path / "county.toml"
        rules.write_text(COUNTY_RULES, encoding="utf-8")
        rows = [person("P1", extreme="1"), person("P2", low_income="1"),
                person("P3", relapse="1"), person("P4", born="2023-01-01")]  # fmt: skip
        path = write_roster(tmp_path / "r.csv", rows)
        rejects = tmp_path / "rejects.csv"
        code, out = run_cli("roster", str(path), "--rules", str(rules), "--as-of", "2022-12-31",
                            "--rejects", str(rejects))  # fmt: skip
        assert code == 1
        assert "  特困人员财政代缴 [extreme_poverty_proxy]: 1 人, 50.00 元\n" in out
        assert "  低保对象财政代缴 [low_income_proxy]: 1 人, 70.00 元\n" in out
        assert "出生日期在资格认定日 2022-12-31 之后：'2023-01-01'" in out
        assert out.startswith(f"规则：{rules}\n")  # a path as given: the user's words
        assert english_words(out.split("\n", 1)[1]) == []
        assert "出生日期在资格认定日 2022-12-31 之后" in rejects.read_text(encoding="utf-8-sig")

    def test_no_column_no_back_payments(self) -> None:
        """A roster without the 补缴 column has none; the JSON says 0."""
        data = roster_data(Tally())
        assert (data["back_payments"], data["several_proxy_groups"]) == (0, 0)


class TestAsOf:
    def test_birthday_after_the_stated_day_is_rejected(self) -> None:
        """as_of 2022-12-31: born 2023-01-01 is rejected, naming the day; as_of 2023-01-01: not."""
        rules = default_roster_rules()
        row = [person("P1", born="2023-01-01")]
        found: list = []
        before = tally_rows(row, attrs.evolve(rules, as_of=datetime.date(2022, 12, 31)),
                            on_reject=found.append)  # fmt: skip
        on_the_day = tally_rows(row, attrs.evolve(rules, as_of=datetime.date(2023, 1, 1)))
        assert (before.rejected, on_the_day.rejected) == (1, 0)
        assert found[0].detail == (
            "a birth date after the eligibility date 2022-12-31: '2023-01-01'")  # fmt: skip

    def test_tally_records_the_day(self) -> None:
        """Stated or not, the tally says which day it judged by (today when not stated)."""
        rows = [person("P1")]
        assert tally_rows(rows, default_roster_rules()).as_of == datetime.date.today()
        rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2022, 12, 31))
        assert tally_rows(rows, rules).as_of == datetime.date(2022, 12, 31)

    def test_tallies_of_different_days_do_not_merge(self) -> None:
        """Merging tallies judged on different days is refused."""
        first = Tally.from_counts(None, {}, persons={}, as_of=datetime.date(2022, 12, 31))
        second = Tally.from_counts(None, {}, persons={}, as_of=datetime.date(2023, 1, 1))
        with pytest.raises(RosterMergeError, match="different days"):
            first | second

    def test_rules_file_as_of(self, tmp_path: Path) -> None:
        """``as_of = 2022-12-31`` (a TOML date) or the same as a string are read."""
        for value in ("2022-12-31", '"2022-12-31"'):
            rules = write_rules(tmp_path / "r.toml", f"as_of = {value}\n{COUNTY_RULES}")
            assert rules.as_of == datetime.date(2022, 12, 31)

    def test_cli_as_of(self, tmp_path: Path) -> None:
        """``--as-of 2022-12-31`` rejects a 2023-01-01 birthday and says the day in JSON."""
        path = write_roster(tmp_path / "r.csv", [person("P1"), person("P2", born="2023-01-01")])
        code, out = run_cli("roster", str(path), "--as-of", "2022-12-31", "--format", "json")
        data = json.loads(out)
        assert (code, data["rejected"], data["as_of"], data["as_of_stated"]) == (
            1, 1, "2022-12-31", True)  # fmt: skip
        code, out = run_cli("roster", str(path), "--as-of", "2023-01-01", "--format", "json")
        assert (code, json.loads(out)["rejected"]) == (0, 0)

    def test_cli_as_of_overrides_the_rules_file(self, tmp_path: Path) -> None:
        """--as-of wins over the rules file's as_of."""
        rules = tmp_path / "r.toml"
        rules.write_text(f"as_of = 2022-12-31\n{COUNTY_RULES}", encoding="utf-8")
        path = write_roster(tmp_path / "r.csv", [person("P1", born="2023-01-01")])
        code, out = run_cli("roster", str(path), "--rules", str(rules), "--format", "json")
        assert (code, json.loads(out)["as_of"]) == (1, "2022-12-31")
        code, out = run_cli("roster", str(path), "--rules", str(rules), "--as-of", "2023-06-30",
                            "--format", "json")  # fmt: skip
        assert (code, json.loads(out)["as_of"]) == (0, "2023-06-30")

    def test_without_as_of_json_says_today(self, tmp_path: Path) -> None:
        """No --as-of: today's behaviour, and the JSON names today as the day used."""
        path = write_roster(tmp_path / "r.csv", [person("P1")])
        _, out = run_cli("roster", str(path), "--format", "json")
        data = json.loads(out)
        assert (data["as_of"], data["as_of_stated"]) == (datetime.date.today().isoformat(), False)

    def test_bad_as_of_is_a_usage_error(self, tmp_path: Path, capsys) -> None:
        """--as-of 2022-13-01 is refused with exit 2."""
        path = write_roster(tmp_path / "r.csv", [person("P1")])
        assert main(["roster", str(path), "--as-of", "2022-13-01"]) == 2
        assert "2022-13-01" in capsys.readouterr().err

    def test_several_processes_judge_by_one_day(self, tmp_path: Path) -> None:
        """jobs 2 equals jobs 1 with the optional columns and a stated day."""
        rng = random.Random(3)
        rows = []
        for number in range(6000):
            flags = [rng.choice("0001") for _ in range(4)]
            born = rng.choice(("1980-05-05", "2023-01-01", "1950-01-01"))
            rows.append(person(f"Q{number:06d}", born=born, grade=rng.choice(("", "100", "300")),
                               poverty=rng.choice("01"), extreme=flags[0], low_income=flags[1],
                               relapse=flags[2], back=flags[3]))  # fmt: skip
        path = write_roster(tmp_path / "r.csv", rows)
        rules = write_rules(tmp_path / "r.toml", f"as_of = 2022-12-31\n{COUNTY_RULES}")
        one = tally_roster(path, rules, jobs=1)
        two = tally_roster(path, rules, jobs=2)
        assert one == two
        assert one.back_payments > 0
        assert one.rejection_counts() == {"bad_date": one.rejected} != {}


class TestSyntheticIdentities:
    def test_identities_add_columns_and_keep_the_rest(self, tmp_path: Path) -> None:
        """--identities adds 特困/低保/监测对象/补缴; the first 11 columns are as without."""
        plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
        write_synthetic_roster(plain, 300, seed=2)
        assert main(["synth-roster", "300", "-o", str(marked), "--seed", "2", "--identities"]) == 0
        with plain.open(encoding="utf-8") as one, marked.open(encoding="utf-8") as two:
            rows, more = list(csv.reader(one)), list(csv.reader(two))
        assert more[0] == [*FIELDS, "特困人员", "低保对象", "监测对象", "补缴"]
        assert [row[:11] for row in more] == rows

    def test_county_rules_on_a_synthetic_roster(self, tmp_path: Path, county: RosterRules) -> None:
        """Every identity is paid, back-payments counted; the total is Σ of the components."""
        path = tmp_path / "r.csv"
        write_synthetic_roster(path, 4000, seed=8, identities=True)
        tally = tally_roster(path, county, jobs=1)
        assert tally.amount("low_income_proxy") > Yuan(0)
        assert tally.amount("extreme_poverty_proxy") > Yuan(0)
        assert tally.back_payments > 0
        assert tally.total == sum((item.amount for item in tally.components()), Yuan(0))


class TestRulesFileErrors:
    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            (('"300" = "10%"', '"300" = "110%"'), "contribution_subsidy.by_grade.300", "110%"),
            (('"300" = "10%"', '"300" = "ten%"'), "contribution_subsidy.by_grade.300", "ten%"),
            (("[proxy]\n", '[proxy]\nchoice = "random"\n'), "proxy.choice", "random"),
            (("[proxy]\n", '[proxy]\nidentity_order = ["orphan"]\n'), "proxy.identity_order",
             "orphan"),
            (("[proxy]\n", '[proxy]\nidentity_order = ["low_income"]\n'), "proxy.identity_order",
             "missing"),
            (("[proxy]\n", "[proxy]\nwith_grade_subsidy = 1\n"), "proxy.with_grade_subsidy",
             "true or false"),
            (("[proxy]\n", '[proxy]\nseparate = "severe"\n'), "proxy.separate", "array"),
            (("[proxy]\n", '[proxy]\nprecedence = ["low_income"]\nchoice = "highest_amount"\n'),
             "proxy.precedence", "not both"),
            (("[contribution", 'as_of = "last year"\n[contribution'), "as_of", "last year"),
        ],
    )  # fmt: skip
    def test_error_names_file_and_field(
        self, tmp_path: Path, change: tuple[str, str], field: str, message: str
    ) -> None:
        """Every malformed rule names the file, the field and what came."""
        path = tmp_path / "county-rules.toml"
        path.write_text(COUNTY_RULES.replace(*change, 1), encoding="utf-8")
        with pytest.raises(DataFileError) as caught:
            load_roster_rules(path)
        assert caught.value.field == field
        assert "county-rules.toml" in str(caught.value)
        assert message in str(caught.value)

    def test_cli_shows_the_error_without_traceback(self, tmp_path: Path, capsys) -> None:
        """A bad rules file on the command line: exit 3, the file and field named."""
        rules = tmp_path / "bad.toml"
        rules.write_text(COUNTY_RULES.replace('"10%"', '"10 percent%"'), encoding="utf-8")
        path = write_roster(tmp_path / "r.csv", [person("P1")])
        code = main(["roster", str(path), "--rules", str(rules)])
        err = capsys.readouterr().err
        assert code == 3
        assert "bad.toml" in err
        assert "contribution_subsidy.by_grade.300" in err
        assert "Traceback" not in err


class TestClassify:
    def test_profile_with_optional_fields(self, county: RosterRules) -> None:
        """A paying 低保 + 监测对象 person: grade subsidy, the 低保 proxy, two groups counted."""
        profile = ("东川镇", "甲村", "1", "100", "", "0", "0", "0", "0", "0", "1", "1", "0")
        assert classify_profile(profile, county, OPTIONAL_FIELDS) == (
            ("contribution_subsidy", "100.00"),
            ("low_income_proxy", ""),
            ("several_proxy_groups", ""),
        )


# -- properties ----------------------------------------------------------------------------
_flags = st.sampled_from(("0", "0", "0", "1", "是", "否"))


@st.composite
def rosters_with_identities(draw: st.DrawFn) -> list[list[str]]:
    """Valid rosters of :data:`HEADER`: the shared roster rows, with the optional flags."""
    rows = draw(rosters(max_size=40))
    return [[*row, draw(_flags), draw(_flags), draw(_flags), draw(_flags)] for row in rows]


_rules = st.builds(
    lambda choice, with_grade: attrs.evolve(
        load_roster_rules_text(), proxy_choice=choice, with_grade_subsidy=with_grade
    ),
    st.sampled_from(("identity_order", "highest_amount")),
    st.booleans(),
)


def load_roster_rules_text() -> RosterRules:
    import tomllib  # noqa: PLC0415

    from pension_subsidy.roster.rules import rules_from_mapping  # noqa: PLC0415

    return rules_from_mapping(tomllib.loads(COUNTY_RULES), path="county.toml")


class TestProperties:
    @given(rows=rosters_with_identities(), rules=_rules)
    def test_total_is_the_sum_of_the_categories(self, rows: list[list[str]], rules) -> None:
        """total = Σ components = Σ over categories of headcount × standard, every township."""
        tally = tally_rows(rows, rules)
        assert tally.total == sum((item.amount for item in tally.components()), Yuan(0))
        expected = Yuan(0)
        for (_, _, (key, tier)), count in tally.cells:
            if key == "contribution_subsidy":
                expected += rules.subsidy_for_tier(Yuan(tier)) * count
            elif key in rules.component_keys:
                expected += rules.per_capita(key) * count
        assert tally.total == expected
        townships = sum((area.amount for area in tally.by_township().values()), Yuan(0))
        assert townships == tally.total
        assert tally.accepted == len(rows)

    @given(rows=rosters_with_identities(), rules=_rules, seed=st.integers(0, 2**32))
    def test_row_order_does_not_matter(self, rows: list[list[str]], rules, seed: int) -> None:
        """Shuffled rows give the same tally (an equal value, the same JSON)."""
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        first, second = tally_rows(rows, rules), tally_rows(shuffled, rules)
        assert first == second
        assert render_roster(first, format="json") == render_roster(second, format="json")

    @given(rows=rosters_with_identities())
    def test_one_proxy_per_person_by_order(self, rows: list[list[str]]) -> None:
        """Without separate categories, no person is paid more than one proxy."""
        rules = load_roster_rules_text()
        tally = tally_rows(rows, rules)
        proxies = sum(item.headcount for item in tally.components() if item.key.endswith("_proxy"))
        assert proxies <= tally.accepted - tally.back_payments


def test_decimal_share_is_kept_exact() -> None:
    """A share is a Decimal fraction: Decimal("0.125") of 500 元 = 62.50 元."""
    rules = RosterRules(grade_subsidies=[], grade_shares=[(Yuan(500), Decimal("0.125"))])
    assert rules.subsidy_for_tier(Yuan(500)) == Yuan("62.50")
