"""The ``roster`` command's options: declared, and their values read (``--columns``, dates…).

A value argparse cannot take (``--jobs 0``, ``--as-of 2022-13-01``) is its usage error (exit
2), said by a message code of the catalogue in English, as argparse says its own.
"""

from __future__ import annotations

import argparse
import codecs
import datetime

from pension_subsidy.exceptions import DataFileError, Phrase

__all__ = ["add_roster_options", "columns_mapping"]


def add_roster_options(parser: argparse.ArgumentParser) -> None:
    """The options of the roster command after its files (rules, rejects, engine, as-of…)."""
    parser.add_argument("--rules", metavar="RULES.toml", help="the county's rules file")
    parser.add_argument("--rejects", metavar="FILE", help="write rejected rows to this CSV file")
    parser.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="header names of another export, e.g. person_id=身份证号,grade=档次",
    )
    parser.add_argument("--encoding", type=_encoding, help="the CSV's encoding (default: detected)")
    parser.add_argument(
        "--no-duplicate-check",
        action="store_true",
        help="skip the duplicate person-id check (faster; the output says it was skipped)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes for a CSV roster (default: every core for a file of 8 MiB or more, "
        "else 1); the result is the same for any N",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress line on stderr (drawn only when stderr is a terminal)",
    )
    parser.add_argument(
        "--engine",
        choices=("auto", "pure", "columnar"),
        default="auto",
        help="the engine: pure (this package's own), columnar (polars, the fast extra) or auto "
        "(columnar when installed and --jobs is not given); the result is the same",
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="take eligibility as of this day instead of today (overrides the rules' as_of), "
        "so that the same roster gives the same result on a later day",
    )
    parser.add_argument(
        "--report",
        nargs="?",
        const="menyuan-2022",
        metavar="SOURCE",
        help="also give the report of a budget (default menyuan-2022) whose county fund is "
        "built from the roster",
    )


def _encoding(text: str) -> str:
    try:
        return codecs.lookup(text).name
    except LookupError:
        said = Phrase("roster.cli.encoding", first="utf-8", second="gb18030", got=repr(text))
        raise argparse.ArgumentTypeError(said) from None


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        said = Phrase("roster.rules.date", form="YYYY-MM-DD", got=repr(text))
        raise argparse.ArgumentTypeError(said) from None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(Phrase("roster.read.jobs", at="", got=repr(text)))
    return jobs


def columns_mapping(text: str | None) -> dict[str, str] | None:
    """``--columns FIELD=HEADER,…`` as a mapping (None when not given)."""
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            said = {"option": "--columns", "form": "FIELD=HEADER", "got": repr(pair)}
            raise DataFileError(code="roster.cli.columns", params=said)
        mapping[field.strip()] = header.strip()
    return mapping
