"""The what-if fast paths give what the plain ones give: sweeps, 分 arithmetic, copies, checks."""

from __future__ import annotations

import ast
import importlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import Yuan, load_dataset
from pension_subsidy.exceptions import PensionSubsidyError
from pension_subsidy.model.budget import Budget, ComponentShare, Project, ProjectCheck, Status
from pension_subsidy.model.components import SevereDisabilityProxy
from pension_subsidy.model.fen import (
    MAX_FEN,
    fen_of,
    percent,
    rounded_yuan,
    scaled_yuan,
    yuan_of,
)
from pension_subsidy.model.replace import copy_with, replace_fields
from pension_subsidy.money import round_half_up
from pension_subsidy.whatif.apply import apply_overrides
from pension_subsidy.whatif.overrides import fields_of
from pension_subsidy.whatif.sweep import sweep
from tests.strategies import amounts, components, fund_budgets

_STEPS = ("-10%", "+0%", "+5%", "+20%", "-100%", "-150%", "+500", "-5000", "60", "0", "1e14")


def _outcome(budget: Budget, overrides: list[str]) -> object:
    """The budget apply_overrides gives, or its error's type, code and text."""
    try:
        return apply_overrides(budget, overrides)
    except PensionSubsidyError as error:
        return (type(error), getattr(error, "code", None), str(error))


def _swept(budget: Budget, scenarios: list[list[str]]) -> list[object]:
    """What sweep gives for each scenario, one at a time (an error ends only its own)."""
    outcomes: list[object] = []
    for scenario in scenarios:
        try:
            outcomes.extend(sweep(budget, [scenario]))
        except PensionSubsidyError as error:
            outcomes.append((type(error), getattr(error, "code", None), str(error)))
    return outcomes


@st.composite
def _scenarios(draw: st.DrawFn, budget: Budget) -> list[list[str]]:
    """Scenarios of up to four overrides on the budget's targets, some failing."""
    targets = [
        f"{component.key}.{field}"
        for project in budget.projects
        for component in project.components
        for field in fields_of(component)
    ]
    targets += [f"{project.key}.appropriation" for project in budget.projects]
    targets.append("no_such_component.headcount")
    override = st.builds(
        lambda target, step: f"{target}={step}",
        st.sampled_from(targets),
        st.sampled_from(_STEPS),
    )
    return draw(st.lists(st.lists(override, max_size=4), min_size=1, max_size=6))


def _reference_check(project: Project) -> ProjectCheck:
    """Project.check as it was computed before the 分 fast path: exact Fractions."""
    amounts_ = [component.amount for component in project.components]
    total = sum(amounts_, Yuan(0)) if amounts_ else project.appropriation
    headroom = project.appropriation - total
    status = Status.WITHIN if headroom > 0 else Status.AT if headroom.is_zero() else Status.OVER

    def share(part: Yuan, whole: Yuan) -> Decimal | None:
        if whole.is_zero():
            return None
        return round_half_up(part.ratio(whole) * 100, Decimal("0.01"))

    parts: list[Yuan | None] = [None] * len(amounts_)
    if status is Status.OVER and not total.is_zero():
        fen = int(-headroom.value * 100)
        exact = [Fraction(fen) * amount.ratio(total) for amount in amounts_]
        floors = [int(part) for part in exact]
        order = sorted(
            range(len(exact)), key=lambda i: (exact[i] - floors[i], amounts_[i], -i), reverse=True
        )
        for index in order[: fen - sum(floors)]:
            floors[index] += 1
        parts = [Yuan(Decimal(part).scaleb(-2)) for part in floors]

    return ProjectCheck(
        project_key=project.key,
        appropriation=project.appropriation,
        total=total,
        headroom=headroom,
        utilisation=share(total, project.appropriation),
        status=status,
        shares=tuple(
            ComponentShare(c.key, a, share(a, total), p)
            for c, a, p in zip(project.components, amounts_, parts, strict=True)
        ),
    )


