r"""Writing output files: all or nothing, and never over an input.

Every file the library and its command line write goes through this module.

* :func:`check_output` refuses an output that is one of the command's inputs (the same file,
  also through a symlink, a hard link or ``..``), a folder, or in a folder that does not
  exist — before any work is done.
* :func:`open_output`, :func:`open_text_output`, :func:`write_output` and
  :func:`output_path` write to an unnamed file in the target's folder. Only when the writing
  is complete is it copied into a new hidden file beside the target, synced, and renamed over
  the target with :func:`os.replace` (atomic on POSIX and Windows). A reader sees the old file
  or the new one, never a mix of two writers or a part of one; a failure (a full disk, an
  exception, Ctrl-C) leaves the old file as it was and no temporary file behind; so does
  ``kill -9``, except during the final copy.
* The new file gets the permissions a plain ``open(path, "w")`` would give it: those of the
  file it replaces, else ``0o666`` less the umask. A symlink is written through, as ``open``
  would: the file it points to is replaced.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_output(folder / "out.txt", "一\n".encode()).name
'out.txt'
>>> sorted(path.name for path in folder.iterdir())
['out.txt']
>>> try:
...     check_output(folder / "out.txt", [("source", folder / "out.txt")])
... except DataFileError as error:
...     print(error.problem)
would overwrite the source ...out.txt (the same file); give another file to write
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from pension_subsidy.exceptions import DataFileError, Phrase, os_reason

__all__ = [
    "check_output",
    "open_output",
    "open_text_output",
    "output_path",
    "write_output",
]

#: The prefix and suffix of the hidden file an output is copied into before the rename.
TEMP_PREFIX = "."
TEMP_SUFFIX = ".part"
_CHUNK = 1 << 20  # bytes copied at a time
_NAME_KEPT = 64  # characters of the target's name kept in the temporary name (≤ 255 bytes)
_TRIES = 100  # random temporary names tried before giving up

_FD_FOLDER = Path("/dev/fd")  # a process's open files by number (Linux, macOS, BSD)

StrPath = str | os.PathLike[str]


def check_output(output: StrPath, inputs: Iterable[tuple[str, StrPath | None]] = ()) -> Path:
    """Refuse ``output`` if it is an input, a folder or in a missing folder; else return it.

    ``inputs`` pairs what each input is (``"source"``, ``"rules"``…) with its path; ``None``
    and names that are no file (a bundled dataset's) are skipped. The comparison is by file
    (:func:`os.path.samefile`), so a symlink, a hard link or ``..`` does not hide the input.
    Raises :class:`~pension_subsidy.DataFileError` naming the output and the input.
    """
    shown = os.fspath(output)
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise DataFileError(code="output.is_folder", path=shown)
    if not target.parent.is_dir():
        params: dict[str, object] = {"folder": str(target.parent)}
        raise DataFileError(code="output.no_folder", params=params, path=shown)
    for role, source in inputs:
        if source is not None and _same_file(target, source):
            said = Phrase(f"file.role.{role.replace(' ', '_')}", role)
            params = {"role": said, "input": os.fspath(source)}
            raise DataFileError(code="output.overwrites_input", params=params, path=shown)
    return Path(output)


def _same_file(target: Path, source: StrPath) -> bool:
    try:
        return os.path.samefile(target, source)
    except OSError:  # either does not exist (yet): writing cannot overwrite the input
        return False


def write_output(path: StrPath, data: bytes) -> Path:
    """Write ``data`` to ``path`` all or nothing (see the module); return the path."""
    with open_output(path) as stream:
        stream.write(data)
    return Path(path)


@contextlib.contextmanager
def open_output(path: StrPath) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``path`` when the ``with`` block ends without error.

    An exception in the block (Ctrl-C too) leaves ``path`` as it was.
    """
    with _spool(path) as spool:
        sink = _Sink(spool, path)
        try:
            yield cast(BinaryIO, sink)
        except BaseException:
            sink.discard()
            raise


@contextlib.contextmanager
def open_text_output(
    path: StrPath, *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[TextIO]:
    """A text stream (``encoding``, ``newline`` as :func:`open`) written as :func:`open_output`."""
    with open_output(path) as binary:
        text = io.TextIOWrapper(binary, encoding=encoding, newline=newline)
        yield text
        text.flush()
        text.detach()  # open_output owns the binary stream


@contextlib.contextmanager
def output_path(path: StrPath) -> Iterator[Path]:
    """A path to give a writer that opens its file itself; written as :func:`open_output`.

    The path is the unnamed file's own (``/dev/fd/N``), so that nothing is left under any
    name if the process is killed. Where there is no ``/dev/fd`` (Windows) it is a hidden file
    beside the target, removed on every failure a Python process sees.
    """
    if not _FD_FOLDER.is_dir():  # pragma: no cover - platforms without /dev/fd
        with _named_beside(path) as named:
            yield named
        return
    with _spool(path) as spool:
        yield _FD_FOLDER / str(spool.fileno())


class _Sink(io.RawIOBase):
    """The stream :func:`open_output` gives: writes go to the unnamed file, errors name the output.

    After a failure in the ``with`` block the sink is discarded: what a text wrapper still
    holds is dropped when it is collected instead of being written to a closed file.
    """

    def __init__(self, spool: io.FileIO, path: StrPath) -> None:
        super().__init__()
        self._spool = spool
        self._path = path
        self._discarded = False

    def writable(self) -> bool:
        """Always: a sink is for writing."""
        return True

    def discard(self) -> None:
        """Drop every later write: the output is abandoned."""
        self._discarded = True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        """Write all of ``data`` to the unnamed file (a failure names the output)."""
        if not self._discarded:
            try:
                _write_all(self._spool.fileno(), data)
            except OSError as error:
                raise _cannot_write(error, self._path) from None
        return memoryview(data).nbytes


def _write_all(descriptor: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data).cast("B")
    while view:
        view = view[_write_chunk(descriptor, view[:_CHUNK]) :]


def _write_chunk(descriptor: int, chunk: memoryview) -> int:
    """One ``os.write`` (every byte of every output passes here)."""
    return os.write(descriptor, chunk)


def _cannot_write(error: OSError, path: StrPath) -> DataFileError:
    params = {"reason": os_reason(error)}
    return DataFileError(code="output.cannot_write", params=params, path=os.fspath(path))


@contextlib.contextmanager
def _spool(path: StrPath) -> Iterator[io.FileIO]:
    """An unnamed file in the target's folder, committed to ``path`` when the block ends."""
    target = Path(os.path.realpath(check_output(path)))
    try:
        spool = tempfile.TemporaryFile(dir=target.parent, buffering=0)  # noqa: SIM115 - closed below
    except OSError as error:
        raise _cannot_write(error, path) from None
    with spool:
        yield spool
        _commit(spool, target, path)


def _commit(spool: io.FileIO, target: Path, shown: StrPath) -> None:
    """Copy the spool into a new file beside ``target`` and rename that over ``target``."""
    mode = _mode_of(target)
    try:
        spool.seek(0)
        descriptor, temporary = _create_beside(target)
    except OSError as error:
        raise _cannot_write(error, shown) from None
    try:
        try:
            while chunk := spool.read(_CHUNK):
                _write_all(descriptor, chunk)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:  # a full disk, Ctrl-C: the old file stays, the copy goes
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _cannot_write(error, shown) from None
        raise
    _sync_folder(target.parent)


def _mode_of(target: Path) -> int | None:
    """The permissions of the file ``target`` replaces (None: none there, use the umask)."""
    try:
        status = target.stat()
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else None


def _temporary_name(target: Path) -> Path:
    name = f"{TEMP_PREFIX}{target.name[:_NAME_KEPT]}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    return target.with_name(name)


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty hidden file beside ``target``, with the umask's permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(_TRIES):
        temporary = _temporary_name(target)
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:  # pragma: no cover - 48 random bits taken: try again
            continue
    raise FileExistsError(f"no free temporary name beside {target}")  # pragma: no cover


@contextlib.contextmanager
def _named_beside(path: StrPath) -> Iterator[Path]:  # pragma: no cover - without /dev/fd
    """A hidden file beside ``path``, renamed over it at the end, removed on failure."""
    target = Path(os.path.realpath(path))
    try:
        descriptor, temporary = _create_beside(target)
        os.close(descriptor)
    except OSError as error:
        raise _cannot_write(error, path) from None
    try:
        yield temporary
        mode = _mode_of(target)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _cannot_write(error, path) from None
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; a folder cannot be opened on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - file systems that cannot sync a folder
        pass
    finally:
        os.close(descriptor)
