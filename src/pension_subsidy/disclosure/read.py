r"""Read a performance-target disclosure table (绩效目标公开表) from text, CSV or Excel.

The table has a title, a header row (单位编码, 单位及项目名称, 金额 (万元), 绩效目标,
绩效指标) that may repeat, unit rows (with a code such as ``501003``) and project rows
(without one) below their unit. Goal and indicator cells hold ``<p>`` fragments (or lines);
indicators are numbered ``一、`` / ``(一)`` / ``1.`` and written with ≥ ≤ > < in ASCII,
full-width or LaTeX (``$\geq 100\%$``). Text may be UTF-8 (with or without BOM) or GB18030,
with LF or CRLF line ends.

The reader keeps what the table says: it never fixes a contradiction (the audit reports it).
Bad input raises :class:`~pension_subsidy.DataFileError` naming the file, line and cell.

This module holds the entry points; the work is done beside it, one job each:
:mod:`~pension_subsidy.disclosure.text_rows` and :mod:`~pension_subsidy.disclosure.xlsx_rows`
(the rows of each file kind), :mod:`~pension_subsidy.disclosure.table` (header, units and
projects), :mod:`~pension_subsidy.disclosure.outline` (paragraphs and numbering) and
:mod:`~pension_subsidy.disclosure.indicator_text` (indicators and targets).

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

from pathlib import Path

from pension_subsidy._encoding import read_bytes
from pension_subsidy.disclosure.model import (
    Disclosure,
)
from pension_subsidy.disclosure.outline import chinese_number, paragraphs
from pension_subsidy.disclosure.table import _disclosure
from pension_subsidy.disclosure.text_rows import (
    _check_text,
    _csv_rows,
    _tsv_rows,
    decode_table,
    unescape_formula,
)
from pension_subsidy.disclosure.xlsx_rows import _xlsx_rows
from pension_subsidy.exceptions import DataFileError, Phrase

__all__ = [
    "TABLE_SUFFIXES",
    "chinese_number",
    "decode_table",
    "paragraphs",
    "parse_disclosure",
    "read_disclosure",
    "unescape_formula",
]

#: File suffixes read as disclosure tables.
TABLE_SUFFIXES: tuple[str, ...] = (".txt", ".tsv", ".csv", ".xlsx")


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
        params = {
            "suffix": suffix or Phrase("file.no_suffix"),
            "expected": ", ".join(TABLE_SUFFIXES),
        }
        raise DataFileError(code="table.unsupported_kind", params=params, path=name)
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
        params = {"got": repr(format)}
        raise DataFileError(code="table.unknown_format", params=params, path=name)
    return _disclosure(rows, name, key=key or Path(name).stem or name, year=year)
