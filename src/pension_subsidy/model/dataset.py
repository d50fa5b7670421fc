"""Budgets as TOML data files: the bundled ``menyuan-2022`` dataset and a county's own.

A dataset file describes units, projects, components (as disclosed amounts or as standards),
goals and indicators; see ``data/menyuan-2022.toml`` for the format. Every error names the
file and the field path (``units[1].projects[2].components[0].headcount``).

>>> budget = load_dataset("menyuan-2022")
>>> budget.unit.code, budget.unit.total
('501003', Yuan('1900400.00'))
>>> dataset_names()
('menyuan-2022',)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidNumberError,
    Phrase,
    UnknownKeyError,
    detail_of,
)
from pension_subsidy.model._said import problem_of
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.bundled import bundled_path
from pension_subsidy.model.component_protocol import Component
from pension_subsidy.model.dataset_components import component_of
from pension_subsidy.model.dataset_figures import FIGURE_KEYS, execution_of, funding_of, split_off
from pension_subsidy.model.dataset_reader import TableReader
from pension_subsidy.model.execution import Execution
from pension_subsidy.model.funding import Funding
from pension_subsidy.model.indicators import Comparator, Indicator, Level1, Level2
from pension_subsidy.model.kinds import KindCatalogue, catalogue_from_mapping
from pension_subsidy.money import Yuan, parse_number

__all__ = ["budget_from_mapping", "dataset_names", "load_budget_file", "load_dataset"]

_DATA = "pension_subsidy.data"


def dataset_names() -> tuple[str, ...]:
    """The names of the datasets bundled with the library."""
    files = resources.files(_DATA).iterdir()
    return tuple(
        sorted(entry.name.removesuffix(".toml") for entry in files if entry.name.endswith(".toml"))
    )


def load_dataset(name: str = "menyuan-2022") -> Budget:
    """Load a bundled dataset by name (default ``"menyuan-2022"``).

    Raises :class:`~pension_subsidy.UnknownKeyError` for an unknown name.
    """
    names = dataset_names()
    if name not in names:
        said = {"name": repr(name), "names": ", ".join(names)}
        raise UnknownKeyError(code="dataset.unknown_bundled", params=said, key=name, known=names)
    data = read_bundled_toml(f"{name}.toml")
    return budget_from_mapping(data, path=bundled_path(f"{name}.toml"))


def load_budget_file(path: str | Path) -> Budget:
    """Load a dataset TOML file of the same form as the bundled one."""
    file = Path(path)
    data = read_toml_file(file)
    return budget_from_mapping(data, path=str(file))


def budget_from_mapping(data: Mapping[str, Any], *, path: str = "<mapping>") -> Budget:
    """Build a :class:`~pension_subsidy.Budget` from parsed dataset TOML."""
    root = TableReader(data, "", path)
    if "dataset" not in data:
        raise root.fail("dataset", Phrase("dataset.missing_dataset"))
    root.only("dataset", "units", "component_kinds")
    root.kinds = _kind_catalogue(root)
    meta = root.child("dataset")
    meta.only("key", "year", "title_zh", "title_en", "county_zh", "county_en", "source")
    year = meta.whole("year")
    units = tuple(_unit(reader) for reader in root.tables("units"))
    if not units:
        raise root.fail("units", Phrase("dataset.missing_units"))
    return Budget(
        key=meta.text("key"),
        year=year,
        title_zh=meta.text("title_zh", ""),
        title_en=meta.text("title_en", ""),
        source=meta.text("source", ""),
        units=units,
    )


def _kind_catalogue(root: TableReader) -> KindCatalogue:
    """The bundled kinds and the dataset's own ``[[component_kinds]]`` (keys unique)."""
    return catalogue_from_mapping(root.data, path=root.path)


def _unit(reader: TableReader) -> Unit:
    reader.only(
        "code",
        "name_zh",
        "name_en",
        "stated_total_wan",
        "stated_total_yuan",
        "stated_total_yi",
        "parent",
        "projects",
        "areas",
        *FIGURE_KEYS,
    )
    parent = reader.data.get("parent")
    code = reader.text("code")
    areas = reader.strings("areas")
    if code in areas:
        raise reader.fail("areas", Phrase("dataset.own_area", code=repr(code)))
    unit = Unit(
        code=code,
        name_zh=reader.text("name_zh"),
        name_en=reader.text("name_en", ""),
        stated_total=reader.amount("stated_total"),
        parent=None if parent is None else reader.text("parent"),
        projects=tuple(_project(project) for project in reader.tables("projects")),
        funding=funding_of(reader),
        execution=execution_of(reader),
        areas=areas,
    )
    try:
        _ = unit.total  # computed here, so that a sum beyond the bound names this file
    except InvalidAmountError as error:
        said = Phrase("dataset.total_too_large", problem=detail_of(error))
        raise reader.fail("projects", said) from None
    return unit


