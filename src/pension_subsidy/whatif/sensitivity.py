"""Sensitivity (敏感性分析): how much each input moves its project's total, as a tornado table.

Each input (headcount, per-capita standard, villages, monthly standard, months) is moved by
−p % and +p % (10 % by default) on its own, with the same rounding as a scenario (whole
persons and 分 四舍五入); the rows are sorted by swing — the distance between the two totals —
largest first.

>>> from pension_subsidy import load_dataset
>>> rows = sensitivity(load_dataset(), project="county_supporting_fund")
>>> [(str(row.target), row.low_change, row.high_change) for row in rows[:2]]
[('contribution_subsidy.per_capita', Yuan('-138600.00'), Yuan('138600.00')), \
('contribution_subsidy.headcount', Yuan('-138592.20'), Yuan('138592.20'))]

The headcount moves a little less than the standard: ±10 % of 71,104 persons is rounded to
7,110 whole persons.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.components import Component, LandLossPension
from pension_subsidy.model.formula import KindComponent
from pension_subsidy.money import Yuan, parse_number

if TYPE_CHECKING:
    import pandas
from pension_subsidy.whatif.overrides import Change, Override, Target, fields_of
from pension_subsidy.whatif.sweep import sweep

__all__ = ["SensitivityRow", "SensitivityTable", "sensitivity", "sensitivity_table"]


@attrs.frozen
class SensitivityRow:
    """One input of a tornado table: the project total at −p % and at +p %."""

    project: str
    target: Target
    percent: Decimal
    base_total: Yuan
    low_total: Yuan
    high_total: Yuan

    @property
    def low_change(self) -> Yuan:
        """Total at −p % minus the base total."""
        return self.low_total - self.base_total

    @property
    def high_change(self) -> Yuan:
        """Total at +p % minus the base total."""
        return self.high_total - self.base_total

    @property
    def swing(self) -> Yuan:
        """The width of the tornado bar: the absolute difference of the high and low totals."""
        return abs(self.high_total - self.low_total)

    def data(self) -> dict[str, Any]:
        """The row in JSON shape."""
        return {
            "project": self.project,
            "input": str(self.target),
            "percent": str(self.percent),
            "base_total_yuan": str(self.base_total),
            "low_total_yuan": str(self.low_total),
            "high_total_yuan": str(self.high_total),
            "low_change_yuan": str(self.low_change),
            "high_change_yuan": str(self.high_change),
            "swing_yuan": str(self.swing),
        }


def _rows(value: Iterable[SensitivityRow]) -> tuple[SensitivityRow, ...]:
    return tuple(value)


@attrs.frozen
class SensitivityTable:
    """A tornado table: the step in % and its rows, largest swing first (敏感性分析).

    >>> from pension_subsidy import load_dataset
    >>> table = sensitivity_table(load_dataset(), project="county_supporting_fund")
    >>> table.data()["percent"], table.data()["rows"][0]["swing_yuan"]
    ('10', '277200.00')
    """

    percent: Decimal
    rows: tuple[SensitivityRow, ...] = attrs.field(converter=_rows)

    def data(self) -> dict[str, Any]:
        """``{"percent": "10", "rows": [<row>, ...]}``, each row :meth:`SensitivityRow.data`."""
        return {"percent": str(self.percent), "rows": [row.data() for row in self.rows]}

    def __repr__(self) -> str:
        """``SensitivityTable(percent=10, rows=n, widest=…)``: short at any size."""
        return short_repr(
            "SensitivityTable",
            percent=self.percent,
            rows=len(self.rows),
            widest=str(self.rows[0].target) if self.rows else "none",
        )

    def to_frame(self) -> pandas.DataFrame:
        """The rows, largest swing first (the ``pandas`` extra), named as in :meth:`data`.

        Columns: ``project``, ``input``, ``percent`` (Decimal), ``base_total_yuan``,
        ``low_total_yuan``, ``high_total_yuan``, ``low_change_yuan``, ``high_change_yuan``,
        ``swing_yuan`` (exact Decimal 元).

        >>> from pension_subsidy import load_dataset
        >>> frame = sensitivity_table(load_dataset(), project="county_supporting_fund").to_frame()
        >>> frame.loc[0, "input"], frame.loc[0, "swing_yuan"]
        ('contribution_subsidy.per_capita', Decimal('277200.00'))
        """
        return data_frame(self._records(), _SENSITIVITY_COLUMNS)

    def _records(self) -> list[dict[str, object]]:
        return [
            {
                "project": row.project,
                "input": str(row.target),
                "percent": row.percent,
                "base_total_yuan": row.base_total,
                "low_total_yuan": row.low_total,
                "high_total_yuan": row.high_total,
                "low_change_yuan": row.low_change,
                "high_change_yuan": row.high_change,
                "swing_yuan": row.swing,
            }
            for row in self.rows
        ]

    def _repr_html_(self) -> str:
        """The rows as a small HTML table (Jupyter)."""
        caption = f"sensitivity: each input ±{self.percent} %"
        return html_records(caption, self._records(), _SENSITIVITY_COLUMNS)


_SENSITIVITY_COLUMNS = (
    "project",
    "input",
    "percent",
    "base_total_yuan",
    "low_total_yuan",
    "high_total_yuan",
    "low_change_yuan",
    "high_change_yuan",
    "swing_yuan",
)


def _inputs(component: Component) -> Iterator[str]:
    """The fields that are inputs of ``component`` (its amount is derived from them).

    A catalogue kind's inputs are its formula's fields (the columns of its rows each move
    every row in proportion), from the field table: no code per kind.
    """
    if isinstance(component, KindComponent):
        yield from (field for field in fields_of(component) if field != "amount")
        return
    monthly = isinstance(component, LandLossPension) and component.monthly_standard is not None
    for field in fields_of(component):
        if field == "amount" or (field in ("monthly", "months") and not monthly):
            continue
        if field == "per_capita" and monthly:
            continue  # the monthly standard × months is its per-capita figure
        yield field


def sensitivity(
    budget: Budget, *, project: str | None = None, percent: Decimal | int | str = 10
) -> tuple[SensitivityRow, ...]:
    """The rows of :func:`sensitivity_table`: each input at ±``percent``, largest swing first."""
    return sensitivity_table(budget, project=project, percent=percent).rows


def sensitivity_table(
    budget: Budget, *, project: str | None = None, percent: Decimal | int | str = 10
) -> SensitivityTable:
    """A tornado table: each input of each itemised project (or of ``project``) at ±``percent``.

    ``percent`` is read as every number is (:func:`~pension_subsidy.money.parse_number`) and
    must be positive; otherwise :class:`~pension_subsidy.InvalidNumberError` names it.
    """
    step = parse_number(percent, field="percent")
    if step <= 0:
        said = {"got": repr(percent)}
        raise InvalidNumberError(
            code="sensitivity.percent", params=said, field="percent", value=percent
        )
    projects: tuple[Project, ...] = (
        (budget.project(project),) if project is not None else budget.projects
    )
    inputs = [
        (holder, component.key, field)
        for holder in projects
        for component in holder.components
        for field in _inputs(component)
    ]
    scenarios = [
        [Override(Target(key=key, field=field, project=holder.key), Change("percent", amount))]
        for holder, key, field in inputs
        for amount in (-step, step)
    ]
    moved = iter(sweep(budget, scenarios))  # low then high, input by input
    rows = []
    for holder, key, field in inputs:
        low, high = (next(moved).project(holder.key).total for _ in range(2))
        rows.append(
            SensitivityRow(
                project=holder.key,
                target=Target(key=key, field=field),
                percent=step,
                base_total=holder.total,
                low_total=low,
                high_total=high,
            )
        )
    ordered = sorted(rows, key=lambda row: (-row.swing.value, str(row.target)))
    return SensitivityTable(percent=step, rows=ordered)
