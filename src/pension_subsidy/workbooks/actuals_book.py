"""A filled-in actuals workbook read back as the actuals an actuals TOML file gives.

The sheets are those of :data:`~pension_subsidy.workbooks.layout.ACTUALS_SHEETS`: the money
spent per project (``spent_wan``) and each indicator's ``actual``, ``reason`` and
``measure``. A row whose actual is empty gives no actual (the evaluation then says the
indicator has none); the reference columns (name, appropriation, target) are not read.
:func:`pension_subsidy.read_actuals` reads a ``.xlsx`` through :func:`actuals_mapping` and
holds the mapping to the TOML reader's checks
(:func:`pension_subsidy.evaluation.actuals.actuals_from_mapping`).
"""

from __future__ import annotations

from typing import Any

from pension_subsidy.disclosure.xlsx_rows import open_workbook
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.workbooks.dataset_book import SheetRow, find_sheet, sheet_rows
from pension_subsidy.workbooks.layout import ACTUALS_SHEETS

__all__ = ["actuals_mapping"]

#: Columns that only show the bureau what it is filling in; never read as figures.
_REFERENCE = frozenset({"name", "appropriation_wan", "target"})


def _project(
    projects: dict[str, dict[str, Any]], row: SheetRow, path: str
) -> tuple[str, dict[str, Any]]:
    key = str(row.values.get("project", "")).strip()
    if not key:
        raise DataFileError(code="workbook.missing_project", path=path, field=row.where())
    return key, projects.setdefault(key, {})


def actuals_mapping(data: bytes, path: str) -> dict[str, Any]:
    """The actuals mapping (as an actuals TOML file parses to) of a workbook's bytes."""
    values, formulas = open_workbook(data, path)
    meta_layout, spent_layout, indicator_layout = ACTUALS_SHEETS
    sheets = {layout.key: find_sheet(values, layout) for layout in ACTUALS_SHEETS}
    if sheets[indicator_layout.key] is None and sheets[spent_layout.key] is None:
        raise DataFileError(code="workbook.not_actuals", path=path)

    def rows(key: str) -> list[SheetRow]:
        sheet = sheets[key]
        return [] if sheet is None else list(sheet_rows(sheet, formulas[sheet.title], path))

    mapping: dict[str, Any] = {"actuals": {}, "projects": {}}
    for row in rows(meta_layout.key):
        key, value = row.values.get("key"), row.values.get("value")
        if key is not None and value is not None:
            mapping["actuals"][str(key)] = (
                int(value) if key == "year" and str(value).isdigit() else value
            )
    projects: dict[str, dict[str, Any]] = mapping["projects"]
    for row in rows(spent_layout.key):
        key, project = _project(projects, row, path)
        if "spent_wan" in row.values:
            project["spent_wan"] = row.values["spent_wan"]
    for row in rows(indicator_layout.key):
        key, project = _project(projects, row, path)
        name = str(row.values.get("indicator", "")).strip()
        if not name:
            raise DataFileError(code="workbook.missing_indicator", path=path, field=row.where())
        for column, table in (
            ("actual", "indicators"),
            ("reason", "reasons"),
            ("measure", "measures"),
        ):
            if column in row.values:
                project.setdefault(table, {})[name] = row.values[column]
        unknown = (
            set(row.values) - {"project", "indicator", "actual", "reason", "measure"} - _REFERENCE
        )
        if unknown:
            column = sorted(unknown)[0]
            said = {"column": repr(column)}
            raise DataFileError(
                code="workbook.unknown_column", params=said, path=path, field=row.where(column)
            )
    mapping["projects"] = {key: table for key, table in projects.items() if table}
    return mapping
