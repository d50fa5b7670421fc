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
import csv
import importlib.util
import pickle
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from pension_subsidy.roster.classify import (
    FIELDS,
    OPTIONAL_FIELDS,
    PROFILE_FIELDS,
    Category,
    Problem,
    Reason,
    Rejection,
    check_birth_date,
    classify_profile,
)
from pension_subsidy.roster.columnar_ledger import ColumnLedger
from pension_subsidy.roster.columnar_source import FallbackError, blocks
from pension_subsidy.roster.duplicates import repeated_hashes, spill_file
from pension_subsidy.roster.engine import eligibility_date
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Cell, Place, Tally

if TYPE_CHECKING:
    import polars as pl

__all__ = ["columnar_available", "tally_csv_columnar"]

#: Encodings whose text is decoded by polars itself (UTF-8), and those decoded per block by
#: Python; in both a LF, CR, comma or quote byte is never part of another character.
_UTF8: Final = frozenset({"utf-8", "utf-8-sig"})
_BYTEWISE: Final = frozenset(
    codecs.lookup(name).name for name in ("gb18030", "gbk", "gb2312", "ascii", "latin-1")
)
_SEED: Final = 0x5EED  # polars' hash seed: any fixed value, the same for both passes
_EARLY_PROFILE_FIELDS: Final = ("township", "village")  # checked before birth_date
_MISSING_ID: Final = Problem(
    Reason.MISSING_FIELD, "person_id", "person_id: the cell is empty", "empty", ("person_id",)
)


def columnar_available() -> bool:
    """Whether the columnar engine can run: polars (the ``fast`` extra) is installed."""
    return importlib.util.find_spec("polars") is not None


def _field_count_problem(width: int, got: int) -> Problem:
    return Problem(
        Reason.WRONG_FIELD_COUNT,
        None,
        f"expected {width} fields as in the header, got {got}",
        "field_count",
        (str(width), str(got)),
    )


def _duplicate_problem(person_id: str) -> Problem:
    return Problem(
        Reason.DUPLICATE_PERSON_ID,
        "person_id",
        f"person_id {person_id!r} was already accepted on an earlier row",
        "duplicate",
        (person_id,),
    )


