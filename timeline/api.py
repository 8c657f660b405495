"""The library API: find, read and check a data file.  The I/O edge of the core.

    >>> import timeline.api as tl
    >>> data = tl.load("events.yaml")          # raises TimelineError
    >>> from timeline import views
    >>> views.upcoming(data, pendulum.date(2025, 10, 31))
"""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path

from timeline.load import decode, parse
from timeline.model import Error, Location, Timeline, TimelineError
from timeline.resolve import resolve
from timeline.sources import check_quotes, read_seeds

DEFAULT_NAME = "events.yaml"
ENV_VAR = "TIMELINE_FILE"


def shipped_file() -> Path:
    """The events that come with the package (the article's, as shipped)."""
    return Path(__file__).resolve().parent / "data" / DEFAULT_NAME


def default_file(cwd: Path | None = None, environ=os.environ) -> Path:
    """./events.yaml if there is one, else $TIMELINE_FILE, else the shipped events."""
    here = (cwd or Path.cwd()) / DEFAULT_NAME
    if here.is_file():
        return here
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR])
    return shipped_file()


def check(path: str | os.PathLike) -> tuple[Timeline | None, list[Error]]:
    """Read, parse, resolve and check quotes; return the timeline (None if it could not
    be built) and every error found.  Never writes anything."""
    path = Path(path)
    label = _label(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Error("no such file", Location(label))]
    except IsADirectoryError:
        return None, [Error("is a directory, not a data file", Location(label))]
    except OSError as exc:
        return None, [Error(f"cannot read: {exc.strerror}", Location(label))]
    text, errors = decode(data, label)
    if text is None:
        return None, errors
    with paused_gc():
        document, errors = parse(text, label)
        if document is None:
            return None, errors
        texts, seed_errors = read_seeds(document, path.parent)
        timeline, resolve_errors = resolve(document)
        errors = errors + seed_errors + resolve_errors + check_quotes(document, texts)
    errors.sort(key=Error.sort_key)
    return timeline, errors


def load(path: str | os.PathLike) -> Timeline:
    """The resolved timeline; raise TimelineError with every error if there is any."""
    timeline, errors = check(path)
    if errors or timeline is None:
        raise TimelineError(errors)
    return timeline


def remind_once(timeline: Timeline, as_of, *, data_file, deliver, state_path=None, mode: str = "once",
                within=None) -> list:
    """`timeline remind --once`: the reminders due on `as_of` that were not yet
    reported for `data_file`, handed to `deliver` under the state's lock, then
    recorded.  Delivering before recording means a failure to record can
    repeat a reminder, never lose one.  Returns what was delivered."""
    from timeline import reminders, state

    path = Path(state_path) if state_path is not None else state.default_path()
    key = os.path.abspath(data_file)
    with state.locked(path):
        last_run, sent, whole = state.read(path, key)
        since = last_run if last_run is not None and last_run < as_of else None
        found = [r for r in reminders.due(timeline, as_of, mode=mode, within=within, since=since)
                 if not any(k in sent for k in r.keys)]
        deliver(found)
        sent.update({k: as_of.isoformat() for r in found for k in r.keys})
        state.write(path, whole, key, max(as_of, last_run) if last_run else as_of, sent)
    return found


def calendar_times(data_file, environ=os.environ):
    """(LAST-MODIFIED, DTSTAMP) for a calendar export, in UTC: SOURCE_DATE_EPOCH for
    both when it is set (reproducible builds), else the data file's modification
    time and now."""
    import datetime

    utc = datetime.timezone.utc
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=utc)
        except (ValueError, OverflowError, OSError):
            raise TimelineError([Error(f"SOURCE_DATE_EPOCH must be a number of seconds, not '{epoch}'")]) from None
        return moment, moment
    modified = datetime.datetime.fromtimestamp(int(Path(data_file).stat().st_mtime), tz=utc)
    return modified, datetime.datetime.now(utc).replace(microsecond=0)


def _label(path: Path) -> str:
    """Paths in messages as the user gave them, shortened when under the current folder."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)



@contextlib.contextmanager
def paused_gc():
    """Pause CPython's cycle collector while building many objects at once.

    Reading a large file creates hundreds of thousands of objects, none in
    reference cycles; the collector would walk all of them again and again,
    which makes a 10,000-event file four times slower to load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
