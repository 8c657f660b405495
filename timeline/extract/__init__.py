"""`timeline extract`: propose dated events from an article, each with its verbatim sentence.

    >>> from timeline.extract import read_article, extract, proposals_yaml
    >>> text = read_article("seeds/article.txt")           # TimelineError on bad input
    >>> found = extract(text, datetime.date(2025, 10, 31), source_id="bbc-zh-2025-10-31")
    >>> print(proposals_yaml(found, "bbc-zh-2025-10-31"))
    >>> write_into("events.yaml", found, "bbc-zh-2025-10-31")  # --into: checked, atomic

Rules, not guesses: see docs/extract.md for what is recognised and how it is read.
"""

from __future__ import annotations

import datetime
import re

from timeline.extract.chars import guess_language, normal
from timeline.extract.furniture import furniture
from timeline.extract.into import write_into
from timeline.extract.model import Proposal, Quote
from timeline.extract.output import as_dict, proposals_json, proposals_yaml
from timeline.extract.propose import Context, dateline_day, sentence_proposals
from timeline.extract.sentences import split
from timeline.extract.text import html_text, read_article
from timeline.model import Error, TimelineError

LANGS = ("zh-Hant", "zh-Hans", "en")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

__all__ = ["LANGS", "Proposal", "Quote", "as_dict", "check_lang", "extract", "html_text", "parse_published",
           "proposals_json", "proposals_yaml", "read_article", "write_into"]


def parse_published(text: str) -> datetime.date:
    """--date: an article's date, YYYY-MM-DD; TimelineError otherwise."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise TimelineError([Error(f"--date: '{text}' is not a date: write the article's date as YYYY-MM-DD", stage="argument")]) from None


def check_lang(lang: str | None) -> None:
    if lang is not None and lang not in LANGS:
        raise TimelineError([Error(f"--lang: unknown language '{lang}': use one of {', '.join(LANGS)}", stage="argument")])


def extract(text: str, published: datetime.date, lang: str | None = None, source_id: str = "new-source") -> list[Proposal]:
    """Proposed events for every sentence of `text` that carries a date, a deadline
    or a duration, resolved against `published`.  Every quote is a substring of `text`."""
    check_lang(lang)
    if not isinstance(published, datetime.date):
        raise TimelineError([Error(f"the article's date must be a date, not {published!r}", stage="argument")])
    if not _ID.fullmatch(source_id):
        raise TimelineError([Error(f"--source: '{source_id}' is not a valid id (lower-case letters, digits and '-')", stage="argument")])
    if not text.strip():
        raise TimelineError([Error("the article has no text", stage="source")])
    page = furniture(text)
    norm = normal(text)
    ctx = Context(text, norm, published, source_id, lang or guess_language(text), furniture=page,
                  dateline=dateline_day(norm, published))
    found: list[Proposal] = []
    for sentence in split(text, frozenset(start for start, _ in page)):
        found += sentence_proposals(ctx, sentence)
    merged: dict[tuple[object, ...], Proposal] = {}
    for p in found:
        key = p.key()
        if key in merged:
            known = merged[key]
            if all(q.text != p.quote.text for q in known.quotes):
                merged[key] = known._replace(quotes=known.quotes + p.quotes)
        else:
            merged[key] = p
    result = _with_ids(list(merged.values()), source_id)
    for p in result:
        for q in p.quotes:
            assert text[q.start:q.end] == q.text, "a quote must be the input's own text"
    return result


def _with_ids(proposals: list[Proposal], source_id: str) -> list[Proposal]:
    seen: dict[str, int] = {}
    out = []
    for p in proposals:
        value = p.date or p.since or p.until
        tail = str(value).replace("?", "").replace("~", "").replace("%", "") if value else "undated"
        if p.date is None and p.since_assumed and p.length:
            tail = "for-" + str(p.length).replace(" ", "")
        base = f"{source_id}-{p.kind}-{tail}".lower()
        base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")
        seen[base] = seen.get(base, 0) + 1
        out.append(p._replace(id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return out
