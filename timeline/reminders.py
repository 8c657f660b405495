"""Which reminders are due on a day.  Pure: the caller gives the day, the
lead times and, for `--once`, the day of the last run.

Lead times (`warn: [30d, 7d, 1d]` on an event, else `defaults.warn`) work in
one of two modes:

* `once` (the default): a lead time means one reminder, that many days
  before the date, as calendar alarms do.  `[30d, 7d, 1d]` gives three
  reminders, plus one on the day itself.
* `daily`: a lead time means a reminder every day from that many days
  before the date until the day itself, as remind's `+N` and org-mode's
  DEADLINE warnings do.  `[30d, 7d, 1d]` gives 31 reminders.

`within` (the `--within` option) replaces every lead time with one window:
everything due in the next N days, every day (the `daily` reading).

A date known only to the month counts from its first day.  A window's end
is reported as "ended" on its `until` day (it is no longer in force then).
With `since` (the last run's day), reminders that fell due on days the job
did not run are caught up, and windows that ended since are reported, once.
"""

from __future__ import annotations

from typing import NamedTuple

from timeline.dates import Duration
from timeline.datetimes import datetime
from timeline.model import ENDS, Milestone, Timeline
from timeline.views import Filters, all_milestones

ONCE, DAILY = "once", "daily"
DUE, LAPSED = "due", "lapsed"
TODAY = Duration()


class Reminder(NamedTuple):
    milestone: Milestone
    kind: str  # "due" (ahead, or today) or "lapsed" (a window that has ended)
    lead: Duration | None  # the lead time that made it due; None when lapsed
    day: datetime.date  # the milestone's day (the first day of a coarser date)
    days_left: int  # negative: days since it lapsed
    keys: tuple[str, ...]  # what `--once` records as reported
    moved: bool = False  # the digest says how the date moved (see `_moved`)

    @property
    def id(self) -> str:
        return self.milestone.id


def leads_for(milestone: Milestone, timeline: Timeline) -> tuple[Duration, ...]:
    return milestone.entry.event.warn if milestone.entry.event.warn is not None else timeline.warn


def due(timeline: Timeline, as_of: datetime.date, *, mode: str = ONCE, within: Duration | None = None,
        since: datetime.date | None = None, filters: Filters | None = None) -> list[Reminder]:
    """The reminders due on `as_of`, in date order; `since` is the last run's day, if any."""
    found = [r._replace(moved=_moved(r.milestone, timeline, since))
             for r in _due(timeline, as_of, mode=mode, within=within, since=since, filters=filters)]
    return found


def _moved(m: Milestone, timeline: Timeline, since: datetime.date | None) -> bool:
    """Whether to say that this milestone's date moved: always on a plain run; with
    `--once`, only when a revision's source is newer than the last run (so the move
    is told once, on the first run after the source that reported it)."""
    field = {"happens": "date", "starts": "since", "ends": "until"}[m.milestone]
    revisions = [r for r in m.entry.revisions if r.field == field]
    if not revisions:
        return False
    if since is None:
        return True
    days = [timeline.sources[r.source].published.last_day() for r in revisions if r.source in timeline.sources]
    return bool(days) and max(days) > since


def _due(timeline: Timeline, as_of: datetime.date, *, mode: str, within: Duration | None,
         since: datetime.date | None, filters: Filters | None) -> list[Reminder]:
    found = []
    for m in all_milestones(timeline, filters):
        day = m.date.value.first_day()
        left = (day - as_of).days
        if m.milestone == ENDS:
            lapsed = _lapsed(m, day, as_of, since)
            if lapsed is not None:
                found.append(lapsed)
                continue
        if left < 0 and (since is None or day <= since):
            continue  # gone by; after days the job did not run, a day since the last run is caught up
        if within is not None:
            if day <= within.after_or_last(as_of):
                found.append(Reminder(m, DUE, within, day, left, (_key(m, f"on-{as_of}"),)))
            continue
        leads = leads_for(m, timeline)
        if mode == DAILY:
            widest = max(leads, key=Duration.approx_days, default=TODAY)
            begins = widest.before_or_none(day)
            if begins is None or begins <= as_of:
                found.append(Reminder(m, DUE, widest, day, left, (_key(m, f"on-{as_of}"),)))
            continue
        fired = [
            lead for lead in (*leads, TODAY)
            if (when := lead.before_or_none(day)) is not None and ((since is not None and since < when <= as_of) or when == as_of)
        ]
        if fired:
            nearest = min(fired, key=Duration.approx_days)  # after missed days, the latest is enough
            found.append(Reminder(m, DUE, nearest, day, left, tuple(_key(m, lead.short()) for lead in fired)))
    return found


def _lapsed(m: Milestone, day: datetime.date, as_of: datetime.date, since: datetime.date | None) -> Reminder | None:
    """A window's end, reported once: on its day, or on the first run after it."""
    if day == as_of or (since is not None and since < day <= as_of):
        return Reminder(m, LAPSED, None, day, (day - as_of).days, (_key(m, "lapsed"),))
    return None


def _key(m: Milestone, what: str) -> str:
    return f"{m.id}|{m.milestone}|{m.date.value}|{what}"


def newest_source(timeline: Timeline) -> datetime.date | None:
    days = [s.published.last_day() for s in timeline.sources.values()]
    return max(days) if days else None


def is_stale(timeline: Timeline, as_of: datetime.date, after: Duration) -> bool:
    """The as-of day is well past the newest source: what it says may have moved."""
    newest = newest_source(timeline)
    if newest is None:
        return False
    return as_of > after.after_or_last(newest)
