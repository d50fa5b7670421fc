"""A roster of many files tallied on a Dask cluster (``distributed``), exactly as one process.

The files (several paths, or a glob) are one roster, in the order given; they lie on storage
every worker sees. Each CSV file is cut into byte blocks at line starts (as
:mod:`~pension_subsidy.roster.partitions` cuts a file for its processes) and each block is a
Dask task that reads it where it lies and tallies it with the pure engine
(:mod:`~pension_subsidy.roster.distributed_parts`). What comes back over the network is
counts, rejected rows and person-id hashes — never an accepted row:

1. **First pass**, a task per block: counts per profile and the rejected rows stay with
   the block's result on its worker; the hashes of the accepted ids are dealt into buckets
   by their top bits.
2. **Shuffle**: a task per bucket gathers that bucket of every block and finds the hashes
   recorded more than once, in any block of any file.
3. **Second look**, only in blocks holding a repeated hash: their accepted rows with such a
   hash (the duplicates and, rarely, a hash collision) come to the client, which compares
   the id strings in roster order — file by file, line by line — and rejects every row of
   an id after its first accepted one, as one process does (same reason, line and detail).
4. **Tally**: each block's tally, less its rows rejected as duplicates, is made on its
   worker; the client merges them with :meth:`~pension_subsidy.roster.tally.Tally.merge`.

A block is taken to start at a record start. A block whose last record holds a quoted line
break goes on reading past its end; the file is then read again as one part (whole), as is a
file in which a block cannot be read apart (a lone carriage return, a line that is not CSV
or not text: the whole-file part then reports it with its exact line), a UTF-16 file, or an
``.xlsx`` workbook. The result — tally and rejections — equals one process's on the same
files concatenated (one header), with each rejection's line in its own file.

Workers must hash strings alike: ``dask worker`` (through its nanny) sets ``PYTHONHASHSEED``
for that; each task reports a probe hash and a mismatch is an error, never a wrong result.
"""

from __future__ import annotations

import glob
import heapq
import math
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from pension_subsidy.exceptions import DataFileError, InvalidHeadcountError, RosterMergeError
from pension_subsidy.roster._parts_ranges import _layout
from pension_subsidy.roster.classify import Rejection
from pension_subsidy.roster.csv_source import _CsvSource
from pension_subsidy.roster.distributed_parts import (
    Candidate,
    Part,
    Summary,
    duplicate_rejection,
    part_tally,
)
from pension_subsidy.roster.distributed_run import Run
from pension_subsidy.roster.engine import eligibility_date
from pension_subsidy.roster.file_source import open_roster
from pension_subsidy.roster.headers import resolve_columns, resolve_optional_columns
from pension_subsidy.roster.progress import ProgressMeter, ProgressSink
from pension_subsidy.roster.row_source import Progress
from pension_subsidy.roster.rules import RosterRules, default_roster_rules
from pension_subsidy.roster.tally import Tally

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["BLOCK_BYTES", "roster_paths", "tally_roster_distributed"]

#: Bytes of a CSV file per Dask task (about half a million rows).
BLOCK_BYTES: Final = 32 << 20
#: Hashes per shuffle bucket, about (a bucket task holds them in a set: ~70 bytes each).
_BUCKET_HASHES: Final = 2_000_000
#: Bytes a roster row takes, about (to size the buckets before reading).
_ROW_BYTES: Final = 50
_GLOB_CHARACTERS: Final = frozenset("*?[")


def roster_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The roster files named: each path as given, a glob pattern by its sorted matches.

    A pattern that is no existing file and matches nothing is a
    :class:`~pension_subsidy.exceptions.DataFileError`; a file named twice is read once.

    >>> roster_paths(["b.csv", "a.csv", "b.csv"])
    [PosixPath('b.csv'), PosixPath('a.csv')]
    """
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    found: list[Path] = []
    for item in given:
        text = str(item)
        if _GLOB_CHARACTERS.isdisjoint(text) or Path(text).exists():
            found.append(Path(text))
            continue
        matches = sorted(glob.glob(text))
        if not matches:
            raise DataFileError(code="roster.dask.no_match", path=text)
        found += map(Path, matches)
    if not found:
        raise DataFileError(code="roster.dask.no_files")
    return list(dict.fromkeys(found))


def _parts(
    paths: Sequence[Path],
    columns: Mapping[str, str] | None,
    encoding: str | None,
    block_bytes: int,
) -> list[list[Part]]:
    """Each file's parts: byte blocks of a CSV file, else the whole file."""
    first_header: list[str] | None = None
    files = []
    for path in paths:
        source = open_roster(path, encoding, None)
        header = source.header()
        if first_header is None:
            first_header = header
        elif header != first_header:
            said = {"first": str(paths[0])}
            code = "roster.dask.other_header"
            raise DataFileError(code=code, params=said, path=str(path), line=1)
        indices = resolve_columns(header, columns, path=str(path))
        optional = resolve_optional_columns(header, columns, path=str(path))
        file_encoding = source.encoding if isinstance(source, _CsvSource) else ""

        whole = Part(str(path), file_encoding, 0, None, indices, len(header), optional)
        layout = None
        if isinstance(source, _CsvSource):
            blocks = max(1, math.ceil(path.stat().st_size / block_bytes))
            layout = _layout(path, source.encoding, blocks)
        if layout is None:
            files.append([whole])
        else:
            files.append([attrs.evolve(whole, start=start, end=end) for start, end in layout[1]])
    return files


