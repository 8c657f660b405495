"""Hangs and resource exhaustion: only regular files are read, never past a
size limit, and never by waiting on a FIFO.  `timeline.safe_io` is the one
reader of the data file, its seeds and the `--state` file; aliases are
bounded by the size of the text they expand to."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from hostile import (
    HEADER,
    LOCATED,
    ROOT,
    USERS,
    assert_clean_failure,
    event,
    make_char_device,
    open_folder,
    remove,
    run,
    write_case,
)

from timeline import safe_io


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


def test_a_regular_file_is_read_whole(folder):
    path = folder / "a.txt"
    path.write_bytes(b"x" * 100_000)
    assert safe_io.read_regular(path) == b"x" * 100_000


def test_a_fifo_without_a_writer_is_refused_at_once(folder):
    fifo = folder / "f"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(safe_io.NotRegularFile) as caught:
        safe_io.read_regular(fifo)
    assert caught.value.strerror == "is a FIFO, not a regular file"
    assert time.monotonic() - started < 5


def test_an_endless_device_is_refused_without_reading_it(folder):
    device = make_char_device(folder / "zero")
    with pytest.raises(safe_io.NotRegularFile) as caught:
        safe_io.read_regular(device)
    assert caught.value.strerror == "is a character device, not a regular file"


def test_a_directory_is_refused_as_a_directory(folder):
    with pytest.raises(IsADirectoryError) as caught:
        safe_io.read_regular(folder)
    assert caught.value.strerror == "is a directory, not a regular file"


def test_a_file_over_the_limit_is_refused_without_reading_it(folder):
    huge = folder / "huge"
    with open(huge, "wb") as handle:  # sparse: 10 GB that take no space
        handle.truncate(10 * 1024**3)
    started = time.monotonic()
    with pytest.raises(safe_io.TooLarge) as caught:
        safe_io.read_regular(huge)
    assert "is larger than 67108864 bytes" in caught.value.strerror and "TIMELINE_MAX_BYTES" in caught.value.strerror
    assert time.monotonic() - started < 5
    with pytest.raises(safe_io.TooLarge):
        safe_io.read_regular(folder / "huge", limit=10)


@pytest.mark.parametrize(("value", "limit"), [("1000", 1000), ("", safe_io.DEFAULT_MAX_BYTES), ("-5", safe_io.DEFAULT_MAX_BYTES),
                                              ("0", safe_io.DEFAULT_MAX_BYTES), ("１０", safe_io.DEFAULT_MAX_BYTES),
                                              ("lots", safe_io.DEFAULT_MAX_BYTES)])
def test_the_limit_comes_from_the_environment_when_it_is_a_positive_number(value, limit):
    assert safe_io.max_bytes({"TIMELINE_MAX_BYTES": value}) == limit


def test_a_missing_file_is_file_not_found(folder):
    with pytest.raises(FileNotFoundError):
        safe_io.read_regular(folder / "missing")


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_state_that_is_not_a_regular_file_is_refused_without_hanging(folder, kind, user):
    data = write_case(folder)
    target = folder / "state"
    if kind == "fifo":
        os.mkfifo(target, 0o666)
        os.chmod(target, 0o666)
    elif kind == "device":
        make_char_device(target)
    else:
        target.mkdir()
        os.chmod(target, 0o777)
    result = run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-09", cwd=folder, user=user, timeout=20)
    line = assert_clean_failure(result, code=(1,), location=str(target))
    assert "not a regular file" in line
    assert result.stdout == b""  # nothing reported, since nothing could be recorded
    assert not (folder / "state.lock").exists()


def test_a_state_lock_that_is_not_a_regular_file_is_refused(folder):
    data = write_case(folder)
    os.mkfifo(folder / "state.json.lock")
    line = assert_clean_failure(run("remind", "--once", "--state", folder / "state.json", "-f", data,
                                    "--as-of", "2025-11-09", cwd=folder), code=(1,))
    assert "the lock file is not a regular file" in line


def test_a_state_file_over_its_limit_is_refused_and_kept(folder):
    from timeline import state

    data = write_case(folder)
    target = folder / "state.json"
    with open(target, "wb") as handle:
        handle.write(b'{"format": 1, "files": {}}')
        handle.truncate(state.MAX_BYTES + 1)  # sparse
    line = assert_clean_failure(run("remind", "--once", "--state", target, "-f", data, "--as-of", "2025-11-09", cwd=folder), code=(1,))
    assert "is larger than" in line
    assert target.stat().st_size == state.MAX_BYTES + 1 and not list(folder.glob("state.json.corrupt-*"))


# --- hangs and exhaustion through the CLI: data files and seeds (kind 3) ---

@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_data_file_that_is_a_fifo_or_device(folder, kind):
    write_case(folder)
    target = folder / "data"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        make_char_device(target)
    line = assert_clean_failure(run("validate", "-f", target, cwd=folder, timeout=10), code=(1,))
    assert "not a regular file" in line


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_a_seed_that_is_a_fifo_device_or_directory(folder, kind):
    data = write_case(folder, header=HEADER.replace("file: seed.txt", "file: odd"))
    target = folder / "odd"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        make_char_device(target)
    else:
        target.mkdir()
    line = assert_clean_failure(run("validate", "-f", data, cwd=folder, timeout=10), code=(1,), location="events.yaml:2:")
    assert "not a regular file" in line


def test_a_data_file_over_the_size_limit(folder):
    data = write_case(folder)
    line = assert_clean_failure(run("validate", "-f", data, cwd=folder, env={"TIMELINE_MAX_BYTES": "100"}), code=(1,))
    assert "TIMELINE_MAX_BYTES" in line


def test_a_seed_over_the_size_limit(folder):
    data = write_case(folder)
    with open(folder / "seed.txt", "ab") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse, over the 64 MiB default
    line = assert_clean_failure(run("validate", "-f", data, cwd=folder), code=(1,), location="events.yaml:2:")
    assert "TIMELINE_MAX_BYTES" in line


def test_aliases_that_expand_to_a_huge_text_are_refused(folder):
    big = "x" * (1024 * 1024)
    events = "".join(event(f"e{i}", "date: 2025-11-10\nnote: *big\n" if i else f"date: 2025-11-10\nnote: &big {big}\n")
                     for i in range(100))  # 100 MiB of text from a 1 MiB file
    data = write_case(folder, events)
    result = run("validate", "-f", data, cwd=folder, timeout=60)
    line = assert_clean_failure(result, code=(1,))
    assert re.match(LOCATED, line), line


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_extract_refuses_an_article_that_is_a_fifo_or_device(folder, kind):
    target = folder / "article.txt"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        make_char_device(target)
    line = assert_clean_failure(run("extract", target, "--date", "2025-10-31", cwd=folder, timeout=10), code=(1,))
    assert "not a regular file" in line


def _publish_sync(calendar, cwd, env=None):
    """`python -m timeline.publish sync` reading `calendar` (the URL is never reached: the read fails first)."""
    environ = {k: v for k, v in os.environ.items() if k != "TIMELINE_MAX_BYTES"}
    environ["PYTHONPATH"] = str(ROOT)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "timeline.publish", "sync", "http://127.0.0.1:9/cal/", "--calendar",
                           str(calendar)], cwd=cwd, env=environ, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=20)


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_publish_refuses_a_calendar_that_is_a_fifo_device_or_directory(folder, kind):
    target = folder / "calendar.ics"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        make_char_device(target)
    else:
        target.mkdir()
    line = assert_clean_failure(_publish_sync(target, folder), code=(1,))
    assert line.startswith(f"{target}: cannot read: is "), line
    assert line.endswith("not a regular file"), line


def test_publish_refuses_a_calendar_over_the_size_limit(folder):
    target = folder / "calendar.ics"
    target.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * 500)
    line = assert_clean_failure(_publish_sync(target, folder, {"TIMELINE_MAX_BYTES": "100"}), code=(1,))
    assert line == f"{target}: cannot read: is larger than 100 bytes (the limit; set $TIMELINE_MAX_BYTES to change it)"
