"""``scenario``: apply KEY.FIELD=VALUE overrides and compare with the baseline."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pension_subsidy.cli._common import add_format, add_source, write
from pension_subsidy.scenarios import (
    Override,
    ProjectChange,
    apply_overrides,
    compare,
    scenario_data,
)
from pension_subsidy.sources import load_source


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
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY.FIELD=VALUE",
        help="an override, e.g. severe_disability_proxy.per_capita=60 (repeatable)",
    )
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the comparison."""
    baseline = load_source(args.source)
    overrides = [Override.parse(text) for text in args.overrides]
    if args.format == "json":
        data = scenario_data(baseline, overrides)
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    scenario = apply_overrides(baseline, overrides)
    lines = [f"情景 Scenario: {', '.join(map(str, overrides)) or '(no overrides: the baseline)'}"]
    for project in baseline.unit.projects:
        before, after = project.check(), scenario.project(project.key).check()
        lines.append(
            f"■ {project.key}: baseline {before.total.value:,.2f} 元 → scenario "
            f"{after.total.value:,.2f} 元; appropriation {after.appropriation.value:,.2f} 元, "
            f"headroom {after.headroom.value:,.2f} 元; {before.status.value} → "
            f"{after.status.value}"
        )
    changes = compare(baseline, scenario)
    lines.append("")
    lines.append("Changes (变化):" if changes else "Changes (变化): none")
    for change in changes:
        indent = "  " if isinstance(change, ProjectChange) else "    "
        lines.append(indent + str(change))
    write("\n".join(lines) + "\n")
    return 0
