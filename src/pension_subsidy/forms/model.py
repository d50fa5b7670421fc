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

import re
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.money import Yuan, parse_number

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

#: The money rows of the self-evaluation table, key → the row's label in the 10号 annex.
MONEY_ROWS: dict[str, str] = {
    "total": "年度资金总额",
    "current_appropriation": "其中：当年财政拨款",
    "carry_over": "上年结转资金",
    "other": "其他资金",
}

#: A number inside text: optional sign, digits (grouped by commas or not), optional decimals.
_NUMBER = re.compile(r"[-+]?\d+(?:,\d+)*(?:\.\d+)?")
#: … whose grouping is valid: 1 to 3 digits, then groups of exactly 3.
_GROUPED = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def number_in(text: str) -> Decimal | None:
    """The first number in ``text`` as an exact Decimal, or None if there is none.

    Full-width digits and punctuation count (``１２．５``, ``96，410``); group commas are
    dropped. A number grouped other than by threes (``96,41``) is no number: None, never a
    guess at a part of it.

    >>> number_in("≥ 1,025人"), number_in("１２．５%"), number_in("健全")
    (Decimal('1025'), Decimal('12.5'), None)
    >>> number_in("96，410人"), number_in("96,41人"), number_in("3,3098.4")
    (Decimal('96410'), None, None)
    """
    normal = _halfwidth(text)
    match = _NUMBER.search(normal)
    if match is None or not _GROUPED.fullmatch(match.group()):
        return None
    try:
        return parse_number(match.group().lstrip("+").replace(",", ""), field="number")
    except InvalidNumberError:
        return None


def badly_grouped(text: str) -> bool:
    """Whether ``text``'s first number is grouped by commas other than by threes (``96,41``).

    Such a number is never guessed at: :func:`number_in` gives None for it, and the readers
    list it as unreadable.

    >>> badly_grouped("96,41人"), badly_grouped("96,410人"), badly_grouped("健全")
    (True, False, False)
    """
    match = _NUMBER.search(_halfwidth(text))
    return match is not None and not _GROUPED.fullmatch(match.group())


