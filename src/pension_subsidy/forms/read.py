r"""Read any national form from a file: ``read_form(path)`` → :class:`FormDocument`.

The file is read into a grid (:mod:`~pension_subsidy.forms.sources`), its form found
(:mod:`~pension_subsidy.forms.detect`) and parsed by that form's reader:
:mod:`~pension_subsidy.forms.disclosure_form` (the five-column 公开表),
:mod:`~pension_subsidy.forms.export` (one row per indicator),
:mod:`~pension_subsidy.forms.labelled` (self-evaluation tables, long target tables) and
:mod:`~pension_subsidy.forms.report` (prose). Bad input raises the library's errors only.

>>> document = parse_form_text(
...     "项目名称\t城乡居民养老保险县级配套资金\n"
...     "主管部门\t某县人社局\t实施单位\t某县社会保险服务局\n"
...     "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
...     "\t年度资金总额\t175.00\t175.00\t173.25\t10\t99%\t9.9\n"
...     "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"
...     "\t偏差原因分析及改进措施\n"
...     "\t产出指标（50分）\t数量指标\t参保人数\t≥96410人\t97000人\t50\t50\t\n"
...     "总分\t\t\t\t\t\t100\t59.9\t\n",
...     name="demo.txt")
>>> document.form, document.layout, document.money_unit
('self_evaluation_table', 'finance_10', '万元')
>>> project = document.projects[0]
>>> project.executed.yuan, project.execution_rate_percent.value, project.total_score.text
(Yuan('1732500.00'), Decimal('99'), '59.9')
>>> project.indicators[0].target.value, project.indicators[0].comparator
(Decimal('96410'), '≥')
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pension_subsidy.forms.detect import Detection, detect, money_unit_of
from pension_subsidy.forms.grid import Source
from pension_subsidy.forms.model import (
    Figure,
    FormDocument,
    FormProject,
    StatedNumber,
    badly_grouped,
)
from pension_subsidy.forms.report import looks_like_report, read_figures
from pension_subsidy.forms.sources import read_source, source_from_bytes

__all__ = ["form_of_source", "parse_form_text", "read_form", "read_form_bytes"]


def read_form(path: str | Path) -> FormDocument:
    """Read the form in the file at ``path`` (.xlsx, .docx, .html, .pdf, .txt, .csv).

    Raises :class:`~pension_subsidy.DataFileError` for a file that cannot be read or holds
    no supported form (saying what it appears to be) and
    :class:`~pension_subsidy.MissingDependencyError` when the extra for the file kind
    (``word``, ``pdf``, ``excel``) is not installed.
    """
    return form_of_source(read_source(path))


def read_form_bytes(data: bytes, name: str, *, suffix: str = "") -> FormDocument:
    """Read the form in ``data`` (a file's bytes); ``name`` is used in messages."""
    return form_of_source(source_from_bytes(data, name, suffix=suffix or Path(name).suffix))


def parse_form_text(text: str, *, name: str = "<input>") -> FormDocument:
    """Read the form in ``text``: tab-separated, pasted from a web page, or a prose report."""
    from pension_subsidy.forms.text_grid import read_text  # noqa: PLC0415 - keeps imports light

    return form_of_source(read_text(text, name))


def form_of_source(source: Source) -> FormDocument:
    """The form in an already read source."""
    from pension_subsidy.forms.labelled import rows_of  # noqa: PLC0415

    detection = detect(source)
    stated_unit = money_unit_of(source)
    unit: Literal["万元", "元"] = "元" if stated_unit == "元" else "万元"
    title = _title(source)
    if detection.form == "disclosure_table":
        from pension_subsidy.forms.disclosure_form import read_disclosure_grid  # noqa: PLC0415

        rows = rows_of(source.tables)
        heading = rows[detection.heading or 0]
        return read_disclosure_grid(heading.grid, source.path, source.titles)
    if detection.form == "evaluation_report":
        found, not_read = read_figures(source.lines)
        return FormDocument(
            form="evaluation_report",
            layout=detection.layout,
            source=source.path,
            figures=tuple(found),
            title=title,
            unreadable=tuple(not_read),
        )
    projects, notes = _projects(source, detection, unit)
    figures: tuple[Figure, ...] = ()
    unreadable = _unreadable_cells(source)
    if source.format in ("docx", "html"):
        # paragraphs around the table (a PDF's page text repeats the table, so not there):
        # kept as notes, and their figures taken when they read as a report
        notes = [*notes, *(line.text for line in source.lines)]
        if looks_like_report(source.lines):
            found, not_read = read_figures(source.lines)
            figures, unreadable = tuple(found), (*unreadable, *not_read)
    return FormDocument(
        form=detection.form,
        layout=detection.layout,
        source=source.path,
        money_unit=unit,
        projects=tuple(projects),
        figures=figures,
        title=title,
        notes=tuple(note for note in notes if note and note != title),
        unreadable=unreadable,
    )


def _projects(
    source: Source, detection: Detection, unit: Literal["万元", "元"]
) -> tuple[list[FormProject], list[str]]:
    """The projects of a table form (an export or a labelled table), and its notes."""
    from pension_subsidy.forms.labelled import (  # noqa: PLC0415
        align_short_rows,
        parse_labelled,
        rows_of,
    )

    rows = rows_of(source.tables)
    if detection.layout == "budget_system_export":
        from pension_subsidy.forms.export import export_heading, parse_export  # noqa: PLC0415

        index = detection.heading or 0
        columns = export_heading(rows[index]) or {}
        projects, notes = parse_export(rows, index, columns, unit=unit)
        before = [" ".join(c.text for c in row.distinct()) for row in rows[:index]]
        notes = [*before, *notes]
    else:
        if source.format == "text":
            rows = align_short_rows(rows)
        projects, notes = parse_labelled(
            rows, unit=unit, target_table=detection.form == "target_table"
        )
    return projects, notes


def _unreadable_cells(source: Source) -> tuple[StatedNumber, ...]:
    """The cells whose number is grouped other than by threes (``3,3098.4``), with their place.

    Their figure is not read (never guessed at); they are listed so that nothing is dropped
    without a word.
    """
    return tuple(
        StatedNumber(cell.text, None, grid.where(cell))
        for grid in source.tables
        for row in grid.rows
        for cell in row
        if not cell.covered and badly_grouped(cell.text)
    )


def _title(source: Source) -> str | None:
    for grid in source.tables:
        for row in grid.rows:
            texts = [cell.text for cell in row if cell.text]
            if texts:
                first = texts[0]
                if len(set(texts)) == 1 and ("表" in first or "报告" in first):
                    return first
                break
        break
    for line in source.lines[:5]:
        if line.text.endswith(("表", "报告")) or ("绩效" in line.text and len(line.text) < 60):
            return line.text
    return None
