"""Status of an event or window as of a day.  Pure.

A date known only to the month (or season, or year) covers every day of it.
A point event is `upcoming` before its first day, `active` on any day it
may fall on, and `ended` after its last day.  A window is in force from
its start (inclusive) to its end (exclusive): on the `until` day it has
ended.  Where a window's start or end is known only to the month, the
earliest day counts (the month's first day), so a window is never shown as
still in force when it may already have ended.
"""

from __future__ import annotations

import datetime

from timeline.model import Entry

UPCOMING, ACTIVE, ENDED, UNDATED = "upcoming", "active", "ended", "undated"


def status(entry: Entry, as_of: datetime.date) -> str:
    if entry.is_window:
        start, end = entry.start, entry.end
        if start is None and end is None:
            return UNDATED
        if start is not None and as_of < start.value.first_day():
            return UPCOMING
        if end is not None and as_of >= end.value.first_day():
            return ENDED
        return ACTIVE
    if entry.date is None:
        return UNDATED
    value = entry.date.value
    if as_of < value.first_day():
        return UPCOMING
    if as_of > value.last_day():
        return ENDED
    return ACTIVE


def days_left(entry: Entry, as_of: datetime.date) -> int | None:
    """Days until a window in force ends (1 on its last day in force)."""
    if not entry.is_window or entry.end is None or status(entry, as_of) != ACTIVE:
        return None
    return (entry.end.value.first_day() - as_of).days

