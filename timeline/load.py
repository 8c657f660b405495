"""The data file as YAML → typed records with locations, and every error found.

The only module that reads YAML.  It works on PyYAML's node graph, never on
constructed Python objects, which buys four things:

* no object is ever constructed from a tag (`!!python/object` is refused);
* duplicate keys are seen (PyYAML's constructor silently keeps the last);
* every value keeps its line and column for error messages;
* scalars are typed by our schema, not by YAML 1.1 guessing (`NO` stays the
  text "NO", `12:30` stays a time instead of the number 750).

Anchors and aliases are allowed, but their expansion is bounded.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pendulum
import yaml

from timeline import stream
from timeline.dates import Duration, parse_anchor, parse_date, parse_duration
from timeline.model import (
    CERTAINTIES,
    LINK_KINDS,
    Anchor,
    Anchored,
    DateSpec,
    Document,
    Error,
    Event,
    Link,
    Location,
    Offset,
    OnDate,
    Quote,
    Ref,
    Revision,
    SameAs,
    Source,
    WindowSpec,
)

if TYPE_CHECKING:
    _Base = yaml.BaseLoader
else:  # the C loader where PyYAML was built with libyaml
    _Base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_Base):
    """Resolves no implicit tags: every plain scalar is text, typed later by this
    schema, not by YAML 1.1's guesses.  An explicit tag is kept, to be refused."""

    _DEFAULT = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:  # called for every node: keep it a lookup
        return self._DEFAULT[kind]
T = TypeVar("T")
_NULLS = {"", "~", "null", "Null", "NULL"}

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as documented: lower-case letters, digits and '-'
# C0 and C1 controls and DEL (tab and line ends are text): they would drive a terminal or break a calendar line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that reorder or hide what is shown ("Trojan Source", CVE-2021-42574): bidirectional
# embeddings, overrides and isolates, and the invisible line and paragraph separators.  Refused in
# every text field, quotes too.  Names (parties, tags) also refuse the zero-width characters and
# marks, which make two different names look alike; titles, notes and quotes keep them (Persian,
# Indic scripts and emoji need ZWNJ/ZWJ; right-to-left text uses the marks).
_DISGUISE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_DISGUISE_IN_NAMES = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\u200b-\u200f\u2060\u061c\ufeff]")
# A URI (RFC 3986): a scheme, then only the characters a URI may hold; http(s) and ftp need a host.
_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_HOSTED = re.compile(r"(?i)(?:https?|ftps?)://[^/?#@\s]*[A-Za-z0-9][^/?#\s]*(?:[/?#].*)?")
_KIND = re.compile(r"[a-z][a-z0-9-]*")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")  # ASCII digits only

TOP_FIELDS = {"format": False, "sources": True, "defaults": False, "events": True}
DEFAULT_FIELDS = {"warn": False, "warn_mode": False}
SOURCE_FIELDS = {
    "id": True, "file": True, "published": True, "title": False, "publisher": False,
    "language": False, "url": False, "note": False,
}
EVENT_FIELDS = {
    "id": True, "title": True, "kind": True, "certainty": True, "sources": True,
    "title_original": False, "parties": False, "tags": False, "date": False, "time": False,
    "timezone": False, "window": False, "links": False, "note": False, "warn": False,
    "revisions": False,
}
REVISION_FIELDS = {
    "field": True, "from": False, "to": False, "cancelled": False, "source": True, "quote": True, "note": False,
}
QUOTE_FIELDS = {"source": True, "quote": True}
WINDOW_FIELDS = {"start": False, "for": False, "until": False}
DATE_FIELDS = {
    "on": False, "from": False, "offset": False, "this": False, "next": False, "last": False,
    "assumed": False, "note": False, "alternative": False,
}
WARN_MODES = ("once", "daily")


