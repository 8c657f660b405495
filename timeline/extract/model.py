"""What `extract` proposes: events as a person would write them, not yet accepted."""

from __future__ import annotations

from typing import NamedTuple

from timeline.dates import Duration, PartialDate


class Quote(NamedTuple):
    """A sentence of the input: `text == input[start:end]`."""

    text: str
    start: int
    end: int


class Proposal(NamedTuple):
    """A proposed event: a point `date`, or a window (`since`/`until`/`length`).

    `last_day` is the inclusive last day when the text gives one ("through
    November 9", "至2026年11月9日"); `until` is then the day after, as the data
    file counts ends.  `since_assumed` says why a start the text does not give
    was assumed.  `why` is the expression matched, `note` how it was read.
    """

    title: str
    kind: str
    certainty: str
    quotes: tuple[Quote, ...]
    why: str
    note: str
    lang: str
    date: PartialDate | None = None
    time: tuple[int, int] | None = None
    timezone: str | None = None
    since: PartialDate | None = None
    since_assumed: str | None = None
    until: PartialDate | None = None
    last_day: PartialDate | None = None
    length: Duration | None = None
    id: str = ""
    also_for: Duration | None = None  # a length the text gives too, which `since` and `until` already fix

    @property
    def quote(self) -> Quote:
        return self.quotes[0]

    @property
    def is_window(self) -> bool:
        return self.date is None

    def key(self) -> tuple[object, ...]:
        """Proposals with the same key say the same thing: one proposal, several quotes."""
        separate = self.quote.start if self.since_assumed or self.date is None and self.since is None else None
        return (self.kind, self.date, self.time, self.since, self.until, self.length, separate)

    def stated(self) -> list[str]:
        """The dates and lengths the text states, as written in EDTF: what the
        labelled set records and the benchmark compares."""
        if self.date is not None:
            return [str(self.date)]
        found = []
        if self.since is not None and self.since_assumed is None:
            found.append(str(self.since))
        if self.last_day is not None:
            found.append(str(self.last_day))
        elif self.until is not None:
            found.append(str(self.until))
        if self.length is not None:
            found.append(f"for {self.length}")
        elif self.also_for is not None:
            found.append(f"for {self.also_for}")
        return found
