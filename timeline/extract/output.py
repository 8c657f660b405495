"""Proposals → YAML list items for `events:` (the data file's schema), or JSON."""

from __future__ import annotations

import json
import re
from typing import Any

from timeline.extract.model import Proposal

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


# Characters YAML does not allow raw in a stream, or reads as line breaks, or a terminal obeys:
# always written as escapes inside double quotes.
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _scalar(value: str) -> str:
    """Plain when YAML reads it back as the same text, else double-quoted (with
    control characters and line separators as escapes, so it reads back the same)."""
    if (_PLAIN.fullmatch(value) and ": " not in value and " #" not in value and not value.endswith((":", " "))
            and not _ESCAPED.search(value)
            and value.lower() not in ("null", "~", "true", "false", "yes", "no", "on", "off")):
        return value
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _date_lines(p: Proposal, indent: str) -> list[str]:
    if p.date is not None:
        return [f"{indent}date: {_scalar(str(p.date))}"]
    lines = [f"{indent}window:"]
    if p.since is not None:
        if p.since_assumed:
            lines += [f"{indent}  start:", f"{indent}    on: {_scalar(str(p.since))}",
                      f"{indent}    assumed: {_scalar(p.since_assumed)}"]
        else:
            lines.append(f"{indent}  start: {_scalar(str(p.since))}")
    if p.length is not None:
        lines.append(f"{indent}  for: {_scalar(str(p.length))}")
    if p.until is not None:
        lines.append(f"{indent}  until: {_scalar(str(p.until))}")
    return lines


def proposals_yaml(proposals: list[Proposal], source_id: str) -> str:
    """YAML list items, indented to paste under `events:` of a data file whose
    `sources:` has `source_id` (the article saved as that source's file)."""
    out: list[str] = []
    for p in proposals:
        i = "    "
        out.append(f"  - id: {p.id}")
        out.append(f"{i}title: {_scalar(p.title)}")
        if any("\u4e00" <= c <= "\u9fff" for c in p.title):
            out.append(f"{i}title_original: {_scalar(p.title)}")
        out.append(f"{i}kind: {p.kind}")
        out.append(f"{i}certainty: {p.certainty}")
        out += _date_lines(p, i)
        if p.date is not None and p.time is not None and p.timezone:
            out.append(f'{i}time: "{p.time[0]:02d}:{p.time[1]:02d}"')
            out.append(f"{i}timezone: {p.timezone}")
        out.append(f"{i}sources:")
        for q in p.quotes:
            out.append(f"{i}  - source: {source_id}")
            out.append(f"{i}    quote: {_scalar(q.text)}")
        out.append(f"{i}note: {_scalar('Proposed by timeline extract from ' + p.note)}")
        out.append("")
    return "\n".join(out)


def as_dict(p: Proposal) -> dict[str, Any]:
    item: dict[str, Any] = {"id": p.id, "title": p.title, "kind": p.kind, "certainty": p.certainty}
    if p.date is not None:
        item["date"] = str(p.date)
        item["precision"] = p.date.precision
    else:
        if p.since is not None:
            item["since"] = str(p.since)
            item["since_assumed"] = p.since_assumed is not None
        if p.until is not None:
            # as the text states it: a last day ("through November 9") or an end ("until November 10")
            item["until"] = str(p.last_day if p.last_day is not None else p.until)
            item["end_inclusive"] = p.last_day is not None
            item["until_exclusive"] = str(p.until)  # the data file's `until`: the first day it has ended
        if p.length is not None:
            item["for"] = str(p.length)
        first = p.since or p.last_day or p.until
        item["precision"] = first.precision if first is not None else None
    if p.time is not None:
        item["time"] = f"{p.time[0]:02d}:{p.time[1]:02d}"
        item["timezone"] = p.timezone
    item |= {"quote": p.quote.text, "start": p.quote.start, "end": p.quote.end, "why": p.why, "note": p.note}
    if len(p.quotes) > 1:
        item["also"] = [{"quote": q.text, "start": q.start, "end": q.end} for q in p.quotes[1:]]
    return item


def proposals_json(proposals: list[Proposal]) -> str:
    """A JSON array, one object per proposal (UTF-8, not ASCII-escaped)."""
    return json.dumps([as_dict(p) for p in proposals], ensure_ascii=False, indent=2) + "\n"
