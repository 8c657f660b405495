"""Milestones → an RFC 5545 calendar, built with the `ics` package.

Choices (README, "Calendar files"):

* A day-precision date is an all-day event: DTSTART;VALUE=DATE and an
  explicit DTEND on the next day (Exchange refuses an event with neither
  DTEND nor DURATION), TRANSP:TRANSPARENT.
* A date known only to the month, season or year is one all-day event on
  the period's first day, its summary saying "April 2026, day not known",
  and no alarm (an alarm would fire for a day nobody knows).
* A timed event is 30 minutes from its instant, written in UTC (`…Z`), the
  form every client reads alike; no VTIMEZONE is needed.
* UIDs come from the event id and the milestone only, so re-importing after
  an edit (even once the day becomes known) updates events in place.
* DTSTAMP is the export time (SOURCE_DATE_EPOCH when set); LAST-MODIFIED the
  data file's modification time; SEQUENCE the seconds from 2020 to it, which
  grows with every edit of the file, so clients accept the update; plus one
  per revision of the event (`timeline revise`), so that a moved date is an
  update even when SOURCE_DATE_EPOCH pins the time; never above 2^31-1
  (RFC 5545 INTEGER).  An event called off by a revision is STATUS:CANCELLED.

`ics` writes the calendar: `ics.Calendar` its properties (VERSION, PRODID,
CALSCALE and ours, reordered and folded by `rfc5545.finish`), and its
grammar layer (`Container`, `ContentLine`, `escape_string`) each VEVENT, laid
out as `ics.Event.serialize` lays it out, one event at a time (`chunks`),
folded and encoded by `rfc5545.folded`.  Not `ics.Event` itself: on 10,000
generated events the writer takes 1.4 s of CPU through it and 0.7 s without
(its serializers look themselves up with dir() for each event and clone
every line; docs/scale.md, "Calendar export"), and the properties it gets
wrong (all-day dates, DTSTAMP, alarms: render.rfc5545) were given to it as
ready lines anyway.  Lines that are the same for many events are made once
per calendar.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from timeline import derivation
from timeline.dates import Duration
from timeline.derivation import walk
from timeline.model import ENDS, HAPPENS, STARTS, Derived, Entry, Milestone, Timeline
from timeline.render.rfc5545 import duration_text, escape_text, finish, folded, utc_text

PRODID = "-//timeline//timeline {version}//EN"
TIMED_LENGTH = datetime.timedelta(minutes=30)
ALARM_HOUR = 9  # all-day alarms fire at 09:00, N days before
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
SEQUENCE_MAX = 2**31 - 1  # RFC 5545 INTEGER is a signed 32-bit number
SEQUENCE_SLOWS = datetime.datetime(2080, 1, 1, tzinfo=datetime.timezone.utc)  # then one a minute, not a second


def sequence_base(modified: datetime.datetime) -> int:
    """SEQUENCE for a data file modified then: the seconds from 2020 until 2080, then
    one more a minute, so it never falls below a value written earlier and stays under
    2^31-1 until 2562-12-28 (seconds alone reach it in 2088); later it stays there."""
    seconds = max(0, int((modified - SEQUENCE_EPOCH).total_seconds()))
    slows = int((SEQUENCE_SLOWS - SEQUENCE_EPOCH).total_seconds())
    return seconds if seconds <= slows else slows + (seconds - slows) // 60
# What a URI may hold (RFC 3986): anything else (a space, CR, LF, NUL) could start a content line of its own.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
UID_DOMAIN = "timeline"


class CalendarOptions(NamedTuple):
    name: str
    description: str
    stamp: datetime.datetime  # DTSTAMP, UTC
    modified: datetime.datetime  # LAST-MODIFIED, UTC
    alarms: tuple[Duration, ...] | None = None  # None: each event's own lead times; (): none
    refresh: str = "P1D"


def uid(m: Milestone) -> str:
    return f"{m.milestone}.{m.id}@{UID_DOMAIN}"


def summary(m: Milestone) -> str:
    value = m.date.value
    text = m.title
    notes = []
    if value.precision != "day":
        notes.append(f"{value.describe()}, day not known")
    if m.entry.event.certainty in ("expected", "possible"):
        notes.append(m.entry.event.certainty)
    if m.assumed:
        notes.append("date assumed")
    return f"{text} ({'; '.join(notes)})" if notes else text


def description(timeline: Timeline, m: Milestone) -> str:
    entry, event, value = m.entry, m.entry.event, m.date.value
    lines = [event.title]
    if event.title_original:
        lines.append(event.title_original)
    what = {HAPPENS: "Date", STARTS: "Starts", ENDS: "Ends"}[m.milestone]
    lines.append(f"{what}: {value.describe()}" + (" (assumed)" if m.assumed else ""))
    if entry.is_window:
        lines.append(f"Window: in force from {_day(entry.start)} until {_day(entry.end)}")
    lines.append(f"Status: {event.certainty}" + ("; rests on an assumption" if entry.assumed else ""))
    if event.note:
        lines.append(f"Note: {event.note}")
    lines.append("")
    lines.append("How the date was derived:")
    lines += derivation.lines(walk(m.milestone if m.milestone != HAPPENS else "date", m.date))
    for quote in event.quotes:
        source = timeline.sources.get(quote.source)
        lines.append("")
        about = ", ".join(filter(None, [source.publisher, str(source.published)])) if source else ""
        lines.append(f"Source: {quote.source} ({about}) {source.file if source else ''}".rstrip())
        lines.append(f"「{quote.text}」" if not quote.text.startswith("「") else quote.text)
    lines.append("")
    lines.append(f"timeline id: {event.id}")
    return "\n".join(lines)


def _day(derived: Derived | None) -> str:
    if derived is None:
        return "not known"
    return str(derived.value) + (" (assumed)" if derived.assumed else "")


def _url(timeline: Timeline, entry: Entry) -> str | None:
    for quote in entry.event.quotes:
        source = timeline.sources.get(quote.source)
        if source is not None and source.url and _URI.fullmatch(source.url):  # the loader refuses others
            return source.url
    return None


def _date_text(day: datetime.date) -> str:
    """YYYYMMDD, zero-padded before year 1000 (glibc's strftime('%Y') is not)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _plain(text: str) -> str:
    """No control character but tab and line feed reaches a TEXT value (RFC 5545 3.3.11);
    the loader refuses them, this is defence in depth."""
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and line feed, DEL, C1


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(moment.timestamp(), tz=datetime.timezone.utc)


def _trigger(m: Milestone, lead: Duration) -> datetime.timedelta:
    """How long before DTSTART the alarm fires; leads in months or years are
    counted on the calendar from the event's own date."""
    days = lead.weeks * 7 + lead.days
    if lead.years or lead.months:
        day = m.date.value.first_day()
        days = (day - lead.before(day)).days
    if m.instant is not None:
        return -datetime.timedelta(days=days)
    return -(datetime.timedelta(days=days) - datetime.timedelta(hours=ALARM_HOUR))


def calendar(timeline: Timeline, milestones: list[Milestone], options: CalendarOptions, version: str) -> str:
    """The whole VCALENDAR as text, CRLF line ends, folded (`chunks` for a large one)."""
    return b"".join(chunks(timeline, milestones, options, version)).decode("utf-8")


def chunks(timeline: Timeline, milestones: Iterable[Milestone], options: CalendarOptions, version: str) -> Iterator[bytes]:
    """The VCALENDAR in pieces ready to write, in UTF-8 (folded, CRLF): the calendar's
    head, one VEVENT per milestone, END:VCALENDAR.  Only one event exists as objects
    at a time, so a large calendar can go to a file or a buffer piece by piece."""
    head, end = _envelope(options, version)
    yield head.encode("utf-8")
    event = _Events(timeline, options)
    for m in milestones:
        yield event(m)
    yield end.encode("utf-8")


def _envelope(options: CalendarOptions, version: str) -> tuple[str, str]:
    """The calendar's properties, written by `ics` (Calendar.serialize) without events:
    the text before the first VEVENT, and the last line."""
    from ics import Calendar  # type: ignore[import-untyped]  # 70 ms to import: only here
    from ics.grammar.parse import ContentLine  # type: ignore[import-untyped]

    cal = Calendar(creator=PRODID.format(version=version))
    cal.scale = "GREGORIAN"
    # ContentLine values are written as given: TEXT values are escaped here.
    cal.extra.append(ContentLine("NAME", value=escape_text(options.name)))
    cal.extra.append(ContentLine("X-WR-CALNAME", value=escape_text(options.name)))
    cal.extra.append(ContentLine("X-WR-CALDESC", value=escape_text(options.description)))
    cal.extra.append(ContentLine("REFRESH-INTERVAL", params={"VALUE": ["DURATION"]}, value=options.refresh))
    cal.extra.append(ContentLine("X-PUBLISHED-TTL", value=options.refresh))
    text = finish(cal.serialize())
    end = "END:VCALENDAR\r\n"
    assert text.endswith(end), text  # `ics` writes the events last, just before it
    return text[: -len(end)], end


class _Events:
    """One calendar's VEVENTs, one a call, as `ics.Event.serialize` lays them out (our
    properties first, then DESCRIPTION, SUMMARY, TRANSP, UID), through the `ics`
    grammar layer and its TEXT escaping.  What is the same for many events (the
    stamps, a day's DTSTART and DTEND, categories, alarm triggers) is made once."""

    def __init__(self, timeline: Timeline, options: CalendarOptions) -> None:
        from ics.grammar.parse import Container, ContentLine
        from ics.utils import escape_string  # type: ignore[import-untyped]

        self.Container, self.ContentLine, self.escape_string = Container, ContentLine, escape_string
        self.timeline, self.alarms = timeline, options.alarms
        # Lines shared by many events are written by ContentLine once and kept as text
        # (a Container takes text as well as lines: ics puts its alarms in one so).
        # DTSTAMP and LAST-MODIFIED: `ics` writes DTSTAMP only from `created`, through arrow.
        self.common = (str(ContentLine("DTSTAMP", value=utc_text(options.stamp))),
                       str(ContentLine("LAST-MODIFIED", value=utc_text(options.modified))))
        self.base = sequence_base(options.modified)
        self.sequences: dict[int, str] = {}
        self.cancelled = str(ContentLine("STATUS", value="CANCELLED"))
        self.transparent = str(ContentLine("TRANSP", value=escape_string("TRANSPARENT")))
        self.action = str(ContentLine("ACTION", value="DISPLAY"))
        self.days: dict[datetime.date, tuple[str, str]] = {}
        self.categories: dict[tuple[str, tuple[str, ...]], str] = {}
        self.leads: dict[tuple[Duration, ...], list[Duration]] = {}
        self.triggers: dict[tuple[Duration, bool], str] = {}

    def __call__(self, m: Milestone) -> bytes:
        ContentLine, escape_string = self.ContentLine, self.escape_string
        entry, value = m.entry, m.date.value
        text = summary(m)
        lines: list[Any] = []
        if m.instant is not None:
            start = _utc(m.instant)
            lines.append(ContentLine("DTSTART", value=utc_text(start)))
            if start <= datetime.datetime.max.replace(tzinfo=datetime.timezone.utc) - TIMED_LENGTH:
                lines.append(ContentLine("DTEND", value=utc_text(start + TIMED_LENGTH)))
            else:  # the calendar's last half hour: DTEND would be in the year 10000
                lines.append(ContentLine("DURATION", value=duration_text(TIMED_LENGTH)))
        else:
            lines += self._all_day(value.first_day())
        revised = len(entry.revisions)
        if revised not in self.sequences:
            self.sequences[revised] = str(ContentLine("SEQUENCE", value=str(min(SEQUENCE_MAX, self.base + revised))))
        lines += self.common
        lines.append(self.sequences[revised])
        if entry.cancelled:
            lines.append(self.cancelled)
        lines.append(self._categories(entry))
        url = _url(self.timeline, entry)
        if url:
            lines.append(ContentLine("URL", value=url))  # a URI, not TEXT: no escaping
        lines.append(ContentLine("X-TIMELINE-DATE", value=str(value)))
        if value.precision == "day":
            leads = self.alarms if self.alarms is not None else (entry.event.warn or self.timeline.warn)
            for lead in self._ordered(leads):
                try:
                    trigger = self._trigger(m, lead)
                except OverflowError:  # the alarm would fire before year 1: never
                    continue
                lines.append(self.Container("VALARM", self.action, trigger,
                                            ContentLine("DESCRIPTION", value=escape_text(f"In {lead}: {text}"))))
        lines.append(ContentLine("DESCRIPTION", value=escape_string(_plain(description(self.timeline, m)))))
        name = _plain(text)
        if name:
            lines.append(ContentLine("SUMMARY", value=escape_string(name)))
        lines.append(self.transparent)
        lines.append(ContentLine("UID", value=uid(m)))
        return folded(str(self.Container("VEVENT", *lines)))

    def _all_day(self, first: datetime.date) -> tuple[str, str]:
        """DTSTART;VALUE=DATE and an explicit DTEND the next day.  Not through `ics`:
        0.7.3 shifts zone-aware midnights by a day, drops DTEND for one-day events,
        and spends most of its time in arrow."""
        day = datetime.date(first.year, first.month, first.day)
        found = self.days.get(day)
        if found is None:
            ContentLine = self.ContentLine
            start = ContentLine("DTSTART", params={"VALUE": ["DATE"]}, value=_date_text(day))
            if day < datetime.date.max:
                end = ContentLine("DTEND", params={"VALUE": ["DATE"]}, value=_date_text(day + datetime.timedelta(days=1)))
            else:  # 9999-12-31: the next day is out of range
                end = ContentLine("DURATION", value="P1D")
            found = self.days[day] = (str(start), str(end))
        return found

    def _categories(self, entry: Entry) -> str:
        key = (entry.event.kind, entry.event.tags)
        found = self.categories.get(key)
        if found is None:
            names = sorted({entry.event.kind, *entry.event.tags})
            found = self.categories[key] = str(self.ContentLine("CATEGORIES", value=",".join(escape_text(c) for c in names)))
        return found

    def _ordered(self, leads: tuple[Duration, ...]) -> list[Duration]:
        """Longest lead first."""
        found = self.leads.get(leads)
        if found is None:
            found = self.leads[leads] = sorted(leads, key=Duration.approx_days, reverse=True)
        return found

    def _trigger(self, m: Milestone, lead: Duration) -> str:
        """TRIGGER; the same line for every event when the lead is in weeks and days."""
        if lead.years or lead.months:
            return str(self.ContentLine("TRIGGER", value=duration_text(_trigger(m, lead))))
        key = (lead, m.instant is not None)
        found = self.triggers.get(key)
        if found is None:
            found = self.triggers[key] = str(self.ContentLine("TRIGGER", value=duration_text(_trigger(m, lead))))
        return found
