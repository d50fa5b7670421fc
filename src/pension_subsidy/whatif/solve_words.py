"""How a solve's answer was reached (求解过程): its figures, and the text made from them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

import attrs

from pension_subsidy.model.components import Language
from pension_subsidy.money import Yuan

__all__ = ["SolveDerivation"]


#: The words of a solve's derivation; the figures are the same in each. ``"record"`` is the
#: form the JSON has always carried (English words with 元 and 分): the commands' contract.
_WORDS: Final[dict[str, dict[str, str]]] = {
    "record": {
        "yuan": " 元",
        "needed": "the appropriation needed is the project total: ",
        "others": " other components",
        "per_unit": " 元 per unit",
        "whole_units": " (whole units, amount rounded 四舍五入 to 分)",
        "down_to_fen": " (down to the 分)",
    },
    "zh": {
        "yuan": " 元",
        "needed": "所需预算金额即项目合计：",
        "others": " 其他构成",
        "per_unit": " 元/单位",
        "whole_units": "（取整数单位，金额四舍五入到分）",
        "down_to_fen": "（向下取至分）",
    },
    "en": {
        "yuan": " yuan",
        "needed": "the appropriation needed is the project total: ",
        "others": " other components",
        "per_unit": " yuan per unit",
        "whole_units": " (whole units, amount rounded half up to the fen)",
        "down_to_fen": " (down to the fen)",
    },
}


@attrs.frozen
class SolveDerivation:
    """How a solve's answer was reached, as its figures; the text is made from them.

    ``kind`` is ``"appropriation"`` (the appropriation needed is the total), ``"count"``
    (whole units: ``(appropriation − others) ÷ cost`` per unit, rounded 四舍五入 to the 分) or
    ``"money"`` (``(appropriation − others) ÷ units``, down to the 分).

    >>> from pension_subsidy import load_dataset, solve
    >>> steps = solve(load_dataset(), "poverty_household_proxy.per_capita").steps
    >>> steps.text_in("en")
    '(1,750,000.00 yuan − 1,551,000.00 yuan other components) ÷ 6,969 = 28.555029… yuan → 28.55 yuan (down to the fen)'
    >>> steps.text_in("zh")
    '(1,750,000.00 元 − 1,551,000.00 元 其他构成) ÷ 6,969 = 28.555029… 元 → 28.55 元（向下取至分）'
    """  # noqa: E501 — a doctest's expected line is as long as the text it checks

    kind: Literal["appropriation", "count", "money"]
    #: The appropriation the answer keeps within (for ``"appropriation"``: the total needed).
    appropriation: Yuan
    #: The answer: money for ``"money"`` and ``"appropriation"``, a count for ``"count"``.
    result: Yuan | int
    #: The other components' total (not for ``"appropriation"``).
    others: Yuan | None = None
    #: The exact amount one unit of the input adds (not for ``"appropriation"``).
    cost: Fraction | None = None

    def text_in(self, language: Language | Literal["record"]) -> str:
        """The derivation in ``language`` (``"zh"``, ``"en"``), or as the JSON records it."""
        words = _WORDS[language]
        yuan = words["yuan"]
        if self.kind == "appropriation":
            return f"{words['needed']}{self.appropriation.value:,.2f}{yuan}"
        assert self.others is not None  # narrowing: only "appropriation" has no others or cost
        assert self.cost is not None
        start = (
            f"({self.appropriation.value:,.2f}{yuan} − {self.others.value:,.2f}{yuan}"
            f"{words['others']}) ÷ {_show(self.cost)}"
        )
        if self.kind == "count":
            return f"{start}{words['per_unit']} → {self.result}{words['whole_units']}"
        exact = Fraction((self.appropriation - self.others).value) / self.cost
        return f"{start} = {_show(exact)}{yuan} → {self.result}{yuan}{words['down_to_fen']}"


def _show(value: Fraction) -> str:
    """A Fraction as a whole number, or to six decimals with '…' when it does not terminate."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    whole, rest = divmod(value.numerator * 10**6, value.denominator)  # truncated, marked …
    sign, digits, _ = Decimal(whole).as_tuple()
    text = f"{Decimal((sign, digits, -6)):,f}".rstrip("0")  # built exactly, not by arithmetic
    return text + ("…" if rest else "")
