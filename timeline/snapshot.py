"""A resolved Timeline in the on-disk cache (timeline/cache.py), and back.

The timeline is pickled whole: its records are NamedTuples of
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
import pickle
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from timeline import cache, dates, model
from timeline.model import Timeline
from timeline.paths import label

_ALLOWED = {
    "timeline.model": model,
    "timeline.dates": dates,
    "datetime": datetime,
}
_DATETIME = {"date", "datetime", "time", "timedelta", "timezone"}
_DATES = {"Day", "Month", "Season", "Quarter", "Half", "Year", "Duration"}  # the records of timeline.dates


class _Unpickler(pickle.Unpickler):
    """Only the record classes of the model, and datetime's values."""

    def find_class(self, module: str, name: str) -> object:
        owner = _ALLOWED.get(module)
        if owner is None or name.startswith("_") or (module == "datetime" and name not in _DATETIME) \
                or (module == "timeline.dates" and name not in _DATES):
            raise pickle.UnpicklingError(f"{module}.{name}")
        found = getattr(owner, name, None)
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name}")
        return found


def read(path: str | os.PathLike[str], environ: Mapping[str, str] = os.environ) -> Timeline | None:
    """The cached timeline of `path` if the cache holds (same inputs, same code,
    same folder), else None."""
    opened = cache.Cache.open(path, environ=environ)
    if opened is None:
        return None
    with opened:
        try:
            if opened.value("label") != label(Path(path)):
                return None
            blob = opened.value("timeline")
            enabled = gc.isenabled()
            gc.disable()  # a million acyclic objects: the collector would walk them all, 10x slower
            try:
                found = _Unpickler(io.BytesIO(blob)).load()
            finally:
                if enabled:
                    gc.freeze()  # they live as long as the process: keep them out of later passes
                    gc.enable()
        except (cache.CacheCorrupt, KeyError, TypeError, ValueError, EOFError, AttributeError,
                pickle.UnpicklingError, IndexError):
            return None
    return found if isinstance(found, Timeline) else None


def write(path: str | os.PathLike[str], seeds: Iterable[str | os.PathLike[str]], timeline: Timeline,
          built_ns: int, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Cache `timeline`, built from `path` and `seeds` by a check that started at
    `built_ns` (time.time_ns()).  None when caching is off or failed (silently)."""
    enabled = gc.isenabled()
    gc.disable()  # the pickler's memo adds an object per record: the collector would walk them all (2x slower)
    try:
        blob = pickle.dumps(timeline, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        if enabled:
            gc.enable()
    return cache.write(path, list(seeds), values={"label": label(Path(path)), "timeline": blob},
                       built_ns=built_ns, environ=environ)


now_ns = time.time_ns
