"""``audit``: find the contradictions of a disclosure table (exit 1 when one is an error)."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure import load_disclosure
from pension_subsidy.disclosure.audit import Severity, audit, findings_data
from pension_subsidy.output.audit_text import render_findings
from pension_subsidy.output.json_writer import to_json


def register(subparsers: Any) -> None:
    """Add the ``audit`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "audit",
        help="check a disclosure table for contradictions",
        description=(
            "Check a performance-target disclosure table (.txt/.tsv/.csv/.xlsx, a bundled "
            "name, or a dataset .toml) for contradictions: totals, components against "
            "appropriations, counts × standards, prose against indicators, cost ceilings, "
            "rate targets, per-capita plausibility and heading numbering. Exit code 1 when "
            "a finding is an error."
        ),
    )
    add_source(parser)
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; 1 when any is an error."""
    findings = audit(load_disclosure(args.source))
    if args.format == "json":
        write(to_json(findings_data(findings)))
    else:
        write(render_findings(findings, args.locale))
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0
