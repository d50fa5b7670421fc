"""Issue 9, inputs: files as counties save them, damaged files and odd figures never crash.

Each reproducer is tried through the API and through ``pension_subsidy.cli.main``: the right
result, or exit 3 with the file (and cell or field) named and no traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from pension_subsidy import (
    ActualValueError,
    DataFileError,
    Indicator,
    InvalidAmountError,
    Level1,
    Level2,
    Measured,
    Yuan,
    audit,
    load_dataset,
    parse_disclosure,
    plan_check,
    read_actuals,
    read_disclosure,
)
from pension_subsidy._encoding import decode_text
from pension_subsidy._toml import read_toml_document, read_toml_file
from pension_subsidy.cli import main
from pension_subsidy.disclosure import load_bundled_disclosure, read_goal_prose
from pension_subsidy.evaluation.scoring import in_target_unit
from pension_subsidy.model.dataset import load_budget_file
from pension_subsidy.model.parameters import load_parameter_file
from pension_subsidy.output.disclosure_table import render_xlsx
from pension_subsidy.output.language import format_wan
from pension_subsidy.roster.rules import load_roster_rules
from pension_subsidy.roster.synth import write_synthetic_roster
from tests.disclosure_helpers import SEED_PATH, SEED_TEXT, variant

ROOT = Path(__file__).parent.parent
DATA = ROOT / "src" / "pension_subsidy" / "data"
DATASET_TEXT = (DATA / "menyuan-2022.toml").read_text(encoding="utf-8")
RULES_TEXT = (DATA / "rules" / "example-rules.toml").read_text(encoding="utf-8")
ACTUALS_TEXT = (ROOT / "examples" / "actuals-2022.toml").read_text(encoding="utf-8")
PARAMETERS_TEXT = """\
# 某县县级标准（县政府文件）
[sources.county_2021]
document = "门政〔2021〕1号"
issuer = "某县人民政府"
article = "第三条"

