"""``audit``: find the contradictions of a disclosure table (exit 1 when one is an error)."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure.audit import Severity
from pension_subsidy.forms.form_audit import audit_source
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
            "rate targets, per-capita plausibility and heading numbering. Also any other "
            "national form (.xlsx/.docx/.html/.pdf/.txt): a self-evaluation table "
            "(项目支出绩效自评表: execution rate and score, points, 总分, grade, indicator "
            "scores, reasons) or a prose report (budget by level, rate, overruns). Exit code "
            "1 when a finding is an error."
        ),
    )
    add_source(parser)
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; 1 when any is an error."""
    result = audit_source(args.source)
    findings = result.findings
    if args.format == "json":
        write(to_json(result.data()))
    else:
        write(render_findings(findings, args.locale))
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0
