"""The roster engines side by side, and the goals of issue 14 checked: a table with PASS/MISS.

Run: ``PYTHONPATH=src python benchmarks/roster_engines.py [--sizes 100000 1000000] [--3m]
[--rounds 3] [--variety normal|high] [--modes …] [--dir DIR]``.

The rosters are synthetic (fixed seed, the identity columns, 1 % of rows made wrong in the
eight known ways; ``--variety high`` spreads them over a province's 9,000 villages with more
grades and date forms: see ``_rosters.py``), written once into ``--dir`` (default: a
temporary directory) and kept there when it is given. Each run of each mode is its own
subprocess, timed inside it from before the roster is opened (imports excluded), so that its
peak memory belongs to it alone: ``ru_maxrss`` of the process, and for worker processes the
largest of theirs. CPU is the process's own (every thread: polars and pyarrow run several)
plus its workers'. The modes take turns, in a rotated order round after round, so that a busy
spell of a shared machine hits them alike; the tables give each mode's median (peak memory:
the highest). Every implementation's answer (rows read, rejected, total 元) is checked to be
the same. Modes:

- ``bare``: ``for _ in csv.reader(f): pass`` — the yardstick;
- ``pure/1``, ``pure/2``: the pure engine (``engine="pure"``) in one and in two processes;
- ``columnar``: the columnar engine (``engine="columnar"``, polars; skipped when absent);
- ``reference``: a vectorised reference of the same rules (``_vectorised_reference.py``:
  pyarrow reads the whole file, polars computes; skipped without polars and pyarrow);
- ``openfisca``: the rules as an OpenFisca model, the roster read and checked with pandas
  (``_openfisca_reference.py``; skipped with a note without ``openfisca-core``).

The load average is printed before and after each size: wall-time ratios mean little on a
machine that is busy with other work (CPU-time ratios much less so).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _goals import Results, goal_table, size_table
from _rosters import VARIETIES, write_roster

SEED = 20261129
MODES = ("bare", "pure/1", "pure/2", "columnar", "reference", "openfisca")
#: What each optional mode needs installed.
_NEEDS = {
    "columnar": ("polars",),
    "reference": ("polars", "pyarrow"),
    "openfisca": ("openfisca_core", "pandas", "pyarrow"),
}

_MEASURE = r"""
import csv, datetime, json, resource, sys, time
from pathlib import Path
path, mode, here = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, here)
if mode != "bare":
    import attrs  # imports outside the timing
    from pension_subsidy.roster import default_roster_rules, tally_roster
    rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
if mode == "columnar":
    import pension_subsidy.roster.columnar  # as the engine loads polars (its allocator setting)
    import polars
if mode == "reference":
    import polars, pyarrow.csv
    from _vectorised_reference import tally_reference
if mode == "openfisca":
    import numpy, pandas, pyarrow.csv, openfisca_core.simulations
    from _openfisca_reference import tally_openfisca
def bare():
    with open(path, newline="", encoding="utf-8") as stream:
        for _ in csv.reader(stream):
            pass
    return None
def engine(name, jobs):
    handed = [0]  # counted, not kept: a list of them would grow with the rows
    def count(rejection):
        handed[0] += 1
    tally = tally_roster(path, rules, engine=name, jobs=jobs, on_reject=count)
    return [tally.rows_read, tally.rejected, str(tally.total), handed[0]]
run = {
    "bare": bare,
    "pure/1": lambda: engine("pure", 1),
    "pure/2": lambda: engine("pure", 2),
    "columnar": lambda: engine("columnar", None),
    "reference": lambda: tally_reference(Path(path), rules).answer(),
    "openfisca": lambda: tally_openfisca(Path(path), rules).answer(),
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
    here = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": str(here.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), mode, str(here)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode:
        raise SystemExit(f"mode {mode} failed on {path.name}:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _available(wanted: list[str]) -> list[str]:
    modes = []
    for mode in wanted:
        missing = [n for n in _NEEDS.get(mode, ()) if importlib.util.find_spec(n) is None]
        if missing:
            print(f"note: mode {mode} skipped: {', '.join(missing)} not installed", flush=True)
        else:
            modes.append(mode)
    return modes


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def _run_size(path: Path, modes: list[str], rounds: int) -> dict[str, list[dict[str, object]]]:
    results: dict[str, list[dict[str, object]]] = {mode: [] for mode in modes}
    for round_ in range(rounds):
        shift = round_ % len(modes)
        for mode in modes[shift:] + modes[:shift]:
            results[mode].append(_measure(path, mode))
    answers = {json.dumps(run["answer"]) for m in modes if m != "bare" for run in results[m]}
    if len(answers) > 1:
        raise SystemExit(f"the implementations disagree on {path.name}: {answers}")
    if answers:
        print(f"answer (rows, rejected, total 元, rejections): {answers.pop()}")
    return results


def main() -> None:
    """Write the rosters, run the modes in turns, print a table per size and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--3m", dest="three", action="store_true", help="also 3,000,000 rows")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variety", choices=VARIETIES, default="normal")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--dir", type=Path, help="keep the rosters here (default: a temp dir)")
    args = parser.parse_args()
    sizes = [*args.sizes, *([3_000_000] if args.three else [])]
    modes = _available(["bare", *(m for m in args.modes if m != "bare")])
    every: Results = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            path = folder / f"roster-{size}-{args.variety}-seed{SEED}.csv"
            if not path.exists():
                print(f"writing {path.name} …", file=sys.stderr, flush=True)
                write_roster(path, size, seed=SEED, variety=args.variety)
            before = _load()
            every[size] = _run_size(path, modes, args.rounds)
            print(size_table(size, every[size], args.variety))
            print(f"load average before: {before}; after: {_load()}\n", flush=True)
    print(goal_table(every))


if __name__ == "__main__":
    main()
