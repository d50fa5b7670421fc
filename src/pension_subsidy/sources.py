"""Where a command's budget comes from: a bundled dataset, a TOML file, a workbook or a table.

:func:`load_source` is what every CLI command's ``SOURCE`` argument goes through;
:func:`load_disclosure` is the same for the commands that need the disclosure table itself.
Choosing among the dataset files (:mod:`pension_subsidy.model.dataset`), the dataset workbooks
(:mod:`pension_subsidy.workbooks`) and the disclosure tables (:mod:`pension_subsidy.disclosure`)
is this module's one job, so it sits above those features: the layer between them and
``output``.

May import: the features and everything below them. Never ``output`` or ``cli``; never babel.

>>> load_source(None).key
'menyuan-2022'
"""

from __future__ import annotations

from pathlib import Path

from pension_subsidy._encoding import read_bytes
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.read import TABLE_SUFFIXES, read_disclosure
from pension_subsidy.disclosure.sources import bundled_disclosure_names, load_bundled_disclosure
from pension_subsidy.exceptions import DataFileError, Phrase, os_reason
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import dataset_names, load_budget_file, load_dataset

__all__ = ["load_disclosure", "load_source"]


def _exists(text: str) -> bool:
    """Whether the file ``text`` exists; a name the system cannot look up is a DataFileError."""
    try:
        return Path(text).exists()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte in it
        params = {"reason": os_reason(error)}
        raise DataFileError(code="file.cannot_open", params=params, path=text[:200]) from None


def load_source(source: str | Path | None) -> Budget:
    """Load a budget from ``source``.

    ``None`` is the bundled ``menyuan-2022`` dataset; a bundled dataset's name loads it; a
    ``.toml`` path is read as a dataset file; a ``.xlsx`` made from the dataset template
    (``pension-subsidy template dataset``) as a dataset workbook; a ``.txt``/``.tsv``/``.csv``/
    ``.xlsx`` path otherwise as a disclosure table (绩效目标公开表). Anything else raises
    :class:`~pension_subsidy.DataFileError` naming the file and the kinds that are supported.
    """
    if source is None:
        return load_dataset()
    text = str(source)
    if text in dataset_names() and not _exists(text):
        return load_dataset(text)
    path = Path(text)
    if not _exists(text):
        params = {"names": ", ".join(dataset_names())}
        raise DataFileError(code="source.not_found", params=params, path=text)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return load_budget_file(path)
    if suffix == ".xlsx":
        # a filled-in dataset template, or a disclosure table; the workbook reader is
        # imported only when a workbook comes
        from pension_subsidy.workbooks.dataset_book import (  # noqa: PLC0415
            is_dataset_workbook,
            read_dataset_workbook,
        )

        data = read_bytes(path)
        if is_dataset_workbook(data, text):
            return read_dataset_workbook(data, text)
    if suffix in TABLE_SUFFIXES:
        return read_disclosure(path).budget
    said: dict[str, object] = {
        "suffix": suffix or Phrase("file.no_suffix"),
        "kinds": ", ".join(TABLE_SUFFIXES),
    }
    raise DataFileError(code="source.unsupported_kind", params=said, path=text)


def load_disclosure(source: str | Path | None) -> Disclosure:
    """A disclosure from a command's ``SOURCE``: a table file, a bundled name, or a dataset.

    ``None`` and a bundled name give the bundled table; a ``.txt``/``.tsv``/``.csv``/``.xlsx``
    file is read as a table; anything else goes through :func:`~pension_subsidy.load_source`
    and gives a disclosure of the budget alone (no headings, no goal-prose readings).
    """
    if source is None:
        return load_bundled_disclosure()
    text = str(source)
    if text in bundled_disclosure_names() and not Path(text).exists():
        return load_bundled_disclosure(text)
    if Path(text).suffix.lower() in TABLE_SUFFIXES:
        return read_disclosure(text)
    return Disclosure(budget=load_source(source))