class _Pass:
    """The state of one roster's tally: caches of distinct values, counts, the ledger."""

    def __init__(
        self,
        rules: RosterRules,
        columns: Sequence[int],
        width: int,
        optional: Mapping[str, int] | None,
        *,
        encoding: str,
        ledger: ColumnLedger | None,
        reject: Callable[[Rejection], None] | None,
    ) -> None:
        self.rules = rules
        self.width = width
        self.encoding = encoding
        self.ledger = ledger
        self.on_reject = reject
        self.as_of = eligibility_date(rules)
        self.stated = rules.as_of is not None
        given = dict(optional or {})
        self.optional = tuple(field for field in OPTIONAL_FIELDS if field in given)
        index = dict(zip(FIELDS, columns, strict=True))
        self.id_at = index["person_id"]
        self.date_at = index["birth_date"]
        self.profile_at = (
            *(index[field] for field in PROFILE_FIELDS),
            *(given[field] for field in self.optional),
        )
        self.profiles: dict[str, tuple[Category, ...] | Problem] = {}
        self.dates: dict[str, Problem | None] = {}
        self.terms: dict[str, tuple[Category, ...] | Problem] = {}
        self.known: dict[str, pl.Series] = {}  # distinct keys and dates met, for polars
        self.bad_keys: list[str] = []
        self.bad_dates: list[str] = []
        self.counts: Counter[str] = Counter()
        self.rejections: Counter[str] = Counter()
        self.rows_read = 0
        self.limit = csv.field_size_limit()

    # -- a block as columns ------------------------------------------------------------
    def lines(self, data: bytes) -> pl.Series:
        """The block's lines as a column of text (no line ends)."""
        import polars as pl  # noqa: PLC0415  (the optional extra, loaded when used)

        if self.encoding in _UTF8:
            try:
                text = pl.Series([data], dtype=pl.Binary).cast(pl.String)
            except pl.exceptions.PolarsError:
                raise FallbackError("not UTF-8 text") from None
        else:
            try:
                text = pl.Series([data.decode(self.encoding)], dtype=pl.String)
            except UnicodeDecodeError:
                raise FallbackError(f"not {self.encoding} text") from None
        lines = text.str.split("\n").explode()
        if data.endswith(b"\n"):
            lines = lines.head(len(lines) - 1)
        longest = lines.str.len_bytes().max()
        if isinstance(longest, int) and longest > self.limit:
            raise FallbackError("a line longer than csv's field limit")
        return lines

    def frame(self, lines: pl.Series) -> tuple[pl.DataFrame, pl.Series]:
        """The rows with the header's field count (at, id, date, key), and the others' places."""
        import polars as pl  # noqa: PLC0415

        whole = pl.DataFrame({"text": lines}).with_row_index("at")
        wide = whole["text"].str.count_matches(",", literal=True) == self.width - 1
        others = whole.filter(~wide)["at"]
        fields = whole.filter(wide)
        split = fields["text"].str.split_exact(",", self.width - 1).struct.unnest()
        rows = pl.DataFrame(
            {
                "at": fields["at"],
                "id": split.to_series(self.id_at),
                "date": split.to_series(self.date_at),
                "key": split.select(
                    pl.concat_str([pl.col(f"field_{at}") for at in self.profile_at], separator=",")
                ).to_series(),
            }
        )
        return rows, others

    def learn(self, rows: pl.DataFrame) -> None:
        """Check each profile and birth date not seen before (once per roster)."""
        for key in self.unseen(rows["key"], "key"):
            township, village, terms = key.split(",", 2)
            if township and village:
                # past the place being there, the categories depend on the other fields
                # only: classified once for every place, as the pure engine does
                result = self.terms.get(terms)
                if result is None:
                    result = classify_profile(tuple(key.split(",")), self.rules, self.optional)
                    self.terms[terms] = result
            else:
                result = classify_profile(tuple(key.split(",")), self.rules, self.optional)
            self.profiles[key] = result
            if isinstance(result, Problem):
                self.bad_keys.append(key)
        for date in self.unseen(rows["date"], "date"):
            problem = check_birth_date(date, self.as_of, stated=self.stated)
            self.dates[date] = problem
            if problem is not None:
                self.bad_dates.append(date)

    def unseen(self, values: pl.Series, kind: str) -> list[str]:
        """The distinct values not met in an earlier block (found by polars, not per value)."""
        import polars as pl  # noqa: PLC0415

        distinct = values.unique()
        known = self.known.get(kind)
        if known is not None:
            distinct = distinct.filter(~distinct.is_in(known.implode()))
        self.known[kind] = distinct if known is None else pl.concat([known, distinct])
        return distinct.to_list()

    def suspect(self, rows: pl.DataFrame) -> pl.Series:
        """Which rows are rejected: an empty id, a profile or a birth date found wrong."""
        import polars as pl  # noqa: PLC0415

        mask = rows["id"] == ""
        if self.bad_keys:
            mask |= rows["key"].is_in(pl.Series(self.bad_keys).implode())
        if self.bad_dates:
            mask |= rows["date"].is_in(pl.Series(self.bad_dates).implode())
        return mask

    def hashes(self, ids: pl.Series) -> pl.Series:
        """The ids' 64-bit hashes, signed as the ledger keeps them."""
        return ids.hash(seed=_SEED).reinterpret(signed=True)

    # -- the passes --------------------------------------------------------------------
    def row_problem(self, row: tuple[str, ...]) -> Problem:
        """The first problem of a rejected row in column order, as the pure engine finds it."""
        if len(row) != self.width:
            return _field_count_problem(self.width, len(row))
        if row[self.id_at] == "":
            return _MISSING_ID
        profile = self.profiles[",".join(row[at] for at in self.profile_at)]
        if isinstance(profile, Problem) and profile.field in _EARLY_PROFILE_FIELDS:
            return profile
        date = self.dates[row[self.date_at]]
        if date is not None:
            return date
        assert isinstance(profile, Problem)  # a rejected row has a problem
        return profile

    def reject(self, line: int, problem: Problem, row: tuple[str, ...]) -> None:
        self.rejections[problem.reason.value] += 1
        if self.on_reject is not None:
            self.on_reject(
                Rejection(
                    line, problem.reason, problem.field, problem.detail, row, problem.code,
                    problem.values,
                )
            )  # fmt: skip

    def first(self, data: bytes, first_line: int) -> None:
        """Tally one block: reject what is wrong, count the rest, record the ids' hashes."""
        lines = self.lines(data)
        self.rows_read += len(lines)
        rows, others = self.frame(lines)
        self.learn(rows)
        suspect = self.suspect(rows)
        rejected = sorted([*others.to_list(), *rows.filter(suspect)["at"].to_list()])
        if rejected:
            for at, text in zip(rejected, lines.gather(rejected).to_list(), strict=True):
                row = tuple(text.split(",")) if text else ()
                self.reject(first_line + at, self.row_problem(row), row)
        accepted = rows.filter(~suspect)
        counted = accepted["key"].value_counts()
        self.counts.update(
            dict(zip(counted["key"].to_list(), counted["count"].to_list(), strict=True))
        )
        if self.ledger is not None:
            self.ledger.extend(self.hashes(accepted["id"]))

    def confirm(self, data: bytes, first_line: int, repeated: pl.Series, seen: set[str]) -> None:
        """Second look at one block: reject each accepted id accepted on an earlier row.

        Only the ids are split out and hashed; the few rows whose hash was recorded more
        than once are then looked at one by one (accepted or not, by the values checked in
        the first pass).
        """
        import polars as pl  # noqa: PLC0415

        lines = self.lines(data)
        whole = pl.DataFrame({"text": lines}).with_row_index("at")
        wide = whole.filter(whole["text"].str.count_matches(",", literal=True) == self.width - 1)
        ids = wide["text"].str.split_exact(",", self.width - 1).struct.field(f"field_{self.id_at}")
        named = wide.filter(self.hashes(ids).is_in(repeated))
        for at, text in named.iter_rows():
            row = tuple(text.split(","))
            key = ",".join(row[at] for at in self.profile_at)
            person_id = row[self.id_at]
            if person_id == "" or isinstance(self.profiles[key], Problem):
                continue
            if self.dates[row[self.date_at]] is not None:
                continue  # rejected in the first pass: never recorded
            if person_id not in seen:
                seen.add(person_id)
                continue
            self.reject(first_line + at, _duplicate_problem(person_id), row)
            self.counts[key] -= 1
            if not self.counts[key]:
                del self.counts[key]

    def tally(self) -> Tally:
        """The tally of the counts, exactly as the pure engine builds it."""
        cells: Counter[Cell] = Counter()
        persons: Counter[Place] = Counter()
        for key, count in self.counts.items():
            categories = self.profiles[key]
            assert not isinstance(categories, Problem)
            township, village, _ = key.split(",", 2)
            persons[(township, village)] += count
            for category in categories:
                cells[(township, village, category)] += count
        return Tally(
            rules=self.rules,
            rows_read=self.rows_read,
            cells=cells,
            persons=persons,
            rejections=self.rejections,
            duplicate_check=self.ledger is not None,
            as_of=self.as_of,
        )


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
    progress: Progress | None = None,
) -> Tally | None:
    """Tally a CSV roster with polars; None when the pure engine must read this file.

    The arguments are those of :func:`~pension_subsidy.roster.engine.tally_source`
    (``encoding`` is the file's). The rejected rows are kept aside in an anonymous file and
    handed to ``on_reject`` only once the file is known to be one this engine reads exactly,
    in the pure engine's order: by line, then the duplicates by line.
    """
    name = codecs.lookup(encoding).name
    if name not in _UTF8 | _BYTEWISE or not columnar_available():
        return None
    import polars as pl  # noqa: PLC0415

    with contextlib.ExitStack() as cleanup:
        ledger = cleanup.enter_context(ColumnLedger()) if check_duplicates else None
        scratch = cleanup.enter_context(spill_file()) if on_reject is not None else None
        keep = None if scratch is None else _keeper(scratch)
        state = _Pass(
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
                    for data, first_line in blocks(path, None):
                        state.confirm(data, first_line, repeated, seen)
        except FallbackError:
            return None
        if scratch is not None and on_reject is not None:
            _replay(scratch, on_reject)
        return state.tally()


def _keeper(scratch: BinaryIO) -> Callable[[Rejection], None]:
    def keep(rejection: Rejection) -> None:
        pickle.dump(rejection, scratch, protocol=pickle.HIGHEST_PROTOCOL)

    return keep
