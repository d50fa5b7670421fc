"""The forms readers' messages: coded, the same English as before, said in Chinese.

* The catalogue part ``forms.toml``: its codes begin with ``forms.``, the same in en and zh.
* Every raise site of the readers (xlsx, docx, PDF, text, the kind of a file, an unknown
  form, an amount without a number): its English text as before, its Chinese rendering.
* The command line: ``pension-subsidy read FILE --locale zh_CN`` on a damaged workbook,
  Word file or PDF exits 3 with one Chinese line, no traceback and no English word other
  than the file's name, file kinds and program names.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from pension_subsidy.cli import main
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidNumberError,
    MissingDependencyError,
    PensionSubsidyError,
    Phrase,
)
from pension_subsidy.forms import pdf_grid
from pension_subsidy.forms.detect import SUPPORTED, describe, detect
from pension_subsidy.forms.docx_grid import read_docx
from pension_subsidy.forms.model import StatedAmount
from pension_subsidy.forms.pdf_grid import read_pdf
from pension_subsidy.forms.sources import source_from_bytes
from pension_subsidy.forms.text_grid import read_text
from pension_subsidy.forms.xlsx_grid import read_xlsx
from pension_subsidy.output.errors import error_text, phrase_text
from tests.forms_fixtures import self_evaluation_spec, write_docx, write_pdf, write_xlsx

MESSAGES = Path(__file__).resolve().parents[1] / "src" / "pension_subsidy" / "data" / "messages"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 100
SUFFIXES = ".xlsx, .docx, .html, .htm, .pdf, .txt, .tsv, .csv, .text"
CHINESE_SUPPORTED = (
    "支持的有：绩效目标公开表（单位编码、单位及项目名称、金额、绩效目标、绩效指标）；"
    "绩效目标表（项目名称 … 一级指标、二级指标、三级指标、指标值；或每行一个指标：单位名称、"
    "项目名称、预算数、年度目标、一级指标 … 权重）；绩效自评表（年初预算数、全年预算数、"
    "全年执行数 … 实际完成值、得分；或河北的预算安排、资金到位、资金执行）；"
    "含预算数字的绩效自评报告或绩效评价报告（文字）"
)


def _codes(table: dict[str, object], prefix: str = "") -> set[str]:
    codes: set[str] = set()
    for key, value in table.items():
        if isinstance(value, dict):
            codes |= _codes(value, f"{prefix}{key}.")
        else:
            codes.add(prefix + key)
    return codes


def _part(language: str) -> set[str]:
    text = (MESSAGES / language / "forms.toml").read_text(encoding="utf-8")
    return _codes(tomllib.loads(text))


def _zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _formula_book() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表1"
    sheet["B3"] = "=1+1"  # openpyxl stores no result: Excel never computed it
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _said(error: PensionSubsidyError) -> tuple[str | None, str, str]:
    return error.code, str(error), error_text(error, "zh_CN")


class TestCataloguePart:
    """forms.toml holds the package's codes, each in both languages."""

    def test_codes_are_prefixed_and_the_same_in_both_languages(self) -> None:
        english, chinese = _part("en"), _part("zh")
        assert english == chinese
        assert {code.split(".")[0] for code in english} == {"forms"}
        assert len(english) == 21

    def test_the_supported_phrase_is_the_constant(self) -> None:
        """SUPPORTED (public, English) and the phrase said in messages are one text."""
        assert str(Phrase("forms.supported")) == SUPPORTED
        assert phrase_text(Phrase("forms.supported"), "zh_CN") == CHINESE_SUPPORTED


