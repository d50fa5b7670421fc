"""``scenario``: apply KEY.FIELD=VALUE overrides and compare with the baseline."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_overrides, add_source, write
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_scenario
from pension_subsidy.whatif.scenarios import Override, compare_scenario


def register(subparsers: Any) -> None:
    """Add the ``scenario`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scenario",
        help="what-if: override headcounts, standards or appropriations and compare (情景测算)",
        description=(
            "Apply overrides KEY.FIELD=VALUE in order (VALUE absolute such as 60, 60元, "
            "175万元, or relative such as +3%, -10%, +500) and compare each project and "
            "component with the baseline: 元, % and status."
        ),
    )
    add_source(parser)
    add_overrides(parser, "an override, e.g. severe_disability_proxy.per_capita=60 (repeatable)")
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the comparison."""
    baseline = load_source(args.source)
    overrides = [Override.parse(text) for text in args.overrides]
    if args.format == "json":
        write(to_json(compare_scenario(baseline, overrides).data()))
        return 0
    write(render_scenario(baseline, overrides, args.locale))
    return 0
