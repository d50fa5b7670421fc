"""The readers' grids: merged cells resolved per format, positions kept, bad files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from pension_subsidy import DataFileError, read_form
from pension_subsidy.forms.docx_grid import read_docx
from pension_subsidy.forms.grid import layout_spans
from pension_subsidy.forms.html_grid import read_html_text
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.read import read_form_bytes
from pension_subsidy.forms.sources import source_from_bytes
from pension_subsidy.forms.xlsx_grid import read_xlsx

SEED = Path(__file__).resolve().parents[1] / "src/pension_subsidy/data/menyuan-2022-disclosure.txt"


class TestLayout:
    """HTML-style spans laid out as a browser does."""

    def test_rowspan_and_colspan(self) -> None:
        """A rowspan takes its column in the rows below; a colspan repeats across."""
        grid = layout_spans(
            "t", [[("a", 1, 2), ("b", 2, 1)], [("c", 1, 1), ("d", 1, 1)], [("e", 3, 1)]]
        )
        assert grid.texts() == [["a", "b", "b"], ["a", "c", "d"], ["e", "e", "e"]]
        assert grid.rows[1][0].covered
        assert grid.rows[1][0].origin == (1, 1)
        assert not grid.rows[1][1].covered

    def test_a_rowspan_beyond_the_table_adds_no_row(self) -> None:
        """rowspan=5 on the last row keeps the table's height."""
        grid = layout_spans("t", [[("a", 1, 5), ("b", 1, 1)]])
        assert grid.texts() == [["a", "b"]]


class TestHtml:
    """Saved web pages."""

    def test_tables_paragraphs_and_skipped_parts(self) -> None:
        """Scripts and styles are skipped; text outside tables becomes lines."""
        source = read_html_text(
            "<html><head><style>td{}</style><script>var a='<td>x</td>';</script></head>"
            "<body><h1>标题</h1><p>第一段<br>第二行</p><table><tr><th colspan=2>A</th></tr>"
            "<tr><td rowspan=2>B</td><td>1</td></tr><tr><td>2</td></tr></table>"
            "<p>注：单位万元</p></body></html>",
            "page.html",
        )
        assert [line.text for line in source.lines] == ["标题", "第一段", "第二行", "注：单位万元"]
        assert source.tables[0].texts() == [["A", "A"], ["B", "1"], ["B", "2"]]

    def test_huge_spans_are_capped(self) -> None:
        """rowspan=10**9 cannot exhaust memory."""
        source = read_html_text(
            '<table><tr><td colspan="1000000000">x</td></tr></table>', "page.html"
        )
        assert len(source.tables[0].rows[0]) == 1000

    def test_the_disclosure_table_as_a_web_page(self) -> None:
        """The seed's 公开表 as an HTML table reads as the text file does."""
        rows = [line.split("\t") for line in SEED.read_text(encoding="utf-8").splitlines()]
        page = "<table>" + "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
        )
        from_page = read_form_bytes((page + "</table>").encode("utf-8"), "seed.html")
        from_text = read_form(SEED)
        assert from_page.form == "disclosure_table"

        def summary(document: FormDocument) -> list[object]:
            return [
                (
                    p.name,
                    p.budget_start.text if p.budget_start else None,
                    [(i.name, i.target.text if i.target else None) for i in p.indicators],
                )
                for p in document.projects
            ]

        assert summary(from_page) == summary(from_text)


class TestWord:
    """Word tables: gridSpan and vMerge."""

    def test_merged_cells(self) -> None:
        """A horizontal and a vertical merge repeat their text over the range."""
        document = docx.Document()
        document.add_paragraph("前言")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "横"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "竖"
        table.cell(1, 1).text = "x"
        table.cell(2, 2).text = "y"
        buffer = io.BytesIO()
        document.save(buffer)
        source = read_docx(buffer.getvalue(), "t.docx")
        assert source.tables[0].texts() == [["横", "横", ""], ["竖", "x", ""], ["竖", "", "y"]]
        assert source.tables[0].rows[2][0].origin == (2, 1)
        assert [line.text for line in source.lines] == ["前言"]


class TestExcel:
    """Workbooks: merged ranges, formulas without results, old formats."""

    def test_merged_range_and_numbers(self) -> None:
        """A merged range repeats its value; a float keeps its written decimals."""
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet["A1"] = "项目资金"
        sheet.merge_cells("A1:A2")
        sheet["B1"] = 173.25
        sheet["B2"] = 0.1
        buffer = io.BytesIO()
        book.save(buffer)
        grid = read_xlsx(buffer.getvalue(), "b.xlsx").tables[0]
        assert grid.texts() == [["项目资金", "173.25"], ["项目资金", "0.1"]]

    def test_a_formula_without_a_result_is_refused(self) -> None:
        """Reading it as empty would drop a figure: the message says to save it in Excel."""
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet["A1"] = "=1+1"
        buffer = io.BytesIO()
        book.save(buffer)
        with pytest.raises(DataFileError, match="no stored result"):
            read_xlsx(buffer.getvalue(), "f.xlsx")

    def test_old_binary_office_files(self) -> None:
        """An .xls or .doc is named and the way out given."""
        with pytest.raises(DataFileError, match=r"old binary Office file \(.doc or .xls\)"):
            source_from_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "a.xls")

    def test_a_zip_that_is_no_office_file(self) -> None:
        """A zip archive without word/ or xl/ parts is named as such."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "x")
        with pytest.raises(DataFileError, match="neither a Word"):
            source_from_bytes(buffer.getvalue(), "a.xlsx")


class TestPdf:
    """PDFs need a text layer."""

    def test_not_a_pdf(self) -> None:
        """Bytes under .pdf that are not a PDF."""
        with pytest.raises(DataFileError):
            source_from_bytes(b"hello world", "a.pdf", suffix=".pdf")

    def test_a_pdf_without_text(self) -> None:
        """A page with no text (a scan) says that OCR is not supported."""
        reportlab = pytest.importorskip("reportlab.pdfgen.canvas")
        buffer = io.BytesIO()
        canvas = reportlab.Canvas(buffer)
        canvas.rect(10, 10, 100, 100)
        canvas.save()
        with pytest.raises(DataFileError, match="OCR is not supported"):
            source_from_bytes(buffer.getvalue(), "scan.pdf", suffix=".pdf")
