r"""Actual results (实际完成值) as people write them, and the actuals TOML file.

Values are read as written in a self-evaluation table: ``"91700人"``, ``"99%"``,
``"5.5万元"``, ``"9.17万人"``, ``"健全"``, or plain numbers (taken in the target's unit):

>>> parse_actual("91,700人")
Measured(value=Decimal('91700'), unit='人', text='91,700人')
>>> parse_actual("5.5万元").unit, parse_actual("9.17万人").unit, parse_actual("健全").value
('万元', '万人', '健全')
>>> parse_money("172万元")
Yuan('1720000.00')

An actuals file is keyed by project (its key, or its name as written in the table), then by
the indicator's name as written in the table::

    [projects.county_supporting_fund]
    spent = "172万元"
    [projects.county_supporting_fund.indicators]
    "预计参保人数" = "91700人"
    [projects.county_supporting_fund.reasons]
    "预计参保人数" = "外出务工人员增加"

:func:`read_actuals` reads it; given the budget it also checks every name, unit and value
against the indicators, so a wrong file fails with its path and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pension_subsidy._encoding import read_bytes
from pension_subsidy._toml import read_toml_document
from pension_subsidy.evaluation.scoring import (
    Actuals,
    Measured,
    ProjectActuals,
    QualitativeScale,
    Weights,
    evaluate,
    find_project,
)
from pension_subsidy.exceptions import (
    ActualValueError,
    DataFileError,
    InvalidAmountError,
    InvalidNumberError,
    PensionSubsidyError,
    Phrase,
    UnknownIndicatorError,
    detail_of,
)
from pension_subsidy.model.budget import Budget
from pension_subsidy.money import NUMBER, Yuan, parse_number

__all__ = ["actuals_from_mapping", "parse_actual", "parse_money", "read_actuals"]

# a number (with , grouping), an optional 万 and an optional unit; full-width ％ is %
_NUMBER = re.compile(
    rf"^(?P<number>{NUMBER}|\.\d+)\s*(?P<wan>万)?\s*(?P<unit>人|次|%|％|天|元|个|项|户|村)?$"
)
_PROJECT_KEYS = frozenset(
    {
        "spent",
        "spent_wan",
        "spent_yuan",
        "weights",
        "indicator_weights",
        "indicators",
        "reasons",
        "measures",
    }
)
_TOP_KEYS = frozenset({"actuals", "projects", "qualitative"})


def parse_actual(
    value: object, *, project: str | None = None, indicator: str | None = None
) -> Measured:
    """Read an actual result as written: a number with an optional 万 and unit, or a word.

    A TOML integer is a plain number; a float is refused (write ``"99.5%"``, quoted), and so
    is text with digits that is not a number with a unit. ``project`` and ``indicator`` only
    go into the error message.

    >>> parse_actual("99 ％")
    Measured(value=Decimal('99'), unit='%', text='99 ％')
    >>> parse_actual(85)
    Measured(value=Decimal('85'), unit='', text='85')
    >>> parse_actual("约九万", project="p", indicator="预计参保人数").value
    '约九万'
    >>> parse_actual("91700 persons", project="p", indicator="预计参保人数")
    Traceback (most recent call last):
    ...
    pension_subsidy.exceptions.ActualValueError: project 'p', indicator '预计参保人数': ...
    """
    where = _where(project, indicator)
    if isinstance(value, bool) or not isinstance(value, int | str):
        kind = "float" if isinstance(value, float) else type(value).__name__
        said = {"where": where, "kind": Phrase(f"type.{kind}", kind), "got": repr(value)}
        raise ActualValueError(
            code="actual.wrong_type", params=said, project=project, indicator=indicator, value=value
        )
    if isinstance(value, int):
        if value < 0:
            shown = value if value > -(10**30) else Phrase("shown.large_negative")
            said = {"where": where, "got": shown}
            raise ActualValueError(
                code="actual.negative",
                params=said,
                project=project,
                indicator=indicator,
                value=value,
            )
        return Measured(_number(value, where, project, indicator), "", str(value))
    text = value.strip()
    match = _NUMBER.match(text)
    if match is not None:
        number = _number(re.sub(r"[,，]", "", match["number"]), where, project, indicator)
        unit = (match["unit"] or "").replace("％", "%")
        if match["wan"] and unit == "%":
            said = {"where": where, "got": repr(value)}
            raise ActualValueError(
                code="actual.wan_percent",
                params=said,
                project=project,
                indicator=indicator,
                value=value,
            )
        return Measured(number, ("万" if match["wan"] else "") + unit, value)
    if not text or re.search(r"[0-9]", text):
        said = {"where": where, "got": repr(value)}
        raise ActualValueError(
            code="actual.unreadable", params=said, project=project, indicator=indicator, value=value
        )
    return Measured(text, "", value)


def _where(project: str | None, indicator: str | None) -> Phrase:
    """``project 'p', indicator 'i': `` before a message about an actual, as a phrase."""
    if project is not None and indicator is not None:
        return Phrase("actual.where.both", project=repr(project), indicator=repr(indicator))
    if project is not None:
        return Phrase("actual.where.project", project=repr(project))
    if indicator is not None:
        return Phrase("actual.where.indicator", indicator=repr(indicator))
    return Phrase("actual.where.none")


def _number(value: int | str, where: Phrase, project: str | None, indicator: str | None) -> Decimal:
    """The number of an actual result, read as every number is (bounded before arithmetic)."""
    try:
        return parse_number(value, field="value")
    except InvalidNumberError as error:
        said = {"where": where, "problem": detail_of(error, "value: ")}
        raise ActualValueError(
            code="actual.number", params=said, project=project, indicator=indicator, value=value
        ) from None


def _weights(file: _File, value: object, field: str, *needles: str) -> dict[str, Any]:
    """A table of weights (or shares), each number read by the checked parser."""
    table = _table(file, value, field, *needles)
    checked: dict[str, Any] = {}
    for name, weight in table.items():
        if isinstance(weight, bool) or not isinstance(weight, int | str):
            checked[name] = weight  # a float, a table…: refused by Weights, with its message
            continue
        try:
            checked[name] = parse_number(weight, field=f"{field}.{name}")
        except InvalidNumberError as error:
            problem = detail_of(error, f"{error.field}: ")
            raise file.fail(problem, f"{field}.{name}", *needles, name) from None
    return checked


def parse_money(value: object, *, field: str = "spent") -> Yuan:
    """Read an amount spent, written with its unit: ``"172万元"``, ``"172万"``, ``"1720000元"``.

    A plain number is refused: 172 could be 元 or 万元, so the unit must be written.

    >>> parse_money("1,720,000元"), parse_money("172万")
    (Yuan('1720000.00'), Yuan('1720000.00'))
    """
    try:
        measured = parse_actual(value)
    except ActualValueError as error:
        said = {"at": f"{field}: ", "problem": detail_of(error)}
        raise InvalidAmountError(
            code="actual.money", params=said, field=field, value=value
        ) from None
    if measured.is_word or measured.unit not in ("元", "万元", "万"):
        said = {"at": f"{field}: ", "got": repr(value)}
        raise InvalidAmountError(code="actual.money_unit", params=said, field=field, value=value)
    assert isinstance(measured.value, Decimal)
    if measured.unit == "元":
        return Yuan(measured.value, field=field)
    return Yuan.from_wan(measured.value, field=field)


class _File:
    """The file's text, to point errors at a line, and its path."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, *needles: str) -> int | None:
        """The 1-based line where the needles occur in order, each on or after the last."""
        line = 0
        for needle in needles:
            for index in range(line, len(self.lines)):
                if needle in self.lines[index]:
                    line = index
                    break
            else:
                return None
        return line + 1 if needles else None

    def fail(self, problem: str | Phrase, field: str, *needles: str) -> DataFileError:
        line = self.line_of(*needles)
        if isinstance(problem, Phrase) and problem.english is None:  # said in each language
            code, params = problem.code, problem.params
            return DataFileError(code=code, params=params, path=self.path, line=line, field=field)
        return DataFileError(str(problem), path=self.path, line=line, field=field)


