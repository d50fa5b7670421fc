"""A roster of several files tallied on a Dask cluster, exactly as one process tallies it.

Writes a small synthetic roster as four CSV files in a temporary folder — some persons
listed again in a later file, as a roster gathered from townships may have them — starts a
``LocalCluster`` of two worker processes and tallies the files as one roster with
:func:`~pension_subsidy.roster.distributed.tally_roster_distributed`. The result is
compared with one process on the same rows in one file. A province runs the same call
against its own cluster (``docs/roster.md``, *On a cluster*).

Needs the ``dask`` extra (``pip install 'pension-subsidy[dask]'``); without it the example
says so and exits 0.
"""

from __future__ import annotations

import csv
import datetime
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs

from pension_subsidy.roster import FIELDS, default_roster_rules, synthetic_rows, tally_roster

ROWS = 10_000
FILES = 4
#: Persons listed again in a later file (each a duplicate_person_id rejection there).
LISTED_AGAIN = 25


def write_roster(folder: Path) -> tuple[list[Path], Path]:
    """The roster as FILES files, and the same rows in one file (for the comparison)."""
    rows = [list(row) for row in synthetic_rows(ROWS, seed=5)]
    for index in range(LISTED_AGAIN):  # a person of the first file again in a later one
        rows[ROWS - 1 - 97 * index][0] = rows[13 * index][0]
    size = ROWS // FILES
    pieces = [rows[start : start + size] for start in range(0, ROWS, size)]
    paths = [
        _write(folder / f"乡镇{index + 1:02d}.csv", piece) for index, piece in enumerate(pieces)
    ]
    return paths, _write(folder / "whole.csv", rows)


def _write(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)
    return path


def main() -> int:
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415  (an optional extra)

        from pension_subsidy.roster.distributed import (  # noqa: PLC0415  (needs distributed)
            tally_roster_distributed,
        )
    except ImportError:
        print("distributed is not installed: pip install 'pension-subsidy[dask]'; skipping")
        return 0
    rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
    with (
        tempfile.TemporaryDirectory() as folder,
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        paths, whole = write_roster(Path(folder))
        rejected: list[str] = []
        merged = tally_roster_distributed(
            paths,
            rules,
            client=client,
            on_reject=lambda path, rejection: rejected.append(f"{path.name}:{rejection.line}"),
            block_bytes=128 << 10,  # small blocks: several Dask tasks per file
        )
        single = tally_roster(whole, rules, jobs=1)
    for item in merged.components():
        print(f"  {item.key:<26} {item.headcount:>7} 人 {item.amount:>14,.2f} 元")
    print(f"  rejected: {merged.rejection_counts()} (first: {', '.join(rejected[:3])})")
    same = merged == single
    print(f"{FILES} files on a LocalCluster of 2 workers == one process on one file: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
