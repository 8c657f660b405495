"""Which data file a command reads, and the note that says it is the sample.

Standard library only (`os`, `pathlib`): the fast path (timeline/fast.py)
finds the file before anything heavy is imported, exactly as the CLI does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DEFAULT_NAME = "events.yaml"
ENV_VAR = "TIMELINE_FILE"


def shipped_file() -> Path:
    """The sample events that come with the package (a copy, not the user's file)."""
    return Path(__file__).resolve().parent / "data" / DEFAULT_NAME


def user_file(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's own data file: $XDG_DATA_HOME/timeline/events.yaml (~/.local/share by default)."""
    base = environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "timeline" / DEFAULT_NAME


def find_data_file(cwd: Path | None = None, environ: Mapping[str, str] = os.environ) -> tuple[Path, bool]:
    """The data file to read when none is given, and whether it is the shipped sample.

    $TIMELINE_FILE; else events.yaml in `cwd` or the nearest parent folder, up
    to the repository's root (the first folder holding .git, as git finds it);
    else the user's file (`user_file`); else the sample.
    """
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]), False
    folder = (cwd or Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / DEFAULT_NAME).is_file():
            return candidate / DEFAULT_NAME, False
        if (candidate / ".git").exists():
            break
    own = user_file(environ)
    if own.is_file():
        return own, False
    return shipped_file(), True


def default_file(cwd: Path | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """`find_data_file`'s path alone."""
    return find_data_file(cwd, environ)[0]


def sample_note(environ: Mapping[str, str] = os.environ) -> str:
    """The stderr note of a command that reads the shipped sample (both paths print it)."""
    return (f"timeline: using the sample events shipped with timeline (no $TIMELINE_FILE, no events.yaml "
            f"here or in a parent folder, no {user_file(environ)}); -q hides this note")


def label(path: Path) -> str:
    """Paths in messages as the user gave them, shortened when under the current folder."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
