r"""Writing rejected rows to a CSV file, each after its line, reason, field and detail.

>>> import io
>>> from pension_subsidy.roster.classify import Reason, Rejection
>>> out = io.StringIO(newline="")
>>> writer = RejectsWriter(out, ["person_id", "grade"])
>>> writer(Rejection(7, Reason.BAD_NUMBER, "grade", "expected a grade", ("P1", "abc")))
>>> writer(Rejection(9, Reason.BAD_NUMBER, "grade", "expected a grade", ("P2", "1\r=1+1")))
>>> out.getvalue().split("\r\n")
['line,reason,field,detail,person_id,grade', '7,bad_number,grade,expected a grade,P1,abc',
 '9,bad_number,grade,expected a grade,P2,"1\r=1+1"', '']

With a ``locale``, a ``reason_text`` column after ``detail`` says the reason in words, in
Chinese for zh_*, beside the reason code a program matches on:

>>> out = io.StringIO(newline="")
>>> writer = RejectsWriter(out, ["person_id"], locale="zh_CN")
>>> writer(Rejection(7, Reason.BAD_NUMBER, "grade", "expected a grade", ("P1",)))
>>> out.getvalue().split("\r\n")[:2]
['line,reason,field,detail,reason_text,person_id',
 '7,bad_number,grade,expected a grade,数字无效,P1']
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from pension_subsidy._text import neutralise_formula
from pension_subsidy.output.language import Localised
from pension_subsidy.output.roster_text import detail_text, reason_text
from pension_subsidy.roster.classify import Rejection

__all__ = ["DETAIL_TEXT_COLUMN", "REASON_TEXT_COLUMN", "REJECT_COLUMNS", "RejectsWriter"]

#: The columns put before the row's own fields.
REJECT_COLUMNS = ("line", "reason", "field", "detail")
#: The column after :data:`REJECT_COLUMNS` with the reason in words, when a locale is given.
REASON_TEXT_COLUMN = "reason_text"
#: The column after :data:`REASON_TEXT_COLUMN` with the detail in the locale's language.
DETAIL_TEXT_COLUMN = "detail_text"


class RejectsWriter:
    """A callable for ``on_reject`` that writes each rejected row as a CSV record.

    The header is :data:`REJECT_COLUMNS` then the roster's header. The added columns come
    first so that they line up even for a row with the wrong number of fields, which is
    written as read — except that a cell beginning with = + - @, a tab or a carriage return
    gets a leading ``'`` (:func:`~pension_subsidy.output.workbook.neutralise_formula`) so a
    spreadsheet shows it instead of running it as a formula. Records end in CRLF, as RFC 4180
    has it; the csv module then quotes every cell holding a CR or an LF, a lone CR too, so no
    cell can split its record. ``stream`` must be opened with ``newline=""``.

    ``locale``, when given, adds :data:`REASON_TEXT_COLUMN` after the others: the reason in
    the words of that language (数字无效 …), for a person reading the file; ``reason`` keeps
    the code. Without it the columns are exactly :data:`REJECT_COLUMNS`, as before.
    ``detail_text`` (with a locale) adds :data:`DETAIL_TEXT_COLUMN` after that: the detail
    in the same language (:func:`~pension_subsidy.output.roster_text.detail_text`), the
    values the user typed as typed; ``detail`` stays English.
    """

    def __init__(
        self,
        stream: TextIO,
        header: Sequence[str],
        *,
        locale: Localised = None,
        detail_text: bool = False,
    ) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._locale = locale
        self._with_text = locale is not None
        self._with_detail = self._with_text and detail_text
        added = [*REJECT_COLUMNS]
        if self._with_text:
            added.append(REASON_TEXT_COLUMN)
        if self._with_detail:
            added.append(DETAIL_TEXT_COLUMN)
        self._writer.writerow([*added, *map(neutralise_formula, header)])
        self.count = 0

    def __call__(self, rejection: Rejection) -> None:
        """Write one rejected row."""
        self._writer.writerow(
            [
                rejection.line,
                rejection.reason.value,
                neutralise_formula(rejection.field or ""),
                neutralise_formula(rejection.detail),
                *([reason_text(rejection.reason, self._locale)] if self._with_text else []),
                *(
                    [neutralise_formula(detail_text(rejection, self._locale))]
                    if self._with_detail
                    else []
                ),
                *map(neutralise_formula, rejection.row),
            ]
        )
        self.count += 1
