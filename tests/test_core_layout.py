"""The core's modules after their split (issue 10): old import paths, sizes, Chinese messages.

Each split module keeps every name importable from where it was; no core module is over
400 lines and no function over 60 without a ``# long:`` reason; the dataset writer's safety
net and the reader's reworded problems say no English in a Chinese message.
"""

from __future__ import annotations

import ast
import importlib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pension_subsidy.exceptions import DataFileError, InvalidNumberError, Phrase
from pension_subsidy.model._said import problem_of
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.component_protocol import Component
from pension_subsidy.model.dataset import load_dataset
from pension_subsidy.model.dataset_read_back import check_reads_back
from pension_subsidy.model.dataset_write import budget_mapping
from pension_subsidy.model.execution import Execution, check_execution
from pension_subsidy.model.indicators import Comparator
from pension_subsidy.model.kinds import bundled_kinds
from pension_subsidy.money import Yuan
from pension_subsidy.output.errors import error_text

SRC = Path(__file__).resolve().parents[1] / "src" / "pension_subsidy"

#: Names that moved to a new module, by the module they are still imported from.
KEPT: dict[str, tuple[str, ...]] = {
    "pension_subsidy.exceptions": (
        "MESSAGE_LANGUAGES",
        "Phrase",
        "detail_of",
        "english_message",
        "message_catalogue",
        "os_reason",
        "placeholders",
        "type_phrase",
    ),
    "pension_subsidy.money": (
        "AmountLike",
        "WAN",
        "WAN_CENT",
        "WAN_TENTH",
        "YI",
        "Yuan",
        "parse_number",
        "round_half_up",
    ),
    "pension_subsidy.model.dataset": (
        "budget_from_mapping",
        "dataset_names",
        "load_budget_file",
        "load_dataset",
    ),
    "pension_subsidy.model.parameters": (
        "LegalSource",
        "ParameterSet",
        "ParameterValue",
        "bundled_regions",
        "load_parameter_file",
        "load_parameters",
        "parameters_from_mapping",
    ),
    "pension_subsidy.model.parameter_values": ("LegalSource", "ParameterValue", "KINDS"),
    "pension_subsidy.model.kinds": (
        "ComponentKind",
        "FieldType",
        "Formula",
        "FormulaField",
        "KindCatalogue",
        "field_type",
        "formula_fields",
    ),
    "pension_subsidy.model.dataset_write": ("budget_mapping",),
}

#: The modules split in issue 10 and the ones split from them.
CORE = (
    "exceptions.py",
    "_messages.py",
    "money/__init__.py",
    "money/yuan.py",
    "money/exact.py",
    "model/dataset.py",
    "model/dataset_reader.py",
    "model/dataset_figures.py",
    "model/dataset_components.py",
    "model/dataset_write.py",
    "model/dataset_read_back.py",
    "model/parameters.py",
    "model/parameter_reading.py",
    "model/parameter_set.py",
    "model/parameter_values.py",
    "model/kinds.py",
    "model/kind_formulas.py",
    "model/execution.py",
    "model/indicators.py",
)


class TestOldPaths:
    """A name that moved is still importable from the module it was imported from."""

    @pytest.mark.parametrize("module", sorted(KEPT))
    def test_names_still_importable(self, module: str) -> None:
        """Every listed name resolves on the old module."""
        loaded = importlib.import_module(module)
        assert [name for name in KEPT[module] if not hasattr(loaded, name)] == []

    def test_same_objects(self) -> None:
        """The re-exports are the objects themselves, not copies."""
        from pension_subsidy import ParameterSet  # noqa: PLC0415 - the lazy public name
        from pension_subsidy._messages import Phrase as Moved  # noqa: PLC0415
        from pension_subsidy.model.parameters import ParameterSet as Kept  # noqa: PLC0415

        assert Phrase is Moved
        assert ParameterSet is Kept


class TestSizes:
    """One job per module: small modules and short functions."""

    @pytest.mark.parametrize("name", CORE)
    def test_module_at_most_400_lines(self, name: str) -> None:
        """A core module holds at most 400 lines, docstrings included."""
        assert (SRC / name).read_text(encoding="utf-8").count("\n") <= 400

    @pytest.mark.parametrize("name", CORE)
    def test_functions_at_most_60_lines(self, name: str) -> None:
        """A function is at most 60 lines unless its first line says why (``# long:``)."""
        text = (SRC / name).read_text(encoding="utf-8")
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

    @pytest.mark.parametrize("name", CORE)
    def test_no_fmt_skip(self, name: str) -> None:
        """Tables are formatted like the rest of the code."""
        assert "fmt: skip" not in (SRC / name).read_text(encoding="utf-8")


def _one_project_budget(*components: Component) -> Budget:
    fund = Project(
        key="fund", name_zh="配套资金", name_en="Fund", appropriation=Yuan(0), components=components
    )
    return Budget(
        key="t", year=2023, title_zh="测试", units=[Unit(code="1", name_zh="单位", projects=[fund])]
    )


def _english_words(text: str) -> set[str]:
    """ASCII words of ``text`` other than keys, field paths and the written-out derivation."""
    return set(re.findall(r"[A-Za-z]{3,}", text)) - {"units", "projects", "components", "fund"}


