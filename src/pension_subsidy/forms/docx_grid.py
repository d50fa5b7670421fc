"""A Word (.docx) file's tables and paragraphs, in document order (python-docx, extra ``word``).

Merged cells are resolved from the table's XML: ``w:gridSpan`` spans columns, ``w:vMerge``
continues the cell above; a covered position repeats the merged cell's text. Paragraphs
(outside tables) become numbered lines. Anything unreadable raises
:class:`~pension_subsidy.DataFileError`.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import Any

from pension_subsidy.exceptions import DataFileError, MissingDependencyError
from pension_subsidy.forms.grid import Grid, GridCell, Source, TextLine, _clean

__all__ = ["read_docx"]

_INSTALL = 'pip install "pension-subsidy[word]"'
_KIND = {"docx": ".docx", "doc": ".doc"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, path: str) -> Source:
    """The document's tables as grids and its other paragraphs as lines."""
    try:
        import docx  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        said = {"suffix": ".docx", "package": "python-docx", "command": _INSTALL}
        raise MissingDependencyError(code="forms.dependency", params=said, extra="word") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DataFileError(code="forms.docx.not_zip", params=_KIND, path=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        tables: list[Grid] = []
        lines: list[TextLine] = []
        for child in body.iterchildren():
            if child.tag == f"{_W}tbl":
                tables.append(_table_grid(child, f"table {len(tables) + 1}"))
            elif child.tag == f"{_W}p":
                text = _clean(_paragraph_text(child))
                if text:
                    lines.append(TextLine(text, len(lines) + 1))
    except DataFileError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        said = {"docx": ".docx", "reason": f"{type(error).__name__}: {str(error)[:120]}"}
        raise DataFileError(code="forms.docx.unreadable", params=said, path=path) from None
    return Source(path, "docx", tuple(grid for grid in tables if grid.rows), tuple(lines))


def _paragraph_text(element: Any) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{_W}tab",):
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    paragraphs = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]
    return "\n".join(paragraphs)


def _int_attribute(element: Any, tag: str, default: int) -> int:
    found = element.find(f"{_W}tcPr/{_W}{tag}")
    if found is None:
        return default
    try:
        return max(int(found.get(f"{_W}val", default)), 1)
    except ValueError:
        return default


def _vmerge(tc: Any) -> str | None:
    found = tc.find(f"{_W}tcPr/{_W}vMerge")
    if found is None:
        return None
    return str(found.get(f"{_W}val", "continue"))


def _table_grid(table: Any, name: str) -> Grid:
    cells: dict[tuple[int, int], GridCell] = {}
    rows = table.findall(f"{_W}tr")
    for row_number, tr in enumerate(rows, start=1):
        column = 1
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            with contextlib.suppress(ValueError):
                column += max(int(before.get(f"{_W}val", 0)), 0)
        for tc in tr.findall(f"{_W}tc"):
            span = _int_attribute(tc, "gridSpan", 1)
            merge = _vmerge(tc)
            above = cells.get((row_number - 1, column))
            if merge == "continue" and above is not None:
                origin, text = above.origin, above.text
            else:
                origin, text = (row_number, column), _clean(_cell_text(tc))
            for across in range(span):
                position = (row_number, column + across)
                cells[position] = GridCell(text, position[0], position[1], origin)
            column += span
    built = tuple(
        tuple(
            cells.get((row, column), GridCell("", row, column, (row, column)))
            for column in range(1, max((c for r, c in cells if r == row), default=0) + 1)
        )
        for row in range(1, len(rows) + 1)
    )
    return Grid(name, built)
