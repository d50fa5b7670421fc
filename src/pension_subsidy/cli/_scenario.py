"""``scenario``: apply KEY.FIELD=VALUE overrides and compare with the baseline."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_overrides, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_scenario
from pension_subsidy.sources import load_source
from pension_subsidy.whatif.scenarios import Override, compare_scenario


def register(subparsers: Any) -> None:
    """Add the ``scenario`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scenario",
        help="what-if: override headcounts, standards or appropriations and compare (情景测算)",
        description=(
            "Apply overrides KEY.FIELD=VALUE in order (VALUE absolute such as 60, 60元, "
            "175万元, or relative such as +3%, -10%, +500) and compare each project and "
            "component with the baseline: 元, % and status. As text, JSON, a printable HTML "
            "page or an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    add_overrides(parser, "an override, e.g. severe_disability_proxy.per_capita=60 (repeatable)")
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    baseline = load_source(args.source)
    overrides = [Override.parse(text) for text in args.overrides]
    if args.format == "json":
        return to_json(compare_scenario(baseline, overrides).data())
    if args.format in ("html", "xlsx"):
        # the document builders, imported only for a document format
        from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
        from pension_subsidy.output.documents_whatif import scenario_document  # noqa: PLC0415

        document = scenario_document(compare_scenario(baseline, overrides), args.locale)
        if args.format == "html":
            return document_html(document, args.locale)
        return document_xlsx(document, args.locale)
    return render_scenario(baseline, overrides, args.locale)


def run(args: argparse.Namespace) -> int:
    """Print the comparison, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
