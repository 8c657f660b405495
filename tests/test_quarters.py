"""Quarters and halves of a year as precisions, through the command line:
"in the first quarter of 2026", 上半年, "H2 2026" (EDTF 2026-33..36, 2026-40/41)."""

import json
import os

import pytest
from calendar_clients import Calcurse, icaljs, libical
from test_ics import events as vevents

SEED = (
    "date 2025-12-01 Example article\n"
    "The review is due in the first quarter of 2026.\n"
    "Talks will resume in the second half of 2026.\n"
    "The quota applies from the second quarter of 2026 until the end of 2026.\n"
)
DATA = """\
sources:
  - id: art
    file: seed.txt
    published: 2025-12-01
events:
  - id: q1-review
    title: Review due
    kind: deadline
    certainty: expected
    date: 2026-Q1
    sources:
      - {source: art, quote: "The review is due in the first quarter of 2026."}
  - id: h2-talks
    title: Talks resume
    kind: meeting
    certainty: expected
    date: 2026-41
    sources:
      - {source: art, quote: "Talks will resume in the second half of 2026."}
  - id: quota
    title: Quota
    kind: measure
    certainty: confirmed
    window: {start: 2026-34, until: 2027}
    sources:
      - {source: art, quote: "The quota applies from the second quarter of 2026 until the end of 2026."}
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_text(SEED, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(DATA, encoding="utf-8")
    return path


def run(invoke, *args):
    result = invoke(*args, "-f", "events.yaml", "-q")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_validate_reads_the_friendly_and_the_edtf_spelling(invoke, data):
    assert "OK: 3 events" in run(invoke, "validate")


@pytest.mark.parametrize(
    "as_of, statuses",
    [
        ("2025-12-31", {"q1-review": "upcoming", "h2-talks": "upcoming", "quota": "upcoming"}),
        ("2026-01-01", {"q1-review": "active", "h2-talks": "upcoming", "quota": "upcoming"}),
        ("2026-03-31", {"q1-review": "active", "h2-talks": "upcoming", "quota": "upcoming"}),
        ("2026-04-01", {"q1-review": "passed", "h2-talks": "upcoming", "quota": "active"}),
        ("2026-07-01", {"q1-review": "passed", "h2-talks": "active", "quota": "active"}),
        ("2026-12-31", {"q1-review": "passed", "h2-talks": "active", "quota": "active"}),
        ("2027-01-01", {"q1-review": "passed", "h2-talks": "passed", "quota": "ended"}),
    ],
)
def test_a_quarter_or_half_is_active_while_it_lasts(invoke, data, as_of, statuses):
    items = json.loads(run(invoke, "list", "--as-of", as_of, "--json"))
    assert {i["id"]: i["status"] for i in items} == statuses


def test_json_gives_the_edtf_code_and_the_precision(invoke, data):
    items = {i["id"]: i for i in json.loads(run(invoke, "list", "--as-of", "2026-02-15", "--json"))}
    assert (items["q1-review"]["date"], items["q1-review"]["precision"]) == ("2026-33", "quarter")
    assert (items["h2-talks"]["date"], items["h2-talks"]["precision"]) == ("2026-41", "half")
    assert (items["quota"]["since"], items["quota"]["until"]) == ("2026-34", "2027")
    shown = json.loads(run(invoke, "show", "q1-review", "--as-of", "2026-02-15", "--json"))
    assert shown["derivation"]["date"]["value"] == "2026-33"
    assert shown["derivation"]["date"]["precision"] == "quarter"


def test_next_words_them_as_readers_do(invoke, data):
    out = run(invoke, "next", "--as-of", "2026-02-15")
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["Q1", "2026", "now"]  # still in its quarter: the day may be ahead
    assert lines[2].split()[:3] == ["Q2", "2026", "~45d"]
    assert lines[3].split()[:3] == ["H2", "2026", "~136d"]
    assert run(invoke, "show", "q1-review", "--as-of", "2026-02-15").count("Q1 2026") == 1


def test_next_drops_a_quarter_once_it_is_over(invoke, data):
    ids = [i["id"] for i in json.loads(run(invoke, "next", "--as-of", "2026-04-01", "--json"))]
    assert ids == ["quota", "h2-talks", "quota"]  # the quota's start stays ahead during its quarter


def test_csv_writes_the_code_and_the_precision(invoke, data):
    out = run(invoke, "list", "--as-of", "2026-02-15", "--format", "csv")
    assert "q1-review,Review due,deadline,expected,active,2026-33,quarter,,," in out
    assert "h2-talks,Talks resume,meeting,expected,upcoming,2026-41,half,,," in out


def test_remind_says_the_day_is_not_known(invoke, data):
    out = run(invoke, "remind", "--as-of", "2026-01-01")
    assert "Q1 2026, day not known: today" in out and "Review due" in out


def test_the_calendar_writes_a_quarter_like_a_month(invoke, data, tmp_path):
    out = tmp_path / "out.ics"
    result = invoke("ics", "-f", "events.yaml", "-o", str(out), env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 0, result.output
    found = {e["UID"][0]: e for e in vevents(out.read_bytes().decode())}
    review = found["happens.q1-review@timeline"]
    assert review["DTSTART;VALUE=DATE"] == ["20260101"] and review["DTEND;VALUE=DATE"] == ["20260102"]
    assert review["X-TIMELINE-DATE"] == ["2026-33"]
    assert review["SUMMARY"] == ["Review due (Q1 2026\\, day not known\\; expected)"]
    assert found["happens.h2-talks@timeline"]["DTSTART;VALUE=DATE"] == ["20260701"]
    assert "VALARM" not in out.read_text(encoding="utf-8")  # alarms only for a known day
    calcurse = Calcurse(tmp_path / "calcurse")
    report = calcurse.import_file(out)
    assert report["rc"] == 0 and report["counts"]["skipped"] == 0, report
    days = {i["summary"]: i["day"] for i in calcurse.listing("2026-01-01", "2027-12-31")}
    assert days["Review due (Q1 2026, day not known; expected)"] == "2026-01-01"
    assert days["Talks resume (H2 2026, day not known; expected)"] == "2026-07-01"
    checked = libical(out)
    assert checked["errors"] == []
    assert {e["uid"]: (e["start"], e["is_date"]) for e in checked["events"]} == {
        "happens.q1-review@timeline": ("20260101", True), "starts.quota@timeline": ("20260401", True),
        "happens.h2-talks@timeline": ("20260701", True), "ends.quota@timeline": ("20270101", True)}
    read = icaljs(out)
    assert read["ok"], read["errors"]
    assert {e["uid"]: (e["start"], e["is_date"]) for e in read["events"]} == {
        "happens.q1-review@timeline": ("2026-01-01", True), "starts.quota@timeline": ("2026-04-01", True),
        "happens.h2-talks@timeline": ("2026-07-01", True), "ends.quota@timeline": ("2027-01-01", True)}


def test_timelinejs_and_the_page_span_the_months(invoke, data, tmp_path):
    slides = {s["unique_id"]: s for s in json.loads(run(invoke, "timelinejs", "--as-of", "2026-02-15"))["events"]}
    review = slides["q1-review"]
    assert (review["start_date"], review["end_date"]) == ({"year": 2026, "month": 1}, {"year": 2026, "month": 3})
    assert review["display_date"] == "Q1 2026 (January to March 2026; day not known)"
    assert slides["h2-talks"]["end_date"] == {"year": 2026, "month": 12}
    page = tmp_path / "page.html"
    assert invoke("html", "-f", "events.yaml", "-q", "--as-of", "2026-02-15", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    # days since 1970-01-01: 2026-01-01 is 20454, 2026-04-01 is 20544 (the day after the quarter)
    assert '"point":[20454,20544,"quarter"]' in html and '"point":[20635,20819,"half"]' in html


def test_revise_writes_a_quarter_as_edtf(invoke, data):
    result = invoke("revise", "h2-talks", "--date", "2027-h1", "--source", "art", "-f", "events.yaml",
                    "--quote", "Talks will resume in the second half of 2026.")
    assert result.exit_code == 0, result.output
    assert "to: 2027-40" in data.read_text(encoding="utf-8")
    item = json.loads(run(invoke, "show", "h2-talks", "--as-of", "2026-02-15", "--json"))
    assert (item["date"], item["precision"]) == ("2027-40", "half")


def test_a_finer_offset_from_a_quarter_is_a_located_error(invoke, data):
    data.write_text(DATA + """\
  - id: after-review
    title: After the review
    kind: deadline
    certainty: expected
    date: {from: q1-review, offset: 30 days}
    sources:
      - {source: art, quote: "The review is due in the first quarter of 2026."}
