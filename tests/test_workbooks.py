"""Excel-first input: the dataset and actuals templates, filled in and read back."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from pension_subsidy import load_dataset, read_actuals
from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.cli import main
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.evaluation.scoring import evaluate
from pension_subsidy.exceptions import DataFileError, PensionSubsidyError
from pension_subsidy.model.dataset import budget_from_mapping
from pension_subsidy.output.template_xlsx import actuals_template, dataset_template
from pension_subsidy.workbooks.actuals_book import actuals_mapping
from pension_subsidy.workbooks.dataset_book import dataset_mapping, read_dataset_workbook
from tests.strategies import mutated_toml

MENYUAN = read_bundled_toml("menyuan-2022.toml")


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestDatasetTemplate:
    """A dataset's workbook reads back to the same mapping and the same figures."""

    def test_menyuan_round_trips_to_the_same_mapping(self):
        """Every field of the bundled TOML comes back, same type, same order of lists."""
        mapping, _ = dataset_mapping(dataset_template(MENYUAN), "m.xlsx")
        assert mapping == MENYUAN

    def test_menyuan_round_trips_to_the_same_report(self):
        """The budget read from the workbook reports the seed's figures to the 分."""
        budget = read_dataset_workbook(dataset_template(MENYUAN), "m.xlsx")
        fund = budget.project("county_supporting_fund")
        assert str(fund.check().total) == "1690000.00"
        assert str(budget.unit.total) == "1900400.00"
        assert json.dumps(budget.data()["projects"], sort_keys=True) == json.dumps(
            load_dataset().data()["projects"], sort_keys=True
        )

    def test_sheets_and_rows(self):
        """One sheet per table; labels on row 1, TOML keys on row 2, data from row 3."""
        book = _book(dataset_template(MENYUAN))
        assert book.sheetnames == [
            "填写说明 readme",
            "数据集 dataset",
            "单位 units",
            "项目 projects",
            "目标 goals",
            "构成 components",
            "分档 component_rows",
            "指标 indicators",
            "自定义类别 component_kinds",
        ]
        components = book["构成 components"]
        assert components["D1"].value == "人数 headcount"
        assert components["D2"].value == "headcount"
        assert [components.cell(4, i).value for i in (1, 2, 3, 4, 5)] == [
            "501003",
            "county_supporting_fund",
            "contribution_subsidy",
            71104,
            "138.6",
        ]
        assert book["指标 indicators"].max_row == 2 + 15 + 12 + 14

    def test_numbers_typed_as_numbers_are_read_exactly(self):
        """A bureau types 6.2 (a float in the file): read as the text '6.2', exactly."""
        book = _book(dataset_template(MENYUAN))
        sheet = book["构成 components"]
        sheet["E5"] = 6.2  # severe_disability_proxy amount_wan, typed as a number
        sheet["D5"] = 1025.0  # a headcount typed with a decimal point that is whole
        mapping, _ = dataset_mapping(_bytes(book), "m.xlsx")
        severe = mapping["units"][1]["projects"][2]["components"][1]
        assert severe["amount_wan"] == "6.2"
        assert severe["headcount"] == 1025

    def test_a_bad_cell_is_named(self):
        """A headcount that is not whole names the sheet, the cell and the field."""
        book = _book(dataset_template(MENYUAN))
        book["构成 components"]["D5"] = 1025.5
        with pytest.raises(DataFileError) as caught:
            read_dataset_workbook(_bytes(book), "m.xlsx")
        assert "sheet '构成 components', cell D5" in str(caught.value)
        assert "1025.5" in str(caught.value)

    def test_a_checked_field_is_named_with_its_cell(self):
        """A negative appropriation: the TOML reader's error, with the cell it came from."""
        book = _book(dataset_template(MENYUAN))
        book["项目 projects"]["E5"] = "-1"
        with pytest.raises(DataFileError) as caught:
            read_dataset_workbook(_bytes(book), "m.xlsx")
        message = str(caught.value)
        assert message.startswith("m.xlsx: sheet '项目 projects', cell E5")
        assert "units[1].projects[2].appropriation_wan" in message

    def test_an_unknown_column_is_an_error(self):
        """A misspelt key on row 2 is refused, as a misspelt TOML key is."""
        book = _book(dataset_template(MENYUAN))
        sheet = book["构成 components"]
        column = sheet.max_column + 1
        sheet.cell(2, column, "headcont")
        sheet.cell(3, column, 5)
        with pytest.raises(DataFileError, match="headcont"):
            read_dataset_workbook(_bytes(book), "m.xlsx")

    def test_a_value_without_a_key_is_an_error(self):
        """A figure typed in a column with no key on row 2 is not dropped."""
        book = _book(dataset_template(MENYUAN))
        sheet = book["构成 components"]
        sheet.cell(3, sheet.max_column + 2, 42)
        with pytest.raises(DataFileError, match="without a key"):
            read_dataset_workbook(_bytes(book), "m.xlsx")

    def test_a_formula_without_a_stored_result_is_refused(self):
        """=SUM(...) written by a program and never opened in Excel has no value to read."""
        book = _book(dataset_template(MENYUAN))
        book["构成 components"]["D3"] = "=1+1"
        with pytest.raises(DataFileError, match="formula without a stored result"):
            read_dataset_workbook(_bytes(book), "m.xlsx")

    def test_a_component_under_an_unknown_project(self):
        """A row naming a project that is not on the projects sheet names its cell."""
        book = _book(dataset_template(MENYUAN))
        book["构成 components"]["B3"] = "no_such_project"
        with pytest.raises(DataFileError, match="no project 'no_such_project'"):
            read_dataset_workbook(_bytes(book), "m.xlsx")

    def test_the_empty_form_says_what_it_needs(self):
        """The empty template read as it is: not yet a dataset, and how to make one."""
        with pytest.raises(DataFileError, match="not a dataset workbook"):
            read_dataset_workbook(dataset_template(None), "empty.xlsx")

    def test_a_filled_empty_form(self):
        """The empty form filled in by hand: one unit, one project, one component."""
        book = _book(dataset_template(None))
        meta = book["数据集 dataset"]
        meta["B3"], meta["B4"] = "my-county-2024", 2024
        unit = book["单位 units"]
        unit["A3"], unit["C3"] = "901", "某县社保局"
        project = book["项目 projects"]
        project["A3"], project["B3"], project["C3"], project["E3"] = (
            "901",
            "fund",
            "县级配套资金",
            "10",
        )
        component = book["构成 components"]
        for cell, value in (("A3", "901"), ("B3", "fund"), ("C3", "severe_disability_proxy")):
            component[cell] = value
        component["D3"], component["F3"] = 1000, "60"
        budget = read_dataset_workbook(_bytes(book), "filled.xlsx")
        check = budget.project("fund").check()
        assert str(check.total) == "60000.00"
        assert str(check.headroom) == "40000.00"

    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(mutated_toml(MENYUAN))
    def test_a_mutated_dataset_reads_as_its_toml_does(self, mapping):
        """A dataset the TOML reader refuses is refused; one it takes reads back the same.

        Or, where a workbook cell cannot hold what the TOML holds (an empty text, which a cell
        leaves empty, so the field reads as absent), the workbook reader says so with a
        library error naming the cell: never a different budget.
        """
        try:
            from_toml = budget_from_mapping(mapping, path="m.toml")
        except PensionSubsidyError as error:
            refused = str(error)
        else:
            refused = None
        if refused is not None:
            with pytest.raises(PensionSubsidyError) as caught:
                dataset_template(mapping, path="m.toml")
            assert str(caught.value) == refused
            return
        try:
            from_book = read_dataset_workbook(dataset_template(mapping), "m.xlsx")
        except DataFileError as error:
            problem = str(error)
        else:
            assert from_book.data()["projects"] == from_toml.data()["projects"]
            return
        assert "sheet" in problem or "expected text or a number" in problem


