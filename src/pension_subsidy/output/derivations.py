"""A component's derivation in words, in Chinese or English (the numbers stay as they are).

:func:`derivation_words` renders a :class:`~pension_subsidy.model.derivation.Derivation`;
the words are each language's own, never translated from another language's text.

>>> from pension_subsidy.model.components import SevereDisabilityProxy
>>> severe = SevereDisabilityProxy.standard(headcount=1025, per_capita="60")
>>> derivation_words(severe.derivation_value(), "en")
'1025 persons × 60.00 yuan = 61,500.00 yuan'
>>> derivation_words(severe.derivation_value(), "zh_CN")
'1025 人 × 60.00 元 = 61,500.00 元'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from babel import Locale

from pension_subsidy.model.derivation import Derivation, Group, Label, Operand
from pension_subsidy.output.language import language_of

__all__ = ["derivation_words"]

#: Each unit's words after a figure, and the words around a derivation, in each language.
_WORDS: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "persons": " 人",
        "villages": " 村",
        "per_village": " 人/村",
        "units": " 个单位",
        "per_unit": " 人/单位",
        "events": " 次",
        "months": " 月",
        "yuan": " 元",
        "yuan_each": " 元",
        "yuan_per_month": " 元/月",
        "yuan_per_person": " 元/人",
        "percent": "%",
        "grade": " 元档 ",
        "disclosed": "（按公开金额倒算）",
        "disclosed_no_per_capita": "无人均数（公开金额，人数为 0）",
        "at_disclosed": "（按公开人均 ≈ ",
        "rounded_once": " 元，一次四舍五入）",
        "no_grades": "无缴费档次：",
    },
    "en": {
        "persons": " persons",
        "villages": " villages",
        "per_village": " per village",
        "units": " units",
        "per_unit": " per unit",
        "events": " events",
        "months": " months",
        "yuan": " yuan",
        "yuan_each": " yuan",
        "yuan_per_month": " yuan/month",
        "yuan_per_person": " yuan/person",
        "percent": "%",
        "grade": " yuan grade: ",
        "disclosed": " (from the disclosed amount)",
        "disclosed_no_per_capita": "no per-capita figure (disclosed amount, 0 persons)",
        "at_disclosed": " (at the disclosed per-capita ≈ ",
        "rounded_once": " yuan, rounded once)",
        "no_grades": "no grades: ",
    },
}


def derivation_words(derivation: Derivation, locale: Locale | str | None = None) -> str:
    """``derivation`` in the language of ``locale`` (Chinese for ``zh``, else English)."""
    words = _WORDS[language_of(locale)]
    if derivation.operator == "+" and not derivation.operands:
        assert derivation.result is not None  # an empty sum is 0 元
        return f"{words['no_grades']}{_operand(derivation.result, words)}"
    body = _joined(derivation.operands, derivation.operator, words)
    if derivation.result is None:  # an amount disclosed for 0 persons
        return f"{body}: {words[derivation.basis]}"
    result = _operand(derivation.result, words)
    if derivation.basis == "disclosed":
        return f"{body} = {result}{words['disclosed']}"
    if derivation.basis == "disclosed_rescaled":
        per_capita = _rescaled_per_capita(derivation)
        return f"{body} = {result} {words['at_disclosed']}{per_capita}{words['rounded_once']}"
    return f"{body} = {result}"


def _rescaled_per_capita(derivation: Derivation) -> str:
    """The disclosed per-capita figure: the result of the derivation's quotient group."""
    quotient = next(part for part in derivation.operands if isinstance(part, Group))
    assert quotient.result is not None  # the quotient of a rescaled amount names its result
    return f"{quotient.result.value}"


def _joined(parts: tuple[Operand | Group, ...], operator: str, words: dict[str, str]) -> str:
    return f" {operator} ".join(_part(part, operator, words) for part in parts)


def _part(part: Operand | Group, outer: str, words: dict[str, str]) -> str:
    if isinstance(part, Operand):
        return _operand(part, words)
    label = "" if part.label is None else _label(part.label, words)
    inner = label + _joined(part.operands, part.operator, words)
    return inner if outer == "+" else f"({inner})"


def _label(label: Label, words: dict[str, str]) -> str:
    if label.kind == "grade":
        return f"{label.low}{words['grade']}"
    if words is _WORDS["zh"]:
        ages = f"{label.low} 岁及以上" if label.high is None else f"{label.low}–{label.high} 岁"
    else:
        ages = f"aged {label.low}+" if label.high is None else f"aged {label.low}–{label.high}"
    return f"{ages} "


def _operand(operand: Operand, words: dict[str, str]) -> str:
    value = operand.value
    if operand.unit == "yuan":
        number = f"{value:,.2f}"
    elif isinstance(value, Decimal):
        number = f"{value.normalize():f}"
    else:
        number = f"{value}"
    if operand.unit == "own":
        return f"{number} {operand.own_unit}"
    if operand.unit == "yuan_per_own":
        return f"{number}{words['yuan']}/{operand.own_unit}"
    return f"{number}{words[operand.unit]}"
