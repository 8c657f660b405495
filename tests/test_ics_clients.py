"""The calendar file as real readers see it: strict parsers, libical, ical.js,
khal and calcurse.  Missing programs skip locally and fail under .ci/run."""

import datetime
import os
import subprocess
import sys

import pytest
from calendar_clients import Calcurse, Khal, icaljs, libical
from conftest import SHIPPED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ics import events as vevents

EPOCH = "1767225600"


@pytest.fixture(scope="module")
def shipped_ics(tmp_path_factory):
    out = tmp_path_factory.mktemp("ics") / "timeline.ics"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run([sys.executable, "-m", "timeline", "ics", "-f", str(SHIPPED), "-o", str(out)],
                   check=True, env=env, capture_output=True)
    return out


def expected_starts(path):
    """UID → (DTSTART value, is it a date) as we wrote them."""
    found = {}
    for event in vevents(path.read_bytes().decode()):
        if "DTSTART;VALUE=DATE" in event:
            found[event["UID"][0]] = (event["DTSTART;VALUE=DATE"][0], True)
        else:
            found[event["UID"][0]] = (event["DTSTART"][0], False)
    return found


# --- parsers ------------------------------------------------------------------------------


def test_the_strict_ical_parser_reads_it(shipped_ics):
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(shipped_ics.read_text(encoding="utf-8"))
    assert len(calendar.events) == 28
    assert calendar.refresh_interval == datetime.timedelta(days=1)
    visit = next(e for e in calendar.events if e.uid == "happens.trump-visit-china@timeline")
    assert visit.dtstart == datetime.date(2026, 4, 1) and visit.dtend == datetime.date(2026, 4, 2)
    timed = next(e for e in calendar.events if e.uid == "happens.busan-meeting-scheduled-end@timeline")
    assert timed.dtstart == datetime.datetime(2025, 10, 30, 3, 30, tzinfo=datetime.timezone.utc)


def test_icalendar_reads_back_every_date_summary_and_uid(shipped_ics):
    import icalendar

    calendar = icalendar.Calendar.from_ical(shipped_ics.read_bytes())
    expected = expected_starts(shipped_ics)
    seen = {}
    for event in calendar.walk("VEVENT"):
        assert not event.errors, event.errors
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        uid = str(event["UID"])
        if isinstance(start, datetime.datetime):
            assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(0)
            seen[uid] = (start.strftime("%Y%m%dT%H%M%SZ"), False)
            assert end - start == datetime.timedelta(minutes=30)
        else:
            seen[uid] = (start.strftime("%Y%m%d"), True)
            assert end - start == datetime.timedelta(days=1)
        assert str(event["SUMMARY"])
        assert event.decoded("DTSTAMP") == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert seen == expected
    assert str(calendar["X-WR-CALNAME"]) == "Policy timeline"


def test_vobject_validates_it(shipped_ics):
    import vobject

    calendar = vobject.readOne(shipped_ics.read_text(encoding="utf-8"), validate=True)
    assert len(calendar.vevent_list) == 28


def test_libical_reports_no_errors(shipped_ics):
    result = libical(shipped_ics)
    assert result["errors"] == []
    assert {e["uid"]: (e["start"], e["is_date"]) for e in result["events"]} == expected_starts(shipped_ics)


def test_libical_check_can_fail(tmp_path, shipped_ics):
    broken = tmp_path / "broken.ics"
    broken.write_text(shipped_ics.read_text(encoding="utf-8").replace("DTSTART:20251030T033000Z", "DTSTART:garbage", 1),
                      encoding="utf-8", newline="")
    assert libical(broken)["errors"]


def test_icaljs_gives_every_timed_event_its_utc_instant_and_no_floating_time(shipped_ics):
    result = icaljs(shipped_ics)
    assert result["ok"], result["errors"]
    timed = {e["uid"]: e["utc"] for e in result["events"] if not e["is_date"]}
    assert timed == {
        "happens.busan-meeting-scheduled-end@timeline": "2025-10-30T03:30:00.000Z",
        "happens.trump-departs-busan@timeline": "2025-10-30T03:45:00.000Z",
    }
    assert not any(e["floating"] for e in result["events"])
    dates = {e["uid"]: e["start"] for e in result["events"] if e["is_date"]}
    assert dates["happens.trump-visit-china@timeline"] == "2026-04-01"
    alarms = next(e for e in result["events"] if e["uid"] == "ends.trade-truce@timeline")["alarms"]
    assert [a["trigger"] for a in alarms] == ["-P29DT15H", "-P6DT15H", "-PT15H"]
    assert all(a["action"] == "DISPLAY" and a["description"] for a in alarms)


# --- calendar programs -------------------------------------------------------------------------


