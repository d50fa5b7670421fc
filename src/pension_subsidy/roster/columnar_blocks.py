"""The columnar engine's steps over a block of CSV lines: text → rows of place and terms.

A block of bytes becomes a column of lines. When the profile's fields are every other field
of the row but the id and the birth date, in the file's order (the common layout), each
line is cut at its first commas only — the id, the date and the place (township, village)
— and what is left of it (the profile's other fields, as they stand) is its terms: a row
of the wrong field count then shows in its terms, checked once per distinct terms as a
wrong profile. Otherwise every field is split out and the terms joined from the profile's
fields. The second pass cuts out the ids alone.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from pension_subsidy.roster.classify import Category, Problem
from pension_subsidy.roster.columnar_pass import UTF8, ColumnarPass, field_count_problem
from pension_subsidy.roster.columnar_source import FallbackError

if TYPE_CHECKING:
    import polars as pl

__all__ = ["BlockPass"]


class BlockPass(ColumnarPass):
    """A columnar tally of a CSV roster read in blocks of whole lines."""

    @cached_property
    def plain(self) -> bool:
        """Whether the profile is every field but the id and the date, in the file's order."""
        others = [at for at in range(self.width) if at not in (self.id_at, self.date_at)]
        return list(self.profile_at) == others and max(self.id_at, self.date_at) < self.width - 1

    def lines(self, data: bytes) -> pl.Series:
        """The block's lines as a column of text (no line ends)."""
        import polars as pl  # noqa: PLC0415  (the optional extra, loaded when used)

        if self.encoding in UTF8:
            try:
                text = pl.Series([data], dtype=pl.Binary).cast(pl.String)
            except pl.exceptions.PolarsError:
                raise FallbackError(code="roster_columnar.fallback.not_utf8") from None
        else:
            try:
                text = pl.Series([data.decode(self.encoding)], dtype=pl.String)
            except UnicodeDecodeError:
                said = {"encoding": self.encoding}
                raise FallbackError(code="roster_columnar.fallback.not_text", params=said) from None
        lines = text.str.split("\n").explode()
        if data.endswith(b"\n"):
            lines = lines.head(len(lines) - 1)
        longest = lines.str.len_bytes().max()
        if isinstance(longest, int) and longest > self.limit:
            raise FallbackError(code="roster_columnar.fallback.long_line")
        return lines

    def frame(self, lines: pl.Series) -> tuple[pl.DataFrame, pl.Series]:
        """The rows (at, id, date, key), and the places of rows too short to key."""
        import polars as pl  # noqa: PLC0415

        whole = pl.DataFrame({"text": lines}).with_row_index("at")
        if not self.plain:
            wide = whole["text"].str.count_matches(",", literal=True) == self.width - 1
            fields = whole.filter(wide)
            split = fields["text"].str.split_exact(",", self.width - 1).struct.unnest()
            return self.keyed(split, fields["at"]), whole.filter(~wide)["at"]
        township, village = self.profile_at[:2]
        last = max(self.id_at, self.date_at, village) + 1  # the fields cut out, then the rest
        parts = whole["text"].str.splitn(",", last + 1).struct.unnest()
        cut = (self.id_at, self.date_at, township, village)
        terms = [f"field_{at}" for at in range(last + 1) if at not in cut]
        rows = pl.DataFrame(
            {
                "at": whole["at"],
                "id": parts[f"field_{self.id_at}"],
                "date": parts[f"field_{self.date_at}"],
                "township": parts[f"field_{township}"],
                "village": parts[f"field_{village}"],
                "terms": parts.select(pl.concat_str(terms, separator=",")).to_series(),
            }
        )
        short = rows["terms"].is_null()
        return rows.filter(~short), rows.filter(short)["at"]

    def terms_result(self, terms: str) -> tuple[Category, ...] | Problem:
        """Terms' categories or problem; terms of the wrong field count are a problem too."""
        if self.plain and terms.count(",") != len(self.profile_at) - 3:
            return field_count_problem(self.width, terms.count(",") + 5)
        return super().terms_result(terms)

    def first(self, data: bytes, first_line: int) -> None:
        """Tally one block of CSV lines."""
        lines = self.lines(data)
        rows, others = self.frame(lines)

        def rows_at(places: list[int]) -> list[tuple[str, ...]]:
            texts = lines.gather(places).to_list()
            return [tuple(text.split(",")) if text else () for text in texts]

        self.count(rows, others.to_list(), first_line, rows_at)

    def confirm(self, data: bytes, first_line: int, repeated: pl.Series, seen: set[str]) -> None:
        """Second look at one block: reject each accepted id accepted on an earlier row.

        Only the ids are cut out and hashed; the few rows whose hash was recorded more
        than once are then looked at one by one (accepted or not, by the values checked in
        the first pass).
        """
        import polars as pl  # noqa: PLC0415

        lines = self.lines(data)
        ids = lines.str.splitn(",", self.id_at + 2).struct.field(f"field_{self.id_at}")
        whole = pl.DataFrame({"text": lines, "id": ids}).with_row_index("at")
        named = whole.filter(pl.col("id").is_not_null() & self.hashes(ids).is_in(repeated))
        places, texts = named["at"].to_list(), named["text"].to_list()
        self.recheck(places, [tuple(text.split(",")) for text in texts], first_line, seen)
