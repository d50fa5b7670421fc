"""Issue 9: every reader, fed anything, returns a result or raises the library's own errors.

Disclosure tables as text bytes (any of our encodings, BOM, CR/LF), workbooks built from
random cells or damaged, goal prose with random figures, every TOML kind from random bytes
and from random valid TOML. Whatever reads must also audit, check and render; nothing but
a :class:`~pension_subsidy.PensionSubsidyError` may escape.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pension_subsidy import (
    DataFileError,
    PensionSubsidyError,
    Yuan,
    audit,
    evaluate,
    load_dataset,
    load_parameters,
    parse_disclosure,
    plan_check,
    read_actuals,
    read_disclosure,
    write_disclosure,
)
from pension_subsidy.disclosure import Disclosure, load_bundled_disclosure, read_goal_prose
from pension_subsidy.disclosure.numbers import normalise_digits
from pension_subsidy.model.dataset import load_budget_file
from pension_subsidy.model.parameters import load_parameter_file
from pension_subsidy.output.disclosure_table import render_xlsx
from pension_subsidy.output.evaluation_text import render_evaluation
from pension_subsidy.output.parameters_text import render_parameters
from pension_subsidy.output.plan_check_text import render_plan_check
from pension_subsidy.output.report import render_report
from pension_subsidy.roster.rules import load_roster_rules
from tests.disclosure_helpers import SEED_PATH, SEED_TEXT, same
from tests.strategies import (
    TABLE_ENCODINGS,
    damaged_workbooks,
    disclosure_tables,
    encoded_text,
    goal_sentences,
    mutated_toml,
    table_noise,
    toml_documents,
    toml_text,
    workbook_grids,
)

ROOT = Path(__file__).parent.parent
DATA = ROOT / "src" / "pension_subsidy" / "data"
SEED_XLSX = render_xlsx(load_bundled_disclosure())
BUDGET = load_dataset()


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    """``data`` in a file called ``name`` in a fresh folder (hypothesis reuses no tmp_path)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def _use(disclosure: Any) -> None:
    """Whatever reads must audit, plan-check and render without an error of another kind."""
    audit(disclosure)
    budget = disclosure.budget
    render_plan_check(budget, plan_check(budget), "en")
    render_report(budget, format="json")
    render_report(budget, locale="zh_CN")


def _read_table(name: str, data: bytes) -> None:
    with _file(name, data) as path:
        try:
            disclosure = read_disclosure(path)
        except PensionSubsidyError:
            return
    _use(disclosure)


# -- text tables ---------------------------------------------------------------------------
class TestTextTables:
    @given(disclosure_tables(), st.sampled_from(["txt", "tsv", "csv"]), st.data())
    def test_written_table_reads_back_in_any_encoding(self, text, suffix, data):
        """A written table re-saved as GB18030, with a BOM or CR/LF line ends reads the same."""
        disclosure = parse_disclosure(text, name="t.txt", key="t")
        with tempfile.TemporaryDirectory() as folder:
            written = write_disclosure(disclosure, Path(folder) / f"t.{suffix}")
            resaved = data.draw(encoded_text(written.read_bytes().decode("utf-8-sig")))
            written.write_bytes(resaved)
            assert same(disclosure) == same(read_disclosure(written, key="t"))

    @given(table_noise, st.sampled_from([".txt", ".tsv", ".csv"]), st.data())
    @example("\n".join([SEED_TEXT, "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"]),
             ".txt", None)  # fmt: skip
    def test_table_noise_reads_or_raises_library_errors(self, text, suffix, data):
        """Seed lines, <p> cells, quotes, LaTeX and repeated headers in any encoding."""
        raw = text.encode("utf-8") if data is None else data.draw(encoded_text(text))
        _read_table(f"t{suffix}", raw)

    @given(st.binary(max_size=400), st.sampled_from(TABLE_ENCODINGS))
    def test_bytes_after_a_bom_or_in_gb18030(self, junk, encoding):
        """Junk after a real table's start, in each encoding, reads or raises our errors."""
        _read_table("t.txt", SEED_TEXT[:300].encode(encoding) + junk)


