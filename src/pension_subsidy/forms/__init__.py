"""The national performance forms as published: target tables, self-evaluation tables, reports.

Read from .xlsx, .docx, saved HTML pages, PDF with a text layer and pasted text into one
model (:mod:`~pension_subsidy.forms.model`): :class:`~pension_subsidy.forms.model.FormDocument`
with its projects, indicators and prose figures, each with where it came from.

May import: the model, disclosure (the five-column 公开表 reader) and everything below them.
Never ``output`` or ``cli``; never babel.
"""

from __future__ import annotations

from pension_subsidy.forms.model import (
    FORMS,
    MONEY_ROWS,
    Figure,
    FormDocument,
    FormGoal,
    FormIndicator,
    FormProject,
    MoneyRow,
    StatedAmount,
    StatedNumber,
    Where,
)

__all__ = [
    "FORMS",
    "MONEY_ROWS",
    "Figure",
    "FormDocument",
    "FormGoal",
    "FormIndicator",
    "FormProject",
    "MoneyRow",
    "StatedAmount",
    "StatedNumber",
    "Where",
]
