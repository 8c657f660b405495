"""Structured fuzzing: hypothesis writes data files that look valid (events
with dates at the calendar's edges, references, chains and cycles up to 300
long, windows, anchors, offsets, times and zones, lead times, odd text) and
every query command runs on each, in-process.  For every file and command:

* the exit status is 0, 1 or 2, and nothing escapes as a traceback;
* on status 1 each line on stderr is an error with its `events.yaml:LINE:COL`;
* `validate` refuses exactly what the other commands cannot compute;
* the data file's bytes and modification time are untouched;
* when `ics` succeeds, its calendar is read by the strict `ical` parser and
  by icalendar without errors.

Bounded for CI: TIMELINE_FUZZ_EXAMPLES files (default 60), no deadline.
The byte-level fuzzer (atheris) is tests/fuzz/fuzz_load.py, run below for
TIMELINE_FUZZ_RUNS iterations (default 2000) from libFuzzer seed
TIMELINE_FUZZ_SEED (default 1).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from hostile import QUOTE, ROOT, SEED_TEXT, cli, run, text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.cache import cache_path

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "60"))
RUNS = int(os.environ.get("TIMELINE_FUZZ_RUNS", "2000"))
SEED = int(os.environ.get("TIMELINE_FUZZ_SEED", "1"))  # libFuzzer's: the same inputs on every run unless changed
LOCATED = re.compile(r"events\.yaml:\d+:\d+: \S")

# --- pieces of a data file -------------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@st.composite
def digits(draw, value: str, wild: bool) -> str:
    """In a wild file, now and then full-width or Arabic-Indic digits (which must be refused)."""
    if not wild:
        return value
    which = draw(st.sampled_from(["ascii"] * 8 + ["full", "arabic"]))
    return value.translate(FULL_WIDTH) if which == "full" else value.translate(ARABIC_INDIC) if which == "arabic" else value


EDGE_YEARS = [0, 1, 2, 1969, 2000, 2024, 2025, 2026, 9998, 9999]


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year or 2000, month)[1]  # year 0: as a leap year, as proleptic Gregorian has it


@st.composite
def dates(draw, wild: bool) -> str:
    """EDTF dates; a sane file still reaches the calendar's edges (years 0000, 1 and 9999, 31 December)."""
    year = draw(st.sampled_from(EDGE_YEARS) | st.integers(0 if wild else 1, 9999))
    shapes = ["day"] * 4 + ["month", "season", "quarter", "half", "year"] + (["garbage"] if wild else [])
    shape = draw(st.sampled_from(shapes))
    if shape == "garbage":
        return draw(st.sampled_from(["2025-1-1", "20251110", "2025-11-10T00:00", "next april", "-2025", "２０２５", "2025-00", ""]))
    value = f"{year:04d}"
    if shape == "month":
        value += f"-{draw(st.integers(0 if wild else 1, 13 if wild else 12)):02d}"
    elif shape == "season":
        value += f"-{draw(st.integers(20, 25) if wild else st.integers(21, 24)):02d}"
    elif shape == "quarter":
        number = draw(st.integers(0, 5) if wild else st.integers(1, 4))
        value += draw(st.sampled_from([f"-{32 + number}", f"-Q{number}", f"-q{number}"]))
    elif shape == "half":
        number = draw(st.integers(0, 3) if wild else st.integers(1, 2))
        value += draw(st.sampled_from([f"-{39 + number}", f"-H{number}"]))
    elif shape == "day":
        month = draw(st.integers(1, 12))
        last = _days_in(year, month)
        day = draw(st.sampled_from([0, 1, last, last + 1, 31, 32]) if wild else st.sampled_from([1, last]) | st.integers(1, last))
        value += f"-{draw(st.integers(0, 13)) if wild else month:02d}-{day:02d}"
    value += draw(st.sampled_from(["", "", "", "?", "~", "%"]))
    return draw(digits(value, wild))


@st.composite
def durations(draw, wild: bool) -> str:
    n = draw(st.sampled_from([1, 2, 7, 30, 90, 365, 10000, 3_000_000, 10**20]) | st.integers(1, 400))
    forms = ["{n}d", "{n}w", "{n}mo", "{n}y", "{n} days", "{n} months", "P{n}Y", "P{n}D", "1 year {n} days"]
    if wild:
        n = draw(st.sampled_from([0, n]))
        forms += ["-{n}d", "{n}m", "{n}h"]
    return draw(digits(draw(st.sampled_from(forms)).format(n=n), wild))


