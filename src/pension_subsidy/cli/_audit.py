"""``audit``: find the contradictions of a disclosure table (exit 1 when one is an error)."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, add_source, write
from pension_subsidy.disclosure import load_disclosure
from pension_subsidy.disclosure.audit import Finding, Severity, audit, findings_data
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.language import is_chinese

_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


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


def render_findings(findings: tuple[Finding, ...], locale: str | None = None) -> str:
    """Findings as text, one block each, with a count by severity at the end."""
    zh = is_chinese(locale)
    lines = []
    for finding in findings:
        severity = _SEVERITY_ZH[finding.severity] if zh else finding.severity.value
        lines.append(f"{severity} [{finding.code}] {finding.location}")
        lines.append(f"    {finding.message_zh if zh else finding.message_en}")
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    if zh:
        lines.append("共 " + "，".join(f"{_SEVERITY_ZH[s]} {n} 项" for s, n in counts.items()))
    else:
        lines.append(", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items()))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the findings; 1 when any is an error."""
    findings = audit(load_disclosure(args.source))
    if args.format == "json":
        write(to_json(findings_data(findings)))
    else:
        write(render_findings(findings, args.locale))
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0
