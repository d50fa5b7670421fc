"""How far a roster's tally is: steps, units done of a total, rows, for a progress display.

The roster engine draws nothing: it tells a listener. A listener is either a plain callable
``(done, total)`` (:data:`~pension_subsidy.roster.row_source.Progress`: bytes or rows done,
total 0 when unknown) or a :class:`ProgressSink`, whose ``report`` method receives a
:class:`ProgressReport` for each step — reading the roster, and the second look at repeated
ids when there is one — with rows done, and a last report of each step that is ``finished``
with ``done == total``. The command line's renderer (``pension_subsidy.output.progress``)
is such a sink; so can a notebook's widget be.

>>> reports = []
>>> class Sink:
...     def report(self, update: ProgressReport) -> None:
...         reports.append((update.step, update.done, update.total, update.rows, update.finished))
>>> meter = ProgressMeter(Sink())
>>> meter.begin_pass(total=100, unit="bytes")
>>> meter.advance(40, rows=4)
>>> meter.close()
>>> reports
[('reading', 0, 100, 0, False), ('reading', 40, 100, 4, False), ('reading', 100, 100, 4, True)]
"""

from __future__ import annotations

import time
from typing import Final, Protocol, runtime_checkable

import attrs

from pension_subsidy.roster.row_source import Progress

__all__ = ["STEPS", "ProgressMeter", "ProgressReport", "ProgressSink"]

#: The steps of a tally, in order: reading every row, then (only when some id hash was
#: recorded more than once) reading again for the rows of those ids.
STEPS: Final = ("reading", "second_look")


@attrs.frozen
class ProgressReport:
    """Where one step of a tally is.

    ``done`` and ``total`` count ``unit`` (``"bytes"`` of a file, or ``"rows"``); ``total``
    is None when not known beforehand. ``rows`` are the rows read so far in this step,
    ``elapsed`` the seconds since it began; the last report of a step is ``finished``.
    """

    step: str
    done: int
    total: int | None
    unit: str
    rows: int
    elapsed: float
    finished: bool = False

    @property
    def fraction(self) -> float | None:
        """The part done, 0 to 1 (1 when finished), or None when the total is not known."""
        if self.finished:
            return 1.0
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


@runtime_checkable
class ProgressSink(Protocol):
    """A listener that receives a :class:`ProgressReport` for each step of a tally."""

    def report(self, update: ProgressReport) -> None:
        """Take one report (called from the tallying thread)."""


class ProgressMeter:
    """Keeps the step, the units and the rows done, and tells the listener.

    Each pass over a roster (:meth:`begin_pass`) is the next of :data:`STEPS`; beginning a
    pass, or :meth:`close`, finishes the one before with ``done == total``. The sources and
    the parallel path call :meth:`advance`.
    """

    def __init__(self, listener: Progress | ProgressSink | None) -> None:
        self.listener = listener
        self.passes = 0
        self.step: str | None = None
        self.total: int | None = None
        self.unit = "bytes"
        self.done = 0
        self.rows = 0
        self.started = 0.0

    def begin_pass(self, *, total: int | None, unit: str) -> None:
        """Start the next step (finishing the one before)."""
        self.finish()
        self.step = STEPS[min(self.passes, len(STEPS) - 1)]
        self.passes += 1
        self.total, self.unit = total, unit
        self.done = self.rows = 0
        self.started = time.monotonic()
        self._tell(finished=False)

    def advance(self, done: int, rows: int) -> None:
        """Units and rows done so far in this step."""
        if self.step is None:
            return
        self.done, self.rows = done, rows
        self._tell(finished=False)

    def finish(self) -> None:
        """End the current step at its whole total (nothing when no step is open)."""
        if self.step is None:
            return
        if self.total is None:
            self.total = self.done
        self.done = self.total
        self._tell(finished=True)
        self.step = None

    def close(self) -> None:
        """End the tally's progress: the last step reaches its total."""
        self.finish()

    def _tell(self, *, finished: bool) -> None:
        listener = self.listener
        if listener is None or self.step is None:
            return
        if isinstance(listener, ProgressSink):
            listener.report(
                ProgressReport(
                    step=self.step,
                    done=self.done,
                    total=self.total,
                    unit=self.unit,
                    rows=self.rows,
                    elapsed=time.monotonic() - self.started,
                    finished=finished,
                )
            )
        else:
            listener(self.done, self.total or 0)
