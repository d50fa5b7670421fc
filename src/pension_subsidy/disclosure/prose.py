"""Components from the goal prose (绩效目标): who is paid for, how many, and how much.

The county fund states its components only in words (``重度残疾人1025人，财政代缴6.2万``).
Each component is recognised by a keyword (缴费补贴, 重度残疾, 轻度残疾, 村干部, 失地农民,
建档立卡 / 贫困) together with one headcount (``1,025人``) and one amount (``6.2万``,
``62,000元``) beside it in the same sentence, in whatever order. The coordinator allowance
(协办员) comes from the village count and the per-village standard. What cannot be paired
without doubt is reported as a :class:`~pension_subsidy.disclosure.ProseNote`, never guessed.

>>> goal = "重度残疾人1,025人，财政代缴6.2万；财政代缴1.2万元，轻度残疾人1238人。"
>>> reading = read_goal_prose([goal])
>>> for component in reading.components:
...     print(component.key, component.headcount, component.amount)
severe_disability_proxy 1025 62000.00
mild_disability_proxy 1238 12000.00
>>> read_goal_prose(["全县109个行政村，每个村一个协办员发放600元补贴"]).components[0].derivation
'109 村 × 1 人/村 × 600.00 元 = 65,400.00 元'
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Final

import attrs

from pension_subsidy._toml import read_bundled_toml
from pension_subsidy.disclosure.model import ProjectProse, ProseComponent, ProseNote, StatedQuantity
from pension_subsidy.disclosure.numbers import NUMBER, normalise_digits, parse_amount
from pension_subsidy.exceptions import (
    InvalidAmountError,
    InvalidHeadcountError,
    InvalidNumberError,
)
from pension_subsidy.model.components import COMPONENT_TYPES, Component, CoordinatorAllowance
from pension_subsidy.money import FEN, WAN, Yuan, parse_number

__all__ = ["ProseReading", "keywords", "read_goal_prose"]

_COORDINATOR = "coordinator_allowance"
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# A fragment ends at a Chinese comma, an enumeration comma, a colon, or an ASCII comma that
# is not a thousands separator (a digit before it and exactly three digits after it).
_FRAGMENT_END = re.compile(r"[，、：:]|(?<!\d),|,(?!\d{3}(?!\d))")
_QUANTITY = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>万人|万元|万|元|人(?!次)|名)")
_VILLAGES = re.compile(rf"(?P<number>{NUMBER})\s*个\s*(?:行政)?村(?![干民委级])")
_PER_VILLAGE = re.compile(
    r"每(?:一)?(?:个)?(?:行政)?村\s*(?:配备|设|有)?\s*(?P<count>\d{1,9}|[一二两三四五])\s*(?:个|名)"
    r"(?:村级)?协办员"
)
# a context that holds any bounded number × 10,000 exactly (30 digits at most, and 5 more)
_WIDE: Final = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])
_CHINESE_SMALL: Final = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}


@cache
def keywords() -> dict[str, Any]:
    """The keyword tables (``disclosure/keywords.toml``), parsed once."""
    return read_bundled_toml("keywords.toml", package="pension_subsidy.disclosure")


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
class ProseReading:
    """The components, stated quantities and notes read from one project's goals."""

    components: tuple[Component, ...]
    prose: ProjectProse


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
    return (f"“{text}”不是人数（须为不超过10^15的整数），未读取为人数",
            f"{text!r} is no headcount (a whole number up to 10^15); not read as one")  # fmt: skip


def _not_fen(text: str) -> tuple[str, str]:
    return (f"金额“{text}”不是整分（0.01元）的金额，未读取为金额",
            f"the amount {text!r} is not in whole 分 (0.01 元); not read as an amount")  # fmt: skip


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


