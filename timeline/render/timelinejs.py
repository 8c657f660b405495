"""JSON contract objects → Knight Lab TimelineJS 3 data
(https://timeline.knightlab.com/docs/json-format.html).

Dates keep their precision: a month is `{year, month}` with no `day`, a year is
`{year}`, and a season, quarter or half runs from its first month to its last
(`start_date` and `end_date` both without a day).  `display_date` says what is not known ("April
2026 (day not known)"), since TimelineJS would otherwise print a day it made up.
TimelineJS reads `headline`, `text` and `display_date` as HTML: every piece of
data is escaped.  Undated events cannot be placed; the title slide lists them."""

from __future__ import annotations

import datetime
from html import escape
from typing import NotRequired, Required, TypedDict
from urllib.parse import urlsplit

from timeline.render.json import JSON, dumps, page_model, party_order
from timeline.render.partial import MONTHS, Period, period
from timeline.views import PageView


class DateObject(TypedDict, total=False):
    """A TimelineJS date: only the fields the precision knows."""

    year: Required[int]
    month: int
    day: int
    hour: int
    minute: int


class Text(TypedDict):
    headline: str
    text: str


class _SlideBody(TypedDict):
    unique_id: str
    display_date: str
    text: Text
    group: str
    autolink: bool


class _SlideDates(TypedDict):
    start_date: DateObject
    end_date: NotRequired[DateObject]


class Slide(_SlideDates, _SlideBody):
    """One event: its dates first, as TimelineJS's documentation writes them."""


class TitleSlide(TypedDict):
    text: Text


class Document(TypedDict):
    title: TitleSlide
    events: list[Slide]
    scale: str


def timelinejs(entries: list[JSON], meta: JSON) -> Document:
    order = party_order(entries)
    slides: list[Slide] = []
    undated: list[JSON] = []
    for e in entries:
        slide = _slide(e, meta, order)
        if slide is None:
            undated.append(e)
        else:
            slides.append(slide)
    slides.sort(key=lambda s: (_key(s["start_date"]), s["unique_id"]))
    return {"title": _title(meta, len(slides), undated), "events": slides, "scale": "human"}


def _slide(e: JSON, meta: JSON, order: list[str]) -> Slide | None:
    derivation = e.get("derivation") or {}
    if e.get("window"):
        since, until = period(e.get("since")), period(e.get("until"))
        if since is None and until is None:
            return None
        start = since or until
        assert start is not None
        start_date = _date(start)
        end_date = _date(until, last=True) if since is not None and until is not None else None

        def end(name: str, found: Period | None) -> str:
            if found is None:
                return "not known"
            return _words(found) + (" (assumed)" if (derivation.get(name) or {}).get("assumed") else "")
        shown = f"{end('since', since)} to {end('until', until)}"
        if since is None:
            shown = f"until {end('until', until)} (start not known)"
    else:
        found = period(e.get("date"), e.get("qualifier"))
        if found is None:
            return None
        start_date = _date(found, time=e.get("time"))
        end_date = _date(found, last=True) if found.code is not None else None
        shown = _words(found)
        if e.get("time"):
            shown += f", {e['time']} {e.get('timezone') or ''}".rstrip()
        if e.get("assumed"):
            shown += " (date assumed)"
    body: _SlideBody = {
        "unique_id": str(e.get("id")),
        "display_date": escape(shown),
        "text": {"headline": escape(str(e.get("title") or e.get("id"))), "text": _text(e, meta)},
        "group": _group(e, order),
        "autolink": False,
    }
    dates: _SlideDates = {"start_date": start_date}
    if end_date is not None:
        dates["end_date"] = end_date
    slide: Slide = {**dates, **body}
    return slide


def _date(p: Period, last: bool = False, time: str | None = None) -> DateObject:
    """A TimelineJS date object at the period's precision."""
    day = p.last if last else p.first
    obj: DateObject = {"year": day.year}
    if p.precision != "year":
        obj["month"] = day.month
    if p.precision == "day":
        obj["day"] = day.day
        if time:
            hour, minute = time.split(":")[:2]
            obj["hour"], obj["minute"] = int(hour), int(minute)
    return obj


def _words(p: Period) -> str:
    """`30 October 2025`, `April 2026 (day not known)`."""
    if p.precision == "day":
        return f"{p.first.day} {MONTHS[p.first.month - 1]} {p.first.year}"
    return p.display()


def _text(e: JSON, meta: JSON) -> str:
    sources = meta.get("sources") or {}
    parts = []
    if e.get("title_original"):
        parts.append(f"<p>{escape(str(e['title_original']))}</p>")
    facts = [str(e.get("certainty") or "")] + [str(p) for p in e.get("parties") or []]
    parts.append(f"<p><em>{escape(' · '.join(f for f in facts if f))}</em></p>")
    for assumption in e.get("assumptions") or []:
        parts.append(f"<p>Date assumed: {escape(str(assumption))}</p>")
    for name, derived in (e.get("derivation") or {}).items():
        other = (derived or {}).get("alternative") or {}
        found = period(other.get("value"))
        if found is not None:
            label = "" if name == "date" else f" ({name})"
            note = f": {escape(str(other['note']))}" if other.get("note") else ""
            parts.append(f"<p>Other reading{label}: {escape(_words(found))}{note}</p>")
    for revision in e.get("revisions") or []:
        to = "called off" if revision.get("cancelled") else escape(str(revision.get("to") or ""))
        parts.append(f"<p>Revised: <s>{escape(str(revision.get('from') or ''))}</s> → {to}"
                     + (f" ({escape(str(revision['source']))})" if revision.get("source") else "") + "</p>")
    for quote in e.get("sources") or []:
        about = sources.get(quote.get("source")) or {}
        credit = ", ".join(escape(str(v)) for v in (quote.get("source"), about.get("publisher"), about.get("published")) if v)
        url = str(about.get("url") or "")
        if urlsplit(url).scheme in ("http", "https"):
            credit = f'<a href="{escape(url)}">{credit}</a>'
        parts.append(f"<blockquote>{escape(str(quote.get('quote') or ''))}</blockquote><p>— {credit}</p>")
    if e.get("note"):
        parts.append(f"<p>{escape(str(e['note']))}</p>")
    return "".join(parts)


def _title(meta: JSON, count: int, undated: list[JSON]) -> TitleSlide:
    text = f"<p>{count} dated events as of {escape(str(meta.get('as_of') or ''))}"
    if meta.get("newest_source"):
        text += f"; newest source {escape(str(meta['newest_source']))}"
    text += ".</p>"
    if undated:
        items = "".join(f"<li>{escape(str(e.get('title') or e.get('id')))}</li>" for e in undated)
        text += f"<p>Not on the timeline, the sources giving no date:</p><ul>{items}</ul>"
    return {"text": {"headline": escape(str(meta.get("title") or "Timeline")), "text": text}}


def _group(e: JSON, order: list[str]) -> str:
    """The party, or the parties together (`US & CN`), as the HTML page's lanes;
    escaped, since TimelineJS shows the group label as HTML."""
    parties = sorted((str(p) for p in e.get("parties") or []), key=order.index)
    return escape(" & ".join(parties) if parties else "(no party)")


def _key(date: DateObject) -> datetime.date:
    return datetime.date(date["year"], date.get("month", 1), date.get("day", 1))


def timelinejs_json(view: PageView, style: object = None) -> str:
    return dumps(timelinejs(*page_model(view)))


RENDERERS = {PageView: timelinejs_json}
