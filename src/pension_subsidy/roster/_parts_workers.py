"""What the roster's worker processes run: a range's first pass and its second look.

The start method of the workers (``fork`` where there is one), the id hash every process
agrees on under ``spawn`` (:func:`stable_hash`), and the spill files a worker writes to.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping, Sequence
from typing import BinaryIO, Final, cast

import attrs

from pension_subsidy.exceptions import DataFileError, Phrase
from pension_subsidy.roster._engine_pass import _Engine
from pension_subsidy.roster._engine_second_look import suspects
from pension_subsidy.roster._engine_values import collector_paused
from pension_subsidy.roster._parts_ranges import _NotSplittableError, _RangeSource
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.duplicates import HashLedger, LedgerContents, spill_file
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Cell, Place

#: The environment variable that picks the workers' start method: ``fork`` or ``spawn``.
START_METHOD_VARIABLE: Final = "PENSION_SUBSIDY_START_METHOD"
_START_METHODS: Final = ("fork", "spawn")
_HASH_KEY: Final = b"pension_subsidy person_id"


def start_method() -> str:
    """The start method of the roster's worker processes: ``fork`` where there is one.

    The environment variable :data:`START_METHOD_VARIABLE` may ask for ``spawn`` (what
    Windows has, and what macOS recommends) or ``fork``; a method this system lacks, or
    another value, is a :class:`~pension_subsidy.exceptions.DataFileError`.
    """
    available = multiprocessing.get_all_start_methods()
    asked = os.environ.get(START_METHOD_VARIABLE, "").strip()
    if not asked:
        return "fork" if "fork" in available else "spawn"
    if asked not in _START_METHODS or asked not in available:
        usable: str | Phrase = ""
        for method in reversed([name for name in _START_METHODS if name in available]):
            usable = Phrase("roster.or", first=method, second=usable) if usable else method
        said = {"usable": usable, "got": repr(asked)}  # the field names the variable
        code = "roster_engine.start_method"
        raise DataFileError(code=code, params=said, field=START_METHOD_VARIABLE)
    return asked


def stable_hash(person_id: str) -> int:
    """A signed 64-bit hash of a person id that is the same in every process.

    ``hash()`` of a string is salted per interpreter; spawned workers need one they agree
    on (a keyed BLAKE2b digest: slower than ``hash()``, used only under ``spawn``).

    >>> stable_hash("P1") == stable_hash("P1") != stable_hash("P2")
    True
    """
    digest = hashlib.blake2b(
        person_id.encode("utf-8", "surrogatepass"), digest_size=8, key=_HASH_KEY
    ).digest()
    return int.from_bytes(digest, "little", signed=True)


#: (line ends, rows read, counts per profile, rejections, where the id hashes lie, the
#: counts already folded into cells and persons per village).
_RangeResult = tuple[
    int,
    int,
    dict[tuple[str, ...], int],
    dict[str, int],
    LedgerContents | None,
    tuple[dict[Cell, int], dict[Place, int]],
]


def _tally_range(
    source: _RangeSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    ledger_fd: int | str | None,
    rejects_fd: int | str | None,
    optional: Mapping[str, int] | None,
    as_of: datetime.date,
    stable: bool = False,
    bound: int | None = None,
) -> _RangeResult | None:
    """One range in a worker, spilling to the files its parent made.

    A file is an inherited descriptor (``fork``) or a path to open (``spawn``); ``stable``
    hashes ids with :func:`stable_hash`; ``bound`` is the engine's (distinct keys held).
    Returns (line ends, rows read, counts per profile, rejections, where the id hashes lie,
    the folded counts); None when the range cannot be read apart from the rest.
    """
    with contextlib.ExitStack() as cleanup:
        if isinstance(ledger_fd, str):
            ledger_fd = os.open(ledger_fd, os.O_RDWR | getattr(os, "O_BINARY", 0))
            cleanup.callback(os.close, ledger_fd)
        ledger = None if ledger_fd is None else HashLedger(fd=ledger_fd)
        with collector_paused():
            on_reject = None
            if rejects_fd is not None:
                closefd = isinstance(rejects_fd, str)
                rejects = cleanup.enter_context(open(rejects_fd, "wb", closefd=closefd))
                on_reject = lambda rejection: pickle.dump(rejection, rejects)  # noqa: E731
            engine = _Engine(
                rules,
                columns,
                width,
                on_reject,
                ledger=ledger,
                path=str(source.path),
                optional=optional,
                as_of=as_of,
                id_hash=stable_hash if stable else None,
                bound=bound,
            )
            try:
                for chunk in source.chunks():
                    engine.process(chunk)
            except _NotSplittableError:
                return None
            counts = dict(engine.profile_counts())
        if ledger is not None:
            ledger.finish()  # the parent is handed where the hashes lie, not the hashes
        contents = None if ledger is None else ledger.contents()
        folded = (dict(engine.folded_cells), dict(engine.folded_persons))
        return source.lines, engine.rows_read, counts, dict(engine.rejections), contents, folded


def _suspects_in_range(
    source: _RangeSource,
    *,
    rules: RosterRules,
    columns: Sequence[int],
    width: int,
    optional: Mapping[str, int] | None,
    as_of: datetime.date,
    stable: bool,
    repeated: set[int],
) -> list[tuple[int, tuple[str, ...]]] | None:
    """One range's rows whose id hash is repeated (line from the range's start, row).

    The second look's reading, done in the workers; the parent confirms them in line order.
    None when the range cannot be read apart from the rest (any more).
    """
    engine = _Engine(
        rules,
        columns,
        width,
        None,
        ledger=None,
        path=str(source.path),
        optional=optional,
        as_of=as_of,
        id_hash=stable_hash if stable else None,
    )
    found: list[tuple[int, tuple[str, ...]]] = []
    with collector_paused():
        try:
            for chunk in source.chunks():
                found += ((line, tuple(row)) for line, row in suspects(engine, chunk, repeated))
        except _NotSplittableError:
            return None
    return found


def _replay(file: BinaryIO, offset: int, on_reject: Callable[[Rejection], None]) -> None:
    """A range's rejected rows, in order, with their lines counted from the file's start."""
    file.seek(0)
    while True:
        try:
            rejection = pickle.load(file)  # noqa: S301  (our own worker's file)
        except EOFError:
            return
        on_reject(attrs.evolve(rejection, line=rejection.line + offset))


def _spill(cleanup: contextlib.ExitStack, folder: str | None) -> BinaryIO:
    """A spill file: anonymous, or named in ``folder`` (for spawned workers to open)."""
    if folder is None:
        return cleanup.enter_context(spill_file())
    descriptor, name = tempfile.mkstemp(dir=folder)
    os.close(descriptor)
    return cast("BinaryIO", cleanup.enter_context(open(name, "w+b")))


def _handed(file: BinaryIO, spawned: bool) -> int | str:
    """How a worker finds a spill file: its descriptor (inherited), or its name (spawn)."""
    return str(file.name) if spawned else file.fileno()


def _ours(contents: LedgerContents, file: BinaryIO) -> LedgerContents:
    """A worker's ledger contents with the parent's descriptor of the same file."""
    fd = file.fileno()
    pieces = tuple(
        tuple((fd, offset, size) for _, offset, size in bucket) for bucket in contents.pieces
    )
    return LedgerContents(pieces, contents.remainder)
