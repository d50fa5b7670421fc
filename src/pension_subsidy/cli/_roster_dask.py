"""``roster PATHS… --dask SCHEDULER``: the roster command on a Dask cluster.

Several roster files (or a quoted glob) are one roster there, tallied by
:func:`~pension_subsidy.roster.distributed.tally_roster_distributed`; without ``--dask``
one file is all the command takes (several are a usage error, exit 2, naming ``--dask``).
``--dask local[:N]`` starts a ``LocalCluster`` of N worker processes (default: the cores
this process may use) for the run; any other value is the address of a running scheduler
(``tcp://host:8786``).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from pension_subsidy.cli._output import command_inputs
from pension_subsidy.cli._roster import _RejectsFile
from pension_subsidy.exceptions import (
    DataFileError,
    InvalidOverrideError,
    MissingDependencyError,
)
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.distributed import roster_paths, tally_roster_distributed
from pension_subsidy.roster.read import tally_roster
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

#: Seconds to wait for a scheduler (or a local cluster) to answer.
_CONNECT_SECONDS = 30


def add_dask_arguments(parser: argparse.ArgumentParser) -> None:
    """More roster files, and ``--dask SCHEDULER``."""
    parser.add_argument(
        "more",
        nargs="*",
        action=_ExpandGlobs,
        metavar="FILE",
        help="more roster files, or a quoted glob (with --dask: one roster, in the order "
        "given; the first accepted row of a person id stays)",
    )
    parser.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="tally on a Dask cluster: a scheduler's address (tcp://host:8786), or local[:N] "
        "for N local worker processes; every worker must see the files at the same paths",
    )


class _ExpandGlobs(argparse.Action):
    """The roster files as paths: a quoted glob (the first FILE too) becomes its matches.

    Done as the arguments are read, so that everything after sees files: the ``--rejects``
    file takes its header from the first one.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Set ``file`` to the first path and ``more`` to the others."""
        given = [namespace.file, *(values or [])]
        try:
            paths = [str(path) for path in roster_paths(given)]
        except DataFileError:
            paths = given  # a pattern matching nothing: said where the files are read
        namespace.file = paths[0]
        setattr(namespace, self.dest, paths[1:])


def roster_tally(args: argparse.Namespace) -> Callable[..., Tally]:
    """:func:`~pension_subsidy.roster.read.tally_roster`, or the same call on Dask."""
    if args.dask is None:
        if args.more:
            msg = (
                f"several roster files ({1 + len(args.more)}) are one roster only on Dask: add "
                "--dask local (or --dask tcp://host:8786), or give one file"
            )
            raise InvalidOverrideError(msg, text=" ".join([args.file, *args.more]))
        return tally_roster
    for given, option in ((args.jobs is not None, "--jobs"), (_columnar(args), "--engine")):
        if given:
            msg = f"{option}: not with --dask, whose workers each run the pure engine on a block"
            raise InvalidOverrideError(msg, text=option)
    return lambda path, rules, **options: _on_dask(args, rules, **options)


def _columnar(args: argparse.Namespace) -> bool:
    """Whether another engine than the pure one was asked for."""
    return getattr(args, "engine", "auto") not in ("auto", "pure")


def _on_dask(
    args: argparse.Namespace,
    rules: RosterRules,
    *,
    columns: Mapping[str, str] | None,
    encoding: str | None,
    on_reject: Callable[[Rejection], None] | None,
    check_duplicates: bool,
    **_: Any,  # progress, jobs, engine: a cluster has its dashboard, workers, pure engine
) -> Tally:
    paths = roster_paths([args.file, *args.more])
    several = len(paths) > 1

    def rejected(path: Path, rejection: Rejection) -> None:
        if on_reject is not None:
            row = (str(path), *rejection.row) if several else rejection.row
            on_reject(attrs.evolve(rejection, row=row))

    with _client(args.dask) as client:
        return tally_roster_distributed(
            paths,
            rules,
            client=client,
            columns=columns,
            encoding=encoding,
            on_reject=rejected,
            check_duplicates=check_duplicates,
        )


@contextlib.contextmanager
def _client(scheduler: str) -> Iterator[Any]:
    """A client of the scheduler, or of a local cluster made (and closed) for the run."""
    try:
        import distributed  # noqa: PLC0415  (the dask extra)
    except ImportError:
        msg = "--dask needs distributed: pip install 'pension-subsidy[dask]'"
        raise MissingDependencyError(msg, extra="dask") from None
    dask: Any = distributed  # its classes are not typed
    kind, _, count = scheduler.partition(":")
    with contextlib.ExitStack() as stack:
        if kind == "local":
            workers = _workers(count, scheduler)
            address: Any = stack.enter_context(
                dask.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: 8787 may be taken
                    worker_dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
        else:
            address = scheduler
        try:
            client = stack.enter_context(dask.Client(address, timeout=_CONNECT_SECONDS))
        except (OSError, TimeoutError) as error:
            msg = f"cannot reach the Dask scheduler {scheduler!r}: {error}"
            raise DataFileError(msg) from None
        yield client


def _workers(count: str, scheduler: str) -> int:
    if not count:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
    if count.isdigit() and int(count) >= 1:
        return int(count)
    msg = f"--dask: expected local, local:N (N ≥ 1) or a scheduler's address, got {scheduler!r}"
    raise InvalidOverrideError(msg, text=scheduler)


def dask_rejects(args: argparse.Namespace, rejects: _RejectsFile | None) -> _RejectsFile | None:
    """The ``--rejects`` file: for several files, in roster order with a ``file`` column."""
    if rejects is None or args.dask is None or not args.more:
        return rejects
    rejects.close(keep=False)
    inputs = [*command_inputs(args), *(("roster", path) for path in args.more)]
    return _RosterOrderRejects(args.rejects, args.file, args.encoding, inputs, locale=args.locale)


class _RosterOrderRejects(_RejectsFile):
    """Rejected rows of several files, as they come (in roster order), each after its file."""

    def __init__(
        self,
        target: str,
        roster: str,
        encoding: str | None,
        inputs: list[tuple[str, str | None]],
        *,
        locale: str,
    ) -> None:
        super().__init__(target, roster, encoding, inputs, locale=locale)
        self.header = ["file", *self.header]

    def __call__(self, rejection: Rejection) -> None:
        """Keep one rejected row: they come in order, file by file."""
        try:
            pickle.dump(rejection, self.files[0], protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:
            raise DataFileError(f"cannot write: {error.strerror}", path=self.target) from None
