"""Tally a synthetic roster with dask.bag: each partition a Tally, folded by merging.

Needs the ``dask`` extra (``pip install 'pension-subsidy[dask]'``); without it the example
says so and exits 0. A real cluster would read partitions from shared storage instead.
"""

from __future__ import annotations

import sys

from pension_subsidy.roster import (
    FIELDS,
    SequenceSource,
    Tally,
    default_roster_rules,
    synthetic_rows,
    tally_source,
)

ROWS = 40_000
PARTITIONS = 8


def tally_partition(rows: list[list[str]]) -> Tally:
    """One partition's tally (rows in the default column order)."""
    return tally_source(
        SequenceSource(rows),
        rules=default_roster_rules(),
        columns=tuple(range(len(FIELDS))),
        width=len(FIELDS),
    )


def main() -> int:
    try:
        import dask.bag as db  # noqa: PLC0415  (an optional extra)
    except ImportError:
        print("dask is not installed: pip install 'pension-subsidy[dask]'; skipping")
        return 0
    rows = list(synthetic_rows(ROWS, seed=5))
    bag = db.from_sequence(rows, npartitions=PARTITIONS)
    tallies = bag.map_partitions(lambda part: [tally_partition(list(part))])
    merged = tallies.fold(Tally.merge, initial=Tally()).compute(scheduler="synchronous")
    whole = tally_partition(rows)
    for item in merged.components():
        print(f"  {item.key:<26} {item.headcount:>7} 人 {item.amount:>14,.2f} 元")
    print(f"dask.bag, {PARTITIONS} partitions merged == the whole roster: {merged == whole}")
    return 0 if merged == whole else 1


if __name__ == "__main__":
    sys.exit(main())
