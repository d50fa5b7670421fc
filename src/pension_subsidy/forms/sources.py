"""Read any supported file into a :class:`~pension_subsidy.forms.grid.Source`, by its kind.

The kind is taken from the suffix (``.xlsx``, ``.docx``, ``.html``/``.htm``, ``.pdf``,
``.txt``/``.tsv``/``.csv``) and checked against the bytes: a PDF or a Word file saved under
another suffix is read as what it is; an old ``.xls``/``.doc`` or an image is refused with a
message saying what it appears to be.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pension_subsidy._encoding import read_bytes
from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.forms.grid import Source

__all__ = ["SUFFIXES", "read_source", "source_from_bytes"]

#: The file suffixes the form readers accept.
SUFFIXES: tuple[str, ...] = (
    ".xlsx",
    ".docx",
    ".html",
    ".htm",
    ".pdf",
    ".txt",
    ".tsv",
    ".csv",
    ".text",
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"))


def read_source(path: str | Path) -> Source:
    """The tables and lines of the file at ``path``."""
    file = Path(path)
    return source_from_bytes(read_bytes(file), str(file), suffix=file.suffix.lower())


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return "zip"


def _kind(data: bytes, suffix: str, path: str) -> str:  # noqa: PLR0911 - one return per kind
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK"):
        kind = _zip_kind(data)
        if kind in ("docx", "xlsx"):
            return kind
        if kind == "zip":
            said = {"word": "Word (.docx)", "supported": ", ".join(SUFFIXES)}
            raise DataFileError(code="forms.source.other_zip", params=said, path=path)
    if data.startswith(_OLE):
        said = {"office": "Office", "doc": ".doc", "word": "Word", "docx": ".docx"}
        raise DataFileError(code="forms.source.old_office", params=said, path=path)
    for signature, image_format in _IMAGES:
        if data.startswith(signature):
            said = {"format": image_format, "supported": ", ".join(SUFFIXES)}
            raise DataFileError(code="forms.source.image", params=said, path=path)
    if suffix in (".xlsx", ".docx", ".pdf"):
        return suffix[1:]  # the reader says what is wrong with the bytes
    lowered = head[:512].lower()
    if suffix in (".html", ".htm") or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if b"<table" in data[:65536].lower() and suffix not in (".csv", ".tsv"):
        return "html"
    if suffix == ".csv":
        return "csv"
    return "text"


def source_from_bytes(data: bytes, path: str, *, suffix: str = "") -> Source:
    """The tables and lines of a file's bytes; ``suffix`` is the file's (``".pdf"``)."""
    if not data.strip():
        said = {"expected": Phrase("forms.form")}
        raise DataFileError(code="file.empty", params=said, path=path)
    kind = _kind(data, suffix, path)
    if kind == "xlsx":
        from pension_subsidy.forms.xlsx_grid import read_xlsx  # noqa: PLC0415 - only when used

        return read_xlsx(data, path)
    if kind == "docx":
        from pension_subsidy.forms.docx_grid import read_docx  # noqa: PLC0415 - only when used

        return read_docx(data, path)
    if kind == "pdf":
        from pension_subsidy.forms.pdf_grid import read_pdf  # noqa: PLC0415 - only when used

        return read_pdf(data, path)
    if kind == "html":
        from pension_subsidy.forms.html_grid import read_html  # noqa: PLC0415 - only when used

        return read_html(data, path)
    from pension_subsidy.forms.text_grid import read_text_data  # noqa: PLC0415 - only when used

    return read_text_data(data, path, csv_rows=kind == "csv")
