"""The what-if charts: a forecast against its budget line, and the sensitivity tornado.

Drawn as the other charts are (:mod:`pension_subsidy.output.charts_draw`): on ``ax`` or a new
figure, labelled in Chinese or English, exact amounts made floats only to be drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from pension_subsidy.model.budget import Budget, Status
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.money import Yuan
from pension_subsidy.output.charts_backend import Canvas, drawing, plotted
from pension_subsidy.output.charts_style import (
    BLUE,
    CHART_WORDS,
    GREY,
    LIGHT,
    NAME_COLUMNS,
    RED,
    TITLE_COLUMNS,
    figure_size,
    legend_style,
    money_axis,
    project_name,
    wrapped,
)
from pension_subsidy.output.language import Localised, format_yuan, label, pick

# the field words of the what-if texts, so that a chart and a text call an input alike
from pension_subsidy.output.whatif_names import FIELD_WORDS, percent_step
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import SensitivityRow, SensitivityTable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["forecast_chart", "tornado_chart"]


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
        axes.plot(
            years,
            [plotted(check.appropriation) for check in checks],
            color=GREY,
            linestyle="--",
            drawstyle="steps-mid",
            label=label("appropriation", loc),
        )
        totals = [plotted(check.total) for check in checks]
        axes.plot(years, totals, color=BLUE, marker="o", label=label("total", loc))
        over = [i for i, check in enumerate(checks) if check.status is Status.OVER]
        if over:
            axes.scatter(
                [years[i] for i in over],
                [totals[i] for i in over],
                color=RED,
                zorder=3,
                label=label("status_over", loc),
            )
        _mark_first_over(canvas, outlook.first_over(project), years, totals)
        axes.set_xticks(years, [str(year) for year in years])
        money_axis(canvas, axes.yaxis)
        axes.margins(y=0.25)
        axes.set_xlabel(CHART_WORDS("year", loc), **canvas.text_style)
        axes.set_ylabel(label("amount_yuan", loc), **canvas.text_style)
        axes.legend(loc="upper left", prop={"family": canvas.font.families, "size": 8})
        name = (
            project_name(canvas, outlook.years[0].budget.project(project), 1)
            if outlook.years
            else CHART_WORDS("project_number", loc, number=1)  # no year, no budget to name it
        )
        axes.set_title(
            wrapped(CHART_WORDS("forecast_title", loc, project=name), TITLE_COLUMNS),
            **canvas.text_style,
        )
    return canvas.figure


def _mark_first_over(
    canvas: Canvas, hit: tuple[int, Yuan] | None, years: list[int], totals: list[float]
) -> None:
    """The first year over, with its overrun written beside it; or a note that none is."""
    axes, loc = canvas.axes, canvas.locale
    if hit is not None:
        first = years.index(hit[0])
        axes.annotate(
            CHART_WORDS("first_over", loc, year=hit[0], amount=format_yuan(hit[1], loc)),
            (years[first], totals[first]),
            xytext=(-12, 18),
            textcoords="offset points",
            ha="right",
            color=RED,
            fontsize=8,
            arrowprops={"arrowstyle": "->", "color": RED},
            **canvas.text_style,
        )
    elif years:
        axes.text(
            0.02,
            0.04,
            CHART_WORDS("never_over", loc),
            transform=axes.transAxes,
            fontsize=8,
            color=GREY,
            **canvas.text_style,
        )


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
        name = CHART_WORDS("input_number", loc, number=number)
    field = FIELD_WORDS.get(row.target.field, loc, default=row.target.field)
    separator = "·" if canvas.language == "zh" else " — "
    return canvas.shown(
        f"{name}{separator}{field}", CHART_WORDS("input_number", loc, number=number)
    )


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
    if isinstance(table, SensitivityTable):
        percent: Decimal | None = table.percent
    else:
        percent = rows[0].percent if rows else None
    with drawing(locale, ax, size=figure_size(len(rows))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            wrapped(_input_name(canvas, row, budget, n), NAME_COLUMNS)
            for n, row in enumerate(rows, 1)
        ]
        places = list(range(len(rows)))
        shown = "" if percent is None else percent_step(percent, loc)
        axes.barh(
            places,
            [plotted(row.low_change) for row in rows],
            color=LIGHT,
            edgecolor=GREY,
            label=f"−{shown}%",
        )
        axes.barh(
            places, [plotted(row.high_change) for row in rows], color=BLUE, label=f"+{shown}%"
        )
        axes.axvline(0, color=GREY, linewidth=0.8)
        axes.set_yticks(places, names)
        axes.invert_yaxis()
        money_axis(canvas, axes.xaxis)
        axes.set_xlabel(CHART_WORDS("tornado_axis", loc), **canvas.text_style)
        if rows:
            axes.legend(**legend_style(canvas))
        else:
            canvas.centred_note(CHART_WORDS("no_inputs", loc))
        title = CHART_WORDS("tornado_title", loc, percent=shown)
        projects = list(dict.fromkeys(row.project for row in rows))
        if len(projects) == 1:
            title += "\n" + project_name(canvas, budget.project(projects[0]), 1)
        axes.set_title(wrapped(title, TITLE_COLUMNS), **canvas.text_style)
    return canvas.figure
