"""Reading a roster of insured persons (参保人员名册): CSV or ``.xlsx``, into a tally.

The first row is the header. Each of the roster's fields is found by its English name, by
its Chinese name, or through a ``columns`` mapping for other exports:

=============  ==========  ===============================================================
field          中文表头      values
=============  ==========  ===============================================================
person_id      人员编号      any text, not empty, unique
township       乡镇          text
village        村            text
birth_date     出生日期      YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD
paying         是否缴费      1 or 0 (是 or 否)
grade          缴费档次      the contribution grade in 元; empty when not paying
disability     残疾类别      empty, severe, mild, 重度 or 轻度
poverty        建档立卡      1 or 0 (是 or 否)
cadre          村干部        1 or 0 (是 or 否)
land_loss      失地农民      1 or 0 (是 or 否)
receiving      领取待遇      1 or 0 (是 or 否)
=============  ==========  ===============================================================

Optional fields (:data:`OPTIONAL_HEADERS`; a roster without the column has no such person):

===============  ====================================  =====================================
field            中文表头 (any one)                      values
===============  ====================================  =====================================
extreme_poverty  特困人员, 特困, 特困供养人员              1 or 0 (是 or 否)
low_income       低保对象, 低保                           1 or 0 (是 or 否)
relapse_risk     监测对象, 返贫致贫, 防止返贫监测对象        1 or 0 (是 or 否)
back_payment     补缴, 是否补缴, 补缴标志                  1 or 0 (是 or 否): a back-payment row
===============  ====================================  =====================================

Other columns are allowed and ignored; every row must have as many fields as the header.
CSV files may be UTF-8 (with or without a byte-order mark), GB18030 (GBK, as Chinese
exports often are) or UTF-16 with its byte-order mark; the encoding is detected from the
start of the file unless given. The header and the rows are read by the rules of Python's
``csv`` module, so the rows read are its records (a blank line is one, rejected for its
field count), each with the line it starts on. In an ``.xlsx`` workbook the active sheet
is read; each row keeps its sheet row number, and a formula cell must hold its saved
result. Values are taken as written: nothing is trimmed or "fixed".

>>> header = ["人员编号", "乡镇", "村", "出生日期", "是否缴费", "缴费档次", "残疾类别",
...           "建档立卡", "村干部", "失地农民", "领取待遇", "特困", "补缴"]
>>> resolve_columns(header)
(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
>>> resolve_optional_columns(header)
{'extreme_poverty': 11, 'back_payment': 12}
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

from pension_subsidy.exceptions import DataFileError, InvalidHeadcountError
from pension_subsidy.roster.classify import FIELDS, OPTIONAL_FIELDS, Rejection
from pension_subsidy.roster.csv_source import _CsvSource, detect_encoding
from pension_subsidy.roster.engine import tally_source
from pension_subsidy.roster.partitions import default_jobs, tally_csv_in_parts
from pension_subsidy.roster.progress import ProgressMeter, ProgressSink
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from pension_subsidy.roster.tally import Tally
from pension_subsidy.roster.xlsx_source import _XlsxSource

__all__ = [
    "CHINESE_HEADERS",
    "OPTIONAL_HEADERS",
    "Progress",
    "detect_encoding",
    "read_header",
    "resolve_columns",
    "resolve_optional_columns",
    "tally_roster",
]

#: The Chinese header of each field.
CHINESE_HEADERS: Final[Mapping[str, str]] = {
    "person_id": "人员编号",
    "township": "乡镇",
    "village": "村",
    "birth_date": "出生日期",
    "paying": "是否缴费",
    "grade": "缴费档次",
    "disability": "残疾类别",
    "poverty": "建档立卡",
    "cadre": "村干部",
    "land_loss": "失地农民",
    "receiving": "领取待遇",
}

#: The headers of each optional field (:data:`~pension_subsidy.roster.classify.
#: OPTIONAL_FIELDS`), its English name first: any one of them names the column.
OPTIONAL_HEADERS: Final[Mapping[str, tuple[str, ...]]] = {
    "extreme_poverty": ("extreme_poverty", "特困人员", "特困", "特困供养人员"),
    "low_income": ("low_income", "低保对象", "低保"),
    "relapse_risk": ("relapse_risk", "监测对象", "返贫致贫", "防止返贫监测对象"),
    "back_payment": ("back_payment", "补缴", "是否补缴", "补缴标志"),
}

#: Files that are no CSV text whatever their name, by their first bytes.
_NOT_CSV: Final = (
    (b"PK\x03\x04", "a zip archive (an .xlsx workbook?), not CSV text; name a workbook .xlsx"),
    (b"\xd0\xcf\x11\xe0", "an old .xls workbook, not CSV text; save it as .xlsx or CSV"),
)
#: How much of a header a message shows: names, and characters of each.
_SHOWN_NAMES: Final = 16
_SHOWN_CHARS: Final = 40


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None, *, path: str | None = None
) -> tuple[int, ...]:
    """The index in ``header`` of each of the roster's fields.

    ``mapping`` names the header of a field in an export that uses other names, e.g.
    ``{"person_id": "身份证号"}``; a field not mapped is found by its English or Chinese name.
    """
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        problem = (
            f"column mapping: unknown field {unknown[0]!r}; the fields are {', '.join(FIELDS)}"
            f" and, optional, {', '.join(OPTIONAL_FIELDS)}"
        )
        raise DataFileError(problem, path=path, line=1)
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in positions:
            shown = _shown(name)
            raise DataFileError(f"header: column {shown} appears twice", path=path, line=1)
        positions[name] = index
    columns = []
    for field in FIELDS:
        names = (mapping[field],) if field in mapping else (field, CHINESE_HEADERS[field])
        found = [positions[name] for name in names if name in positions]
        if not found:
            expected = " or ".join(repr(name) for name in names)
            raise DataFileError(
                f"header: no column {expected} for {field}; the header has {_shown_header(header)}",
                path=path,
                line=1,
                field=field,
            )
        if len(found) > 1:
            raise DataFileError(
                f"header: both {' and '.join(map(repr, names))} are present; keep one",
                path=path,
                line=1,
                field=field,
            )
        columns.append(found[0])
    return tuple(columns)


def resolve_optional_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None, *, path: str | None = None
) -> dict[str, int]:
    """The index in ``header`` of each optional field the roster has (:data:`OPTIONAL_HEADERS`).

    A field named in ``mapping`` must be there; one not mapped is looked for by its
    headers, and is absent when none is found.
    """
    mapping = dict(mapping or {})
    positions = {name: index for index, name in enumerate(header)}
    found: dict[str, int] = {}
    for field in OPTIONAL_FIELDS:
        names = (mapping[field],) if field in mapping else OPTIONAL_HEADERS[field]
        present = [name for name in names if name in positions]
        if field in mapping and not present:
            raise DataFileError(
                f"header: no column {mapping[field]!r} for {field}; the header has "
                f"{_shown_header(header)}",
                path=path,
                line=1,
                field=field,
            )
        if len(present) > 1:
            raise DataFileError(
                f"header: both {' and '.join(map(repr, present))} are present; keep one",
                path=path,
                line=1,
                field=field,
            )
        if present:
            found[field] = positions[present[0]]
    return found


def _shown(name: str) -> str:
    """A header name for a message: quoted, and cut short if long (binary junk, say)."""
    return repr(name) if len(name) <= _SHOWN_CHARS else repr(name[:_SHOWN_CHARS]) + "…"


def _shown_header(header: Sequence[str]) -> str:
    """A header for a message: its first names, each cut short, and how many there are."""
    names = ", ".join(map(_shown, header[:_SHOWN_NAMES]))
    more = f", … ({len(header)} columns)" if len(header) > _SHOWN_NAMES else ""
    return f"[{names}{more}]"


def read_header(path: str | Path, *, encoding: str | None = None) -> list[str]:
    """The header row of a roster file (a Parquet file's column names)."""
    if Path(path).suffix.lower() == ".parquet":
        from pension_subsidy.roster.columnar_parquet import parquet_header  # noqa: PLC0415

        _parquet_ready("auto")
        return parquet_header(path)
    return _source(Path(path), encoding, None).header()


def _source(
    path: Path, encoding: str | None, progress: ProgressMeter | None
) -> _CsvSource | _XlsxSource:
    if not path.exists():
        raise DataFileError("no such file", path=str(path))
    if path.is_dir():
        raise DataFileError("a folder, not a roster file", path=str(path))
    if not path.is_file():
        # the roster is read twice (the duplicate check's second look) and measured
        raise DataFileError("not a regular file (a pipe or a device?)", path=str(path))
    if path.suffix.lower() == ".xlsx":
        return _XlsxSource(path, progress)
    if path.suffix.lower() == ".xls":
        raise DataFileError(
            "old .xls workbooks are not supported; save as .xlsx or CSV", path=str(path)
        )
    encoding = encoding or detect_encoding(path)
    with path.open("rb") as stream:
        start = stream.read(8)
    for magic, problem in _NOT_CSV:
        if start.startswith(magic):
            raise DataFileError(problem, path=str(path))
    return _CsvSource(path, encoding, progress)


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
    """
    file = Path(path)
    if file.suffix.lower() == ".parquet":
        return _tally_parquet(
            file, rules, columns=columns, on_reject=on_reject, check_duplicates=check_duplicates,
            engine=engine, on_progress=ProgressMeter(on_progress),
        )  # fmt: skip
    source = _source(file, encoding, ProgressMeter(on_progress))
    header = source.header()
    indices = resolve_columns(header, columns, path=str(file))
    optional = resolve_optional_columns(header, columns, path=str(file))
    rules = rules if rules is not None else default_roster_rules()
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        msg = f"jobs: expected a whole number of processes ≥ 1, got {jobs!r}"
        raise InvalidHeadcountError(msg, field="jobs", value=jobs)
    if engine not in ENGINES:
        msg = f"engine: expected one of {', '.join(ENGINES)}, got {engine!r}"
        raise DataFileError(msg, field="engine")
    if isinstance(source, _CsvSource) and (
        engine == "columnar" or (engine, jobs) == ("auto", None)
    ):
        tally = _columnar(
            file, source, rules=rules, indices=indices, width=len(header), optional=optional,
            on_reject=on_reject, check_duplicates=check_duplicates, engine=engine,
            on_progress=source.progress,
        )  # fmt: skip
        if tally is not None:
            return tally
    parts = default_jobs(file) if jobs is None else jobs
    if isinstance(source, _CsvSource) and parts > 1:
        tally = tally_csv_in_parts(
            file,
            source.encoding,
            source,
            rules=rules,
            columns=indices,
            width=len(header),
            jobs=parts,
            on_reject=on_reject,
            check_duplicates=check_duplicates,
            progress=source.progress,
            optional_columns=optional,
        )
        if tally is not None:
            return tally
    return tally_source(
        source,
        rules=rules,
        columns=indices,
        width=len(header),
        on_reject=on_reject,
        check_duplicates=check_duplicates,
        path=str(file),
        optional_columns=optional,
    )


#: The engines :func:`tally_roster` can use: ``auto`` is the columnar one when installed.
ENGINES: Final = ("auto", "pure", "columnar")


def _columnar(
    file: Path,
    source: _CsvSource,
    *,
    rules: RosterRules,
    indices: Sequence[int],
    width: int,
    optional: Mapping[str, int],
    on_reject: Callable[[Rejection], None] | None,
    check_duplicates: bool,
    engine: str,
    on_progress: ProgressMeter | None,
) -> Tally | None:
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
            msg = "engine: the columnar engine needs polars: pip install 'pension-subsidy[fast]'"
            raise DataFileError(msg, field="engine")
        return None
    return columnar.tally_csv_columnar(
        file,
        source.encoding,
        rules=rules,
        columns=indices,
        width=width,
        optional_columns=optional,
        on_reject=on_reject,
        check_duplicates=check_duplicates,
        progress=on_progress,
    )


def _parquet_ready(engine: str) -> None:
    """Refuse a Parquet roster when the columnar engine cannot read it."""
    from pension_subsidy.roster.columnar import columnar_available  # noqa: PLC0415

    if engine == "pure" or not columnar_available():
        msg = (
            "a Parquet roster is read by the columnar engine only: install the fast extra "
            "(pip install 'pension-subsidy[fast]') and use engine auto or columnar"
        )
        raise DataFileError(msg, field="engine")


def _tally_parquet(
    file: Path,
    rules: RosterRules | None,
    *,
    columns: Mapping[str, str] | None,
    on_reject: Callable[[Rejection], None] | None,
    check_duplicates: bool,
    engine: str,
    on_progress: ProgressMeter | None,
) -> Tally:
    """A Parquet roster's tally, by the columnar engine (its ``columnar_parquet`` module)."""
    if engine not in ENGINES:
        msg = f"engine: expected one of {', '.join(ENGINES)}, got {engine!r}"
        raise DataFileError(msg, field="engine")
    _parquet_ready(engine)
    from pension_subsidy.roster.columnar_parquet import tally_parquet  # noqa: PLC0415

    if not file.is_file():
        raise DataFileError("no such file", path=str(file))
    header = read_header(file)
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
