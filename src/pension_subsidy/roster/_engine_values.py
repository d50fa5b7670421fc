"""The pure engine's verdicts per *distinct* value: a profile, a key, a birth date, once each.

A roster of millions of rows holds few distinct profiles (place, flags, grade) and birth
dates; each is checked once and its verdict cached, so that the per-row work is a lookup.
The caches are bounded: :meth:`_Verdicts.forget` empties the ones that grow with the
roster's variety (the engine calls it when it folds its counts).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Final

from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.classify import (
    FIELDS,
    OPTIONAL_FIELDS,
    PROFILE_FIELDS,
    Category,
    Problem,
    Reason,
    check_birth_date,
    classify_profile,
)
from pension_subsidy.roster.rules import RosterRules

_EARLY_PROFILE_FIELDS: Final = ("township", "village")  # checked before birth_date
#: Bad birth dates remembered at most (garbage in a date column is often all distinct).
_BAD_DATES_KEPT: Final = 1 << 12
#: Classified terms (a profile less its place) kept across folds, at most.
_TERMS_KEPT: Final = 1 << 14

#: A key: the profile's values, or (when a line is split only up to a cut) the values
#: before the cut and the rest of the line as one string (just that string when alone).
Key = tuple[str, ...] | str
Verdict = tuple[Category, ...] | Problem


def eligibility_date(rules: RosterRules) -> datetime.date:
    """The day eligibility is taken on: the rules' ``as_of``, else today.

    Taken once per tally (and handed to every worker process), so that a run over midnight
    does not judge rows by two days.
    """
    return datetime.date.today() if rules.as_of is None else rules.as_of


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a pass, as it was afterwards.

    Rows and keys hold no reference cycles, yet allocating millions of them triggers the
    cyclic collector again and again (about a third of the run time).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def optional_at(optional: Mapping[str, int] | None) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The optional fields a roster has (in :data:`OPTIONAL_FIELDS` order) and their columns."""
    given = dict(optional or {})
    unknown = sorted(set(given) - set(OPTIONAL_FIELDS))
    if unknown:
        raise DataFileError(
            code="roster_engine.unknown_optional",
            params={"field": repr(unknown[0]), "expected": ", ".join(OPTIONAL_FIELDS)},
        )
    names = tuple(field for field in OPTIONAL_FIELDS if field in given)
    return names, tuple(given[field] for field in names)


class _Verdicts:
    """Where each field lies in a row, and the cached verdict of each distinct value."""

    def __init__(
        self,
        rules: RosterRules,
        columns: Sequence[int],
        width: int,
        optional: Mapping[str, int] | None,
        as_of: datetime.date | None,
    ) -> None:
        self.rules = rules
        self.as_of = eligibility_date(rules) if as_of is None else as_of
        self.optional, at_optional = optional_at(optional)
        self.width = width
        index = dict(zip(FIELDS, columns, strict=True))
        self.id_at = index["person_id"]
        self.date_at = index["birth_date"]
        self.profile_at = (*(index[field] for field in PROFILE_FIELDS), *at_optional)
        self.get_id = itemgetter(self.id_at)
        self.get_date = itemgetter(self.date_at)
        self.get_profile = itemgetter(*self.profile_at)
        # A line need only be split up to the id and the birth date when every column after
        # them is a profile column: the rest of the line, as one string, stands for those
        # columns in the profile's key, and is split once per *distinct* key.
        self.cut: int | None = max(self.id_at, self.date_at) + 1
        if self.cut >= width or not set(range(self.cut, width)) <= set(self.profile_at):
            self.cut = None
        else:
            self.key_at = (*(at for at in self.profile_at if at < self.cut), self.cut)
            self.get_key = itemgetter(*self.key_at)
        self.profiles: dict[tuple[str, ...], Verdict] = {}
        self.terms: dict[tuple[str, ...], Verdict] = {}
        self.key_profiles: dict[Key, tuple[str, ...] | None] = {}
        self.dates: set[str] = set()  # known-good birth dates
        self.bad_dates: dict[str, Problem] = {}

    def forget(self) -> None:
        """Empty the caches that grow with the variety of places and values."""
        self.profiles.clear()
        self.key_profiles.clear()
        if len(self.terms) > _TERMS_KEPT:  # they grow with values, not places
            self.terms.clear()

    def profile(self, key: tuple[str, ...]) -> Verdict:
        """A profile's categories, or its first problem."""
        result = self.profiles.get(key)
        if result is None:
            if key[0] and key[1]:
                # past the township and village being there, a person's categories depend
                # on the other fields only: classified once for every place
                terms = key[2:]
                result = self.terms.get(terms)
                if result is None:
                    result = classify_profile(key, self.rules, self.optional)
                    self.terms[terms] = result
            else:
                result = classify_profile(key, self.rules, self.optional)
            self.profiles[key] = result
        return result

    def profile_problem(self, key: tuple[str, ...]) -> bool:
        """Whether a profile has a problem."""
        return isinstance(self.profile(key), Problem)

    def date_problem(self, text: str) -> Problem | None:
        """A birth date's problem, or None for a good one."""
        if text in self.dates:
            return None
        problem = self.bad_dates.get(text)
        if problem is None:
            problem = check_birth_date(text, self.as_of, stated=self.rules.as_of is not None)
            if problem is None:
                self.dates.add(text)
            else:
                if len(self.bad_dates) >= _BAD_DATES_KEPT:
                    self.bad_dates.clear()
                self.bad_dates[text] = problem
        return problem

    def key_profile(self, key: Key) -> tuple[str, ...] | None:
        """The full profile of a key (split up to the cut), or None if it is not a good one."""
        if key in self.key_profiles:
            return self.key_profiles[key]
        assert self.cut is not None
        values = (key,) if isinstance(key, str) else key
        row = [""] * self.cut
        for at, value in zip(self.key_at, values[:-1], strict=False):
            row[at] = value
        row += values[-1].split(",")
        profile: tuple[str, ...] | None = None
        if len(row) == self.width:
            candidate = self.get_profile(row)
            if not isinstance(self.profile(candidate), Problem):
                profile = candidate
        self.key_profiles[key] = profile
        return profile

    def key_problem(self, key: Key) -> bool:
        """Whether a key is not a good one."""
        return self.key_profile(key) is None

    def row_problem(self, row: Sequence[str]) -> Problem | None:
        """The first problem of one row in column order (duplicates aside)."""
        if len(row) != self.width:
            return Problem(
                Reason.WRONG_FIELD_COUNT,
                None,
                f"expected {self.width} fields as in the header, got {len(row)}",
                "field_count",
                (str(self.width), str(len(row))),
            )
        if self.get_id(row) == "":
            return Problem(
                Reason.MISSING_FIELD,
                "person_id",
                "person_id: the cell is empty",
                "empty",
                ("person_id",),
            )
        profile = self.profile(self.get_profile(row))
        if isinstance(profile, Problem) and profile.field in _EARLY_PROFILE_FIELDS:
            return profile
        date = self.date_problem(self.get_date(row))
        if date is not None:
            return date
        return profile if isinstance(profile, Problem) else None
