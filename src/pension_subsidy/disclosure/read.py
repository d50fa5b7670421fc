r"""Read a performance-target disclosure table (绩效目标公开表) from text, CSV or Excel.

The table has a title, a header row (单位编码, 单位及项目名称, 金额 (万元), 绩效目标,
绩效指标) that may repeat, unit rows (with a code such as ``501003``) and project rows
(without one) below their unit. Goal and indicator cells hold ``<p>`` fragments (or lines);
indicators are numbered ``一、`` / ``(一)`` / ``1.`` and written with ≥ ≤ > < in ASCII,
full-width or LaTeX (``$\geq 100\%$``). Text may be UTF-8 (with or without BOM) or GB18030,
with LF or CRLF line ends.

The reader keeps what the table says: it never fixes a contradiction (the audit reports it).
Bad input raises :class:`~pension_subsidy.DataFileError` naming the file, line and cell.

>>> disclosure = parse_disclosure(
...     "某县2023年部门预算项目支出绩效目标公开表\n"
...     "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n"
...     "701001\t某县社会保险服务局\t12.00\t\t\n"
...     "\t城乡居民养老保险县级配套资金\t12.00\t<p>重度残疾人200人，财政代缴1.2万元</p>\t"
...     "<p>一、产出指标</p> <p>(一)成本指标：</p> <p>1.县级财政补贴 ≤12万元</p>\n",
...     name="demo.txt")
>>> fund = disclosure.budget.project("county_supporting_fund")
>>> fund.appropriation, fund.components[0].per_capita, fund.indicators[0].target_text
(Yuan('120000.00'), Yuan('60.00'), '≤12万元')
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from pension_subsidy._encoding import check_text, decode_text, read_bytes
from pension_subsidy._text import FORMULA_LEADS
from pension_subsidy.disclosure.model import (
    Disclosure,
    OutlineEntry,
    OutlineLevel,
    ProjectProse,
)
from pension_subsidy.disclosure.numbers import NUMBER, normalise_digits, parse_amount
from pension_subsidy.disclosure.prose import keywords, read_goal_prose
from pension_subsidy.exceptions import DataFileError, MissingDependencyError
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.indicators import Comparator, Indicator, Level1, Level2
from pension_subsidy.money import Yuan, parse_number

if TYPE_CHECKING:
    from openpyxl.reader.excel import ExcelReader

__all__ = [
    "TABLE_SUFFIXES",
    "parse_disclosure",
    "read_disclosure",
    "unescape_formula",
]

#: File suffixes read as disclosure tables.
TABLE_SUFFIXES: tuple[str, ...] = (".txt", ".tsv", ".csv", ".xlsx")

#: The columns, each recognised by a word in its header cell.
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "编码"),
    ("name", "名称"),
    ("amount", "金额"),
    ("goals", "绩效目标"),
    ("indicators", "绩效指标"),
)
_EXPECTED = "a text table"


@attrs.frozen
class _Row:
    """One row of cells and where it came from (``cells`` names each cell for errors)."""

    line: int
    cells: tuple[str, ...]
    cell_names: tuple[str, ...]


# -- entry points -------------------------------------------------------------------------
def read_disclosure(
    path: str | Path, *, key: str | None = None, year: int | None = None
) -> Disclosure:
    """Read a disclosure table from a ``.txt``/``.tsv``, ``.csv`` or ``.xlsx`` file.

    ``key`` names the budget (default: the file name without suffix); ``year`` overrides the
    year read from the title (``…2022年…``) or the file name.
    """
    file = Path(path)
    data = read_bytes(file)
    suffix = file.suffix.lower()
    name = str(file)
    if suffix == ".xlsx":
        rows = _xlsx_rows(data, name)
    elif suffix == ".csv":
        rows = _csv_rows(decode_table(data, name), name)
    elif suffix in (".txt", ".tsv"):
        rows = _tsv_rows(decode_table(data, name))
    else:
        expected = ", ".join(TABLE_SUFFIXES)
        raise DataFileError(f"unsupported kind of table {suffix or '(no suffix)'}; "
                            f"expected one of {expected}", path=name)  # fmt: skip
    return _disclosure(rows, name, key=key or file.stem, year=year)


def parse_disclosure(
    text: str,
    *,
    name: str = "<input>",
    format: str = "txt",
    key: str | None = None,
    year: int | None = None,
) -> Disclosure:
    """Read a disclosure table from text: tab-separated (``"txt"``) or ``"csv"``.

    ``name`` is used in error messages and, without ``key``, as the budget's key.
    """
    if format == "csv":
        rows = _csv_rows(_check_text(text, name), name)
    elif format in ("txt", "tsv"):
        rows = _tsv_rows(_check_text(text, name))
    else:
        raise DataFileError(f"format: expected 'txt' or 'csv', got {format!r}", path=name)
    return _disclosure(rows, name, key=key or Path(name).stem or name, year=year)


# -- decoding -----------------------------------------------------------------------------
def decode_table(data: bytes, path: str) -> str:
    """Bytes of a text table as str: UTF-8 (with or without BOM), else GB18030.

    Empty or binary data raises :class:`~pension_subsidy.DataFileError`. The decoding is the
    one every text file of the library goes through (:mod:`pension_subsidy._encoding`).
    """
    if not data.strip():
        raise DataFileError("empty file: expected a disclosure table", path=path)
    return _check_text(decode_text(data, path, expected=_EXPECTED), path)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise DataFileError("empty file: expected a disclosure table", path=path)
    return check_text(text, path, expected=_EXPECTED)


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _tsv_rows(text: str) -> list[_Row]:
    rows = []
    for number, line in enumerate(_lines(text), start=1):
        cells = tuple(line.split("\t"))
        rows.append(_Row(number, cells, tuple(f"column {i + 1}" for i in range(len(cells)))))
    return rows


def _csv_rows(text: str, path: str) -> list[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataFileError(f"not valid CSV: {error}", path=path, line=start) from None
        cells_ = tuple(unescape_formula(cell) for cell in cells)
        rows.append(_Row(start, cells_, tuple(f"column {i + 1}" for i in range(len(cells_)))))
    return rows


#: The start of an OLE compound file: an Excel 97-2003 .xls, or an encrypted .xlsx.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream a password-protected (encrypted) .xlsx keeps its workbook in, by name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _xlsx_rows(data: bytes, path: str) -> list[_Row]:
    """The first worksheet's rows; anything that cannot be read raises DataFileError.

    openpyxl's read-only mode parses a sheet only while its rows are iterated, so every step
    of the iteration is guarded, not just the opening. A formula without a stored result
    (a workbook written by a program, never opened in Excel) is refused: reading it as empty
    would drop the figure it stands for.
    """
    try:
        # the whole dotted import: a stale openpyxl.reader in sys.modules must not hide a
        # missing openpyxl
        import openpyxl.reader.excel  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:  # pragma: no cover - the test environment has openpyxl
        raise MissingDependencyError(
            "reading .xlsx needs openpyxl: pip install 'pension-subsidy[excel]'",
            extra="excel",
        ) from None
    if not data:
        raise DataFileError("empty file: expected an .xlsx workbook", path=path)
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise DataFileError(
                "a password-protected (encrypted) workbook: expected an .xlsx without a "
                "password; remove the password in Excel or WPS and save it again",
                path=path,
            )
        raise DataFileError(
            "an Excel 97-2003 workbook (.xls), not an .xlsx: open it in Excel or WPS and save "
            "it as .xlsx (Excel 工作簿)",
            path=path,
        )
    _check_zip(data, path)
    # openpyxl warns about parts it does not keep (data validation, extensions); only cell
    # values are read here, so those warnings say nothing about the table
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader_class = openpyxl.reader.excel.ExcelReader
        values = _open_xlsx(reader_class, data, path, data_only=True)
        try:
            formulas = _open_xlsx(reader_class, data, path, data_only=False)
            try:
                return _sheet_rows(values, formulas, path)
            finally:
                formulas.wb.close()
        finally:
            values.wb.close()


def _check_zip(data: bytes, path: str) -> None:
    """An .xlsx is a zip archive holding ``[Content_Types].xml``; say which part is wrong."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DataFileError("not a readable .xlsx workbook: not a zip archive (an .xlsx is "
                            "one), or one cut short", path=path) from None  # fmt: skip
    if "[Content_Types].xml" not in names:
        raise DataFileError("not a readable .xlsx workbook: a zip archive without "
                            "[Content_Types].xml", path=path)  # fmt: skip


