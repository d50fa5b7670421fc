"""``sensitivity``: a tornado table of each input at ±10 % and its effect on the project total."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.exceptions import InvalidNumberError, Phrase, detail_of
from pension_subsidy.money import parse_number
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_sensitivity
from pension_subsidy.sources import load_source
from pension_subsidy.whatif.sensitivity import sensitivity_table


def _percent(text: str) -> Decimal:
    """A positive percentage, read as every number is (bounded before any arithmetic)."""
    try:
        value = parse_number(text.strip().removesuffix("%"), field="--percent")
    except InvalidNumberError as error:
        raise argparse.ArgumentTypeError(detail_of(error, "--percent: ")) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(Phrase("cli.sensitivity.percent", got=repr(text)))
    return value


def register(subparsers: Any) -> None:
    """Add the ``sensitivity`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sensitivity",
        help="tornado table: each input at ±10%% and the change in its project total (敏感性)",
        description=(
            "Move each input (headcount, per-capita standard, villages, …) by −p% and +p% on "
            "its own and show the change in its project's total, sorted by swing: as text, "
            "JSON, a printable HTML page with the tornado chart (matplotlib: the plot extra) "
            "or an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    parser.add_argument("--project", metavar="KEY", help="only this project")
    parser.add_argument(
        "--percent", type=_percent, default=Decimal(10), help="the step in %% (default 10)"
    )
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    budget = load_source(args.source)
    table = sensitivity_table(budget, project=args.project, percent=args.percent)
    loc = args.locale
    if args.format == "json":
        return to_json(table.data())
    if args.format in ("html", "xlsx"):
        # the document builders and charts, imported only for a document format
        from pension_subsidy.output.charts import sensitivity_charts_html  # noqa: PLC0415
        from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
        from pension_subsidy.output.documents_whatif import sensitivity_document  # noqa: PLC0415

        document = sensitivity_document(table, loc, budget=budget)
        if args.format == "html":
            charts = sensitivity_charts_html(budget, table, locale=loc)
            return document_html(document, loc, charts=charts)
        return document_xlsx(document, loc)
    return render_sensitivity(budget, table.rows, table.percent, loc)


def run(args: argparse.Namespace) -> int:
    """Print the tornado table, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
