"""The resolver and status: references, windows, assumptions, cycles, boundaries."""

import pendulum
import pytest

from timeline import api, views
from timeline.status import days_left, status


@pytest.fixture
def resolve(write_data):
    """Write events, check them; return (timeline, [error strings])."""

    def run(events: str):
        timeline, errors = api.check(write_data(events))
        return timeline, [str(e) for e in errors]

    return run


def day(text):
    return pendulum.parse(text).date()


def event(body: str, ident="e1", kind="measure", certainty="announced") -> str:
    return f"- id: {ident}\n  title: {ident}\n  kind: {kind}\n  certainty: {certainty}\n" + \
        "  sources: [{source: art, quote: Tariffs are suspended for one year.}]\n" + \
        "".join(f"  {line}\n" for line in body.strip("\n").split("\n"))


def test_relative_dates_follow_references(resolve):
    timeline, errors = resolve(
        event("date: {from: art, this: 11-10}", "truce-end")
        + event("date: {from: truce-end, offset: 1 year}", "later")
        + event("date: {from: later, offset: -2 weeks}", "earlier")
        + event("date: {from: art, next: april}", "visit")
    )
    assert errors == []
    dates = {e.id: str(e.date.value) for e in timeline.entries}
    assert dates == {"truce-end": "2025-11-10", "later": "2026-11-10", "earlier": "2026-10-27", "visit": "2026-04"}
    later = timeline.get("later").date
    assert later.how == "= 2025-11-10 + 1 year (truce-end + 1 year)"
    assert later.basis[0][0] == "date of truce-end"


def test_window_for_a_length_and_window_until(resolve):
    timeline, errors = resolve(
        event("window: {start: 2025-11-10, for: 1 year}", "a")
        + event("window: {until: 2026-11-10, for: 90 days}", "b")
        + event("window: {start: 2025-11-10, until: {from: a.end, offset: 1 month}}", "c")
        + event("window: {until: 2025-11-10}", "d")
    )
    assert errors == []
    spans = {e.id: (e.start and str(e.start.value), e.end and str(e.end.value)) for e in timeline.entries}
    assert spans == {
        "a": ("2025-11-10", "2026-11-10"),
        "b": ("2026-08-12", "2026-11-10"),
        "c": ("2025-11-10", "2026-12-10"),
        "d": (None, "2025-11-10"),
    }


def test_assumptions_propagate_and_alternatives_are_kept(resolve):
    timeline, errors = resolve(
        event("date: 2025-11-10", "truce-end")
        + event("date: 2025-10-30", "meeting")
        + event(
            "window:\n"
            "  start: {from: truce-end, assumed: the article does not say, alternative: {from: meeting, note: from the announcement}}\n"
            "  for: 1 year",
            "suspension",
        )
        + event("date: {from: suspension.end, offset: 1 day}", "after")
    )
    assert errors == []
    suspension = timeline.get("suspension")
    assert suspension.assumed
    assert suspension.start.assumption == "the article does not say"
    assert not suspension.end.assumption and suspension.end.assumed  # inherited
    assert str(suspension.end.value) == "2026-11-10"
    assert str(suspension.end.alternative.value) == "2026-10-30"
    assert suspension.end.alternative_note == "from the announcement"
    after = timeline.get("after")
    assert after.assumed and after.date.assumptions() == ["the article does not say"]
    assert not timeline.get("meeting").assumed


def test_unknown_references_are_located_errors(resolve):
    _, errors = resolve(event("date: {from: truce-ennd, offset: 1 year}", "x") + event("date: 2025-11-10", "truce-end"))
    assert len(errors) == 1
    assert errors[0].startswith("events.yaml:11:18: event 'x': unknown reference 'truce-ennd' (did you mean 'truce-end'?)")


def test_reference_cycles_are_errors(resolve):
    _, errors = resolve(
        event("date: {from: b, offset: 1 day}", "a")
        + event("date: {from: c, offset: 1 day}", "b")
        + event("date: {from: a, offset: 1 day}", "c")
        + event("date: {from: a, offset: 1 day}", "d")  # depends on the cycle: no second error
    )
    assert len(errors) == 1, errors
    assert "reference cycle: a → b → c → a" in errors[0]
    assert errors[0].startswith("events.yaml:")


