"""Workbooks a bureau fills in: the dataset template and the actuals template (``excel``).

``pension-subsidy template dataset [SOURCE] -o FILE.xlsx`` writes a dataset's figures (or
an empty form) one sheet per table, as :mod:`pension_subsidy.workbooks.layout` describes;
``template actuals [SOURCE] -o FILE.xlsx`` lists every project and indicator of a dataset
with its target, and leaves the actual values, reasons and measures to be filled in. Both
read back with :mod:`pension_subsidy.workbooks` to the same figures.

>>> import io, openpyxl
>>> from pension_subsidy._toml import read_bundled_toml
>>> data = dataset_template(read_bundled_toml("menyuan-2022.toml"))
>>> book = openpyxl.load_workbook(io.BytesIO(data))
>>> book.sheetnames[:3]
['填写说明 readme', '数据集 dataset', '单位 units']
>>> [cell.value for cell in book["构成 components"][2]][:5]
['unit_code', 'project', 'kind', 'headcount', 'amount_wan']
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import budget_from_mapping
from pension_subsidy.output.workbook import cell_text, load_openpyxl, workbook_bytes
from pension_subsidy.workbooks.layout import (
    ACTUALS_SHEETS,
    DATASET_FIELDS,
    DATASET_SHEETS,
    FIRST_DATA_ROW,
    KEY_ROW,
    LABEL_ROW,
    LIST_SUFFIX,
    SheetLayout,
    column_label,
    sheet_title,
)

__all__ = ["actuals_template", "dataset_template"]

#: The lists of tables a project holds, each on a sheet of its own.
_PROJECT_LISTS = ("goals", "components", "indicators")

_README_DATASET = (
    "填写说明（dataset workbook）",
    "每张表第 1 行是给人看的列名，第 2 行是程序读取的字段名（请勿修改），从第 3 行起填写数据。",
    "金额以元或万元填写，看字段名：_yuan 为元，_wan 为万元，_yi 为亿元；人数填整数。",
    "项目、构成、指标用“单位编码”和“项目代码”归属到所属单位和项目；空行会被忽略。",
    "可以增加列：第 2 行写数据集文件（TOML）中的字段名，例如 funding.county_wan、executed_wan。",
    "Row 1 labels each column for people; row 2 holds the field read by the program (keep it);",
    "data start on row 3. Amounts: _yuan in 元, _wan in 万元, _yi in 亿元; headcounts whole.",
    "Read it back with any command that takes a dataset: pension-subsidy report FILE.xlsx",
)
_README_ACTUALS = (
    "填写说明（actuals workbook）",
    "在“支出”表填写各项目的实际支出（万元），在“实际完成”表填写各指标的实际完成值；",
    "未达到目标的，请在“偏差原因”“改进措施”列说明。指标值一列仅供参考，不会被读取。",
    "Fill in the money spent per project (万元) and each indicator's actual value; give a",
    "reason and a measure for each shortfall. Then: pension-subsidy evaluate --actuals FILE.xlsx",
)


def _flat(table: Mapping[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """A table's fields as columns: inline tables as dotted keys, word lists as ``key[]``."""
    skipped = set(skip)
    columns: dict[str, Any] = {}
    for key, value in table.items():
        if key in skipped:
            continue
        if isinstance(value, Mapping):
            for inner, item in _flat(value).items():
                columns[f"{key}.{inner}"] = item
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            columns[f"{key}{LIST_SUFFIX}"] = value
        elif isinstance(value, list):
            continue  # a list of tables: on a sheet of its own
        else:
            columns[key] = value
    return columns