def _open_xlsx(reader_class: type[ExcelReader], data: bytes, path: str, *,
               data_only: bool) -> ExcelReader:  # fmt: skip
    reader = reader_class(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        reader.read()
    except Exception as error:  # openpyxl raises zipfile, KeyError, XML and other errors alike
        raise DataFileError(f"not a readable .xlsx workbook ({_describe(error)})",
                            path=path) from None  # fmt: skip
    return reader


def _describe(error: Exception) -> str:
    text = str(error).strip().replace("\n", " ")
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _sheet_rows(values: ExcelReader, formulas: ExcelReader, path: str) -> list[_Row]:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional, as in _xlsx_rows

    declared = [(sheet, rel) for sheet, rel in values.parser.find_sheets()
                if "chartsheet" not in rel.Type]  # fmt: skip
    if not declared:
        raise DataFileError("a workbook without a worksheet: expected the table on the "
                            "first sheet", path=path)  # fmt: skip
    first, rel = declared[0]
    if rel.target not in values.valid_files or not values.wb.worksheets:
        raise DataFileError(f"damaged workbook: the part {rel.target} of the sheet "
                            f"{first.name!r} is missing", path=path)  # fmt: skip
    sheet, formula_sheet = values.wb.worksheets[0], formulas.wb.worksheets[0]
    where = f"sheet {sheet.title!r}"
    rows: list[_Row] = []
    try:
        for book_sheet in (sheet, formula_sheet):
            # a <dimension> that is too small would cut rows and columns off
            book_sheet.reset_dimensions()
        value_rows = sheet.iter_rows(values_only=True)
        formula_rows = formula_sheet.iter_rows()
        for number, (row_values, row_cells) in enumerate(zip(value_rows, formula_rows,
                                                             strict=True), start=1):  # fmt: skip
            names = tuple(f"{get_column_letter(i + 1)}{number}" for i in range(len(row_values)))
            for name, value, cell in zip(names, row_values, row_cells, strict=False):
                if value is None and cell.data_type == "f":
                    raise DataFileError(
                        f"the formula {str(cell.value)[:60]} has no stored result: open the "
                        "workbook in Excel or WPS and save it, so that its results are stored",
                        path=path, line=number, field=f"{where}, cell {name}",
                    )  # fmt: skip
            cells = tuple(unescape_formula(_xlsx_text(value)) for value in row_values)
            rows.append(_Row(number, cells, names))
    except DataFileError:
        raise
    except Exception as error:  # the sheet's XML is parsed here, row by row
        raise DataFileError(f"damaged sheet: cannot read row {len(rows) + 1} "
                            f"({_describe(error)})", path=path, line=len(rows) + 1,
                            field=where) from None  # fmt: skip
    return rows


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # openpyxl hands numbers back as binary floats; repr() is the shortest text that
        # reads back as the same float, i.e. the decimal the cell was written with.
        return format(Decimal(repr(value)), "f")
    return str(value)


def unescape_formula(cell: str) -> str:
    r"""Undo the writer's formula-injection guard: ``'=x`` → ``=x``.

    The leads are the writer's own (:data:`~pension_subsidy.output.workbook.FORMULA_LEADS`,
    tab and CR among them), so that every neutralised cell reads back exactly.

    >>> unescape_formula("'=SUM(A1)"), unescape_formula("'plain"), unescape_formula("''=x")
    ('=SUM(A1)', "'plain", "'=x")
    >>> unescape_formula("'\t=1"), unescape_formula("'\r@x")
    ('\t=1', '\r@x')
    """
    stripped = cell.lstrip("'")
    if cell.startswith("'") and stripped[:1] and stripped[0] in FORMULA_LEADS:
        return cell[1:]
    return cell


# -- the table ----------------------------------------------------------------------------
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

    def fail(self, row: _Row, problem: str, column: str | None = None) -> DataFileError:
        field = None
        if column is not None and column in self.columns:
            index = self.columns[column]
            name = row.cell_names[index] if index < len(row.cell_names) else f"column {index + 1}"
            field = f"{name} ({self.header[index]})" if self.header else name
        return DataFileError(problem, path=self.path, line=row.line, field=field)


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
                raise builder.fail(row, "expected the header row")
            builder.title.append(" ".join(cell.strip() for cell in row.cells if cell.strip()))
            continue
        _take_row(builder, row)
        data_rows += 1
    if not builder.columns:
        raise DataFileError(
            "no header row: expected a row with 单位编码, 单位及项目名称, 金额 (万元), 绩效目标, "
            "绩效指标",
            path=path,
        )
    if not builder.units:
        raise DataFileError("no unit rows: expected a row with a unit code such as 501003",
                            path=path)  # fmt: skip
    title = "\n".join(builder.title)
    units, outlines, proses = [], [], []
    for fields, projects, unit_outlines, unit_proses in builder.units:
        code, name, stated_total, parent = fields
        units.append(Unit(code=code, name_zh=name, stated_total=stated_total, parent=parent,
                          projects=tuple(projects)))  # fmt: skip
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
    raise DataFileError(
        "no year: expected a title such as '…2022年…绩效目标公开表' or a year in the file name",
        path=path,
    )


def _take_header(builder: _Builder, row: _Row, columns: dict[str, int]) -> None:
    missing = [word for field, word in _COLUMNS if field not in columns]
    if missing:
        raise DataFileError(
            f"header row without {', '.join(missing)}: expected 单位编码, 单位及项目名称, "
            "金额 (万元), 绩效目标, 绩效指标",
            path=builder.path, line=row.line,
        )  # fmt: skip
    for index, cell in enumerate(row.cells):
        if cell.strip() and index not in columns.values():
            raise DataFileError(
                f"unknown column {cell.strip()!r}: expected 单位编码, 单位及项目名称, 金额, "
                "绩效目标, 绩效指标",
                path=builder.path, line=row.line, field=row.cell_names[index],
            )  # fmt: skip
    header = tuple(cell.strip() for cell in row.cells)
    amount_header = header[columns["amount"]]
    unit = "元" if re.search(r"[(（]\s*元\s*[)）]", amount_header) else "万元"
    if builder.columns and (columns != builder.columns or unit != builder.amount_unit):
        raise DataFileError("the header row repeats with other columns than the first one",
                            path=builder.path, line=row.line)  # fmt: skip
    builder.columns = columns
    builder.header = header
    builder.amount_unit = unit


def _cell(builder: _Builder, row: _Row, column: str) -> str:
    return row.cells[builder.columns[column]].strip()


def _take_row(builder: _Builder, row: _Row) -> None:
    width = max(builder.columns.values()) + 1
    if len(row.cells) < width:
        raise builder.fail(
            row,
            f"truncated row: expected {width} cells ({', '.join(builder.header[:width])}), "
            f"got {len(row.cells)}",
        )
    extra = [cell for cell in row.cells[width:] if cell.strip()]
    if extra:
        raise builder.fail(row, f"expected {width} cells, got {len(row.cells)}: "
                                f"an extra cell holds {extra[0][:20]!r}")  # fmt: skip
    code = _cell(builder, row, "code")
    name = _cell(builder, row, "name")
    if not name:
        raise builder.fail(row, "missing name: expected a unit or project name", "name")
    amount_text = _cell(builder, row, "amount")
    amount = None
    if amount_text:
        try:
            amount = parse_amount(amount_text, default_unit=builder.amount_unit)[0]
        except ValueError as error:
            raise builder.fail(row, str(error), "amount") from None
    builder.lines.append(row.line)
    if code:
        _take_unit(builder, row, code, name, amount)
    else:
        _take_project(builder, row, name, amount)


def _take_unit(builder: _Builder, row: _Row, code: str, name: str, amount: Yuan | None) -> None:
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]*", code):
        raise builder.fail(row, f"expected a unit code such as 501003, got {code!r}", "code")
    for column in ("goals", "indicators"):
        if _cell(builder, row, column):
            raise builder.fail(row, "a unit row with text: goals and indicators belong on "
                                    "the project rows below it", column)  # fmt: skip
    parent = None
    for fields, _, _, _ in reversed(builder.units):
        other = fields[0]
        if code != other and code.startswith(other):
            parent = other
            break
    builder.units.append(((code, name, amount, parent), [], [], []))


