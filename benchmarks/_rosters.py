"""The benchmark's rosters: the library's synthetic roster, or one of a province's variety.

``normal`` variety is :func:`~pension_subsidy.roster.write_synthetic_roster` as it is: one
county (12 townships, 109 villages), seven grades, the identity columns, 1 % of rows made
wrong in the eight known ways. ``high`` variety is the same rows spread over a prefecture
or a province: 400 townships of 5 to 40 villages (9,000 villages, sized unevenly as real
ones are), the grades a province may add (1,200, 1,500 and 3,000 元; some odd amounts
such as 350 that take the nearest lower listed grade), and birth dates written in each of
the three accepted forms — many more distinct places, profiles and dates for an engine to
hold, the same rules and faults. Both are fixed by the seed.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from pension_subsidy.roster import write_synthetic_roster
from pension_subsidy.roster.synth import (
    CORRUPTIONS,
    IDENTITY_HEADER,
    SYNTH_HEADER,
    corrupt_row,
    synthetic_rows,
)

VARIETIES: Final = ("normal", "high")
_TOWNSHIPS: Final = 400
_EXTRA_GRADES: Final = ("1200", "1500", "3000", "350", "800", "150")


def _places(rng: random.Random) -> list[tuple[str, str]]:
    """(township, village) of a province: 400 townships of 5 to 40 villages."""
    places = []
    for township in range(_TOWNSHIPS):
        name = f"县{township // 20 + 1:02d}乡镇{township % 20 + 1:02d}"
        for village in range(rng.randint(5, 40)):
            places.append((name, f"{name}-村{village + 1:02d}"))
    return places


def _varied(count: int, seed: int) -> Iterator[list[str]]:
    """Synthetic rows (with identities) spread over a province's places, grades and forms."""
    rng = random.Random(f"variety-{seed}")
    places = _places(rng)
    weights = [rng.paretovariate(1.5) for _ in places]  # some villages much larger
    chosen = iter(rng.choices(places, weights, k=count))
    for row in synthetic_rows(count, seed=seed, identities=True):
        row[1], row[2] = next(chosen)
        if row[5] and rng.random() < 0.2:
            row[5] = rng.choice(_EXTRA_GRADES)
        form = rng.random()
        if form < 0.1:
            row[3] = row[3].replace("-", "/")
        elif form < 0.2:
            row[3] = row[3].replace("-", "")
        yield row


def write_roster(path: Path, count: int, *, seed: int, variety: str) -> None:
    """Write a benchmark roster of ``count`` rows, 1 % of them wrong, if not there yet."""
    if path.exists():
        return
    if variety == "normal":
        write_synthetic_roster(path, count, seed=seed, corrupt=0.01, identities=True)
        return
    rng = random.Random(f"corrupt-{seed}")
    wrong = set(rng.sample(range(1, count), round((count - 1) * 0.01))) if count > 1 else set()
    scratch = path.with_suffix(".partial")
    with scratch.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow((*SYNTH_HEADER, *IDENTITY_HEADER))
        first_id = ""
        for index, row in enumerate(_varied(count, seed)):
            first_id = first_id or row[0]
            if index in wrong:
                row = corrupt_row(row, rng.choice(CORRUPTIONS), earlier_id=first_id)  # noqa: PLW2901
            writer.writerow(row)
    scratch.replace(path)
