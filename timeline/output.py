"""Writing files so that a reader never sees half of one, and nothing that is
not ours is ever destroyed.

`write_atomic(path, data)`:

* a regular file (or a new one) is replaced atomically: a temporary file in
  the same folder, flushed to disk, then renamed over the target (atomic on
  POSIX and Windows); on any failure the target is left as it was;
* a symbolic link is written through: the file it points to is replaced and
  the link stays a link (a dangling link is refused);
* a FIFO or a device (`/dev/null`, `/dev/stdout`, a pipe from `>(…)`) is
  written in place, never replaced by a regular file; a FIFO that no process
  reads is refused rather than waited on;
* a directory is refused, and so is any path in `protect` (the data file and
  its sources: an output must never land on an input).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from timeline.model import Error, Location, Timeline, TimelineError
from timeline.safe_io import same_file

_TMP_SUFFIX = ".tmp"


def _fail(path: str | os.PathLike[str], message: str) -> TimelineError:
    return TimelineError([Error(message, Location(str(path)), stage="output")])


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int | None = None, *,
                 protect: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write `data` to `path` as described above, or raise TimelineError with one
    line and leave every file as it was.

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
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data, info)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    _replace(target, data, mode, info)


def _write_in_place(path: Path, data: bytes, info: os.stat_result) -> None:
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
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes, mode: int | None, info: os.stat_result | None) -> None:
    if mode is None:
        if info is not None:
            mode = info.st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def leftovers(path: str | os.PathLike[str]) -> list[Path]:
    """Temporary files that an interrupted `write_atomic(path, …)` left behind
    (killed between creating and renaming): regular files of ours, named as
    `write_atomic` names them, beside `path`."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}{re.escape(_TMP_SUFFIX)}")
    found = []
    try:
        names = os.listdir(path.parent or ".")
    except OSError:
        return []
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = path.parent / name
        try:
            info = os.lstat(candidate)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid):
            found.append(candidate)
    return found


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
