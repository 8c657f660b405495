"""A calendar export → one CalDAV resource per event, and a fingerprint of an
event's content that survives a server's re-serialisation.

A CalDAV calendar holds one VCALENDAR per resource, each with one event (RFC
4791, 4.1).  `split` cuts the text `timeline ics` writes into such resources,
keeping every line as written, and adds `X-TIMELINE-HASH`: the fingerprint
of what was published.  On the next run an event whose content on the server
no longer matches its own X-TIMELINE-HASH was edited there by someone else.

The fingerprint compares meaning, not bytes: servers reorder properties,
refold lines and re-escape text (Radicale rewrites every event through
vobject).  It leaves out what changes without the event changing: DTSTAMP,
LAST-MODIFIED and SEQUENCE (the export time and the data file's time, the
same for every event), CREATED, and other programs' private X- properties
(X-MOZ-…, X-APPLE-…), which they add when a user dismisses an alarm.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Set
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from timeline.model import Error, TimelineError

if TYPE_CHECKING:
    import icalendar

UID_SUFFIX = "@timeline"  # render.ics.UID_DOMAIN; not imported: that module imports the renderer
HASH = "X-TIMELINE-HASH"
VOLATILE = frozenset({"DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED", HASH})
ALARM_VOLATILE = VOLATILE | {"UID", "ACKNOWLEDGED", "RELATED-TO"}
HEADER = ("VERSION", "PRODID", "CALSCALE")


class Resource(NamedTuple):
    """One event of the export, as the body of one PUT."""

    uid: str
    name: str  # the resource's file name in the collection
    body: str  # a VCALENDAR with this one VEVENT, CRLF line ends, X-TIMELINE-HASH added
    fingerprint: str


def is_ours(uid: str) -> bool:
    return uid.endswith(UID_SUFFIX)


def resource_name(uid: str) -> str:
    """A file name safe on every server: "starts.trade-truce@timeline" →
    "starts.trade-truce.timeline.ics"."""
    return quote(uid.replace("@", "."), safe="._-") + ".ics"


def split(calendar_text: str | bytes) -> list[Resource]:
    """The export's events, in order, each as its own VCALENDAR.  Raise
    TimelineError if the text is not a calendar `timeline ics` could have written."""
    if isinstance(calendar_text, bytes):
        try:
            calendar_text = calendar_text.decode("utf-8")
        except UnicodeDecodeError:
            raise _error("the calendar is not UTF-8 text") from None
    lines = _logical_lines(calendar_text)
    names = [_name(line) for line in lines]
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR" or lines[-1].upper() != "END:VCALENDAR":
        raise _error("not an iCalendar file (it must begin with BEGIN:VCALENDAR and end with END:VCALENDAR)")
    header, timezones, events = [], [], []
    i = 1
    while i < len(lines) - 1:
        if lines[i].upper().startswith("BEGIN:"):
            end = _component_end(lines, i)
            kind = lines[i][6:].upper()
            if kind == "VEVENT":
                events.append(lines[i:end + 1])
            elif kind == "VTIMEZONE":
                timezones += lines[i:end + 1]
            i = end + 1
            continue
        if names[i] in HEADER:
            header.append(lines[i])
        i += 1
    resources, seen = [], set()
    for event in events:
        uid = _uid(event)
        if not is_ours(uid):
            raise _error(f"UID '{uid}' was not made by timeline (its UIDs end in '{UID_SUFFIX}')")
        if uid in seen:
            raise _error(f"UID '{uid}' appears twice in the calendar")
        seen.add(uid)
        plain = "\r\n".join(["BEGIN:VCALENDAR", *header, *timezones, *event, "END:VCALENDAR", ""])
        parsed = _parse_event(plain)
        if parsed is None:  # cannot happen: `plain` holds the event just split out
            raise _error(f"event '{uid}' cannot be read back")
        mark = fingerprint(parsed)
        body = "\r\n".join(["BEGIN:VCALENDAR", *header, *timezones, *event[:-1], f"{HASH}:{mark}", event[-1], "END:VCALENDAR", ""])
        resources.append(Resource(uid, resource_name(uid), body, mark))
    return resources


class Stored(NamedTuple):
    """What the server holds for one of our UIDs."""

    uid: str
    url: str
    etag: str | None
    fingerprint: str
    published: str | None  # its X-TIMELINE-HASH: the fingerprint when timeline last wrote it

    @property
    def edited_elsewhere(self) -> bool:
        """Its content no longer matches what timeline wrote.  A mark made by
        another way of fingerprinting (an older timeline, another icalendar)
        cannot tell, and is taken as unedited."""
        if self.published is None or _scheme(self.published) != _scheme(self.fingerprint):
            return False
        return self.published != self.fingerprint


def read_stored(url: str, etag: str | None, data: str) -> Stored | None:
    """One resource from the server; None when it is not an event or not parseable
    (it is then someone else's and left alone)."""
    try:
        event = _parse_event(data)
    except ValueError:
        return None
    if event is None or "UID" not in event:
        return None
    mark = event.get(HASH)
    return Stored(str(event["UID"]), url, etag, fingerprint(event), str(mark) if mark is not None else None)


def fingerprint(event: icalendar.Component) -> str:
    """A short hash of an event's meaning (an icalendar component), after the
    name of the way it was computed: "f1-i7-…" (this scheme, icalendar 7)."""
    import icalendar  # 112 ms (python -X importtime), only when publishing

    canon = _canon(event, VOLATILE)
    digest = hashlib.sha256(json.dumps(canon, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
    return f"f1-i{icalendar.__version__.split('.')[0]}-{digest}"


def _scheme(mark: str) -> str:
    return mark.rpartition("-")[0]


def _canon(component: icalendar.Component, volatile: Set[str]) -> list[object]:
    props: list[list[object]] = []
    for name, value in component.items():
        name = name.upper()
        if name in volatile or (name.startswith("X-") and not name.startswith("X-TIMELINE-")):
            continue
        for item in value if isinstance(value, list) else [value]:
            params = sorted((str(k).upper(), str(v)) for k, v in getattr(item, "params", {}).items() if str(k).upper() != "VALUE")
            raw = item.to_ical() if hasattr(item, "to_ical") else str(item).encode()
            props.append([name, params, raw.decode("utf-8", "replace")])
    props.sort()
    alarms = sorted(_canon(sub, ALARM_VOLATILE) for sub in component.subcomponents if sub.name == "VALARM")
    return [props, alarms]


def _parse_event(text: str) -> icalendar.Component | None:
    """The first VEVENT of a VCALENDAR text, as an icalendar component."""
    import icalendar  # 112 ms, only when publishing

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError and others on malformed text
        raise ValueError(str(exc)) from None
    events = calendar.walk("VEVENT")
    return events[0] if events else None


def _logical_lines(text: str) -> list[str]:
    """Content lines with their folded continuations kept as written (joined by CRLF)."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and out:
            out[-1] += "\r\n" + line
        elif line:
            out.append(line)
    return out


def _name(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def _unfold(line: str) -> str:
    return re.sub(r"\r\n[ \t]", "", line)


def _component_end(lines: list[str], start: int) -> int:
    depth = 0
    for i in range(start, len(lines)):
        upper = lines[i].upper()
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            depth -= 1
            if depth == 0:
                return i
    raise _error(f"{lines[start]} is never ended")


def _uid(event: list[str]) -> str:
    depth = 0
    for line in event[1:-1]:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            depth -= 1
        elif depth == 0 and _name(line) == "UID":
            return _unfold(line).split(":", 1)[1]
    raise _error("an event of the calendar has no UID")


def _error(message: str) -> TimelineError:
    return TimelineError([Error(f"publish: {message}", stage="publish")])
