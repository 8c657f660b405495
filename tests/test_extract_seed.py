"""`extract` on the shipped article proposes the shipped events: same dates, same precision."""

from __future__ import annotations

import datetime

import pytest
from conftest import ROOT, SHIPPED

import timeline.api as tl
from timeline.extract import extract, read_article

ARTICLE = ROOT / "seeds" / "bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt"


def _dated(entry) -> bool:
    return entry.date is not None or entry.event.window is not None


def _matches(entry, proposal) -> bool:
    """Same quote, and the same dates the text states (a start the shipped file
    assumes is not compared: the article does not give it)."""
    quotes = {q.text for q in entry.event.quotes}
    if not quotes & {q.text for q in proposal.quotes}:
        return False
    if entry.date is not None:
        return proposal.date is not None and str(proposal.date) == str(entry.date.value)
    window = entry.event.window
    if proposal.date is not None:
        return False
    if window.length is not None and proposal.length != window.length and not (
            proposal.since and proposal.until and entry.end and str(proposal.until) == str(entry.end.value)):
        return False
    if window.until is not None and not window.until.assumed and str(proposal.until) != str(entry.end.value):
        return False
    if window.start is not None and not window.start.assumed and str(proposal.since) != str(entry.start.value):
        return False
    return True


@pytest.fixture(scope="module")
def proposals():
    return extract(read_article(ARTICLE), datetime.date(2025, 10, 31), source_id="bbc-zh-2025-10-31")


def test_proposes_at_least_90_percent_of_the_shipped_dated_events(proposals):
    entries = [e for e in tl.load(SHIPPED).entries if _dated(e)]
    assert len(entries) >= 20
    missed = [e.id for e in entries if not any(_matches(e, p) for p in proposals)]
    found = len(entries) - len(missed)
    assert found / len(entries) >= 0.9, f"missed {missed}"


@pytest.mark.parametrize("event_id", ["busan-meeting", "trump-visit-china", "trade-truce", "midwest-harvest-without-china-orders",
                                      "china-oct9-controls-phase-2-postponed", "us-entity-list-expansion"])
def test_each_kind_of_shipped_date_is_found(proposals, event_id):
    entry = tl.load(SHIPPED).get(event_id)
    assert any(_matches(entry, p) for p in proposals), event_id
