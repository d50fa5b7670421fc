"""The person-level roster engine: rules, reading, tallies, rejections, the CLI."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
import random
from collections import Counter
from contextlib import redirect_stdout
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pension_subsidy import DataFileError, Yuan, load_dataset, report_data
from pension_subsidy.cli import main
from pension_subsidy.exceptions import InvalidHeadcountError, RosterMergeError
from pension_subsidy.roster import (
    FIELDS,
    Reason,
    Rejection,
    RosterRules,
    SequenceSource,
    Tally,
    default_roster_rules,
    duplicates,
    load_roster_rules,
    partitions,
    resolve_columns,
    tally_roster,
    tally_source,
    write_synthetic_roster,
)
from pension_subsidy.roster.classify import check_birth_date
from pension_subsidy.roster.read import detect_encoding
from tests.strategies import corrupted_values, rosters

HEADER = list(FIELDS)
ALL_COLUMNS = tuple(range(len(FIELDS)))


def tally_rows(rows: list[list[str]], rules: RosterRules | None = None, **options: object) -> Tally:
    """Tally in-memory rows in the default column order."""
    return tally_source(
        SequenceSource(rows),
        rules=rules or default_roster_rules(),
        columns=ALL_COLUMNS,
        width=len(FIELDS),
        **options,  # type: ignore[arg-type]
    )


def write_csv(path: Path, rows: list[list[str]], *, header: list[str] | None = None,
              encoding: str = "utf-8") -> Path:  # fmt: skip
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header or HEADER)
        writer.writerows(rows)
    return path


def person(pid: str = "P1", **values: str) -> list[str]:
    """A valid row: a paying person at grade 100, nothing else."""
    row = dict(zip(FIELDS, [pid, "东川镇", "甲村", "1970-05-01", "1", "100",
                            "", "0", "0", "0", "0"], strict=True))  # fmt: skip
    row.update(values)
    return [row[field] for field in FIELDS]


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with redirect_stdout(wrapper):
        code = main(list(argv))
    wrapper.flush()
    return code, out.getvalue().decode("utf-8")


# -- an independent reference: plain per-row code, written without the engine -------------
def reference(path: Path, rules: RosterRules) -> dict[str, object]:
    """Recompute the roster command's figures row by row, the obvious way."""
    flags = {"1": True, "0": False, "是": True, "否": False}
    disabilities = {"": None, "severe": "severe", "重度": "severe", "mild": "mild", "轻度": "mild"}
    grades = sorted(rules.grade_subsidies, key=lambda pair: pair[0])
    proxies = dict(rules.proxies)
    rejections: Counter[str] = Counter()
    amounts: dict[str, Decimal] = {}
    heads: Counter[str] = Counter()
    accepted_ids: set[str] = set()
    rows_read = 0

    def pay(key: str, amount: Yuan) -> None:
        heads[key] += 1
        amounts[key] = amounts.get(key, Decimal(0)) + amount.value

    def flag_reason(text: str) -> str | None:
        if text == "":
            return "missing_field"
        if text in flags:
            return None
        try:
            return "negative_value" if Decimal(text) < 0 else "bad_number"
        except InvalidOperation:
            return "bad_number"

    def date_ok(text: str) -> bool:
        for form in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
            try:
                datetime.datetime.strptime(text, form)
            except ValueError:
                continue
            if len(text) in (8, 10):
                return True
        return False

    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        for row in reader:
            rows_read += 1
            reason = None
            if len(row) != len(FIELDS):
                reason = "wrong_field_count"
            else:
                value = dict(zip(FIELDS, row, strict=True))
                for field in ("person_id", "township", "village", "birth_date", "paying"):
                    if value[field] == "":
                        reason = "missing_field"
                        break
                else:
                    if not date_ok(value["birth_date"]):
                        reason = "bad_date"
                    else:
                        reason = flag_reason(value["paying"])
                paying = flags.get(value["paying"], False)
                tier = None
                if reason is None and (paying or value["grade"]):
                    if value["grade"] == "":
                        reason = "missing_field"
                    else:
                        try:
                            grade = Decimal(value["grade"])
                            if not grade.is_finite():
                                raise InvalidOperation
                        except InvalidOperation:
                            reason = "bad_number"
                        else:
                            if grade < 0:
                                reason = "negative_value"
                            elif paying:
                                listed = [g for g, _ in grades if g.value <= grade]
                                if not listed:
                                    reason = "unknown_grade"
                                else:
                                    tier = listed[-1]
                if reason is None and value["disability"] not in disabilities:
                    reason = "unknown_category"
                if reason is None:
                    for field in ("poverty", "cadre", "land_loss", "receiving"):
                        reason = flag_reason(value[field])
                        if reason:
                            break
                if reason is None and value["person_id"] in accepted_ids:
                    reason = "duplicate_person_id"
            if reason is not None:
                rejections[reason] += 1
                continue
            accepted_ids.add(value["person_id"])
            if tier is not None:
                pay("contribution_subsidy", dict(grades)[tier])
            receiving = flags[value["receiving"]]
            if not receiving:
                applying = []
                if disabilities[value["disability"]] == "severe":
                    applying.append("severe_disability")
                if disabilities[value["disability"]] == "mild":
                    applying.append("mild_disability")
                if flags[value["poverty"]]:
                    applying.append("poverty_household")
                applying = [category for category in applying if category in proxies]
                if applying:
                    best = max(proxies[category] for category in applying)
                    order = ["severe_disability", "poverty_household", "mild_disability"]
                    chosen = next(c for c in order if c in applying and proxies[c] == best)
                    pay(f"{chosen}_proxy", proxies[chosen])
            if flags[value["cadre"]] and rules.cadre_per_person is not None:
                pay("village_cadre_subsidy", rules.cadre_per_person)
            if flags[value["land_loss"]] and receiving and rules.land_loss_monthly is not None:
                pay("land_loss_pension", rules.land_loss_monthly * rules.land_loss_months)
    return {
        "rows_read": rows_read,
        "accepted": len(accepted_ids),
        "rejected": sum(rejections.values()),
        "rejections": dict(rejections),
        "components": {
            key: (heads[key], f"{amounts.get(key, Decimal(0)):.2f}") for key in rules.component_keys
        },
    }


