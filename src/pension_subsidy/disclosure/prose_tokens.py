"""The tokens of a goal sentence: component keywords (K), headcounts (C), amounts (A), others (N).

A figure that looks like a headcount or amount but cannot be one (``1.5人``, ``1.005元``)
becomes an N token that says why, reported if it stays unpaired.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Final

import attrs

from pension_subsidy.disclosure.keywords import keywords
from pension_subsidy.disclosure.model import StatedQuantity
from pension_subsidy.disclosure.numbers import NUMBER, parse_amount
from pension_subsidy.exceptions import (
    InvalidNumberError,
)
from pension_subsidy.money import FEN, WAN, Yuan, parse_number

_COORDINATOR = "coordinator_allowance"
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# A fragment ends at a Chinese comma, an enumeration comma, a colon, or an ASCII comma that
# is not a thousands separator (a digit before it and exactly three digits after it).
_FRAGMENT_END = re.compile(r"[，、：:]|(?<!\d),|,(?!\d{3}(?!\d))")
_QUANTITY = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>万人|万元|万|元|人(?!次)|名)")
# a context that holds any bounded number × 10,000 exactly (30 digits at most, and 5 more)
_WIDE: Final = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])


def _component_pattern() -> re.Pattern[str]:
    words = [
        (word, key)
        for key, listed in keywords()["components"].items()
        if key != _COORDINATOR
        for word in listed
    ]
    words.sort(key=lambda item: -len(item[0]))
    return re.compile("|".join(re.escape(word) for word, _ in words))


def _component_key(word: str) -> str:
    for key, listed in keywords()["components"].items():
        if word in listed:
            return str(key)
    raise AssertionError(word)  # pragma: no cover - the pattern is built from the same table


@attrs.frozen
class _Token:
    """A keyword (K), a headcount (C), an amount (A) or a figure that is neither (N).

    An N token that looked like a headcount or an amount but cannot be one (``1.5人``,
    ``1.005元``) says why in ``problem_zh`` / ``problem_en``, reported if it stays unpaired.
    """

    kind: str
    start: int
    end: int
    key: str = ""
    count: int = 0
    amount: Yuan | None = None
    amount_text: str = ""
    precision: Yuan | None = None
    problem_zh: str = ""
    problem_en: str = ""


def _not_persons(text: str) -> tuple[str, str]:
    return (
        f"“{text}”不是人数（须为不超过10^15的整数），未读取为人数",
        f"{text!r} is no headcount (a whole number up to 10^15); not read as one",
    )


def _not_fen(text: str) -> tuple[str, str]:
    return (
        f"金额“{text}”不是整分（0.01元）的金额，未读取为金额",
        f"the amount {text!r} is not in whole 分 (0.01 元); not read as an amount",
    )


def _whole_count(number_text: str, *, wan: bool = False) -> int | None:
    """A written number (× 10,000 for 万人) as a whole count; None when it cannot be one.

    The number is read as every number of the library (:func:`~pension_subsidy.money.
    parse_number`): beyond 10^15 it is no count of anything, and 1.5 is no count either.
    """
    try:
        number = parse_number(number_text, field="count")
    except InvalidNumberError:
        return None
    count = _WIDE.multiply(number, WAN) if wan else number
    if count != count.to_integral_value():
        return None
    return int(count)


def _precision(step: Decimal, unit: str) -> Yuan:
    """The rounding step of an amount in 元; never finer than 分.

    ``0.0010000万元`` is written to 0.001 元, but it is an amount of whole 分 (10 元) and no
    amount is finer than 分: its trailing zeros add no precision beyond 分.
    """
    return Yuan(max(step * WAN if unit == "万元" else step, FEN))


def _fragment_bounds(sentence: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _FRAGMENT_END.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(sentence)))
    return bounds


def _tokens(sentence: str, quantities: list[StatedQuantity]) -> list[_Token]:
    """Keywords, headcounts and amounts in sentence order; counts of context noted apart."""
    keyword_tokens: list[_Token] = []
    for match in _component_pattern().finditer(sentence):
        key = _component_key(match.group())
        previous = keyword_tokens[-1] if keyword_tokens else None
        if (
            previous is not None
            and previous.key == key
            and not _QUANTITY.search(sentence, previous.end, match.start())
        ):
            # 建档立卡贫困户: two keywords of one component, nothing between them
            keyword_tokens[-1] = attrs.evolve(previous, end=match.end())
            continue
        keyword_tokens.append(_Token("K", match.start(), match.end(), key=key))
    fragments = _fragment_bounds(sentence)
    tokens = list(keyword_tokens)
    for match in _QUANTITY.finditer(sentence):
        start, end = match.span()
        fragment_start, fragment_end = next(
            (low, high) for low, high in fragments if low <= start < high or start == high
        )
        fragment = sentence[fragment_start:fragment_end]
        has_keyword = any(fragment_start <= k.start < fragment_end for k in keyword_tokens)
        unit = match["unit"]
        if unit in ("人", "名", "万人"):
            count = _whole_count(match["number"], wan=unit == "万人")
            if count is None:
                # 1.5人 is no headcount: kept as a figure of its own, reported if unpaired
                problem_zh, problem_en = _not_persons(match.group())
                tokens.append(_Token("N", start, end, problem_zh=problem_zh, problem_en=problem_en))
                continue
            if not has_keyword and "参保" in fragment and "缴费" not in fragment:
                quantities.append(StatedQuantity("insured", count, fragment.strip()))
                continue
            if not has_keyword and "缴费" in fragment:
                quantities.append(StatedQuantity("payers", count, fragment.strip()))
            tokens.append(_Token("C", start, end, count=count))
        else:
            try:
                amount, step, read_unit = parse_amount(match.group())
            except ValueError:  # 1.005元: not whole 分, so no amount at all
                problem_zh, problem_en = _not_fen(match.group())
                tokens.append(_Token("N", start, end, problem_zh=problem_zh, problem_en=problem_en))
                continue
            tokens.append(
                _Token(
                    "A",
                    start,
                    end,
                    amount=amount,
                    amount_text=match.group(),
                    precision=_precision(step, read_unit),
                )
            )
    tokens.sort(key=lambda token: token.start)
    return tokens
