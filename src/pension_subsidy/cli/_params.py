"""``params``: every policy parameter in force on a date, with its value, unit and source."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from pension_subsidy.cli._common import add_format, write
from pension_subsidy.parameters import load_parameters


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date such as 2022-06-30, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def register(subparsers: Any) -> None:
    """Add the ``params`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "params",
        help="policy parameters in force on a date, with their legal sources (政策参数)",
        description=(
            "List every policy parameter in force on a date with its value, unit, effective "
            "date and source (文号, issuing body, article when known). A county file layers its "
            "own values over the national ones."
        ),
    )
    parser.add_argument(
        "--as-of", type=_date, default=None, metavar="DATE", help="YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--file", metavar="COUNTY.toml", help="a county parameter file")
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the parameters."""
    as_of = args.as_of or date.today()
    parameters = load_parameters(args.file)
    values = parameters.in_force(as_of)
    if args.format == "json":
        data = {"as_of": as_of.isoformat(), "parameters": [value.data() for value in values]}
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"Parameters in force on {as_of.isoformat()} (政策参数)", ""]
    if not values:
        earliest = min((value.effective for value in parameters.values), default=None)
        lines.append(
            "none: no parameter had taken effect by then"
            + (f" (the earliest takes effect on {earliest.isoformat()})" if earliest else "")
        )
    for value in values:
        source = value.source
        lines += [
            f"■ {value.key}  {value.name_zh}",
            f"    value: {value.display_value} {value.unit}"
            f"  (effective {value.effective.isoformat()})",
            f"    source: {source.document}, {source.issuer}"
            + (f", {source.article}" if source.article else "")
            + (f" 《{source.title}》" if source.title else ""),
        ]
        if source.note:
            lines.append(f"    note: {source.note}")
        lines.append(f"    from: {value.origin}")
    write("\n".join(lines) + "\n")
    return 0
