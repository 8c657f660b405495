"""The questions users ask: next, suspended, list, show.  Pure functions of a
resolved timeline and an as-of day; they select and order, writers format."""

from __future__ import annotations

from timeline.dates import Duration
from timeline.datetimes import datetime
from timeline.model import ENDS as ENDS  # re-exported (`X as X`): these lived here before
from timeline.model import HAPPENS as HAPPENS
from timeline.model import LINK_KINDS, Entry, Error, Timeline
from timeline.model import STARTS as STARTS
from timeline.model import Milestone as Milestone
from timeline.status import ACTIVE, ENDED, status

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from timeline.records import NamedTuple  # typing's, without compiling the annotations (timeline/records.py)

if TYPE_CHECKING:
    from timeline.reminders import Reminder


class Filters(NamedTuple):
    """The selection options shared by `list`, `ics` and friends (all optional)."""

    start: datetime.date | None = None  # --from
    end: datetime.date | None = None  # --to
    party: str | None = None
    kind: str | None = None
    tag: str | None = None
    certainty: str | None = None

    def keep(self, entry: Entry) -> bool:
        event = entry.event
        if self.party and self.party.casefold() not in {p.casefold() for p in event.parties}:
            return False
        if self.kind and self.kind.casefold() != event.kind.casefold():
            return False
        if self.tag and self.tag.casefold() not in {t.casefold() for t in event.tags}:
            return False
        if self.certainty and self.certainty.casefold() != event.certainty:
            return False
        if self.start is None and self.end is None:
            return True
        first, last = span(entry)
        if first is None and last is None:
            return False  # undated: outside any date range
        return self.overlaps(first, last)

    def overlaps(self, first: datetime.date | None, last: datetime.date | None) -> bool:
        """Whether days first..last (None: not known, so not excluded) meet --from..--to."""
        if self.start is not None and last is not None and last < self.start:
            return False
        return not (self.end is not None and first is not None and first > self.end)


def span(entry: Entry) -> tuple[datetime.date | None, datetime.date | None]:
    """First and last day an entry may cover (None where unknown)."""
    if entry.is_window:
        first = entry.start.value.first_day() if entry.start else None
        last = entry.end.value.first_day() - datetime.timedelta(days=1) if entry.end else None
        return first, last
    if entry.date is None:
        return None, None
    return entry.date.value.first_day(), entry.date.value.last_day()


def milestones(entry: Entry) -> list[Milestone]:
    if entry.is_window:
        found = []
        if entry.start:
            found.append(Milestone(entry, STARTS, entry.start))
        if entry.end:
            found.append(Milestone(entry, ENDS, entry.end))
        return found
    return [Milestone(entry, HAPPENS, entry.date)] if entry.date else []


_EVERYTHING = Filters()


def all_milestones(timeline: Timeline, filters: Filters | None = None) -> list[Milestone]:
    return sorted(_selected(timeline, filters), key=Milestone.sort_key)


def _selected(timeline: Timeline, filters: Filters | None) -> list[Milestone]:
    """The milestones of the entries `filters` keep, that meet its date range, in file order."""
    if filters is None or filters == _EVERYTHING:
        return [m for e in timeline.entries for m in milestones(e)]
    found = [m for e in timeline.entries if filters.keep(e) for m in milestones(e)]
    return [m for m in found if filters.overlaps(m.date.value.first_day(), m.date.value.last_day())]


def undated(timeline: Timeline, filters: Filters | None = None) -> list[Entry]:
    """Events without any date that pass the filters other than the date range."""
    keep = (filters or Filters())._replace(start=None, end=None)
    return [e for e in timeline.entries if not milestones(e) and keep.keep(e)]


def upcoming(timeline: Timeline, as_of: datetime.date, limit: int | None = 10,
             filters: Filters | None = None, until: datetime.date | None = None) -> list[Milestone]:
    """`timeline next`: milestones on or after `as_of` (up to `until`, when given),
    in date order.

    A date known only to the month (season, year) stays upcoming while that
    period lasts, since the day may still be ahead, unless the source
    confirms the event as having happened.
    """
    found = [m for m in _selected(timeline, filters)
             if is_ahead(m, as_of) and (until is None or m.date.value.first_day() <= until)]
    if limit is None:
        return sorted(found, key=Milestone.sort_key)
    import heapq  # not on the fast path's usual way (timeline/index.py answers it there)

    return heapq.nsmallest(limit, found, key=Milestone.sort_key)  # sorted(...)[:limit], without sorting them all


def is_ahead(m: Milestone, as_of: datetime.date) -> bool:
    if m.entry.cancelled:
        return False
    value = m.date.value
    if value.first_day() >= as_of:
        return True
    happened = m.milestone == HAPPENS and m.entry.event.certainty == "confirmed"
    return value.last_day() >= as_of and not happened


