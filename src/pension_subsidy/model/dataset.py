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

import copy
import reprlib
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
    Phrase,
    UnknownKeyError,
    detail_of,
    type_phrase,
)
from pension_subsidy.model._said import data_error, joined_and, problem_of, whole_out_of_bounds
from pension_subsidy.model.budget import Budget, Project, Unit
from pension_subsidy.model.components import (
    COMPONENT_TYPES,
    Component,
    CoordinatorAllowance,
    GradeTier,
    LandLossPension,
    TieredContributionSubsidy,
)
from pension_subsidy.model.execution import Execution
from pension_subsidy.model.formula_reading import component_from_table
from pension_subsidy.model.funding import Funding, FundingPart, Level, parse_share
from pension_subsidy.model.indicators import Comparator, Indicator, Level1, Level2
from pension_subsidy.model.kinds import KindCatalogue, bundled_kinds, catalogue_from_mapping
from pension_subsidy.money import MAX_NUMBER, Yuan, parse_number
from pension_subsidy.money.headcount import headcount_from_wan

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
    return budget_from_mapping(data, path=f"{name}.toml (bundled)")


def load_budget_file(path: str | Path) -> Budget:
    """Load a dataset TOML file of the same form as the bundled one."""
    file = Path(path)
    data = read_toml_file(file)
    return budget_from_mapping(data, path=str(file))


class _Reader:
    """Typed access to one table of the parsed TOML, with errors naming the field path."""

    def __init__(
        self,
        data: Mapping[str, Any],
        where: str,
        path: str,
        kinds: KindCatalogue | None = None,
    ) -> None:
        self.data = data
        self.where = where
        self.path = path
        #: The component kinds the dataset may use: the bundled ones and its own.
        self.kinds = kinds

    def only(self, *allowed: str) -> None:
        """Refuse keys the format does not know (a misspelt key is never silently ignored)."""
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            said = Phrase("dataset.unknown_key", known=", ".join(sorted(allowed)))
            raise self.fail(unknown[0], said)

    def fail(self, key: str, problem: str | Phrase) -> DataFileError:
        """An error at ``key`` of this table: a :class:`Phrase` is said in each language."""
        field = f"{self.where}.{key}" if self.where else key
        return data_error(problem, path=self.path, field=field)

    def child(self, key: str, index: int | None = None) -> _Reader:
        value = self.data[key] if index is None else self.data[key][index]
        suffix = key if index is None else f"{key}[{index}]"
        where = f"{self.where}.{suffix}" if self.where else suffix
        if not isinstance(value, Mapping):
            raise DataFileError(code="dataset.expected_table", path=self.path, field=where)
        return _Reader(value, where, self.path, self.kinds)

    def tables(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, Phrase("dataset.expected_tables", type=type_phrase(value)))
        return [self.child(key, index) for index in range(len(value))]

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, Phrase("dataset.missing_string"))
        if not isinstance(value, str):
            raise self.fail(key, Phrase("dataset.expected_string", got=repr(value)))
        return value

    def whole(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, Phrase("dataset.missing_whole"))
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, Phrase("dataset.expected_whole", got=reprlib.repr(value)))
        if not 0 <= value <= MAX_NUMBER:
            raise self.fail(key, whole_out_of_bounds(value))
        return value

    def yuan(self, key: str) -> Yuan:
        value = self.data[key]
        if not isinstance(value, str | int):
            said = Phrase("dataset.amount_type", example='"6.2"', got=repr(value))
            raise self.fail(key, said)
        try:
            if key.endswith("_wan"):
                return Yuan.from_wan(str(value), field=key)
            return Yuan(str(value), field=key)
        except InvalidAmountError as error:
            raise self.fail(key, detail_of(error, f"{key}: ")) from None

    def amount(self, stem: str) -> Yuan | None:
        """``<stem>_yuan``, ``<stem>_wan`` or ``<stem>_yi``, whichever is given (only one).

        1 万元 = 10,000 元, 1 亿元 = 10,000 万元; each converted exactly to 元 (whole 分).
        """
        keys = (f"{stem}_yuan", f"{stem}_wan", f"{stem}_yi")
        given = [key for key in keys if key in self.data]
        if len(given) > 1:
            said = Phrase("dataset.one_unit", keys=", ".join(keys), both=joined_and(given))
            raise self.fail(given[1], said)
        if not given:
            return None
        key = given[0]
        if not key.endswith("_yi"):
            return self.yuan(key)
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            said = Phrase("dataset.amount_type", example='"1.2"', got=repr(value))
            raise self.fail(key, said)
        try:
            return Yuan.from_yi(str(value), field=key)
        except InvalidAmountError as error:
            raise self.fail(key, detail_of(error, f"{key}: ")) from None

    def headcount(self, key: str) -> int | None:
        """``<key>`` in persons (人) or ``<key>_wan`` in 万人, whichever is given (not both).

        A 万人 figure must come to whole persons (``"14.4814"`` → 144,814).
        """
        wan_key = f"{key}_wan"
        if key in self.data and wan_key in self.data:
            raise self.fail(wan_key, Phrase("dataset.headcount_twice", key=key, wan_key=wan_key))
        if key in self.data:
            return self.whole(key)
        if wan_key not in self.data:
            return None
        value = self.data[wan_key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(wan_key, Phrase("dataset.wan_persons_type", got=repr(value)))
        try:
            return headcount_from_wan(value, field=wan_key)
        except (InvalidNumberError, InvalidHeadcountError) as error:
            raise self.fail(wan_key, detail_of(error, f"{wan_key}: ")) from None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, Phrase("dataset.expected_strings"))
        return tuple(value)