class TestRules:
    def test_default_rules_are_the_bundled_example(self):
        """The bundled rules list grades 100/200/500/1000 and the proxy standards."""
        rules = default_roster_rules()
        assert [str(grade) for grade, _ in rules.grade_subsidies] == [
            "100.00", "200.00", "500.00", "1000.00"]  # fmt: skip
        assert dict(rules.proxies)["severe_disability"] == Yuan(60)
        assert rules.per_capita("land_loss_pension") == Yuan(1440)

    def test_unlisted_grade_takes_nearest_lower(self):
        """A grade of 300 元 takes the 200 元 subsidy; 2000 takes 1000's; 99 has none."""
        rules = default_roster_rules()
        assert rules.tier_for(Decimal(300)) == Yuan(200)
        assert rules.tier_for(Decimal(2000)) == Yuan(1000)
        assert rules.tier_for(Decimal(99)) is None

    def test_identity_order_by_default(self):
        """Severe before poverty before mild (the default order; here also the highest amount)."""
        rules = default_roster_rules()
        assert rules.proxy_for(["poverty_household", "severe_disability"]) == "severe_disability"
        assert rules.proxy_for(["mild_disability", "poverty_household"]) == "poverty_household"
        assert rules.proxy_for([]) is None

    def test_configured_precedence(self, tmp_path):
        """A precedence list decides, whatever the amounts."""
        path = tmp_path / "rules.toml"
        path.write_text(
            '[contribution_subsidy.by_grade]\n"100" = "30"\n'
            '[proxy]\nsevere_disability = "60"\nmild_disability = "10"\n'
            'precedence = ["mild_disability", "severe_disability"]\n',
            encoding="utf-8",
        )
        rules = load_roster_rules(path)
        assert rules.proxy_for(["severe_disability", "mild_disability"]) == "mild_disability"
        assert rules.component_keys == (
            "contribution_subsidy", "severe_disability_proxy", "mild_disability_proxy")  # fmt: skip

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[contribution_subsidy.by_grade]\n"100" = 15.5\n', "got 15.5"),
            ('[contribution_subsidy.by_grade]\n"100" = "15"\n[bonus]\nx = 1\n', "[bonus]"),
            ('[contribution_subsidy.by_grade]\n"100" = "15"\n[proxy]\nblind = "5"\n', "blind"),
            ('[proxy]\nsevere_disability = "60"\n', "contribution_subsidy"),
            ('[contribution_subsidy.by_grade]\n"100" = "-1"\n', "≥ 0"),
        ],
    )
    def test_bad_rules_name_file_and_key(self, tmp_path, text, message):
        """A malformed rules file is refused with the file, the key and what came."""
        path = tmp_path / "bad.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError, match=r"bad\.toml") as caught:
            load_roster_rules(path)
        assert message in str(caught.value)