def _take_project(builder: _Builder, row: _Row, name: str, amount: Yuan | None) -> None:
    if not builder.units:
        raise builder.fail(row, "a project row before any unit row: expected a unit code "
                                "such as 501003", "code")  # fmt: skip
    if amount is None:
        raise builder.fail(row, "missing amount: expected the project's amount", "amount")
    try:
        goals = paragraphs(_cell(builder, row, "goals"))
    except ValueError as error:
        raise builder.fail(row, str(error), "goals") from None
    try:
        outline = outline_entries(paragraphs(_cell(builder, row, "indicators")))
        indicators = tuple(_indicators(outline))
    except ValueError as error:
        raise builder.fail(row, str(error), "indicators") from None
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
    key, name_en = "", ""
    for kind in keywords()["project_kinds"]:
        if kind["keyword"] in name:
            key, name_en = str(kind["key"]), str(kind["name_en"])
            break
    if not key:
        key = "project_" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    unique, counter = key, 2
    while unique in taken:
        unique, counter = f"{key}_{counter}", counter + 1
    return unique, name_en


# -- cells --------------------------------------------------------------------------------
_TAG = re.compile(r"<\s*(/?)\s*(p|br)\b[^<>]*?/?\s*>", re.IGNORECASE)


def paragraphs(cell: str) -> tuple[str, ...]:
    r"""The paragraphs of a cell: ``<p>`` fragments (``<br>`` splits too), else its lines.

    Raises ValueError for an unclosed or stray ``<p>``: the row is probably truncated.

    >>> paragraphs("<p>目标一：a</p> <p>目标二：b</p>")
    ('目标一：a', '目标二：b')
    >>> paragraphs("1.人数 50人\n2.次数 ≥28次")
    ('1.人数 50人', '2.次数 ≥28次')
    """
    if not _TAG.search(cell):
        return tuple(_clean(line) for line in _lines(cell) if line.strip())
    found: list[str] = []
    inside = False
    position = 0
    for match in _TAG.finditer(cell):
        text = cell[position : match.start()]
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "br":
            if text.strip():
                found.append(_clean(text))
        elif closing:
            if not inside:
                raise ValueError(f"a </p> without its <p> before {cell[match.start() :][:20]!r}")
            found.append(_clean(text))
            inside = False
        else:
            if inside:
                raise ValueError(f"a <p> inside a <p> at {cell[match.start() :][:20]!r}")
            if text.strip():
                found.append(_clean(text))
            inside = True
        position = match.end()
    if inside:
        raise ValueError("an unclosed <p>: the cell (or the row) looks truncated")
    if cell[position:].strip():
        found.append(_clean(cell[position:]))
    return tuple(text for text in found if text)


