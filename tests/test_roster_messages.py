"""The roster's errors by message code (issue 10): English as before, Chinese without English.

Each error of the roster (its rules file, the header, the file's kind and text, a workbook,
rows in memory, several files on Dask, the command's options) names a code of
``data/messages/<language>/roster.toml``: ``str(error)`` is the English it always was, and
``error_text(error, "zh_CN")`` says it in Chinese with only codes, names the user typed and
values shown as they came. The command line says them under ``--locale zh_CN`` on one line
(exit 3, or 2 for usage), without a traceback. Rows in memory given to ``tally_roster`` are
refused with a library error pointing to ``tally_rows``.
"""

from __future__ import annotations

import csv
import datetime
import errno
import os
import pickle
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pytest

from pension_subsidy.cli import main
from pension_subsidy.exceptions import (
    DataFileError,
    FloatAmountError,
    InvalidAmountError,
    InvalidHeadcountError,
    PensionSubsidyError,
    message_catalogue,
)
from pension_subsidy.money import Yuan
from pension_subsidy.output.errors import FALLBACK_LEAD, error_text
from pension_subsidy.roster import FIELDS, RosterRules, default_roster_rules, tally_roster
from pension_subsidy.roster.distributed import roster_paths
from pension_subsidy.roster.distributed_parts import Failure
from pension_subsidy.roster.frame_source import cell_text, tally_rows
from pension_subsidy.roster.read import resolve_columns, resolve_optional_columns
from pension_subsidy.roster.rules import load_roster_rules, rules_from_mapping
from pension_subsidy.roster.synth import write_synthetic_roster

#: ASCII words a Chinese roster message may hold besides what the user typed: the program,
#: file kinds, codes and the Python names an API user types.
ALLOWED = {
    "pension",
    "subsidy",
    "pip",
    "install",
    "CSV",
    "xlsx",
    "xls",
    "zip",
    "openpyxl",
    "excel",
    "Decimal",
    "true",
    "false",
    "pandas",
}

ROW = ["P1", "东川镇", "甲村", "1950-03-01", "0", "", "severe", "0", "0", "0", "1"]


def _english_words(text: str, *typed: str) -> set[str]:
    """The ASCII words of ``text`` that are neither typed nor allowed."""
    allowed = set(ALLOWED)
    for given in typed:
        allowed |= set(re.findall(r"[A-Za-z]+", given))
    return set(re.findall(r"[A-Za-z]{2,}", text)) - allowed


def _raised(action: object, *args: object, **options: object) -> PensionSubsidyError:
    with pytest.raises(PensionSubsidyError) as caught:
        action(*args, **options)  # type: ignore[operator]
    assert caught.value.code is not None, str(caught.value)
    return caught.value


