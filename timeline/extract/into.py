"""`--into FILE`: append proposals to a data file's `events:`, through the editing
library (`timeline.edit`): the file's own text is kept byte for byte (comments,
layout, order), the result is checked with the project's loader (YAML, schema,
references and every quote against its seed) before it replaces the file,
atomically; a file with errors of its own, or without the cited source, is
refused and left as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.extract.model import Proposal
from timeline.extract.output import proposals_yaml
from timeline.model import Error, Location, TimelineError


def write_into(path: str | os.PathLike[str], proposals: list[Proposal], source_id: str) -> list[Proposal]:
    """Append `proposals` (citing `source_id`) to the data file at `path`; return
    them as written (ids made unique against the file's).  TimelineError, with
    the file untouched, when the file or the result does not check."""
    import timeline.api as tl  # the loader and resolver: only when writing
    from timeline import edit  # 57 ms (python -X importtime), only when writing

    path = Path(path)
    timeline, errors = tl.check(path)
    if errors or timeline is None:
        raise TimelineError(errors or [Error("cannot read the data file", Location(str(path)), stage="io")])
    if source_id not in timeline.sources:
        raise TimelineError([Error(f"source '{source_id}' is not in the data file: add it under 'sources:' first "
                                   "(its file must be the article's text, so that the quotes check)", Location(str(path)), stage="argument")])
    taken = {e.id for e in timeline.entries} | set(timeline.sources)
    written = []
    for p in proposals:
        new_id, n = p.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{p.id}-{n}"
        taken.add(new_id)
        written.append(p._replace(id=new_id))
    if not written:
        return written
    items = proposals_yaml(written, source_id)
    edit.update(path, lambda text: edit.append_events(text, items, filename=path.name, fragment_name="extract"),
                lambda text: tl.check_text(text, path))
    return written