class TestHandBuiltRosters:
    def test_severe_disability_in_poverty_household_paid_once(self):
        """A severely disabled person in a poverty household is paid once: 60 元."""
        tally = tally_rows([person("P1", paying="0", grade="", disability="重度", poverty="1")])
        assert tally.headcount("severe_disability_proxy") == 1
        assert tally.amount("severe_disability_proxy") == Yuan(60)
        assert tally.headcount("poverty_household_proxy") == 0
        assert tally.total == Yuan(60)

    def test_each_component_on_a_small_roster(self):
        """Grades, proxies, cadre and land-loss amounts on five known persons."""
        rows = [
            person("P1", grade="300"),  # 17.5
            person("P2", grade="500", disability="mild", poverty="1"),  # 30 + poverty 20
            person("P3", paying="0", grade="", cadre="1"),  # 88
            person("P4", paying="0", grade="", land_loss="1", receiving="1", disability="severe"),
            person("P5", paying="0", grade="", land_loss="1"),  # not receiving: nothing
        ]
        tally = tally_rows(rows)
        assert {item.key: (item.headcount, item.amount) for item in tally.components()} == {
            "contribution_subsidy": (2, Yuan("47.50")),
            "severe_disability_proxy": (0, Yuan(0)),
            "poverty_household_proxy": (1, Yuan(20)),
            "mild_disability_proxy": (0, Yuan(0)),
            "village_cadre_subsidy": (1, Yuan(88)),
            "land_loss_pension": (1, Yuan(1440)),
        }
        assert (tally.rows_read, tally.accepted, tally.rejected) == (5, 5, 0)
        assert {Yuan(100): 0, Yuan(200): 1, Yuan(500): 1, Yuan(1000): 0} == tally.grade_payers()

    def test_by_township_and_village(self):
        """Persons and amounts per township and per village add up to the whole."""
        rows = [person("P1"), person("P2", village="乙村"), person("P3", township="西滩乡")]
        tally = tally_rows(rows)
        townships = tally.by_township()
        assert {name: area.persons for name, area in townships.items()} == {
            "东川镇": 2,
            "西滩乡": 1,
        }
        assert Yuan(30) == townships["东川镇"].amount
        assert {("东川镇", "甲村"), ("东川镇", "乙村"), ("西滩乡", "甲村")} == set(
            tally.by_village()
        )
        assert tally.total == sum((area.amount for area in townships.values()), Yuan(0))

    def test_to_budget_feeds_the_report(self):
        """The roster-built fund replaces the components and keeps the appropriation."""
        tally = tally_rows([person("P1"), person("P2", disability="severe")])
        budget = tally.to_budget(load_dataset())
        fund = budget.project("county_supporting_fund")
        assert fund.appropriation == Yuan.from_wan("175")
        assert Yuan(90) == fund.total
        data = report_data(budget)
        components = data["projects"][2]["components"]
        assert [item["key"] for item in components if item["headcount"]] == [
            "contribution_subsidy",
            "severe_disability_proxy",
        ]


class TestRejections:
    @pytest.mark.parametrize(
        ("values", "reason", "field"),
        [
            ({"person_id": ""}, Reason.MISSING_FIELD, "person_id"),
            ({"township": ""}, Reason.MISSING_FIELD, "township"),
            ({"birth_date": "1960-02-30"}, Reason.BAD_DATE, "birth_date"),
            ({"birth_date": "01/02/1960"}, Reason.BAD_DATE, "birth_date"),
            ({"grade": "abc"}, Reason.BAD_NUMBER, "grade"),
            ({"grade": "NaN"}, Reason.BAD_NUMBER, "grade"),
            ({"grade": "-100"}, Reason.NEGATIVE_VALUE, "grade"),
            ({"grade": "50"}, Reason.UNKNOWN_GRADE, "grade"),
            ({"grade": ""}, Reason.MISSING_FIELD, "grade"),
            ({"paying": "yes"}, Reason.BAD_NUMBER, "paying"),
            ({"poverty": "-1"}, Reason.NEGATIVE_VALUE, "poverty"),
            ({"disability": "blind"}, Reason.UNKNOWN_CATEGORY, "disability"),
        ],
    )
    def test_each_reason_with_its_line(self, values, reason, field):
        """A bad value rejects its row, on its line, for the stated reason and field."""
        rejected: list[Rejection] = []
        tally = tally_rows([person("P0"), person("P1", **values)], on_reject=rejected.append)
        assert [(3, reason, field)] == [(r.line, r.reason, r.field) for r in rejected]
        assert (tally.rows_read, tally.accepted, tally.rejected) == (2, 1, 1)

    def test_wrong_field_count_and_blank_line(self, tmp_path):
        """A short row and a blank line are rejected as wrong field counts, not dropped."""
        path = tmp_path / "r.csv"
        path.write_text(
            ",".join(HEADER)
            + "\n"
            + ",".join(person("P1"))
            + "\n\n"
            + ",".join(person("P2")[:-1])
            + "\n",
            encoding="utf-8",
        )
        rejected: list[Rejection] = []
        tally = tally_roster(path, on_reject=rejected.append)
        expected = [(3, Reason.WRONG_FIELD_COUNT), (4, Reason.WRONG_FIELD_COUNT)]
        assert [(r.line, r.reason) for r in rejected] == expected
        assert (tally.rows_read, tally.accepted) == (3, 1)

    def test_duplicate_id_keeps_the_first_accepted(self):
        """The second row with an id is a duplicate; an id first seen on a bad row is not."""
        rows = [
            person("P1"),
            person("P1", grade="200"),
            person("P2", grade="bad"),
            person("P2"),
        ]
        rejected: list[Rejection] = []
        tally = tally_rows(rows, on_reject=rejected.append)
        assert sorted((r.line, r.reason) for r in rejected) == [
            (3, Reason.DUPLICATE_PERSON_ID),
            (4, Reason.BAD_NUMBER),
        ]
        assert tally.accepted == 2

    def test_duplicate_check_can_be_skipped(self):
        """Without the check both rows count, and the tally says the check was skipped."""
        tally = tally_rows([person("P1"), person("P1")], check_duplicates=False)
        assert (tally.accepted, tally.duplicate_check) == (2, False)

    def test_quoted_line_breaks_keep_line_numbers(self, tmp_path):
        """A quoted field spanning lines moves later rows' line numbers as in the file."""
        path = tmp_path / "r.csv"
        first = person("P1", village="甲\n村")
        write_csv(path, [first, person("P2", grade="x")])
        rejected: list[Rejection] = []
        tally = tally_roster(path, on_reject=rejected.append)
        assert [r.line for r in rejected] == [4]
        assert tally.accepted == 1

    @given(roster=rosters(max_size=40), data=st.data())
    def test_every_row_accounted_for(self, roster, data):
        """Whatever is corrupted, rows read = accepted + rejected, each rejection on its line."""
        bad_lines = set()
        for index in data.draw(st.sets(st.integers(0, max(len(roster) - 1, 0)))) if roster else ():
            column, value = data.draw(corrupted_values())
            roster[index][column] = value
            bad_lines.add(index + 2)
        rejected: list[Rejection] = []
        tally = tally_rows(roster, on_reject=rejected.append)
        assert tally.rows_read == len(roster) == tally.accepted + tally.rejected
        assert bad_lines == {r.line for r in rejected}
        assert Counter(r.reason.value for r in rejected) == Counter(tally.rejection_counts())


