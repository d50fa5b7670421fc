"""``convert``: a disclosure table as txt, CSV, Markdown, HTML or .xlsx; any source as TOML.

``--to toml`` writes the dataset TOML file of anything ``report`` reads: a dataset file or a
bundled dataset (its own mapping, ``source`` quotes and all), a filled dataset workbook
(likewise), or a disclosure table (the budget read from it): the text of
:func:`~pension_subsidy.output.dataset_file.dataset_toml`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pension_subsidy._files import write_output
from pension_subsidy.cli._common import add_source
from pension_subsidy.cli._output import STDOUT, check_outputs
from pension_subsidy.disclosure.read import TABLE_SUFFIXES
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.output.dataset_file import dataset_toml
from pension_subsidy.output.disclosure_table import FORMATS, disclosure_bytes, write_disclosure
from pension_subsidy.sources import load_disclosure

#: The format that writes a dataset file rather than a disclosure table.
DATASET_FORMAT = "toml"


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


def run(args: argparse.Namespace) -> int:
    """Convert SOURCE to FILE (never over SOURCE itself)."""
    check_outputs(args, "output")
    source = args.source
    if args.to == DATASET_FORMAT:
        data = dataset_toml(source).encode("utf-8")
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
