"""The shipped events.yaml and its seed: valid, quoted verbatim, and right about dates."""

import re

import pendulum
import pytest
from conftest import ROOT, SHIPPED

from timeline import api, views
from timeline.status import status


@pytest.fixture(scope="module")
def shipped():
    timeline, errors = api.check(SHIPPED)
    assert [str(e) for e in errors] == []
    return timeline


def day(text):
    return pendulum.parse(text).date()


def test_every_event_quotes_its_source_verbatim(shipped):
    from timeline.sources import normalise

    for entry in shipped.entries:
        assert entry.event.quotes, entry.id
        for quote in entry.event.quotes:
            source = shipped.sources[quote.source]
            text = normalise((ROOT / source.file).read_text(encoding="utf-8"))
            assert quote.text in text, (entry.id, quote.text)


def test_the_seed_is_the_article_and_its_metadata_matches_its_header(shipped):
    (source,) = shipped.sources.values()
    header = (ROOT / source.file).read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"\s*date (\d{4}-\d{2}-\d{2})", header).group(1) == str(source.published) == "2025-10-31"
    assert source.language == "zh-Hant"
    assert source.file.startswith("seeds/")


def test_the_shipped_copy_inside_the_package_is_the_same_file():
    packaged = api.shipped_file()
    assert packaged.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.parametrize(
    "ident, date, precision",
    [
        ("busan-meeting", "2025-10-30", "day"),  # 週四 before Friday 31 October
        ("trump-visit-china", "2026-04", "month"),  # 明年四月: a month, not 1 April
        ("liberation-day-tariffs", "2025-04", "month"),
        ("xi-trump-meeting-2019", "2019-06", "month"),
        ("us-affiliates-rule", "2025-09-29", "day"),
        ("china-oct9-export-controls", "2025-10-09", "day"),
        ("china-oct9-controls-phase-1", "2025-11-08", "day"),
        ("china-oct9-controls-phase-2", "2025-12-01", "day"),
        ("china-oct9-controls-phase-1-postponed", "2026-11-08", "day"),
        ("china-oct9-controls-phase-2-postponed", "2026-12-01", "day"),
        ("midwest-harvest-without-china-orders", "2025-23", "season"),
    ],
)
def test_dates_at_the_precision_the_article_gives(shipped, ident, date, precision):
    value = shipped.get(ident).date.value
    assert (value.iso(), value.precision) == (date, precision)


def test_the_truce_ends_on_10_november_2025(shipped):
    truce = shipped.get("trade-truce")
    assert truce.start is None and str(truce.end.value) == "2025-11-10"


ONE_YEAR = ["reciprocal-tariff-suspension", "china-oct9-controls-suspension", "us-affiliates-rule-suspension",
            "us-301-maritime-suspension", "china-301-countermeasures-suspension"]


def test_as_of_june_2026_the_one_year_suspensions_are_active(shipped):
    active, _ = views.suspended(shipped, day("2026-06-01"))
    assert sorted(e.id for e in active) == sorted(ONE_YEAR)
    for ident in ONE_YEAR:
        entry = shipped.get(ident)
        assert status(entry, day("2026-06-01")) == "active"
        # every one-year suspension rests on an assumption about its start, with the other reading kept
        assert entry.assumed and entry.start.assumption and entry.start.alternative is not None
        assert str(pendulum.parse(str(entry.end.value)).date()) == str(pendulum.instance(entry.start.value.first_day()).add(years=1))


def test_the_reciprocal_tariff_reading_and_its_alternative(shipped):
    entry = shipped.get("reciprocal-tariff-suspension")
    assert (str(entry.start.value), str(entry.end.value)) == ("2025-11-10", "2026-11-10")
    assert (str(entry.start.alternative.value), str(entry.end.alternative.value)) == ("2025-10-30", "2026-10-30")


def test_as_of_the_article_date_next_begins_with_the_november_2025_dates(shipped):
    found = views.upcoming(shipped, day("2025-10-31"))
    first = [(m.id, m.milestone, str(m.date.value)) for m in found[:4]]
    assert first == [
        ("china-oct9-controls-phase-1", "happens", "2025-11-08"),
        ("trade-truce", "ends", "2025-11-10"),
        ("reciprocal-tariff-suspension", "starts", "2025-11-10"),
        ("china-oct9-controls-phase-2", "happens", "2025-12-01"),
    ]
    assert found[4].id == "trump-visit-china"


def test_the_possible_postponements_are_marked_possible_and_linked(shipped):
    for phase in ("1", "2"):
        entry = shipped.get(f"china-oct9-controls-phase-{phase}-postponed")
        assert entry.event.certainty == "possible"
        assert [(link.kind, link.target) for link in entry.event.links] == [("postpones", f"china-oct9-controls-phase-{phase}")]


def test_measures_that_answer_each_other_are_linked(shipped):
    inverse = dict(views.links(shipped, shipped.get("us-301-maritime-suspension")))
    assert inverse["answered by"] == "china-301-countermeasures-suspension"
    assert ("answers", "china-oct9-controls-suspension") in views.links(shipped, shipped.get("us-affiliates-rule-suspension"))


def test_timed_events_are_in_korea_time(shipped):
    entry = shipped.get("busan-meeting-scheduled-end")
    assert entry.instant.isoformat() == "2025-10-30T03:30:00+00:00"


def test_undated_events_are_kept(shipped):
    undated = {e.id for e in shipped.entries if e.sort_date is None}
    assert {"xi-visit-us", "fentanyl-tariff-cut", "china-soybean-purchases", "tiktok-resolution"} <= undated
    assert shipped.get("xi-visit-us").event.certainty == "expected"
