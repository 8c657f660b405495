"""Partial dates and durations: pure date logic on the standard library, no I/O.

A `PartialDate` keeps the precision its source gives: "2026-04" is the month
of April 2026, never 1 April.  Dates are written in a documented subset of
the Library of Congress EDTF (levels 0 and 1):

    2025-10-30   day            2026-04   month        2019   year
    2025-23      season (21 spring, 22 summer, 23 autumn, 24 winter)
    2026-04?     uncertain      2026-04~  approximate  2026-04%  both

Seasons are the northern meteorological ones (spring = March to May, winter
= December to February of the next year).  The full `edtf` package would
parse more, but it costs 90 ms to import, more than the whole budget of a
`timeline next` run.

Parse errors are raised as `ValueError` with a one-line message; the loader
turns them into located errors.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import NamedTuple

DAY, SEASON, MONTH, YEAR = "day", "season", "month", "year"
# Finest first: used to order dates that start on the same day.
PRECISION_RANK = {DAY: 0, MONTH: 1, SEASON: 2, YEAR: 3}

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}
# English names, fixed: the calendar module's follow the locale and are slow to build.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = {name.lower(): i for i, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): i for i, name in enumerate(MONTHS, 1)
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(DAYS)}  # monday = 0
SEASON_NAMES = {name: code for code, name in SEASONS.items()} | {"fall": 23}

_EDTF = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?")  # ASCII digits only
_QUALIFIERS = {"?": (True, False), "~": (False, True), "%": (True, True)}


class PartialDate(NamedTuple):
    """A calendar date known to the day, month, season or year."""

    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        if self.season is not None:
            return SEASON
        return YEAR

    def first_day(self) -> datetime.date:
        if self.season is not None:
            return datetime.date(self.year, SEASON_FIRST_MONTH[self.season], 1)
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            return datetime.date(self.year, self.month, days_in_month(self.year, self.month))
        if self.season is not None:
            year, month = divmod(self.year * 12 + SEASON_FIRST_MONTH[self.season] - 1 + 2, 12)
            return datetime.date(year, month + 1, days_in_month(year, month + 1))
        return datetime.date(self.year, 12, 31)

    def iso(self) -> str:
        """ISO 8601 at this precision, without EDTF qualifiers."""
        if self.season is not None:
            return f"{self.year:04d}-{self.season:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def qualifier(self) -> str | None:
        if self.uncertain and self.approximate:
            return "uncertain-approximate"
        if self.uncertain:
            return "uncertain"
        if self.approximate:
            return "approximate"
        return None

    def __str__(self) -> str:
        mark = {(True, False): "?", (False, True): "~", (True, True): "%"}.get(
            (self.uncertain, self.approximate), ""
        )
        return self.iso() + mark

    def describe(self) -> str:
        """Human wording that does not pretend to know more than it does."""
        if self.day is not None:
            text = self.iso()
        elif self.month is not None:
            text = f"{MONTHS[self.month - 1]} {self.year}"
        elif self.season is not None:
            text = f"{SEASONS[self.season].capitalize()} {self.year}"
        else:
            text = str(self.year)
        if self.approximate:
            text = "about " + text
        if self.uncertain:
            text += " (uncertain)"
        return text

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), PRECISION_RANK[self.precision])

    @classmethod
    def from_date(cls, value: datetime.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_date(text: str) -> PartialDate:
    """Parse the EDTF subset above; raise ValueError on anything else."""
    match = _EDTF.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or YYYY-SS "
            "(season 21-24), optionally followed by ? ~ or %"
        )
    year_s, month_s, day_s, mark = match.groups()
    year = int(year_s)
    if year < 1:
        raise ValueError(f"'{text}': the year must be 0001 to 9999")
    uncertain, approximate = _QUALIFIERS.get(mark, (False, False))
    if month_s is None:
        return PartialDate(year, uncertain=uncertain, approximate=approximate)
    number = int(month_s)
    if day_s is None and number in SEASONS:
        if year == 9999 and number == 24:
            raise ValueError(f"'{text}': winter 9999 ends in the year 10000, past the calendar's range")
        return PartialDate(year, season=number, uncertain=uncertain, approximate=approximate)
    if not 1 <= number <= 12:
        raise ValueError(f"'{text}' has no month {number:02d}")
    if day_s is None:
        return PartialDate(year, number, uncertain=uncertain, approximate=approximate)
    day = int(day_s)
    check_day(year, number, day, text)
    return PartialDate(year, number, day, uncertain=uncertain, approximate=approximate)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def check_day(year: int, month: int, day: int, text: str) -> None:
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise ValueError(f"impossible date '{text}': {MONTHS[month - 1]} {year} has {last} days")


_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_RELATIVE = re.compile(r"[+-]\s*[0-9]+\s*[a-z]+(?:\s*[0-9]+\s*[a-z]+)*")


def parse_as_of(text: str, today: datetime.date | None = None) -> datetime.date:
    """A full day for --as-of: YYYY-MM-DD, or (given `today`) today, tomorrow,
    yesterday, or a duration from today with its sign: +30d, -1w, +2mo."""
    key = text.strip().lower()
    if today is not None and key in _RELATIVE_DAYS:
        return today + datetime.timedelta(days=_RELATIVE_DAYS[key])
    if today is not None and _RELATIVE.fullmatch(key):
        duration = parse_duration(key.lstrip("+"))
        try:
            return duration.after(today)
        except OverflowError:
            raise ValueError(f"'{text}' falls outside the years 0001 to 9999") from None
    try:
        value = parse_date(text)
    except ValueError:
        value = None
    if value is None or value.precision != DAY or value.qualifier:
        relative = ", today, tomorrow, yesterday or +30d, -1w" if today is not None else ""
        raise ValueError(f"'{text}' is not a day: write YYYY-MM-DD{relative}")
    return value.first_day()


# --- durations -------------------------------------------------------------

_ISO_DURATION = re.compile(r"(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?")  # ASCII digits only
_WORD_PART = re.compile(r"\s*([0-9]+)\s*([a-z]+)\s*")
_UNITS = {
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "mo": "months", "mon": "months", "month": "months", "months": "months",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "d": "days", "day": "days", "days": "days",
}
MAX_DAYS = (datetime.date.max - datetime.date.min).days  # no duration is longer than the calendar (years 1 to 9999)


class Duration(NamedTuple):
    """A calendar duration: years and months move by the calendar, weeks and days by days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @property
    def finest(self) -> str:
        if self.days or self.weeks:
            return DAY
        if self.months:
            return MONTH
        return YEAR

    def after(self, day: datetime.date) -> datetime.date:
        """The day this long after `day`, on the calendar (31 January + 1 month = end of
        February): years and months first, then weeks and days, as pendulum does.
        Raises OverflowError outside the years 1 to 9999 (callers skip what leaves the calendar)."""
        moved = day
        if self.years or self.months:
            year, month = divmod(day.year * 12 + day.month - 1 + self.years * 12 + self.months, 12)
            if not 1 <= year <= 9999:
                raise OverflowError(f"year {year} is out of range")
            moved = datetime.date(year, month + 1, min(day.day, days_in_month(year, month + 1)))
        return moved + datetime.timedelta(days=self.weeks * 7 + self.days)

    def before(self, day: datetime.date) -> datetime.date:
        return self.negated().after(day)

    def after_or_last(self, day: datetime.date) -> datetime.date:
        """`after`, or the calendar's last day when that is past year 9999 (a horizon)."""
        try:
            return self.after(day)
        except OverflowError:
            return datetime.date.max

    def before_or_none(self, day: datetime.date) -> datetime.date | None:
        """`before`, or None before year 1 (a lead time that never falls due)."""
        try:
            return self.before(day)
        except OverflowError:
            return None

    def negated(self) -> Duration:
        return Duration(-self.years, -self.months, -self.weeks, -self.days)

    def approx_days(self) -> int:
        """For ordering lead times only; never for arithmetic."""
        return self.years * 365 + self.months * 30 + self.weeks * 7 + self.days

    def __str__(self) -> str:
        parts = []
        for amount, unit in (
            (self.years, "year"), (self.months, "month"), (self.weeks, "week"), (self.days, "day")
        ):
            if amount:
                parts.append(f"{amount} {unit}{'' if abs(amount) == 1 else 's'}")
        return " ".join(parts) or "0 days"

    def short(self) -> str:
        """Compact form used for lead times: 30d, 1w, 1y2mo."""
        parts = []
        for amount, unit in ((self.years, "y"), (self.months, "mo"), (self.weeks, "w"), (self.days, "d")):
            if amount:
                parts.append(f"{amount}{unit}")
        return "".join(parts) or "0d"


