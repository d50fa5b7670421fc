"""``solve``: the largest standard or headcount that keeps a project within its appropriation."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_overrides, add_source, write
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_solution
from pension_subsidy.whatif.solve import solve


def register(subparsers: Any) -> None:
    """Add the ``solve`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "solve",
        help="largest per-capita (to the 分) or headcount within the appropriation (预算约束测算)",
        description=(
            "Find the largest value of KEY.FIELD — to the 分 for money, whole persons for "
            "counts — that keeps the project within its appropriation, all else held; or, for "
            "PROJECT.appropriation, the appropriation the (scenario) project needs. Exact."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--vary", required=True, metavar="KEY.FIELD", help="e.g. poverty_household_proxy.per_capita"
    )
    parser.add_argument("--project", metavar="KEY", help="the project, if the key is ambiguous")
    add_overrides(parser, "apply this override first (repeatable)")
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the answer."""
    budget = load_source(args.source)
    solution = solve(budget, args.vary, project=args.project, overrides=args.overrides)
    if args.format == "json":
        write(to_json(solution.data()))
        return 0
    write(render_solution(solution, args.locale))
    return 0
