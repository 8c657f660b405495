"""The one place where ics 0.7.3's output is mended: folding, CRLF, escaping, durations."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.render.rfc5545 import duration_text, escape_text, finish, fold, folded, utc_text


def test_short_lines_are_kept():
    assert fold("SUMMARY:short") == ["SUMMARY:short"]
    assert fold("X" * 75) == ["X" * 75]


def test_long_ascii_lines_fold_at_75_octets():
    parts = fold("D" * 200)
    assert [len(p) for p in parts] == [75, 75, 52]  # 75, then a space and 74
    assert all(p.startswith(" ") for p in parts[1:])


def test_folding_never_splits_a_utf8_character():
    line = "DESCRIPTION:" + "稀土" * 40  # 3 octets a character
    parts = fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


@given(st.text(min_size=1, max_size=400).filter(lambda t: "\r" not in t and "\n" not in t))
def test_fold_then_unfold_is_the_identity(text):
    line = "X-TEST:" + text
    parts = fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


@given(st.text(min_size=1, max_size=400) | st.text(st.characters(max_codepoint=127), max_size=400))
def test_each_folded_line_is_as_long_as_it_can_be(text):
    """Cuts fall as late as 75 octets allow: the next character would not fit."""
    parts = fold("X-TEST:" + text.replace("\r", "").replace("\n", ""))
    for part, following in zip(parts, parts[1:], strict=False):
        assert len((part + following[1]).encode("utf-8")) > 75


def test_folded_folds_every_line_into_utf8_and_ends_each_with_crlf():
    text = "BEGIN:VEVENT\r\nDESCRIPTION:" + "x" * 100 + "\r\nSUMMARY:" + "稀土" * 20 + "\r\nEND:VEVENT"
    assert folded(text).decode("utf-8") == ("BEGIN:VEVENT\r\nDESCRIPTION:" + "x" * 63 + "\r\n " + "x" * 37 + "\r\n"
                            "SUMMARY:" + "稀土" * 11 + "\r\n " + "稀土" * 9 + "\r\nEND:VEVENT\r\n")


def test_escape_text():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("x\r\ny") == "x\\ny"


def test_finish_puts_version_first_and_ends_every_line_with_crlf():
    text = "\r\n".join(["BEGIN:VCALENDAR", "X-WR-CALNAME:x", "VERSION:2.0", "PRODID:-//p//EN", "BEGIN:VEVENT",
                         "UID:1", "END:VEVENT", "END:VCALENDAR"])
    lines = finish(text).split("\r\n")
    assert lines[:4] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//p//EN", "X-WR-CALNAME:x"]
    assert lines[-1] == "" and lines[-2] == "END:VCALENDAR"


@pytest.mark.parametrize(
    "delta, text",
    [
        (-datetime.timedelta(days=29, hours=15), "-P29DT15H"),  # ics 0.7.3 writes -P4W1DT15H, which is invalid
        (-datetime.timedelta(hours=15), "-PT15H"),
        (-datetime.timedelta(days=7), "-P7D"),
        (datetime.timedelta(days=1, minutes=30, seconds=5), "P1DT30M5S"),
        (datetime.timedelta(0), "P0D"),
    ],
)
def test_durations_never_mix_weeks_with_other_units(delta, text):
    assert duration_text(delta) == text


def test_utc_text():
    seoul = datetime.timezone(datetime.timedelta(hours=9))
    assert utc_text(datetime.datetime(2025, 10, 30, 12, 30, tzinfo=seoul)) == "20251030T033000Z"