""", encoding="utf-8")
    result = invoke("validate", "-f", "events.yaml")
    assert result.exit_code == 1
    assert "events.yaml:" in result.stderr and "only known to the quarter" in result.stderr


@pytest.mark.parametrize("args", [["next", "--as-of", "2026-02-15"], ["list", "--as-of", "2026-05-01", "--json"],
                                  ["show", "q1-review", "--as-of", "2026-02-15"], ["remind", "--as-of", "2026-07-01"]])
def test_the_fast_path_gives_the_same_bytes_for_quarters_and_halves(data, tmp_path, args):
    from test_fast import PAST, cache_files
    from test_fast import run as run_python

    for path in (data, data.parent / "seed.txt"):
        os.utime(path, (PAST, PAST))
    home = tmp_path / "cache"
    argv = [*args, "-f", "events.yaml", "-q"]
    uncached = run_python(argv, data.parent, home, TIMELINE_NO_CACHE="1")
    cold = run_python(argv, data.parent, home)
    assert cache_files(home)
    warm = run_python(argv, data.parent, home)
    assert uncached.returncode == 0 and uncached.stdout and uncached.stderr == b""
    assert (cold.returncode, cold.stdout, cold.stderr) == (warm.returncode, warm.stdout, warm.stderr) == (
        0, uncached.stdout, b"")


@pytest.fixture(scope="module")
def browser():
    from test_html import chromium_session

    yield from chromium_session()


@pytest.mark.client
def test_timelinejs_itself_shows_quarters_and_halves_as_spans(invoke, data, tmp_path, browser):
    """Knight Lab's library reads the slides: a marker for each, the months as the display date."""
    import time

    from calendar_clients import need
    from test_timelinejs import TIMELINEJS

    need((TIMELINEJS / "js" / "timeline.js").exists(), "TimelineJS", "npm ci --prefix tests/clients")
    doc = run(invoke, "timelinejs", "--as-of", "2026-02-15")
    page = tmp_path / "embed.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        f'<script src="{(TIMELINEJS / "js" / "timeline.js").as_uri()}"></script></head>'
        '<body><div id="embed" style="width:1200px;height:650px"></div>'
        '<script>window.errors = []; window.onerror = function (m) { errors.push(String(m)); };'
        f"var tl = new TL.Timeline('embed', {doc}); tl.on('loaded', function () {{ window.loaded = true; }});"
        "</script></body></html>", encoding="utf-8")
    browser.get(page.as_uri())
    for _ in range(100):
        if browser.execute_script("return window.loaded === true;"):
            break
        time.sleep(0.1)
    seen = browser.execute_script(
        "return {errors: window.errors, markers: document.querySelectorAll('.tl-timemarker').length,"
        " dates: Array.from(document.querySelectorAll('.tl-headline-date')).map(e => e.textContent)};")
    assert seen["errors"] == [] and seen["markers"] == 3
    assert "Q1 2026 (January to March 2026; day not known)" in seen["dates"]
    assert "H2 2026 (July to December 2026; day not known)" in seen["dates"]
