"""Scale benchmark: every query command on generated data of 32 to 100,000
events, cold and warm, with `remind -n` and `calcurse -Q` on the same
milestones, measured side by side in one run on this machine.

    python bench/scale.py                          # 32, 1000, 10000, 100000 events
    python bench/scale.py --sizes 32,1000 --commands next,validate --runs 3
    python bench/scale.py --skip-slow --timeout 120 # leave out runs that would exceed the timeout
    python bench/scale.py --installed --peers "remind -n"  # as users run it; no calcurse

Each command runs as a whole process (`python -m timeline ...` with this
checkout first on the path; with --installed, the `timeline` console script
of a scratch install of this checkout, see `install`), its wall time taken around it and its CPU time
(user + system) and peak memory (ru_maxrss) from the kernel's account of
that one child (os.wait4, the per-child form of getrusage(RUSAGE_CHILDREN)).

Cold: `$XDG_CACHE_HOME` points at an empty folder.  Warm: the median of the
following runs, with whatever the cold run left there.  The script reports
whether a cache appeared ($XDG_CACHE_HOME/timeline/ not empty), so the same
script measures the code before and after the cache exists.  The data files
come from bench/generate.py (deterministic); the peers get the same dated
milestones, read from the calendar that `timeline ics` writes: a .rem file
for `remind -n` and an apts file for `calcurse -Q`.

Prints Markdown tables (times, growth exponents, targets) and exits 1 when a
measured target of issue 10 is missed ("not measured" targets do not fail).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "timeline" / "data" / "events.yaml"
AS_OF = "2026-01-15"
COMMANDS = ("validate", "next", "next-party", "suspended", "list", "list-json", "show", "remind", "remind-once",
            "ics")
PEERS = ("remind -n", "calcurse -Q")


class Run(NamedTuple):
    wall: float
    cpu: float
    rss_mb: float
    ok: bool
    note: str = ""


class Cell(NamedTuple):
    cold: Run | None
    warm: Run | None  # median of the warm runs
    cache: bool


GNU_TIME = "/usr/bin/time"


def measure(argv: list[str], env: dict, cwd: Path, timeout: float, stdout=subprocess.DEVNULL) -> Run:
    """One process: wall time, CPU (user+sys) and peak RSS of that child alone.

    A child forked from this (larger) Python process inherits its resident
    size as the floor of its ru_maxrss, so the peak comes from GNU time,
    whose own children start small; without it, from os.wait4."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        wrap = [GNU_TIME, "-q", "-f", "%M", "-o", peak.name] if os.access(GNU_TIME, os.X_OK) else []
        start = time.perf_counter()
        proc = subprocess.Popen([*wrap, *argv], env=env, cwd=cwd, stdout=stdout, stderr=errors)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read(4096).decode("utf-8", "replace")
        kilobytes = int(peak.read().strip() or 0) if wrap else 0
    killed = proc.returncode != 0 and wall >= timeout
    note = f"timed out after {timeout:.0f} s" if killed else (err.strip().splitlines() or [""])[0][:120]
    rss_mb = (kilobytes or usage.ru_maxrss) / 1024  # kilobytes on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, rss_mb, proc.returncode == 0, note if proc.returncode else "")


def median_run(runs: list[Run]) -> Run:
    ok = all(r.ok for r in runs)
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.rss_mb for r in runs), ok, next((r.note for r in runs if r.note), ""))


LAUNCH = [sys.executable, "-m", "timeline"]  # --installed: the scratch install's console script
PYTHON = sys.executable  # --installed: the scratch install's interpreter


