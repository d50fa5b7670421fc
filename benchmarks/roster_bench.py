"""Roster engine vs a bare ``csv.reader`` pass: time ratio and peak memory, 100k and 1M rows.

Run: ``PYTHONPATH=src python benchmarks/roster_bench.py [--sizes 100000 1000000]``.
Each measurement runs in its own subprocess so that peak memory (``ru_maxrss``) belongs to
that measurement alone; times are the best of three runs. The synthetic rosters (fixed seed)
are written to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pension_subsidy.roster import write_synthetic_roster

_MEASURE = r"""
import csv, json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
def bare():
    with open(path, newline="", encoding="utf-8") as stream:
        for _ in csv.reader(stream):
            pass
def engine(check):
    from pension_subsidy.roster import tally_roster
    return tally_roster(path, check_duplicates=check)
run = {"bare": bare, "exact": lambda: engine(True), "no-dup": lambda: engine(False)}[mode]
if mode != "bare":
    import pension_subsidy.roster  # imports outside the timing
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": best, "peak_kib": peak, "base_kib": base}))
"""


def measure(path: Path, mode: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"roster-{size}.csv"
            write_synthetic_roster(path, size, seed=args.seed)
            results[size] = {mode: measure(path, mode) for mode in ("bare", "exact", "no-dup")}
            path.unlink()
    print(f"{'rows':>10} {'mode':>7} {'seconds':>8} {'× bare':>7} {'peak MiB':>9}")
    for size, modes in results.items():
        for mode, figures in modes.items():
            ratio = figures["seconds"] / modes["bare"]["seconds"]
            print(
                f"{size:>10} {mode:>7} {figures['seconds']:>8.3f} {ratio:>7.2f} "
                f"{figures['peak_kib'] / 1024:>9.1f}"
            )
    if len(results) >= 2:
        small, large = min(results), max(results)
        for mode in ("exact", "no-dup"):
            growth = (results[large][mode]["peak_kib"] - results[small][mode]["peak_kib"]) / 1024
            print(f"peak memory growth {small} → {large} rows ({mode}): {growth:.1f} MiB")


if __name__ == "__main__":
    main()
