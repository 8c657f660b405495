"""`remind --once` on the fast path: the same stdout, stderr, exit status and state
file as the CLI's, day after day, with the state carried over; answered from the
cache (no Typer, pendulum or yaml imported); each reminder reported once, also by
two runs at the same moment; a failure of the state file or of stdout reported
as the CLI reports it, and never followed by the CLI's own run."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_many_due
from test_fast import PAST, cache_files, data, run  # noqa: F401 - `data`: a fixture, used by `folder`

HEAVY = ("typer", "click", "pendulum", "yaml")
DAYS = ["2025-10-31", "2025-11-01", "2025-11-02", "2025-11-03", "2025-11-08", "2025-11-09", "2025-11-09",
        "2025-11-10", "2025-11-11", "2025-12-20", "2026-03-01", "2026-03-01", "2026-03-02"]
"""Consecutive days, the same day twice (silent), gaps to catch up (a month, then past the
90 days after which the staleness note is printed)."""


class Traced:
    """A run of `python -X importtime -m timeline` (under `sh -c 'exec "$@" >&-'` with
    `closed`): its output, and the modules it imported."""

    def __init__(self, args: list[str], cwd: Path, cache_home: Path, stdout: int | None = None, closed: bool = False,
                 **env: str):
        environ = {k: v for k, v in os.environ.items()
                   if k not in ("TIMELINE_NO_CACHE", "TIMELINE_FILE", "NO_COLOR", "COLUMNS")}
        environ.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache_home), **env)
        argv = [sys.executable, "-X", "importtime", "-m", "timeline", *args]
        if closed:
            argv = ["sh", "-c", 'exec "$@" >&-', "sh", *argv]
        done = subprocess.run(argv, cwd=cwd, env=environ, stdout=subprocess.PIPE if stdout is None else stdout,
                              stderr=subprocess.PIPE, check=False, timeout=120)
        lines = done.stderr.decode().splitlines(keepends=True)
        self.returncode, self.stdout = done.returncode, done.stdout
        self.stderr = "".join(line for line in lines if not line.startswith("import time:")).encode()
        self.modules = {line.rsplit("|", 1)[1].strip() for line in lines
                        if line.startswith("import time:") and line.count("|") == 2} - {"imported package"}

    def heavy(self) -> list[str]:
        return sorted(m for m in self.modules if m.split(".")[0] in HEAVY)


def once(day: str, state: Path, *more: str) -> list[str]:
    return ["remind", "--once", "--state", str(state), "--as-of", day, "-f", "events.yaml", *more]


@pytest.fixture
def folder(data):  # noqa: F811 - test_fast's fixture
    """A copy of the shipped data and seeds, dated in the past, in its own folder."""
    return data


@pytest.fixture
def warm(folder, tmp_path):
    """The cache of the copied data, written by a plain run."""
    home = tmp_path / "cache"
    assert run(["remind", "--as-of", "2025-11-01", "-f", "events.yaml"], folder, home).returncode == 0
    assert cache_files(home)
    return home


@pytest.mark.parametrize("more", [[], ["--json"], ["--mode", "daily", "-q"], ["--within", "10d"], ["--party", "CN"]])
def test_day_after_day_the_fast_path_prints_and_records_what_the_cli_does(folder, tmp_path, warm, more):
    fast_state, slow_state = tmp_path / "fast" / "state.json", tmp_path / "slow" / "state.json"
    reported = []
    for day in DAYS:
        fast = Traced(once(day, fast_state, *more), folder, warm)
        slow = run(once(day, slow_state, *more), folder, warm, TIMELINE_NO_CACHE="1")
        assert fast.heavy() == [], day  # answered from the cache
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr), day
        assert fast_state.read_bytes() == slow_state.read_bytes(), day
        if "--json" in more:
            reported += [(i["id"], i["milestone"], i["date"], i["lead"]) for i in json.loads(fast.stdout)]
        if day == "2026-03-01":
            assert b"dates may have moved" in fast.stderr or "-q" in more
    last = json.loads(fast_state.read_text(encoding="utf-8"))["files"][str(folder / "events.yaml")]
    assert last["last_run"] == DAYS[-1] and last["sent"]
    if "--json" in more:
        assert len(reported) == len(set(reported)) > 20  # each reminder once, however many days it stays due


def test_the_same_day_again_is_silent_on_both_paths(folder, tmp_path, warm):
    state = tmp_path / "state.json"
    first = Traced(once("2025-11-09", state), folder, warm)
    assert first.returncode == 0 and first.stdout.startswith(b"timeline: 6 reminders for 2025-11-09")
    again = Traced(once("2025-11-09", state), folder, warm)
    assert (again.returncode, again.stdout, again.stderr, again.heavy()) == (0, b"", b"", [])
    slow = run(once("2025-11-09", state), folder, warm, TIMELINE_NO_CACHE="1")
    assert (slow.returncode, slow.stdout, slow.stderr) == (0, b"", b"")


def test_the_sample_note_and_the_staleness_note_come_first_on_both_paths(tmp_path):
    home, folder = tmp_path / "cache", tmp_path / "empty"
    folder.mkdir()
    env = {"XDG_DATA_HOME": str(tmp_path / "nodata")}
    assert run(["remind", "--as-of", "2026-11-01"], folder, home, **env).returncode == 0  # writes the sample's cache
    fast = Traced(["remind", "--once", "--state", "fast.json", "--as-of", "2026-11-01"], folder, home, **env)
    slow = run(["remind", "--once", "--state", "slow.json", "--as-of", "2026-11-01"], folder, home,
               TIMELINE_NO_CACHE="1", **env)
    assert fast.heavy() == []
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    notes = fast.stderr.decode().splitlines()
    assert len(notes) == 2 and "using the sample events" in notes[0] and "dates may have moved" in notes[1]
    assert fast.stdout and (folder / "fast.json").read_bytes() == (folder / "slow.json").read_bytes()


STATES = {
    "corrupt": b'{"format": 1, "files": {"x": {"sent": {"a": ',
    "not ours": b"[]",
    "wrong shape": b'{"format": 2, "files": {}}',
}


@pytest.mark.parametrize("name", [*STATES, "directory", "lock is a directory", "the data file"])
def test_a_bad_state_file_is_reported_by_the_fast_path_as_the_cli_reports_it(folder, tmp_path, warm, name):
    """Once the fast path has begun (a corrupt state is moved aside), it reports the error
    itself: the CLI, run after it, would find no state and report everything."""
    results = []
    for way in ("fast", "slow"):
        place = tmp_path / way
        place.mkdir()
        state = place / "state.json"
        if name in STATES:
            state.write_bytes(STATES[name])
        elif name == "directory":
            state.mkdir()
        elif name == "lock is a directory":
            (place / "state.json.lock").mkdir()
        else:
            state = folder / "events.yaml"
        args = once("2026-03-01", state)
        result = Traced(args, folder, warm) if way == "fast" else run(args, folder, warm, TIMELINE_NO_CACHE="1")
        if way == "fast":
            assert result.heavy() == []
        kept = sorted(p.name.split("-")[0] if ".corrupt-" in p.name else p.name for p in place.iterdir())
        stderr = re.sub(rb"corrupt-\d{8}T\d{12}Z", b"corrupt-TIME", result.stderr.replace(str(place).encode(), b"FOLDER"))
        results.append((result.returncode, result.stdout, stderr, kept))
    assert results[0] == results[1]
    code, stdout, stderr, _ = results[0]
    lines = stderr.decode().splitlines()
    assert code == 1 and stdout == b"" and len(lines) == 2
    assert lines[0] == "timeline: newest source 2025-10-31, 121 days old: dates may have moved"  # before, as the CLI
    assert "Traceback" not in lines[1] and ("FOLDER" in lines[1] or "events.yaml" in lines[1])
    if name in ("corrupt", "wrong shape"):
        assert results[0][3] == ["state.json.corrupt", "state.json.lock"]  # moved aside once, no new record
    assert (folder / "events.yaml").read_bytes() == (ROOT / "events.yaml").read_bytes()


@pytest.mark.parametrize("target", ["/dev/full", "closed"])
def test_a_failed_delivery_records_nothing_on_either_path(folder, tmp_path, warm, target):
    """stdout fails while the reminders are printed: the CLI's one line, exit status 1,
    and nothing recorded (the next run reports them), never a second delivery."""
    if target == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")  # pragma: no cover - Linux has it
    results = []
    for way in ("fast", "slow"):
        state = tmp_path / way / "state.json"
        env = {} if way == "fast" else {"TIMELINE_NO_CACHE": "1"}
        with open(os.devnull if target == "closed" else target, "wb") as sink:
            traced = Traced(once("2025-11-09", state), folder, warm, stdout=sink.fileno(), closed=target == "closed",
                            **env)
        assert way == "slow" or traced.heavy() == []
        results.append((traced.returncode, traced.stderr, sorted(p.name for p in state.parent.iterdir())))
    assert results[0] == results[1]
    message = b"standard output is closed" if target == "closed" else b"No space left on device"
    assert results[0] == (1, b"timeline: cannot write to standard output: " + message + b"\n", ["state.json.lock"])
    again = Traced(once("2025-11-09", tmp_path / "fast" / "state.json"), folder, warm)
    assert again.returncode == 0 and again.stdout.startswith(b"timeline: 6 reminders for 2025-11-09")


def test_two_fast_runs_at_once_report_each_reminder_once(tmp_path):
    """Many events due on one day, two `--once` runs started together on a warm cache."""
    events = write_many_due(tmp_path)
    for path in (events, tmp_path / "seed.txt"):
        os.utime(path, (PAST, PAST))
    home = tmp_path / "cache"
    assert run(["remind", "-f", str(events), "--as-of", "2026-01-25"], tmp_path, home).returncode == 0
    day = datetime.date(2026, 2, 8)
    expected = {f"e{n}" for n in range(300) if (datetime.date(2026, 2, 1 + n % 20) - day).days in (30, 7, 1, 0)}
    assert len(expected) == 45
    environ = {k: v for k, v in os.environ.items() if k != "TIMELINE_NO_CACHE"}
    environ.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(home))
    for attempt in range(3):
        state = tmp_path / f"state-{attempt}.json"
        command = [sys.executable, "-X", "importtime", "-m", "timeline", "remind", "--once", "--json",
                   "--state", str(state), "--as-of", str(day), "-f", str(events)]
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ,
                                  cwd=tmp_path)  # the cwd of the run that wrote the cache: the same labels
                 for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [err[-400:] for _, err in outputs]
        said = [line for _, err in outputs for line in err.splitlines()]
        assert [line for line in said if not line.startswith(b"import time:") or b"typer" in line] == []  # fast path
        reported = [i["id"] for out, _ in outputs for i in json.loads(out)]
        assert len(reported) == len(set(reported)) and set(reported) == expected
        assert sorted(len(json.loads(out)) for out, _ in outputs)[0] == 0  # the second to lock had nothing left


@pytest.mark.parametrize("target", ["/dev/full", "closed"])
def test_every_fast_answer_fails_to_print_as_the_cli_does(folder, warm, target):
    """Not only --once: a warm `next` into a full disk or a closed stdout is the CLI's one
    line and exit status 1 (it was a traceback)."""
    if target == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")  # pragma: no cover - Linux has it
    args = ["next", "--as-of", "2025-10-31", "-f", "events.yaml"]
    results = []
    for env in ({}, {"TIMELINE_NO_CACHE": "1"}):
        with open(os.devnull if target == "closed" else target, "wb") as sink:
            traced = Traced(args, folder, warm, stdout=sink.fileno(), closed=target == "closed", **env)
        assert env or traced.heavy() == []
        results.append((traced.returncode, traced.stderr))
    message = b"standard output is closed" if target == "closed" else b"No space left on device"
    assert results == [(1, b"timeline: cannot write to standard output: " + message + b"\n")] * 2