def read_goal_prose(goals: Sequence[str]) -> ProseReading:
    """Recognise the components and stated counts in a project's goal paragraphs."""
    components: list[Component] = []
    sources: list[ProseComponent] = []
    quantities: list[StatedQuantity] = []
    notes: list[ProseNote] = []
    for goal_index, goal in enumerate(goals):
        for sentence in _SENTENCE_END.split(normalise_digits(goal)):
            _read_sentence(sentence, goal_index, components=components, sources=sources,
                           quantities=quantities, notes=notes)  # fmt: skip
    coordinator = _read_coordinator(goals, quantities, notes)
    if coordinator is not None:
        allowance, clause = coordinator
        components.append(allowance)
        sources.append(ProseComponent(key=_COORDINATOR, clause=clause))
    return ProseReading(
        components=tuple(components),
        prose=ProjectProse(components=sources, quantities=quantities, notes=notes),
    )


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
                tokens.append(_Token("N", start, end, problem_zh=problem_zh,
                                     problem_en=problem_en))  # fmt: skip
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
                tokens.append(_Token("N", start, end, problem_zh=problem_zh,
                                     problem_en=problem_en))  # fmt: skip
                continue
            tokens.append(
                _Token("A", start, end, amount=amount, amount_text=match.group(),
                       precision=_precision(step, read_unit))
            )  # fmt: skip
    tokens.sort(key=lambda token: token.start)
    return tokens


_Best = tuple[tuple[int, int], int, list[tuple[int, int]], frozenset[tuple[int, int]]]


def _pairings(
    tokens: list[_Token], *, keyword_first: bool = True
) -> tuple[int, int, list[tuple[int, int]], frozenset[tuple[int, int]]]:
    """The partitions of ``tokens`` into keyword+count+amount triples with the most triples.

    Among partitions with as many triples, those whose triples start with their keyword
    win (tables write 重度残疾人1025人，财政代缴6.2万: the keyword first, its figures after, in
    either order). Returns (triples, number of distinct best partitions, one best partition
    as (start, end) index pairs, the triples every best partition shares). More than one
    best partition means the sentence is ambiguous; the shared triples are read all the same.
    """
    size = len(tokens)
    use_order = keyword_first  # False: count every partition with the most triples alike
    best: list[_Best] = [((0, 0), 1, [], frozenset())] * (size + 1)
    for index in range(size - 1, -1, -1):
        options: list[_Best] = [best[index + 1]]
        window = tokens[index : index + 3]
        if len(window) == 3 and sorted(token.kind for token in window) == ["A", "C", "K"]:
            (groups, leading), ways, partition, shared = best[index + 3]
            triple = (index, index + 3)
            rank = (groups + 1, leading + int(use_order and window[0].kind == "K"))
            options.append((rank, ways, [triple, *partition], shared | {triple}))
        top = max(option[0] for option in options)
        winners = [option for option in options if option[0] == top]
        best[index] = (
            top,
            sum(option[1] for option in winners),
            winners[0][2],
            frozenset.intersection(*(option[3] for option in winners)),
        )
    (groups, _), ways, partition, shared = best[0]
    return groups, ways, partition, shared


def _read_sentence(
    sentence: str,
    goal: int,
    *,
    components: list[Component],
    sources: list[ProseComponent],
    quantities: list[StatedQuantity],
    notes: list[ProseNote],
) -> None:
    tokens = _tokens(sentence, quantities)
    if not any(token.kind == "K" for token in tokens):
        return
    groups, ways, partition, shared = _pairings(tokens)
    if ways == 1 and _pairings(tokens, keyword_first=False)[1] > 1:
        notes.append(
            ProseNote(
                goal=goal,
                clause=sentence.strip(),
                message_zh="人数与金额有不止一种对应方式，已按“关键词在前、数字在后”的写法读取",
                message_en=(
                    "the headcounts and amounts could be paired with the keywords in more than "
                    "one way; read with each keyword before its figures"
                ),
            )
        )
    if ways > 1:
        # read what every reading agrees on; report the part that can be paired several ways
        partition = sorted(shared)
        notes.append(
            ProseNote(
                goal=goal,
                clause=sentence.strip(),
                message_zh="部分人数与金额可有多种对应方式，这部分未读取为构成",
                message_en=(
                    "some headcounts and amounts can be paired with the keywords in more than "
                    "one way; those were not read as components"
                ),
            )
        )
    used: set[int] = set()
    for start, end in partition:
        used.update(range(start, end))
        _add_component(sentence, tokens[start:end], goal, components=components,
                       sources=sources, notes=notes)  # fmt: skip
    for index, token in enumerate(tokens):
        if index in used:
            continue
        words = sentence[token.start : token.end]
        if token.kind == "K":
            notes.append(
                ProseNote(
                    goal=goal,
                    clause=_clause_around(sentence, token),
                    message_zh=f"“{words}”旁没有同时写明人数和金额，未识别为构成",
                    message_en=(
                        f"{words!r} has no headcount and amount beside it; not read as a component"
                    ),
                )
            )
        elif token.problem_zh:
            notes.append(ProseNote(goal=goal, clause=_clause_around(sentence, token),
                                   message_zh=token.problem_zh,
                                   message_en=token.problem_en))  # fmt: skip
        elif not (token.kind == "C" and _is_stated_quantity(token, sentence, quantities)):
            notes.append(
                ProseNote(
                    goal=goal,
                    clause=_clause_around(sentence, token),
                    message_zh=f"数字“{words}”不属于任何可识别的构成",
                    message_en=f"the figure {words!r} belongs to no recognisable component",
                )
            )
    del groups


