"""``report``: each project, component and check of a budget."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.report import render_report
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``report`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="print each project, component and total against its appropriation",
        description=(
            "Print each project, each component with headcount, per-capita and amount, and "
            "totals against appropriations, in 元 and 万元: as text, JSON, a printable HTML "
            "page or an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    budget = load_source(args.source)
    if args.format == "json":
        return to_json(budget.data())
    if args.format == "html":
        # the page and its charts, imported only for this format
        from pension_subsidy.output.report_html import render_report_html  # noqa: PLC0415

        return render_report_html(budget, locale=args.locale)
    if args.format == "xlsx":
        from pension_subsidy.output.report_xlsx import render_report_xlsx  # noqa: PLC0415

        return render_report_xlsx(budget, locale=args.locale)
    return render_report(budget, format=args.format, locale=args.locale)


def run(args: argparse.Namespace) -> int:
    """Print the report, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
