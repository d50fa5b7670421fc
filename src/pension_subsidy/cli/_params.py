"""``params``: every policy parameter in force on a date, with its value, unit and source.

``--province qinghai`` layers the bundled Qinghai file over the national one, ``--county
menyuan`` the bundled county file over that, and ``--file`` a file of your own on top; an
unknown province or county exits 2 (usage) with the known ones listed.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, write
from pension_subsidy.exceptions import Phrase
from pension_subsidy.model.data import ParametersInForce
from pension_subsidy.model.parameters import load_parameters
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.parameters_text import render_parameters


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(Phrase("cli.params.date", got=repr(text))) from None


def register(subparsers: Any) -> None:
    """Add the ``params`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "params",
        help="policy parameters in force on a date, with their legal sources (政策参数)",
        description=(
            "List every policy parameter in force on a date with its value, unit, effective "
            "date and source (文号, issuing body, article when known), whether it is verified, "
            "and the level (national, province, county) it comes from. A province's and a "
            "county's values win over the national ones where they are in force."
        ),
    )
    parser.add_argument(
        "--as-of", type=_date, default=None, metavar="DATE", help="YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--province",
        metavar="NAME",
        help="a province with a bundled parameter file (qinghai / 青海省)",
    )
    parser.add_argument(
        "--county",
        metavar="NAME",
        help="a county of that province with a bundled parameter file (menyuan / 门源)",
    )
    parser.add_argument(
        "--file", metavar="COUNTY.toml", help="a parameter file of your own, layered on top"
    )
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the parameters."""
    as_of = args.as_of or date.today()
    parameters = load_parameters(args.file, province=args.province, county=args.county)
    if args.format == "json":
        write(to_json(ParametersInForce.of(parameters, as_of).data()))
        return 0
    write(render_parameters(parameters, as_of, args.locale))
    return 0
