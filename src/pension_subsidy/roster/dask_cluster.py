"""A Dask client for a distributed tally: of a running scheduler, or of a local cluster.

:func:`dask_client` takes what ``roster --dask`` takes — a scheduler's address
(``tcp://host:8786``, ``tls://…``) or ``local[:N]`` for a ``LocalCluster`` of N worker
processes made (and closed) for the run — and yields a ``distributed.Client`` to hand to
:func:`~pension_subsidy.roster.distributed.tally_roster_distributed`.

>>> is_scheduler("tcp://10.0.0.5:8786"), is_scheduler("local:4"), is_scheduler("local:0")
(True, True, False)
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
from collections.abc import Iterator
from typing import Any

from pension_subsidy.exceptions import DataFileError, MissingDependencyError, os_reason

__all__ = ["CONNECT_SECONDS", "dask_client", "is_scheduler"]

#: Seconds to wait for a scheduler (or a local cluster) to answer.
CONNECT_SECONDS = 30

#: A scheduler's address (tcp://host:8786, tls://…), or local[:N] for a LocalCluster.
_SCHEDULER = re.compile(r"(?:(?:tcp|tls)://[\w.\-\[\]:]+:(\d{1,5})|local(?::[1-9]\d{0,3})?)")


def is_scheduler(text: str) -> bool:
    """Whether ``text`` is a scheduler's address (a port 1–65535) or ``local[:N]``."""
    match = _SCHEDULER.fullmatch(text)
    return match is not None and 0 < int(match.group(1) or 1) < 1 << 16


@contextlib.contextmanager
def dask_client(scheduler: str, *, option: str = "dask_client") -> Iterator[Any]:
    """A client of ``scheduler``, or of a local cluster made (and closed) for the run.

    ``scheduler`` is as :func:`is_scheduler` takes it. Raises
    :class:`~pension_subsidy.MissingDependencyError` without the ``dask`` extra (saying
    ``option`` needs it), :class:`~pension_subsidy.DataFileError` when nobody answers at the
    address (said at once, never after a client's minute of waiting).
    """
    try:
        import distributed  # noqa: PLC0415  (the dask extra)
    except ImportError:
        said = {
            "option": option,
            "package": "distributed",
            "install": "pip install 'pension-subsidy[dask]'",
        }
        code = "roster.cli.needs_distributed"
        raise MissingDependencyError(code=code, params=said, extra="dask") from None
    dask: Any = distributed  # its classes are not typed
    kind, _, count = scheduler.partition(":")
    with contextlib.ExitStack() as stack:
        if kind == "local":
            address: Any = stack.enter_context(
                dask.LocalCluster(
                    n_workers=_workers(count),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: 8787 may be taken
                    worker_dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
        else:
            _reachable(scheduler)
            address = scheduler
        try:
            client = stack.enter_context(dask.Client(address, timeout=CONNECT_SECONDS))
        except (OSError, TimeoutError, ValueError) as error:
            said = {"dask": "Dask", "scheduler": repr(scheduler), "reason": str(error)}
            raise DataFileError(code="roster.cli.unreachable", params=said) from None
        yield client


def _reachable(scheduler: str) -> None:
    """Refuse a scheduler nobody answers at, before a client is made.

    A ``distributed.Client`` that fails to connect still waits a minute to close when the
    process ends; a plain connection first says it at once.
    """
    host, _, port = scheduler.partition("://")[2].rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as error:
        said = {"dask": "Dask", "scheduler": repr(scheduler), "reason": os_reason(error)}
        raise DataFileError(code="roster.cli.unreachable", params=said) from None


def _workers(count: str) -> int:
    """N of local:N (checked as read), else the cores this process may use."""
    if count:
        return int(count)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
