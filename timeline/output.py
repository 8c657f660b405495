"""Writing files so that a reader never sees half of one, and nothing that is
not ours is ever destroyed.

`write_atomic(path, data)`, where `data` is bytes or an iterable of bytes or
str pieces (str as UTF-8), written one at a time as they come (a calendar of
100,000 events never exists whole in memory):

* a regular file (or a new one) is replaced atomically: a temporary file in
  the same folder, flushed to disk, then renamed over the target (atomic on
  POSIX and Windows); on any failure (an exception raised by `data` midway
  too) the temporary file is removed and the target is left as it was;
* a symbolic link is written through: the file it points to is replaced and
  the link stays a link (a dangling link is refused);
* a FIFO or a device (`/dev/null`, `/dev/stdout`, a pipe from `>(…)`) is
  written in place, never replaced by a regular file; a FIFO that no process
  reads is refused rather than waited on;
* a directory is refused, and so is any path in `protect` (the data file and
  its sources: an output must never land on an input).

The temporary file is named `.NAME.timeline-PID-XXXXXXXX.tmp` and holds an
exclusive `flock` while it is written.  A writer killed with `kill -9` leaves
it; the next `write_atomic` into that folder removes such files
(`remove_stale`) when they are ours (our uid, a regular file, that name),
their writer's pid is gone, they are older than `STALE_AFTER` seconds and
nobody holds their lock.  A file of any other name or owner is never touched.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from timeline.model import Error, Location, Timeline, TimelineError
from timeline.safe_io import same_file

try:
    import fcntl
except ImportError:  # not POSIX: no lock, so nothing is ever taken for stale
    fcntl = None  # type: ignore[assignment]

_TMP_SUFFIX = ".tmp"
_TMP_MARK = "timeline-"  # .NAME.timeline-PID-XXXXXXXX.tmp: what only write_atomic makes
_BUFFER = 1 << 16  # bytes gathered before a write(2): a calendar comes in pieces of about 1.5 KB
STALE_AFTER = 10.0  # seconds since a temporary file was last written before it may be taken for stale


def _fail(path: str | os.PathLike[str], message: str) -> TimelineError:
    return TimelineError([Error(message, Location(str(path)), stage="output")])


Data = bytes | Iterable[bytes | str]  # the whole of it, or its pieces in order


def write_atomic(path: str | os.PathLike[str], data: Data, mode: int | None = None, *,
                 protect: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write `data` to `path` as described above, or raise TimelineError with one
    line and leave every file as it was.  An exception raised by the pieces of
    `data` is raised as it is, after the temporary file is removed; `data` is
    not consumed when the target is refused.

    A replaced file keeps its permissions (and, when run as root, its owner);
    a new file gets the usual ones (0666 less the umask), not the 0600 of a
    temporary file.
    """
    path = Path(path)
    for kept in protect:
        if same_file(path, kept):
            raise _fail(path, "refusing to overwrite an input of this command (the data file or one of its sources)")
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _fail(path, "cannot write: a symbolic link to a file that does not exist") from None
        info = None
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _fail(path, "cannot write: is a directory")
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            _write_in_place(path, data, info)
        else:
            _replace(Path(os.path.realpath(path)) if os.path.islink(path) else path, data, mode, info)
    except _PiecesFailed as failed:
        raise failed.error from None


