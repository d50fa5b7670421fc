"""Charts (图表) with matplotlib, an optional extra: ``pip install "pension-subsidy[plot]"``.

Each chart is one call returning a matplotlib :class:`~matplotlib.figure.Figure` (or drawing
on the ``ax`` given), labelled in Chinese or English:

* :func:`component_shares_chart` — a project's components and their shares (资金构成);
* :func:`appropriation_chart` — each project's total against its appropriation (预算金额);
* :func:`forecast_chart` — a forecast with its budget line and the first year over;
* :func:`tornado_chart` — the sensitivity tornado (敏感性分析);
* :func:`evaluation_chart` — a self-evaluation's points by level (各级指标得分);
* :func:`township_chart` — a roster tally's amounts by township (各乡镇).

:func:`svg_of` turns a figure into inline SVG text; the ``*_charts_html`` functions give the
HTML pages their charts as a ``<section class="charts">`` — or, without matplotlib, a note
saying which extra adds them. The fonts, the float boundary and the drawing setup are in
:mod:`pension_subsidy.output.charts_backend`; ``docs/charts.md`` shows them at work.

>>> from pension_subsidy import load_dataset
>>> section = report_charts_html(load_dataset(), locale="en")
>>> section.startswith('<section class="charts">'), section.count("<svg ")
(True, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from pension_subsidy.evaluation.results import Evaluation
from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.model.budget import Budget
from pension_subsidy.output.charts_backend import PLOT_EXTRA, load_matplotlib, svg_of
from pension_subsidy.output.charts_draw import (
    appropriation_chart,
    component_shares_chart,
    evaluation_chart,
    township_chart,
)
from pension_subsidy.output.charts_whatif import forecast_chart, tornado_chart
from pension_subsidy.output.language import LabelTable, Localised
from pension_subsidy.roster.tally import Tally
from pension_subsidy.whatif.forecast import Forecast
from pension_subsidy.whatif.sensitivity import SensitivityRow, SensitivityTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "appropriation_chart",
    "component_shares_chart",
    "evaluation_chart",
    "evaluation_charts_html",
    "forecast_chart",
    "forecast_charts_html",
    "report_charts_html",
    "sensitivity_charts_html",
    "svg_of",
    "tally_charts_html",
    "tornado_chart",
    "township_chart",
]

_WORDS: LabelTable[str] = LabelTable(
    {
        "charts": ("图表", "Charts"),
        "no_charts": (
            "图表需要可选组件 matplotlib：" + PLOT_EXTRA,
            "Charts need the optional matplotlib extra: " + PLOT_EXTRA,
        ),
    }
)


def _section(figures: Callable[[], Iterable[Figure]], locale: Localised, name: str) -> str:
    """The charts, each a ``<figure>`` of inline SVG, or the note when matplotlib is missing."""
    heading = f"<h2>{escape(_WORDS('charts', locale))}</h2>"
    try:
        load_matplotlib()
    except MissingDependencyError:
        return (
            f'<section class="charts">{heading}'
            f'<p class="charts-note">{escape(_WORDS("no_charts", locale))}</p></section>'
        )
    parts = [
        f'<figure class="chart">{svg_of(figure, id_prefix=f"{name}{number}")}</figure>'
        for number, figure in enumerate(figures(), 1)
    ]
    return '<section class="charts">' + heading + "\n".join(parts) + "</section>"


def report_charts_html(budget: Budget, *, locale: Localised = None) -> str:
    """The report's charts: totals against appropriations, then each itemised project's shares."""

    def figures() -> Iterable[Figure]:
        yield appropriation_chart(budget, locale=locale)
        for project in budget.unit.projects:
            if project.components:
                yield component_shares_chart(project, locale=locale)

    return _section(figures, locale, "report-chart")


def evaluation_charts_html(evaluation: Evaluation, *, locale: Localised = None) -> str:
    """The self-evaluation's charts: each project's points by level."""

    def figures() -> Iterable[Figure]:
        for project in evaluation.projects:
            yield evaluation_chart(project, locale=locale)

    return _section(figures, locale, "evaluation-chart")


def forecast_charts_html(outlook: Forecast, *, locale: Localised = None) -> str:
    """The forecast's charts: each project's totals against its budget line."""

    def figures() -> Iterable[Figure]:
        for key in outlook.project_keys:
            yield forecast_chart(outlook, key, locale=locale)

    return _section(figures, locale, "forecast-chart")


def sensitivity_charts_html(
    budget: Budget,
    table: SensitivityTable | Sequence[SensitivityRow],
    *,
    locale: Localised = None,
) -> str:
    """The sensitivity's chart: the tornado of ``table``, computed from ``budget``."""

    def figures() -> Iterable[Figure]:
        yield tornado_chart(table, budget, locale=locale)

    return _section(figures, locale, "sensitivity-chart")


def tally_charts_html(tally: Tally, *, locale: Localised = None) -> str:
    """A roster tally's chart: the amounts by township."""

    def figures() -> Iterable[Figure]:
        yield township_chart(tally, locale=locale)

    return _section(figures, locale, "tally-chart")
