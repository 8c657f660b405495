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
import random
from pathlib import Path

import pytest
from conftest import ROOT

from timeline import api, cache, fast, index, reminders, snapshot, views
from timeline.dates import Day, Duration
from timeline.edit import ops as edit
from timeline.model import CERTAINTIES
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
        rare = ["    parties: [Straße, US]", "    tags: [Rare-Tag]"] if k % 3 == 0 else []  # casefolds to STRASSE's
        text += "\n".join(["", f"  - id: open-window-{k}", f"    title: Open-ended suspension {k}", "    kind: suspension",
                           "    certainty: announced", *rare, "    window:",
                           f"      start: {start.isoformat()[:7 if k % 3 else 10]}",
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


def _filters(timeline) -> list[views.Filters]:
    """Filters drawn from the data: one to four facets, values as written, in other
    cases, or matching nothing; and the rare ones (a party that casefolds: Straße, STRASSE)."""
    rng = random.Random(10)
    values = {"party": sorted({p for e in timeline.entries for p in e.event.parties}),
              "kind": sorted({e.event.kind for e in timeline.entries}),
              "tag": sorted({t for e in timeline.entries for t in e.event.tags}),
              "certainty": sorted({e.event.certainty for e in timeline.entries})}
    spelled = (str, str.upper, str.lower, str.swapcase, str.title)
    found = [views.Filters(party="STRASSE"), views.Filters(party="straße", tag="rare-tag"), views.Filters(tag="RARE-TAG"),
             views.Filters(party="straße", kind="truce"), views.Filters(party="nobody"), views.Filters(certainty="Confirmed")]
    while len(found) < 24:
        chosen = rng.sample(sorted(values), rng.randint(1, 4))
        found.append(views.Filters(**{facet: "nothing-" + facet if rng.random() < 0.1
                                      else rng.choice(spelled)(rng.choice(values[facet])) for facet in chosen}))
    return found


def test_the_facet_columns_are_filters_keep(cached):
    timeline, opened = cached
    filters = _filters(timeline)
    kept_some = 0
    for chosen in filters:
        keep = opened.index.selected(chosen)
        assert keep is not None and [bool(b) for b in keep] == [chosen.keep(e) for e in timeline.entries], chosen
        kept_some += 0 < sum(keep) < len(keep) // 2
    assert kept_some > len(filters) // 2 and sum(opened.index.selected(views.Filters(party="STRASSE"))) == 4
    assert opened.index.selected(views.Filters()) is None  # no filter: every entry, nothing to read
    with pytest.raises(ValueError, match="date range"):  # --from/--to are not in the columns
        opened.index.selected(views.Filters(start=datetime.date(2026, 1, 1), party="US"))


def test_more_than_256_values_of_a_facet_take_a_wider_column(cached, generated, tmp_path):
    timeline, _ = cached
    path, _ = generated
    wide = timeline._replace(entries=tuple(e._replace(event=e.event._replace(tags=(f"Tag-{i % 300}", "shared")))
                                           for i, e in enumerate(timeline.entries)))
    values, arrays, _ = index.columns(wide)
    assert arrays["e_tag"].typecode != "B" and arrays["e_kind"].typecode == "B"
    environ = {"XDG_CACHE_HOME": str(tmp_path)}
    assert cache.write(path, [], values=values, arrays=arrays, built_ns=snapshot.now_ns(), environ=environ) is not None
    with cache.Cache.open(path, environ=environ) as opened:
        columns = index.Index(opened, wide.entries.__getitem__)
        for chosen in (views.Filters(tag="TAG-7"), views.Filters(tag="tag-299", party="us"), views.Filters(tag="Shared")):
            keep = columns.selected(chosen)
            assert keep is not None and [bool(b) for b in keep] == [chosen.keep(e) for e in wide.entries]
            for day in DAYS[::9]:
                assert columns.upcoming(day, 5, None, keep) == views.upcoming(wide, day, 5, chosen), (chosen, day)


def test_filtered_next_suspended_and_remind_from_the_columns_are_the_views(cached):
    timeline, opened = cached
    head = opened.head()
    printed = 0
    for n, chosen in enumerate(_filters(timeline)):
        keep = opened.index.selected(chosen)
        for day in DAYS[n % 3::3]:
            until = day + datetime.timedelta(days=200)
            ahead, soon = views.upcoming(timeline, day, None, chosen), views.upcoming(timeline, day, None, chosen, until)
            for limit in (1, 3, 10, 50):
                assert opened.index.upcoming(day, limit, None, keep) == ahead[:limit], (chosen, day, limit)
                assert opened.index.upcoming(day, limit, until, keep) == soon[:limit], (chosen, day, limit)
            printed += len(ahead[:10])
            windows = opened.index.suspended(day, 30, keep)
            active, ended = views.suspended(timeline, day, 30, chosen)
            assert {timeline.entries[i].id for i in windows} == {e.id for e in active + ended}, (chosen, day)
            for mode, lead in ((reminders.ONCE, None), (reminders.DAILY, None), (reminders.ONCE, Duration(days=30))):
                due = opened.index.reminders(day, mode, lead, None, keep)
                small = head._replace(entries=tuple(timeline.entries[i] for i in due))
                expected = reminders.due(timeline, day, mode=mode, within=lead, filters=chosen)
                assert reminders.due(small, day, mode=mode, within=lead, filters=chosen) == expected, (chosen, day)
                if mode == reminders.ONCE and lead is None:  # reads exactly what is due
                    assert {timeline.entries[i].id for i in due} == {r.milestone.entry.id for r in expected}
    assert printed > 1000


def test_a_filtered_next_reads_only_the_entries_it_prints(cached, generated, monkeypatch):
    path, environ = generated
    read: list[int] = []
    entry = snapshot.Snapshot.entry
    monkeypatch.setattr(snapshot.Snapshot, "entry", lambda self, i: read.append(i) or entry(self, i))
    for args in (["--party", "straße"], ["--tag", "Rare-Tag", "-n", "3"], ["--party", "us", "--kind", "TRUCE", "-n", "20"],
                 ["--certainty", "confirmed"], ["--party", "nobody"]):
        read.clear()
        answer = fast._answer(["next", *args, "-f", path.name, "--as-of", "2024-01-01", "--json"], environ)
        assert answer is not None
        printed = json.loads(answer[1])
        assert len(set(read)) == len(read) == len({m["id"] for m in printed}), args
        assert bool(printed) == (args[1] != "nobody")


def test_a_filtered_list_reads_the_entries_it_prints_and_those_linking_to_them(cached, generated, monkeypatch):
    timeline, _ = cached
    path, environ = generated
    read: list[int] = []
    entry = snapshot.Snapshot.entry
    monkeypatch.setattr(snapshot.Snapshot, "entry", lambda self, i: read.append(i) or entry(self, i))
    linked = 0
    for chosen in _filters(timeline):
        read.clear()
        argv = ["list", "-f", path.name, "--as-of", "2026-01-15", "--json"]
        for facet in ("party", "kind", "tag", "certainty"):
            argv += [f"--{facet}", getattr(chosen, facet)] if getattr(chosen, facet) else []
        answer = fast._answer(argv, environ)
        if chosen.certainty and chosen.certainty not in CERTAINTIES:
            assert answer is None  # the CLI refuses it (a usage error)
            continue
        assert answer is not None
        kept = [i for i, e in enumerate(timeline.entries) if chosen.keep(e)]
        linkers = {i for i, e in enumerate(timeline.entries) for link in e.event.links
                   if any(timeline.entries[k].id == link.target for k in kept)}
        assert sorted(read) == sorted(set(kept) | linkers), chosen
        assert [e["id"] for e in json.loads(answer[1])] == [e.id for e in views.listing(timeline, chosen)]
        linked += len(linkers - set(kept))
    assert linked > 0  # some printed entries are linked to from entries the filters leave out


@pytest.mark.parametrize("args", [
    ["suspended"], ["suspended", "--recent", "0"], ["suspended", "--recent", "400", "--json"],
    ["remind"], ["remind", "--json"], ["remind", "--mode", "daily"], ["remind", "--within", "2w", "--json"],
    ["next", "--party", "CN", "-n", "25"], ["next", "--tag", "STEEL", "--kind", "tariff", "--json"],
    ["next", "--party", "strasse", "--within", "400d"], ["next", "--certainty", "possible", "--party", "nobody"],
    ["suspended", "--kind", "Truce", "--recent", "90"], ["suspended", "--party", "eu", "--tag", "rare-tag", "--json"],
    ["remind", "--tag", "diplomacy"], ["remind", "--party", "US", "--mode", "daily", "--json"],
    ["remind", "--kind", "meeting", "--within", "2mo", "--certainty", "expected"],
    ["list", "--party", "CN"], ["list", "--tag", "steel", "--json"], ["list", "--kind", "SUSPENSION"],
    ["list", "--party", "us", "--from", "2025-06-01", "--to", "2026-06-01", "--json"], ["list", "--party", "straße"],
])
def test_the_fast_path_prints_what_the_cli_prints_without_the_cache(cached, generated, invoke, args):
    path, environ = generated
    printed = []
    for day in ("2025-03-03", "2026-01-15", "2026-07-30"):
        argv = [*args, "-f", path.name, "--as-of", day]
        answer = fast._answer(argv, environ)
        assert answer is not None, "the fast path answers from the cache"
        slow = invoke(*argv, "--no-cache")
        assert slow.exit_code == 0 and answer[1] == slow.stdout, (args, day)
        printed.append(answer[1].strip())
    assert all(printed) or (args[0] == "remind" and any(printed)), "something to compare"
