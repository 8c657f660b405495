"""The date engine: partial dates, durations, calendar arithmetic, anchors."""

import calendar
import datetime

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline.dates import (
    Day,
    Duration,
    Month,
    Season,
    Year,
    add,
    anchor,
    parse_anchor,
    parse_as_of,
    parse_date,
    parse_duration,
)

# --- precision ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, precision, first, last",
    [
        ("2025-10-30", "day", "2025-10-30", "2025-10-30"),
        ("2026-04", "month", "2026-04-01", "2026-04-30"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2019", "year", "2019-01-01", "2019-12-31"),
        ("2025-23", "season", "2025-09-01", "2025-11-30"),
        ("2025-24", "season", "2025-12-01", "2026-02-28"),
    ],
)
def test_a_date_keeps_the_precision_it_is_given(text, precision, first, last):
    value = parse_date(text)
    assert value.precision == precision
    assert str(value.first_day()) == first
    assert str(value.last_day()) == last
    assert str(value) == text


def test_april_2026_is_a_month_not_the_first_of_april():
    value = parse_date("2026-04")
    assert value == Month(2026, 4) and not hasattr(value, "day")
    assert value.iso() == "2026-04"
    assert value.describe() == "April 2026"
    # pendulum alone would say 1 April: the reason we keep precision ourselves
    assert pendulum.parse("2026-04").day == 1


@pytest.mark.parametrize(
    "text, qualifier, shown",
    [("2026-04?", "uncertain", "April 2026 (uncertain)"), ("2026~", "approximate", "about 2026"),
     ("2026-04-01%", "uncertain-approximate", "about 2026-04-01 (uncertain)")],
)
def test_edtf_qualifiers(text, qualifier, shown):
    value = parse_date(text)
    assert value.qualifier == qualifier
    assert str(value) == text
    assert value.iso() == text[:-1]
    assert value.describe() == shown


@pytest.mark.parametrize(
    "text, message",
    [
        ("2025-02-30", "impossible date '2025-02-30': February 2025 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2025-13", "has no month 13"),
        ("2025-00-10", "has no month 00"),
        ("25-10-30", "is not a date"),
        ("2025/10/30", "is not a date"),
        ("next april", "is not a date"),
    ],
)
def test_impossible_or_malformed_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


def test_29_february_exists_in_leap_years_only():
    assert parse_date("2024-02-29").day == 29
    assert parse_date("2000-02-29").day == 29
    with pytest.raises(ValueError):
        parse_date("1900-02-29")


def test_as_of_must_be_a_day():
    assert parse_as_of("2025-10-31") == datetime.date(2025, 10, 31)
    for text in ("2025-10", "2025", "2025-10-31?"):
        with pytest.raises(ValueError, match="is not a day"):
            parse_as_of(text)


# --- durations -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 year", Duration(years=1)),
        ("90 days", Duration(days=90)),
        ("P1Y", Duration(years=1)),
        ("P90D", Duration(days=90)),
        ("P1Y6M", Duration(years=1, months=6)),
        ("p2w", Duration(weeks=2)),
        ("1 year 6 months", Duration(years=1, months=6)),
        ("30d", Duration(days=30)),
        ("2w", Duration(weeks=2)),
        ("3mo", Duration(months=3)),
        ("-1 day", Duration(days=-1)),
    ],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "P", "1", "year", "1 fortnight", "1.5 years", "PT12H"])
def test_bad_durations_are_refused(text):
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


def test_m_alone_is_ambiguous_and_says_so():
    with pytest.raises(ValueError, match="use 'mo' or 'month'"):
        parse_duration("3m")


# --- arithmetic --------------------------------------------------------------------


def test_29_february_plus_a_year_is_28_february():
    assert add(parse_date("2024-02-29"), Duration(years=1)) == parse_date("2025-02-28")
    assert add(parse_date("2024-02-29"), Duration(years=4)) == parse_date("2028-02-29")


