"""Security: nothing from the data or the options can add a line to a crontab
or unit file, and a source file name cannot lead out of the data folder
(`safe_io.inside`, for sources.py to call).  Calendar injection, control
characters on the terminal and reads outside the folder through the CLI are
in test_hostile_pending.py until the modules that must change land."""

from __future__ import annotations

import os

import pytest
from hostile import assert_clean_failure, open_folder, remove, run, text, write_case

from timeline import safe_io
from timeline.model import TimelineError
from timeline.render import schedule


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


@pytest.mark.parametrize("mailto", ["me@example.org\n* * * * * rm -rf ~", "a@b\r", "a@b\u2028x", "a@b\x7f", "a@b\x1b[2J", "a@b\u200e"])
def test_cron_refuses_a_mailto_that_could_add_a_line(folder, mailto):
    data = write_case(folder)
    result = run("cron", "-f", data, "--mailto", mailto, cwd=folder)
    line = assert_clean_failure(result, code=(1, 2))
    assert "--mailto" in line and "control character" in line
    assert result.stdout == b""


def test_cron_accepts_ordinary_addresses(folder):
    data = write_case(folder)
    result = run("cron", "-f", data, "--mailto", "Ops Team <ops@example.org>, me@example.org", cwd=folder)
    assert result.returncode == 0, text(result)
    lines = result.stdout.decode().splitlines()
    assert "MAILTO=Ops Team <ops@example.org>, me@example.org" in lines


def test_cron_refuses_a_data_file_whose_path_holds_a_newline():
    folder = open_folder()
    try:
        odd = folder / "x\n0 * * * * touch pwned #"
        odd.mkdir()
        data = write_case(odd)
        result = run("cron", "-f", data, cwd=odd)
        line = assert_clean_failure(result, code=(1, 2))
        assert "the data file's path" in line and "\\n" in line  # named on one line, the newline escaped
        assert result.stdout == b""
    finally:
        remove(folder)


def test_schedule_escapes_nothing_it_does_not_refuse():
    with pytest.raises(TimelineError):
        schedule.crontab(["/usr/bin/timeline"], "/data/events.yaml", 7, 0, "a@b\nMAILTO=evil")
    with pytest.raises(TimelineError):
        schedule.systemd(["/usr/bin/timeline\n[Service]"], "/data/events.yaml", 7, 0)
    text = schedule.crontab(["/usr/bin/timeline"], "/data/100% sure.yaml", 7, 0, None)
    assert "'/data/100\\% sure.yaml'" in text


# --- safe_io.inside: a source `file:` stays in the data file's folder ---------------------------------------


def test_inside_resolves_names_in_the_folder(folder):
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text("x")
    assert safe_io.inside(folder, "seeds/a.txt") == (folder / "seeds" / "a.txt").resolve()
    assert safe_io.inside(folder, "seeds/./a.txt") == (folder / "seeds" / "a.txt").resolve()


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "seeds/../../outside.txt", "", "a\0b"])
def test_inside_refuses_absolute_names_dot_dot_and_odd_names(folder, name):
    with pytest.raises(safe_io.OutsideFolder):
        safe_io.inside(folder, name)


def test_inside_refuses_a_symlink_that_leads_out(folder):
    (folder / "data").mkdir()
    os.symlink("/etc/passwd", folder / "data" / "leak.txt")
    os.symlink("/etc", folder / "data" / "etc")
    os.symlink("real.txt", folder / "data" / "alias.txt")
    with pytest.raises(safe_io.OutsideFolder) as caught:
        safe_io.inside(folder / "data", "leak.txt")
    assert "symbolic link" in caught.value.strerror
    with pytest.raises(safe_io.OutsideFolder):
        safe_io.inside(folder / "data", "etc/passwd")
    assert safe_io.inside(folder / "data", "alias.txt") == (folder / "data" / "real.txt").resolve()  # a link inside is fine
