"""Writing the data file: the only code that changes `events.yaml` or `seeds/`.

    >>> from timeline import edit
    >>> edit.source_add("events.yaml", "article.txt", id="reuters-2026-02-21", published="2026-02-21",
    ...                 publisher="Reuters", validate=validate)
    'seeds/reuters-2026-02-21-article.txt'
    >>> edit.revise("events.yaml", "trump-visit-china", "date", to="2026-03-31", source="reuters-2026-02-21",
    ...             quote="…", previous="2026-04", validate=validate)

Edits are pure text -> text functions (`ops`) that change only the lines they
add; `workflow` runs them as the commands do; `files` checks the result, refuses a file changed meanwhile, and writes
it atomically; `project` makes a new tracker and copies seed documents.
"""

from timeline.edit.files import DataFile, read_data_file, replace_data_file, update
from timeline.edit.ops import add_revision, add_source, append_events
from timeline.edit.project import check_quote, copy_seed, init_project
from timeline.edit.workflow import revise, source_add

__all__ = [
    "DataFile", "add_revision", "add_source", "append_events", "check_quote", "copy_seed", "init_project",
    "read_data_file", "replace_data_file", "revise", "source_add", "update",
]
