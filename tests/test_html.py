"""`timeline html`: the page from the JSON contract, checked as text and in a real
headless Chromium (Debian's `chromium` and `chromium-driver`, driven by selenium)."""

from __future__ import annotations

import copy
import functools
import http.server
import importlib.util
import json
import os
import shutil
import struct
import tempfile
import threading
import zlib
from html.parser import HTMLParser

import pendulum
import pytest
from calendar_clients import need
from conftest import ROOT, SHIPPED

from timeline import api, views
from timeline.render import html as render_html
from timeline.render import json as render_json
from timeline.render import text as render_text
from timeline.render.style import Style

AS_OF = "2025-11-15"
HOSTILE = '</script><img src=x onerror="window.__pwned=1">&lt;b&gt; <!-- "quoted" \u2028'
SCREENSHOT = ROOT / "docs" / "timeline.png"


# --- input: the JSON contract, as `timeline show ID --json` prints it -----------------


def contract(path=SHIPPED, as_of: str = AS_OF, title: str = "US–China trade measures after the Busan meeting"):
    """(entries, meta) for the renderers, as `timeline html` builds them."""
    day = pendulum.parse(as_of).date()
    return render_json.page_model(views.page_view(api.load(path), day, title=title))


def entry(entries, ident):
    return next(e for e in entries if e["id"] == ident)


def revised(entries):
    """A synthetic entry whose date moved from April 2026 to 31 March 2026, and one called off."""
    moved = copy.deepcopy(entry(entries, "trump-visit-china"))
    moved.update(id="visit-moved", title="Visit, moved forward", date="2026-03-31", precision="day")
    moved["derivation"]["date"].update(value="2026-03-31", precision="day", alternative=None)
    moved["revisions"] = [{"field": "date", "from": "2026-04", "to": "2026-03-31", "source": "bbc-zh-2025-10-31",
                           "quote": "特朗普表示，將在明年四月訪華。", "note": "moved", "cancelled": False}]
    off = copy.deepcopy(entry(entries, "china-oct9-controls-phase-2"))
    off.update(id="phase-2-off", title="Phase two, called off")
    off["revisions"] = [{"field": "date", "from": "2025-12-01", "to": None, "source": "bbc-zh-2025-10-31",
                         "quote": "x", "note": None, "cancelled": True}]
    return [moved, off]


def dated(entries):
    return [e for e in entries if e.get("date") or e.get("since") or e.get("until")]


# --- the page as text -------------------------------------------------------------------


