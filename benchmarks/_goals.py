"""The benchmark's tables: each size's figures, and each goal of issue 14 with PASS or MISS.

Times are medians over the rounds, peak memory the highest of the rounds. A goal stated for
1M and 3M rows is judged at every measured size of a million rows or more; the memory goals
compare the smallest and the largest size measured (100k and 3M in the full run).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Final, TypeAlias

Runs: TypeAlias = dict[str, list[dict[str, object]]]
Results: TypeAlias = dict[int, Runs]

#: Columnar peak memory may rise this much from the smallest to the largest size: the
#: blocks are full-sized from 100k rows on, so more is growth with the rows.
COLUMNAR_GROWTH_MIB: Final = 16
MILLION: Final = 1_000_000


def median(runs: Runs, mode: str, key: str) -> float:
    """The median of one figure of a mode's runs."""
    return statistics.median(float(run[key]) for run in runs[mode])  # type: ignore[arg-type]


def peak_mib(runs: Runs, mode: str) -> float:
    """The highest peak memory of a mode's runs, MiB."""
    return max(int(run["peak_kib"]) for run in runs[mode]) / 1024  # type: ignore[call-overload]


def size_table(size: int, runs: Runs, variety: str) -> str:
    """One size's figures per mode, with ratios to the bare pass, the reference, OpenFisca."""
    rounds = len(runs["bare"])
    lines = [
        f"{size:,} rows, {variety} variety ({rounds} rounds, medians; peak: highest)",
        f"{'mode':<10} {'CPU s':>7} {'wall s':>7} {'CPU ×bare':>10} {'wall ×bare':>11}"
        f" {'peak MiB':>9} {'CPU ×reference':>15} {'wall ×openfisca':>16}",
    ]
    bare_cpu, bare_wall = median(runs, "bare", "cpu"), median(runs, "bare", "wall")
    reference = median(runs, "reference", "cpu") if "reference" in runs else None
    openfisca = median(runs, "openfisca", "wall") if "openfisca" in runs else None
    for mode in runs:
        cpu, wall = median(runs, mode, "cpu"), median(runs, mode, "wall")
        versus = f"{cpu / reference:15.2f}" if reference else f"{'–':>15}"
        against = f"{wall / openfisca:16.2f}" if openfisca else f"{'–':>16}"
        lines.append(
            f"{mode:<10} {cpu:7.2f} {wall:7.2f} {cpu / bare_cpu:10.2f} {wall / bare_wall:11.2f}"
            f" {peak_mib(runs, mode):9.0f} {versus} {against}"
        )
    return "\n".join(lines)


def _ratio(top: str, bottom: str, key: str) -> Callable[[Runs], float | None]:
    def figure(runs: Runs) -> float | None:
        if top not in runs or bottom not in runs:
            return None
        return median(runs, top, key) / median(runs, bottom, key)

    return figure


def _peak(mode: str) -> Callable[[Runs], float | None]:
    return lambda runs: peak_mib(runs, mode) if mode in runs else None


#: (goal, the sizes it is judged at, its figure of one size's runs, the most it may be).
_PER_SIZE: Final = (
    ("columnar CPU ÷ reference CPU", "≥ 1M", _ratio("columnar", "reference", "cpu"), 1.3),
    ("columnar wall ÷ openfisca wall", "≥ 1M", _ratio("columnar", "openfisca", "wall"), 0.5),
    ("columnar peak MiB", "all", _peak("columnar"), 300.0),
    ("pure/2 wall ÷ bare wall (default jobs)", "1M", _ratio("pure/2", "bare", "wall"), 1.5),
    ("pure/1 CPU ÷ bare CPU", "3M", _ratio("pure/1", "bare", "cpu"), 2.5),
    ("pure/2 CPU ÷ bare CPU", "3M", _ratio("pure/2", "bare", "cpu"), 2.5),
)
#: (mode, the most its peak may grow from the smallest size to the largest, MiB).
_GROWTH: Final = (("columnar", COLUMNAR_GROWTH_MIB), ("pure/1", 10), ("pure/2", 10))


def _judged(at: str, size: int) -> bool:
    return {"≥ 1M": size >= MILLION, "1M": size == MILLION, "3M": size == 3 * MILLION}.get(at, True)


def _row(goal: str, where: str, figure: float, limit: float) -> str:
    verdict = "PASS" if figure <= limit else "MISS"
    return f"{goal:<40} {where:>18} {figure:9.2f} {'≤ ' + format(limit, 'g'):>8}  {verdict}"


def goal_table(results: Results) -> str:
    """Each goal at each size it is judged at: the figure, the limit, PASS or MISS."""
    lines = [
        "Goals of issue 14 (CPU: medians; wall: medians, unreliable on a loaded machine)",
        f"{'goal':<40} {'rows':>18} {'measured':>9} {'limit':>8}  verdict",
    ]
    for goal, at, figure, limit in _PER_SIZE:
        for size, runs in results.items():
            value = figure(runs)
            if value is not None and _judged(at, size):
                lines.append(_row(goal, f"{size:,}", value, limit))
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for mode, limit in _GROWTH:
            if mode in results[small] and mode in results[large]:
                growth = peak_mib(results[large], mode) - peak_mib(results[small], mode)
                where = f"{small:,}→{large:,}"
                lines.append(_row(f"{mode} peak growth MiB", where, growth, limit))
    return "\n".join(lines)
