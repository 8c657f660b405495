"""`timeline publish` through the command line, against a real Radicale server."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html import escape

import pytest
from conftest import SHIPPED
from radicale_server import PASSWORD, USER, Radicale


@pytest.fixture
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


def _publish(invoke, url, *args, password=PASSWORD):
    return invoke("publish", url, "--user", USER, "--file", SHIPPED, "-q", *args,
                  env={"TIMELINE_CALDAV_PASSWORD": password})


def test_publish_summary_json_second_run_and_dry_run(invoke, radicale):
    url = radicale.calendar()
    dry = _publish(invoke, url, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not radicale.items()  # the dry run wrote nothing
    first = _publish(invoke, url)
    assert first.exit_code == 0, first.output
    counts = re.fullmatch(r"(\d+) created, 0 updated, 0 deleted, 0 unchanged\n", first.stdout)
    assert counts and int(counts.group(1)) > 0, first.stdout
    assert dry.stdout.startswith(f"{counts.group(1)} created, 0 updated, 0 deleted, 0 unchanged")
    before = radicale.items()
    second = _publish(invoke, url, "--json")
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert (data["created"], data["updated"], data["deleted"], data["unchanged"]) == (0, 0, 0, int(counts.group(1)))
    assert radicale.items() == before  # no writes


def test_publish_with_a_wrong_password_is_one_line_and_exit_1(invoke, radicale):
    result = _publish(invoke, radicale.calendar(), password="wrong")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "401" in lines[0], result.stderr


def test_serve_answers_the_three_routes_and_stops_on_sigterm(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(SHIPPED.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "serve", "--port", str(port), "--file", str(SHIPPED), "-q"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/events.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        with urllib.request.urlopen(base + "/timeline.ics", timeout=5) as r:
            assert r.headers["Content-Type"].startswith("text/calendar")
            assert r.read().startswith(b"BEGIN:VCALENDAR")
        with urllib.request.urlopen(base + "/events.json", timeout=5) as r:
            items = json.loads(r.read())
        assert isinstance(items, list) and items
        with urllib.request.urlopen(base + "/", timeout=5) as r:
            page = r.read().decode("utf-8")
        assert page.startswith("<!doctype html>") and 'id="timeline-data"' in page  # the `timeline html` page
        for item in items:
            if item.get("date") or item.get("since") or item.get("until"):
                assert escape(item["title"]) in page
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
