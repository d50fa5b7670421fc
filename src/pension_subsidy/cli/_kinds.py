"""``kinds``: the catalogue of component kinds — key, names, formula, fields, keywords.

``--dataset FILE`` adds the file's own ``[[component_kinds]]`` after the bundled ones; a
kind reusing a key exits 3 (input) naming the file and the field.
"""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, write
from pension_subsidy.model.kinds import load_kind_catalogue
from pension_subsidy.output.json_writer import to_json
from pension_subsidy.output.kinds_text import render_kinds


def register(subparsers: Any) -> None:
    """Add the ``kinds`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "kinds",
        help="the component kinds a dataset may use, with their formulas (构成项目类别)",
        description=(
            "List every component kind: its key (what a dataset writes as kind), Chinese and "
            "English names, formula and the formula's fields, headcount unit and the words "
            "that identify it; the bundled catalogue, then the own kinds of --dataset FILE."
        ),
    )
    parser.add_argument(
        "--dataset",
        metavar="FILE",
        default=None,
        help="a dataset TOML file whose [[component_kinds]] are listed after the bundled ones",
    )
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    catalogue = load_kind_catalogue(args.dataset)
    if args.format == "json":
        write(to_json(catalogue.data()))
        return 0
    write(render_kinds(catalogue, args.locale))
    return 0