def test_month_ends():
    assert add(parse_date("2025-01-31"), Duration(months=1)) == parse_date("2025-02-28")
    assert add(parse_date("2024-01-31"), Duration(months=1)) == parse_date("2024-02-29")
    assert add(parse_date("2025-03-31"), Duration(months=-1)) == parse_date("2025-02-28")
    assert add(parse_date("2025-08-31"), Duration(months=1)) == parse_date("2025-09-30")


def test_days_cross_years():
    assert add(parse_date("2025-11-10"), Duration(days=90)) == parse_date("2026-02-08")
    assert add(parse_date("2025-11-10"), Duration(weeks=-2)) == parse_date("2025-10-27")


def test_coarse_dates_keep_their_precision_under_addition():
    assert add(parse_date("2026-04"), Duration(years=1)) == parse_date("2027-04")
    assert add(parse_date("2026-11"), Duration(months=3)) == parse_date("2027-02")
    assert add(parse_date("2019"), Duration(years=6)) == parse_date("2025")
    assert add(parse_date("2025-23"), Duration(months=6)) == parse_date("2026-21")
    assert add(parse_date("2026-04?"), Duration(years=1)) == parse_date("2027-04?")


@pytest.mark.parametrize(
    "date, duration",
    [("2026-04", "90 days"), ("2026", "6 months"), ("2025-23", "1 month"), ("2026-04", "1 week")],
)
def test_a_duration_finer_than_the_date_is_refused(date, duration):
    with pytest.raises(ValueError, match="only known to the"):
        add(parse_date(date), parse_duration(duration))


def test_arithmetic_out_of_range_is_an_error_not_a_crash():
    with pytest.raises(ValueError, match="outside the years"):
        add(parse_date("9999-12-31"), Duration(days=1))
    with pytest.raises(ValueError, match="outside the years"):
        add(parse_date("9999-12"), Duration(months=1))


# --- anchors ------------------------------------------------------------------------


FRIDAY = parse_date("2025-10-31")


@pytest.mark.parametrize(
    "which, anchor_text, expected",
    [
        ("this", "thursday", "2025-10-30"),
        ("this", "monday", "2025-10-27"),
        ("this", "sunday", "2025-11-02"),
        ("next", "thursday", "2025-11-06"),
        ("next", "friday", "2025-11-07"),
        ("last", "friday", "2025-10-24"),
        ("last", "thursday", "2025-10-30"),
        ("this", "april", "2025-04"),
        ("next", "april", "2026-04"),
        ("next", "november", "2025-11"),
        ("next", "october", "2026-10"),
        ("last", "october", "2024-10"),
        ("this", "11-10", "2025-11-10"),
        ("next", "10-31", "2026-10-31"),
        ("last", "12-01", "2024-12-01"),
        ("this", "autumn", "2025-23"),
        ("next", "autumn", "2026-23"),
        ("next", "winter", "2025-24"),
    ],
)
def test_anchors_against_the_article_date(which, anchor_text, expected):
    kind, value = parse_anchor(anchor_text)
    assert anchor(FRIDAY, which, kind, value) == parse_date(expected)


def test_next_29_february_skips_to_a_leap_year():
    kind, value = parse_anchor("02-29")
    assert anchor(parse_date("2025-03-01"), "next", kind, value) == parse_date("2028-02-29")
    with pytest.raises(ValueError, match="February 2025 has 28 days"):
        anchor(parse_date("2025-03-01"), "this", kind, value)


def test_weekday_needs_a_day():
    kind, value = parse_anchor("thursday")
    with pytest.raises(ValueError, match="known to the day"):
        anchor(parse_date("2025-10"), "this", kind, value)


@pytest.mark.parametrize("text", ["02-30", "13-01", "someday", "thurs"])
def test_bad_anchors(text):
    with pytest.raises(ValueError):
        parse_anchor(text)


# --- properties ------------------------------------------------------------------------

days = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31))


