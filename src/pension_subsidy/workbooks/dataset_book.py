"""A filled-in dataset workbook read back as the mapping a dataset TOML file parses to.

The mapping goes through the TOML reader's own checks
(:func:`pension_subsidy.model.dataset.budget_from_mapping`), so a workbook is held to exactly
the same rules as a TOML file; an error names the sheet and the cell as well as the field.

>>> from pension_subsidy.output.template_xlsx import dataset_template
>>> from pension_subsidy._toml import read_bundled_toml
>>> data = dataset_template(read_bundled_toml("menyuan-2022.toml"))
>>> budget = read_dataset_workbook(data, "menyuan.xlsx")
>>> budget.project("county_supporting_fund").check().total
Yuan('1690000.00')
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pension_subsidy._encoding import read_bytes
from pension_subsidy.disclosure.xlsx_rows import cell_text, open_workbook
from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import budget_from_mapping
from pension_subsidy.workbooks.layout import (
    DATASET_SHEETS,
    FIRST_DATA_ROW,
    KEY_ROW,
    LIST_SEPARATORS,
    LIST_SUFFIX,
    WHOLE_KEYS,
    SheetLayout,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "SheetRow",
    "find_sheet",
    "is_dataset_workbook",
    "load_dataset_workbook",
    "read_dataset_workbook",
    "sheet_rows",
]

#: A sheet's name in ``xl/workbook.xml``.
_SHEET_NAME = re.compile(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')


class SheetRow:
    """One data row of a sheet: its fields by TOML key, and the cell each came from."""

    def __init__(self, sheet: str, number: int) -> None:
        self.sheet = sheet
        self.number = number
        self.values: dict[str, Any] = {}
        self.cells: dict[str, str] = {}

    def where(self, key: str | None = None) -> Phrase:
        """``sheet '构成 components', cell D5`` (or the row, without a key), in each language."""
        if key is None or key not in self.cells:
            return _sheet_row(self.sheet, self.number)
        return _sheet_cell(self.sheet, self.cells[key])


def _sheet_cell(title: str, cell: str) -> Phrase:
    """``sheet '项目 projects', cell B7`` as a phrase (``工作表 '项目 projects'，单元格 B7``)."""
    sheet = Phrase("field.sheet", sheet=repr(title))
    return Phrase("field.sheet_cell", sheet=sheet, cell=cell)


def _sheet_row(title: str, number: int) -> Phrase:
    """``sheet '项目 projects', row 3`` as a phrase (``工作表 '项目 projects'，第 3 行``)."""
    sheet = Phrase("field.sheet", sheet=repr(title))
    return Phrase("field.sheet_row", sheet=sheet, row=str(number))


def find_sheet(values: Workbook, layout: SheetLayout) -> Worksheet | None:
    """The sheet of ``layout``: titled by its key, ``<Chinese name> <key>`` or its Chinese name."""
    for sheet in values.worksheets:
        title = sheet.title.strip()
        if title == layout.key or title.endswith(f" {layout.key}") or title == layout.name_zh:
            return sheet
    return None


def _cell_value(key: str, raw: object, where: Phrase, path: str) -> Any:
    """A cell as the TOML value of ``key``: a whole number, a list of words, or exact text."""
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw).strip()
    if key.endswith(LIST_SUFFIX):
        words = [text]
        for separator in LIST_SEPARATORS:
            words = [part for word in words for part in word.split(separator)]
        return [word.strip() for word in words if word.strip()]
    if key.rsplit(".", 1)[-1] in WHOLE_KEYS:
        if isinstance(raw, int) or (isinstance(raw, str) and text.isdigit()):
            return int(text)
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        field = Phrase("field.with_header", name=where, header=key)
        said = {"got": repr(text)}
        raise DataFileError(code="workbook.whole", params=said, path=path, field=field)
    return text


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` in ``target``, a dotted key in a nested table (``funding.county_wan``)."""
    *tables, last = key.removesuffix(LIST_SUFFIX).split(".")
    for table in tables:
        target = target.setdefault(table, {})
    target[last] = value


