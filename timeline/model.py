"""Immutable records: what the loader reads, what the resolver derives, and errors.

No I/O here.  Every record read from the data file carries the `Location`
it came from, so that any later check can point at the right line.
"""

from __future__ import annotations

from timeline.dates import Duration, PartialDate
from timeline.datetimes import datetime

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, NamedTuple
else:
    from timeline.records import NamedTuple  # typing's, without compiling the annotations (timeline/records.py)

CERTAINTIES = ("confirmed", "announced", "expected", "possible")
LINK_KINDS = {
    # name in the file: wording shown on the other event
    "answers": "answered by",
    "suspends": "suspended by",
    "postpones": "may be postponed to",
    "part_of": "has part",
    "see_also": "see also",
}


class Location(NamedTuple):
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


STAGES = ("io", "parse", "schema", "source", "resolve", "quote", "state", "output", "argument", "edit", "publish",
          "serve")


class Error(NamedTuple):
    """A problem in the input, reported as `file:line:col: message`.

    `event` is the id of the event concerned, when there is one; `stage` the
    step that found it, one of STAGES: io (reading a file), parse (YAML syntax
    and encoding), schema (fields and values), source (a seed document),
    resolve (references, dates), quote (a quote not in its source), state and
    output (files timeline writes), argument (a value given on the command
    line), edit (a change a writing command cannot make), publish (the CalDAV
    server) and serve (the local web server).  Every Error timeline makes has one.
    """

    message: str
    location: Location | None = None
    event: str | None = None
    stage: str | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def sort_key(self) -> tuple[int, int]:
        """File order: errors are reported top to bottom."""
        loc = self.location
        return (loc.line or 0, loc.column or 0) if loc else (0, 0)


class TimelineError(Exception):
    """The one exception of the library: carries every error found, in order."""

    def __init__(self, errors: Iterable[Error]):
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


# --- records as written in the data file ----------------------------------


class Ref(NamedTuple):
    """A reference to another event's date (`id`), window start or end (`id.start`,
    `id.end`), or a source's publication date (`source-id`)."""

    target: str
    part: str  # "date", "start" or "end"
    location: Location

    def __str__(self) -> str:
        return self.target if self.part == "date" else f"{self.target}.{self.part}"


class Anchor(NamedTuple):
    """`this`/`next`/`last` + a month, season, weekday or MM-DD, as read from the file."""

    kind: str  # "month", "season", "weekday" or "month-day"
    value: int | tuple[int, int]  # 1-12, 21-24, 0 (Monday)-6, or (month, day)
    text: str  # as written: "april", "autumn"


# How a date is given: one record type per way, joined in the union DateSpec.
# Each carries its location, an optional assumption (why, when the source does
# not say), a note, and another reading of the text (itself a DateSpec).


class OnDate(NamedTuple):
    """A date written out: `2025-11-10`, `2026-04`, `2025-23`, `2019`."""

    location: Location
    value: PartialDate
    assumed: str | None = None
    note: str | None = None
    alternative: DateSpec | None = None


class SameAs(NamedTuple):
    """Another event's date, window start or end, or a source's date, as it is."""

    location: Location
    ref: Ref
    assumed: str | None = None
    note: str | None = None
    alternative: DateSpec | None = None


class Offset(NamedTuple):
    """A reference moved by a duration: `from: truce, offset: 1 year`."""

    location: Location
    ref: Ref
    offset: Duration
    assumed: str | None = None
    note: str | None = None
    alternative: DateSpec | None = None


class Anchored(NamedTuple):
    """A reference anchored to a month, season, weekday or day: `from: art, next: april`."""

    location: Location
    ref: Ref
    which: str  # "this", "next" or "last"
    anchor: Anchor
    assumed: str | None = None
    note: str | None = None
    alternative: DateSpec | None = None


DateSpec = OnDate | SameAs | Offset | Anchored


class WindowSpec(NamedTuple):
    """A period in force: any two of start, length (`for`) and end (`until`), or
    just one of start and end when the other is not known."""

    location: Location
    start: DateSpec | None = None
    until: DateSpec | None = None
    length: Duration | None = None


class Quote(NamedTuple):
    source: str
    text: str
    location: Location  # of the quoted text
    source_location: Location | None = None  # of the source id


class Source(NamedTuple):
    id: str
    file: str  # relative to the data file
    published: PartialDate
    location: Location
    title: str | None = None
    publisher: str | None = None
    language: str | None = None
    url: str | None = None
    note: str | None = None


class Revision(NamedTuple):
    """A later source moving (or calling off) an event's date, or a window's start or end.

    `field` is "date" (a point event), "since" or "until" (a window); `previous`
    is `from` as written (the value before), `to` the new value (None when
    `cancelled`)."""

    field: str
    quote: Quote
    location: Location  # of the revision
    to: PartialDate | None = None
    previous: PartialDate | None = None
    previous_location: Location | None = None
    cancelled: bool = False
    note: str | None = None

    @property
    def source(self) -> str:
        return self.quote.source


