"""`timeline remind` and `timeline cron`: a simulated year of daily cron runs,
--once under concurrency, and every failure of the state file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from conftest import SHIPPED, write_many_due

FIRST, LAST = pendulum.date(2025, 10, 1), pendulum.date(2027, 1, 31)  # 16 months, one day at a time
DEFAULT_LEADS = (30, 7, 1)


def days():
    day = FIRST
    while day <= LAST:
        yield day
        day = day.add(days=1)


def expected_reminders():
    """(day, id, milestone, kind) for every reminder due in the simulated period,
    worked out from the shipped data by plain date arithmetic."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert "warn: [30d, 7d, 1d]" in text and text.count("warn:") == 2  # the default, and trump-visit-china
    from timeline import api, views

    expected = set()
    for m in views.all_milestones(api.load(SHIPPED)):
        first = m.date.value.first_day()
        day = pendulum.Date(first.year, first.month, first.day)
        leads = (90, 30, 7) if m.id == "trump-visit-china" else DEFAULT_LEADS
        if m.milestone == "ends":
            fire = {(day.subtract(days=n), "due") for n in leads} | {(day, "lapsed")}
        else:
            fire = {(day.subtract(days=n), "due") for n in (*leads, 0)}
        for when, kind in fire:
            if FIRST <= when <= LAST:
                expected.add((str(when), m.id, "lapsed" if kind == "lapsed" else m.milestone, kind))
    return expected


def test_a_simulated_year_of_daily_runs_without_once(invoke):
    seen = set()
    for day in days():
        result = invoke("remind", "--as-of", day, "--json", "-f", SHIPPED)
        assert result.exit_code == 0, result.output
        for item in json.loads(result.stdout):
            kind = "lapsed" if item["milestone"] == "lapsed" else "due"
            seen.add((str(day), item["id"], item["milestone"], kind))
    expected = expected_reminders()
    assert seen == expected
    assert len(expected) > 40


def test_a_simulated_year_with_once_reports_each_reminder_once_and_is_quiet_otherwise(invoke, tmp_path):
    state = tmp_path / "state.json"
    expected = expected_reminders()
    due_days = {d for d, *_ in expected}
    reported = []
    for day in days():
        result = invoke("remind", "--once", "--state", state, "--as-of", day, "-f", SHIPPED)
        assert result.exit_code == 0, result.output
        if str(day) not in due_days:
            assert result.stdout == "", f"{day} should be quiet"
            continue
        assert result.stdout.startswith("timeline: ") and f" for {day} (" in result.stdout.splitlines()[0]
        ids = [line.split(" · id ")[-1] for line in result.stdout.splitlines() if " · id " in line]
        assert sorted(ids) == sorted(i for d, i, *_ in expected if d == str(day))
        reported += [(str(day), i) for i in ids]
    assert len(reported) == len(set(reported)) == len(expected)
    # a second pass over the same days reports nothing at all
    for day in list(days())[::37]:
        assert invoke("remind", "--once", "--state", state, "--as-of", day, "-f", SHIPPED).stdout == ""


def test_once_catches_up_after_missed_days_without_repeating(invoke, tmp_path):
    state = tmp_path / "state.json"

    def run(day):
        return json.loads(invoke("remind", "--once", "--json", "--state", state, "--as-of", day, "-f", SHIPPED).stdout)

    assert [(i["id"], i["lead"]) for i in run("2025-11-01")] == [
        ("china-oct9-controls-phase-1", "7d"), ("china-oct9-controls-phase-2", "30d")]
    # the machine was off from 2 to 11 November: the truce ended, phase 1 came into force and five
    # suspensions began meanwhile; each is reported once, as missed (issue 9: not only window ends)
    items = run("2025-11-12")
    assert [(i["id"], i["milestone"], i["days_left"]) for i in items] == [
        ("china-oct9-controls-phase-1", "happens", -4), ("trade-truce", "lapsed", -2),
        ("china-301-countermeasures-suspension", "starts", -2), ("china-oct9-controls-suspension", "starts", -2),
        ("reciprocal-tariff-suspension", "starts", -2), ("us-301-maritime-suspension", "starts", -2),
        ("us-affiliates-rule-suspension", "starts", -2)]
    assert run("2025-11-12") == [] and run("2025-11-13") == []
    # the 7-day reminder for 1 December fell on 24 November; after a gap it comes once, as the nearest lead
    items = run("2025-11-30")
    assert [(i["id"], i["lead"], i["days_left"]) for i in items] == [("china-oct9-controls-phase-2", "1d", 1)]
    assert [(i["id"], i["lead"]) for i in run("2025-12-01")] == [("china-oct9-controls-phase-2", "0d")]  # the day itself
    assert run("2025-12-01") == []


