"""Seed documents and quote checks: the only reader of `seeds/`.

Every event quotes the sentence that supports it; here each quote is looked
up, verbatim, in its source file (after normalising line ends and Unicode
composition, which editors change without asking).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from timeline.model import Document, Error


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_seeds(document: Document, base: Path) -> tuple[dict[str, str], list[Error]]:
    """Source id → normalised text of its file; errors for files that cannot be read."""
    texts: dict[str, str] = {}
    errors: list[Error] = []
    for source in document.sources:
        path = base / source.file
        try:
            texts[source.id] = normalise(path.read_bytes().decode("utf-8-sig"))
        except FileNotFoundError:
            errors.append(Error(f"source '{source.id}': file '{source.file}' not found", source.location))
        except UnicodeDecodeError:
            errors.append(Error(f"source '{source.id}': file '{source.file}' is not UTF-8 text", source.location))
        except OSError as exc:
            errors.append(Error(f"source '{source.id}': cannot read '{source.file}': {exc.strerror}", source.location))
    return texts, errors


def check_quotes(document: Document, texts: dict[str, str]) -> list[Error]:
    """Every quote must appear verbatim in its source's text."""
    errors = []
    for event in document.events:
        for quote in event.quotes:
            text = texts.get(quote.source)
            if text is None:
                continue  # unknown source or unreadable file: reported elsewhere
            wanted = normalise(quote.text)
            if wanted in text:
                continue
            errors.append(Error(_not_found(event.id, quote.source, wanted, text), quote.location))
    return errors


def _not_found(event_id: str, source_id: str, wanted: str, text: str) -> str:
    """Say how much of the quote matched, so a one-character slip is easy to find."""
    low, high = 0, len(wanted)
    while low < high:  # longest prefix of the quote that occurs in the text
        middle = (low + high + 1) // 2
        if wanted[:middle] in text:
            low = middle
        else:
            high = middle - 1
    hint = f" (its first {low} characters match, up to '…{wanted[max(0, low - 8):low]}')" if low >= 4 else ""
    return f"event '{event_id}': quote not found in source '{source_id}'{hint}"

