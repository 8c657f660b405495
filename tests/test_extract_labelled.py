"""The labelled articles are well formed, and extract meets its targets on them."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

from timeline.dates import parse_date, parse_duration

_spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

CASES = bench.load_cases(ROOT / "tests" / "extract")
HELDOUT = bench.load_cases(ROOT / "tests" / "extract" / "heldout") + bench.load_cases(ROOT / "tests" / "extract" / "probe")


def test_the_labelled_set_has_15_real_texts_in_each_language():
    assert len(CASES) >= 15
    langs = [c["lang"] for c in CASES]
    assert all(langs.count(lang) >= 4 for lang in ("zh-Hant", "zh-Hans", "en"))
    for case in CASES:
        assert case["url"].startswith("http") and case["text"].strip() and case["facts"], case["name"]
        for fact in case["facts"]:
            if fact.startswith("for "):
                parse_duration(fact[4:])
            else:
                parse_date(fact)


def test_recall_and_precision_meet_the_targets():
    hits = expected = proposed = 0
    for case in CASES:
        facts, found = bench.score(case)
        hits, expected, proposed = hits + len(facts & found), expected + len(facts), proposed + len(found)
    assert hits / expected >= bench.TARGET_RECALL
    assert hits / proposed >= bench.TARGET_PRECISION


def test_the_heldout_set_is_well_formed_and_unlike_the_first():
    assert len(HELDOUT) >= 30
    assert {c["url"] for c in HELDOUT}.isdisjoint(c["url"] for c in CASES)
    for case in HELDOUT:
        assert case["url"].startswith("http") and case["text"].strip() and case["facts"], case["name"]
        for fact in case["facts"]:
            parse_duration(fact[4:]) if fact.startswith("for ") else parse_date(fact)


def test_recall_and_precision_meet_the_targets_on_the_heldout_set():
    hits = expected = proposed = 0
    for case in HELDOUT:
        facts, found = bench.score(case)
        hits, expected, proposed = hits + len(facts & found), expected + len(facts), proposed + len(found)
    assert hits / expected >= bench.TARGET_RECALL
    assert hits / proposed >= bench.TARGET_PRECISION
