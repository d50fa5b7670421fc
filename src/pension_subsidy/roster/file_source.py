"""A roster file opened as a source of rows by its kind: CSV text or an ``.xlsx`` workbook.

CSV files may be UTF-8 (with or without a byte-order mark), GB18030 (GBK, as Chinese
exports often are) or UTF-16 with its byte-order mark; the encoding is detected from the
start of the file unless given. The header and the rows are read by the rules of Python's
``csv`` module, so the rows read are its records (a blank line is one, rejected for its
field count), each with the line it starts on. In an ``.xlsx`` workbook the active sheet
is read; each row keeps its sheet row number, and a formula cell must hold its saved
result. Values are taken as written: nothing is trimmed or "fixed". A Parquet file is read
by the columnar engine only. Anything else (a folder, a pipe, a zip archive or an old
``.xls`` workbook named as CSV) is refused with a :class:`~pension_subsidy.DataFileError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.csv_source import _CsvSource, detect_encoding
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.xlsx_source import _XlsxSource

__all__ = ["open_roster", "parquet_ready", "read_header"]

#: Files that are no CSV text whatever their name, by their first bytes: the code of the
#: message saying what they are.
_NOT_CSV: Final = (
    (b"PK\x03\x04", "roster.read.zip"),
    (b"\xd0\xcf\x11\xe0", "roster.read.old_xls"),
)
#: The install command of the columnar engine (the ``fast`` extra).
FAST_INSTALL: Final = "pip install 'pension-subsidy[fast]'"


def read_header(path: str | Path, *, encoding: str | None = None) -> list[str]:
    """The header row of a roster file (a Parquet file's column names)."""
    if Path(path).suffix.lower() == ".parquet":
        from pension_subsidy.roster.columnar_parquet import parquet_header  # noqa: PLC0415

        parquet_ready("auto")
        return parquet_header(path)
    return open_roster(Path(path), encoding, None).header()


def open_roster(
    path: Path, encoding: str | None, progress: ProgressMeter | None
) -> _CsvSource | _XlsxSource:
    """The roster file at ``path`` as a source of rows (CSV text or an ``.xlsx`` workbook)."""
    if not path.exists():
        raise DataFileError(code="roster.read.no_such_file", path=str(path))
    if path.is_dir():
        raise DataFileError(code="roster.read.folder", path=str(path))
    if not path.is_file():
        # the roster is read twice (the duplicate check's second look) and measured
        raise DataFileError(code="roster.read.not_regular", path=str(path))
    if path.suffix.lower() == ".xlsx":
        return _XlsxSource(path, progress)
    if path.suffix.lower() == ".xls":
        raise DataFileError(code="roster.read.xls", path=str(path))
    encoding = encoding or detect_encoding(path)
    with path.open("rb") as stream:
        start = stream.read(8)
    for magic, code in _NOT_CSV:
        if start.startswith(magic):
            raise DataFileError(code=code, path=str(path))
    return _CsvSource(path, encoding, progress)


def parquet_ready(engine: str) -> None:
    """Refuse a Parquet roster when the columnar engine cannot read it."""
    from pension_subsidy.roster.columnar import columnar_available  # noqa: PLC0415

    if engine == "pure" or not columnar_available():
        said = {
            "format": "Parquet",
            "extra": "fast",
            "install": FAST_INSTALL,
            "auto": "auto",
            "columnar": "columnar",
        }
        raise DataFileError(code="roster.read.parquet_columnar", params=said, field="engine")
