"""Start-up benchmark: `timeline next` as a whole process, against importing its
dependencies alone (`python -c "import yaml, pendulum, typer"`).

Target: a ratio of medians of at most 1.2, i.e. timeline's own code (its
imports, reading and checking the data file, resolving, printing) adds at
most 20% to what its dependencies cost anyway.  The two commands alternate
in one run, so load on a shared machine affects both alike.

    python bench/startup.py [--runs 40] [--file events.yaml]

Exit status 1 when the ratio is above the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.2
ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--file", default=str(ROOT / "events.yaml"))
    args = parser.parse_args()

    # As on a user's machine: bytecode is cached (CI images often disable it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    baseline = [sys.executable, "-c", "import yaml, pendulum, typer"]
    # The installed `timeline` script, as users run it; else python -m timeline.
    script = Path(sys.executable).with_name("timeline")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]
    command = [*launcher, "next", "--as-of", "2025-10-31", "-f", args.file]
    for _ in range(3):  # warm up: write .pyc files, fill the OS cache
        timed(baseline, env)
        timed(command, env)
    base_times, cmd_times = [], []
    for _ in range(args.runs):
        base_times.append(timed(baseline, env))
        cmd_times.append(timed(command, env))
    base, cmd = statistics.median(base_times), statistics.median(cmd_times)
    ratio = cmd / base
    print(f"import yaml, pendulum, typer: median {base * 1000:.1f} ms")
    print(f"timeline next:               median {cmd * 1000:.1f} ms  ({' '.join(launcher)})")
    print(f"ratio of medians: {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
