"""Terminal styling and column layout, without a dependency: a few ANSI codes, used
only when writing to a terminal, never when NO_COLOR is set (https://no-color.org)."""

from __future__ import annotations

import os
import unicodedata

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "magenta": "35"}


def wants_color(stream, environ=os.environ) -> bool:
    if environ.get("NO_COLOR"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles if s)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters count twice,
    escape sequences not at all."""
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


def table(header: list[str], rows: list[list[str]], style: Style) -> list[str]:
    """Left-aligned columns separated by two spaces; the last column is not padded."""
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells):
        padded = [c + " " * (widths[i] - width(c)) for i, c in enumerate(cells[:-1])]
        return "  ".join(padded + [cells[-1]]).rstrip()

    return [style(line(header), "bold")] + [line(r) for r in rows]
