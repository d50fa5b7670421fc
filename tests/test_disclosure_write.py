"""Writing and converting the disclosure table; reading back gives the same disclosure."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given

from pension_subsidy import DataFileError, parse_disclosure, read_disclosure, write_disclosure
from pension_subsidy._text import neutralise_formula
from pension_subsidy.cli import main
from pension_subsidy.output.disclosure_table import render_disclosure, render_xlsx
from tests.disclosure_helpers import SEED_PATH, SEED_TEXT, figures, same
from tests.strategies import disclosure_tables


def _lines(text: str) -> list[str]:
    return [line for line in text.replace("\r", "").split("\n") if line.strip()]


class TestRoundTrip:
    @pytest.mark.parametrize("suffix", ["txt", "csv", "xlsx", "tsv"])
    def test_seed_reads_back_the_same(self, tmp_path, suffix):
        """The seed written as txt, tsv, csv or xlsx reads back to the same disclosure."""
        seed = read_disclosure(SEED_PATH, key="k")
        path = write_disclosure(seed, tmp_path / f"seed.{suffix}")
        assert same(seed) == same(read_disclosure(path, key="k"))

    def test_txt_is_the_original_form(self):
        """The text form repeats the seed line for line (blank lines aside)."""
        assert _lines(SEED_TEXT) == _lines(render_disclosure(read_disclosure(SEED_PATH)))

    @given(disclosure_tables())
    def test_render_then_parse_is_identity(self, text):
        """For any table, parse(render(d)) == d in txt and csv."""
        disclosure = parse_disclosure(text, name="t.txt")
        for kind in ("txt", "csv"):
            assert disclosure == parse_disclosure(
                render_disclosure(disclosure, kind), name="t.txt", format=kind
            )

    @given(disclosure_tables())
    def test_xlsx_round_trip(self, text):
        """For any table, the workbook reads back to the same disclosure."""
        disclosure = parse_disclosure(text, name="t.txt")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "t.xlsx"
            path.write_bytes(render_xlsx(disclosure))
            assert same(disclosure) == same(read_disclosure(path, key="t"))


class TestFormulaInjection:
    def _planted(self):
        text = SEED_TEXT.replace("养老保险征收发放工作经费", '=HYPERLINK("x")工作经费', 1)
        text = text.replace("<p>目标二：每个村级", "<p>@SUM(1)目标二：每个村级", 1)
        text = text.replace("乡镇养老保险协办员工作补贴", "-协办员补贴", 1)
        return parse_disclosure(text, name="planted.txt")

    def test_neutralise(self):
        """= + - @ at the start get a leading '; other text and quoted text stay right."""
        assert [
            neutralise_formula(cell) for cell in ("=1", "+1", "-1", "@x", "a=1", "'x", "'=1", "")
        ] == ["'=1", "'+1", "'-1", "'@x", "a=1", "'x", "''=1", ""]

    def test_csv_cells_are_neutralised(self):
        """No CSV cell begins with = + - @; reading back restores the names."""
        planted = self._planted()
        text = render_disclosure(planted, "csv")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
        assert '\'=HYPERLINK("x")工作经费' in cells
        assert planted == parse_disclosure(text, name="planted.txt", format="csv")

    def test_xlsx_cells_are_text_not_formulas(self, tmp_path):
        """No workbook cell is a formula; reading back restores the names."""
        planted = self._planted()
        path = tmp_path / "planted.xlsx"
        path.write_bytes(render_xlsx(planted))
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert '\'=HYPERLINK("x")工作经费' in values
        assert not [v for v in values if isinstance(v, str) and v[:1] in ("=", "+", "-", "@")]
        assert same(planted) == same(read_disclosure(path, key="planted"))


class TestFormats:
    def test_xlsx_is_formatted(self, tmp_path):
        """Merged title, bold header, wrapped text and a 万元 number format."""
        path = tmp_path / "seed.xlsx"
        path.write_bytes(render_xlsx(read_disclosure(SEED_PATH)))
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:E1"]
        assert sheet["A3"].font.bold
        assert sheet["A3"].value == "单位编码"
        amount = next(c for c in sheet["C"] if c.value is not None and c.row > 3)
        assert amount.number_format == '#,##0.00"万元"'
        assert amount.value == 190.04
        assert sheet["D6"].alignment.wrap_text

    def test_markdown(self):
        """Markdown: a heading, a table, paragraphs joined by <br>, pipes escaped."""
        text = render_disclosure(read_disclosure(SEED_PATH), "md")
        assert text.startswith("# 社会保险服务局2022年部门预算项目支出绩效目标公开表\n")
        assert "| 501003 | **门源县社会保险服务局** | 190.04 |  |  |" in text
        assert "一、产出指标<br>(一)数量指标：<br>1.工作运转人数 50人" in text
        assert "$\\\\geq 100\\\\%$" in text
        assert text.count("|---|---|---:|---|---|") == 2

    def test_html_is_a_printable_escaped_page(self):
        """HTML: a whole page with print styles; table text is escaped."""
        page = render_disclosure(read_disclosure(SEED_PATH), "html")
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert "@media print" in page
        assert "<thead><tr><th>单位编码</th>" in page
        assert '<p class="indicator">1.养老保险参保率 &gt;98%</p>' in page
        assert '<td class="amount">175.00</td>' in page

    def test_unknown_format(self, tmp_path):
        """An unknown format or suffix names what is supported."""
        seed = read_disclosure(SEED_PATH)
        with pytest.raises(DataFileError, match="format: expected one of txt, csv, md, html"):
            render_disclosure(seed, "pdf")  # type: ignore[arg-type]
        with pytest.raises(DataFileError, match="format: expected one of"):
            write_disclosure(seed, tmp_path / "x.pdf")
        with pytest.raises(DataFileError, match="cannot write"):
            write_disclosure(seed, tmp_path / "missing" / "x.txt")


class TestConvertCommand:
    @pytest.mark.parametrize("kind", ["xlsx", "csv", "txt"])
    def test_report_after_convert_gives_the_bundled_figures(self, tmp_path, capsys, kind):
        """report on the converted seed prints the same JSON figures as the bundled dataset."""
        output = tmp_path / f"seed.{kind}"
        assert main(["convert", str(SEED_PATH), "--to", kind, "-o", str(output)]) == 0
        assert main(["report", "--format", "json"]) == 0
        bundled = json.loads(capsys.readouterr().out)
        assert main(["report", str(output), "--format", "json"]) == 0
        assert figures(bundled) == figures(json.loads(capsys.readouterr().out))

    def test_convert_md_and_html(self, tmp_path):
        """convert writes Markdown and HTML too."""
        for kind in ("md", "html"):
            output = tmp_path / f"seed.{kind}"
            assert main(["convert", str(SEED_PATH), "--to", kind, "-o", str(output)]) == 0
            assert "门源县社会保险服务局" in output.read_text(encoding="utf-8")

    def test_convert_refuses_a_dataset(self, tmp_path, capsys):
        """A .toml dataset has no table layout: exit 3 with a message."""
        dataset = tmp_path / "d.toml"
        dataset.write_text("", encoding="utf-8")
        assert main(["convert", str(dataset), "--to", "txt", "-o", str(tmp_path / "x")]) == 3
        assert "convert reads disclosure tables" in capsys.readouterr().err

    def test_convert_usage(self, capsys):
        """A missing --to is a usage error (exit 2)."""
        assert main(["convert", str(SEED_PATH), "-o", "x.txt"]) == 2
        assert "--to" in capsys.readouterr().err
