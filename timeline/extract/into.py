"""`--into FILE`: append proposals to a data file's `events:`, as text.

The file's own text is kept (comments, layout, order); the proposals go at the
end of the `events:` list with the list's indentation.  The new text is
checked with the project's loader (YAML, schema, references and every quote
against its seed) before it replaces the file, atomically; a file with errors
of its own, or without the cited source, is refused and left as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from timeline.extract.model import Proposal
from timeline.extract.output import proposals_yaml
from timeline.model import Error, Location, TimelineError

_EVENTS = re.compile(r"^events:[ \t]*(?:#.*)?$", re.M)
_EVENTS_EMPTY = re.compile(r"^events:[ \t]*\[\s*\][ \t]*(?:#.*)?$", re.M)
_TOP_KEY = re.compile(r"^[^\s#-][^:\n]*:", re.M)
_ITEM = re.compile(r"^([ \t]*)- ", re.M)


def write_into(path: str | os.PathLike[str], proposals: list[Proposal], source_id: str) -> list[Proposal]:
    """Append `proposals` (citing `source_id`) to the data file at `path`; return
    them as written (ids made unique against the file's).  TimelineError, with
    the file untouched, when the file or the result does not check."""
    import timeline.api as tl

    path = Path(path)
    timeline, errors = tl.check(path)
    if errors or timeline is None:
        raise TimelineError(errors or [Error("cannot read the data file", Location(str(path)))])
    if source_id not in timeline.sources:
        raise TimelineError([Error(f"source '{source_id}' is not in the data file: add it under 'sources:' first "
                                   "(its file must be the article's text, so that the quotes check)", Location(str(path)))])
    taken = {e.id for e in timeline.entries} | set(timeline.sources)
    written = []
    for p in proposals:
        new_id, n = p.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{p.id}-{n}"
        taken.add(new_id)
        written.append(p._replace(id=new_id))
    text = path.read_text(encoding="utf-8-sig")
    new_text = insert(text, proposals_yaml(written, source_id))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(new_text)
        _, errors = tl.check(tmp)
        if errors:
            raise TimelineError([e._replace(location=e.location._replace(file=str(path))) if e.location else e
                                 for e in errors])
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return written


def insert(text: str, items: str) -> str:
    """`text` with the YAML list `items` (indented by two spaces) appended to its `events:` list."""
    if not text.endswith("\n"):
        text += "\n"
    empty = _EVENTS_EMPTY.search(text)
    if empty:
        return text[:empty.start()] + "events:\n" + items + text[empty.end() + 1:]
    found = _EVENTS.search(text)
    if found is None:
        return text + "events:\n" + items
    following = _TOP_KEY.search(text, found.end() + 1)
    end = following.start() if following else len(text)
    body = text[found.end() + 1:end]
    item = _ITEM.search(body)
    indent = item.group(1) if item else "  "
    block = "".join(indent + line[2:] + "\n" if line else "\n" for line in items.rstrip("\n").split("\n"))
    head = text[:found.end() + 1] + body.rstrip("\n") + ("\n" if body.strip() else "")
    return head + ("\n" if body.strip() else "") + block + ("\n" + text[end:] if following else "")
