"""Where a budget comes from: a bundled dataset name, or a file of a supported kind.

:func:`load_source` is what every CLI command's ``SOURCE`` argument goes through.

>>> load_source(None).key
'menyuan-2022'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pension_subsidy._encoding import read_bytes
from pension_subsidy.disclosure.model import Disclosure
from pension_subsidy.disclosure.read import (
    TABLE_SUFFIXES,
    decode_table,
    parse_disclosure,
    read_disclosure,
)
from pension_subsidy.exceptions import DataFileError, Phrase, UnknownKeyError, os_reason
from pension_subsidy.model.budget import Budget
from pension_subsidy.model.dataset import dataset_names, load_budget_file, load_dataset

__all__ = [
    "bundled_disclosure_names",
    "bundled_disclosure_text",
    "load_bundled_disclosure",
    "load_disclosure",
    "load_source",
]


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
        # a filled-in dataset template, or a disclosure table; imported here, since the
        # workbook reader itself uses this package's .xlsx opening
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
        params = {"name": repr(name), "names": ", ".join(names)}
        raise UnknownKeyError(code="source.no_bundled_table", params=params, key=name, known=names)
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
    if source is None:
        return load_bundled_disclosure()
    text = str(source)
    if text in bundled_disclosure_names() and not Path(text).exists():
        return load_bundled_disclosure(text)
    if Path(text).suffix.lower() in TABLE_SUFFIXES:
        return read_disclosure(text)
    return Disclosure(budget=load_source(source))