[[parameters]]
key = "contribution_subsidy.minimum"
kind = "yuan"
unit = "元/人·年"
value = "35"
effective = 2021-01-01
source = "county_2021"
"""

#: The four kinds of TOML file a user gives, as (name, UTF-8 text).
TOML_KINDS = {
    "dataset": DATASET_TEXT,
    "parameters": PARAMETERS_TEXT,
    "rules": RULES_TEXT,
    "actuals": ACTUALS_TEXT,
}


def _undecodable(text: str) -> bytes:
    """UTF-8 text with three bytes no encoding of ours reads, at the start of line 3."""
    lines = text.encode("utf-8").split(b"\n")
    return b"\n".join([*lines[:2], b"\xff\xfe\xfd" + lines[2], *lines[3:]])


def _load(kind: str, path: Path) -> object:
    """Read ``path`` as a TOML file of ``kind`` through the API."""
    if kind == "dataset":
        return load_budget_file(path)
    if kind == "parameters":
        parameters = load_parameter_file(path)
        return [(value.key, value.value, value.effective) for value in parameters.values]
    if kind == "rules":
        return load_roster_rules(path)
    return read_actuals(path, load_dataset())


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of the command line."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _refused(code: int, err: str, name: str) -> None:
    """Exit 3, one message naming the file, no traceback."""
    assert code == 3
    assert name in err
    assert "Traceback" not in err
    assert err.startswith("pension-subsidy: error: ")


# -- 1. TOML files that are not UTF-8 ----------------------------------------------------------
class TestTomlEncodings:
    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    @pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
    def test_gb18030_and_bom_read_as_utf8(self, tmp_path, kind, encoding):
        """GB18030 (Notepad's and WPS's "ANSI") and UTF-8 with BOM read as the UTF-8 file does."""
        path = tmp_path / f"{kind}.toml"
        path.write_text(TOML_KINDS[kind], encoding="utf-8")
        expected = _load(kind, path)
        path.write_bytes(TOML_KINDS[kind].encode(encoding))
        assert expected == _load(kind, path)

    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    def test_undecodable_names_file_and_line(self, tmp_path, kind):
        """Bytes that are neither UTF-8 nor GB18030 raise DataFileError with file and line 3."""
        path = tmp_path / f"{kind}.toml"
        path.write_bytes(_undecodable(TOML_KINDS[kind]))
        with pytest.raises(DataFileError, match=rf"{kind}\.toml:3: cannot decode") as error:
            _load(kind, path)
        assert (str(path), 3) == (error.value.path, error.value.line)

    def test_gb18030_that_looks_like_utf8_at_first(self, tmp_path):
        """实 in GB18030 (CA B5) is valid UTF-8; the file is still read as GB18030."""
        path = tmp_path / "actuals.toml"
        path.write_bytes('# 实际完成值\nkey = "实际"\n'.encode("gb18030"))
        assert read_toml_file(path) == {"key": "实际"}

    def test_utf16_is_refused_by_name(self, tmp_path):
        """Notepad's "Unicode" (UTF-16 with BOM) is refused with advice, not as binary data."""
        path = tmp_path / "county.toml"
        path.write_bytes(PARAMETERS_TEXT.encode("utf-16"))
        with pytest.raises(DataFileError, match=r"county\.toml:1: UTF-16 text .*save it as UTF-8"):
            read_toml_file(path)

    def test_document_keeps_the_decoded_text(self, tmp_path):
        """read_toml_document gives the decoded text (for line lookups) beside the data."""
        path = tmp_path / "a.toml"
        path.write_bytes('name = "门源"\n'.encode("gb18030"))
        document = read_toml_document(path)
        assert (document.text, document.data) == ('name = "门源"\n', {"name": "门源"})

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("a = " + "[" * 2000 + "]" * 2000, "nested too deeply"),
            ("a = " + "1" * 5000, "not valid TOML: Exceeds the limit"),
            ("a = 1\nb = = 2\n", "a.toml:2: not valid TOML"),
            ("a = 'x\x07'\n", "a.toml:1: binary data"),
        ],
    )
    def test_malformed_toml_is_a_data_file_error(self, tmp_path, text, problem):
        """Deep nesting, a 5000-digit integer, bad syntax, control bytes: DataFileError."""
        path = tmp_path / "a.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError, match=re.escape(problem)):
            read_toml_file(path)

    def test_decode_text_reports_a_broken_utf8_file_where_it_breaks(self):
        """A UTF-8 file with one bad byte is reported at that byte, not decoded as GB18030."""
        data = "门源县\n社会保险\n".encode() + b"\xe9\x97\n"
        with pytest.raises(DataFileError, match=r"t\.toml:3: cannot decode: invalid UTF-8"):
            decode_text(data, "t.toml", expected="a TOML file")


@pytest.fixture
def toml_inputs(tmp_path: Path) -> dict[str, Path]:
    """One file of each TOML kind (UTF-8), and a small roster to go with the rules."""
    paths = {}
    for kind, text in TOML_KINDS.items():
        path = tmp_path / f"{kind}.toml"
        path.write_text(text, encoding="utf-8")
        paths[kind] = path
    paths["roster"] = tmp_path / "roster.csv"
    write_synthetic_roster(paths["roster"], 40, seed=1)
    return paths


#: The 13 command lines that read a TOML file, and which kind of file each reads.
CLI_CASES = {
    "report": ("dataset", lambda p: ("report", p["dataset"])),
    "audit": ("dataset", lambda p: ("audit", p["dataset"])),
    "convert": (
        "dataset",
        lambda p: ("convert", p["dataset"], "--to", "txt", "-o", p["dataset"].with_suffix(".txt")),
    ),
    "evaluate": ("dataset", lambda p: ("evaluate", p["dataset"], "--actuals", p["actuals"])),
    "plan-check": ("dataset", lambda p: ("plan-check", p["dataset"])),
    "scenario": ("dataset", lambda p: ("scenario", p["dataset"])),
    "solve": (
        "dataset",
        lambda p: ("solve", p["dataset"], "--vary", "poverty_household_proxy.per_capita"),
    ),
    "forecast": ("dataset", lambda p: ("forecast", p["dataset"])),
    "sensitivity": ("dataset", lambda p: ("sensitivity", p["dataset"])),
    "roster --report": ("dataset", lambda p: ("roster", p["roster"], "--report", p["dataset"])),
    "params --file": ("parameters", lambda p: ("params", "--file", p["parameters"])),
    "roster --rules": ("rules", lambda p: ("roster", p["roster"], "--rules", p["rules"])),
    "evaluate --actuals": ("actuals", lambda p: ("evaluate", "--actuals", p["actuals"])),
}