def test_daily_mode_reminds_every_day_from_the_widest_lead(invoke):
    def ids(day, *extra):
        result = invoke("remind", "--json", "--as-of", day, "-f", SHIPPED, *extra)
        assert result.exit_code == 0, result.output
        return [(i["id"], i["lead"]) for i in json.loads(result.stdout)]

    phase2 = ("china-oct9-controls-phase-2", "30d")
    assert phase2 in ids("2025-11-01", "--mode", "daily")  # 30 days before
    assert phase2 in ids("2025-11-15", "--mode", "daily")  # every day since
    assert phase2 not in ids("2025-11-15")  # once: only on the lead days
    assert phase2 not in ids("2025-10-31", "--mode", "daily")  # 31 days before: not yet


def test_within_is_a_window_over_every_lead(invoke):
    result = invoke("remind", "--json", "--as-of", "2026-10-31", "--within", "14d", "-f", SHIPPED)
    items = json.loads(result.stdout)
    assert {i["id"] for i in items} == {
        "china-301-countermeasures-suspension", "china-oct9-controls-suspension", "reciprocal-tariff-suspension",
        "us-301-maritime-suspension", "us-affiliates-rule-suspension", "china-oct9-controls-phase-1-postponed",
    }
    assert all(i["lead"] == "14d" for i in items)
    assert all(i["days_left"] == 10 for i in items if i["milestone"] == "ends")


def test_the_digest_says_days_left_certainty_assumptions_and_source(invoke):
    text = invoke("remind", "--as-of", "2026-11-09", "-f", SHIPPED).stdout
    assert text.splitlines()[0] == "timeline: 5 reminders for 2026-11-09 (events.yaml)"
    assert "Tue 2026-11-10: tomorrow" in text
    assert "  * US suspension of the 50% affiliates rule: ends" in text
    assert "announced · date assumed (see `timeline show us-affiliates-rule-suspension`) · warned 1d ahead" in text
    assert "Source (bbc-zh-2025-10-31, BBC News 中文, 2025-10-31): 作為交換，美方將暫停實施其9月29日公佈的出口管制50%穿透性規則一年。" in text
    assert "\x1b" not in text


def test_stale_sources_are_flagged_on_ended_windows(invoke):
    late = invoke("remind", "--as-of", "2026-11-10", "-f", SHIPPED).stdout
    assert "The newest source is from 2025-10-31, 375 days before 2026-11-10: the sources may be out of date" in late
    items = json.loads(invoke("remind", "--as-of", "2025-11-10", "--json", "-f", SHIPPED).stdout)
    assert [i["stale"] for i in items if i["milestone"] == "lapsed"] == [False]  # ten days after the article
    fresh = invoke("remind", "--as-of", "2026-11-10", "--stale-after", "2y", "-f", SHIPPED).stdout
    assert "may be out of date" not in fresh


# --- concurrency ----------------------------------------------------------------------------


def test_two_concurrent_once_runs_report_each_reminder_exactly_once(tmp_path):
    data = write_many_due(tmp_path)
    for attempt in range(3):
        state = tmp_path / f"state-{attempt}.json"
        command = [sys.executable, "-m", "timeline", "remind", "--once", "--json", "--state", str(state),
                   "--as-of", "2026-01-25", "-f", str(data)]
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), [o[1] for o in outputs]
        reported = [i["id"] for out, _ in outputs for i in json.loads(out)]
        expected = {f"e{n}" for n in range(300) if (pendulum.date(2026, 2, 1 + n % 20) - pendulum.date(2026, 1, 25)).days in (30, 7, 1, 0)}
        assert len(reported) == len(set(reported)) == len(expected) > 0
        assert set(reported) == expected


# --- the state file ---------------------------------------------------------------------------


