"""Drivers for real iCalendar readers and calendar programs, used by the tests.

Each runs the program the way a user's machine would, in a temporary place,
and returns what the program itself reports.  Where a program is missing the
test is skipped locally; under `.ci/run` (TIMELINE_REQUIRE_CLIENTS=1) it fails.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "clients"
REQUIRED = os.environ.get("TIMELINE_REQUIRE_CLIENTS") == "1"
SYSTEM_PYTHON = "/usr/bin/python3"


def need(available: bool, what: str, install: str) -> None:
    if available:
        return
    message = f"{what} is not installed ({install})"
    if REQUIRED:
        pytest.fail(message + ": .ci/run must install it", pytrace=False)
    pytest.skip(message)


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


# --- parsers ----------------------------------------------------------------------


def libical(path: Path) -> dict:
    probe = Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-I", "-c", "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"],
        capture_output=True,
    ).returncode == 0
    need(probe, "libical (GObject introspection)", "apt-get install gir1.2-ical-3.0 python3-gi")
    result = subprocess.run([SYSTEM_PYTHON, "-I", str(HERE / "libical_check.py"), str(path)],
                            capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


def icaljs(path: Path) -> dict:
    node = shutil.which("node")
    need(node is not None and (HERE / "node_modules" / "ical.js").exists(), "ical.js", "npm ci --prefix tests/clients")
    result = subprocess.run([node, str(HERE / "icaljs_check.mjs"), str(path)], capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


# --- calendar programs ---------------------------------------------------------------

KHAL_CONFIG = """\
[calendars]
[[timeline]]
path = {vdir}
type = calendar

[sqlite]
path = {db}

[locale]
default_timezone = {tz}
local_timezone = {tz}
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M

[default]
default_calendar = timeline
"""


class Khal:
    """khal with a temporary configuration and vdir (its own folder of .ics files)."""

    def __init__(self, tmp: Path, tz: str = "UTC"):
        self.exe = _tool("khal")
        need(self.exe is not None, "khal", "pip install khal")
        self.tmp = tmp
        self.vdir = tmp / "vdir"
        self.vdir.mkdir(parents=True)
        self.config = tmp / "khal.conf"
        self.config.write_text(KHAL_CONFIG.format(vdir=self.vdir, db=tmp / "khal.db", tz=tz), encoding="utf-8")
        self.env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": tz, "XDG_CONFIG_HOME": str(tmp), "XDG_DATA_HOME": str(tmp)}

    def run(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([self.exe, "-c", str(self.config), *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, env=self.env, timeout=300)

    def import_file(self, path: Path) -> subprocess.CompletedProcess:
        return self.run("import", "--batch", "-a", "timeline", str(path))

    def stored(self) -> list[str]:
        """The events khal stores: one .ics file each (khal leaves stray temporary
        files beside them on re-import, which are not events)."""
        return sorted(glob.glob(str(self.vdir / "*.ics")))

    def listing(self, start: str, end: str) -> list[dict]:
        """khal's own listing, one dict per event occurrence."""
        result = self.run("list", "--once", "--day-format", "",
                          "--format", "{start-date}|{start-time}|{end-date}|{end-time}|{all-day}|{uid}|{title}",
                          start, end)
        assert result.returncode == 0, result.stderr
        rows = []
        for line in result.stdout.splitlines():
            if line.count("|") >= 6:
                start_date, start_time, end_date, end_time, all_day, uid, title = line.split("|", 6)
                rows.append({"start_date": start_date, "start_time": start_time, "end_date": end_date,
                             "end_time": end_time, "all_day": all_day == "True", "uid": uid, "title": title})
        return rows


class Calcurse:
    """calcurse with a temporary data folder (-D)."""

    SEP = "\x1f"

    def __init__(self, tmp: Path, tz: str = "UTC"):
        self.exe = shutil.which("calcurse")
        need(self.exe is not None, "calcurse", "apt-get install calcurse")
        self.tmp = tmp
        self.data = tmp / "calcurse"
        self.data.mkdir(parents=True)
        # calcurse stores local wall-clock times: fix the zone; its import log goes to TMPDIR.
        self.env = {**os.environ, "TZ": tz, "TMPDIR": str(tmp), "LC_ALL": "C.UTF-8", "HOME": str(tmp)}

    def run(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([self.exe, "-D", str(self.data), *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, env=self.env, timeout=300)

    def import_file(self, path: Path) -> dict:
        result = self.run("-i", str(path))
        match = re.search(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped", result.stdout)
        reasons = [line.strip() for log in glob.glob(str(self.tmp / "calcurse_log.*"))
                   for line in open(log, errors="replace") if re.match(r"(VEVENT|VTODO) \[\d+\]", line)]
        counts = dict(zip(("apps", "events", "todos", "skipped"), map(int, match.groups()), strict=True)) if match else None
        return {"rc": result.returncode, "counts": counts, "skipped_because": reasons, "stderr": result.stderr}

    def listing(self, start: str, end: str) -> list[dict]:
        """calcurse's own query: (day, kind, start, end, summary) per item."""
        sep = self.SEP
        result = self.run("--input-datefmt", "4", "--output-datefmt", "DAY %Y-%m-%d", "-Q", "--from", start, "--to", end,
                          "--format-apt", sep.join(["APT", "%(start:%Y-%m-%dT%H:%M)", "%(end:%Y-%m-%dT%H:%M)", "%m"]) + "\\n",
                          "--format-event", sep.join(["EVENT", "", "", "%m"]) + "\\n")
        assert result.returncode == 0, result.stderr
        items, day = [], None
        for line in result.stdout.splitlines():
            if line.startswith("DAY ") and line.endswith(":"):
                day = line[4:-1]
            elif sep in line:
                kind, begin, finish, summary = line.split(sep)
                items.append({"day": day, "kind": kind, "start": begin or None, "end": finish or None, "summary": summary})
        return items
