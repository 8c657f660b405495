"""Resolve an expression to a date against the article's date: pure date logic.

A month-day without a year takes the year that puts it nearest the article's
date; a bare month likewise.  Wording that says "next" or "last" (明年,
去年, next April) decides instead, and so does a future cue (will, 将于) when
the nearest reading lies more than two months in the past.  A past tense
(took, 已, 曾) moves a reading more than two months in the future back a year,
and "since" (以来) any reading in the future; a quarter or half without a
year (第一季, the first half) likewise.  A precision the text does not give is
never added: "明年四月" is 2026-04, never a day; "明年第一季" is 2026-33.
"""

from __future__ import annotations

import datetime

from timeline.dates import QUARTERS, Day, Duration, Half, Month, PartialDate, Quarter, Season, Year, add
from timeline.extract.expressions import NOW, Expr

# The first day of the lunar year (春节, the Lunar New Year) in the Gregorian calendar, 2010-2035.
LUNAR_NEW_YEAR = {
    2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8),
    2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
    2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}
# The Mid-Autumn Festival (中秋节, the 15th of the eighth lunar month) in the Gregorian calendar, 2010-2035.
MID_AUTUMN = {
    2010: (9, 22), 2011: (9, 12), 2012: (9, 30), 2013: (9, 19), 2014: (9, 8), 2015: (9, 27), 2016: (9, 15),
    2017: (10, 4), 2018: (9, 24), 2019: (9, 13), 2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29),
    2024: (9, 17), 2025: (10, 6), 2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12),
    2031: (10, 1), 2032: (9, 19), 2033: (9, 8), 2034: (9, 27), 2035: (9, 16),
}
FESTIVAL_NAMES = {"lunar-new-year": "the Lunar New Year", "mid-autumn": "the Mid-Autumn Festival",
                  "national-day": "National Day (1 October)", "thanksgiving": "Thanksgiving (the fourth Thursday of November)"}
_GUARD = 60  # days: a future cue moves a date only when the nearest reading is further back than this


def resolve(expr: Expr, published: datetime.date, future: bool = False, past: str | None = None) -> tuple[PartialDate | None, str]:
    """(date, how it was read) for a date expression; (None, why not) when it has no date."""
    if expr.kind == NOW or expr.day_rel is not None:
        day = published + datetime.timedelta(days=expr.day_rel or 0)
        words = {0: "the article's date", -1: "the day before the article", 1: "the day after the article",
                 -2: "two days before the article"}
        return Day(day.year, day.month, day.day), words[expr.day_rel or 0]
    if expr.weekday is not None:
        return _weekday(expr, published, future)
    if expr.follows:
        return None, "the day after a day written before it: read with the sentence"
    year = expr.year
    if year is None and expr.year_rel is not None:
        year = published.year + expr.year_rel
    if expr.festival:
        return _festival(expr.festival, year, published, future, past)
    if expr.quarter is not None:
        return _grouping(expr.quarter, year, published, future, past)
    if expr.year_end:
        year = year if year is not None else published.year
        if expr.ends_before:
            return Day(year, 12, 31), "the end of the year: on or before 31 December"
        return Month(year, 12), "the end of the year: December, the day is not given"
    if expr.season is not None:
        if year is None:  # "in the fall": the one nearest the article's date, moved by the tense
            best, how = _nearest_of([Season(y, expr.season) for y in range(published.year - 1, published.year + 2)],
                                    published, future, past)
            return best, how.replace("no year given", "a season without a year")
        return Season(year, expr.season), "a season of that year"
    if expr.month_rel is not None:
        index = published.year * 12 + published.month - 1 + expr.month_rel
        y, m = divmod(index, 12)
        if expr.day is not None:
            return _checked(y, m + 1, expr.day, "that day of the month named")
        return Month(y, m + 1), "the month named, relative to the article's"
    if expr.month is None and expr.day is not None:
        return _day_only(expr.day, published, future)
    if expr.month is None:
        if year is None:
            return None, "no date"
        return Year(year), "the year; no month is given"
    if year is not None:
        how = "as given" if expr.year else f"the year named relative to the article's: {year}"
        if expr.day is None:
            return Month(year, expr.month), how + "; the month is given, the day is not"
        return _checked(year, expr.month, expr.day, how)
    if expr.which in ("next", "last"):
        return _following(expr.month, expr.day, published, expr.which)
    if expr.which == "this":
        return Month(published.year, expr.month), "the month of the article's year"
    return _nearest(expr.month, expr.day, published, future, past)