def test_a_window_referring_to_its_own_end_is_a_cycle(resolve):
    _, errors = resolve(event("window: {start: {from: w.end, offset: -1 year}, for: 1 year}", "w"))
    assert any("reference cycle: w.start → w.end → w.start" in e for e in errors), errors


def test_wrong_kinds_of_reference(resolve):
    _, errors = resolve(
        event("window: {start: 2025-11-10, for: 1 year}", "w")
        + event("date: 2025-11-10", "p")
        + event("date: {from: w, offset: 1 day}", "x1")
        + event("date: {from: p.end, offset: 1 day}", "x2")
        + event("date: {from: art.start}", "x3")
        + event("window: {start: 2025-11-10}", "open")
        + event("date: {from: open.end}", "x4")
    )
    text = "\n".join(errors)
    assert "'w' is a window: refer to 'w.start' or 'w.end'" in text
    assert "'p' is not a window: refer to 'p'" in text
    assert "a source has only a date" in text
    assert "the window 'open' has no end date to refer to" in text
    assert len(errors) == 4


def test_date_arithmetic_errors_are_located(resolve):
    _, errors = resolve(event("date: 2026-04", "visit") + event("date: {from: visit, offset: 90 days}", "x"))
    assert len(errors) == 1
    assert "cannot add 90 days to April 2026: the date is only known to the month" in errors[0]


def test_a_window_that_ends_before_it_starts(resolve):
    _, errors = resolve(event("window: {start: 2026-01-01, until: 2025-01-01}", "w"))
    assert len(errors) == 1 and "ends (2025-01-01) before it starts (2026-01-01)" in errors[0]


def test_time_with_zone_gives_a_utc_instant(resolve):
    timeline, errors = resolve(
        event('date: 2025-10-30\ntime: "12:30"\ntimezone: Asia/Seoul', "seoul")
        + event("date: 2026-03-08\ntime: 02:30\ntimezone: America/New_York", "gap")
    )
    assert errors == []
    assert timeline.get("seoul").instant.isoformat() == "2025-10-30T03:30:00+00:00"
    # 02:30 does not exist that night in New York: pendulum moves it forward
    assert timeline.get("gap").instant.isoformat() == "2026-03-08T07:30:00+00:00"


def test_a_timed_event_keeps_its_local_time_and_the_zone_abbreviation_then(resolve):
    timeline, errors = resolve(
        event('date: 2025-10-30\ntime: "12:30"\ntimezone: Asia/Seoul', "seoul")
        + event("date: 2026-03-08\ntime: 02:30\ntimezone: America/New_York", "gap")
        + event("date: 2026-01-15\ntime: '09:00'\ntimezone: America/New_York", "winter")
        + event("date: 2026-07-15\ntime: '09:00'\ntimezone: America/New_York", "summer")
        + event("date: 2026-07-15", "untimed")
        + event("date: 0001-01-01\ntime: '12:00'\ntimezone: utc", "lower")  # pendulum reads it; zoneinfo has no "utc"
    )
    assert errors == []
    shown = {e.id: e.local.strftime("%H:%M %Z") if e.local else None for e in timeline.entries}
    assert shown == {"seoul": "12:30 KST", "gap": "03:30 EDT", "winter": "09:00 EST", "summer": "09:00 EDT",
                     "untimed": None, "lower": "12:00 UTC"}
    assert all(e.local == e.instant for e in timeline.entries if e.local)  # the same moment