def suspended(timeline: Timeline, as_of: datetime.date, recent_days: int = 30,
              filters: Filters | None = None) -> tuple[list[Entry], list[Entry]]:
    """`timeline suspended`: windows in force on `as_of` (soonest end first), then those
    that ended in the last `recent_days` days (latest end first)."""
    windows = [e for e in timeline.entries if e.is_window and (filters is None or filters.keep(e))]
    active = [e for e in windows if status(e, as_of) == ACTIVE]
    active.sort(key=lambda e: (e.end is None, e.end.value.sort_key() if e.end else (), e.id))
    horizon = as_of - datetime.timedelta(days=min(recent_days, (as_of - datetime.date.min).days))  # not before year 1
    ended = [
        e for e in windows
        if status(e, as_of) == ENDED and e.end is not None and e.end.value.first_day() > horizon
    ]
    ended.sort(key=lambda e: (e.end.value.sort_key() if e.end else (), e.id), reverse=True)
    return active, ended


def listing(timeline: Timeline, filters: Filters | None = None) -> list[Entry]:
    """`timeline list`: everything in date order, undated last."""
    entries = [e for e in timeline.entries if filters is None or filters.keep(e)]
    return sorted(entries, key=_entry_key)


def _entry_key(entry: Entry) -> tuple[object, ...]:
    value = entry.sort_date
    if value is None:
        return (1, (), entry.id)
    instant = entry.instant.isoformat() if entry.instant else ""
    return (0, (*value.sort_key(), instant), entry.id)


def links(timeline: Timeline, entry: Entry) -> list[tuple[str, str]]:
    """(wording, other id) for the links an event declares and those pointing at it."""
    found = [(link.kind.replace("_", " "), link.target) for link in entry.event.links]
    return found + links_index(timeline).get(entry.id, [])


_links: tuple[object, dict[str, list[tuple[str, str]]]] = (None, {})  # (entries, index): the last timeline's


def links_index(timeline: Timeline) -> dict[str, list[tuple[str, str]]]:
    """id -> (wording, other id) of the links pointing at it, in file order; built once
    per timeline (the same entries object), so that `links` over every entry is linear."""
    global _links
    built = _links  # one read: another thread may replace it meanwhile
    if built[0] is not timeline.entries:
        index: dict[str, list[tuple[str, str]]] = {}
        for other in timeline.entries:
            for link in other.event.links:
                index.setdefault(link.target, []).append((LINK_KINDS[link.kind], other.id))
        built = _links = (timeline.entries, index)
    return built[1]


# --- how old the sources of an answer are ----------------------------------

STALE_AFTER = Duration(days=90)  # the default of --stale-after


class Freshness(NamedTuple):
    """The newest source an answer rests on, and whether the as-of day is more than
    `--stale-after` past it (then dates may have moved since)."""

    newest: datetime.date | None = None
    stale: bool = False

    def note(self, as_of: datetime.date) -> str:
        """The one line `timeline` prints on stderr for a stale answer."""
        age = (as_of - self.newest).days if self.newest else 0
        return f"timeline: newest source {self.newest}, {age} days old: dates may have moved"


def source_ids(entry: Entry) -> set[str]:
    """The sources an event rests on: those it quotes and those of its revisions."""
    return {q.source for q in entry.event.quotes} | {r.source for r in entry.revisions}


def freshness(timeline: Timeline, as_of: datetime.date, after: Duration | None = STALE_AFTER,
              entry: Entry | None = None) -> Freshness:
    """For one event (`show`): its own sources; for a list: every source of the file
    (what the list can see, including what it does not show)."""
    wanted = source_ids(entry) if entry is not None else None
    days = [s.published.last_day() for key, s in timeline.sources.items() if wanted is None or key in wanted]
    return stale_since(max(days) if days else None, as_of, after)


def stale_since(newest: datetime.date | None, as_of: datetime.date, after: Duration | None = STALE_AFTER) -> Freshness:
    """The freshness of an answer whose newest source ends on `newest`."""
    if newest is None or after is None:
        return Freshness(newest, False)
    try:
        limit = after.after(newest)
    except OverflowError:
        return Freshness(newest, False)
    return Freshness(newest, as_of > limit)


def stale_note(fresh: Freshness | None, as_of: datetime.date, quiet: bool = False) -> str | None:
    """The staleness note a query prints on stderr before its answer, or None (no
    freshness, fresh data, or `-q`): the CLI and the fast path both print this one."""
    if quiet or fresh is None or not fresh.stale:
        return None
    return fresh.note(as_of)


# --- how dates moved --------------------------------------------------------