def parse_duration(text: str) -> Duration:
    """`1 year`, `90 days`, `1 year 6 months`, `30d`, `2w`, or ISO 8601 `P1Y`, `P90D`."""
    raw = text.strip()
    iso = _ISO_DURATION.fullmatch(raw.upper())
    if iso and any(iso.groups()[1:]):
        sign = -1 if iso.group(1) else 1
        y, m, w, d = (int(g or 0) * sign for g in iso.groups()[1:])
        return _bounded(Duration(y, m, w, d), text)
    lowered = raw.lower()
    sign = 1
    if lowered.startswith("-"):
        sign, lowered = -1, lowered[1:]
    amounts = {"years": 0, "months": 0, "weeks": 0, "days": 0}
    pos, seen = 0, False
    while pos < len(lowered):
        part = _WORD_PART.match(lowered, pos)
        if not part or part.group(2) not in _UNITS:
            hint = " (use 'mo' or 'month' for months)" if part and part.group(2) == "m" else ""
            raise ValueError(
                f"'{text}' is not a duration: write e.g. '1 year', '90 days', '30d' or 'P1Y'{hint}"
            )
        amounts[_UNITS[part.group(2)]] += int(part.group(1)) * sign
        pos, seen = part.end(), True
    if not seen:
        raise ValueError(f"'{text}' is not a duration: write e.g. '1 year', '90 days', '30d' or 'P1Y'")
    return _bounded(Duration(**amounts), text)


