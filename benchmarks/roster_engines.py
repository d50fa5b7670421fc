"""The roster engines side by side: CPU, wall and peak memory against a bare ``csv.reader`` pass.

Run: ``PYTHONPATH=src python benchmarks/roster_engines.py [--sizes 100000 1000000] [--3m]
[--rounds 5] [--dir DIR]``.

The rosters are synthetic (``write_synthetic_roster``, fixed seed, the optional identity
columns, 1 % of rows made wrong in known ways), written once into ``--dir`` (default: a
temporary directory) and kept there when it is given. Each run of each mode is its own
subprocess, timed inside it from before the roster is opened (imports excluded), so that its
peak memory belongs to it alone: ``ru_maxrss`` of the process, and for worker processes the
largest of theirs. CPU is the process's own (every thread: polars runs several) plus its
workers'. The modes take turns, in a rotated order round after round, so that a busy spell of
a shared machine hits them alike; the table gives each mode's median. Every engine's answer
(rows, rejections, total) is checked to be the same. Modes:

- ``bare``: ``for _ in csv.reader(f): pass`` — the yardstick;
- ``pure/1``, ``pure/2``: the pure engine (``engine="pure"``) in one and in two processes;
- ``columnar``: the columnar engine (``engine="columnar"``, polars; skipped when absent).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = 20261129
MODES = ("bare", "pure/1", "pure/2", "columnar")

_MEASURE = r"""
import csv, datetime, json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
if mode != "bare":
    import attrs  # imports outside the timing
    if mode == "columnar":
        import polars
    from pension_subsidy.roster import default_roster_rules, tally_roster
    rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
def bare():
    with open(path, newline="", encoding="utf-8") as stream:
        for _ in csv.reader(stream):
            pass
    return None
def engine(name, jobs):
    rejected = []
    tally = tally_roster(path, rules, engine=name, jobs=jobs, on_reject=rejected.append)
    return [tally.rows_read, tally.rejected, str(tally.total), len(rejected)]
run = {
    "bare": bare,
    "pure/1": lambda: engine("pure", 1),
    "pure/2": lambda: engine("pure", 2),
    "columnar": lambda: engine("columnar", None),
}[mode]
cpu, wall = time.process_time(), time.perf_counter()
answer = run()
wall = time.perf_counter() - wall
cpu = time.process_time() - cpu
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "cpu": cpu + workers.ru_utime + workers.ru_stime, "wall": wall,
    "peak_kib": max(own, workers.ru_maxrss), "answer": answer,
}))
"""


def _measure(path: Path, mode: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), mode],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _roster(folder: Path, size: int) -> Path:
    from pension_subsidy.roster import write_synthetic_roster  # noqa: PLC0415

    path = folder / f"roster-{size}-seed{SEED}.csv"
    if not path.exists():
        print(f"writing {path.name} …", file=sys.stderr, flush=True)
        write_synthetic_roster(path, size, seed=SEED, corrupt=0.01, identities=True)
    return path


def _table(size: int, results: dict[str, list[dict[str, object]]]) -> str:
    def median(mode: str, key: str) -> float:
        return statistics.median(float(run[key]) for run in results[mode])  # type: ignore[arg-type]

    bare_cpu, bare_wall = median("bare", "cpu"), median("bare", "wall")
    lines = [
        f"{size:,} rows ({len(results['bare'])} rounds, medians)",
        f"{'mode':<10} {'CPU s':>7} {'wall s':>7} {'CPU ×bare':>10} {'wall ×bare':>11}"
        f" {'peak MiB':>9} {'CPU ×columnar':>14}",
    ]
    columnar_cpu = median("columnar", "cpu") if "columnar" in results else None
    for mode, runs in results.items():
        cpu, wall = median(mode, "cpu"), median(mode, "wall")
        peak = max(int(run["peak_kib"]) for run in runs) / 1024  # type: ignore[call-overload]
        versus = f"{cpu / columnar_cpu:14.2f}" if columnar_cpu else f"{'–':>14}"
        lines.append(
            f"{mode:<10} {cpu:7.2f} {wall:7.2f} {cpu / bare_cpu:10.2f} {wall / bare_wall:11.2f}"
            f" {peak:9.0f} {versus}"
        )
    return "\n".join(lines)


def main() -> None:
    """Write the rosters, run the modes in turns, print a table per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--3m", dest="three", action="store_true", help="also 3,000,000 rows")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="keep the rosters here (default: a temp dir)")
    args = parser.parse_args()
    sizes = [*args.sizes, *([3_000_000] if args.three else [])]
    modes = [m for m in MODES if m != "columnar" or importlib.util.find_spec("polars")]
    if "columnar" not in modes:
        print("columnar engine skipped: polars (the fast extra) is not installed")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            path = _roster(folder, size)
            results: dict[str, list[dict[str, object]]] = {mode: [] for mode in modes}
            for round_ in range(args.rounds):
                shift = round_ % len(modes)
                for mode in modes[shift:] + modes[:shift]:
                    results[mode].append(_measure(path, mode))
            answers = {json.dumps(run["answer"]) for m in modes[1:] for run in results[m]}
            if len(answers) > 1:
                raise SystemExit(f"the engines disagree on {path.name}: {answers}")
            print(_table(size, results), flush=True)
            print(f"answer (rows, rejected, total 元, rejections): {answers.pop()}\n")
    load = os.getloadavg()
    loads = " ".join(f"{value:.2f}" for value in load)
    print(f"load average at the end: {loads} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
