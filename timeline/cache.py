"""The on-disk cache of a resolved data file: one file per data file under
$XDG_CACHE_HOME/timeline/, trusted only while its key still holds.

Standard library only, and nothing from the rest of `timeline`, so that the
fast path can open it before anything heavy is imported.  What goes in is
the caller's business: plain builtins (tuples, lists, dicts, str, int,
float, bool, None, bytes) in named sections, read back lazily.

Key: the data file's and every seed's (path, size, mtime_ns, inode,
ctime_ns), grouped by folder (one `Group` a folder: the names, then the
numbers, compared whole), the code version (the package's source files' names, sizes and
mtimes) and the Python and marshal versions.  An input modified less than
`RACY_NS` before the cache was built is not trusted (its mtime may not
change on the next edit within the same clock tick): the next run rebuilds.

File layout (all integers little-endian):

    MAGIC (8 bytes) | header length (u32) | header CRC-32 (u32) | header | sections

The header is a marshalled dict: format version, Python, code version, the
key, and the table of contents {name: (kind, offset, length, crc)}.  Kinds:

- "value": one marshalled object, CRC-checked when read;
- "array": an `array.array` written as its typecode and raw machine values,
  read back as a `memoryview` cast to that type, for columns read with
  bisect: loading 100,000 ints is a copy, not 100,000 objects (and reading
  needs no `array` module, whose import pulls in `collections`);
- "table": a sequence of marshalled records, each with its own offset and
  CRC, so that `record(name, i)` unmarshals one record, not all of them.

Anything unexpected (another magic, another version, a bad CRC, a short
file, a key that no longer holds) means "no cache": never trusted, never an
error.  Writing is atomic (a temporary file in the same folder, then
`os.replace`), and a failure to write is silent: the cache is an
optimisation.  `TIMELINE_NO_CACHE` (any non-empty value) turns it off.
"""

from __future__ import annotations

import marshal
import mmap
import os
import struct
import sys
import time
import zlib

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import array
    from collections.abc import Iterable, Mapping
    from pathlib import Path  # imported where used: reading a cache needs no `pathlib` (5 ms)
    from typing import Any

StrPath = str | os.PathLike[str]
Fingerprint = tuple[str, int, int, int, int]

MAGIC = b"TLCACHE\x01"
FORMAT = 5  # 2: the timeline in parts (head, entries table) and the columns of timeline.index; 3: columns for suspended and remind; 4: marshal (codec.py), not pickle; 5: the facet columns (e_*, facets) of the filters
RACY_NS = 2_000_000_000  # inputs modified this close to the build are not trusted
ENV_OFF = "TIMELINE_NO_CACHE"
_PREFIX = struct.Struct("<8sII")
_RUNTIME = f"{sys.implementation.cache_tag}/marshal{marshal.version}/{sys.byteorder}"


class CacheCorrupt(Exception):
    """A section failed its check after the header was accepted: discard the cache."""


def disabled(environ: Mapping[str, str] = os.environ) -> bool:
    return bool(environ.get(ENV_OFF))


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    from pathlib import Path

    return Path(_cache_dir(environ))


def _cache_dir(environ: Mapping[str, str]) -> str:
    base = environ.get("XDG_CACHE_HOME")
    root = base if base and os.path.isabs(base) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "timeline")


def cache_path(data_file: StrPath, environ: Mapping[str, str] = os.environ, variant: str = "") -> Path:
    """One cache file per data file and `variant`, named by a hash of the file's absolute
    path and the variant (timeline/snapshot.py: the file's label, so that a cache built in
    one folder and one built in another, as by cron, live side by side)."""
    from pathlib import Path

    return Path(_cache_file(data_file, environ, variant))


def _cache_file(data_file: StrPath, environ: Mapping[str, str], variant: str = "") -> str:
    raw = os.fsencode(os.path.abspath(data_file))  # a collision is caught as "foreign" (the key names the file)
    if variant:
        raw += b"\0" + variant.encode("utf-8", "surrogatepass")
    name = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"  # not hashlib: OpenSSL costs 2 ms to load
    return os.path.join(_cache_dir(environ), f"{name}.tlc")