def sheet_rows(values: Worksheet, formulas: Worksheet, path: str) -> Iterator[SheetRow]:
    """The data rows of a template sheet (from row 3), keyed by the TOML keys of row 2.

    Empty rows are skipped; an empty cell is an absent field. A formula whose result was
    never stored, a value under a column without a key, or a key given twice raises
    :class:`~pension_subsidy.DataFileError` naming the cell.
    """
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - the excel extra

    header = [cell_text(cell.value).strip() for cell in values[KEY_ROW]]
    seen: dict[str, str] = {}
    for index, key in enumerate(header, start=1):
        if key and key in seen:
            said = {"key": repr(key), "first": seen[key], "second": get_column_letter(index)}
            raise DataFileError(
                code="workbook.key_twice",
                params=said,
                path=path,
                field=_sheet_row(values.title, KEY_ROW),
            )
        seen[key] = get_column_letter(index)
    for number in range(FIRST_DATA_ROW, values.max_row + 1):
        row = SheetRow(values.title, number)
        for index, key in enumerate(header, start=1):
            raw = values.cell(number, index).value
            name = f"{get_column_letter(index)}{number}"
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if formulas.cell(number, index).data_type == "f":
                    raise DataFileError(
                        code="workbook.formula", path=path, field=_sheet_cell(values.title, name)
                    )
                continue
            if not key:
                said = {"row": str(KEY_ROW), "got": repr(cell_text(raw))}
                raise DataFileError(
                    code="workbook.no_key",
                    params=said,
                    path=path,
                    field=_sheet_cell(values.title, name),
                )
            where = _sheet_cell(values.title, name)
            row.values[key] = _cell_value(key, raw, where, path)
            row.cells[key] = name
        if row.values:
            yield row


