"""The library API: find, read and check a data file, and the commands that do
more than select and format (calendar export, reminders with memory).  The
I/O edge of the core; it never prints.

    >>> import datetime, timeline.api as tl
    >>> data = tl.load("events.yaml")          # raises TimelineError
    >>> from timeline import views
    >>> views.upcoming(data, datetime.date(2025, 10, 31))
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from timeline import __version__, paths, reminders, snapshot, views
from timeline.dates import Duration
from timeline.load import decode, parse
from timeline.model import CERTAINTIES, Document, Error, Location, Timeline, TimelineError
from timeline.render.ics import CalendarOptions, chunks
from timeline.resolve import resolve
from timeline.safe_io import read_regular
from timeline.sources import check_quotes, read_seeds

__all__ = ["CERTAINTIES", "Error", "IcsExport", "IcsStream", "Timeline", "TimelineError", "calendar_times", "check",
           "calendar_export", "calendar_stream", "check_text", "default_file", "export_ics", "page_html", "find_data_file", "load", "paused_gc", "remind_once", "shipped_file",
           "user_file"]

DEFAULT_NAME, ENV_VAR = paths.DEFAULT_NAME, paths.ENV_VAR  # the data file is found in timeline/paths.py
shipped_file, user_file, find_data_file, default_file = (
    paths.shipped_file, paths.user_file, paths.find_data_file, paths.default_file)


def check(path: str | os.PathLike[str]) -> tuple[Timeline | None, list[Error]]:
    """Read, parse, resolve and check quotes; return the timeline (None if it could not
    be built) and every error found.  Never writes anything."""
    timeline, errors, _ = _check(Path(path))
    return timeline, errors


def _check(path: Path) -> tuple[Timeline | None, list[Error], list[Path]]:
    """`check`, and the seed files it read (the cache's key)."""
    label = _label(path)
    try:
        data = read_regular(path)  # a regular file only, within $TIMELINE_MAX_BYTES: never blocks on a FIFO
    except FileNotFoundError:
        return None, [Error("no such file", Location(label), stage="io")], []
    except IsADirectoryError:
        return None, [Error("is a directory, not a data file", Location(label), stage="io")], []
    except OSError as exc:
        return None, [Error(f"cannot read: {exc.strerror}", Location(label), stage="io")], []
    text, errors = decode(data, label)
    if text is None:
        return None, errors, []
    timeline, more, seeds = _check_text(text, label, path.parent)
    return timeline, sorted(errors + more, key=Error.sort_key), seeds


def check_text(text: str, path: str | os.PathLike[str]) -> list[Error]:
    """Every error in `text` read as the data file at `path` (its seeds are found beside
    it): what `check` finds, for a text not yet written (the editing commands' `validate`)."""
    path = Path(path)
    return _check_text(text, _label(path), path.parent)[1]


def _check_text(text: str, label: str, base: Path) -> tuple[Timeline | None, list[Error], list[Path]]:
    """Parse, resolve and check quotes of a decoded text (the one implementation), and
    the seed files it read (the cache's key)."""
    with paused_gc():
        document, errors = parse(text, label)
        if document is None:
            return None, errors, []
        texts, seed_errors = read_seeds(document, base)
        timeline, resolve_errors = resolve(document)
        errors = (errors + [e._replace(stage="source") for e in seed_errors] + resolve_errors
                  + _quote_errors(document, check_quotes(document, texts)))
    errors.sort(key=Error.sort_key)
    return timeline, errors, [base / source.file for source in document.sources]


def _quote_errors(document: Document, errors: list[Error]) -> list[Error]:
    """Quote errors with their event, found by the quote's location."""
    owner = {quote.location: event.id for event in document.events
             for quote in (*event.quotes, *(r.quote for r in event.revisions))}
    return [e._replace(stage="quote", event=owner.get(e.location) if e.location else None) for e in errors]


def load(path: str | os.PathLike[str], *, use_cache: bool = True,
         environ: Mapping[str, str] = os.environ) -> Timeline:
    """The resolved timeline; raise TimelineError with every error if there is any.

    With `use_cache` (and $TIMELINE_NO_CACHE unset), a timeline cached for the same
    data file, seeds and code is read back instead (timeline/snapshot.py), and a
    clean check writes that cache for the next run."""
    path = Path(path)
    if use_cache:
        cached = snapshot.read(path, environ)
        if cached is not None:
            return cached
    started = snapshot.now_ns()  # before the inputs are read: a file changed meanwhile is not cached
    timeline, errors, seeds = _check(path)
    if errors or timeline is None:
        raise TimelineError(errors)
    if use_cache:
        snapshot.write(path, seeds, timeline, started, environ)
    return timeline


def remind_once(timeline: Timeline, as_of: datetime.date, *, data_file: str | os.PathLike[str],
                deliver: Callable[[list[reminders.Reminder]], None], state_path: str | os.PathLike[str] | None = None,
                mode: str = "once", within: Duration | None = None,
                filters: views.Filters | None = None) -> list[reminders.Reminder]:
    """`timeline remind --once`: the reminders due on `as_of` that were not yet
    reported for `data_file`, handed to `deliver` under the state's lock, then
    recorded.  Delivering before recording means a failure to record can
    repeat a reminder, never lose one.  Returns what was delivered."""
    from timeline import state  # 3 ms to import (python -X importtime: tempfile, through output): only for --once

    def due(since: datetime.date | None) -> list[reminders.Reminder]:
        return reminders.due(timeline, as_of, mode=mode, within=within, since=since, filters=filters)

    path = Path(state_path) if state_path is not None else state.default_path()
    return state.report_once(path, data_file, as_of, due, deliver)


class IcsExport(NamedTuple):
    data: bytes  # the calendar, ready to write
    milestones: int  # calendar entries
    left_out: int  # undated events, which no calendar can hold


class IcsStream(NamedTuple):
    chunks: Iterator[bytes]  # the calendar in pieces, made as they are read: for output.write_atomic or a stream
    milestones: int  # calendar entries
    left_out: int  # undated events, which no calendar can hold


def export_ics(path: str | os.PathLike[str], *, filters: views.Filters | None = None,
               alarms: tuple[Duration, ...] | None = None, name: str = "Policy timeline",
               environ: Mapping[str, str] = os.environ) -> IcsExport:
    """`timeline ics`: the data file's milestones as an RFC 5545 calendar.

    `alarms` None: each event's `warn`, else the file's default; () none.
    Raises TimelineError when the file has errors."""
    path = Path(path)
    return calendar_export(load(path), path, filters=filters, alarms=alarms, name=name, environ=environ)


def calendar_export(timeline: Timeline, path: str | os.PathLike[str], *, filters: views.Filters | None = None,
                    alarms: tuple[Duration, ...] | None = None, name: str = "Policy timeline",
                    environ: Mapping[str, str] = os.environ, served: bool = False) -> IcsExport:
    """The calendar of an already loaded timeline read from `path`, as one bytes
    object (`calendar_stream` for a large one).  `served`: for a subscription,
    DTSTAMP is the data's time too (RFC 5545 3.8.7.2, no METHOD), so the bytes
    change only when the data does."""
    stream = calendar_stream(timeline, path, filters=filters, alarms=alarms, name=name, environ=environ, served=served)
    buffer = io.BytesIO()  # its bytes are handed over without a copy (getvalue)
    for chunk in stream.chunks:
        buffer.write(chunk)
    return IcsExport(buffer.getvalue(), stream.milestones, stream.left_out)


def calendar_stream(timeline: Timeline, path: str | os.PathLike[str], *, filters: views.Filters | None = None,
                    alarms: tuple[Duration, ...] | None = None, name: str = "Policy timeline",
                    environ: Mapping[str, str] = os.environ, served: bool = False) -> IcsStream:
    """`calendar_export` in pieces, one event at a time, so that the calendar never
    exists whole in memory (160 MB at 100,000 events).  What can fail (the data
    file's time, SOURCE_DATE_EPOCH) fails here, before the first piece."""
    path = Path(path)
    found = views.all_milestones(timeline, filters)
    modified, stamp = calendar_times(path, environ)
    if served and not environ.get("SOURCE_DATE_EPOCH"):
        stamp = modified
    verb = "served" if served else "exported"
    options = CalendarOptions(
        name=name,
        description=f"Dated policy events and deadlines from {path.name}, {verb} by timeline.",
        stamp=stamp,
        modified=modified,
        alarms=alarms,
    )
    return IcsStream(_paused(chunks(timeline, found, options, __version__)), len(found), len(views.undated(timeline, filters)))


def _paused(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """`pieces` with the cycle collector paused while they are made (`paused_gc`),
    until the last one or until the iterator is closed or dropped."""
    with paused_gc():
        yield from pieces


def page_html(timeline: Timeline, as_of: datetime.date, title: str = "Policy timeline") -> str:
    """`timeline html` for a loaded timeline: the whole page as text."""
    from timeline.render import render  # the html writer and its assets: only when a page is asked for

    return render(views.page_view(timeline, as_of, title=title), "html")


def calendar_times(data_file: str | os.PathLike[str],
                   environ: Mapping[str, str] = os.environ) -> tuple[datetime.datetime, datetime.datetime]:
    """(LAST-MODIFIED, DTSTAMP) for a calendar export, in UTC: SOURCE_DATE_EPOCH for
    both when it is set (reproducible builds), else the data file's modification
    time and now."""
    utc = datetime.timezone.utc
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            if not epoch.strip().isascii():
                raise ValueError(epoch)  # int() takes any Unicode digit
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=utc)
        except (ValueError, OverflowError, OSError):
            raise TimelineError([Error(f"SOURCE_DATE_EPOCH must be a number of seconds, not '{epoch}'", stage="io")]) from None
        return moment, moment
    modified = datetime.datetime.fromtimestamp(int(Path(data_file).stat().st_mtime), tz=utc)
    return modified, datetime.datetime.now(utc).replace(microsecond=0)


_label = paths.label


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
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
            gc.freeze()  # what was built stays out of later passes: the first one would walk it all (2 s at 100,000)
            gc.enable()
