"""``convert``: a disclosure table as txt, CSV, Markdown, HTML or .xlsx; any source as TOML.

``--to toml`` writes the dataset TOML file of anything ``report`` reads: a dataset file or a
bundled dataset (its own mapping, ``source`` quotes and all), a filled dataset workbook
(likewise), or a disclosure table (the budget read from it, through
:func:`~pension_subsidy.model.dataset_write.budget_mapping`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pension_subsidy._encoding import read_bytes
from pension_subsidy._files import write_output
from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy._toml_write import toml_text
from pension_subsidy.cli._common import add_source
from pension_subsidy.cli._output import STDOUT, check_outputs
from pension_subsidy.disclosure import TABLE_SUFFIXES, load_disclosure
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.model.dataset import budget_from_mapping, dataset_names
from pension_subsidy.model.dataset_write import budget_mapping
from pension_subsidy.output.disclosure_table import FORMATS, disclosure_bytes, write_disclosure

#: The format that writes a dataset file rather than a disclosure table.
DATASET_FORMAT = "toml"
#: The bundled dataset a command reads when no SOURCE is given.
_DEFAULT_DATASET = "menyuan-2022"


def register(subparsers: Any) -> None:
    """Add the ``convert`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="write a disclosure table as txt, csv, md, html or xlsx, or any source as toml",
        description=(
            "Read a disclosure table (.txt/.tsv/.csv/.xlsx or a bundled name) and write it "
            "in another format. txt, csv and xlsx read back to the same table. --to toml "
            "writes the dataset file of any source report reads (a table, a dataset .toml, "
            "a filled dataset workbook, a bundled name); it reads back to the same figures."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--to", required=True, choices=(*FORMATS, DATASET_FORMAT), help="the format to write"
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the file to write ('-': standard output)",
    )
    parser.set_defaults(handler=run)


def dataset_mapping_of(source: str) -> dict[str, Any]:
    """The dataset mapping of ``source``, checked as a dataset file is.

    A bundled dataset's name, a ``.toml`` dataset or a filled dataset workbook gives its own
    mapping (with its ``source`` quotes); any other source ``report`` reads (a disclosure
    table) gives :func:`~pension_subsidy.model.dataset_write.budget_mapping` of its budget.
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


def dataset_text(source: str | None) -> str:
    """The dataset TOML text of ``source`` (None: the bundled Menyuan 2022 dataset)."""
    name = _DEFAULT_DATASET if source is None else source
    mapping = dataset_mapping_of(name)
    shown = f"{name} (bundled)" if name in dataset_names() and not Path(name).exists() else name
    try:
        return toml_text(mapping, source=shown)
    except TypeError:
        # a workbook cell of a type TOML has no word for: write the budget it reads to
        return toml_text(budget_mapping(budget_from_mapping(mapping, path=name)), source=shown)


def run(args: argparse.Namespace) -> int:
    """Convert SOURCE to FILE (never over SOURCE itself)."""
    check_outputs(args, "output")
    source = args.source
    if args.to == DATASET_FORMAT:
        data = dataset_text(source).encode("utf-8")
        if args.output == STDOUT:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_output(Path(args.output), data)
        return 0
    if source is not None and Path(source).suffix.lower() == ".toml":
        said = {"kinds": ", ".join(TABLE_SUFFIXES)}
        raise DataFileError(code="convert.dataset_file", params=said, path=str(source))
    disclosure = load_disclosure(source)
    if not disclosure.outlines and disclosure.budget.projects:
        raise DataFileError(  # pragma: no cover - a bundled dataset name without its table
            code="convert.not_a_table", path=str(source)
        )
    if args.output == STDOUT:
        sys.stdout.buffer.write(disclosure_bytes(disclosure, args.to))
        sys.stdout.flush()
        return 0
    write_disclosure(disclosure, args.output, args.to)
    return 0
