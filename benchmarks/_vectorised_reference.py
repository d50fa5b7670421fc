"""A vectorised reference of the roster rules: pyarrow reads the CSV whole, polars computes.

The obvious data engineer's version, written for the benchmark (not part of the library):
the whole file read into memory at once (``pyarrow.csv``, every column text, a row of the
wrong field count counted and skipped by pyarrow's ``invalid_row_handler``), then one
polars expression per rule: checks of every field in column order, the duplicate ids among
the rows otherwise accepted, each component's amount per row in whole 分 (exact integers),
summed. No streaming, no caching of distinct values, no fallbacks. It computes the same
tally as the engines (rows read, rejected, headcount per category, total) on rosters of the
synthetic shape — plain CSV without quotes, the default field names and the identity
columns under their Chinese headers — for any :class:`~pension_subsidy.roster.RosterRules`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from pension_subsidy.roster.rules import PROXY_CATEGORIES, RosterRules

#: The optional identity columns by the headers a synthetic roster gives them.
IDENTITY_COLUMNS: Final = {
    "特困人员": "extreme_poverty",
    "低保对象": "low_income",
    "监测对象": "relapse_risk",
    "补缴": "back_payment",
}
_FLAG_FIELDS: Final = ("paying", "poverty", "cadre", "land_loss", "receiving")
_DISABILITY: Final = {"severe": "severe", "重度": "severe", "mild": "mild", "轻度": "mild"}


@attrs.frozen
class ReferenceTally:
    """What a reference computes: rows read, rejected, headcount per category, total 元."""

    rows_read: int
    rejected: int
    headcounts: Mapping[str, int]
    total: Decimal

    def answer(self) -> list[object]:
        """As the benchmark compares engines: rows, rejected, total, rejections handed on."""
        return [self.rows_read, self.rejected, str(self.total), self.rejected]


def fen(amount: Decimal) -> int:
    """An amount in 元 as whole 分 (the rules' amounts are whole 分)."""
    cents = amount * 100
    assert cents == cents.to_integral_value(), amount
    return int(cents)


def as_of_date(rules: RosterRules) -> datetime.date:
    """The eligibility date: the rules' ``as_of`` or today."""
    return rules.as_of if rules.as_of is not None else datetime.date.today()


def read_roster(path: Path) -> tuple[Any, int]:
    """The roster as a polars frame of text columns, and the rows of a wrong field count."""
    import polars as pl  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    from pyarrow import csv  # noqa: PLC0415

    with path.open(encoding="utf-8") as stream:
        header = stream.readline().rstrip("\r\n").split(",")
    wrong = []

    def skip(row: object) -> str:
        wrong.append(1)
        return "skip"

    table = csv.read_csv(
        path,
        parse_options=csv.ParseOptions(invalid_row_handler=skip),
        convert_options=csv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    frame = pl.from_arrow(table).rename(lambda name: IDENTITY_COLUMNS.get(name, name))
    return frame, len(wrong)


def tally_reference(path: Path, rules: RosterRules) -> ReferenceTally:
    """The tally of a synthetic-shaped CSV roster, computed column by column."""
    import polars as pl  # noqa: PLC0415

    frame, wrong = read_roster(path)
    optional = [name for name in IDENTITY_COLUMNS.values() if name in frame.columns]
    flags = [*_FLAG_FIELDS, *optional]
    paid = categories(rules, optional)
    counted = (
        frame.lazy()  # one query: polars computes each category's column once
        .with_columns(*(pl.col(f).is_in(["1", "是"]).alias(f"{f}_") for f in flags))
        .filter(valid(rules, flags))
        .filter(pl.col("person_id").is_first_distinct())
        .select(
            pl.len().alias("accepted"),
            *(member.sum().alias(name) for name, (member, _) in paid.items()),
            pl.sum_horizontal(
                pl.when(member).then(amount).otherwise(pl.lit(0, pl.Int64))
                for member, amount in paid.values()
            )
            .sum()
            .alias("total 分"),
        )
        .collect()
        .row(0, named=True)
    )
    accepted = int(counted.pop("accepted"))
    total_fen = int(counted.pop("total 分") or 0)
    rows_read = len(frame) + wrong
    return ReferenceTally(
        rows_read=rows_read,
        rejected=rows_read - accepted,
        headcounts={name: int(count) for name, count in counted.items() if count},
        total=Decimal(total_fen).scaleb(-2),
    )


def valid(rules: RosterRules, flags: list[str]) -> Any:
    """Whether a row passes every check (the duplicate ids aside)."""
    import polars as pl  # noqa: PLC0415

    col = pl.col
    born = pl.coalesce(
        col("birth_date").str.to_date(form, strict=False)
        for form in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")
    )
    grade = col("grade").cast(pl.Decimal(38, 2), strict=False)
    paying = col("paying").is_in(["1", "是"])
    back = col("back_payment").is_in(["1", "是"]) if "back_payment" in flags else pl.lit(False)
    lowest = min(listed for listed, _ in rules.grade_table)
    grade_ok = (
        pl.when(col("grade") == "")
        .then(~paying)
        .otherwise(
            grade.is_not_null()
            & (grade >= 0)
            & (~paying | back | (grade >= pl.lit(Decimal(lowest.value), pl.Decimal(38, 2))))
        )
    )
    return (
        (col("person_id") != "")
        & (col("township") != "")
        & (col("village") != "")
        & born.is_not_null()
        & (born <= as_of_date(rules))
        & pl.all_horizontal(col(f).is_in(["1", "0", "是", "否"]) for f in flags)
        & grade_ok
        & col("disability").is_in(["", *_DISABILITY])
    ).alias("valid")


def categories(rules: RosterRules, optional: list[str]) -> dict[str, tuple[Any, Any]]:
    """Per category: whether an accepted row is in it, and its amount per person in 分."""
    import polars as pl  # noqa: PLC0415

    col = pl.col
    back = col("back_payment_") if "back_payment" in optional else pl.lit(False)
    disability = col("disability").replace_strict(_DISABILITY, default="")
    proxied = ~col("receiving_") & ~back
    applies = {
        "severe_disability": disability == "severe",
        "mild_disability": disability == "mild",
        "poverty_household": col("poverty_"),
        **{name: col(f"{name}_") for name in optional if name != "back_payment"},
    }
    amounts = {category: fen(amount.value) for category, amount in rules.proxies}
    chosen: Any = pl.lit(None, pl.String)
    for category in reversed(rules.order):
        chosen = pl.when(applies[category] & proxied).then(pl.lit(category)).otherwise(chosen)
    grade = col("grade").cast(pl.Decimal(38, 2), strict=False)
    subsidy: Any = pl.lit(0, pl.Int64)  # 分 as Int64: a roster's total passes 2^31 分
    for listed, amount in rules.grade_table:
        at_least = grade >= pl.lit(listed.value, pl.Decimal(38, 2))
        subsidy = pl.when(at_least).then(pl.lit(fen(amount.value), pl.Int64)).otherwise(subsidy)
    gets_grade = col("paying_") & ~back
    if not rules.with_grade_subsidy:
        gets_grade &= chosen.is_null()
    paid: dict[str, tuple[Any, Any]] = {"contribution_subsidy": (gets_grade, subsidy)}
    for category, amount in amounts.items():
        member = applies[category] & proxied
        if category not in rules.separate:
            member = chosen == category
        paid[PROXY_CATEGORIES[category]] = (member.fill_null(False), pl.lit(amount, pl.Int64))
    if rules.cadre_per_person is not None:
        cadre = fen(rules.cadre_per_person.value)
        paid["village_cadre_subsidy"] = (col("cadre_") & ~back, pl.lit(cadre, pl.Int64))
    if rules.land_loss_monthly is not None:
        yearly = fen(rules.land_loss_monthly.value) * rules.land_loss_months
        paid["land_loss_pension"] = (
            col("land_loss_") & col("receiving_") & ~back,
            pl.lit(yearly, pl.Int64),
        )
    configured = [applies[c] & proxied for c in amounts]
    markers = {
        "several_proxy_groups": pl.sum_horizontal(configured) > 1,
        "back_payment": back,
    }
    return {**paid, **{name: (member, pl.lit(0, pl.Int64)) for name, member in markers.items()}}