class TestTomlEncodingsOnTheCommandLine:
    @pytest.mark.parametrize("case", sorted(CLI_CASES))
    @pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
    def test_same_output_as_utf8(self, toml_inputs, capsys, case, encoding):
        """Each command gives the same exit code and output for GB18030 and BOM files."""
        kind, argv = CLI_CASES[case]
        expected = _run(capsys, *argv(toml_inputs))
        path = toml_inputs[kind]
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
        assert expected == _run(capsys, *argv(toml_inputs))
        assert "Traceback" not in expected[2]

    @pytest.mark.parametrize("case", sorted(CLI_CASES))
    def test_undecodable_exits_3_naming_the_file(self, toml_inputs, capsys, case):
        """Each command exits 3 for an undecodable file and names it, without a traceback."""
        kind, argv = CLI_CASES[case]
        path = toml_inputs[kind]
        path.write_bytes(_undecodable(path.read_text(encoding="utf-8")))
        code, out, err = _run(capsys, *argv(toml_inputs))
        _refused(code, err, f"{kind}.toml")
        assert out == ""


# -- 2. damaged xlsx disclosure tables ---------------------------------------------------------
SEED_XLSX = render_xlsx(load_bundled_disclosure())
SHEET = "xl/worksheets/sheet1.xml"


