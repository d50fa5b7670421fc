"""Excel-first input: filled-in workbook templates read back as datasets and actuals.

A bureau gets a workbook (``pension-subsidy template dataset|actuals -o FILE``), fills it in
Excel or WPS, and hands it to any command that takes a dataset or an actuals file. Holds
:mod:`~pension_subsidy.workbooks.layout` (the sheets and columns, shared with the writer in
:mod:`pension_subsidy.output.template_xlsx`), :mod:`~pension_subsidy.workbooks.dataset_book`
(a dataset workbook to the same mapping a dataset TOML file parses to) and
:mod:`~pension_subsidy.workbooks.actuals_book` (an actuals workbook to the actuals mapping,
which :func:`pension_subsidy.read_actuals` checks as it checks a TOML file).
Every check is the TOML reader's: an error names the sheet and cell as well as the field.

May import: layers 0–2 and the .xlsx opening of :mod:`pension_subsidy.disclosure.xlsx_rows`.
Never ``output`` or ``cli``; never babel. (The readers that use it,
:func:`pension_subsidy.load_source` and :func:`pension_subsidy.read_actuals`, import it
when a ``.xlsx`` comes.)
"""

from __future__ import annotations

from pension_subsidy.workbooks.actuals_book import actuals_mapping
from pension_subsidy.workbooks.dataset_book import (
    is_dataset_workbook,
    load_dataset_workbook,
    read_dataset_workbook,
)

__all__ = [
    "actuals_mapping",
    "is_dataset_workbook",
    "load_dataset_workbook",
    "read_dataset_workbook",
]