class TestKindOfFile:
    """A file that is no form file at all: empty, another zip, an old Office file, an image."""

    def test_empty(self) -> None:
        with pytest.raises(DataFileError) as caught:
            source_from_bytes(b"  \n", "e.txt")
        assert _said(caught.value) == (
            "file.empty",
            "e.txt: empty file: expected a form",
            "e.txt: 空文件：应为绩效表单",
        )

    def test_empty_text(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_text(" \n\n", "e.txt")
        assert error_text(caught.value, "zh_CN") == "e.txt: 空文件：应为绩效表单"

    def test_another_zip(self) -> None:
        with pytest.raises(DataFileError) as caught:
            source_from_bytes(_zipped({"a/b.txt": "x"}), "a.zip")
        assert _said(caught.value) == (
            "forms.source.other_zip",
            "a.zip: a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file; "
            f"supported: {SUFFIXES}",
            "a.zip: 是 zip 压缩包，但既不是 Word (.docx) 也不是 Excel (.xlsx) 文件；"
            f"支持的有：{SUFFIXES}",
        )

    def test_old_office_file(self) -> None:
        with pytest.raises(DataFileError) as caught:
            source_from_bytes(OLE, "a.doc")
        assert _said(caught.value) == (
            "forms.source.old_office",
            "a.doc: an old binary Office file (.doc or .xls) or a password-protected one: open "
            "it in Word, Excel or WPS and save it as .docx or .xlsx without a password",
            "a.doc: 旧版二进制 Office 文件（.doc 或 .xls）或设有密码的文件：请在 Word、Excel "
            "或 WPS 中打开，另存为没有密码的 .docx 或 .xlsx",
        )

    @pytest.mark.parametrize(
        ("head", "name"),
        [(b"\x89PNG\r\n", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"GIF89a", "GIF")],
    )
    def test_image(self, head: bytes, name: str) -> None:
        with pytest.raises(DataFileError) as caught:
            source_from_bytes(head + b"\x00" * 20, "scan.png")
        assert _said(caught.value) == (
            "forms.source.image",
            f"scan.png: a {name} image, not a form with text: a scanned form needs OCR, which "
            f"is not supported; supported: {SUFFIXES}",
            f"scan.png: {name} 图片，不是含文字的表单：扫描的表单需要文字识别，本程序不支持；"
            f"支持的有：{SUFFIXES}",
        )


class TestWorkbook:
    """A damaged .xlsx, an old .xls, a formula without its result."""

    def test_old_or_encrypted(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_xlsx(OLE, "a.xlsx")
        assert _said(caught.value) == (
            "forms.xlsx.old_or_encrypted",
            "a.xlsx: an Excel 97-2003 workbook (.xls) or a password-protected one, not an "
            ".xlsx: open it in Excel or WPS and save it as .xlsx without a password",
            "a.xlsx: Excel 97-2003 工作簿（.xls）或设有密码的工作簿，不是 .xlsx：请在 Excel 或 "
            "WPS 中打开，另存为没有密码的 .xlsx",
        )

    def test_not_a_zip(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_xlsx(b"junk", "a.xlsx")
        assert _said(caught.value) == (
            "forms.xlsx.not_zip",
            "a.xlsx: not a readable .xlsx workbook: not a zip archive (an .xlsx is one)",
            "a.xlsx: 不是可读的 .xlsx 工作簿：不是 zip 压缩包（.xlsx 是压缩包）",
        )

    def test_a_zip_without_a_workbook(self) -> None:
        """openpyxl's own reason is kept as it came, inside the Chinese sentence."""
        with pytest.raises(DataFileError) as caught:
            read_xlsx(_zipped({"a": "x"}), "a.xlsx")
        reason = "KeyError: \"There is no item named '[Content_Types].xml' in the archive\""
        assert _said(caught.value) == (
            "xlsx.unreadable",
            f"a.xlsx: not a readable .xlsx workbook ({reason})",
            f"a.xlsx: 不是可读的 .xlsx 工作簿（{reason}）",
        )

    def test_formula_without_result(self) -> None:
        """The cell is named in each language; its field stays the English text."""
        with pytest.raises(DataFileError) as caught:
            read_xlsx(_formula_book(), "a.xlsx")
        assert caught.value.field == "sheet '表1', cell B3"
        assert _said(caught.value) == (
            "xlsx.formula_without_result",
            "a.xlsx:3: sheet '表1', cell B3: the formula =1+1 has no stored result: open the "
            "workbook in Excel or WPS and save it, so that its results are stored",
            "a.xlsx:3: 工作表 '表1'，单元格 B3: 公式 =1+1 没有保存计算结果：请在 Excel 或 WPS "
            "中打开该工作簿并保存，使结果得以保存",
        )


class TestWordAndPdf:
    """A damaged .docx or PDF; a PDF of too many pages or without a text layer."""

    def test_docx_not_a_zip(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_docx(b"junk", "a.docx")
        assert _said(caught.value) == (
            "forms.docx.not_zip",
            "a.docx: not a readable .docx document: not a zip archive (a .docx is one; an old "
            ".doc must be saved as .docx first)",
            "a.docx: 不是可读的 .docx 文档：不是 zip 压缩包（.docx 是压缩包；旧的 .doc 须先另存为 "
            ".docx）",
        )

    def test_docx_unreadable(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_docx(_zipped({"a": "x"}), "a.docx")
        code, english, chinese = _said(caught.value)
        assert code == "forms.docx.unreadable"
        assert english.startswith("a.docx: not a readable .docx document (KeyError: ")
        assert chinese.startswith("a.docx: 不是可读的 .docx 文档（KeyError: ")

    def test_pdf_signature(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_pdf(b"junk", "a.pdf")
        assert _said(caught.value) == (
            "forms.pdf.not_pdf",
            "a.pdf: not a PDF file: it does not start with %PDF",
            "a.pdf: 不是 PDF 文件：开头不是 %PDF",
        )

    def test_pdf_unreadable(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_pdf(b"%PDF-1.4 junk", "a.pdf")
        code, english, chinese = _said(caught.value)
        assert code == "forms.pdf.unreadable"
        assert english.startswith("a.pdf: not a readable PDF (")
        assert chinese.startswith("a.pdf: 不是可读的 PDF（")

    def test_pdf_without_text(self, tmp_path: Path) -> None:
        path = write_pdf([], tmp_path / "scan.pdf", paragraphs=[" "])
        with pytest.raises(DataFileError) as caught:
            read_pdf(path.read_bytes(), "scan.pdf")
        assert _said(caught.value) == (
            "forms.pdf.no_text_layer",
            "scan.pdf: a PDF without a text layer (a scanned image?): expected a PDF whose text "
            "can be selected; OCR is not supported",
            "scan.pdf: 没有文字层的 PDF（扫描图像？）：应为文字可以选中的 PDF；不支持文字识别",
        )

    def test_pdf_too_many_pages(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = write_pdf(self_evaluation_spec(), tmp_path / "f.pdf")
        monkeypatch.setattr(pdf_grid, "MAX_PAGES", 0)
        with pytest.raises(DataFileError) as caught:
            read_pdf(path.read_bytes(), "f.pdf")
        assert _said(caught.value) == (
            "forms.pdf.too_many_pages",
            "f.pdf: a PDF of 1 pages: expected a form of at most 0 pages",
            "f.pdf: 1 页的 PDF：应为至多 0 页的表单",
        )

    @pytest.mark.parametrize(
        ("module", "reader", "suffix", "package", "extra"),
        [
            ("openpyxl", read_xlsx, ".xlsx", "openpyxl", "excel"),
            ("docx", read_docx, ".docx", "python-docx", "word"),
            ("pdfplumber", read_pdf, ".pdf", "pdfplumber", "pdf"),
        ],
    )
    def test_missing_dependency(
        self,
        monkeypatch: pytest.MonkeyPatch,
        module: str,
        reader: Callable[[bytes, str], object],
        suffix: str,
        package: str,
        extra: str,
    ) -> None:
        monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
        with pytest.raises(MissingDependencyError) as caught:
            reader(b"%PDF", "f" + suffix)
        command = f'pip install "pension-subsidy[{extra}]"'
        assert caught.value.extra == extra
        assert _said(caught.value) == (
            "forms.dependency",
            f"reading {suffix} needs {package}: {command}",
            f"读取 {suffix} 需要 {package}：{command}",
        )


class TestTextAndForms:
    """Bad CSV, a file holding no form, an amount without a number."""

    def test_bad_csv(self) -> None:
        with pytest.raises(DataFileError) as caught:
            read_text('a,"b\n', "a.csv", csv_rows=True)
        assert _said(caught.value) == (
            "csv.invalid",
            "a.csv:1: not valid CSV: unexpected end of data",
            "a.csv:1: 不是有效的 CSV：数据意外结束（引号没有闭合？）",
        )

    @pytest.mark.parametrize(
        ("text", "english", "chinese"),
        [
            (
                "hello\nworld\n",
                "text of 2 lines without a form's headings or a report's budget figures "
                "(first line: 'hello')",
                "2 行文字，没有表单的表头，也没有报告的预算数字（第一行：'hello'）",
            ),
            (
                "x\n",
                "text of 1 line without a form's headings or a report's budget figures "
                "(first line: 'x')",
                "1 行文字，没有表单的表头，也没有报告的预算数字（第一行：'x'）",
            ),
            ("a\tb\nc\td", "a table with columns a, b (2 rows)", "一个表格，列为 a, b（2 行）"),
        ],
    )
    def test_unknown_form(self, text: str, english: str, chinese: str) -> None:
        source = read_text(text, "a.txt")
        assert describe(source) == english
        with pytest.raises(DataFileError) as caught:
            detect(source)
        assert _said(caught.value) == (
            "forms.unsupported",
            f"a.txt: not a supported form: {english}; {SUPPORTED}",
            f"a.txt: 不是支持的表单：{chinese}；{CHINESE_SUPPORTED}",
        )

    def test_amount_without_number(self) -> None:
        with pytest.raises(InvalidNumberError) as caught:
            StatedAmount.parse("约数", unit="万元")
        assert (caught.value.field, caught.value.value) == ("amount", "约数")
        assert _said(caught.value) == (
            "forms.amount.no_number",
            "amount: expected a number in 万元, got '约数'",
            "amount: 应为以万元计的数字，实为 '约数'",
        )


#: ASCII words a Chinese line may hold: file kinds and the programs that open them.
KINDS = {"xlsx", "xls", "docx", "doc", "zip", "Excel", "WPS", "PDF", "pdf", "Office", "Word"}


def _read(capsys: pytest.CaptureFixture[str], path: Path, locale: str) -> tuple[int, str]:
    code = main(["read", str(path), "--locale", locale])
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def _damaged(tmp_path: Path, kind: str) -> Path:
    """A real form file of ``kind`` cut to half its length (a broken download)."""
    spec = self_evaluation_spec()
    whole = tmp_path / f"whole.{kind}"
    writers: dict[str, Callable[..., Path]] = {
        "xlsx": write_xlsx,
        "docx": write_docx,
        "pdf": write_pdf,
    }
    writers[kind](spec, whole)
    data = whole.read_bytes()
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(data[: len(data) // 2] if kind != "pdf" else b"garbage" + data[8:])
    return path


class TestCommandLine:
    """``read FILE --locale zh_CN`` on damaged files: exit 3, one Chinese line."""

    @pytest.mark.parametrize(
        ("kind", "said"),
        [
            ("xlsx", "不是可读的 .xlsx 工作簿：不是 zip 压缩包（.xlsx 是压缩包）"),
            (
                "docx",
                "不是可读的 .docx 文档：不是 zip 压缩包（.docx 是压缩包；"
                "旧的 .doc 须先另存为 .docx）",
            ),
            ("pdf", "不是 PDF 文件：开头不是 %PDF"),
        ],
    )
    def test_damaged_file_in_chinese(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, said: str
    ) -> None:
        path = _damaged(tmp_path, kind)
        code, err = _read(capsys, path, "zh_CN")
        assert code == 3
        assert err == f"pension-subsidy: 错误：{path}: {said}\n"
        assert "Traceback" not in err
        typed = set(re.findall(r"[A-Za-z]+", str(path)))
        assert set(re.findall(r"[A-Za-z]+", err)) - typed - KINDS - {"pension", "subsidy"} == set()

    @pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
    def test_damaged_file_in_english_is_as_before(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
    ) -> None:
        path = _damaged(tmp_path, kind)
        with pytest.raises(DataFileError) as caught:
            source_from_bytes(path.read_bytes(), str(path), suffix=f".{kind}")
        code, err = _read(capsys, path, "en")
        assert code == 3
        assert err == f"pension-subsidy: error: {caught.value}\n"

    def test_no_text_layer_in_chinese(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write_pdf([], tmp_path / "scan.pdf", paragraphs=[" "])
        code, err = _read(capsys, path, "zh_CN")
        assert code == 3
        assert err == (
            f"pension-subsidy: 错误：{path}: 没有文字层的 PDF（扫描图像？）：应为文字可以选中的 "
            "PDF；不支持文字识别\n"
        )
