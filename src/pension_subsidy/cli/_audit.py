"""``audit``: find the contradictions of a disclosure table (exit 1 when one is an error)."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.disclosure.audit import Severity
from pension_subsidy.forms.form_audit import FormAudit, audit_source
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
            "scores, reasons) or a prose report (budget by level, rate, overruns). As text, "
            "JSON, a printable HTML page or an .xlsx workbook (-o FILE). Exit code 1 when a "
            "finding is an error."
        ),
    )
    add_source(parser)
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace, result: FormAudit) -> str | bytes:
    if args.format == "json":
        return to_json(result.data())
    if args.format in ("html", "xlsx"):
        # the document builders, imported only for a document format
        from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
        from pension_subsidy.output.documents import audit_document  # noqa: PLC0415

        document = audit_document(result, args.locale, source=args.source)
        if args.format == "html":
            return document_html(document, args.locale)
        return document_xlsx(document, args.locale)
    return render_findings(result.findings, args.locale)


def run(args: argparse.Namespace) -> int:
    """Print the findings, or write them to ``-o FILE``; 1 when any is an error."""
    audited: list[FormAudit] = []

    def render() -> str | bytes:
        audited.append(audit_source(args.source))
        return _render(args, audited[0])

    code = emit(args, render)
    if code or not audited:
        return code
    return 1 if any(finding.severity is Severity.ERROR for finding in audited[0].findings) else 0
