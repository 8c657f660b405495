"""Calendar export benchmark: `timeline ics` on realistic generated data
(bench/generate.py) of 1,000, 10,000 and 100,000 events, as a whole process,
with CPU time and peak memory, against stated targets.

    python bench/ics_export.py                          # 1000, 10000, 100000 events, 3 runs each
    python bench/ics_export.py --sizes 1000,10000 --runs 5
    python bench/ics_export.py --workdir /tmp/ics       # keep (and reuse) the generated data

Each size is exported four ways, all with SOURCE_DATE_EPOCH set, and the
four calendars must be the same bytes:

* cold: `$XDG_CACHE_HOME` an empty folder, so the run reads, checks and
  resolves the data file, writes the cache, and writes the calendar (what
  the first export after an edit costs);
* --no-cache: the same without the cache, so "cold − no-cache" is what
  writing the cache costs;
* warm: the cache from the cold run is there (median of the runs);
* phases: in one process, `api.load(use_cache=False)` then
  `api.calendar_export`: the calendar writer's own share.

CPU time (user + system) and peak RSS come from the kernel's account of each
child (bench/scale.py `measure`: os.wait4, GNU time for the peak).  Prints
Markdown tables, and exits 1 when a measured target is missed:

* cold `ics` of 10,000 events within 3 s of CPU;
* cold `ics` of 100,000 events within 1 GiB of peak memory.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import Run, bench_env, dataset, measure, median_run, workdir  # noqa: E402  # one way of generating and measuring, shared with bench/scale.py

ROOT = Path(__file__).resolve().parent.parent
TARGETS = (  # (events, what, limit, unit)
    (10_000, "cpu", 3.0, "s CPU"),
    (100_000, "rss_mb", 1024.0, "MB peak"),
)
TIMEOUT = 900.0

# The writer's share, in one process: load without the cache, then the export alone.
PHASES = """
import sys, time
from timeline import api
path = sys.argv[1]
start = time.process_time()
timeline = api.load(path, use_cache=False)
loaded = time.process_time()
export = api.calendar_export(timeline, path)
done = time.process_time()
print(loaded - start, done - loaded, export.milestones, len(export.data))
"""


class Result(NamedTuple):
    cold: Run
    no_cache: Run
    warm: Run
    load: float  # CPU seconds, in-process
    export: float
    entries: int
    megabytes: float  # the calendar's size


def run_size(size: int, work: Path, runs: int, env: dict) -> Result:
    data = dataset(work, size)
    folder = data.parent
    cache_home = folder / "cache"
    run_env = dict(env, XDG_CACHE_HOME=str(cache_home))
    base = [sys.executable, "-m", "timeline", "ics", "-f", str(data), "-o"]
    outputs: list[Path] = []

    def export(name: str, *extra: str) -> Run:
        out = folder / f"{name}.ics"
        outputs.append(out)
        run = measure([*base, str(out), *extra], run_env, folder, TIMEOUT)
        if not run.ok:
            sys.exit(f"{size} events, {name}: timeline ics failed: {run.note}")
        return run

    colds, no_caches = [], []
    for _ in range(runs):
        shutil.rmtree(cache_home, ignore_errors=True)
        colds.append(export("cold"))
        no_caches.append(export("no-cache", "--no-cache"))
    warm = median_run([export("warm") for _ in range(runs)])
    first = outputs[0].read_bytes()
    if any(out.read_bytes() != first for out in outputs[1:]):
        sys.exit(f"{size} events: the cold, --no-cache and warm calendars differ")
    phases = subprocess.run([sys.executable, "-c", PHASES, str(data)], env=run_env, cwd=folder,
                            capture_output=True, text=True, check=True).stdout.split()
    result = Result(median_run(colds), median_run(no_caches), warm, float(phases[0]), float(phases[1]),
                    int(phases[2]), int(phases[3]) / 1e6)
    print(f"  {size:>7} events: cold {result.cold.cpu:.2f} s CPU, {result.cold.rss_mb:.0f} MB", file=sys.stderr)
    return result


def _s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def report(results: dict[int, Result]) -> int:
    print("| events | entries | calendar MB | cold CPU | cold wall | cold MB | --no-cache CPU | --no-cache MB "
          "| cache write (cold − no-cache) | warm CPU | warm MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in results.items():
        write = r.cold.cpu - r.no_cache.cpu
        print(f"| {size:,} | {r.entries:,} | {r.megabytes:.1f} | {_s(r.cold.cpu)} | {_s(r.cold.wall)} | {r.cold.rss_mb:.0f} "
              f"| {_s(r.no_cache.cpu)} | {r.no_cache.rss_mb:.0f} | {_s(write)} ({write / r.cold.cpu:.0%}) "
              f"| {_s(r.warm.cpu)} | {r.warm.rss_mb:.0f} |")
    print()
    print("In one process (CPU seconds): reading, checking and resolving the file, then the export alone.")
    print()
    print("| events | load (no cache) | calendar_export | per entry |")
    print("|---:|---:|---:|---:|")
    for size, r in results.items():
        print(f"| {size:,} | {_s(r.load)} | {_s(r.export)} | {r.export / max(r.entries, 1) * 1e6:.0f} µs |")
    print()
    print("| target | result | measured |")
    print("|---|---|---|")
    missed = 0
    for size, what, limit, unit in TARGETS:
        name = f"cold `ics`, {size:,} events ≤ {limit:g} {unit}"
        if size not in results:
            print(f"| {name} | not measured | |")
            continue
        value = getattr(results[size].cold, what)
        ok = value <= limit
        missed += not ok
        print(f"| {name} | {'met' if ok else '**missed**'} | {value:.2f} {unit} |")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated event counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind per size (median)")
    parser.add_argument("--workdir", type=Path, help="keep the generated data here (reused between runs)")
    args = parser.parse_args()
    env = bench_env()
    with workdir(args.workdir, "timeline-ics-") as work:
        results = {size: run_size(size, work, max(1, args.runs), env)
                   for size in sorted(int(s) for s in args.sizes.split(","))}
        return report(results)


if __name__ == "__main__":
    sys.exit(main())
