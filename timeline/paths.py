"""Which data file a command reads, and the note that says it is the sample.

Standard library only: the fast path (timeline/fast.py) finds the file before
anything heavy is imported, exactly as the CLI does, with `os.path` strings
(`find_data_path`, `label`): `pathlib` costs it 5 ms of imports (`urllib.parse`,
`fnmatch`, `re`).  The `Path` functions are for the CLI.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

DEFAULT_NAME = "events.yaml"
ENV_VAR = "TIMELINE_FILE"


def shipped_file() -> Path:
    """The sample events that come with the package (a copy, not the user's file)."""
    from pathlib import Path

    return Path(_shipped())


def _shipped() -> str:
    return os.path.join(os.path.dirname(os.path.realpath(__file__)), "data", DEFAULT_NAME)


def user_file(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's own data file: $XDG_DATA_HOME/timeline/events.yaml (~/.local/share by default)."""
    from pathlib import Path

    return Path(_user(environ))


def _user(environ: Mapping[str, str]) -> str:
    base = environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "timeline", DEFAULT_NAME)


def find_data_file(cwd: Path | None = None, environ: Mapping[str, str] = os.environ) -> tuple[Path, bool]:
    """The data file to read when none is given, and whether it is the shipped sample.

    $TIMELINE_FILE; else events.yaml in `cwd` or the nearest parent folder, up
    to the repository's root (the first folder holding .git, as git finds it);
    else the user's file (`user_file`); else the sample.
    """
    from pathlib import Path

    found, sample = find_data_path(None if cwd is None else os.fspath(cwd), environ)
    return Path(found), sample


def find_data_path(cwd: str | None = None, environ: Mapping[str, str] = os.environ) -> tuple[str, bool]:
    """`find_data_file` as a string (the fast path's: no `pathlib`)."""
    if environ.get(ENV_VAR):
        return environ[ENV_VAR], False
    folder = os.path.abspath(cwd) if cwd is not None else os.getcwd()
    while True:
        candidate = os.path.join(folder, DEFAULT_NAME)
        if os.path.isfile(candidate):
            return candidate, False
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    own = _user(environ)
    if os.path.isfile(own):
        return own, False
    return _shipped(), True


def default_file(cwd: Path | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """`find_data_file`'s path alone."""
    return find_data_file(cwd, environ)[0]


def sample_note(environ: Mapping[str, str] = os.environ) -> str:
    """The stderr note of a command that reads the shipped sample (both paths print it)."""
    return (f"timeline: using the sample events shipped with timeline (no $TIMELINE_FILE, no events.yaml "
            f"here or in a parent folder, no {_posix_str(_user(environ)) if os.sep == '/' else user_file(environ)}); "
            "-q hides this note")


def label(path: str | os.PathLike[str]) -> str:
    """Paths in messages as the user gave them (as `str(Path(path))` writes them),
    shortened when under the current folder (as `Path.relative_to` would)."""
    if os.sep != "/":
        from pathlib import Path

        try:
            return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
        except ValueError:
            return str(Path(path))
    full = os.path.abspath(path)
    here = os.getcwd()
    if not full.startswith("//") and not here.startswith("//"):  # "//" is a root of its own (POSIX)
        if full == here:
            return "."
        prefix = here if here.endswith("/") else here + "/"
        if full.startswith(prefix):
            return full[len(prefix):]
    return _posix_str(os.fspath(path))


def _posix_str(path: str) -> str:
    """`str(PurePosixPath(path))`: no empty or "." parts, no trailing slash, "//" kept as a root."""
    stripped = path.lstrip("/")
    root = "//" if len(path) - len(stripped) == 2 else "/" if stripped != path else ""
    return root + "/".join(part for part in stripped.split("/") if part and part != ".") or "."
