"""Issue 8 on the shipped data: what needs code that is not written yet.

Each test is a strict xfail: it fails today because the behaviour is missing,
and the day the code lands it passes, which fails the run until its mark is
removed.  The data these tests rest on (events.yaml) is already corrected.

Needs: status `passed` / `happened` for point events (timeline/status.py), the
staleness note and `stale` in JSON on every query command, and `suspended`
saying "nothing recorded as in force".
"""

import json

import pendulum
import pytest
from conftest import SHIPPED

from timeline import api

LATE = "2026-11-26"  # 391 days after the only source, 2025-10-31
STALE_NOTE = "newest source 2025-10-31, 391 days old"

pending = pytest.mark.xfail(strict=True, reason="issue 8: needs code (status passed/happened, staleness)")


@pytest.fixture(scope="module")
def shipped():
    return api.load(SHIPPED)


def day(text):
    return pendulum.parse(text).date()


# --- status that claims no more than the sources -------------------------------------------


# --- staleness on every command ------------------------------------------------------------


@pending
@pytest.mark.parametrize(
    "args",
    [
        ["next"],
        ["suspended"],
        ["list"],
        ["show", "trump-visit-china"],
        ["remind"],
    ],
)
def test_every_query_command_warns_when_the_data_is_old(invoke, args):
    result = invoke(*args, "--as-of", LATE, "-f", SHIPPED)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if STALE_NOTE in line]
    assert len(notes) == 1 and "dates may have moved" in notes[0]
    assert STALE_NOTE not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["next"], marks=pending),
        pytest.param(["suspended"], marks=pending),
        pytest.param(["list"], marks=pending),
        pytest.param(["show", "trump-visit-china"], marks=pending),
        ["remind"],  # remind has --stale-after already
    ],
)
def test_no_staleness_note_within_the_limit(invoke, args):
    recent = invoke(*args, "--as-of", "2025-11-10", "-f", SHIPPED)
    assert recent.exit_code == 0 and "days old" not in recent.stderr
    widened = invoke(*args, "--as-of", LATE, "--stale-after", "2y", "-f", SHIPPED)
    assert widened.exit_code == 0 and "days old" not in widened.stderr


@pending
@pytest.mark.parametrize("command", ["next", "list"])
def test_json_stays_an_array_and_each_item_says_stale(invoke, command):
    late = json.loads(invoke(command, "--as-of", LATE, "--json", "-f", SHIPPED).stdout)
    assert isinstance(late, list) and late and all(item["stale"] is True for item in late)
    fresh = json.loads(invoke(command, "--as-of", "2025-11-10", "--json", "-f", SHIPPED).stdout)
    assert fresh and all(item["stale"] is False for item in fresh)


@pending
def test_suspended_does_not_state_as_fact_what_its_data_cannot_see(invoke):
    result = invoke("suspended", "--as-of", LATE, "-f", SHIPPED)
    assert "Nothing is suspended" not in result.stdout
    assert "nothing recorded as in force" in result.stdout.lower()