class TestReading:
    def test_chinese_headers_and_gb18030(self, tmp_path):
        """A GB18030 file with Chinese headers reads the same as the UTF-8 English one."""
        rows = [person("P1", disability="重度"), person("P2", poverty="是")]
        chinese = ["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
                   "建档立卡", "村干部", "失地农民", "领取待遇"]  # fmt: skip
        gb = write_csv(tmp_path / "gb.csv", rows, header=chinese, encoding="gb18030")
        utf = write_csv(tmp_path / "utf.csv", rows)
        bom = write_csv(tmp_path / "bom.csv", rows, encoding="utf-8-sig")
        assert tuple(map(detect_encoding, (gb, utf, bom))) == ("gb18030", "utf-8", "utf-8-sig")
        assert tally_roster(gb) == tally_roster(utf) == tally_roster(bom)

    def test_column_mapping_and_extra_columns(self, tmp_path):
        """Other header names map to fields; columns the roster does not use are ignored."""
        header = ["备注", "身份证号", *HEADER[1:]]
        path = write_csv(tmp_path / "r.csv", [["x", *person("P1")[0:]]], header=header)
        tally = tally_roster(path, columns={"person_id": "身份证号"})
        assert (1, Yuan(15)) == (tally.accepted, tally.total)

    def test_missing_column_is_named(self, tmp_path):
        """A header without a field names the file, line 1 and the field."""
        path = write_csv(tmp_path / "r.csv", [], header=HEADER[:-1])
        with pytest.raises(DataFileError, match=r"r\.csv:1: receiving: header: no column"):
            tally_roster(path)

    def test_unknown_mapping_field(self):
        """A mapping for a field that does not exist is refused."""
        with pytest.raises(DataFileError, match="unknown field 'name'"):
            resolve_columns(HEADER, {"name": "姓名"})

    def test_xlsx_roster(self, tmp_path):
        """An .xlsx roster reads like the CSV; numbers and dates become their text."""
        openpyxl = pytest.importorskip("openpyxl")
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(HEADER)
        sheet.append(["P1", "东川镇", "甲村", datetime.date(1970, 5, 1), 1, 300, None, 0, 0, 0, 0])
        sheet.append(["P2", "东川镇", "甲村", "1970-13-01", 1, 100, None, 0, 0, 0, 0])
        path = tmp_path / "r.xlsx"
        workbook.save(path)
        rejected: list[Rejection] = []
        tally = tally_roster(path, on_reject=rejected.append)
        assert (Yuan("17.50"), [(3, Reason.BAD_DATE)]) == (
            tally.total, [(r.line, r.reason) for r in rejected])  # fmt: skip

    def test_missing_file(self, tmp_path):
        """A roster that does not exist is a DataFileError naming it."""
        with pytest.raises(DataFileError, match="no such file"):
            tally_roster(tmp_path / "none.csv")


