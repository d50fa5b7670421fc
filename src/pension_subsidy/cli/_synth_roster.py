"""``synth-roster``: write a reproducible synthetic roster (clearly not real people)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pension_subsidy._files import output_path
from pension_subsidy.cli._output import check_outputs
from pension_subsidy.exceptions import DataFileError
from pension_subsidy.roster.synth import write_synthetic_roster


def register(subparsers: Any) -> None:
    """Add the ``synth-roster`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "synth-roster",
        help="write a synthetic roster CSV for trying the roster command",
        description="Write N synthetic insured persons as a roster CSV; the same seed gives "
        "the same file.",
    )
    parser.add_argument("count", type=_count, metavar="N", help="number of persons")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the CSV to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--corrupt",
        type=_fraction,
        default=0.0,
        metavar="FRACTION",
        help="make this fraction of rows wrong, each in a known way (e.g. 0.01)",
    )
    parser.set_defaults(handler=run)


def _count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        msg = f"expected a number of persons ≥ 0, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return count


def _fraction(text: str) -> float:
    # a share of rows to corrupt, not money: a float is the natural type here
    try:
        fraction = float(text)
    except ValueError:
        fraction = -1.0
    if not 0 <= fraction <= 1:
        msg = f"expected a fraction from 0 to 1 such as 0.01, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return fraction


def run(args: argparse.Namespace) -> int:
    """Write the roster: all of it under FILE at the end, or nothing (also when killed)."""
    check_outputs(args, "output")
    try:
        with output_path(args.output) as path:
            corrupted = write_synthetic_roster(
                path, args.count, seed=args.seed, corrupt=args.corrupt
            )
    except OSError as error:
        raise DataFileError(f"cannot write: {error.strerror}", path=args.output) from None
    print(
        f"wrote {args.count} persons to {args.output} ({len(corrupted)} corrupted)", file=sys.stderr
    )
    return 0
