r"""A one-line progress display on a terminal: percent, rows done, rate and time left.

The roster engine reports (:class:`~pension_subsidy.roster.progress.ProgressReport`); this
draws. It is this package's own small renderer, not tqdm or rich: one line rewritten with a
carriage return is all a roster needs, its reports come from the tallying thread only (the
worker processes' counts are gathered by the parent), and neither library would earn a
runtime dependency for that. A step's line ends at 100 % with its row count and duration.

>>> import io
>>> from pension_subsidy.roster.progress import ProgressReport
>>> out = io.StringIO()
>>> line = ProgressLine(out, clock=lambda: 0.0)
>>> line.report(ProgressReport("reading", 50, 100, "bytes", 2_000, 2.0))
>>> line.report(ProgressReport("reading", 100, 100, "bytes", 4_000, 4.0, finished=True))
>>> for drawn in out.getvalue().split("\r")[1:]:
...     print(drawn.replace("\x1b[K", "").rstrip())
reading       [##########..........]  50 %       2,000 rows     1,000 rows/s  ETA 0:02
reading       [####################] 100 %       4,000 rows     1,000 rows/s  in 0:04

On a Dask cluster the unit is the roster's parts (tasks), shown done of all:

>>> print(line.text(ProgressReport("reading", 3, 8, "parts", 1_500, 3.0)).replace("  ", " "))
reading    [#######.............]  37 %    3/8 parts    1,500 rows    500 rows/s ETA 0:05
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Final, TextIO

from pension_subsidy._text import display_width
from pension_subsidy.output.language import language_of
from pension_subsidy.roster.progress import ProgressReport

__all__ = ["ProgressLine", "progress_line"]

_WIDTH: Final = 20  # characters of the bar
_STEP_COLUMNS: Final = 12  # terminal columns of a step's name
_REDRAW_SECONDS: Final = 0.1  # at most ten lines a second, the last always drawn
_CLEAR_TO_END: Final = "\x1b[K"
_ETA_FROM: Final = 0.01  # a time left is guessed from 1 % and 1 s on, not before
_STEPS: Final = {
    "en": {
        "reading": "reading",
        "second_look": "second look",
        "rows": "rows",
        "in": "in",
        "parts": "parts",
    },
    "zh": {
        "reading": "读取名册",
        "second_look": "复核重复编号",
        "rows": "行",
        "in": "用时",
        "parts": "块",
    },
}


def _clock(seconds: float) -> str:
    """``M:SS`` (or ``H:MM:SS``) of a duration."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressLine:
    """Draws each step of a tally on one line of ``stream`` (a terminal).

    A :class:`~pension_subsidy.roster.progress.ProgressSink`; also callable as a plain
    ``(done, total)`` listener, drawn as a step without a row count.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        locale: str = "en",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.words = _STEPS[language_of(locale)]
        self.clock = clock
        self.drawn = -_REDRAW_SECONDS
        self.open = False
        self.started: float | None = None

    def report(self, update: ProgressReport) -> None:
        """Draw a report (at most ten a second; a step's last one always)."""
        now = self.clock()
        if not update.finished and now - self.drawn < _REDRAW_SECONDS:
            return
        self.drawn = now
        self.stream.write("\r" + self.text(update) + _CLEAR_TO_END)
        self.open = True
        if update.finished:
            self.stream.write("\n")
            self.open = False
        self.stream.flush()

    def __call__(self, done: int, total: int) -> None:
        """A plain ``(done, total)`` report: a step with no row count."""
        now = self.clock()
        if self.started is None:
            self.started = now
        finished = bool(total) and done >= total
        update = ProgressReport("reading", done, total or None, "bytes", 0, now - self.started)
        self.report(update if not finished else _finished(update))

    def text(self, update: ProgressReport) -> str:
        """One line for a report."""
        words = self.words
        step = words.get(update.step, update.step)
        # padded to 12 terminal columns: a Chinese character takes two
        parts = [step + " " * max(0, _STEP_COLUMNS - display_width(step))]
        fraction = update.fraction
        if fraction is not None:
            filled = int(fraction * _WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {int(fraction * 100):3d} %")
        if update.unit == "parts" and update.total:
            # a Dask run: its tasks (parts of the roster) done of all
            parts.append(f"{update.done:>5,}/{update.total:,} {words['parts']}")
        if update.rows or update.unit == "rows":
            parts.append(f"{update.rows:>10,} {words['rows']}")
            if update.elapsed > 0:
                parts.append(f"{update.rows / update.elapsed:>8,.0f} {words['rows']}/s")
        if update.finished:
            parts.append(f"{words['in']} {_clock(update.elapsed)}")
        elif fraction is not None and fraction >= _ETA_FROM and update.elapsed >= _ETA_FROM * 100:
            parts.append(f"ETA {_clock(update.elapsed * (1 - fraction) / fraction)}")
        else:
            parts.append(_clock(update.elapsed))
        return "  ".join(parts)

    def close(self) -> None:
        """End a line left open (a run that failed midway)."""
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False


def _finished(update: ProgressReport) -> ProgressReport:
    return ProgressReport(
        update.step, update.done, update.total, update.unit, update.rows, update.elapsed, True
    )


def progress_line(
    *, enabled: bool = True, stream: TextIO | None = None, locale: str = "en"
) -> ProgressLine | None:
    """A progress line on ``stream`` (default stderr) when it is a terminal, else None.

    ``enabled=False`` (the ``--no-progress`` option) gives None whatever the stream.
    """
    stream = sys.stderr if stream is None else stream
    if not enabled or not stream.isatty():
        return None
    return ProgressLine(stream, locale=locale)
