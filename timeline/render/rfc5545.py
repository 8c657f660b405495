"""What `ics` 0.7.3 gets wrong or leaves out of RFC 5545, mended in one place.

`ics` 0.7.3 (the calendar library this project is built on):

* folds nothing: RFC 5545 3.1 says lines SHOULD NOT be longer than 75
  octets, and a Chinese sentence is 3 octets a character, so `fold` breaks
  long lines without splitting a UTF-8 character;
* ends the file without a CRLF after END:VCALENDAR (3.1: every content line
  ends with CRLF);
* writes extra calendar properties before VERSION and PRODID; some readers
  expect VERSION first, so `finish` moves them to the top;
* escapes a URL as TEXT (a comma becomes `\\,`): URIs are written through a
  raw ContentLine instead (render.ics), and TEXT values we add ourselves
  are escaped by `escape_text`;
* writes durations such as `-P4W1DT15H`, which RFC 5545 3.3.6 does not
  allow (weeks stand alone), and an empty DESCRIPTION for an alarm without
  text: alarms are written here, by `duration_text`, always with text;
* shifts an all-day event given as a zone-aware midnight by a day, and
  writes no DTEND for a one-day event (Exchange then refuses it): all-day
  dates are written as DATE values here;
* writes DTSTAMP only from `created` (and no CREATED): `utc_text` gives it.

A set of events or categories is ordered by hash in `ics`, so render.ics
lays out each event itself, in `ics.Event`'s order, with the grammar layer.
"""

from __future__ import annotations

import datetime

LIMIT = 75  # octets per line, CRLF excluded


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        .translate(_CONTROLS)  # TEXT holds no control character (3.3.11): U+FFFD instead
    )


_CONTROLS = {c: "\ufffd" for c in (*range(0, 9), *range(10, 32), *range(127, 160))}


def fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets; continuation lines
    start with a space (which counts towards their 75).  Cuts fall between
    UTF-8 characters, never inside one."""
    if len(line) <= LIMIT // 4:
        return [line]
    return [part.decode("utf-8") for part in fold_octets(line.encode("utf-8"))]


def fold_octets(line: bytes) -> list[bytes]:
    """`fold` for a line already in UTF-8."""
    if len(line) <= LIMIT:
        return [line]
    parts = []
    start, room = 0, LIMIT
    while len(line) - start > room:
        cut = start + room
        while line[cut] & 0xC0 == 0x80:  # a continuation byte: back up to the character's start
            cut -= 1
        parts.append(line[start:cut])
        start, room = cut, LIMIT - 1
    parts.append(line[start:])
    return [parts[0]] + [b" " + part for part in parts[1:]]


def duration_text(delta: datetime.timedelta) -> str:
    """A DURATION value (3.3.6) in days, hours, minutes and seconds: `-P29DT15H`, `-PT15H`, `P1D`."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    text = (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return f"{sign}P{text or '0D'}"


def utc_text(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC (3.3.5, form 2): `20251030T033000Z`."""
    utc = moment.astimezone(datetime.timezone.utc)
    return f"{utc.year:04d}" + utc.strftime("%m%dT%H%M%SZ")  # glibc does not pad %Y before year 1000


def folded(text: str) -> bytes:
    """Content lines joined by CRLF (a component as `ics` writes it) → UTF-8, folded,
    CRLF after every line."""
    out: list[bytes] = []
    for line in text.encode("utf-8").split(b"\r\n"):
        if len(line) <= LIMIT:
            out.append(line)
        else:
            out.extend(fold_octets(line))
    out.append(b"")
    return b"\r\n".join(out)


def finish(text: str) -> str:
    """Serialised `ics` output → VERSION and PRODID first, folded, CRLF after every line."""
    lines = text.split("\r\n")
    while lines and lines[-1] == "":
        lines.pop()
    first_component = next((i for i, line in enumerate(lines) if i and line.startswith("BEGIN:")), len(lines))
    header = lines[1:first_component]
    ordered = sorted((line for line in header if line.startswith(("VERSION:", "PRODID:"))),
                     key=lambda line: not line.startswith("VERSION:"))
    lines[1:first_component] = ordered + [line for line in header if line not in ordered]
    short = LIMIT // 4  # no line this short can exceed 75 octets
    out: list[str] = []
    for line in lines:
        if len(line) <= short:
            out.append(line)
        else:
            out.extend(fold(line))
    out.append("")
    return "\r\n".join(out)
