"""A roster's rejects file: every rejected row, in line order, written all or nothing.

:class:`RejectsFile` is an ``on_reject`` listener that keeps a pass's rejections on disk and
writes them, sorted by line, when the pass is over (what ``roster --rejects`` writes);
:func:`write_rejects` writes rejections already in order (several files' on Dask).
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from pension_subsidy._files import check_output, open_text_output
from pension_subsidy.exceptions import DataFileError, os_reason
from pension_subsidy.output.rejects import RejectsWriter
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.read import read_header

__all__ = ["RejectsFile", "write_rejects"]


class RejectsFile:
    """A rejects file (``roster --rejects``): in line order, written at once after the pass.

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
        """Refuse ``target`` now if it is one of ``inputs`` (role, path) or a folder."""
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
                kept = heapq.merge(*map(_kept, self.files), key=_line_of)
                write_rejects(self.target, self.header, kept, locale=self.locale)
        finally:
            for scratch in self.files:
                scratch.close()


def write_rejects(
    target: str, header: Sequence[str], rejections: Iterable[Rejection], *, locale: str
) -> None:
    """Write ``rejections`` (in the order given) to the CSV ``target``, all or nothing.

    UTF-8 with a BOM (what Excel on a Chinese Windows reads as UTF-8), through
    :class:`~pension_subsidy.output.rejects.RejectsWriter` with the reason and detail in
    ``locale``'s words; ``header`` is the roster's. A failed write leaves no file.
    """
    with open_text_output(target, encoding="utf-8-sig") as out:
        writer = RejectsWriter(out, header, locale=locale, detail_text=True)
        for rejection in rejections:
            writer(rejection)


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