def fingerprint(path: StrPath) -> Fingerprint:
    """What the key holds of one input file; raises OSError when it cannot be read."""
    st = os.stat(path)
    return (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


_code: str | None = None


def code_version() -> str:
    """The package's version and its source files' names, sizes and mtimes (compared whole):
    any edit or reinstall of the code invalidates every cache."""
    global _code
    if _code is None:
        from timeline import __version__  # the package's __init__, read only when a key is made or checked

        package = os.path.dirname(os.path.abspath(__file__))
        parts = [__version__, str(FORMAT)]
        for folder in (package, os.path.join(package, "render")):
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{folder[len(package):]}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        _code = "\n".join(parts)  # compared whole: no hash to collide
    return _code


# --- writing ----------------------------------------------------------------------


def write(data_file: StrPath, seeds: Iterable[StrPath], *, values: dict[str, Any] | None = None,
          arrays: dict[str, array.array[Any]] | None = None,
          tables: dict[str, Iterable[Any]] | None = None, built_ns: int | None = None, racy_ns: int = RACY_NS,
          environ: Mapping[str, str] = os.environ, variant: str = "") -> Path | None:
    """Write the cache for `data_file`, keyed by it and by the `seeds` paths read
    to build it.  `built_ns` is `time.time_ns()` taken before the inputs were
    read (default: now).  Returns the cache's path, or None when caching is
    off or the cache could not be written."""
    if disabled(environ):
        return None
    import array  # only when writing (its import pulls in `collections`: 1.5 ms)

    built_ns = time.time_ns() if built_ns is None else built_ns
    try:
        prints = [fingerprint(data_file)] + [fingerprint(s) for s in seeds]
    except OSError:
        return None
    if any(fp[2] > built_ns - racy_ns for fp in prints):
        return None  # an input changed moments ago: it may change again unseen
    key = _grouped(prints[:1]) + _grouped(prints[1:])  # the data file's group first: `_key_holds` reads its name
    chunks: list[bytes] = []
    toc: dict[str, tuple[str, int, int, int]] = {}
    offset = 0

    def add(name: str, kind: str, data: bytes, check: int) -> None:
        nonlocal offset
        toc[name] = (kind, offset, len(data), check)
        chunks.append(data)
        offset += len(data)

    for name, value in (values or {}).items():
        data = marshal.dumps(value)
        add(name, "value", data, zlib.crc32(data))
    for name, column in (arrays or {}).items():
        data = column.typecode.encode() + column.tobytes()
        add(name, "array", data, zlib.crc32(data))
    for name, records in (tables or {}).items():
        blobs = [marshal.dumps(r) for r in records]  # records may be a generator: only the bytes are kept
        offsets = array.array("Q", [0])
        crcs = array.array("I")
        for blob in blobs:
            offsets.append(offsets[-1] + len(blob))
            crcs.append(zlib.crc32(blob))
        index = offsets.tobytes() + crcs.tobytes()
        head = struct.pack("<Q", len(blobs)) + index
        toc[name] = ("table", offset, len(head) + offsets[-1], zlib.crc32(index))
        chunks.append(head)
        chunks.extend(blobs)  # not joined: at 100,000 entries each copy is 80 MB
        offset += len(head) + offsets[-1]
    header = marshal.dumps({
        "format": FORMAT, "runtime": _RUNTIME, "code": code_version(), "key": key,
        "built_ns": built_ns, "toc": toc,
    })
    chunks[:0] = [_PREFIX.pack(MAGIC, len(header), zlib.crc32(header)), header]
    target = cache_path(data_file, environ, variant)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # 3 ms (random, shutil): only when writing

        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".tlc")
        try:
            with os.fdopen(fd, "wb") as out:
                out.writelines(chunks)
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        return None
    return target


# --- reading ----------------------------------------------------------------------


class Cache:
    """An open cache whose key held when it was opened; sections are read on demand."""

    def __init__(self, path: str, buffer: mmap.mmap, header: dict[str, Any], body: int):
        self.path = path
        self._buffer = buffer
        self._toc = header["toc"]
        self._body = body
        self.key = header["key"]

    @classmethod
    def open(cls, data_file: StrPath, *, racy_ns: int = RACY_NS,
             environ: Mapping[str, str] = os.environ, variant: str = "") -> Cache | None:
        """The cache of `data_file` (and `variant`, see `cache_path`) if there is one and its
        key still holds, else None."""
        if disabled(environ):
            return None
        path = _cache_file(data_file, environ, variant)
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size < _PREFIX.size:
                    return None
                buffer = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        try:
            header = _header(buffer)
            if header is None or not _key_holds(header, data_file, racy_ns):
                buffer.close()
                return None
            body = _PREFIX.size + _PREFIX.unpack_from(buffer, 0)[1]
            if any(body + offset + length > size for _, offset, length, _ in header["toc"].values()):
                buffer.close()
                return None
        except (TypeError, ValueError, IndexError):  # a header of the wrong shape: not ours
            buffer.close()
            return None
        return cls(path, buffer, header, body)

    def close(self) -> None:
        self._buffer.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __contains__(self, name: str) -> bool:
        return name in self._toc

    def _section(self, name: str, kind: str) -> tuple[int, int, int]:
        entry = self._toc.get(name)
        if entry is None or entry[0] != kind:
            raise KeyError(name)
        _, offset, length, check = entry
        return self._body + offset, length, check

    def value(self, name: str) -> Any:
        start, length, check = self._section(name, "value")
        data = self._buffer[start:start + length]
        if zlib.crc32(data) != check:
            raise CacheCorrupt(name)
        return _loads(data, name)

    def array(self, name: str) -> memoryview:
        """A column of integers (indexing, len and bisect work on it as on the array written)."""
        start, length, check = self._section(name, "array")
        data = self._buffer[start:start + length]
        if zlib.crc32(data) != check or not data:
            raise CacheCorrupt(name)
        return _column(data[1:], chr(data[0]), name)

    def table(self, name: str) -> Table:
        start, length, check = self._section(name, "table")
        (count,) = struct.unpack_from("<Q", self._buffer, start)
        index_end = start + 8 + 8 * (count + 1) + 4 * count
        if index_end > start + length:
            raise CacheCorrupt(name)
        index = self._buffer[start + 8:index_end]
        if zlib.crc32(index) != check:
            raise CacheCorrupt(name)
        offsets = _column(index[:8 * (count + 1)], "Q", name)
        crcs = _column(index[8 * (count + 1):], "I", name)
        if offsets[-1] > start + length - index_end:
            raise CacheCorrupt(name)
        return Table(name, self._buffer, index_end, offsets, crcs)


