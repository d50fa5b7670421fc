"""Pairing a sentence's tokens into components: each keyword with one headcount and one amount.

The partition with the most keyword + headcount + amount triples wins; a sentence that can
be paired more than one way is read only where every pairing agrees, and the rest is noted.
"""

from __future__ import annotations

from pension_subsidy.disclosure.model import ProseComponent, ProseNote, StatedQuantity
from pension_subsidy.disclosure.prose_tokens import _fragment_bounds, _Token, _tokens
from pension_subsidy.exceptions import (
    InvalidAmountError,
    InvalidHeadcountError,
)
from pension_subsidy.model.components import COMPONENT_TYPES, Component, CoordinatorAllowance

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
        _add_component(
            sentence, tokens[start:end], goal, components=components, sources=sources, notes=notes
        )
    _note_unpaired(sentence, tokens, used, goal, quantities=quantities, notes=notes)
    del groups


def _note_unpaired(
    sentence: str,
    tokens: list[_Token],
    used: set[int],
    goal: int,
    *,
    quantities: list[StatedQuantity],
    notes: list[ProseNote],
) -> None:
    """A note for each token left out of every component, saying why it was not read."""
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
            notes.append(
                ProseNote(
                    goal=goal,
                    clause=_clause_around(sentence, token),
                    message_zh=token.problem_zh,
                    message_en=token.problem_en,
                )
            )
        elif not (token.kind == "C" and _is_stated_quantity(token, sentence, quantities)):
            notes.append(
                ProseNote(
                    goal=goal,
                    clause=_clause_around(sentence, token),
                    message_zh=f"数字“{words}”不属于任何可识别的构成",
                    message_en=f"the figure {words!r} belongs to no recognisable component",
                )
            )


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
        notes.append(
            ProseNote(goal=goal, clause=clause, message_zh=str(error), message_en=str(error))
        )
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
