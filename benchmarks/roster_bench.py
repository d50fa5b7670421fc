"""Roster engine vs a bare ``csv.reader`` pass: time ratio and peak memory, 100k and 1M rows.

Run: ``PYTHONPATH=src python benchmarks/roster_bench.py [--sizes 100000 1000000] [--runs 5]``.

Each run of each mode is its own subprocess, so that its peak memory belongs to it alone:
``ru_maxrss`` of that process (the parent) and, for the worker processes of ``jobs`` > 1,
``RUSAGE_CHILDREN`` (the largest worker; a forked worker's peak includes the pages it
shares with the parent: the interpreter and the imports). The modes take turns, round
after round, so that a slow spell of a shared machine hits them alike; a mode's time is its
best run (other load only ever slows a run down) and its memory its highest peak. The
synthetic rosters (fixed seed) are written to a temporary directory. Modes:

- ``bare``: ``for _ in csv.reader(f): pass`` over the file — the yardstick;
- ``exact/1`` and ``exact/auto``: the engine with the exact duplicate person-id check (the
  default), in one process and with the default ``jobs`` (every core for a file ≥ 8 MiB);
- ``no-dup/1`` and ``no-dup/auto``: ``check_duplicates=False``.
"""

from __future__ import annotations

import argparse
import json
import os
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
def engine(check, jobs):
    from pension_subsidy.roster import tally_roster
    return tally_roster(path, check_duplicates=check, jobs=jobs)
run = {
    "bare": bare,
    "exact/1": lambda: engine(True, 1),
    "exact/auto": lambda: engine(True, None),
    "no-dup/1": lambda: engine(False, 1),
    "no-dup/auto": lambda: engine(False, None),
}[mode]
if mode != "bare":
    import pension_subsidy.roster  # imports outside the timing
start = time.perf_counter()
run()
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kib": own, "workers_kib": workers}))
"""

MODES = ("bare", "exact/1", "exact/auto", "no-dup/1", "no-dup/auto")


def measure(path: Path, mode: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def measure_all(path: Path, runs: int) -> dict[str, dict[str, float]]:
    """Each mode's best time and highest peaks over ``runs`` rounds of every mode in turn."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(runs):
        for mode in MODES:
            figures = measure(path, mode)
            if mode not in best:
                best[mode] = figures
            else:
                best[mode] = {
                    "seconds": min(best[mode]["seconds"], figures["seconds"]),
                    "peak_kib": max(best[mode]["peak_kib"], figures["peak_kib"]),
                    "workers_kib": max(best[mode]["workers_kib"], figures["workers_kib"]),
                }
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"roster-{size}.csv"
            write_synthetic_roster(path, size, seed=args.seed)
            results[size] = measure_all(path, args.runs)
            path.unlink()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"CPython {sys.version.split()[0]}, {cores} cores; best of {args.runs} runs")
    print(
        f"{'rows':>10} {'mode':>12} {'seconds':>8} {'× bare':>7} {'peak MiB':>9} {'worker MiB':>11}"
    )
    for size, modes in results.items():
        for mode, figures in modes.items():
            ratio = figures["seconds"] / modes["bare"]["seconds"]
            workers = f"{figures['workers_kib'] / 1024:>11.1f}" if figures["workers_kib"] else ""
            print(
                f"{size:>10} {mode:>12} {figures['seconds']:>8.3f} {ratio:>7.2f} "
                f"{figures['peak_kib'] / 1024:>9.1f} {workers:>11}"
            )
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"peak memory growth {small} → {large} rows (the largest process's peak):")
        for mode in MODES[1:]:
            peaks = [
                max(results[size][mode]["peak_kib"], results[size][mode]["workers_kib"]) / 1024
                for size in (small, large)
            ]
            print(f"  {mode:>12}: {peaks[0]:.1f} → {peaks[1]:.1f} MiB ({peaks[1] - peaks[0]:+.1f})")


if __name__ == "__main__":
    main()