ANCHORS = ["april", "December", "monday", "Sunday", "autumn", "winter", "fall", "11-10", "02-29", "12-31", "01-01"]
WILD_ANCHORS = ["13-01", "02-30", "someday"]
ZONES = ["UTC", "Asia/Seoul", "Europe/Brussels", "America/Adak", "Pacific/Kiritimati", "Etc/GMT+12", "Etc/GMT-14",
         "Mars/Olympus"]
WILD_ZONES = ["utc", "../etc/passwd", "Asia/Seoul\n", ""]
TIMES = ["12:00", "00:00", "23:59", "23:59:59", "7:05"]
WILD_TIMES = ["24:00", "12:60", "7:5", "１２:００", "noon"]
ODD_TEXT = st.sampled_from(["plain", "引號「」", "x\x1b[31mred\x1b[0m", "bell\x07", "nul\x00byte", "cr\rlf\nline",
                            "a\r\nATTACH:http://evil/", "semi;colon,comma\\back", "\u2028sep", "tab\there", "🙂" * 40,
                            "\x1b]0;title\x07", "\u202eevil", "\u2066iso\u2069late", "zero\u200bwidth", "ZWJ\u200d🙂"])
TEXT = st.one_of(st.just("Plain text"), ODD_TEXT, st.text(min_size=1, max_size=40))


def reference(ids: list[str], windows: set[str], wild: bool) -> st.SearchStrategy[str]:
    choices = ["art"]
    for i in ids:
        choices += [f"{i}.start", f"{i}.end"] if i in windows else [i]
    if wild:
        choices += ["nowhere", "art.start"] + ([f"{ids[0]}.start", ids[-1]] if ids else [])
    return st.sampled_from(choices)


@st.composite
def date_specs(draw, ids: list[str], windows: set[str], wild: bool, depth: int = 0):
    how = draw(st.sampled_from(["literal", "literal", "on", "ref", "offset", "anchor"] + (["alternative"] if depth == 0 else [])))
    if how == "literal":
        return draw(dates(wild))
    spec: dict = {}
    if how == "on":
        spec["on"] = draw(dates(wild))
    else:
        spec["from"] = draw(reference(ids, windows, wild))
        if how == "offset":
            offset = draw(durations(wild))
            spec["offset"] = offset if draw(st.booleans()) or offset.startswith("-") else "-" + offset
        elif how == "anchor":
            spec[draw(st.sampled_from(["this", "next", "last"]))] = draw(st.sampled_from(ANCHORS + (WILD_ANCHORS if wild else [])))
        elif how == "alternative":
            spec["alternative"] = draw(date_specs(ids, windows, wild, depth + 1))
    if draw(st.booleans()):
        spec["assumed"] = draw(TEXT)
    return spec


