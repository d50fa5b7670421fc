"""The disclosure table's structure: the header row, unit rows and the project rows below them.

:func:`_disclosure` turns the rows of any file kind into a
:class:`~pension_subsidy.disclosure.model.Disclosure`: it finds the header (which may repeat),
reads each unit and project, the goals' prose and the indicator outline.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from pension_subsidy.disclosure.indicator_text import _indicators
from pension_subsidy.disclosure.keywords import project_kind
from pension_subsidy.disclosure.model import (
    Disclosure,
    OutlineEntry,
    ProjectProse,
)
from pension_subsidy.disclosure.numbers import normalise_digits, parse_amount
from pension_subsidy.disclosure.outline import outline_entries, paragraphs
from pension_subsidy.disclosure.prose import read_goal_prose
from pension_subsidy.disclosure.text_rows import _Row
from pension_subsidy.exceptions import DataFileError, PensionSubsidyError, Phrase
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.money import Yuan

#: The columns, each recognised by a word in its header cell.
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "编码"),
    ("name", "名称"),
    ("amount", "金额"),
    ("goals", "绩效目标"),
    ("indicators", "绩效指标"),
)


_UnitRows = tuple[
    tuple[str, str, Yuan | None, str | None],
    list[Project],
    list[tuple[OutlineEntry, ...]],
    list[ProjectProse],
]


@attrs.define
class _Builder:
    """Collects units and projects row by row."""

    path: str
    columns: dict[str, int] = attrs.Factory(dict)
    header: tuple[str, ...] = ()
    amount_unit: str = "万元"
    title: list[str] = attrs.Factory(list)
    #: per unit: (code, name, stated total, parent code), its projects, outlines, prose
    units: list[_UnitRows] = attrs.Factory(list)
    header_rows: list[int] = attrs.Factory(list)
    lines: list[int] = attrs.Factory(list)
    keys: set[str] = attrs.Factory(set)

    def fail(
        self,
        row: _Row,
        code: str,
        column: str | None = None,
        *,
        detail: Exception | None = None,
        **params: object,
    ) -> DataFileError:
        """The error ``code`` at ``row``, naming the cell of ``column``; ``detail`` repeated."""
        field: Phrase | str | None = None
        if column is not None and column in self.columns:
            index = self.columns[column]
            name = row.cell_names[index] if index < len(row.cell_names) else f"column {index + 1}"
            # a text table's cells are "column 3": said in the reader's language
            said = Phrase("field.column", name, number=index + 1)
            field = said if name == f"column {index + 1}" else name
            if self.header:
                header = self.header[index]
                field = Phrase("field.with_header", f"{name} ({header})", name=field, header=header)
        if isinstance(detail, PensionSubsidyError):
            problem = detail.problem if isinstance(detail, DataFileError) else str(detail)
            return DataFileError(problem, path=self.path, line=row.line, field=field, detail=detail)
        if detail is not None:  # pragma: no cover - the readers raise the library's errors
            return DataFileError(str(detail), path=self.path, line=row.line, field=field)
        return DataFileError(code=code, params=params, path=self.path, line=row.line, field=field)


def _is_blank(row: _Row) -> bool:
    return not any(cell.strip() for cell in row.cells)


def _header_columns(row: _Row) -> dict[str, int] | None:
    cells = [cell.strip() for cell in row.cells]
    if not any("编码" in cell for cell in cells) or not any("金额" in cell for cell in cells):
        return None
    columns: dict[str, int] = {}
    for field, word in _COLUMNS:
        for index, cell in enumerate(cells):
            if word in cell and index not in columns.values():
                columns[field] = index
                break
    return columns


def _disclosure(rows: Sequence[_Row], path: str, *, key: str, year: int | None) -> Disclosure:
    builder = _Builder(path)
    data_rows = 0
    for row in rows:
        if _is_blank(row):
            continue
        columns = _header_columns(row)
        if columns is not None:
            _take_header(builder, row, columns)
            builder.header_rows.append(data_rows)
            continue
        if not builder.columns:
            if builder.units:  # pragma: no cover - units only follow a header
                raise builder.fail(row, "table.expected_header")
            builder.title.append(" ".join(cell.strip() for cell in row.cells if cell.strip()))
            continue
        _take_row(builder, row)
        data_rows += 1
    if not builder.columns:
        raise DataFileError(code="table.no_header", path=path)
    if not builder.units:
        raise DataFileError(code="table.no_units", path=path)
    title = "\n".join(builder.title)
    units, outlines, proses = [], [], []
    for fields, projects, unit_outlines, unit_proses in builder.units:
        code, name, stated_total, parent = fields
        units.append(
            Unit(
                code=code,
                name_zh=name,
                stated_total=stated_total,
                parent=parent,
                projects=tuple(projects),
            )
        )
        outlines += unit_outlines
        proses += unit_proses
    budget = Budget(
        key=key,
        year=_year(title, path) if year is None else year,
        title_zh=title,
        units=tuple(units),
        source=Path(path).name,
    )
    return Disclosure(
        budget=budget,
        title=title,
        amount_unit=builder.amount_unit,
        outlines=tuple(outlines),
        prose=tuple(proses),
        header_rows=tuple(builder.header_rows),
        lines=tuple(builder.lines),
    )


def _year(title: str, path: str) -> int:
    for text in (title, Path(path).name):
        match = re.search(r"(?<!\d)((?:19|20)\d{2})(?:年|(?!\d))", normalise_digits(text))
        if match:
            return int(match.group(1))
    raise DataFileError(code="table.no_year", path=path)


def _take_header(builder: _Builder, row: _Row, columns: dict[str, int]) -> None:
    missing = [word for field, word in _COLUMNS if field not in columns]
    if missing:
        params = {"missing": ", ".join(missing)}
        raise DataFileError(
            code="table.header_missing", params=params, path=builder.path, line=row.line
        )
    for index, cell in enumerate(row.cells):
        if cell.strip() and index not in columns.values():
            name = row.cell_names[index]
            raise DataFileError(
                code="table.unknown_column",
                params={"column": repr(cell.strip())},
                path=builder.path,
                line=row.line,
                field=Phrase("field.column", name, number=index + 1)
                if name == f"column {index + 1}"
                else name,
            )
    header = tuple(cell.strip() for cell in row.cells)
    amount_header = header[columns["amount"]]
    unit = "元" if re.search(r"[(（]\s*元\s*[)）]", amount_header) else "万元"
    if builder.columns and (columns != builder.columns or unit != builder.amount_unit):
        raise DataFileError(code="table.header_changes", path=builder.path, line=row.line)
    builder.columns = columns
    builder.header = header
    builder.amount_unit = unit


def _cell(builder: _Builder, row: _Row, column: str) -> str:
    return row.cells[builder.columns[column]].strip()


def _take_row(builder: _Builder, row: _Row) -> None:
    width = max(builder.columns.values()) + 1
    if len(row.cells) < width:
        columns = ", ".join(builder.header[:width])
        raise builder.fail(
            row, "table.truncated_row", width=width, columns=columns, count=len(row.cells)
        )
    extra = [cell for cell in row.cells[width:] if cell.strip()]
    if extra:
        raise builder.fail(
            row, "table.extra_cell", width=width, count=len(row.cells), extra=repr(extra[0][:20])
        )
    code = _cell(builder, row, "code")
    name = _cell(builder, row, "name")
    if not name:
        raise builder.fail(row, "table.missing_name", "name")
    amount_text = _cell(builder, row, "amount")
    amount = None
    if amount_text:
        try:
            amount = parse_amount(amount_text, default_unit=builder.amount_unit)[0]
        except ValueError as error:
            raise builder.fail(row, "", "amount", detail=error) from None
    builder.lines.append(row.line)
    if code:
        _take_unit(builder, row, code, name, amount)
    else:
        _take_project(builder, row, name, amount)


def _take_unit(builder: _Builder, row: _Row, code: str, name: str, amount: Yuan | None) -> None:
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]*", code):
        raise builder.fail(row, "table.bad_unit_code", "code", got=repr(code))
    for column in ("goals", "indicators"):
        if _cell(builder, row, column):
            raise builder.fail(row, "table.unit_row_text", column)
    parent = None
    for fields, _, _, _ in reversed(builder.units):
        other = fields[0]
        if code != other and code.startswith(other):
            parent = other
            break
    builder.units.append(((code, name, amount, parent), [], [], []))


def _take_project(builder: _Builder, row: _Row, name: str, amount: Yuan | None) -> None:
    if not builder.units:
        raise builder.fail(row, "table.project_before_unit", "code")
    if amount is None:
        raise builder.fail(row, "table.missing_amount", "amount")
    try:
        goals = paragraphs(_cell(builder, row, "goals"))
    except ValueError as error:
        raise builder.fail(row, "", "goals", detail=error) from None
    try:
        outline = outline_entries(paragraphs(_cell(builder, row, "indicators")))
        indicators = tuple(_indicators(outline))
    except ValueError as error:
        raise builder.fail(row, "", "indicators", detail=error) from None
    reading = read_goal_prose(goals)
    key, name_en = _project_key(name, builder.keys)
    builder.keys.add(key)
    project = Project(
        key=key,
        name_zh=name,
        name_en=name_en,
        appropriation=amount,
        components=reading.components,
        goals=goals,
        indicators=indicators,
    )
    _, projects, outlines, proses = builder.units[-1]
    projects.append(project)
    outlines.append(outline)
    proses.append(reading.prose)


def _project_key(name: str, taken: set[str]) -> tuple[str, str]:
    """The key of a project from its name's keywords, else a stable slug of the name."""
    key, name_en = project_kind(name) or ("", "")
    if not key:
        key = "project_" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    unique, counter = key, 2
    while unique in taken:
        unique, counter = f"{key}_{counter}", counter + 1
    return unique, name_en
