"""A project's check (核对): its total against its appropriation, each component's share.

:meth:`Project.check <pension_subsidy.model.project.Project.check>` gives a
:class:`ProjectCheck`: the total, the headroom (appropriation − total), the utilisation and
the :class:`Status`, and each component's :class:`ComponentShare` — its amount, its share
of the total and, over the appropriation, its part of the overrun. Everything is computed
in whole 分 (:mod:`~pension_subsidy.model.fen`), exactly.

>>> from pension_subsidy import load_dataset
>>> check = load_dataset().project("county_supporting_fund").check()
>>> check.status, [share.share for share in check.shares][:2]
(<Status.WITHIN: 'within'>, [Decimal('82.01'), Decimal('3.67')])
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.model.fen import fen_of, percent, yuan_of
from pension_subsidy.money import Yuan, round_half_up

if TYPE_CHECKING:
    import pandas

    from pension_subsidy.model.project import Project

__all__ = ["ComponentShare", "ProjectCheck", "Status"]

_PERCENT_PLACES = Decimal("0.01")
_SHARE_COLUMNS = ("project", "key", "amount_yuan", "share_percent", "attributed_overrun_yuan")


class Status(enum.Enum):
    """Where a project's total stands against its appropriation."""

    WITHIN = "within"
    AT = "at"
    OVER = "over"


def _percent_of(part: int, whole: int) -> Decimal | None:
    """``part`` 分 as a percentage of ``whole`` 分, 四舍五入 to 0.01 (None when ``whole`` is 0).

    Amounts ≥ 0 take whole-number arithmetic, equal to rounding the exact
    :class:`~fractions.Fraction` and several times faster, as a what-if sweep checks every
    project of every scenario.

    >>> _percent_of(17200, 17500), _percent_of(100, 800)
    (Decimal('98.29'), Decimal('12.50'))
    """
    if part < 0 or whole < 0:
        return round_half_up(Fraction(part, whole) * 100, _PERCENT_PLACES) if whole else None
    return percent(part, whole)