class TestReadBackInChinese:
    """The dataset writer's safety net says its problem in the language asked for."""

    def test_reads_back_as_in_both_languages(self) -> None:
        """A catalogue per-unit allowance would read back as the Menyuan class: both said."""
        kind = bundled_kinds().get("coordinator_allowance")
        from pension_subsidy.model.formula import KindComponent  # noqa: PLC0415

        allowance = KindComponent(kind=kind, units=109, per_unit=1, per_person_yuan="600")
        with pytest.raises(DataFileError) as raised:
            budget_mapping(_one_project_budget(allowance), path="out.toml")
        english, chinese = str(raised.value), error_text(raised.value, "zh_CN")
        assert "would read back as '109 村 × 1 人/村 × 600.00 元 = 65,400.00 元'" in english
        assert "写成数据集文件后读回将是 '109 村 × 1 人/村 × 600.00 元 = 65,400.00 元'" in chinese
        assert _english_words(chinese) <= {"coordinator", "allowance", "out", "toml"}

    def test_a_mapping_that_does_not_read_back(self) -> None:
        """A mapping the reader refuses: its problem is said from its code in Chinese."""
        budget = load_dataset("menyuan-2022")
        mapping = budget_mapping(budget)
        mapping["units"][1]["projects"][2]["components"][1]["headcount"] = -1
        with pytest.raises(DataFileError) as raised:
            check_reads_back(budget, mapping, "out.toml")
        english, chinese = str(raised.value), error_text(raised.value, "zh_CN")
        assert english == (
            "out.toml: units[1].projects[2].components[1].headcount: written as a dataset file"
            " it would not read back: expected a whole number ≥ 0, got -1"
        )
        assert chinese.startswith("out.toml: units[1].projects[2].components[1].headcount: ")
        assert "写成数据集文件后将无法读回" in chinese
        assert _english_words(chinese.split(": ", 2)[2]) == set()


class TestProblemOf:
    """What an error says is wrong, as a phrase said in each language."""

    def test_a_coded_problem_is_its_code(self) -> None:
        """An error whose English is its code's message gives that code's phrase."""
        error = DataFileError(code="write_dataset.budget_differs", path="a.toml")
        assert problem_of(error) == Phrase("write_dataset.budget_differs")

    def test_a_reworded_problem_keeps_its_english_and_says_its_code(self) -> None:
        """A wrapper's own English is kept; Chinese says the code the error carries."""
        what = Phrase("expected.amount.what")
        params = {"at": "x: ", "expected": what, "got": "'q'"}
        inner = InvalidNumberError(code="number.expected", params=params)
        error = DataFileError("cannot read 'q'", path="a.toml", detail=inner)
        said = problem_of(error)
        assert isinstance(said, Phrase)
        assert str(said) == "cannot read 'q'"
        assert said.code == "number.expected"
        wrapped = DataFileError(code="write_dataset.not_read_back", params={"problem": said})
        chinese = error_text(wrapped, "zh_CN").removeprefix("<输入>: ")
        assert chinese == "写成数据集文件后将无法读回：应为以元计的数字（如 '61500.00'），实为 'q'"

    def test_an_uncoded_problem_is_its_text(self) -> None:
        """Without a code there is only the text."""
        assert problem_of(DataFileError("plain", path="a.toml")) == "plain"


class TestComparatorSpellings:
    """Each comparator reads from its ASCII, full-width and LaTeX spellings."""

    @pytest.mark.parametrize(
        ("spellings", "comparator"),
        [
            (("≥", ">=", "\\geq", "\\ge", "≧", "⩾"), Comparator.GE),
            ((">", "＞", "\\gt", "\\textgreater"), Comparator.GT),
            (("=", "＝", "=="), Comparator.EQ),
            (("≤", "<=", "\\leq", "\\le", "≦", "⩽"), Comparator.LE),
            (("<", "＜", "\\lt", "\\textless"), Comparator.LT),
        ],
    )
    def test_spellings(self, spellings: tuple[str, ...], comparator: Comparator) -> None:
        """Every spelling, with spaces around it, gives the comparator."""
        assert {Comparator.parse(f" {spelling} ") for spelling in spellings} == {comparator}


class TestExecutionRate:
    """Against which budget the rate is taken, hand-computed."""

    def test_against_the_year_start_budget(self) -> None:
        """No adjusted budget: 450 ÷ 500 = 90.00 %, an underrun of 50."""
        check = check_execution("p", Execution(budget_start="500", executed="450"))
        assert (check.against, check.rate_percent, check.underrun) == (
            "budget_start",
            Decimal("90.00"),
            Yuan("50.00"),
        )

    def test_against_the_plan(self) -> None:
        """No budget at all: against the plan, 130 ÷ 100 = 130.00 %, an overrun of 30."""
        check = check_execution("p", Execution(executed="130"), planned=Yuan("100"))
        assert (check.against, check.rate_percent, check.overrun) == (
            "planned",
            Decimal("130.00"),
            Yuan("30.00"),
        )

    def test_a_zero_budget_has_no_rate(self) -> None:
        """A budget of 0: a difference but no rate."""
        check = check_execution("p", Execution(budget_adjusted="0", executed="10"))
        assert (check.rate, check.rate_percent, check.difference) == (None, None, Yuan("10.00"))

    def test_nothing_executed(self) -> None:
        """No amount executed: no budget is chosen."""
        check = check_execution("p", Execution(budget_adjusted="10"))
        assert (check.against, check.reference, check.difference) == (None, None, None)

    def test_the_parts_sum(self) -> None:
        """A stated figure unlike the parts' sum is a discrepancy naming both."""
        a = check_execution("a", Execution(executed="30"))
        b = check_execution("b", Execution(executed="40"))
        both = check_execution("p", Execution(executed="71"), parts=[a, b], where="u.p")
        assert [(p.code, p.where, p.value("sum_yuan")) for p in both.problems] == [
            ("components_sum", "u.p", "70.00")
        ]
        assert both.figures == Execution(executed="71")