@st.composite
def documents(draw) -> dict:
    """A data file; one in three is 'wild' (invalid values mixed in), the others
    are valid-looking, so that the commands past `validate` run too."""
    wild = draw(st.integers(0, 2)) == 0
    count = draw(st.integers(1, 8))
    ids = [f"e{i}" for i in range(count)]
    windows = {i for i in ids if draw(st.integers(0, 3)) == 0}
    events = []
    for n, ident in enumerate(ids):
        quotes = [QUOTE] * 8 + (["Not in the seed.", "truce"] if wild else [])
        record: dict = {"id": ident, "title": draw(st.one_of(st.just(f"Event {ident}"), TEXT)), "kind": "truce",
                        "certainty": draw(st.sampled_from(["confirmed", "announced", "expected", "possible"])),
                        "sources": [{"source": "art", "quote": draw(st.sampled_from(quotes))}]}
        # references go to later events only (so no cycle) in a sane file; anywhere, itself included, in a wild one
        others = [i for i in ids if i != ident] + [ident] if wild else ids[n + 1:]
        if ident in windows:
            window = {}
            combos = [("start", "for"), ("start", "until"), ("until", "for"), ("start",), ("until",)]
            for key in draw(st.sampled_from(combos + ([("start", "for", "until"), ("for",)] if wild else []))):
                window[key] = draw(durations(wild)) if key == "for" else draw(date_specs(others, windows, wild))
            if not wild and "start" in window and "until" in window:
                window = {"start": window["start"], "for": draw(durations(wild))}  # an until before the start: refused, rightly
            record["window"] = window
        else:
            record["date"] = draw(date_specs(others, windows, wild))
            if draw(st.integers(0, 3)) == 0:
                record["time"] = draw(st.sampled_from(TIMES + (WILD_TIMES if wild else [])))
                record["timezone"] = draw(st.sampled_from(ZONES + (WILD_ZONES if wild else [])))
        if draw(st.integers(0, 2)) == 0:
            record["warn"] = draw(st.lists(durations(wild), min_size=1, max_size=3))
        for field in ("note", "title_original"):
            if draw(st.integers(0, 3)) == 0:
                record[field] = draw(TEXT)
        if draw(st.integers(0, 3)) == 0:
            record["tags"] = draw(st.lists(TEXT, min_size=1, max_size=2))
        if draw(st.integers(0, 2)) == 0:
            record["parties"] = draw(st.lists(st.sampled_from(["US", "CN", "us", "Straße", "STRASSE"]) | TEXT,
                                              min_size=1, max_size=2))
        if draw(st.integers(0, 5)) == 0 and len(ids) > 1:
            record["links"] = {"see_also": [draw(st.sampled_from([i for i in ids if i != ident] + (["missing"] if wild else [])))]}
        events.append(record)
    # a chain of references, up to 300 long, or (in a wild file) a cycle
    length = draw(st.sampled_from([0, 0, 2, 5, 50, 150, 300]))
    cycle = wild and draw(st.booleans())
    for i in range(length):
        last = i == length - 1
        if last:
            date = {"from": "c0", "offset": "1d"} if cycle else draw(dates(wild))
        else:
            date = {"from": f"c{i + 1}", "offset": draw(st.sampled_from(["1d", "1 month", "-1d", "1y"]))}
        events.append({"id": f"c{i}", "title": f"Chain {i}", "kind": "step", "certainty": "expected", "date": date,
                       "sources": [{"source": "art", "quote": QUOTE}]})
    source = {"id": "art", "file": "seed.txt", "published": draw(dates(wild)) if draw(st.integers(0, 4)) == 0 else "2025-10-31"}
    if draw(st.integers(0, 3)) == 0:
        source["url"] = draw(st.sampled_from(["https://example.org/a", "https://example.org/a?b=1,2;c",
                                              "http://x/\r\nATTACH:http://evil/", "http://x/\x1b[2J"]))
    document = {"sources": [source], "events": events}
    if draw(st.integers(0, 2)) == 0:
        document["defaults"] = {"warn": draw(st.lists(durations(wild), min_size=1, max_size=3))}
    return document


AS_OF = st.sampled_from(["2025-10-31", "2025-11-10", "0001-01-01", "9999-12-31", "2026-10-30"])


def _dump(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)


# --- the property ----------------------------------------------------------------------------------


def _check_calendar(data: bytes) -> None:
    import icalendar
    from ical.calendar_stream import IcsCalendarStream

    calendar_text = data.decode("utf-8")
    IcsCalendarStream.calendar_from_ics(calendar_text)
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, component.errors
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", calendar_text.replace("\r\n", "")), "a control character in the calendar"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
          report_multiple_bugs=False)  # shrink one failure, not all: bounded time in CI
