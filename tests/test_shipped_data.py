"""The shipped events.yaml and its seed: valid, quoted verbatim, and right about dates."""

import re

import pendulum
import pytest
from conftest import ROOT, SHIPPED

from timeline import api, views
from timeline.status import days_left, status


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


ONE_YEAR = [
    "reciprocal-tariff-suspension",
    "china-oct9-controls-suspension",
    "us-affiliates-rule-suspension",
    "us-301-maritime-suspension",
    "china-301-countermeasures-suspension",
]


def test_as_of_the_article_date_no_suspension_is_in_force_yet(shipped):
    # "將暫停…一年" speaks of the future: on 31 October 2025 none of the five has started
    active, _ = views.suspended(shipped, day("2025-10-31"))
    assert not set(ONE_YEAR) & {e.id for e in active}
    assert [e.id for e in active] == ["trade-truce"]  # the truce, still before its original expiry
    for ident in ONE_YEAR:
        assert status(shipped.get(ident), day("2025-10-31")) == "upcoming", ident


def test_as_of_june_2026_the_one_year_suspensions_are_active(shipped):
    active, _ = views.suspended(shipped, day("2026-06-01"))
    assert sorted(e.id for e in active) == sorted(ONE_YEAR)
    for ident in ONE_YEAR:
        entry = shipped.get(ident)
        assert status(entry, day("2026-06-01")) == "active"
        # every one-year suspension rests on an assumption about its start, with the other reading kept
        assert entry.assumed and entry.start.assumption and entry.start.alternative is not None
        assert str(pendulum.parse(str(entry.end.value)).date()) == str(pendulum.instance(entry.start.value.first_day()).add(years=1))


@pytest.mark.parametrize("ident", ONE_YEAR)
def test_one_reading_for_the_five_suspensions_and_the_other_kept(shipped, ident):
    entry = shipped.get(ident)
    assert (str(entry.start.value), str(entry.end.value)) == ("2025-11-10", "2026-11-10")
    assert (str(entry.start.alternative.value), str(entry.end.alternative.value)) == ("2025-10-30", "2026-10-30")
    # the main reading runs on from the truce's original expiry, the other from the meeting
    assert [label for label, _ in entry.start.basis] == ["end of trade-truce"]
    assert entry.start.alternative.how == "= date of busan-meeting"
    # the assumption says why, in the article's words, and the same way for all five
    assumption = entry.start.assumption
    assert "原定11月10日到期" in assumption and "繼續" in assumption and "read alike" in assumption
    assert "but not from when" in assumption
    assert entry.start.alternative_note == shipped.get(ONE_YEAR[0]).start.alternative_note


def test_the_five_suspensions_run_out_together(shipped):
    for ident in ONE_YEAR:
        entry = shipped.get(ident)
        assert status(entry, day("2025-11-09")) == "upcoming"
        assert status(entry, day("2025-11-10")) == "active"
        assert (status(entry, day("2026-11-09")), days_left(entry, day("2026-11-09"))) == ("active", 1)
        assert status(entry, day("2026-11-10")) == "ended"
    _, ended = views.suspended(shipped, day("2026-11-20"))
    assert sorted(e.id for e in ended) == sorted(ONE_YEAR)


def test_as_of_the_article_date_next_begins_with_the_november_2025_dates(shipped):
    found = views.upcoming(shipped, day("2025-10-31"))
    first = [(m.id, m.milestone, str(m.date.value)) for m in found[:9]]
    assert first == [
        ("china-oct9-controls-phase-1", "happens", "2025-11-08"),
        ("trade-truce", "ends", "2025-11-10"),
        *[(ident, "starts", "2025-11-10") for ident in sorted(ONE_YEAR)],
        ("china-oct9-controls-phase-2", "happens", "2025-12-01"),
        ("trump-visit-china", "happens", "2026-04"),
    ]


