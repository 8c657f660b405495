"""Views → JSON.  The shapes here are a contract (README, "JSON output"): add
fields freely, never rename or remove one."""

from __future__ import annotations

from typing import Any

from timeline import jsonwrite
from timeline.datetimes import datetime
from timeline.model import Derived, Entry, Error, Milestone, Timeline
from timeline.status import days_left, status
from timeline.views import ListView, NextView, PageView, RemindView, ShowView, SuspendedView, ValidateView, links

JSON = dict[str, Any]


def dumps(value: object) -> str:
    return jsonwrite.dumps(value) + "\n"  # json.dumps(value, ensure_ascii=False, indent=2), faster


def _date(derived: Derived | None) -> str | None:
    return derived.value.iso() if derived else None


def _time_fields(entry: Entry, instant: datetime.datetime | None) -> JSON:
    time = entry.event.time
    if instant is None or time is None:
        return {"time": None, "timezone": None, "instant": None}
    return {
        "time": time.strftime("%H:%M"),
        "timezone": entry.event.timezone,
        "instant": f"{instant.year:04d}" + instant.strftime("-%m-%dT%H:%M:%SZ"),
    }


def entry_object(timeline: Timeline, entry: Entry, as_of: datetime.date) -> JSON:
    event = entry.event
    main = entry.sort_date
    main_derived = entry.date or entry.start or entry.end
    obj = {
        "id": event.id,
        "title": event.title,
        "title_original": event.title_original,
        "kind": event.kind,
        "certainty": event.certainty,
        "parties": list(event.parties),
        "tags": list(event.tags),
        "date": main.iso() if main else None,
        "precision": main.precision if main else None,
        "qualifier": main.qualifier if main else None,
        **_time_fields(entry, entry.instant),
        "status": status(entry, as_of),
        "assumed": entry.assumed,
        "assumptions": _assumptions(entry),
        "has_alternative": entry.has_alternative,
        "window": entry.is_window,
        "note": event.note,
        "sources": [
            {
                "source": q.source,
                "document": timeline.sources[q.source].file if q.source in timeline.sources else None,
                "quote": q.text,
            }
            for q in event.quotes
        ],
        "links": [{"relation": wording, "id": other} for wording, other in links(timeline, entry)],
        "revised": len(entry.revisions),
    }
    if main_derived is not None and main_derived is not entry.date:
        obj["date_is"] = "since" if main_derived is entry.start else "until"
    if entry.is_window:
        obj["since"] = _date(entry.start)
        obj["until"] = _date(entry.end)
        obj["days_left"] = days_left(entry, as_of)
    return obj


def _assumptions(entry: Entry) -> list[str]:
    found: list[str] = []
    for derived in (entry.date, entry.start, entry.end):
        if derived:
            found += [a for a in derived.assumptions() if a not in found]
    return found


def list_json(view: ListView, style: object = None) -> str:
    stale = view.fresh.stale
    return dumps([{**entry_object(view.timeline, e, view.as_of), "stale": stale} for e in view.entries])


def next_json(view: NextView, style: object = None) -> str:
    stale = view.fresh.stale
    return dumps([{**milestone_object(m, view.as_of), "stale": stale} for m in view.milestones])


def milestone_object(m: Milestone, as_of: datetime.date) -> JSON:
    return (
        {
            "id": m.id,
            "title": m.title,
            "date": m.date.value.iso(),
            "precision": m.date.value.precision,
            "qualifier": m.date.value.qualifier,
            **_time_fields(m.entry, m.instant),
            "milestone": m.milestone,
            "days": (m.date.value.first_day() - as_of).days,
            "certainty": m.entry.event.certainty,
            "kind": m.entry.event.kind,
            "assumed": m.assumed,
            "revised": len(m.entry.revisions),
        }
    )


def suspended_json(view: SuspendedView, style: object = None) -> str:
    as_of = view.as_of
    return dumps([
        {
            "id": e.id,
            "title": e.event.title,
            "kind": e.event.kind,
            "status": status(e, as_of),
            "since": _date(e.start),
            "until": _date(e.end),
            "days_left": days_left(e, as_of),
            "certainty": e.event.certainty,
            "assumed": e.assumed,
            "revised": len(e.revisions),
            "stale": view.fresh.stale,
        }
        for e in view.active + view.ended
    ])


