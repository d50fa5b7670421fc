"""``template``: workbooks a bureau fills in, that every command then reads.

``template dataset [SOURCE] -o FILE.xlsx`` writes the dataset form, filled with SOURCE's
figures when SOURCE is given — any source ``report`` reads: a dataset (a bundled name, a
``.toml``, a filled workbook) with its own fields, a disclosure table through
:func:`~pension_subsidy.model.dataset_write.budget_mapping` — else empty; ``template
actuals [SOURCE] -o FILE.xlsx`` lists SOURCE's projects and indicators (any source
``report`` reads; default the bundled Menyuan 2022 data) for the actual values.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pension_subsidy._files import write_output
from pension_subsidy.cli._output import STDOUT, check_outputs
from pension_subsidy.output.dataset_file import source_dataset_mapping
from pension_subsidy.output.template_xlsx import actuals_template, dataset_template
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``template`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "template",
        help="write an .xlsx to fill in: a dataset, or the actual results",
        description=(
            "Write a workbook to fill in Excel or WPS. 'dataset': the dataset form (with "
            "SOURCE's figures when SOURCE is given, else empty); any command that takes a "
            "dataset reads the filled workbook. 'actuals': SOURCE's projects and indicators "
            "with their targets, for the actual values; evaluate --actuals reads it."
        ),
    )
    parser.add_argument("what", choices=("dataset", "actuals"), help="which workbook")
    parser.add_argument(
        "source",
        nargs="?",
        default=None,
        metavar="SOURCE",
        help=(
            "any source report reads: a bundled name, a .toml dataset, a filled workbook or a "
            "disclosure table (dataset: default an empty form; actuals: default the bundled "
            "menyuan-2022)"
        ),
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the .xlsx to write ('-': stdout)"
    )
    parser.set_defaults(handler=run)


def _dataset_mapping(source: str | None) -> dict[str, Any] | None:
    return None if source is None else source_dataset_mapping(source)


def run(args: argparse.Namespace) -> int:
    """Write the workbook (never over an input)."""
    check_outputs(args, "output")
    if args.what == "dataset":
        data = dataset_template(_dataset_mapping(args.source), path=str(args.source))
    else:
        data = actuals_template(load_source(args.source))
    if args.output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_output(Path(args.output), data)
    return 0
