"""The seed's five-column 公开表 (单位编码 · 单位及项目名称 · 金额 · 绩效目标 · 绩效指标) as a form.

Read by the existing disclosure reader (:func:`~pension_subsidy.disclosure.parse_disclosure`)
from the grid's rows, whatever the file kind, and given as a
:class:`~pension_subsidy.forms.model.FormDocument`. The amount keeps the cell's text; the
fund is the residents' pension only when its name says 城乡居民 … 养老 (the disclosure
reader's own project keys are its business and are left as they are).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pension_subsidy.disclosure import Disclosure, parse_disclosure
from pension_subsidy.disclosure.numbers import normalise_digits
from pension_subsidy.forms.grid import Grid
from pension_subsidy.forms.model import (
    FormDocument,
    FormGoal,
    FormIndicator,
    FormProject,
    StatedAmount,
    StatedNumber,
    Where,
)
from pension_subsidy.forms.vocabulary import is_pension_fund
from pension_subsidy.model.project import Project

__all__ = ["disclosure_of_grid", "read_disclosure_grid"]


def _cell_text(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) <= 1:
        return text.replace("\t", " ")
    return "".join(f"<p>{line.replace(chr(9), ' ')}</p>" for line in lines)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|(?!\d))")


def _year_of(texts: Sequence[str]) -> int | None:
    for text in texts:
        if match := _YEAR.search(normalise_digits(text)):
            return int(match.group(1))
    return None


def disclosure_of_grid(
    grid: Grid, path: str, titles: Sequence[str] = ()
) -> tuple[Disclosure, dict[int, tuple[str, ...]]]:
    """The disclosure reader's reading of ``grid``, and each row's texts by row number.

    ``titles`` are the titles the file states outside the table (a web page's ``<title>``
    and ``<h1>``): when the rows above the table's heading state no year, the year is taken
    from them (before the file name).
    """
    by_line: dict[int, tuple[str, ...]] = {}
    lines: list[str] = []
    above: list[str] = []
    for row in grid.rows:
        texts = tuple(_cell_text(cell.text) for cell in row)
        by_line[row[0].row if row else len(lines) + 1] = texts
        lines.append("\t".join(texts))
        if not any("编码" in text for text in texts) and len(by_line) == len(above) + 1:
            above.append(" ".join(texts))
    year = None if _year_of(above) is not None else _year_of(titles)
    return parse_disclosure("\n".join(lines), name=path, year=year), by_line


def read_disclosure_grid(grid: Grid, path: str, titles: Sequence[str] = ()) -> FormDocument:
    """The disclosure table in ``grid`` (rows numbered as the grid numbers them).

    ``titles``: a web page's ``<title>`` and ``<h1>`` texts (see :func:`disclosure_of_grid`).
    """
    disclosure, by_line = disclosure_of_grid(grid, path, titles)
    unit_text = disclosure.amount_unit or "万元"
    money_unit: Literal["万元", "元"] = "元" if unit_text == "元" else "万元"
    projects = [
        _form_project(
            grid,
            project,
            line=disclosure.line_of(project),
            by_line=by_line,
            unit_name=unit.name_zh,
            money_unit=money_unit,
        )
        for unit in disclosure.budget.units
        for project in unit.projects
    ]
    return FormDocument(
        form="disclosure_table",
        layout="five_column",
        source=path,
        money_unit=money_unit,
        projects=tuple(projects),
        title=disclosure.title or (titles[0] if titles else None),
    )


def _form_project(
    grid: Grid,
    project: Project,
    *,
    line: int | None,
    by_line: dict[int, tuple[str, ...]],
    unit_name: str,
    money_unit: Literal["万元", "元"],
) -> FormProject:
    """A project of the disclosure table as a form's project, each figure with its cell."""
    where = Where(sheet=grid.name, row=line, page=grid.page) if line else None
    stated = by_line.get(line or -1, ())
    amount_text = stated[2].strip() if len(stated) > 2 else ""
    if not amount_text:
        appropriation = project.appropriation
        shown = appropriation.wan if money_unit == "万元" else appropriation.value
        amount_text = format(shown, "f")
    amount = StatedAmount(
        amount_text,
        money_unit,
        project.appropriation,
        Where(sheet=grid.name, row=line, cell=f"C{line}", page=grid.page) if line else None,
    )
    indicators = tuple(
        FormIndicator(
            level1=indicator.level1.name_zh,
            level2=indicator.level2.name_zh,
            name=indicator.name,
            comparator=None if indicator.comparator is None else indicator.comparator.value,
            target=StatedNumber(
                indicator.target_text,
                indicator.target if isinstance(indicator.target, Decimal) else None,
                where,
            ),
            unit=indicator.unit or None,
            where=where,
        )
        for indicator in project.indicators
    )
    return FormProject(
        name=project.name_zh,
        unit_name=unit_name,
        budget_start=amount,
        goals=tuple(FormGoal(goal, where=where) for goal in project.goals),
        indicators=indicators,
        fund="residents_pension" if is_pension_fund(project.name_zh) else "generic",
        where=where,
    )
