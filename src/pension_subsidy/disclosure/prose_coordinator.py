"""The coordinator allowance (协办员补贴) from the goal text: villages × per village × 元.

It is read from the whole goal text, not one sentence: the village count, the coordinators
per village (one when not stated, with a note) and the standard per coordinator must each
be unique, else nothing is read and a note says which is missing or ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from pension_subsidy.disclosure.model import ProseNote, StatedQuantity
from pension_subsidy.disclosure.numbers import NUMBER, normalise_digits, parse_amount
from pension_subsidy.disclosure.prose_tokens import (
    _QUANTITY,
    _SENTENCE_END,
    _not_fen,
    _whole_count,
)
from pension_subsidy.exceptions import (
    InvalidAmountError,
    InvalidHeadcountError,
)
from pension_subsidy.model.components import CoordinatorAllowance
from pension_subsidy.money import Yuan

_VILLAGES = re.compile(rf"(?P<number>{NUMBER})\s*个\s*(?:行政)?村(?![干民委级])")
_PER_VILLAGE = re.compile(
    r"每(?:一)?(?:个)?(?:行政)?村\s*(?:配备|设|有)?\s*(?P<count>\d{1,9}|[一二两三四五])\s*(?:个|名)"
    r"(?:村级)?协办员"
)
_CHINESE_SMALL: Final = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}


def _goal_of(goals: Sequence[str], words: str) -> int:
    """The index of the first goal paragraph holding ``words`` (0 when none does)."""
    return next((index for index, item in enumerate(goals) if words in normalise_digits(item)), 0)


def _village_counts(
    goals: Sequence[str], text: str, quantities: list[StatedQuantity], notes: list[ProseNote]
) -> list[int]:
    """The distinct village counts stated (``109个行政村``), each noted as a stated quantity."""
    clauses: dict[int, str] = {}
    matches = [
        (sentence, match)
        for sentence in _SENTENCE_END.split(text)
        for match in _VILLAGES.finditer(sentence)
    ]
    for sentence, match in matches:
        count = _whole_count(match["number"])
        words = match.group()
        if count is None:
            # 1.5个行政村 is no village count: reported with its sentence, never rounded
            notes.append(
                ProseNote(
                    goal=_goal_of(goals, words),
                    clause=sentence.strip(),
                    message_zh=f"“{words}”不是村数（须为不超过10^15的整数），未读取为村数",
                    message_en=f"{words!r} is no village count (a whole number up to 10^15)",
                )
            )
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
                notes.append(
                    ProseNote(
                        goal=goal,
                        clause=sentence.strip(),
                        message_zh=problem_zh,
                        message_en=problem_en,
                    )
                )
    return standards


def _ambiguities(
    villages: list[int], standards: dict[Yuan, str], per_village_counts: set[int]
) -> list[tuple[str, str, list[str]]]:
    """What is missing or not unique, as (name in Chinese, name in English, values found)."""
    problems = []
    if len(villages) != 1:
        problems.append(("行政村数", "village count", [str(v) for v in villages]))
    if len(standards) != 1:
        problems.append(
            ("每人补贴标准（元）", "allowance per coordinator in 元", list(standards.values()))
        )
    if len(per_village_counts) > 1:
        problems.append(
            (
                "每村协办员人数",
                "coordinators per village",
                [str(c) for c in sorted(per_village_counts)],
            )
        )
    return problems


def _note_ambiguities(
    problems: list[tuple[str, str, list[str]]], goal: int, clause: str, notes: list[ProseNote]
) -> None:
    """A note for each figure the allowance needs that is missing or not unique."""
    for name_zh, name_en, found in problems:
        notes.append(
            ProseNote(
                goal=goal,
                clause=clause,
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
    problems = _ambiguities(villages, standards, per_village_counts)
    if problems:
        _note_ambiguities(problems, goal, sentences[0].strip(), notes)
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
        allowance = CoordinatorAllowance(
            villages=villages[0], per_village=per_village, per_coordinator=standard
        )
        allowance.amount  # noqa: B018 - computed now: a product beyond any budget is a note
    except (InvalidAmountError, InvalidHeadcountError) as error:
        # 每村0个协办员, or villages × standard beyond 10^15 元
        notes.append(
            ProseNote(
                goal=goal,
                clause=sentences[0].strip(),
                message_zh=f"协办员补贴无法计算（{clause}）：{error}",
                message_en=f"the coordinator allowance ({clause}) cannot be computed: {error}",
            )
        )
        return None
    return allowance, clause
