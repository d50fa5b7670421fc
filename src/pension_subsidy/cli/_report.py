"""``report``: each project, component and check of a budget."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.report import render_report
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``report`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="print each project, component and total against its appropriation",
        description=(
            "Print each project, each component with headcount, per-capita and amount, and "
            "totals against appropriations, in 元 and 万元."
        ),
    )
    add_source(parser)
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the report."""
    budget = load_source(args.source)
    write(render_report(budget, format=args.format, locale=args.locale))
    return 0
