"""Reminders → a plain-text digest for cron mail: no colour, no table, short lines
where it can, one block per reminder, grouped by day."""

from __future__ import annotations

from timeline.dates import DAYS, Day
from timeline.datetimes import datetime
from timeline.model import Timeline
from timeline.reminders import LAPSED, Reminder, newest_source
from timeline.views import RemindView, drift


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return "yesterday" if days == -1 else f"{-days} days ago"


def digest(view: RemindView, style: object = None) -> str:
    """The `remind` digest; empty when nothing is due (cron then sends no mail)."""
    timeline, reminders, as_of, stale = view.timeline, view.reminders, view.as_of, view.stale
    if not reminders:
        return ""
    count = len(reminders)
    out = [f"timeline: {count} reminder{'' if count == 1 else 's'} for {as_of} ({view.source_name})"]
    ahead = [r for r in reminders if r.kind != LAPSED]
    lapsed = [r for r in reminders if r.kind == LAPSED]
    by_day: dict[datetime.date, list[Reminder]] = {}
    for r in ahead:
        by_day.setdefault(r.day, []).append(r)
    for day, group in sorted(by_day.items()):
        value = group[0].milestone.date.value
        heading = f"{DAYS[day.weekday()][:3]} {day}" if isinstance(value, Day) else value.describe() + ", day not known"
        out += ["", f"{heading}: {_in_days(group[0].days_left)}"]
        for r in group:
            out += _block(timeline, r)
    if lapsed:
        out += ["", "Ended"]
        for r in lapsed:
            out += _block(timeline, r)
            newest = newest_source(timeline)
            if stale and newest is not None:
                out.append(f"    The newest source is from {newest}, {(as_of - newest).days} days before {as_of}: "
                           "the sources may be out of date, and this date may have moved.")
    return "\n".join(out) + "\n"


def _block(timeline: Timeline, r: Reminder) -> list[str]:
    m, event = r.milestone, r.milestone.entry.event
    title = m.title
    if r.kind == LAPSED:
        title = f"{event.title}: ended on {r.day} ({_in_days(r.days_left)})"
    lines = [f"  * {title}"]
    facts = [event.certainty]
    if m.assumed:
        facts.append("date assumed (see `timeline show " + m.id + "`)")
    if r.lead is not None and r.lead.approx_days() > 0:
        facts.append(f"warned {r.lead.short()} ahead")
    facts.append(f"id {m.id}")
    lines.append("    " + " · ".join(facts))
    if r.moved:
        field = {"happens": "date", "starts": "since", "ends": "until"}[m.milestone]
        history = " → ".join(f"{d.value} ({d.source}, {d.published})" for d in drift(timeline, m.entry, field))
        lines.append(f"    Date moved: {history}")
    for quote in event.quotes[:1]:
        source = timeline.sources.get(quote.source)
        about = ", ".join(filter(None, [quote.source, source.publisher if source else None,
                                        str(source.published) if source else None]))
        lines.append(f"    Source ({about}): {quote.text}")
    return lines
