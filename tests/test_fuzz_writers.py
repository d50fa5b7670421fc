"""Issue 9, writers under fuzz: any cell text is written safely and reads back exactly.

Every writer of the disclosure table (txt, csv, md, html, xlsx; through ``convert``) and the
roster's rejects file is given cells holding CR, LF, tabs, quotes, formula leads, Markdown
link syntax and HTML. No written cell may start with a formula lead, what the library's
readers read back must be what was written, and no temporary file may be left behind.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, reject
from hypothesis import strategies as st

from pension_subsidy import PensionSubsidyError, parse_disclosure, read_disclosure
from pension_subsidy.cli import main
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.read import unescape_formula
from pension_subsidy.output.roster_text import detail_text, reason_text
from pension_subsidy.output.workbook import FORMULA_LEADS, neutralise_formula
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.read import tally_roster
from pension_subsidy.roster.rules import default_roster_rules
from pension_subsidy.roster.synth import SYNTH_HEADER, synthetic_rows
from tests.disclosure_helpers import same

# -- strategies ---------------------------------------------------------------------------
#: Pieces that break writers: line ends, separators, quotes, formula leads, Markdown, HTML.
_NASTY = (
    "\r", "\n", "\r\n", "\t", '"', "'", "''", ",", "|", "=", "+", "-", "@", "=1+1", "'=",
    "\t=1", "\r=1", "[x](javascript:alert(1))", "![i](x.png)", "<script>alert(1)</script>",
    "<b>", "&amp;", "&", "<", ">", "*", "**", "_", "`", "\\", "#", "~~", "!", "1. ", "- ",
    "    ", " ", "\u3000", "目标", "1.人数 50人",
)  # fmt: skip
#: Any text a table can hold: no control characters but tab, CR and LF (the reader refuses
#: them as binary data), with the nasty pieces often.
cell_texts = st.lists(
    st.one_of(
        st.sampled_from(_NASTY),
        st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=4),
    ),
    max_size=8,
).map("".join)
_INDICATORS = (
    "",
    "<p>一、产出指标</p> <p>(一)数量指标：</p> <p>1.工作运转人数 50人</p>",
    "一、效益指标\n(一)社会效益指标：\n1.养老保险参保率 ≥98%",
)
_HEADER = ("单位编码", "单位及项目名称", "金额 (万元)", "绩效目标", "绩效指标")


@st.composite
def table_cells(draw: st.DrawFn) -> list[list[str]]:
    """The cells of a disclosure table with arbitrary text in its title, names and goals."""
    rows = [[f"某县2022年{draw(cell_texts)}", "", "", "", ""], [""] * 5, list(_HEADER)]
    for unit in range(draw(st.integers(1, 2))):
        rows.append([f"50100{unit}", f"单位{draw(cell_texts)}", "", "", ""])
        for _ in range(draw(st.integers(0, 2))):
            name = draw(cell_texts).strip() or "项目"
            goals, indicators = draw(cell_texts), draw(st.sampled_from(_INDICATORS))
            rows.append(["", name, "12.00", goals, indicators])
    return rows


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _disclosure(rows: list[list[str]], name: str = "t.csv") -> Disclosure:
    """The table the reader makes of ``rows``; hypothesis drops the ones it refuses."""
    try:
        return parse_disclosure(_csv_text(rows), name=name, format="csv")
    except PensionSubsidyError:
        reject()


def _without_cr(rows: list[list[str]]) -> list[list[str]]:
    """The cells with every CR a line end as LF: what a workbook cell can hold."""
    return [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows]


# -- what the writers wrote ---------------------------------------------------------------
def _convert(disclosure_rows: list[list[str]], fmt: str, folder: Path) -> Path:
    """``convert`` the table (as a CSV file) to ``fmt``; the file written."""
    source = folder / "t.csv"
    source.write_text(_csv_text(disclosure_rows), encoding="utf-8", newline="")
    out = folder / f"out.{fmt}"
    assert main(["convert", str(source), "--to", fmt, "-o", str(out)]) == 0
    assert sorted(os.listdir(folder)) == sorted(["t.csv", out.name])  # no temporary file
    return out


def _names(disclosure: Disclosure) -> list[str]:
    """Unit and project names in table order."""
    names = []
    for unit in disclosure.budget.units:
        names += [unit.name_zh, *(project.name_zh for project in unit.projects)]
    return names


def _leads(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell[:1] and cell[0] in FORMULA_LEADS]


class _Page(HTMLParser):
    """The text of each h1, p outside tables and table cell of an HTML page; its tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.blocks: list[tuple[str, str]] = []  # (tag, text) of h1, p and td/th
        self._open: list[str] = []
        self._text: list[str] = []
        self._in_table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "table":
            self._in_table += 1
        if tag in ("h1", "td", "th") or (tag == "p" and not self._in_table):
            self._open.append(tag)
            self._text = []
        elif tag == "br":
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table -= 1
        if self._open and tag == self._open[-1]:
            self.blocks.append((self._open.pop(), "".join(self._text)))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


