"""A budget written back as a dataset file: budget_mapping, toml_text, convert --to toml."""

from __future__ import annotations

import io
import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pension_subsidy import (
    COMPONENT_TYPES,
    AgeBand,
    Budget,
    Comparator,
    ContributionSubsidy,
    DataFileError,
    Execution,
    Funding,
    FundingPart,
    GradeTier,
    Indicator,
    KindComponent,
    LandLossPension,
    Level1,
    Level2,
    Project,
    SevereDisabilityProxy,
    TieredContributionSubsidy,
    Unit,
    Yuan,
    budget_from_mapping,
    budget_mapping,
    bundled_kinds,
    load_budget_file,
    load_dataset,
)
from pension_subsidy._toml import read_bundled_toml
from pension_subsidy._toml_write import toml_text
from pension_subsidy.cli import main
from pension_subsidy.disclosure.sources import load_bundled_disclosure, load_source
from pension_subsidy.model.kinds import ComponentKind, Formula
from pension_subsidy.output.template_xlsx import dataset_template
from pension_subsidy.workbooks import read_dataset_workbook
from tests.strategies import amounts, component_sets, fund_budgets, headcounts, per_capitas

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT / "src" / "pension_subsidy" / "data" / "menyuan-2022-disclosure.txt"
EXAMPLE_DATASETS = ("county-kinds.toml", "city-execution.toml")


def _round_trip(budget: Budget) -> Budget:
    """budget → mapping → TOML text → parsed → budget."""
    text = toml_text(budget_mapping(budget), source="test")
    return budget_from_mapping(tomllib.loads(text), path="written.toml")


def _assert_same(budget: Budget, again: Budget) -> None:
    """The same report JSON, goals and indicators, project by project."""
    assert again.data() == budget.data()
    for project, copy in zip(budget.projects, again.projects, strict=True):
        assert (copy.goals, copy.indicators) == (project.goals, project.indicators)


