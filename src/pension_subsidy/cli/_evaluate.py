"""``evaluate``: the year-end performance self-evaluation (绩效自评) against actual results."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.actuals import read_actuals
from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.evaluation import evaluate
from pension_subsidy.evaluation_report import render_evaluation
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate",
        help="score projects against their performance indicators (绩效自评)",
        description=(
            "Score each project the actuals file names against its performance indicators: "
            "budget execution 10, output 50, benefit 30, satisfaction 10; grade 优/良/中/差; "
            "every indicator not met listed with its gap, reason and corrective measure."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--actuals",
        required=True,
        metavar="FILE",
        help="a TOML file of actual results, keyed by project and indicator name",
    )
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the self-evaluation."""
    budget = load_source(args.source)
    actuals = read_actuals(args.actuals, budget)
    write(render_evaluation(evaluate(budget, actuals), format=args.format, locale=args.locale))
    return 0
