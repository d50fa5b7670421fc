"""Reading the disclosure table: the seed exactly, its variants, and bad input."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from pension_subsidy import (
    Comparator,
    CoordinatorAllowance,
    DataFileError,
    Level1,
    Level2,
    MissingDependencyError,
    Yuan,
    load_dataset,
    parse_disclosure,
    read_disclosure,
    report_data,
)
from pension_subsidy.disclosure import (
    OutlineLevel,
    bundled_disclosure_names,
    bundled_disclosure_text,
    load_bundled_disclosure,
)
from pension_subsidy.disclosure.read import chinese_number, paragraphs
from pension_subsidy.output.disclosure_table import render_xlsx
from tests.disclosure_helpers import SEED_PATH, SEED_TEXT, figures, same, variant


class TestSeed:
    def test_report_figures_equal_the_bundled_dataset(self):
        """The seed read as a table reports exactly the bundled dataset's figures."""
        expected = figures(report_data(load_dataset("menyuan-2022")))
        assert expected == figures(report_data(read_disclosure(SEED_PATH).budget))

    def test_every_project_component_and_indicator(self):
        """Every project's key, amount, goals, components and indicators match the dataset."""
        bundled = load_dataset("menyuan-2022")
        read = read_disclosure(SEED_PATH).budget
        assert [p.key for p in bundled.projects] == [p.key for p in read.projects]
        for expected, actual in zip(bundled.projects, read.projects, strict=True):
            assert expected.appropriation == actual.appropriation
            assert expected.goals == actual.goals
            assert expected.components == actual.components
            assert expected.indicators == actual.indicators

    def test_units_codes_parents_and_stated_totals(self):
        """Unit rows keep their codes, names and amounts; 501003 sits under 501."""
        units = read_disclosure(SEED_PATH).budget.units
        assert [("501", None, Yuan("1900400")), ("501003", "501", Yuan("1900400"))] == [
            (unit.code, unit.parent, unit.stated_total) for unit in units
        ]
        assert (units[0].name_zh, len(units[0].projects)) == ("门源县社会保险服务局", 0)

    def test_title_year_header_rows_and_lines(self):
        """Title, year, where the header repeats, and each data row's line are kept."""
        disclosure = read_disclosure(SEED_PATH)
        assert disclosure.title == "社会保险服务局2022年部门预算项目支出绩效目标公开表"
        assert disclosure.budget.year == 2022
        assert disclosure.header_rows == (0, 4)
        assert disclosure.lines == (6, 7, 8, 9, 12)

    def test_the_coordinator_allowance_from_villages_and_standard(self):
        """109 villages × 1 coordinator × 600 元 comes from the goal prose."""
        project = read_disclosure(SEED_PATH).budget.project("coordinator_allowance")
        assert (CoordinatorAllowance(villages=109, per_village=1, per_coordinator=Yuan(600)),) == (
            project.components
        )

    def test_latex_comparator_and_raw_text(self):
        """``$\\geq 100\\%$`` reads as ≥ 100 % and keeps its text as written."""
        fund = read_disclosure(SEED_PATH).budget.project("county_supporting_fund")
        rate = next(i for i in fund.indicators if i.name == "养老保险参保率")
        assert (Comparator.GE, Decimal(100), "%", "1. 养老保险参保率 $\\geq 100\\%$") == (
            rate.comparator,
            rate.target,
            rate.unit,
            rate.text,
        )

    def test_outline_keeps_headings_in_order(self):
        """The fund's indicator cell keeps 二 after 二 as written."""
        disclosure = read_disclosure(SEED_PATH)
        outline = disclosure.outline(disclosure.budget.project("county_supporting_fund"))
        level1 = [entry.number for entry in outline if entry.level is OutlineLevel.LEVEL1]
        assert level1 == [1, 2, 2]

    def test_bundled_copy_is_the_seed(self):
        """The packaged seed is byte for byte the test copy, and reads with its dataset key."""
        assert bundled_disclosure_names() == ("menyuan-2022",)
        assert SEED_PATH.read_bytes() == bundled_disclosure_text()
        assert load_bundled_disclosure().budget.key == "menyuan-2022"

    def test_shared_seed_when_present(self):
        """The seed beside the clone (in CI) is the same as the packaged copy."""
        shared = Path(__file__).resolve().parents[2] / "shared/seed/menyuan-2022-disclosure.txt"
        if not shared.exists():
            pytest.skip("shared/ is not beside this clone")
        assert shared.read_bytes() == bundled_disclosure_text()


