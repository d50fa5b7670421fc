"""Components from the goal prose (绩效目标): who is paid for, how many, and how much.

The county fund states its components only in words (``重度残疾人1025人，财政代缴6.2万``).
Each component is recognised by a keyword (缴费补贴, 重度残疾, 轻度残疾, 村干部, 失地农民,
建档立卡 / 贫困) together with one headcount (``1,025人``) and one amount (``6.2万``,
``62,000元``) beside it in the same sentence, in whatever order. The coordinator allowance
(协办员) comes from the village count and the per-village standard. What cannot be paired
without doubt is reported as a :class:`~pension_subsidy.disclosure.ProseNote`, never guessed.

The steps live beside this module: :mod:`~pension_subsidy.disclosure.prose_tokens` (keywords
and figures), :mod:`~pension_subsidy.disclosure.prose_pairing` (which figure belongs to
which keyword), :mod:`~pension_subsidy.disclosure.prose_coordinator` (协办员) and
:mod:`~pension_subsidy.disclosure.keywords` (the keyword tables).

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

from collections.abc import Sequence

import attrs

from pension_subsidy.disclosure.keywords import keywords
from pension_subsidy.disclosure.model import ProjectProse, ProseComponent, ProseNote, StatedQuantity
from pension_subsidy.disclosure.numbers import normalise_digits
from pension_subsidy.disclosure.prose_coordinator import _read_coordinator
from pension_subsidy.disclosure.prose_pairing import _read_sentence
from pension_subsidy.disclosure.prose_tokens import _COORDINATOR, _SENTENCE_END
from pension_subsidy.model.components import Component

__all__ = ["ProseReading", "keywords", "read_goal_prose"]


@attrs.frozen
class ProseReading:
    """The components, stated quantities and notes read from one project's goals."""

    components: tuple[Component, ...]
    prose: ProjectProse


def read_goal_prose(goals: Sequence[str]) -> ProseReading:
    """Recognise the components and stated counts in a project's goal paragraphs."""
    components: list[Component] = []
    sources: list[ProseComponent] = []
    quantities: list[StatedQuantity] = []
    notes: list[ProseNote] = []
    for goal_index, goal in enumerate(goals):
        for sentence in _SENTENCE_END.split(normalise_digits(goal)):
            _read_sentence(
                sentence,
                goal_index,
                components=components,
                sources=sources,
                quantities=quantities,
                notes=notes,
            )
    coordinator = _read_coordinator(goals, quantities, notes)
    if coordinator is not None:
        allowance, clause = coordinator
        components.append(allowance)
        sources.append(ProseComponent(key=_COORDINATOR, clause=clause))
    return ProseReading(
        components=tuple(components),
        prose=ProjectProse(components=sources, quantities=quantities, notes=notes),
    )
