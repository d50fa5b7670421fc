"""The performance-target disclosure table (绩效目标公开表): read it, audit it; budget sources.

Holds the table's model (:mod:`~pension_subsidy.disclosure.model`), its numbers
(:mod:`~pension_subsidy.disclosure.numbers`), the reader (:mod:`~pension_subsidy.disclosure.read`)
and the goal-prose reader (:mod:`~pension_subsidy.disclosure.prose`), the audit
(:mod:`~pension_subsidy.disclosure.audit`) and :mod:`~pension_subsidy.disclosure.sources`
(the bundled tables). Where a command's budget comes from (``load_source``,
``load_disclosure``) is :mod:`pension_subsidy.sources`, the layer above; both names are
still importable from here for one release (deprecated). Writing the table is output's job:
:mod:`pension_subsidy.output.disclosure_table`.

May import: the model and everything below it. Never ``output`` or ``cli``; never babel.

>>> from pension_subsidy import WAN_TENTH
>>> disclosure = load_bundled_disclosure()
>>> [project.key for project in disclosure.budget.projects]
['work_funds', 'coordinator_allowance', 'county_supporting_fund']
>>> disclosure.budget.project("county_supporting_fund").total.to_wan(WAN_TENTH)
Decimal('169.0')
"""

from __future__ import annotations

from typing import Any

from pension_subsidy.disclosure import sources
from pension_subsidy.disclosure.model import (
    Disclosure,
    OutlineEntry,
    OutlineLevel,
    ProjectProse,
    ProseComponent,
    ProseNote,
    StatedQuantity,
)
from pension_subsidy.disclosure.prose import ProseReading, read_goal_prose
from pension_subsidy.disclosure.read import (
    TABLE_SUFFIXES,
    decode_table,
    parse_disclosure,
    read_disclosure,
)
from pension_subsidy.disclosure.sources import (
    bundled_disclosure_names,
    bundled_disclosure_text,
    load_bundled_disclosure,
)

__all__ = [
    "TABLE_SUFFIXES",
    "Disclosure",
    "OutlineEntry",
    "OutlineLevel",
    "ProjectProse",
    "ProseComponent",
    "ProseNote",
    "ProseReading",
    "StatedQuantity",
    "bundled_disclosure_names",
    "bundled_disclosure_text",
    "decode_table",
    "load_bundled_disclosure",
    "load_disclosure",
    "load_source",
    "parse_disclosure",
    "read_disclosure",
    "read_goal_prose",
]


def __getattr__(name: str) -> Any:
    """``load_source`` and ``load_disclosure``, moved to :mod:`pension_subsidy.sources`.

    Deprecated here: still importable for one release, loaded by name on first use (this
    package may not import the layer above it).
    """
    if name not in ("load_disclosure", "load_source"):
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(sources, name)
