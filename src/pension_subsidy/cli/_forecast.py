"""``forecast``: year-by-year totals with compounding growth; the first year each goes over."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.whatif_text import render_forecast
from pension_subsidy.sources import load_source
from pension_subsidy.whatif.forecast import forecast, parse_years


def register(subparsers: Any) -> None:
    """Add the ``forecast`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "forecast",
        help="multi-year forecast with compounding growth (多年度预测)",
        description=(
            "Forecast each project year by year from the dataset's base year. Growth rates "
            "compound from the base year: counts are round_half_up(base × (1+g)^n) to whole "
            "persons, money to the 分; appropriations without a rate are held. As text, JSON, "
            "a printable HTML page with a chart per project (matplotlib: the plot extra) or "
            "an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--years",
        metavar="FIRST-LAST",
        help="e.g. 2023-2027 (default: the five years after the base)",
    )
    parser.add_argument(
        "--growth",
        action="append",
        default=[],
        metavar="KEY.FIELD=RATE",
        help="a yearly rate, e.g. contribution_subsidy.headcount=2%% or "
        "county_supporting_fund.appropriation=3%% (repeatable)",
    )
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    budget = load_source(args.source)
    years = parse_years(args.years) if args.years else range(budget.year + 1, budget.year + 6)
    outlook = forecast(budget, years, args.growth)
    loc = args.locale
    if args.format == "json":
        return to_json(outlook.data())
    if args.format in ("html", "xlsx"):
        # the document builders and charts, imported only for a document format
        from pension_subsidy.output.charts import forecast_charts_html  # noqa: PLC0415
        from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
        from pension_subsidy.output.documents_whatif import forecast_document  # noqa: PLC0415

        if args.format == "html":
            charts = forecast_charts_html(outlook, locale=loc)
            return document_html(forecast_document(outlook, loc), loc, charts=charts)
        return document_xlsx(forecast_document(outlook, loc), loc)
    return render_forecast(outlook, loc)


def run(args: argparse.Namespace) -> int:
    """Print the forecast, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
