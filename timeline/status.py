"""Status of an event or window as of a day.  Pure.

Statuses claim no more than the sources do:

* a point event is `upcoming` before its first possible day and `active` on
  any day it may fall on (a date known only to the month is `active` for the
  whole month: the day may still be ahead);
* after its last possible day it has `happened` only when a source confirms
  it (`certainty: confirmed`); otherwise it has `passed`: the date went by
  and no source reports the outcome;
* a window is `upcoming` before its start, `active` (in force) from its
  start (inclusive) to its end (exclusive), and `ended` from the `until` day.
  Where a start or end is known only to the month, the earliest day counts
  (the month's first day), so a window is never shown as still in force when
  it may already have ended;
* an event or window called off by a revision (`cancelled: true`) is
  `cancelled` whatever the day;
* without any date: `undated`.
"""

from __future__ import annotations

from timeline.datetimes import datetime
from timeline.model import Entry

UPCOMING, ACTIVE, ENDED, UNDATED = "upcoming", "active", "ended", "undated"
PASSED, HAPPENED, CANCELLED = "passed", "happened", "cancelled"
STATUSES = (UPCOMING, ACTIVE, ENDED, PASSED, HAPPENED, CANCELLED, UNDATED)


def status(entry: Entry, as_of: datetime.date) -> str:
    if entry.cancelled:
        return CANCELLED
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
        return HAPPENED if entry.event.certainty == "confirmed" else PASSED
    return ACTIVE


def days_left(entry: Entry, as_of: datetime.date) -> int | None:
    """Days until a window in force ends (1 on its last day in force)."""
    if not entry.is_window or entry.end is None or status(entry, as_of) != ACTIVE:
        return None
    return (entry.end.value.first_day() - as_of).days
