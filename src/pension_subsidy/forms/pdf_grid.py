"""A PDF's tables and text lines, page by page (pdfplumber, extra ``pdf``).

Only PDFs with a text layer can be read: a scanned page has no text to take (it would need
OCR, which is left out). pdfplumber's table finder gives ``None`` for a position covered by
a merged cell; it is kept as an empty position (the form parsers fill level names down).
"""

from __future__ import annotations

import io
from typing import Any

from pension_subsidy.exceptions import DataFileError, MissingDependencyError
from pension_subsidy.forms.grid import Grid, GridCell, Source, TextLine, _clean

__all__ = ["read_pdf"]

#: Pages read at most: forms are a few pages; a huge file is refused rather than crawled.
MAX_PAGES = 200
_INSTALL = 'pip install "pension-subsidy[pdf]"'
_PDF: dict[str, object] = {"pdf": "PDF"}


def read_pdf(data: bytes, path: str) -> Source:
    """The PDF's tables (per page) and its text lines (with page and line numbers)."""
    try:
        import pdfplumber  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        said = {"suffix": ".pdf", "package": "pdfplumber", "command": _INSTALL}
        raise MissingDependencyError(code="forms.dependency", params=said, extra="pdf") from None
    if not data.lstrip().startswith(b"%PDF"):
        head = {**_PDF, "signature": "%PDF"}
        raise DataFileError(code="forms.pdf.not_pdf", params=head, path=path)
    tables: list[Grid] = []
    lines: list[TextLine] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                pages = {**_PDF, "pages": len(pdf.pages), "most": MAX_PAGES}
                raise DataFileError(code="forms.pdf.too_many_pages", params=pages, path=path)
            for number, page in enumerate(pdf.pages, start=1):
                for found in page.extract_tables():
                    grid = _table_grid(found, f"table {len(tables) + 1}", number)
                    if grid.rows:
                        tables.append(grid)
                text = page.extract_text() or ""
                for line_number, line in enumerate(text.splitlines(), start=1):
                    clean = _clean(line)
                    if clean:
                        lines.append(TextLine(clean, line_number, number))
    except DataFileError:
        raise
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        why = {**_PDF, "reason": f"{type(error).__name__}: {str(error)[:120]}"}
        raise DataFileError(code="forms.pdf.unreadable", params=why, path=path) from None
    if not lines:
        raise DataFileError(code="forms.pdf.no_text_layer", params=_PDF, path=path)
    return Source(path, "pdf", tuple(tables), tuple(lines))


def _table_grid(rows: list[list[Any]], name: str, page: int) -> Grid:
    built = []
    for row_number, row in enumerate(rows, start=1):
        cells = []
        for column, value in enumerate(row, start=1):
            text = "" if value is None else _clean(str(value))
            cells.append(GridCell(text, row_number, column, (row_number, column)))
        built.append(tuple(cells))
    return Grid(name, tuple(built), page)
