"""Any source ``report`` reads, as a dataset: its mapping, and its dataset TOML file's text.

:func:`source_dataset_mapping` gives the dataset mapping of a source — a bundled dataset's
name, a ``.toml`` dataset or a filled dataset workbook gives its own mapping (with its
``source`` quotes); any other source (a disclosure table) gives
:func:`~pension_subsidy.model.dataset_write.budget_mapping` of its budget.
:func:`dataset_toml` writes that mapping as the text of a dataset file; it reads back to a
budget with the same figures. What ``convert --to toml`` writes.

>>> text = dataset_toml("menyuan-2022")
>>> text.splitlines()[0]
'# A pension_subsidy dataset file, converted from menyuan-2022 (bundled).'
>>> 'stated_total_wan = "190.04"' in text
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pension_subsidy._encoding import read_bytes
from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy._toml_write import toml_text
from pension_subsidy.model.dataset import budget_from_mapping, dataset_names
from pension_subsidy.model.dataset_write import budget_mapping
from pension_subsidy.sources import load_source

__all__ = ["DEFAULT_DATASET", "dataset_toml", "source_dataset_mapping"]

#: The bundled dataset :func:`dataset_toml` converts when no source is given.
DEFAULT_DATASET = "menyuan-2022"


def source_dataset_mapping(source: str) -> dict[str, Any]:
    """The dataset mapping of ``source``, checked as a dataset file is.

    A bundled dataset's name, a ``.toml`` dataset or a filled dataset workbook gives its own
    mapping (with its ``source`` quotes); any other source ``report`` reads (a disclosure
    table) gives :func:`~pension_subsidy.model.dataset_write.budget_mapping` of its budget.
    Raises :class:`~pension_subsidy.DataFileError` (naming the file, and the sheet and cell
    of a workbook) for a source that cannot be read.

    >>> source_dataset_mapping("menyuan-2022")["dataset"]["county_zh"]
    '门源县'
    """
    path = Path(source)
    if source in dataset_names() and not path.exists():
        return read_bundled_toml(f"{source}.toml")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        mapping = read_toml_file(path)
        budget_from_mapping(mapping, path=source)
        return mapping
    if suffix == ".xlsx" and path.exists():
        from pension_subsidy.workbooks.dataset_book import (  # noqa: PLC0415 — only for .xlsx
            dataset_mapping,
            is_dataset_workbook,
            read_dataset_workbook,
        )

        data = read_bytes(path)
        if is_dataset_workbook(data, source):
            read_dataset_workbook(data, source)  # its errors name the sheet and cell
            return dataset_mapping(data, source)[0]
    return budget_mapping(load_source(source), path=source)


def dataset_toml(source: str | None = None) -> str:
    """The dataset TOML text of ``source`` (None: the bundled Menyuan 2022 dataset).

    The first line says what it was converted from; a workbook cell of a type TOML has no
    word for makes it the budget the workbook reads to (as
    :func:`~pension_subsidy.model.dataset_write.budget_mapping`) instead.
    """
    name = DEFAULT_DATASET if source is None else source
    mapping = source_dataset_mapping(name)
    shown = f"{name} (bundled)" if name in dataset_names() and not Path(name).exists() else name
    try:
        return toml_text(mapping, source=shown)
    except TypeError:
        # a workbook cell of a type TOML has no word for: write the budget it reads to
        return toml_text(budget_mapping(budget_from_mapping(mapping, path=name)), source=shown)
