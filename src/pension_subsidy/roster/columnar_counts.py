"""The columnar engine's counts: persons per village and per category, summed by polars.

Each accepted row is a place (township, village) and the *terms* of its profile (every
profile field but the place), whose categories do not depend on the place. The categories of
each distinct terms are found once (in Python, by the pure engine's function) and kept as a
small polars table, one row per (terms, category); a block's rows are then counted per
place and per (place, category) by polars alone — a group-by and a join, never a Python
loop over rows or over distinct profiles. The counts of the blocks are summed again when
they hold more rows than the bound (or than twice what they were summed to): memory stays
at the distinct cells of the roster, villages × categories, whatever its length.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pension_subsidy.roster.classify import Category
from pension_subsidy.roster.tally import Cell, Place

if TYPE_CHECKING:
    import polars as pl

__all__ = ["CellCounts"]

_PLACE = ["township", "village"]


class CellCounts:
    """Persons per place and per (place, category), from blocks of accepted rows."""

    def __init__(self) -> None:
        self.codes: dict[Category, int] = {}
        self.categories: list[Category] = []
        self.table_terms: list[str] = []  # the (terms, category code) pairs learnt
        self.table_codes: list[int] = []
        self.table: pl.DataFrame | None = None
        self.persons: list[pl.DataFrame] = []
        self.cells: list[pl.DataFrame] = []
        self.held = 0
        self.summed = 0
        self.removed_cells: Counter[Cell] = Counter()
        self.removed_persons: Counter[Place] = Counter()

    def learn(self, terms: str, categories: tuple[Category, ...]) -> None:
        """The categories of a profile's terms (each distinct terms once)."""
        for category in categories:
            code = self.codes.setdefault(category, len(self.categories))
            if code == len(self.categories):
                self.categories.append(category)
            self.table_terms.append(terms)
            self.table_codes.append(code)
        self.table = None

    def forget(self) -> None:
        """Forget the terms learnt (the counts so far stay): they are learnt again as met."""
        self.table_terms, self.table_codes, self.table = [], [], None

    def count(self, rows: pl.DataFrame, bound: int) -> None:
        """Count a block's accepted rows (township, village, terms)."""
        import polars as pl  # noqa: PLC0415  (the optional extra)

        if self.table is None:
            self.table = pl.DataFrame(
                {"terms": self.table_terms, "code": self.table_codes},
                schema={"terms": pl.String, "code": pl.UInt32},
            )
        profiles = rows.group_by([*_PLACE, "terms"]).len()
        self.persons.append(profiles.group_by(_PLACE).agg(pl.col("len").sum()))
        cells = profiles.join(self.table, on="terms").group_by([*_PLACE, "code"])
        self.cells.append(cells.agg(pl.col("len").sum()))
        self.held += len(self.persons[-1]) + len(self.cells[-1])
        if self.held > max(bound, 2 * self.summed):
            self.sum()

    def sum(self) -> None:
        """Sum the blocks' counts into one table each."""
        import polars as pl  # noqa: PLC0415

        if len(self.persons) > 1:
            self.persons = [pl.concat(self.persons).group_by(_PLACE).agg(pl.col("len").sum())]
            cells = pl.concat(self.cells).group_by([*_PLACE, "code"])
            self.cells = [cells.agg(pl.col("len").sum())]
        self.held = self.summed = sum(len(part) for part in (*self.persons, *self.cells))

    def remove(self, township: str, village: str, categories: tuple[Category, ...]) -> None:
        """Take one accepted row back (a duplicate id found on the second pass)."""
        self.removed_persons[(township, village)] += 1
        for category in categories:
            self.removed_cells[(township, village, category)] += 1

    def result(self) -> tuple[Counter[Cell], Counter[Place]]:
        """The cells and persons per place, as the pure engine counts them."""
        self.sum()
        cells: Counter[Cell] = Counter()
        persons: Counter[Place] = Counter()
        for part in self.persons:
            for township, village, count in part.iter_rows():
                persons[(township, village)] += count
        for part in self.cells:
            for township, village, code, count in part.iter_rows():
                cells[(township, village, self.categories[code])] += count
        cells.subtract(self.removed_cells)
        persons.subtract(self.removed_persons)
        return cells, persons
