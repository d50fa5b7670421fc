"""Reading a roster of insured persons (参保人员名册): CSV, ``.xlsx`` or Parquet, into a tally.

:func:`tally_roster` opens the file (:mod:`~pension_subsidy.roster.file_source`), finds the
columns of its header (:mod:`~pension_subsidy.roster.headers`, which lists the fields and
their English and Chinese names) and chooses the engine that tallies it: the columnar one
(polars), the pure one in several processes, or the pure one in this process — the same
tally and rejections whichever it is. The names of those modules are handed on from here.

>>> header = ["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
...           "建档立卡", "村干部", "失地农民", "领取待遇", "特困", "补缴"]
>>> resolve_columns(header)
(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from pension_subsidy.exceptions import DataFileError, InvalidHeadcountError, Phrase, type_phrase
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.csv_source import _CsvSource, detect_encoding
from pension_subsidy.roster.engine import tally_source
from pension_subsidy.roster.file_source import (
    FAST_INSTALL,
    open_roster,
    parquet_ready,
    read_header,
)
from pension_subsidy.roster.headers import (
    CHINESE_HEADERS,
    OPTIONAL_HEADERS,
    resolve_columns,
    resolve_optional_columns,
)
from pension_subsidy.roster.partitions import default_jobs, tally_csv_in_parts
from pension_subsidy.roster.progress import ProgressMeter, ProgressSink
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from pension_subsidy.roster.tally import Tally
from pension_subsidy.roster.xlsx_source import _XlsxSource

__all__ = [
    "CHINESE_HEADERS",
    "ENGINES",
    "OPTIONAL_HEADERS",
    "Progress",
    "detect_encoding",
    "read_header",
    "resolve_columns",
    "resolve_optional_columns",
    "tally_roster",
]

#: The file opened as a source of rows (the name other modules of the package know it by).
_source = open_roster

#: The engines :func:`tally_roster` can use: ``auto`` is the columnar one when installed.
ENGINES: Final = ("auto", "pure", "columnar")


@attrs.frozen
class _Job:
    """One roster file to tally: its source, its columns and what to do with its rows."""

    file: Path
    source: _CsvSource | _XlsxSource
    rules: RosterRules
    indices: tuple[int, ...]
    width: int
    optional: Mapping[str, int]
    on_reject: Callable[[Rejection], None] | None
    check_duplicates: bool

    @classmethod
    def of(
        cls,
        source: _CsvSource | _XlsxSource,
        rules: RosterRules | None,
        columns: Mapping[str, str] | None,
        on_reject: Callable[[Rejection], None] | None,
        check_duplicates: bool,
    ) -> _Job:
        """The job of ``source``: its header read, the columns of the fields found."""
        header = source.header()
        return cls(
            source.path,
            source,
            rules if rules is not None else default_roster_rules(),
            resolve_columns(header, columns, path=str(source.path)),
            len(header),
            resolve_optional_columns(header, columns, path=str(source.path)),
            on_reject,
            check_duplicates,
        )


def tally_roster(
    path: str | Path,
    rules: RosterRules | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    check_duplicates: bool = True,
    on_progress: Progress | ProgressSink | None = None,
    jobs: int | None = None,
    engine: str = "auto",
) -> Tally:
    """Read a roster file (CSV or ``.xlsx``) and tally it under ``rules``.

    ``rules`` defaults to the bundled example rules (illustrative standards); eligibility is
    taken as of their ``as_of`` (else today, recorded in the tally). ``columns`` maps fields
    (the optional ones too) to other header names; the optional fields are found by
    :data:`OPTIONAL_HEADERS`. ``on_reject`` receives every rejected row with its
    line and reason. ``check_duplicates=False`` skips the duplicate person-id check (which
    costs time, and 8 bytes a person in an anonymous temporary file, gone however the run
    ends); the tally then records that it was skipped. ``on_progress`` is told how far the
    reading is: a callable gets ``(bytes or rows done, total)``, a
    :class:`~pension_subsidy.roster.progress.ProgressSink` a report per step with rows done.

    ``jobs`` is the number of processes for a CSV file (default: every core the process may
    use for a file of 8 MiB or more, else 1). The result is the same for any ``jobs``; a
    file whose rows hold quote characters or lone carriage returns, or a UTF-16 file, is
    read in one process. The worker processes are forked, or spawned where there is no
    ``fork`` (Windows) or when ``PENSION_SUBSIDY_START_METHOD=spawn`` asks for it.

    ``engine`` is ``"pure"`` (this package's own), ``"columnar"`` (polars, the ``fast``
    extra; :mod:`~pension_subsidy.roster.columnar`) or ``"auto"`` (the columnar engine when
    installed and ``jobs`` is not given — ``jobs`` are the pure engine's processes): the same
    tally and rejections either way; a file the columnar engine cannot read exactly (an
    ``.xlsx`` workbook, quotes, UTF-16) is read by the pure engine.

    Rows already in memory (a pandas DataFrame, a pyarrow Table, mappings) are tallied by
    :func:`~pension_subsidy.roster.frame_source.tally_rows`; given here, they are refused
    with a :class:`~pension_subsidy.DataFileError` that says so.
    """
    file = _roster_path(path)
    meter = ProgressMeter(on_progress)
    if file.suffix.lower() == ".parquet":
        return _tally_parquet(file, rules, columns, on_reject, check_duplicates, engine, meter)
    job = _Job.of(_source(file, encoding, meter), rules, columns, on_reject, check_duplicates)
    _check_jobs(jobs)
    _check_engine(engine)
    return _tally_file(job, engine=engine, jobs=jobs)


def _roster_path(path: object) -> Path:
    """``path`` as a file's path; rows in memory are refused, pointing to ``tally_rows``."""
    if isinstance(path, str | os.PathLike):
        return Path(path)
    said = {
        "path_types": Phrase("roster.or", first="str", second="os.PathLike"),
        "type": type_phrase(path),
        "frame": "DataFrame",
        "function": "tally_rows(rows)",
    }
    raise DataFileError(code="roster.read.not_a_path", params=said, field="path")


def _check_jobs(jobs: int | None) -> None:
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        said = {"at": "jobs: ", "got": repr(jobs)}
        raise InvalidHeadcountError(code="roster.read.jobs", params=said, field="jobs", value=jobs)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        said = {"at": "engine: ", "known": ", ".join(ENGINES), "got": repr(engine)}
        raise DataFileError(code="roster.one_of", params=said, field="engine")


def _tally_file(job: _Job, *, engine: str, jobs: int | None) -> Tally:
    """The tally of a file: by the columnar engine, in parts, or in this process."""
    source = job.source
    if isinstance(source, _CsvSource):
        tally = None
        if engine == "columnar" or (engine, jobs) == ("auto", None):
            tally = _columnar(job, source, engine=engine)
        if tally is None:
            parts = default_jobs(job.file) if jobs is None else jobs
            tally = None if parts <= 1 else _in_parts(job, source, parts)
        if tally is not None:
            return tally
    return tally_source(
        source,
        rules=job.rules,
        columns=job.indices,
        width=job.width,
        on_reject=job.on_reject,
        check_duplicates=job.check_duplicates,
        path=str(job.file),
        optional_columns=job.optional,
    )


def _in_parts(job: _Job, source: _CsvSource, parts: int) -> Tally | None:
    """The pure engine's tally in ``parts`` processes (None: the file is read in one)."""
    return tally_csv_in_parts(
        job.file,
        source.encoding,
        source,
        rules=job.rules,
        columns=job.indices,
        width=job.width,
        jobs=parts,
        on_reject=job.on_reject,
        check_duplicates=job.check_duplicates,
        progress=source.progress,
        optional_columns=job.optional,
    )


def _columnar(job: _Job, source: _CsvSource, *, engine: str) -> Tally | None:
    """The columnar engine's tally, or None for the pure engine (not installed, or fallen back).

    ``auto`` in a child process (a worker of the caller's own ``multiprocessing`` pool) takes
    the pure engine: polars' thread pool does not survive ``fork``, and a forked child that
    touches it can hang.
    """
    if engine == "auto" and multiprocessing.parent_process() is not None:
        return None
    from pension_subsidy.roster import columnar  # noqa: PLC0415  (polars only when asked for)

    if not columnar.columnar_available():
        if engine == "columnar":
            said = {"at": "engine: ", "package": "polars", "install": FAST_INSTALL}
            raise DataFileError(code="roster.read.needs_polars", params=said, field="engine")
        return None
    return columnar.tally_csv_columnar(
        job.file,
        source.encoding,
        rules=job.rules,
        columns=job.indices,
        width=job.width,
        optional_columns=job.optional,
        on_reject=job.on_reject,
        check_duplicates=job.check_duplicates,
        progress=source.progress,
    )


def _tally_parquet(  # noqa: PLR0917  (tally_roster's options, handed on as they came)
    file: Path,
    rules: RosterRules | None,
    columns: Mapping[str, str] | None,
    on_reject: Callable[[Rejection], None] | None,
    check_duplicates: bool,
    engine: str,
    on_progress: ProgressMeter | None,
) -> Tally:
    """A Parquet roster's tally, by the columnar engine (its ``columnar_parquet`` module)."""
    _check_engine(engine)
    parquet_ready(engine)
    from pension_subsidy.roster.columnar_parquet import tally_parquet  # noqa: PLC0415

    if not file.is_file():
        raise DataFileError(code="roster.read.no_such_file", path=str(file))
    header: Sequence[str] = read_header(file)
    return tally_parquet(
        file,
        rules=rules if rules is not None else default_roster_rules(),
        columns=resolve_columns(header, columns, path=str(file)),
        width=len(header),
        optional_columns=resolve_optional_columns(header, columns, path=str(file)),
        on_reject=on_reject,
        check_duplicates=check_duplicates,
        progress=on_progress,
    )
