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
from timeline.status import status

LATE = "2026-11-26"  # 391 days after the only source, 2025-10-31
STALE_NOTE = "newest source 2025-10-31, 391 days old"

pending = pytest.mark.xfail(strict=True, reason="issue 8: needs code (status passed/happened, staleness)")


@pytest.fixture(scope="module")
def shipped():
    return api.load(SHIPPED)


def day(text):
    return pendulum.parse(text).date()


# --- status that claims no more than the sources -------------------------------------------


@pending
def test_the_april_visit_has_passed_not_happened(shipped):
    # day gone by, and no source reports the visit as having taken place
    assert status(shipped.get("trump-visit-china"), day(LATE)) == "passed"


@pending
@pytest.mark.parametrize(
    "ident",
    ["china-oct9-controls-phase-1", "china-oct9-controls-phase-2", "china-oct9-controls-phase-1-postponed"],
)
def test_announced_or_possible_dates_gone_by_are_passed(shipped, ident):
    assert status(shipped.get(ident), day(LATE)) == "passed"


@pending
def test_a_confirmed_event_gone_by_has_happened(shipped):
    assert status(shipped.get("busan-meeting"), day(LATE)) == "happened"
    assert status(shipped.get("trump-left-busan"), day(LATE)) == "happened"


def test_on_its_day_a_point_event_is_still_active(shipped):
    # not pending: the new statuses are for days after the date, not the day itself
    assert status(shipped.get("busan-meeting"), day("2025-10-30")) == "active"


@pending
def test_show_json_says_passed(invoke):
    result = invoke("show", "trump-visit-china", "--as-of", LATE, "--json", "-f", SHIPPED)
    assert json.loads(result.stdout)["status"] == "passed"


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
