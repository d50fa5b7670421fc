"""The charts themselves: one function per picture, each returning a matplotlib ``Figure``.

Every function takes the library's result as it is computed (a project, a budget, a
forecast, a tornado table, a self-evaluation, a roster tally), draws on ``ax`` when one is
given (and returns its figure) or on a new figure, and labels it in Chinese or English
(``locale`` as everywhere: ``None`` or ``zh_*`` Chinese, else English). Names come from the
data (a project's or component's name), never its keys. Bars and points are the exact
amounts in 元, turned into floats by :func:`~pension_subsidy.output.charts_backend.plotted`
at the last moment; the figures written on the chart are formatted from the exact values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from pension_subsidy._text import display_width
from pension_subsidy.evaluation.results import ProjectEvaluation
from pension_subsidy.model.budget import Budget, Project, Status
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.model.indicators import Level1
from pension_subsidy.money import Yuan
from pension_subsidy.output.charts_backend import Canvas, drawing, plotted
from pension_subsidy.output.evaluation_table import cents
from pension_subsidy.output.evaluation_text import evaluation_label
from pension_subsidy.output.labels import level1_name
from pension_subsidy.output.language import (
    LabelTable,
    Localised,
    format_count,
    format_number,
    format_percent,
    format_yuan,
    label,
    pick,
)

# the field words of the what-if texts, so that a chart and a text call an input alike
from pension_subsidy.output.whatif_text import _FIELDS
from pension_subsidy.roster.tally import Tally
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import SensitivityRow, SensitivityTable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "appropriation_chart",
    "component_shares_chart",
    "evaluation_chart",
    "forecast_chart",
    "tornado_chart",
    "township_chart",
]

_WORDS: LabelTable[str] = LabelTable(
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
_BLUE: Final = "#3b6ea5"
_LIGHT: Final = "#c9d6e3"
_GREY: Final = "#555555"
_RED: Final = "#c0392b"
_PALETTE: Final = ("#3b6ea5", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999",
                   "#f0e442")  # fmt: skip


#: Display columns (a Chinese character takes two) of a title line and of a bar's name.
_TITLE: Final = 64
_NAME: Final = 30


def _legend(canvas: Canvas) -> dict[str, Any]:
    """A legend to the right of the bars, where it hides none of them."""
    return {
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1.0),
        "borderaxespad": 0.0,
        "prop": {"family": canvas.font.families, "size": 8},
    }


def _height(rows: int) -> tuple[float, float]:
    """A figure size for ``rows`` horizontal bars: 8 inches wide, tall enough for names."""
    return (8.0, max(2.6, 1.4 + 0.45 * rows))


def _money_axis(canvas: Canvas, axis: Any) -> None:
    """Tick labels in 元 with grouped digits (1,750,000) instead of matplotlib's 1e6."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - optional dependency

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _wrapped(text: str, columns: int) -> str:
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


def _project_name(canvas: Canvas, project: Project, number: int) -> str:
    name = pick(project.name_zh, project.name_en, canvas.locale)
    return canvas.shown(name, _WORDS("project_number", canvas.locale, number=number))


