"""Tally a synthetic roster in partitions with a process pool; the merge equals the whole.

Rows are split by a stable hash of the person id, so every copy of an id lands in the same
partition and duplicates are still caught inside it.
"""

from __future__ import annotations

import csv
import tempfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pension_subsidy.roster import Tally, tally_roster, write_synthetic_roster

PARTITIONS = 4


def partition(source: Path, folder: Path) -> list[Path]:
    """Split a roster CSV into PARTITIONS files by crc32(person_id)."""
    paths = [folder / f"part-{index}.csv" for index in range(PARTITIONS)]
    streams = [path.open("w", encoding="utf-8", newline="") for path in paths]
    try:
        writers = [csv.writer(stream, lineterminator="\n") for stream in streams]
        with source.open(encoding="utf-8", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader)
            for writer in writers:
                writer.writerow(header)
            for row in reader:
                writers[zlib.crc32(row[0].encode()) % PARTITIONS].writerow(row)
    finally:
        for stream in streams:
            stream.close()
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        roster = folder / "roster.csv"
        write_synthetic_roster(roster, 50_000, seed=11, corrupt=0.01)
        whole = tally_roster(roster)
        with ProcessPoolExecutor(max_workers=PARTITIONS) as pool:
            parts = list(pool.map(tally_roster, partition(roster, folder)))
        merged = Tally.merge_all(parts)
        print(f"rows read {merged.rows_read}, accepted {merged.accepted}, "
              f"rejected {merged.rejected}")  # fmt: skip
        for item in merged.components():
            print(f"  {item.key:<26} {item.headcount:>7} 人 {item.amount:>14,.2f} 元")
        assert merged == whole, "the merged partitions differ from the whole roster"
        print(f"{PARTITIONS} partitions merged == the whole roster: True")


if __name__ == "__main__":
    main()
