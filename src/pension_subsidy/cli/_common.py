"""Options shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from pension_subsidy.exceptions import UnknownKeyError
from pension_subsidy.output.language import LOCALES, is_chinese


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
    """--locale zh_CN|en; ``args.locale_given`` says whether it was given."""
    parser.add_argument(
        "--locale",
        default="zh_CN",
        action=_LocaleAction,
        help=f"labels and number formatting, e.g. {' or '.join(LOCALES)} (default: zh_CN)",
    )


class _LocaleAction(argparse.Action):
    """Store --locale and note that it was given (error messages follow it only then)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.locale_given = True


#: The environment variables that name the language of messages, first found wins (POSIX).
_MESSAGE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def message_locale(args: argparse.Namespace) -> str:
    """The locale an error message is said in: ``--locale`` when given, else the environment.

    Without ``--locale`` (or in a command that has none) the environment decides, as for
    other command-line tools' messages: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    that is set, Chinese for ``zh*``, else English.
    """
    if getattr(args, "locale_given", False):
        return str(args.locale)
    for variable in _MESSAGE_VARIABLES:
        value = os.environ.get(variable)
        if value:
            return _language_of_environment(value)
    return "en"


def _language_of_environment(value: str) -> str:
    """``zh_CN`` or ``en`` for an environment locale (``zh_CN.UTF-8``, ``C``), by the one rule."""
    try:
        return "zh_CN" if is_chinese(value) else "en"
    except UnknownKeyError:
        # a name babel does not know (``xx_YY``): English, as for every non-Chinese locale
        return "en"


def write(text: str) -> None:
    """Write to standard output as UTF-8 whatever the terminal's encoding."""
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
