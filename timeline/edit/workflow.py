"""`timeline source add` and `timeline revise` as library calls: check, edit,
validate, write; on refusal nothing on disk has changed."""

from __future__ import annotations

import os

from timeline.edit.files import Validate, read_data_file, replace_data_file
from timeline.edit.ops import add_revision, add_source
from timeline.edit.project import check_quote, plan_seed, write_seed
from timeline.model import TimelineError


def source_add(data_file: str | os.PathLike[str], article: str | os.PathLike[str], *, id: str, published: str, validate: Validate,
               publisher: str | None = None, url: str | None = None, language: str | None = None,
               title: str | None = None) -> str:
    """Copy `article` into seeds/, list it under `sources:`, validate, write.
    Returns the seed's path relative to the data file.  A refusal leaves the data
    file as it was and removes the seed file if this call created it."""
    original = read_data_file(data_file)
    relative, target, payload = plan_seed(original.path, article, id, published, language, publisher)
    new_text = add_source(original.text, id, relative, published, publisher=publisher, url=url, language=language,
                          title=title, filename=str(original.path))
    if payload is not None:
        write_seed(target, payload)
    try:
        replace_data_file(original, new_text, validate)
    except BaseException:
        if payload is not None:
            target.unlink(missing_ok=True)
        raise
    return relative


def revise(data_file: str | os.PathLike[str], event_id: str, field: str, *, source: str, quote: str, validate: Validate,
           to: str | None = None, cancelled: bool = False, note: str | None = None, previous: str | None = None) -> str:
    """Record that `source` moved (or cancelled) the event's date, start or end.
    The quote must be in the source's file (whitespace runs compare as one space).
    Returns the new text of the data file."""
    original = read_data_file(data_file)
    new_text = add_revision(original.text, event_id, field, to=to, cancelled=cancelled, source=source, quote=quote,
                            note=note, previous=previous, filename=str(original.path))
    errors = check_quote(original.path, original.text, source, quote)
    if errors:
        raise TimelineError(errors)
    replace_data_file(original, new_text, validate)
    return new_text
