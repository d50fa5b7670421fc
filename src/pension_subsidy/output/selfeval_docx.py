"""The 自评表 as a Word document (``.docx``, python-docx, the ``word`` extra).

Drawn from :func:`~pension_subsidy.output.selfeval_layout.selfeval_cells`: one table per
project (a page each), cells merged as on the paper form, headers bold. The same document
gives the same bytes: the document's dates are fixed
(:data:`~pension_subsidy.output.workbook.SAVED_AT`) and the file's zip members are written
with fixed times.

>>> from pension_subsidy.forms.model import FormDocument, FormProject
>>> data = render_selfeval_docx(FormDocument("self_evaluation_table", "finance_10", "x",
...                                          projects=(FormProject("县级配套资金"),)))
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.forms.model import FormDocument, FormProject
from pension_subsidy.output.selfeval_layout import WIDTH, LaidCell, selfeval_cells
from pension_subsidy.output.workbook import SAVED_AT

__all__ = ["load_python_docx", "render_selfeval_docx"]

_DEFAULT_TITLE = "项目支出绩效自评表"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ZIP_MODE = 0o644 << 16


def load_python_docx() -> Any:
    """The ``docx`` module; :class:`~pension_subsidy.MissingDependencyError` without it."""
    try:
        import docx  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError:
        said = {
            "suffix": ".docx",
            "package": "python-docx",
            "install": "pip install 'pension-subsidy[word]'",
        }
        raise MissingDependencyError(
            code="output.dependency.python_docx", params=said, extra="word"
        ) from None
    return docx


def _fill(table: Any, cell: LaidCell) -> None:
    origin = table.cell(cell.row - 2, cell.column - 1)
    if cell.rows > 1 or cell.columns > 1:
        corner = table.cell(cell.row - 2 + cell.rows - 1, cell.column - 1 + cell.columns - 1)
        origin = origin.merge(corner)
    origin.text = cell.text
    if cell.kind == "header":
        for paragraph in origin.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _project(document: Any, project: FormProject, title: str) -> None:
    cells = selfeval_cells(project, title=title)
    heading = document.add_paragraph()
    heading.add_run(title).bold = True
    body = [cell for cell in cells if cell.kind != "title"]
    height = max(cell.row + cell.rows - 1 for cell in body) - 1
    table = document.add_table(rows=height, cols=WIDTH)
    table.style = "Table Grid"
    for cell in body:
        _fill(table, cell)


def _fixed_zip(data: bytes) -> bytes:
    saved = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = _ZIP_MODE
            target.writestr(fixed, source.read(member))
    return saved.getvalue()


def render_selfeval_docx(document: FormDocument) -> bytes:
    """The self-evaluation tables of ``document`` as a Word file.

    Raises :class:`~pension_subsidy.MissingDependencyError` without python-docx (``word``).
    """
    docx = load_python_docx()
    word = docx.Document()
    word.core_properties.created = SAVED_AT
    word.core_properties.modified = SAVED_AT
    word.core_properties.last_printed = SAVED_AT
    title = document.title or _DEFAULT_TITLE
    for index, project in enumerate(document.projects):
        if index:
            word.add_page_break()
        _project(word, project, title)
    if not document.projects:
        word.add_paragraph().add_run(title).bold = True
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())