# -- the tests ----------------------------------------------------------------------------
class TestNeutralise:
    @given(cell_texts)
    @example("'\t=1")
    def test_no_cell_starts_with_a_lead(self, text):
        """A neutralised cell never starts with = + - @, a tab or a CR."""
        assert _leads([neutralise_formula(text)]) == []

    @given(cell_texts)
    @example("\t=1")
    @example("''\r@x")
    def test_the_reader_undoes_it(self, text):
        """The disclosure reader's unescape_formula gives back exactly what was neutralised."""
        assert unescape_formula(neutralise_formula(text)) == text


class TestDisclosureWriters:
    @given(table_cells())
    @example([["某县2022年\t=1+1", "", "", "", ""], [""] * 5, list(_HEADER),
              ["501003", "'\r=1+1", "", "", ""], ["", "'\t@x", "12.00", "", ""]])  # fmt: skip
    def test_csv_quotes_neutralises_and_reads_back(self, cells):
        """CSV: every line break quoted, no cell a formula, read back to the same table."""
        disclosure = _disclosure(cells)
        with tempfile.TemporaryDirectory() as folder:
            out = _convert(cells, "csv", Path(folder))
            data = out.read_bytes()
            assert data.startswith(b"\xef\xbb\xbf")
            written = [
                cell
                for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
                for cell in row
            ]
            assert _leads(written) == []
            assert same(disclosure) == same(read_disclosure(out, key="t"))

    @given(table_cells())
    @example([["某县2022年\n\n\"", "", "", "", ""], [""] * 5, list(_HEADER),
              ["501000", "单位", "", "", ""]])  # fmt: skip
    def test_txt_reads_back_or_refuses(self, cells):
        """txt: read back to the same table, or refused (exit 3) when it cannot hold a text."""
        disclosure = _disclosure(cells)
        lines, names = disclosure.title.split("\n"), _names(disclosure)
        unwritable = any(char in text for text in (*lines, *names) for char in "\t\r\n") or any(
            not line or line != line.strip() for line in lines
        )  # a line of its own for each title line: none blank, no spaces at an end
        with tempfile.TemporaryDirectory() as folder:
            if unwritable:
                source = Path(folder) / "t.csv"
                source.write_text(_csv_text(cells), encoding="utf-8", newline="")
                out = Path(folder) / "out.txt"
                assert main(["convert", str(source), "--to", "txt", "-o", str(out)]) == 3
                assert sorted(os.listdir(folder)) == ["t.csv"]
                return
            out = _convert(cells, "txt", Path(folder))
            assert same(disclosure) == same(read_disclosure(out, key="t"))

    @given(table_cells())
    @example([["某县2022年", "", "", "", ""], [""] * 5, list(_HEADER),
              ["501003", "=HYPERLINK(1)", "", "", ""], ["", "'\t-1", "12.00", "", ""]])  # fmt: skip
    def test_xlsx_has_no_formula_and_reads_back(self, cells):
        """xlsx: no cell a formula or starting with a lead, read back to the same table."""
        cells = _without_cr(cells)  # a workbook keeps line ends as LF (see the next test)
        disclosure = _disclosure(cells)
        with tempfile.TemporaryDirectory() as folder:
            out = _convert(cells, "xlsx", Path(folder))
            sheet = openpyxl.load_workbook(out).active
            assert sheet is not None
            values = [cell.value for row in sheet.iter_rows() for cell in row]
            assert _leads([value for value in values if isinstance(value, str)]) == []
            assert same(disclosure) == same(read_disclosure(out, key="t"))

    def test_xlsx_keeps_line_ends_as_lf(self, tmp_path):
        """xlsx: a CR in a name reads back as the LF a workbook holds."""
        cells = [["某县2022年", "", "", "", ""], list(_HEADER),
                 ["501003", "单位\r甲\r\n乙", "", "", ""]]  # fmt: skip
        out = _convert(cells, "xlsx", tmp_path)
        assert read_disclosure(out).budget.units[0].name_zh == "单位\n甲\n乙"

    @given(table_cells())
    @example([["某县2022年 # x #", "", "", "", ""], [""] * 5, list(_HEADER),
              ["501003", "[x](javascript:alert(1))", "", "", ""],
              ["", "<script>alert(1)</script>\r**b**", "12.00", "", ""]])  # fmt: skip
    def test_markdown_shows_every_text_as_written(self, cells):
        """md: a Markdown renderer makes no link, image or HTML of it; each text shows as is."""
        markdown_it = pytest.importorskip("markdown_it")
        disclosure = _disclosure(cells)
        with tempfile.TemporaryDirectory() as folder:
            out = _convert(cells, "md", Path(folder))
            rendered = (
                markdown_it.MarkdownIt("commonmark")
                .enable("table")
                .render(out.read_text(encoding="utf-8"))
            )
        page = _page(rendered)
        assert page.tags <= {"h1", "p", "table", "thead", "tbody", "tr", "th", "td", "strong",
                             "br"}  # fmt: skip
        title = [tag_text for tag, tag_text in page.blocks if tag in ("h1", "p")]
        lines = [line for line in _lf(disclosure.title).split("\n") if line]
        assert title == lines
        names = [text for tag, text in page.blocks if tag == "td"][1::5]
        assert names == [_lf(name) for name in _names(disclosure)]

    @given(table_cells())
    def test_html_escapes_every_text(self, cells):
        """html: only the page's own tags; each title line and name shows exactly as is."""
        disclosure = _disclosure(cells)
        with tempfile.TemporaryDirectory() as folder:
            out = _convert(cells, "html", Path(folder))
            page = _page(out.read_bytes().decode("utf-8"))  # its CRs as written
        assert page.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "table",
                             "thead", "tbody", "tr", "th", "td", "p"}  # fmt: skip
        assert [text for tag, text in page.blocks if tag == "h1"] == disclosure.title.split("\n")
        names = [text for tag, text in page.blocks if tag == "td"][1::5]
        assert names == _names(disclosure)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- the rejects file ---------------------------------------------------------------------
