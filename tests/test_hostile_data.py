"""Valid-looking data at the edges of the calendar (years 0001 and 9999,
anchors and lead times past them, unknown zones, chains and cycles of any
length): each refused by `validate` with its location, or computed by every
command."""

from __future__ import annotations

import pytest
from hostile import AS_OF, HEADER, assert_consistent, cli, event, open_folder, remove, text, write_case

CASES = {
    "month 13": (event("a", "date: 2025-13-01\n"), 1),
    "31 April": (event("a", "date: 2025-04-31\n"), 1),
    "29 February of a common year": (event("a", "date: 2025-02-29\n"), 1),
    "window past 9999": (event("a", "window: {start: 9999-12-01, for: 1 month}\n"), 1),
    "window before year 1": (event("a", "window: {until: 0001-01-01, for: 1d}\n"), 1),
    "offset before year 1": (event("a") + event("b", "date: {from: a, offset: -3000y}\n"), 1),
    "a huge offset": (event("a") + event("b", "date: {from: a, offset: 99999999999999999999d}\n"), 1),
    "a huge window": (event("a", "window: {start: 2025-01-01, for: 999999999999999999999y}\n"), 1),
    "last December before year 1": (event("a", "date: 0001-01-15\n") + event("b", "date: {from: a, last: december}\n"), 1),
    "a two-step cycle": (event("a", "date: {from: b}\n") + event("b", "date: {from: a}\n"), 1),
    "the year 9999": (event("a", "date: '9999'\n"), 0),
    "December 9999": (event("a", "date: 9999-12\n"), 0),
    "a window open at year 1": (event("a", "window: {start: 0001-01-01}\n"), 0),
    "this Sunday in the first week": (event("a", "date: 0001-01-01\n") + event("b", "date: {from: a, this: sunday}\n"), 0),
    "a time that is in year 0 in UTC": (event("a", "date: 0001-01-01\ntime: '00:00'\ntimezone: Pacific/Kiritimati\n"), None),
    "a chain of 50": ("".join(event(f"e{i}", f"date: {{from: e{i + 1}, offset: 1d}}\n") for i in range(50))
                      + event("e50", "date: 2025-01-01\n"), 0),
}


@pytest.mark.parametrize("name", CASES)
def test_edge_data_is_refused_with_a_location_or_computed_everywhere(name):
    events, expected = CASES[name]
    folder = open_folder()
    try:
        data = write_case(folder, events)
        ids = ("a",) if "- id: a\n" in events else ("e0",)
        status = assert_consistent(folder, data, ids=ids)
        assert expected is None or status == expected
    finally:
        remove(folder)


# --- tracebacks from valid-looking data (issue 9, kind 1) ---

@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


CALENDAR_EDGES = {
    "unknown zone beside a valid time": event("a", "date: 2025-11-10\ntime: '12:00'\ntimezone: Mars/Olympus\n"),
    "the year 0000": event("a", "date: 0000-01-01\n"),
    "a window from the year 0000": event("a", "window: {start: 0000-01-01, until: 2025-01-01}\n"),
    "31 December 9999 in a calendar": event("a", "date: 9999-12-31\n"),
    "winter 9999 (ends in 10000)": event("a", "date: 9999-24\n"),
    "a time that is in year 10000 in UTC": event("a", "date: 9999-12-31\ntime: '23:00'\ntimezone: America/Adak\n"),
    "last Monday before year 1": event("a", "date: 0001-01-01\n") + event("b", "date: {from: a, last: monday}\n"),
    "next Sunday after 9999": event("a", "date: 9999-12-31\n") + event("b", "date: {from: a, next: sunday}\n"),
    "this Sunday past 9999": event("a", "date: 9999-12-31\n") + event("b", "date: {from: a, this: sunday}\n"),
    "a lead time before year 1": event("a", "date: 0001-01-05\nwarn: [10y]\n"),
    "an alarm on 9999-12-31": event("a", "date: 9999-12-31\nwarn: [1d]\n"),
    "a huge lead time": event("a", "date: 2025-11-10\nwarn: [99999999999999999999d]\n"),
    "a reverse chain of 300": "".join(event(f"a{i}" if i else "a", f"date: {{from: a{i + 1}, offset: 1d}}\n") for i in range(300))
                              + event("a300", "date: 2025-01-01\n"),
    "a cycle of 300": "".join(event(f"a{i}" if i else "a", f"date: {{from: a{(i + 1) % 300 or ''}, offset: 1d}}\n") for i in range(300)),
    "a chain of 300 windows": "".join(event(f"a{i}" if i else "a", f"window: {{start: {{from: a{i + 1}.end}}, for: 1d}}\n")
                                      for i in range(300)) + event("a300", "window: {start: 2025-01-01, for: 1d}\n"),
}


@pytest.mark.parametrize("name", CALENDAR_EDGES)
def test_data_is_refused_with_a_location_or_computed_everywhere(folder, name):
    data = write_case(folder, CALENDAR_EDGES[name])
    assert_consistent(folder, data, ids=("a",))


def test_a_source_published_in_year_0000(folder):
    data = write_case(folder, event("a", "date: {from: art, offset: 1y}\n"),
                      header=HEADER.replace("published: 2025-10-31", "published: '0000'"))
    assert_consistent(folder, data, ids=("a",))


@pytest.mark.parametrize("day", ["0001-01-01", "0999-12-31", "0099-06-15"])
def test_a_calendar_of_years_before_1000_is_valid(folder, day):
    """render/ics.py writes DATE values with strftime('%Y%m%d'), which glibc
    does not pad before year 1000: DTSTART;VALUE=DATE:10101 (found by test_fuzz)."""
    data = write_case(folder, event("truce", f"date: {day}\n"))
    result = cli("ics", "-f", data.name, cwd=folder)
    assert result.returncode == 0
    compact = day.replace("-", "")
    assert f"DTSTART;VALUE=DATE:{compact}\r\n".encode() in result.stdout


def _chain(n: int, windows: bool) -> str:
    if windows:
        return "".join(event(f"a{i}" if i else "a", f"window: {{start: {{from: a{i + 1}.end}}, for: 1d}}\n")
                       for i in range(n)) + event(f"a{n}", "window: {start: 2025-01-01, for: 1d}\n")
    return "".join(event(f"a{i}" if i else "a", f"date: {{from: a{i + 1}, offset: 1d}}\n") for i in range(n)) \
        + event(f"a{n}", "date: 2025-01-01\n")


def test_a_chain_within_the_limit_is_computed_and_shown_by_every_command(folder):
    data = write_case(folder, _chain(99, windows=True))  # 199 references deep: the limit is 200
    assert assert_consistent(folder, data, ids=("a",), extra=(("show", "a", "--json", *AS_OF), ("html",), ("timelinejs",))) == 0


def test_a_chain_over_the_limit_is_refused_at_a_reference(folder):
    data = write_case(folder, _chain(1000, windows=False))
    assert assert_consistent(folder, data, ids=("a",), extra=(("show", "a", "--json", *AS_OF), ("html",))) == 1
    err = text(cli("validate", "-f", data.name, cwd=folder))[1]
    assert "more than 200 references" in err and len(err.splitlines()) == 1
