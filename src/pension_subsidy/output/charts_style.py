"""What the charts share: their words, colours, sizes, money axes and how names are wrapped.

The words of every chart are one :class:`~pension_subsidy.output.language.LabelTable`
(:data:`CHART_WORDS`); names come from the data, wrapped to fit beside their bars.
"""

from __future__ import annotations

import re
from typing import Any, Final

from pension_subsidy._text import display_width
from pension_subsidy.model.budget import Project
from pension_subsidy.output.charts_backend import Canvas
from pension_subsidy.output.language import LabelTable, pick

__all__ = [
    "BLUE",
    "CHART_WORDS",
    "GREY",
    "LIGHT",
    "NAME_COLUMNS",
    "PALETTE",
    "RED",
    "TITLE_COLUMNS",
    "figure_size",
    "legend_style",
    "money_axis",
    "project_name",
    "wrapped",
]

#: The words of the charts, (Chinese, English) by key.
CHART_WORDS: LabelTable[str] = LabelTable(
    {
        "shares_title": ("{project}：资金构成", "{project}: components"),
        "shares_total": ("合计 {total} 元", "total {total} yuan"),
        "appropriation_title": (
            "{unit}：各项目合计与预算金额",
            "{unit}: each project's total and appropriation",
        ),
        "forecast_title": ("{project}：多年度预测", "{project}: forecast"),
        "first_over": (
            "{year}年首次超出预算\n超支 {amount} 元",
            "first over in {year}\nby {amount} yuan",
        ),
        "never_over": ("所列年度内均未超出预算", "never over in these years"),
        "year": ("年度", "Year"),
        "tornado_title": (
            "敏感性分析：各输入单独变动 ±{percent}%",
            "Sensitivity: each input moved by ±{percent}% on its own",
        ),
        "tornado_axis": ("项目合计的变化（元）", "Change in the project's total (yuan)"),
        "no_inputs": ("无可变动的输入", "no inputs to move"),
        "evaluation_title": (
            "{project}：各级指标得分（总分 {score}，{grade}）",
            "{project}: points by level (total {score}, {grade})",
        ),
        "points": ("分", "Points"),
        "township_title": ("各乡镇补贴金额（名册汇总）", "Amount by township (roster tally)"),
        "township": ("乡镇 {number}", "Township {number}"),
        "component_number": ("构成 {number}", "Component {number}"),
        "project_number": ("项目 {number}", "Project {number}"),
        "input_number": ("输入 {number}", "Input {number}"),
    }
)

#: The colours: a calm blue for amounts, grey for limits, red for what goes over.
BLUE: Final = "#3b6ea5"
LIGHT: Final = "#c9d6e3"
GREY: Final = "#555555"
RED: Final = "#c0392b"
PALETTE: Final = (
    "#3b6ea5",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#999999",
    "#f0e442",
)

#: Display columns (a Chinese character takes two) of a title line and of a bar's name.
TITLE_COLUMNS: Final = 64
NAME_COLUMNS: Final = 30


def legend_style(canvas: Canvas) -> dict[str, Any]:
    """A legend to the right of the bars, where it hides none of them."""
    return {
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1.0),
        "borderaxespad": 0.0,
        "prop": {"family": canvas.font.families, "size": 8},
    }


def figure_size(rows: int) -> tuple[float, float]:
    """A figure size for ``rows`` horizontal bars: 8 inches wide, tall enough for names."""
    return (8.0, max(2.6, 1.4 + 0.45 * rows))


def money_axis(canvas: Canvas, axis: Any) -> None:
    """Tick labels in 元 with grouped digits (1,750,000) instead of matplotlib's 1e6."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - optional dependency

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def wrapped(text: str, columns: int) -> str:
    """``text`` in lines of at most ``columns`` display columns (a Chinese character: two).

    Broken at spaces where there are some, else anywhere: long names fit beside their bars.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in re.findall(r"\S+\s*|\s+", paragraph) if " " in paragraph else paragraph:
            if line and display_width(line + word.rstrip()) > columns:
                lines.append(line.rstrip())
                line = ""
            line += word
        lines.append(line.rstrip())
    return "\n".join(lines)


def project_name(canvas: Canvas, project: Project, number: int) -> str:
    """A project's name in the chart's language (``Project n`` where it cannot be shown)."""
    name = pick(project.name_zh, project.name_en, canvas.locale)
    return canvas.shown(name, CHART_WORDS("project_number", canvas.locale, number=number))
