"""Writing files so that a reader never sees half of one: a temporary file in
the same folder, flushed to disk, then renamed over the target (atomic on
POSIX and Windows).  On any failure the target is left as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timeline.model import Error, Location, TimelineError


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data`, or raise TimelineError and leave it untouched.

    The new file keeps the old one's permissions; a new file gets the usual
    ones (0666 less the umask), not the 0600 of a temporary file.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        except OSError:
            mode = 0o644
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TimelineError([Error(f"cannot write: {reason}", Location(str(path)))]) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
