"""The findings of one project of a self-evaluation table, each with the cell it is about."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from pension_subsidy.disclosure.checks.finding import Finding, Location, Severity
from pension_subsidy.forms.model import FormProject, Where
from pension_subsidy.forms.precision import shown

__all__ = ["ProjectFindings"]


def _line(where: Where | None) -> int | None:
    if where is None:
        return None
    return where.row if where.row is not None else where.line


def _place(where: Where | None) -> dict[str, Any] | None:
    return None if where is None else where.data()


#: How each language names a sheet, a page and a cell, and brackets the list of them.
_WHERE_WORDS = {
    "zh": ("表 {}", "第 {} 页", "单元格 {}", "（{}）", "，"),
    "en": ("sheet {!r}", "page {}", "cell {}", " ({})", ", "),
}


def _where_said(where: Where | None, language: str) -> str:
    """Sheet, page and cell in ``language`` (the row or line is the location's)."""
    if where is None:
        return ""
    sheet, page, cell, brackets, comma = _WHERE_WORDS[language]
    parts = [
        word.format(value)
        for word, value in ((sheet, where.sheet), (page, where.page), (cell, where.cell))
        if value is not None
    ]
    return brackets.format(comma.join(parts)) if parts else ""


class ProjectFindings:
    """The findings of one project: builds each with the project's location."""

    def __init__(self, project: FormProject) -> None:
        self.project = project
        self.findings: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        zh: str,
        en: str,
        *,
        where: Where | None = None,
        indicator: str | None = None,
        **values: Any,
    ) -> None:
        """A finding said in both languages, placed at ``where`` (else the project's place)."""
        place = where or self.project.where
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                location=Location(
                    project_name=self.project.name, indicator=indicator, line=_line(place)
                ),
                message_zh=f"{zh}{_where_said(place, 'zh')}",
                message_en=f"{en}{_where_said(place, 'en')}",
                values={**{k: _json(v) for k, v in values.items()}, "where": _place(place)},
            )
        )


def _json(value: object) -> object:
    if isinstance(value, Fraction | Decimal):
        return shown(value)
    return value
