"""The roster command's ``--rejects`` file: every rejected row, in line order, all or nothing."""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pension_subsidy._files import check_output, open_text_output
from pension_subsidy.exceptions import DataFileError, os_reason
from pension_subsidy.output.rejects import RejectsWriter
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.read import read_header

__all__ = ["RejectsFile"]


class RejectsFile:
    """The --rejects file: in line order, written all at once when the pass is over.

    Rows confirmed as duplicates only after the whole pass come after the others. Each
    rejection goes, pickled, to one of two unnamed scratch files in the target's folder (in
    order; arrived late), and at the end the two are merged by line into the CSV, in constant
    memory: the line is the rejection's own, never read back out of CSV text a cell could
    break. The CSV is written by :func:`pension_subsidy._files.open_text_output`: a failed run
    leaves no file and no scratch behind, and the target may be none of the command's inputs
    (the roster, the rules, the report source), nor a folder — refused before the pass.
    """

    def __init__(
        self,
        target: str,
        roster: str,
        encoding: str | None,
        inputs: list[tuple[str, str | None]],
        *,
        locale: str,
    ) -> None:
        check_output(target, inputs)
        self.locale = locale
        self.header = read_header(roster, encoding=encoding)
        self.target = target
        self.last_line = 0
        folder = Path(os.path.realpath(target)).parent
        self.files = [self._scratch(folder), self._scratch(folder)]  # in order; arrived late

    def _scratch(self, folder: Path) -> IO[bytes]:
        try:
            return tempfile.TemporaryFile(dir=folder)
        except OSError as error:
            said = {"reason": os_reason(error)}
            raise DataFileError(code="output.cannot_write", params=said, path=self.target) from None

    def __call__(self, rejection: Rejection) -> None:
        """Keep one rejected row (in the late file when it comes after a later line)."""
        late = rejection.line < self.last_line
        self.last_line = max(self.last_line, rejection.line)
        try:
            pickle.dump(rejection, self.files[late], protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:
            said = {"reason": os_reason(error)}
            raise DataFileError(code="output.cannot_write", params=said, path=self.target) from None

    def close(self, *, keep: bool) -> None:
        """Write the CSV (``keep``) or not, and drop the scratch files."""
        try:
            if keep:
                with open_text_output(self.target, encoding="utf-8-sig") as out:
                    # UTF-8 with a BOM: what Excel on a Chinese Windows reads as UTF-8
                    writer = RejectsWriter(out, self.header, locale=self.locale, detail_text=True)
                    for rejection in heapq.merge(*map(_kept, self.files), key=_line_of):
                        writer(rejection)
        finally:
            for scratch in self.files:
                scratch.close()


def _kept(scratch: IO[bytes]) -> Iterator[Rejection]:
    """The rejections pickled into a scratch file, in the order written."""
    scratch.flush()
    scratch.seek(0)
    while True:
        try:
            # our own records, from an unnamed file only this process could write
            yield pickle.load(scratch)  # noqa: S301
        except EOFError:
            return


def _line_of(rejection: Rejection) -> int:
    """The line of a rejected row: the key the two scratch files are merged on."""
    return rejection.line
