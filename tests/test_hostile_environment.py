"""The environment: odd days, huge counts, an ASCII-only stdout, a broken
SOURCE_DATE_EPOCH.  What holds today; a full disk, a closed stdout and the
options that still crash are in test_hostile_pending.py."""

from __future__ import annotations

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


@pytest.mark.parametrize("epoch", ["99999999999999999", "-99999999999", "soon"])
def test_a_source_date_epoch_out_of_range_is_one_line(folder, epoch):
    data = write_case(folder, DATA)
    line = assert_clean_failure(run("ics", "-f", data, cwd=folder, env={"SOURCE_DATE_EPOCH": epoch}), code=(1,))
    assert "SOURCE_DATE_EPOCH" in line


@pytest.mark.parametrize("query", [("next", *AS_OF), ("validate",)])
def test_an_ascii_only_stdout_prints_ascii_data(folder, query):
    data = write_case(folder, DATA)
    result = run(*query, "-f", data, cwd=folder, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, text(result)
