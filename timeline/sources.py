"""Seed documents and quote checks: the only reader of `seeds/`.

Every event quotes the sentence that supports it; here each quote is looked
up, verbatim, in its source file (after normalising line ends and Unicode
composition, which editors change without asking).

The check costs O(total text), not O(quotes x text): each seed is indexed
once by the sentences in it (`QuoteIndex`), a quote that starts at a
sentence is found by one dictionary look-up and one comparison, and only a
quote that starts elsewhere falls back to a substring search.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from timeline.model import Document, Error
from timeline.safe_io import OutsideFolder, inside, read_regular

# A sentence ends after a run of terminators, or at a line end (headings and
# captions have no full stop); the next one starts after any whitespace.
_SENTENCE = re.compile(r"[^。！？!?．.\n]*[。！？!?．.]+|[^。！？!?．.\n]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Line ends as \\n and Unicode composition as NFC: what every check compares."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def squash_space(text: str) -> str:
    """`normalise`, then every run of Unicode whitespace (line ends, tabs, U+3000,
    no-break spaces) as one space: the one form for whitespace-insensitive
    matching, shared by the quote index and `timeline.quotes`."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text))


def first_sentence(text: str, start: int = 0) -> str:
    """The sentence that begins at `start`: up to and including its run of
    terminators, or up to the line end.  The same rule cuts seeds and quotes, so a
    quote that starts where a sentence of its seed starts has the same key."""
    found = _SENTENCE.match(text, start)
    return found.group() if found else ""


class QuoteIndex:
    """One seed's text, indexed once by the sentences that start in it.

    `text` is searched as given: pass `normalise(raw)` for verbatim matching,
    or `squash_space(raw)` (and squashed quotes) for whitespace-insensitive
    matching.  `contains(q)` is exactly `q in text`, in O(len(q)) when `q`
    starts at a sentence of the text, else by one substring search.
    """

    __slots__ = ("text", "_starts")

    def __init__(self, text: str):
        self.text = text
        starts: dict[str, int | list[int]] = {}
        for found in _SENTENCE.finditer(text):
            sentence = found.group()
            offset = len(sentence) - len(sentence.lstrip())
            key = sentence[offset:]
            if not key:
                continue
            position = found.start() + offset
            seen = starts.get(key)
            if seen is None:
                starts[key] = position
            elif isinstance(seen, int):
                starts[key] = [seen, position]
            else:
                seen.append(position)
        self._starts = starts

    def contains(self, quote: str) -> bool:
        seen = self._starts.get(first_sentence(quote))
        if seen is not None:
            positions = (seen,) if isinstance(seen, int) else seen
            if any(self.text.startswith(quote, p) for p in positions):
                return True
        return quote in self.text  # a quote that starts mid-sentence, or a miss


def read_seeds(document: Document, base: Path) -> tuple[dict[str, str], list[Error]]:
    """Source id → normalised text of its file; errors for files that cannot be read."""
    texts: dict[str, str] = {}
    errors: list[Error] = []
    for source in document.sources:
        try:
            path = inside(base, source.file)  # never a file outside the data file's folder
            texts[source.id] = normalise(read_regular(path).decode("utf-8-sig"))
        except OutsideFolder as exc:
            errors.append(Error(f"source '{source.id}': file '{source.file}' {exc.strerror}: not read", source.location, stage="source"))
        except FileNotFoundError:
            errors.append(Error(f"source '{source.id}': file '{source.file}' not found", source.location, stage="source"))
        except UnicodeDecodeError:
            errors.append(Error(f"source '{source.id}': file '{source.file}' is not UTF-8 text", source.location, stage="source"))
        except OSError as exc:
            errors.append(Error(f"source '{source.id}': cannot read '{source.file}': {exc.strerror or exc}", source.location, stage="source"))
    return texts, errors


def check_quotes(document: Document, texts: dict[str, str]) -> list[Error]:
    """Every quote must appear verbatim in its source's text, except that every run
    of whitespace (a hard-wrapped line, a no-break space) compares as one space."""
    errors = []
    indexes: dict[str, QuoteIndex] = {}
    files = {source.id: source.file for source in document.sources}
    for event in document.events:
        for quote in (*event.quotes, *(r.quote for r in event.revisions)):
            text = texts.get(quote.source)
            if text is None:
                continue  # unknown source or unreadable file: reported elsewhere
            index = indexes.get(quote.source)
            if index is None:
                index = indexes[quote.source] = QuoteIndex(squash_space(text))
            if index.contains(squash_space(quote.text).strip()):
                continue
            errors.append(Error(_not_found(event.id, quote.source, files.get(quote.source), quote.text, text),
                                quote.location, event.id, "quote"))
    return errors


def _not_found(event_id: str, source_id: str, file: str | None, quote: str, text: str) -> str:
    """Say where the quote parts from its source (line:column in the seed), so that a
    one-character slip is easy to find."""
    from timeline.quotes import divergence  # only on this error path

    miss = divergence(quote, text)
    message = f"event '{event_id}': quote not found in source '{source_id}'"
    if miss is None:
        return message
    if not miss.matched:
        return f"{message}: {miss.describe()}"
    where = f"{file}:{miss.line}:{miss.column}" if file else f"line {miss.line}, column {miss.column}"
    return f"{message}: {miss.describe(position=False)} (at {where})"
