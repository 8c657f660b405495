"""Reminders under hostile conditions: a relative $XDG_STATE_HOME, the
temporary files of a save that was killed, days the job did not run (point
events and window starts are caught up), SEQUENCE within 32 bits."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hostile import ROOT, USERS, event, open_folder, remove, run, text, write_case

from timeline import state
from timeline.output import leftovers


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


@pytest.mark.parametrize("value", ["relative/state", "./state", "state", ""])
def test_a_relative_xdg_state_home_is_ignored(value):
    home = Path.home()
    assert state.default_path({"XDG_STATE_HOME": value}) == home / ".local" / "state" / "timeline" / "reminders.json"
    assert state.default_path({"XDG_STATE_HOME": "/var/lib/me"}) == Path("/var/lib/me/timeline/reminders.json")


def test_a_relative_xdg_state_home_creates_nothing_in_the_current_folder(folder):
    data = write_case(folder)
    home = folder / "home"
    home.mkdir()
    result = run("remind", "--once", "-f", data, "--as-of", "2025-11-09", cwd=folder,
                 env={"XDG_STATE_HOME": "relative/state", "HOME": str(home)})
    assert result.returncode == 0, text(result)
    assert not (folder / "relative").exists()
    saved = json.loads((home / ".local/state/timeline/reminders.json").read_text())
    assert str(data) in saved["files"]


@pytest.mark.parametrize("user", USERS)
def test_temporary_files_of_an_interrupted_save_are_removed_on_the_next_run(folder, user):
    data = write_case(folder)
    target = folder / "state.json"
    # what a run killed between writing and renaming leaves: write_atomic's own temporary name
    fd, name = tempfile.mkstemp(dir=folder, prefix=".state.json.", suffix=".tmp")
    os.write(fd, b'{"format": 1, "files": {')
    os.close(fd)
    if user == "nobody":
        os.chown(name, 65534, 65534)
    other = folder / ".state.json.notours.tmp"  # not a name write_atomic makes
    other.write_text("keep")
    result = run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-09", cwd=folder, user=user)
    assert result.returncode == 0, text(result)
    assert not os.path.exists(name)
    assert other.read_text() == "keep"
    assert json.loads(target.read_text())["format"] == 1
    assert leftovers(target) == []


def test_a_run_killed_while_saving_leaves_the_old_state_and_the_next_run_cleans_up(folder):
    """kill -9 at the moment between writing the temporary file and renaming it."""
    data = write_case(folder)
    target = folder / "state.json"
    first = run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-03", cwd=folder)
    assert first.returncode == 0, text(first)
    before = target.read_bytes()
    script = (
        "import os, sys\n"
        "os.replace = lambda *a: os.kill(os.getpid(), 9)\n"  # die exactly where the rename would be
        "sys.argv = ['timeline', *sys.argv[1:]]\n"
        "from timeline.cli import main; main()\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, "remind", "--once", "--state", str(target), "-f", str(data),
                             "--as-of", "2025-11-10"], cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, timeout=20)
    assert killed.returncode == -signal.SIGKILL
    assert target.read_bytes() == before  # the old state, whole
    assert len(leftovers(target)) == 1
    assert b"Event truce" in killed.stdout  # delivered, then killed before it was recorded
    again = run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-10", cwd=folder)
    assert again.returncode == 0, text(again)
    assert b"Event truce" in again.stdout  # what the killed run could not record is reported now
    assert leftovers(target) == []


# --- --once catch-up of point events and window starts; SEQUENCE (kind 6) ---

def test_once_catches_up_point_events_and_window_starts_missed_while_not_running(folder):
    data = write_case(folder, event("truce", "date: 2025-11-10\n") + event("pause", "window: {start: 2025-11-11, for: 1y}\n"))
    state = folder / "state.json"
    first = run("remind", "--once", "--state", state, "-f", data, "--as-of", "2025-11-01", cwd=folder)
    assert first.returncode == 0 and first.stdout == b""
    later = run("remind", "--once", "--state", state, "-f", data, "--as-of", "2025-11-13", "--json", cwd=folder)
    assert later.returncode == 0, text(later)
    found = {(item["id"], item["milestone"]) for item in json.loads(later.stdout)}
    assert ("truce", "happens") in found and ("pause", "starts") in found


@pytest.mark.parametrize("how", ["SOURCE_DATE_EPOCH", "mtime"])
def test_sequence_stays_within_a_signed_32_bit_integer(folder, how):
    data = write_case(folder)
    env = {}
    if how == "SOURCE_DATE_EPOCH":
        env["SOURCE_DATE_EPOCH"] = "4102444800"  # 2100-01-01
    else:
        os.utime(data, (4102444800, 4102444800))
    result = run("ics", "-f", data, cwd=folder, env=env)
    assert result.returncode == 0
    sequences = [int(v) for v in re.findall(rb"\r\nSEQUENCE:(\d+)\r\n", result.stdout)]
    assert sequences and max(sequences) <= 2**31 - 1


def _sequence(folder, data, epoch):
    result = run("ics", "-f", data, cwd=folder, env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, text(result)
    return {int(v) for v in re.findall(rb"\r\nSEQUENCE:(\d+)\r\n", result.stdout)}


def test_sequence_keeps_growing_past_2088_and_never_falls(folder):
    """Seconds since 2020 until 2080, then one a minute: no value written before is ever
    passed downwards, and an edit a minute later is still an update in 2100 and 2500."""
    data = write_case(folder)
    at = [1577836800 + s for s in (0, 1)] + [3471292800 + s for s in (-1, 0, 59, 60, 61, 120)]  # 2020, 2080
    at += [4102444800, 4102444800 + 60, 16725225600, 16725225600 + 60]  # 2100, 2500
    found = [_sequence(folder, data, epoch) for epoch in at]
    assert all(len(values) == 1 for values in found)  # no revision here: one value
    values = [values.pop() for values in found]
    assert values[:2] == [0, 1] and values == sorted(values) and max(values) <= 2**31 - 1
    assert values[2:8] == [values[3] - 1, values[3], values[3], values[3] + 1, values[3] + 1, values[3] + 2]
    assert values[9] == values[8] + 1 and values[11] == values[10] + 1 < 2**31 - 1
    beyond = _sequence(folder, data, 253402214400)  # 9999-12-31: kept at the limit
    assert beyond == {2**31 - 1}