class TestTallyMerge:
    @given(roster=rosters(), cuts=st.lists(st.integers(0, 60), max_size=4))
    def test_any_split_merges_to_the_whole(self, roster, cuts):
        """Tallying any split of a roster and merging equals tallying it whole."""
        bounds = [0, *sorted(min(cut, len(roster)) for cut in cuts), len(roster)]
        parts = [tally_rows(roster[a:b]) for a, b in itertools.pairwise(bounds)]
        assert tally_rows(roster) == Tally.merge_all(parts)

    @given(roster=rosters(), seed=st.integers(0, 1000))
    def test_shuffling_changes_nothing(self, roster, seed):
        """The order of rows does not change the tally."""
        shuffled = list(roster)
        random.Random(seed).shuffle(shuffled)
        assert tally_rows(roster) == tally_rows(shuffled)

    @given(a=rosters(20), b=rosters(20), c=rosters(20))
    def test_merge_is_associative_commutative_with_identity(self, a, b, c):
        """(a|b)|c = a|(b|c), a|b = b|a, a|Tally() = a."""
        ta, tb, tc = tally_rows(a), tally_rows(b), tally_rows(c)
        assert (ta | tb) | tc == ta | (tb | tc)
        assert ta | tb == tb | ta
        assert ta | Tally() == ta == Tally() | ta

    def test_different_rules_do_not_merge(self):
        """Tallies counted under different rules refuse to merge."""
        other = RosterRules(grade_subsidies=[(Yuan(100), Yuan(30))])
        with pytest.raises(RosterMergeError):
            tally_rows([person("P1")]) | tally_rows([person("P2")], other)


class TestAgainstReference:
    def test_synthetic_100k_equals_independent_computation(self, tmp_path):
        """The roster command on a synthetic 100k roster equals a plain per-row computation."""
        path = tmp_path / "r.csv"
        write_synthetic_roster(path, 100_000, seed=6)
        code, out = run_cli("roster", str(path), "--format", "json")
        data = json.loads(out)
        expected = reference(path, default_roster_rules())
        assert code == 0
        assert expected["components"] == {
            item["key"]: (item["headcount"], item["amount_yuan"]) for item in data["components"]
        }
        assert (data["rows_read"], data["accepted"], data["rejected"]) == (100_000, 100_000, 0)

    def test_one_percent_corrupted_reconciles(self, tmp_path):
        """1 % corrupted rows: read = accepted + rejected, each rejection on its line."""
        path = tmp_path / "r.csv"
        corrupted = write_synthetic_roster(path, 20_000, seed=7, corrupt=0.01)
        rejects = tmp_path / "rejects.csv"
        code, out = run_cli("roster", str(path), "--format", "json", "--rejects", str(rejects))
        data = json.loads(out)
        with rejects.open(encoding="utf-8-sig", newline="") as stream:  # with a BOM, for Excel
            written = list(csv.DictReader(stream))
        assert code == 1
        assert 200 == len(corrupted) == data["rejected"]
        assert data["rows_read"] == data["accepted"] + data["rejected"] == 20_000
        assert corrupted == {int(row["line"]): Reason(row["reason"]) for row in written}
        expected = reference(path, default_roster_rules())
        assert expected["rejections"] == data["rejections"]
        assert expected["components"] == {
            item["key"]: (item["headcount"], item["amount_yuan"]) for item in data["components"]
        }


class TestCli:
    def test_synth_roster_is_reproducible(self, tmp_path):
        """The same seed writes the same file."""
        first, second = tmp_path / "a.csv", tmp_path / "b.csv"
        assert main(["synth-roster", "500", "-o", str(first), "--seed", "3"]) == 0
        assert main(["synth-roster", "500", "-o", str(second), "--seed", "3"]) == 0
        assert first.read_bytes() == second.read_bytes()

    def test_roster_json_shape_and_report(self, tmp_path):
        """The JSON holds the contract's keys, and --report the roster-built budget."""
        path = write_csv(tmp_path / "r.csv", [person("P1"), person("P2", township="西滩乡")])
        code, out = run_cli("roster", str(path), "--format", "json", "--report")
        data = json.loads(out)
        assert code == 0
        assert {"rows_read", "accepted", "rejected", "components", "by_township", "rejections",
                "report"} <= set(data)  # fmt: skip
        assert {key: data["by_township"]["西滩乡"][key] for key in ("persons", "amount_yuan")} == {
            "persons": 1,
            "amount_yuan": "15.00",
        }
        assert data["report"]["projects"][2]["total_yuan"] == "30.00"

    def test_text_output_names_rejections(self, tmp_path):
        """The text output lists counts and each shown rejection's line and reason."""
        path = write_csv(tmp_path / "r.csv", [person("P1"), person("P2", grade="-5")])
        code, out = run_cli("roster", str(path), "--locale", "en")
        assert code == 1
        assert "rows read: 2  accepted: 1  rejected: 1" in out
        assert "line 3: negative_value" in out
        assert "rules: the bundled example, whose standards are illustrative only" in out
        code, out = run_cli("roster", str(path))
        assert "读取行数: 2  接受: 1  拒收: 1" in out
        assert "第 3 行: negative_value" in out
        assert "县级缴费补贴 [contribution_subsidy]: 1 人, 15.00 元" in out

    def test_rejects_never_overwrite_the_roster(self, tmp_path, capsys):
        """--rejects naming the roster itself is refused and the roster is left intact."""
        path = write_csv(tmp_path / "r.csv", [person("P1"), person("P2", grade="-5")])
        before = path.read_bytes()
        assert main(["roster", str(path), "--rejects", str(path), "--locale", "en"]) == 3
        assert "would overwrite the roster" in capsys.readouterr().err
        assert path.read_bytes() == before

    def test_failed_run_leaves_no_rejects_file(self, tmp_path):
        """A roster that cannot be read leaves no (empty) rejects file behind."""
        path = tmp_path / "r.csv"
        path.write_bytes(b"person_id,township\n\xff\xfe\x00bad")
        rejects = tmp_path / "rejects.csv"
        assert main(["roster", str(path), "--rejects", str(rejects)]) == 3
        assert not rejects.exists()
        assert list(tmp_path.glob(".rejects-*")) == []

    def test_rejects_neutralise_formulas(self, tmp_path):
        """A rejected cell that looks like a formula is written with a leading quote."""
        path = write_csv(tmp_path / "r.csv", [person("=HYPERLINK(1)", grade="x")])
        rejects = tmp_path / "rejects.csv"
        run_cli("roster", str(path), "--rejects", str(rejects))
        assert "'=HYPERLINK(1)" in rejects.read_text(encoding="utf-8-sig")

    def test_unknown_encoding_is_a_usage_error(self, tmp_path, capsys):
        """--encoding with a name Python does not know exits 2, without a traceback."""
        path = write_csv(tmp_path / "r.csv", [person("P1")])
        assert main(["roster", str(path), "--encoding", "nonsense"]) == 2
        assert "expected an encoding such as utf-8" in capsys.readouterr().err

    def test_unreadable_roster_exits_3(self, tmp_path, capsys):
        """A missing roster is an input error: exit 3, one line naming it."""
        assert main(["roster", str(tmp_path / "none.csv"), "--locale", "en"]) == 3
        assert "none.csv: no such file" in capsys.readouterr().err


