"""Views → human-readable text for a terminal or a pipe."""

from __future__ import annotations

from timeline.dates import Day
from timeline.datetimes import datetime
from timeline.model import Derived, Entry, Milestone
from timeline.render.style import Style, table
from timeline.status import ACTIVE, days_left, status
from timeline.views import ListView, NextView, RemindView, ShowView, SuspendedView, ValidateView, drift, links

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from timeline.derivation import Step

# `derivation` (show) and `digest` (remind, with `reminders`) are imported where used:
# `next`, `list` and `suspended` answer without them (1.5 ms of start-up).

ASSUMED_MARK = "*"
ASSUMED_FOOTNOTE = "* rests on an assumption: `timeline show ID` says which"
_CERTAINTY_STYLE = {"confirmed": "", "announced": "", "expected": "cyan", "possible": "yellow"}
_STATUS_STYLE = {"upcoming": "", "active": "green", "ended": "dim", "passed": "dim", "happened": "dim",
                 "cancelled": "dim", "undated": "dim"}


def date_cell(derived: Derived | None, style: Style, local: datetime.datetime | None = None) -> str:
    """A date as a table shows it; `local`: its time in the event's zone (`Entry.local`)."""
    if derived is None:
        return "?"
    value = derived.value
    text = value.short()  # "Autumn 2025", not "2025-23"
    if local is not None:
        text += f" {local.strftime('%H:%M')} {local.tzname()}"
    if derived.assumed:
        text += style(ASSUMED_MARK, "yellow")
    return text


def _in(milestone: Milestone, as_of: datetime.date) -> str:
    value = milestone.date.value
    days = (value.first_day() - as_of).days
    if days <= 0:
        return "today" if isinstance(value, Day) else "now"
    approx = "" if isinstance(value, Day) else "~"
    return f"{approx}{days}d"


def _certainty(entry: Entry, style: Style) -> str:
    certainty = entry.event.certainty
    return style(certainty, _CERTAINTY_STYLE[certainty])


def _with_footnote(lines: list[str], assumed: bool) -> str:
    if assumed:
        lines += ["", ASSUMED_FOOTNOTE]
    return "\n".join(lines) + "\n"


def next_text(view: NextView, style: Style) -> str:
    found, as_of = view.milestones, view.as_of
    if not found:
        return f"Nothing dated on or after {as_of}.\n"
    rows = [
        [date_cell(m.date, style, m.entry.local if m.instant else None), _in(m, as_of), m.title,
         _certainty(m.entry, style), m.id]
        for m in found
    ]
    lines = table(["DATE", "IN", "WHAT", "CERTAINTY", "ID"], rows, style, shrink=2)
    return _with_footnote(lines, any(m.assumed for m in found))


def suspended_text(view: SuspendedView, style: Style) -> str:
    active, ended, as_of, recent_days = view.active, view.ended, view.as_of, view.recent_days
    out = []
    if active:
        out.append(style(f"In force on {as_of}:", "bold"))
        rows = [
            [date_cell(e.start, style), date_cell(e.end, style), _days(days_left(e, as_of)), e.event.title, e.id]
            for e in active
        ]
        out += ["  " + line for line in table(["SINCE", "UNTIL", "LEFT", "WHAT", "ID"], rows, style.narrower(2), shrink=3)]
    else:
        out.append(f"Nothing recorded as in force on {as_of}.")
    out.append("")
    if ended:
        out.append(style(f"Ended in the {recent_days} days before {as_of}:", "bold"))
        rows = [[date_cell(e.start, style), date_cell(e.end, style), e.event.title, e.id] for e in ended]
        out += ["  " + line for line in table(["SINCE", "ENDED", "WHAT", "ID"], rows, style.narrower(2), shrink=2)]
    else:
        out.append(f"Nothing ended in the {recent_days} days before {as_of}.")
    return _with_footnote(out, any(e.assumed for e in active + ended))


def _days(days: int | None) -> str:
    return "?" if days is None else f"{days}d"


