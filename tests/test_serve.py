"""`timeline serve`: the subscription server, over real HTTP on loopback."""

from __future__ import annotations

import datetime
import email.utils
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import icalendar
import pytest
from conftest import ROOT, SEED_TEXT
from radicale_server import free_port

from timeline.model import TimelineError
from timeline.publish.serve import make_server
from timeline.publish.site import DataSite

AS_OF = datetime.date(2025, 10, 31)
EVENTS = (
    "- {id: a, title: Alpha, kind: deadline, certainty: confirmed, date: 2025-11-10, sources: [{source: art, quote: The truce expires on 10 November.}]}\n"
    "- {id: w, title: Window, kind: suspension, certainty: confirmed, window: {start: 2025-11-10, for: 1 year}, sources: [{source: art, quote: Tariffs are suspended for one year.}]}\n"
)


class Served:
    def __init__(self, path):
        self.path = path
        self.log: list[str] = []
        site = DataSite(path, today=lambda: AS_OF)
        self.server = make_server(site.build, port=0, stamp=site.stamp, log=self.log.append)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def get(self, path: str, method: str = "GET", headers: dict | None = None):
        request = urllib.request.Request(self.url + path, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


@pytest.fixture
def served(write_data):
    server = Served(write_data(EVENTS))
    yield server
    server.stop()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def summaries(body: bytes) -> dict[str, str]:
    return {str(e["UID"]): str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_the_three_routes(served, invoke):
    status, headers, body = served.get("/timeline.ics")
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(body) == {"happens.a@timeline": "Alpha", "starts.w@timeline": "Window: starts", "ends.w@timeline": "Window: ends"}
    status, headers, body = served.get("/events.json")
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    listed = invoke("list", "--json", "--as-of", AS_OF.isoformat(), "-f", served.path)
    assert json.loads(body) == json.loads(listed.stdout)
    status, headers, body = served.get("/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"<time>2025-11-10</time> Alpha</li>" in body and b'href="timeline.ics"' in body


def test_other_paths_are_404_and_other_methods_405(served):
    assert served.get("/events.yaml")[0] == 404
    assert served.get("/timeline.ics/../events.yaml")[0] == 404
    for method in ("POST", "PUT", "DELETE", "PROPFIND", "BREW"):
        status, headers, _ = served.get("/timeline.ics", method=method)
        assert (status, headers["Allow"]) == (405, "GET, HEAD")


def test_head_gives_the_headers_without_the_body(served):
    _, got, body = served.get("/timeline.ics")
    status, headers, empty = served.get("/timeline.ics", method="HEAD")
    assert status == 200 and empty == b""
    assert headers["Content-Length"] == str(len(body)) and headers["ETag"] == got["ETag"]


def test_etag_and_last_modified_give_304(served):
    _, headers, body = served.get("/timeline.ics")
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and email.utils.parsedate_to_datetime(modified)
    status, headers, empty = served.get("/timeline.ics", headers={"If-None-Match": etag})
    assert (status, empty, headers["ETag"]) == (304, b"", etag)
    assert served.get("/timeline.ics", headers={"If-None-Match": f'"other", {etag}'})[0] == 304
    assert served.get("/timeline.ics", headers={"If-Modified-Since": modified})[0] == 304
    earlier = email.utils.format_datetime(email.utils.parsedate_to_datetime(modified) - datetime.timedelta(seconds=1), usegmt=True)
    assert served.get("/timeline.ics", headers={"If-Modified-Since": earlier})[0] == 200
    # If-None-Match decides when both are sent (RFC 9110, 13.2.2)
    assert served.get("/timeline.ics", headers={"If-None-Match": '"other"', "If-Modified-Since": modified})[0] == 200


def test_the_calendar_is_the_same_bytes_until_the_data_changes(write_data):
    path = write_data(EVENTS)
    first, second = DataSite(path, today=lambda: AS_OF).build(), DataSite(path, today=lambda: AS_OF).build()
    assert first["/timeline.ics"].body == second["/timeline.ics"].body  # DTSTAMP is the data's time, not now


def test_an_edit_is_served_on_the_next_request(served):
    _, headers, _ = served.get("/timeline.ics")
    edit(served.path, "title: Alpha", "title: Alpha renamed")
    status, new, body = served.get("/timeline.ics", headers={"If-None-Match": headers["ETag"]})
    assert status == 200 and summaries(body)["happens.a@timeline"] == "Alpha renamed"
    assert new["ETag"] != headers["ETag"]
    assert email.utils.parsedate_to_datetime(new["Last-Modified"]) > email.utils.parsedate_to_datetime(headers["Last-Modified"])
    assert "timeline serve: reloaded the data" in served.log


def test_a_bad_edit_keeps_the_last_good_data_and_says_so_once(served):
    _, headers, body = served.get("/timeline.ics")
    edit(served.path, "date: 2025-11-10", "date: 2025-13-45")
    for _ in range(3):
        status, again, same = served.get("/timeline.ics")
        assert (status, same, again["ETag"]) == (200, body, headers["ETag"])
    refused = [line for line in served.log if "refused" in line]
    assert len(refused) == 1
    assert refused[0].startswith("timeline serve: refused the changed data: events.yaml:")
    assert refused[0].endswith("; still serving the last good data")
    edit(served.path, "date: 2025-13-45", "date: 2025-11-11")
    status, _, fixed = served.get("/timeline.ics")
    assert b"DTSTART;VALUE=DATE:20251111" in fixed


def test_a_changed_seed_is_checked_too(served):
    _, _, body = served.get("/timeline.ics")
    (served.path.parent / "seed.txt").write_text(SEED_TEXT.replace("10 November", "11 November"), encoding="utf-8")
    assert served.get("/timeline.ics")[2] == body
    (refused,) = [line for line in served.log if "refused" in line]
    assert "events.yaml:6:" in refused and "quote not found in source 'art'" in refused


def test_a_bad_data_file_at_start_is_refused(write_data):
    path = write_data("- {id: a, title: A}\n")
    with pytest.raises(TimelineError):
        make_server(DataSite(path).build, port=0)


def test_it_binds_to_loopback_by_default(write_data):
    server = make_server(DataSite(write_data(EVENTS)).build, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_sigterm_stops_it_cleanly_with_status_0(write_data):
    path = write_data(EVENTS)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "timeline.publish", "serve", "-f", str(path), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        first = process.stderr.readline().decode()
        assert first == f"timeline serve: http://127.0.0.1:{port}/timeline.ics (SIGTERM or Ctrl-C stops)\n"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/timeline.ics", timeout=10) as response:
            assert response.status == 200
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert time.monotonic() - started < 5
        rest = process.stderr.read().decode()
        assert rest.splitlines()[-1] == "timeline serve: stopped" and "Traceback" not in rest
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_a_port_in_use_is_one_clear_error(write_data):
    path = write_data(EVENTS)
    first = make_server(DataSite(path).build, port=0)
    try:
        port = first.server_address[1]
        result = subprocess.run([sys.executable, "-m", "timeline.publish", "serve", "-f", str(path), "--port", str(port)],
                                cwd=ROOT, capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 1
        assert result.stderr.decode().splitlines() == [f"serve: cannot listen on 127.0.0.1:{port}: Address already in use"]
    finally:
        first.server_close()