class TestExactness:
    def test_hash_collisions_never_reject(self, monkeypatch):
        """Ids whose hashes collide are confirmed by their text: only true repeats go."""
        from pension_subsidy.roster import _engine_pass  # noqa: PLC0415  (the module under test)

        monkeypatch.setattr(_engine_pass, "hash", lambda _: 7, raising=False)
        rows = [person("P1"), person("P2"), person("P1"), person("P3", grade="x")]
        rejected: list[Rejection] = []
        tally = tally_rows(rows, on_reject=rejected.append)
        assert sorted((r.line, r.reason) for r in rejected) == [
            (4, Reason.DUPLICATE_PERSON_ID),
            (5, Reason.BAD_NUMBER),
        ]
        assert tally.accepted == 2

    def test_crlf_and_quoted_files_tally_alike(self, tmp_path):
        """Windows line ends and quoted cells give the same tally as plain LF text."""
        rows = [person(f"P{n}", grade=str(100 * (n % 5 + 1))) for n in range(50)]
        plain = write_csv(tmp_path / "plain.csv", rows)
        crlf = tmp_path / "crlf.csv"
        crlf.write_bytes(plain.read_bytes().replace(b"\n", b"\r\n"))
        quoted = tmp_path / "quoted.csv"
        with quoted.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
        assert tally_roster(plain) == tally_roster(crlf) == tally_roster(quoted)
        assert tally_roster(plain).accepted == 50


def rejections_of(
    path: Path, **options: object
) -> tuple[Tally, list[tuple[int, str, tuple[str, ...]]]]:
    """The tally of a roster file and its rejections as (line, reason, row), in order."""
    rejected: list[Rejection] = []
    tally = tally_roster(path, on_reject=rejected.append, **options)  # type: ignore[arg-type]
    return tally, [(r.line, r.reason.value, r.row) for r in rejected]


