"""What `timeline remind --once` has already reported: a small JSON file, read
and rewritten under a lock, so that two runs started at the same moment
report each reminder exactly once between them.

The file (default `$XDG_STATE_HOME/timeline/reminders.json`) holds, for
each data file, the day of the last run and the reminders reported:

    {"format": 1, "files": {"/abs/events.yaml": {"last_run": "2025-11-01",
                                                 "sent": {"KEY": "2025-11-01"}}}}

A file that cannot be read as such is never overwritten: it is renamed
aside (`reminders.json.corrupt-…`) and the run stops with an error.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from timeline.model import Error, Location, TimelineError
from timeline.output import write_atomic

FORMAT = 1
KEEP_DAYS = 800  # sent records older than this cannot fire again (lead times are at most a year or two)
LOCK_TIMEOUT = 120  # seconds


def default_path(environ: Mapping[str, str] = os.environ) -> Path:
    base = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "timeline" / "reminders.json"


def _fail(path: Path, message: str) -> TimelineError:
    return TimelineError([Error(message, Location(str(path)))])


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (through `path.lock`) for a read-modify-write."""
    from filelock import (  # cross-platform (fcntl on POSIX, msvcrt on Windows)
        FileLock,
        Timeout,
    )

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise _fail(path, f"another `timeline remind --once` has held the lock for {LOCK_TIMEOUT} s") from None
    except OSError as exc:
        raise _fail(path, f"cannot use the state file: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def read(path: Path, data_file: str) -> tuple[datetime.date | None, dict[str, str], dict[str, Any]]:
    """(last run, sent records, whole state) for one data file; a missing state is empty."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, {}, {"format": FORMAT, "files": {}}
    except OSError as exc:
        raise _fail(path, f"cannot read the state file: {exc.strerror or exc}") from None
    try:
        state = json.loads(raw.decode("utf-8"))
        entry = state["files"].get(data_file, {}) if state.get("format") == FORMAT else None
        if entry is None:
            raise ValueError(f"unknown format {state.get('format')!r}")
        last = entry.get("last_run")
        last_run = datetime.date.fromisoformat(last) if last else None
        sent = dict(entry.get("sent", {}))
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in sent.items()):
            raise ValueError("'sent' must map text to text")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        aside = _keep_aside(path)
        raise _fail(
            path,
            f"the state file is corrupt ({_reason(exc)}); kept aside as {aside.name}, "
            "nothing was reported; the next run starts a new record",
        ) from None
    return last_run, sent, state


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    return " ".join(str(exc).split()) or type(exc).__name__


def _keep_aside(path: Path) -> Path:
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, aside)
    except OSError as exc:
        raise _fail(path, f"the state file is corrupt and cannot be moved aside: {exc.strerror or exc}") from None
    return aside


def write(path: Path, state: dict[str, Any], data_file: str, last_run: datetime.date, sent: dict[str, str]) -> None:
    horizon = (last_run - datetime.timedelta(days=KEEP_DAYS)).isoformat()
    kept = {key: day for key, day in sorted(sent.items()) if day >= horizon}
    state = {"format": FORMAT, "files": {**state.get("files", {}), data_file: {"last_run": last_run.isoformat(), "sent": kept}}}
    write_atomic(path, (json.dumps(state, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
