"""Sentences with their character offsets in the text.

Chinese sentences end at 。！？ (with any closing quotes or brackets that
follow kept in the sentence); nothing inside 「…」『…』“…” ends a sentence,
so a quoted passage stays with the sentence that quotes it.  English
sentences end at . ! ? followed by a space and a capital (or a Chinese
character), except after abbreviations such as "Nov.", "U.S." or "Sec.".
A line break ends a sentence (headings and captions stand alone), except in
hard-wrapped English such as Federal Register text: a long line that does not
end a sentence continues on the next line when that one starts with a letter,
a digit or an opening quote; and in hard-wrapped Chinese wire copy, a long
line that ends inside a sentence (on a character, digit or comma) continues on
the next when that one starts with no indent (a full-width space opens a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_CLOSERS = "」』”’\"')）》】"
_OPEN = {"「": "」", "『": "』", "“": "”", "《": "》"}
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "st", "jr", "sr", "inc", "co",
    "corp", "ltd", "no", "nos", "sec", "art", "vol", "vs", "etc", "approx", "fig", "para", "pp", "ca", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
_DOTTED = re.compile(r"(?:\b[A-Za-z]\.){1,}[A-Za-z]?$")  # U.S. a.m. e.g. J.


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def split(text: str, apart: frozenset[int] = frozenset()) -> list[Sentence]:
    """Every sentence of `text`, trimmed, with `text[start:end] == sentence.text`.
    A line starting at an offset in `apart` (a headline, a stamp) is never joined
    to the lines around it."""
    found: list[Sentence] = []
    line_start = 0
    for line in _paragraphs(text, apart):
        for start, end in _split_line(line):
            for a, b in _bounded(line, start, end):
                found.append(_trimmed(text, line_start + a, line_start + b))
        line_start += len(line)
    return [s for s in found if s.text]


MAX_SENTENCE = 1000  # characters: longer runs (tables, lists without stops) are cut at a comma or space


def _bounded(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        window = line[start:start + MAX_SENTENCE]
        cut = max(window.rfind(c) for c in "，,；;、 ")
        cut = start + (cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE)
        yield start, cut
        start = cut
    yield start, end


_WRAPPED = re.compile(r"[A-Za-z0-9,;:()\-'`\"”’%$]$")
_CONTINUES = re.compile(r"[A-Za-z0-9(`'\"“‘$]")


def _paragraphs(text: str, apart: frozenset[int] = frozenset()) -> list[str]:
    """Lines, with hard-wrapped lines joined (their line ends kept)."""
    out: list[list[str]] = []
    start = 0
    previous_apart = False
    for line in text.splitlines(keepends=True):
        here_apart = start in apart
        if out and not here_apart and not previous_apart and _wrapped(out[-1][-1], line):
            out[-1].append(line)
        else:
            out.append([line])
        previous_apart = here_apart
        start += len(line)
    return ["".join(lines) for lines in out]


_WRAPPED_ZH = re.compile(r"[\u4e00-\u9fff0-9\uff10-\uff19A-Za-z%\uff05，、；：,（(《「“]$")
_CONTINUES_ZH = re.compile(r"[\u4e00-\u9fff0-9\uff10-\uff19，、；：,。）)》」”]")


def _wrapped(previous: str, line: str) -> bool:
    last = previous.rstrip()
    following = line.lstrip(" \t")
    if not following.strip():
        return False
    if not last.isascii():
        return len(last.strip()) >= 20 and bool(_WRAPPED_ZH.search(last)) and bool(_CONTINUES_ZH.match(following))
    if len(last) < 40:
        return False
    return bool(_WRAPPED.search(last)) and bool(_CONTINUES.match(following))


def _past_closers(line: str, end: int) -> int:
    """`end` moved past the closing quotes and brackets that belong to the sentence."""
    while end < len(line) and line[end] in _CLOSERS:
        end += 1
    return end


def _split_line(line: str) -> Iterator[tuple[int, int]]:
    start, depth, i, n = 0, [], 0, len(line)
    while i < n:
        c = line[i]
        if c in _OPEN:
            depth.append(_OPEN[c])
        elif depth and c == depth[-1]:
            depth.pop()
            if not depth and i > 0 and line[i - 1] in "。！？!?":  # 「…。」 ends the sentence that quotes
                end = _past_closers(line, i + 1)
                yield start, end
                start, i = end, end
                continue
        elif not depth and c in "。！？!?":
            end = _past_closers(line, i + 1)
            yield start, end
            start, i = end, end
            continue
        elif not depth and c == "." and _ends_english(line, i):
            end = _past_closers(line, i + 1)
            yield start, end
            start, i = end, end
            continue
        i += 1
    if start < n:
        yield start, n


def _ends_english(line: str, i: int) -> bool:
    after = line[i + 1:i + 4]
    following = after.lstrip("\"'”’)")
    if not following or not following[0].isspace():
        return not following.strip()  # '.' at the end of the line ends the sentence
    nxt = line[i + 1:i + 12].lstrip(" \t\"'”’)")
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or "\u4e00" <= nxt[0] <= "\u9fff" or nxt[0] in "“\"'("):
        return False
    word = re.search(r"[A-Za-z.]+$", line[max(0, i - 24):i])
    if word:
        token = word.group(0)
        if token.lower().rstrip(".") in _ABBREVIATIONS or _DOTTED.search(token + "."):
            return False
    return True


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end])
