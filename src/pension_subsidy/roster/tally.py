"""The tally of a roster (名册汇总): headcounts per category, per township and per village.

A :class:`Tally` is a value. Two tallies merge (``a.merge(b)`` or ``a | b``) by adding their
counts; merging is associative and commutative and ``Tally()`` is the identity, so a roster
can be split, tallied in parts (processes, a cluster) and merged to the same result.

Amounts are never added up person by person: each category's headcount is multiplied by its
standard **once** (``Yuan × int``, exact), and those products are summed.

>>> from pension_subsidy.roster.rules import default_roster_rules
>>> rules = default_roster_rules()
>>> east = Tally.from_counts(rules, {("东川镇", "甲村", ("severe_disability_proxy", "")): 2},
...                          persons={("东川镇", "甲村"): 2})
>>> west = Tally.from_counts(rules, {("西川镇", "乙村", ("severe_disability_proxy", "")): 1},
...                          persons={("西川镇", "乙村"): 1})
>>> whole = east | west
>>> whole.headcount("severe_disability_proxy"), whole.amount("severe_disability_proxy")
(3, Yuan('180.00'))
>>> whole == west | east == whole | Tally()
True
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from pension_subsidy._frames import data_frame
from pension_subsidy._html_repr import html_records, short_repr
from pension_subsidy.exceptions import InvalidHeadcountError, RosterMergeError, UnknownKeyError
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.components import Component
from pension_subsidy.money import Yuan
from pension_subsidy.roster._tally_fund import fund_components
from pension_subsidy.roster.classify import BACK_PAYMENT, SEVERAL_PROXY_GROUPS, Category
from pension_subsidy.roster.rules import RosterRules

if TYPE_CHECKING:
    import pandas

__all__ = ["AreaTally", "ComponentTally", "Tally"]

#: (township, village, category) → persons.
Cell: TypeAlias = tuple[str, str, Category]
Place: TypeAlias = tuple[str, str]


def _sorted_counts(value: Iterable[tuple[Any, int]] | Mapping[Any, int]) -> tuple[Any, ...]:
    items = value.items() if isinstance(value, Mapping) else value
    merged: Counter[Any] = Counter()
    for key, count in items:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            said = {"key": repr(key), "got": repr(count)}
            code = "roster_engine.count"
            raise InvalidHeadcountError(code=code, params=said, field="count", value=count)
        merged[key] += count
    return tuple(sorted((key, count) for key, count in merged.items() if count))


@attrs.frozen
class ComponentTally:
    """One component's headcount and amount in a tally (or in a township or village)."""

    key: str
    headcount: int
    amount: Yuan


@attrs.frozen
class AreaTally:
    """A township's or village's insured persons and its components."""

    persons: int
    components: tuple[ComponentTally, ...]

    @property
    def amount(self) -> Yuan:
        """Σ of the components' amounts."""
        return sum((component.amount for component in self.components), Yuan(0))


