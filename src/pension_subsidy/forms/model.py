r"""What is read from a national performance form: one model for every form, layout and format.

The forms (see ``docs/forms.md``): the target table (项目支出绩效目标表) in its layouts, the
self-evaluation table (项目支出绩效自评表, annex of 财预〔2020〕10号) and its provincial variants,
and the prose evaluation or self-evaluation report (绩效自评报告 / 绩效评价报告). Whatever the
file kind (xlsx, docx, HTML, PDF, pasted text), a reader produces a :class:`FormDocument`.

Rules every type here keeps:

* **A number keeps its text as stated and its exact value.** :class:`StatedNumber` holds
  ``text`` (``"6.84"``, ``"100%"``, ``"≥98"``, ``"健全"``) and ``value`` (the exact
  :class:`~decimal.Decimal`, or None when the text is not a number). :class:`StatedAmount`
  holds money: its text, the unit it was stated in (万元 or 元) and the exact :class:`Yuan`.
* **Everything says where it came from**: a :class:`Where` (sheet/row/cell, page/line, or
  the sentence of a prose report).
* **Nothing is invented**: a field the document does not state is None (its JSON key is
  ``null``); nothing is corrected (an audit reports contradictions, the reader keeps them).
* **Plans and actuals are never mixed**: a prose :class:`Figure` says whether it is a plan
  (``basis="plan"``: 申请, 预算, 年初, 目标, 计划) or an actual (``basis="actual"``: 实际,
  实际需要, 完成, 执行, 发放) by the words of its sentence.

``.data()`` on each type gives the JSON-ready form of the ``read --format json`` contract::

    {"form", "layout", "source", "money_unit",
     "projects": [{"name", "unit_name", "department", "budget_start_yuan",
                   "budget_adjusted_yuan", "executed_yuan", "execution_rate_percent",
                   "execution_points", "execution_score", "total_score", "grade",
                   "goals": [...],
                   "indicators": [{"level1", "level2", "name", "comparator", "target",
                                   "unit", "actual", "points", "score", "reason", "where"}]}],
     "figures": [{"name", "value", "unit", "where"}]}

Numbers are JSON strings of their exact value (``"68400.00"``, ``"99.5"``); each also has a
``…_text`` key with the text as stated. Keys may be added, never removed or renamed.

>>> from decimal import Decimal
>>> amount = StatedAmount.parse("6.84", unit="万元")
>>> amount.yuan, amount.text
(Yuan('68400.00'), '6.84')
>>> StatedNumber.parse("≥ 98%").value
Decimal('98')
>>> StatedNumber.parse("健全").value is None
True
>>> Where(sheet="Sheet1", row=7, cell="C7").data()
{'sheet': 'Sheet1', 'row': 7, 'cell': 'C7'}
>>> str(Where(page=2, line=14))
'page 2, line 14'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.forms.project_rows import MONEY_ROWS, FormGoal, FormIndicator, MoneyRow
from pension_subsidy.forms.stated import (
    StatedAmount,
    StatedNumber,
    Where,
    amount_data,
    badly_grouped,
    number_data,
    number_in,
    text_of,
    where_data,
)
from pension_subsidy.money import Yuan

__all__ = [
    "FORMS",
    "MONEY_ROWS",
    "Basis",
    "Figure",
    "FigureKind",
    "FormDocument",
    "FormGoal",
    "FormIndicator",
    "FormKind",
    "FormProject",
    "FundKind",
    "MoneyRow",
    "StatedAmount",
    "StatedNumber",
    "Where",
    "badly_grouped",
    "number_in",
]


#: The form kinds, as ``FormDocument.form`` names them.
FormKind: TypeAlias = Literal[
    "disclosure_table", "target_table", "self_evaluation_table", "evaluation_report"
]


FORMS: tuple[FormKind, ...] = (
    "disclosure_table",
    "target_table",
    "self_evaluation_table",
    "evaluation_report",
)


#: Whether a figure of a prose report is a plan (申请, 预算, 年初, 目标), an actual (实际,
#: 实际需要, 完成, 执行) or neither (a rate, a difference as stated).
Basis: TypeAlias = Literal["plan", "actual", "stated"]


#: What a prose figure measures.
FigureKind: TypeAlias = Literal["money", "headcount", "rate", "count"]


#: What a project's money is for: the residents' pension (城乡居民 … 养老 in its name) or any
#: other project. An unknown fund is ``"generic"``, never the residents' pension.
FundKind: TypeAlias = Literal["residents_pension", "generic"]


@attrs.frozen
class FormProject:
    """A project as a target or self-evaluation table states it.

    * ``name`` 项目名称; ``unit_name`` 实施单位 / 单位名称; ``department`` 主管部门;
      ``fund`` ``"residents_pension"`` only when the name has both 城乡居民 and 养老.
    * ``budget_start`` 年初预算数 (a target table's 预算数 / 年度资金总额: the amount planned
      when the budget is set); ``budget_adjusted`` 全年预算数 (Hebei: 预算数 (调整后));
      ``executed`` 全年执行数 — all of the 年度资金总额 row.
    * ``execution_rate_percent`` 执行率 as stated, ``execution_points`` its 分值,
      ``execution_score`` its 得分; ``total_score`` 总分, ``grade`` 优/良/中/差 as stated.
    * ``money_rows`` every money row as stated (:class:`MoneyRow`), ``goals`` the overall
      goals, ``indicators`` the indicator rows in their order.
    * ``fields`` other labelled header cells (项目负责人, 是否为专项资金, …) as (label, text),
      so that nothing is dropped; ``where`` the project's first row.
    """

    name: str
    unit_name: str | None = None
    department: str | None = None
    budget_start: StatedAmount | None = None
    budget_adjusted: StatedAmount | None = None
    executed: StatedAmount | None = None
    execution_rate_percent: StatedNumber | None = None
    execution_points: StatedNumber | None = None
    execution_score: StatedNumber | None = None
    total_score: StatedNumber | None = None
    grade: str | None = None
    goals: tuple[FormGoal, ...] = ()
    indicators: tuple[FormIndicator, ...] = ()
    money_rows: tuple[MoneyRow, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    fund: FundKind = "generic"
    where: Where | None = None

    def __repr__(self) -> str:
        """``FormProject('name', indicators=n, goals=n, …)``: short at any size."""
        return short_repr(
            "FormProject",
            name=repr(self.name),
            executed=amount_data(self.executed),
            total_score=number_data(self.total_score),
            goals=len(self.goals),
            indicators=len(self.indicators),
        )

    def money_row(self, key: str) -> MoneyRow | None:
        """The money row with ``key`` (:data:`MONEY_ROWS`), or None when not stated."""
        return next((row for row in self.money_rows if row.key == key), None)

    def data(self) -> dict[str, Any]:
        """The project in the ``read --format json`` shape."""
        return {
            "name": self.name,
            "unit_name": self.unit_name,
            "department": self.department,
            "budget_start_yuan": amount_data(self.budget_start),
            "budget_adjusted_yuan": amount_data(self.budget_adjusted),
            "executed_yuan": amount_data(self.executed),
            "execution_rate_percent": number_data(self.execution_rate_percent),
            "execution_points": number_data(self.execution_points),
            "execution_score": number_data(self.execution_score),
            "total_score": number_data(self.total_score),
            "grade": self.grade,
            "goals": [goal.data() for goal in self.goals],
            "indicators": [indicator.data() for indicator in self.indicators],
            "budget_start_text": text_of(self.budget_start),
            "budget_adjusted_text": text_of(self.budget_adjusted),
            "executed_text": text_of(self.executed),
            "execution_rate_text": text_of(self.execution_rate_percent),
            "total_score_text": text_of(self.total_score),
            "money_rows": [row.data() for row in self.money_rows],
            "fields": [{"label": label, "text": text} for label, text in self.fields],
            "fund": self.fund,
            "where": where_data(self.where),
        }


@attrs.frozen
class Figure:
    """A figure taken from a prose report, with its sentence.

    * ``name`` what it is: ``budget`` (with ``level`` 中央/省/市/县/其他 for a source),
      ``executed``, ``execution_rate``, ``overrun``, ``headcount``, ``count``, ``amount``.
    * ``value`` the exact number as stated (in ``unit``: 万元, 元, 亿元, 人, 万人, %, …),
      ``text`` the words it was written with, ``yuan`` the exact amount in 元 for money.
    * ``basis`` ``"plan"`` or ``"actual"`` by the words before it (:data:`Basis`), never
      guessed from the number; ``"stated"`` for a rate or a difference.
    * ``level`` the budget level, ``area`` the county or district named in the sentence,
      ``label`` the words naming the quantity (``缴费补贴``), ``where`` the sentence.
    * ``component`` the component kind the label names by the catalogue's keywords
      (``contribution_subsidy``, ``funeral_grant`` …; :mod:`~pension_subsidy.forms.components`):
      the prose checks pair a plan and an actual of the same kind even where their labels
      differ (丧葬补助金 … 丧葬费).
    """

    name: str
    value: Decimal
    unit: str
    text: str
    basis: Basis
    kind: FigureKind
    where: Where
    yuan: Yuan | None = None
    level: str | None = None
    area: str | None = None
    label: str | None = None
    #: The component kind the words name (``funeral_grant``; see the kinds catalogue), or None.
    component: str | None = None

    def data(self) -> dict[str, Any]:
        """The figure in the ``read --format json`` shape."""
        return {
            "name": self.name,
            "value": format(self.value, "f"),
            "unit": self.unit,
            "where": self.where.data(),
            "text": self.text,
            "basis": self.basis,
            "kind": self.kind,
            "yuan": None if self.yuan is None else format(self.yuan.value, "f"),
            "level": self.level,
            "area": self.area,
            "label": self.label,
            "component": self.component,
        }


@attrs.frozen
class FormDocument:
    """Everything read from one form.

    ``form`` is one of :data:`FORMS`; ``layout`` names the layout read (e.g.
    ``"long_per_project"``, ``"budget_system_export"``, ``"finance_10"``, ``"hebei"``,
    ``"five_column"``, ``"prose"``); ``source`` the file (or name given); ``money_unit`` the
    unit amounts were stated in (万元 or 元; None for prose, where each figure has its own);
    ``projects`` the projects of a table; ``figures`` what was taken from prose; ``title``
    the document's title line and ``notes`` lines around the table that were kept as text;
    ``unreadable`` the numbers of its prose that could not be read safely (``96,41人``: digits
    grouped other than by threes), each with its sentence, never guessed at.
    """

    form: FormKind
    layout: str
    source: str
    money_unit: str | None = None
    projects: tuple[FormProject, ...] = ()
    figures: tuple[Figure, ...] = ()
    title: str | None = None
    notes: tuple[str, ...] = ()
    unreadable: tuple[StatedNumber, ...] = ()

    def __repr__(self) -> str:
        """``FormDocument(form=…, layout=…, source=…, projects=n, figures=n)``: short."""
        return short_repr(
            "FormDocument",
            form=self.form,
            layout=self.layout,
            source=repr(self.source),
            projects=len(self.projects),
            figures=len(self.figures),
        )

    def _repr_html_(self) -> str:
        """The projects (or, for prose, the figures) as a small HTML table (Jupyter)."""
        caption = f"{self.form} ({self.layout}): {self.source}"
        if self.projects or not self.figures:
            columns = (
                "name",
                "unit_name",
                "budget_start_yuan",
                "executed_yuan",
                "total_score",
                "grade",
                "indicators",
            )
            records = [
                {
                    "name": project.name,
                    "unit_name": project.unit_name,
                    "budget_start_yuan": amount_data(project.budget_start),
                    "executed_yuan": amount_data(project.executed),
                    "total_score": number_data(project.total_score),
                    "grade": project.grade,
                    "indicators": len(project.indicators),
                }
                for project in self.projects
            ]
            return html_records(caption, records, columns)
        figures = [figure.data() for figure in self.figures]
        return html_records(caption, figures, ("name", "value", "unit", "basis", "text"))

    def data(self) -> dict[str, Any]:
        """The document in the ``read --format json`` shape."""
        return {
            "form": self.form,
            "layout": self.layout,
            "source": self.source,
            "money_unit": self.money_unit,
            "projects": [project.data() for project in self.projects],
            "figures": [figure.data() for figure in self.figures],
            "title": self.title,
            "notes": list(self.notes),
            "unreadable": [
                {"text": number.text, "where": where_data(number.where)}
                for number in self.unreadable
            ],
        }
