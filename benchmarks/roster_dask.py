"""The Dask path's throughput per worker against the single-process pure engine (issue 14).

Run: ``PYTHONPATH=src python benchmarks/roster_dask.py [--rows 1000000] [--files 4]
[--workers 2] [--rounds 3] [--dir DIR]``.

A synthetic roster (``write_synthetic_roster``, fixed seed, 1 % faults) is written once and
split into ``--files`` files of whole records. Each round tallies it twice, in turn:

- ``single``: ``tally_roster(engine="pure", jobs=1)`` on the whole file, in this process:
  its CPU time (``time.process_time``);
- ``dask``: ``tally_roster_distributed`` over the files on a ``LocalCluster`` of
  ``--workers`` single-threaded worker processes, made once before the rounds: the CPU the
  workers spent during the tally (``getrusage`` in each worker before and after, summed),
  and the client's own CPU.

Both answers (rows, rejected, total) must be the same. The goal: CPU per row on the workers
within 1.5× of the single process (``dask ÷ single``), i.e. the distributed path costs each
worker at most half again what one process would spend on its share. Wall times are printed
too; on a machine with fewer cores than workers + client they mean little.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from pension_subsidy.roster import default_roster_rules, tally_roster
from pension_subsidy.roster.dask_cluster import dask_client
from pension_subsidy.roster.distributed import tally_roster_distributed
from pension_subsidy.roster.synth import write_synthetic_roster

SEED = 20261129


def _cpu() -> float:
    """This worker process's CPU seconds (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _split(path: Path, files: int) -> list[Path]:
    """``path`` cut into ``files`` files of whole lines, each with the header."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    size = -(-len(rows) // files)
    parts = []
    for number in range(files):
        part = path.with_name(f"{path.stem}-part{number + 1}.csv")
        part.write_text(header + "".join(rows[number * size : (number + 1) * size]), "utf-8")
        parts.append(part)
    return parts


def _answer(tally: Any) -> tuple[int, int, str]:
    return tally.rows_read, tally.rejected, str(tally.total)


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    folder = options.dir or Path(tempfile.mkdtemp(prefix="roster-dask-"))
    folder.mkdir(parents=True, exist_ok=True)
    whole = folder / f"roster-{options.rows}-seed{SEED}.csv"
    if not whole.exists():
        write_synthetic_roster(whole, options.rows, seed=SEED, corrupt=0.01)
    parts = _split(whole, options.files)
    rules = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
    single_cpu, dask_cpu, client_cpu, single_wall, dask_wall = [], [], [], [], []
    with dask_client(f"local:{options.workers}") as client:
        for _ in range(options.rounds):
            cpu, wall = time.process_time(), time.perf_counter()
            alone = tally_roster(whole, rules, engine="pure", jobs=1)
            single_cpu.append(time.process_time() - cpu)
            single_wall.append(time.perf_counter() - wall)
            before = client.run(_cpu)
            cpu, wall = time.process_time(), time.perf_counter()
            spread = tally_roster_distributed(parts, rules, client=client)
            client_cpu.append(time.process_time() - cpu)
            dask_wall.append(time.perf_counter() - wall)
            after = client.run(_cpu)
            dask_cpu.append(sum(after[name] - before[name] for name in after))
            if _answer(alone) != _answer(spread):
                sys.exit(f"answers differ: {_answer(alone)} and {_answer(spread)}")
    median = statistics.median
    print(
        f"{options.rows:,} rows in {options.files} files, {options.workers} workers, "
        f"{options.rounds} rounds (medians); answer {_answer(alone)}"
    )
    print(
        f"  single process CPU      {median(single_cpu):7.2f} s   wall {median(single_wall):6.2f} s"
    )
    print(f"  Dask workers' CPU       {median(dask_cpu):7.2f} s   wall {median(dask_wall):6.2f} s")
    print(f"  Dask client's CPU       {median(client_cpu):7.2f} s")
    ratio = median(dask_cpu) / median(single_cpu)
    with_client = (median(dask_cpu) + median(client_cpu)) / median(single_cpu)
    verdict = "PASS" if ratio <= 1.5 else "MISS"
    print(f"  workers' CPU ÷ single   {ratio:7.2f}    (goal ≤ 1.5: {verdict})")
    print(f"  with the client's       {with_client:7.2f}")
    print(
        f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