def festival_day(name: str, year: int) -> datetime.date | None:
    """The day a festival falls on in `year`; None outside the tables."""
    if name == "lunar-new-year":
        return datetime.date(year, *LUNAR_NEW_YEAR[year]) if year in LUNAR_NEW_YEAR else None
    if name == "mid-autumn":
        return datetime.date(year, *MID_AUTUMN[year]) if year in MID_AUTUMN else None
    if name == "national-day":
        return datetime.date(year, 10, 1)
    if name == "thanksgiving":  # the fourth Thursday of November
        first = datetime.date(year, 11, 1)
        return first + datetime.timedelta(days=(3 - first.weekday()) % 7 + 21)
    raise AssertionError(name)


def _festival(name: str, year: int | None, published: datetime.date, future: bool,
              past: str | None) -> tuple[PartialDate | None, str]:
    """A festival of the year given or the one nearest the article's date.  The Chinese
    festivals (春节 and "after it", 国庆节后, 中秋前后) name a holiday of several days: the month
    it falls in, the day is not given; Thanksgiving is a day."""
    label = FESTIVAL_NAMES[name]
    if year is not None:
        days = [festival_day(name, year)]
    else:
        days = [festival_day(name, y) for y in range(published.year - 1, published.year + 2)]
    found: list[PartialDate] = [Day(d.year, d.month, d.day) for d in days if d is not None]
    if not found:
        return None, f"{label} of a year outside the table"
    best: PartialDate | None = found[0]
    if year is not None:
        how = f"{label} of {year} falls on {found[0]}"
    else:
        best, how = _nearest_of(found, published, future, past)
        how = f"{label} nearest the article's date falls on {best}" if isinstance(best, Day) else how
    if not isinstance(best, Day):
        return None, how
    if name == "thanksgiving":
        return best, how
    return Month(best.year, best.month), how + ": that month"


def _following(month: int, day: int | None, published: datetime.date, which: str) -> tuple[PartialDate | None, str]:
    """"next April": the first April after the article's date; "last April" the last before it."""
    years = range(published.year, published.year + 3) if which == "next" else range(published.year, published.year - 3, -1)
    for year in years:
        value: PartialDate = Month(year, month) if day is None else Day(year, month, day)
        first, last = _span(value)
        if (which == "next" and first > published) or (which == "last" and last < published):
            return value, f"'{which}': the {'first one after' if which == 'next' else 'last one before'} the article's date"
    return None, "no such date"


def _checked(year: int, month: int, day: int, how: str) -> tuple[PartialDate | None, str]:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None, f"no such day: {year}-{month:02d}-{day:02d}"
    return Day(year, month, day), how


def _span(value: PartialDate) -> tuple[datetime.date, datetime.date]:
    first, last = value.first_day(), value.last_day()
    return datetime.date(first.year, first.month, first.day), datetime.date(last.year, last.month, last.day)


def _distance(value: PartialDate, published: datetime.date) -> int:
    first, last = _span(value)
    if first <= published <= last:
        return 0
    return (first - published).days if first > published else (published - last).days