def _rezip(
    data: bytes,
    *,
    drop: tuple[str, ...] = (),
    replace: dict[str, bytes] | None = None,
) -> bytes:
    """The workbook ``data`` with parts dropped or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name not in drop:
                target.writestr(name, (replace or {}).get(name, source.read(name)))
    return out.getvalue()


def _sheet_xml(data: bytes = SEED_XLSX) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(SHEET)


def _with_formula(cell: str, cached: str | None = None) -> bytes:
    """The seed workbook with a formula in ``cell``, with or without a stored result."""
    workbook = openpyxl.load_workbook(io.BytesIO(SEED_XLSX))
    workbook.active[cell] = "=C5+0"
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if cached is None:
        return data
    sheet = _sheet_xml(data).replace(b"<f>C5+0</f><v></v>", b"<f>C5+0</f>")
    sheet = sheet.replace(b"<f>C5+0</f>", f"<f>C5+0</f><v>{cached}</v>".encode())
    return _rezip(data, replace={SHEET: sheet})


DAMAGED_XLSX = {
    "junk sheet XML": (
        lambda: _rezip(SEED_XLSX, replace={SHEET: _sheet_xml()[:500]}),
        r"sheet '绩效目标公开表': damaged sheet: cannot read row 1 \(ParseError",
    ),
    "missing sheet part": (
        lambda: _rezip(SEED_XLSX, drop=(SHEET,)),
        r"damaged workbook: the part xl/worksheets/sheet1\.xml of the sheet '绩效目标公开表' "
        r"is missing",
    ),
    "no sheets": (
        lambda: _rezip(
            SEED_XLSX,
            replace={
                "xl/workbook.xml": re.sub(
                    rb"<sheets>.*</sheets>",
                    b"<sheets/>",
                    zipfile.ZipFile(io.BytesIO(SEED_XLSX)).read("xl/workbook.xml"),
                )
            },
        ),
        r"a workbook without a worksheet",
    ),
    "formula without result": (
        lambda: _with_formula("C4"),
        r"t\.xlsx:4: sheet '绩效目标公开表', cell C4: the formula =C5\+0 has no stored result",
    ),
    "zip but not xlsx": (
        lambda: _rezip(SEED_XLSX, drop=("[Content_Types].xml",)),
        r"not a readable \.xlsx workbook: a zip archive without \[Content_Types\]\.xml",
    ),
    "truncated zip": (
        lambda: SEED_XLSX[: len(SEED_XLSX) // 2],
        r"not a readable \.xlsx workbook: not a zip archive",
    ),
    "encrypted": (
        lambda: (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + bytes(200)
            + "EncryptedPackage".encode("utf-16-le")
            + bytes(200)
        ),
        r"a password-protected \(encrypted\) workbook",
    ),
    ".xls renamed": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
        r"an Excel 97-2003 workbook \(\.xls\), not an \.xlsx",
    ),
}


class TestDamagedXlsx:
    @pytest.mark.parametrize("damage", sorted(DAMAGED_XLSX))
    def test_api_raises_data_file_error_naming_the_file(self, tmp_path, damage):
        """Each damage raises DataFileError naming the file (and sheet, row, cell if known)."""
        make, message = DAMAGED_XLSX[damage]
        path = tmp_path / "t.xlsx"
        path.write_bytes(make())
        with pytest.raises(DataFileError, match=message) as error:
            read_disclosure(path)
        assert str(path) == error.value.path

    @pytest.mark.parametrize("damage", sorted(DAMAGED_XLSX))
    @pytest.mark.parametrize("command", ["audit", "report", "plan-check"])
    def test_cli_exits_3(self, tmp_path, capsys, damage, command):
        """Each command exits 3 on a damaged workbook, one line naming it, no traceback."""
        make, message = DAMAGED_XLSX[damage]
        path = tmp_path / "t.xlsx"
        path.write_bytes(make())
        code, out, err = _run(capsys, command, path)
        _refused(code, err, str(path))
        assert re.search(message, err)
        assert out == ""

    def test_formula_names_the_unit_total_cell(self, tmp_path):
        """The unit's stated total as a formula without result: cell C4, line 4, not dropped."""
        path = tmp_path / "t.xlsx"
        path.write_bytes(_with_formula("C4"))
        with pytest.raises(DataFileError) as error:
            read_disclosure(path)
        assert (error.value.line, error.value.field) == (4, "sheet '绩效目标公开表', cell C4")

    def test_formula_with_stored_result_is_read(self, tmp_path):
        """A formula whose result Excel stored is read as that result (190.04 万元)."""
        path = tmp_path / "t.xlsx"
        path.write_bytes(_with_formula("C4", cached="190.04"))
        unit = read_disclosure(path).budget.units[1]
        assert ("501003", Yuan("1900400.00")) == (unit.code, unit.stated_total)

    def test_rows_beyond_a_too_small_dimension_are_read(self, tmp_path):
        """A <dimension> claiming A1:A1 cuts off no rows or columns."""
        sheet = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A1"/>', _sheet_xml())
        path = tmp_path / "t.xlsx"
        path.write_bytes(_rezip(SEED_XLSX, replace={SHEET: sheet}))
        expected = read_disclosure(SEED_PATH, key="t")
        assert expected.budget.projects == read_disclosure(path, key="t").budget.projects


# -- 3 and 5. goal prose that does not fit -----------------------------------------------------
def _table(goal: str) -> str:
    """The seed with its county fund's goal replaced by ``goal``."""
    start = SEED_TEXT.index("<p>目标一：2022年全年确保完成")
    end = SEED_TEXT.index("</p>", start) + len("</p>")
    return SEED_TEXT[:start] + f"<p>{goal}</p>" + SEED_TEXT[end:]


