"""Partial dates as the JSON contract writes them (`2026-04`, `2025-23`, `2026-33`,
`2026-40`, `2019`, revision values with EDTF marks `?~%`) → the days they cover and honest wording.

Shared by the HTML page and the TimelineJS export, which take JSON objects,
not the core's records; stdlib only."""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
SEASONS = {21: ("spring", 3), 22: ("summer", 6), 23: ("autumn", 9), 24: ("winter", 12)}
# EDTF sub-year groupings of months: code -> (precision, label, first month, months).
GROUPINGS = {code: ("season", name.capitalize(), first, 3) for code, (name, first) in SEASONS.items()} | {
    code: ("quarter", f"Q{n}", 3 * n - 2, 3) for n, code in enumerate(range(33, 37), 1)} | {
    code: ("half", f"H{n}", 6 * n - 5, 6) for n, code in enumerate((40, 41), 1)}
EPOCH = datetime.date(1970, 1, 1)

_EDTF = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)$")


class Period(NamedTuple):
    """The days a partial date may fall on: `first` to `last`, inclusive."""

    first: datetime.date
    last: datetime.date
    precision: str  # day | month | season | quarter | half | year
    code: int | None = None  # a season's, quarter's or half's EDTF code
    uncertain: bool = False
    approximate: bool = False

    @property
    def iso(self) -> str:
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.code is not None:
            return f"{self.first.year:04d}-{self.code}"
        return f"{self.first.year:04d}"

    def describe(self) -> str:
        """As `timeline show` words it: `April 2026`, `Autumn 2025`, `about 2019`."""
        if self.precision == "day":
            text = self.iso
        elif self.precision == "month":
            text = f"{MONTHS[self.first.month - 1]} {self.first.year}"
        elif self.code is not None:
            text = f"{GROUPINGS[self.code][1]} {self.first.year}"
        else:
            text = str(self.first.year)
        if self.approximate:
            text = "about " + text
        if self.uncertain:
            text += " (uncertain)"
        return text

    def months(self) -> str:
        """`September to November 2025`: the months a season, quarter or half covers."""
        start, end = self.first, self.last
        tail = f" {end.year}" if start.year == end.year else f" {start.year}"
        head = MONTHS[start.month - 1] + ("" if start.year == end.year else tail)
        return f"{head} to {MONTHS[end.month - 1]} {end.year}"

    def display(self) -> str:
        """The wording with what is not known: `April 2026 (day not known)`."""
        if self.precision == "day":
            return self.describe()
        if self.code is not None:
            return f"{self.describe()} ({self.months()}; day not known)"
        return f"{self.describe()} (day not known)"

    def day_numbers(self) -> tuple[int, int]:
        """Days since 1970-01-01 of the first day and of the day after the last."""
        return (self.first - EPOCH).days, (self.last - EPOCH).days + 1


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def period(text: str | None, qualifier: str | None = None) -> Period | None:
    """Parse the EDTF subset of the data format; None for None or anything else."""
    if not text:
        return None
    found = _EDTF.match(str(text).strip())
    if not found:
        return None
    year_s, second, day_s, mark = found.groups()
    year = int(year_s)
    uncertain = mark in ("?", "%") or qualifier in ("uncertain", "uncertain-approximate")
    approximate = mark in ("~", "%") or qualifier in ("approximate", "uncertain-approximate")
    marks = {"uncertain": uncertain, "approximate": approximate}
    try:
        if second is None:
            return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", **marks)
        number = int(second)
        if day_s is not None:
            day = datetime.date(year, number, int(day_s))
            return Period(day, day, "day", **marks)
        if number in GROUPINGS:
            precision, _, first_month, months = GROUPINGS[number]
            first = datetime.date(year, first_month, 1)
            end_month = first_month + months - 1
            last = _month_end(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1)
            return Period(first, last, precision, code=number, **marks)
        return Period(datetime.date(year, number, 1), _month_end(year, number), "month", **marks)
    except ValueError:
        return None