def decode(data: bytes, filename: str) -> tuple[str | None, list[Error]]:
    """Bytes → text.  UTF-8 only; a byte-order mark and CRLF line ends are fine."""
    if not data.strip():
        return None, [Error("the file is empty: expected 'sources:' and 'events:'", Location(filename), stage="parse")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return None, [
            Error(f"not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8", Location(filename, line, column),
                  stage="parse")
        ]


def parse(text: str, filename: str) -> tuple[Document | None, list[Error]]:
    """Text of a data file → a Document and the errors found (all of them)."""
    reader = _Reader(filename, text)
    try:
        loader = _Loader(text)
        try:  # the events one at a time; anchors, aliases and tags checked as they come (timeline/stream.py)
            root, streamed, problems = stream.compose(loader, reader.event)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            start = exc.context_mark
            message += f" ({exc.context} at line {start.line + 1}, column {start.column + 1})"
        location = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        return None, [Error(message, location, stage="parse")]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [Error(f"YAML error: {_one_line(exc)}", _reader_location(exc, text, filename), stage="parse")]
    except RecursionError:
        return None, [Error("YAML nesting is too deep", Location(filename), stage="parse")]
    if root is None:
        return None, [Error("the file has no content: expected 'sources:' and 'events:'", Location(filename), stage="parse")]
    if problems:  # refused tags, aliases past their bounds: nothing else is read (in the order found)
        return None, [Error(message, reader.loc(node), stage="schema") for node, message in problems]
    # The events' errors were found first; the whole graph's reading found them last.  Errors at one
    # place (an alias's target read twice) keep that order: sorted by place, stable.
    events_errors, reader.errors = reader.errors, []
    document = reader.document(root)
    if document is not None:
        document = document._replace(events=tuple(streamed) + document.events)
    return document, sorted(reader.errors + events_errors, key=Error.sort_key)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _reader_location(exc: yaml.YAMLError, text: str, filename: str) -> Location:
    position = getattr(exc, "position", None)
    if position is None:
        return Location(filename)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Location(filename, line, column)


class _Reader:
    """Walks the node graph, converting and collecting errors as it goes."""

    def __init__(self, filename: str, text: str = ""):
        self.filename = filename
        self.text_of_file = text  # the file's text, to place a single character (`char_loc`)
        self.errors: list[Error] = []
        self.event_id: str | None = None  # the event being read, for its errors

    # -- helpers ---------------------------------------------------------------

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> None:
        self.errors.append(Error(message, self.loc(node), self.event_id, "schema"))

    def fields(self, node: yaml.Node, what: str, spec: dict[str, bool]) -> dict[str, yaml.Node] | None:
        """A mapping with known keys: check duplicates, unknown and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what}: expected a mapping of fields, got {_kind(node)}")
            return None
        found: dict[str, yaml.Node] = {}
        first: dict[str, tuple[int, int]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, f"{what}: a key must be plain text")
                continue
            name = key.value
            if name in first:
                line, col = first[name]
                self.error(key, f"{what}: duplicate key '{name}' (first at line {line}, column {col})")
                continue
            first[name] = (key.start_mark.line + 1, key.start_mark.column + 1)
            if name not in spec:
                self.error(key, f"{what}: unknown field '{name}'{_suggest(name, spec)}")
                continue
            if _is_null(value):
                continue  # an empty field is the same as an absent one
            found[name] = value
        for name, required in spec.items():
            if required and name not in found and name not in first:
                self.error(node, f"{what}: missing required field '{name}'")
            elif required and name not in found:
                self.error(node, f"{what}: required field '{name}' is empty")
        return found

    def text(self, node: yaml.Node, what: str, *, name: bool = False) -> str | None:
        """A scalar's text, stripped; `name`: a party or tag, held to a stricter check (`disguise`)."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what}: expected text, got {_kind(node)}")
            return None
        value: str = node.value.strip()
        if not value:
            self.error(node, f"{what}: is empty")
            return None
        control = _CONTROL.search(value)
        if control:
            self.error(node, f"{what}: holds the control character U+{ord(control.group()):04X} (write plain text)")
            return None
        hidden = disguise(value, name)
        if hidden:
            message = f"{what}: holds {code_point(hidden)}, which changes how text is shown (write plain text)"
            self.errors.append(Error(message, self.char_loc(node, hidden), self.event_id, "schema"))
            return None
        return value

    def char_loc(self, node: yaml.Node, char: str) -> Location:
        """Where `char` stands in the file, when written as itself (an invisible character
        is found by its column); else where the scalar begins."""
        start, end = node.start_mark.index, node.end_mark.index  # characters into the text
        at = self.text_of_file.find(char, start, end)
        if at < 0:
            return self.loc(node)
        line_start = self.text_of_file.rfind("\n", 0, at) + 1
        return Location(self.filename, self.text_of_file.count("\n", 0, at) + 1, at - line_start + 1)

    def converted(self, node: yaml.Node, what: str, convert: Callable[[str], T]) -> T | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return convert(text)
        except ValueError as exc:
            self.error(node, f"{what}: {exc}")
            return None

    def items(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        """A list; a single scalar is taken as a list of one."""
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode):
            return [node]
        self.error(node, f"{what}: expected a list, got {_kind(node)}")
        return []

    def text_list(self, node: yaml.Node, what: str, *, name: bool = False) -> tuple[str, ...]:
        values = (self.text(item, what, name=name) for item in self.items(node, what))
        return tuple(v for v in values if v is not None)

    def identifier(self, node: yaml.Node, what: str, pattern: re.Pattern[str] = _ID) -> str | None:
        value = self.text(node, what)
        if value is not None and not pattern.fullmatch(value):
            self.error(node, f"{what}: '{value}' is not a valid id (lower-case letters, digits and '-')")
            return None
        return value

    # -- the document ----------------------------------------------------------

    def document(self, root: yaml.Node) -> Document | None:
        top = self.fields(root, "data file", TOP_FIELDS)
        if top is None:
            return None
        if "format" in top:
            version = self.text(top["format"], "format")
            if version is not None and version != "1":
                self.error(top["format"], f"format: version '{version}' is not supported (this is format 1)")
        warn: tuple[Duration, ...] = ()
        warn_mode = "once"
        if "defaults" in top:
            defaults = self.fields(top["defaults"], "defaults", DEFAULT_FIELDS) or {}
            if "warn" in defaults:
                warn = self.leads(defaults["warn"], "defaults.warn")
            if "warn_mode" in defaults:
                warn_mode = self.choice(defaults["warn_mode"], "defaults.warn_mode", WARN_MODES) or "once"
        sources = tuple(filter(None, map(self.source, self.items(top.get("sources"), "sources"))))
        events = tuple(filter(None, map(self.event, self.items(top.get("events"), "events"))))
        return Document(self.filename, sources, events, warn, warn_mode)

    def choice(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in allowed:
            self.error(node, f"{what}: '{value}' is not one of {', '.join(allowed)}")
            return None
        return value

    def leads(self, node: yaml.Node, what: str) -> tuple[Duration, ...]:
        leads = []
        for item in self.items(node, what):
            duration = self.converted(item, what, parse_duration)
            if duration is None:
                continue
            if duration.approx_days() <= 0:
                self.error(item, f"{what}: a lead time must be positive, not '{item.value}'")
                continue
            leads.append(duration)
        return tuple(leads)

    def source(self, node: yaml.Node) -> Source | None:
        named = _peek_id(node)
        f = self.fields(node, f"source '{named}'" if named else "source", SOURCE_FIELDS)
        if f is None:
            return None
        ident = self.identifier(f["id"], "source id") if "id" in f else None
        what = f"source '{ident}'" if ident else "source"
        file = self.text(f["file"], f"{what}: file") if "file" in f else None
        published = self.converted(f["published"], f"{what}: published", parse_date) if "published" in f else None
        optional = {k: self.text(f[k], f"{what}: {k}") for k in ("title", "publisher", "language", "url", "note") if k in f}
        if optional.get("url") is not None and not _is_url(optional["url"] or ""):
            self.error(f["url"], f"{what}: url: not a URL (no spaces or line breaks; write e.g. https://example.org/page)")
            optional["url"] = None
        if ident is None or file is None or published is None:
            return None
        return Source(ident, file, published, self.loc(node), **optional)

    def event(self, node: yaml.Node) -> Event | None:
        self.event_id = _peek_id(node)
        try:
            return self._event(node, self.event_id)
        finally:
            self.event_id = None

    def _event(self, node: yaml.Node, named: str | None) -> Event | None:
        f = self.fields(node, f"event '{named}'" if named else "event", EVENT_FIELDS)
        if f is None:
            return None
        ident = self.identifier(f["id"], "event id") if "id" in f else None
        what = f"event '{ident}'" if ident else "event"
        title = self.text(f["title"], f"{what}: title") if "title" in f else None
        kind = self.identifier(f["kind"], f"{what}: kind", _KIND) if "kind" in f else None
        certainty = self.choice(f["certainty"], f"{what}: certainty", CERTAINTIES) if "certainty" in f else None
        quotes = tuple(self.quotes(f["sources"], what)) if "sources" in f else ()
        title_original = self.text(f["title_original"], f"{what}: title_original") if "title_original" in f else None
        parties = self.text_list(f["parties"], f"{what}: parties", name=True) if "parties" in f else ()
        tags = self.text_list(f["tags"], f"{what}: tags", name=True) if "tags" in f else ()
        note = self.text(f["note"], f"{what}: note") if "note" in f else None
        warn = self.leads(f["warn"], f"{what}: warn") if "warn" in f else None
        links = tuple(self.links(f["links"], what)) if "links" in f else ()
        date = self.date_spec(f["date"], f"{what}: date") if "date" in f else None
        window = self.window(f["window"], what) if "window" in f else None
        time = self.converted(f["time"], f"{what}: time", _parse_time) if "time" in f else None
        timezone = self.converted(f["timezone"], f"{what}: timezone", _check_zone) if "timezone" in f else None
        if "date" in f and "window" in f:
            self.error(f["window"], f"{what}: give either 'date' (a point in time) or 'window' (a period), not both")
        if "time" in f and "date" not in f:
            self.error(f["time"], f"{what}: 'time' needs a 'date'")
        if "time" in f and "timezone" not in f:
            self.error(f["time"], f"{what}: 'time' needs a 'timezone' (an IANA name such as Asia/Seoul)")
        if "timezone" in f and "time" not in f:
            self.error(f["timezone"], f"{what}: 'timezone' is only used with 'time'")
        if "sources" in f and not quotes and isinstance(f["sources"], yaml.SequenceNode) and not f["sources"].value:
            self.error(f["sources"], f"{what}: needs at least one source quote")
        revisions = tuple(self.revisions(f["revisions"], what, "window" in f)) if "revisions" in f else ()
        if ident is None or title is None or kind is None or certainty is None:
            return None
        return Event(ident, title, kind, certainty, self.loc(node), quotes, title_original, parties, tags, date,
                     time, timezone, window, links, note, warn, revisions)

    def revisions(self, node: yaml.Node, what: str, window: bool) -> Iterator[Revision]:
        """`revisions:`, in file order: a later source moving or cancelling a date."""
        fields = ("since", "until") if window else ("date",)
        for item in self.items(node, f"{what}: revisions"):
            f = self.fields(item, f"{what}: revision", REVISION_FIELDS)
            if not f:
                continue
            field = self.choice(f["field"], f"{what}: revision field", fields) if "field" in f else None
            source = self.identifier(f["source"], f"{what}: revision source") if "source" in f else None
            text = self.text(f["quote"], f"{what}: revision quote") if "quote" in f else None
            to = self.converted(f["to"], f"{what}: revision to", parse_date) if "to" in f else None
            previous = self.converted(f["from"], f"{what}: revision from", parse_date) if "from" in f else None
            note = self.text(f["note"], f"{what}: revision note") if "note" in f else None
            cancelled = False
            if "cancelled" in f:
                flag = self.text(f["cancelled"], f"{what}: revision cancelled")
                if flag not in ("true", "false"):
                    self.error(f["cancelled"], f"{what}: revision cancelled: write true or false")
                cancelled = flag == "true"
            if ("to" in f) == cancelled:
                self.error(item, f"{what}: a revision gives either 'to' (the new date) or 'cancelled: true'")
                continue
            if field is None or source is None or text is None or (not cancelled and to is None):
                continue
            quote = Quote(source, text, self.loc(f["quote"]), self.loc(f["source"]))
            yield Revision(field, quote, self.loc(item), to, previous,
                           self.loc(f["from"]) if "from" in f else None, cancelled, note)

    def quotes(self, node: yaml.Node, what: str) -> Iterator[Quote]:
        for item in self.items(node, f"{what}: sources"):
            f = self.fields(item, f"{what}: source quote", QUOTE_FIELDS)
            if not f:
                continue
            source = self.identifier(f["source"], f"{what}: source") if "source" in f else None
            text = self.text(f["quote"], f"{what}: quote") if "quote" in f else None
            if source and text:
                yield Quote(source, text, self.loc(f["quote"]), self.loc(f["source"]))

    def links(self, node: yaml.Node, what: str) -> Iterator[Link]:
        f = self.fields(node, f"{what}: links", {kind: False for kind in LINK_KINDS})
        for kind, value in (f or {}).items():
            for item in self.items(value, f"{what}: links.{kind}"):
                target = self.identifier(item, f"{what}: links.{kind}")
                if target:
                    yield Link(kind, target, self.loc(item))

    def window(self, node: yaml.Node, what: str) -> WindowSpec | None:
        f = self.fields(node, f"{what}: window", WINDOW_FIELDS)
        if f is None:
            return None
        start = self.date_spec(f["start"], f"{what}: window.start") if "start" in f else None
        until = self.date_spec(f["until"], f"{what}: window.until") if "until" in f else None
        length = self.converted(f["for"], f"{what}: window.for", parse_duration) if "for" in f else None
        if len(f) == 3:
            self.error(node, f"{what}: window: give at most two of 'start', 'for' and 'until'")
            return None
        if not f or set(f) == {"for"}:
            self.error(node, f"{what}: window needs a 'start' or an 'until'")
            return None
        if length is not None and length.approx_days() <= 0:
            self.error(f["for"], f"{what}: window.for must be a positive length")
            return None
        return WindowSpec(self.loc(node), start, until, length)

    def date_spec(self, node: yaml.Node, what: str) -> DateSpec | None:
        if isinstance(node, yaml.ScalarNode):
            value = self.converted(node, what, parse_date)
            return OnDate(self.loc(node), value) if value else None
        f = self.fields(node, what, DATE_FIELDS)
        if f is None:
            return None
        location = self.loc(node)
        given = [k for k in ("on", "from") if k in f]
        if len(given) != 1:
            self.error(node, f"{what}: give exactly one of 'on' (a date) or 'from' (a reference)")
            return None
        moves = [k for k in ("offset", "this", "next", "last") if k in f]
        if len(moves) > 1:
            self.error(node, f"{what}: give at most one of 'offset', 'this', 'next' and 'last'")
            return None
        if "on" in f and moves:
            self.error(f[moves[0]], f"{what}: '{moves[0]}' needs 'from', not 'on'")
            return None
        assumed = self.text(f["assumed"], f"{what}: assumed") if "assumed" in f else None
        note = self.text(f["note"], f"{what}: note") if "note" in f else None
        other = self.date_spec(f["alternative"], f"{what}: alternative") if "alternative" in f else None
        if "on" in f:
            value = self.converted(f["on"], what, parse_date)
            return OnDate(location, value, assumed, note, other) if value else None
        ref = self.reference(f["from"], f"{what}: from")
        if ref is None:
            return None
        if "offset" in f:
            offset = self.converted(f["offset"], f"{what}: offset", parse_duration)
            return Offset(location, ref, offset, assumed, note, other) if offset else None
        if moves:
            which = moves[0]
            anchor = self.converted(f[which], f"{what}: {which}", parse_anchor)
            if anchor is None:
                return None
            return Anchored(location, ref, which, Anchor(anchor[0], anchor[1], f[which].value.strip()), assumed, note, other)
        return SameAs(location, ref, assumed, note, other)

    def reference(self, node: yaml.Node, what: str) -> Ref | None:
        text = self.text(node, what)
        if text is None:
            return None
        target, _, part = text.partition(".")
        if not _ID.fullmatch(target) or part not in ("", "start", "end"):
            self.error(node, f"{what}: '{text}' is not a reference: write an id, ID.start or ID.end")
            return None
        return Ref(target, part or "date", self.loc(node))


def disguise(text: str, name: bool = False) -> str | None:
    """The first character of `text` that would reorder or hide what a reader sees, or
    None; `name` (a party or tag) adds the zero-width ones."""
    found = (_DISGUISE_IN_NAMES if name else _DISGUISE).search(text)
    return found.group() if found else None


def code_point(char: str) -> str:
    """"U+202E RIGHT-TO-LEFT OVERRIDE"."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"


def _is_url(text: str) -> bool:
    found = _URL.fullmatch(text)
    if not found:
        return False
    return found.group(1).lower() not in ("http", "https", "ftp", "ftps") or bool(_HOSTED.fullmatch(text))


def _peek_id(node: yaml.Node) -> str | None:
    """The id of a record, if it has a plain one, to name it in messages about its other fields."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value).strip() or None
    return None


def _is_null(node: yaml.Node) -> bool:
    """An empty or null plain scalar (`key:`, `key: ~`, `key: null`)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS  # plain: None or ''



def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}'"


def _suggest(name: str, spec: dict[str, bool]) -> str:
    import difflib  # 3 ms to import (python -X importtime), and only on this error path

    close = difflib.get_close_matches(name, list(spec), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(spec)})"


def _parse_time(text: str) -> datetime.time:
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a time of day: write HH:MM or HH:MM:SS")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{text}' is not a time of day")
    return datetime.time(hour, minute, second)


@functools.cache
def _check_zone(name: str) -> str:
    try:
        pendulum.timezone(name)
    except Exception:  # pendulum raises its own InvalidTimezone, or ValueError on odd input
        raise ValueError(f"'{name}' is not an IANA time zone (e.g. Asia/Seoul, Europe/Brussels)") from None
    return name
