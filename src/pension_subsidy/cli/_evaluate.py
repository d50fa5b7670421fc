"""``evaluate``: the year-end performance self-evaluation (绩效自评) against actual results."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_locale, add_source
from pension_subsidy.cli._output import add_document_output, emit
from pension_subsidy.evaluation.actuals import read_actuals
from pension_subsidy.evaluation.scoring_2020 import SCORING_CHOICES, evaluate_with
from pension_subsidy.output.evaluation_text import render_evaluation
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.sources import load_source


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate",
        help="score projects against their performance indicators (绩效自评)",
        description=(
            "Score each project the actuals file names against its performance indicators: "
            "budget execution 10, output 50, benefit 30, satisfaction 10; grade 优/良/中/差; "
            "every indicator not met listed with its gap, reason and corrective measure. "
            "As text, JSON, a printable HTML page or an .xlsx workbook (-o FILE)."
        ),
    )
    add_source(parser)
    parser.add_argument(
        "--actuals",
        required=True,
        metavar="FILE",
        help="a TOML file of actual results, keyed by project and indicator name",
    )
    parser.add_argument(
        "--scoring",
        choices=SCORING_CHOICES,
        default=SCORING_CHOICES[0],
        help=(
            "the scoring rules: current (default; the bundled scoring.toml) or 2020-10 "
            "(财预〔2020〕10号 practice: ≤ linear to 0 at twice the target, = as ≥, "
            "qualitative bands)"
        ),
    )
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _render(args: argparse.Namespace) -> str | bytes:
    budget = load_source(args.source)
    evaluation = evaluate_with(budget, read_actuals(args.actuals, budget), scoring=args.scoring)
    if args.format == "json":
        return to_json(evaluation.data())
    if args.format == "html":
        # the page and its charts, imported only for this format
        from pension_subsidy.output.evaluation_html import render_evaluation_html  # noqa: PLC0415

        return render_evaluation_html(evaluation, locale=args.locale)
    if args.format == "xlsx":
        from pension_subsidy.output.evaluation_xlsx import render_evaluation_xlsx  # noqa: PLC0415

        return render_evaluation_xlsx(evaluation, locale=args.locale)
    return render_evaluation(evaluation, format=args.format, locale=args.locale)


def run(args: argparse.Namespace) -> int:
    """Print the self-evaluation, or write it to ``-o FILE``."""
    return emit(args, lambda: _render(args))
