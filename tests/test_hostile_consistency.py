"""Consistency of errors and identifiers: what holds today.  A cycle without
a location, non-ASCII digits, '_' in ids and --alarm duplicates are in
test_hostile_pending.py."""

from __future__ import annotations

import re

import pytest
from hostile import LOCATED, assert_clean_failure, cli, event, open_folder, remove, run, text, write_case


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


@pytest.mark.parametrize("ident", ["Upper", "trailing-", "-leading", "two--dashes", "sp ace", "ünï", "a.b"])
def test_ids_outside_the_documented_alphabet_are_refused_with_a_location(folder, ident):
    data = write_case(folder, event(f'"{ident}"'))
    result = cli("validate", "-f", data.name, cwd=folder)
    out, err = text(result)
    assert result.returncode == 1
    assert all(re.match(LOCATED, line) for line in err.splitlines()) and "events.yaml:6:" in err


def test_every_error_of_a_file_with_many_is_one_located_line(folder):
    data = write_case(folder, event("a", "date: {from: b}\n") + event("b", "date: {from: a}\n")
                      + event("c", "date: 2025-13-01\n") + event("d", "window: {for: 1y}\n") + event("e", "date: {from: nowhere}\n"))
    result = cli("validate", "-f", data.name, cwd=folder)
    out, err = text(result)
    assert result.returncode == 1 and len(err.splitlines()) == 4, err
    assert all(re.match(LOCATED, line) for line in err.splitlines()), err


def test_a_data_file_that_is_a_directory_is_one_line(folder):
    line = assert_clean_failure(run("validate", "-f", folder, cwd=folder), code=(1,))
    assert "is a directory" in line


@pytest.mark.parametrize("alarm", ["1x", "soon", "1d;2d"])
def test_alarm_values_that_are_not_durations_are_usage_errors(folder, alarm):
    data = write_case(folder)
    result = cli("ics", "--alarm", alarm, "-f", data.name, cwd=folder)
    assert result.returncode == 2 and "--alarm" in text(result)[1]