class TestEncodingsAndLineEnds:
    @pytest.mark.parametrize(
        ("encoding", "newline"),
        [("utf-8", "\n"), ("utf-8-sig", "\n"), ("gb18030", "\n"), ("gb18030", "\r\n"),
         ("utf-8-sig", "\r\n")],
    )  # fmt: skip
    def test_same_disclosure_in_every_encoding(self, tmp_path, encoding, newline):
        """UTF-8, UTF-8 with BOM and GB18030, with LF or CRLF, read to the same disclosure."""
        path = tmp_path / "table.txt"
        path.write_bytes(SEED_TEXT.replace("\n", newline).encode(encoding))
        expected = read_disclosure(SEED_PATH, key="t")
        actual = read_disclosure(path, key="t")
        assert same(expected) == same(actual)
        assert actual.budget.source == "table.txt"


class TestVariants:
    def test_full_width_and_ascii_comparators(self):
        """＞ ≧ >= and LaTeX \\leq read as the comparators they spell."""
        text = variant(
            ("养老保险参保率 >98%", "养老保险参保率 ＞98%"),
            ("单位工作人员培训次数 ≥28次", "单位工作人员培训次数 >=28次"),
            ("社保政策宣传开展次数 ≥10次", "社保政策宣传开展次数 ≧10次"),
            ("单位工作运转成本 ≤13.8万", "单位工作运转成本 $\\leq 13.8$万元"),
        )
        budget = parse_disclosure(text).budget
        work, coordinator, _ = budget.projects
        indicators = {i.name: i for i in work.indicators}
        assert coordinator.indicators[7].comparator == Comparator.GT
        assert coordinator.indicators[7].name == "养老保险参保率"
        assert indicators["单位工作人员培训次数"].comparator == Comparator.GE
        assert indicators["社保政策宣传开展次数"].comparator == Comparator.GE
        running = indicators["单位工作运转成本"]
        assert (Comparator.LE, Decimal("13.8"), "万元") == (
            running.comparator,
            running.target,
            running.unit,
        )

    def test_full_width_digits_and_percent(self):
        """Full-width digits and ％ read as ASCII ones."""
        text = variant(("村级协办员人数 109人", "村级协办员人数 １０９人"),
                       ("行政村覆盖率 100%", "行政村覆盖率 100％"))  # fmt: skip
        project = parse_disclosure(text).budget.project("coordinator_allowance")
        assert (Decimal(109), "人") == (project.indicators[0].target, project.indicators[0].unit)
        assert project.indicators[2].unit == "%"

    def test_amounts_with_thousands_separators_in_yuan(self):
        """A header in 元 and amounts such as 1,900,400.00 read as 元."""
        text = variant(
            ("金额 (万元)", "金额 (元)"), text=SEED_TEXT.replace("金额 (万元)", "金额 (元)", 1)
        )
        text = text.replace("\t190.04\t", "\t1,900,400.00\t").replace("\t8.50\t", "\t85,000\t")
        text = text.replace("\t6.54\t", "\t65,400\t").replace("\t175.00\t", "\t1,750,000.00\t")
        budget = parse_disclosure(text).budget
        assert [Yuan(85000), Yuan(65400), Yuan(1750000)] == [
            p.appropriation for p in budget.projects
        ]
        assert Yuan(1900400) == budget.units[1].stated_total

    def test_amount_with_unit_in_the_cell(self):
        """An amount cell may carry its own unit: 65,400元 or 6.54万."""
        text = variant(("\t6.54\t", "\t65,400元\t"), ("\t8.50\t", "\t8.5万\t"))
        budget = parse_disclosure(text).budget
        assert [Yuan(85000), Yuan(65400)] == [p.appropriation for p in budget.projects[:2]]

    def test_cells_as_lines_without_p_tags(self):
        """Goal and indicator cells written one paragraph per line read the same (CSV style)."""
        assert paragraphs("a\nb") == ("a", "b")
        assert paragraphs("a<br>b") == ("a", "b")
        assert paragraphs("<p>a &lt; b &amp; c</p>") == ("a < b & c",)

    def test_other_county_table(self):
        """A table of another county, year and shape reads without Menyuan's names."""
        text = (
            "某某县2024年部门预算项目支出绩效目标公开表\n"
            "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n"
            "302\t某某县人力资源和社会保障局\t20.00\t\t\n"
            "302001\t某某县社会保险中心\t20.00\t\t\n"
            "\t城乡居民养老保险配套资金\t18.00\t<p>村干部200人，县级补贴2.4万元；"
            "财政代缴9.6万元，重度残疾人1,600人。</p>\t<p>一、产出指标</p><p>(一)数量指标</p>"
            "<p>1.参保人数 ≥50000人</p><p>二、满意度指标</p><p>1.受益群众满意度 ≥ 95%</p>\n"
            "\t社保业务培训费\t2.00\t<p>培训两次</p>\t<p>一、产出指标</p><p>(一)数量指标</p>"
            "<p>1.培训次数 2次</p>\n"
        )
        budget = parse_disclosure(text, name="other-2024.txt").budget
        fund, training = budget.projects
        assert (fund.key, budget.year, budget.key) == ("county_supporting_fund", 2024, "other-2024")
        assert [("village_cadre_subsidy", 200, Yuan(24000)),
                ("severe_disability_proxy", 1600, Yuan(96000))] == [
            (c.key, c.headcount, c.amount) for c in fund.components
        ]  # fmt: skip
        assert training.key.startswith("project_")
        assert (
            fund.indicators[1].level1,
            fund.indicators[1].level2,
        ) == (Level1.SATISFACTION, Level2.BENEFICIARY_SATISFACTION)

    def test_slug_keys_are_stable_and_unique(self):
        """Unrecognised names get a slug from the name; a repeated kind gets a suffix."""
        row = "\t{name}\t1.00\t\t<p>一、产出指标</p><p>(一)数量指标</p><p>1.次数 1次</p>\n"
        header = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n"
        names = ("甲", "甲", "工作经费", "工作经费二")
        rows = "".join(row.format(name=name) for name in names)
        text = "2023年表\n" + header + "1\t局\t4.00\t\t\n" + rows
        keys = [p.key for p in parse_disclosure(text).budget.projects]
        again = [p.key for p in parse_disclosure(text).budget.projects]
        assert keys == again
        assert keys[1] == keys[0] + "_2"
        assert keys[2:] == ["work_funds", "work_funds_2"]

    def test_chinese_numbers(self):
        """Heading numerals 一 … 九十九 read as their values."""
        assert [chinese_number(n) for n in ("一", "九", "十", "十二", "二十", "九十九")] == [
            1,
            9,
            10,
            12,
            20,
            99,
        ]

    def test_year_override_and_from_file_name(self):
        """Without a year in the title the file name gives it; ``year=`` overrides both."""
        text = SEED_TEXT.replace("2022年部门", "部门", 1).replace(
            "2022年全年确保完成各", "全年确保完成各"
        )
        assert parse_disclosure(text, name="x-2021.txt").budget.year == 2021
        assert parse_disclosure(SEED_TEXT, year=2030).budget.year == 2030
        with pytest.raises(DataFileError, match="no year"):
            parse_disclosure(text, name="x.txt")


