"""The environment: odd days, huge counts, an ASCII-only stdout, a broken
SOURCE_DATE_EPOCH, a full disk and a closed stdout: an answer, or one line
and exit status 1 or 2."""

from __future__ import annotations

import os
import subprocess

import pytest
from hostile import AS_OF, assert_clean_failure, cli, event, open_folder, remove, run, text, write_case


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


DATA = event("truce", "date: 2025-11-10\nwarn: [30d]\n") + event("w", "window: {start: 2025-01-01, for: 1y}\n")


@pytest.mark.parametrize("query", [
    ("next", "-n", "99999999999999999999999", *AS_OF),
    ("next", "--as-of", "0001-01-15"),
    ("next", "--as-of", "9999-12-31"),
    ("suspended", "--as-of", "9999-12-31"),
    ("list", "--as-of", "0001-01-01"),
    ("list", "--from", "0001-01-01", "--to", "9999-12-31", *AS_OF),
    ("remind", "--as-of", "0001-01-01"),
    ("remind", "--as-of", "9999-12-31"),
    ("remind", "--as-of", "0001-01-01", "--within", "30d"),
    ("remind", "--as-of", "9999-12-31", "--within", "30d"),
    ("remind", "--mode", "daily", "--as-of", "0001-01-01"),
    ("ics", "--from", "0001-01-01", "--to", "9999-12-31"),
])
def test_extreme_days_and_counts_in_options_are_answered(folder, query):
    data = write_case(folder, DATA)
    result = cli(*query, "-f", data.name, cwd=folder)
    assert result.returncode == 0 and result.exception is None, text(result)


@pytest.mark.parametrize("query", [("next", "-n", "0", *AS_OF), ("suspended", "--recent", "-1", *AS_OF), ("next", "--as-of", "0000-01-01"),
                                   ("next", "--as-of", "10000-01-01"), ("ics", "--alarm", "0d"), ("remind", "--within", "-3d", *AS_OF)])
def test_out_of_range_options_are_usage_errors(folder, query):
    data = write_case(folder, DATA)
    result = run(*query, "-f", data, cwd=folder)
    out, err = text(result)
    assert result.returncode == 2 and "Traceback" not in err, err


@pytest.mark.parametrize("epoch", ["99999999999999999", "-99999999999", "soon", "１７００００００００"])
def test_a_source_date_epoch_out_of_range_is_one_line(folder, epoch):
    data = write_case(folder, DATA)
    line = assert_clean_failure(run("ics", "-f", data, cwd=folder, env={"SOURCE_DATE_EPOCH": epoch}), code=(1,))
    assert "SOURCE_DATE_EPOCH" in line


@pytest.mark.parametrize("query", [("next", *AS_OF), ("validate",)])
def test_an_ascii_only_stdout_prints_ascii_data(folder, query):
    data = write_case(folder, DATA)
    result = run(*query, "-f", data, cwd=folder, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, text(result)


# --- the environment: stdout full, closed or ASCII; huge or tiny numbers (kind 2) ---

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("query", [("next", *AS_OF), ("list", "--json", *AS_OF), ("ics",), ("validate",), ("show", "truce", *AS_OF)])
def test_stdout_on_a_full_disk_is_one_line(folder, query):
    data = write_case(folder)
    with open("/dev/full", "wb") as full:
        result = run(*query, "-f", data, cwd=folder, stdout=full)
    line = assert_clean_failure(result, code=(1,))
    assert "No space left on device" in line


@pytest.mark.parametrize("query", [("next", *AS_OF), ("ics",), ("remind", "--as-of", "2025-11-10")])
def test_a_closed_stdout_is_one_line(folder, query):
    data = write_case(folder)
    script = ["sh", "-c", 'exec "$@" >&-', "sh", *(str(a) for a in run_args(query, data))]
    result = subprocess.run(script, cwd=folder, capture_output=False, stderr=subprocess.PIPE, timeout=20,
                            env={**os.environ, "PYTHONPATH": str(folder_root())})
    assert result.returncode == 1, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    assert len(result.stderr.decode().splitlines()) == 1


def run_args(query, data):
    import sys

    return [sys.executable, "-m", "timeline", *query, "-f", data]


def folder_root():
    from hostile import ROOT

    return ROOT


@pytest.mark.parametrize("query", [("show", "truce", *AS_OF), ("remind", "--as-of", "2025-11-10"), ("list", *AS_OF)])
def test_a_stdout_that_cannot_encode_utf8(folder, query):
    data = write_case(folder, event("truce", "date: 2025-11-10\ntitle_original: 停火協議到期\n")
                      + event("w", "window: {start: 2025-01-01, for: 1y}\n"))
    result = run(*query, "-f", data, cwd=folder, env={"PYTHONIOENCODING": "ascii"})
    out, err = text(result)
    assert "Traceback" not in err, err[-2000:]
    assert result.returncode in (0, 1), err
    if result.returncode == 1:
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize("query", [
    ("suspended", "--recent", "999999999", *AS_OF),
    ("suspended", "--as-of", "0001-01-15"),
    ("remind", "--within", "10000y", *AS_OF),
    ("remind", "--stale-after", "99999y", *AS_OF),
    ("remind", "--stale-after", "99999999999999999999999d", *AS_OF),
    ("ics", "--alarm", "10000y"),
    ("ics", "--alarm", "99999999999999999999d"),
])
def test_huge_or_tiny_numbers_in_options(folder, query):
    data = write_case(folder, event("truce", "date: 2025-11-10\nwarn: [30d]\n") + event("w", "window: {start: 2025-01-01, for: 1y}\n"))
    result = cli(*query, "-f", data.name, cwd=folder)
    out, err = text(result)
    assert "Traceback" not in err, err[-2000:]
    assert result.returncode in (0, 1, 2)
    if result.returncode:
        assert len([line for line in err.splitlines() if line.strip()]) <= 3  # one line, or typer's usage block