def _is_stated_quantity(token: _Token, sentence: str, quantities: list[StatedQuantity]) -> bool:
    return any(
        quantity.value == token.count and sentence[token.start : token.end] in quantity.clause
        for quantity in quantities
    )


def _clause_around(sentence: str, token: _Token) -> str:
    for low, high in _fragment_bounds(sentence):
        if low <= token.start < high:
            return sentence[low:high].strip()
    return sentence.strip()  # pragma: no cover - every token lies in a fragment


def _add_component(
    sentence: str,
    group: list[_Token],
    goal: int,
    *,
    components: list[Component],
    sources: list[ProseComponent],
    notes: list[ProseNote],
) -> None:
    keyword = next(token for token in group if token.kind == "K")
    count = next(token for token in group if token.kind == "C")
    amount = next(token for token in group if token.kind == "A")
    clause = sentence[group[0].start : group[-1].end].strip()
    if any(source.key == keyword.key for source in sources):
        notes.append(
            ProseNote(
                goal=goal,
                clause=clause,
                message_zh=f"构成 {keyword.key} 重复出现，仅读取第一次",
                message_en=f"the component {keyword.key} is stated twice; only the first is read",
            )
        )
        return
    cls = COMPONENT_TYPES[keyword.key]
    # Type narrowing only, neither can fail: the coordinator keyword is not in the
    # per-person pattern (see _component_pattern), and _tokens makes an A token only
    # with the amount it read.
    assert not issubclass(cls, CoordinatorAllowance)
    assert amount.amount is not None
    try:
        component: Component = cls.disclosed(headcount=count.count, amount=amount.amount)
    except (InvalidAmountError, InvalidHeadcountError) as error:  # pragma: no cover - defensive
        notes.append(ProseNote(goal=goal, clause=clause, message_zh=str(error),
                               message_en=str(error)))  # fmt: skip
        return
    components.append(component)
    sources.append(
        ProseComponent(
            key=keyword.key,
            clause=clause,
            amount_text=amount.amount_text,
            precision=amount.precision,
        )
    )


def _goal_of(goals: Sequence[str], words: str) -> int:
    """The index of the first goal paragraph holding ``words`` (0 when none does)."""
    return next((index for index, item in enumerate(goals) if words in normalise_digits(item)), 0)


def _village_counts(
    goals: Sequence[str], text: str, quantities: list[StatedQuantity], notes: list[ProseNote]
) -> list[int]:
    """The distinct village counts stated (``109个行政村``), each noted as a stated quantity."""
    clauses: dict[int, str] = {}
    matches = [(sentence, match) for sentence in _SENTENCE_END.split(text)
               for match in _VILLAGES.finditer(sentence)]  # fmt: skip
    for sentence, match in matches:
        count = _whole_count(match["number"])
        words = match.group()
        if count is None:
            # 1.5个行政村 is no village count: reported with its sentence, never rounded
            notes.append(ProseNote(
                goal=_goal_of(goals, words), clause=sentence.strip(),
                message_zh=f"“{words}”不是村数（须为不超过10^15的整数），未读取为村数",
                message_en=f"{words!r} is no village count (a whole number up to 10^15)",
            ))  # fmt: skip
            continue
        clauses.setdefault(count, words)
    villages = sorted(clauses)
    quantities.extend(StatedQuantity("villages", count, clauses[count]) for count in villages)
    return villages