@attrs.frozen
class Tally:
    """Counts from a roster: rows read, accepted and rejected (by reason), and headcounts.

    ``cells`` holds persons per (township, village, category), ``persons`` the accepted
    persons per (township, village), ``rejections`` rejected rows per reason. ``rules`` are
    the standards the categories were counted under (None only for the empty tally).
    ``duplicate_check`` says whether person ids were checked for duplicates; ``as_of`` is the
    day eligibility was taken on (None only for a tally made by hand, such as the empty one).

    Besides the components' categories, ``cells`` count two markers that are never paid:
    back-payment rows (补缴, :attr:`back_payments`) and persons in several proxy groups who
    were paid for once (:attr:`several_proxy_groups`).
    """

    rules: RosterRules | None = None
    rows_read: int = 0
    cells: tuple[tuple[Cell, int], ...] = attrs.field(default=(), converter=_sorted_counts)
    persons: tuple[tuple[Place, int], ...] = attrs.field(default=(), converter=_sorted_counts)
    rejections: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_sorted_counts)
    duplicate_check: bool = True
    as_of: datetime.date | None = None

    def __attrs_post_init__(self) -> None:
        """Check that every row read is accounted for."""
        if self.rows_read != self.accepted + self.rejected:
            said = {
                "rows_read": str(self.rows_read),
                "accepted": str(self.accepted),
                "rejected": str(self.rejected),
            }
            raise InvalidHeadcountError(
                code="roster_engine.rows_read", params=said, field="rows_read", value=self.rows_read
            )
        if self.rules is None and self.cells:
            raise InvalidHeadcountError(code="roster_engine.no_rules", field="rules")

    @classmethod
    def from_counts(
        cls,
        rules: RosterRules | None,
        cells: Mapping[Cell, int],
        *,
        persons: Mapping[Place, int],
        rejections: Mapping[str, int] | None = None,
        duplicate_check: bool = True,
        as_of: datetime.date | None = None,
    ) -> Tally:
        """A tally from counts; ``rows_read`` is the accepted persons plus the rejections."""
        rejected = dict(rejections or {})
        return cls(
            rules=rules,
            rows_read=sum(persons.values()) + sum(rejected.values()),
            cells=cells,
            persons=persons,
            rejections=rejected,
            duplicate_check=duplicate_check,
            as_of=as_of,
        )

    def __repr__(self) -> str:
        """``Tally(rows_read=…, accepted=…, rejected=…, townships=…, total=…)``, short."""
        return short_repr(
            "Tally",
            rows_read=self.rows_read,
            accepted=self.accepted,
            rejected=self.rejected,
            townships=len({township for (township, _), _ in self.persons}),
            total=self.total,
            as_of=self.as_of,
        )

    def to_frame(self, by: str = "component") -> pandas.DataFrame:
        """The tally as a DataFrame (the ``pandas`` extra), ``by`` component, township or village.

        ``by="component"``: ``key``, ``headcount`` (Int64), ``amount_yuan`` (exact Decimal 元),
        one row per component the rules pay. ``by="township"``: one row per township and
        component, with ``township`` and the township's accepted ``persons`` first;
        ``by="village"`` adds ``village``. Another ``by`` is an
        :class:`~pension_subsidy.UnknownKeyError`.

        >>> from pension_subsidy.roster.rules import default_roster_rules
        >>> tally = Tally.from_counts(default_roster_rules(),
        ...     {("东川镇", "甲村", ("severe_disability_proxy", "")): 2},
        ...     persons={("东川镇", "甲村"): 2})
        >>> frame = tally.to_frame(by="township")
        >>> row = frame[frame["key"] == "severe_disability_proxy"].iloc[0]
        >>> row["township"], row["persons"], row["headcount"], row["amount_yuan"]
        ('东川镇', np.int64(2), np.int64(2), Decimal('120.00'))
        """
        columns, records = self._frame_records(by)
        return data_frame(records, columns)

    def _frame_records(self, by: str) -> tuple[tuple[str, ...], list[dict[str, object]]]:
        if by == "component":
            return _TALLY_COLUMNS, [_component_record(item) for item in self.components()]
        if by == "township":
            return ("township", "persons", *_TALLY_COLUMNS), [
                {"township": township, "persons": area.persons, **_component_record(item)}
                for township, area in self.by_township().items()
                for item in area.components
            ]
        if by == "village":
            return ("township", "village", "persons", *_TALLY_COLUMNS), [
                {
                    "township": township,
                    "village": village,
                    "persons": area.persons,
                    **_component_record(item),
                }
                for (township, village), area in self.by_village().items()
                for item in area.components
            ]
        known = ("component", "township", "village")
        said = {"known": ", ".join(known), "got": repr(by)}
        raise UnknownKeyError(code="roster_engine.frame_by", params=said, key=str(by), known=known)

    def _repr_html_(self) -> str:
        """The components' headcounts and amounts as a small HTML table (Jupyter)."""
        columns, records = self._frame_records("component")
        caption = (
            f"roster tally: {self.rows_read} rows read, {self.accepted} accepted, "
            f"{self.rejected} rejected; total {self.total} 元"
        )
        return html_records(caption, records, columns)

    # -- merging -------------------------------------------------------------------------
    def merge(self, other: Tally) -> Tally:
        """The tally of both rosters: counts added, under the same rules, as of the same day."""
        if self.rules is not None and other.rules is not None and self.rules != other.rules:
            raise RosterMergeError(code="roster_engine.other_rules")
        if self.as_of is not None and other.as_of is not None and self.as_of != other.as_of:
            said = {
                "first": self.as_of.isoformat(),
                "second": other.as_of.isoformat(),
                "key": "as_of",
            }
            raise RosterMergeError(code="roster_engine.other_day", params=said)
        return Tally(
            rules=self.rules if self.rules is not None else other.rules,
            rows_read=self.rows_read + other.rows_read,
            cells=self.cells + other.cells,
            persons=self.persons + other.persons,
            rejections=self.rejections + other.rejections,
            duplicate_check=self.duplicate_check and other.duplicate_check,
            as_of=self.as_of if self.as_of is not None else other.as_of,
        )

    def __or__(self, other: object) -> Tally:
        """``a | b`` is ``a.merge(b)``."""
        if not isinstance(other, Tally):
            return NotImplemented
        return self.merge(other)

    @classmethod
    def merge_all(cls, tallies: Iterable[Tally]) -> Tally:
        """Merge any number of tallies (the empty tally for none)."""
        merged = cls()
        for tally in tallies:
            merged = merged.merge(tally)
        return merged

    # -- counts --------------------------------------------------------------------------
    @property
    def accepted(self) -> int:
        """Rows accepted: one insured person each."""
        return sum(count for _, count in self.persons)

    @property
    def rejected(self) -> int:
        """Rows rejected, for any reason."""
        return sum(count for _, count in self.rejections)

    def _marked(self, marker: str) -> int:
        return sum(count for (_, _, (key, _)), count in self.cells if key == marker)

    @property
    def back_payments(self) -> int:
        """Accepted rows marked as back-payments (补缴): paid nothing, counted here."""
        return self._marked(BACK_PAYMENT)

    @property
    def several_proxy_groups(self) -> int:
        """Persons in more than one paid proxy group, paid for by the rules' choice."""
        return self._marked(SEVERAL_PROXY_GROUPS)

    def rejection_counts(self) -> dict[str, int]:
        """Rejected rows per reason."""
        return dict(self.rejections)

    def _components(self, cells: Iterable[tuple[Cell, int]]) -> tuple[ComponentTally, ...]:
        if self.rules is None:
            return ()
        by_category: Counter[Category] = Counter()
        for (_, _, category), count in cells:
            by_category[category] += count
        result = []
        for key in self.rules.component_keys:
            headcount = 0
            amount = Yuan(0)
            for (category_key, tier), count in sorted(by_category.items()):
                if category_key != key:
                    continue
                headcount += count
                # multiplied once per category: count × standard, exact
                if key == "contribution_subsidy":
                    amount += self.rules.subsidy_for_tier(Yuan(tier)) * count
                else:
                    amount += self.rules.per_capita(key) * count
            result.append(ComponentTally(key=key, headcount=headcount, amount=amount))
        return tuple(result)

    def components(self) -> tuple[ComponentTally, ...]:
        """Each component the rules pay, with its headcount and amount."""
        return self._components(self.cells)

    def component(self, key: str) -> ComponentTally:
        """One component's headcount and amount."""
        for item in self.components():
            if item.key == key:
                return item
        return ComponentTally(key=key, headcount=0, amount=Yuan(0))

    def headcount(self, key: str) -> int:
        """Persons paid in a component."""
        return self.component(key).headcount

    def amount(self, key: str) -> Yuan:
        """A component's amount in 元."""
        return self.component(key).amount

    @property
    def total(self) -> Yuan:
        """Σ of every component's amount."""
        return sum((item.amount for item in self.components()), Yuan(0))

    def grade_payers(self) -> dict[Yuan, int]:
        """Paying persons per listed grade (缴费档次), every listed grade included."""
        if self.rules is None:
            return {}
        payers = {grade: 0 for grade, _ in self.rules.grade_table}
        for (_, _, (key, tier)), count in self.cells:
            if key == "contribution_subsidy":
                payers[Yuan(tier)] += count
        return payers

    def by_township(self) -> dict[str, AreaTally]:
        """Each township's persons and components."""
        return self._areas(lambda place: place[0])

    def by_village(self) -> dict[tuple[str, str], AreaTally]:
        """Each (township, village)'s persons and components."""
        return self._areas(lambda place: place)

    def _areas(self, area_of: Any) -> dict[Any, AreaTally]:
        persons: Counter[Any] = Counter()
        for place, count in self.persons:
            persons[area_of(place)] += count
        cells: dict[Any, list[tuple[Cell, int]]] = {area: [] for area in persons}
        for cell, count in self.cells:
            cells[area_of(cell[:2])].append((cell, count))
        return {
            area: AreaTally(persons=persons[area], components=self._components(cells[area]))
            for area in sorted(persons)
        }

    # -- into the fund -------------------------------------------------------------------
    def fund_components(self) -> tuple[Component, ...]:
        """The supporting-fund components, as standards, built from the headcounts.

        A proxy the fund model has no kind for (特困, 低保, 监测对象 before the model knows
        them) is left out when nobody is paid in it, else an
        :class:`~pension_subsidy.UnknownKeyError` says so.
        """
        return fund_components(self)

    def to_budget(self, base: Budget, project_key: str = "county_supporting_fund") -> Budget:
        """``base`` with the project's components replaced by those built from this tally.

        The project keeps its appropriation, goals and indicators, so ``report``, ``audit``
        and ``evaluate`` work on the roster-built fund.
        """
        project = base.project(project_key)
        return base.replace_project(attrs.evolve(project, components=self.fund_components()))


_TALLY_COLUMNS = ("key", "headcount", "amount_yuan")


def _component_record(item: ComponentTally) -> dict[str, object]:
    return {"key": item.key, "headcount": item.headcount, "amount_yuan": item.amount}