def install(folder: Path) -> tuple[list[str], str]:
    """A scratch virtual environment holding this checkout installed as pip installs a
    pure-Python wheel: the package's files copied into site-packages and compiled, and
    pip's console script; the dependencies found through a plain path line to the
    running interpreter's site-packages (no editable finder, no other .pth hooks).
    Returns (the console script, the environment's python)."""
    import site
    import venv

    if folder.exists():
        shutil.rmtree(folder)
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    shutil.copytree(ROOT / "timeline", purelib / "timeline", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([str(python), "-m", "compileall", "-q", str(purelib / "timeline")], check=True)
    (purelib / "timeline_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    missing = subprocess.run([str(python), "-c", "import typer, pendulum, yaml, ics"], capture_output=True, text=True)
    if missing.returncode != 0:
        sys.exit(f"bench/scale.py --installed: the scratch install cannot import the dependencies from {sys.executable}'s "
                 f"site-packages ({missing.stderr.strip().splitlines()[-1]}): run it with the interpreter that has "
                 "them (the project's venv)")
    script = folder / "bin" / "timeline"
    script.write_text(f"#!{python}\nimport sys\nfrom timeline.fast import main\nif __name__ == '__main__':\n"
                      "    sys.argv[0] = sys.argv[0].removesuffix('.exe')\n    sys.exit(main())\n")
    script.chmod(0o755)
    return [str(script)], str(python)


def timeline_argv(command: str, data: Path, show_id: str, out: Path) -> list[str]:
    base = LAUNCH
    f = ["-f", str(data)]
    day = ["--as-of", AS_OF]
    return {
        "validate": [*base, "validate", *f],
        "next": [*base, "next", *f, *day],
        "next-party": [*base, "next", "--party", "US", *f, *day],  # a filter: answered from the facet columns
        "suspended": [*base, "suspended", *f, *day],
        "list": [*base, "list", *f, *day],
        "list-json": [*base, "list", "--json", *f, *day],
        "show": [*base, "show", show_id, *f, *day],
        "remind": [*base, "remind", *f, *day],
        "remind-once": [*base, "remind", "--once", "--state", str(once_state(out)), *f, *day],
        "ics": [*base, "ics", *f, "-o", str(out)],
    }[command]


def once_state(out: Path) -> Path:
    """`remind --once`'s state file, removed before each run (`fresh_state`): every run is
    the first of the day, which prints and records what is due (a second is silent)."""
    return out.with_name("once-state.json")


def fresh_state(command: str, out: Path) -> None:
    if command == "remind-once":
        once_state(out).unlink(missing_ok=True)


def peer_argv(peer: str, folder: Path) -> list[str]:
    if peer == "remind -n":
        return ["remind", "-n", str(folder / "milestones.rem"), AS_OF]
    y, m, d = AS_OF.split("-")
    return ["calcurse", "-D", str(folder / "calcurse"), "-Q", "--from", f"{m}/{d}/{y}", "--days", "30"]


# --- the peers' files, from the calendar timeline writes ------------------------


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def milestones_from_ics(ics: str) -> list[tuple[str, str | None, str]]:
    """(YYYYMMDD, HHMM or None, summary) for every VEVENT."""
    found, start, summary = [], None, None
    for line in _unfold(ics):
        if line.startswith("DTSTART"):
            value = line.split(":", 1)[1]
            start = (value[:8], value[9:13] if "T" in value else None)
        elif line.startswith("SUMMARY"):
            summary = line.split(":", 1)[1].replace("\\,", ",").replace("\\;", ";")
        elif line == "END:VEVENT" and start:
            found.append((start[0], start[1], summary or ""))
            start, summary = None, None
    return found


def write_peer_files(folder: Path, milestones) -> None:
    rem, apts = [], []
    for day, hhmm, summary in milestones:
        iso = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        us = f"{day[4:6]}/{day[6:]}/{day[:4]}"
        text = summary.replace("[", "(").replace("]", ")")
        if hhmm:
            rem.append(f"REM {iso} AT {hhmm[:2]}:{hhmm[2:]} MSG {text}")
            apts.append(f"{us} @ {hhmm[:2]}:{hhmm[2:]} -> {us} @ {hhmm[:2]}:{hhmm[2:]} |{text}")
        else:
            rem.append(f"REM {iso} MSG {text}")
            apts.append(f"{us} [1] {text}")
    (folder / "milestones.rem").write_text("\n".join(rem) + "\n", encoding="utf-8")
    cal = folder / "calcurse"
    cal.mkdir(exist_ok=True)
    (cal / "apts").write_text("\n".join(apts) + "\n", encoding="utf-8")
    (cal / "todo").touch()


# --- the run ------------------------------------------------------------------------


def dataset(work: Path, size: int) -> Path:
    folder = work / f"n{size}"
    if not (folder / "events.yaml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, size)
        # The cache does not trust inputs changed in the 2 s before a check began (timeline/cache.py,
        # RACY_NS): without this, a cold run straight after generating writes no cache.
        past = os.stat(folder / "events.yaml").st_mtime - 3600
        for path in [folder / "events.yaml", *(folder / "seeds").iterdir()]:
            os.utime(path, (past, past))
    return folder / "events.yaml"


def pick_show_id(data: Path) -> str:
    """An event in the middle of the file with a window and the other reading, if any."""
    text = data.read_text(encoding="utf-8")
    ids = [(m.start(), m.group(1)) for m in re.finditer(r"^  - id: (\S+)", text, re.M)]
    middle = len(ids) // 2
    for position, eid in ids[middle:] + ids[:middle]:
        block = text[position:position + 1500].split("\n  - id:", 1)[0]
        if "window:" in block and "alternative:" in block:
            return eid
    return ids[middle][1]


def predicted_too_slow(history: dict, command: str, size: int, timeout: float) -> bool:
    points = sorted(history.get(command, {}).items())
    if not points:
        return False
    last_size, last = points[-1]
    if last is None:
        return True  # timed out at a smaller size
    slope = 1.0
    if len(points) >= 2 and points[-2][1]:
        (s1, t1), (s2, t2) = points[-2], points[-1]
        if t1 > 0 and t2 > 0 and s2 > s1:
            slope = max(1.0, math.log(t2 / t1) / math.log(s2 / s1))
    return last * (size / last_size) ** slope > timeout


def has_cache(cache_home: Path) -> bool:
    folder = cache_home / "timeline"
    return folder.is_dir() and any(folder.iterdir())


def run_size(size: int, work: Path, commands, runs: int, timeout: float, skip_slow: bool,
             history: dict, env: dict, peers: tuple[str, ...] = PEERS) -> tuple[dict[str, Cell], str]:
    data = dataset(work, size)
    folder = data.parent
    show_id = pick_show_id(data)
    cache_home = folder / "cache"
    out = folder / "out.ics"
    cells: dict[str, Cell] = {}
    run_env = dict(env, XDG_CACHE_HOME=str(cache_home))
    for command in commands:
        if skip_slow and predicted_too_slow(history, command, size, timeout):
            cells[command] = Cell(None, None, False)
            print(f"  {size:>6} {command:<10} skipped (would exceed {timeout:.0f} s)", file=sys.stderr)
            continue
        shutil.rmtree(cache_home, ignore_errors=True)
        argv = timeline_argv(command, data, show_id, out)

        def one(command: str = command, argv: list[str] = argv) -> Run:
            fresh_state(command, out)
            return measure(argv, run_env, folder, timeout)

        cold = one()
        cache = has_cache(cache_home)
        warm = None
        if cold.ok and cold.wall < timeout / 2:
            # without a cache a warm run repeats the cold one: once is enough for the slow ones
            n = runs if cold.wall * runs < timeout and (cache or cold.wall < 5) else 1
            warm = median_run([one() for _ in range(n)])
        cells[command] = Cell(cold, warm, cache)
        history.setdefault(command, {})[size] = cold.cpu if cold.ok else None
        print(f"  {size:>6} {command:<10} cold {cold.wall:7.2f} s  warm "
              f"{warm.wall if warm else float('nan'):7.3f} s  {cold.rss_mb:6.0f} MB"
              f"{'' if cold.ok else '  FAILED: ' + cold.note}", file=sys.stderr)
    if not out.exists():  # the peers need the milestones: make the calendar once, unmeasured
        measure(timeline_argv("ics", data, show_id, out), run_env, folder, max(timeout, 600))
    if out.exists():
        write_peer_files(folder, milestones_from_ics(out.read_bytes().decode("utf-8")))
        for peer in peers:
            if shutil.which(peer.split()[0]) is None:
                continue
            if skip_slow and predicted_too_slow(history, peer, size, timeout):
                print(f"  {size:>6} {peer:<10} skipped (would exceed {timeout:.0f} s)", file=sys.stderr)
                continue
            argv = peer_argv(peer, folder)
            cold = measure(argv, env, folder, timeout)
            history.setdefault(peer, {})[size] = cold.cpu if cold.ok else None
            warm = None
            if cold.ok and cold.wall < timeout / 2:
                n = runs if cold.wall * runs < timeout else 1
                warm = median_run([measure(argv, env, folder, timeout) for _ in range(n)])
            cells[peer] = Cell(cold, warm, False)
            print(f"  {size:>6} {peer:<10} cold {cold.wall:7.3f} s  {cold.rss_mb:6.0f} MB"
                  f"{'' if cold.ok else '  FAILED: ' + cold.note}", file=sys.stderr)
    return cells, show_id


def baseline(env: dict, runs: int, timeout: float) -> tuple[Run, Run]:
    """`python -c "import yaml, pendulum, typer"` and warm `next` on the shipped events."""
    imports = median_run([measure([PYTHON, "-c", "import yaml, pendulum, typer"], env, ROOT, timeout)
                          for _ in range(max(runs, 5))])
    with tempfile.TemporaryDirectory() as tmp:
        run_env = dict(env, XDG_CACHE_HOME=tmp)
        argv = [*LAUNCH, "next", "-f", str(SHIPPED), "--as-of", AS_OF]
        measure(argv, run_env, ROOT, timeout)
        shipped = median_run([measure(argv, run_env, ROOT, timeout) for _ in range(max(runs, 5))])
    return imports, shipped


# --- the report --------------------------------------------------------------------


def _fmt(run: Run | None, what: str) -> str:
    if run is None:
        return "–"
    if not run.ok:
        return "timeout" if "timed out" in run.note else "failed"
    if what == "rss":
        return f"{run.rss_mb:.0f}"
    value = run.wall if what == "wall" else run.cpu
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) on log(size)."""
    points = [(s, t) for s, t in points if t and t > 0]
    if len(points) < 2:
        return None
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else None


def report(results: dict[int, dict[str, Cell]], imports: Run, shipped: Run) -> int:
    sizes = sorted(results)
    names = [c for c in (*COMMANDS, *PEERS) if any(c in results[s] for s in sizes)]
    print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; as of {AS_OF}; "
          f"times in seconds, memory in MB (peak RSS).\n")
    print("| events | command | cache | cold wall | cold CPU | cold MB | warm wall | warm CPU | warm MB |")
    print("|---:|---|:-:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for name in names:
            cell = results[size].get(name)
            if cell is None:
                continue
            cache = "–" if name in PEERS else ("yes" if cell.cache else "no")
            print(f"| {size:,} | {name} | {cache} | {_fmt(cell.cold, 'wall')} | {_fmt(cell.cold, 'cpu')} | "
                  f"{_fmt(cell.cold, 'rss')} | {_fmt(cell.warm, 'wall')} | {_fmt(cell.warm, 'cpu')} | "
                  f"{_fmt(cell.warm, 'rss')} |")
    print(f"\nBaseline: `python -c \"import yaml, pendulum, typer\"` {imports.wall * 1000:.1f} ms wall, "
          f"{imports.cpu * 1000:.1f} ms CPU; warm `next` on the 32 shipped events {shipped.wall * 1000:.1f} ms wall, "
          f"{shipped.cpu * 1000:.1f} ms CPU (CPU ratio {shipped.cpu / imports.cpu:.2f}).\n")

    big = [s for s in sizes if s >= 1000]
    fit = big if len(big) >= 2 else sizes
    print(f"Growth exponent (log-log slope of CPU time over {', '.join(f'{s:,}' for s in fit)} events; "
          "1 is linear, 0 flat):\n")
    print("| command | cold | warm |")
    print("|---|---:|---:|")
    for name in names:
        cold = exponent([(s, results[s][name].cold.cpu) for s in fit
                         if name in results[s] and results[s][name].cold and results[s][name].cold.ok])
        warm = exponent([(s, results[s][name].warm.cpu) for s in fit
                         if name in results[s] and results[s][name].warm and results[s][name].warm.ok])
        print(f"| {name} | {'–' if cold is None else f'{cold:.2f}'} | {'–' if warm is None else f'{warm:.2f}'} |")

    def warm(size, name):
        cell = results.get(size, {}).get(name)
        return cell.warm if cell and cell.warm and cell.warm.ok else None

    def cold(size, name):
        cell = results.get(size, {}).get(name)
        return cell.cold if cell and cell.cold else None

    checks = []
    w100, w32 = warm(100000, "next"), shipped if shipped.ok else None
    # ratios compare CPU time (user + system): steadier than wall time on a shared machine
    checks.append(("warm `next`, 100k ≤ 1.5 × warm `next`, 32 shipped (CPU)",
                   None if not (w100 and w32) else (w100.cpu <= 1.5 * w32.cpu,
                                                   f"{w100.cpu * 1000:.0f} ms vs {w32.cpu * 1000:.0f} ms")))
    checks.append(("warm `next`, shipped ≤ 0.5 × `import yaml, pendulum, typer` (CPU)",
                   None if not w32 else (w32.cpu <= 0.5 * imports.cpu,
                                         f"{w32.cpu * 1000:.0f} ms vs {imports.cpu * 1000:.0f} ms")))
    n10, r10 = warm(10000, "next"), warm(10000, "remind -n")
    checks.append(("warm `next`, 10k ≤ `remind -n`, 10k (CPU)",
                   None if not (n10 and r10) else (n10.cpu <= r10.cpu,
                                                   f"{n10.cpu * 1000:.0f} ms vs {r10.cpu * 1000:.0f} ms")))
    v100 = cold(100000, "validate")
    checks.append(("cold `validate`, 100k ≤ 20 s CPU and 1 GiB",
                   None if not v100 else (v100.ok and v100.cpu <= 20 and v100.rss_mb <= 1024,
                                          f"{v100.cpu:.1f} s CPU, {v100.rss_mb:.0f} MB" if v100.ok else v100.note)))
    for name, limit, which in (("list-json", 1.5, warm), ("ics", 3.0, cold)):
        c10 = which(10000, name)
        checks.append((f"{which.__name__} `{name}`, 10k ≤ {limit} s",
                       None if not c10 else (c10.ok and c10.wall <= limit,
                                             f"{c10.wall:.2f} s" if c10.ok else c10.note)))
    print("\nTargets (issue 10):\n")
    print("| target | result | measured |")
    print("|---|---|---|")
    missed = 0
    for label, outcome in checks:
        if outcome is None:
            print(f"| {label} | not measured | |")
            continue
        passed, detail = outcome
        missed += not passed
        print(f"| {label} | {'met' if passed else 'MISSED'} | {detail} |")
    return 1 if missed else 0


def main() -> int:
    global LAUNCH, PYTHON
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="32,1000,10000,100000", help="comma-separated event counts")
    parser.add_argument("--commands", default=",".join(COMMANDS), help=f"comma-separated, of: {', '.join(COMMANDS)}")
    parser.add_argument("--runs", type=int, default=3, help="warm runs per command (median)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is killed")
    parser.add_argument("--skip-slow", action="store_true", help="skip runs predicted to exceed --timeout")
    parser.add_argument("--workdir", type=Path, help="keep the generated data here (reused between runs)")
    parser.add_argument("--installed", action="store_true",
                        help="run the `timeline` console script of a scratch install of this checkout (as users "
                             "run it), not `python -m timeline` from the checkout")
    parser.add_argument("--peers", default=",".join(PEERS), help=f"comma-separated, of: {', '.join(PEERS)} (or none)")
    args = parser.parse_args()
    peers = tuple(p.strip() for p in args.peers.split(",") if p.strip() in PEERS)
    commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    unknown = set(commands) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown command(s): {', '.join(sorted(unknown))}")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    env = bench_env()
    env["NO_COLOR"] = "1"
    with workdir(args.workdir, "timeline-scale-") as work:
        if args.installed:
            LAUNCH, PYTHON = install(work / "venv")
            del env["PYTHONPATH"]
        imports, shipped = baseline(env, args.runs, args.timeout)
        history: dict = {}
        results = {}
        for size in sizes:
            results[size], _ = run_size(size, work, commands, args.runs, args.timeout, args.skip_slow, history, env, peers)
        return report(results, imports, shipped)


def bench_env() -> dict[str, str]:
    """The environment of every timed run (bench/scale.py, bench/ics_export.py): this
    checkout first on the path and compiled, fixed timestamps, none of the user's cache
    or data-file settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TIMELINE_NO_CACHE", "TIMELINE_FILE")}
    env["PYTHONPATH"] = str(ROOT)
    env["SOURCE_DATE_EPOCH"] = "1767225600"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "timeline")], check=False)
    return env


@contextlib.contextmanager
def workdir(kept: Path | None, prefix: str) -> Iterator[Path]:
    """`kept` (made if missing, left in place), or a temporary folder removed afterwards."""
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        yield kept
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


if __name__ == "__main__":
    sys.exit(main())