class TestGoalProse:
    def test_amount_finer_than_fen_is_a_note(self):
        """财政代缴1.005元 is no amount: a note with its words, the component not read."""
        reading = read_goal_prose(["重度残疾人10人，财政代缴1.005元"])
        assert reading.components == ()
        assert (reading.prose.notes[-1].clause, reading.prose.notes[-1].message_en) == (
            "财政代缴1.005元",
            "the amount '1.005元' is not in whole 分 (0.01 元); not read as an amount",
        )

    def test_fractional_villages_is_a_note_with_its_sentence(self):
        """全县1.5个行政村 is no village count: a note quoting its sentence, no allowance."""
        sentence = "全县1.5个行政村，每个村一个协办员发放600元补贴"
        reading = read_goal_prose([sentence])
        assert reading.components == ()
        assert reading.prose.quantities == ()
        note = reading.prose.notes[0]
        assert (0, sentence) == (note.goal, note.clause)
        assert "'1.5个行政村' is no village count" in note.message_en

    def test_trailing_zeros_are_no_extra_precision(self):
        """财政代缴0.0010000万元 is a valid 10 元, its rounding step the finest there is, 分."""
        reading = read_goal_prose(["重度残疾人10人，财政代缴0.0010000万元"])
        assert [("severe_disability_proxy", 10, Yuan(10))] == [
            (c.key, c.headcount, c.amount) for c in reading.components
        ]
        source = reading.prose.components[0]
        assert ("0.0010000万元", Yuan("0.01")) == (source.amount_text, source.precision)
        assert reading.prose.notes == ()

    @pytest.mark.parametrize(
        ("goal", "message"),
        [
            ("重度残疾人1.5人，财政代缴1万元", "'1.5人' is no headcount"),
            (
                "重度残疾人" + "9" * 30 + "人，财政代缴1万元",
                "is no headcount (a whole number up to",
            ),
            ("全县10个行政村，每村0个协办员，补贴600元", "per_village: expected ≥ 1, got 0"),
            (
                "全县999999999999999个行政村，每村1个协办员，补贴600元",
                "cannot be computed: multiply",
            ),
            ("全县10个行政村，每村1个协办员，补贴600.005元", "'600.005元' is not in whole 分"),
        ],
    )
    def test_figures_that_cannot_be_read_are_notes(self, goal, message):
        """Fractional or huge headcounts, 0 coordinators a village: a note, never an error."""
        reading = read_goal_prose([goal])
        assert reading.components == ()
        assert any(message in note.message_en for note in reading.prose.notes)

    @pytest.mark.parametrize(
        ("goal", "words"),
        [
            ("财政代缴1.005元，重度残疾人10人", "1.005元"),
            ("全县1.5个行政村，每村一个协办员600元", "1.5个行政村"),
        ],
    )
    def test_table_reads_and_audit_reports(self, goal, words):
        """In a table such a goal reads; the audit reports it as prose.unrecognised."""
        disclosure = parse_disclosure(_table(goal), name="t.txt")
        notes = [f for f in audit(disclosure) if f.code == "prose.unrecognised"]
        assert any(words in finding.message_zh for finding in notes)

    def test_cli_audit_reports_without_traceback(self, tmp_path, capsys):
        """audit on such a table exits 1 (the seed has errors), the note in its output."""
        path = tmp_path / "t.txt"
        path.write_text(_table("重度残疾人10人，财政代缴1.005元"), encoding="utf-8")
        code, out, err = _run(capsys, "audit", path, "--locale", "en")
        assert (code, err) == (1, "")
        assert "the amount '1.005元' is not in whole 分" in out

    def test_ten_digit_indicator_number_names_the_cell(self):
        """A 'number' of ten digits before an indicator is no indicator: the cell is named."""
        text = variant(("<p>1.工作运转人数 50人</p>", "<p>1234567890.工作运转人数 50人</p>"))
        with pytest.raises(DataFileError, match=r"t\.txt:\d+: column 5 \(绩效指标\): indicator "):
            parse_disclosure(text, name="t.txt")


# -- 4. asserts are not input validation -------------------------------------------------------
WORD_COST = DATASET_TEXT.replace(
    'comparator = "≤", target = "6", unit = "万元"', 'target = "健全", unit = "万元"', 1
)