def test_the_possible_postponements_are_marked_possible_and_linked(shipped):
    for phase in ("1", "2"):
        entry = shipped.get(f"china-oct9-controls-phase-{phase}-postponed")
        assert entry.event.certainty == "possible"
        assert [(link.kind, link.target) for link in entry.event.links] == [
            ("postpones", f"china-oct9-controls-phase-{phase}"),
            ("see_also", "china-oct9-controls-suspension"),
        ]
    seen_from_the_suspension = views.links(shipped, shipped.get("china-oct9-controls-suspension"))
    assert ("see also", "china-oct9-controls-phase-1-postponed") in seen_from_the_suspension
    assert ("see also", "china-oct9-controls-phase-2-postponed") in seen_from_the_suspension


@pytest.mark.parametrize("phase", ["1", "2"])
def test_a_phase_date_says_on_its_own_record_that_it_may_be_postponed(shipped, phase):
    event = shipped.get(f"china-oct9-controls-phase-{phase}").event
    assert event.title.endswith("due to take effect (may be postponed a year)")
    assert "這兩個日期可能推遲一年實施" in " ".join(q.text for q in event.quotes)
    assert ("may be postponed to", f"china-oct9-controls-phase-{phase}-postponed") in views.links(
        shipped, shipped.get(f"china-oct9-controls-phase-{phase}")
    )


def test_the_truce_title_says_originally_due(shipped):
    truce = shipped.get("trade-truce").event
    assert "原定" in truce.title_original and "originally due to expire" in truce.title


@pytest.mark.parametrize(
    "suspension, measure",
    [
        ("us-301-maritime-suspension", "us-301-maritime-measures"),
        ("china-301-countermeasures-suspension", "china-301-countermeasures"),
        ("us-affiliates-rule-suspension", "us-affiliates-rule"),
        ("china-oct9-controls-suspension", "china-oct9-export-controls"),
    ],
)
def test_each_suspension_names_what_it_suspends(shipped, suspension, measure):
    assert ("suspends", measure) in views.links(shipped, shipped.get(suspension))
    assert ("suspended by", suspension) in views.links(shipped, shipped.get(measure))


def test_the_section_301_measures_are_recorded_undated(shipped):
    for ident in ("us-301-maritime-measures", "china-301-countermeasures"):
        entry = shipped.get(ident)
        assert entry.sort_date is None and status(entry, day("2026-06-01")) == "undated"
    assert ("answers", "us-301-maritime-measures") in views.links(shipped, shipped.get("china-301-countermeasures"))
    assert "「301調查」措施" in shipped.get("us-301-maritime-measures").event.quotes[0].text


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


def test_ids_are_lower_case_with_dashes(shipped):
    for entry in shipped.entries:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.id), entry.id
    assert len({e.id for e in shipped.entries}) == len(shipped.entries)


# --- facts from a sentence-by-sentence reading (issue 8, item 8) -------------------------


@pytest.mark.parametrize(
    "ident, certainty, quoted",
    [
        # line 17, a photo caption
        ("trump-left-busan", "confirmed", "特朗普已乘坐「空軍一號」離開釜山"),
        # line 27, Xinhua
        ("leaders-regular-contact", "announced", "兩國元首同意保持經常性交往。"),
        # line 97: Trump's word about what both will do
        ("us-china-ukraine-cooperation", "expected", "美中將在烏克蘭戰爭議題上「共同合作」"),
        # line 107, China's account
        ("fentanyl-farm-trade-company-cases-consensus", "announced", "芬太尼禁毒合作、擴大農產品貿易、相關企業個案處理"),
        # line 113, Xinhua
        ("trade-energy-cooperation", "announced", "兩國元首同意加強雙方在經貿、能源等領域合作，促進人文交流。"),
    ],
)
def test_facts_the_first_reading_missed(shipped, ident, certainty, quoted):
    event = shipped.get(ident).event
    assert event.certainty == certainty
    assert any(quoted in q.text for q in event.quotes)


