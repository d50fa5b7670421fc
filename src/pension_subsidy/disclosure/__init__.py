"""The performance-target disclosure table (绩效目标公开表): read it, write it, convert it.

>>> from pension_subsidy import WAN_TENTH
>>> disclosure = load_bundled_disclosure()
>>> [project.key for project in disclosure.budget.projects]
['work_funds', 'coordinator_allowance', 'county_supporting_fund']
>>> disclosure.budget.project("county_supporting_fund").total.to_wan(WAN_TENTH)
Decimal('169.0')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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
from pension_subsidy.disclosure.write import (
    FORMATS,
    neutralise_formula,
    render_disclosure,
    render_xlsx,
    write_disclosure,
)
from pension_subsidy.exceptions import UnknownKeyError

__all__ = [
    "FORMATS",
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
    "load_bundled_disclosure",
    "load_disclosure",
    "neutralise_formula",
    "parse_disclosure",
    "read_disclosure",
    "read_goal_prose",
    "render_disclosure",
    "render_xlsx",
    "write_disclosure",
]

_DATA = "pension_subsidy.data"
_SUFFIX = "-disclosure.txt"


def bundled_disclosure_names() -> tuple[str, ...]:
    """The disclosure tables bundled with the library, by name (``"menyuan-2022"``)."""
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in resources.files(_DATA).iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def bundled_disclosure_text(name: str = "menyuan-2022") -> bytes:
    """The bundled table ``name`` exactly as published (the seed's bytes).

    Raises :class:`~pension_subsidy.UnknownKeyError` for an unknown name.
    """
    names = bundled_disclosure_names()
    if name not in names:
        msg = f"no bundled disclosure table {name!r}; the bundled ones are: {', '.join(names)}"
        raise UnknownKeyError(msg, key=name, known=names)
    return resources.files(_DATA).joinpath(name + _SUFFIX).read_bytes()


def load_bundled_disclosure(name: str = "menyuan-2022") -> Disclosure:
    """Read the bundled table ``name`` (the 2022 Menyuan seed by default).

    Its budget's key is ``name``, as the bundled dataset's.
    """
    text = decode_table(bundled_disclosure_text(name), name + _SUFFIX)
    return parse_disclosure(text, name=name + _SUFFIX + " (bundled)", key=name)


def load_disclosure(source: str | Path | None) -> Disclosure:
    """A disclosure from a command's ``SOURCE``: a table file, a bundled name, or a dataset.

    ``None`` and a bundled name give the bundled table; a ``.txt``/``.tsv``/``.csv``/``.xlsx``
    file is read as a table; anything else goes through :func:`~pension_subsidy.load_source`
    and gives a disclosure of the budget alone (no headings, no goal-prose readings).
    """
    from pension_subsidy.sources import load_source  # noqa: PLC0415 - sources imports us lazily

    if source is None:
        return load_bundled_disclosure()
    text = str(source)
    if text in bundled_disclosure_names() and not Path(text).exists():
        return load_bundled_disclosure(text)
    if Path(text).suffix.lower() in TABLE_SUFFIXES:
        return read_disclosure(text)
    return Disclosure(budget=load_source(source))
