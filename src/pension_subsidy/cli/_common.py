"""Options shared by several commands."""

from __future__ import annotations

import argparse
import sys

from pension_subsidy.output.language import LOCALES


def add_source(parser: argparse.ArgumentParser) -> None:
    """SOURCE: a bundled dataset name or a file; defaults to the bundled Menyuan 2022 data."""
    parser.add_argument(
        "source",
        nargs="?",
        default=None,
        metavar="SOURCE",
        help="a bundled dataset name or a data file (default: the bundled menyuan-2022)",
    )


def add_overrides(parser: argparse.ArgumentParser, help_text: str) -> None:
    """--set KEY.FIELD=VALUE, repeatable, collected in ``args.overrides``."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY.FIELD=VALUE",
        help=help_text,
    )


def add_format(
    parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "json")
) -> None:
    """--format text|json."""
    parser.add_argument("--format", choices=choices, default="text", help="output format")


def add_locale(parser: argparse.ArgumentParser) -> None:
    """--locale zh_CN|en."""
    parser.add_argument(
        "--locale",
        default="zh_CN",
        help=f"labels and number formatting, e.g. {' or '.join(LOCALES)} (default: zh_CN)",
    )


def write(text: str) -> None:
    """Write to standard output as UTF-8 whatever the terminal's encoding."""
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
