"""Which storage for the resolved-timeline cache: marshal, pickle or SQLite?

Loads a generated data file through today's library, flattens the resolved
timeline into plain builtins (NamedTuples become tuples headed by their
type's name, dates become ordinals, shared sub-records stay shared), and
times writing and reading it each way, with the sizes:

- marshal / pickle, whole: one blob, read back entirely;
- sqlite: one row per entry (the entry marshalled), read back entirely or
  one entry by id;
- sectioned (timeline/cache.py): a table of marshalled entries plus an
  array column, opened with its key checked (every seed stat'ed), then
  either every entry or only ten of them read.

    python bench/cache_storage.py --sizes 10000,100000 [--workdir DIR]
"""

from __future__ import annotations

import argparse
import array
import datetime
import gc
import marshal
import os
import pickle
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from timeline import api, cache  # noqa: E402


def flatten(obj, memo: dict):
    """Plain builtins that marshal accepts; shared records stay shared."""
    key = id(obj)
    if key in memo:
        return memo[key][1]
    if obj is None or isinstance(obj, (bool, int, float, str, bytes)):
        return obj
    if isinstance(obj, datetime.datetime):
        out = ("datetime", obj.isoformat())
    elif isinstance(obj, datetime.date):
        out = ("date", obj.toordinal())
    elif isinstance(obj, tuple) and hasattr(obj, "_fields"):
        out = (type(obj).__name__, *(flatten(v, memo) for v in obj))
    elif isinstance(obj, (tuple, list)):
        out = tuple(flatten(v, memo) for v in obj)
    elif isinstance(obj, dict):
        out = {flatten(k, memo): flatten(v, memo) for k, v in obj.items()}
    else:
        out = (type(obj).__name__, str(obj))
    memo[key] = (obj, out)  # keep obj alive so its id is not reused
    return out


def timed(fn, runs: int = 3):
    times = []
    result = None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(size: int, work: Path) -> list[tuple]:
    folder = work / f"n{size}"
    if not (folder / "events.yaml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, size)
    data = folder / "events.yaml"
    start = time.perf_counter()
    timeline = api.load(data)
    load_s = time.perf_counter() - start
    memo: dict = {}
    flat = flatten(timeline, memo)
    entries = flat[3]  # Timeline(path, sources, entries, warn, warn_mode)
    rest = (flat[1], flat[4], flat[5])
    seeds = sorted({str(data.parent / s.file) for s in timeline.sources.values()})
    rows = []
    env = {"XDG_CACHE_HOME": str(folder / "cache")}

    def report(name, write_s, read_s, nbytes, one_s=None):
        rows.append((size, name, write_s, read_s, one_s, nbytes))

    # marshal, whole
    path = folder / "whole.marshal"
    w, _ = timed(lambda: path.write_bytes(marshal.dumps(flat)))
    r, _ = timed(lambda: marshal.loads(path.read_bytes()))
    report("marshal, whole", w, r, path.stat().st_size)
    # pickle, whole (protocol 5)
    path = folder / "whole.pickle"
    w, _ = timed(lambda: path.write_bytes(pickle.dumps(flat, protocol=5)))
    r, _ = timed(lambda: pickle.loads(path.read_bytes()))
    report("pickle, whole", w, r, path.stat().st_size)
    # sqlite, a row per entry
    path = folder / "rows.sqlite"

    def sqlite_write():
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE entries (idx INTEGER PRIMARY KEY, id TEXT UNIQUE, data BLOB)")
        db.execute("CREATE TABLE meta (data BLOB)")
        db.executemany("INSERT INTO entries VALUES (?, ?, ?)",
                       ((i, e[1][1], marshal.dumps(e)) for i, e in enumerate(entries)))
        db.execute("INSERT INTO meta VALUES (?)", (marshal.dumps(rest),))
        db.commit()
        db.close()

    def sqlite_read():
        db = sqlite3.connect(path)
        out = [marshal.loads(b) for (b,) in db.execute("SELECT data FROM entries ORDER BY idx")]
        db.close()
        return out

    some_id = entries[len(entries) // 2][1][1]

    def sqlite_one():
        db = sqlite3.connect(path)
        (blob,) = db.execute("SELECT data FROM entries WHERE id = ?", (some_id,)).fetchone()
        db.close()
        return marshal.loads(blob)

    w, _ = timed(sqlite_write)
    r, _ = timed(sqlite_read)
    o, _ = timed(sqlite_one)
    report("sqlite, row per entry", w, r, path.stat().st_size, o)
    # sectioned cache file (timeline/cache.py)
    built = time.time_ns()
    days = array.array("l", range(len(entries)))

    def sectioned_write():
        return cache.write(data, seeds, values={"meta": rest}, arrays={"days": days},
                           tables={"entries": entries}, built_ns=built + 10**10, racy_ns=0, environ=env)

    w, written = timed(sectioned_write)

    def sectioned_read():
        with cache.Cache.open(data, racy_ns=0, environ=env) as c:
            table = c.table("entries")
            return [table[i] for i in range(len(table))]

    def sectioned_ten():
        with cache.Cache.open(data, racy_ns=0, environ=env) as c:
            table = c.table("entries")
            c.array("days")
            c.value("meta")
            return [table[i] for i in range(len(table) // 2, len(table) // 2 + 10)]

    def key_only():
        with cache.Cache.open(data, racy_ns=0, environ=env) as c:
            return c is not None

    r, _ = timed(sectioned_read)
    o, _ = timed(sectioned_ten)
    k, ok = timed(key_only)
    assert ok and written
    report("sectioned (cache.py)", w, r, Path(written).stat().st_size, o)
    rows.append((size, f"sectioned: open and check the key ({len(seeds)} seeds stat'ed)", None, k, None, None))
    rows.append((size, "today's load (parse, resolve, quotes)", None, load_s, None, None))
    # the floor of a fast `next`: a whole process that opens the cache, checks the key,
    # reads the columns and ten records, and imports nothing of pendulum, yaml or typer
    script = ("import sys; from timeline import cache; c = cache.Cache.open(sys.argv[1], racy_ns=0); "
              "t = c.table('entries'); d = c.array('days'); m = c.value('meta'); "
              "x = [t[i] for i in range(len(t) // 2, len(t) // 2 + 10)]; "
              "assert not {'pendulum', 'yaml', 'typer'} & set(sys.modules)")
    env_run = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    for label, argv in (("process: `python -c pass`", [sys.executable, "-c", "pass"]),
                        ("process: open cache, key, columns, 10 records", [sys.executable, "-c", script, str(data)])):
        walls, cpus = [], []
        for _ in range(7):
            start = time.perf_counter()
            proc = subprocess.Popen(argv, env=env_run)
            _, status, usage = os.wait4(proc.pid, 0)
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
            assert status == 0, label
        rows.append((size, f"{label} (CPU {statistics.median(cpus) * 1000:.1f} ms)", None,
                     statistics.median(walls), None, None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="timeline-storage-")
        work = Path(tmp.name)
    else:
        work = args.workdir
    print("| events | storage | write s | read all s | read one/ten s | size MB |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        for n, name, w, r, o, b in measure(size, work):
            cell = lambda v: "–" if v is None else f"{v:.4f}"  # noqa: E731
            print(f"| {n:,} | {name} | {cell(w)} | {cell(r)} | {cell(o)} | "
                  f"{'–' if b is None else f'{b / 1e6:.1f}'} |", flush=True)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    os.environ.pop("TIMELINE_NO_CACHE", None)
    sys.exit(main())
