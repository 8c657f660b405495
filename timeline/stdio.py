"""Standard output for both entry points (the Typer CLI and the fast path), so that
a failure to print reads the same on either: a closed stdout fails on the first
write, a stdout that cannot encode a character shows it as an escape, and a
failed write is one line on stderr and exit status 1, never a traceback.  And
the pager `show` uses on a terminal (`page`), the same from either.

Standard library only, and none of what the fast path avoids (contextlib, ...).
"""

from __future__ import annotations

import errno
import io
import os
import sys

TYPE_CHECKING = False  # typing's own, without importing typing at run time (the fast path avoids it)
if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class ClosedStdout(io.RawIOBase):
    """Standard output when the process was started without one (`>&-`): writing fails."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        if self.failed:
            return memoryview(data).nbytes
        raise OSError(errno.EBADF, "standard output is closed")


def guard_stdout() -> None:
    """A closed stdout fails on the first write (one line, exit 1); a stdout that cannot
    encode a character (PYTHONIOENCODING=ascii, a C locale) shows it as an escape."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(ClosedStdout()), encoding="utf-8")
    elif isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def stdout_failed(exc: OSError) -> None:
    """One line on stderr, exit status 1; what is still buffered is dropped, so that
    Python's own flush at exit does not print a second error."""
    try:
        sys.stderr.write(f"timeline: cannot write to standard output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, ClosedStdout):
        raw.failed = True
    else:
        stdout_to_devnull()
    raise SystemExit(1)


def stdout_to_devnull() -> None:
    """What is still buffered for stdout goes nowhere: the exit's flush then has nowhere to fail."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:
        pass


def page(text: str) -> bool:
    """Show `text` through $PAGER (else `less`) when stdout is a terminal and the text
    is longer than the screen.  False when it was not paged (print it instead)."""
    if not sys.stdout.isatty():
        return False
    import shlex  # only on a terminal: neither is on the fast path's usual way
    import shutil
    import subprocess

    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    command = shlex.split(os.environ.get("PAGER") or "less")
    if not command or shutil.which(command[0]) is None:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}  # quit if one screen, keep colours
    sys.stdout.flush()
    try:
        subprocess.run(command, input=text.encode(), env=env, check=False)
    except OSError:
        return False
    return True
