"""The words of a component's derivation in each language: the numbers stay, the words change.

A derivation is built from its values in the language asked for, never translated from
another language's text.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from pension_subsidy.exceptions import UnknownKeyError
from pension_subsidy.money import Yuan

__all__ = ["Language"]


#: The words of a derivation in each language it is given in: the numbers are the same, only
#: these change (a derivation is built from its values in the language asked for, never
#: translated from another language's text).
Language: TypeAlias = Literal["zh", "en"]
_WORDS: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "yuan": " 元",
        "persons": " 人",
        "villages": " 村",
        "months": " 月",
        "yuan_per_month": " 元/月",
        "per_village": " 人/村",
        "yuan_per_person": " 元/人",
        "grade": " 元档 ",
        "backward": "（按公开金额倒算）",
        "no_per_capita": "无人均数（公开金额，人数为 0）",
        "at_disclosed": "（按公开人均 ≈ ",
        "rounded_once": " 元，一次四舍五入）",
        "no_grades": "无缴费档次：",
        "units": " 个单位",
        "per_unit": " 人/单位",
        "events": " 次",
    },
    "en": {
        "yuan": " yuan",
        "persons": " persons",
        "villages": " villages",
        "months": " months",
        "yuan_per_month": " yuan/month",
        "per_village": " per village",
        "yuan_per_person": " yuan/person",
        "grade": " yuan grade: ",
        "backward": " (from the disclosed amount)",
        "no_per_capita": "no per-capita figure (disclosed amount, 0 persons)",
        "at_disclosed": " (at the disclosed per-capita ≈ ",
        "rounded_once": " yuan, rounded once)",
        "no_grades": "no grades: ",
        "units": " units",
        "per_unit": " per unit",
        "events": " events",
    },
}


def _words(language: Language) -> dict[str, str]:
    """The derivation words of ``language`` (``"zh"`` or ``"en"``)."""
    try:
        return _WORDS[language]
    except KeyError:
        said = {"got": repr(language)}
        raise UnknownKeyError(
            code="derivation.language", params=said, key=str(language), known=tuple(_WORDS)
        ) from None


def _money(amount: Yuan, language: Language = "zh") -> str:
    return f"{amount.value:,.2f}{_words(language)['yuan']}"