class TestOtherFormats:
    def test_csv_reads_like_txt(self, tmp_path):
        """The seed as CSV (cells with <p> fragments) reads as the seed."""
        path = tmp_path / "seed.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            for line in SEED_TEXT.split("\n"):
                writer.writerow(line.split("\t"))
        assert same(read_disclosure(SEED_PATH, key="k")) == same(read_disclosure(path, key="k"))

    def test_xlsx_reads_like_txt(self, tmp_path):
        """The seed written as .xlsx reads as the seed."""
        path = tmp_path / "seed.xlsx"
        path.write_bytes(render_xlsx(read_disclosure(SEED_PATH)))
        assert same(read_disclosure(SEED_PATH, key="k")) == same(read_disclosure(path, key="k"))

    def test_missing_openpyxl_names_the_extra(self, tmp_path, monkeypatch):
        """Without openpyxl, .xlsx raises MissingDependencyError naming the excel extra."""
        path = tmp_path / "seed.xlsx"
        path.write_bytes(b"PK")
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(MissingDependencyError, match=r"pension-subsidy\[excel\]") as error:
            read_disclosure(path)
        assert error.value.extra == "excel"
        with pytest.raises(MissingDependencyError, match="excel"):
            render_xlsx(read_disclosure(SEED_PATH))


