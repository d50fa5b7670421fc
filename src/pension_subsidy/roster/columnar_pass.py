"""One columnar tally's state and steps: a block's rows as columns → counts and rejections.

The steps of :mod:`~pension_subsidy.roster.columnar` over blocks of CSV lines or batches of
Parquet rows: rows as (place, terms of the profile, id, date), each distinct terms and date
checked once by the pure engine's functions, rejected rows given their reason in the pure
engine's order of checks, the rest counted by :class:`~pension_subsidy.roster.
columnar_counts.CellCounts`. The caches of distinct terms and dates are bounded: past
``FOLD_KEYS`` distinct terms they are forgotten and learnt again as met.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

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
from pension_subsidy.roster.columnar_counts import CellCounts
from pension_subsidy.roster.columnar_ledger import ColumnLedger
from pension_subsidy.roster.engine import FOLD_KEYS, eligibility_date
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

if TYPE_CHECKING:
    import polars as pl

__all__ = ["UTF8", "ColumnarPass", "field_count_problem"]

#: Encodings whose text is decoded by polars itself; others are decoded per block by Python.
UTF8: Final = frozenset({"utf-8", "utf-8-sig"})
_SEED: Final = 0x5EED  # polars' hash seed: any fixed value, the same for both passes
_EARLY_PROFILE_FIELDS: Final = ("township", "village")  # checked before birth_date
_ANY_PLACE: Final = ("-", "-")  # terms are classified with any place: categories ignore it
_MISSING_ID: Final = Problem(
    Reason.MISSING_FIELD, "person_id", "person_id: the cell is empty", "empty", ("person_id",)
)


def field_count_problem(width: int, got: int) -> Problem:
    """A row of ``got`` fields where the header has ``width``."""
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


class ColumnarPass:
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
        separator: str = ",",
    ) -> None:
        self.rules = rules
        self.sep = separator  # joins a profile key: a character no field of it holds
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
        self.dates: dict[str, Problem | None] = {}
        self.terms: dict[str, tuple[Category, ...] | Problem] = {}
        self.known: dict[str, pl.Series] = {}  # distinct terms and dates met, for polars
        self.bad_terms: list[str] = []
        self.bad_dates: list[str] = []
        self.counts = CellCounts()
        self.rejections: Counter[str] = Counter()
        self.rows_read = 0
        self.limit = csv.field_size_limit()

    # -- rows as columns --------------------------------------------------------------
    def keyed(self, fields: pl.DataFrame, at: pl.Series) -> pl.DataFrame:
        """Rows of fields (``field_0`` …) as (at, id, date, township, village, terms)."""
        import polars as pl  # noqa: PLC0415

        township, village, *rest = (f"field_{i}" for i in self.profile_at)
        terms = fields.select(pl.concat_str(rest, separator=self.sep)).to_series()
        return pl.DataFrame(
            {
                "at": at,
                "id": fields.to_series(self.id_at),
                "date": fields.to_series(self.date_at),
                "township": fields[township],
                "village": fields[village],
                "terms": terms,
            }
        )

    def learn(self, rows: pl.DataFrame) -> None:
        """Check each profile's terms and birth date not seen before (once while held)."""
        if len(self.terms) > FOLD_KEYS:  # forgotten, learnt again as met: bounded memory
            self.terms.clear()
            self.bad_terms.clear()
            self.known.pop("terms", None)
            self.counts.forget()
        for terms in self.unseen(rows["terms"], "terms"):
            result = self.terms_result(terms)
            if isinstance(result, Problem):
                self.bad_terms.append(terms)
            else:
                self.counts.learn(terms, result)
        for date in self.unseen(rows["date"], "date"):
            problem = check_birth_date(date, self.as_of, stated=self.stated)
            self.dates[date] = problem
            if problem is not None:
                self.bad_dates.append(date)

    def terms_result(self, terms: str) -> tuple[Category, ...] | Problem:
        """The categories of a profile with these terms and a place, or its problem."""
        result = self.terms.get(terms)
        if result is None:
            profile = (*_ANY_PLACE, *terms.split(self.sep))
            result = self.terms[terms] = classify_profile(profile, self.rules, self.optional)
        return result

    def profile_of(self, key: str) -> tuple[Category, ...] | Problem:
        """A whole profile's categories, or its problem (an empty place found first)."""
        township, village, terms = key.split(self.sep, 2)
        if township and village:
            return self.terms_result(terms)
        return classify_profile(tuple(key.split(self.sep)), self.rules, self.optional)

    def unseen(self, values: pl.Series, kind: str) -> list[str]:
        """The distinct values not met in an earlier block (found by polars, not per value)."""
        import polars as pl  # noqa: PLC0415

        distinct = values.unique()
        known = self.known.get(kind)
        if known is not None:
            distinct = distinct.filter(~distinct.is_in(known.implode()))
        new = distinct.to_list()
        # kept as a column of their own: a slice of the block's text would keep it all alive
        fresh = pl.Series(new, dtype=pl.String)
        self.known[kind] = fresh if known is None else pl.concat([known, fresh], rechunk=True)
        return new

    def suspect(self, rows: pl.DataFrame) -> pl.Series:
        """Which rows are rejected: an empty id or place, terms or a birth date found wrong."""
        import polars as pl  # noqa: PLC0415

        mask = (rows["id"] == "") | (rows["township"] == "") | (rows["village"] == "")
        if self.bad_terms:
            mask |= rows["terms"].is_in(pl.Series(self.bad_terms).implode())
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
            return field_count_problem(self.width, len(row))
        if row[self.id_at] == "":
            return _MISSING_ID
        profile = self.profile_of(self.sep.join(row[at] for at in self.profile_at))
        if isinstance(profile, Problem) and profile.field in _EARLY_PROFILE_FIELDS:
            return profile
        date = self.dates[row[self.date_at]]
        if date is not None:
            return date
        assert isinstance(profile, Problem)  # a rejected row has a problem
        return profile

    def reject(self, line: int, problem: Problem, row: tuple[str, ...]) -> None:
        """Count a rejected row by its reason and hand it on."""
        self.rejections[problem.reason.value] += 1
        if self.on_reject is not None:
            said = (problem.reason, problem.field, problem.detail, row, problem.code)
            self.on_reject(Rejection(line, *said, problem.values))

    def count(
        self,
        rows: pl.DataFrame,
        others: list[int],
        first_line: int,
        rows_at: Callable[[list[int]], list[tuple[str, ...]]],
    ) -> None:
        """Reject what is wrong, count the rest, record the accepted ids' hashes.

        ``others`` are the places of rows of a wrong field count; ``rows_at`` gives the rows
        at some places as read.
        """
        self.rows_read += len(rows) + len(others)
        self.learn(rows)
        suspect = self.suspect(rows)
        rejected = sorted([*others, *rows.filter(suspect)["at"].to_list()])
        if rejected:
            for at, row in zip(rejected, rows_at(rejected), strict=True):
                self.reject(first_line + at, self.row_problem(row), row)
        accepted = rows.filter(~suspect)
        self.counts.count(accepted.select("township", "village", "terms"), FOLD_KEYS)
        if self.ledger is not None:
            self.ledger.extend(self.hashes(accepted["id"]))

    def recheck(
        self, places: list[int], rows: list[tuple[str, ...]], first_line: int, seen: set[str]
    ) -> None:
        """Rows whose id hash was recorded more than once: an id accepted before is rejected."""
        for at, row in zip(places, rows, strict=True):
            if len(row) != self.width:
                continue  # rejected in the first pass: never recorded
            key = self.sep.join(row[i] for i in self.profile_at)
            person_id = row[self.id_at]
            if person_id == "" or isinstance(self.profile_of(key), Problem):
                continue
            if self.dates[row[self.date_at]] is not None:
                continue  # rejected in the first pass: never recorded
            if person_id not in seen:
                seen.add(person_id)
                continue
            self.reject(first_line + at, _duplicate_problem(person_id), row)
            categories = self.profile_of(key)
            assert not isinstance(categories, Problem)  # accepted in the first pass
            self.counts.remove(row[self.profile_at[0]], row[self.profile_at[1]], categories)

    def tally(self) -> Tally:
        """The tally of the counts, exactly as the pure engine builds it."""
        cells, persons = self.counts.result()
        return Tally(
            rules=self.rules,
            rows_read=self.rows_read,
            cells=cells,
            persons=persons,
            rejections=self.rejections,
            duplicate_check=self.ledger is not None,
            as_of=self.as_of,
        )
