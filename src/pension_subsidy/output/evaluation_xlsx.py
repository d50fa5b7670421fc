"""The self-evaluation as an ``.xlsx`` workbook (needs openpyxl, the ``excel`` extra).

An overview sheet (自评总览: each project's score, grade and budget execution rate, and the
projects not evaluated), then one sheet per project laid out as the 绩效自评表 is filed: the
budget execution row, then 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 完成情况 and
偏差原因分析及改进措施 with the 一级 and 二级 cells merged over their indicators, closed by
the total score and the grade. Scores are numbers already rounded to 0.01 with 四舍五入;
amounts are 万元 rounded the same way; the rate is a percentage.

>>> import io, openpyxl
>>> from pension_subsidy import load_dataset
>>> from pension_subsidy.evaluation.scoring import Actuals, ProjectActuals, evaluate
>>> fund = load_dataset().project("county_supporting_fund")
>>> data = render_evaluation_xlsx(evaluate(load_dataset(), Actuals([ProjectActuals.all_met(fund)])))
>>> book = openpyxl.load_workbook(io.BytesIO(data))
>>> book.sheetnames
['自评总览', '城乡居民养老保险县级配套资金']
>>> [cell.value for cell in book["自评总览"][4]]
['county_supporting_fund', '城乡居民养老保险县级配套资金', 100, '优', 1]
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from pension_subsidy.evaluation.scoring import Evaluation, ProjectEvaluation
from pension_subsidy.output.evaluation_table import SubtotalRow, cents, indicator_rows
from pension_subsidy.output.evaluation_text import INDICATOR_COLUMNS, evaluation_label
from pension_subsidy.output.labels import render_label
from pension_subsidy.output.language import pick_or_key, pick_with_original
from pension_subsidy.output.workbook import SheetWriter, load_openpyxl, sheet_name, workbook_bytes

__all__ = ["render_evaluation_xlsx"]

_COLUMNS = (*INDICATOR_COLUMNS, "shortfalls")
_WIDTH = len(_COLUMNS)


def _project_name(evaluation: ProjectEvaluation, locale: Locale | str | None) -> str:
    project = evaluation.project
    return pick_with_original(project.name_zh, project.name_en, locale)


def _overview(writer: SheetWriter, evaluation: Evaluation, locale: Locale | str | None) -> None:
    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    writer.title(1, lab("title"), 5)
    writer.note(
        2,
        f"{lab('dataset')}: {evaluation.budget_key}  {lab('year')}: {evaluation.year}  "
        f"{lab('actuals')}: {evaluation.source or '—'}",
        5,
    )
    heads = (
        render_label("key", locale),
        render_label("project_name", locale),
        lab("total"),
        lab("grade"),
        lab("budget_execution"),
    )
    for column, text in enumerate(heads, start=1):
        writer.header(3, column, text)
    row = 3
    for project in evaluation.projects:
        row += 1
        writer.text(row, 1, project.project.key)
        writer.text(row, 2, _project_name(project, locale))
        writer.score(row, 3, project.score)
        writer.text(row, 4, lab("grade_" + project.grade.value))
        writer.percent(row, 5, project.budget_execution.rate_percent)
    if evaluation.skipped:
        writer.note(row + 2, f"{lab('skipped')}: {', '.join(evaluation.skipped)}", 5)
    writer.widths(24, 36, 10, 14, 14)


def _funds(writer: SheetWriter, evaluation: ProjectEvaluation, locale: Locale | str | None) -> None:
    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    heads = (
        render_label("project_funds", locale),
        lab("appropriation"),
        lab("spent"),
        lab("rate"),
        lab("weight"),
        lab("score"),
    )
    for column, text in enumerate(heads, start=1):
        writer.header(3, column, text)
    execution = evaluation.budget_execution
    writer.text(4, 1, lab("budget_execution"))
    writer.wan(4, 2, execution.appropriation)
    writer.wan(4, 3, execution.spent)
    writer.percent(4, 4, execution.rate_percent)
    writer.score(4, 5, cents(execution.weight))
    writer.score(4, 6, cents(execution.score))


def _project_sheet(
    writer: SheetWriter, evaluation: ProjectEvaluation, locale: Locale | str | None
) -> None:
    def lab(key: str) -> str:
        return evaluation_label(key, locale)

    sheet = writer.sheet
    writer.title(1, lab("title"), _WIDTH)
    writer.note(
        2,
        f"{render_label('project_name', locale)}: "
        f"{_project_name(evaluation, locale)} [{evaluation.project.key}]",
        _WIDTH,
    )
    _funds(writer, evaluation, locale)
    top = 6
    for column, key in enumerate(_COLUMNS, start=1):
        writer.header(top, column, lab(key))
    row = top
    for line in indicator_rows(evaluation, locale):
        row += 1
        if isinstance(line, SubtotalRow):
            for column in range(1, 6):
                writer.text(row, column, line.label if column == 1 else None, bold=True)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            writer.score(row, 6, line.weight_exact, bold=True)
            writer.score(row, 7, line.score_exact, bold=True)
            writer.text(row, 8, None)
            writer.text(row, 9, None)
            continue
        writer.text(row, 1, line.level1 if line.level1_span else None)
        writer.text(row, 2, line.level2 if line.level2_span else None)
        for column, span in ((1, line.level1_span), (2, line.level2_span)):
            if span > 1:
                sheet.merge_cells(
                    start_row=row, start_column=column, end_row=row + span - 1, end_column=column
                )
        writer.text(row, 3, line.name)
        writer.text(row, 4, line.target)
        writer.text(row, 5, line.actual)
        writer.score(row, 6, line.weight_exact)
        writer.score(row, 7, line.score_exact)
        writer.text(row, 8, line.status)
        writer.text(row, 9, "\n".join(line.remarks))
    row += 1
    for column in range(1, 6):
        writer.text(row, column, lab("total") if column == 1 else None, bold=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    writer.score(row, 6, cents(evaluation.weights.total), bold=True)
    writer.score(row, 7, evaluation.score, bold=True)
    writer.text(row, 8, f"{lab('grade')}: {lab('grade_' + evaluation.grade.value)}", bold=True)
    writer.text(row, 9, None)
    sheet.merge_cells(start_row=row, start_column=8, end_row=row, end_column=9)
    if evaluation.missing:
        names = "、".join(result.indicator.name for result in evaluation.missing)
        writer.note(row + 2, f"{lab('missing')}: {names}", _WIDTH)
    writer.widths(14, 20, 30, 14, 14, 9, 9, 12, 50)
    sheet.freeze_panes = sheet.cell(row=top + 1, column=1)


def render_evaluation_xlsx(evaluation: Evaluation, *, locale: Locale | str | None = None) -> bytes:
    """The self-evaluation as an ``.xlsx`` workbook: an overview, then a sheet per project.

    Raises :class:`~pension_subsidy.MissingDependencyError` when openpyxl is not installed.
    """
    openpyxl = load_openpyxl()
    workbook: Any = openpyxl.Workbook()
    overview = workbook.active
    taken: set[str] = set()
    overview.title = sheet_name(render_label("sheet_overview", locale), taken)
    _overview(SheetWriter(openpyxl, overview, locale), evaluation, locale)
    for project in evaluation.projects:
        title = pick_or_key(project.project.name_zh, project.project.key, locale)
        sheet = workbook.create_sheet(sheet_name(title, taken))
        _project_sheet(SheetWriter(openpyxl, sheet, locale), project, locale)
    return workbook_bytes(workbook)