class TestInParts:
    @settings(max_examples=15)
    @given(roster=rosters(max_size=40), data=st.data())
    def test_two_processes_equal_one(self, tmp_path_factory, roster, data):
        """Any roster, corrupted and with repeated ids anywhere: 2 processes tally as 1."""
        for index in data.draw(st.sets(st.integers(0, max(len(roster) - 1, 0)))) if roster else ():
            column, value = data.draw(corrupted_values())
            roster[index][column] = value
        for index in data.draw(st.sets(st.integers(0, max(len(roster) - 1, 0)))) if roster else ():
            roster[index][0] = roster[data.draw(st.integers(0, len(roster) - 1))][0]
        path = write_csv(tmp_path_factory.mktemp("parts") / "r.csv", roster)
        assert rejections_of(path, jobs=1) == rejections_of(path, jobs=2)

    def test_duplicate_split_across_parts_is_found(self, tmp_path, monkeypatch):
        """An id on the first and the last row, in different ranges, is rejected once, last."""
        from pension_subsidy.roster import read  # noqa: PLC0415  (spied on)

        in_parts: list[Tally | None] = []

        def spy(*args: object, **options: object) -> Tally | None:
            in_parts.append(partitions.tally_csv_in_parts(*args, **options))  # type: ignore[arg-type]
            return in_parts[-1]

        monkeypatch.setattr(read, "tally_csv_in_parts", spy)
        rows = [person(f"P{n}") for n in range(1000)] + [person("P0", grade="500")]
        path = write_csv(tmp_path / "r.csv", rows)
        tally, rejected = rejections_of(path, jobs=2)
        assert in_parts == [tally]  # the file really was read in two processes
        assert [(line, reason) for line, reason, _ in rejected] == [(1002, "duplicate_person_id")]
        assert (tally.accepted, tally.headcount("contribution_subsidy")) == (1000, 1000)
        assert tally.amount("contribution_subsidy") == Yuan(15) * 1000

    def test_one_percent_corrupted_reconciles_the_same(self, tmp_path):
        """1 % corrupted rows: 3 processes reject the same lines for the same reasons as 1."""
        path = tmp_path / "r.csv"
        corrupted = write_synthetic_roster(path, 20_000, seed=7, corrupt=0.01)
        tally, rejected = rejections_of(path, jobs=3)
        assert corrupted == {line: Reason(reason) for line, reason, _ in rejected}
        assert tally.rows_read == tally.accepted + tally.rejected == 20_000
        assert (tally, rejected) == rejections_of(path, jobs=1)

    def test_quoted_file_is_read_in_one_process(self, tmp_path):
        """A quoted cell with a line break cannot be cut at line ends: same result as 1."""
        rows = [person(f"P{n}") for n in range(300)]
        rows[150][2] = "甲\n村"
        rows[200][5] = "x"
        path = write_csv(tmp_path / "r.csv", rows)
        tally, rejected = rejections_of(path, jobs=2)
        assert [(line, reason) for line, reason, _ in rejected] == [(203, "bad_number")]
        assert (tally, rejected) == rejections_of(path, jobs=1)

    def test_collisions_across_processes_never_reject(self, tmp_path, monkeypatch):
        """With every id hash equal, only true repeats are rejected, in any process count."""
        from pension_subsidy.roster import _engine_pass  # noqa: PLC0415  (the module under test)

        monkeypatch.setattr(_engine_pass, "hash", lambda _: 7, raising=False)
        rows = [person(f"P{n}") for n in range(200)] + [person("P3"), person("P199")]
        path = write_csv(tmp_path / "r.csv", rows)
        for jobs in (1, 2):
            tally, rejected = rejections_of(path, jobs=jobs)
            assert [line for line, _, _ in rejected] == [202, 203]
            assert tally.accepted == 200

    def test_undecodable_range_is_reported_as_in_one_process(self, tmp_path):
        """A byte that is not UTF-8 late in the file: the same error, with its line, as 1."""
        path = write_csv(tmp_path / "r.csv", [person(f"P{n}") for n in range(3000)])
        path.write_bytes(path.read_bytes() + b"P3000,\xff\xfe,x,1970-05-01,1,100,,0,0,0,0\n")
        messages = []
        for jobs in (1, 2):
            with pytest.raises(DataFileError) as error:
                tally_roster(path, jobs=jobs)
            messages.append(str(error.value))
        assert messages[0] == messages[1]
        assert "not utf-8 text" in messages[0]

    def test_gb18030_crlf_file_in_two_processes(self, tmp_path):
        """A GB18030 file with Windows line ends tallies alike in 1 and 2 processes."""
        rows = [person(f"P{n}", village=f"{n % 7}村") for n in range(2000)]
        rows[1500][3] = "1960-02-30"
        path = write_csv(tmp_path / "r.csv", rows, encoding="gb18030")
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        tally, rejected = rejections_of(path, jobs=2)
        assert [(line, reason) for line, reason, _ in rejected] == [(1502, "bad_date")]
        assert (tally, rejected) == rejections_of(path, jobs=1)

    def test_lone_cr_file_loses_nothing(self, tmp_path):
        """A Mac-style CSV (lone CR line ends) tallies like LF, with the same lines, any jobs."""
        rows = [person(f"P{n}", village=f"{n % 7}村") for n in range(3000)]
        rows[2500][3] = "1960-02-30"
        plain = write_csv(tmp_path / "lf.csv", rows)
        lone_cr = tmp_path / "cr.csv"
        lone_cr.write_bytes(plain.read_bytes().replace(b"\n", b"\r"))
        expected = rejections_of(plain, jobs=1)
        assert expected[0].accepted == 2999
        assert [(line, reason) for line, reason, _ in expected[1]] == [(2502, "bad_date")]
        assert rejections_of(lone_cr, jobs=1) == expected
        assert rejections_of(lone_cr, jobs=2) == expected

    def test_bad_jobs(self, tmp_path):
        """A number of processes below 1 is refused, naming the option."""
        path = write_csv(tmp_path / "r.csv", [person()])
        with pytest.raises(InvalidHeadcountError, match="jobs: expected a whole number"):
            tally_roster(path, jobs=0)

    def test_cli_jobs(self, tmp_path):
        """``roster --jobs 2`` prints the same JSON as ``--jobs 1``."""
        path = tmp_path / "r.csv"
        write_synthetic_roster(path, 3_000, seed=5, corrupt=0.01)
        one = run_cli("roster", str(path), "--format", "json", "--jobs", "1")
        two = run_cli("roster", str(path), "--format", "json", "--jobs", "2")
        assert one == two
        assert one[0] == 1


