"""``--format text|json|html|xlsx`` and ``-o FILE``: where a command's output goes.

Text, JSON and HTML go to standard output unless ``-o`` names a file; a workbook is binary,
so ``xlsx`` needs ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from pension_subsidy.cli._common import add_format, write
from pension_subsidy.exceptions import DataFileError

#: The formats of the commands that render for people as well as programs.
DOCUMENT_FORMATS: tuple[str, ...] = ("text", "json", "html", "xlsx")
#: The exit code of a usage error (as argparse's).
_EXIT_USAGE = 2


def add_document_output(parser: argparse.ArgumentParser) -> None:
    """--format text|json|html|xlsx and -o/--output FILE."""
    add_format(parser, DOCUMENT_FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE instead of standard output (required for --format xlsx)",
    )


def emit(args: argparse.Namespace, render: Callable[[], str | bytes]) -> int:
    """Render and write to ``-o FILE`` (text as UTF-8) or to standard output; the exit code.

    ``--format xlsx`` without ``-o`` is a usage error (exit 2), found before anything is read.
    """
    if args.format == "xlsx" and args.output is None:
        print(
            f"pension-subsidy {args.command}: error: --format xlsx writes a binary workbook; "
            "give the file to write with -o FILE",
            file=sys.stderr,
        )
        return _EXIT_USAGE
    document = render()
    if args.output is None:
        assert isinstance(document, str)  # only xlsx renders bytes, and it needs -o
        write(document)
        return 0
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        raise DataFileError(f"cannot write: {error.strerror}", path=str(args.output)) from None
    return 0
