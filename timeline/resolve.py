"""References, windows and assumptions → resolved dates.  Pure: no I/O, no "now".

Each date is resolved once, on demand, following references to other events'
dates, window starts and ends, and sources' publication dates.  Unknown
references and cycles are errors with the location of the reference.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping

import pendulum

from timeline.dates import DAYS, MONTHS, Day, Duration, PartialDate, add, anchor
from timeline.model import (
    Anchor,
    Anchored,
    DateSpec,
    Derived,
    Document,
    Entry,
    Error,
    Event,
    Location,
    Offset,
    OnDate,
    Ref,
    Source,
    Timeline,
)

_PART_WORDS = {"date": "date of", "start": "start of", "end": "end of"}
MAX_CHAIN = 200  # dates one date may be derived through: a derivation is shown step by step, and rendered recursively


class _Failed(Exception):
    """Internal: this date cannot be resolved; the error is already recorded."""


def resolve(document: Document) -> tuple[Timeline, list[Error]]:
    """Resolve every event of `document`; return the timeline and all errors."""
    return _Resolver(document).run()


class _Resolver:
    def __init__(self, document: Document):
        self.document = document
        self.errors: list[Error] = []
        self.sources: dict[str, Source] = {}
        self.events: dict[str, Event] = {}
        self.memo: dict[tuple[str, str], Derived | None] = {}
        self.visiting: list[tuple[str, str]] = []
        self.failed: set[tuple[str, str]] = set()

    def error(self, message: str, location: Location | None, event: str | None = None) -> None:
        self.errors.append(Error(message, location, event, "resolve"))

    def run(self) -> tuple[Timeline, list[Error]]:
        self.index()
        self.check_references()
        self.prepare()
        entries = tuple(e for e in map(self.entry, self.events.values()) if e is not None)
        timeline = Timeline(
            self.document.path, dict(self.sources), entries, self.document.warn, self.document.warn_mode
        )
        return timeline, self.errors

    def index(self) -> None:
        first: dict[str, Location] = {}
        records: list[Source | Event] = [*self.document.sources, *self.document.events]
        for record in records:
            if record.id in first:
                where = first[record.id]
                self.error(f"duplicate id '{record.id}' (first used at line {where.line})", record.location,
                           record.id if isinstance(record, Event) else None)
                continue
            first[record.id] = record.location
            if isinstance(record, Event):
                self.events[record.id] = record
            else:
                self.sources[record.id] = record

    def check_references(self) -> None:
        for event in self.events.values():
            for quote in event.quotes:
                if quote.source not in self.sources:
                    self.error(f"event '{event.id}': unknown source '{quote.source}'{self.hint(quote.source)}",
                               quote.source_location or quote.location, event.id)
            for revision in event.revisions:
                if revision.source not in self.sources:
                    self.error(f"event '{event.id}': revision: unknown source '{revision.source}'{self.hint(revision.source)}",
                               revision.quote.source_location or revision.location, event.id)
            for link in event.links:
                if link.target == event.id:
                    self.error(f"event '{event.id}': links.{link.kind} refers to the event itself", link.location, event.id)
                elif link.target not in self.events:
                    self.error(f"event '{event.id}': links.{link.kind}: unknown event '{link.target}'{self.hint(link.target)}", link.location, event.id)

    def hint(self, name: str) -> str:
        import difflib  # 3 ms to import (python -X importtime), and only on this error path

        close = difflib.get_close_matches(name, [*self.events, *self.sources], n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""

    # -- dependencies first, without recursion -------------------------------

    def depends(self, key: tuple[str, str]) -> list[tuple[tuple[str, str], Location | None]]:
        """The dates `key` is computed from, in the order `compute` asks for them,
        each with the location of the reference that asks (None: the window itself)."""
        event = self.events[key[0]]
        window = event.window
        specs: list[DateSpec | None] = []
        found: list[tuple[tuple[str, str], Location | None]] = []
        if window is None:
            specs.append(event.date)
        elif key[1] == "start":
            if window.start is not None:
                specs.append(window.start)
            elif window.until is not None and window.length is not None:
                found.append(((event.id, "end"), None))
        elif window.until is not None:
            specs.append(window.until)
        elif window.start is not None and window.length is not None:
            found.append(((event.id, "start"), None))
        while specs:
            spec = specs.pop(0)
            if spec is None:
                continue
            if not isinstance(spec, OnDate):
                target = self.events.get(spec.ref.target)
                if target is not None and spec.ref.target not in self.sources and (target.window is None) == (spec.ref.part == "date"):
                    found.append(((spec.ref.target, spec.ref.part), spec.ref.location))
            specs.append(spec.alternative)
        return found

    def prepare(self) -> None:
        """Resolve every date after the dates it depends on, found by an iterative
        depth-first walk, so that `part` never recurses deeper than one reference
        (a chain of thousands of references would exhaust Python's stack).  A
        cycle is reported here, at the reference that closes it."""
        done: set[tuple[str, str]] = set()
        order: list[tuple[str, str]] = []
        for event in self.events.values():
            for root in ([(event.id, "start"), (event.id, "end")] if event.window is not None else [(event.id, "date")]):
                if root in done:
                    continue
                path = [root]
                on_path = {root}
                pending = [iter(self.depends(root))]
                while pending:
                    step = next(pending[-1], None)
                    if step is None:
                        pending.pop()
                        key = path.pop()
                        on_path.discard(key)
                        done.add(key)
                        order.append(key)
                        continue
                    key, where = step
                    if key in done:
                        continue
                    if key in on_path:
                        cycle = path[path.index(key):] + [key]
                        shown = cycle if len(cycle) <= 12 else [*cycle[:5], ("…", "date"), *cycle[-5:]]
                        names = " → ".join(_key_name(k) for k in shown) + ("" if shown is cycle else f" ({len(cycle) - 1} references)")
                        owner = self.events[path[-1][0]]
                        window = owner.window
                        location = where or (window.location if window is not None else owner.location)
                        self.error(f"reference cycle: {names}", location, path[-1][0])
                        self.failed.update(cycle)
                        continue
                    path.append(key)
                    on_path.add(key)
                    pending.append(iter(self.depends(key)))
        depth: dict[tuple[str, str], int] = {}
        for key in order:
            if key in self.failed:
                continue
            steps = self.depends(key)
            if any(d in self.failed for d, _ in steps):
                self.failed.add(key)  # what it refers to failed, and says so
                continue
            depth[key] = 1 + max((depth.get(d, 0) for d, _ in steps), default=0)
            if depth[key] > MAX_CHAIN:
                where = next((w for d, w in steps if depth.get(d, 0) == depth[key] - 1), None)
                owner = self.events[key[0]]
                self.error(f"'{_key_name(key)}' is derived through more than {MAX_CHAIN} references (the limit): "
                           "give a date on the way", where or owner.location, key[0])
                self.failed.add(key)
                continue
            try:
                self.part(*key)
            except _Failed:
                pass

    # -- entries -------------------------------------------------------------

    def entry(self, event: Event) -> Entry | None:
        try:
            if event.window is not None:
                start = self.part(event.id, "start")
                end = self.part(event.id, "end")
                if start and end and end.value.first_day() < start.value.first_day():
                    self.error(f"event '{event.id}': window ends ({end.value}) before it starts ({start.value})", event.window.location, event.id)
                return Entry(event, start=start, end=end, revisions=event.revisions)
            if event.date is None:
                return Entry(event, revisions=event.revisions)
            date = self.part(event.id, "date")
            instant, local = self.instant(event, date) if date else (None, None)
            return Entry(event, date=date, instant=instant, revisions=event.revisions, local=local)
        except _Failed:
            return None

    def instant(self, event: Event, date: Derived) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The UTC moment of a timed event, as a standard-library datetime, and the same
        moment in its zone (`Entry.local`); (None, None) for an event without a time."""
        if event.time is None or event.timezone is None:
            return None, None
        value = date.value
        if not isinstance(value, Day):
            self.error(f"event '{event.id}': 'time' needs a date known to the day, not {value.describe()}", event.date.location if event.date else event.location, event.id)
            raise _Failed
        t = event.time
        try:
            local = pendulum.datetime(value.year, value.month, value.day, t.hour, t.minute, t.second, tz=_zone(event.timezone))
            instant = datetime.datetime.fromtimestamp(local.timestamp(), datetime.timezone.utc)
            return instant, _local(instant, event.timezone)
        except (OverflowError, ValueError, OSError):
            self.error(f"event '{event.id}': {value} {t.isoformat()} in {event.timezone} falls outside the years 0001 to 9999 in UTC",
                       event.date.location if event.date else event.location, event.id)
            raise _Failed from None

    # -- one date --------------------------------------------------------------

    def part(self, event_id: str, part: str, via: Ref | None = None) -> Derived | None:
        """The date of an event, or the start or end of a window; memoised."""
        key = (event_id, part)
        if key in self.memo:
            return self.memo[key]
        if key in self.failed:
            raise _Failed
        if key in self.visiting:
            cycle = self.visiting[self.visiting.index(key):] + [key]
            names = " → ".join(_key_name(k) for k in cycle)
            self.error(f"reference cycle: {names}", via.location if via else None, self.visiting[-1][0])
            self.failed.update(cycle)
            raise _Failed
        self.visiting.append(key)
        try:
            derived = self.revised(self.events[event_id], part, self.compute(self.events[event_id], part))
        except _Failed:
            self.failed.add(key)
            raise
        finally:
            self.visiting.pop()
        self.memo[key] = derived
        return derived

    def compute(self, event: Event, part: str) -> Derived | None:
        window = event.window
        if window is None:
            return self.spec(event.date, event) if event.date is not None else None
        if part == "start":
            if window.start is not None:
                return self.spec(window.start, event)
            if window.until is not None and window.length is not None:
                end = self.part(event.id, "end")
                return self.moved(end, window.length.negated(), "until", window.location, event.id) if end else None
            return None
        if window.until is not None:
            return self.spec(window.until, event)
        if window.start is not None and window.length is not None:
            start = self.part(event.id, "start")
            return self.moved(start, window.length, "since", window.location, event.id) if start else None
        return None

    def revised(self, event: Event, part: str, derived: Derived | None) -> Derived | None:
        """The value after the event's revisions of this part, applied in file order:
        each `from` must be the value before it; the last `to` is the current value."""
        field = {"date": "date", "start": "since", "end": "until"}[part]
        for revision in event.revisions:
            if revision.field != field:
                continue
            if revision.previous is not None and (derived is None or revision.previous != derived.value):
                before = derived.value if derived is not None else "not known"
                self.error(f"event '{event.id}': revision of {field}: 'from' is {revision.previous}, but the value "
                           f"before it is {before}", revision.previous_location or revision.location, event.id)
            if revision.cancelled or revision.to is None:
                continue
            source = self.sources.get(revision.source)
            when = f" ({source.published})" if source else ""
            basis = (("before", derived),) if derived is not None else ()
            derived = Derived(revision.to, f"revised by {revision.source}{when}: {revision.quote.text}", basis,
                              note=revision.note)
        return derived

    def moved(self, base: Derived, length: Duration, label: str, location: Location, event_id: str) -> Derived:
        value = self.add(base.value, length, location, event_id)
        sign = "-" if length.approx_days() < 0 else "+"
        shown = length.negated() if sign == "-" else length
        alternative = None
        if base.alternative is not None:
            alt_value = self.add(base.alternative.value, length, location, event_id)
            alternative = Derived.make(alt_value, f"= {base.alternative.value} {sign} {shown} ({label} {sign} {shown})",
                                       [(label, base.alternative)])
        return Derived.make(value, f"= {base.value} {sign} {shown} ({label} {sign} {shown})", [(label, base)],
                            alternative=alternative,
                            alternative_note=base.alternative_note)

    def add(self, value: PartialDate, length: Duration, location: Location, event_id: str) -> PartialDate:
        try:
            return add(value, length)
        except ValueError as exc:
            self.error(str(exc), location, event_id)
            raise _Failed from None

    def spec(self, spec: DateSpec, event: Event) -> Derived:
        main = self.spec_value(spec, event)
        if spec.alternative is None:
            return main
        other = self.spec_value(spec.alternative, event)
        return Derived.make(main.value, main.how, main.basis, main.assumption, main.note,
                            alternative=other, alternative_note=spec.alternative.note or spec.alternative.assumed)

    def spec_value(self, spec: DateSpec, event: Event) -> Derived:
        if isinstance(spec, OnDate):
            return Derived.make(spec.value, "as stated", assumption=spec.assumed, note=spec.note)
        ref = spec.ref
        base = self.reference(ref, event)
        label = _ref_label(ref, self.sources)
        if isinstance(spec, Offset):
            value = self.add(base.value, spec.offset, spec.location, event.id)
            offset = spec.offset
            text = f"- {offset.negated()}" if offset.approx_days() < 0 else f"+ {offset}"
            how = f"= {base.value} {text} ({ref} {text})"
        elif isinstance(spec, Anchored):
            try:
                value = anchor(base.value, spec.which, spec.anchor.kind, spec.anchor.value)
            except ValueError as exc:
                self.error(f"event '{event.id}': {exc}", spec.location, event.id)
                raise _Failed from None
            how = "= " + _anchor_words(spec.which, spec.anchor, ref)
        else:
            value, how = base.value, f"= {label}"
        return Derived.make(value, how, [(label, base)], assumption=spec.assumed, note=spec.note)

    def reference(self, ref: Ref, event: Event) -> Derived:
        if ref.target in self.sources:
            if ref.part != "date":
                self.error(f"event '{event.id}': '{ref}': a source has only a date (write '{ref.target}')", ref.location, event.id)
                raise _Failed
            source = self.sources[ref.target]
            return Derived.make(source.published, "as recorded in the data file's sources")
        target = self.events.get(ref.target)
        if target is None:
            self.error(f"event '{event.id}': unknown reference '{ref.target}'{self.hint(ref.target)}", ref.location, event.id)
            raise _Failed
        if target.window is not None and ref.part == "date":
            self.error(f"event '{event.id}': '{ref.target}' is a window: refer to '{ref.target}.start' or '{ref.target}.end'", ref.location, event.id)
            raise _Failed
        if target.window is None and ref.part != "date":
            self.error(f"event '{event.id}': '{ref.target}' is not a window: refer to '{ref.target}'", ref.location, event.id)
            raise _Failed
        if target.window is None and target.date is None:
            self.error(f"event '{event.id}': '{ref.target}' has no date to refer to", ref.location, event.id)
            raise _Failed
        derived = self.part(ref.target, ref.part, via=ref)
        if derived is None:
            self.error(f"event '{event.id}': the window '{ref.target}' has no {ref.part} date to refer to", ref.location, event.id)
            raise _Failed
        return derived


def _local(instant: datetime.datetime, zone: str) -> datetime.datetime:
    """`instant` in `zone` (as pendulum reads its name, as `instant` did: "utc" too), as a
    fixed offset named by the zone's abbreviation then."""
    there = instant.astimezone(_zone(zone))
    offset, name = there.utcoffset(), there.tzname()
    assert offset is not None and name is not None  # a zone's rules give both
    return instant.astimezone(datetime.timezone(offset, name))


@functools.cache
def _zone(name: str) -> pendulum.Timezone:
    """Each zone's rules are read from disk once, not once per event."""
    return pendulum.timezone(name)


def _ref_label(ref: Ref, sources: Mapping[str, Source]) -> str:
    if ref.target in sources:
        return f"{ref.target} published"
    return f"{_PART_WORDS[ref.part]} {ref.target}"


def _anchor_words(which: str, wanted: Anchor, ref: Ref) -> str:
    value = wanted.value
    if isinstance(value, tuple):
        name = f"{MONTHS[value[0] - 1]} {value[1]}"
    elif wanted.kind == "month":
        name = MONTHS[value - 1]
    elif wanted.kind == "weekday":
        name = DAYS[value]
    else:
        name = wanted.text.lower()
    if which == "this":
        scope = "the week of" if wanted.kind == "weekday" else "the year of"
        return f"{name} in {scope} {ref}"
    if which == "next":
        return f"the first {name} after {ref}"
    return f"the last {name} before {ref}"


def _key_name(key: tuple[str, str]) -> str:
    event_id, part = key
    return event_id if part == "date" else f"{event_id}.{part}"