@given(document=documents(), as_of=AS_OF)
def test_every_command_on_generated_data_files(document, as_of):
    folder = Path(tempfile.mkdtemp(prefix="timeline-fuzz-"))
    try:
        (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
        data = folder / "events.yaml"
        data.write_text(_dump(document), encoding="utf-8")
        settled = time.time() - 3600  # older than the cache's racy window: the commands cache the file and read it back
        for path in (data, folder / "seed.txt"):
            os.utime(path, (settled, settled))
        before = (data.read_bytes(), os.stat(data).st_mtime_ns)
        shown = document["events"][0]["id"]
        commands = [("validate",), ("next", "--as-of", as_of), ("suspended", "--as-of", as_of),
                    ("list", "--json", "--as-of", as_of), ("show", shown, "--as-of", as_of), ("ics",),
                    ("remind", "--as-of", as_of), ("remind", "--once", "--state", str(folder / "state.json"), "--as-of", as_of)]
        status, answers = {}, {}
        for command in commands:
            result = cli(*command, "-f", "events.yaml", cwd=folder, env={"SOURCE_DATE_EPOCH": "1767225600"})
            answers[command] = (result.returncode, result.stdout, result.stderr)
            out, err = text(result)
            assert "Traceback" not in err, (command, err[-4000:])
            assert result.returncode in (0, 1, 2), (command, result.returncode)
            if result.returncode == 1:
                for line in err.splitlines():
                    assert LOCATED.match(line), (command, f"not a located error: {line!r}")
            if command == ("ics",) and result.returncode == 0:
                _check_calendar(result.stdout)
            status[command[0]] = result.returncode
        assert set(status.values()) == {status["validate"]}, ("validate and the other commands disagree", status)
        for command in commands[1:5]:  # answered from the cache above (the fast path where it can): the same without
            result = cli(*command, "-f", "events.yaml", cwd=folder, env={"SOURCE_DATE_EPOCH": "1767225600",
                                                                         "TIMELINE_NO_CACHE": "1"})
            assert (result.returncode, result.stdout, result.stderr) == answers[command], command
        assert cache_path(data, variant="events.yaml").exists() == (status["validate"] == 0)  # a clean file is cached
        for command in commands[1:3]:  # as a process: the fast path answers from that cache (timeline/fast.py)
            result = run(*command, "-f", "events.yaml", cwd=folder, env={"COLUMNS": "80"})
            assert (result.returncode, result.stdout, result.stderr) == answers[command], command
        parties = [p for e in document["events"] if isinstance(e, dict) and isinstance(e.get("parties"), list)
                   for p in e["parties"] if isinstance(p, str) and p.isprintable() and not p.startswith("-")]
        party = parties[0].swapcase() if parties else "US"  # the filters compare casefolded
        filtered = ("list", "--json", "--party", party, "--as-of", as_of)  # the entries kept and those linking to them
        whole = cli(*filtered, "-f", "events.yaml", cwd=folder, env={"SOURCE_DATE_EPOCH": "1767225600",
                                                                     "TIMELINE_NO_CACHE": "1"})
        result = run(*filtered, "-f", "events.yaml", cwd=folder)
        assert (result.returncode, result.stdout, result.stderr) == (whole.returncode, whole.stdout, whole.stderr)
        assert (data.read_bytes(), os.stat(data).st_mtime_ns) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- bytes: atheris over load.decode/parse + resolve --------------------------------------------------


def test_byte_level_fuzzing_of_the_loader_and_resolver(tmp_path):
    """tests/fuzz/fuzz_load.py under libFuzzer (atheris), from a corpus of small valid files."""
    import atheris  # noqa: F401  (the test needs it: installed with the test extra)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "shipped.yaml").write_bytes((ROOT / "events.yaml").read_bytes())
    for n, example in enumerate(_corpus_examples()):
        (corpus / f"small-{n}.yaml").write_text(example, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "fuzz" / "fuzz_load.py"), f"-runs={RUNS}", f"-seed={SEED}", "-max_len=32768",
         f"-dict={ROOT / 'tests' / 'fuzz' / 'timeline.dict'}", "-timeout=20",
         "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1", str(corpus)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert result.returncode == 0 and not crashes, (crashes, result.stderr[-4000:])
    assert re.search(r"stat::number_of_executed_units:\s*\d+", result.stderr), result.stderr[-2000:]


def _corpus_examples() -> list[str]:
    header = "sources:\n  - id: art\n    file: seed.txt\n    published: 2025-10-31\nevents:\n"
    item = ("  - id: {i}\n    title: T\n    kind: truce\n    certainty: confirmed\n{body}"
            "    sources: [{{source: art, quote: The truce expires on 10 November.}}]\n")
    bodies = [
        "    date: 2025-11-10\n",
        "    date: {from: art, next: thursday, assumed: why}\n",
        "    window: {start: 2025-10-30, for: 1 year}\n",
        "    date: 2025-10-30\n    time: '12:30'\n    timezone: Asia/Seoul\n    warn: [30d, 7d]\n",
        "    date: {from: a, offset: 90d, alternative: {from: art, this: 11-10}}\n",
        "    window: {until: {from: a}, for: P1M}\n",
    ]
    examples = [header + item.format(i="a", body=bodies[0]) + item.format(i=f"b{n}", body=body) for n, body in enumerate(bodies)]
    shared = "  - {id: c, title: &t 'R&D at AT&T!', kind: k, certainty: confirmed, sources: &s [{source: art, quote: x}]}\n"
    examples.append(header + shared + "  - {id: d, title: *t, kind: !!str k, certainty: confirmed, sources: *s}\n")
    examples.append("base: &b {kind: k, certainty: confirmed}\n" + header + "  - {<<: *b, id: e, title: T}\n  - !custom {}\n")
    return examples
