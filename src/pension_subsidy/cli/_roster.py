"""``roster``: tally an insured-person roster under a county's rules, nothing lost."""

from __future__ import annotations

import argparse
import codecs
import datetime
import heapq
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from pension_subsidy._files import check_output, open_text_output
from pension_subsidy.cli._common import add_locale
from pension_subsidy.cli._output import (
    STDOUT,
    add_document_output,
    check_outputs,
    command_inputs,
    emit,
)
from pension_subsidy.cli._roster_dask import add_dask_arguments, dask_rejects, roster_tally
from pension_subsidy.disclosure.sources import load_source
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.model.budget import Budget
from pension_subsidy.output.charts import tally_charts_html
from pension_subsidy.output.document import document_html, document_xlsx
from pension_subsidy.output.documents import roster_document
from pension_subsidy.output.progress import progress_line
from pension_subsidy.output.rejects import RejectsWriter
from pension_subsidy.output.roster_text import render_roster, roster_data
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.read import read_header
from pension_subsidy.roster.rules import default_roster_rules, load_roster_rules
from pension_subsidy.roster.tally import Tally

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
    parser.add_argument("--rules", metavar="RULES.toml", help="the county's rules file")
    parser.add_argument("--rejects", metavar="FILE", help="write rejected rows to this CSV file")
    parser.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="header names of another export, e.g. person_id=身份证号,grade=档次",
    )
    parser.add_argument("--encoding", type=_encoding, help="the CSV's encoding (default: detected)")
    parser.add_argument(
        "--no-duplicate-check",
        action="store_true",
        help="skip the duplicate person-id check (faster; the output says it was skipped)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes for a CSV roster (default: every core for a file of 8 MiB or more, "
        "else 1); the result is the same for any N",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress line on stderr (drawn only when stderr is a terminal)",
    )
    parser.add_argument(
        "--engine",
        choices=("auto", "pure", "columnar"),
        default="auto",
        help="the engine: pure (this package's own), columnar (polars, the fast extra) or auto "
        "(columnar when installed and --jobs is not given); the result is the same",
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="take eligibility as of this day instead of today (overrides the rules' as_of), "
        "so that the same roster gives the same result on a later day",
    )
    parser.add_argument(
        "--report",
        nargs="?",
        const="menyuan-2022",
        metavar="SOURCE",
        help="also give the report of a budget (default menyuan-2022) whose county fund is "
        "built from the roster",
    )
    add_document_output(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def _encoding(text: str) -> str:
    try:
        return codecs.lookup(text).name
    except LookupError:
        msg = f"expected an encoding such as utf-8 or gb18030, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date such as 2022-12-31 (YYYY-MM-DD), got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        msg = f"expected a whole number of processes ≥ 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return jobs


def _columns(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            problem = f"--columns: expected FIELD=HEADER pairs separated by commas, got {pair!r}"
            raise DataFileError(problem)
        mapping[field.strip()] = header.strip()
    return mapping


class _RejectsFile:
    """The --rejects file: in line order, written all at once when the pass is over.

    Rows confirmed as duplicates only after the whole pass come after the others. Each
    rejection goes, pickled, to one of two unnamed scratch files in the target's folder (in
    order; arrived late), and at the end the two are merged by line into the CSV, in constant
    memory: the line is the rejection's own, never read back out of CSV text a cell could
    break. The CSV is written by :func:`pension_subsidy._files.open_text_output`: a failed run
    leaves no file and no scratch behind, and the target may be none of the command's inputs
    (the roster, the rules, the report source), nor a folder — refused before the pass.
    """

    def __init__(
        self,
        target: str,
        roster: str,
        encoding: str | None,
        inputs: list[tuple[str, str | None]],
        *,
        locale: str,
    ) -> None:
        check_output(target, inputs)
        self.locale = locale
        self.header = read_header(roster, encoding=encoding)
        self.target = target
        self.last_line = 0
        folder = Path(os.path.realpath(target)).parent
        self.files = [self._scratch(folder), self._scratch(folder)]  # in order; arrived late

    def _scratch(self, folder: Path) -> IO[bytes]:
        try:
            return tempfile.TemporaryFile(dir=folder)
        except OSError as error:
            raise DataFileError(f"cannot write: {error.strerror}", path=self.target) from None

    def __call__(self, rejection: Rejection) -> None:
        """Keep one rejected row (in the late file when it comes after a later line)."""
        late = rejection.line < self.last_line
        self.last_line = max(self.last_line, rejection.line)
        try:
            pickle.dump(rejection, self.files[late], protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:
            raise DataFileError(f"cannot write: {error.strerror}", path=self.target) from None

    def close(self, *, keep: bool) -> None:
        """Write the CSV (``keep``) or not, and drop the scratch files."""
        try:
            if keep:
                with open_text_output(self.target, encoding="utf-8-sig") as out:
                    # UTF-8 with a BOM: what Excel on a Chinese Windows reads as UTF-8
                    writer = RejectsWriter(out, self.header, locale=self.locale, detail_text=True)
                    for rejection in heapq.merge(*map(_kept, self.files), key=_line_of):
                        writer(rejection)
        finally:
            for scratch in self.files:
                scratch.close()


def _kept(scratch: IO[bytes]) -> Iterator[Rejection]:
    """The rejections pickled into a scratch file, in the order written."""
    scratch.flush()
    scratch.seek(0)
    while True:
        try:
            # our own records, from an unnamed file only this process could write
            yield pickle.load(scratch)  # noqa: S301
        except EOFError:
            return


def _line_of(rejection: Rejection) -> int:
    """The line of a rejected row: the key the two scratch files are merged on."""
    return rejection.line


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
        raise DataFileError("-o and --rejects name the same file", path=output)
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
    data = roster_data(tally, rules_path=args.rules, budget=budget)
    document = roster_document(data, args.locale, shown=shown)
    if args.format == "xlsx":
        return document_xlsx(document, args.locale)
    charts = tally_charts_html(tally, locale=args.locale)
    return document_html(document, args.locale, charts=charts)


def run(args: argparse.Namespace) -> int:
    """Tally the roster and print it, or write it to ``-o FILE``."""
    refused = _output_refused(args)
    if refused is not None:
        return refused
    rules = load_roster_rules(args.rules) if args.rules else default_roster_rules()
    if args.as_of is not None:
        rules = attrs.evolve(rules, as_of=args.as_of)
    # read everything that can fail before the long pass over the roster
    base = None if args.report is None else load_source(args.report)
    shown: list[Rejection] = []
    bar = progress_line(enabled=not args.no_progress, locale=args.locale)
    rejects = (
        None
        if not args.rejects
        else _RejectsFile(
            args.rejects, args.file, args.encoding, command_inputs(args), locale=args.locale
        )
    )
    rejects = dask_rejects(args, rejects)  # several files on Dask: written in roster order

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
            columns=_columns(args.columns),
            encoding=args.encoding,
            on_reject=on_reject,
            check_duplicates=not args.no_duplicate_check,
            on_progress=bar,
            jobs=args.jobs,
            engine=args.engine,
        )
        if not tally.rows_read:  # a header alone is a wrong or cut file, not an empty county
            raise DataFileError("no rows under the header", path=args.file)
        finished = True
    finally:
        if bar is not None:
            bar.close()
        if rejects is not None:
            rejects.close(keep=finished)
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