# -- workbooks -----------------------------------------------------------------------------
def _workbook(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class TestWorkbooks:
    @given(workbook_grids())
    def test_random_cells(self, rows):
        """A workbook of random cells (text, numbers, dates, formulas) reads or is refused."""
        _read_table("t.xlsx", _workbook(rows))

    @given(damaged_workbooks(SEED_XLSX))
    def test_damaged_workbooks(self, data):
        """Truncated, junk sheet XML, missing parts, flipped bytes: a result or our error."""
        _read_table("t.xlsx", data)

    @given(st.integers(1, 10), st.integers(1, 5))
    def test_formula_without_result_names_its_cell(self, row, column):
        """A formula with no stored result anywhere in the table is refused by its cell."""
        workbook = openpyxl.load_workbook(io.BytesIO(SEED_XLSX))
        sheet = workbook.active
        assert sheet is not None
        for merged in list(sheet.merged_cells.ranges):  # the title spans A1:E1
            sheet.unmerge_cells(str(merged))
        cell = sheet.cell(row=row, column=column)
        cell.value = "=1+1"
        out = io.BytesIO()
        workbook.save(out)
        with _file("t.xlsx", out.getvalue()) as path:
            with pytest.raises(DataFileError) as error:
                read_disclosure(path)
            assert (row, f"sheet '绩效目标公开表', cell {cell.coordinate}") == (
                error.value.line,
                error.value.field,
            )


# -- goal prose ----------------------------------------------------------------------------
class TestGoalProse:
    @given(st.lists(goal_sentences, min_size=1, max_size=4))
    def test_any_figures_read_or_noted(self, goals):
        """Random figures and units never raise: components are whole 分, notes quote text."""
        reading = read_goal_prose(goals)
        text = normalise_digits("。".join(goals))
        for component in reading.components:
            assert component.amount == Yuan(component.amount.value)
            assert component.headcount >= 0
        for note in reading.prose.notes:
            assert note.clause in text
            assert 0 <= note.goal < len(goals)

    @given(
        st.integers(0, 10**9),
        st.integers(0, 10**12),
        st.sampled_from([("元", 2, 0), ("万元", 6, 4), ("万", 6, 4)]),
        st.integers(0, 6),
    )
    def test_amount_as_written(self, persons, fen, unit, zeros):
        """An amount in whole 分, with any trailing zeros, reads as exactly that amount."""
        name, places, shift = unit
        value = Decimal(fen).scaleb(-2 - shift)
        written = f"{value:.{places}f}" + "0" * zeros
        reading = read_goal_prose([f"重度残疾人{persons}人，财政代缴{written}{name}"])
        assert [(persons, Yuan(Decimal(fen).scaleb(-2)))] == [
            (c.headcount, c.amount) for c in reading.components
        ]


# -- TOML files ----------------------------------------------------------------------------
def _load_dataset(path: Path) -> None:
    _use(Disclosure(budget=load_budget_file(path)))


def _load_parameters(path: Path) -> None:
    load_parameter_file(path)
    render_parameters(load_parameters(path), date(2022, 6, 30), "en")


def _load_rules(path: Path) -> None:
    load_roster_rules(path)


def _load_actuals(path: Path) -> None:
    actuals = read_actuals(path, BUDGET)
    render_evaluation(evaluate(BUDGET, actuals), format="json")
    render_evaluation(evaluate(BUDGET, actuals), locale="en")


#: Each TOML kind: its loader (and what uses the result) and a valid file of it.
TOML_KINDS: dict[str, tuple[Callable[[Path], None], Path]] = {
    "dataset": (_load_dataset, DATA / "menyuan-2022.toml"),
    "parameters": (_load_parameters, DATA / "parameters" / "national.toml"),
    "rules": (_load_rules, DATA / "rules" / "example-rules.toml"),
    "actuals": (_load_actuals, ROOT / "examples" / "actuals-2022.toml"),
}
_VALID = {kind: tomllib.loads(path.read_text("utf-8")) for kind, (_, path) in TOML_KINDS.items()}


def _load_or_library_error(kind: str, data: bytes) -> None:
    with _file(f"{kind}.toml", data) as path, contextlib.suppress(PensionSubsidyError):
        TOML_KINDS[kind][0](path)


class TestTomlFiles:
    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    def test_valid_files_load(self, kind):
        """The valid file of each kind loads and is used without error (the fuzz baseline)."""
        loader, path = TOML_KINDS[kind]
        loader(path)

    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    @given(data=st.binary(max_size=500))
    @example(data=b"\xff\xfe\x00")
    @example(data=b"\xef\xbb\xbf")
    def test_random_bytes(self, kind, data):
        """Any bytes as any TOML kind: loaded or refused with a PensionSubsidyError."""
        _load_or_library_error(kind, data)

    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    @given(document=toml_documents, encoding=st.sampled_from(TABLE_ENCODINGS))
    def test_random_valid_toml(self, kind, document, encoding):
        """Any valid TOML document, in any of our encodings, as any kind: loaded or refused."""
        _load_or_library_error(kind, toml_text(document).encode(encoding))

    @pytest.mark.parametrize("kind", sorted(TOML_KINDS))
    @given(data=st.data())
    def test_mutated_valid_files(self, kind, data):
        """A valid file with values replaced, removed or added: loaded and used, or refused."""
        document = data.draw(mutated_toml(_VALID[kind]))
        _load_or_library_error(kind, toml_text(document).encode("utf-8"))


class TestTomlText:
    @given(toml_documents)
    def test_toml_text_is_valid_toml(self, document):
        """The fuzz's own TOML writer writes what tomllib reads back as the same document."""
        text = toml_text(document)
        assert toml_text(tomllib.loads(text)) == text


class TestSeedStillReads:
    def test_seed_file_and_workbook(self, tmp_path):
        """The seed as text and as a workbook read to the same disclosure (the baseline)."""
        path = tmp_path / "seed.xlsx"
        path.write_bytes(SEED_XLSX)
        assert same(read_disclosure(SEED_PATH, key="k")) == same(read_disclosure(path, key="k"))

    def test_seed_zip_has_one_sheet(self):
        """The damage strategies start from a workbook with one sheet part."""
        with zipfile.ZipFile(io.BytesIO(SEED_XLSX)) as archive:
            sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets == ["xl/worksheets/sheet1.xml"]
