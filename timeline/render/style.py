"""Terminal styling and column layout, without a dependency: a few ANSI codes, used
only when writing to a terminal, never when NO_COLOR is set (https://no-color.org).

Tables fit the terminal: on a terminal, or when $COLUMNS is set, the title
column is shortened with "…" so that a row fits the width (ids are never
cut).  Written to a pipe or a file without $COLUMNS, lines are whole, for
grep and scripts.
"""

from __future__ import annotations

import os
import unicodedata

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import IO, Any

MIN_SHRUNK = 12  # a title column is never cut narrower than this

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "magenta": "35"}


def wants_color(stream: IO[Any] | object, environ: Mapping[str, str] = os.environ) -> bool:
    if environ.get("NO_COLOR"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def for_output(chosen: str, color: str, stream: IO[Any] | object) -> Style:
    """The style of output in format `chosen` with --color `color` on `stream` (both entry
    points: cli.py and fast.py): colour and a width only for text."""
    plain = chosen != "text"
    use_color = not plain and (color == "always" or (color == "auto" and wants_color(stream)))
    return Style(use_color, None if plain else terminal_width(stream))


def terminal_width(stream: IO[Any] | object, environ: Mapping[str, str] = os.environ) -> int | None:
    """Columns to fit tables into: $COLUMNS when set, else the terminal's width
    when `stream` is one, else None (no limit)."""
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        try:
            return os.get_terminal_size(stream.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            return 80
    return None


class Style:
    """How text output looks: colour or not, and the width tables must fit (None: any)."""

    def __init__(self, color: bool, width: int | None = None):
        self.color = color
        self.width = width

    def narrower(self, columns: int) -> Style:
        """The same style for text indented by `columns`."""
        return Style(self.color, None if self.width is None else self.width - columns)

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles if s)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters count twice,
    escape sequences not at all."""
    if text.isascii() and "\x1b" not in text:
        return len(text)  # no wide or combining character: what `_counted` counts (8,000-row tables: half the time)
    return _counted(text)


def _counted(text: str) -> int:
    total, in_escape = 0, False
    for char in text:
        if in_escape:
            in_escape = char != "m"
            continue
        if char == "\x1b":
            in_escape = True
            continue
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def truncate(text: str, columns: int) -> str:
    """`text` cut to `columns` terminal columns, ending in "…" when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for char in text:
        size = 0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > columns - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def table(header: list[str], rows: list[list[str]], style: Style, shrink: int | None = None) -> list[str]:
    """Left-aligned columns separated by two spaces; the last column is not padded.
    When `style.width` is set, column `shrink` (a title) is cut to make rows fit."""
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]
    if style.width is not None and shrink is not None:
        total = sum(widths) + 2 * (len(widths) - 1)
        room = widths[shrink] - (total - style.width)
        if total > style.width and room < widths[shrink]:
            widths[shrink] = max(room, min(MIN_SHRUNK, widths[shrink]))
            rows = [[truncate(c, widths[shrink]) if i == shrink else c for i, c in enumerate(r)] for r in rows]

    def line(cells: list[str]) -> str:
        padded = [c + " " * (widths[i] - width(c)) for i, c in enumerate(cells[:-1])]
        return "  ".join(padded + [cells[-1]]).rstrip()

    return [style(line(header), "bold")] + [line(r) for r in rows]
