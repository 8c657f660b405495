"""`timeline timelinejs`: Knight Lab TimelineJS 3 data, checked against the fields
the format documents (https://timeline.knightlab.com/docs/json-format.html)."""

from __future__ import annotations

import copy
import datetime
import json
import time
from html import escape
from html.parser import HTMLParser

import pytest
from calendar_clients import need
from conftest import ROOT
from test_html import HOSTILE, chromium_session, contract, dated, entry, revised

from timeline.render.timelinejs import timelinejs

# The documented fields: the whole object, slides (events and title), dates, texts.
TOP = {"events": list, "title": dict, "eras": list, "scale": str}
SLIDE = {"start_date": dict, "end_date": dict, "text": dict, "media": dict, "group": str, "display_date": str,
         "background": dict, "autolink": bool, "unique_id": str}
DATE = {"year": int, "month": int, "day": int, "hour": int, "minute": int, "second": int, "millisecond": int,
        "display_date": str, "format": str}
TEXT = {"headline": str, "text": str}


def check_fields(obj: dict, documented: dict, where: str) -> None:
    for key, value in obj.items():
        assert key in documented, f"{where}: '{key}' is not a documented field"
        assert isinstance(value, documented[key]), f"{where}.{key}: {value!r}"


def check_date(date: dict, where: str) -> datetime.date:
    check_fields(date, DATE, where)
    assert "year" in date
    if "day" in date:
        assert "month" in date
    assert 1 <= date.get("month", 1) <= 12 and 0 <= date.get("hour", 0) <= 23 and 0 <= date.get("minute", 0) <= 59
    return datetime.date(date["year"], date.get("month", 1), date.get("day", 1))   # raises on an impossible day


def check_document(doc: dict) -> None:
    check_fields(doc, TOP, "timeline")
    assert doc.get("scale", "human") in ("human", "cosmological")
    check_fields(doc["title"], SLIDE, "title")
    check_fields(doc["title"]["text"], TEXT, "title.text")
    ids = [s["unique_id"] for s in doc["events"]]
    assert len(ids) == len(set(ids))
    for slide in doc["events"]:
        where = f"events[{slide.get('unique_id')}]"
        check_fields(slide, SLIDE, where)
        assert "start_date" in slide   # required, except on the title slide
        start = check_date(slide["start_date"], where + ".start_date")
        if "end_date" in slide:
            assert check_date(slide["end_date"], where + ".end_date") >= start
        check_fields(slide["text"], TEXT, where + ".text")


def test_the_shipped_data_fits_the_documented_format():
    entries, meta = contract()
    doc = timelinejs(entries, meta)
    check_document(doc)
    assert sorted(s["unique_id"] for s in doc["events"]) == sorted(e["id"] for e in dated(entries))
    json.dumps(doc)   # plain JSON


def slide(doc, ident):
    return next(s for s in doc["events"] if s["unique_id"] == ident)


def test_dates_keep_their_precision():
    entries, meta = contract()
    doc = timelinejs(entries, meta)
    visit = slide(doc, "trump-visit-china")
    assert visit["start_date"] == {"year": 2026, "month": 4} and "end_date" not in visit
    assert visit["display_date"] == "April 2026 (day not known)"
    autumn = slide(doc, "midwest-harvest-without-china-orders")
    assert autumn["start_date"] == {"year": 2025, "month": 9} and autumn["end_date"] == {"year": 2025, "month": 11}
    assert autumn["display_date"] == "Autumn 2025 (September to November 2025; day not known)"
    for e in dated(entries):   # no month, season or year ever gains a day
        if e["precision"] != "day":
            assert "day" not in slide(doc, e["id"])["start_date"]
    phase = slide(doc, "china-oct9-controls-phase-2")
    assert phase["start_date"] == {"year": 2025, "month": 12, "day": 1} and phase["display_date"] == "1 December 2025"
    leave = slide(doc, "trump-departs-busan")
    assert leave["start_date"] == {"year": 2025, "month": 10, "day": 30, "hour": 12, "minute": 45}
    assert leave["display_date"] == "30 October 2025, 12:45 Asia/Seoul"


def test_windows_run_from_since_to_until():
    entries, meta = contract()
    doc = timelinejs(entries, meta)
    window = slide(doc, "us-affiliates-rule-suspension")
    assert window["start_date"] == {"year": 2025, "month": 11, "day": 10}
    assert window["end_date"] == {"year": 2026, "month": 11, "day": 10}
    assert window["display_date"] == "10 November 2025 (assumed) to 10 November 2026 (assumed)"
    truce = slide(doc, "trade-truce")   # the start is not known: placed at its end
    assert truce["start_date"] == {"year": 2025, "month": 11, "day": 10} and "end_date" not in truce
    assert truce["display_date"] == "until 10 November 2025 (start not known)"


