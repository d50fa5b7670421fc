"""The futures of one tally on a Dask cluster: submitted, watched for progress, released.

Each pass is a task per part; as the first pass's tasks (and the second look's) complete,
a progress listener (:mod:`~pension_subsidy.roster.progress`) is told the parts done of
the total and the rows read so far — one step ``reading``, then ``second_look`` when some
id hash is repeated. The listener is told on the client, from the futures as they
complete, never from a worker; without one, the results are simply gathered.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from pension_subsidy.roster.distributed_parts import (
    Candidate,
    Failure,
    FirstPass,
    Part,
    Summary,
    bucket,
    candidates,
    first_pass,
    repeats,
    summary,
)
from pension_subsidy.roster.progress import ProgressMeter
from pension_subsidy.roster.rules import RosterRules

__all__ = ["PARTS", "Run", "summary_with_rows"]

#: The unit of a distributed tally's progress: parts (tasks) of the roster done.
PARTS = "parts"


def summary_with_rows(result: FirstPass) -> tuple[Summary, int]:
    """A part's summary for the client, and the rows its first pass read (for progress)."""
    return summary(result), result.rows_read


class Run:
    """The futures of one distributed tally, released however it ends."""

    def __init__(
        self,
        client: Any,
        rules: RosterRules,
        as_of: datetime.date,
        *,
        check_duplicates: bool,
        bits: int,
        meter: ProgressMeter,
    ) -> None:
        self.client = client
        self.rules = rules
        self.as_of = as_of
        self.check_duplicates = check_duplicates
        self.bits = bits
        self.meter = meter
        self.futures: list[Any] = []

    def _keep(self, future: Any) -> Any:
        self.futures.append(future)
        return future

    def first(self, part: Part) -> Any:
        """The first pass over ``part``, on a worker (its result stays there)."""
        return self._keep(
            self.client.submit(
                first_pass,
                part,
                self.rules,
                self.as_of,
                hashes=self.check_duplicates,
                bits=self.bits,
                pure=False,
            )
        )

    def summaries(self, firsts: Sequence[Sequence[Any]]) -> list[list[Summary]]:
        """Each file's parts' summaries, the reading step's progress told as they come."""
        futures = [
            [self._keep(self.client.submit(summary_with_rows, f, pure=False)) for f in file]
            for file in firsts
        ]
        found = self._watched([future for file in futures for future in file], rows=True)
        return [[found[future.key][0] for future in file] for file in futures]

    def summaries_of(self, firsts: Sequence[Any]) -> list[Summary]:
        """The summaries of a few parts read again (no step of their own)."""
        futures = [self._keep(self.client.submit(summary, f, pure=False)) for f in firsts]
        gathered: list[Summary] = self.client.gather(futures)
        return gathered

    def _watched(self, futures: Sequence[Any], *, rows: bool) -> dict[Any, Any]:
        """The futures' results by key; a step of the progress told as each completes.

        With ``rows``, each result is a pair whose second item is the rows read.
        """
        if self.meter.listener is None:
            results = self.client.gather(list(futures))
            return {future.key: result for future, result in zip(futures, results, strict=True)}
        import distributed  # noqa: PLC0415  (the dask extra, as the client)

        as_completed: Any = distributed.as_completed  # not typed

        self.meter.begin_pass(total=len(futures), unit=PARTS)
        found: dict[Any, Any] = {}
        read = 0
        for future, result in as_completed(futures, with_results=True):
            found[future.key] = result
            read += result[1] if rows else 0
            self.meter.advance(len(found), read)
        self.meter.finish()
        return found

    def repeated(self, firsts: Sequence[Any]) -> set[int]:
        """Every hash recorded more than once, bucket by bucket on the workers."""
        found = []
        for index in range(1 << self.bits):
            pieces = [self._keep(self.client.submit(bucket, f, index, pure=False)) for f in firsts]
            found.append(self._keep(self.client.submit(repeats, pieces, pure=False)))
        return set().union(*self.client.gather(found))

    def candidates(
        self, parts: Sequence[Part], firsts: Sequence[Any], repeated: set[int]
    ) -> list[list[Candidate]]:
        """Each part's accepted rows whose id hash is repeated (the second look's step)."""
        shared = self._keep(self.client.scatter(repeated, broadcast=True))
        futures = [
            self._keep(
                self.client.submit(
                    candidates, part, first, shared, self.rules, self.as_of, pure=False
                )
            )
            for part, first in zip(parts, firsts, strict=True)
        ]
        found = self._watched(futures, rows=False)
        rows: list[list[Candidate] | Failure] = [found[future.key] for future in futures]
        for item in rows:
            if isinstance(item, Failure):
                raise item.error()
        return [item for item in rows if not isinstance(item, Failure)]

    def release(self) -> None:
        """Cancel every future of the run (what the workers keep of it is freed)."""
        self.client.cancel(self.futures)
        self.futures.clear()
