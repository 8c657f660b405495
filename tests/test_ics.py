"""`timeline ics`: the calendar file itself, checked line by line against RFC 5545."""

import os
import re
import subprocess
import sys

import pytest
from conftest import GOLDEN, SHIPPED

from timeline import __version__

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def unfold(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.split("\r\n"):
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def events(text: str) -> list[dict]:
    """VEVENTs as {NAME: [values…]} (parameters kept in the name, e.g. 'DTSTART;VALUE=DATE')."""
    found, current, depth = [], None, 0
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current, depth = {"VALARM": []}, 0
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            if line == "BEGIN:VALARM":
                depth = 1
                current["VALARM"].append({})
            elif line == "END:VALARM":
                depth = 0
            else:
                name, _, value = line.partition(":")
                target = current["VALARM"][-1] if depth else current
                target.setdefault(name, []).append(value)
    return found


def by_uid(text: str) -> dict:
    return {e["UID"][0]: e for e in events(text)}


@pytest.fixture
def export(invoke, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def run(*args, file=SHIPPED):
        result = invoke("ics", "-f", file, *args)
        assert result.exit_code == 0, result.output
        return result.stdout_bytes.decode("utf-8")  # .stdout turns CRLF into LF

    return run


def test_structure_and_calendar_properties(export):
    text = export()
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    lines = unfold(text)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline 0.1.0//EN"]
    header = lines[1:lines.index("BEGIN:VEVENT")]
    names = {line.split(":")[0].split(";")[0] for line in header}
    assert names == {"VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"}
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1D" in header and "CALSCALE:GREGORIAN" in header
    for forbidden in ("METHOD", "ORGANIZER", "ATTENDEE"):
        assert not any(line.startswith(forbidden) for line in lines)


def test_lines_are_folded_at_75_octets_without_splitting_a_character(export):
    text = export()
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical), "the Chinese quotes need folding"
    for line in physical:
        line.encode("utf-8").decode("utf-8", errors="strict")
    # unfolding gives back the whole quote
    assert "週四中午，中國領導人習近平與美國總統特朗普在韓國釜山的會晤結束。" in "".join(unfold(text))


def test_day_precision_is_an_all_day_event_with_an_explicit_end(export):
    event = by_uid(export())["happens.china-oct9-controls-phase-1@timeline"]
    assert event["DTSTART;VALUE=DATE"] == ["20251108"]
    assert event["DTEND;VALUE=DATE"] == ["20251109"]
    assert event["TRANSP"] == ["TRANSPARENT"]
    assert event["SUMMARY"] == ["China's October 9 controls\\, first phase due to take effect (may be postponed a year)"]


def test_month_precision_is_marked_and_has_no_alarm(export):
    event = by_uid(export())["happens.trump-visit-china@timeline"]
    assert event["DTSTART;VALUE=DATE"] == ["20260401"]
    assert event["DTEND;VALUE=DATE"] == ["20260402"]
    assert event["SUMMARY"] == ["Trump to visit China (April 2026\\, day not known)"]
    assert event["X-TIMELINE-DATE"] == ["2026-04"]
    assert event["VALARM"] == []


def test_a_timed_event_is_at_its_instant_in_utc(export):
    event = by_uid(export())["happens.busan-meeting-scheduled-end@timeline"]
    assert event["DTSTART"] == ["20251030T033000Z"]  # 12:30 in Seoul
    assert event["DTEND"] == ["20251030T040000Z"]
    assert not any(k.startswith("DTSTART;TZID") for k in event)


def test_windows_give_a_start_and_an_end_event_marked_when_assumed(export):
    text = export()
    uids = by_uid(text)
    start = uids["starts.reciprocal-tariff-suspension@timeline"]
    end = uids["ends.reciprocal-tariff-suspension@timeline"]
    assert start["DTSTART;VALUE=DATE"] == ["20251110"] and end["DTSTART;VALUE=DATE"] == ["20261110"]
    assert end["SUMMARY"] == ['Continued suspension of the 24% "reciprocal" tariff on Chinese goods: ends (date assumed)']
    truce = uids["ends.trade-truce@timeline"]
    assert "assumed" not in truce["SUMMARY"][0]
    assert "starts.trade-truce@timeline" not in uids  # its start is not known


def test_undated_events_are_left_out_and_counted_on_a_terminal_only(invoke, monkeypatch, tmp_path):
    """The note goes to a person at a terminal; a cron job (stderr not a terminal) gets none, nor does -q."""
    import pty

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = invoke("ics", "-f", SHIPPED)
    assert result.exit_code == 0 and result.stderr == ""
    assert "xi-visit-us" not in result.stdout_bytes.decode()

    def stderr_on_a_terminal(*extra):
        leader, follower = pty.openpty()
        proc = subprocess.run([sys.executable, "-m", "timeline", "ics", "-f", str(SHIPPED), "-o", str(tmp_path / "c.ics"), *extra],
                              stderr=follower, stdout=subprocess.DEVNULL, timeout=60)
        os.close(follower)
        try:
            text = os.read(leader, 4096).decode()
        except OSError:  # EIO: nothing was written and the terminal is closed
            text = ""
        os.close(leader)
        assert proc.returncode == 0
        return text.replace("\r\n", "\n")

    assert stderr_on_a_terminal() == "timeline: 16 undated events left out of the calendar (see `timeline list`)\n"
    assert stderr_on_a_terminal("-q") == ""


def test_uids_are_unique_and_only_from_id_and_milestone(export):
    found = events(export())
    uids = [e["UID"][0] for e in found]
    assert len(uids) == len(set(uids)) == 28
    for uid in uids:
        assert re.fullmatch(r"(happens|starts|ends)\.[a-z0-9-]+@timeline", uid)


def test_the_description_explains_the_date_and_quotes_the_source(export):
    event = by_uid(export())["ends.us-affiliates-rule-suspension@timeline"]
    description = event["DESCRIPTION"][0]
    assert description.startswith("US suspension of the 50% affiliates rule\\n")
    assert "Status: announced\\; rests on an assumption" in description
    assert "ends 2026-11-10 = 2025-11-10 + 1 year (since + 1 year)" in description
    assert "assumed: The article says the US will suspend the rule" in description
    assert "「作為交換，美方將暫停實施其9月29日公佈的出口管制50%穿透性規則一年。」" in description
    assert "seeds/bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt" in description


def test_text_escaping_and_urls(export, write_data):
    path = write_data(
        "- id: e\n  title: 'A, B; C \\ D'\n  kind: k\n  certainty: confirmed\n  date: 2025-11-10\n"
        "  note: \"line one\\nline two\"\n"
        "  sources: [{source: art, quote: The truce expires on 10 November.}]\n"
    )
    text = path.read_text().replace("    published: 2025-10-31\n", "    published: 2025-10-31\n    url: https://example.org/a?x=1,y=2;z\n")
    path.write_text(text)
    event = events(export(file=path))[0]
    assert event["SUMMARY"] == ["A\\, B\\; C \\\\ D"]
    assert "Note: line one\\nline two" in event["DESCRIPTION"][0]
    assert event["URL"] == ["https://example.org/a?x=1,y=2;z"]  # a URI: not TEXT-escaped


# --- alarms --------------------------------------------------------------------------------


def test_alarms_from_the_data(export):
    uids = by_uid(export())
    alarms = uids["happens.china-oct9-controls-phase-1@timeline"]["VALARM"]  # the file's default: 30d, 7d, 1d
    assert [a["TRIGGER"] for a in alarms] == [["-P29DT15H"], ["-P6DT15H"], ["-PT15H"]]  # 09:00, N days before
    for alarm in alarms:
        assert alarm["ACTION"] == ["DISPLAY"]
        assert alarm["DESCRIPTION"][0].startswith("In ") and alarm["DESCRIPTION"][0].endswith("first phase due to take effect (may be postponed a year)")
    timed = uids["happens.busan-meeting-scheduled-end@timeline"]["VALARM"]
    assert [a["TRIGGER"] for a in timed] == [["-P30D"], ["-P7D"], ["-P1D"]]  # at the same time of day


def test_alarm_option_and_no_alarms(export):
    uids = by_uid(export("--alarm", "2w,1d"))
    assert [a["TRIGGER"] for a in uids["ends.trade-truce@timeline"]["VALARM"]] == [["-P13DT15H"], ["-PT15H"]]
    assert all(not e["VALARM"] for e in events(export("--no-alarms")))
    # a lead in months is counted on the calendar from the event's date: 31 days before 2025-12-01
    phase2 = by_uid(export("--alarm", "1mo"))["happens.china-oct9-controls-phase-2@timeline"]
    assert phase2["VALARM"][0]["TRIGGER"] == ["-P29DT15H"]


def test_a_bad_alarm_is_a_usage_error(invoke):
    result = invoke("ics", "-f", SHIPPED, "--alarm", "soon")
    assert result.exit_code == 2 and "Invalid value for '--alarm'" in result.stderr


# --- identity, updates and reproducibility ------------------------------------------------------


def test_same_input_and_source_date_epoch_give_identical_bytes_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
        out = tmp_path / f"{seed}.ics"
        subprocess.run([sys.executable, "-m", "timeline", "ics", "-f", str(SHIPPED), "-o", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"DTSTAMP:20260101T000000Z" in outputs[0] and b"LAST-MODIFIED:20260101T000000Z" in outputs[0]


def test_without_source_date_epoch_dtstamp_is_now_and_last_modified_the_file_time(invoke, write_data):
    path = write_data("- {id: e, title: E, kind: k, certainty: confirmed, date: 2025-11-10,"
                      " sources: [{source: art, quote: The truce expires on 10 November.}]}\n")
    os.utime(path, (1767225600, 1767225600))
    (event,) = events(invoke("ics", "-f", path).stdout_bytes.decode())
    assert event["LAST-MODIFIED"] == ["20260101T000000Z"]
    assert event["SEQUENCE"] == [str(1767225600 - 1577836800)]
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][0])


def test_editing_a_title_keeps_every_uid_and_raises_the_sequence(invoke, write_data, monkeypatch):
    body = ("- {id: a, title: Alpha, kind: k, certainty: confirmed, date: 2025-11-10, sources: [{source: art, quote: The truce expires on 10 November.}]}\n"
            "- {id: w, title: Window, kind: k, certainty: confirmed, window: {start: 2025-11-10, for: 1 year}, sources: [{source: art, quote: Tariffs are suspended for one year.}]}\n")
    path = write_data(body)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    before = by_uid(invoke("ics", "-f", path).stdout_bytes.decode())
    path.write_text(path.read_text().replace("title: Alpha", "title: Alpha renamed"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767229200")
    after = by_uid(invoke("ics", "-f", path).stdout_bytes.decode())
    assert set(after) == set(before) == {"happens.a@timeline", "starts.w@timeline", "ends.w@timeline"}
    assert after["happens.a@timeline"]["SUMMARY"] == ["Alpha renamed"]
    assert int(after["happens.a@timeline"]["SEQUENCE"][0]) > int(before["happens.a@timeline"]["SEQUENCE"][0])


def test_removing_an_event_removes_its_uids_only(invoke, write_data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = set(by_uid(invoke("ics", "-f", SHIPPED).stdout_bytes.decode()))
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("  - id: china-301-countermeasures-suspension")  # nothing links to it
    end = text.index("  # --- agriculture")
    edited = write_data(text[text.index("format: 1"):start] + text[end:], raw=True)
    import shutil

    shutil.copytree(SHIPPED.parent / "seeds", edited.parent / "seeds")
    after = set(by_uid(invoke("ics", "-f", edited).stdout_bytes.decode()))
    assert before - after == {"starts.china-301-countermeasures-suspension@timeline",
                              "ends.china-301-countermeasures-suspension@timeline"}
    assert after <= before


def test_filters_as_in_list(export):
    uids = set(by_uid(export("--kind", "suspension", "--from", "2026-01-01")))
    assert uids == {f"ends.{i}@timeline" for i in (
        "reciprocal-tariff-suspension", "china-oct9-controls-suspension", "us-affiliates-rule-suspension",
        "us-301-maritime-suspension", "china-301-countermeasures-suspension")}


# --- writing ---------------------------------------------------------------------------------


def test_writes_a_file_atomically_and_replaces_only_with_a_complete_one(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "calendar.ics"
    assert invoke("ics", "-f", SHIPPED, "-o", out).exit_code == 0
    first = out.read_bytes()
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and first.endswith(b"END:VCALENDAR\r\n")
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # readable by a web server, unlike a temp file

    import timeline.output

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(timeline.output.os, "replace", broken_replace)
    result = invoke("ics", "-f", SHIPPED, "-o", out, "--no-alarms")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("calendar.ics: cannot write: No space left on device")
    assert out.read_bytes() == first  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendar.ics"]  # no temporary left behind


def test_an_unwritable_folder_is_a_clear_error(invoke, tmp_path):
    result = invoke("ics", "-f", SHIPPED, "-o", tmp_path / "missing" / "c.ics")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("c.ics: cannot write: No such file or directory")
    assert "Traceback" not in result.output


def test_a_bad_data_file_writes_nothing(invoke, write_data, tmp_path):
    path = write_data("- {id: e, title: E, kind: k, certainty: confirmed, date: 2025-02-30,"
                      " sources: [{source: art, quote: The truce expires on 10 November.}]}\n")
    out = tmp_path / "out.ics"
    result = invoke("ics", "-f", path, "-o", out)
    assert result.exit_code == 1 and not out.exists()


def test_a_bad_source_date_epoch_is_a_clear_error(invoke, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    out = tmp_path / "c.ics"
    result = invoke("ics", "-f", SHIPPED, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr == "SOURCE_DATE_EPOCH must be a number of seconds, not 'yesterday'\n"


# --- byte-for-byte: the calendars this code writes, kept as golden files --------------------

# Every branch of the calendar writer in one file: TEXT escaping, a long Chinese title (folding
# inside UTF-8), a URL with commas, tags, a window, month and year precision, a time zone, a
# revision and a cancellation, alarms in months, weeks and days, the calendar's first and last
# days (an alarm before year 1, no DTEND after 9999-12-31), and an undated event.
EDGES = """\
- id: escaped
  title: 'A, B; C \\\\ D: 中華人民共和國商務部與美國財政部就延長關稅暫停措施達成一致並發表聯合聲明'
  title_original: 關稅暫停
  kind: measure
  certainty: expected
  tags: [zeta, alpha]
  date: 2025-11-10
  note: "line one\\nline two; with, commas"
  warn: [1mo, 2w, 1d]
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: suspension
  title: Tariffs suspended
  kind: suspension
  certainty: announced
  window: {start: {from: escaped}, for: 1 year}
  sources: [{source: art, quote: Tariffs are suspended for one year.}]
- id: month
  title: Visit
  kind: visit
  certainty: possible
  date: 2026-04
  sources: [{source: art, quote: The visit is planned for next April.}]
- id: year
  title: Some year
  kind: visit
  certainty: expected
  date: '2027'
  sources: [{source: art, quote: The visit is planned for next April.}]
- id: revised
  title: Revised, then called off
  kind: visit
  certainty: announced
  date: 2026-04
  revisions:
    - field: date
      from: 2026-04
      to: 2026-03-31
      source: art
      quote: The visit is planned for next April.
    - field: date
      cancelled: true
      source: art
      quote: The truce expires on 10 November.
  sources: [{source: art, quote: The visit is planned for next April.}]
- id: meeting
  title: Meeting
  kind: meeting
  certainty: confirmed
  date: 2025-10-30
  time: "11:00"
  timezone: Asia/Seoul
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: last-day
  title: The last day
  kind: edge
  certainty: confirmed
  date: 9999-12-31
  warn: [1d]
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: last-half-hour
  title: The last half hour
  kind: edge
  certainty: confirmed
  date: 9999-12-31
  time: "23:45"
  timezone: UTC
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: first-days
  title: The first days
  kind: edge
  certainty: confirmed
  date: 0001-01-05
  warn: [10y, 1d]
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: undated
  title: Undated
  kind: edge
  certainty: possible
  sources: [{source: art, quote: The truce expires on 10 November.}]
"""


GOLDEN_CALENDARS = [
    ("ics-shipped.ics", None, ()),
    ("ics-shipped-leads.ics", None, ("--alarm", "1y,1mo,2w,1d", "--name", "Ünïcode; a name, with \\ escapes")),
    ("ics-edges.ics", EDGES, ()),
    ("ics-edges-no-alarms.ics", EDGES, ("--no-alarms", "--kind", "edge")),
]


def _golden_data(write_data, data):
    """The data file of a golden case: the shipped one, or `data` with a source URL."""
    if data is None:
        return SHIPPED
    path = write_data(data)
    path.write_text(path.read_text().replace("    published: 2025-10-31\n",
                                              "    published: 2025-10-31\n    url: https://example.org/a?x=1,y=2;z\n"))
    return path


@pytest.mark.parametrize("name, data, args", GOLDEN_CALENDARS)
def test_golden_calendars(export, write_data, name, data, args):
    """The exact bytes, CRLF and folding included (TIMELINE_UPDATE_GOLDEN=1 rewrites them)."""
    actual = export(*args, file=_golden_data(write_data, data))
    actual = actual.replace(f"//timeline {__version__}//", "//timeline VERSION//")  # PRODID: not the release's business
    golden = GOLDEN / name
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        golden.write_bytes(actual.encode("utf-8"))
    assert actual.encode("utf-8") == golden.read_bytes(), f"calendar differs from {golden} (review, then TIMELINE_UPDATE_GOLDEN=1)"


@pytest.mark.parametrize("name, data, args", GOLDEN_CALENDARS)
def test_golden_calendars_written_to_a_file_in_pieces(invoke, monkeypatch, write_data, tmp_path, name, data, args):
    """`ics -o FILE` streams the calendar into the atomic writer one event at a time:
    the same bytes as the golden files (which come from standard output)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "out" / "calendar.ics"
    out.parent.mkdir()
    result = invoke("ics", "-f", _golden_data(write_data, data), "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b""
    written = out.read_bytes().replace(f"//timeline {__version__}//".encode(), b"//timeline VERSION//")
    assert written == (GOLDEN / name).read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["calendar.ics"]


def test_a_calendar_that_fails_midway_leaves_the_old_file_whole(invoke, monkeypatch, tmp_path):
    """An error while the calendar is being made, after some events went to the
    temporary file: one line, exit 1, the old file as it was, no temporary left."""
    from timeline.model import Error, TimelineError
    from timeline.output import leftovers
    from timeline.render import ics as ics_writer

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "calendar.ics"
    out.write_bytes(b"the old calendar\r\n")
    made = []
    event = ics_writer._Events.__call__

    def third_fails(self, m):
        made.append(m.id)
        if len(made) == 3:
            assert len(leftovers(out)) == 1  # streaming: the temporary file is open while events are made
            raise TimelineError([Error("the third event cannot be written", stage="output")])
        return event(self, m)

    monkeypatch.setattr(ics_writer._Events, "__call__", third_fails)
    result = invoke("ics", "-f", SHIPPED, "-o", out)
    assert result.exit_code == 1 and result.stderr == "the third event cannot be written\n"
    assert len(made) == 3 and out.read_bytes() == b"the old calendar\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.ics"]


def test_the_calendar_comes_one_event_at_a_time_and_the_library_gives_the_cli_bytes(export):
    """`render.ics.chunks`: the head, one folded VEVENT per milestone, the end; joined,
    they are what `api.export_ics` returns and what `timeline ics` writes."""
    import datetime

    from timeline import api, views
    from timeline.render.ics import CalendarOptions, chunks

    timeline = api.load(SHIPPED, use_cache=False)
    found = views.all_milestones(timeline)
    moment = datetime.datetime.fromtimestamp(int(EPOCH), tz=datetime.timezone.utc)
    options = CalendarOptions(name="Policy timeline", stamp=moment, modified=moment,
                              description="Dated policy events and deadlines from events.yaml, exported by timeline.")
    pieces = list(chunks(timeline, found, options, __version__))
    assert len(pieces) == len(found) + 2
    assert pieces[0].startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and pieces[-1] == b"END:VCALENDAR\r\n"
    for piece, m in zip(pieces[1:-1], found, strict=True):
        assert piece.startswith(b"BEGIN:VEVENT\r\n") and piece.endswith(b"END:VEVENT\r\n")
        assert piece.count(b"BEGIN:VEVENT") == 1 and f"UID:{m.milestone}.{m.id}@timeline\r\n".encode() in piece
    whole = b"".join(pieces)
    assert whole == api.export_ics(SHIPPED, environ={"SOURCE_DATE_EPOCH": EPOCH}).data
    assert whole == export().encode("utf-8")


def test_a_reader_that_stops_early_ends_the_export_quietly(tmp_path):
    """`timeline ics | head -1` on a calendar larger than a pipe's buffer: exit 0, nothing
    on stderr, as `timeline list | head -1` does (the reader asked for no more)."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    data = generate.generate(tmp_path / "data", 400)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TIMELINE_NO_CACHE": "1"}
    whole = subprocess.run([sys.executable, "-m", "timeline", "ics", "-f", str(data)], env=env, capture_output=True,
                           check=True).stdout
    assert len(whole) > 1 << 19  # far more than a pipe holds (64 KiB): the writer meets the closed pipe
    process = subprocess.Popen([sys.executable, "-m", "timeline", "ics", "-f", str(data)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"BEGIN:VCALENDAR\r\n"
    process.stdout.close()
    errors = process.stderr.read()
    assert (process.wait(timeout=120), errors) == (0, b"")
