"""``--format text|json|html|xlsx`` and ``-o FILE``: where a command's output goes.

Text, JSON and HTML go to standard output unless ``-o`` names a file; a workbook is binary,
so ``xlsx`` needs ``-o`` (``-o -`` sends it to standard output, for a pipe). A file is
written all or nothing and may not be one of the command's inputs
(:mod:`pension_subsidy._files`); that is checked before anything is read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from pension_subsidy._files import check_output, write_output
from pension_subsidy.cli._common import add_format, message_locale, write
from pension_subsidy.output.errors import message_text

#: ``-o -``: the output goes to standard output (a workbook too, as bytes).
STDOUT = "-"
#: The formats of the commands that render for people as well as programs.
DOCUMENT_FORMATS: tuple[str, ...] = ("text", "json", "html", "xlsx")
#: The exit code of a usage error (as argparse's).
_EXIT_USAGE = 2
#: The options that name a command's input files, and what an error calls each.
_INPUT_OPTIONS = (
    ("source", "source"),
    ("file", "roster"),
    ("actuals", "actuals file"),
    ("rules", "rules file"),
    ("report", "report source"),
    ("params", "parameter file"),
    ("more", "roster"),
)


def command_inputs(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """Every input file a command was given, with what it is: what no output may overwrite."""
    inputs: list[tuple[str, str | None]] = []
    for option, role in _INPUT_OPTIONS:
        value = getattr(args, option, None)
        values = value if isinstance(value, list | tuple) else [value]
        inputs += [(role, item) for item in values if isinstance(item, str)]
    return inputs


def check_outputs(args: argparse.Namespace, *options: str) -> None:
    """Refuse each output option given that is an input, a folder or in a missing folder."""
    for option in options:
        output = getattr(args, option, None)
        if output is not None and output != STDOUT:
            check_output(output, command_inputs(args))


def add_document_output(parser: argparse.ArgumentParser) -> None:
    """--format text|json|html|xlsx and -o/--output FILE."""
    add_format(parser, DOCUMENT_FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help=(
            "write to FILE instead of standard output (required for --format xlsx; "
            "'-' is standard output)"
        ),
    )


def emit(args: argparse.Namespace, render: Callable[[], str | bytes]) -> int:
    """Render and write to ``-o FILE`` (text as UTF-8) or to standard output; the exit code.

    ``--format xlsx`` without ``-o`` is a usage error (exit 2), and an output that is an
    input or cannot be written where it points an input error (exit 3), both found before
    anything is read.
    """
    if args.format == "xlsx" and args.output is None:
        said = {"command": args.command}
        print(message_text("cli.xlsx_needs_output", said, message_locale(args)), file=sys.stderr)
        return _EXIT_USAGE
    check_outputs(args, "output")
    document = render()
    if args.output is None or args.output == STDOUT:
        if isinstance(document, str):
            write(document)
        else:  # a workbook asked for on standard output with -o -
            sys.stdout.buffer.write(document)
            sys.stdout.flush()
        return 0
    write_output(args.output, document.encode("utf-8") if isinstance(document, str) else document)
    return 0