def test_the_local_time_is_what_the_zone_rules_give_for_every_zone_and_day(resolve):
    """`Entry.local` (one fixed offset, named) against the zone's rules read at display time,
    for many zones (half-hour and 45-minute offsets, southern DST, LMT in year 1, the last
    days of 9999) and days across DST changes."""
    import marshal
    import random
    import zoneinfo

    from timeline import codec

    rng = random.Random(5)
    zones = ["Asia/Seoul", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata",
             "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "Etc/GMT+5", "UTC", "Pacific/Kiritimati",
             "America/Santiago", "Africa/Casablanca", "Asia/Shanghai", "Europe/Dublin"]
    days = ["0001-01-02", "1900-06-30", "1970-01-01", "2025-03-09", "2025-03-30", "2025-10-26", "2025-11-02",
            "2026-04-05", "2026-10-04", "9999-12-30"]
    cases = [(zone, day, f"{rng.randrange(24):02d}:{rng.randrange(60):02d}") for zone in zones for day in days]
    timeline, errors = resolve("".join(event(f'date: {day}\ntime: "{time}"\ntimezone: {zone}', f"e{n}")
                                       for n, (zone, day, time) in enumerate(cases)))
    assert errors == []
    for n, (zone, _, _) in enumerate(cases):
        entry = timeline.get(f"e{n}")
        there = entry.instant.astimezone(zoneinfo.ZoneInfo(zone))
        assert entry.local.strftime("%Y-%m-%d %H:%M %Z") == there.strftime("%Y-%m-%d %H:%M %Z"), (zone, entry.instant)
        back = codec.unpack(marshal.loads(marshal.dumps(codec.pack(entry))))  # as the cache keeps it
        assert back == entry and back.local.tzname() == entry.local.tzname() and back.local.utcoffset() == there.utcoffset()


def test_time_needs_a_day(resolve):
    _, errors = resolve(event("date: 2026-04\ntime: '10:00'\ntimezone: UTC", "x"))
    assert len(errors) == 1 and "'time' needs a date known to the day, not April 2026" in errors[0]


# --- status on the boundary days ----------------------------------------------------


@pytest.fixture
def windows(resolve):
    timeline, errors = resolve(
        event("window: {start: 2025-11-10, for: 1 year}", "w")
        + event("date: 2026-04", "month")
        + event("date: 2026-04-15", "day")
        + event("window: {until: 2025-11-10}", "open-start")
        + event("window: {start: 2026-04, until: 2026-06}", "coarse")
        + event("title_original: x", "undated")
    )
    assert errors == []
    return timeline


@pytest.mark.parametrize(
    "as_of, expected, left",
    [
        ("2025-11-09", "upcoming", None),
        ("2025-11-10", "active", 365),  # in force from its first day
        ("2026-11-09", "active", 1),  # last day in force
        ("2026-11-10", "ended", None),  # the until day: no longer in force
    ],
)
def test_window_status_on_boundary_days(windows, as_of, expected, left):
    entry = windows.get("w")
    assert status(entry, day(as_of)) == expected
    assert days_left(entry, day(as_of)) == left


@pytest.mark.parametrize(
    "ident, as_of, expected",
    [
        ("month", "2026-03-31", "upcoming"),
        ("month", "2026-04-01", "active"),
        ("month", "2026-04-30", "active"),
        ("month", "2026-05-01", "passed"),
        ("day", "2026-04-14", "upcoming"),
        ("day", "2026-04-15", "active"),
        ("day", "2026-04-16", "passed"),
        ("open-start", "2000-01-01", "active"),
        ("open-start", "2025-11-10", "ended"),
        ("coarse", "2026-03-31", "upcoming"),
        ("coarse", "2026-04-01", "active"),  # the earliest the month allows
        ("coarse", "2026-06-01", "ended"),  # the earliest day of the end month
        ("undated", "2026-01-01", "undated"),
    ],
)
def test_status_of_points_and_coarse_windows(windows, ident, as_of, expected):
    assert status(windows.get(ident), day(as_of)) == expected


def test_next_orders_milestones_and_keeps_a_month_while_it_lasts(windows):
    found = views.upcoming(windows, day("2026-04-10"), limit=None)
    assert [(m.id, m.milestone) for m in found] == [
        ("month", "happens"),  # April 2026 may still be ahead
        ("coarse", "starts"),  # so may a start known to the month
        ("day", "happens"),
        ("coarse", "ends"),
        ("w", "ends"),
    ]
    assert views.upcoming(windows, day("2026-04-10"), limit=2) == found[:2]


def test_next_drops_a_confirmed_event_whose_month_has_begun(resolve):
    timeline, _ = resolve(event("date: 2026-04", "past", certainty="confirmed") + event("date: 2026-04", "ahead"))
    assert [m.id for m in views.upcoming(timeline, day("2026-04-10"))] == ["ahead"]
    assert [m.id for m in views.upcoming(timeline, day("2026-04-01"))] == ["ahead", "past"]