class TestActualsTemplate:
    """The actuals workbook lists every indicator; filled in, it evaluates as the TOML does."""

    def _filled(self) -> bytes:
        """The actuals template filled with the figures of examples/actuals-2022.toml."""
        toml = read_toml_file("examples/actuals-2022.toml")
        budget = load_dataset()
        names = {project.name_zh: project.key for project in budget.projects}
        book = _book(actuals_template(budget))
        spent_sheet, sheet = book["支出 spent"], book["实际完成 indicator_actuals"]
        by_key = {toml_key if toml_key in names.values() else names[toml_key]: table
                  for toml_key, table in toml["projects"].items()}  # fmt: skip
        for row in range(3, spent_sheet.max_row + 1):
            table = by_key.get(spent_sheet.cell(row, 1).value)
            if table and "spent" in table:
                spent_sheet.cell(row, 4, table["spent"].replace("万元", "").replace("元", ""))
                if table["spent"].endswith("元") and not table["spent"].endswith("万元"):
                    spent_sheet.cell(row, 4, str(int(table["spent"][:-1]) / 10000))
        for row in range(3, sheet.max_row + 1):
            table = by_key.get(sheet.cell(row, 1).value)
            name = sheet.cell(row, 2).value
            if not table or name not in table.get("indicators", {}):
                continue
            sheet.cell(row, 4, table["indicators"][name])
            sheet.cell(row, 5, table.get("reasons", {}).get(name))
            sheet.cell(row, 6, table.get("measures", {}).get(name))
        return _bytes(book)

    def test_template_lists_every_indicator(self):
        """41 indicators of three projects, each with its target as the table states it."""
        book = _book(actuals_template(load_dataset()))
        sheet = book["实际完成 indicator_actuals"]
        assert sheet.max_row - 2 == 41
        assert sheet["A3"].value == "work_funds"
        assert sheet["C3"].value == "1.工作运转人数 50人"
        assert [cell.value for cell in book["支出 spent"][2]] == [
            "project",
            "name",
            "appropriation_wan",
            "spent_wan",
        ]

    def test_filled_workbook_evaluates_as_the_toml(self, tmp_path):
        """The same actuals from a workbook give the same scores, to the last point."""
        path = tmp_path / "actuals.xlsx"
        path.write_bytes(self._filled())
        budget = load_dataset()
        from_book = evaluate(budget, read_actuals(path, budget))
        from_toml = evaluate(budget, read_actuals("examples/actuals-2022.toml", budget))
        assert from_book.data()["projects"] == from_toml.data()["projects"]

    def test_reference_columns_are_not_read(self):
        """Changing the shown target changes nothing; a stray column is refused."""
        book = _book(self._filled())
        sheet = book["实际完成 indicator_actuals"]
        sheet["C3"] = "whatever"
        plain = actuals_mapping(_bytes(book), "a.xlsx")
        assert "whatever" not in json.dumps(plain, ensure_ascii=False)
        sheet.cell(2, 8, "actuall")
        sheet.cell(3, 8, "1")
        with pytest.raises(DataFileError, match="actuall"):
            actuals_mapping(_bytes(book), "a.xlsx")

    def test_a_dataset_workbook_is_not_an_actuals_workbook(self):
        """Each reader says what it expected when handed the other workbook."""
        with pytest.raises(DataFileError, match="not an actuals workbook"):
            actuals_mapping(dataset_template(MENYUAN), "m.xlsx")


