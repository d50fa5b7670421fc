"""``plan-check``: a plan's performance targets against its own computed figures."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.evaluation.plan_check import (
    FindingStatus,
    PlanFinding,
    plan_check,
    plan_check_data,
)
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.plan_check_text import render_plan_check
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``plan-check`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "plan-check",
        help="check cost ceilings and restated headcounts against the computed figures",
        description=(
            "Compare each performance target tied to the fund model (cost ceilings, restated "
            "component headcounts, the number of insured) with the computed figure: as text, "
            "JSON, a printable HTML page or an .xlsx workbook (-o FILE). Exits 1 when a "
            "target and its figure disagree."
        ),
    )
    add_source(parser)
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings, or write them to ``-o FILE``; exit 1 on a mismatch."""
    checked: list[PlanFinding] = []

    def render() -> str | bytes:
        budget = load_source(args.source)
        findings = plan_check(budget)
        checked.extend(findings)
        if args.format == "json":
            return to_json(plan_check_data(findings))
        if args.format in ("html", "xlsx"):
            # the document builders, imported only for a document format
            from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
            from pension_subsidy.output.documents import plan_check_document  # noqa: PLC0415

            document = plan_check_document(budget, findings, args.locale)
            if args.format == "html":
                return document_html(document, args.locale)
            return document_xlsx(document, args.locale)
        return render_plan_check(budget, findings, args.locale)

    code = emit(args, render)
    if code:
        return code
    return 1 if any(f.status is FindingStatus.MISMATCH for f in checked) else 0
