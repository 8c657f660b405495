"""Partial dates and durations: pure date logic on the standard library, no I/O.

A partial date keeps the precision its source gives: "2026-04" is the month
of April 2026, never 1 April.  It is one of six small records, one per
precision (`PartialDate` is their union): `Day`, `Month`, `Season`,
`Quarter`, `Half`, `Year`.  Each holds only its own fields plus the
uncertain/approximate qualifiers, and answers the same methods
(`precision`, `first_day`, `last_day`, `iso`, `describe`, `short`,
`qualifier`, `sort_key`), so callers dispatch on the type, never on which
optional field is set.  Dates are written in a documented subset of the
Library of Congress EDTF (levels 0 and 1, and level 2's sub-year groupings):

    2025-10-30   day            2026-04   month        2019   year
    2025-23      season (21 spring, 22 summer, 23 autumn, 24 winter)
    2026-33      quarter (33 to 36 for Q1 to Q4; also written 2026-Q1)
    2026-40      half (40 first, 41 second; also written 2026-H1)
    2026-04?     uncertain      2026-04~  approximate  2026-04%  both

Seasons are the northern meteorological ones (spring = March to May, winter
= December to February of the next year).  A season, quarter or half keeps
its EDTF code (21-24, 33-36, 40-41), so no two records of different kinds
are ever equal as tuples.  The full `edtf` package would parse more, but it
costs 90 ms to import, more than the whole budget of a `timeline next` run.

Parse errors are raised as `ValueError` with a one-line message; the loader
turns them into located errors.
"""

from __future__ import annotations

from timeline.datetimes import datetime

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import NamedTuple, TypeAlias
else:
    from timeline.records import NamedTuple  # typing's, without compiling the annotations (timeline/records.py)

DAY, MONTH, SEASON, QUARTER, HALF, YEAR = "day", "month", "season", "quarter", "half", "year"
# Finest first: used to order dates that start on the same day.
PRECISION_RANK = {DAY: 0, MONTH: 1, SEASON: 2, QUARTER: 3, HALF: 4, YEAR: 5}

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}
QUARTERS = {33: 1, 34: 2, 35: 3, 36: 4}  # EDTF code -> quarter of the year
HALVES = {40: 1, 41: 2}  # EDTF code -> half of the year
# English names, fixed: the calendar module's follow the locale and are slow to build.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = {name.lower(): i for i, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): i for i, name in enumerate(MONTHS, 1)
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(DAYS)}  # monday = 0
SEASON_NAMES = {name: code for code, name in SEASONS.items()} | {"fall": 23}

