"""How much exactness costs: summing Yuan amounts against summing bare Decimals.

Run: python benchmarks/money_bench.py [N]
Prints the time of each and the ratio; no goal is asserted (speed goals live here, not in tests).
"""

from __future__ import annotations

import random
import sys
import timeit
from decimal import Decimal

from pension_subsidy import Yuan


def main(count: int = 100_000) -> None:
    rng = random.Random(2022)
    fen = [rng.randrange(0, 10_000_000) for _ in range(count)]
    decimals = [Decimal(value).scaleb(-2) for value in fen]
    amounts = [Yuan(value) for value in decimals]
    bare = min(timeit.repeat(lambda: sum(decimals, Decimal(0)), number=3, repeat=3))
    exact = min(timeit.repeat(lambda: sum(amounts, Yuan(0)), number=3, repeat=3))
    assert sum(amounts, Yuan(0)).value == sum(decimals, Decimal(0))
    print(
        f"sum of {count:,} amounts: Decimal {bare / 3 * 1e3:.1f} ms, Yuan {exact / 3 * 1e3:.1f} ms"
    )
    print(f"ratio Yuan / Decimal: {exact / bare:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