class TestSweep:
    """sweep gives, scenario by scenario, what apply_overrides gives."""

    def test_bundled_grid(self) -> None:
        """A grid on the bundled data: equal budgets, equal checks, in order."""
        budget = load_dataset()
        steps = ("-10%", "+0%", "+20%")
        grid = [
            [f"contribution_subsidy.headcount={a}", f"severe_disability_proxy.per_capita={b}"]
            for a in steps
            for b in steps
        ]
        swept = list(sweep(budget, grid))
        expected = [apply_overrides(budget, scenario) for scenario in grid]
        assert swept == expected
        for got, want in zip(swept, expected, strict=True):
            assert [p.check() for p in got.projects] == [p.check() for p in want.projects]
            assert got.data() == want.data()

    def test_no_overrides_is_the_budget(self) -> None:
        """A scenario without overrides is the budget itself."""
        budget = load_dataset()
        assert list(sweep(budget, [[]])) == [budget]

    def test_error_as_apply_overrides(self) -> None:
        """A failing scenario raises apply_overrides' error, with no other error behind it."""
        budget = load_dataset()
        scenario = [
            "contribution_subsidy.headcount=+10%",
            "severe_disability_proxy.per_capita=-200%",
        ]
        with pytest.raises(PensionSubsidyError) as swept:
            list(sweep(budget, [scenario]))
        with pytest.raises(PensionSubsidyError) as applied:
            apply_overrides(budget, scenario)
        assert str(swept.value) == str(applied.value)
        assert swept.value.__context__ is None

    def test_appropriation_and_repeats(self) -> None:
        """An appropriation set to 0 then raised, a component changed twice: as applied."""
        budget = load_dataset()
        scenario = [
            "county_supporting_fund.appropriation=0",
            "county_supporting_fund.appropriation=+100",
            "contribution_subsidy.per_capita=+10%",
            "contribution_subsidy.headcount=+10%",
        ]
        (swept,) = sweep(budget, [scenario])
        assert swept == apply_overrides(budget, scenario)
        assert swept.project("county_supporting_fund").appropriation == Yuan("100")

    @given(st.data())
    def test_any_scenarios(self, data: st.DataObject) -> None:
        """Random budgets and scenarios, failures included: the same outcome each time."""
        budget = data.draw(fund_budgets())
        scenarios = data.draw(_scenarios(budget))
        outcomes = _swept(budget, scenarios)
        assert outcomes == [_outcome(budget, scenario) for scenario in scenarios]
        for outcome in outcomes:
            if isinstance(outcome, Budget):
                for project in outcome.projects:
                    assert project.check() == _reference_check(project)


class TestFen:
    """Whole-分 arithmetic equals the exact Fraction and Decimal arithmetic."""

    @given(amounts)
    def test_round_trip(self, amount: Yuan) -> None:
        """An amount in 分 and back is the amount."""
        assert yuan_of(fen_of(amount)) == amount
        assert Decimal(fen_of(amount)) == amount.value * 100

    @given(st.integers(0, 10**12), st.integers(1, 10**12))
    def test_percent(self, part: int, whole: int) -> None:
        """Percent to 0.01 half up, as rounding the exact ratio."""
        assert percent(part, whole) == round_half_up(Fraction(part, whole) * 100)

    @given(st.fractions(min_value=-(10**6), max_value=10**15, max_denominator=10**6))
    def test_rounded_yuan(self, exact: Fraction) -> None:
        """rounded_yuan is Yuan.rounded (negative values included)."""
        assert rounded_yuan(exact) == Yuan.rounded(exact)

    @given(amounts, st.fractions(min_value=-3, max_value=3, max_denominator=10**4))
    def test_scaled_yuan(self, amount: Yuan, factor: Fraction) -> None:
        """scaled_yuan is the exact product rounded once."""
        assert scaled_yuan(amount, factor) == Yuan.rounded(Fraction(amount.value) * factor)

    def test_beyond_the_bound_raises_as_yuan(self) -> None:
        """Past 10^15 元 the error is Yuan.rounded's own."""
        exact = Fraction(MAX_FEN + 1, 100)
        with pytest.raises(PensionSubsidyError) as fast:
            rounded_yuan(exact)
        with pytest.raises(PensionSubsidyError) as plain:
            Yuan.rounded(exact)
        assert str(fast.value) == str(plain.value)