@given(days, st.integers(-50, 50))
def test_adding_years_lands_in_the_same_month_and_on_the_same_day_or_month_end(day, years):
    result = add(Day.from_date(day), Duration(years=years))
    assert result.year == day.year + years
    assert result.month == day.month
    expected_day = 28 if (day.month, day.day) == (2, 29) and not calendar.isleap(day.year + years) else day.day
    assert result.day == expected_day


@given(days, st.integers(-1000, 1000))
def test_adding_days_then_subtracting_them_is_the_identity(day, n):
    start = Day.from_date(day)
    assert add(add(start, Duration(days=n)), Duration(days=-n)) == start


@given(days, st.integers(0, 36))
def test_adding_months_never_moves_backwards_and_never_skips_a_month(day, months):
    start = Day.from_date(day)
    result = add(start, Duration(months=months))
    assert result.first_day() >= start.first_day()
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months


@given(st.lists(days, min_size=2, max_size=20))
def test_sort_key_orders_like_the_calendar(values):
    dates = [Day.from_date(d) for d in values]
    assert [d.first_day() for d in sorted(dates, key=lambda d: d.sort_key())] == sorted(values)


@given(days)
def test_a_day_sorts_before_its_month_and_its_month_before_its_year(day):
    as_day = Day.from_date(day)
    as_month = Month(day.year, day.month)
    as_year = Year(day.year)
    if day.day == 1 and day.month == 1:
        assert sorted([as_year, as_month, as_day], key=lambda d: d.sort_key()) == [as_day, as_month, as_year]
    assert as_month.first_day() <= as_day.first_day() <= as_month.last_day()
    assert as_year.first_day() <= as_day.first_day() <= as_year.last_day()


@given(days, st.sampled_from(["", "?", "~", "%"]), st.sampled_from(["day", "month", "year"]))
def test_parse_and_print_round_trip(day, mark, precision):
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision] + mark
    assume(day.year >= 1000)
    assert str(parse_date(text)) == text


# --- the standard library does what pendulum did -------------------------------------------


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)),
    st.integers(-30, 30), st.integers(-40, 40), st.integers(-10, 10), st.integers(-400, 400),
)
def test_duration_arithmetic_matches_pendulum(day, years, months, weeks, days):
    duration = Duration(years, months, weeks, days)
    moved = pendulum.Date(day.year, day.month, day.day)
    assert duration.after(day) == moved.add(years=years, months=months, weeks=weeks, days=days)
    assert duration.before(day) == moved.subtract(years=years, months=months, weeks=weeks, days=days)


@given(st.integers(1900, 2200), st.one_of(st.none(), st.integers(1, 12)), st.one_of(st.none(), st.integers(21, 24)))
def test_last_day_of_a_month_or_season_matches_pendulum(year, month, season):
    if season is not None:
        value = Season(year, season)
        end = pendulum.date(year, {21: 3, 22: 6, 23: 9, 24: 12}[season], 1).add(months=2).end_of("month")
    elif month is not None:
        value = Month(year, month)
        end = pendulum.date(year, month, 1).end_of("month")
    else:
        value = Year(year)
        end = pendulum.date(year, 12, 31)
    assert value.last_day() == end


