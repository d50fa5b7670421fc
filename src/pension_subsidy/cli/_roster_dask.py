"""``roster PATHS… --dask SCHEDULER``: the roster command on a Dask cluster.

Several roster files (or a quoted glob) are one roster there, tallied by
:func:`~pension_subsidy.roster.distributed.tally_roster_distributed`; without ``--dask``
one file is all the command takes (several are a usage error, exit 2, naming ``--dask``).
``--dask local[:N]`` starts a ``LocalCluster`` of N worker processes (default: the cores
this process may use) for the run; any other value is the address of a running scheduler
(``tcp://host:8786``): :func:`~pension_subsidy.roster.dask_cluster.dask_client` makes the
client, :func:`~pension_subsidy.output.rejects_file.write_rejects` writes several files'
rejects.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from pension_subsidy._files import check_output
from pension_subsidy.cli._output import command_inputs
from pension_subsidy.exceptions import DataFileError, InvalidOverrideError, Phrase
from pension_subsidy.output.rejects_file import write_rejects
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.dask_cluster import dask_client, is_scheduler
from pension_subsidy.roster.distributed import roster_paths, tally_roster_distributed
from pension_subsidy.roster.progress import ProgressSink
from pension_subsidy.roster.read import read_header, tally_roster
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules
from pension_subsidy.roster.tally import Tally

if TYPE_CHECKING:
    from pension_subsidy.output.rejects_file import RejectsFile


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
        type=_scheduler,
        metavar="SCHEDULER",
        help="tally on a Dask cluster: a scheduler's address (tcp://host:8786), or local[:N] "
        "for N local worker processes; every worker must see the files at the same paths",
    )


def _scheduler(text: str) -> str:
    """The --dask value, checked as it is read (never a connection to a malformed one)."""
    if not is_scheduler(text):
        said = Phrase(
            "roster.cli.scheduler",
            address="tcp://host:8786",
            local="local",
            local_n="local:N",
            got=repr(text),
        )
        raise argparse.ArgumentTypeError(said)
    return text


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
            said = {
                "count": 1 + len(args.more),
                "dask": "Dask",
                "local": "--dask local",
                "remote": "--dask tcp://host:8786",
            }
            typed = " ".join([args.file, *args.more])
            raise InvalidOverrideError(code="roster.cli.several_files", params=said, text=typed)
        return tally_roster
    for given, option in ((args.jobs is not None, "--jobs"), (_columnar(args), "--engine")):
        if given:
            said = {"option": option, "dask": "--dask"}
            raise InvalidOverrideError(code="roster.cli.not_with_dask", params=said, text=option)
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
    on_progress: Progress | ProgressSink | None = None,
    **_: Any,  # jobs, engine: a cluster has its own workers, each running the pure engine
) -> Tally:
    paths = roster_paths([args.file, *args.more])
    several = len(paths) > 1
    kept: list[Rejection] | None = None
    if several and args.rejects:
        check_output(args.rejects, [*command_inputs(args), *(("roster", p) for p in args.more)])
        kept = []

    def rejected(path: Path, rejection: Rejection) -> None:
        row = (str(path), *rejection.row) if several else rejection.row
        rejection = attrs.evolve(rejection, row=row)
        if on_reject is not None:
            on_reject(rejection)
        if kept is not None:
            kept.append(rejection)

    with dask_client(args.dask, option="--dask") as client:
        tally = tally_roster_distributed(
            paths,
            rules,
            client=client,
            columns=columns,
            encoding=encoding,
            on_reject=rejected,
            check_duplicates=check_duplicates,
            on_progress=on_progress,
        )
    if kept is not None and tally.rows_read:  # a header alone: the command's error, no file
        _write_rejects(args, kept)
    return tally


def dask_rejects(args: argparse.Namespace, rejects: RejectsFile | None) -> RejectsFile | None:
    """The command's ``--rejects`` file; None for several files on Dask (written here)."""
    if rejects is None or args.dask is None or not args.more:
        return rejects
    rejects.close(keep=False)
    return None


def _write_rejects(args: argparse.Namespace, rejected: list[Rejection]) -> None:
    """Several files' rejected rows, in roster order, each after its file (a column)."""
    header = ["file", *read_header(args.file, encoding=args.encoding)]
    write_rejects(args.rejects, header, rejected, locale=args.locale)