def _write(path: Path, rows: Iterable[list[str]], header: list[str] | None = None) -> Path:
    lines = [",".join(header or FIELDS), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class TestCatalogue:
    """The roster's part of the catalogue: its own prefix, both languages alike."""

    def test_every_code_begins_with_roster(self) -> None:
        """A code of the roster's part is a roster.* code, and there are such codes."""
        codes = [code for code in message_catalogue("en") if code.startswith("roster.")]
        assert len(codes) > 80
        assert {code for code in message_catalogue("zh") if code.startswith("roster.")} == set(
            codes
        )


class TestRulesMessages:
    """The rules: a value checked, a file read."""

    def test_a_proxy_order_without_a_category(self) -> None:
        """A category paid but absent from identity_order, in both languages."""
        error = _raised(
            RosterRules,
            grade_subsidies=[(Yuan(100), Yuan(15))],
            proxies=[("low_income", Yuan(50))],
            identity_order=["extreme_poverty"],
        )
        assert isinstance(error, InvalidAmountError)
        assert str(error) == (
            "RosterRules.identity_order: expected every configured proxy category (or to list "
            "it in separate), 'low_income' is missing from ['extreme_poverty']"
        )
        assert error_text(error, "zh_CN") == (
            "RosterRules.identity_order: 应包含每个已配置的代缴类别（或将其列入 separate），"
            "['extreme_poverty'] 中缺少 'low_income'"
        )

    def test_a_grade_listed_twice(self) -> None:
        error = _raised(RosterRules, grade_subsidies=[(Yuan(100), Yuan(15)), (Yuan(100), Yuan(20))])
        assert (
            str(error) == "RosterRules.grade_subsidies: each grade once, got ['100.00', '100.00']"
        )
        assert error_text(error, "zh_CN") == (
            "RosterRules.grade_subsidies: 每个缴费档次只能列一次，实为 ['100.00', '100.00']"
        )

    def test_an_unknown_section_of_a_rules_file(self, tmp_path: Path) -> None:
        path = tmp_path / "rules.toml"
        path.write_text('[contribution_subsidy.by_grade]\n"100" = "15"\n[bonus]\nx = 1\n')
        error = _raised(load_roster_rules, path)
        assert str(error) == (
            f"{path}: bonus: unknown section [bonus]; expected contribution_subsidy, "
            "land_loss_pension, proxy, village_cadre_subsidy (and the key as_of)"
        )
        said = error_text(error, "zh_CN")
        assert said == (
            f"{path}: bonus: 未知的节 [bonus]；应为 contribution_subsidy, land_loss_pension, "
            "proxy, village_cadre_subsidy（以及键 as_of）"
        )

    def test_a_share_above_the_grade(self) -> None:
        data = {"contribution_subsidy": {"by_grade": {"300": "120%"}}}
        error = _raised(rules_from_mapping, data, path="r.toml")
        assert str(error) == (
            'r.toml: contribution_subsidy.by_grade.300: expected a share of the grade from "0%" '
            'to "100%", such as "10%", got \'120%\''
        )
        assert error_text(error, "zh_CN") == (
            'r.toml: contribution_subsidy.by_grade.300: 应为占该档次的比例，从 "0%" 到 "100%"，'
            "如 \"10%\"，实为 '120%'"
        )

    def test_a_rules_value_error_keeps_its_code_in_the_file(self) -> None:
        """An error of RosterRules, raised reading a file, names the file's key and its code."""
        data = {
            "contribution_subsidy": {"by_grade": {"100": "15"}},
            "proxy": {"low_income": "50", "precedence": ["low_income", "poverty_household"]},
        }
        error = _raised(rules_from_mapping, data, path="r.toml")
        assert isinstance(error, DataFileError)
        assert error.code == "roster.rules.precedence"
        assert error_text(error, "zh_CN").startswith(
            "r.toml: proxy.precedence: RosterRules.precedence: 应列出每个已配置的代缴类别各一次"
        )

    def test_a_bad_as_of(self) -> None:
        moment = datetime.datetime(2022, 1, 1)
        error = _raised(RosterRules, grade_subsidies=[], as_of=moment)
        assert str(error) == (
            "RosterRules.as_of: expected a date (datetime.date), "
            "got datetime.datetime(2022, 1, 1, 0, 0)"
        )
        assert "应为日期（datetime.date）" in error_text(error, "zh_CN")


class TestHeaderMessages:
    """The header: a column missing, twice, or named by two headers."""

    def test_no_column(self) -> None:
        header = [name for name in FIELDS if name != "grade"]
        error = _raised(resolve_columns, header, path="r.csv")
        english = str(error)
        assert english.startswith(
            "r.csv:1: grade: header: no column 'grade' or '缴费档次' for grade; the header has "
            "['person_id', 'township',"
        )
        said = error_text(error, "zh_CN")
        assert said.startswith(
            "r.csv:1: grade: 表头：没有 grade 的列 'grade' 或 '缴费档次'；表头为 ['person_id', "
        )
        assert _english_words(said, "r.csv", *FIELDS) == set()

    def test_a_long_header_is_cut_short(self) -> None:
        header = [f"c{n}" for n in range(30)]
        said = error_text(_raised(resolve_columns, header), "zh_CN")
        assert said.endswith("'c15', …（共 30 列）]")

    def test_three_headers_of_one_field(self) -> None:
        header = [*FIELDS, "低保对象", "低保", "low_income"]
        error = _raised(resolve_optional_columns, header, path="r.csv")
        assert str(error) == (
            "r.csv:1: low_income: header: both 'low_income' and '低保对象' and '低保' are "
            "present; keep one"
        )
        assert error_text(error, "zh_CN") == (
            "r.csv:1: low_income: 表头：'low_income' 和 '低保对象' 和 '低保' 同时存在；只保留一个"
        )

    def test_an_unknown_mapped_field(self) -> None:
        error = _raised(resolve_columns, FIELDS, {"persons": "x"})
        assert str(error).startswith("<input>:1: column mapping: unknown field 'persons'; the ")
        said = error_text(error, "zh_CN")
        assert said.startswith("<输入>:1: 列映射：未知的字段 'persons'；字段有 person_id, ")
        assert FALLBACK_LEAD not in said


class TestFileMessages:
    """A roster file of the wrong kind, or not text."""

    def test_a_folder(self, tmp_path: Path) -> None:
        error = _raised(tally_roster, tmp_path)
        assert str(error) == f"{tmp_path}: a folder, not a roster file"
        assert error_text(error, "zh_CN") == f"{tmp_path}: 这是文件夹，不是名册文件"

    def test_a_zip_named_csv(self, tmp_path: Path) -> None:
        path = tmp_path / "r.csv"
        path.write_bytes(b"PK\x03\x04rest")
        error = _raised(tally_roster, path)
        assert str(error).endswith(
            "a zip archive (an .xlsx workbook?), not CSV text; name a workbook .xlsx"
        )
        assert error_text(error, "zh_CN").endswith("不是 CSV 文本；工作簿的文件名应以 .xlsx 结尾")

    def test_not_in_the_encoding(self, tmp_path: Path) -> None:
        path = tmp_path / "r.csv"
        path.write_bytes(",".join(FIELDS).encode() + b"\n" + "人".encode("gb18030") + b"\n")
        error = _raised(tally_roster, path, encoding="utf-8", engine="pure")
        assert str(error) == (
            f"{path}:2: not utf-8 text (invalid continuation byte); give the encoding explicitly"
        )
        assert error_text(error, "zh_CN") == (
            f"{path}:2: 不是 utf-8 编码的文本（invalid continuation byte）；请明确给出编码"
        )

    def test_a_field_beyond_the_limit(self, tmp_path: Path) -> None:
        """A quote never closed makes a field larger than csv's limit (lowered here)."""
        path = tmp_path / "r.csv"
        path.write_text('person_id,"' + "x" * 300 + "\n", encoding="utf-8")
        limit = csv.field_size_limit(100)
        try:
            error = _raised(tally_roster, path)
        finally:
            csv.field_size_limit(limit)
        assert str(error) == (
            f'{path}:1: a field of more than 100 characters: a quote (") opening a field and '
            "never closed swallows the lines after it"
        )
        assert error_text(error, "zh_CN") == (
            f'{path}:1: 有单元格超过 100 个字符：某个单元格以引号（"）开头却没有闭合，'
            "吞掉了其后的各行"
        )

    def test_rows_in_memory_point_to_tally_rows(self) -> None:
        """A DataFrame (or a list) given as the path: a library error naming tally_rows."""
        pandas = pytest.importorskip("pandas")
        frame = pandas.DataFrame([ROW], columns=list(FIELDS))
        error = _raised(tally_roster, frame)
        assert isinstance(error, DataFileError)
        assert "tally_rows(rows)" in str(error)
        assert str(error) == (
            "<input>: path: expected the path of a roster file (str or os.PathLike), got "
            "DataFrame; tally rows in memory (a DataFrame, say) with tally_rows(rows)"
        )
        assert error_text(error, "zh_CN") == (
            "<输入>: path: 应为名册文件的路径（str 或 os.PathLike），实为 DataFrame；"
            "内存中的行数据（如 DataFrame）请用 tally_rows(rows) 统计"
        )
        assert tally_rows(frame).accepted == 1  # what the message points to works

    def test_a_list_of_rows_is_refused_too(self) -> None:
        error = _raised(tally_roster, [dict(zip(FIELDS, ROW, strict=True))])
        assert "实为 数组" in error_text(error, "zh_CN")


class TestWorkbookMessages:
    """An .xlsx roster's cell said with its sheet and cell in each language."""

    def test_a_formula_without_its_result(self, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "名册"
        sheet.append(list(FIELDS))
        sheet.append([*ROW[:4], "=1-1", *ROW[5:]])
        path = tmp_path / "r.xlsx"
        book.save(path)
        error = _raised(tally_roster, path)
        assert str(error) == (
            f"{path}:2: sheet '名册', cell E2: a formula with no saved result (the workbook was "
            "never calculated); open and save it in a spreadsheet, or export CSV"
        )
        said = error_text(error, "zh_CN")
        assert said.startswith(f"{path}:2: 工作表 '名册'，单元格 E2: 公式没有保存计算结果")
        assert _english_words(said, str(path), "E2") == set()


class TestRowsAndOtherMessages:
    """Rows in memory, several files, a synthetic roster."""

    def test_a_float_cell(self) -> None:
        error = _raised(cell_text, 0.5, line=3, column="grade")
        assert isinstance(error, FloatAmountError)
        assert error_text(error, "zh_CN") == (
            "第 3 行，列 'grade': 二进制浮点数（0.5）只有是整数时才接受；"
            "请以文本或 Decimal 给出该值"
        )

    def test_an_unknown_cell_type(self) -> None:
        error = _raised(cell_text, b"x", column="grade")
        assert str(error) == (
            "<rows>: grade: column 'grade': expected text, a whole number, a Decimal, a bool, "
            "a date or nothing; got bytes b'x'"
        )
        assert error_text(error, "zh_CN") == (
            "<rows>: grade: 列 'grade': 应为文本、整数、Decimal、布尔值、日期或空值；实为bytes b'x'"
        )

    def test_rows_with_other_keys(self) -> None:
        rows = [dict(zip(FIELDS, ROW, strict=True)), {"person_id": "P2", "x": 1}]
        error = _raised(tally_rows, rows)
        said = error_text(error, "zh_CN")
        assert said.startswith("<rows>:3: 第 3 行：该行的键与第一行不同；缺少 'birth_date'")
        assert said.endswith("；第一行中没有 'x'")

    def test_a_glob_without_matches(self, tmp_path: Path) -> None:
        pattern = str(tmp_path / "none*.csv")
        error = _raised(roster_paths, [pattern])
        assert error_text(error, "zh_CN") == f"{pattern}: 没有文件与此模式匹配"

    def test_a_synthetic_roster_of_minus_one(self, tmp_path: Path) -> None:
        error = _raised(write_synthetic_roster, tmp_path / "r.csv", -1, seed=1)
        assert isinstance(error, InvalidHeadcountError)
        assert str(error) == "count: expected a number of rows from 0 to 1,000,000,000, got -1"
        assert error_text(error, "zh_CN") == "count: 应为 0 到 1,000,000,000 之间的行数，实为 -1"

    def test_jobs_of_zero(self, tmp_path: Path) -> None:
        path = _write(tmp_path / "r.csv", [ROW])
        error = _raised(tally_roster, path, jobs=0)
        assert error_text(error, "zh_CN") == "jobs: 应为 ≥ 1 的整数个进程，实为 0"

    def test_a_share_that_is_no_decimal(self) -> None:
        error = _raised(RosterRules, grade_subsidies=[], grade_shares=[(Yuan(300), 0.1)])
        assert error_text(error, "zh_CN") == (
            "RosterRules.grade_shares: 应为 Decimal 形式的比例，如 0.10，实为 0.1"
        )
        assert Decimal("0.10")  # the kind of share asked for


# -- the command line ------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


class TestCommandLine:
    """``roster … --locale zh_CN``: one Chinese line, exit 3 (2 for usage), no traceback."""

    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    def test_a_missing_roster(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, locale: str
    ) -> None:
        path = tmp_path / "missing.csv"
        code, err = _run(capsys, "roster", str(path), "--locale", locale)
        expected = {
            "zh_CN": f"pension-subsidy: 错误：{path}: 文件不存在\n",
            "en": f"pension-subsidy: error: {path}: no such file\n",
        }
        assert (code, err) == (3, expected[locale])

    def test_a_header_alone(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = _write(tmp_path / "r.csv", [])
        code, err = _run(capsys, "roster", str(path), "--locale", "zh_CN")
        assert (code, err) == (3, f"pension-subsidy: 错误：{path}: 表头之下没有任何行\n")

    def test_a_bad_rules_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        roster = _write(tmp_path / "r.csv", [ROW])
        rules = tmp_path / "rules.toml"
        rules.write_text('[contribution_subsidy.by_grade]\n"100" = 15.5\n')
        code, err = _run(capsys, "roster", str(roster), "--rules", str(rules), "--locale", "zh_CN")
        assert code == 3
        assert err == (
            f"pension-subsidy: 错误：{rules}: contribution_subsidy.by_grade.100: "
            '应为以字符串写的金额（元），如 "17.5"，实为 15.5\n'
        )
        assert "Traceback" not in err
        assert _english_words(err, str(rules), "contribution_subsidy.by_grade") == set()

    def test_bad_columns(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        roster = _write(tmp_path / "r.csv", [ROW])
        code, err = _run(capsys, "roster", str(roster), "--columns", "grade", "--locale", "zh_CN")
        assert (code, err) == (
            3,
            "pension-subsidy: 错误：<输入>: --columns: "
            "应为以逗号分隔的 FIELD=HEADER 对，实为 'grade'\n",
        )

    def test_output_and_rejects_the_same(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        roster = _write(tmp_path / "r.csv", [ROW])
        out = str(tmp_path / "o.csv")
        argv = ["roster", str(roster), "-o", out, "--rejects", out, "--locale", "zh_CN"]
        code, err = _run(capsys, *argv)
        assert (code, err) == (3, f"pension-subsidy: 错误：{out}: -o 和 --rejects 指向同一个文件\n")

    def test_several_files_without_dask(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        first = _write(tmp_path / "a.csv", [ROW])
        second = _write(tmp_path / "b.csv", [ROW])
        code, err = _run(capsys, "roster", str(first), str(second), "--locale", "zh_CN")
        assert code == 2
        assert err == (
            "pension-subsidy: 错误：多个名册文件（2 个）只有在 Dask 上才作为一个名册："
            "请加上 --dask local（或 --dask tcp://host:8786），或只给一个文件\n"
        )

    def test_a_rejected_option_value_keeps_argparse_english(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A value argparse refuses (exit 2) is said as before, from its code."""
        roster = _write(tmp_path / "r.csv", [ROW])
        code, err = _run(capsys, "roster", str(roster), "--jobs", "0")
        assert code == 2
        assert err.endswith(
            "error: argument --jobs: expected a whole number of processes ≥ 1, got '0'\n"
        )
        code, err = _run(capsys, "roster", str(roster), "--as-of", "2022-13-01")
        assert err.endswith(
            "error: argument --as-of: expected a date such as 2022-12-31 (YYYY-MM-DD), "
            "got '2022-13-01'\n"
        )

    def test_a_synthetic_roster_that_cannot_be_written(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        target = tmp_path / "no" / "r.csv"
        code, err = _run(capsys, "synth-roster", "3", "-o", str(target))
        assert code == 3
        assert "Traceback" not in err


class TestWorkerFailure:
    """An error on a Dask worker travels as plain data and is said from its code."""

    def test_a_coded_error_keeps_its_code_through_pickle(self, tmp_path: Path) -> None:
        (tmp_path / "r.csv").write_text("", encoding="utf-8")
        with pytest.raises(DataFileError) as caught:
            tally_roster(tmp_path / "r.csv", default_roster_rules())
        failure = pickle.loads(pickle.dumps(Failure.of(caught.value, str(tmp_path / "r.csv"))))
        error = failure.error()
        assert (error.code, str(error)) == (caught.value.code, str(caught.value))
        assert error_text(error, "zh_CN") == error_text(caught.value, "zh_CN")
        assert FALLBACK_LEAD not in error_text(error, "zh_CN")

    def test_an_unreadable_file_on_a_worker(self) -> None:
        reason = OSError(errno.ENOENT, os.strerror(errno.ENOENT))
        error = Failure.of(reason, "/shared/r.csv").error()
        assert str(error) == (
            "/shared/r.csv: cannot read on a Dask worker (No such file or directory): every "
            "worker must see the roster at this path"
        )
        chinese = error_text(error, "zh_CN")
        assert chinese.startswith("/shared/r.csv: 分布式工作进程无法读取（")
        assert "every" not in chinese
