"""Finding a quote in its source text, whitespace-insensitively (issue 8, item 7).

A quote must still appear verbatim, except that every run of whitespace (a
hard-wrapped line, a tab, a no-break or ideographic space) compares as one
space, in both the quote and the source, after Unicode NFC.  This is the same
normal form as `timeline.sources.squash_space`.  Positions are reported in the
source text as given (NFC-normalised if it was not), so a message can point at
line:column of the seed file.

Both functions run in about linear time: one pass to squash the text, then
substring searches (`str.find`), a logarithmic number of them for a near miss.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

_SPACE = re.compile(r"\s+")
_SHOW = 12  # characters shown on each side of a divergence
_MEANINGFUL = 4  # a shorter matching beginning is chance, not a near miss


class _Squashed:
    """`text` with each whitespace run as one space, and the way back to offsets in `text`."""

    def __init__(self, text: str):
        self.original = text
        parts: list[str] = []
        self._at: list[int] = []  # squashed offset of each run's space
        self._shift: list[int] = []  # original minus squashed offset just after that run
        done, shift = 0, 0
        for run in _SPACE.finditer(text):
            parts.append(text[done : run.start()])
            parts.append(" ")
            self._at.append(run.start() - shift)
            shift += len(run.group()) - 1
            self._shift.append(shift)
            done = run.end()
        parts.append(text[done:])
        self.text = "".join(parts)

    def start(self, i: int) -> int:
        """Original offset where squashed character `i` begins."""
        k = bisect.bisect_left(self._at, i)  # runs strictly before i
        return i + (self._shift[k - 1] if k else 0)

    def end(self, i: int) -> int:
        """Original offset just after the squashed characters before `i`."""
        return self.start(i - 1) + self._width(i - 1) if i > 0 else 0

    def _width(self, i: int) -> int:
        k = bisect.bisect_left(self._at, i)
        if k < len(self._at) and self._at[k] == i:  # a squashed run
            return self._shift[k] - (self._shift[k - 1] if k else 0) + 1
        return 1


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """NFC, whitespace runs as one space, no leading or trailing space: how quotes compare."""
    return _SPACE.sub(" ", _nfc(text)).strip()


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the first place `quote` occurs in `text`, whitespace runs
    comparing as one space; None if it does not occur (or is blank).  Offsets are
    into `text` (into its NFC form, if it was not NFC)."""
    wanted = squash(quote)
    if not wanted:
        return None
    source = _Squashed(_nfc(text))
    at = source.text.find(wanted)
    if at < 0:
        return None
    return source.start(at), source.end(at + len(wanted))


class Miss(NamedTuple):
    """Where a quote parts from its source: it matches up to `matched`, then the
    source has `source_has` (at `line`:`column`, 1-based) where the quote has `quote_has`."""

    matched: str
    source_has: str
    quote_has: str
    line: int
    column: int

    def __str__(self) -> str:
        return self.describe()

    def describe(self, position: bool = True) -> str:
        """One line; `position=False` when the message is already located there."""
        if not self.matched:
            return f"not even its beginning '{self.quote_has}' is in the source"
        then = f"the source has '{self.source_has}'" if self.source_has else "the source ends"
        where = f" (line {self.line}, column {self.column})" if position else ""
        return f"matches up to '…{self.matched}'{where}, then {then} where the quote has '{self.quote_has}'"


def divergence(quote: str, text: str) -> Miss | None:
    """Where the longest beginning of `quote` found in `text` stops matching; None
    if the whole quote is there.  O((len(text) + len(quote)) * log len(quote))."""
    wanted = squash(quote)
    source = _Squashed(_nfc(text))
    haystack = source.text
    if not wanted or wanted in haystack:
        return None
    low, high = 0, len(wanted) - 1  # longest prefix found: a prefix found means all shorter ones are
    while low < high:
        middle = (low + high + 1) // 2
        if wanted[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    if low < min(_MEANINGFUL, len(wanted)):
        low = 0
    at = haystack.find(wanted[:low]) + low if low else 0
    offset = source.start(at) if at < len(haystack) else len(source.original)
    line = source.original.count("\n", 0, offset) + 1
    column = offset - (source.original.rfind("\n", 0, offset) + 1) + 1
    return Miss(
        matched=wanted[max(0, low - _SHOW) : low],
        source_has=haystack[at : at + _SHOW] if low else "",
        quote_has=wanted[low : low + _SHOW],
        line=line,
        column=column,
    )


def near_miss(quote: str, text: str) -> str:
    """One line saying where `quote` diverges from `text` ('' if it is all there)."""
    miss = divergence(quote, text)
    return str(miss) if miss else ""
