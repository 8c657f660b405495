"""Writing the data file: the only code that changes `events.yaml` or `seeds/`.

    >>> from timeline import edit
    >>> new = edit.add_source(text, "reuters-2026-02-21", "seeds/…", "2026-02-21", publisher="Reuters")
    >>> edit.replace_data_file(original, new, validate)

Edits are pure text -> text functions (`ops`) that change only the lines they
add; `files` checks the result, refuses a file changed meanwhile, and writes
it atomically; `project` makes a new tracker and copies seed documents.
"""

from timeline.edit.files import DataFile, read_data_file, replace_data_file, update
from timeline.edit.ops import add_revision, add_source, append_events
from timeline.edit.project import check_quote, copy_seed, init_project

__all__ = [
    "DataFile", "add_revision", "add_source", "append_events", "check_quote", "copy_seed", "init_project",
    "read_data_file", "replace_data_file", "update",
]