class Table:
    """The records of a "table" section, each unmarshalled (and checked) on access."""

    def __init__(self, name: str, buffer: mmap.mmap, base: int, offsets: memoryview, crcs: memoryview):
        self.name = name
        self._buffer = buffer
        self._base = base
        self._offsets = offsets
        self._crcs = crcs

    def __len__(self) -> int:
        return len(self._crcs)

    def __getitem__(self, i: int) -> Any:
        if not 0 <= i < len(self._crcs):
            raise IndexError(i)
        data = self._buffer[self._base + self._offsets[i]:self._base + self._offsets[i + 1]]
        if zlib.crc32(data) != self._crcs[i]:
            raise CacheCorrupt(f"{self.name}[{i}]")
        return _loads(data, self.name)


_INTEGERS = frozenset("bBhHiIlLqQ")


def _column(data: bytes, typecode: str, name: str) -> memoryview:
    if typecode not in _INTEGERS:
        raise CacheCorrupt(name)
    try:
        column: memoryview = memoryview(data).cast(typecode)  # type: ignore[call-overload]  # checked above
        return column
    except (TypeError, ValueError):  # a length that is not a whole number of items
        raise CacheCorrupt(name) from None


def _loads(data: bytes, name: str) -> Any:
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        raise CacheCorrupt(name) from None


def _header(buffer: mmap.mmap) -> dict[str, Any] | None:
    try:
        magic, length, check = _PREFIX.unpack_from(buffer, 0)
        if magic != MAGIC:
            return None
        data = buffer[_PREFIX.size:_PREFIX.size + length]
        if len(data) != length or zlib.crc32(data) != check:
            return None
        header = marshal.loads(data)
    except (struct.error, EOFError, ValueError, TypeError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("runtime") != _RUNTIME:
        return None
    if not isinstance(header.get("toc"), dict) or not isinstance(header.get("key"), list):
        return None
    return header


Group = tuple[str, tuple[str, ...], list[tuple[int, int, int, int]]]
"""Input files in one folder: (folder, names, (size, mtime_ns, inode, ctime_ns) of each)."""


def _grouped(prints: list[Fingerprint]) -> list[Group]:
    """Fingerprints grouped by folder, in first-seen order of the folders."""
    groups: dict[str, tuple[list[str], list[tuple[int, int, int, int]]]] = {}
    for path, size, mtime_ns, ino, ctime_ns in prints:
        folder, name = os.path.split(path)
        names, stamps = groups.setdefault(folder, ([], []))
        names.append(name)
        stamps.append((size, mtime_ns, ino, ctime_ns))
    return [(folder, tuple(names), stamps) for folder, (names, stamps) in groups.items()]


def _key_holds(header: dict[str, Any], data_file: StrPath, racy_ns: int) -> bool:
    if header.get("code") != code_version():
        return False
    key = header["key"]
    built_ns = header.get("built_ns")
    if not key or not isinstance(built_ns, int):
        return False
    try:
        folder, names, _ = key[0]
        if len(names) != 1 or os.path.join(folder, names[0]) != os.path.abspath(data_file):
            return False  # another file's cache under a colliding name: foreign
        limit = built_ns - racy_ns
        for folder, names, stamps in key:  # a list comprehension a folder: 2.6 us a seed, nearly all of it the stat call
            if max([stamp[1] for stamp in stamps]) > limit:
                return False
            if _stamps(folder, names) != stamps:
                return False
    except (OSError, TypeError, ValueError, AttributeError, IndexError):
        return False
    return True


def _stamps(folder: str, names: tuple[str, ...]) -> list[tuple[int, int, int, int]]:
    """(size, mtime_ns, inode, ctime_ns) of each file; each name looked up in its
    folder, not every folder from the root, where the system can (10% at 6,668 seeds)."""
    stat = os.stat
    fd = None
    if _RELATIVE_STAT:
        try:
            fd = os.open(folder, _FOLDER_FLAGS)
        except OSError:
            pass  # not openable (no permission, gone): stat by the whole path below
    try:
        found = [stat(name, dir_fd=fd) for name in names] if fd is not None \
            else [stat(os.path.join(folder, name)) for name in names]
    finally:
        if fd is not None:
            os.close(fd)
    return [(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns) for st in found]


_RELATIVE_STAT = os.sep == "/" and os.stat in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
_FOLDER_FLAGS = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