class TestWordTargets:
    def test_plan_check_leaves_a_word_cost_target_out(self, tmp_path):
        """plan-check on target = "健全", unit = "万元" compares the others, not that one."""
        path = tmp_path / "word.toml"
        path.write_text(WORD_COST, encoding="utf-8")
        findings = plan_check(load_budget_file(path))
        assert "社保政策宣传成本" not in [finding.indicator for finding in findings]
        assert len(findings) == 7

    def test_plan_check_cli(self, tmp_path, capsys):
        """The command runs: exit 0 (the seed's targets are met), no traceback."""
        path = tmp_path / "word.toml"
        path.write_text(WORD_COST, encoding="utf-8")
        code, out, err = _run(capsys, "plan-check", path)
        assert (code, err) == (0, "")
        assert "社保政策宣传成本" not in out

    def test_audit_reports_the_word_in_wan(self, tmp_path):
        """The audit reports the word target with a money unit as indicator.word_with_unit."""
        path = tmp_path / "word.toml"
        path.write_text(WORD_COST, encoding="utf-8")
        found = [f for f in audit(load_budget_file(path)) if f.code.startswith("indicator.")]
        assert [(finding.code, finding.values) for finding in found] == [
            ("indicator.word_with_unit", {"target": "健全", "unit": "万元"})
        ]

    @pytest.mark.parametrize(
        ("target", "unit", "code"),
        [
            (Decimal("50.5"), "人", "indicator.fractional_count"),
            (Decimal("0.0000001"), "万元", "indicator.amount_not_fen"),
            ("有效", "%", "indicator.word_with_unit"),
        ],
    )
    def test_targets_their_unit_cannot_hold(self, target, unit, code):
        """1.5 persons, an amount finer than 分, a word in % are each reported once."""
        budget = load_dataset()
        project = budget.projects[0]
        odd = Indicator(
            level1=Level1.OUTPUT,
            level2=Level2.COST,
            name="工作运转人数",
            comparator=None,
            target=target,
            unit=unit,
        )
        changed = budget.replace_project(
            attrs.evolve(project, indicators=(*project.indicators, odd))
        )
        assert [code] == [f.code for f in audit(changed) if f.code.startswith("indicator.")]

    def test_in_target_unit_refuses_a_word(self):
        """in_target_unit given a word raises ActualValueError naming the indicator."""
        cost = Indicator(
            level1=Level1.OUTPUT,
            level2=Level2.COST,
            name="宣传成本",
            comparator=None,
            target=Decimal("6"),
            unit="万元",
        )
        with pytest.raises(ActualValueError, match=r"indicator '宣传成本': expected a number"):
            in_target_unit(Measured("健全"), cost, "p")

    def test_measured_is_bounded(self):
        """An actual beyond 10^15 is refused when made, not when scored."""
        with pytest.raises(ActualValueError, match=r"Measured\.value: too large"):
            Measured(Decimal("1e999999"))

    @pytest.mark.parametrize("places", [Decimal("NaN"), Decimal("1E+2")])
    def test_format_wan_refuses_a_places_that_is_no_step(self, places):
        """format_wan with NaN or 1E+2 as places raises InvalidAmountError naming places."""
        with pytest.raises(InvalidAmountError, match=r"^places: expected a step"):
            format_wan(Yuan(1), places=places)


# -- file names the system cannot look up ------------------------------------------------------
class TestUnopenableNames:
    @pytest.mark.parametrize("command", ["report", "audit", "plan-check"])
    def test_name_too_long_exits_3(self, capsys, command):
        """A SOURCE name longer than the system allows exits 3 'cannot open', no traceback."""
        code, out, err = _run(capsys, command, "a" * 300 + ".toml")
        _refused(code, err, "a" * 100)
        assert (out, "cannot open: File name too long" in err) == ("", True)

    @pytest.mark.parametrize("reader", [read_disclosure, read_toml_file, load_budget_file])
    def test_nul_in_the_name(self, reader):
        """A NUL byte in a file name is a DataFileError naming it, not a ValueError."""
        with pytest.raises(DataFileError, match=r"'a\\x00b\.txt': cannot open: embedded null byte"):
            reader("a\x00b.txt")