def _clean(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", html.unescape(text)).strip()


_NUMERALS = "一二三四五六七八九"
_LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$")
_LEVEL2 = re.compile(r"^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$")
# at most nine digits: an indicator number, not a figure (and int() of it is quick)
_LEVEL3 = re.compile(r"^(\d{1,9})\s*[.．、]\s*(.+)$")


def chinese_number(text: str) -> int:
    """一 … 九十九 as an int (一 → 1, 十 → 10, 十二 → 12, 二十 → 20); 0 for anything else.

    >>> [chinese_number(text) for text in ("二十三", "十", "十十", "一二")]
    [23, 10, 0, 0]
    """
    digits = {numeral: value for value, numeral in enumerate(_NUMERALS, start=1)}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    if (tens and tens not in digits) or (ones and ones not in digits):
        return 0  # 十十, 一二十: no numeral a heading is numbered with
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def outline_entries(items: Sequence[str]) -> tuple[OutlineEntry, ...]:
    """Classify each paragraph of an indicator cell as a heading or an indicator."""
    entries = []
    for text in items:
        normal = normalise_digits(text)
        level1, level2, level3 = _LEVEL1.match(normal), _LEVEL2.match(normal), _LEVEL3.match(normal)
        if level1 and chinese_number(level1.group(1)):
            entries.append(OutlineEntry(OutlineLevel.LEVEL1, chinese_number(level1.group(1)), text))
        elif level2 and chinese_number(level2.group(1)):
            entries.append(OutlineEntry(OutlineLevel.LEVEL2, chinese_number(level2.group(1)), text))
        elif level3:
            entries.append(OutlineEntry(OutlineLevel.INDICATOR, int(level3.group(1)), text))
        else:
            raise ValueError(
                f"indicator paragraph {text[:30]!r}: expected a numbered heading (一、 (一)) "
                "or indicator (1.)"
            )
    return tuple(entries)


_LEVEL1_WORDS = (("满意", Level1.SATISFACTION), ("产出", Level1.OUTPUT), ("成本", Level1.OUTPUT),
                 ("效益", Level1.BENEFIT))  # fmt: skip
_LEVEL2_WORDS = (
    ("数量", Level2.QUANTITY), ("质量", Level2.QUALITY), ("时效", Level2.TIMELINESS),
    ("成本", Level2.COST), ("经济效益", Level2.ECONOMIC), ("社会效益", Level2.SOCIAL),
    ("生态效益", Level2.ECOLOGICAL), ("可持续", Level2.SUSTAINABLE),
    ("满意", Level2.BENEFICIARY_SATISFACTION),
)  # fmt: skip
_COMPARATOR = (r"(?:>=|<=|==|\\geq|\\leq|\\ge|\\le|\\gt|\\lt|\\textgreater|\\textless"
               r"|[≥≤><=＞＜＝≧≦⩾⩽])")  # fmt: skip
_QUANTITATIVE = re.compile(
    rf"^(?P<name>.*?\S)\s*(?P<cmp>{_COMPARATOR})?\s*(?P<number>{NUMBER})\s*"
    r"(?P<unit>万元|万|元|人|次|%|％|天|个|项|户|村)?$"
)
_QUALITATIVE = re.compile(r"^(?P<name>.*?\S)\s+(?P<word>[^\s\d<>=≥≤＜＞＝\\$]+)$")


def _indicators(outline: Sequence[OutlineEntry]) -> Iterator[Indicator]:
    level1: Level1 | None = None
    level2: Level2 | None = None
    for entry in outline:
        heading = re.sub(r"^\S*?[、)）]\s*", "", entry.text.strip(), count=1)
        if entry.level is OutlineLevel.LEVEL1:
            level1 = next((level for word, level in _LEVEL1_WORDS if word in heading), None)
            if level1 is None:
                raise ValueError(
                    f"heading {entry.text!r}: expected 产出指标, 效益指标 or 满意度指标"
                )
            level2 = Level2.COST if "成本" in heading and "产出" not in heading else None
            if level1 is Level1.SATISFACTION:
                level2 = Level2.BENEFICIARY_SATISFACTION
        elif entry.level is OutlineLevel.LEVEL2:
            level2 = next((level for word, level in _LEVEL2_WORDS if word in heading), None)
            if level2 is None or level1 is None or level2.level1 is not level1:
                raise ValueError(
                    f"heading {entry.text!r}: not a second-level indicator under "
                    f"{'no first-level heading' if level1 is None else level1.name_zh}"
                )
        else:
            if level1 is None or level2 is None:
                raise ValueError(f"indicator {entry.text!r} stands under no heading")
            yield _indicator(entry.text, level1, level2)


def _indicator(text: str, level1: Level1, level2: Level2) -> Indicator:
    body = normalise_digits(_LEVEL3.sub(r"\2", text.strip()))
    body = body.replace("$", "").replace("\\%", "%").replace("％", "%").strip()
    quantitative = _QUANTITATIVE.match(body)
    if quantitative:
        comparator = None
        if quantitative["cmp"]:
            comparator = Comparator.parse(quantitative["cmp"])
        unit = {"万": "万元", None: ""}.get(quantitative["unit"], quantitative["unit"])
        return Indicator(
            level1=level1,
            level2=level2,
            name=quantitative["name"].strip(),
            comparator=comparator,
            target=parse_number(quantitative["number"], field="target"),
            unit=unit,
            text=text,
        )
    qualitative = _QUALITATIVE.match(body)
    if qualitative:
        return Indicator(level1=level1, level2=level2, name=qualitative["name"].strip(),
                         comparator=None, target=qualitative["word"], text=text)  # fmt: skip
    raise ValueError(
        f"indicator {text!r}: expected a name and a target such as '≥98%', '109人' or '健全'"
    )
