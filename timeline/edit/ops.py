"""The edits `source add`, `revise` and `extract --into` make: text in, text out.

Each function checks its arguments against the file, refuses with a
TimelineError (one located line per problem) or returns the new text, in
which only the added lines differ.  Each result is read back: the list it
added to must hold exactly the new items more, and the mappings along the way
the same fields, or the edit is refused.
"""

from __future__ import annotations

import difflib
import re

import yaml

from timeline.dates import parse_date
from timeline.edit import yamltext as yt
from timeline.model import Error, Location, TimelineError

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as the loader checks ids
FIELDS = ("date", "since", "until")  # what a revision may move: a point's date, a window's start or end
_Reader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def add_source(text: str, id: str, file: str, published: str, publisher: str | None = None, url: str | None = None,
               language: str | None = None, title: str | None = None, *, note: str | None = None,
               filename: str = "events.yaml") -> str:
    """`text` with a source appended to `sources:` (created if missing)."""
    root = yt.compose(text, filename)
    errors = _check_id(id, "source id") + _check_date(published, "published")
    if not (file or "").strip():
        errors.append(Error("source file: is empty", stage="argument"))
    found = yt.get(root, "sources")
    if found and isinstance(found[1], yaml.SequenceNode):
        for node in found[1].value:
            other = _field(node, "id")
            if other is not None and yt.scalar(other) == id:
                errors.append(Error(f"source '{id}' already exists", yt.loc(other, filename), stage="edit"))
    _refuse(errors)
    fields = {"id": id, "file": file, "published": published, "title": title, "publisher": publisher,
              "language": language, "url": url, "note": note}
    item = {k: v.strip() for k, v in fields.items() if v is not None and v.strip()}
    target = yt.Target(root, "sources", root.start_mark.column, "sources")
    new = yt.append_items(text, filename, target, yt.items([item]), before_key="events")
    _verify(root, new, ["sources"], [item], filename)
    return new


def add_revision(text: str, event_id: str, field: str, *, to: str | None = None, cancelled: bool = False, source: str,
                 quote: str, note: str | None = None, previous: str | None = None, filename: str = "events.yaml") -> str:
    """`text` with a revision appended to the event's `revisions:` (created if missing).

    `previous` is written as `from`: the value before, as the caller resolved it.
    Whether `quote` is in the source's text is checked by `check_quote` and by
    the caller's validation, not here (this function reads no files).
    """
    root = yt.compose(text, filename)
    errors: list[Error] = []
    if field not in FIELDS:
        errors.append(Error(f"field: '{field}' is not one of {', '.join(FIELDS)}", stage="argument"))
    if cancelled and to is not None:
        errors.append(Error("give a new value or --cancelled, not both", stage="argument"))
    elif not cancelled and to is None:
        errors.append(Error("give the new value (--date, --since or --until) or --cancelled", stage="argument"))
    elif to is not None:
        errors += _check_date(to, "new value")
    if not quote.strip():
        errors.append(Error("quote: is empty: give the sentence of the source that reports the change", stage="argument"))
    sources = _ids(root, "sources")
    if source not in sources:
        errors.append(Error(f"no source '{source}' in {filename}{_suggest(source, sources)}", stage="argument"))
    events = yt.get(root, "events")
    index, event = _find_event(events[1] if events else None, event_id)
    if event is None:
        errors.append(Error(f"no event '{event_id}' in {filename}{_suggest(event_id, _ids(root, 'events'))}", stage="argument"))
    elif field in FIELDS:
        has_window = yt.get(event, "window") is not None
        where = yt.loc(event, filename)
        if field == "date" and has_window:
            errors.append(Error(f"event '{event_id}' is a window: revise its start (--since) or end (--until)", where, event=event_id, stage="argument"))
        elif field != "date" and not has_window:
            errors.append(Error(f"event '{event_id}' has no window: revise its date (--date)", where, event=event_id, stage="argument"))
    _refuse(errors)
    assert event is not None and index is not None  # else refused above
    item = {"field": field}
    if previous is not None and previous.strip():
        item["from"] = previous.strip()
    if cancelled:
        item["cancelled"] = "true"
    else:
        item["to"] = str(parse_date(to or ""))  # as EDTF writes it: 2026-Q1 becomes 2026-33
    item.update(source=source, quote=" ".join(quote.split()))
    if note and note.strip():
        item["note"] = note.strip()
    target = yt.Target(event, "revisions", event.start_mark.column, f"event '{event_id}': revisions")
    new = yt.append_items(text, filename, target, yt.items([item]))
    _verify(root, new, ["events", index, "revisions"], [item], filename)
    return new


