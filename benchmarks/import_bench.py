"""Import time of ``pension_subsidy`` against a bare interpreter, measured side by side.

Runs ``python -c pass`` and ``python -c "import pension_subsidy"`` interleaved, ROUNDS times
each, and prints both medians and their difference (the goal: ≤ 20 ms over the bare
interpreter), plus the same for one what-if command's modules (``pension-subsidy scenario``).

    python benchmarks/import_bench.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

SNIPPETS = {
    "bare interpreter": "pass",
    "import pension_subsidy": "import pension_subsidy",
    "import + load_dataset()": "import pension_subsidy as ps; ps.load_dataset()",
    "the scenario command's modules": "import pension_subsidy.cli._scenario",
}


def _once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    times: dict[str, list[float]] = {name: [] for name in SNIPPETS}
    for _ in range(rounds):
        for name, code in SNIPPETS.items():  # interleaved, so a slow spell hits every line
            times[name].append(_once(code))
    bare = statistics.median(times["bare interpreter"])
    print(f"{rounds} rounds, medians (wall):")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:32} {median * 1000:7.1f} ms   +{(median - bare) * 1000:6.1f} ms over bare")


if __name__ == "__main__":
    main()