def test_text_carries_the_quote_and_its_source_and_groups_are_parties():
    entries, meta = contract()
    doc = timelinejs(entries, meta)
    e = entry(entries, "reciprocal-tariff-suspension")
    s = slide(doc, e["id"])
    assert s["text"]["headline"] == escape(e["title"]) != e["title"]
    assert f"<blockquote>{e['sources'][0]['quote']}</blockquote>" in s["text"]["text"]
    assert "bbc-zh-2025-10-31, BBC News 中文, 2025-10-31" in s["text"]["text"]
    assert "Date assumed: " in s["text"]["text"]
    groups = {x["unique_id"]: x["group"] for x in doc["events"]}
    assert groups["reciprocal-tariff-suspension"] == "US" and groups["china-oct9-controls-suspension"] == "CN"
    assert groups["busan-meeting"] == "US &amp; CN"
    visit = slide(doc, "trump-visit-china")["text"]["text"]
    assert "<p>Other reading: 2026 (day not known): Xinhua&#x27;s wording" in visit
    undated = [x["title"] for x in entries if x not in dated(entries)]
    assert undated and all(escape(title) in doc["title"]["text"]["text"] for title in undated)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_revisions_are_told():
    entries, meta = contract()
    moved, off = revised(entries)
    doc = timelinejs([moved, off], meta)
    assert slide(doc, "visit-moved")["start_date"] == {"year": 2026, "month": 3, "day": 31}
    assert "<p>Revised: <s>2026-04</s> → 2026-03-31 (bbc-zh-2025-10-31)</p>" in slide(doc, "visit-moved")["text"]["text"]
    assert "<s>2025-12-01</s> → called off" in slide(doc, "phase-2-off")["text"]["text"]


def test_html_fields_are_escaped():
    """TimelineJS shows headline, text, display_date and group as HTML."""
    entries, meta = contract()
    hostile = copy.deepcopy(entry(entries, "trump-visit-china"))
    hostile.update(id="hostile", title=HOSTILE, title_original=HOSTILE, parties=[HOSTILE], note=HOSTILE)
    hostile["sources"][0]["quote"] = HOSTILE
    doc = timelinejs([hostile], {**meta, "title": HOSTILE,
                                 "sources": {"bbc-zh-2025-10-31": {"publisher": HOSTILE, "url": "javascript:alert(1)"}}})
    check_document(doc)
    s = doc["events"][0]
    for field in (s["text"]["headline"], s["text"]["text"], s["display_date"], s["group"], doc["title"]["text"]["headline"]):
        parser = Tags()
        parser.feed(field)
        assert {t for t, _ in parser.tags} <= {"p", "em", "blockquote", "a", "s"}, field
        assert not any(name.startswith("on") or "javascript:" in (v or "") for _, a in parser.tags for name, v in a.items())


@pytest.fixture(scope="module")
def browser():
    yield from chromium_session()


TIMELINEJS = ROOT / "tests" / "clients" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.mark.client
def test_timelinejs_itself_shows_every_event(browser, tmp_path):
    """Knight Lab's own library (npm @knight-lab/timelinejs, in tests/clients) reads the file.
    Its style sheet is left out: it fetches web fonts, and the test makes no request."""
    need((TIMELINEJS / "js" / "timeline.js").exists(), "TimelineJS", "npm ci --prefix tests/clients")
    entries, meta = contract()
    doc = timelinejs(entries, meta)
    page = tmp_path / "embed.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        f'<script src="{(TIMELINEJS / "js" / "timeline.js").as_uri()}"></script></head>'
        '<body><div id="embed" style="width:1200px;height:650px"></div>'
        '<script>window.errors = []; window.onerror = function (m) { errors.push(String(m)); };'
        f'var data = {json.dumps(doc)};'
        "var tl = new TL.Timeline('embed', data); tl.on('loaded', function () { window.loaded = true; });"
        "</script></body></html>", encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    browser.get(page.as_uri())
    for _ in range(100):
        if browser.execute_script("return window.loaded === true;"):
            break
        time.sleep(0.1)
    seen = browser.execute_script(
        "return {errors: window.errors, markers: document.querySelectorAll('.tl-timemarker').length,"
        " groups: Array.from(document.querySelectorAll('.tl-timegroup-message')).map(e => e.textContent),"
        " dates: Array.from(document.querySelectorAll('.tl-headline-date')).map(e => e.textContent)};")
    assert seen["errors"] == [] and seen["markers"] == len(dated(entries))
    assert {"US", "CN", "US & CN"} <= set(seen["groups"])
    assert "April 2026 (day not known)" in seen["dates"]
    assert "Autumn 2025 (September to November 2025; day not known)" in seen["dates"]
