"""What-if sweep speed: scenarios a second, exact model against plain ``Decimal`` arithmetic.

Run: ``python benchmarks/whatif_sweep.py [ROUNDS]`` (from the repository, with the package
installed). A grid of overrides on the bundled Menyuan 2022 data — the contribution
subsidy's headcount and two per-capita amounts, each changed in steps — is applied and every
project of every scenario is checked (:meth:`~pension_subsidy.model.budget.Project.check`:
totals, headroom, shares, overrun attribution), three ways:

* **sweep** — :func:`~pension_subsidy.whatif.sweep.sweep`, the public path for many
  scenarios of one budget (each budget equal to :func:`apply_overrides`'s);
* **one by one** — :func:`~pension_subsidy.whatif.apply.apply_overrides` per scenario;
* **plain Decimal** — the same totals and shares in bare ``Decimal`` arithmetic (headcount ×
  per capita, summed, divided), which knows no rules, no validation and no exact rounding
  of a ratio: the floor an exact model can aim at.

Also the checks alone: ``Project.check`` computed afresh on scenarios applied beforehand
(a project keeps its check once computed, so each is timed on an unchecked copy).

Prints, interleaved over several rounds, the median scenarios per second of each in CPU time
(``time.process_time``: the machine is shared) and their ratio. The issue's goal is ≥ 10,000
scenarios a second for the exact sweep; nothing is asserted (speed goals live here, not in
the tests).
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from pension_subsidy import load_dataset
from pension_subsidy.whatif.apply import apply_overrides
from pension_subsidy.whatif.overrides import Override
from pension_subsidy.whatif.sweep import sweep

_FUND = "county_supporting_fund"
_STEPS = ("-10%", "-5%", "+0%", "+5%", "+10%", "+20%")
_HEADCOUNT = "contribution_subsidy.headcount"
_PER_CAPITA = ("severe_disability_proxy.per_capita", "mild_disability_proxy.per_capita")


def _grid() -> list[list[Override]]:
    """Every combination of the steps on the three targets (6³ = 216 scenarios)."""
    targets = (_HEADCOUNT, *_PER_CAPITA)
    return [
        [Override.parse(f"{target}={step}") for target, step in zip(targets, steps, strict=True)]
        for steps in itertools.product(_STEPS, repeat=len(targets))
    ]


def _sweep(grid: list[list[Override]]) -> float:
    """CPU seconds for the exact sweep: every scenario applied, every project checked."""
    budget = load_dataset("menyuan-2022")
    start = time.process_time()
    for scenario in sweep(budget, grid):
        for project in scenario.projects:
            project.check()
    return time.process_time() - start


def _one_by_one(grid: list[list[Override]]) -> float:
    """CPU seconds for apply_overrides per scenario, every project checked."""
    budget = load_dataset("menyuan-2022")
    start = time.process_time()
    for overrides in grid:
        scenario = apply_overrides(budget, overrides)
        for project in scenario.projects:
            project.check()
    return time.process_time() - start


def _checks(grid: list[list[Override]]) -> float:
    """CPU seconds for the checks alone, on unchecked copies of scenarios applied beforehand."""
    budget = load_dataset("menyuan-2022")
    scenarios = [
        [attrs.evolve(project) for project in apply_overrides(budget, overrides).projects]
        for overrides in grid
    ]
    start = time.process_time()
    for projects in scenarios:
        for project in projects:
            project.check()
    return time.process_time() - start


def _plain(grid: list[list[Override]]) -> float:
    """CPU seconds for the same totals and shares in bare Decimal arithmetic."""
    budget = load_dataset("menyuan-2022")
    fund = budget.project(_FUND)
    rows = {
        component.key: (Decimal(component.headcount), component.per_capita.value)  # type: ignore[union-attr]
        for component in fund.components
    }
    appropriation = fund.appropriation.value
    factors = [Decimal(1) + Decimal(step.rstrip("%")) / 100 for step in _STEPS]
    hundredth = Decimal("0.01")
    grid_factors = list(itertools.product(factors, repeat=3))[: len(grid)]
    start = time.process_time()
    for headcount, severe, mild in grid_factors:
        amounts = {}
        for key, (base_count, base_per_capita) in rows.items():
            count, per_capita = base_count, base_per_capita
            if key == "contribution_subsidy":
                count = (count * headcount).to_integral_value(ROUND_HALF_UP)
            elif key == "severe_disability_proxy":
                per_capita = (per_capita * severe).quantize(hundredth, ROUND_HALF_UP)
            elif key == "mild_disability_proxy":
                per_capita = (per_capita * mild).quantize(hundredth, ROUND_HALF_UP)
            amounts[key] = (count * per_capita).quantize(hundredth, ROUND_HALF_UP)
        total = sum(amounts.values(), Decimal(0))
        _ = appropriation - total
        for amount in amounts.values():
            _ = (amount / total * 100).quantize(hundredth, ROUND_HALF_UP)
    return time.process_time() - start


def main(rounds: int = 7) -> None:
    """Interleave the ways ``rounds`` times; print the medians."""
    grid = _grid()
    ways: dict[str, Callable[[list[list[Override]]], float]] = {
        "exact sweep (sweep + Project.check)": _sweep,
        "one by one (apply_overrides + check)": _one_by_one,
        "Project.check alone (unchecked copies)": _checks,
        "plain Decimal, same totals and shares": _plain,
    }
    seconds: dict[str, list[float]] = {name: [] for name in ways}
    _sweep(grid[:10])  # warm caches and imports
    for _ in range(rounds):
        for name, way in ways.items():
            seconds[name].append(way(grid))
    rates = {name: len(grid) / statistics.median(times) for name, times in seconds.items()}
    print(f"what-if sweep: {len(grid)} scenarios × {rounds} rounds, medians of CPU time")
    for name, rate in rates.items():
        print(f"  {name + ':':42s} {rate:10,.0f} scenarios/s")
    exact, plain = (
        rates["exact sweep (sweep + Project.check)"],
        rates["plain Decimal, same totals and shares"],
    )
    print(f"  ratio plain / exact sweep: {plain / exact:.1f}×  (goal: exact ≥ 10,000/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