class Page(HTMLParser):
    """Tags with their attributes, and the text outside scripts and styles."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_every_title_is_in_the_page_text():
    entries, meta = contract()
    parsed = Page(render_html.page(entries, meta))
    text = " ".join(parsed.text)
    assert len(dated(entries)) >= 20
    for e in entries:
        assert e["title"] in text
        if e.get("title_original"):
            assert e["title_original"] in text
        for quote in e["sources"]:
            assert quote["quote"] in text
    quotes = [attrs for tag, attrs in parsed.tags if tag == "blockquote"]
    assert quotes and all(attrs.get("lang") == "zh-Hant" for attrs in quotes)   # the source's language, for CJK fonts


def test_the_derivation_is_worded_as_show_prints_it():
    timeline = api.load(SHIPPED)
    day = pendulum.parse(AS_OF).date()
    for record in timeline.entries:
        shown = render_text.show_text(views.ShowView(timeline, day, record), Style(False))
        section = shown.split("How the dates were derived\n")[1].split("\n\nSources")[0]
        assert render_html.derivation_text(render_json.show_object(timeline, record, day)) == section


def test_dates_are_worded_at_their_precision():
    entries, _ = contract()
    assert render_html.when_text(entry(entries, "trump-visit-china")) == "April 2026 (day not known)"
    assert render_html.when_text(entry(entries, "midwest-harvest-without-china-orders")) == \
        "Autumn 2025 (September to November 2025; day not known)"
    assert render_html.when_text(entry(entries, "us-affiliates-rule-suspension")) == \
        "in force from 2025-11-10 (assumed) until 2026-11-10 (assumed)"
    assert render_html.when_text(entry(entries, "trade-truce")) == "in force from not known until 2025-11-10"
    assert render_html.when_text(entry(entries, "xi-visit-us")) == "undated"


def test_untrusted_text_cannot_become_markup():
    entries, meta = contract()
    hostile = copy.deepcopy(entry(entries, "trump-visit-china"))
    hostile.update(id="hostile", title=HOSTILE, title_original=HOSTILE, kind=HOSTILE, note=HOSTILE)
    hostile["sources"][0]["quote"] = HOSTILE
    meta = {**meta, "title": HOSTILE,
            "sources": {**meta["sources"], "bbc-zh-2025-10-31": {"publisher": HOSTILE, "url": "javascript:alert(1)"}}}
    parsed = Page(render_html.page(entries + [hostile], meta))
    assert [t for t, _ in parsed.tags if t == "img"] == []
    assert [t for t, _ in parsed.tags].count("script") == 2
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in parsed.tags)
    assert HOSTILE in " ".join(parsed.text)
    data = json.loads(parsed.scripts[-2])
    assert entry(data["items"], "hostile")["title"] == HOSTILE


def test_nothing_is_fetched_from_anywhere():
    entries, meta = contract()
    page = render_html.page(entries, meta)
    parsed = Page(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            value = attrs.get(name)
            if value is None:
                continue
            if tag == "a":
                assert value.startswith(("#", "https://", "http://")), value   # links to follow, not requests
            else:
                assert value.startswith("#"), f"<{tag} {name}={value}>"
        assert tag not in ("link", "iframe", "object", "embed", "img", "base")
    policy = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy.startswith("default-src 'none';")
    assert "url(http" not in page and "@import" not in page
    assert len(page.encode()) < 2_000_000


def test_stale_data_is_said():
    entries, meta = contract(as_of="2026-06-01")
    assert meta["stale"]
    text = " ".join(Page(render_html.page(entries, meta)).text)
    assert "newest source is from 2025-10-31, 213 days before 2026-06-01" in text
    fresh = " ".join(Page(render_html.page(*contract())).text)
    assert "may be out of date" not in fresh


# --- the page in Chromium ----------------------------------------------------------------


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    yield from chromium_session()


def chromium_session():
    """A selenium session on headless Chromium, for a module's tests; skipped (failed
    under TIMELINE_REQUIRE_CLIENTS=1) without chromium and chromedriver."""
    binary, driver_path = _chromium(), shutil.which("chromedriver")
    need(bool(binary and driver_path), "chromium and chromedriver", "apt-get install chromium chromium-driver")
    need(importlib.util.find_spec("selenium") is not None, "selenium", "pip install '.[test]'")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="timeline-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
                 "--hide-scrollbars", "--force-color-profile=srgb"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def show(driver, tmp_path, entries, meta, width=1280, height=900, name="page.html"):
    path = tmp_path / name
    path.write_text(render_html.page(entries, meta), encoding="utf-8")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(path.as_uri())
    return ready(driver)


def ready(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    return driver


def rect(driver, css):
    return driver.execute_script(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width};", css)


def mark(driver, ident):
    return rect(driver, f'#chart .item[data-id="{ident}"] [data-role=mark]')


def asof_x(driver):
    line = rect(driver, "#asof line")
    return (line["left"] + line["right"]) / 2


@pytest.mark.client
def test_the_chart_draws_every_dated_event_and_loads_nothing(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    drawn = browser.execute_script(
        "return Array.from(document.querySelectorAll('#chart .item')).map(g => [g.dataset.id, g.querySelector('.t').textContent]);")
    assert sorted(map(tuple, drawn)) == sorted((e["id"], e["title"]) for e in dated(entries))
    listed = browser.execute_script("return document.querySelector('.entries').innerText;")
    for e in entries:
        assert e["title"] in listed
    assert browser.execute_script("return performance.getEntriesByType('resource').length;") == 0
    sources = browser.execute_script(
        "return Array.from(document.querySelectorAll('script[src], link[href], img, image, use, iframe'))"
        ".map(n => n.getAttribute('src') || n.getAttribute('href') || n.getAttribute('xlink:href') || '');")
    assert [s for s in sources if not s.startswith("#")] == []


@pytest.mark.client
def test_the_as_of_line_stands_between_what_ended_and_what_is_ahead(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    assert browser.execute_script("return document.getElementById('asof').dataset.day;") == AS_OF
    x = asof_x(browser)
    before = ["busan-meeting", "china-oct9-controls-phase-1", "china-oct9-export-controls", "us-entity-list-expansion"]
    after = ["china-oct9-controls-phase-2", "trump-visit-china", "china-oct9-controls-phase-2-postponed"]
    active = ["us-affiliates-rule-suspension", "reciprocal-tariff-suspension"]
    for ident in before:
        assert mark(browser, ident)["right"] < x, ident
    for ident in after:
        assert mark(browser, ident)["left"] > x, ident
    for ident in active:
        box = mark(browser, ident)
        assert box["left"] < x < box["right"], ident
    # every dated event, by its status as of the day
    for e in dated(entries):
        box = mark(browser, e["id"])
        if e["status"] == "ended" and not e.get("window"):
            assert box["right"] <= x, e["id"]
        elif e["status"] == "upcoming":
            assert box["left"] >= x, e["id"]


@pytest.mark.client
def test_partial_dates_are_spans_and_assumed_dates_hatched(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    april = mark(browser, "trump-visit-china")
    day = mark(browser, "china-oct9-controls-phase-2")
    assert april["width"] > 20 * day["width"] / 12  # a month is drawn as a month, not a day
    info = browser.execute_script("""
        function look(id) { var m = document.querySelector('#chart .item[data-id="' + id + '"] [data-role=mark]');
          return {fill: getComputedStyle(m).fill, mask: m.getAttribute('mask'),
                  ghost: !!m.parentNode.querySelector('.ghost'), text: m.parentNode.textContent}; }
        return {month: look('trump-visit-china'), assumed: look('us-affiliates-rule-suspension'),
                plain: look('china-oct9-controls-phase-2')};""")
    assert info["month"]["mask"] and info["month"]["ghost"]  # soft edges; the other reading ("2026")
    assert "url(" in info["assumed"]["fill"] and "hatch" in info["assumed"]["fill"]
    assert "date assumed" in info["assumed"]["text"] and info["assumed"]["ghost"]
    assert "url(" not in info["plain"]["fill"] and not info["plain"]["ghost"]


@pytest.mark.client
def test_revised_dates_show_the_earlier_position_struck_through(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries + revised(entries), meta)
    was = rect(browser, '#chart .item[data-id="visit-moved"] .was-mark')
    now = mark(browser, "visit-moved")
    april = mark(browser, "trump-visit-china")
    assert was["right"] > now["right"] and abs(was["left"] - april["left"]) < 1.5
    style = browser.execute_script(
        "var t = document.querySelector('#chart .item[data-id=\"visit-moved\"] .was-text');"
        "return [t.textContent, getComputedStyle(t).textDecorationLine];")
    assert style == ["was April 2026", "line-through"]
    cancelled = browser.execute_script(
        "var t = document.querySelector('#chart .item[data-id=\"phase-2-off\"] .t');"
        "return getComputedStyle(t).textDecorationLine;")
    assert cancelled == "line-through"


@pytest.mark.client
def test_reciprocal_links_are_drawn_between_the_two_measures(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#chart .link')).map(p => [p.classList[1], p.dataset.from, p.dataset.to]);")
    assert ["answers", "us-affiliates-rule-suspension", "china-oct9-controls-suspension"] in links
    assert ["suspends", "china-oct9-controls-suspension", "china-oct9-export-controls"] in links
    assert ["answers", "china-301-countermeasures-suspension", "us-301-maritime-suspension"] in links
    assert len(links) == len({tuple(link) for link in links})


@pytest.mark.client
def test_lanes_by_party_or_by_kind_and_the_filters(browser, tmp_path):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    lanes = browser.execute_script("return document.getElementById('chart').dataset.lanes.split('|');")
    assert lanes[:3] == ["US", "US & CN", "CN"]
    browser.find_element("css selector", "input[name=lanes][value=kind]").click()
    lanes = browser.execute_script("return document.getElementById('chart').dataset.lanes.split('|');")
    assert "suspension" in lanes and "US" not in lanes
    browser.find_element("css selector", "input[name=certainty][value=possible]").click()
    shown = browser.execute_script("return Array.from(document.querySelectorAll('#chart .item')).map(g => g.dataset.id);")
    possible = {e["id"] for e in entries if e["certainty"] == "possible"}
    assert possible and not possible & set(shown)
    assert len(shown) == len(dated(entries)) - len(possible)
    hidden = browser.execute_script(
        "return Array.from(document.querySelectorAll('.entries > li[hidden] article')).map(a => a.dataset.id);")
    assert set(hidden) == possible
    browser.find_element("css selector", "input[name=party][value=CN]").click()   # events of CN alone go
    shown = browser.execute_script("return Array.from(document.querySelectorAll('#chart .item')).map(g => g.dataset.id);")
    assert "china-oct9-controls-suspension" not in shown and "busan-meeting" in shown


@pytest.mark.client
def test_click_or_keyboard_shows_the_quote_and_the_derivation(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys

    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    browser.find_element("css selector", '#chart .item[data-id="reciprocal-tariff-suspension"] .t').click()
    panel = browser.find_element("id", "detail")
    text = panel.text
    e = entry(entries, "reciprocal-tariff-suspension")
    assert e["title"] in text and e["title_original"] in text and "announced" in text
    assert e["sources"][0]["quote"] in text and "BBC News 中文, 2025-10-31" in text
    assert render_html.derivation_text(e) in browser.execute_script("return document.querySelector('#detail pre').textContent;")
    # keyboard: the arrows move in time order; Tab reaches the chart and leaves it in one step
    items = browser.execute_script("return Array.from(document.querySelectorAll('#chart .item')).map(g => g.dataset.id);")
    browser.execute_script("document.querySelector('#chart .item').focus();")
    assert browser.execute_script("return document.getElementById('detail').dataset.id;") == items[0]
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert browser.switch_to.active_element.get_attribute("data-id") == items[1]
    assert browser.execute_script("return document.getElementById('detail').dataset.id;") == items[1]
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not browser.find_element("id", "detail").is_displayed()
    browser.execute_script("document.querySelector('input[name=certainty]').focus();")
    for _ in range(60):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("data-id"):
            break
    assert browser.switch_to.active_element.get_attribute("data-id") == items[1]   # back where the arrows left off
    browser.switch_to.active_element.send_keys(Keys.TAB)   # one tab stop: the next Tab leaves the chart
    assert browser.switch_to.active_element.get_attribute("data-id") is None
    assert browser.execute_script("return document.querySelectorAll('#chart .item[tabindex=\"0\"]').length;") == 1


@pytest.mark.client
def test_hostile_text_stays_text_in_the_browser(browser, tmp_path):
    entries, meta = contract()
    hostile = copy.deepcopy(entry(entries, "trump-visit-china"))
    hostile.update(id="hostile", title=HOSTILE, title_original=HOSTILE)
    show(browser, tmp_path, entries + [hostile], {**meta, "title": HOSTILE})
    assert browser.execute_script("return window.__pwned;") is None
    assert browser.execute_script("return document.images.length;") == 0
    assert browser.execute_script(
        "return document.querySelector('#chart .item[data-id=\"hostile\"] .t').textContent;") == HOSTILE
    assert browser.title.startswith(HOSTILE)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit PNG: enough to look at a screenshot."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks += body
    assert header is not None
    width, height, depth, color = header
    assert depth == 8 and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev, i = zlib.decompress(chunks), width * bpp, [], bytearray(width * bpp), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 2:
            line = bytearray((v + p) & 255 for v, p in zip(line, prev, strict=True))
        elif kind:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
                if kind == 1:
                    line[x] = (line[x] + a) & 255
                elif kind == 3:
                    line[x] = (line[x] + ((a + b) >> 1)) & 255
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def variety(png: bytes) -> tuple[int, float]:
    """Distinct colours, and the share of pixels that are not white."""
    width, height, rows = png_pixels(png)
    bpp = len(rows[0]) // width
    colours, inked = set(), 0
    for row in rows[::2]:
        for x in range(0, len(row), bpp * 2):
            pixel = row[x:x + 3]
            colours.add(pixel)
            inked += pixel != b"\xff\xff\xff"
    return len(colours), inked / (len(rows[::2]) * len(range(0, len(rows[0]), bpp * 2)))


@pytest.mark.client
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_screenshots_are_not_blank_and_the_phone_view_is_readable(browser, tmp_path, width, height):
    entries, meta = contract()
    show(browser, tmp_path, entries, meta, width, height)
    png = browser.get_screenshot_as_png()
    colours, inked = variety(png)
    assert colours > 60 and inked > 0.08, (colours, inked)
    layout = browser.execute_script("""
        return {page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
                label: parseFloat(getComputedStyle(document.querySelector('#chart .item .t')).fontSize),
                body: parseFloat(getComputedStyle(document.body).fontSize),
                line: document.getElementById('asof').getBoundingClientRect().left};""")
    assert layout["page"] <= layout["view"]   # only the chart scrolls sideways, never the page
    assert layout["label"] >= 12 and layout["body"] >= 14
    assert 0 < layout["line"] < width   # the chart opens on the as-of day
    if width == 1280 and os.environ.get("TIMELINE_UPDATE_SCREENSHOT") == "1":   # the README's picture: the whole chart
        bottom = browser.execute_script("return Math.ceil(document.querySelector('.chart').getBoundingClientRect().bottom) + 16;")
        show(browser, tmp_path, entries, meta, width, bottom)
        SCREENSHOT.write_bytes(browser.get_screenshot_as_png())


@pytest.mark.client
def test_printable_on_a4_landscape(browser, tmp_path):
    import base64

    entries, meta = contract()
    show(browser, tmp_path, entries, meta)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        seen = browser.execute_script("""
            var svg = document.getElementById('chart').getBoundingClientRect();
            return {controls: getComputedStyle(document.querySelector('form.controls')).display,
                    chart: svg.width, tall: svg.height, page: document.documentElement.clientWidth};""")
        assert seen["controls"] == "none" and seen["chart"] <= seen["page"]
        assert seen["tall"] <= 168 / 25.4 * 96 + 1   # the whole chart on one page (190 mm high inside the margins)
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    document = base64.b64decode(pdf["data"])
    assert document.startswith(b"%PDF")
    box = [float(v) for v in document.split(b"/MediaBox [")[1].split(b"]")[0].split()]
    assert round(box[2]) == 842 and round(box[3]) == 595   # A4 landscape, in points


@pytest.mark.client
def test_works_when_served(browser, tmp_path):
    entries, meta = contract()
    (tmp_path / "timeline.html").write_text(render_html.page(entries, meta), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/timeline.html")
        ready(browser)
        count = browser.execute_script("return document.querySelectorAll('#chart .item').length;")
        assert count == len(dated(entries))
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.client
def test_sparse_entries_and_meta_are_drawn(browser, tmp_path):
    """Only the keys a hand-made object would have: the optional ones may be absent."""
    entries = [
        {"id": "point", "title": "A month", "date": "2026-04"},
        {"id": "open-end", "title": "In force, end not known", "window": True, "since": "2025-10", "until": None},
        {"id": "open-start", "title": "In force, start not known", "window": True, "since": None, "until": "2025-12-01"},
        {"id": "year", "title": "A year, uncertain", "date": "2019", "qualifier": "uncertain"},
        {"id": "undated", "title": "Some day"},
    ]
    show(browser, tmp_path, entries, {"as_of": "2025-11-15"})
    drawn = browser.execute_script("return Array.from(document.querySelectorAll('#chart .item')).map(g => g.dataset.id);")
    assert sorted(drawn) == ["open-end", "open-start", "point", "year"]
    x = asof_x(browser)
    assert mark(browser, "open-end")["left"] < x < mark(browser, "open-end")["right"]
    assert mark(browser, "open-start")["left"] < x < mark(browser, "open-start")["right"]
    assert mark(browser, "point")["left"] > x > mark(browser, "year")["right"]
    words = browser.execute_script("return document.getElementById('chart').textContent;")
    assert "in force from October 2025 (day not known) until not known" in words
    assert "2019 (uncertain) (day not known)" in words
    assert "Some day" in browser.find_element("css selector", ".entries").text
    assert browser.execute_script("return document.querySelectorAll('details.derivation').length;") == 0


@pytest.mark.client
def test_an_empty_timeline_is_a_page_too(browser, tmp_path):
    show(browser, tmp_path, [], {"as_of": "2025-11-15", "title": "Nothing yet"})
    assert browser.execute_script("return document.querySelectorAll('#chart .item').length;") == 0
    assert browser.find_element("css selector", "h2#list-title").text == "All 0 events, in date order"


@pytest.mark.client
def test_the_as_of_label_says_when_the_sources_are_old(browser, tmp_path):
    entries, meta = contract(as_of="2026-06-01")
    show(browser, tmp_path, entries, meta)
    assert browser.execute_script("return document.querySelector('#asof').textContent;") == \
        "as of 2026-06-01 · newest source 213 days old"
    x = asof_x(browser)
    assert mark(browser, "trump-visit-china")["right"] < x < mark(browser, "china-oct9-controls-phase-1-postponed")["left"]
