"""What `timeline remind --once` has already reported: a small JSON file, read
and rewritten under a lock, so that two runs started at the same moment
report each reminder exactly once between them.

The file (default `$XDG_STATE_HOME/timeline/reminders.json`) holds, for
each data file, the day of the last run and the reminders reported:

    {"format": 1, "files": {"/abs/events.yaml": {"last_run": "2025-11-01",
                                                 "sent": {"KEY": "2025-11-01"}}}}

A file that cannot be read as such is never overwritten: when it looks
like one of ours (a JSON object that begins with `"format"`) it is renamed
aside (`reminders.json.corrupt-…`) and the run stops with an error; any
other file (the data file, a seed, a FIFO, a device, a directory) is left
exactly as it is and refused.  Temporary files that a killed run left
behind are removed under the lock.  A relative `$XDG_STATE_HOME` is
ignored, as the XDG Base Directory specification says.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.model import Error, Location, TimelineError
from timeline.output import remove_leftovers, write_atomic
from timeline.safe_io import kind, read_regular, same_file

if TYPE_CHECKING:
    from timeline.reminders import Reminder

FORMAT = 1
KEEP_DAYS = 800  # sent records older than this cannot fire again (lead times are at most a year or two)
LOCK_TIMEOUT = 120  # seconds
MAX_BYTES = 16 * 1024 * 1024  # a year of daily runs over thousands of events is well under 1 MiB
_OURS = re.compile(rb'\s*\{\s*"format"\s*:')  # how every state file we write begins


def default_path(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_STATE_HOME/timeline/reminders.json; a relative (or empty) $XDG_STATE_HOME is
    invalid per the XDG spec and ignored, for ~/.local/state."""
    base = environ.get("XDG_STATE_HOME") or ""
    if not os.path.isabs(base):
        base = str(Path.home() / ".local" / "state")
    return Path(base) / "timeline" / "reminders.json"


def report_once(path: Path, data_file: str | os.PathLike[str], as_of: datetime.date,
                due: Callable[[datetime.date | None], list[Reminder]],
                deliver: Callable[[list[Reminder]], None]) -> list[Reminder]:
    """`remind --once` (the CLI's, through `api.remind_once`, and the fast path's):
    under the state's lock, the reminders `due(since)` gives for the last run's day
    (None: no earlier run) that were not yet reported for `data_file`, handed to
    `deliver`, then recorded.  Delivering before recording means a failure to
    record can repeat a reminder, never lose one.  Returns what was delivered."""
    key = os.path.abspath(data_file)
    check_target(path, key)  # "--state names the data file", before any lock file is made
    with locked(path):
        last_run, sent, whole = read(path, key)
        since = last_run if last_run is not None and last_run < as_of else None
        found = [r for r in due(since) if not any(k in sent for k in r.keys)]
        deliver(found)
        sent.update({k: as_of.isoformat() for r in found for k in r.keys})
        write(path, whole, key, max(as_of, last_run) if last_run else as_of, sent)
    return found


def looks_like_ours(raw: bytes) -> bool:
    """Whether bytes begin as every state file timeline writes: `{"format": …`."""
    return _OURS.match(raw[:256]) is not None


def check_target(path: Path, data_file: str | None = None) -> None:
    """Refuse, before anything is created or locked, a state path that is not a
    state file of ours: the data file, a non-regular file, or a file whose
    contents are something else.  A missing file is fine (a first run)."""
    if data_file is not None and same_file(path, data_file):
        raise _fail(path, "--state names the data file: refusing to use it as the state file")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _fail(path, f"cannot use the state file: {exc.strerror or exc}") from None
    what = kind(info.st_mode)
    if what is not None:
        raise _fail(path, f"the state file is {what}, not a regular file: give another --state")
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError as exc:
        raise _fail(path, f"cannot read the state file: {exc.strerror or exc}") from None
    if not looks_like_ours(head):
        raise _not_ours(path)


def _not_ours(path: Path) -> TimelineError:
    return _fail(path, "is not a timeline state file (it does not begin with {\"format\": …); "
                       "left untouched and nothing was reported: give another --state")


def _fail(path: Path, message: str) -> TimelineError:
    return TimelineError([Error(message, Location(str(path)), stage="state")])


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (through `path.lock`) for a read-modify-write."""
    from filelock import (  # cross-platform (fcntl on POSIX, msvcrt on Windows)
        FileLock,
        Timeout,
    )

    check_target(path)
    lock_path = Path(str(path) + ".lock")
    try:
        lock_info = os.lstat(lock_path)
    except OSError:
        lock_info = None
    if lock_info is not None and not stat.S_ISREG(lock_info.st_mode):
        raise _fail(lock_path, "the lock file is not a regular file: remove it, or give another --state")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise _fail(path, f"another `timeline remind --once` has held the lock for {LOCK_TIMEOUT} s") from None
    except OSError as exc:
        raise _fail(path, f"cannot use the state file: {exc.strerror or exc}") from None
    try:
        remove_leftovers(path)  # temporary files of a run killed while saving
        yield
    finally:
        lock.release()


def read(path: Path, data_file: str) -> tuple[datetime.date | None, dict[str, str], dict[str, Any]]:
    """(last run, sent records, whole state) for one data file; a missing state is empty."""
    check_target(path, data_file)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return None, {}, {"format": FORMAT, "files": {}}
    except OSError as exc:
        raise _fail(path, f"cannot read the state file: {exc.strerror or exc}") from None
    if not looks_like_ours(raw):
        raise _not_ours(path)
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
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
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
    horizon = (last_run - datetime.timedelta(days=min(KEEP_DAYS, (last_run - datetime.date.min).days))).isoformat()
    kept = {key: day for key, day in sorted(sent.items()) if day >= horizon}
    state = {"format": FORMAT, "files": {**state.get("files", {}), data_file: {"last_run": last_run.isoformat(), "sent": kept}}}
    check_target(path, data_file)
    write_atomic(path, (json.dumps(state, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), protect=[data_file])