def test_khal_imports_twice_and_keeps_one_event_per_vevent(shipped_ics, tmp_path):
    khal = Khal(tmp_path)
    for _ in range(2):
        result = khal.import_file(shipped_ics)
        assert result.returncode == 0, result.stderr
    assert len(khal.stored()) == 28
    rows = {r["uid"]: r for r in khal.listing("2019-01-01", "2027-12-31")}
    assert len(rows) == 28
    visit = rows["happens.trump-visit-china@timeline"]  # month precision
    assert (visit["start_date"], visit["all_day"]) == ("2026-04-01", True)
    assert "April 2026, day not known" in visit["title"]
    end = rows["ends.reciprocal-tariff-suspension@timeline"]  # a window end
    assert (end["start_date"], end["end_date"], end["all_day"]) == ("2026-11-10", "2026-11-10", True)
    timed = rows["happens.busan-meeting-scheduled-end@timeline"]
    assert (timed["start_date"], timed["start_time"], timed["all_day"]) == ("2025-10-30", "03:30", False)


def test_khal_shows_timed_events_in_local_time(shipped_ics, tmp_path):
    khal = Khal(tmp_path, tz="Asia/Seoul")
    assert khal.import_file(shipped_ics).returncode == 0
    rows = {r["uid"]: r for r in khal.listing("2025-10-30", "2025-10-30")}
    assert rows["happens.busan-meeting-scheduled-end@timeline"]["start_time"] == "12:30"
    assert rows["happens.trump-departs-busan@timeline"]["start_time"] == "12:45"


def test_calcurse_imports_with_nothing_skipped(shipped_ics, tmp_path):
    calcurse = Calcurse(tmp_path)
    report = calcurse.import_file(shipped_ics)
    assert report["rc"] == 0, report
    assert report["counts"] == {"apps": 2, "events": 26, "todos": 0, "skipped": 0}
    items = calcurse.listing("2019-01-01", "2027-12-31")
    by_summary = {i["summary"]: i for i in items}
    visit = by_summary["Trump to visit China (April 2026, day not known)"]
    assert (visit["day"], visit["kind"]) == ("2026-04-01", "EVENT")
    end = by_summary['Continued suspension of the 24% "reciprocal" tariff on Chinese goods: ends (date assumed)']
    assert (end["day"], end["kind"]) == ("2026-11-10", "EVENT")
    timed = by_summary["Busan meeting scheduled to end (expected)"]
    assert (timed["kind"], timed["start"], timed["end"]) == ("APT", "2025-10-30T03:30", "2025-10-30T04:00")


# --- property: export, then parse, gives back the same dates ------------------------------------

days = st.dates(min_value=datetime.date(1971, 1, 1), max_value=datetime.date(2099, 12, 31))
precisions = st.sampled_from(["day", "month", "year"])
times = st.one_of(st.none(), st.times().map(lambda t: t.replace(microsecond=0)))
zones = st.sampled_from(["UTC", "Asia/Seoul", "America/New_York", "Europe/Brussels", "Australia/Lord_Howe"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(days, precisions, times, zones), min_size=1, max_size=8))
def test_generated_events_round_trip_through_the_calendar(tmp_path_factory, items):
    import icalendar
    import pendulum

    folder = tmp_path_factory.mktemp("prop")
    (folder / "seed.txt").write_text("A quoted sentence.\n", encoding="utf-8")
    lines = ["sources: [{id: s, file: seed.txt, published: 2025-01-01}]", "events:"]
    expected = {}
    for n, (day, precision, time, zone) in enumerate(items):
        text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
        lines.append(f"  - {{id: e{n}, title: Event {n}, kind: k, certainty: confirmed, date: '{text}',"
                     " sources: [{source: s, quote: A quoted sentence.}]")
        if time is not None and precision == "day":
            lines[-1] += f", time: '{time.isoformat()}', timezone: {zone}"
            expected[f"happens.e{n}@timeline"] = pendulum.datetime(
                day.year, day.month, day.day, time.hour, time.minute, time.second, tz=zone).in_tz("UTC")
        else:
            first = pendulum.parse(text + ("-01" * (2 - text.count("-")))).date() if precision != "day" else day
            expected[f"happens.e{n}@timeline"] = datetime.date(first.year, first.month, first.day)
        lines[-1] += "}"
    data = folder / "events.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out.ics"
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, ["ics", "-f", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    got = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        got[str(event["UID"])] = start
    assert set(got) == set(expected)
    for uid, value in expected.items():
        if isinstance(value, datetime.datetime):
            assert got[uid] == value and got[uid].utcoffset() == datetime.timedelta(0)
        else:
            assert not isinstance(got[uid], datetime.datetime) and got[uid] == value