def component_shares_chart(
    project: Project, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """A project's components as horizontal bars (元), each with its share of the total.

    A project without itemised components shows the words saying so and no bar.
    """
    check = project.check()
    with drawing(locale, ax, size=_height(len(project.components))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            _wrapped(
                canvas.shown(
                    pick(component.name_zh, component.name_en, loc),
                    _WORDS("component_number", loc, number=number),
                ),
                _NAME,
            )
            for number, component in enumerate(project.components, 1)
        ]
        amounts = [component.amount for component in project.components]
        bars = axes.barh(names, [plotted(amount) for amount in amounts], color=_BLUE)
        shares = {share.key: share.share for share in check.shares}
        notes = []
        for component in project.components:
            share = shares.get(component.key)
            percent = "" if share is None else f" ({format_percent(share, loc)})"
            notes.append(format_yuan(component.amount, loc) + percent)
        axes.bar_label(bars, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.invert_yaxis()  # the first component on top, as in the table
        axes.margins(x=0.3)
        _money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        title = _WORDS("shares_title", loc, project=_project_name(canvas, project, 1))
        total = _WORDS("shares_total", loc, total=format_yuan(check.total, loc))
        axes.set_title(_wrapped(f"{title}\n{total}", _TITLE), **canvas.text_style)
        if not project.components:
            axes.text(0.5, 0.5, label("not_itemised", loc), transform=axes.transAxes,
                      ha="center", va="center", **canvas.text_style)  # fmt: skip
    return canvas.figure


def appropriation_chart(
    budget: Budget, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """Each project's total beside its appropriation (元), the utilisation written at the end.

    A total over its appropriation is drawn in red.
    """
    projects = budget.unit.projects
    with drawing(locale, ax, size=_height(2 * len(projects))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        checks = [project.check() for project in projects]
        places = [float(number) for number in range(len(projects))]
        height = 0.38
        totals = axes.barh([place - height / 2 for place in places],
                           [plotted(check.total) for check in checks], height=height,
                           color=[_RED if check.status is Status.OVER else _BLUE
                                  for check in checks],
                           label=label("total", loc))  # fmt: skip
        axes.barh([place + height / 2 for place in places],
                  [plotted(check.appropriation) for check in checks], height=height,
                  color=_LIGHT, edgecolor=_GREY, label=label("appropriation", loc))  # fmt: skip
        notes = [
            format_yuan(check.total, loc)
            + ("" if check.utilisation is None else f" ({format_percent(check.utilisation, loc)})")
            for check in checks
        ]
        axes.bar_label(totals, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.set_yticks(places, [_wrapped(_project_name(canvas, project, number), _NAME)
                                 for number, project in enumerate(projects, 1)])  # fmt: skip
        axes.invert_yaxis()
        axes.margins(x=0.3)
        _money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        axes.legend(**_legend(canvas))
        unit = canvas.shown(pick(budget.unit.name_zh, budget.unit.name_en, loc), budget.unit.code)
        axes.set_title(_wrapped(_WORDS("appropriation_title", loc, unit=unit), _TITLE),
                       **canvas.text_style)  # fmt: skip
    return canvas.figure


def forecast_chart(
    outlook: Forecast, project: str, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """One project's forecast: its total year by year against its appropriation (the line).

    The appropriation is drawn dashed (it may grow too); totals over it are red, and the
    first year over is marked with the overrun written beside it.
    """
    years = [year.year for year in outlook.years]
    checks = [year.budget.project(project).check() for year in outlook.years]
    with drawing(locale, ax, size=(8.0, 4.2)) as canvas:
        axes, loc = canvas.axes, canvas.locale
        axes.plot(years, [plotted(check.appropriation) for check in checks], color=_GREY,
                  linestyle="--", drawstyle="steps-mid",
                  label=label("appropriation", loc))  # fmt: skip
        totals = [plotted(check.total) for check in checks]
        axes.plot(years, totals, color=_BLUE, marker="o", label=label("total", loc))
        over = [i for i, check in enumerate(checks) if check.status is Status.OVER]
        if over:
            axes.scatter([years[i] for i in over], [totals[i] for i in over], color=_RED,
                         zorder=3, label=label("status_over", loc))  # fmt: skip
        hit = outlook.first_over(project)
        if hit is not None:
            first = years.index(hit[0])
            axes.annotate(
                _WORDS("first_over", loc, year=hit[0], amount=format_yuan(hit[1], loc)),
                (years[first], totals[first]), xytext=(-12, 18), textcoords="offset points",
                ha="right", color=_RED, fontsize=8, arrowprops={"arrowstyle": "->", "color": _RED},
                **canvas.text_style,
            )  # fmt: skip
        elif years:
            axes.text(0.02, 0.04, _WORDS("never_over", loc), transform=axes.transAxes,
                      fontsize=8, color=_GREY, **canvas.text_style)  # fmt: skip
        axes.set_xticks(years, [str(year) for year in years])
        _money_axis(canvas, axes.yaxis)
        axes.margins(y=0.25)
        axes.set_xlabel(_WORDS("year", loc), **canvas.text_style)
        axes.set_ylabel(label("amount_yuan", loc), **canvas.text_style)
        axes.legend(loc="upper left", prop={"family": canvas.font.families, "size": 8})
        name = (
            _project_name(canvas, outlook.years[0].budget.project(project), 1)
            if outlook.years
            else project
        )
        axes.set_title(_wrapped(_WORDS("forecast_title", loc, project=name), _TITLE),
                       **canvas.text_style)  # fmt: skip
    return canvas.figure


def _input_name(canvas: Canvas, row: SensitivityRow, budget: Budget, number: int) -> str:
    loc = canvas.locale
    project = budget.project(row.project)
    kind = COMPONENT_TYPES.get(row.target.key)
    component = next((c for c in project.components if c.key == row.target.key), None)
    if component is not None:
        name = pick(component.name_zh, component.name_en, loc)
    elif kind is not None:
        name = pick(kind.name_zh, kind.name_en, loc)
    else:
        name = _WORDS("input_number", loc, number=number)
    field = _FIELDS.get(row.target.field, loc, default=row.target.field)
    separator = "·" if canvas.language == "zh" else " — "
    return canvas.shown(f"{name}{separator}{field}", _WORDS("input_number", loc, number=number))


def tornado_chart(
    table: SensitivityTable | Sequence[SensitivityRow],
    budget: Budget,
    *,
    locale: Localised = None,
    ax: Axes | None = None,
) -> Figure:
    """The sensitivity tornado: each input's change of its project total at −p % and +p %.

    ``budget`` is the one the table was computed from (for the inputs' names). The largest
    swing is on top.
    """
    rows = table.rows if isinstance(table, SensitivityTable) else tuple(table)
    percent = table.percent if isinstance(table, SensitivityTable) else (
        rows[0].percent if rows else None
    )  # fmt: skip
    with drawing(locale, ax, size=_height(len(rows))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            _wrapped(_input_name(canvas, row, budget, n), _NAME) for n, row in enumerate(rows, 1)
        ]
        places = list(range(len(rows)))
        shown = "" if percent is None else format_number(
            percent, loc, places=max(0, -int(percent.normalize().as_tuple().exponent))
        )  # fmt: skip
        axes.barh(places, [plotted(row.low_change) for row in rows], color=_LIGHT,
                  edgecolor=_GREY, label=f"−{shown}%")  # fmt: skip
        axes.barh(places, [plotted(row.high_change) for row in rows], color=_BLUE,
                  label=f"+{shown}%")  # fmt: skip
        axes.axvline(0, color=_GREY, linewidth=0.8)
        axes.set_yticks(places, names)
        axes.invert_yaxis()
        _money_axis(canvas, axes.xaxis)
        axes.set_xlabel(_WORDS("tornado_axis", loc), **canvas.text_style)
        if rows:
            axes.legend(**_legend(canvas))
        else:
            axes.text(0.5, 0.5, _WORDS("no_inputs", loc), transform=axes.transAxes,
                      ha="center", va="center", **canvas.text_style)  # fmt: skip
        title = _WORDS("tornado_title", loc, percent=shown)
        projects = list(dict.fromkeys(row.project for row in rows))
        if len(projects) == 1:
            title += "\n" + _project_name(canvas, budget.project(projects[0]), 1)
        axes.set_title(_wrapped(title, _TITLE), **canvas.text_style)
    return canvas.figure


def evaluation_chart(
    evaluation: ProjectEvaluation, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """A self-evaluation's points by level: budget execution, output, benefit, satisfaction.

    Each level's weight (分值) is the light bar behind, its score (得分) the blue one in front,
    with ``score / weight`` written beside it.
    """
    levels: list[tuple[str, Any, Any]] = [
        ("", evaluation.weights.budget_execution, evaluation.budget_execution.score)
    ]
    for level in Level1:
        levels.append((level.value, evaluation.weights.level(level), evaluation.level_score(level)))
    with drawing(locale, ax, size=_height(len(levels))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            _wrapped(
                evaluation_label("budget_execution", loc)
                if not key
                else level1_name(Level1(key), loc),
                _NAME,
            )
            for key, _, _ in levels
        ]
        weights = [plotted(weight) for _, weight, _ in levels]
        axes.barh(names, weights, color=_LIGHT, edgecolor=_GREY,
                  label=evaluation_label("weight", loc))  # fmt: skip
        scores = axes.barh(names, [plotted(score) for _, _, score in levels], height=0.5,
                           color=_BLUE, label=evaluation_label("score", loc))  # fmt: skip
        notes = [f"{cents(score)} / {cents(weight)}" for _, weight, score in levels]
        axes.bar_label(scores, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.invert_yaxis()
        axes.set_xlim(0, max(weights, default=0.0) * 1.3 or 1.0)
        axes.set_xlabel(_WORDS("points", loc), **canvas.text_style)
        axes.legend(**_legend(canvas))
        project = evaluation.project
        grade = evaluation.grade
        title = _WORDS(
            "evaluation_title",
            loc,
            project=_project_name(canvas, project, 1),
            score=f"{evaluation.score}",
            grade=grade.value if canvas.language == "zh" else grade.name_en,
        )
        axes.set_title(_wrapped(title, _TITLE), **canvas.text_style)
    return canvas.figure


def township_chart(tally: Tally, *, locale: Localised = None, ax: Axes | None = None) -> Figure:
    """A roster tally's amounts by township (元), each bar stacked by component.

    Townships are named as the roster writes them; each bar ends with the township's total
    and its insured persons.
    """
    townships = tally.by_township()
    with drawing(locale, ax, size=_height(len(townships) + 2)) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            canvas.shown(name, _WORDS("township", loc, number=number))
            for number, name in enumerate(townships, 1)
        ]
        places = list(range(len(names)))
        keys = tally.rules.component_keys if tally.rules is not None else ()
        left = [0.0] * len(names)
        for index, key in enumerate(keys):
            kind = COMPONENT_TYPES.get(key)
            name = pick(kind.name_zh, kind.name_en, loc) if kind is not None else key
            widths = [
                plotted(next((c.amount for c in area.components if c.key == key), Yuan(0)))
                for area in townships.values()
            ]
            axes.barh(places, widths, left=left, color=_PALETTE[index % len(_PALETTE)],
                      label=canvas.shown(name, _WORDS("component_number", loc,
                                                      number=index + 1)))  # fmt: skip
            left = [start + width for start, width in zip(left, widths, strict=True)]
        for place, area in zip(places, townships.values(), strict=True):
            persons = f"{format_count(area.persons, loc)} {label('persons', loc)}"
            note = f"{format_yuan(area.amount, loc)} ({persons})"
            axes.text(left[place], place, " " + note, va="center", fontsize=8,
                      **canvas.text_style)  # fmt: skip
        axes.set_yticks(places, names)
        axes.invert_yaxis()
        axes.margins(x=0.35)
        _money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        if keys:
            axes.legend(**_legend(canvas))
        axes.set_title(_WORDS("township_title", loc), **canvas.text_style)
    return canvas.figure