def _project(reader: TableReader) -> Project:
    reader.only(
        "key",
        "name_zh",
        "name_en",
        "appropriation_wan",
        "appropriation_yuan",
        "appropriation_yi",
        "goals",
        "components",
        "indicators",
        *FIGURE_KEYS,
    )
    appropriation, appropriation_key = _appropriation(reader)
    key = reader.text("key")
    name_zh = reader.text("name_zh")
    name_en = reader.text("name_en", "")
    goals = reader.strings("goals")
    components, component_funding, component_execution = _components(reader)
    indicators = tuple(_indicator(item) for item in reader.tables("indicators"))
    try:
        project = Project(
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            appropriation=appropriation,
            goals=goals,
            components=components,
            indicators=indicators,
            funding=funding_of(reader),
            execution=execution_of(reader),
            component_funding=component_funding,
            component_execution=component_execution,
        )
        project.check()  # computed here, so that a total beyond the bound names this file
    except InvalidAmountError as error:
        field = "components" if error.field in ("components", "add") else appropriation_key
        raise reader.fail(field, detail_of(error)) from None
    return project


def _appropriation(reader: TableReader) -> tuple[Yuan, str]:
    """The project's appropriation (not negative) and the key it was given by."""
    appropriation = reader.amount("appropriation")
    if appropriation is None:
        raise reader.fail("appropriation_wan", Phrase("dataset.missing_appropriation"))
    appropriation_key = next(
        key
        for key in ("appropriation_wan", "appropriation_yuan", "appropriation_yi")
        if key in reader.data
    )
    if appropriation < 0:
        said = Phrase("dataset.negative_amount", got=repr(reader.data[appropriation_key]))
        raise reader.fail(appropriation_key, said)
    return appropriation, appropriation_key


def _components(
    reader: TableReader,
) -> tuple[list[Component], list[tuple[str, Funding]], list[tuple[str, Execution]]]:
    """The project's components, with the funding and execution each table gives."""
    components = []
    component_funding: list[tuple[str, Funding]] = []
    component_execution: list[tuple[str, Execution]] = []
    for item in reader.tables("components"):
        # funding and execution are the project's record of the component: split them off
        # before the component reader sees the table (the component classes stay unchanged)
        component = component_of(split_off(item, FIGURE_KEYS))
        components.append(component)
        funding = funding_of(item)
        if funding is not None:
            component_funding.append((component.key, funding))
        execution = execution_of(item)
        if execution is not None:
            component_execution.append((component.key, execution))
    return components, component_funding, component_execution


def _indicator(reader: TableReader) -> Indicator:
    reader.only("level1", "level2", "name", "comparator", "target", "unit", "text")
    level1_text = reader.text("level1")
    level2_text = reader.text("level2")
    try:
        level1 = Level1(level1_text)
    except ValueError:
        options = ", ".join(level.value for level in Level1)
        said = Phrase("dataset.one_of", known=options, got=repr(level1_text))
        raise reader.fail("level1", said) from None
    try:
        level2 = Level2(level2_text)
    except ValueError:
        options = ", ".join(level.value for level in Level2)
        said = Phrase("dataset.one_of", known=options, got=repr(level2_text))
        raise reader.fail("level2", said) from None
    name = reader.text("name")
    comparator = None
    if reader.data.get("comparator") is not None:
        try:
            comparator = Comparator.parse(reader.text("comparator"))
        except DataFileError as error:
            said = Phrase("dataset.indicator", name=repr(name), problem=problem_of(error))
            raise reader.fail("comparator", said) from None
    target_text = reader.text("target")
    unit = reader.text("unit", "")
    target: Decimal | str = target_text  # a qualitative target word such as 健全
    if any(character.isdigit() for character in target_text):
        # a target with digits is a number, read as every number is (bounded, exact)
        try:
            target = parse_number(target_text, field="target")
        except InvalidNumberError as error:
            problem = detail_of(error, "target: ")
            said = Phrase("dataset.indicator", name=repr(name), problem=problem)
            raise reader.fail("target", said) from None
    try:
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            comparator=comparator,
            target=target,
            unit=unit,
            text=reader.text("text", ""),
        )
    except DataFileError as error:
        raise reader.fail(error.field or "level2", problem_of(error)) from None
