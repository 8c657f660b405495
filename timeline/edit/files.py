"""Replacing the data file safely: validated first, never over a change made
meanwhile, atomically, with its mode, byte-order mark and line ends kept."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from timeline.model import Error, Location, TimelineError
from timeline.output import write_atomic
from timeline.safe_io import read_regular_stat

Validate = Callable[[str], list[Error]]  # new text -> every error in it (loader, resolver, quotes)


class DataFile(NamedTuple):
    """The data file as read: its text (no byte-order mark) and what to compare
    against before replacing it."""

    path: Path
    text: str
    data: bytes
    mtime_ns: int
    size: int


def read_data_file(path: str | os.PathLike[str]) -> DataFile:
    """Read a data file to edit it; TimelineError if it is missing, not a regular
    file or not UTF-8 text."""
    path = Path(path)
    data, info = read_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TimelineError([Error("not UTF-8 text: save the file as UTF-8", Location(str(path), line, column), stage="parse")]) from None
    return DataFile(path, text, data, info.st_mtime_ns, info.st_size)


def replace_data_file(original: DataFile, new_text: str, validate: Validate) -> None:
    """Write `new_text` over the file read as `original`.

    Refused (TimelineError, file untouched) if `validate(new_text)` finds any
    error, or if the file on disk is no longer what was read.  The write is
    atomic and keeps the file's mode, byte-order mark and line ends.
    """
    path = original.path
    errors = list(validate(new_text))
    if errors:
        if validate(original.text):
            errors.insert(0, Error("the data file has errors already; fix them first (see `timeline validate`); nothing written", Location(str(path)), stage="edit"))
        else:
            errors.append(Error("the change was refused; nothing written", Location(str(path)), stage="edit"))
        raise TimelineError(errors)
    bom = b"\xef\xbb\xbf" if original.data.startswith(b"\xef\xbb\xbf") else b""
    data = bom + new_text.encode("utf-8")
    current, _ = read_file(path)
    if current != original.data:  # bytes, not mtime: a `touch` loses nothing
        raise TimelineError([Error("changed on disk since it was read (by an editor or another timeline?); nothing written: run the command again", Location(str(path)), stage="edit")])
    target = path.resolve()  # through a symlink: replace the file, keep the link
    write_atomic(target, data, stat.S_IMODE(os.stat(target).st_mode))


def update(path: str | os.PathLike[str], change: Callable[[str], str], validate: Validate) -> str:
    """Read the data file, apply `change` (text -> text), validate and replace it;
    return the new text.  What `timeline source add` and `revise` do."""
    original = read_data_file(path)
    new_text = change(original.text)
    replace_data_file(original, new_text, validate)
    return new_text


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a file the edit commands read (the data file, an article, a
    seed) and its status, through `safe_io.read_regular` as every input is read:
    a regular file only (never a FIFO or a device), within $TIMELINE_MAX_BYTES.
    TimelineError with one line otherwise."""
    where = Location(str(path))
    try:
        return read_regular_stat(path)
    except FileNotFoundError:
        raise TimelineError([Error("no such file", where, stage="io")]) from None
    except OSError as exc:  # "is a FIFO, not a regular file", "is larger than … bytes (the limit; …)", …
        raise TimelineError([Error(f"cannot read: {exc.strerror}", where, stage="io")]) from None
