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

`ics` builds the calendar and escapes the event text; the properties it gets
wrong or makes slow (all-day dates, DTSTAMP, alarms: see render.rfc5545)
are given to it as ready content lines, and `rfc5545.finish` folds the
result and ends every line with CRLF.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, NamedTuple

from timeline import derivation
from timeline.dates import Duration
from timeline.derivation import walk
from timeline.model import ENDS, HAPPENS, STARTS, Derived, Entry, Milestone, Timeline
from timeline.render.rfc5545 import duration_text, escape_text, finish, utc_text

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
    """No control character but line ends reaches a TEXT value (RFC 5545 3.3.11);
    the loader refuses them, this is defence in depth."""
    return "".join(c if c in "\t\n" or not (ord(c) < 32 or 127 <= ord(c) < 160) else "\ufffd" for c in text)


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


def _alarm(m: Milestone, lead: Duration, text: str, ContentLine: Any, Container: Any) -> Any:
    trigger = _trigger(m, lead)
    return Container(
        "VALARM",
        ContentLine("ACTION", value="DISPLAY"),
        ContentLine("TRIGGER", value=duration_text(trigger)),
        ContentLine("DESCRIPTION", value=escape_text(f"In {lead}: {text}")),
    )


def calendar(timeline: Timeline, milestones: list[Milestone], options: CalendarOptions, version: str) -> str:
    """The whole VCALENDAR as text, CRLF line ends, folded, ready to write."""
    from ics import Calendar, Event  # type: ignore[import-untyped]  # 90 ms to import: only here
    from ics.grammar.parse import Container, ContentLine  # type: ignore[import-untyped]

    cal = Calendar(creator=PRODID.format(version=version))
    cal.scale = "GREGORIAN"
    # ContentLine values are written as given: TEXT values are escaped here.
    cal.extra.append(ContentLine("NAME", value=escape_text(options.name)))
    cal.extra.append(ContentLine("X-WR-CALNAME", value=escape_text(options.name)))
    cal.extra.append(ContentLine("X-WR-CALDESC", value=escape_text(options.description)))
    cal.extra.append(ContentLine("REFRESH-INTERVAL", params={"VALUE": ["DURATION"]}, value=options.refresh))
    cal.extra.append(ContentLine("X-PUBLISHED-TTL", value=options.refresh))

    # Written once, as text: through `ics` each would cost an arrow conversion
    # per event, and `ics` writes DTSTAMP only from `created`.
    stamp = ContentLine("DTSTAMP", value=utc_text(options.stamp))
    modified = ContentLine("LAST-MODIFIED", value=utc_text(options.modified))
    base = sequence_base(options.modified)
    sequences: dict[int, Any] = {}
    events = []
    for m in milestones:
        entry, value = m.entry, m.date.value
        text = summary(m)
        event = Event(uid=uid(m), name=_plain(text), description=_plain(description(timeline, m)), transparent=True)
        extra = event.extra
        if m.instant is not None:
            start = _utc(m.instant)
            extra.append(ContentLine("DTSTART", value=utc_text(start)))
            if start <= datetime.datetime.max.replace(tzinfo=datetime.timezone.utc) - TIMED_LENGTH:
                extra.append(ContentLine("DTEND", value=utc_text(start + TIMED_LENGTH)))
            else:  # the calendar's last half hour: DTEND would be in the year 10000
                extra.append(ContentLine("DURATION", value=duration_text(TIMED_LENGTH)))
        else:
            # All-day: VALUE=DATE with an explicit DTEND the next day.  Written
            # directly: ics 0.7.3 shifts zone-aware midnights by a day, drops
            # DTEND for one-day events, and spends most of its time in arrow.
            first = value.first_day()
            day = datetime.date(first.year, first.month, first.day)
            extra.append(ContentLine("DTSTART", params={"VALUE": ["DATE"]}, value=_date_text(day)))
            if day < datetime.date.max:
                extra.append(ContentLine("DTEND", params={"VALUE": ["DATE"]}, value=_date_text(day + datetime.timedelta(days=1))))
            else:  # 9999-12-31: the next day is out of range
                extra.append(ContentLine("DURATION", value="P1D"))
        revised = len(entry.revisions)
        if revised not in sequences:
            sequences[revised] = ContentLine("SEQUENCE", value=str(min(SEQUENCE_MAX, base + revised)))
        extra.extend((stamp, modified, sequences[revised]))
        if entry.cancelled:
            extra.append(ContentLine("STATUS", value="CANCELLED"))
        categories = sorted({entry.event.kind, *entry.event.tags})
        extra.append(ContentLine("CATEGORIES", value=",".join(escape_text(c) for c in categories)))
        url = _url(timeline, entry)
        if url:
            extra.append(ContentLine("URL", value=url))  # a URI, not TEXT: no escaping
        extra.append(ContentLine("X-TIMELINE-DATE", value=str(value)))
        if value.precision == "day":
            leads = options.alarms if options.alarms is not None else (entry.event.warn or timeline.warn)
            for lead in sorted(leads, key=Duration.approx_days, reverse=True):
                try:
                    extra.append(_alarm(m, lead, text, ContentLine, Container))
                except OverflowError:  # the alarm would fire before year 1: never
                    continue
        events.append(event)
    cal.events = events  # a list keeps our order; a set would order by hash
    return finish(cal.serialize())
