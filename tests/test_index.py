"""The cache's columns (timeline/index.py) give the views' answers: `next` by bisect
equals `views.upcoming` on the whole timeline, `show` from the entry and its
backlinks prints what it prints on the whole timeline, `suspended` and `remind`
run on the entries the columns choose give what they give on the whole timeline
(and `suspended` reads exactly what it prints); on generated data of the
benchmark's shape (months, seasons, years, windows, links) with cancelled and
moved events and open-ended windows added."""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

from timeline import api, fast, reminders, snapshot, views
from timeline.dates import Day, Duration
from timeline.edit import ops as edit
from timeline.render import render
from timeline.render.style import Style

_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

PAST = 1_600_000_000


def _revised(path: Path) -> None:
    """Some events of the generated file called off or moved by a later revision (as
    `timeline revise` writes them): cancelled windows and events, moved starts and ends."""
    text = path.read_text(encoding="utf-8")
    timeline = api.load(path, use_cache=False)
    for n, entry in enumerate(timeline.entries[3::23]):
        quote = entry.event.quotes[0]
        if entry.is_window:
            field = "until" if entry.end is not None and n % 3 else "since"
            current = entry.end if field == "until" else entry.start
        else:
            field, current = "date", entry.date
        if current is None:
            continue
        moved = None if n % 2 == 0 else str(Day.from_date(current.value.first_day() + datetime.timedelta(days=40 + n)))
        text = edit.add_revision(text, entry.id, field, to=moved, cancelled=moved is None, source=quote.source,
                                 quote=quote.text, filename=path.name)
    quote = timeline.entries[0].event.quotes[0]
    for k in range(12):  # windows without an end: in force from their start on
        start = datetime.date(2024, 3, 1) + datetime.timedelta(days=61 * k)
        text += "\n".join(["", f"  - id: open-window-{k}", f"    title: Open-ended suspension {k}", "    kind: suspension",
                           "    certainty: announced", "    window:", f"      start: {start.isoformat()[:7 if k % 3 else 10]}",
                           "    sources:", f"      - source: {quote.source}", f"        quote: {json.dumps(quote.text)}", ""])
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The generated file (600 events, some revised) and an environment for its cache."""
    folder = tmp_path_factory.mktemp("gen")
    path = generate.generate(folder, 600)
    _revised(path)
    for p in [path, *(path.parent / "seeds").iterdir()]:
        os.utime(p, (PAST, PAST))
    return path, {"XDG_CACHE_HOME": str(folder / "cache")}


@pytest.fixture(scope="module")
def cached(generated):
    path, environ = generated
    cwd = os.getcwd()
    os.chdir(path.parent)  # the cache keeps the data file's label, relative to here
    try:
        timeline = api.load(Path(path.name), use_cache=False)
        assert snapshot.write(Path(path.name), [s for s in (path.parent / "seeds").iterdir()], timeline,
                              snapshot.now_ns(), environ) is not None
        opened = snapshot.open(Path(path.name), environ)
        assert opened is not None
        yield timeline, opened
        opened.close()
    finally:
        os.chdir(cwd)


def test_the_whole_timeline_reads_back_equal(cached):
    timeline, opened = cached
    assert opened.timeline() == timeline
    assert sum(e.cancelled for e in timeline.entries) > 5 and sum(e.cancelled for e in timeline.entries if e.is_window) > 1
    assert sum(bool(e.revisions) and not e.cancelled for e in timeline.entries) > 5


DAYS = [datetime.date(2023, 1, 1) + datetime.timedelta(days=d) for d in range(0, 1500, 17)]
EVERY_FIFTH = [datetime.date(2023, 1, 1) + datetime.timedelta(days=d) for d in range(0, 1500, 5)]


@pytest.mark.parametrize("limit", [1, 3, 10, 50])
def test_next_by_bisect_is_upcoming_on_the_whole_timeline(cached, limit):
    timeline, opened = cached
    assert any(views.upcoming(timeline, day, limit) for day in DAYS)
    for day in DAYS:
        assert opened.index.upcoming(day, limit) == views.upcoming(timeline, day, limit), day
        until = day + datetime.timedelta(days=30)
        assert opened.index.upcoming(day, limit, until) == views.upcoming(timeline, day, limit, None, until), day


@pytest.mark.parametrize("limit", [1, 10, None])
def test_upcoming_is_the_first_of_every_milestone_ahead_in_date_order(cached, limit):
    """`views.upcoming` (which keeps only the milestones ahead and takes the first `limit`
    of them) against the plain reading: all milestones sorted, those ahead, cut."""
    timeline, _ = cached
    parties = sorted({p for e in timeline.entries for p in e.event.parties})
    for k, day in enumerate(DAYS):
        chosen = views.Filters(party=parties[k % len(parties)].upper()) if k % 3 == 0 else None
        until = day + datetime.timedelta(days=90) if k % 2 else None
        every = [m for m in views.all_milestones(timeline, chosen) if views.is_ahead(m, day)
                 and (until is None or m.date.value.first_day() <= until)]
        assert views.upcoming(timeline, day, limit, chosen, until) == every[:limit], day


def test_the_newest_source_is_the_freshness_of_the_file(cached):
    timeline, opened = cached
    for day in DAYS[::10]:
        assert views.stale_since(opened.index.newest(), day) == views.freshness(timeline, day)


def test_show_from_the_entry_and_its_backlinks_prints_what_the_whole_timeline_does(cached):
    timeline, opened = cached
    day = datetime.date(2026, 1, 15)
    linked = {link.target for e in timeline.entries for link in e.event.links}
    chosen = [e for e in timeline.entries if e.id in linked][:40] + list(timeline.entries[::37])
    assert len(chosen) > 40
    for entry in chosen:
        where = opened.index.find(entry.id)
        assert where is not None and timeline.entries[where] == entry
        small = opened.timeline(opened.index.around(where))
        for fmt in ("text", "json"):
            assert render(views.show_view(small, day, entry.id), fmt, Style(False, None)) == \
                render(views.show_view(timeline, day, entry.id), fmt, Style(False, None))
    assert opened.index.find("no-such-event") is None


@pytest.mark.parametrize("recent", [0, 1, 30, 400])
def test_suspended_reads_exactly_the_windows_it_prints(cached, recent):
    timeline, opened = cached
    windows = [e for e in timeline.entries if e.is_window]
    assert any(e.start is None for e in windows) and any(e.end is None for e in windows)  # open-ended ones too
    printed, ended_some = 0, 0
    for day in EVERY_FIFTH:
        chosen = opened.index.suspended(day, recent)
        assert chosen == sorted(chosen)
        active, ended = views.suspended(timeline, day, recent)
        assert {timeline.entries[i].id for i in chosen} == {e.id for e in active + ended}, day  # no more, no less
        small = timeline._replace(entries=tuple(timeline.entries[i] for i in chosen))
        assert views.suspended(small, day, recent) == (active, ended), day
        printed += len(active) + len(ended)
        ended_some += bool(ended)
    assert printed > 5000 and (ended_some > 10 or recent == 0)


SINCE = (None, 1, 3, 45, -2)  # days before the as-of day (-2: a last run after it)
LEADS = (None, Duration(days=7), Duration(months=1), Duration(years=1))


@pytest.mark.parametrize("mode", [reminders.ONCE, reminders.DAILY])
def test_remind_from_the_columns_is_due_on_the_whole_timeline(cached, mode):
    timeline, opened = cached
    head = opened.head()
    assert head.warn and any(e.event.warn for e in timeline.entries)  # the file's lead times and an event's own
    found = 0
    for n, day in enumerate(DAYS):
        for lead in LEADS:
            for back in SINCE[n % 2::2] if lead else SINCE:
                since = None if back is None else day - datetime.timedelta(days=back)
                chosen = opened.index.reminders(day, mode, lead, since)
                expected = reminders.due(timeline, day, mode=mode, within=lead, since=since)
                small = head._replace(entries=tuple(timeline.entries[i] for i in chosen))
                assert reminders.due(small, day, mode=mode, within=lead, since=since) == expected, (day, lead, since)
                found += bool(expected)
                if since is None and lead is None:  # what fast.py prints
                    for fmt in ("text", "json"):
                        assert render(views.RemindView(small, day, expected, False, "events.yaml"), fmt, Style(False, None)) \
                            == render(views.RemindView(timeline, day, expected, False, "events.yaml"), fmt, Style(False, None))
    assert found > 100
    for day in DAYS[::11]:  # reads no more than it must: what is due, not every milestone of the lead times
        chosen = opened.index.reminders(day, reminders.ONCE)
        due = {r.milestone.entry.id for r in reminders.due(timeline, day, mode=reminders.ONCE)}
        assert {timeline.entries[i].id for i in chosen} == due, day


@pytest.mark.parametrize("args", [
    ["suspended"], ["suspended", "--recent", "0"], ["suspended", "--recent", "400", "--json"],
    ["remind"], ["remind", "--json"], ["remind", "--mode", "daily"], ["remind", "--within", "2w", "--json"],
])
def test_the_fast_path_prints_what_the_cli_prints_without_the_cache(cached, generated, invoke, args):
    path, environ = generated
    for day in ("2025-03-03", "2026-01-15", "2026-07-30"):
        argv = [*args, "-f", path.name, "--as-of", day]
        answer = fast._answer(argv, environ)
        assert answer is not None, "the fast path answers from the cache"
        slow = invoke(*argv, "--no-cache")
        assert slow.exit_code == 0 and answer[1] == slow.stdout, (args, day)
        assert answer[1].strip(), "something to compare"
