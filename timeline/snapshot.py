"""A resolved Timeline in the on-disk cache (timeline/cache.py), and back.

The timeline is stored in parts: `head` (the timeline without its entries)
and one record per entry in the `entries` table, so that a query can read one
entry; `timeline.index` adds the columns that find which.  The records are
NamedTuples of `timeline.model` and `timeline.dates` and `datetime` values,
stored as marshal values by timeline/codec.py, so reading them back imports
nothing but the query path (no pendulum, yaml, typer or pickle), and every
view and renderer then runs on them unchanged: output is the slow path's by
construction.  Reading makes only those classes (anything else means "not
ours": no cache), inside the cache's CRC.

Kept with it: the label of the data file (paths in messages depend on the
current folder), so a cache built from another folder is not used; and the
cache file is named by the label too (`cache.cache_path`'s variant), so that
a cron job run from `$HOME` with an absolute `--file` and a shell in the
project's folder each keep theirs instead of rebuilding the other's.
"""

from __future__ import annotations

import gc
import os
import time

from timeline import cache, codec
from timeline.index import Index, columns
from timeline.model import Entry, Timeline
from timeline.paths import label

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path
    from typing import Any, TypeVar

    _T = TypeVar("_T")

_BROKEN = (cache.CacheCorrupt, KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)
"""What reading a section that is not ours (or not whole) raises."""


def _load(packed: object, kind: type[Any]) -> Any:
    found = codec.unpack(packed)
    if type(found) is not kind:
        raise ValueError(f"a {type(found).__name__}, not a {kind.__name__}")
    return found


class Snapshot:
    """An open cache of a data file: the whole timeline, one entry, or the columns."""

    def __init__(self, opened: cache.Cache):
        self._cache = opened
        self._entries = opened.table("entries")
        self.index = Index(opened, self.entry)

    def close(self) -> None:
        self._cache.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def head(self) -> Timeline:
        """The timeline without its entries (path, sources, warnings)."""
        found: Timeline = _load(self._cache.value("head"), Timeline)
        return found

    def entry(self, i: int) -> Entry:
        found: Entry = _load(self._entries[i], Entry)
        return found

    def timeline(self, entries: Iterable[int] | None = None) -> Timeline:
        """The timeline with every entry, or only with the entries at `entries`."""
        chosen = range(len(self._entries)) if entries is None else entries
        return _uncollected(lambda: self.head()._replace(entries=tuple(self.entry(i) for i in chosen)))

    def entries(self, indices: Iterable[int]) -> tuple[Entry, ...]:
        """The entries at `indices`, without the head."""
        return _uncollected(lambda: tuple(self.entry(i) for i in indices))


def _uncollected(read: Callable[[], _T]) -> _T:
    """`read()` with the collector paused, its result frozen out of later passes."""
    enabled = gc.isenabled()
    gc.disable()  # a million acyclic objects: the collector would walk them all, 10x slower
    try:
        return read()
    finally:
        if enabled:
            gc.freeze()  # they live as long as the process: keep them out of later passes
            gc.enable()


def open(path: str | os.PathLike[str], environ: Mapping[str, str] = os.environ) -> Snapshot | None:  # noqa: A001
    """The cache of `path` if it holds (same inputs, same code, same folder), else None."""
    name = label(path)
    opened = cache.Cache.open(path, environ=environ, variant=name)
    if opened is None:
        return None
    try:
        if opened.value("label") == name:
            return Snapshot(opened)
    except _BROKEN:
        pass
    opened.close()
    return None


def cache_path(path: str | os.PathLike[str], environ: Mapping[str, str] = os.environ) -> Path:
    """The cache file of the data file `path` named as here (from this folder)."""
    return cache.cache_path(path, environ, label(path))


def read(path: str | os.PathLike[str], environ: Mapping[str, str] = os.environ) -> Timeline | None:
    """The cached timeline of `path` if the cache holds, else None."""
    opened = open(path, environ)
    if opened is None:
        return None
    with opened:
        try:
            return opened.timeline()
        except _BROKEN:
            return None


def write(path: str | os.PathLike[str], seeds: Iterable[str | os.PathLike[str]], timeline: Timeline,
          built_ns: int, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Cache `timeline`, built from `path` and `seeds` by a check that started at
    `built_ns` (time.time_ns()).  None when caching is off or failed (silently)."""
    if cache.disabled(environ):
        return None
    return _uncollected(lambda: _write(path, list(seeds), timeline, built_ns, environ))  # a tuple per record packed


def _write(path: str | os.PathLike[str], seeds: list[str | os.PathLike[str]], timeline: Timeline, built_ns: int,
           environ: Mapping[str, str]) -> Path | None:
    values, arrays, tables = columns(timeline)
    entries = (codec.pack(entry) for entry in timeline.entries)  # packed and marshalled one at a time
    try:
        name = label(path)
        return cache.write(path, seeds, values={"label": name, "head": codec.pack(timeline._replace(entries=())),
                                                **values}, arrays=arrays,
                           tables={"entries": entries, **tables}, built_ns=built_ns, environ=environ, variant=name)
    except (TypeError, ValueError):  # a value the cache cannot hold (none the resolver makes): no cache, still correct
        return None
    except RecursionError:  # dates resting on a chain of references near its limit (resolve.MAX_CHAIN): no cache
        return None


now_ns = time.time_ns
