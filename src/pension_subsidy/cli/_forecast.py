"""``forecast``: year-by-year totals with compounding growth; the first year each goes over."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_forecast
from pension_subsidy.whatif.forecast import forecast, parse_years


def register(subparsers: Any) -> None:
    """Add the ``forecast`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "forecast",
        help="multi-year forecast with compounding growth (多年度预测)",
        description=(
            "Forecast each project year by year from the dataset's base year. Growth rates "
            "compound from the base year: counts are round_half_up(base × (1+g)^n) to whole "
            "persons, money to the 分; appropriations without a rate are held."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--years",
        metavar="FIRST-LAST",
        help="e.g. 2023-2027 (default: the five years after the base)",
    )
    parser.add_argument(
        "--growth",
        action="append",
        default=[],
        metavar="KEY.FIELD=RATE",
        help="a yearly rate, e.g. contribution_subsidy.headcount=2%% or "
        "county_supporting_fund.appropriation=3%% (repeatable)",
    )
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the forecast."""
    budget = load_source(args.source)
    years = parse_years(args.years) if args.years else range(budget.year + 1, budget.year + 6)
    outlook = forecast(budget, years, args.growth)
    if args.format == "json":
        write(to_json(outlook.data()))
        return 0
    write(render_forecast(outlook, args.locale))
    return 0
