"""The 自评表 in any of its file formats, and written to a file all or nothing.

``xlsx`` (openpyxl, the ``excel`` extra), ``html`` and ``docx`` (python-docx, the ``word``
extra); the format of :func:`write_selfeval` is the file's suffix unless given. The file is
written through :mod:`pension_subsidy._files`: a reader sees the old file or the new one.

>>> SELFEVAL_FORMATS
('xlsx', 'html', 'docx')
>>> format_of("自评表.DOCX")
'docx'
"""

from __future__ import annotations

import os
from pathlib import Path

from pension_subsidy._files import write_output
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.output.selfeval_docx import render_selfeval_docx
from pension_subsidy.output.selfeval_html import render_selfeval_html
from pension_subsidy.output.selfeval_xlsx import render_selfeval_xlsx

__all__ = ["SELFEVAL_FORMATS", "format_of", "render_selfeval", "write_selfeval"]

#: The formats the 自评表 is written in.
SELFEVAL_FORMATS: tuple[str, ...] = ("xlsx", "html", "docx")


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file's suffix names (``.htm`` is html); DataFileError for another."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    if suffix not in SELFEVAL_FORMATS:
        said = {"suffixes": ".xlsx, .html, .docx"}
        raise DataFileError(
            code="output.selfeval.unknown_suffix", params=said, path=os.fspath(path)
        )
    return suffix


def render_selfeval(document: FormDocument, format: str) -> bytes:
    """The self-evaluation tables of ``document`` as the bytes of a ``format`` file."""
    if format == "xlsx":
        return render_selfeval_xlsx(document)
    if format == "docx":
        return render_selfeval_docx(document)
    if format == "html":
        return render_selfeval_html(document).encode("utf-8")
    said = {"formats": ", ".join(SELFEVAL_FORMATS), "got": repr(format)}
    raise DataFileError(code="write.unknown_format", params=said, field="format")


def write_selfeval(
    document: FormDocument,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> Path:
    """Write the self-evaluation tables of ``document`` to ``path`` (all or nothing)."""
    return write_output(path, render_selfeval(document, format or format_of(path)))
