"""``read``: show what was read from a national form, each figure with where it came from."""

from __future__ import annotations

import argparse
from typing import Any

from pension_subsidy.cli._common import add_format, add_locale, write
from pension_subsidy.forms.read import read_form
from pension_subsidy.output.forms_text import render_form
from pension_subsidy.output.json_writer import to_json


def register(subparsers: Any) -> None:
    """Add the ``read`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "read",
        help="show what is read from a target table, self-evaluation table or report",
        description=(
            "Read a performance form — the 绩效目标公开表, a 绩效目标表 (long per-project "
            "layout or the budget system's one row per indicator), a 绩效自评表 (财预〔2020〕10号 "
            "annex or Hebei's variant) or a prose evaluation report — from .xlsx, .docx, a "
            "saved .html page, a .pdf with a text layer or text pasted from a web page, and "
            "show its form, layout and every figure with where it came from. .docx needs "
            'the extra word, .pdf the extra pdf: pip install "pension-subsidy[word,pdf]".'
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the form to read")
    add_format(parser)
    add_locale(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print what was read."""
    document = read_form(args.file)
    if args.format == "json":
        write(to_json(document.data()))
    else:
        write(render_form(document, args.locale))
    return 0
