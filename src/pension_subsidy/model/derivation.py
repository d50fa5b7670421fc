"""A component's derivation as a value: its operands with their units, operator, result, basis.

No words live here: ``output/`` renders a :class:`Derivation` in each language
(:func:`pension_subsidy.output.derivations.derivation_words`), and :meth:`Derivation.data`
is its JSON-ready form.

>>> from pension_subsidy.money import Yuan
>>> forward = Derivation(
...     operator="×",
...     operands=(Operand(1025, "persons"), Operand(Yuan(60), "yuan_each")),
...     result=Operand(Yuan(61500), "yuan"),
... )
>>> forward.data()["operands"]
[{'value': 1025, 'unit': 'persons'}, {'value': '60.00', 'unit': 'yuan_each'}]
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

import attrs

from pension_subsidy.money import Yuan

__all__ = [
    "BASES",
    "UNITS",
    "Derivation",
    "Group",
    "Label",
    "Operand",
    "Operator",
    "backward_derivation",
    "headcount_operand",
]

#: How the operands are combined.
Operator: TypeAlias = Literal["×", "÷", "+"]

#: The unit codes an operand may carry. ``yuan`` is an amount of money (the renderer groups
#: its thousands); ``yuan_each`` a sum paid for each of the preceding count (a standard);
#: ``own`` and ``yuan_per_own`` use the county's own headcount unit (``Operand.own_unit``).
UNITS: Final = frozenset(
    {
        "persons",
        "own",
        "villages",
        "per_village",
        "units",
        "per_unit",
        "events",
        "months",
        "yuan",
        "yuan_each",
        "yuan_per_month",
        "yuan_per_person",
        "yuan_per_own",
        "percent",
    }
)

#: How a derivation's result is known: ``standard`` (forward), ``disclosed`` (an amount ÷ its
#: headcount), ``disclosed_rescaled`` (a new headcount × the disclosed per-capita, rounded
#: once) and ``disclosed_no_per_capita`` (an amount disclosed for 0 persons: no result).
BASES: Final = frozenset({"standard", "disclosed", "disclosed_rescaled", "disclosed_no_per_capita"})


def _unit(instance: Operand, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in UNITS:
        raise ValueError(f"unit {value!r} is none of {sorted(UNITS)}")


@attrs.frozen
class Operand:
    """One figure of a derivation: an exact value and its unit code (:data:`UNITS`)."""

    value: Yuan | int | Decimal
    unit: str = attrs.field(validator=_unit)
    #: The county's own headcount unit (户) for the units ``own`` and ``yuan_per_own``.
    own_unit: str | None = None

    def data(self) -> dict[str, Any]:
        """The JSON form: an int count as it is, money and shares as exact strings."""
        value: int | str
        if isinstance(self.value, Decimal):
            value = f"{self.value.normalize():f}"
        elif isinstance(self.value, int):
            value = self.value
        else:
            value = str(self.value)
        data: dict[str, Any] = {"value": value, "unit": self.unit}
        if self.own_unit is not None:
            data["own_unit"] = self.own_unit
        return data


@attrs.frozen
class Label:
    """What one line of a sum is for: a contribution grade (元), or an age band (岁)."""

    kind: Literal["grade", "ages"]
    low: Yuan | int
    #: The band's last age (None: "and older"); unused for a grade.
    high: int | None = None

    def data(self) -> dict[str, Any]:
        """The JSON form."""
        low: int | str = self.low if isinstance(self.low, int) else str(self.low)
        return {"kind": self.kind, "low": low, "high": self.high}


@attrs.frozen
class Group:
    """A part of a derivation combined on its own: a grade's line, a band's, a quotient.

    ``result`` is the group's value where the derivation names it (the disclosed
    per-capita of a rescaled amount).
    """

    operator: Operator
    operands: tuple[Operand | Group, ...]
    label: Label | None = None
    result: Operand | None = None

    def data(self) -> dict[str, Any]:
        """The JSON form."""
        data: dict[str, Any] = {
            "operator": self.operator,
            "operands": [operand.data() for operand in self.operands],
        }
        if self.label is not None:
            data["label"] = self.label.data()
        if self.result is not None:
            data["result"] = self.result.data()
        return data


@attrs.frozen
class Derivation:
    """How a component's amount (or per-capita figure) was derived, as exact values.

    The operands (figures or :class:`Group` s) are combined by ``operator`` into ``result``
    (None when there is none: an amount disclosed for 0 persons); ``basis`` is one of
    :data:`BASES`. An empty sum is a by-grade subsidy with no grades.
    """

    operator: Operator
    operands: tuple[Operand | Group, ...]
    result: Operand | None
    basis: str = attrs.field(default="standard", validator=attrs.validators.in_(BASES))

    def data(self) -> dict[str, Any]:
        """The JSON-ready form: operator, operands, result and basis (exact strings)."""
        return {
            "operator": self.operator,
            "operands": [operand.data() for operand in self.operands],
            "result": None if self.result is None else self.result.data(),
            "basis": self.basis,
        }


def headcount_operand(count: int, headcount_unit: str) -> Operand:
    """A count in the component's headcount unit: ``persons`` for 人, else the county's own."""
    if headcount_unit == "人":
        return Operand(count, "persons")
    return Operand(count, "own", headcount_unit)


def _per_head(headcount_unit: str) -> tuple[str, str | None]:
    return ("yuan_per_person", None) if headcount_unit == "人" else ("yuan_per_own", headcount_unit)


def backward_derivation(
    *,
    headcount: int,
    headcount_unit: str,
    disclosed: Yuan,
    disclosed_headcount: int,
    per_capita: Yuan | None,
    amount: Yuan,
) -> Derivation:
    """The derivation of a disclosed amount: ÷ its headcount, or rescaled to a new headcount."""
    stated = Operand(disclosed, "yuan")
    if per_capita is None:
        over = headcount_operand(disclosed_headcount, headcount_unit)
        return Derivation("÷", (stated, over), None, "disclosed_no_per_capita")
    unit, own = _per_head(headcount_unit)
    each = Operand(per_capita, unit, own)
    if headcount == disclosed_headcount:
        counted = headcount_operand(headcount, headcount_unit)
        return Derivation("÷", (stated, counted), each, "disclosed")
    quotient = Group("÷", (stated, headcount_operand(disclosed_headcount, headcount_unit)))
    quotient = attrs.evolve(quotient, result=each)
    return Derivation(
        "×",
        (headcount_operand(headcount, headcount_unit), quotient),
        Operand(amount, "yuan"),
        "disclosed_rescaled",
    )
