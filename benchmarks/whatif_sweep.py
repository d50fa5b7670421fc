"""What-if sweep speed: scenarios a second, exact model against plain ``Decimal`` arithmetic.

Run: ``python benchmarks/whatif_sweep.py [ROUNDS]`` (from the repository, with the package
installed). A grid of overrides on the bundled Menyuan 2022 data — the contribution
subsidy's headcount and two per-capita amounts, each changed in steps — is applied with
:func:`~pension_subsidy.whatif.apply.apply_overrides` and every project is checked
(:meth:`~pension_subsidy.model.budget.Project.check`: totals, headroom, shares, overrun
attribution). Beside it, the same totals and shares are computed with bare ``Decimal``
arithmetic (headcount × per capita, summed, divided), which knows no rules, no validation
and no exact rounding of a ratio: the floor an exact model can aim at.

Prints, interleaved over several rounds, the median scenarios per second of each — and of
the checks alone, on scenarios applied beforehand — and their ratio. The issue's goal is
≥ 10,000 scenarios a second for the exact sweep; nothing is asserted (speed goals live
here, not in the tests).
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from decimal import ROUND_HALF_UP, Decimal

from pension_subsidy import load_dataset
from pension_subsidy.whatif.apply import apply_overrides
from pension_subsidy.whatif.overrides import Override

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


def _exact(grid: list[list[Override]]) -> float:
    """Seconds for the exact sweep: apply the overrides, check every project."""
    budget = load_dataset("menyuan-2022")
    start = time.perf_counter()
    for overrides in grid:
        scenario = apply_overrides(budget, overrides)
        for project in scenario.projects:
            project.check()
    return time.perf_counter() - start


def _checks(grid: list[list[Override]]) -> float:
    """Seconds for the checks alone, the scenarios applied beforehand (not timed)."""
    budget = load_dataset("menyuan-2022")
    scenarios = [apply_overrides(budget, overrides) for overrides in grid]
    start = time.perf_counter()
    for scenario in scenarios:
        for project in scenario.projects:
            project.check()
    return time.perf_counter() - start


def _plain(grid: list[list[Override]]) -> float:
    """Seconds for the same totals and shares in bare Decimal arithmetic."""
    budget = load_dataset("menyuan-2022")
    fund = budget.project(_FUND)
    rows = {
        component.key: (Decimal(component.headcount), component.per_capita.value)  # type: ignore[attr-defined]
        for component in fund.components
    }
    appropriation = fund.appropriation.value
    factors = [Decimal(1) + Decimal(step.rstrip("%")) / 100 for step in _STEPS]
    hundredth = Decimal("0.01")
    grid_factors = list(itertools.product(factors, repeat=3))[: len(grid)]
    start = time.perf_counter()
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
    return time.perf_counter() - start


def main(rounds: int = 7) -> None:
    """Interleave the two sweeps ``rounds`` times; print the medians."""
    grid = _grid()
    exact, checks, plain = [], [], []
    _exact(grid[:10])  # warm caches and imports
    for _ in range(rounds):
        exact.append(_exact(grid))
        checks.append(_checks(grid))
        plain.append(_plain(grid))
    exact_rate = len(grid) / statistics.median(exact)
    check_rate = len(grid) / statistics.median(checks)
    plain_rate = len(grid) / statistics.median(plain)
    print(f"what-if sweep: {len(grid)} scenarios × {rounds} rounds, medians")
    print(f"  exact (apply_overrides + Project.check): {exact_rate:10,.0f} scenarios/s")
    print(f"  Project.check alone (scenarios applied):  {check_rate:10,.0f} scenarios/s")
    print(f"  plain Decimal, same totals and shares:    {plain_rate:10,.0f} scenarios/s")
    print(f"  ratio plain / exact: {plain_rate / exact_rate:.1f}×  (goal: exact ≥ 10,000/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
