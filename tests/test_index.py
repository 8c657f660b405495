"""The cache's columns (timeline/index.py) give the views' answers: `next` by bisect
equals `views.upcoming` on the whole timeline, `show` from the entry and its
backlinks prints what it prints on the whole timeline; on generated data of the
benchmark's shape (months, seasons, years, windows, links, cancelled events)."""

from __future__ import annotations

import datetime
import importlib.util
import os
from pathlib import Path

import pytest
from conftest import ROOT

from timeline import api, snapshot, views
from timeline.render import render
from timeline.render.style import Style

_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

PAST = 1_600_000_000


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("gen")
    path = generate.generate(folder, 600)
    for p in [path, *(path.parent / "seeds").iterdir()]:
        os.utime(p, (PAST, PAST))
    environ = {"XDG_CACHE_HOME": str(folder / "cache")}
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


DAYS = [datetime.date(2023, 1, 1) + datetime.timedelta(days=d) for d in range(0, 1500, 17)]


@pytest.mark.parametrize("limit", [1, 3, 10, 50])
def test_next_by_bisect_is_upcoming_on_the_whole_timeline(cached, limit):
    timeline, opened = cached
    assert any(views.upcoming(timeline, day, limit) for day in DAYS)
    for day in DAYS:
        assert opened.index.upcoming(day, limit) == views.upcoming(timeline, day, limit), day
        until = day + datetime.timedelta(days=30)
        assert opened.index.upcoming(day, limit, until) == views.upcoming(timeline, day, limit, None, until), day


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