class TestDuplicateLedger:
    def test_spilled_hashes_find_the_same_duplicates(self, tmp_path, monkeypatch):
        """Hashes spilled to bucket files in small buffers find the same repeats as memory."""
        from pension_subsidy.roster import duplicates  # noqa: PLC0415  (the module under test)

        rows = [person(f"P{n}") for n in range(500)] + [person("P7"), person("P450")]
        path = write_csv(tmp_path / "r.csv", rows)
        whole = rejections_of(path, jobs=1)
        monkeypatch.setattr(duplicates, "BUFFER_HASHES", 16)
        assert whole == rejections_of(path, jobs=1) == rejections_of(path, jobs=2)
        assert [line for line, _, _ in whole[1]] == [502, 503]

    @given(hashes=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=200), size=st.integers(1, 50))
    def test_repeated_hashes_are_exactly_the_repeats(self, hashes, size):
        """Whatever the buffer size, the repeated values found are those occurring twice."""
        with (
            duplicates.HashLedger(buffer_hashes=size) as first,
            duplicates.HashLedger(buffer_hashes=size) as second,
        ):
            half = len(hashes) // 2
            first.extend(hashes[:half])
            for value in hashes[half:]:
                second.append(value)
            found = duplicates.repeated_hashes([first.contents(), second.contents()])
        assert {value for value, count in Counter(hashes).items() if count > 1} == found


class TestFastPathAgreesWithRows:
    def test_empty_id_rejected_without_duplicate_check(self):
        """An empty person id is a missing field also when duplicates are not checked."""
        rejected: list[Rejection] = []
        tally = tally_rows([person("P1"), person("")], check_duplicates=False,
                           on_reject=rejected.append)  # fmt: skip
        assert [(r.line, r.reason) for r in rejected] == [(3, Reason.MISSING_FIELD)]
        assert tally.accepted == 1

    @pytest.mark.parametrize(
        ("text", "good"),
        [("2024-02-29", True), ("2023-02-29", False), ("1960-13-01", False),
         ("0000-01-01", False), ("２０２４-01-01", True), ("1960-1-011", False),
         ("19600101", True), ("1960/01/01", True), ("1960-01-01 ", False)],
    )  # fmt: skip
    def test_birth_dates(self, text, good):
        """The quick check of YYYY-MM-DD agrees with the full rule, including other digits."""
        assert good == (check_birth_date(text) is None)

    def test_columns_in_another_order(self, tmp_path):
        """Columns after the id and birth date that are not profile fields: same tally."""
        rows = [person(f"P{n}", grade=str(100 * (n % 4 + 1))) for n in range(60)]
        rows[10][5] = "bad"
        plain = write_csv(tmp_path / "plain.csv", rows)
        order = [3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 0]  # birth date first, the id last
        moved = write_csv(tmp_path / "moved.csv", [[row[i] for i in order] for row in rows],
                          header=[HEADER[i] for i in order])  # fmt: skip
        extra = write_csv(tmp_path / "extra.csv", [[*row, "note"] for row in rows],
                          header=[*HEADER, "remark"])  # fmt: skip
        orders = ([0, 3, 1, 2, 4, 5, 6, 7, 8, 9, 10], [1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        # the rest of the line after the id and date holds profile columns only
        split_early = [
            write_csv(
                tmp_path / f"order{n}.csv",
                [[row[i] for i in order] for row in rows],
                header=[HEADER[i] for i in order],
            )
            for n, order in enumerate(orders)
        ]
        expected = rejections_of(plain)
        for path in (moved, extra, *split_early):
            tally, rejected = rejections_of(path)
            assert expected[0] == tally
            assert [(line, reason) for line, reason, _ in rejected] == [(12, "bad_number")]


class TestBirthDates:
    def test_future_birth_date_is_rejected(self) -> None:
        """A birth date after today is a bad date, named in the reason."""
        from pension_subsidy.roster.classify import Reason, check_birth_date  # noqa: PLC0415

        problem = check_birth_date("2999-01-01")
        assert problem is not None
        assert problem.reason is Reason.BAD_DATE
        assert "future" in problem.detail
        assert check_birth_date("1960-02-29") is None
        assert check_birth_date("1961-02-29") is not None


class TestRejectsOrder:
    def test_rejects_file_is_in_line_order_with_duplicates(self, tmp_path):
        """Duplicates confirmed after the pass are merged into the rejects file by line."""
        rows = [person(f"P{n}") for n in range(40)]
        rows.append(person("P3"))  # line 42: a duplicate, confirmed only at the end
        rows.append(person("P50", grade="-5"))  # line 43
        rows[10][4] = "x"  # line 12: a bad flag
        path = write_csv(tmp_path / "r.csv", rows)
        rejects = tmp_path / "rejects.csv"
        code, _ = run_cli("roster", str(path), "--rejects", str(rejects))
        assert code == 1
        with rejects.open(encoding="utf-8-sig", newline="") as stream:
            lines = [(row["line"], row["reason"]) for row in csv.DictReader(stream)]
        assert lines == [("12", "bad_number"), ("42", "duplicate_person_id"),
                         ("43", "negative_value")]  # fmt: skip
