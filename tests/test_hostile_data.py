"""Valid-looking data at the edges of the calendar: what already holds (each
refused by `validate` with its location, or computed by every command).
The data that still crashes a command is in test_hostile_pending.py."""

from __future__ import annotations

import pytest
from hostile import assert_consistent, event, open_folder, remove, write_case

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
