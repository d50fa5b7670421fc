"""``solve``: the largest standard or headcount that keeps a project within its appropriation."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_overrides, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_solution
from pension_subsidy.sources import load_source
from pension_subsidy.whatif.solve import solve


def register(subparsers: Any) -> None:
    """Add the ``solve`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "solve",
        help="largest per-capita (to the 分) or headcount within the appropriation (预算约束测算)",
        description=(
            "Find the largest value of KEY.FIELD — to the 分 for money, whole persons for "
            "counts — that keeps the project within its appropriation, all else held; or, for "
            "PROJECT.appropriation, the appropriation the (scenario) project needs. Exact. As "
            "text, JSON, a printable HTML page or an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--vary", required=True, metavar="KEY.FIELD", help="e.g. poverty_household_proxy.per_capita"
    )
    parser.add_argument("--project", metavar="KEY", help="the project, if the key is ambiguous")
    add_overrides(parser, "apply this override first (repeatable)")
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    budget = load_source(args.source)
    solution = solve(budget, args.vary, project=args.project, overrides=args.overrides)
    if args.format == "json":
        return to_json(solution.data())
    if args.format in ("html", "xlsx"):
        # the document builders, imported only for a document format
        from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
        from pension_subsidy.output.documents_whatif import solve_document  # noqa: PLC0415

        document = solve_document(solution, args.locale)
        if args.format == "html":
            return document_html(document, args.locale)
        return document_xlsx(document, args.locale)
    return render_solution(solution, args.locale)


def run(args: argparse.Namespace) -> int:
    """Print the answer, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