def is_dataset_workbook(data: bytes, path: str) -> bool:
    """Whether the .xlsx ``data`` is a dataset workbook (it has a ``components`` sheet).

    Looked up in the workbook's list of sheets only, without reading the workbook: a file
    that is no readable workbook is not one (``False``), and the reader it goes to instead
    says what is wrong with it.
    """
    del path  # the same signature as the readers'; nothing is raised here
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = _SHEET_NAME.findall(archive.read("xl/workbook.xml").decode("utf-8", "replace"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return False
    layout = DATASET_SHEETS[4]
    return any(
        html.unescape(name).strip() in (layout.key, layout.name_zh)
        or html.unescape(name).strip().endswith(f" {layout.key}")
        for name in names
    )


class _Builder:
    """The dataset mapping under construction, with the cell of every field path."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.data: dict[str, Any] = {"dataset": {}, "units": []}
        self.cells: dict[str, Phrase] = {}
        self.projects: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}

    def note(self, field: str, row: SheetRow, key: str | None = None) -> None:
        self.cells[field] = row.where(key)

    def parent(self, row: SheetRow, *keys: str) -> tuple[str, ...]:
        missing = [key for key in keys if not str(row.values.get(key, "")).strip()]
        if missing:
            said = {"key": missing[0], "words": Phrase(f"workbook.parent.{missing[0]}")}
            raise DataFileError(
                code="workbook.missing_parent", params=said, path=self.path, field=row.where()
            )
        return tuple(str(row.values.pop(key)) for key in keys)

    def project(self, row: SheetRow, unit: str, key: str) -> tuple[str, dict[str, Any]]:
        try:
            return self.projects[unit, key]
        except KeyError:
            said = {"key": repr(key), "unit": repr(unit)}
            raise DataFileError(
                code="workbook.no_project",
                params=said,
                path=self.path,
                field=row.where("project"),
            ) from None

    def fields(self, target: dict[str, Any], field: str, row: SheetRow) -> None:
        for key, value in row.values.items():
            _put(target, key, value)
            self.note(f"{field}.{key.removesuffix(LIST_SUFFIX)}", row, key)
        self.note(field, row)


def _dataset(build: _Builder, rows: list[SheetRow]) -> None:
    for row in rows:
        key = str(row.values.get("key") or "")
        value = row.values.get("value")
        if key and value is None:
            continue  # a field of the form left empty
        if not key:
            raise DataFileError(code="workbook.field_name", path=build.path, field=row.where())
        wanted = int(str(value)) if key == "year" and str(value).isdigit() else value
        build.data["dataset"][key] = wanted
        build.note(f"dataset.{key}", row, "value")


def _units_and_projects(build: _Builder, units: list[SheetRow], projects: list[SheetRow]) -> None:
    by_code: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in units:
        index = len(build.data["units"])
        unit: dict[str, Any] = {}
        build.fields(unit, f"units[{index}]", row)
        build.data["units"].append(unit)
        by_code[str(unit.get("code", ""))] = (index, unit)
    for row in projects:
        (code,) = build.parent(row, "unit_code")
        if code not in by_code:
            said = {"code": repr(code)}
            raise DataFileError(
                code="workbook.no_unit", params=said, path=build.path, field=row.where()
            )
        index, unit = by_code[code]
        projects_of_unit = unit.setdefault("projects", [])
        field = f"units[{index}].projects[{len(projects_of_unit)}]"
        project: dict[str, Any] = {}
        build.fields(project, field, row)
        projects_of_unit.append(project)
        build.projects[code, str(project.get("key", ""))] = (field, project)


def _children(build: _Builder, rows: list[SheetRow], name: str) -> None:
    """Goals, components or indicators: appended to their project in row order."""
    for row in rows:
        unit, key = build.parent(row, "unit_code", "project")
        field, project = build.project(row, unit, key)
        if name == "goals":
            goals = project.setdefault("goals", [])
            build.note(f"{field}.goals[{len(goals)}]", row, "text")
            goals.append(row.values.get("text", ""))
            continue
        items = project.setdefault(name, [])
        item: dict[str, Any] = {}
        build.fields(item, f"{field}.{name}[{len(items)}]", row)
        items.append(item)


def _component_rows(build: _Builder, rows: list[SheetRow]) -> None:
    for row in rows:
        unit, key, kind, list_name = build.parent(row, "unit_code", "project", "component", "list")
        field, project = build.project(row, unit, key)
        matches = [
            (index, item)
            for index, item in enumerate(project.get("components", []))
            if item.get("kind") == kind
        ]
        if len(matches) != 1:
            found = Phrase("workbook.no") if not matches else str(len(matches))
            said = {"found": found, "kind": repr(kind), "key": repr(key)}
            raise DataFileError(
                code="workbook.not_one_component",
                params=said,
                path=build.path,
                field=row.where("component"),
            )
        index, component = matches[0]
        entries = component.setdefault(list_name, [])
        entry: dict[str, Any] = {}
        build.fields(entry, f"{field}.components[{index}].{list_name}[{len(entries)}]", row)
        entries.append(entry)


def _kinds(build: _Builder, rows: list[SheetRow]) -> None:
    kinds = build.data.setdefault("component_kinds", [])
    for row in rows:
        kind: dict[str, Any] = {}
        build.fields(kind, f"component_kinds[{len(kinds)}]", row)
        kinds.append(kind)


def dataset_mapping(data: bytes, path: str) -> tuple[dict[str, Any], dict[str, Phrase]]:
    """The dataset mapping of a workbook, and the sheet and cell of each field path."""
    values, formulas = open_workbook(data, path)
    rows: dict[str, list[SheetRow]] = {}
    for layout in DATASET_SHEETS:
        sheet = find_sheet(values, layout)
        if sheet is None:
            rows[layout.key] = []
            continue
        rows[layout.key] = list(sheet_rows(sheet, formulas[sheet.title], path))
    if not rows["units"]:
        sheets = ", ".join(f"{layout.name_zh} {layout.key}" for layout in DATASET_SHEETS[:5])
        said = {"sheets": sheets}
        raise DataFileError(code="workbook.not_a_dataset", params=said, path=path)
    build = _Builder(path)
    _dataset(build, rows["dataset"])
    _units_and_projects(build, rows["units"], rows["projects"])
    for name in ("goals", "components", "indicators"):
        _children(build, rows[name], name)
    _component_rows(build, rows["component_rows"])
    if rows["component_kinds"]:
        _kinds(build, rows["component_kinds"])
    return build.data, build.cells


def _cell_of(field: str | None, cells: Mapping[str, Phrase]) -> Phrase | None:
    """The cell of the longest field path that ``field`` begins with."""
    if not field:
        return None
    candidate = field
    while candidate:
        if candidate in cells:
            return cells[candidate]
        cut = max(candidate.rfind("."), candidate.rfind("["))
        candidate = candidate[:cut] if cut > 0 else ""
    return None


def read_dataset_workbook(data: bytes, path: str = "<workbook>") -> Budget:
    """The :class:`~pension_subsidy.Budget` of a filled-in dataset workbook's bytes.

    Every problem raises :class:`~pension_subsidy.DataFileError` naming ``path``, the sheet
    and cell, and the dataset field (``units[1].projects[0].components[2].headcount``).
    """
    mapping, cells = dataset_mapping(data, path)
    try:
        return budget_from_mapping(mapping, path=path)
    except DataFileError as error:
        where = _cell_of(error.field, cells)
        if where is None:
            raise
        field = Phrase("field.with_header", name=where, header=error.field)
        raise DataFileError(error.problem, path=path, field=field, detail=error) from None


def load_dataset_workbook(path: str | Path) -> Budget:
    """Read a filled-in dataset workbook file (``.xlsx``); see :func:`read_dataset_workbook`."""
    return read_dataset_workbook(read_bytes(Path(path)), str(path))
