"""Helpers for the hostile-input tests (tests/test_hostile_*.py): data files
written into fresh folders, and the real program run as a process, with a
timeout (a hang is a failure, not a stuck test run), as root and as an
unprivileged user."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20  # seconds; every command here answers in well under one
MEMORY = 2 * 1024**3  # address space for each run: an endless read fails fast instead of exhausting the machine

SEED_TEXT = (
    "date 2025-10-31 Example article\n"
    "The truce expires on 10 November.\n"
    "Tariffs are suspended for one year.\n"
    "The visit is planned for next April.\n"
)
QUOTE = "The truce expires on 10 November."
HEADER = """\
sources:
  - id: art
    file: seed.txt
    published: 2025-10-31
events:
"""

# Every query command, with a pinned day.
AS_OF = ("--as-of", "2025-10-31")
QUERIES = (
    ("validate",),
    ("next", *AS_OF),
    ("suspended", *AS_OF),
    ("list", "--json", *AS_OF),
    ("ics",),
    ("remind", *AS_OF),
)

NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# As root, the tests that touch files run twice: as root and as `nobody`.
USERS = ("root", "nobody") if IS_ROOT else ("self",)


def event(ident: str, fields: str = "date: 2025-11-10\n", quote: str = QUOTE) -> str:
    """One event, as an item of HEADER's `events:` list; `fields` are YAML lines."""
    lines = [f"id: {ident}", f"title: Event {ident}", "kind: truce", "certainty: confirmed",
             *textwrap.dedent(fields).splitlines(), "sources:", "  - source: art", f"    quote: {quote}"]
    return "  - " + "\n    ".join(lines) + "\n"


def open_folder() -> Path:
    """A fresh folder under /tmp that an unprivileged user may use too."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-hostile-"))
    os.chmod(folder, 0o777)
    return folder


def write_case(folder: Path, events: str | None = None, *, header: str = HEADER, raw: str | None = None) -> Path:
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    path = folder / "events.yaml"
    events = event("truce") if events is None else events
    path.write_text(raw if raw is not None else header + events, encoding="utf-8")
    settled = time.time() - 3600  # older than the cache's racy window: every command caches it and reads it back
    for p in (path, folder / "seed.txt"):
        os.chmod(p, 0o644)
        os.utime(p, (settled, settled))
    return path


def run(*args, cwd: Path | None = None, env: dict | None = None, user: str = "self",
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, timeout: float = TIMEOUT,
        pass_fds=()) -> subprocess.CompletedProcess:
    """`python -m timeline ARGS` as a process, as `user` ('nobody' drops to uid 65534)."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("NO_COLOR", "TIMELINE_FILE", "SOURCE_DATE_EPOCH", "XDG_STATE_HOME", "TIMELINE_MAX_BYTES")}
    environ["PYTHONPATH"] = str(ROOT)
    environ.update(env or {})
    command = [sys.executable, "-m", "timeline", *map(str, args)]
    if user == "nobody":
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        environ["HOME"] = "/nonexistent"
    return subprocess.run(command, cwd=cwd, env=environ, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          timeout=timeout, pass_fds=pass_fds, preexec_fn=_limit_memory)


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def text(result) -> tuple[str, str]:
    out = result.stdout.decode("utf-8", "replace") if isinstance(result.stdout, bytes) else (result.stdout or "")
    return out, result.stderr.decode("utf-8", "replace")


def assert_clean_failure(result, *, code=(1, 2), location: str | None = None) -> str:
    """Exit 1 or 2, no traceback, exactly one line on stderr (with `location` first
    when given); returns that line."""
    out, err = text(result)
    assert result.returncode in code, (result.returncode, out[-500:], err[-2000:])
    assert "Traceback" not in err, err[-3000:]
    lines = err.splitlines()
    assert len(lines) == 1, err
    if location is not None:
        assert lines[0].startswith(location), lines[0]
    return lines[0]


def assert_no_traceback(result) -> None:
    out, err = text(result)
    assert result.returncode in (0, 1, 2), (result.returncode, err[-2000:])
    assert "Traceback" not in err, err[-3000:]


def make_char_device(path: Path) -> Path:
    """A /dev/zero-like device node in a test folder (needs root); else a link to /dev/zero."""
    if IS_ROOT:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
        os.chmod(path, 0o666)
    else:
        os.symlink("/dev/zero", path)
    return path


def make_null_device(path: Path) -> Path:
    """A /dev/null-like device node (c 1 3) in a test folder (needs root); else a link to /dev/null."""
    if IS_ROOT:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod(path, 0o666)
    else:
        os.symlink("/dev/null", path)
    return path


def snapshot(*paths: Path) -> dict:
    """Bytes and modification time of files, to show they were not touched."""
    return {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class FifoReader:
    """Read everything written to a FIFO, in a thread; never leaves the thread
    blocked (on exit, a writer that closes at once releases a waiting open)."""

    def __init__(self, path: Path):
        import threading

        self.path, self.data = path, None
        self.thread = threading.Thread(target=self._read, daemon=True)

    def _read(self):
        with open(self.path, "rb") as handle:
            self.data = handle.read()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.thread.join(5)
        if self.thread.is_alive():
            try:
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
            self.thread.join(5)


LOCATED = r"^events\.yaml:\d+:\d+: \S"


class InProcess(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes
    exception: BaseException | None


def cli(*args, cwd: Path, env: dict | None = None) -> InProcess:
    """The CLI in-process (typer's CliRunner), from `cwd`: much faster than a
    process, for the many runs of the data tests.  An exception that escaped
    the command is returned as a traceback text on stderr, as a process shows it."""
    import traceback

    from typer.testing import CliRunner

    from timeline.cli import app

    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    finally:
        os.chdir(here)
    err = result.stderr
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    if escaped is not None:
        err += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(escaped))
    return InProcess(result.exit_code, result.stdout_bytes, err.encode(), escaped)


def assert_consistent(folder: Path, data: Path, ids=(), extra=()) -> int:
    """`validate` refuses exactly what the other commands cannot compute: if it
    passes, every query succeeds; if it fails, each error line is located
    (events.yaml:LINE:COL) and every query fails alike.  Never a traceback or
    an exit status other than 0, 1 or 2.  Returns validate's status."""
    import re

    checked = cli("validate", "-f", data.name, cwd=folder)
    out, err = text(checked)
    assert checked.returncode in (0, 1) and "Traceback" not in err, err[-3000:]
    if checked.returncode == 1:
        for line in err.splitlines():
            assert re.match(LOCATED, line), f"error without a location: {line!r}"
    queries = [q for q in QUERIES if q[0] != "validate"]
    queries += [("remind", "--as-of", "0001-01-01"), ("remind", "--as-of", "9999-12-30"), *extra]
    queries += [("show", i, *AS_OF) for i in ids]
    for query in queries:
        result = cli(*query, "-f", data.name, cwd=folder)
        out, err = text(result)
        assert "Traceback" not in err, (query, err[-3000:])
        assert result.returncode == checked.returncode, (query, result.returncode, err[-1000:])
    return checked.returncode