def _allocate_fen(overrun: int, fens: list[int], amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """Split ``overrun`` 分 in proportion to the amounts into whole 分 that add up exactly.

    ``fens`` are the ``amounts`` in whole 分: each part is ``overrun × fen ÷ Σ fen``, its floor
    and remainder found by integer division.
    """
    total = sum(fens)
    if not fens or min(fens) < 0 or total <= 0:
        return _allocate_fractions(overrun, amounts)
    parts = [divmod(overrun * fen, total) for fen in fens]
    floors = [floor for floor, _ in parts]
    remainders = [remainder for _, remainder in parts]
    left = overrun - sum(floors)
    # a remainder over the same total orders the parts as their fractions of a 分 do
    order = sorted(range(len(fens)), key=lambda i: (remainders[i], fens[i], -i), reverse=True)
    for index in order[:left]:
        floors[index] += 1
    return tuple(yuan_of(part) for part in floors)


def _allocate_fractions(fen: int, amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """:func:`_allocate_fen` in exact fractions, for amounts that are not all ≥ 0."""
    total = sum((amount for amount in amounts), Yuan(0))
    exact = [Fraction(fen) * amount.ratio(total) for amount in amounts]
    floors = [int(part) for part in exact]  # parts are ≥ 0: int() rounds down
    left = fen - sum(floors)
    order = sorted(
        range(len(amounts)), key=lambda i: (exact[i] - floors[i], amounts[i], -i), reverse=True
    )
    for index in order[:left]:
        floors[index] += 1
    return tuple(Yuan(Decimal(part).scaleb(-2)) for part in floors)


def _percent(part: Yuan, whole: Yuan) -> Decimal | None:
    """``part`` as a percentage of ``whole``, 四舍五入 to 0.01 (None when ``whole`` is 0).

    >>> _percent(Yuan("172"), Yuan("175")), _percent(Yuan("1"), Yuan("8"))
    (Decimal('98.29'), Decimal('12.50'))
    """
    return _percent_of(fen_of(part), fen_of(whole))


def _allocate(overrun: Yuan, amounts: list[Yuan]) -> tuple[Yuan, ...]:
    """Split ``overrun`` in proportion to ``amounts`` into whole 分 that add up exactly."""
    return _allocate_fen(fen_of(overrun), [fen_of(amount) for amount in amounts], amounts)


@attrs.frozen
class ComponentShare:
    """One component's amount and its share of the project total (%).

    When the project is over its appropriation, ``attributed_overrun`` is the part of the
    overrun attributed to the component in proportion to its amount.
    """

    key: str
    amount: Yuan
    share: Decimal | None
    attributed_overrun: Yuan | None = None


@attrs.frozen
class ProjectCheck:
    """The result of checking a project's total against its appropriation."""

    project_key: str
    appropriation: Yuan
    total: Yuan
    #: appropriation − total; negative when over
    headroom: Yuan
    #: total ÷ appropriation in %, to 0.01 (四舍五入); None for a zero appropriation
    utilisation: Decimal | None
    status: Status
    shares: tuple[ComponentShare, ...]

    @property
    def overrun(self) -> Yuan | None:
        """By how much the total exceeds the appropriation (None when it does not)."""
        return -self.headroom if self.status is Status.OVER else None

    @property
    def drivers(self) -> tuple[ComponentShare, ...]:
        """When over, the components by their part of the overrun, largest first."""
        if self.status is not Status.OVER:
            return ()
        return tuple(sorted(self.shares, key=lambda share: share.amount, reverse=True))

    def to_frame(self) -> pandas.DataFrame:
        """The components with their shares, one row each (the ``pandas`` extra).

        Columns: ``project``, ``key``, ``amount_yuan`` and ``attributed_overrun_yuan``
        (exact Decimal 元), ``share_percent`` (Decimal, to 0.01).

        >>> from pension_subsidy import load_dataset
        >>> check = load_dataset().project("county_supporting_fund").check()
        >>> frame = check.to_frame()
        >>> frame["amount_yuan"].sum(), frame.loc[0, "share_percent"]
        (Decimal('1690000.00'), Decimal('82.01'))
        """
        return data_frame(self._records(), _SHARE_COLUMNS)

    def _records(self) -> list[dict[str, object]]:
        return [
            {
                "project": self.project_key,
                "key": share.key,
                "amount_yuan": share.amount,
                "share_percent": share.share,
                "attributed_overrun_yuan": share.attributed_overrun,
            }
            for share in self.shares
        ]

    def _repr_html_(self) -> str:
        """The components and shares as a small HTML table (Jupyter)."""
        caption = (
            f"{self.project_key}: {self.total} of {self.appropriation} 元 "
            f"({self.status.value}, headroom {self.headroom} 元)"
        )
        return html_records(caption, self._records(), _SHARE_COLUMNS)

    def __repr__(self) -> str:
        """``ProjectCheck('key', total=…, appropriation=…, status=…, components=n)``."""
        return short_repr(
            "ProjectCheck",
            project_key=repr(self.project_key),
            total=self.total,
            appropriation=self.appropriation,
            status=self.status.value,
            components=len(self.shares),
        )


def _project_check(project: Project, amounts: list[Yuan], fens: list[int]) -> ProjectCheck:
    """The check of ``project`` from its components' amounts (and the same in whole 分)."""
    appropriation = fen_of(project.appropriation)
    total = sum(fens) if fens else appropriation
    headroom = appropriation - total
    if headroom > 0:
        status = Status.WITHIN
    elif headroom == 0:
        status = Status.AT
    else:
        status = Status.OVER
    attributed: tuple[Yuan | None, ...] = (None,) * len(fens)
    if status is Status.OVER and total:
        attributed = _allocate_fen(-headroom, fens, amounts)
    if total > 0 and min(fens, default=0) >= 0:
        # hundredths of a per cent, rounded half up: fen × 10,000 ÷ total (see fen.percent)
        percents: list[Decimal | None] = [
            Decimal((20_000 * fen + total) // (2 * total)).scaleb(-2) for fen in fens
        ]
    else:
        percents = [_percent_of(fen, total) for fen in fens]
    shares = tuple(
        ComponentShare(component.key, amount, share, part)
        for component, amount, share, part in zip(
            project.components, amounts, percents, attributed, strict=True
        )
    )
    return ProjectCheck(
        project_key=project.key,
        appropriation=project.appropriation,
        total=yuan_of(total) if fens else project.appropriation,
        headroom=yuan_of(headroom),
        utilisation=_percent_of(total, appropriation),
        status=status,
        shares=shares,
    )