def _header_lines(path: Path, encoding: str) -> int:
    layout = _layout(path, encoding, 1)
    assert layout is not None  # a file cut into blocks has a layout
    return layout[0]


def _bucket_bits(parts: Sequence[Part], workers: int) -> int:
    """Bits of a hash that choose its bucket: enough buckets for the workers and the size."""
    size = sum((part.end or 0) - part.start for part in parts)
    wanted = max(2 * workers, size // _ROW_BYTES // _BUCKET_HASHES, 1)
    return min(10, max(0, math.ceil(math.log2(wanted))))


def tally_roster_distributed(
    paths: str | Path | Iterable[str | Path],
    rules: RosterRules | None = None,
    *,
    client: Client,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    on_reject: Callable[[Path, Rejection], None] | None = None,
    check_duplicates: bool = True,
    block_bytes: int = BLOCK_BYTES,
    on_progress: Progress | ProgressSink | None = None,
) -> Tally:
    """Tally a roster of one or more files (paths or glob patterns) on a Dask cluster.

    ``client`` is a ``distributed.Client`` of a cluster whose workers see the files at the
    same paths. ``rules``, ``columns``, ``encoding`` and ``check_duplicates`` are as for
    :func:`~pension_subsidy.roster.read.tally_roster`; every file must have the same header.
    ``on_reject`` receives each rejected row with its file, in roster order (file by file,
    by line); a row's line is its line in its own file. The tally equals one process's on
    the files concatenated; the duplicate check spans every file (the first accepted row of
    an id stays, in the order the files are given). ``block_bytes`` is the size of a CSV
    file's blocks (one Dask task each). ``on_progress`` is told, as the tasks complete, the
    parts done of the total (unit ``"parts"``) and the rows read so far: a step
    ``reading``, then ``second_look`` when some id is repeated (see
    :mod:`~pension_subsidy.roster.distributed_run`).
    """
    if isinstance(block_bytes, bool) or not isinstance(block_bytes, int) or block_bytes < 1:
        said = {"at": "block_bytes: ", "got": repr(block_bytes)}
        code = "roster.dask.block_bytes"
        raise InvalidHeadcountError(code=code, params=said, field="block_bytes", value=block_bytes)
    files = roster_paths(paths)
    rules = rules if rules is not None else default_roster_rules()
    as_of = eligibility_date(rules)  # one day for every worker
    parts = _parts(files, columns, encoding, block_bytes)
    dask: Any = client  # distributed's methods are not typed
    workers = max(1, sum(dask.nthreads().values()))
    bits = _bucket_bits([part for file in parts for part in file], workers)
    meter = ProgressMeter(on_progress)
    run = Run(dask, rules, as_of, check_duplicates=check_duplicates, bits=bits, meter=meter)
    try:
        firsts, summaries = _first_passes(run, parts)
        offsets = _line_offsets(files, parts, summaries)
        duplicates, late = _duplicates(run, parts, firsts, offsets, len(files))
        tallies = _tallies(run, parts, firsts, duplicates)
    finally:
        run.release()
        meter.close()
    if on_reject is not None:
        _hand_on(files, summaries, offsets, late, on_reject)
    return Tally.merge_all(tallies)


def _first_passes(run: Run, parts: list[list[Part]]) -> tuple[list[list[Any]], list[list[Summary]]]:
    """Each part's first pass (futures) and summary; a file not readable in blocks made whole.

    ``parts`` is changed in place: such a file's parts become the one part of the whole file.
    """
    firsts = [[run.first(part) for part in file] for file in parts]
    summaries = run.summaries(firsts)
    for index, file in enumerate(parts):
        if _whole_file_needed(summaries[index]):
            parts[index] = [_whole(file[0])]
            firsts[index] = [run.first(parts[index][0])]
            summaries[index] = run.summaries_of(firsts[index])
    _check([item for file in summaries for item in file])
    return firsts, summaries


def _duplicates(
    run: Run,
    parts: Sequence[Sequence[Part]],
    firsts: Sequence[Sequence[Any]],
    offsets: Sequence[int],
    files: int,
) -> tuple[list[Counter[tuple[str, ...]]], list[list[Rejection]]]:
    """The rows each part must drop as duplicates (per profile), and their rejections per file."""
    flat_parts = [part for file in parts for part in file]
    flat_firsts = [first for file in firsts for first in file]
    duplicates: list[Counter[tuple[str, ...]]] = [Counter() for _ in flat_parts]
    late: list[list[Rejection]] = [[] for _ in range(files)]
    if run.check_duplicates:
        repeated = run.repeated(flat_firsts)
        if repeated:
            found = run.candidates(flat_parts, flat_firsts, repeated)
            _confirm(found, offsets, _file_of(parts), duplicates, late)
    return duplicates, late


def _tallies(
    run: Run,
    parts: Sequence[Sequence[Part]],
    firsts: Sequence[Sequence[Any]],
    duplicates: Sequence[Counter[tuple[str, ...]]],
) -> list[Tally]:
    """Each part's tally, made on its worker: its first pass less its duplicates."""
    flat_parts = [part for file in parts for part in file]
    flat_firsts = [first for file in firsts for first in file]
    dask = run.client
    tallies: list[Tally] = dask.gather(
        [
            dask.submit(
                part_tally,
                part,
                first,
                run.rules,
                run.as_of,
                duplicates=dict(counts),
                duplicate_check=run.check_duplicates,
                pure=False,
            )
            for part, first, counts in zip(flat_parts, flat_firsts, duplicates, strict=True)
        ]
    )
    return tallies


def _check(summaries: Sequence[Summary]) -> None:
    """Raise the first part's failure; or an error if the workers hash differently."""
    for item in summaries:
        if item.failure is not None:
            raise item.failure.error()
    if len({item.probe for item in summaries}) > 1:
        said = {"dask": "Dask", "variable": "PYTHONHASHSEED", "command": "dask worker"}
        raise RosterMergeError(code="roster.dask.hash_seed", params=said)


def _hand_on(
    files: Sequence[Path],
    summaries: Sequence[Sequence[Summary]],
    offsets: Sequence[int],
    late: Sequence[Sequence[Rejection]],
    on_reject: Callable[[Path, Rejection], None],
) -> None:
    """Every rejected row, file by file in line order (duplicates merged into place)."""
    position = 0
    for index, path in enumerate(files):
        early = []
        for item in summaries[index]:
            early += [_moved(rejection, offsets[position]) for rejection in item.rejected]
            position += 1
        for rejection in heapq.merge(early, late[index], key=operator.attrgetter("line")):
            on_reject(path, rejection)


def _whole(part: Part) -> Part:
    """The part that is the whole of ``part``'s file."""
    return attrs.evolve(part, start=0, end=None)


def _whole_file_needed(summaries: Sequence[Summary]) -> bool:
    """A block not readable apart, or one (not the last) whose last record ran past its end."""
    return any(not item.apart for item in summaries) or any(item.overran for item in summaries[:-1])


def _line_offsets(
    files: Sequence[Path], parts: Sequence[Sequence[Part]], summaries: Sequence[Sequence[Summary]]
) -> list[int]:
    """What to add to each part's line numbers: the lines before it in its file."""
    offsets = []
    for path, file, items in zip(files, parts, summaries, strict=True):
        if file[0].end is None:
            offsets.append(0)  # a whole file counts its own lines
            continue
        line = 1 + _header_lines(path, file[0].encoding)
        for item in items:
            offsets.append(line)
            line += item.line_ends
    return offsets


def _file_of(parts: Sequence[Sequence[Part]]) -> list[int]:
    return [index for index, file in enumerate(parts) for _ in file]


def _moved(rejection: Rejection, offset: int) -> Rejection:
    return rejection if not offset else _with_line(rejection, rejection.line + offset)


def _with_line(rejection: Rejection, line: int) -> Rejection:
    return attrs.evolve(rejection, line=line)


def _confirm(
    found: Sequence[Sequence[Candidate]],
    offsets: Sequence[int],
    file_of: Sequence[int],
    duplicates: list[Counter[tuple[str, ...]]],
    late: list[list[Rejection]],
) -> None:
    """Compare the ids of the candidate rows in roster order: later rows of an id rejected."""
    accepted: set[str] = set()
    for index, rows in enumerate(found):
        for line, person_id, row, profile in rows:
            if person_id not in accepted:
                accepted.add(person_id)
                continue
            late[file_of[index]].append(duplicate_rejection(line + offsets[index], person_id, row))
            duplicates[index][profile] += 1