def _table(file: _File, value: object, field: str, *needles: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise file.fail(Phrase("actuals.expected_table", got=repr(value)), field, *needles)
    return value


def _words(file: _File, value: object, field: str, project: str) -> dict[str, str]:
    table = _table(file, value, field, project)
    for name, text in table.items():
        if not isinstance(text, str):
            said = Phrase("actuals.expected_text", name=repr(name), got=repr(text))
            raise file.fail(said, field, project, name)
    return dict(table)


def _project_actuals(file: _File, name: str, value: object) -> ProjectActuals:
    field = f"projects.{name}"
    table = _table(file, value, field, name)
    unknown = sorted(set(table) - _PROJECT_KEYS)
    if unknown:
        said = Phrase(
            "actuals.unknown_key", key=repr(unknown[0]), known=", ".join(sorted(_PROJECT_KEYS))
        )
        raise file.fail(said, field, name, unknown[0])
    spent_keys = [key for key in ("spent", "spent_wan", "spent_yuan") if key in table]
    if len(spent_keys) > 1:
        raise file.fail(Phrase("actuals.spent_twice"), field, name, spent_keys[1])
    spent: Yuan | None = None
    try:
        if "spent" in table:
            spent = parse_money(table["spent"], field=f"{field}.spent")
        elif spent_keys:
            raw = table[spent_keys[0]]
            if isinstance(raw, bool) or not isinstance(raw, int | str):
                raise InvalidAmountError(
                    code="actuals.spent_type", params={"got": repr(raw)}, value=raw
                )
            spent = (Yuan.from_wan if spent_keys[0] == "spent_wan" else Yuan)(
                raw, field=f"{field}.{spent_keys[0]}"
            )
    except InvalidAmountError as error:
        where = error.field or field
        raise file.fail(detail_of(error, f"{where}: "), where, name, spent_keys[0]) from None
    values = {}
    for indicator, raw in _table(
        file, table.get("indicators", {}), f"{field}.indicators", name
    ).items():
        try:
            values[indicator] = parse_actual(raw, project=name, indicator=indicator)
        except ActualValueError as error:
            raise file.fail(detail_of(error), f"{field}.indicators", name, indicator) from None
    weights = None
    levels = _weights(file, table.get("weights", {}), f"{field}.weights", name)
    indicator_weights = _weights(
        file, table.get("indicator_weights", {}), f"{field}.indicator_weights", name
    )
    try:
        if "weights" in table or "indicator_weights" in table:
            weights = Weights(**levels, indicators=indicator_weights)
    except (PensionSubsidyError, TypeError) as error:
        raise file.fail(detail_of(error), f"{field}.weights", name, "weights") from None
    return ProjectActuals(
        project=name,
        spent=spent,
        values=values,
        reasons=_words(file, table.get("reasons", {}), f"{field}.reasons", name),
        measures=_words(file, table.get("measures", {}), f"{field}.measures", name),
        weights=weights,
    )


def read_actuals(path: str | Path, budget: Budget | None = None) -> Actuals:
    """Read an actuals TOML file; with ``budget``, check it against the budget's indicators.

    A ``.xlsx`` is read as a filled-in actuals workbook (``pension-subsidy template actuals``)
    and held to the same checks.

    Every problem raises :class:`~pension_subsidy.DataFileError` naming the file, the line
    when it can be found, the field, and — for an indicator — the project, the indicator
    and the value. Nothing is skipped.
    """
    if Path(path).suffix.lower() == ".xlsx":  # a filled-in template (template actuals)
        from pension_subsidy.workbooks.actuals_book import actuals_mapping  # noqa: PLC0415

        data = actuals_mapping(read_bytes(Path(path)), str(path))
        return actuals_from_mapping(data, str(path), budget)
    document = read_toml_document(path)  # UTF-8, UTF-8 with BOM or GB18030, as every TOML file
    return actuals_from_mapping(document.data, str(path), budget, text=document.text)


def actuals_from_mapping(
    data: Mapping[str, Any], path: str, budget: Budget | None = None, *, text: str = ""
) -> Actuals:
    """The actuals of ``data``, parsed from an actuals TOML file or a filled-in workbook.

    The checks are :func:`read_actuals`'s; ``text`` is the file's text, to name the line of
    a problem (without it, errors name the file and the field).
    """
    file = _File(path, text)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        said = Phrase(
            "actuals.unknown_table", table=repr(unknown[0]), known=", ".join(sorted(_TOP_KEYS))
        )
        raise file.fail(said, unknown[0], unknown[0])
    scale = _table(file, data.get("qualitative", {}), "qualitative", "qualitative")
    shares = {
        target: _weights(file, words, f"qualitative.{target}", "qualitative", target)
        for target, words in scale.items()
    }
    try:
        qualitative = QualitativeScale.from_mapping(shares)
    except PensionSubsidyError as error:
        raise file.fail(detail_of(error), "qualitative", "qualitative") from None
    projects = _table(file, data.get("projects", {}), "projects", "projects")
    if not projects:
        raise file.fail(Phrase("actuals.no_projects"), "projects")
    actuals = Actuals(
        projects=[_project_actuals(file, name, value) for name, value in projects.items()],
        qualitative=qualitative,
        source=path,
    )
    meta = _table(file, data.get("actuals", {}), "actuals", "[actuals]")
    if budget is not None:
        _check_meta(file, meta, budget)
        _check_against(file, actuals, budget)
    return actuals


def _check_meta(file: _File, meta: Mapping[str, Any], budget: Budget) -> None:
    """The optional [actuals] table may say which year the actuals are for.

    Its ``dataset`` is informative only: the same figures may come from the bundled dataset
    or from a table file (whose key is its file name); the projects and indicators are
    checked one by one instead.
    """
    for key, expected in (("year", budget.year),):
        if key in meta and meta[key] != expected:
            said = Phrase("actuals.other_year", given=repr(meta[key]), expected=repr(expected))
            raise file.fail(said, f"actuals.{key}", "[actuals]", key)


def _check_against(file: _File, actuals: Actuals, budget: Budget) -> None:
    seen: dict[str, str] = {}
    for project_actuals in actuals.projects:
        name = project_actuals.project
        try:
            key = find_project(budget, name).key
            if key in seen:
                said = Phrase(
                    "actuals.project_twice", key=repr(key), first=repr(seen[key]), then=repr(name)
                )
                raise file.fail(said, f"projects.{name}", name)
            seen[key] = name
            evaluate(budget, Actuals([project_actuals], actuals.qualitative))
        except UnknownIndicatorError as error:
            raise file.fail(detail_of(error), f"projects.{name}", name, error.key) from None
        except ActualValueError as error:
            needle = error.indicator or name
            raise file.fail(detail_of(error), f"projects.{name}", name, needle) from None
        except PensionSubsidyError as error:
            raise file.fail(detail_of(error), f"projects.{name}", name) from None