def append_events(text: str, events_yaml: str, *, filename: str = "events.yaml", fragment_name: str = "<new events>") -> str:
    """`text` with the event items of `events_yaml` (a YAML list, comments kept)
    appended to `events:`.  Refuses an id already in the file or repeated."""
    root = yt.compose(text, filename)
    body = "\n".join(line for line in events_yaml.lstrip("\ufeff").replace("\r\n", "\n").split("\n") if line.rstrip() not in ("---", "..."))
    try:
        node = yaml.compose(body, Loader=_Reader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(fragment_name, mark.line + 1, mark.column + 1) if mark else Location(fragment_name)
        raise TimelineError([Error(f"YAML syntax error: {getattr(exc, 'problem', None) or exc}", where, stage="parse")]) from None
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        where = yt.loc(node, fragment_name) if node is not None else Location(fragment_name)
        raise TimelineError([Error("expected a list of events ('- id: …' items)", where, stage="parse")])
    seen: dict[str, str] = {}  # id -> where it is already
    events = yt.get(root, "events")
    if events and isinstance(events[1], yaml.SequenceNode):
        for item in events[1].value:
            ident = _field(item, "id")
            if ident is not None and yt.scalar(ident):
                seen.setdefault(yt.scalar(ident) or "", f"line {ident.start_mark.line + 1} of {filename}")
    errors = []
    for item in node.value:
        ident = _field(item, "id")
        if ident is None or not yt.scalar(ident):
            errors.append(Error("an event without an id", yt.loc(item, fragment_name), stage="schema"))
            continue
        name = yt.scalar(ident) or ""
        if name in seen:
            errors.append(Error(f"event '{name}' already exists ({seen[name]})", yt.loc(ident, fragment_name), stage="schema"))
        else:
            seen[name] = f"line {ident.start_mark.line + 1}"
    _refuse(errors)
    target = yt.Target(root, "events", root.start_mark.column, "events")
    new = yt.append_items(text, filename, target, yt.fragment(body))
    _verify(root, new, ["events"], [_plain(n) for n in node.value], filename)
    return new


# --- helpers ------------------------------------------------------------------


def _refuse(errors: list[Error]) -> None:
    if errors:
        raise TimelineError(errors)


def _check_id(value: str, what: str) -> list[Error]:
    if not ID.fullmatch(value or ""):
        return [Error(f"{what}: '{value}' is not a valid id (lower-case letters, digits and '-')", stage="argument")]
    return []


def _check_date(value: str, what: str) -> list[Error]:
    try:
        parse_date((value or "").strip())
    except ValueError as exc:
        return [Error(f"{what}: {exc}", stage="argument")]
    return []


def _field(node: yaml.Node | None, name: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        found = yt.get(node, name)
        return found[1] if found else None
    return None


def _ids(root: yaml.MappingNode, key: str) -> list[str]:
    found = yt.get(root, key)
    if not found or not isinstance(found[1], yaml.SequenceNode):
        return []
    return [yt.scalar(n) or "" for n in (_field(item, "id") for item in found[1].value) if n is not None]


def _find_event(events: yaml.Node | None, event_id: str) -> tuple[int, yaml.MappingNode] | tuple[None, None]:
    if not isinstance(events, yaml.SequenceNode):
        return None, None
    for index, item in enumerate(events.value):
        ident = _field(item, "id")
        if isinstance(item, yaml.MappingNode) and ident is not None and yt.scalar(ident) == event_id:
            return index, item
    return None, None


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _verify(old_root: yaml.MappingNode, new: str, path: list[str | int], added: list[object], filename: str) -> None:
    """The new text must hold exactly `added` more at the end of the list at `path`.

    Checked on the node graphs, along the path only: the lines before and after
    the insertion are the old ones by construction.  A failure here is a bug (or
    a file shape this module does not handle): refuse rather than write it.
    """
    try:
        new_root = yt.compose(new, filename)
    except TimelineError:
        new_root = None
    if new_root is None or not _grown(old_root, new_root, path, added):
        raise TimelineError([Error("cannot add here without changing other data; nothing written "
                                   "(please report this file's shape as a bug)", Location(filename), stage="edit")])


def _grown(old: yaml.Node | None, new: yaml.Node | None, path: list[str | int], added: list[object]) -> bool:
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if old is None:  # the old file had no node on this path: not a growth of it
            return False
        if isinstance(step, int):
            if not (isinstance(new, yaml.SequenceNode) and len(old.value) == len(new.value)):
                return False
            old, new = old.value[step], new.value[step]
            continue
        if not (isinstance(new, yaml.MappingNode) and isinstance(old, yaml.MappingNode)):
            return False
        old_keys = [k.value for k, _ in old.value if k.value != step]
        new_keys = [k.value for k, _ in new.value if k.value != step]
        if old_keys != new_keys:
            return False
        if last and not all(_plain(v) == _plain(w) for (_, v), (_, w) in zip(
                (p for p in old.value if p[0].value != step), (p for p in new.value if p[0].value != step), strict=True)):
            return False  # the other fields of the mapping that holds the list
        found_old, found_new = yt.get(old, step), yt.get(new, step)
        if found_new is None:
            return False
        old, new = (found_old[1] if found_old else None), found_new[1]
    before = old.value if isinstance(old, yaml.SequenceNode) else []
    if not isinstance(new, yaml.SequenceNode) or len(new.value) != len(before) + len(added):
        return False
    kept = new.value[: len(before)]
    return [_plain(n) for n in new.value[len(before) :]] == added and all(
        _plain(a) == _plain(b) for a, b in zip(before[-1:], kept[-1:], strict=True))


def _plain(node: yaml.Node) -> object:
    """A node as plain data (text, lists, dicts), as the loader reads it."""
    if isinstance(node, yaml.MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return node.value