def _standards(sentences: Sequence[str], goal: int, notes: list[ProseNote]) -> dict[Yuan, str]:
    """The amounts in 元 of the sentences about coordinators, each with its words."""
    standards: dict[Yuan, str] = {}
    for sentence in sentences:
        for match in _QUANTITY.finditer(sentence):
            if match["unit"] != "元":
                continue
            try:
                standards.setdefault(parse_amount(match.group())[0], match.group())
            except ValueError:  # 600.005元: not whole 分
                problem_zh, problem_en = _not_fen(match.group())
                notes.append(ProseNote(goal=goal, clause=sentence.strip(),
                                       message_zh=problem_zh, message_en=problem_en))  # fmt: skip
    return standards


def _read_coordinator(
    goals: Sequence[str], quantities: list[StatedQuantity], notes: list[ProseNote]
) -> tuple[CoordinatorAllowance, str] | None:
    """Villages × coordinators per village × 元 per coordinator, from the whole goal text."""
    text = normalise_digits("。".join(goals))
    villages = _village_counts(goals, text, quantities, notes)
    if "协办员" not in text:
        return None
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if "协办员" in sentence]
    goal = _goal_of(goals, "协办员")
    standards = _standards(sentences, goal, notes)
    per_village_counts = {
        int(m["count"]) if m["count"].isdigit() else _CHINESE_SMALL[m["count"]]
        for m in _PER_VILLAGE.finditer(text)
    }
    problems = []
    if len(villages) != 1:
        problems.append(("行政村数", "village count", [str(v) for v in villages]))
    if len(standards) != 1:
        problems.append(("每人补贴标准（元）", "allowance per coordinator in 元",
                         list(standards.values())))  # fmt: skip
    if len(per_village_counts) > 1:
        problems.append(("每村协办员人数", "coordinators per village",
                         [str(c) for c in sorted(per_village_counts)]))  # fmt: skip
    if problems:
        for name_zh, name_en, found in problems:
            notes.append(
                ProseNote(
                    goal=goal,
                    clause=sentences[0].strip(),
                    message_zh=(
                        f"提到协办员，但{name_zh}"
                        + (f"不唯一（{'、'.join(found)}）" if found else "未写明")
                        + "，未识别协办员补贴"
                    ),
                    message_en=(
                        f"coordinators (协办员) are mentioned but the {name_en} is "
                        + (f"not unique ({', '.join(found)})" if found else "not stated")
                        + "; no coordinator allowance was read"
                    ),
                )
            )
        return None
    per_village = next(iter(per_village_counts), 1)
    if not per_village_counts:
        notes.append(
            ProseNote(
                goal=goal,
                clause=sentences[0].strip(),
                message_zh="未写明每村协办员人数，按每村1人计",
                message_en="coordinators per village are not stated; one per village is assumed",
            )
        )
    ((standard, standard_text),) = standards.items()
    clause = f"{villages[0]}个行政村 × {per_village}人/村 × {standard_text}"
    try:
        allowance = CoordinatorAllowance(villages=villages[0], per_village=per_village,
                                         per_coordinator=standard)  # fmt: skip
        allowance.amount  # noqa: B018 - computed now: a product beyond any budget is a note
    except (InvalidAmountError, InvalidHeadcountError) as error:
        # 每村0个协办员, or villages × standard beyond 10^15 元
        notes.append(ProseNote(goal=goal, clause=sentences[0].strip(),
                               message_zh=f"协办员补贴无法计算（{clause}）：{error}",
                               message_en=f"the coordinator allowance ({clause}) cannot be "
                                          f"computed: {error}"))  # fmt: skip
        return None
    return allowance, clause