def _grouping(code: int, year: int | None, published: datetime.date, future: bool,
              past: str | None) -> tuple[PartialDate | None, str]:
    """第一季, 明年上半年, Q1 2026, the second half: a quarter (EDTF 33-36) or a half (40-41)
    of the year given, else of the year that puts it nearest the article's date."""
    make = (lambda y: Quarter(y, code)) if code in QUARTERS else (lambda y: Half(y, code))
    name = "quarter" if code in QUARTERS else "half"
    if year is not None:
        return make(year), f"the {name} of the year given"
    best, how = _nearest_of([make(y) for y in (published.year - 1, published.year, published.year + 1)],
                            published, future, past)
    return best, how.replace("no year given", f"a {name} without a year")


def _nearest(month: int, day: int | None, published: datetime.date, future: bool, past: str | None = None) -> tuple[PartialDate | None, str]:
    candidates: list[PartialDate] = []
    for year in (published.year - 1, published.year, published.year + 1):
        if day is None:
            candidates.append(Month(year, month))
        else:
            try:
                datetime.date(year, month, day)
            except ValueError:
                continue
            candidates.append(Day(year, month, day))
    return _nearest_of(candidates, published, future, past)


def _nearest_of(candidates: list[PartialDate], published: datetime.date, future: bool,
                past: str | None) -> tuple[PartialDate | None, str]:
    """The candidate (one per year, in order) nearest the article's date, moved by the tense."""
    if not candidates:
        return None, "no such day"
    best = min(candidates, key=lambda c: _distance(c, published))
    how = "no year given: the year that puts it nearest the article's date"
    if future and _span(best)[1] < published - datetime.timedelta(days=_GUARD):
        later = [c for c in candidates if _span(c)[1] >= published]
        if later:
            best = later[0]
            how = "no year given, and the wording speaks of the future: the next one after the article's date"
    guard = datetime.timedelta(days=0 if past == "since" else _GUARD)
    if past and _span(best)[0] > published + guard:
        earlier = [c for c in candidates if _span(c)[0] <= published]
        if earlier:
            best = earlier[-1]
            how = f"no year given, and the wording is in the past ({'since' if past == 'since' else 'past tense'}): the last one before the article's date"
    return best, how


def _day_only(day: int, published: datetime.date, future: bool) -> tuple[PartialDate | None, str]:
    candidates = []
    for shift in (-1, 0, 1):
        y, m = divmod(published.year * 12 + published.month - 1 + shift, 12)
        try:
            candidates.append(datetime.date(y, m + 1, day))
        except ValueError:
            continue
    if not candidates:
        return None, "no such day"
    best = min(candidates, key=lambda d: abs((d - published).days))
    ahead = [d for d in candidates if d >= published]
    if future and best < published and ahead:
        best = min(ahead)  # "due by the 5th", "将于5日": the next one
        return Day(best.year, best.month, best.day), "a day of the month only, spoken of in the future: the next one"
    return Day(best.year, best.month, best.day), "a day of the month only: the one nearest the article's date"


def _weekday(expr: Expr, published: datetime.date, future: bool) -> tuple[PartialDate | None, str]:
    monday = published - datetime.timedelta(days=published.weekday())
    if expr.week_rel is not None:
        day = monday + datetime.timedelta(weeks=expr.week_rel, days=expr.weekday or 0)
        how = {-1: "that weekday of the week before the article's", 0: "that weekday of the article's week",
               1: "that weekday of the week after the article's"}[expr.week_rel]
    elif future:
        day = published + datetime.timedelta(days=((expr.weekday or 0) - published.weekday()) % 7)
        how = "a weekday spoken of in the future: the next one, on or after the article's date"
    else:
        day = published - datetime.timedelta(days=(published.weekday() - (expr.weekday or 0)) % 7)
        how = "a weekday reported: the last one, on or before the article's date"
    return Day(day.year, day.month, day.day), how


def day_after(value: PartialDate) -> PartialDate:
    """The exclusive end of an inclusive last day, month, season, quarter, half or year."""
    step = {"day": Duration(days=1), "month": Duration(months=1), "season": Duration(months=3),
            "quarter": Duration(months=3), "half": Duration(months=6), "year": Duration(years=1)}[value.precision]
    return add(value, step)