def list_text(view: ListView, style: Style) -> str:
    entries, as_of = view.entries, view.as_of
    if not entries:
        return "No events match.\n"
    rows = []
    for e in entries:
        if e.is_window:
            when = f"{date_cell(e.start, style)} → {date_cell(e.end, style)}"
        elif e.date is None:
            when = "undated"
        else:
            when = date_cell(e.date, style, e.local)
        state = status(e, as_of)
        rows.append([when, style(state, _STATUS_STYLE[state]), e.event.kind, _certainty(e, style), e.id, e.event.title])
    lines = table(["DATE", "STATUS", "KIND", "CERTAINTY", "ID", "TITLE"], rows, style, shrink=5)
    return _with_footnote(lines, any(e.assumed for e in entries))


def show_text(view: ShowView, style: Style) -> str:
    timeline, entry, as_of = view.timeline, view.entry, view.as_of
    event = entry.event
    out = [style(event.id, "bold"), ""]

    def field(label: str, value: str | None) -> None:
        if value:
            out.append(f"  {label:<11}{value}")

    field("Title", event.title)
    field("Original", event.title_original)
    field("Kind", event.kind)
    field("Certainty", event.certainty)
    field("Parties", ", ".join(event.parties))
    field("Tags", ", ".join(event.tags))
    state = status(entry, as_of)
    left = days_left(entry, as_of)
    field("Status", f"{state} on {as_of}" + (f", {left} days left" if state == ACTIVE and left is not None else ""))
    if entry.is_window:
        field("Window", f"in force from {_describe(entry.start)} until {_describe(entry.end)}")
    elif entry.date is not None:
        when = entry.date.value.describe()
        if entry.instant is not None and entry.local is not None:
            when += f" {entry.local.strftime('%H:%M')} {event.timezone} ({entry.instant.isoformat(' ', 'minutes')[:16]} UTC)"
        field("Date", when)
    else:
        field("Date", "undated")
    for name in (("since", "until") if entry.is_window else ("date",)):
        moves = drift(timeline, entry, name)
        if moves:
            label = "History" if name == "date" else f"{name.capitalize()} moved"
            field(label, " → ".join(f"{d.value} ({d.source}, {d.published})" for d in moves))
    field("Note", event.note)
    for wording, other in links(timeline, entry):
        field("Link", f"{wording}: {other}")

    from timeline.derivation import walk

    out += ["", style("How the dates were derived", "bold")]
    parts = [("since", entry.start), ("until", entry.end)] if entry.is_window else [("date", entry.date)]
    seen: set[int] = set()
    for label, derived in parts:
        if derived is not None:
            out += derivation_lines(walk(label, derived, 0, seen), style)
    if not seen:
        out.append("  no date: the sources give none")

    out += ["", style("Sources", "bold")]
    quotes = [*event.quotes, *(r.quote for r in entry.revisions)]
    for source_id in dict.fromkeys(q.source for q in quotes):
        source = timeline.sources.get(source_id)
        about = ", ".join(filter(None, [source.publisher, str(source.published), source.file])) if source else ""
        out.append(f"  {source_id} ({about})")
        out += [f"    > {q.text}" for q in quotes if q.source == source_id]
    return "\n".join(out) + "\n"


def _describe(derived: Derived | None) -> str:
    if derived is None:
        return "not known"
    return derived.value.describe() + (" (assumed)" if derived.assumed else "")


def derivation_lines(steps: list[Step], style: Style, indent: int = 1) -> list[str]:
    """One line per step, indented by depth: `until 2026-11-10 = since + 1 year`."""
    from timeline import derivation

    colours = {derivation.ASSUMED: "yellow", derivation.OTHER_READING: "cyan"}
    return derivation.lines(steps, indent, lambda text, kind: style(text, colours[kind]))


def validate_text(view: ValidateView, style: Style) -> str:
    """The line `validate` prints for a file without errors (errors go to stderr)."""
    timeline = view.timeline
    if timeline is None or view.errors:
        return "".join(f"{error}\n" for error in view.errors)
    quotes = sum(len(e.event.quotes) for e in timeline.entries)
    return (f"{view.path}: OK: {count(len(timeline.entries), 'event')}, {count(len(timeline.sources), 'source')}, "
            f"{count(quotes, 'quote')} found verbatim in their sources\n")


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def remind_text(view: RemindView, style: Style) -> str:
    """`timeline remind`: the digest (timeline/render/digest.py)."""
    from timeline.render.digest import digest

    return digest(view, style)


RENDERERS = {
    NextView: next_text,
    SuspendedView: suspended_text,
    ListView: list_text,
    ShowView: show_text,
    ValidateView: validate_text,
    RemindView: remind_text,
}