class TestCommands:
    """``template`` writes them; ``report`` and ``evaluate`` read them."""

    def test_template_dataset_then_report(self, tmp_path, monkeypatch, capsys):
        """report on the filled workbook prints what report prints on the bundled data."""
        monkeypatch.chdir(tmp_path)
        assert main(["template", "dataset", "menyuan-2022", "-o", "m.xlsx"]) == 0
        assert main(["report", "--format", "json"]) == 0
        bundled = json.loads(capsys.readouterr().out)
        assert main(["report", "m.xlsx", "--format", "json"]) == 0
        from_book = json.loads(capsys.readouterr().out)
        assert from_book["projects"] == bundled["projects"]

    def test_template_actuals_then_evaluate(self, tmp_path, monkeypatch, capsys):
        """An untouched actuals workbook has no actuals: evaluate says so (exit 3)."""
        monkeypatch.chdir(tmp_path)
        assert main(["template", "actuals", "-o", "a.xlsx"]) == 0
        assert main(["evaluate", "--actuals", "a.xlsx"]) == 3
        assert "projects" in capsys.readouterr().err

    def test_template_of_a_table_reads_back_to_its_figures(self, tmp_path, monkeypatch, capsys):
        """template dataset of a disclosure table: the workbook reports the table's figures."""
        monkeypatch.chdir(tmp_path)
        assert main(["convert", "--to", "txt", "-o", "t.txt"]) == 0
        assert main(["template", "dataset", "t.txt", "-o", "t.xlsx"]) == 0
        assert main(["report", "t.txt", "--format", "json"]) == 0
        from_table = json.loads(capsys.readouterr().out)
        assert main(["report", "t.xlsx", "--format", "json"]) == 0
        from_book = json.loads(capsys.readouterr().out)
        assert from_book["projects"] == from_table["projects"]

    def test_template_of_a_bad_table_is_refused(self, tmp_path, capsys):
        """A file that is no table: exit 3, and the reader's reason."""
        table = tmp_path / "t.txt"
        table.write_text("x", encoding="utf-8")
        assert main(["template", "dataset", str(table), "-o", str(tmp_path / "o.xlsx")]) == 3
        assert str(table) in capsys.readouterr().err

    def test_disclosure_workbook_is_still_a_disclosure(self, tmp_path, monkeypatch):
        """An .xlsx disclosure table is not taken for a dataset workbook."""
        monkeypatch.chdir(tmp_path)
        assert main(["convert", "--to", "xlsx", "-o", "t.xlsx"]) == 0
        assert load_source("t.xlsx").project("county_supporting_fund").check().total == (
            load_dataset().project("county_supporting_fund").check().total
        )
