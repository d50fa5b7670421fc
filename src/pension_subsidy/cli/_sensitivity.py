"""``sensitivity``: a tornado table of each input at ±10 % and its effect on the project total."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.exceptions import InvalidNumberError
from pension_subsidy.money import parse_number
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_sensitivity
from pension_subsidy.whatif.sensitivity import sensitivity_table


def _percent(text: str) -> Decimal:
    """A positive percentage, read as every number is (bounded before any arithmetic)."""
    try:
        value = parse_number(text.strip().removesuffix("%"), field="--percent")
    except InvalidNumberError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--percent: ")) from None
    if value <= 0:
        msg = f"expected a positive percentage such as 10, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def register(subparsers: Any) -> None:
    """Add the ``sensitivity`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sensitivity",
        help="tornado table: each input at ±10%% and the change in its project total (敏感性)",
        description=(
            "Move each input (headcount, per-capita standard, villages, …) by −p% and +p% on "
            "its own and show the change in its project's total, sorted by swing."
        ),
    )
    add_source(parser)
    parser.add_argument("--project", metavar="KEY", help="only this project")
    parser.add_argument(
        "--percent", type=_percent, default=Decimal(10), help="the step in %% (default 10)"
    )
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the tornado table."""
    budget = load_source(args.source)
    table = sensitivity_table(budget, project=args.project, percent=args.percent)
    if args.format == "json":
        write(to_json(table.data()))
        return 0
    write(render_sensitivity(budget, table.rows, table.percent, args.locale))
    return 0