class TestCopies:
    """replace_fields is attrs.evolve for components; copies start with no cached check."""

    @given(components(), st.integers(-5, 300_000))
    def test_replace_fields_is_evolve(self, component: object, headcount: int) -> None:
        """The same value, or the same error."""
        name = (
            "headcount"
            if hasattr(component, "headcount") and not hasattr(component, "villages")
            else "villages"
        )
        try:
            expected: object = attrs.evolve(component, **{name: headcount})
        except PensionSubsidyError as error:
            expected = str(error)
        try:
            got: object = replace_fields(component, **{name: headcount})
        except PensionSubsidyError as error:
            got = str(error)
        assert got == expected

    def test_copy_drops_the_check(self) -> None:
        """A copy computes its own check; the original keeps its."""
        fund = load_dataset().project("county_supporting_fund")
        fund.check()
        copied = copy_with(fund, {"appropriation": Yuan("1")})
        assert copied.check().status is Status.OVER
        assert fund.check().status is Status.WITHIN

    def test_with_components_other_keys(self) -> None:
        """Components of other keys go through every check (attrs.evolve)."""
        fund = load_dataset().project("county_supporting_fund")
        severe = SevereDisabilityProxy.standard(headcount=10, per_capita="60")
        with pytest.raises(PensionSubsidyError):
            fund.with_components([*fund.components, severe])


class TestCheck:
    """Project.check in whole 分 equals the exact Fraction computation, and is kept."""

    @given(fund_budgets())
    def test_as_fractions(self, budget: Budget) -> None:
        """Totals, shares and overrun parts as the exact reference computes them."""
        for project in budget.projects:
            assert project.check() == _reference_check(project)
            assert project.total == _reference_check(project).total

    def test_kept(self) -> None:
        """The second check is the first."""
        fund = load_dataset().project("county_supporting_fund")
        assert fund.check() is fund.check()


#: The what-if and budget modules split in issue 10, and the names kept where they were.
_SPLIT = (
    "model/budget.py",
    "model/project.py",
    "model/project_check.py",
    "model/budget_data.py",
    "model/formula.py",
    "model/formula_exact.py",
    "model/formula_rows.py",
    "model/formula_words.py",
    "model/fen.py",
    "model/replace.py",
    "whatif/apply.py",
    "whatif/changes.py",
    "whatif/estimates.py",
    "whatif/overrides.py",
    "whatif/solve.py",
    "whatif/solve_costs.py",
    "whatif/solve_words.py",
    "whatif/sweep.py",
)
_KEPT = {
    "pension_subsidy.model.budget": (
        "Budget",
        "ComponentShare",
        "Project",
        "ProjectCheck",
        "Status",
        "Unit",
        "component_data",
        "_allocate",
        "_allocate_fractions",
        "_percent",
    ),
    "pension_subsidy.model.formula": ("AgeBand", "KindComponent", "subsidy_for_grade"),
    "pension_subsidy.whatif.overrides": ("Change", "Override", "Target", "resolve"),
    "pension_subsidy.whatif.solve": ("Solution", "SolveDerivation", "solve"),
}
_SRC = Path(__file__).resolve().parents[1] / "src" / "pension_subsidy"


class TestLayout:
    """The split modules are small, their functions short, their old names still there."""

    @pytest.mark.parametrize("name", _SPLIT)
    def test_module_at_most_400_lines(self, name: str) -> None:
        """A module holds at most 400 lines, docstrings included."""
        assert (_SRC / name).read_text(encoding="utf-8").count("\n") <= 400

    @pytest.mark.parametrize("name", _SPLIT)
    def test_functions_at_most_60_lines(self, name: str) -> None:
        """A function is at most 60 lines unless its first line says why (``# long:``)."""
        text = (_SRC / name).read_text(encoding="utf-8")
        lines = text.splitlines()
        long = []
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = node.body[0]
                after = first.end_lineno if isinstance(first, ast.Expr) else node.lineno
                reason = after is not None and "# long:" in lines[after]
                if (node.end_lineno or 0) - node.lineno + 1 > 60 and not reason:
                    long.append(node.name)
        assert long == []

    @pytest.mark.parametrize("module", sorted(_KEPT))
    def test_names_still_importable(self, module: str) -> None:
        """Every name other packages import is still on the module they import it from."""
        loaded = importlib.import_module(module)
        assert [name for name in _KEPT[module] if not hasattr(loaded, name)] == []