def budget_from_mapping(data: Mapping[str, Any], *, path: str = "<mapping>") -> Budget:
    """Build a :class:`~pension_subsidy.Budget` from parsed dataset TOML."""
    root = _Reader(data, "", path)
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


def _kind_catalogue(root: _Reader) -> KindCatalogue:
    """The bundled kinds and the dataset's own ``[[component_kinds]]`` (keys unique)."""
    return catalogue_from_mapping(root.data, path=root.path)


def _unit(reader: _Reader) -> Unit:
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
        *_FIGURE_KEYS,
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
        funding=_funding(reader),
        execution=_execution(reader),
        areas=areas,
    )
    try:
        _ = unit.total  # computed here, so that a sum beyond the bound names this file
    except InvalidAmountError as error:
        said = Phrase("dataset.total_too_large", problem=detail_of(error))
        raise reader.fail("projects", said) from None
    return unit


def _project(reader: _Reader) -> Project:
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
        *_FIGURE_KEYS,
    )
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
    key = reader.text("key")
    name_zh = reader.text("name_zh")
    name_en = reader.text("name_en", "")
    goals = reader.strings("goals")
    components = []
    component_funding: list[tuple[str, Funding]] = []
    component_execution: list[tuple[str, Execution]] = []
    for item in reader.tables("components"):
        # funding and execution are the project's record of the component: split them off
        # before the component reader sees the table (the component classes stay unchanged)
        component = _component(_split_off(item, _FIGURE_KEYS))
        components.append(component)
        funding = _funding(item)
        if funding is not None:
            component_funding.append((component.key, funding))
        execution = _execution(item)
        if execution is not None:
            component_execution.append((component.key, execution))
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
            funding=_funding(reader),
            execution=_execution(reader),
            component_funding=component_funding,
            component_execution=component_execution,
        )
        project.check()  # computed here, so that a total beyond the bound names this file
    except InvalidAmountError as error:
        field = "components" if error.field in ("components", "add") else appropriation_key
        raise reader.fail(field, detail_of(error)) from None
    return project


_AMOUNT_FIGURES = ("budget_start", "budget_adjusted", "executed")
#: Keys of funding and budget-against-execution, on a unit, a project or a component table.
_FIGURE_KEYS = (
    "funding",
    *(f"{stem}_{unit}" for stem in _AMOUNT_FIGURES for unit in ("yuan", "wan", "yi")),
    "actual_headcount",
    "actual_headcount_wan",
)
_LEVELS = ("central", "province", "prefecture", "county", "other")


def _split_off(reader: _Reader, keys: tuple[str, ...]) -> _Reader:
    """A copy of ``reader`` without ``keys`` (same field path, file and everything else).

    Units as published are read here, for every kind: ``headcount_wan`` (万人) becomes
    ``headcount`` in whole persons and each ``<stem>_yi`` (亿元) becomes ``<stem>_yuan``,
    exactly; a malformed value, or one given in two units, raises naming its own key.
    """
    split = copy.copy(reader)
    data = {key: value for key, value in reader.data.items() if key not in keys}
    if "headcount_wan" in data:
        del data["headcount_wan"]
        data["headcount"] = reader.headcount("headcount")
    for key in [key for key in data if key.endswith("_yi")]:
        stem = key.removesuffix("_yi")
        amount = reader.amount(stem)  # raises for a malformed value or a second unit
        del data[key]
        data[f"{stem}_yuan"] = str(amount)
    split.data = data
    return split


def _funding(reader: _Reader) -> Funding | None:
    """``funding = { central_wan = "…", … }`` or ``{ province = "80%", … }`` (see funding.md)."""
    if "funding" not in reader.data:
        return None
    table = reader.child("funding")
    table.only(*(f"{level}{unit}" for level in _LEVELS for unit in ("", "_yuan", "_wan", "_yi")))
    parts = []
    for level in _LEVELS:
        amount = table.amount(level)
        if amount is not None and amount < 0:
            given = next(
                f"{level}_{u}" for u in ("yuan", "wan", "yi") if f"{level}_{u}" in table.data
            )
            raise table.fail(given, Phrase("dataset.negative_amount", got=repr(table.data[given])))
        share = None
        if level in table.data:
            value = table.data[level]
            if not isinstance(value, str) or not value.strip().endswith("%"):
                raise table.fail(level, Phrase("dataset.share_type", got=repr(value)))
            try:
                share = parse_share(value, field=level)
            except InvalidNumberError as error:
                raise table.fail(level, detail_of(error, f"{level}: ")) from None
        if amount is not None or share is not None:
            parts.append(FundingPart(Level(level), amount=amount, share=share))
    try:
        return Funding(parts=parts)
    except InvalidAmountError as error:
        raise reader.fail("funding", detail_of(error, "Funding.parts: ")) from None


