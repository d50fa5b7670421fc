"""``synth-roster``: write a reproducible synthetic roster (clearly not real people)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pension_subsidy.cli._output import check_outputs
from pension_subsidy.exceptions import DataFileError, Phrase, os_reason
from pension_subsidy.roster.synth import MAX_SYNTHETIC_ROWS, write_synthetic_roster


def register(subparsers: Any) -> None:
    """Add the ``synth-roster`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "synth-roster",
        help="write a synthetic roster CSV for trying the roster command",
        description="Write N synthetic insured persons as a roster CSV; the same seed gives "
        "the same file.",
    )
    parser.add_argument(
        "count", type=_count, metavar="N", help="number of persons (0 to 1,000,000,000)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the CSV to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--corrupt",
        type=_fraction,
        default=0.0,
        metavar="FRACTION",
        help="make this fraction of rows wrong, each in a known way (e.g. 0.01)",
    )
    parser.add_argument(
        "--identities",
        action="store_true",
        help="add the optional columns 特困人员, 低保对象, 监测对象 and 补缴 (the other "
        "columns stay as without them)",
    )
    parser.set_defaults(handler=run)


def _count(text: str) -> int:
    # bounded: a mistyped 10^15 would write for weeks and fill the disk before anyone noticed
    try:
        count = int(text)
    except ValueError:  # not a whole number, or thousands of digits (int_max_str_digits)
        count = -1
    if not 0 <= count <= MAX_SYNTHETIC_ROWS:
        shown = text if len(text) <= 40 else f"{text[:30]}… ({len(text):,} characters)"
        said = Phrase("roster.cli.persons", limit=MAX_SYNTHETIC_ROWS, got=repr(shown))
        raise argparse.ArgumentTypeError(said)
    return count


def _fraction(text: str) -> float:
    # a share of rows to corrupt, not money: a float is the natural type here
    try:
        fraction = float(text)
    except ValueError:
        fraction = -1.0
    if not 0 <= fraction <= 1:
        raise argparse.ArgumentTypeError(Phrase("roster.cli.fraction", got=repr(text)))
    return fraction


def run(args: argparse.Namespace) -> int:
    """Write the roster: all of it under FILE at the end, or nothing (also when killed)."""
    check_outputs(args, "output")
    try:
        corrupted = write_synthetic_roster(
            args.output,
            args.count,
            seed=args.seed,
            corrupt=args.corrupt,
            identities=args.identities,
        )
    except OSError as error:  # an error the writer itself did not name the output in
        said = {"reason": os_reason(error)}
        raise DataFileError(code="output.cannot_write", params=said, path=args.output) from None
    print(
        f"wrote {args.count} persons to {args.output} ({len(corrupted)} corrupted)", file=sys.stderr
    )
    return 0
