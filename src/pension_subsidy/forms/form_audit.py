"""Audit any form: the disclosure table as before, a self-evaluation table, a prose report.

:func:`audit_source` is what ``audit FILE`` runs. A bundled name, a dataset ``.toml`` and a
table file the disclosure reader reads (``.txt``/``.tsv``/``.csv``/``.xlsx``) are audited as
before (:func:`~pension_subsidy.disclosure.audit.audit`); any other file — a Word document, a
saved web page, a PDF, or a table of another form — is read with
:func:`~pension_subsidy.forms.read.read_form` and audited by its form:
:func:`~pension_subsidy.forms.selfeval_audit.audit_self_evaluation` or
:func:`~pension_subsidy.forms.prose_audit.audit_prose`. A target table has nothing to add up
and gives no finding. The result says which form and layout were read (:class:`FormAudit`).

A file that is no supported form is refused with the form reader's message (what it appears
to be, and what is supported), never the disclosure reader's generic "no header row"; a
damaged disclosure table keeps the disclosure reader's own message.

>>> result = audit_source(None)
>>> result.form, result.layout, len(result.findings)
('disclosure_table', 'five_column', 7)
>>> list(result.data())
['findings', 'form', 'layout']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.disclosure import (
    TABLE_SUFFIXES,
    Disclosure,
    bundled_disclosure_names,
    load_disclosure,
)
from pension_subsidy.disclosure.audit import audit
from pension_subsidy.disclosure.checks.finding import Finding, findings_frame, findings_html
from pension_subsidy.exceptions import DataFileError, os_reason
from pension_subsidy.forms.detect import detect
from pension_subsidy.forms.disclosure_form import disclosure_of_grid
from pension_subsidy.forms.labelled import rows_of
from pension_subsidy.forms.model import FormDocument
from pension_subsidy.forms.prose_audit import audit_prose
from pension_subsidy.forms.read import form_of_source
from pension_subsidy.forms.selfeval_audit import audit_self_evaluation
from pension_subsidy.forms.sources import SUFFIXES, read_source

if TYPE_CHECKING:
    import pandas

__all__ = ["FormAudit", "audit_form", "audit_source"]

#: The layout of a disclosure given as a dataset (TOML): the budget alone, no table.
DATASET_LAYOUT = "dataset"
_GENERIC_HEADER = "no header row"  # the disclosure reader's message when no 公开表 heading
_GENERIC_CODE = "table.no_header"  # … and its code, where errors carry one


@attrs.frozen
class FormAudit:
    """An audit's findings with the form and layout that were read.

    ``form`` is one of :data:`~pension_subsidy.forms.model.FORMS`; ``layout`` the layout's
    name (``five_column`` for the 公开表, ``dataset`` for a dataset file, ``finance_10``,
    ``hebei``, ``prose``…).
    """

    form: str
    layout: str
    findings: tuple[Finding, ...]

    def __repr__(self) -> str:
        """``FormAudit(form=…, layout=…, findings=n)``: short however many findings."""
        return short_repr(
            "FormAudit", form=self.form, layout=self.layout, findings=len(self.findings)
        )

    def to_frame(self) -> pandas.DataFrame:
        """The findings, one row each (the ``pandas`` extra), with ``form`` and ``layout``.

        The columns after ``form`` and ``layout`` are
        :func:`~pension_subsidy.disclosure.checks.finding.findings_frame`'s.

        >>> frame = audit_source(None).to_frame()
        >>> len(frame), list(frame.columns[:4])
        (7, ['form', 'layout', 'code', 'severity'])
        """
        frame = findings_frame(self.findings)
        frame.insert(0, "layout", [self.layout] * len(frame))
        frame.insert(0, "form", [self.form] * len(frame))
        return frame

    def _repr_html_(self) -> str:
        """The findings as a small HTML table (Jupyter)."""
        caption = f"audit of a {self.form} ({self.layout}): {len(self.findings)} findings"
        return findings_html(caption, self.findings)

    def data(self) -> dict[str, Any]:
        """``{"findings": [...], "form", "layout"}``: the ``audit --format json`` shape."""
        return {
            "findings": [finding.data() for finding in self.findings],
            "form": self.form,
            "layout": self.layout,
        }


def audit_form(document: FormDocument) -> tuple[Finding, ...]:
    """The findings of a form read by :func:`~pension_subsidy.forms.read.read_form`.

    A disclosure table read from a form file is audited as one; a target table has no
    arithmetic of its own to check (its amounts are audited as a disclosure) and gives none.
    """
    if document.form == "self_evaluation_table":
        return audit_self_evaluation(document)
    if document.form == "evaluation_report":
        return audit_prose(document)
    return ()


def _disclosure_of_grid(path: str) -> Disclosure:
    """A disclosure table in a Word file, a web page or a PDF, as the disclosure reader sees it."""
    source = read_source(path)
    detection = detect(source)
    rows = rows_of(source.tables)
    grid = rows[detection.heading or 0].grid
    return disclosure_of_grid(grid, path, source.titles)[0]


def audit_source(source: str | Path | None) -> FormAudit:
    """Audit the form in ``source``: a bundled name, a dataset, or a file of any form."""
    text = None if source is None else str(source)
    is_file = text is not None and _is_file(text)
    if text is None or (text in bundled_disclosure_names() and not is_file):
        return FormAudit("disclosure_table", "five_column", audit(load_disclosure(source)))
    suffix = Path(text).suffix.lower()
    if not is_file or (suffix not in SUFFIXES and suffix not in TABLE_SUFFIXES):
        layout = "five_column" if suffix in TABLE_SUFFIXES else DATASET_LAYOUT
        return FormAudit("disclosure_table", layout, audit(load_disclosure(source)))
    if suffix in TABLE_SUFFIXES:
        try:
            disclosure = load_disclosure(source)
        except DataFileError as error:
            return _other_form(text, error)
        return FormAudit("disclosure_table", "five_column", audit(disclosure))
    return _other_form(text, None)


def _is_file(text: str) -> bool:
    """Whether ``text`` names a file; a name the system cannot look up is a DataFileError.

    >>> _is_file("a" * 300 + ".docx")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.DataFileError: aaa...: cannot open: File name too long
    """
    try:
        return Path(text).is_file()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte in it
        params = {"reason": os_reason(error)}
        raise DataFileError(code="file.cannot_open", params=params, path=text[:200]) from None


def _no_heading(error: DataFileError) -> bool:
    """Whether the disclosure reader found no 公开表 heading at all (the file is another form)."""
    return getattr(error, "code", None) == _GENERIC_CODE or _GENERIC_HEADER in str(error)


def _other_form(path: str, disclosure_error: DataFileError | None) -> FormAudit:
    """A file the disclosure reader does not read: read as a form, or refused as none."""
    try:
        document = form_of_source(read_source(path))
    except DataFileError:
        if disclosure_error is not None and not _no_heading(disclosure_error):
            raise disclosure_error from None  # a damaged 公开表: its own message
        raise
    if document.form == "disclosure_table":
        if disclosure_error is not None:
            raise disclosure_error
        return FormAudit(document.form, document.layout, audit(_disclosure_of_grid(path)))
    return FormAudit(document.form, document.layout, audit_form(document))