def _values(data: Any) -> list[tuple[str, Any]]:
    """Every (key, value) of nested tables and arrays."""
    found: list[tuple[str, Any]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if isinstance(value, dict | list):
            found += _values(value)
        else:
            found.append((str(key), value))
    return found


def _one_project_budget(*components: Any, **project: Any) -> Budget:
    fund = Project(
        key="fund",
        name_zh="配套资金",
        name_en="Fund",
        appropriation=project.pop("appropriation", Yuan(0)),
        components=components,
        **project,
    )
    return Budget(
        key="t", year=2023, title_zh="测试", units=[Unit(code="1", name_zh="单位", projects=[fund])]
    )


# -- toml_text ------------------------------------------------------------------------------

_keys = st.one_of(
    st.sampled_from(["units", "projects", "components", "component_kinds", "key", "funding"]),
    st.text(max_size=6),
)
_scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['"', "\\", "\n\t\r\x00\x1f\x7f", "门源县", "$\\geq 100\\%$", "'''", '"""']),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
)
_values_strategy = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_keys, children, max_size=4),
        st.lists(st.dictionaries(_keys, children, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=15,
)
_documents = st.dictionaries(_keys, _values_strategy, max_size=6)


class TestTomlText:
    """toml_text writes what tomllib reads back equal."""

    @given(_documents)
    def test_any_mapping_reads_back_equal(self, document: dict[str, Any]) -> None:
        """Any mapping of strings, integers, booleans, arrays and tables reads back equal."""
        assert tomllib.loads(toml_text(document, source="a\nb")) == document

    def test_the_bundled_dataset_reads_back_equal(self) -> None:
        """The bundled dataset, written again, parses to the same mapping."""
        data = read_bundled_toml("menyuan-2022.toml")
        assert tomllib.loads(toml_text(data)) == data

    @pytest.mark.parametrize("name", [*EXAMPLE_DATASETS, "actuals-2022.toml"])
    def test_example_files_read_back_equal(self, name: str) -> None:
        """The example files, written again, parse to the same mapping."""
        data = tomllib.loads((EXAMPLES / name).read_text(encoding="utf-8"))
        assert tomllib.loads(toml_text(data)) == data

    def test_layout_is_the_bundled_datasets(self) -> None:
        """[dataset], then [[units]] / [[units.projects]] / [[…components]]; inline funding."""
        text = toml_text(budget_mapping(load_budget_file(EXAMPLES / "city-execution.toml")))
        lines = text.splitlines()
        assert lines[0] == "[dataset]"
        assert "[[units]]" in lines
        assert "[[units.projects]]" in lines
        assert "[[units.projects.components]]" in lines
        assert (
            'funding = { central = "0%", province = "80%", prefecture = "5%", county = "15%" }'
            in lines
        )

    def test_escapes(self) -> None:
        """Quotes, backslashes and control characters are escaped; Chinese is kept as it is."""
        text = toml_text({"a": 'x"y\\z\n\t\x01\x7f门源'})
        assert text == 'a = "x\\"y\\\\z\\n\\t\\u0001\\u007f门源"\n'

    def test_header_names_the_source(self) -> None:
        """The first line says what the file was converted from (a newline in it escaped)."""
        text = toml_text({"a": 1}, source="表\n.csv")
        assert (
            text.splitlines()[0]
            == "# A pension_subsidy dataset file, converted from 表\\u000a.csv."
        )
        assert tomllib.loads(text) == {"a": 1}

    def test_a_value_toml_cannot_hold_is_refused(self) -> None:
        """None and Decimal have no TOML form: a TypeError names where."""
        with pytest.raises(TypeError, match=r"\.b: TOML cannot hold NoneType"):
            toml_text({"a": {"b": None}})
        with pytest.raises(TypeError, match="Decimal"):
            toml_text({"a": [Decimal("1.5")]})


# -- budget_mapping --------------------------------------------------------------------------


class TestRoundTrips:
    """budget → dataset file → budget: the same figures and words."""

    def test_bundled_menyuan(self) -> None:
        """The bundled dataset, its 169.0 万元 fund and its indicators, read back equal."""
        budget = load_dataset()
        again = _round_trip(budget)
        _assert_same(budget, again)
        assert again.project("county_supporting_fund").check().total == Yuan("1690000.00")

    @pytest.mark.parametrize("name", EXAMPLE_DATASETS)
    def test_examples(self, name: str) -> None:
        """The example with kinds of its own, and the city with funding and execution."""
        budget = load_budget_file(EXAMPLES / name)
        _assert_same(budget, _round_trip(budget))

    def test_county_kinds_declares_its_own_kind(self) -> None:
        """A kind beyond the bundled catalogue is declared in [[component_kinds]]."""
        mapping = budget_mapping(load_budget_file(EXAMPLES / "county-kinds.toml"))
        assert [kind["key"] for kind in mapping["component_kinds"]] == ["only_child_parent_bonus"]
        assert mapping["component_kinds"][0]["formula"] == "per_person_month"

    def test_the_table_read_by_the_table_reader(self) -> None:
        """The bundled disclosure table → TOML → the same report JSON."""
        budget = load_bundled_disclosure().budget
        _assert_same(budget, _round_trip(budget))

    def test_a_filled_workbook(self) -> None:
        """A dataset workbook with a changed amount → TOML → the workbook's figures."""
        book = openpyxl.load_workbook(
            io.BytesIO(dataset_template(read_bundled_toml("menyuan-2022.toml")))
        )
        book["构成 components"]["E5"] = 6.5
        buffer = io.BytesIO()
        book.save(buffer)
        budget = read_dataset_workbook(buffer.getvalue(), "my.xlsx")
        again = _round_trip(budget)
        _assert_same(budget, again)
        assert again.project("county_supporting_fund").check().total == Yuan("1693000.00")

    def test_money_is_exact_yuan_strings(self) -> None:
        """Every *_yuan value is a string of 元 to the 分; no float anywhere."""
        mapping = budget_mapping(load_budget_file(EXAMPLES / "city-execution.toml"))
        values = _values(mapping)
        assert not [value for _, value in values if isinstance(value, float)]
        money = [value for key, value in values if key.endswith("_yuan")]
        assert money
        assert all(isinstance(value, str) and Yuan(value) == Yuan(value.strip()) for value in money)
        assert mapping["units"][0]["executed_yuan"] == "2989000.00"

    def test_menyuan_components_as_written(self) -> None:
        """Disclosed amounts with their headcounts; the coordinator allowance by its fields."""
        units = budget_mapping(load_dataset())["units"]
        fund = units[1]["projects"][2]
        assert fund["appropriation_yuan"] == "1750000.00"
        assert fund["components"][0] == {
            "kind": "contribution_subsidy",
            "headcount": 71104,
            "amount_yuan": "1386000.00",
        }
        assert units[1]["projects"][1]["components"] == [
            {
                "kind": "coordinator_allowance",
                "villages": 109,
                "per_village": 1,
                "per_coordinator_yuan": "600.00",
            }
        ]
        assert units[1]["parent"] == "501"
        assert "source" not in fund["components"][0]  # the model keeps no quote


_OWN_KIND = ComponentKind(
    key="own_bonus",
    name_zh="自定义补贴",
    name_en="Own bonus",
    formula=Formula.PER_UNIT,
    other_formulas=[Formula.SHARE_OF, Formula.PER_EVENT],
    headcount_unit="户",
    keywords=["自定义"],
    note="a county's own",
    origin="county.toml",
)
_months = st.integers(1, 12)
_shares = st.integers(0, 10_000).map(lambda hundredths: Decimal(hundredths).scaleb(-2))


@st.composite
def _bands(draw: st.DrawFn) -> list[AgeBand]:
    starts = sorted(draw(st.lists(st.integers(60, 100), min_size=1, max_size=4, unique=True)))
    bands = []
    for index, start in enumerate(starts):
        last = index == len(starts) - 1
        to_age = (
            None if last and draw(st.booleans()) else (start if last else starts[index + 1] - 1)
        )
        bands.append(
            AgeBand(
                from_age=start,
                to_age=to_age,
                headcount=draw(headcounts),
                monthly_yuan=draw(per_capitas),
            )
        )
    return bands


@st.composite
def _tiers(draw: st.DrawFn) -> list[GradeTier]:
    grades = draw(st.lists(st.integers(100, 500_000), max_size=4, unique=True))
    return [
        GradeTier(
            grade=Yuan(Decimal(grade).scaleb(-2)),
            payers=draw(headcounts),
            subsidy=draw(per_capitas),
        )
        for grade in grades
    ]


@st.composite
def _kind_components(draw: st.DrawFn, kind: ComponentKind) -> KindComponent:
    """A component of ``kind`` by any of its formulas, or as disclosed."""
    if draw(st.booleans()):
        return KindComponent(kind=kind, headcount=draw(headcounts), disclosed_amount=draw(amounts))
    formula = draw(st.sampled_from(kind.formulas))
    fields: dict[str, Any] = {
        Formula.PER_PERSON_YEAR: lambda: {
            "headcount": draw(headcounts),
            "per_capita_yuan": draw(per_capitas),
        },
        Formula.PER_PERSON_MONTH: lambda: {
            "headcount": draw(headcounts),
            "monthly_yuan": draw(per_capitas),
            "months": draw(_months),
        },
        Formula.PER_UNIT: lambda: {
            "units": draw(st.integers(0, 500)),
            "per_unit": draw(st.integers(1, 5)),
            "per_person_yuan": draw(per_capitas),
        },
        Formula.BY_GRADE: lambda: {"tiers": draw(_tiers())},
        Formula.SHARE_OF: lambda: {
            "headcount": draw(headcounts),
            "base_yuan": draw(per_capitas),
            "share": draw(_shares),
        },
        Formula.BY_AGE_BAND: lambda: {"bands": draw(_bands()), "months": draw(_months)},
        Formula.PER_EVENT: lambda: {
            "events": draw(st.integers(0, 10_000)),
            "grant_yuan": draw(per_capitas),
        },
    }[formula]()
    return KindComponent(kind=kind, **fields)


#: The catalogue kinds read back as KindComponents (the seven Menyuan keys become classes).
_CATALOGUE_KINDS = [kind for kind in bundled_kinds().kinds if kind.key not in COMPONENT_TYPES]


@st.composite
def _fundings(draw: st.DrawFn) -> Funding:
    levels = draw(
        st.lists(
            st.sampled_from(["central", "province", "prefecture", "county", "other"]),
            min_size=1,
            unique=True,
        )
    )
    if draw(st.booleans()):
        return Funding(parts=[FundingPart(level, amount=draw(amounts)) for level in levels])
    return Funding(
        parts=[
            FundingPart(level, share=draw(_shares), amount=draw(st.none() | amounts))
            for level in levels
        ]
    )


_executions = st.builds(
    Execution,
    budget_start=st.none() | amounts,
    budget_adjusted=st.none() | amounts,
    executed=st.none() | amounts,
    actual_headcount=st.none() | headcounts,
).filter(lambda execution: execution.given)


@st.composite
def _rich_budgets(draw: st.DrawFn) -> Budget:
    """A fund budget with catalogue and own kinds, funding and execution at every level."""
    base = draw(fund_budgets())
    fund = base.projects[0]
    kinds = draw(
        st.lists(
            st.sampled_from([*_CATALOGUE_KINDS, _OWN_KIND]), unique_by=lambda k: k.key, max_size=4
        )
    )
    components = [*fund.components, *(draw(_kind_components(kind)) for kind in kinds)]
    keys = [component.key for component in components]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    project = attrs.evolve(
        fund,
        components=components,
        funding=draw(st.none() | _fundings()),
        execution=draw(st.none() | _executions),
        component_funding=[(key, draw(_fundings())) for key in chosen],
        component_execution=[(key, draw(_executions)) for key in chosen],
        indicators=[
            Indicator(
                level1=Level1.OUTPUT,
                level2=Level2.COST,
                name="成本",
                comparator=draw(st.none() | st.sampled_from(Comparator)),
                target=draw(st.integers(0, 10**6).map(lambda n: Decimal(n).scaleb(-2))),
                unit="万元",
                text=draw(st.text(max_size=10)),
            ),
            Indicator(
                level1=Level1.BENEFIT,
                level2=Level2.SUSTAINABLE,
                name="机制",
                comparator=None,
                target="健全",
            ),
        ],
        goals=draw(st.lists(st.text(max_size=20), max_size=2)),
    )
    county = Unit(
        code="2",
        name_zh="乙县",
        name_en=draw(st.text(max_size=5)),
        stated_total=draw(st.none() | amounts),
        funding=draw(st.none() | _fundings()),
        execution=draw(st.none() | _executions),
    )
    unit = attrs.evolve(
        base.units[0], projects=[project], areas=["2"] if draw(st.booleans()) else []
    )
    return attrs.evolve(base, units=[unit, county], title_en="Test", source="hypothesis")


class TestProperties:
    """Any budget the library builds reads back with the same figures."""

    @given(fund_budgets())
    def test_fund_budgets(self, budget: Budget) -> None:
        """The seven Menyuan classes, by standard or as disclosed: the same report JSON."""
        assert budget_from_mapping(budget_mapping(budget)).data() == budget.data()

    @given(component_sets())
    def test_component_sets_read_back_equal(self, components: tuple[Any, ...]) -> None:
        """Each component reads back equal to itself (same class, same fields)."""
        budget = _one_project_budget(*components)
        assert _round_trip(budget).projects[0].components == components

    @given(_rich_budgets())
    def test_every_kind_funding_and_execution(self, budget: Budget) -> None:
        """Catalogue kinds by each formula, own kinds, funding and execution: the same data."""
        again = _round_trip(budget)
        _assert_same(budget, again)
        assert again.units[1] == budget.units[1]
        project, copy = budget.projects[0], again.projects[0]
        assert dict(copy.component_funding) == dict(project.component_funding)
        assert dict(copy.component_execution) == dict(project.component_execution)
        assert (copy.funding, copy.execution) == (project.funding, project.execution)

    def test_tiered_and_monthly_land_loss(self) -> None:
        """A contribution subsidy by grade and a monthly land-loss pension, hand-computed."""
        tiered = TieredContributionSubsidy(
            tiers=[
                GradeTier(grade="100", payers=1000, subsidy="30"),
                GradeTier(grade="200.50", payers=10, subsidy="40"),
            ]
        )
        land = LandLossPension.monthly(headcount=30, monthly="120", months=10)
        mapping = budget_mapping(_one_project_budget(tiered, land))
        written = mapping["units"][0]["projects"][0]["components"]
        assert written[0]["tiers"] == [
            {"grade": 100, "payers": 1000, "subsidy_yuan": "30.00"},
            {"grade": "200.50", "payers": 10, "subsidy_yuan": "40.00"},
        ]
        assert written[1] == {
            "kind": "land_loss_pension",
            "headcount": 30,
            "monthly_yuan": "120.00",
            "months": 10,
        }
        again = budget_from_mapping(mapping).projects[0]
        assert again.components == (tiered, land)
        assert again.total == Yuan("30400.00") + Yuan("36000.00")


# -- what the format cannot say ----------------------------------------------------------------


class TestRefused:
    """What would read back differently is refused, naming project and component."""

    def test_disclosed_headcount_changed_by_a_what_if(self) -> None:
        """A disclosed 62,000 元 for 1,025 persons, now 2,050: refused with both numbers."""
        severe = SevereDisabilityProxy.disclosed(headcount=1025, amount="62000")
        budget = _one_project_budget(attrs.evolve(severe, headcount=2050))
        with pytest.raises(DataFileError) as raised:
            budget_mapping(budget, path="out.toml")
        message = str(raised.value)
        assert message.startswith("out.toml: units[0].projects[0].components[0]: project 'fund'")
        assert "component 'severe_disability_proxy'" in message
        assert "disclosed for 1025 persons but its headcount is now 2050" in message

    def test_disclosed_kind_component_headcount_changed(self) -> None:
        """The same for a catalogue kind given as disclosed."""
        kind = bundled_kinds().get("funeral_grant")
        grant = KindComponent(kind=kind, headcount=10, disclosed_amount="20000")
        with pytest.raises(DataFileError, match="component 'funeral_grant'"):
            budget_mapping(_one_project_budget(attrs.evolve(grant, headcount=20)))

    def test_qualitative_target_with_digits(self) -> None:
        """A word target such as '2022年底前' would be read as a number: refused."""
        word = Indicator(
            level1=Level1.OUTPUT,
            level2=Level2.TIMELINESS,
            name="完成时间",
            comparator=None,
            target="2022年底前",
        )
        with pytest.raises(DataFileError, match=r"indicators\[0\]\.target: indicator '完成时间'"):
            budget_mapping(_one_project_budget(indicators=[word]))

    def test_a_changed_bundled_kind(self) -> None:
        """A kind that says otherwise than the bundled kind of its key cannot be declared."""
        kind = attrs.evolve(bundled_kinds().get("funeral_grant"), name_zh="丧葬费")
        grant = KindComponent(kind=kind, events=1, grant_yuan="100")
        with pytest.raises(DataFileError, match="differs from the bundled kind"):
            budget_mapping(_one_project_budget(grant))

    def test_a_catalogue_per_unit_coordinator_allowance(self) -> None:
        """A kind component of a Menyuan class's key reads back as the class: refused here."""
        kind = bundled_kinds().get("coordinator_allowance")
        allowance = KindComponent(kind=kind, units=109, per_unit=1, per_person_yuan="600")
        with pytest.raises(DataFileError, match="would read back as '109 村"):
            budget_mapping(_one_project_budget(allowance))

    def test_a_standard_after_a_what_if_is_written(self) -> None:
        """A changed standard is simply the new standard (no error)."""
        subsidy = ContributionSubsidy.standard(headcount=10, per_capita="30")
        budget = _one_project_budget(attrs.evolve(subsidy, headcount=20))
        assert _round_trip(budget).projects[0].total == Yuan("600.00")


# -- the command line ------------------------------------------------------------------------


def _report_projects(capsys: pytest.CaptureFixture[str], source: str) -> list[Any]:
    assert main(["report", source, "--format", "json"]) == 0
    projects: list[Any] = json.loads(capsys.readouterr().out)["projects"]
    return projects


class TestCommands:
    """convert --to toml and template dataset from any source."""

    @pytest.mark.parametrize(
        "source",
        [
            str(SEED),
            "menyuan-2022",
            str(EXAMPLES / "county-kinds.toml"),
            str(EXAMPLES / "city-execution.toml"),
        ],
    )
    def test_convert_then_report(
        self, source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """report on the written file gives the projects report gives on the source."""
        out = tmp_path / "x.toml"
        assert main(["convert", source, "--to", "toml", "-o", str(out)]) == 0
        capsys.readouterr()
        assert _report_projects(capsys, str(out)) == _report_projects(capsys, source)
        assert out.read_text(encoding="utf-8").startswith(
            f"# A pension_subsidy dataset file, converted from {source}"
        )

    def test_convert_a_csv_table_and_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A CSV table and a filled dataset workbook convert too."""
        assert main(["convert", str(SEED), "--to", "csv", "-o", str(tmp_path / "t.csv")]) == 0
        assert main(["template", "dataset", "menyuan-2022", "-o", str(tmp_path / "w.xlsx")]) == 0
        for name in ("t.csv", "w.xlsx"):
            assert (
                main(
                    [
                        "convert",
                        str(tmp_path / name),
                        "--to",
                        "toml",
                        "-o",
                        str(tmp_path / f"{name}.toml"),
                    ]
                )
                == 0
            )
            capsys.readouterr()
            assert _report_projects(capsys, str(tmp_path / f"{name}.toml")) == _report_projects(
                capsys, str(tmp_path / name)
            )

    def test_a_dataset_keeps_its_source_quotes(self, tmp_path: Path) -> None:
        """A dataset source is written from its own mapping: the source quotes stay."""
        out = tmp_path / "m.toml"
        assert main(["convert", "--to", "toml", "-o", str(out)]) == 0
        assert tomllib.loads(out.read_text(encoding="utf-8")) == read_bundled_toml(
            "menyuan-2022.toml"
        )

    def test_to_stdout_equals_the_file(
        self, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
    ) -> None:
        """-o - prints exactly the bytes -o FILE writes."""
        out = tmp_path / "x.toml"
        assert main(["convert", str(SEED), "--to", "toml", "-o", str(out)]) == 0
        capsysbinary.readouterr()
        assert main(["convert", str(SEED), "--to", "toml", "-o", "-"]) == 0
        assert capsysbinary.readouterr().out == out.read_bytes()

    def test_the_other_formats_still_refuse_a_dataset(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """txt, csv, … write disclosure tables: a dataset file is still refused for them."""
        dataset = str(EXAMPLES / "county-kinds.toml")
        assert main(["convert", dataset, "--to", "txt", "-o", str(tmp_path / "x.txt")]) == 3
        assert "convert reads disclosure tables" in capsys.readouterr().err

    def test_template_dataset_of_a_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """template dataset TABLE writes the table's figures; report reads them back."""
        out = tmp_path / "t.xlsx"
        assert main(["template", "dataset", str(SEED), "-o", str(out)]) == 0
        capsys.readouterr()
        assert _report_projects(capsys, str(out)) == _report_projects(capsys, str(SEED))
        assert load_source(str(out)).project("county_supporting_fund").check().total == Yuan(
            "1690000.00"
        )

    def test_an_unreadable_table_says_why(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A table that cannot be read is an input error (exit 3) naming the file."""
        table = tmp_path / "t.txt"
        table.write_text("x", encoding="utf-8")
        assert main(["convert", str(table), "--to", "toml", "-o", str(tmp_path / "o.toml")]) == 3
        assert "no header row" in capsys.readouterr().err
        assert not (tmp_path / "o.toml").exists()
