"""Consistency of errors and identifiers: every error located (cycles too),
ASCII digits only in dates, times, durations and options, ids as documented
(lower-case letters, digits and '-'), --alarm without duplicates or empties."""

from __future__ import annotations

import re

import pytest
from hostile import AS_OF, LOCATED, assert_clean_failure, cli, event, open_folder, remove, run, text, write_case


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


# --- consistency: located cycles, ASCII digits, ids, --alarm (kind 7) ---

def test_a_reference_cycle_inside_one_window_has_a_location(folder):
    data = write_case(folder, event("truce", "window: {start: {from: truce.end}, for: 1y}\n"))
    result = cli("validate", "-f", data.name, cwd=folder)
    err = text(result)[1]
    assert result.returncode == 1 and "cycle" in err
    assert all(re.match(LOCATED, line) for line in err.splitlines()), err


@pytest.mark.parametrize("fields", [
    "date: ２０２５-１１-１０\n",  # full-width
    "date: ٢٠٢٥-١١-١٠\n",  # Arabic-Indic
    "date: 2025-11-1٠\n",
    "date: 2025-11-10\nwarn: [٣d]\n",
    "date: 2025-11-10\nwarn: [P３D]\n",
    "date: 2025-11-10\ntime: '１２:００'\ntimezone: Asia/Seoul\n",
    "window: {start: 2025-11-10, for: ３ months}\n",
])
def test_only_ascii_digits_in_dates_times_and_durations(folder, fields):
    data = write_case(folder, event("truce", fields))
    result = cli("validate", "-f", data.name, cwd=folder)
    err = text(result)[1]
    assert result.returncode == 1, "non-ASCII digits were accepted"
    assert all(re.match(LOCATED, line) for line in err.splitlines())


@pytest.mark.parametrize("args", [("next", "--as-of", "２０２５-１０-３１"), ("ics", "--alarm", "٣d"), ("remind", "--within", "٣d", *AS_OF),
                                  ("cron", "--at", "٠٧:٠٠"), ("next", "-n", "３", *AS_OF), ("suspended", "--recent", "٣٠", *AS_OF),
                                  ("serve", "--port", "８０８０")])
def test_only_ascii_digits_in_options(folder, args):
    data = write_case(folder)
    result = cli(*args, "-f", data.name, cwd=folder)
    assert result.returncode == 2, text(result)


def test_ids_as_documented(folder):
    """README: 'ids: lower-case letters, digits, -'; '_' is accepted today."""
    data = write_case(folder, event("x_y"))
    result = cli("validate", "-f", data.name, cwd=folder)
    assert result.returncode == 1 and "events.yaml:6:" in text(result)[1]


@pytest.mark.parametrize("alarm", ["1d,1d", ",", "1d,,2d", "7d,1w"])
def test_alarm_duplicates_and_empties_are_refused(folder, alarm):
    data = write_case(folder)
    result = cli("ics", "--alarm", alarm, "-f", data.name, cwd=folder)
    assert result.returncode == 2, text(result)
    assert "--alarm" in text(result)[1]


def test_an_echoed_argument_with_a_line_break_stays_on_one_line(folder):
    data = write_case(folder)
    result = run("show", "a\nb", "-f", data, cwd=folder)
    assert result.returncode == 2
    error = [line for line in text(result)[1].splitlines() if line.startswith("Error")]
    assert error and "'a\\nb'" in error[0]