def _dataset_rows(data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each dataset sheet, by the sheet's key."""
    rows: dict[str, list[dict[str, Any]]] = {layout.key: [] for layout in DATASET_SHEETS}
    meta = data.get("dataset", {})
    fields = [*DATASET_FIELDS, *(key for key in meta if key not in DATASET_FIELDS)]
    rows["dataset"] = [{"key": key, "value": meta.get(key)} for key in fields]
    for unit in data.get("units", []):
        code = unit.get("code", "")
        rows["units"].append(_flat(unit, ["projects"]))
        for project in unit.get("projects", []):
            place = {"unit_code": code, "project": project.get("key", "")}
            rows["projects"].append({"unit_code": code, **_flat(project, _PROJECT_LISTS)})
            rows["goals"] += [{**place, "text": goal} for goal in project.get("goals", [])]
            rows["indicators"] += [
                {**place, **_flat(item)} for item in project.get("indicators", [])
            ]
            for component in project.get("components", []):
                rows["components"].append({**place, **_flat(component)})
                for name, value in component.items():
                    if isinstance(value, list) and value and isinstance(value[0], Mapping):
                        kind = {"component": component.get("kind", ""), "list": name}
                        rows["component_rows"] += [{**place, **kind, **_flat(e)} for e in value]
    rows["component_kinds"] = [_flat(kind) for kind in data.get("component_kinds", [])]
    return rows


def _columns(layout: SheetLayout, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The sheet's columns: where a row belongs, the usual fields, then any other given."""
    columns = [*layout.parents, *layout.columns]
    for row in rows:
        columns += [key for key in row if key not in columns]
    return columns


class _Writer:
    """One workbook of template sheets, styled alike."""

    def __init__(self, path: str = "<mapping>") -> None:
        self.path = path
        self.openpyxl = load_openpyxl()
        self.book = self.openpyxl.Workbook()
        styles = self.openpyxl.styles
        self.label_font = styles.Font(bold=True)
        self.key_font = styles.Font(size=8, color="666666")
        self.fill = styles.PatternFill("solid", fgColor="DDDDDD")
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")

    def readme(self, lines: Sequence[str]) -> None:
        sheet = self.book.active
        sheet.title = "填写说明 readme"
        for number, line in enumerate(lines, start=1):
            sheet.cell(number, 1, line).font = self.label_font if number == 1 else self.key_font
        sheet.column_dimensions["A"].width = 100

    def sheet(self, layout: SheetLayout, rows: Sequence[Mapping[str, Any]]) -> None:
        sheet = self.book.create_sheet(sheet_title(layout))
        columns = _columns(layout, rows)
        letter = self.openpyxl.utils.get_column_letter
        for index, key in enumerate(columns, start=1):
            label = sheet.cell(LABEL_ROW, index, column_label(key))
            label.font, label.fill, label.alignment = self.label_font, self.fill, self.wrap
            sheet.cell(KEY_ROW, index, key).font = self.key_font
            wide = key in {"text", "source", "name_zh", "name_en", "goal", "reason", "measure"}
            sheet.column_dimensions[letter(index)].width = 48 if wide else 16
        for number, row in enumerate(rows, start=FIRST_DATA_ROW):
            for index, key in enumerate(columns, start=1):
                value = row.get(key)
                if value is None:
                    continue
                if isinstance(value, list) and all(isinstance(item, str) for item in value):
                    value = "、".join(value)
                elif not isinstance(value, str | int | Decimal):  # bool is an int
                    raise DataFileError(
                        code="output.template.cell_value",
                        params={"got": reprlib.repr(value)},
                        path=self.path,
                        field=f"{layout.key}.{key}",
                    )
                cell = sheet.cell(
                    number, index, cell_text(value) if isinstance(value, str) else value
                )
                if isinstance(value, str):
                    cell.alignment = self.wrap
        sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 1)

    def bytes(self) -> bytes:
        return workbook_bytes(self.book)


def dataset_template(data: Mapping[str, Any] | None = None, *, path: str = "<mapping>") -> bytes:
    """The dataset workbook of the parsed dataset TOML ``data`` (None: an empty form).

    ``data`` is checked first as a dataset file is (``path`` names it in errors): only a
    valid dataset is written, so that the workbook reads back to the same figures.
    """
    if data is not None:
        budget_from_mapping(data, path=path)
    writer = _Writer(path)
    writer.readme(_README_DATASET)
    rows = _dataset_rows(data or {})
    for layout in DATASET_SHEETS:
        writer.sheet(layout, rows[layout.key])
    return writer.bytes()


def actuals_template(budget: Budget) -> bytes:
    """The actuals workbook of ``budget``: each project and indicator, its target, blanks."""
    writer = _Writer()
    writer.readme(_README_ACTUALS)
    meta, spent, indicators = ACTUALS_SHEETS
    writer.sheet(
        meta, [{"key": "dataset", "value": budget.key}, {"key": "year", "value": budget.year}]
    )
    writer.sheet(
        spent,
        [
            {
                "project": project.key,
                "name": project.name_zh,
                "appropriation_wan": str(project.appropriation.to_wan()),
            }
            for project in budget.projects
        ],
    )
    writer.sheet(
        indicators,
        [
            {
                "project": project.key,
                "indicator": indicator.name,
                "target": indicator.text or indicator.name,
            }
            for project in budget.projects
            for indicator in project.indicators
        ],
    )
    return writer.bytes()