def _halfwidth(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif char == "\u3000":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _json(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


@attrs.frozen
class Where:
    """Where something was read: a cell of a sheet, a line of a page, or a sentence.

    ``sheet`` (worksheet, Word table or HTML table name), ``row`` (1-based), ``cell`` (``C7``
    or ``row 7, column 3``); ``page`` (1-based PDF page) and ``line`` (1-based line of the
    page or of a text file); ``sentence`` (the sentence of a prose report, as written).
    """

    sheet: str | None = None
    row: int | None = None
    cell: str | None = None
    page: int | None = None
    line: int | None = None
    sentence: str | None = None

    def data(self) -> dict[str, Any]:
        """The stated parts only, as JSON-ready data."""
        return {key: value for key, value in attrs.asdict(self).items() if value is not None}

    def __str__(self) -> str:
        """``sheet 'Sheet1', row 7, cell C7``; ``page 2, line 14``; ``“…sentence…”``."""
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.sentence is not None:
            parts.append(f"“{self.sentence}”")
        return ", ".join(parts)


@attrs.frozen
class StatedNumber:
    """A number (or a word where a number could stand) as the document states it.

    ``text`` is the cell or phrase as written (``"≥98%"``, ``"25.00"``, ``"健全"``); ``value``
    its exact number (None when there is none); ``where`` where it stands.
    """

    text: str
    value: Decimal | None
    where: Where | None = None

    @classmethod
    def parse(cls, text: str, *, where: Where | None = None) -> StatedNumber:
        """Keep ``text`` and read its first number exactly (:func:`number_in`)."""
        return cls(text.strip(), number_in(text), where)

    def data(self) -> str | None:
        """The exact value as a JSON string (``"98"``), or None when there is no number."""
        return _json(self.value)


@attrs.frozen
class StatedAmount:
    """Money as the document states it: ``text`` in ``unit`` (万元 or 元), exactly in ``yuan``.

    >>> StatedAmount.parse("3,309,840.00", unit="元").yuan
    Yuan('3309840.00')
    """

    text: str
    unit: Literal["万元", "元"]
    yuan: Yuan
    where: Where | None = None

    @classmethod
    def parse(
        cls, text: str, *, unit: Literal["万元", "元"], where: Where | None = None
    ) -> StatedAmount:
        """Read ``text`` as an amount in ``unit``; a text without a number raises.

        Raises :class:`~pension_subsidy.InvalidNumberError` (or InvalidAmountError) when the
        text holds no number or one finer than 分.
        """
        value = number_in(text)
        if value is None:
            raise InvalidNumberError(
                code="forms.amount.no_number",
                params={"field": "amount", "unit": unit, "got": repr(text)},
                field="amount",
                value=text,
                expected=f"a number in {unit}",
            )
        yuan = Yuan.from_wan(value, field="amount") if unit == "万元" else Yuan(value)
        return cls(text.strip(), unit, yuan, where)

    def data(self) -> str:
        """The exact amount in 元 as a JSON string (``"68400.00"``)."""
        return format(self.yuan.value, "f")


def _number_data(value: StatedNumber | None) -> str | None:
    return None if value is None else value.data()


def _amount_data(value: StatedAmount | None) -> str | None:
    return None if value is None else value.data()


def _text(value: StatedNumber | StatedAmount | None) -> str | None:
    return None if value is None else value.text


def _where(value: Where | None) -> dict[str, Any] | None:
    return None if value is None else value.data()


@attrs.frozen
class MoneyRow:
    """One money row of a self-evaluation table (年度资金总额, 其中当年财政拨款, …).

    ``key`` is one of :data:`MONEY_ROWS` (or ``"row"`` for a row of another name), ``label``
    the row's label as written. ``budget_start`` is 年初预算数, ``budget_adjusted`` 全年预算数
    (Hebei: 预算安排情况(调整后)), ``received`` 资金到位 (Hebei only), ``executed`` 全年执行数;
    ``points`` 分值, ``rate_percent`` 执行率, ``score`` 得分 — the last three are stated on the
    total row only.
    """

    key: str
    label: str
    budget_start: StatedAmount | None = None
    budget_adjusted: StatedAmount | None = None
    received: StatedAmount | None = None
    executed: StatedAmount | None = None
    points: StatedNumber | None = None
    rate_percent: StatedNumber | None = None
    score: StatedNumber | None = None
    where: Where | None = None

    def data(self) -> dict[str, Any]:
        """The row as JSON-ready data (amounts in 元 as strings, texts beside them)."""
        return {
            "key": self.key,
            "label": self.label,
            "budget_start_yuan": _amount_data(self.budget_start),
            "budget_adjusted_yuan": _amount_data(self.budget_adjusted),
            "received_yuan": _amount_data(self.received),
            "executed_yuan": _amount_data(self.executed),
            "points": _number_data(self.points),
            "rate_percent": _number_data(self.rate_percent),
            "score": _number_data(self.score),
            "budget_start_text": _text(self.budget_start),
            "budget_adjusted_text": _text(self.budget_adjusted),
            "received_text": _text(self.received),
            "executed_text": _text(self.executed),
            "where": _where(self.where),
        }


@attrs.frozen
class FormGoal:
    """A goal (年度总体目标) as planned and, in a self-evaluation, as achieved.

    ``planned`` 预期目标, ``achieved`` 实际完成情况, ``completion_percent`` where stated
    (Hebei: 总体完成率).
    """

    planned: str
    achieved: str | None = None
    completion_percent: StatedNumber | None = None
    where: Where | None = None

    def data(self) -> dict[str, Any]:
        """The goal as JSON-ready data."""
        return {
            "planned": self.planned,
            "achieved": self.achieved,
            "completion_percent": _number_data(self.completion_percent),
            "where": _where(self.where),
        }


@attrs.frozen
class FormIndicator:
    """A performance indicator row (绩效指标) of a target or self-evaluation table.

    * ``level1`` 一级指标 (产出指标, 效益指标 — Hebei's 效果指标 kept as written — 满意度指标),
      ``level1_points`` the points its heading states (``产出指标 (50分)``), ``level2`` 二级指标,
      ``name`` 三级指标, ``description`` an explanation column where the layout has one.
    * ``comparator`` ≥ > = < ≤ as written (normalised to those five signs; None if unstated),
      ``nature`` 指标性质 when it is a word (定量, 定性), ``direction`` 指标方向性 (正向指标…).
    * ``target`` 年度指标值 / 指标值 and ``unit`` 度量单位; ``actual`` 实际完成值.
    * ``points`` 分值 / 指标分值 (a target table's 权重 where it is stated as points),
      ``weight_percent`` 权重 / 权重占比 (%), ``score`` 得分 / 单项指标得分,
      ``weighted_score`` 单项指标折算得分 (Hebei), ``completion`` 完成情况 as written.
    * ``reason`` 偏差原因分析及改进措施, ``where`` the row it came from.
    """

    level1: str | None
    level2: str | None
    name: str
    comparator: str | None = None
    target: StatedNumber | None = None
    unit: str | None = None
    actual: StatedNumber | None = None
    points: StatedNumber | None = None
    score: StatedNumber | None = None
    reason: str | None = None
    where: Where | None = None
    level1_points: StatedNumber | None = None
    description: str | None = None
    nature: str | None = None
    direction: str | None = None
    weight_percent: StatedNumber | None = None
    weighted_score: StatedNumber | None = None
    completion: str | None = None

    def data(self) -> dict[str, Any]:
        """The indicator as JSON-ready data (numbers as exact strings, texts beside them)."""
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "comparator": self.comparator,
            "target": _number_data(self.target),
            "unit": self.unit,
            "actual": _number_data(self.actual),
            "points": _number_data(self.points),
            "score": _number_data(self.score),
            "reason": self.reason,
            "where": _where(self.where),
            "target_text": _text(self.target),
            "actual_text": _text(self.actual),
            "points_text": _text(self.points),
            "score_text": _text(self.score),
            "level1_points": _number_data(self.level1_points),
            "description": self.description,
            "nature": self.nature,
            "direction": self.direction,
            "weight_percent": _number_data(self.weight_percent),
            "weighted_score": _number_data(self.weighted_score),
            "completion": self.completion,
        }


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
            executed=_amount_data(self.executed),
            total_score=_number_data(self.total_score),
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
            "budget_start_yuan": _amount_data(self.budget_start),
            "budget_adjusted_yuan": _amount_data(self.budget_adjusted),
            "executed_yuan": _amount_data(self.executed),
            "execution_rate_percent": _number_data(self.execution_rate_percent),
            "execution_points": _number_data(self.execution_points),
            "execution_score": _number_data(self.execution_score),
            "total_score": _number_data(self.total_score),
            "grade": self.grade,
            "goals": [goal.data() for goal in self.goals],
            "indicators": [indicator.data() for indicator in self.indicators],
            "budget_start_text": _text(self.budget_start),
            "budget_adjusted_text": _text(self.budget_adjusted),
            "executed_text": _text(self.executed),
            "execution_rate_text": _text(self.execution_rate_percent),
            "total_score_text": _text(self.total_score),
            "money_rows": [row.data() for row in self.money_rows],
            "fields": [{"label": label, "text": text} for label, text in self.fields],
            "fund": self.fund,
            "where": _where(self.where),
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
                    "budget_start_yuan": _amount_data(project.budget_start),
                    "executed_yuan": _amount_data(project.executed),
                    "total_score": _number_data(project.total_score),
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
                {"text": number.text, "where": _where(number.where)} for number in self.unreadable
            ],
        }
