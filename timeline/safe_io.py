"""Reading input files without hanging, exhausting memory or leaving the data folder.

Every file timeline reads (the data file, its seeds, the `--once` state) is
read through `read_regular`: only a regular file is read, never a FIFO (which
would block until a writer comes), a device (`/dev/zero` never ends), a
socket or a directory, and never more than a size limit.

The limit is `DEFAULT_MAX_BYTES` (64 MiB: the largest data files in use are a
few megabytes) unless `$TIMELINE_MAX_BYTES` gives another number of bytes.

Refusals are raised as `OSError` subclasses whose `strerror` is a short
phrase ("is a FIFO, not a regular file"), so callers that already turn
`OSError` into "cannot read: {strerror}" need no new branch.

`inside(base, name)` resolves a file named relative to a folder and refuses
absolute names, `..` and symlinks that lead outside it.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import re
    from collections.abc import Mapping
    from pathlib import Path

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
ENV_MAX_BYTES = "TIMELINE_MAX_BYTES"

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path names something other than a regular file."""


class TooLarge(OSError):
    """The file is larger than the limit."""


class OutsideFolder(OSError):
    """A relative name leads outside the folder it must stay in."""


def max_bytes(environ: Mapping[str, str] = os.environ) -> int:
    """The size limit: $TIMELINE_MAX_BYTES if it is a positive whole number, else the default."""
    value = environ.get(ENV_MAX_BYTES, "").strip()
    if value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    return DEFAULT_MAX_BYTES


def kind(mode: int) -> str | None:
    """'a FIFO', 'a directory', …, or None for a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _refuse(mode: int, path: str | os.PathLike[str]) -> None:
    what = kind(mode)
    if what is None:
        return
    code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
    cls = IsADirectoryError if code == errno.EISDIR else NotRegularFile
    raise cls(code, f"is {what}, not a regular file", str(path))


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, of at most `limit` bytes (default `max_bytes()`).

    Raises FileNotFoundError, IsADirectoryError, NotRegularFile, TooLarge or
    another OSError; never blocks on a FIFO and never reads past the limit.
    The type is checked before opening (opening some devices has effects)
    and again on the open descriptor (the path may have changed between).
    """
    return read_regular_stat(path, limit)[0]


def read_regular_stat(path: str | os.PathLike[str], limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """`read_regular`, and the status of the file it read (`fstat` of the open
    descriptor: size, modification time and mode of that very file)."""
    limit = max_bytes() if limit is None else limit
    _refuse(os.stat(path).st_mode, path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        _refuse(info.st_mode, path)
        if info.st_size > limit:
            raise _too_large(path, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while being read
                raise _too_large(path, limit)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def _too_large(path: str | os.PathLike[str], limit: int) -> TooLarge:
    return TooLarge(errno.EFBIG, f"is larger than {limit} bytes (the limit; set ${ENV_MAX_BYTES} to change it)", str(path))


def inside(base: str | os.PathLike[str], name: str) -> Path:
    """`base / name`, resolved, provided it stays inside `base`: no absolute
    name, no `..` and no symlink (anywhere on the way) that leads out."""
    if not name or "\0" in name:
        raise OutsideFolder(errno.EINVAL, "is not a file name", name)
    from pathlib import Path  # not at the top: the fast path prints through `printable` without it (5 ms)

    relative = Path(name)
    if relative.is_absolute() or relative.drive or relative.anchor:
        raise OutsideFolder(errno.EACCES, "is an absolute path: name a file in the data file's folder", name)
    if ".." in relative.parts:
        raise OutsideFolder(errno.EACCES, "leads outside the data file's folder ('..')", name)
    root = Path(base).resolve()
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise OutsideFolder(errno.EACCES, "leads outside the data file's folder (through a symbolic link)", name)
    return target


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (after symlinks); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# C0 and C1 controls and DEL, but tab and line feed: what must never reach a terminal raw; and the
# bidirectional embeddings, overrides and isolates and U+2028/2029, which reorder or break what it shows.
_UNPRINTABLE_CLASS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_CONTROLS = frozenset(chr(code) for first, last in ((0x00, 0x08), (0x0b, 0x1f), (0x7f, 0x9f), (0x202a, 0x202e),
                                                    (0x2066, 0x2069), (0x2028, 0x2029))
                      for code in range(first, last + 1))
"""The characters of `_UNPRINTABLE_CLASS` (ESC among them): text without any is printed as it is,
and the patterns are compiled only for text with some (0.5 ms of start-up)."""


_compiled: list[tuple[re.Pattern[str], re.Pattern[str]]] = []  # not functools.cache: no functools on the fast path


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The unprintable characters, and an SGR colour sequence (what render.style writes)."""
    if not _compiled:
        import re  # only for text with a control character: printing needs no `re` otherwise

        _compiled.append((re.compile(_UNPRINTABLE_CLASS), re.compile(r"\x1b\[[0-9;]*m")))
    return _compiled[0]


def one_line(message: str) -> str:
    """A message as one line with no control character (it may echo what a user or a file gave)."""
    return printable(message).replace("\n", "\\n")


def printable(text: str, keep_colour: bool = False) -> str:
    """`text` with control characters (ESC, BEL, NUL, CR, ...) shown as \\xNN escapes
    and bidirectional overrides (U+202E, ...) as \\uNNNN:
    for messages that echo what a user or a file gave, and for terminal text (defence
    in depth: the loader already refuses them in the data).  `keep_colour` keeps
    SGR colour sequences (ESC [ ... m) and escapes every other control."""
    if _CONTROLS.isdisjoint(text):
        return text  # nothing to escape, and no ESC: no colour sequence either
    unprintable, sgr = _patterns()
    if not keep_colour:
        return unprintable.sub(_escape, text)
    out: list[str] = []
    last = 0
    for found in sgr.finditer(text):
        out += [unprintable.sub(_escape, text[last:found.start()]), found.group()]
        last = found.end()
    return "".join([*out, unprintable.sub(_escape, text[last:])])


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
