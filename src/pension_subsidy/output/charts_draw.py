"""The charts of a budget, a self-evaluation and a roster tally, each a matplotlib ``Figure``.

Every function takes the library's result as it is computed (a project, a budget, a
self-evaluation, a roster tally; the what-if charts are in
:mod:`pension_subsidy.output.charts_whatif`), draws on ``ax`` when one is given (and returns
its figure) or on a new figure, and labels it in Chinese or English (``locale`` as
everywhere: ``None`` or ``zh_*`` Chinese, else English). Names come from the data (a
project's or component's name), never its keys. Bars are the exact amounts in 元, turned
into floats by :func:`~pension_subsidy.output.charts_backend.plotted` at the last moment;
the figures written on the chart are formatted from the exact values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pension_subsidy.evaluation.results import ProjectEvaluation
from pension_subsidy.model.budget import Budget, Project, Status
from pension_subsidy.model.components import COMPONENT_TYPES
from pension_subsidy.model.indicators import Level1
from pension_subsidy.money import Yuan
from pension_subsidy.output.charts_backend import drawing, plotted
from pension_subsidy.output.charts_style import (
    BLUE,
    CHART_WORDS,
    GREY,
    LIGHT,
    NAME_COLUMNS,
    PALETTE,
    RED,
    TITLE_COLUMNS,
    figure_size,
    legend_style,
    money_axis,
    project_name,
    wrapped,
)
from pension_subsidy.output.evaluation_table import cents
from pension_subsidy.output.evaluation_text import evaluation_label
from pension_subsidy.output.labels import level1_name
from pension_subsidy.output.language import (
    Localised,
    format_count,
    format_percent,
    format_yuan,
    label,
    pick,
)
from pension_subsidy.roster.tally import Tally

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["appropriation_chart", "component_shares_chart", "evaluation_chart", "township_chart"]


def component_shares_chart(
    project: Project, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """A project's components as horizontal bars (元), each with its share of the total.

    A project without itemised components shows the words saying so and no bar.
    """
    check = project.check()
    with drawing(locale, ax, size=figure_size(len(project.components))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            wrapped(
                canvas.shown(
                    pick(component.name_zh, component.name_en, loc),
                    CHART_WORDS("component_number", loc, number=number),
                ),
                NAME_COLUMNS,
            )
            for number, component in enumerate(project.components, 1)
        ]
        amounts = [component.amount for component in project.components]
        bars = axes.barh(names, [plotted(amount) for amount in amounts], color=BLUE)
        shares = {share.key: share.share for share in check.shares}
        notes = []
        for component in project.components:
            share = shares.get(component.key)
            percent = "" if share is None else f" ({format_percent(share, loc)})"
            notes.append(format_yuan(component.amount, loc) + percent)
        axes.bar_label(bars, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.invert_yaxis()  # the first component on top, as in the table
        axes.margins(x=0.3)
        money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        title = CHART_WORDS("shares_title", loc, project=project_name(canvas, project, 1))
        total = CHART_WORDS("shares_total", loc, total=format_yuan(check.total, loc))
        axes.set_title(wrapped(f"{title}\n{total}", TITLE_COLUMNS), **canvas.text_style)
        if not project.components:
            canvas.centred_note(label("not_itemised", loc))
    return canvas.figure


def appropriation_chart(
    budget: Budget, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """Each project's total beside its appropriation (元), the utilisation written at the end.

    A total over its appropriation is drawn in red.
    """
    projects = budget.unit.projects
    with drawing(locale, ax, size=figure_size(2 * len(projects))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        checks = [project.check() for project in projects]
        places = [float(number) for number in range(len(projects))]
        height = 0.38
        totals = axes.barh(
            [place - height / 2 for place in places],
            [plotted(check.total) for check in checks],
            height=height,
            color=[RED if check.status is Status.OVER else BLUE for check in checks],
            label=label("total", loc),
        )
        axes.barh(
            [place + height / 2 for place in places],
            [plotted(check.appropriation) for check in checks],
            height=height,
            color=LIGHT,
            edgecolor=GREY,
            label=label("appropriation", loc),
        )
        notes = [
            format_yuan(check.total, loc)
            + ("" if check.utilisation is None else f" ({format_percent(check.utilisation, loc)})")
            for check in checks
        ]
        axes.bar_label(totals, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.set_yticks(
            places,
            [
                wrapped(project_name(canvas, project, number), NAME_COLUMNS)
                for number, project in enumerate(projects, 1)
            ],
        )
        axes.invert_yaxis()
        axes.margins(x=0.3)
        money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        axes.legend(**legend_style(canvas))
        unit = canvas.shown(pick(budget.unit.name_zh, budget.unit.name_en, loc), budget.unit.code)
        axes.set_title(
            wrapped(CHART_WORDS("appropriation_title", loc, unit=unit), TITLE_COLUMNS),
            **canvas.text_style,
        )
    return canvas.figure


def evaluation_chart(
    evaluation: ProjectEvaluation, *, locale: Localised = None, ax: Axes | None = None
) -> Figure:
    """A self-evaluation's points by level: budget execution, output, benefit, satisfaction.

    Each level's weight (分值) is the light bar behind, its score (得分) the blue one in front,
    with ``score / weight`` written after them.
    """
    levels: list[tuple[str, Any, Any]] = [
        ("", evaluation.weights.budget_execution, evaluation.budget_execution.score)
    ]
    for level in Level1:
        weight = evaluation.weights.level(level)
        if weight or any(r.indicator.level1 is level for r in evaluation.indicators):
            # as in the table: a level weighted 0 without indicators is not shown
            levels.append((level.value, weight, evaluation.level_score(level)))
    with drawing(locale, ax, size=figure_size(len(levels))) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            wrapped(
                evaluation_label("budget_execution", loc)
                if not key
                else level1_name(Level1(key), loc),
                NAME_COLUMNS,
            )
            for key, _, _ in levels
        ]
        weights = [plotted(weight) for _, weight, _ in levels]
        limits = axes.barh(
            names, weights, color=LIGHT, edgecolor=GREY, label=evaluation_label("weight", loc)
        )
        axes.barh(
            names,
            [plotted(score) for _, _, score in levels],
            height=0.5,
            color=BLUE,
            label=evaluation_label("score", loc),
        )
        notes = [f"{cents(score)} / {cents(weight)}" for _, weight, score in levels]
        # written after the weight's bar, which no score passes
        axes.bar_label(limits, notes, padding=3, fontsize=8, **canvas.text_style)
        axes.invert_yaxis()
        axes.set_xlim(0, max(weights, default=0.0) * 1.3 or 1.0)
        axes.set_xlabel(CHART_WORDS("points", loc), **canvas.text_style)
        axes.legend(**legend_style(canvas))
        project = evaluation.project
        grade = evaluation.grade
        title = CHART_WORDS(
            "evaluation_title",
            loc,
            project=project_name(canvas, project, 1),
            score=f"{evaluation.score}",
            grade=grade.value if canvas.language == "zh" else grade.name_en,
        )
        axes.set_title(wrapped(title, TITLE_COLUMNS), **canvas.text_style)
    return canvas.figure


def township_chart(tally: Tally, *, locale: Localised = None, ax: Axes | None = None) -> Figure:
    """A roster tally's amounts by township (元), each bar stacked by component.

    Townships are named as the roster writes them; each bar ends with the township's total
    and its insured persons.
    """
    townships = tally.by_township()
    with drawing(locale, ax, size=figure_size(len(townships) + 2)) as canvas:
        axes, loc = canvas.axes, canvas.locale
        names = [
            canvas.shown(name, CHART_WORDS("township", loc, number=number))
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
            axes.barh(
                places,
                widths,
                left=left,
                color=PALETTE[index % len(PALETTE)],
                label=canvas.shown(name, CHART_WORDS("component_number", loc, number=index + 1)),
            )
            left = [start + width for start, width in zip(left, widths, strict=True)]
        for place, area in zip(places, townships.values(), strict=True):
            persons = f"{format_count(area.persons, loc)} {label('persons', loc)}"
            note = f"{format_yuan(area.amount, loc)} ({persons})"
            axes.text(left[place], place, " " + note, va="center", fontsize=8, **canvas.text_style)
        axes.set_yticks(places, names)
        axes.invert_yaxis()
        axes.margins(x=0.35)
        money_axis(canvas, axes.xaxis)
        axes.set_xlabel(label("amount_yuan", loc), **canvas.text_style)
        if keys:
            axes.legend(**legend_style(canvas))
        axes.set_title(CHART_WORDS("township_title", loc), **canvas.text_style)
    return canvas.figure
