"""Where a budget comes from: a bundled dataset name, or a file of a supported kind.

:func:`load_source` is what every CLI command's ``SOURCE`` argument goes through.

>>> load_source(None).key
'menyuan-2022'
"""

from __future__ import annotations

from pathlib import Path

from pension_subsidy.budget import Budget
from pension_subsidy.dataset import dataset_names, load_budget_file, load_dataset
from pension_subsidy.exceptions import DataFileError

__all__ = ["load_source"]


def _exists(text: str) -> bool:
    """Whether the file ``text`` exists; a name the system cannot look up is a DataFileError."""
    try:
        return Path(text).exists()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte in it
        problem = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DataFileError(f"cannot open: {problem}", path=text[:200]) from None


def load_source(source: str | Path | None) -> Budget:
    """Load a budget from ``source``.

    ``None`` is the bundled ``menyuan-2022`` dataset; a bundled dataset's name loads it; a
    ``.toml`` path is read as a dataset file; a ``.txt``/``.tsv``/``.csv``/``.xlsx`` path is
    read as a disclosure table (绩效目标公开表). Anything else raises
    :class:`~pension_subsidy.DataFileError` naming the file and the kinds that are supported.
    """
    if source is None:
        return load_dataset()
    text = str(source)
    if text in dataset_names() and not _exists(text):
        return load_dataset(text)
    path = Path(text)
    if not _exists(text):
        names = ", ".join(dataset_names())
        raise DataFileError(f"no such file, nor a bundled dataset (those are: {names})", path=text)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return load_budget_file(path)
    from pension_subsidy.disclosure.read import TABLE_SUFFIXES, read_disclosure  # noqa: PLC0415 - the disclosure reader sits at the edge and imports the core

    if suffix in TABLE_SUFFIXES:
        return read_disclosure(path).budget
    raise DataFileError(
        f"unsupported kind of file {suffix or '(no suffix)'}; expected .toml or a disclosure "
        f"table ({', '.join(TABLE_SUFFIXES)})",
        path=text,
    )