class Link(NamedTuple):
    kind: str
    target: str
    location: Location


class Event(NamedTuple):
    id: str
    title: str
    kind: str
    certainty: str
    location: Location
    quotes: tuple[Quote, ...] = ()
    title_original: str | None = None
    parties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    date: DateSpec | None = None
    time: datetime.time | None = None
    timezone: str | None = None
    window: WindowSpec | None = None
    links: tuple[Link, ...] = ()
    note: str | None = None
    warn: tuple[Duration, ...] | None = None
    revisions: tuple[Revision, ...] = ()


class Document(NamedTuple):
    """The data file as read: sources, events and defaults, not yet resolved."""

    path: str
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    warn: tuple[Duration, ...] = ()
    warn_mode: str = "once"


# --- what the resolver derives --------------------------------------------


class Derived(NamedTuple):
    """A resolved date and how it was obtained.

    `how` is one step ("2025-11-10 + 1 year"); `basis` holds the labelled
    dates it was computed from, so the whole chain can be shown.  `assumed`
    is true when this step or any date it rests on is an assumption.
    """

    value: PartialDate
    how: str
    basis: tuple[tuple[str, Derived], ...] = ()
    assumption: str | None = None
    note: str | None = None
    alternative: Derived | None = None
    alternative_note: str | None = None
    assumed: bool = False

    @staticmethod
    def make(value: PartialDate, how: str, basis: Any = (), assumption: str | None = None, note: str | None = None,
             alternative: Derived | None = None, alternative_note: str | None = None) -> Derived:
        assumed = bool(assumption) or any(d.assumed for _, d in basis)
        return Derived(value, how, tuple(basis), assumption, note, alternative, alternative_note, assumed)

    def assumptions(self) -> list[str]:
        """Every assumption this date rests on, nearest first, without repeats."""
        found = [self.assumption] if self.assumption else []
        for _, base in self.basis:
            found += [a for a in base.assumptions() if a not in found]
        return found


class Entry(NamedTuple):
    """An event with its dates resolved: `date` for a point in time, `start` and
    `end` for a window (either may be unknown)."""

    event: Event
    date: Derived | None = None
    start: Derived | None = None
    end: Derived | None = None
    instant: datetime.datetime | None = None  # UTC, when the event has a time
    revisions: tuple[Revision, ...] = ()  # as read, in file order (the current values already applied)
    local: datetime.datetime | None = None
    """The instant at the offset its zone had then, named by the zone's abbreviation ("KST"):
    what the text shows, without loading the zone's rules again (4 ms of `zoneinfo`)."""

    @property
    def cancelled(self) -> bool:
        return any(r.cancelled for r in self.revisions)

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def is_window(self) -> bool:
        return self.event.window is not None

    @property
    def assumed(self) -> bool:
        return any(d.assumed for d in (self.date, self.start, self.end) if d)

    @property
    def has_alternative(self) -> bool:
        return any(d.alternative for d in (self.date, self.start, self.end) if d)

    @property
    def sort_date(self) -> PartialDate | None:
        for derived in (self.date, self.start, self.end):
            if derived:
                return derived.value
        return None


HAPPENS, STARTS, ENDS = "happens", "starts", "ends"
_MILESTONE_ORDER = {ENDS: 0, HAPPENS: 1, STARTS: 2}


class Milestone(NamedTuple):
    """A dated thing that happens on a day: an event, or a window starting or ending."""

    entry: Entry
    milestone: str  # HAPPENS, STARTS or ENDS
    date: Derived

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def title(self) -> str:
        title = self.entry.event.title
        if self.milestone == STARTS:
            return f"{title}: starts"
        if self.milestone == ENDS:
            return f"{title}: ends"
        return title

    @property
    def assumed(self) -> bool:
        return self.date.assumed

    @property
    def instant(self) -> datetime.datetime | None:
        """The moment (UTC) of a timed event; None for a window's start or end and
        for events known only to the day.  The one place this rule is written."""
        return self.entry.instant if self.milestone == HAPPENS else None

    def sort_key(self) -> tuple[object, ...]:
        instant = self.instant.isoformat() if self.instant else ""
        return (*self.date.value.sort_key(), instant, _MILESTONE_ORDER[self.milestone], self.id)


class Timeline(NamedTuple):
    """The resolved data file: what every view reads."""

    path: str
    sources: dict[str, Source]
    entries: tuple[Entry, ...]
    warn: tuple[Duration, ...] = ()
    warn_mode: str = "once"

    def get(self, event_id: str) -> Entry | None:
        global _by_id
        built = _by_id  # one read: another thread may replace it meanwhile
        if built[0] is not self.entries:  # an index per entries object, built on first use
            built = _by_id = (self.entries, {e.id: e for e in reversed(self.entries)})  # the first of an id wins
        return built[1].get(event_id)


_by_id: tuple[object, dict[str, Entry]] = (None, {})  # (entries, id -> entry): the last timeline's
