"""Budget against execution (预算执行): year-start and adjusted budget, amount executed, rate.

A project, a component or an area may state its year-start budget (年初预算数), its adjusted
budget (全年预算数 / 调整后预算数), the amount executed (全年执行数 / 实际支出) and the actual
headcount. :func:`check_execution` gives the execution rate — executed ÷ the adjusted budget,
as the self-evaluation rules of 财预〔2020〕10号 use — exactly and in percent to 0.01
(四舍五入), the overrun (executed − budget, when positive) or underrun, and which parts
(components of a project, projects of an area) drive it.

>>> check = check_execution(
...     "fund", Execution(budget_adjusted=Yuan("1300.00"), executed=Yuan("1234.56")))
>>> check.rate_percent, check.underrun, check.overrun
(Decimal('94.97'), Yuan('65.44'), None)

**Which budget.** The rate is against the adjusted budget; without one, against the
year-start budget; without either, against the plan (a project's appropriation, a
component's amount) — :attr:`ExecutionCheck.against` says which.

**Parts.** A figure not stated is the sum of the parts' figures when every part gives it;
a figure stated *and* given by every part is checked against their sum (a
:class:`~pension_subsidy.model.discrepancies.Discrepancy` with both numbers, never a fix).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from pension_subsidy.exceptions import InvalidAmountError, InvalidHeadcountError
from pension_subsidy.model.discrepancies import Discrepancy
from pension_subsidy.money import Yuan, round_half_up

__all__ = ["AMOUNT_FIGURES", "Execution", "ExecutionCheck", "check_execution"]

#: The amount figures of an :class:`Execution`, in the order a self-evaluation table lists them.
AMOUNT_FIGURES: tuple[str, ...] = ("budget_start", "budget_adjusted", "executed")

Against = Literal["budget_adjusted", "budget_start", "planned"]


def _amount(value: Yuan | Decimal | int | str | None, field: str) -> Yuan | None:
    if value is None:
        return None
    amount = value if isinstance(value, Yuan) else Yuan(value, field=field)
    if amount < 0:
        said = {"at": f"Execution.{field}: ", "got": amount}
        raise InvalidAmountError(code="funding.negative", params=said, field=field, value=amount)
    return amount


def _start(value: Yuan | Decimal | int | str | None) -> Yuan | None:
    return _amount(value, "budget_start")


def _adjusted(value: Yuan | Decimal | int | str | None) -> Yuan | None:
    return _amount(value, "budget_adjusted")


def _executed(value: Yuan | Decimal | int | str | None) -> Yuan | None:
    return _amount(value, "executed")


def _headcount(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        said = {"at": "Execution.actual_headcount: ", "got": repr(value)}
        raise InvalidHeadcountError(
            code="execution.headcount", params=said, field="actual_headcount", value=value
        )
    return value


@attrs.frozen
class Execution:
    """Budget and execution figures as stated (each None when not given).

    >>> Execution(budget_adjusted="1300", executed="1234.56").given
    True
    """

    #: 年初预算数 (year-start budget)
    budget_start: Yuan | None = attrs.field(default=None, converter=_start)
    #: 全年预算数 / 调整后预算数 (adjusted budget)
    budget_adjusted: Yuan | None = attrs.field(default=None, converter=_adjusted)
    #: 全年执行数 / 实际支出 (amount executed)
    executed: Yuan | None = attrs.field(default=None, converter=_executed)
    #: 实际人数 (actual headcount)
    actual_headcount: int | None = attrs.field(default=None, converter=_headcount)

    @property
    def given(self) -> bool:
        """Whether any figure is stated."""
        return any(
            value is not None
            for value in (
                self.budget_start,
                self.budget_adjusted,
                self.executed,
                self.actual_headcount,
            )
        )

    def figure(self, name: str) -> Yuan | int | None:
        """The figure called ``name`` (one of :data:`AMOUNT_FIGURES` or actual_headcount)."""
        value: Yuan | int | None = getattr(self, name)
        return value


def _checks(value: Iterable[ExecutionCheck]) -> tuple[ExecutionCheck, ...]:
    return tuple(value)


def _problems(value: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(value)


@attrs.frozen
class ExecutionCheck:
    """Budget against execution for one project, component or area, with its parts.

    ``figures`` are the figures used: each as stated, else the sum of the parts'. ``rate``
    is executed ÷ the budget named by ``against`` (exact), ``rate_percent`` the same in
    percent to 0.01 (四舍五入); ``difference`` = executed − that budget (negative: underrun).
    """

    key: str
    where: str
    stated: Execution
    figures: Execution
    planned: Yuan | None
    against: Against | None
    reference: Yuan | None
    rate: Fraction | None
    rate_percent: Decimal | None
    difference: Yuan | None
    parts: tuple[ExecutionCheck, ...] = attrs.field(default=(), converter=_checks)
    problems: tuple[Discrepancy, ...] = attrs.field(default=(), converter=_problems)

    @property
    def given(self) -> bool:
        """Whether any figure is known (stated here or given by every part)."""
        return self.figures.given

    @property
    def overrun(self) -> Yuan | None:
        """The overrun, executed − budget, when positive (超支); else None."""
        return self.difference if self.difference is not None and self.difference > 0 else None

    @property
    def underrun(self) -> Yuan | None:
        """The underrun, budget − executed, when positive (结余, 未执行); else None."""
        if self.difference is not None and self.difference < 0:
            return -self.difference
        return None

    @property
    def drivers(self) -> tuple[ExecutionCheck, ...]:
        """The parts that drive an overrun (or an underrun): same direction, largest first."""
        if self.difference is None or self.difference.is_zero():
            return ()
        over = self.difference > 0
        moving = [
            part
            for part in self.parts
            if part.difference is not None
            and not part.difference.is_zero()
            and (part.difference > 0) == over
        ]
        return tuple(sorted(moving, key=lambda part: abs(part.difference or Yuan(0)), reverse=True))

    def all_problems(self) -> tuple[Discrepancy, ...]:
        """This check's problems, then its parts', in order."""
        found = list(self.problems)
        for part in self.parts:
            found.extend(part.all_problems())
        return tuple(found)

    def data(self) -> dict[str, Any]:
        """The figures known, in the report's JSON shape; keys absent when not known.

        ``budget_start_yuan``, ``budget_adjusted_yuan``, ``executed_yuan``,
        ``execution_rate_percent``, ``overrun_yuan`` / ``underrun_yuan`` (null when not
        over / under), ``execution_against``, ``actual_headcount``, ``execution_drivers``
        (part keys) and ``execution_problems``.
        """
        figures = self.figures
        data: dict[str, Any] = {}
        for name in AMOUNT_FIGURES:
            value = figures.figure(name)
            if value is not None:
                data[f"{name}_yuan"] = str(value)
        if self.rate_percent is not None:
            data["execution_rate_percent"] = str(self.rate_percent)
        if self.difference is not None:
            data["overrun_yuan"] = None if self.overrun is None else str(self.overrun)
            data["underrun_yuan"] = None if self.underrun is None else str(self.underrun)
            data["execution_against"] = self.against
        if figures.actual_headcount is not None:
            data["actual_headcount"] = figures.actual_headcount
        if self.parts and self.difference is not None:
            data["execution_drivers"] = [part.key for part in self.drivers]
        if self.problems:
            data["execution_problems"] = [problem.data() for problem in self.problems]
        return data


def _sum_of(parts: Sequence[ExecutionCheck], name: str) -> Yuan | int | None:
    values = [part.figures.figure(name) for part in parts]
    if not parts or any(value is None for value in values):
        return None
    if name == "actual_headcount":
        return sum(value for value in values if isinstance(value, int))
    return sum((value for value in values if isinstance(value, Yuan)), Yuan(0))


def _unit_of(name: str) -> str:
    return "persons" if name == "actual_headcount" else "yuan"


def check_execution(
    key: str,
    stated: Execution,
    *,
    where: str = "",
    planned: Yuan | None = None,
    parts: Iterable[ExecutionCheck] = (),
    parts_code: str = "components_sum",
) -> ExecutionCheck:
    """Check ``stated`` figures (and the ``parts``' sum) for ``key``; see the module.

    ``planned`` is the plan the rate falls back to (an appropriation, a component's amount);
    ``parts_code`` names the discrepancy when a stated figure differs from the parts' sum
    (``"components_sum"``, ``"projects_sum"`` or ``"areas_sum"``).

    >>> a = check_execution("a", Execution(budget_adjusted="100", executed="130"))
    >>> b = check_execution("b", Execution(budget_adjusted="200", executed="150"))
    >>> both = check_execution("p", Execution(executed="290"), parts=[a, b])
    >>> both.figures.budget_adjusted, both.underrun, [p.key for p in both.drivers]
    (Yuan('300.00'), Yuan('10.00'), ['b'])
    >>> [p.values for p in both.problems]  # doctest: +NORMALIZE_WHITESPACE
    [(('figure', 'executed'), ('stated_yuan', '290.00'), ('sum_yuan', '280.00'),
      ('difference_yuan', '10.00'))]
    """
    checked = tuple(parts)
    used, problems = _figures(stated, checked, where or key, parts_code)
    against, reference, rate, rate_percent, difference = _rate(used, planned)
    return ExecutionCheck(
        key=key,
        where=where or key,
        stated=stated,
        figures=used,
        planned=planned,
        against=against,
        reference=reference,
        rate=rate,
        rate_percent=rate_percent,
        difference=difference,
        parts=checked,
        problems=problems,
    )


def _figures(
    stated: Execution, parts: tuple[ExecutionCheck, ...], where: str, parts_code: str
) -> tuple[Execution, list[Discrepancy]]:
    """Each figure as stated, else the parts' sum; a stated figure unlike the sum, a problem."""
    problems: list[Discrepancy] = []
    figures: dict[str, Any] = {}
    for name in (*AMOUNT_FIGURES, "actual_headcount"):
        value = stated.figure(name)
        total = _sum_of(parts, name)
        if value is None:
            figures[name] = total
            continue
        figures[name] = value
        if total is not None and total != value:
            unit = _unit_of(name)
            gap = value - total
            values = (
                ("figure", name),
                (f"stated_{unit}", str(value)),
                (f"sum_{unit}", str(total)),
                (f"difference_{unit}", str(gap)),
            )
            problems.append(Discrepancy(parts_code, where, values))
    return Execution(**figures), problems


def _rate(
    used: Execution, planned: Yuan | None
) -> tuple[Against | None, Yuan | None, Fraction | None, Decimal | None, Yuan | None]:
    """Against which budget, that budget, the rate exactly and in percent, and the difference.

    The adjusted budget, else the year-start one, else the plan; none without an amount
    executed. A budget of 0 gives a difference but no rate.
    """
    against: Against | None = None
    reference: Yuan | None = None
    if used.budget_adjusted is not None:
        against, reference = "budget_adjusted", used.budget_adjusted
    elif used.budget_start is not None:
        against, reference = "budget_start", used.budget_start
    elif planned is not None:
        against, reference = "planned", planned
    if used.executed is None or reference is None:
        return None, None, None, None, None
    difference = used.executed - reference
    if reference.is_zero():
        return against, reference, None, None, difference
    rate = used.executed.ratio(reference)
    return against, reference, rate, round_half_up(rate * 100, Decimal("0.01")), difference
