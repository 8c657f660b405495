"""Calendar export benchmark: `timeline ics` on generated data files of 1,000 to
10,000 events, as a whole process (load, check, resolve, write).

Target: 10,000 events in at most 3 seconds.  The events mix what real files
hold: day and month precision, relative dates, one-year windows (two
calendar entries each), timed events; each quotes the generated seed.

    python bench/ics_export.py [--sizes 1000,2000,5000,10000] [--runs 3]

Exit status 1 when the 10,000-event export is over the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 3.0
SENTENCE = "The measure is suspended for one year."


def generate(folder: Path, count: int) -> Path:
    (folder / "seed.txt").write_text(f"date 2025-10-31\n{SENTENCE}\n", encoding="utf-8")
    lines = ["sources:", "  - {id: seed, file: seed.txt, published: 2025-10-31}",
             "defaults: {warn: [30d, 7d, 1d]}", "events:"]
    quote = f"sources: [{{source: seed, quote: {SENTENCE}}}]"
    for n in range(count):
        day = f"20{25 + n % 5}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        shape = n % 5
        if shape == 0:
            when = f"date: {day}"
        elif shape == 1:
            when = f"date: '{day[:7]}'"
        elif shape == 2 and n:
            when = f"date: {{from: e{n - 1}, offset: 90 days}}" if (n - 1) % 5 == 0 else f"date: {day}"
        elif shape == 3:
            when = f"window: {{start: {day}, for: 1 year}}"
        else:
            when = f"date: {day}, time: '09:30', timezone: Europe/Brussels"
        lines.append(f"  - {{id: e{n}, title: Generated event {n}, kind: measure, certainty: announced,"
                     f" parties: [US, CN], tags: [bench], {when}, {quote}}}")
    path = folder / "events.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def export_seconds(path: Path, out: Path, env: dict) -> float:
    script = Path(sys.executable).with_name("timeline")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]
    start = time.perf_counter()
    subprocess.run([*launcher, "ics", "-f", str(path), "-o", str(out)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["SOURCE_DATE_EPOCH"] = "1767225600"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            path = generate(folder, size)
            out = folder / "out.ics"
            export_seconds(path, out, env)  # warm up
            seconds = statistics.median(export_seconds(path, out, env) for _ in range(args.runs))
            events = out.read_bytes().count(b"BEGIN:VEVENT")
            results[size] = seconds
            print(f"{size:>6} events -> {events:>6} calendar entries: median {seconds:.2f} s"
                  f" ({seconds / size * 1000:.3f} ms an event)")
    if 10000 in results:
        verdict = "within" if results[10000] <= TARGET_SECONDS else "OVER"
        print(f"10,000 events: {results[10000]:.2f} s, {verdict} the target of {TARGET_SECONDS:.0f} s")
        return 0 if results[10000] <= TARGET_SECONDS else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
