"""The columnar roster engine (列式引擎): the pure engine's answer, computed with polars.

An optional engine (the ``fast`` extra installs `polars <https://pola.rs>`_). A CSV roster is
read in blocks of bytes cut at line ends; each block becomes a column of lines, cut at
commas, and everything per row is done by polars: field counts, the person id, the birth
date, the place and the profile's other fields (its *terms*), the rows to reject (by the
terms and dates found wrong), counts per village and category (a group-by and a join with
the categories of each terms: :mod:`~pension_subsidy.roster.columnar_counts`) and the id
hashes for the duplicate check. Each *distinct* terms and birth date is checked once, in
Python, by the very functions the pure engine uses (:func:`~pension_subsidy.roster.classify.
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

from pension_subsidy.roster.classify import Reason, Rejection
from pension_subsidy.roster.columnar_blocks import BlockPass
from pension_subsidy.roster.columnar_ledger import ColumnLedger
from pension_subsidy.roster.columnar_pass import UTF8
from pension_subsidy.roster.columnar_source import FallbackError, blocks
from pension_subsidy.roster.duplicates import repeated_hashes, spill_file
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

__all__ = ["columnar_available", "tally_csv_columnar"]

#: Rejections pickled to the scratch file at a time.
_BATCH: Final = 1024

#: Encodings decoded per block by Python: a LF, CR, comma or quote byte in them is never
#: part of another character.
_BYTEWISE: Final = frozenset(
    codecs.lookup(name).name for name in ("gb18030", "gbk", "gb2312", "ascii", "latin-1")
)


def columnar_available() -> bool:
    """Whether the columnar engine can run: polars (the ``fast`` extra) is installed."""
    return importlib.util.find_spec("polars") is not None


class _Aside:
    """The rejections kept aside in an anonymous file, pickled as plain tuples in batches.

    A full disk leaves the file to the pure engine, which hands each rejection on at once,
    so that the caller's own error (its file named) is then the one seen.
    """

    def __init__(self, scratch: BinaryIO) -> None:
        self.scratch = scratch
        self.held: list[tuple[object, ...]] = []

    def keep(self, rejection: Rejection) -> None:
        """Keep one rejection (written with the next batch)."""
        reason = rejection.reason.value
        said = (rejection.field, rejection.detail, rejection.row, rejection.code, rejection.values)
        self.held.append((rejection.line, reason, *said))
        if len(self.held) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the rejections held to the file."""
        if self.held:
            try:
                pickle.dump(self.held, self.scratch, protocol=pickle.HIGHEST_PROTOCOL)
            except OSError:
                raise FallbackError(code="roster_columnar.fallback.no_room") from None
            self.held = []

    def replay(self, on_reject: Callable[[Rejection], None]) -> None:
        """The rejections kept aside, handed on in the order found."""
        self.scratch.seek(0)
        while True:
            try:
                batch = pickle.load(self.scratch)  # noqa: S301  (our own unnamed file)
            except EOFError:
                return
            for line, reason, field, detail, row, code, values in batch:
                on_reject(Rejection(line, Reason(reason), field, detail, row, code, values))


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
        aside = None if scratch is None else _Aside(scratch)
        keep = None if aside is None else aside.keep
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
            if aside is not None:
                aside.flush()
        except FallbackError:
            return None
        if aside is not None and on_reject is not None:
            aside.replay(on_reject)
        return state.tally()
