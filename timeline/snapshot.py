"""A resolved Timeline in the on-disk cache (timeline/cache.py), and back.

The timeline is pickled in parts: `head` (the timeline without its entries)
and one record per entry in the `entries` table, so that a query can read one
entry; `timeline.index` adds the columns that find which.  The records are NamedTuples of
`timeline.model` and `timeline.dates` and `datetime` values, so reading it
back imports nothing but the query path (no pendulum, yaml or typer), and
every view and renderer then runs on it unchanged: output is the slow
path's by construction.  Reading unpickles only those classes (anything
else in the stream means "not ours": no cache), inside the cache's CRC.

Kept with it: the label of the data file (paths in messages depend on the
current folder), so a cache built from another folder is not used.
"""

from __future__ import annotations

import datetime
import gc
import io
import os
import time
from _pickle import Unpickler, UnpicklingError  # what `pickle` re-exports: reading needs no pickle.py (1 ms)
from collections.abc import Callable, Iterable, Mapping

from timeline import cache, dates, model
from timeline.index import Index, columns
from timeline.model import Entry, Timeline
from timeline.paths import label

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, TypeVar

    _T = TypeVar("_T")

_ALLOWED = {
    "timeline.model": model,
    "timeline.dates": dates,
    "datetime": datetime,
}
_DATETIME = {"date", "datetime", "time", "timedelta", "timezone"}
_DATES = {"Day", "Month", "Season", "Quarter", "Half", "Year", "Duration"}  # the records of timeline.dates


class _Unpickler(Unpickler):
    """Only the record classes of the model, and datetime's values."""

    def find_class(self, module: str, name: str) -> object:
        found = _FOUND.get((module, name))  # each entry is its own pickle: the same ten classes every time
        if found is not None:
            return found
        owner = _ALLOWED.get(module)
        if owner is None or name.startswith("_") or (module == "datetime" and name not in _DATETIME) \
                or (module == "timeline.dates" and name not in _DATES):
            raise UnpicklingError(f"{module}.{name}")
        found = getattr(owner, name, None)
        if not isinstance(found, type):
            raise UnpicklingError(f"{module}.{name}")
        _FOUND[module, name] = found
        return found


_FOUND: dict[tuple[str, str], type] = {}
"""The classes `find_class` allowed (a fifth of the time of reading 8,000 entries was the checks)."""


_BROKEN = (cache.CacheCorrupt, KeyError, TypeError, ValueError, EOFError, AttributeError, UnpicklingError,
           IndexError)
"""What reading a section that is not ours (or not whole) raises."""


def _load(blob: bytes, kind: type[Any]) -> Any:
    found = _Unpickler(io.BytesIO(blob)).load()
    if not isinstance(found, kind):
        raise UnpicklingError(type(found).__name__)
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
    opened = cache.Cache.open(path, environ=environ)
    if opened is None:
        return None
    try:
        if opened.value("label") == label(path):
            return Snapshot(opened)
    except _BROKEN:
        pass
    opened.close()
    return None


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
    import pickle  # 2 ms (python -X importtime): only when writing; reading uses _pickle

    enabled = gc.isenabled()
    gc.disable()  # the pickler's memo adds an object per record: the collector would walk them all (2x slower)
    try:
        head = pickle.dumps(timeline._replace(entries=()), protocol=pickle.HIGHEST_PROTOCOL)
        entries = _pickles(timeline.entries)  # not after the head on the same pickler: 2.5x slower (measured)
        values, arrays, tables = columns(timeline)
        return cache.write(path, list(seeds), values={"label": label(path), "head": head, **values},
                           arrays=arrays, tables={"entries": entries, **tables}, built_ns=built_ns,
                           environ=environ)
    finally:
        if enabled:
            gc.freeze()  # the timeline lives as long as the process: the views after this need not walk it
            gc.enable()


def _record(cls: type[Any]) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    return lambda record: (cls, tuple(record))


_REDUCERS = {cls: _record(cls) for owner, names in ((model, None), (dates, _DATES)) for name, cls in vars(owner).items()
             if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields") and not name.startswith("_")
             and (names is None or name in names)}
"""A NamedTuple pickles as "the class, called with its fields": what the default
(`__reduce_ex__`, then the class's `__getnewargs__` in Python) does, at 60% of the cost."""


def _pickles(records: Iterable[Any]) -> list[bytes]:
    """Each record pickled on its own (one pickler, its memo cleared between records)."""
    import pickle  # only when writing, as above

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    found = []
    for record in records:
        pickler.dump(record)
        pickler.clear_memo()
        found.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return found


now_ns = time.time_ns
