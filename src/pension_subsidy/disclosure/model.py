"""The disclosure table as read: the budget plus what the table says besides the figures.

A :class:`Disclosure` holds a :class:`~pension_subsidy.Budget` and keeps everything a writer
needs to write the table again and everything the audit needs that the budget model has no
place for: the title, where the header row repeats, the indicator cells paragraph by
paragraph with their numbered headings, and what was (and was not) recognised in each
project's goal prose.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

import attrs

from pension_subsidy._html_repr import short_repr
from pension_subsidy.model.budget import Budget, Project
from pension_subsidy.model.components import Component
from pension_subsidy.money import Yuan

__all__ = [
    "Disclosure",
    "OutlineEntry",
    "OutlineLevel",
    "ProjectProse",
    "ProseComponent",
    "ProseNote",
    "StatedQuantity",
]


_T = TypeVar("_T")


class OutlineLevel(enum.Enum):
    """The kind of a paragraph in an indicator cell."""

    #: 一、产出指标 (first-level heading)
    LEVEL1 = 1
    #: (一)数量指标： (second-level heading)
    LEVEL2 = 2
    #: 1.工作运转人数 50人 (an indicator)
    INDICATOR = 3


@attrs.frozen
class OutlineEntry:
    """One paragraph of an indicator cell (绩效指标), as written, with its number.

    ``number`` is the ordinal the table wrote (一 → 1, (二) → 2, 3. → 3).
    """

    level: OutlineLevel
    number: int
    text: str


@attrs.frozen
class ProseComponent:
    """A component recognised in the goal prose, with the words it was read from.

    ``precision`` is the rounding step of the disclosed amount in 元 (6.2万 → 1,000 元), or
    None for a component derived from a standard.
    """

    key: str
    clause: str
    amount_text: str = ""
    precision: Yuan | None = None


@attrs.frozen
class StatedQuantity:
    """A count the goal prose states (an insured target, a payer or village count)."""

    kind: str
    value: int
    clause: str


@attrs.frozen
class ProseNote:
    """Something in the goal prose that could not be recognised; reported, never guessed."""

    goal: int
    clause: str
    message_zh: str
    message_en: str


def _tuple(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(value)


@attrs.frozen
class ProjectProse:
    """What the reader recognised in one project's goal prose (绩效目标)."""

    components: tuple[ProseComponent, ...] = attrs.field(default=(), converter=_tuple)
    quantities: tuple[StatedQuantity, ...] = attrs.field(default=(), converter=_tuple)
    notes: tuple[ProseNote, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class Disclosure:
    """A performance-target disclosure table (绩效目标公开表), as read.

    ``outlines`` and ``prose`` hold one entry per project, in the order of
    :attr:`Budget.projects <pension_subsidy.Budget.projects>`. ``header_rows`` lists the
    indices of the data rows (units and projects, counted from 0) before which the header row
    stands, so the header repeats where the table repeated it. ``lines`` gives the line (row)
    each data row was read from; it is not part of equality, since another format puts the
    same row on another line.
    """

    budget: Budget
    title: str = ""
    amount_unit: str = "万元"
    outlines: tuple[tuple[OutlineEntry, ...], ...] = attrs.field(default=(), converter=_tuple)
    prose: tuple[ProjectProse, ...] = attrs.field(default=(), converter=_tuple)
    header_rows: tuple[int, ...] = attrs.field(default=(0,), converter=_tuple)
    lines: tuple[int, ...] = attrs.field(default=(), converter=_tuple, eq=False)

    def __repr__(self) -> str:
        """``Disclosure('title', projects=n, …)``: short at any size."""
        return short_repr(
            "Disclosure",
            title=repr(self.title),
            amount_unit=self.amount_unit,
            projects=len(self.budget.projects),
            rows=len(self.lines),
        )

    def outline(self, project: Project) -> tuple[OutlineEntry, ...]:
        """The indicator cell of ``project``, paragraph by paragraph."""
        return _for_project(self, project, self.outlines, ())

    def project_prose(self, project: Project) -> ProjectProse:
        """What was recognised in the goal prose of ``project``."""
        return _for_project(self, project, self.prose, ProjectProse())

    def line_of(self, project: Project) -> int | None:
        """The line the project's row was read from (None when unknown)."""
        rows: list[object] = []
        for unit in self.budget.units:
            rows += [unit, *unit.projects]
        for index, row in enumerate(rows):
            if row is project and index < len(self.lines):
                return self.lines[index]
        return None

    def component_source(self, project: Project, component: Component) -> ProseComponent | None:
        """The prose a component of ``project`` was read from (None when not from prose)."""
        for source in self.project_prose(project).components:
            if source.key == component.key:
                return source
        return None


def _for_project(disclosure: Disclosure, project: Project, items: tuple[_T, ...], empty: _T) -> _T:
    projects = disclosure.budget.projects
    indices = [index for index, candidate in enumerate(projects) if candidate is project]
    indices = indices or [index for index, candidate in enumerate(projects) if candidate == project]
    if indices and indices[0] < len(items):
        return items[indices[0]]
    return empty