@st.composite
def roster_rows(draw: st.DrawFn) -> list[list[str]]:
    """Roster rows, some valid, some with arbitrary cells (most of them rejected)."""
    valid = list(synthetic_rows(draw(st.integers(1, 4)), seed=draw(st.integers(0, 9))))
    bad = draw(
        st.lists(
            st.lists(cell_texts, min_size=len(SYNTH_HEADER) - 1, max_size=len(SYNTH_HEADER) + 1),
            min_size=1,
            max_size=4,
        )
    )
    rows = valid + bad
    if draw(st.booleans()):
        rows.append(list(valid[0]))  # a duplicate id, merged into place after the pass
    return draw(st.permutations(rows))


class TestRejectsFile:
    @given(roster_rows())
    @example([[*next(synthetic_rows(1, seed=0))[:2], "村\r=1+1", "\t@x", *["1"] * 7],
              next(synthetic_rows(1, seed=0))])  # fmt: skip
    def test_rejects_read_back_exactly(self, rows):
        """The rejects file: each rejected row whole, in line order, no cell a formula."""
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            path = folder / "r.csv"
            with path.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\r\n")
                writer.writerow(SYNTH_HEADER)
                writer.writerows(rows)
            rejected: list[Rejection] = []
            try:
                tally_roster(path, default_roster_rules(), on_reject=rejected.append)
            except PensionSubsidyError:
                reject()
            rejects = folder / "rejects.csv"
            assert main(["roster", str(path), "--rejects", str(rejects)]) == (1 if rejected else 0)
            assert sorted(os.listdir(folder)) == ["r.csv", "rejects.csv"]
            data = rejects.read_bytes().decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(data, newline="")))
        assert _leads([cell for record in records for cell in record]) == []
        expected = [
            [
                str(r.line),
                r.reason.value,
                r.field or "",
                r.detail,
                reason_text(r.reason, "zh_CN"),  # the command's default locale
                detail_text(r, "zh_CN"),
                *r.row,
            ]
            for r in sorted(rejected, key=lambda rejection: rejection.line)
        ]
        assert [[unescape_formula(cell) for cell in record] for record in records[1:]] == expected