def derivation_object(derived: Derived) -> JSON:
    return {
        "value": derived.value.iso(),
        "precision": derived.value.precision,
        "how": derived.how,
        "assumed": derived.assumed,
        "assumption": derived.assumption,
        "note": derived.note,
        "basis": [{"label": label, **derivation_object(base)} for label, base in derived.basis],
        "alternative": (
            {"note": derived.alternative_note, **derivation_object(derived.alternative)}
            if derived.alternative else None
        ),
    }


def show_object(timeline: Timeline, entry: Entry, as_of: datetime.date) -> JSON:
    """One event whole, as `show --json` prints it: the entry and its derivation."""
    obj = entry_object(timeline, entry, as_of)
    parts = {"since": entry.start, "until": entry.end} if entry.is_window else {"date": entry.date}
    obj["derivation"] = {name: derivation_object(d) for name, d in parts.items() if d is not None}
    obj["revisions"] = [
        {
            "field": r.field,
            "from": str(r.previous) if r.previous else None,
            "to": str(r.to) if r.to else None,
            "source": r.source,
            "quote": r.quote.text,
            "note": r.note,
            "cancelled": r.cancelled,
        }
        for r in entry.revisions
    ]
    return obj


def show_json(view: ShowView, style: object = None) -> str:
    return dumps({**show_object(view.timeline, view.entry, view.as_of), "stale": view.fresh.stale})


def party_order(entries: list[JSON]) -> list[str]:
    """Parties by how many entries name them, most first (the picture formats' lanes and groups)."""
    counts: dict[str, int] = {}
    for e in entries:
        for p in e.get("parties") or []:
            counts[str(p)] = counts.get(str(p), 0) + 1
    return sorted(counts, key=lambda p: (-counts[p], p))


def page_model(view: PageView) -> tuple[list[JSON], JSON]:
    """(entries, meta) for the picture writers (html, timelinejs): each entry as
    `show --json` prints it, and what the page says about its sources."""
    timeline, as_of = view.timeline, view.as_of
    published = [s.published.last_day() for s in timeline.sources.values()]
    newest = max(published) if published else None
    age = (as_of - newest).days if newest else None
    meta: JSON = {
        "as_of": as_of.isoformat(),
        "newest_source": newest.isoformat() if newest else None,
        "source_age_days": age,
        "stale": age is not None and age > view.stale_after_days,
        "title": view.title,
        "sources": {
            key: {"publisher": s.publisher, "published": str(s.published), "title": s.title,
                  "url": s.url, "language": s.language}
            for key, s in timeline.sources.items()
        },
    }
    return [show_object(timeline, e, as_of) for e in view.entries], meta


def remind_json(view: RemindView, style: object = None) -> str:
    stale = view.stale
    return dumps([
        {
            "id": r.id,
            "title": r.milestone.entry.event.title,
            "milestone": "lapsed" if r.kind == "lapsed" else r.milestone.milestone,
            "date": r.milestone.date.value.iso(),
            "precision": r.milestone.date.value.precision,
            "days_left": r.days_left,
            "lead": r.lead.short() if r.lead is not None else None,
            "certainty": r.milestone.entry.event.certainty,
            "assumed": r.milestone.assumed,
            "stale": stale and r.kind == "lapsed",
            "sources": [{"source": q.source, "quote": q.text} for q in r.milestone.entry.event.quotes],
        }
        for r in view.reminders
    ])


def error_object(error: Error) -> JSON:
    location = error.location
    return {
        "file": location.file if location else None,
        "line": location.line if location else None,
        "column": location.column if location else None,
        "message": error.message,
        "event": error.event,
        "stage": error.stage,
    }


def validate_json(view: ValidateView, style: object = None) -> str:
    return dumps({
        "file": view.path,
        "ok": not view.errors,
        "events": len(view.timeline.entries) if view.timeline else None,
        "errors": [error_object(e) for e in view.errors],
    })


RENDERERS = {
    NextView: next_json,
    SuspendedView: suspended_json,
    ListView: list_json,
    ShowView: show_json,
    ValidateView: validate_json,
    RemindView: remind_json,
}
