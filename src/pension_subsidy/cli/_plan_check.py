"""``plan-check``: a plan's performance targets against its own computed figures."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.evaluation.plan_check import FindingStatus, plan_check, plan_check_data
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.plan_check_text import render_plan_check


def register(subparsers: Any) -> None:
    """Add the ``plan-check`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "plan-check",
        help="check cost ceilings and restated headcounts against the computed figures",
        description=(
            "Compare each performance target tied to the fund model (cost ceilings, restated "
            "component headcounts, the number of insured) with the computed figure. Exits 1 "
            "when a target and its figure disagree."
        ),
    )
    add_source(parser)
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 on a mismatch."""
    budget = load_source(args.source)
    findings = plan_check(budget)
    if args.format == "json":
        write(to_json(plan_check_data(findings)))
    else:
        write(render_plan_check(budget, findings, args.locale))
    return 1 if any(f.status is FindingStatus.MISMATCH for f in findings) else 0