class _PiecesFailed(Exception):
    """An OSError raised by the pieces of `data`, carried past the handlers of
    writing errors (which say "cannot write" about the target) to be raised as it is."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _pieces(data: Data) -> Iterator[bytes]:
    """`data` as bytes pieces, in order."""
    pieces: Iterator[bytes | str] = iter((data,)) if isinstance(data, (bytes, str)) else iter(data)
    while True:
        try:
            piece = next(pieces)
        except StopIteration:
            return
        except OSError as exc:
            raise _PiecesFailed(exc) from None
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


def _write_in_place(path: Path, data: Data, info: os.stat_result) -> None:
    """A FIFO, device or socket: open it for writing (no create, no truncate) and write."""
    if stat.S_ISSOCK(info.st_mode):
        raise _fail(path, "cannot write: is a socket")
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO without a reader fails at once (ENXIO)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise _fail(path, "cannot write: no process is reading this FIFO") from None
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        os.set_blocking(fd, True)  # then write as usual: a full pipe waits for its reader
        for piece in _pieces(data):  # a FIFO or device keeps what came before a failure: it cannot be replaced
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view):]
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _replace(path: Path, data: Data, mode: int | None, info: os.stat_result | None) -> None:
    if mode is None:
        if info is not None:
            mode = info.st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    remove_stale(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.{_TMP_MARK}{os.getpid()}-",
                                        suffix=_TMP_SUFFIX)
        with os.fdopen(fd, "wb", buffering=_BUFFER) as handle:  # open (and locked) until renamed: a live writer is never taken for stale
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            for piece in _pieces(data):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp_name, mode)
            if info is not None and hasattr(os, "geteuid") and os.geteuid() == 0 and info.st_uid != 0:
                try:  # root replacing someone's file leaves it theirs
                    os.chown(tmp_name, info.st_uid, info.st_gid)
                except OSError:
                    pass
            os.replace(tmp_name, path)
            tmp_name = None
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _temporaries(path: Path) -> list[tuple[Path, int | None]]:
    """Regular files of ours beside `path` named as `write_atomic` names its
    temporary files, each with its writer's pid (None for the older name
    `.NAME.XXXXXXXX.tmp`, which holds none)."""
    name = re.escape(path.name)
    pattern = re.compile(rf"\.{name}\.(?:{_TMP_MARK}([0-9]+)-)?[A-Za-z0-9_]{{8}}{re.escape(_TMP_SUFFIX)}")
    found: list[tuple[Path, int | None]] = []
    try:
        names = os.listdir(path.parent or ".")
    except OSError:
        return []
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for entry in names:
        matched = pattern.fullmatch(entry)
        if not matched:
            continue
        candidate = path.parent / entry
        try:
            info = os.lstat(candidate)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid):
            found.append((candidate, int(matched.group(1)) if matched.group(1) else None))
    return found


def leftovers(path: str | os.PathLike[str]) -> list[Path]:
    """Temporary files that an interrupted `write_atomic(path, …)` left behind
    (killed between creating and renaming): regular files of ours, named as
    `write_atomic` names them, beside `path`."""
    return [candidate for candidate, _ in _temporaries(Path(path))]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid we can ask about: keep the file
    return True


def remove_stale(path: str | os.PathLike[str], now: float | None = None) -> int:
    """Remove the temporary files of killed `write_atomic(path, …)` runs, safely
    without any lock: only files named `.NAME.timeline-PID-XXXXXXXX.tmp`, ours,
    whose PID no longer runs, unchanged for `STALE_AFTER` seconds, and whose
    `flock` we can take (a writer holds it until its rename).  Returns how many."""
    if fcntl is None:
        return 0
    now = time.time() if now is None else now
    removed = 0
    for candidate, pid in _temporaries(Path(path)):
        if pid is None or _alive(pid):
            continue
        try:
            fd = os.open(candidate, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER:
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a writer still holds it
            if os.path.samestat(info, os.lstat(candidate)):
                os.unlink(candidate)
                removed += 1
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def remove_leftovers(path: str | os.PathLike[str]) -> int:
    """Remove `leftovers(path)`; only safe while holding the lock that serialises
    writers of `path` (else another writer's file may be in flight).  Returns
    how many were removed."""
    removed = 0
    for candidate in leftovers(path):
        try:
            os.unlink(candidate)
            removed += 1
        except OSError:
            pass
    return removed


def inputs_of(data_file: str | os.PathLike[str], timeline: Timeline) -> list[Path]:
    """The data file and the seed files its sources name: what an output must not replace."""
    base = Path(data_file).parent
    return [Path(data_file), *(base / source.file for source in timeline.sources.values())]
