"""Hostile targets for what timeline writes (`ics -o`, the `--state` file):
nothing that is not ours is ever replaced or destroyed.  Run as root and,
where files are touched, as an unprivileged user too."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time

import pytest
from hostile import (
    IS_ROOT,
    NOBODY,
    ROOT,
    SEED_TEXT,
    USERS,
    FifoReader,
    assert_clean_failure,
    make_null_device,
    open_folder,
    remove,
    run,
    snapshot,
    text,
    write_case,
)

from timeline.model import TimelineError
from timeline.output import inputs_of, leftovers, write_atomic


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


def _calendar(result) -> None:
    assert result.returncode == 0, text(result)


@pytest.mark.parametrize("user", USERS)
def test_ics_to_a_fifo_with_a_reader_writes_into_it_and_it_stays_a_fifo(folder, user):
    data = write_case(folder)
    fifo = folder / "out.fifo"
    os.mkfifo(fifo, 0o666)
    os.chmod(fifo, 0o666)
    with FifoReader(fifo) as reader:
        result = run("ics", "-f", data, "-o", fifo, cwd=folder, user=user)
    assert result.returncode == 0, text(result)
    assert reader.data and reader.data.startswith(b"BEGIN:VCALENDAR\r\n") and reader.data.endswith(b"END:VCALENDAR\r\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("user", USERS)
def test_ics_to_a_fifo_nobody_reads_is_refused_at_once(folder, user):
    data = write_case(folder)
    fifo = folder / "out.fifo"
    os.mkfifo(fifo, 0o666)
    os.chmod(fifo, 0o666)
    line = assert_clean_failure(run("ics", "-f", data, "-o", fifo, cwd=folder, user=user), code=(1,))
    assert "no process is reading this FIFO" in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["events.yaml", "out.fifo", "seed.txt"]


@pytest.mark.parametrize("user", USERS)
def test_ics_to_a_device_writes_in_place_and_never_replaces_it(folder, user):
    data = write_case(folder)
    device = make_null_device(folder / "null")
    before = os.lstat(device)
    result = run("ics", "-f", data, "-o", device, cwd=folder, user=user)
    assert result.returncode == 0, text(result)
    after = os.lstat(device)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_ics_to_a_full_device_fails_with_one_line(folder):
    data = write_case(folder)
    if os.geteuid() == 0:
        full = folder / "full"
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    else:
        full = folder / "full"
        os.symlink("/dev/full", full)
    line = assert_clean_failure(run("ics", "-f", data, "-o", full, cwd=folder), code=(1,))
    assert "No space left on device" in line
    assert stat.S_ISCHR(os.stat(full).st_mode)


@pytest.mark.parametrize("user", USERS)
def test_ics_through_a_symlink_writes_the_file_it_points_to_and_keeps_the_link(folder, user):
    data = write_case(folder)
    real = folder / "real.ics"
    real.write_text("old\n")
    os.chmod(real, 0o666)
    link = folder / "link.ics"
    os.symlink("real.ics", link)
    result = run("ics", "-f", data, "-o", link, cwd=folder, user=user)
    assert result.returncode == 0, text(result)
    assert os.path.islink(link) and os.readlink(link) == "real.ics"
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o666  # permissions kept


def test_ics_through_a_dangling_symlink_is_refused(folder):
    data = write_case(folder)
    link = folder / "link.ics"
    os.symlink("missing/nowhere.ics", link)
    line = assert_clean_failure(run("ics", "-f", data, "-o", link, cwd=folder), code=(1,))
    assert "symbolic link to a file that does not exist" in line
    assert os.path.islink(link) and not (folder / "missing").exists()


def test_ics_onto_a_directory_is_refused_and_leaves_it_alone(folder):
    data = write_case(folder)
    target = folder / "out"
    target.mkdir()
    (target / "keep").write_text("x")
    line = assert_clean_failure(run("ics", "-f", data, "-o", target, cwd=folder), code=(1,))
    assert "is a directory" in line
    assert [p.name for p in target.iterdir()] == ["keep"]


def test_replacing_a_calendar_keeps_its_owner_and_mode(folder):
    """As root, another user's file stays theirs (nobody's, here); as anyone, its mode stays."""
    data = write_case(folder)
    target = folder / "theirs.ics"
    target.write_text("old\n")
    owner = (65534, 65534) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(target, *owner)
    os.chmod(target, 0o640)
    result = run("ics", "-f", data, "-o", target, cwd=folder)
    assert result.returncode == 0, text(result)
    info = os.stat(target)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (*owner, 0o640)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_write_atomic_refuses_the_inputs_it_is_given_even_through_a_symlink(folder):
    """The library refuses; `ics -o` onto the data file is tested below, through the CLI."""
    import timeline.api as tl

    data = write_case(folder)
    timeline = tl.load(data)
    protected = inputs_of(data, timeline)
    os.symlink("seed.txt", folder / "alias.txt")
    before = snapshot(data, folder / "seed.txt")
    for target in (data, folder / "seed.txt", folder / "alias.txt"):
        with pytest.raises(TimelineError) as caught:
            write_atomic(target, b"BEGIN:VCALENDAR\r\n", protect=protected)
        assert "refusing to overwrite an input" in str(caught.value)
    assert snapshot(data, folder / "seed.txt") == before
    write_atomic(folder / "fine.ics", b"x", protect=protected)
    assert (folder / "fine.ics").read_bytes() == b"x"


# --- the --state file -------------------------------------------------------------------------------


@pytest.mark.parametrize("user", USERS)
def test_state_onto_the_data_file_is_refused_and_the_data_is_untouched(folder, user):
    data = write_case(folder)
    before = snapshot(data)
    line = assert_clean_failure(run("remind", "--once", "--state", data, "-f", data, *("--as-of", "2025-11-09"),
                                    cwd=folder, user=user), code=(1,))
    assert "names the data file" in line
    assert snapshot(data) == before
    assert not list(folder.glob("events.yaml.corrupt-*"))


@pytest.mark.parametrize("user", USERS)
def test_state_onto_a_seed_or_any_file_not_ours_is_refused_and_left_in_place(folder, user):
    data = write_case(folder)
    seed = folder / "seed.txt"
    notes = folder / "notes.json"
    notes.write_text('{"mine": true}\n')
    os.chmod(notes, 0o666)
    for target in (seed, notes):
        before = snapshot(target)
        line = assert_clean_failure(run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-09",
                                        cwd=folder, user=user), code=(1,))
        assert "is not a timeline state file" in line and "left untouched" in line
        assert snapshot(target) == before
    assert not list(folder.glob("*.corrupt-*"))


@pytest.mark.parametrize("user", USERS)
def test_a_state_file_of_ours_that_is_corrupt_is_renamed_aside(folder, user):
    data = write_case(folder)
    state = folder / "state.json"
    state.write_bytes(b'{"format": 1, "files": ')
    os.chmod(state, 0o666)
    line = assert_clean_failure(run("remind", "--once", "--state", state, "-f", data, "--as-of", "2025-11-09",
                                    cwd=folder, user=user), code=(1,))
    assert "the state file is corrupt" in line
    (aside,) = folder.glob("state.json.corrupt-*")
    assert aside.read_bytes() == b'{"format": 1, "files": '


def test_state_onto_the_data_file_creates_nothing_beside_it(folder):
    """Refused before the lock is taken: no events.yaml.lock appears."""
    data = write_case(folder)
    assert_clean_failure(run("remind", "--once", "--state", data, "-f", data, "--as-of", "2025-11-09", cwd=folder), code=(1,))
    assert sorted(p.name for p in folder.iterdir()) == ["events.yaml", "seed.txt"]


def test_ics_to_a_pipe_named_by_dev_fd_works_as_process_substitution_does(folder):
    """`timeline ics -o >(khal import -)`: the shell passes /dev/fd/N, a pipe."""
    data = write_case(folder)
    read_end, write_end = os.pipe()
    try:
        result = run("ics", "-f", data, "-o", f"/dev/fd/{write_end}", cwd=folder, pass_fds=(write_end,))
        os.close(write_end)
        write_end = -1
        received = b""
        while chunk := os.read(read_end, 65536):
            received += chunk
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    assert result.returncode == 0, text(result)
    assert received.startswith(b"BEGIN:VCALENDAR\r\n") and received.endswith(b"END:VCALENDAR\r\n")


# --- never destroy what is not ours: ics -o onto the inputs (kind 5) ---

@pytest.mark.parametrize("target", ["events.yaml", "seed.txt", "alias.yaml"])
def test_ics_output_onto_the_data_file_or_a_seed_is_refused(folder, target):
    data = write_case(folder)
    os.symlink("events.yaml", folder / "alias.yaml")
    before = snapshot(data, folder / "seed.txt")
    line = assert_clean_failure(run("ics", "-f", data, "-o", folder / target, cwd=folder), code=(1, 2))
    assert "refusing" in line
    assert snapshot(data, folder / "seed.txt") == before


@pytest.mark.parametrize("command", ["html", "timelinejs"])
@pytest.mark.parametrize("target", ["events.yaml", "seed.txt"])
def test_page_output_onto_the_data_file_or_a_seed_is_refused(folder, command, target):
    data = write_case(folder)
    before = snapshot(data, folder / "seed.txt")
    line = assert_clean_failure(run(command, "-f", data, "-o", folder / target, "--as-of", "2025-10-31", cwd=folder), code=(1,))
    assert "refusing" in line
    assert snapshot(data, folder / "seed.txt") == before


# --- temporary files of an `ics -o` killed with kill -9 -------------------------------

_BLOCKED_SAVE = (
    "import os, sys, time\n"
    "os.replace = lambda *a: time.sleep(120)\n"  # hold still where the rename would be, until killed
    "sys.argv = ['timeline', *sys.argv[1:]]\n"
    "from timeline.cli import main; main()\n"
)


def _age(path, seconds: float = 60) -> None:
    """Make a file look `seconds` old (instead of sleeping past STALE_AFTER)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _start_blocked_ics(data, target, folder) -> subprocess.Popen:
    """A real `timeline ics -o target` stopped between writing its temporary file and renaming it."""
    writer = subprocess.Popen([sys.executable, "-c", _BLOCKED_SAVE, "ics", "-f", str(data), "-o", str(target)],
                              cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while not leftovers(target) and time.monotonic() < deadline:
        assert writer.poll() is None, writer.stderr.read() if writer.stderr else ""
        time.sleep(0.05)
    assert len(leftovers(target)) == 1
    return writer


def test_ics_killed_while_saving_leaves_no_stray_file_after_the_next_run(folder):
    data = write_case(folder)
    target = folder / "out.ics"
    assert run("ics", "-f", data, "-o", target, cwd=folder).returncode == 0
    writer = _start_blocked_ics(data, target, folder)
    stray = leftovers(target)[0]
    assert re.fullmatch(rf"\.out\.ics\.timeline-{writer.pid}-\w{{8}}\.tmp", stray.name)
    try:
        _age(stray)
        again = run("ics", "-f", data, "-o", target, cwd=folder)  # the writer still runs: its file stays
        assert again.returncode == 0, text(again)
        assert stray.exists()
        before = target.read_bytes()  # what the last whole run wrote (its DTSTAMP is the time of export)
    finally:
        writer.send_signal(signal.SIGKILL)  # kill -9
        writer.wait(20)
        writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL
    assert target.read_bytes() == before  # the target is whole
    assert stray.exists()
    os.utime(stray)  # as if written a moment before the kill
    young = run("ics", "-f", data, "-o", target, cwd=folder)  # written a moment ago: kept a little longer
    assert young.returncode == 0 and stray.exists()
    _age(stray)
    after = run("ics", "-f", data, "-o", target, cwd=folder)
    assert after.returncode == 0, text(after)
    assert not stray.exists()
    assert leftovers(target) == []
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n") and target.read_bytes().endswith(b"END:VCALENDAR\r\n")
    assert sorted(p.name for p in folder.iterdir()) == ["events.yaml", "out.ics", "seed.txt"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid  # gone (reused only by a process started since: then the file is kept, not removed)


@pytest.mark.parametrize("user", USERS)
def test_next_write_removes_only_stale_temporaries_of_its_own(folder, user):
    """Kept: other tools' names, the older name without a pid, another user's file,
    a living writer's file, a directory and a symlink of that name."""
    data = write_case(folder)
    target = folder / "out.ics"
    dead, alive = _dead_pid(), os.getpid()
    ours = folder / f".out.ics.timeline-{dead}-abcd1234.tmp"
    kept = [
        folder / ".out.ics.abcd1234.tmp",  # mkstemp's name without our mark (another tool may use it)
        folder / f".out.ics.timeline-{alive}-abcd1234.tmp",  # its writer runs
        folder / f".other.ics.timeline-{dead}-abcd1234.tmp",  # another target's
        folder / f".out.ics.timeline-{dead}-abcd1234.tmp.bak",
        folder / f"out.ics.timeline-{dead}-abcd1234.tmp",
    ]
    for path in [ours, *kept]:
        path.write_text("partial")
    foreign = folder / f".out.ics.timeline-{dead}-zzzz1234.tmp"  # the right name, a file not ours
    foreign.write_text("theirs")
    directory = folder / f".out.ics.timeline-{dead}-dddd1234.tmp"
    directory.mkdir()
    link = folder / f".out.ics.timeline-{dead}-llll1234.tmp"
    os.symlink(folder / "seed.txt", link)
    owner = NOBODY if user != "nobody" and IS_ROOT else 0
    if user == "nobody":
        for path in [ours, *kept]:
            os.chown(path, NOBODY, NOBODY)
    if IS_ROOT:
        os.chown(foreign, owner, owner)
    os.chmod(folder, 0o777)
    for path in [ours, *kept, foreign, directory]:
        _age(path)
    expected = {p: p.read_bytes() for p in [*kept, foreign]}
    result = run("ics", "-f", data, "-o", target, cwd=folder, user=user)
    assert result.returncode == 0, text(result)
    assert not ours.exists()
    assert {p: p.read_bytes() for p in expected} == expected
    assert directory.is_dir() and link.is_symlink() and (folder / "seed.txt").read_text() == SEED_TEXT