def test_a_corrupt_state_file_is_kept_aside_with_a_clear_error(invoke, tmp_path):
    state = tmp_path / "state.json"
    garbage = b'{"format": 1, "files": {"x": {"sent": {"a": '
    state.write_bytes(garbage)
    result = invoke("remind", "--once", "--state", state, "--as-of", "2025-11-01", "-f", SHIPPED)
    assert result.exit_code == 1
    assert result.stdout == ""  # nothing reported: nothing can be lost or repeated
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{state}: the state file is corrupt (not JSON: Expecting value at line 1")
    assert "kept aside as state.json.corrupt-" in line and "Traceback" not in result.output
    (aside,) = tmp_path.glob("state.json.corrupt-*")
    assert aside.read_bytes() == garbage and not state.exists()
    # the next run starts a new record
    again = invoke("remind", "--once", "--state", state, "--as-of", "2025-11-01", "-f", SHIPPED)
    assert again.exit_code == 0 and "china-oct9-controls-phase-1" in again.stdout


@pytest.mark.parametrize("content", [b'{"format": 2, "files": {}}', b'{"format": 1, "files": {"%s": {"last_run": "yesterday"}}}'])
def test_state_files_of_the_wrong_shape_are_corrupt_too(invoke, tmp_path, content):
    state = tmp_path / "state.json"
    state.write_bytes(content.replace(b"%s", str(SHIPPED).encode()))
    result = invoke("remind", "--once", "--state", state, "--as-of", "2025-11-01", "-f", SHIPPED)
    assert result.exit_code == 1 and "the state file is corrupt" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_file_that_is_not_a_state_file_is_refused_and_left_in_place(invoke, tmp_path):
    """Only a file that begins as ours do ({"format": …) is renamed aside as corrupt."""
    state = tmp_path / "state.json"
    state.write_bytes(b"[]")
    result = invoke("remind", "--once", "--state", state, "--as-of", "2025-11-01", "-f", SHIPPED)
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{state}: is not a timeline state file")
    assert state.read_bytes() == b"[]" and not list(tmp_path.glob("state.json.corrupt-*"))


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write in.  Root ignores permission bits, so as root the
    folder is made immutable (chattr +i), or else is a read-only tmpfs mount."""
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "reminders.json").write_bytes(b'{"format": 1, "files": {}}')
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        yield folder
        os.chmod(folder, 0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
        return
    content = (folder / "reminders.json").read_bytes()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], check=True)
    (folder / "reminders.json").write_bytes(content)
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_state_folder_is_a_clear_error_and_loses_nothing(read_only_folder):
    state = read_only_folder / "reminders.json"
    before = state.read_bytes()
    with pytest.raises(OSError):
        (read_only_folder / "probe").write_bytes(b"")  # the folder really is read-only
    result = subprocess.run([sys.executable, "-m", "timeline", "remind", "--once", "--state", str(state),
                             "--as-of", "2025-11-01", "-f", str(SHIPPED)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{state}: cannot use the state file: ")
    assert line.endswith(("Permission denied", "Operation not permitted", "Read-only file system"))
    assert state.read_bytes() == before


def test_a_missing_data_file(invoke, tmp_path):
    result = invoke("remind", "--once", "--state", tmp_path / "s.json", "-f", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("nope.yaml: no such file")
    assert not (tmp_path / "s.json").exists()


def test_default_state_path_follows_xdg(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert invoke("remind", "--once", "--as-of", "2025-11-01", "-f", SHIPPED).exit_code == 0
    state = json.loads((tmp_path / "xdg" / "timeline" / "reminders.json").read_text())
    assert state["files"][str(SHIPPED)]["last_run"] == "2025-11-01"


# --- cron ----------------------------------------------------------------------------------------


def test_cron_prints_a_crontab_line_and_a_systemd_timer_with_absolute_paths(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    result = invoke("cron", "-f", SHIPPED, "--at", "06:30", "--mailto", "desk@example.org")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "MAILTO=desk@example.org" in lines
    (entry,) = [line for line in lines if line.startswith("30 6 * * * ")]
    program = entry.split()[5]
    assert Path(program).is_absolute() and (Path(program).exists() or program == sys.executable)
    assert entry.endswith(f"remind --once --file {SHIPPED}")
    assert f"ExecStart={entry[len('30 6 * * * '):]}" in lines
    assert "OnCalendar=*-*-* 06:30:00" in lines and "Persistent=true" in lines
    assert list(tmp_path.iterdir()) == []  # nothing installed, nothing written


def test_cron_escapes_percent_signs(tmp_path):
    from timeline.render.schedule import crontab, systemd

    assert "/data/100\\%.yaml" in crontab(["/bin/timeline"], "/data/100%.yaml", 7, 0, None)
    assert "/data/100%%.yaml" in systemd(["/bin/timeline"], "/data/100%.yaml", 7, 0)


def test_cron_refuses_a_bad_time(invoke):
    result = invoke("cron", "-f", SHIPPED, "--at", "25:00")
    assert result.exit_code == 2 and "is not a time of day" in result.stderr
