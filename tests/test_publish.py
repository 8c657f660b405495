"""`timeline publish`: the CalDAV sync, driven against a real Radicale server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

import icalendar
import pytest
from calendar_clients import need
from conftest import ROOT, SHIPPED
from radicale_server import PASSWORD, USER, Radicale

from timeline.model import TimelineError
from timeline.publish.caldav_sync import ConflictError, sync
from timeline.publish.resources import split

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
LATER = "1767229200"  # an hour later: every DTSTAMP, LAST-MODIFIED and SEQUENCE changes

EVENTS = (
    "- {id: a, title: Alpha, kind: deadline, certainty: confirmed, date: 2025-11-10, sources: [{source: art, quote: The truce expires on 10 November.}]}\n"
    "- {id: w, title: Window, kind: suspension, certainty: confirmed, window: {start: 2025-11-10, for: 1 year}, sources: [{source: art, quote: Tariffs are suspended for one year.}]}\n"
    "- {id: v, title: Visit, kind: visit, certainty: announced, date: 2026-04, sources: [{source: art, quote: The visit is planned for next April.}]}\n"
)
ALL = {"happens.a@timeline", "starts.w@timeline", "ends.w@timeline", "happens.v@timeline"}

FOREIGN = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:team-meeting-42@example.com\r\nDTSTAMP:20251101T090000Z\r\nDTSTART:20251112T090000Z\r\n"
           b"DTEND:20251112T100000Z\r\nSUMMARY:Compliance team meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


@pytest.fixture
def calendar_url(radicale):
    return radicale.calendar()


@pytest.fixture
def export(invoke, monkeypatch):
    """The calendar text exactly as `timeline ics` writes it."""

    def run(path, *args, epoch=EPOCH):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = invoke("ics", "-f", path, *args)
        assert result.exit_code == 0, result.output
        return result.stdout_bytes

    return run


def publish(url, text, **kwargs):
    return sync(url, text, user=USER, password=PASSWORD, **kwargs)


def stored(radicale) -> dict[str, icalendar.Event]:
    """What the server keeps, read from its own storage files: UID → event."""
    folder = radicale.storage / "collection-root" / USER / "policy"
    found = {}
    for name in radicale.items():
        event = icalendar.Calendar.from_ical((folder / name).read_bytes()).walk("VEVENT")[0]
        found[str(event["UID"])] = event
    return found


def summaries(radicale) -> dict[str, str]:
    return {uid: str(event["SUMMARY"]) for uid, event in stored(radicale).items()}


# --- the runs ---------------------------------------------------------------------------


def test_first_run_creates_every_event_of_the_export(radicale, calendar_url, export):
    text = export(SHIPPED)
    result = publish(calendar_url, text)
    exported = {r.uid: r for r in split(text)}
    assert sorted(result.created) == sorted(exported) and len(exported) > 20
    assert result.updated == result.deleted == result.unchanged == []
    on_server = stored(radicale)
    assert set(on_server) == set(exported)
    expected = {uid: str(icalendar.Calendar.from_ical(r.body).walk("VEVENT")[0]["SUMMARY"]) for uid, r in exported.items()}
    assert summaries(radicale) == expected
    assert result.summary() == f"{len(exported)} created, 0 updated, 0 deleted, 0 unchanged"


def test_a_second_unchanged_run_writes_nothing(radicale, calendar_url, export):
    text = export(SHIPPED)
    publish(calendar_url, text)
    before = radicale.items()
    time.sleep(0.01)
    result = publish(calendar_url, export(SHIPPED))
    assert radicale.items() == before  # same files, same modification times
    assert sorted(result.unchanged) == sorted(r.uid for r in split(text))
    assert result.created == result.updated == result.deleted == []


def test_an_edited_title_is_one_update(radicale, calendar_url, export, write_data):
    path = write_data(EVENTS)
    publish(calendar_url, export(path))
    before = radicale.items()
    path.write_text(path.read_text().replace("title: Alpha", "title: Alpha renamed"))
    result = publish(calendar_url, export(path, epoch=LATER))  # DTSTAMP, LAST-MODIFIED, SEQUENCE all differ
    assert result.updated == ["happens.a@timeline"]
    assert sorted(result.unchanged) == sorted(ALL - {"happens.a@timeline"})
    assert summaries(radicale)["happens.a@timeline"] == "Alpha renamed"
    after = radicale.items()
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {"happens.a.timeline.ics"}


def test_a_filter_deletes_what_falls_outside_it(radicale, calendar_url, export, write_data):
    path = write_data(EVENTS)
    publish(calendar_url, export(path))
    result = publish(calendar_url, export(path, "--kind", "suspension"))
    assert sorted(result.deleted) == ["happens.a@timeline", "happens.v@timeline"]
    assert sorted(result.unchanged) == ["ends.w@timeline", "starts.w@timeline"]
    assert set(stored(radicale)) == {"starts.w@timeline", "ends.w@timeline"}


def test_a_foreign_event_on_the_calendar_is_never_touched(radicale, calendar_url, export, write_data):
    status, _, _ = radicale.request("PUT", f"/{USER}/policy/meeting.ics", FOREIGN, {"Content-Type": "text/calendar"})
    assert status == 201
    mtime = radicale.items()["meeting.ics"]
    path = write_data(EVENTS)
    first = publish(calendar_url, export(path))
    second = publish(calendar_url, export(path, "--kind", "visit"))  # deletes all of ours but one
    assert first.foreign == second.foreign == 1
    assert "team-meeting-42@example.com" not in second.deleted + second.updated
    assert set(stored(radicale)) == {"team-meeting-42@example.com", "happens.v@timeline"}
    assert radicale.items()["meeting.ics"] == mtime


def test_dry_run_reports_the_plan_and_writes_nothing(radicale, calendar_url, export, write_data):
    path = write_data(EVENTS)
    result = publish(calendar_url, export(path), dry_run=True)
    assert sorted(result.created) == sorted(ALL) and result.dry_run
    assert radicale.items() == {}
    assert result.summary().endswith("(dry run: nothing was written)")
    assert result.as_json()["created"] == 4 and result.as_json()["uids"]["created"] == result.created


def test_a_run_cut_off_midway_leaves_whole_events_and_the_next_run_completes_it(radicale, calendar_url, export):
    text = export(SHIPPED)
    total = len(split(text))
    failure: list[BaseException] = []

    def run():
        try:
            publish(calendar_url, text, timeout=5)
        except TimelineError as exc:
            failure.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 30
    while len(radicale.items()) < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    radicale.stop()  # the server goes away in the middle of the run
    worker.join(30)
    assert len(failure) == 1 and str(failure[0]).startswith(f"publish: 127.0.0.1:{radicale.port}: "), failure
    partial = stored(radicale)  # every stored event parses whole
    assert 3 <= len(partial) < total
    radicale.start()
    result = publish(calendar_url, text)
    assert len(result.created) == total - len(partial)
    assert sorted(result.unchanged) == sorted(partial)
    assert len(stored(radicale)) == total


# --- someone else edited our event on the server -------------------------------------------


def edit_on_server(radicale, name: str, old: str, new: str) -> None:
    """What a calendar program does: GET, change, PUT with If-Match."""
    status, headers, body = radicale.request("GET", f"/{USER}/policy/{name}")
    assert status == 200
    status, _, _ = radicale.request("PUT", f"/{USER}/policy/{name}", body.replace(old.encode(), new.encode()),
                                    {"Content-Type": "text/calendar", "If-Match": headers["ETag"]})
    assert status in (201, 204)


def test_an_event_edited_on_the_server_is_reported_not_overwritten_unless_forced(radicale, calendar_url, export, write_data):
    path = write_data(EVENTS)
    publish(calendar_url, export(path))
    edit_on_server(radicale, "happens.a.timeline.ics", "SUMMARY:Alpha", "SUMMARY:Alpha (moved to room 2)")
    path.write_text(path.read_text().replace("title: Visit", "title: State visit"))
    with pytest.raises(ConflictError) as caught:
        publish(calendar_url, export(path, epoch=LATER))
    assert [str(e) for e in caught.value.errors] == [
        "publish: happens.a@timeline: changed on the server since timeline wrote it; left as it is (--force overwrites it)"]
    assert caught.value.result.updated == ["happens.v@timeline"]  # the rest of the run was done
    assert summaries(radicale)["happens.a@timeline"] == "Alpha (moved to room 2)"
    assert summaries(radicale)["happens.v@timeline"] == "State visit (April 2026, day not known)"

    forced = publish(calendar_url, export(path, epoch=LATER), force=True)
    assert forced.updated == ["happens.a@timeline"]
    assert summaries(radicale)["happens.a@timeline"] == "Alpha"
    again = publish(calendar_url, export(path, epoch=LATER))  # in step again: no conflict, no writes
    assert sorted(again.unchanged) == sorted(ALL)


def test_an_event_edited_on_the_server_is_not_deleted_either(radicale, calendar_url, export, write_data):
    path = write_data(EVENTS)
    publish(calendar_url, export(path))
    edit_on_server(radicale, "happens.a.timeline.ics", "SUMMARY:Alpha", "SUMMARY:Alpha (notes added)")
    with pytest.raises(ConflictError) as caught:
        publish(calendar_url, export(path, "--kind", "suspension"))
    assert caught.value.result.conflicts == ["happens.a@timeline"]
    assert caught.value.result.deleted == ["happens.v@timeline"]
    assert "happens.a@timeline" in stored(radicale)


def test_a_change_on_the_server_during_the_run_is_a_412_and_not_overwritten(radicale, calendar_url, export, write_data):
    """The conditional PUT itself: an ETag that is no longer current is refused by the server."""
    import caldav

    from timeline.publish import caldav_sync

    path = write_data(EVENTS)
    publish(calendar_url, export(path))
    _, headers, _ = radicale.request("GET", f"/{USER}/policy/happens.a.timeline.ics")
    stale = headers["ETag"]
    edit_on_server(radicale, "happens.a.timeline.ics", "SUMMARY:Alpha", "SUMMARY:Alpha (edited meanwhile)")
    (resource,) = [r for r in split(export(path, epoch=LATER)) if r.uid == "happens.a@timeline"]
    client = caldav.DAVClient(url=calendar_url, username=USER, password=PASSWORD, enable_rfc6764=False)
    target = calendar_url + resource.name
    assert caldav_sync._put(client, target, resource.body, {"If-Match": stale}) is False
    assert summaries(radicale)["happens.a@timeline"] == "Alpha (edited meanwhile)"
    assert caldav_sync._put(client, target, resource.body, {"If-None-Match": "*"}) is False  # create: exists already


# --- faults: one line, nothing written -------------------------------------------------------


def test_a_wrong_password_is_one_clear_error(radicale, calendar_url, export, write_data):
    with pytest.raises(TimelineError) as caught:
        sync(calendar_url, export(write_data(EVENTS)), user=USER, password="wrong")
    assert [str(e) for e in caught.value.errors] == [
        f"publish: {calendar_url}: wrong user name or password (HTTP 401) for user '{USER}'"]
    assert radicale.items() == {}


def test_no_password_at_all_says_where_to_put_one(radicale, calendar_url, export, write_data, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    with pytest.raises(TimelineError, match=r"HTTP 401\): set \$TIMELINE_CALDAV_PASSWORD or add 'machine 127.0.0.1' to ~/.netrc"):
        sync(calendar_url, export(write_data(EVENTS)), user=USER, environ={})


def test_another_users_calendar_is_forbidden(radicale, calendar_url, export, write_data):
    (radicale.tmp / "users").write_text(f"{USER}:{PASSWORD}\nbob:bobs password\n")
    with pytest.raises(TimelineError, match=r"permission denied \(HTTP 403\): user 'bob' may not write to this calendar"):
        sync(calendar_url, export(write_data(EVENTS)), user="bob", password="bobs password")
    assert radicale.items() == {}


def test_a_stopped_server_is_one_clear_error(radicale, calendar_url, export, write_data):
    radicale.stop()
    with pytest.raises(TimelineError) as caught:
        publish(calendar_url, export(write_data(EVENTS)))
    assert [str(e) for e in caught.value.errors] == [f"publish: 127.0.0.1:{radicale.port}: cannot connect (Connection refused)"]


def test_a_server_that_never_answers_times_out(export, write_data):
    with socket.socket() as silent:  # accepts connections (the kernel does) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(TimelineError) as caught:
            publish(f"http://127.0.0.1:{port}/alice/policy/", export(write_data(EVENTS)), timeout=1)
        assert time.monotonic() - started < 20
    assert str(caught.value) == f"publish: 127.0.0.1:{port}: no answer within 1 s"


def test_an_unknown_host_is_one_clear_error(export, write_data):
    with pytest.raises(TimelineError) as caught:
        publish("https://calendar.example.invalid/alice/policy/", export(write_data(EVENTS)), timeout=5)
    assert str(caught.value) == "publish: calendar.example.invalid: cannot connect (the host name is not known)"


def test_a_url_that_is_not_a_calendar(radicale, export, write_data):
    with pytest.raises(TimelineError, match=r"nothing-here/: no calendar there \(HTTP 404\)$"):
        publish(radicale.url + f"{USER}/nothing-here/", export(write_data(EVENTS)))


def test_the_https_certificate_is_checked_by_default(export, write_data, tmp_path):
    """A TLS server with a self-signed certificate: refused unless verify=False."""
    import ssl

    need(shutil.which("openssl") is not None, "openssl", "apt-get install openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                           "-days", "1", "-subj", "/CN=127.0.0.1"], capture_output=True)
    if made.returncode != 0:
        pytest.fail("openssl could not make a test certificate: " + made.stderr.decode(errors="replace"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]

    def accept():
        try:
            conn, _ = listener.accept()
            with context.wrap_socket(conn, server_side=True):
                pass
        except (OSError, ssl.SSLError):
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        with pytest.raises(TimelineError) as caught:
            publish(f"https://127.0.0.1:{port}/alice/policy/", export(write_data(EVENTS)), timeout=5)
        assert str(caught.value).startswith(f"publish: 127.0.0.1:{port}: the HTTPS certificate check failed (certificate verify failed: ")
    finally:
        listener.close()


# --- input and credentials -----------------------------------------------------------------------


def test_input_that_is_not_our_calendar_is_refused_before_any_request():
    with pytest.raises(TimelineError, match="not an iCalendar file"):
        publish("http://127.0.0.1:9/", b"hello")
    foreign = FOREIGN.decode()
    with pytest.raises(TimelineError, match="UID 'team-meeting-42@example.com' was not made by timeline"):
        publish("http://127.0.0.1:9/", foreign)


def test_a_password_in_the_url_is_refused():
    with pytest.raises(TimelineError, match=r"the URL holds a password; give it in \$TIMELINE_CALDAV_PASSWORD"):
        sync("https://alice:secret@dav.example.com/alice/policy/", FOREIGN, environ={})


def test_the_password_comes_from_the_environment(radicale, calendar_url, export, write_data):
    result = sync(calendar_url, export(write_data(EVENTS)), user=USER, environ={"TIMELINE_CALDAV_PASSWORD": PASSWORD})
    assert len(result.created) == 4


def test_the_password_and_user_come_from_netrc(radicale, calendar_url, export, write_data, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine example.org login someone password other\nmachine 127.0.0.1 login {USER} password \"{PASSWORD}\"\n")
    netrc.chmod(0o600)
    result = sync(calendar_url, export(write_data(EVENTS)), environ={"NETRC": str(netrc)})
    assert len(result.created) == 4


def test_a_netrc_others_can_read_is_refused(calendar_url, export, write_data, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password x\n")
    netrc.chmod(0o644)
    with pytest.raises(TimelineError, match=r"netrc: other users may read it: make it private with chmod 600"):
        sync(calendar_url, export(write_data(EVENTS)), environ={"NETRC": str(netrc)})


def test_a_broken_netrc_is_reported_with_its_line(calendar_url, export, write_data, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice\nmachine other.org passwrd x\n")
    netrc.chmod(0o600)
    with pytest.raises(TimelineError, match=r"netrc:2: cannot use it: bad follower token 'passwrd'"):
        sync(calendar_url, export(write_data(EVENTS)), environ={"NETRC": str(netrc)})


# --- the command: exit status and one line ------------------------------------------------------------


def run_module(*args, stdin: bytes = b"", env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "TIMELINE_CALDAV_PASSWORD"}
    env.update(env_extra or {})
    env["HOME"] = env.get("HOME_FOR_TEST", env.get("HOME", ""))
    return subprocess.run([sys.executable, "-m", "timeline.publish", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=120)


def test_the_command_prints_a_summary_or_json_and_exits_0(radicale, calendar_url, export, write_data):
    text = export(write_data(EVENTS))
    env = {"TIMELINE_CALDAV_PASSWORD": PASSWORD}
    first = run_module("sync", calendar_url, "--user", USER, stdin=text, env_extra=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.decode() == "4 created, 0 updated, 0 deleted, 0 unchanged\n" and first.stderr == b""
    second = run_module("sync", calendar_url, "--user", USER, "--json", stdin=text, env_extra=env)
    import json

    assert json.loads(second.stdout)["unchanged"] == 4 and second.returncode == 0


def test_the_command_fails_with_one_line_and_status_1(radicale, calendar_url, export, write_data):
    text = export(write_data(EVENTS))
    wrong = run_module("sync", calendar_url, "--user", USER, stdin=text, env_extra={"TIMELINE_CALDAV_PASSWORD": "nope"})
    assert wrong.returncode == 1
    assert wrong.stderr.decode().splitlines() == [f"publish: {calendar_url}: wrong user name or password (HTTP 401) for user '{USER}'"]
    radicale.stop()
    down = run_module("sync", calendar_url, "--user", USER, stdin=text, env_extra={"TIMELINE_CALDAV_PASSWORD": PASSWORD})
    assert down.returncode == 1 and len(down.stderr.decode().splitlines()) == 1 and b"Traceback" not in down.stderr


def test_the_resources_carry_the_export_unchanged_but_for_their_hash(export):
    text = export(SHIPPED).decode()
    for resource in split(text):
        assert resource.body.count("BEGIN:VEVENT") == 1 and resource.body.endswith("END:VCALENDAR\r\n")
        event = resource.body[resource.body.index("BEGIN:VEVENT"):resource.body.index("X-TIMELINE-HASH")]
        assert event in text
        assert f"X-TIMELINE-HASH:{resource.fingerprint}\r\nEND:VEVENT" in resource.body


# --- the fingerprint: meaning, not bytes ------------------------------------------------------------

EVENT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:happens.a@timeline\r\nDTSTAMP:20260101T000000Z\r\n"
         "DTSTART;VALUE=DATE:20251110\r\nSUMMARY:Alpha\\, first\r\nCATEGORIES:deadline,trade\r\nSEQUENCE:5\r\n"
         "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P6DT15H\r\nDESCRIPTION:In 7 days\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def mark(text: str) -> str:
    from timeline.publish.resources import fingerprint

    return fingerprint(icalendar.Calendar.from_ical(text).walk("VEVENT")[0])


@pytest.mark.parametrize("change", [
    lambda t: t.replace("DTSTAMP:20260101T000000Z", "DTSTAMP:20270101T000000Z").replace("SEQUENCE:5", "SEQUENCE:9"),
    lambda t: t.replace("SUMMARY:Alpha\\, first\r\n", "SUMMARY:Alpha\\, fi\r\n rst\r\n"),  # refolded
    lambda t: t.replace("CATEGORIES:deadline,trade\r\n", "") .replace("SEQUENCE:5\r\n", "SEQUENCE:5\r\nCATEGORIES:deadline,trade\r\n"),  # reordered
    lambda t: t.replace("TRIGGER:-P6DT15H", "TRIGGER:-P6DT15H0M0S"),  # the same duration
    lambda t: t.replace("END:VEVENT", "X-MOZ-LASTACK:20251104T090000Z\r\nCREATED:20251101T000000Z\r\nEND:VEVENT"),
], ids=["stamps", "folding", "order", "duration", "other-programs-marks"])
def test_the_fingerprint_ignores_what_does_not_change_the_event(change):
    assert mark(change(EVENT)) == mark(EVENT)


@pytest.mark.parametrize("change", [
    lambda t: t.replace("SUMMARY:Alpha", "SUMMARY:Alpha moved"),
    lambda t: t.replace("DTSTART;VALUE=DATE:20251110", "DTSTART;VALUE=DATE:20251111"),
    lambda t: t.replace("TRIGGER:-P6DT15H", "TRIGGER:-P13DT15H"),
    lambda t: t.replace("END:VEVENT", "LOCATION:Room 2\r\nEND:VEVENT"),
    lambda t: t.replace("CATEGORIES:deadline,trade", "CATEGORIES:deadline"),
], ids=["title", "day", "alarm", "added-location", "categories"])
def test_the_fingerprint_sees_every_edit(change):
    assert mark(change(EVENT)) != mark(EVENT)


def test_a_mark_from_another_fingerprint_scheme_is_not_taken_for_an_edit():
    from timeline.publish.resources import read_stored

    current = read_stored("u", None, EVENT.replace("END:VEVENT", f"X-TIMELINE-HASH:{mark(EVENT)}\r\nEND:VEVENT"))
    assert current is not None and not current.edited_elsewhere
    edited = EVENT.replace("SUMMARY:Alpha", "SUMMARY:Alpha moved")
    assert read_stored("u", None, edited.replace("END:VEVENT", f"X-TIMELINE-HASH:{mark(EVENT)}\r\nEND:VEVENT")).edited_elsewhere
    older = read_stored("u", None, edited.replace("END:VEVENT", "X-TIMELINE-HASH:f0-i5-0123456789abcdef\r\nEND:VEVENT"))
    assert older is not None and not older.edited_elsewhere