def test_trump_had_left_busan_on_a_day_that_is_marked_assumed(shipped):
    entry = shipped.get("trump-left-busan")
    assert str(entry.date.value) == "2025-10-30" and entry.date.assumed
    assert "without a date" in entry.date.assumption
    assert entry.instant is None  # the caption gives no time; 12:45 was only the plan
    assert ("see also", "trump-departs-busan") in views.links(shipped, entry)


def test_agreements_without_a_date_stay_undated(shipped):
    for ident in (
        "leaders-regular-contact",
        "us-china-ukraine-cooperation",
        "fentanyl-farm-trade-company-cases-consensus",
        "trade-energy-cooperation",
    ):
        assert status(shipped.get(ident), day("2025-10-31")) == "undated", ident


def test_xinhua_invitation_supports_xis_return_visit(shipped):
    entry = shipped.get("xi-visit-us")
    assert any("並邀請習近平主席訪問美國" in q.text for q in entry.event.quotes)
    assert ("see also", "leaders-regular-contact") in views.links(shipped, entry)


def test_the_airport_caption_supports_xis_arrival(shipped):
    entry = shipped.get("xi-state-visit-south-korea")
    assert [q.text for q in entry.event.quotes][1] == "習近平乘坐的專機降落在釜山金海國際機場"
    assert str(entry.date.value) == "2025-10-30" and entry.date.assumed


@pytest.mark.parametrize(
    "ident, certainty, title_start",
    [
        ("china-soybean-purchases", "expected", "Trump says China will start buying"),
        ("us-china-ukraine-cooperation", "expected", "Trump says the US and China will work together"),
        ("xi-visit-us", "expected", "Trump says Xi will pay a return visit"),
    ],
)
def test_trumps_word_alone_is_expected_and_the_title_says_so(shipped, ident, certainty, title_start):
    event = shipped.get(ident).event
    assert (event.certainty, event.title[: len(title_start)]) == (certainty, title_start)


@pytest.mark.parametrize(
    "ident, chinese, english",
    [
        ("tariff-exclusions-extended", "繼續延長", "to be extended further"),  # line 47
        ("xi-visit-us", "地點可能是", "possibly"),  # line 21
        ("trump-rare-earth-deals", "此次出訪", "this trip"),  # line 71
    ],
)
def test_translations_keep_the_articles_wording(shipped, ident, chinese, english):
    event = shipped.get(ident).event
    assert any(chinese in q.text for q in event.quotes)
    assert english in f"{event.title} {event.note}"


# --- status that claims no more than the sources (issue 8) ---------------------------------

LATE = "2026-11-26"  # 391 days after the only source, 2025-10-31


def test_the_april_visit_has_passed_not_happened(shipped):
    # day gone by, and no source reports the visit as having taken place
    assert status(shipped.get("trump-visit-china"), day(LATE)) == "passed"


@pytest.mark.parametrize(
    "ident",
    ["china-oct9-controls-phase-1", "china-oct9-controls-phase-2", "china-oct9-controls-phase-1-postponed"],
)
def test_announced_or_possible_dates_gone_by_are_passed(shipped, ident):
    assert status(shipped.get(ident), day(LATE)) == "passed"


def test_a_confirmed_event_gone_by_has_happened(shipped):
    assert status(shipped.get("busan-meeting"), day(LATE)) == "happened"
    assert status(shipped.get("trump-left-busan"), day(LATE)) == "happened"


def test_on_its_day_a_point_event_is_still_active(shipped):
    # the new statuses are for days after the date, not the day itself
    assert status(shipped.get("busan-meeting"), day("2025-10-30")) == "active"


def test_during_its_month_the_april_visit_is_active_not_passed(shipped):
    assert status(shipped.get("trump-visit-china"), day("2026-04-20")) == "active"
    assert status(shipped.get("trump-visit-china"), day("2026-05-01")) == "passed"
