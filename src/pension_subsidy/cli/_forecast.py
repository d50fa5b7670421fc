"""``forecast``: year-by-year totals with compounding growth; the first year each goes over."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pension_subsidy.cli._common import add_format, add_source, write
from pension_subsidy.forecast import forecast, parse_years
from pension_subsidy.sources import load_source


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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the forecast."""
    budget = load_source(args.source)
    years = parse_years(args.years) if args.years else range(budget.year + 1, budget.year + 6)
    outlook = forecast(budget, years, args.growth)
    if args.format == "json":
        write(json.dumps(outlook.data(), ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [
        f"Forecast (多年度预测) from base year {outlook.base_year}; growth: "
        f"{', '.join(map(str, outlook.growth)) or 'none'}",
        f"Rounding: {outlook.rounding}",
        "",
    ]
    for key in outlook.project_keys:
        lines.append(f"■ {key}")
        for year in outlook.years:
            check = year.budget.project(key).check()
            lines.append(
                f"    {year.year}: total {check.total.value:>14,.2f} 元  appropriation "
                f"{check.appropriation.value:>14,.2f} 元  "
                f"headroom {check.headroom.value:>14,.2f} 元"
                f"  {check.status.value}"
            )
        hit = outlook.first_over(key)
        if hit is None:
            lines.append("    first over: never in these years")
        else:
            lines.append(f"    first over: {hit[0]}, by {hit[1].value:,.2f} 元")
        lines.append("")
    write("\n".join(lines))
    return 0