def _execution(reader: _Reader) -> Execution | None:
    """``budget_start_*``, ``budget_adjusted_*``, ``executed_*``, ``actual_headcount[_wan]``."""
    figures: dict[str, Any] = {}
    for stem in _AMOUNT_FIGURES:
        amount = reader.amount(stem)
        if amount is not None and amount < 0:
            given = next(
                f"{stem}_{u}" for u in ("yuan", "wan", "yi") if f"{stem}_{u}" in reader.data
            )
            said = Phrase("dataset.negative_amount", got=repr(reader.data[given]))
            raise reader.fail(given, said)
        figures[stem] = amount
    figures["actual_headcount"] = reader.headcount("actual_headcount")
    execution = Execution(**figures)
    return execution if execution.given else None


_COMPONENT_KEYS = (
    "kind",
    "headcount",
    "amount_wan",
    "amount_yuan",
    "per_capita_wan",
    "per_capita_yuan",
    "monthly_wan",
    "monthly_yuan",
    "months",
    "villages",
    "per_village",
    "per_coordinator_wan",
    "per_coordinator_yuan",
    "tiers",
    "source",
)


def _component(reader: _Reader) -> Component:
    kind = reader.text("kind")
    if kind in COMPONENT_TYPES:
        reader.only(*_COMPONENT_KEYS)
    try:
        component = _build_component(reader, kind)
        _ = component.amount  # computed here, so that one beyond the bound names this file
    except (InvalidAmountError, InvalidHeadcountError) as error:
        raise reader.fail(kind, detail_of(error)) from None
    return component


def _build_component(reader: _Reader, kind: str) -> Component:
    if kind not in COMPONENT_TYPES:
        catalogue = reader.kinds or bundled_kinds()
        if kind not in catalogue:
            known = ", ".join(catalogue.keys)
            raise reader.fail("kind", Phrase("dataset.one_of", known=known, got=repr(kind)))
        # a kind of the catalogue beyond the seven: computed from its formula's fields
        return component_from_table(catalogue.get(kind), reader.data, reader.fail)
    if kind == "coordinator_allowance":
        per_coordinator = reader.amount("per_coordinator")
        return CoordinatorAllowance(
            villages=reader.whole("villages"),
            per_village=reader.whole("per_village", 1),
            per_coordinator=per_coordinator if per_coordinator is not None else Yuan(600),
        )
    if kind == "contribution_subsidy" and "tiers" in reader.data:
        return TieredContributionSubsidy(tiers=[_tier(tier) for tier in reader.tables("tiers")])
    headcount = reader.whole("headcount")
    amount = reader.amount("amount")
    per_capita = reader.amount("per_capita")
    monthly = reader.amount("monthly")
    given = [
        name
        for name, value in (("amount", amount), ("per_capita", per_capita), ("monthly", monthly))
        if value is not None
    ]
    if len(given) != 1:
        shown = str(given) if given else Phrase("dataset.none_given")
        raise reader.fail("amount_wan", Phrase("dataset.one_amount", given=shown))
    cls = COMPONENT_TYPES[kind]
    if monthly is not None:
        if cls is not LandLossPension:
            raise reader.fail("monthly_yuan", Phrase("dataset.monthly_only"))
        return LandLossPension.monthly(
            headcount=headcount, monthly=monthly, months=reader.whole("months", 12)
        )
    assert cls is not CoordinatorAllowance
    if amount is not None:
        return cls(headcount=headcount, disclosed_amount=amount)  # type: ignore[call-arg]
    return cls(headcount=headcount, per_capita_standard=per_capita)  # type: ignore[call-arg]


def _tier(reader: _Reader) -> GradeTier:
    reader.only("grade", "grade_yuan", "payers", "subsidy_yuan")
    # ``grade = 100`` (the formula's field, as grades are named) or ``grade_yuan = "100"``
    if "grade" in reader.data and "grade_yuan" in reader.data:
        raise reader.fail("grade_yuan", Phrase("dataset.grade_twice"))
    grade_key = "grade" if "grade" in reader.data else "grade_yuan"
    if grade_key not in reader.data:
        raise reader.fail("grade", Phrase("dataset.missing_grade"))
    return GradeTier(
        grade=reader.yuan(grade_key),
        payers=reader.whole("payers"),
        subsidy=reader.yuan("subsidy_yuan"),
    )


def _indicator(reader: _Reader) -> Indicator:
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
