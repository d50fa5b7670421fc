"""``roster``: tally an insured-person roster under a county's rules, nothing lost.

The options are declared in :mod:`~pension_subsidy.cli._roster_options`, the ``--rejects``
file written by :mod:`~pension_subsidy.output.rejects_file`, several files on a Dask
cluster tallied through :mod:`~pension_subsidy.cli._roster_dask`.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import attrs

from pension_subsidy.cli._common import add_locale
from pension_subsidy.cli._output import (
    STDOUT,
    add_document_output,
    check_outputs,
    command_inputs,
    emit,
)
from pension_subsidy.cli._roster_dask import add_dask_arguments, dask_rejects, roster_tally
from pension_subsidy.cli._roster_options import add_roster_options, columns_mapping
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.model.budget import Budget
from pension_subsidy.output.progress import ProgressLine, progress_line
from pension_subsidy.output.rejects_file import RejectsFile
from pension_subsidy.output.roster_text import render_roster, roster_data
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.rules import RosterRules, default_roster_rules, load_roster_rules
from pension_subsidy.roster.tally import Tally
from pension_subsidy.sources import load_source

_SHOWN_REJECTIONS = 10


def register(subparsers: Any) -> None:
    """Add the ``roster`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "roster",
        help="compute every component from a roster of insured persons (参保人员名册)",
        description=(
            "Read a roster (CSV, or .xlsx with the excel extra), accept or reject every row "
            "with its line and reason, and compute each component's headcount and amount, "
            "per township and village, under the rules (default: the bundled example rules, "
            "whose standards are illustrative). Exit 1 when any row was rejected."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the roster: .csv or .xlsx")
    add_dask_arguments(parser)
    add_roster_options(parser)
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _output_refused(args: argparse.Namespace) -> int | None:
    """The checks of ``-o``, made before the long pass: a usage error's exit code, or None.

    ``--format xlsx`` without ``-o`` is refused (exit 2) as :func:`~pension_subsidy.cli.
    _output.emit` refuses it; an output that is an input, a folder, in a missing folder or the
    ``--rejects`` file raises the input error (exit 3).
    """
    if args.format == "xlsx" and args.output is None:
        return emit(args, lambda: b"")  # refused before anything is rendered: exit 2
    check_outputs(args, "output")
    output, rejects = args.output, args.rejects
    if output not in (None, STDOUT) and rejects and _same_path(output, rejects):
        said = {"output": "-o", "rejects": "--rejects"}
        raise DataFileError(code="roster.cli.same_file", params=said, path=output)
    return None


def _same_path(first: str, second: str) -> bool:
    """Whether two paths name one file, whether or not it exists yet."""
    return os.path.realpath(first) == os.path.realpath(second)


def _document(
    args: argparse.Namespace,
    tally: Tally,
    shown: list[Rejection],
    budget: Budget | None,
) -> str | bytes:
    """The tally as a printable page (with its chart) or a workbook."""
    # the document builders and charts, imported only for a document format
    from pension_subsidy.output.charts import tally_charts_html  # noqa: PLC0415
    from pension_subsidy.output.document import document_html, document_xlsx  # noqa: PLC0415
    from pension_subsidy.output.documents_roster import roster_document  # noqa: PLC0415

    data = roster_data(tally, rules_path=args.rules, budget=budget)
    document = roster_document(data, args.locale, shown=shown)
    if args.format == "xlsx":
        return document_xlsx(document, args.locale)
    charts = tally_charts_html(tally, locale=args.locale)
    return document_html(document, args.locale, charts=charts)


def _rules(args: argparse.Namespace) -> RosterRules:
    """The rules of ``--rules`` (else the bundled example), as of ``--as-of`` when given."""
    rules = load_roster_rules(args.rules) if args.rules else default_roster_rules()
    return rules if args.as_of is None else attrs.evolve(rules, as_of=args.as_of)


def _rejects_file(args: argparse.Namespace) -> RejectsFile | None:
    """The ``--rejects`` file, refused now if it cannot be written (None: not asked for)."""
    if not args.rejects:
        return None
    inputs = command_inputs(args)
    return RejectsFile(args.rejects, args.file, args.encoding, inputs, locale=args.locale)


def _tally(
    args: argparse.Namespace,
    rules: RosterRules,
    shown: list[Rejection],
    bar: ProgressLine | None,
) -> Tally:
    """The roster's tally: the first rejections kept in ``shown``, all in the rejects file."""
    rejects = dask_rejects(args, _rejects_file(args))  # several files on Dask: written there

    def on_reject(rejection: Rejection) -> None:
        if len(shown) < _SHOWN_REJECTIONS:
            shown.append(rejection)
        if rejects is not None:
            rejects(rejection)

    finished = False
    try:
        tally = roster_tally(args)(
            args.file,
            rules,
            columns=columns_mapping(args.columns),
            encoding=args.encoding,
            on_reject=on_reject,
            check_duplicates=not args.no_duplicate_check,
            on_progress=bar,
            jobs=args.jobs,
            engine=args.engine,
        )
        if not tally.rows_read:  # a header alone is a wrong or cut file, not an empty county
            raise DataFileError(code="roster.cli.no_rows", path=args.file)
        finished = True
    finally:
        if bar is not None:
            bar.close()
        if rejects is not None:
            rejects.close(keep=finished)
    return tally


def run(args: argparse.Namespace) -> int:
    """Tally the roster and print it, or write it to ``-o FILE``."""
    refused = _output_refused(args)
    if refused is not None:
        return refused
    rules = _rules(args)
    # read everything that can fail before the long pass over the roster
    base = None if args.report is None else load_source(args.report)
    shown: list[Rejection] = []
    bar = progress_line(enabled=not args.no_progress, locale=args.locale)
    tally = _tally(args, rules, shown, bar)
    budget = None if base is None else tally.to_budget(base)

    def render() -> str | bytes:
        if args.format in ("html", "xlsx"):
            return _document(args, tally, shown, budget)
        return render_roster(
            tally,
            locale=args.locale,
            format=args.format,
            shown=shown,
            rules_path=args.rules,
            budget=budget,
        )

    return emit(args, render) or (1 if tally.rejected else 0)
