"""The columnar roster engine (列式引擎): the pure engine's answer, computed with polars.

An optional engine (the ``fast`` extra installs `polars <https://pola.rs>`_). A CSV roster is
read in blocks of bytes cut at line ends; each block becomes a column of lines, split at
commas, and everything per row is done by polars: field counts, the person id, the birth
date and the profile key (the profile's fields joined by commas — no field holds one), the
rows to reject (by the profiles and dates found wrong), counts per profile and the id hashes
for the duplicate check. Each *distinct* profile and birth date is checked once, in Python,
by the very functions the pure engine uses (:func:`~pension_subsidy.roster.classify.
classify_profile`, :func:`~pension_subsidy.roster.classify.check_birth_date`); only a rejected
row is looked at row by row, to give it its reason, as the pure engine gives it. Money is
never added per row: the :class:`~pension_subsidy.roster.tally.Tally` multiplies exact
headcounts by the standards, as for the pure engine.

Duplicate ids are found as by the pure engine: each accepted row's id hash (polars' 64-bit
hash) goes to a :class:`~pension_subsidy.roster.duplicates.ColumnLedger` that spills to an
anonymous file; the hashes seen twice are confirmed on a second read by comparing the ids.

The engine reads only what it reads exactly as Python's ``csv`` does. A block with a quote
character, a carriage return not followed by a line feed, a NUL, a line longer than
``csv``'s field limit, bytes that are not text in the file's encoding, or an encoding in
which a line-end byte may be part of a character (UTF-16): the whole file is tallied by the
pure engine instead (:func:`tally_csv_columnar` returns None), and the rejections found so
far — kept aside, not yet handed on — are dropped. The answer is the same either way.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib.util
import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Final

from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.columnar_blocks import BlockPass
from pension_subsidy.roster.columnar_ledger import ColumnLedger
from pension_subsidy.roster.columnar_pass import UTF8
from pension_subsidy.roster.columnar_source import FallbackError, blocks
from pension_subsidy.roster.duplicates import repeated_hashes, spill_file
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = ["columnar_available", "tally_csv_columnar"]

#: Encodings decoded per block by Python: a LF, CR, comma or quote byte in them is never
#: part of another character.
_BYTEWISE: Final = frozenset(
    codecs.lookup(name).name for name in ("gb18030", "gbk", "gb2312", "ascii", "latin-1")
)


def columnar_available() -> bool:
    """Whether the columnar engine can run: polars (the ``fast`` extra) is installed."""
    return importlib.util.find_spec("polars") is not None


def _replay(scratch: BinaryIO, on_reject: Callable[[Rejection], None]) -> None:
    """The rejections kept aside, handed on in the order found."""
    scratch.seek(0)
    while True:
        try:
            rejection = pickle.load(scratch)  # noqa: S301  (our own unnamed file)
        except EOFError:
            return
        on_reject(rejection)


def tally_csv_columnar(
    path: Path,
    encoding: str,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    optional_columns: Mapping[str, int] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    progress: ProgressMeter | None = None,
) -> Tally | None:
    """Tally a CSV roster with polars; None when the pure engine must read this file.

    The arguments are those of :func:`~pension_subsidy.roster.engine.tally_source`
    (``encoding`` is the file's). The rejected rows are kept aside in an anonymous file and
    handed to ``on_reject`` only once the file is known to be one this engine reads exactly,
    in the pure engine's order: by line, then the duplicates by line.
    """
    name = codecs.lookup(encoding).name
    if name not in UTF8 | _BYTEWISE or not columnar_available():
        return None
    import polars as pl  # noqa: PLC0415

    with contextlib.ExitStack() as cleanup:
        ledger = cleanup.enter_context(ColumnLedger()) if check_duplicates else None
        try:
            scratch = cleanup.enter_context(spill_file()) if on_reject is not None else None
        except OSError:  # no room for the scratch: the pure engine hands rejections on at once
            return None
        keep = None if scratch is None else _keeper(scratch)
        state = BlockPass(
            rules, columns, width, optional_columns, encoding=name, ledger=ledger, reject=keep
        )
        try:
            for data, first_line in blocks(path, progress):
                state.first(data, first_line)
            if ledger is not None:
                repeated = pl.Series(sorted(repeated_hashes([ledger.contents()])), dtype=pl.Int64)
                if len(repeated):
                    repeated = repeated.implode()
                    seen: set[str] = set()
                    for data, first_line in blocks(path, progress):
                        state.confirm(data, first_line, repeated, seen)
        except FallbackError:
            return None
        if scratch is not None and on_reject is not None:
            _replay(scratch, on_reject)
        return state.tally()


def _keeper(scratch: BinaryIO) -> Callable[[Rejection], None]:
    """Keep each rejection aside; a full disk leaves the file to the pure engine.

    The pure engine hands each rejection on at once, so the caller's own error (its file
    named) is then the one seen.
    """

    def keep(rejection: Rejection) -> None:
        try:
            pickle.dump(rejection, scratch, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            raise FallbackError(code="roster_columnar.fallback.no_room") from None

    return keep
