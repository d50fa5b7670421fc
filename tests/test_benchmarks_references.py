"""The benchmark's references compute the engines' tally: a benchmark of a wrong answer is none.

``benchmarks/_vectorised_reference.py`` (pyarrow + polars) and
``benchmarks/_openfisca_reference.py`` (pandas + OpenFisca) against the pure engine on
small synthetic rosters with faults, of normal and of high variety, under a few variants of
the rules: the same rows read, rejections, headcount per component and total. Skipped
without polars and pyarrow; the OpenFisca one without ``openfisca-core`` (only installed
for the benchmark).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import attrs
import pytest

from pension_subsidy.money import Yuan
from pension_subsidy.roster import RosterRules, default_roster_rules, tally_roster

pytest.importorskip("polars", reason="the vectorised reference needs polars")
pytest.importorskip("pyarrow", reason="the vectorised reference reads with pyarrow")

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from _rosters import write_roster  # noqa: E402
from _vectorised_reference import ReferenceTally, tally_reference  # noqa: E402


def _variants() -> dict[str, RosterRules]:
    base = attrs.evolve(default_roster_rules(), as_of=datetime.date(2024, 1, 1))
    return {
        "default": base,
        "highest-no-grade": attrs.evolve(
            base, proxy_choice="highest_amount", with_grade_subsidy=False
        ),
        "separate-identities": attrs.evolve(
            base,
            proxies=[
                ("severe_disability", Yuan(60)),
                ("low_income", Yuan(40)),
                ("extreme_poverty", Yuan(50)),
                ("poverty_household", Yuan(20)),
            ],
            separate=("severe_disability",),
        ),
    }


@pytest.fixture(scope="module", params=["normal", "high"])
def roster(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small benchmark roster with 1 % faults."""
    path = tmp_path_factory.mktemp("rosters") / f"roster-{request.param}.csv"
    write_roster(path, 3000, seed=7, variety=request.param)
    return path


def _expected(path: Path, rules: RosterRules) -> ReferenceTally:
    tally = tally_roster(path, rules, engine="pure", jobs=1)
    return ReferenceTally(
        rows_read=tally.rows_read,
        rejected=tally.rejected,
        headcounts={item.key: item.headcount for item in tally.components() if item.headcount},
        total=tally.total.value,
    )


@pytest.mark.parametrize("variant", list(_variants()))
def test_vectorised_reference(roster: Path, variant: str) -> None:
    rules = _variants()[variant]
    found = tally_reference(roster, rules)
    markers = ("several_proxy_groups", "back_payment")
    paid = {key: count for key, count in found.headcounts.items() if key not in markers}
    assert attrs.evolve(found, headcounts=paid) == _expected(roster, rules)
    assert found.rejected > 0


@pytest.mark.parametrize("variant", list(_variants()))
def test_openfisca_reference(roster: Path, variant: str) -> None:
    pytest.importorskip("openfisca_core", reason="OpenFisca is installed for the benchmark only")
    from _openfisca_reference import tally_openfisca  # noqa: PLC0415

    rules = _variants()[variant]
    assert tally_openfisca(roster, rules) == _expected(roster, rules)


def test_answers_as_the_benchmark_compares(roster: Path) -> None:
    """rows, rejected, the total as text (to the 分), rejections handed on."""
    rules = _variants()["default"]
    expected = _expected(roster, rules)
    answer = tally_reference(roster, rules).answer()
    assert answer == [expected.rows_read, expected.rejected, f"{expected.total:.2f}", answer[1]]