# ASCII digits only; `Q1`..`Q4` and `H1`, `H2` are the friendly spellings of 33-36 and 40-41.
def _lazy(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled on first use: the fast path's `next` uses two of these (0.5 ms each at import)."""
    found: list[re.Pattern[str]] = []  # not functools.cache: the fast path imports no functools (1 ms)

    def compiled() -> re.Pattern[str]:
        if not found:
            import re  # not at the top: the fast path reads its dates without `re` (3 ms with `enum`)

            found.append(re.compile(pattern))
        return found[0]

    return compiled


_EDTF = _lazy(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?|-([QqHh])([0-9]))?([?~%])?")
_QUALIFIERS = {"?": (True, False), "~": (False, True), "%": (True, True)}
_MARKS = {(True, False): "?", (False, True): "~", (True, True): "%"}


def _qualifier(uncertain: bool, approximate: bool) -> str | None:
    if uncertain and approximate:
        return "uncertain-approximate"
    if uncertain:
        return "uncertain"
    if approximate:
        return "approximate"
    return None


def _hedged(text: str, uncertain: bool, approximate: bool) -> str:
    """`about April 2026`, `April 2026 (uncertain)`."""
    if approximate:
        text = "about " + text
    if uncertain:
        text += " (uncertain)"
    return text


def _month_end(year: int, month: int) -> datetime.date:
    """The last day of the month `month` counted from January of `year` (13 is next January)."""
    year, index = divmod(year * 12 + month - 1, 12)
    return datetime.date(year, index + 1, days_in_month(year, index + 1))


class Day(NamedTuple):
    """A date known to the day."""

    year: int
    month: int
    day: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return DAY

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day)

    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day)

    def iso(self) -> str:
        """ISO 8601 at this precision, without EDTF qualifiers."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        """Human wording that does not pretend to know more than it does."""
        return _hedged(self.iso(), self.uncertain, self.approximate)

    def short(self) -> str:
        """As a table cell shows it: the EDTF text."""
        return str(self)

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 0)

    @classmethod
    def from_date(cls, value: datetime.date) -> Day:
        return cls(value.year, value.month, value.day)


class Month(NamedTuple):
    """A date known to the month: `2026-04`."""

    year: int
    month: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return MONTH

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, days_in_month(self.year, self.month))

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        return _hedged(f"{MONTHS[self.month - 1]} {self.year}", self.uncertain, self.approximate)

    def short(self) -> str:
        return str(self)

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 1)


class Season(NamedTuple):
    """A northern meteorological season: `code` 21 spring to 24 winter (EDTF)."""

    year: int
    code: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return SEASON

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, SEASON_FIRST_MONTH[self.code], 1)

    def last_day(self) -> datetime.date:
        return _month_end(self.year, SEASON_FIRST_MONTH[self.code] + 2)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.code:02d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        return _hedged(f"{SEASONS[self.code].capitalize()} {self.year}", self.uncertain, self.approximate)

    def short(self) -> str:
        """`Autumn 2025`, not `2025-23`."""
        return self.describe()

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 2)


class Quarter(NamedTuple):
    """A quarter of a year: `code` 33 (Q1, January to March) to 36 (Q4), as EDTF writes it."""

    year: int
    code: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return QUARTER

    @property
    def number(self) -> int:
        return QUARTERS[self.code]

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.number * 3 - 2, 1)

    def last_day(self) -> datetime.date:
        return _month_end(self.year, self.number * 3)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.code:02d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        return _hedged(f"Q{self.number} {self.year}", self.uncertain, self.approximate)

    def short(self) -> str:
        """`Q1 2026`, not `2026-33`."""
        return self.describe()

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 3)


class Half(NamedTuple):
    """A half of a year: `code` 40 (H1, January to June) or 41 (H2), as EDTF writes it."""

    year: int
    code: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return HALF

    @property
    def number(self) -> int:
        return HALVES[self.code]

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.number * 6 - 5, 1)

    def last_day(self) -> datetime.date:
        return _month_end(self.year, self.number * 6)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.code:02d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        return _hedged(f"H{self.number} {self.year}", self.uncertain, self.approximate)

    def short(self) -> str:
        """`H2 2026`, not `2026-41`."""
        return self.describe()

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 4)


class Year(NamedTuple):
    """A date known to the year: `2019`."""

    year: int
    uncertain: bool = False
    approximate: bool = False

    @property
    def precision(self) -> str:
        return YEAR

    @property
    def qualifier(self) -> str | None:
        return _qualifier(self.uncertain, self.approximate)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    def last_day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def iso(self) -> str:
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso() + _MARKS.get((self.uncertain, self.approximate), "")

    def describe(self) -> str:
        return _hedged(str(self.year), self.uncertain, self.approximate)

    def short(self) -> str:
        return str(self)

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first_day(), 5)


PartialDate: TypeAlias = Day | Month | Season | Quarter | Half | Year
"""A calendar date at the precision its source gives."""

# The sub-year groupings of EDTF level 2 this format reads, by code.
_GROUPINGS: dict[int, type[Season] | type[Quarter] | type[Half]] = (
    dict.fromkeys(SEASONS, Season) | dict.fromkeys(QUARTERS, Quarter) | dict.fromkeys(HALVES, Half)
)
_GROUPINGS_OF: dict[type[Season] | type[Quarter] | type[Half], tuple[int, ...]] = {
    Season: tuple(SEASONS), Quarter: tuple(QUARTERS), Half: tuple(HALVES)
}
_FRIENDLY = {("q", n): code for code, n in QUARTERS.items()} | {("h", n): code for code, n in HALVES.items()}


def parse_date(text: str) -> PartialDate:
    """Parse the EDTF subset above; raise ValueError on anything else."""
    match = _EDTF().fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM, YYYY, YYYY-SS (season 21-24), "
            "YYYY-Q1 to YYYY-Q4 (or 33-36) or YYYY-H1, YYYY-H2 (or 40, 41), optionally followed by ? ~ or %"
        )
    year_s, month_s, day_s, letter, digit, mark = match.groups()
    year = int(year_s)
    if year < 1:
        raise ValueError(f"'{text}': the year must be 0001 to 9999")
    uncertain, approximate = _QUALIFIERS.get(mark, (False, False))
    if letter is not None:
        code = _FRIENDLY.get((letter.lower(), int(digit)))
        if code is None:
            raise ValueError(f"'{text}' has no {'quarter' if letter in 'Qq' else 'half'} {digit}")
        return _GROUPINGS[code](year, code, uncertain, approximate)
    if month_s is None:
        return Year(year, uncertain, approximate)
    number = int(month_s)
    if day_s is None and number in _GROUPINGS:
        if year == 9999 and number == 24:
            raise ValueError(f"'{text}': winter 9999 ends in the year 10000, past the calendar's range")
        return _GROUPINGS[number](year, number, uncertain, approximate)
    if not 1 <= number <= 12:
        codes = " (seasons are 21-24, quarters 33-36, halves 40 and 41)" if day_s is None and number > 20 else ""
        raise ValueError(f"'{text}' has no month {number:02d}{codes}")
    if day_s is None:
        return Month(year, number, uncertain, approximate)
    day = int(day_s)
    check_day(year, number, day, text)
    return Day(year, number, day, uncertain, approximate)


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
_RELATIVE = _lazy(r"[+-]\s*[0-9]+\s*[a-z]+(?:\s*[0-9]+\s*[a-z]+)*")


def parse_as_of(text: str, today: datetime.date | None = None) -> datetime.date:
    """A full day for --as-of: YYYY-MM-DD, or (given `today`) today, tomorrow,
    yesterday, or a duration from today with its sign: +30d, -1w, +2mo."""
    plain = text.strip()
    if len(plain) == 10 and plain[4] == plain[7] == "-" and plain.isascii() \
            and (digits := plain[:4] + plain[5:7] + plain[8:]).isdigit():  # YYYY-MM-DD: what parse_date reads
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        if year >= 1 and 1 <= month <= 12 and 1 <= day <= days_in_month(year, month):
            return datetime.date(year, month, day)
    key = plain.lower()
    if today is not None and key in _RELATIVE_DAYS:
        return today + datetime.timedelta(days=_RELATIVE_DAYS[key])
    if today is not None and _RELATIVE().fullmatch(key):
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

_ISO_DURATION = _lazy(r"(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?")  # ASCII digits only
_WORD_PART = _lazy(r"\s*([0-9]+)\s*([a-z]+)\s*")
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
    count = len(raw) - len(raw.lstrip("0123456789"))
    if 0 < count < len(raw) and raw.isascii() and raw[count:].isalpha() and raw[count:].lower() in _UNITS:
        return _bounded(Duration(**{_UNITS[raw[count:].lower()]: int(raw[:count])}), text)  # 90d: one part, no sign
    iso = _ISO_DURATION().fullmatch(raw.upper())
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
        part = _WORD_PART().match(lowered, pos)
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
    if not 1 <= result.year <= 9999 or (isinstance(result, Season) and result.year == 9999 and result.code == 24):
        raise ValueError(f"{date} + {duration} falls outside the years 0001 to 9999")
    return result


def _add(date: PartialDate, duration: Duration) -> PartialDate | None:
    """The date moved by `duration` (year 0 when it leaves the calendar), or None
    when the duration is finer than the date."""
    match date:
        case Day():
            try:
                moved = duration.after(date.first_day())
            except (ValueError, OverflowError):
                return date._replace(year=0)  # out of range: reported by add()
            return date._replace(year=moved.year, month=moved.month, day=moved.day)
        case Month() if duration.finest != DAY:
            index = date.year * 12 + (date.month - 1) + duration.years * 12 + duration.months
            return date._replace(year=index // 12, month=index % 12 + 1)
        case Season() | Quarter() | Half():
            first, per_year = min(_GROUPINGS_OF[type(date)]), len(_GROUPINGS_OF[type(date)])
            span = 12 // per_year  # months in one
            if duration.finest == DAY or duration.months % span:
                return None
            steps = (date.code - first) + duration.months // span
            return date._replace(year=date.year + duration.years + steps // per_year, code=first + steps % per_year)
        case Year() if duration.finest == YEAR:
            return date._replace(year=date.year + duration.years)
    return None


# --- anchors: "this April", "next Thursday", "11-10 of the same year" ------

_MONTH_DAY = _lazy(r"([0-9]{1,2})-([0-9]{1,2})")


def parse_anchor(text: str) -> tuple[str, int | tuple[int, int]]:
    """Return ('month', 4), ('weekday', 3), ('season', 23) or ('month-day', (11, 10))."""
    key = text.strip().lower()
    if key in MONTH_NAMES:
        return "month", MONTH_NAMES[key]
    if key in WEEKDAYS:
        return "weekday", WEEKDAYS[key]
    if key in SEASON_NAMES:
        return "season", SEASON_NAMES[key]
    match = _MONTH_DAY().fullmatch(key)
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
        if not isinstance(ref, Day):
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
        return Day(day.year, day.month, day.day)

    def in_year(year: int) -> PartialDate:
        if not 1 <= year <= 9999 or (year == 9999 and kind == "season" and value == 24):
            raise _out_of_range(ref, which)
        if isinstance(value, int):
            return Month(year, value) if kind == "month" else Season(year, value)
        month, day = value
        check_day(year, month, day, f"{year:04d}-{month:02d}-{day:02d}")
        return Day(year, month, day)

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
