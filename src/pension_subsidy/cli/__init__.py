"""The ``pension-subsidy`` command line: argument parsing and exit codes only.

Each command lives in its own module with a ``register(subparsers)`` function that adds its
parser and sets ``handler``. Exit codes: 0 fine, 1 a check found errors, 2 usage, 3 input
that cannot be read. Errors of the library are shown as one message, without a traceback.

May import: every layer (the top one). A command's module imports only what that command
needs at start-up; a feature it uses only for some options (a document format, a kind of
file) is imported inside the function that uses it, so that ``pension-subsidy scenario``
does not load the roster engine or the form readers (``tests/test_command_imports.py``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pension_subsidy.exceptions import (
    DataFileError,
    EvaluationError,
    MissingDependencyError,
    PensionSubsidyError,
    UnsolvableError,
)

__all__ = ["EXIT_CHECK_FAILED", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3

#: Each command's module, by the command's name, in the order the help lists them. Only the
#: module of the command being run is imported (with what it needs); the help imports all.
_COMMANDS: dict[str, str] = {
    "report": "_report",
    "audit": "_audit",
    "convert": "_convert",
    "evaluate": "_evaluate",
    "write-selfeval": "_write_selfeval",
    "plan-check": "_plan_check",
    "scenario": "_scenario",
    "solve": "_solve",
    "forecast": "_forecast",
    "sensitivity": "_sensitivity",
    "params": "_params",
    "kinds": "_kinds",
    "roster": "_roster",
    "synth-roster": "_synth_roster",
    "read": "_read",
    "template": "_template",
}


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with the subcommand ``command`` only, or with every one (None)."""
    parser = argparse.ArgumentParser(
        prog="pension-subsidy",
        description=(
            "Exact money, checks and reports for a county's urban-rural residents' pension "
            "supporting funds (城乡居民基本养老保险县级配套资金)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMANDS if command is None else (command,):
        importlib.import_module(f"pension_subsidy.cli.{_COMMANDS[name]}").register(subparsers)
    return parser


def _version() -> str:
    """The installed distribution's version (the package's own when run from a checkout)."""
    # imported here: importlib.metadata costs every command's start-up, and only --version needs it
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("pension-subsidy")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    With no arguments at all it prints the help (what the commands are) and exits 0.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(words[0] if words and words[0] in _COMMANDS else None)
    if not words:
        parser.print_help()
        return EXIT_OK
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `pension-subsidy report | head` is not an error
        return EXIT_OK
    except PensionSubsidyError as error:
        # Every number is bounded where it is read (money.parse_number, 10^15), so no figure
        # reaches Decimal or int beyond what they compute with: no other net is needed here.
        code = _exit_code(error)
        # said in --locale when given, else in the environment's language (LANG); imported
        # here, as the message catalogue is needed only when something went wrong
        from pension_subsidy.cli._common import message_locale  # noqa: PLC0415
        from pension_subsidy.output.errors import error_line  # noqa: PLC0415

        locale = message_locale(args)
        print(error_line(error, locale, check_failed=code == EXIT_CHECK_FAILED), file=sys.stderr)
    return code


def _exit_code(error: PensionSubsidyError) -> int:
    """The exit code for a library error: no traceback, one line, a code that says which."""
    if isinstance(error, DataFileError | EvaluationError | MissingDependencyError):
        return EXIT_INPUT  # input that cannot be read or used as given
    if isinstance(error, UnsolvableError):
        return EXIT_CHECK_FAILED  # a check result: no value keeps the project within
    return EXIT_USAGE  # an unknown key, option value or override
