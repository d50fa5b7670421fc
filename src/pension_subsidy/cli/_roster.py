"""``roster``: tally an insured-person roster under a county's rules, nothing lost."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pension_subsidy.cli._common import add_format, write
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.report import render_report, report_data
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.read import read_header, tally_roster
from pension_subsidy.roster.rejects import RejectsWriter
from pension_subsidy.roster.rules import default_roster_rules, load_roster_rules
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
    parser.add_argument("--rules", metavar="RULES.toml", help="the county's rules file")
    parser.add_argument("--rejects", metavar="FILE", help="write rejected rows to this CSV file")
    parser.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="header names of another export, e.g. person_id=身份证号,grade=档次",
    )
    parser.add_argument("--encoding", help="the CSV's encoding (default: detected)")
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
        "--report",
        nargs="?",
        const="menyuan-2022",
        metavar="SOURCE",
        help="also give the report of a budget (default menyuan-2022) whose county fund is "
        "built from the roster",
    )
    add_format(parser)
    parser.set_defaults(handler=run)


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


class _ProgressBar:
    """A bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self) -> None:
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        if percent != self.last:
            self.last = percent
            filled = percent // 4
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {percent:3d} %")
            sys.stderr.flush()

    def close(self) -> None:
        if self.last >= 0:
            sys.stderr.write("\n")


def roster_data(tally: Tally) -> dict[str, Any]:
    """The roster command's JSON shape."""
    return {
        "rows_read": tally.rows_read,
        "accepted": tally.accepted,
        "rejected": tally.rejected,
        "components": [
            {"key": item.key, "headcount": item.headcount, "amount_yuan": str(item.amount)}
            for item in tally.components()
        ],
        "by_township": {
            township: {
                "persons": area.persons,
                "amount_yuan": str(area.amount),
                "components": {
                    item.key: {"headcount": item.headcount, "amount_yuan": str(item.amount)}
                    for item in area.components
                },
            }
            for township, area in tally.by_township().items()
        },
        "rejections": tally.rejection_counts(),
        "total_yuan": str(tally.total),
        "grades": {str(grade): payers for grade, payers in tally.grade_payers().items()},
        "duplicate_check": tally.duplicate_check,
    }


def _text(tally: Tally, shown: list[Rejection]) -> str:
    lines = [
        f"rows read: {tally.rows_read}  accepted: {tally.accepted}  rejected: {tally.rejected}",
        "",
        "components:",
    ]
    for item in tally.components():
        lines.append(f"  {item.key:<26} {item.headcount:>9} 人  {item.amount:>16,.2f} 元")
    lines.append(f"  {'total':<26} {'':>9}    {tally.total:>16,.2f} 元")
    lines += ["", "by township:"]
    for township, area in tally.by_township().items():
        lines.append(f"  {township}  {area.persons} 人  {area.amount:,.2f} 元")
    if tally.rejected:
        lines += ["", "rejections:"]
        lines += [f"  {reason}: {count}" for reason, count in tally.rejection_counts().items()]
        for rejection in shown:
            lines.append(f"  line {rejection.line}: {rejection.reason.value}: {rejection.detail}")
        if tally.rejected > len(shown):
            lines.append(f"  … {tally.rejected - len(shown)} more; write them all with --rejects")
    if not tally.duplicate_check:
        lines += ["", "person ids were NOT checked for duplicates (--no-duplicate-check)"]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Tally the roster and print it."""
    rules = load_roster_rules(args.rules) if args.rules else default_roster_rules()
    shown: list[Rejection] = []
    writer: RejectsWriter | None = None
    bar = _ProgressBar() if sys.stderr.isatty() else None
    rejects_stream = None
    try:
        if args.rejects:
            try:
                rejects_stream = open(args.rejects, "w", encoding="utf-8", newline="")  # noqa: SIM115  (closed in finally)
            except OSError as error:
                raise DataFileError(f"cannot write: {error.strerror}", path=args.rejects) from None
            writer = RejectsWriter(rejects_stream, read_header(args.file, encoding=args.encoding))

        def on_reject(rejection: Rejection) -> None:
            if len(shown) < _SHOWN_REJECTIONS:
                shown.append(rejection)
            if writer is not None:
                writer(rejection)

        tally = tally_roster(
            args.file,
            rules,
            columns=_columns(args.columns),
            encoding=args.encoding,
            on_reject=on_reject,
            check_duplicates=not args.no_duplicate_check,
            on_progress=bar,
            jobs=args.jobs,
        )
    finally:
        if bar is not None:
            bar.close()
        if rejects_stream is not None:
            rejects_stream.close()
    budget = None if args.report is None else tally.to_budget(load_source(args.report))
    if args.format == "json":
        data = roster_data(tally)
        if budget is not None:
            data["report"] = report_data(budget)
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        text = _text(tally, shown)
        if budget is not None:
            text += "\n" + render_report(budget)
        write(text)
    return 1 if tally.rejected else 0