FIELD_PART = {"date": "date", "since": "start", "until": "end"}


class Drift(NamedTuple):
    """One value a date had, and the source that gave it (`cancelled`: called off)."""

    value: str
    source: str
    published: str
    cancelled: bool = False


def drift(timeline: Timeline, entry: Entry, field: str) -> list[Drift]:
    """The values `field` took, oldest first: the first reading (resting on the event's
    first source), then each revision's; [] when it was never revised."""
    revisions = [r for r in entry.revisions if r.field == field]
    if not revisions:
        return []
    current = getattr(entry, FIELD_PART[field])
    moved = [r for r in revisions if not r.cancelled]
    chain = []
    for _ in moved:  # each revised value rests on the one before (basis "before")
        if current is None:
            break
        chain.append(current)
        current = dict(current.basis).get("before")

    def about(source_id: str) -> tuple[str, str]:
        source = timeline.sources.get(source_id)
        return (source.publisher or source_id, str(source.published)) if source else (source_id, "?")

    first = entry.event.quotes[0].source if entry.event.quotes else "?"
    found = [Drift(str(current.value) if current else "not known", *about(first))]
    values = iter(reversed(chain))
    for r in revisions:
        if r.cancelled:
            found.append(Drift("cancelled", *about(r.source), cancelled=True))
        else:
            derived = next(values, None)
            found.append(Drift(str(derived.value if derived else r.to), *about(r.source)))
    return found


# --- view results: what the renderers take ---------------------------------


class NextView(NamedTuple):
    as_of: datetime.date
    milestones: list[Milestone]
    fresh: Freshness = Freshness()


class SuspendedView(NamedTuple):
    as_of: datetime.date
    recent_days: int
    active: list[Entry]
    ended: list[Entry]
    fresh: Freshness = Freshness()


class ListView(NamedTuple):
    timeline: Timeline
    as_of: datetime.date
    entries: list[Entry]
    fresh: Freshness = Freshness()


class ShowView(NamedTuple):
    timeline: Timeline
    as_of: datetime.date
    entry: Entry
    fresh: Freshness = Freshness()


class ValidateView(NamedTuple):
    """The outcome of `timeline validate`: the timeline (None when it could not be
    built) and every error."""

    path: str
    timeline: Timeline | None
    errors: list[Error]


class RemindView(NamedTuple):
    timeline: Timeline
    as_of: datetime.date
    reminders: list[Reminder]
    stale: bool
    source_name: str


def next_view(timeline: Timeline, as_of: datetime.date, limit: int | None = 10,
              filters: Filters | None = None, until: datetime.date | None = None,
              stale_after: Duration | None = STALE_AFTER) -> NextView:
    return NextView(as_of, upcoming(timeline, as_of, limit, filters, until), freshness(timeline, as_of, stale_after))


def suspended_view(timeline: Timeline, as_of: datetime.date, recent_days: int = 30,
                   filters: Filters | None = None, stale_after: Duration | None = STALE_AFTER) -> SuspendedView:
    return SuspendedView(as_of, recent_days, *suspended(timeline, as_of, recent_days, filters),
                         freshness(timeline, as_of, stale_after))


def list_view(timeline: Timeline, as_of: datetime.date, filters: Filters | None = None,
              stale_after: Duration | None = STALE_AFTER) -> ListView:
    return ListView(timeline, as_of, listing(timeline, filters), freshness(timeline, as_of, stale_after))


class UnknownEvent(LookupError):
    """No event has this id; the message suggests close ones."""


def show_view(timeline: Timeline, as_of: datetime.date, event_id: str,
              stale_after: Duration | None = STALE_AFTER) -> ShowView:
    """`timeline show ID`; UnknownEvent when there is no such event."""
    entry = timeline.get(event_id)
    if entry is None:
        import difflib  # 3 ms to import (python -X importtime), and only on this error path

        close = difflib.get_close_matches(event_id, [e.id for e in timeline.entries], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `timeline list`)"
        raise UnknownEvent(f"no event with id '{event_id}'{hint}")
    return ShowView(timeline, as_of, entry, freshness(timeline, as_of, stale_after, entry))


class PageView(NamedTuple):
    """`timeline html` and `timeline timelinejs`: the chosen entries, whole, for a picture."""

    timeline: Timeline
    as_of: datetime.date
    entries: list[Entry]
    title: str
    stale_after_days: int = 90


def page_view(timeline: Timeline, as_of: datetime.date, filters: Filters | None = None,
              title: str = "Policy timeline", stale_after_days: int = 90) -> PageView:
    return PageView(timeline, as_of, listing(timeline, filters), title, stale_after_days)


View = NextView | SuspendedView | ListView | ShowView | ValidateView | RemindView | PageView