def _bounded(duration: Duration, text: str) -> Duration:
    """No duration longer than the calendar itself (years 1 to 9999): one would only overflow."""
    if abs(duration.years * 366 + duration.months * 31 + duration.weeks * 7 + duration.days) > MAX_DAYS:
        raise ValueError(f"'{text}' is longer than the calendar (the years 0001 to 9999)")
    return duration


def add(date: PartialDate, duration: Duration) -> PartialDate:
    """Calendar-aware addition that keeps the date's precision.

    29 February plus a year is 28 February; 31 January plus a month is the
    end of February.  A duration finer than the date is refused: April 2026
    plus 90 days is not a month.
    """
    result = _add(date, duration)
    if result is None:
        raise ValueError(
            f"cannot add {duration} to {date.describe()}: the date is only known to the "
            f"{date.precision}"
        )
    if not 1 <= result.year <= 9999 or (result.year == 9999 and result.season == 24):
        raise ValueError(f"{date} + {duration} falls outside the years 0001 to 9999")
    return result


def _add(date: PartialDate, duration: Duration) -> PartialDate | None:
    if date.precision == DAY:
        try:
            moved = duration.after(date.first_day())
        except (ValueError, OverflowError):
            return date._replace(year=0)  # out of range: reported by add()
        return date._replace(year=moved.year, month=moved.month, day=moved.day)
    if date.day is None and date.month is not None and duration.finest != DAY:
        index = date.year * 12 + (date.month - 1) + duration.years * 12 + duration.months
        return date._replace(year=index // 12, month=index % 12 + 1)
    if date.season is not None and duration.finest != DAY and duration.months % 3 == 0:
        steps = (date.season - 21) + duration.months // 3
        return date._replace(year=date.year + duration.years + steps // 4, season=21 + steps % 4)
    if date.precision == YEAR and duration.finest == YEAR:
        return date._replace(year=date.year + duration.years)
    return None


# --- anchors: "this April", "next Thursday", "11-10 of the same year" ------

_MONTH_DAY = re.compile(r"([0-9]{1,2})-([0-9]{1,2})")


def parse_anchor(text: str) -> tuple[str, int | tuple[int, int]]:
    """Return ('month', 4), ('weekday', 3), ('season', 23) or ('month-day', (11, 10))."""
    key = text.strip().lower()
    if key in MONTH_NAMES:
        return "month", MONTH_NAMES[key]
    if key in WEEKDAYS:
        return "weekday", WEEKDAYS[key]
    if key in SEASON_NAMES:
        return "season", SEASON_NAMES[key]
    match = _MONTH_DAY.fullmatch(key)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            check_day(2000, month, day, text)  # 2000 is a leap year: 02-29 may pass
            return "month-day", (month, day)
    raise ValueError(
        f"'{text}' is not a month, season, weekday or MM-DD (e.g. april, autumn, thursday, 11-10)"
    )


def anchor(ref: PartialDate, which: str, kind: str, value: int | tuple[int, int]) -> PartialDate:
    """Resolve `this`/`next`/`last` + month, season, weekday or MM-DD against `ref`.

    `this` is the one in the same year as `ref` (for a weekday: the same
    ISO week, Monday to Sunday); `next` the first strictly after `ref`;
    `last` the last strictly before it.
    """
    if kind == "weekday" and isinstance(value, int):
        if ref.precision != DAY:
            raise ValueError(f"a weekday needs a reference known to the day, not {ref.describe()}")
        base = ref.first_day()
        if which == "this":
            shift = value - base.weekday()
        elif which == "next":
            shift = (value - base.weekday() - 1) % 7 + 1
        else:
            shift = -((base.weekday() - value - 1) % 7 + 1)
        try:
            day = base + datetime.timedelta(days=shift)
        except OverflowError:
            raise _out_of_range(ref, which) from None
        return PartialDate(day.year, day.month, day.day)

    def in_year(year: int) -> PartialDate:
        if not 1 <= year <= 9999 or (year == 9999 and kind == "season" and value == 24):
            raise _out_of_range(ref, which)
        if isinstance(value, int):
            return PartialDate(year, value) if kind == "month" else PartialDate(year, season=value)
        month, day = value
        check_day(year, month, day, f"{year:04d}-{month:02d}-{day:02d}")
        return PartialDate(year, month, day)

    if which == "this":
        return in_year(ref.year)
    if which == "next":
        year = ref.last_day().year
        while True:
            candidate = _candidate(in_year, year)
            if candidate is not None and candidate.first_day() > ref.last_day():
                return candidate
            year += 1
    year = ref.first_day().year
    while True:
        candidate = _candidate(in_year, year)
        if candidate is not None and candidate.last_day() < ref.first_day():
            return candidate
        year -= 1


def _candidate(in_year: Callable[[int], PartialDate], year: int) -> PartialDate | None:
    """29 February exists only in leap years: skip the others."""
    if not 1 <= year <= 9999:
        return in_year(year)  # raises: the anchor leaves the calendar
    try:
        return in_year(year)
    except ValueError:
        return None


def _out_of_range(ref: PartialDate, which: str) -> ValueError:
    return ValueError(f"the {which} one from {ref} falls outside the years 0001 to 9999")