def test_the_query_path_imports_neither_pendulum_nor_yaml_nor_typer():
    """Issue 10's fast path: these modules must load without the heavy dependencies."""
    import subprocess
    import sys

    modules = ["model", "dates", "status", "views", "derivation", "reminders", "render", "render.text",
               "render.json", "render.csv", "render.digest"]
    code = ("import sys\n" + "".join(f"import timeline.{m}\n" for m in modules)
            + "print(sorted({m.split('.')[0] for m in sys.modules} & {'pendulum', 'yaml', 'typer', 'click', 'ics'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout == "[]\n"


# --- quarters and halves (EDTF level 2 sub-year groupings) ------------------------------


@pytest.mark.parametrize(
    "text, written, precision, first, last, described",
    [
        ("2026-33", "2026-33", "quarter", "2026-01-01", "2026-03-31", "Q1 2026"),
        ("2026-Q1", "2026-33", "quarter", "2026-01-01", "2026-03-31", "Q1 2026"),
        ("2024-q1", "2024-33", "quarter", "2024-01-01", "2024-03-31", "Q1 2024"),
        ("2026-34", "2026-34", "quarter", "2026-04-01", "2026-06-30", "Q2 2026"),
        ("2026-Q3~", "2026-35~", "quarter", "2026-07-01", "2026-09-30", "about Q3 2026"),
        ("9999-36", "9999-36", "quarter", "9999-10-01", "9999-12-31", "Q4 9999"),
        ("2026-40", "2026-40", "half", "2026-01-01", "2026-06-30", "H1 2026"),
        ("2026-H2?", "2026-41?", "half", "2026-07-01", "2026-12-31", "H2 2026 (uncertain)"),
    ],
)
def test_quarters_and_halves_are_precisions_of_their_own(text, written, precision, first, last, described):
    value = parse_date(text)
    assert value.precision == precision
    assert str(value) == written and value.iso() == written.rstrip("?~%")
    assert (str(value.first_day()), str(value.last_day())) == (first, last)
    assert value.describe() == described
    assert parse_date(str(value)) == value  # written back as EDTF, read back the same


@pytest.mark.parametrize("text", ["2026-Q0", "2026-Q5", "2026-H3", "2026-37", "2026-42", "2026-Q12"])
def test_no_fifth_quarter_or_third_half(text):
    with pytest.raises(ValueError, match="no (quarter|half|month)|is not a date"):
        parse_date(text)


def test_records_of_different_kinds_are_never_equal():
    """Each grouping keeps its EDTF code: Q1 is not January, H1 not a season."""
    records = {parse_date(t) for t in ("2026-01", "2026-33", "2026-40", "2026-21", "2026", "2026-01-01")}
    assert len(records) == 6
    assert [d.precision for d in sorted(records, key=lambda d: d.sort_key())] == [
        "day", "month", "quarter", "half", "year", "season"]


@pytest.mark.parametrize(
    "text, duration, expected",
    [
        ("2026-Q4", "3 months", "2027-33"), ("2026-Q1", "1 year", "2027-33"), ("2026-Q2", "-6 months", "2025-36"),
        ("2026-H2", "6 months", "2027-40"), ("2026-H1", "1 year 6 months", "2027-41"), ("2026-24", "3 months", "2027-21"),
    ],
)
def test_adding_whole_quarters_or_halves_keeps_the_precision(text, duration, expected):
    assert str(add(parse_date(text), parse_duration(duration))) == expected


@pytest.mark.parametrize("text, duration", [("2026-Q1", "1 month"), ("2026-H1", "3 months"), ("2026-Q1", "90 days")])
def test_a_duration_finer_than_the_quarter_or_half_is_refused(text, duration):
    with pytest.raises(ValueError, match="only known to the (quarter|half)"):
        add(parse_date(text), parse_duration(duration))


def test_a_quarter_or_half_leaving_the_calendar_is_refused():
    with pytest.raises(ValueError, match="outside the years"):
        add(parse_date("9999-Q4"), parse_duration("3 months"))
    with pytest.raises(ValueError, match="outside the years"):
        add(parse_date("0001-H1"), parse_duration("-6 months"))


@given(st.integers(1, 9998), st.sampled_from([33, 34, 35, 36, 40, 41]), st.integers(-40, 40))
def test_quarters_and_halves_move_like_the_months_they_cover(year, code, steps):
    value = parse_date(f"{year:04d}-{code}")
    months = steps * (3 if value.precision == "quarter" else 6)
    try:
        first = Duration(months=months).after(value.first_day())
    except OverflowError:
        assume(False)
    moved = add(value, Duration(months=months))
    assert moved.precision == value.precision
    assert moved.first_day() == first