class TestBadInput:
    def test_empty_file(self, tmp_path):
        """An empty file names the file."""
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        with pytest.raises(DataFileError, match=r"empty\.txt: empty file"):
            read_disclosure(path)

    def test_binary_file(self, tmp_path):
        """A binary file names the file and the line."""
        path = tmp_path / "binary.txt"
        path.write_bytes(b"abc\n\x89PNG\x00\x01\x02")
        with pytest.raises(DataFileError, match=r"binary\.txt:2: binary data") as error:
            read_disclosure(path)
        assert error.value.line == 2

    def test_utf8_cut_mid_character_names_its_line(self, tmp_path):
        """A UTF-8 file cut inside a character is reported where UTF-8 breaks, not as GB18030."""
        lines = SEED_TEXT.encode("utf-8").split(b"\n")
        first_wide = next(i for i, byte in enumerate(lines[8]) if byte >= 0xE0)
        # line 9 is cut one byte into a three-byte character
        path = tmp_path / "cut.txt"
        path.write_bytes(b"\n".join([*lines[:8], lines[8][: first_wide + 1]]))
        with pytest.raises(DataFileError, match=r"cut\.txt:9: cannot decode: invalid UTF-8"):
            read_disclosure(path)

    def test_control_characters(self):
        """Text with control characters is refused as binary, with its line."""
        with pytest.raises(DataFileError, match=r"<input>:3: binary data \(character U\+0007"):
            parse_disclosure("a\nb\n\x07")

    def test_truncated_row(self, tmp_path):
        """A row cut short names its line and says how many cells came."""
        lines = SEED_TEXT.split("\n")
        lines[8] = "\t".join(lines[8].split("\t")[:3])
        path = tmp_path / "cut.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        with pytest.raises(DataFileError, match=r"cut\.txt:9: truncated row: expected 5 cells"):
            read_disclosure(path)

    def test_row_cut_inside_a_cell(self):
        """A row cut inside a <p> fragment is reported at its line and cell."""
        lines = SEED_TEXT.split("\n")
        lines[11] = lines[11][:-20]
        with pytest.raises(DataFileError, match=r":12: column 5 \(绩效指标\): an unclosed <p>"):
            parse_disclosure("\n".join(lines))

    def test_misread_amount(self):
        """``175,0O`` names the line, the cell and what came."""
        text = variant(("\t175.00\t", "\t175,0O\t"))
        with pytest.raises(DataFileError) as error:
            parse_disclosure(text, name="seed.txt")
        message = str(error.value)
        assert message.startswith("seed.txt:12: column 3 (金额 (万元)): ")
        assert "'175,0O'" in message
        assert (error.value.line, error.value.field) == (12, "column 3 (金额 (万元))")

    def test_misread_amount_in_xlsx_names_the_cell(self, tmp_path):
        """In a workbook the cell is named by its reference (C12)."""
        path = tmp_path / "seed.xlsx"
        path.write_bytes(render_xlsx(read_disclosure(SEED_PATH)))
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.active
        assert sheet is not None
        row = next(r for r in range(1, 20) if sheet.cell(r, 2).value == "养老保险征收发放工作经费")
        sheet.cell(row, 3).value = "8,5O"
        workbook.save(path)
        with pytest.raises(DataFileError, match=rf"seed\.xlsx:{row}: C{row} \(金额 \(万元\)\)"):
            read_disclosure(path)

    def test_not_a_workbook(self, tmp_path):
        """A .xlsx that is no workbook names the file."""
        path = tmp_path / "fake.xlsx"
        path.write_text("not a zip", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"fake\.xlsx: not a readable \.xlsx"):
            read_disclosure(path)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("\t养老保险征收发放工作经费", "\t"), "missing name"),
            (("501003\t门源", "50 1003\t门源"), "expected a unit code"),
            (("\t8.50\t", "\t\t"), "missing amount"),
            (("<p>1.工作运转人数 50人</p>", "<p>工作运转人数 50人</p>"), "numbered heading"),
            (("<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.工作",
              "<p>一、其他指标</p> <p>(一)数量指标：</p> <p>1.工作"), "expected 产出指标"),
            (("<p>(一)数量指标：</p> <p>1.工作", "<p>(一)其他：</p> <p>1.工作"),
             "not a second-level indicator"),
            (("<p>1.工作运转人数 50人</p>", "<p>1.工作运转人数50</p>"), None),
            (("<p>1.工作运转人数 50人</p>", "<p>1.工作运转人数 175,0O万元</p>"),
             "expected a name and a target"),
            (("<p>1.工作运转人数 50人</p>", "<p>1.工作运转人数 50人</p></p>"), "a </p> without"),
            (("<p>1.工作运转人数 50人</p>", "<p>1.工作运转人数 <p>50人</p>"), "a <p> inside"),
        ],
    )  # fmt: skip
    def test_bad_cells(self, change, message):
        """Each malformed cell raises DataFileError naming its line and the problem."""
        if message is None:  # a bare number without a unit is a valid target
            parse_disclosure(variant(change))
            return
        with pytest.raises(DataFileError, match=r"<input>:[78]: .*" + message):
            parse_disclosure(variant(change))

    def test_project_before_unit_and_missing_header(self):
        """A project row before any unit, or a table without header, is refused."""
        header = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n"
        with pytest.raises(DataFileError, match=r":2: .*before any unit row"):
            parse_disclosure(header + "\t项目\t1.00\t\t\n")
        with pytest.raises(DataFileError, match="no header row"):
            parse_disclosure("2022年\n\t项目\t1.00\t\t\n")
        with pytest.raises(DataFileError, match="no unit rows"):
            parse_disclosure("2022年\n" + header)

    def test_header_with_unknown_or_changed_columns(self):
        """An unknown column, or a repeated header that differs, is refused."""
        with pytest.raises(DataFileError, match="unknown column '备注'"):
            parse_disclosure("单位编码\t单位及项目名称\t金额\t绩效目标\t绩效指标\t备注\n")
        with pytest.raises(DataFileError, match="header row without 绩效指标"):
            parse_disclosure("单位编码\t单位及项目名称\t金额\t绩效目标\n")
        repeated = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n\t城乡"
        text = variant((repeated, repeated.replace("万元", "元")))
        with pytest.raises(DataFileError, match=":11: the header row repeats"):
            parse_disclosure(text)

    def test_extra_cells_and_unit_row_text(self):
        """Text beyond the columns, or goals on a unit row, is refused rather than dropped."""
        with pytest.raises(DataFileError, match=":6: expected 5 cells, got 6"):
            parse_disclosure(variant(("190.04\t\t\n501003", "190.04\t\t\t备注\n501003")))
        with pytest.raises(DataFileError, match=r":6: column 4 \(绩效目标\): a unit row with text"):
            parse_disclosure(variant(("190.04\t\t\n501003", "190.04\t目标\t\n501003")))

    def test_unreadable_files(self, tmp_path):
        """A missing file, an unknown suffix, invalid CSV or undecodable text name the file."""
        with pytest.raises(DataFileError, match="cannot open"):
            read_disclosure(tmp_path / "missing.txt")
        (tmp_path / "table.doc").write_text("x", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"unsupported kind of table \.doc"):
            read_disclosure(tmp_path / "table.doc")
        (tmp_path / "bad.csv").write_text('a,"b\n', encoding="utf-8")
        with pytest.raises(DataFileError, match=r"bad\.csv:1: not valid CSV"):
            read_disclosure(tmp_path / "bad.csv")
        (tmp_path / "bad.txt").write_bytes(b"abc\n\xff\xff\xff\xff")
        with pytest.raises(DataFileError, match=r"bad\.txt:2: cannot decode"):
            read_disclosure(tmp_path / "bad.txt")
        with pytest.raises(DataFileError, match="format: expected 'txt' or 'csv'"):
            parse_disclosure(SEED_TEXT, format="xml")

    def test_disclosure_is_frozen(self):
        """A disclosure is an immutable value."""
        disclosure = parse_disclosure(SEED_TEXT)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            disclosure.title = "x"  # type: ignore[misc]
