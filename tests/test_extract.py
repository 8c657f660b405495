"""`timeline.extract`: each kind of expression in Chinese and English, windows and
their ends, certainty, bad input, and quotes that are always the input's own text."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline.api as tl
from timeline.extract import extract, parse_published, proposals_json, proposals_yaml, read_article
from timeline.extract.sentences import split
from timeline.model import TimelineError

FRI = datetime.date(2025, 10, 31)  # a Friday


def one(text: str, published=FRI, **kw):
    found = extract(text, published, **kw)
    assert len(found) == 1, [(p.stated(), p.why) for p in found]
    return found[0]


def stated(text: str, published=FRI) -> set[str]:
    return {f for p in extract(text, published) for f in p.stated()}


# --- dates at their precision ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("雙方於2025年11月10日簽署協議。", "2025-11-10"),
    ("双方于2025年11月10日签署协议。", "2025-11-10"),
    ("The deal was signed on November 10, 2025.", "2025-11-10"),
    ("It was signed on Nov. 10, 2025.", "2025-11-10"),
    ("It was signed on 10 November 2025.", "2025-11-10"),
    ("It was signed on 2025-11-10.", "2025-11-10"),
])
def test_full_dates(text, expected):
    assert one(text).stated() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("貿易休戰協議原定11月10日到期。", "2025-11-10"),      # no year: the nearest 10 November
    ("中国在10月9日发布最新管控计划。", "2025-10-09"),
    ("The rule was published Nov. 10.", "2025-11-10"),
    ("It was published on 10 November.", "2025-11-10"),
])
def test_a_month_day_takes_the_year_nearest_the_article(text, expected):
    assert one(text).stated() == [expected]


def test_a_month_day_in_january_read_in_december_is_next_year():
    assert one("The tariff takes effect on January 5.", datetime.date(2025, 12, 20)).stated() == ["2026-01-05"]


def test_a_future_cue_moves_a_date_long_past_to_the_next_year():
    assert one("The rule will take effect on January 1.", datetime.date(2025, 5, 1)).stated() == ["2026-01-01"]
    assert one("The rule took effect on January 1.", datetime.date(2025, 5, 1)).stated() == ["2025-01-01"]


@pytest.mark.parametrize("text, expected", [
    ("特朗普表示，將在明年四月訪華。", "2026-04"),
    ("特朗普表示，将在明年四月访华。", "2026-04"),
    ("他將於四月訪問中國。", "2026-04"),
    ("Trump will visit China next April.", "2026-04"),
    ("He said he would travel in April.", "2026-04"),
    ("The controls imposed last April remain.", "2025-04"),
    ("上次兩人會面是在2019年6月。", "2019-06"),
    ("美方在9月底將更多實體加入清單。", "2025-09"),      # end of September: still the month
    ("Sales fell in September 2024.", "2024-09"),
    ("The talks ended in late October.", "2025-10"),
])
def test_months_never_gain_a_day(text, expected):
    assert one(text).stated() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("今年秋季，中西部農民在沒有中國訂單的情況下收割。", "2025-23"),
    ("今年秋季，中西部农民在没有中国订单的情况下收割。", "2025-23"),
    ("Farmers harvested this fall without Chinese orders.", "2025-23"),
    ("The plant opens in the spring of 2026.", "2026-21"),
])
def test_seasons(text, expected):
    assert one(text).stated() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("週四中午，會晤結束。", "2025-10-30"),
    ("周四中午，会晤结束。", "2025-10-30"),
    ("The meeting ended on Thursday.", "2025-10-30"),
    ("上周四，这一关税提高到更高水平。", "2025-10-23"),
    ("The talks resume next Tuesday.", "2025-11-04"),
    ("官員將於週二再次會面。", "2025-11-04"),              # a future weekday: the next one
])
def test_weekdays(text, expected):
    assert one(text).stated() == [expected]


def test_a_weekday_restated_as_a_date_is_one_date():
    assert stated("中國商務部周二（11月11日）就此答記者問。", datetime.date(2025, 11, 11)) == {"2025-11-11"}


@pytest.mark.parametrize("text", ["雙方須於年底前完成談判。", "双方须于年底前完成谈判。", "Both sides must finish by the end of the year."])
def test_year_ends_are_deadlines_on_31_december(text):
    p = one(text)
    assert p.stated() == ["2025-12-31"]
    assert "on or before" in p.note


@pytest.mark.parametrize("text", [
    "中方決定自即日起至2026年11月10日暫停實施相關措施。",
    "中方决定自即日起至2026年11月10日暂停实施相关措施。",
    "The suspension is effective immediately through November 10, 2026.",
])
def test_immediately_is_the_article_date_and_zhi_or_through_is_an_inclusive_end(text):
    p = one(text, datetime.date(2025, 11, 7))
    assert (str(p.since), str(p.last_day), str(p.until)) == ("2025-11-07", "2026-11-10", "2026-11-11")
    item = json.loads(proposals_json([p]))[0]
    assert (item["since"], item["until"], item["end_inclusive"], item["until_exclusive"]) == (
        "2025-11-07", "2026-11-10", True, "2026-11-11")


def test_until_an_instant_is_an_exclusive_end():
    p = one("The United States will maintain the current rate until 12:01 a.m. EST on November 10, 2026.",
            datetime.date(2025, 11, 11))
    assert str(p.until) == "2026-11-10" and p.last_day is None
    assert "00:01" in p.note and p.certainty == "announced"
    item = json.loads(proposals_json([p]))[0]
    assert (item["until"], item["end_inclusive"], item["until_exclusive"]) == ("2026-11-10", False, "2026-11-10")


def test_through_a_day_is_an_inclusive_end():
    p = one("The suspension runs from November 10, 2025, through November 9, 2026.", datetime.date(2025, 11, 11))
    assert (str(p.since), str(p.last_day), str(p.until)) == ("2025-11-10", "2026-11-09", "2026-11-10")


def test_a_chinese_range_with_zhi():
    p = one("美方宣布2025年11月10日至2026年11月9日暫停實施該規則。", datetime.date(2025, 11, 11))
    assert (str(p.since), str(p.until)) == ("2025-11-10", "2026-11-10")


def test_daoqi_expires_on_the_day():
    p = one("貿易休戰協議原定11月10日到期。")
    assert str(p.until) == "2025-11-10" and p.since is None and p.is_window


@pytest.mark.parametrize("text, start", [
    ("自2025年11月10日13時01分起，暫停加徵24%關稅，為期一年。", "2025-11-10"),
    ("自2025年11月10日13时01分起，暂停加征24%关税，为期一年。", "2025-11-10"),
    ("The action will be suspended for a year beginning today.", "2025-10-31"),
    ("Beginning November 10, the fees are suspended for one year.", "2025-11-10"),
])
def test_a_start_and_a_length_make_a_window(text, start):
    p = one(text)
    assert str(p.since) == start and str(p.length) == "1 year" and p.since_assumed is None


@pytest.mark.parametrize("text, length", [
    ("對中國商品加征的24%「對等關稅」將繼續暫停一年。", "1 year"),
    ("对中国商品加征的24%关税将继续暂停90天。", "90 days"),
    ("The US will extend the pause for 90 days.", "90 days"),
    ("Washington agreed to a one-year suspension.", "1 year"),
    ("雙方同意延長三個月。", "3 months"),
])
def test_a_length_alone_is_a_window_whose_start_is_assumed(text, length):
    p = one(text)
    assert str(p.length) == length and p.since == tl_date(FRI) and p.since_assumed
    assert "not when it starts" in p.since_assumed


def tl_date(day):
    from timeline.dates import Day

    return Day(day.year, day.month, day.day)


def test_postponed_dates_move_the_dates_of_the_sentence_before():
    found = extract("最新的措施分階段實施，包括11月8日和12月1日兩個時間點。這兩個日期可能推遲一年實施。", FRI)
    assert {f for p in found for f in p.stated()} == {"2025-11-08", "2025-12-01", "2026-11-08", "2026-12-01"}
    assert {p.certainty for p in found if p.kind == "postponement"} == {"possible"}


@pytest.mark.parametrize("text, hour, minute, zone", [
    ("The rate applies on or after 12:01 a.m. eastern standard time on November 10, 2025.", 0, 1, "America/New_York"),
    ("關稅休戰原定於美東時間11月12日零時1分到期。", None, None, None),
    ("自2025年11月10日北京时间13时01分起实施。", 13, 1, "Asia/Shanghai"),
])
def test_times_with_zones(text, hour, minute, zone):
    p = one(text)
    if hour is None:
        assert str(p.until) == "2025-11-12" and "00:01" in p.note and "美东时间" in p.note
    else:
        assert "2025-11-10" in p.stated()
        assert f"{hour:02d}:{minute:02d}" in p.note


def test_a_timed_point_event_carries_time_and_zone():
    p = one("Talks were held at 9 p.m. EST on November 3, 2025.", datetime.date(2025, 11, 4))
    assert (p.date.iso(), p.time, p.timezone) == ("2025-11-03", (21, 0), "America/New_York")


def test_a_time_alone_takes_the_last_day_reported():
    found = extract("週四中午，會晤結束。原本會議預計於當地時間12:30結束。", FRI)
    timed = [p for p in found if "12:30" in p.why]
    assert [str(p.date) for p in timed] == ["2025-10-30"] and timed[0].certainty == "expected"


# --- certainty ---------------------------------------------------------------------

@pytest.mark.parametrize("text, certainty", [
    ("特朗普表示，將在明年四月訪華。", "announced"),
    ("特朗普计划明年四月访华。", "expected"),
    ("特朗普預計明年四月訪華。", "expected"),
    ("特朗普可能明年四月訪華。", "possible"),
    ("特朗普或將明年四月訪華。", "possible"),
    ("Trump will visit China next April.", "announced"),
    ("Trump plans to visit China next April.", "expected"),
    ("Trump is expected to visit China next April.", "expected"),
    ("Trump may visit China next April.", "possible"),
    ("Trump visited China in April 2025.", "confirmed"),
    ("中國在10月9日發佈最新稀土管控計畫。", "confirmed"),
])
def test_certainty_from_cues(text, certainty):
    assert one(text).certainty == certainty


# --- sentences -------------------------------------------------------------------------

def test_sentences_keep_closing_quotes_and_english_abbreviations():
    text = "新華社指出，「兩國元首同意保持經常性交往。特朗普期待明年早些時候訪華。」On Nov. 4 the U.S. President signed it. Next."
    parts = [s.text for s in split(text)]
    assert parts == ["新華社指出，「兩國元首同意保持經常性交往。特朗普期待明年早些時候訪華。」",
                     "On Nov. 4 the U.S. President signed it.", "Next."]
    assert all(text[s.start:s.end] == s.text for s in split(text))


def test_chinese_and_english_in_one_article():
    text = "周一美国总统特朗普签署行政令将暂停期延至11月10日。On Monday, Beijing also announced an extension of 90 days."
    assert stated(text, datetime.date(2025, 8, 14)) == {"2025-08-11", "2025-11-10", "for 90 days"}


def test_nothing_is_proposed_without_a_date():
    assert extract("特朗普表示，將與輝達執行長黃仁勳會談。The talks went well.", FRI) == []


# --- quotes are the input's own text -------------------------------------------------------

_PIECES = st.sampled_from([
    "週四中午，", "將在明年四月訪華。", "2025年11月10日", "至", "自即日起", "一年", "90天", "可能推遲一年實施。",
    "until 12:01 a.m. EST on November 10, 2026. ", "for one year ", "Nov. 10", "next April. ", "U.S. ", "「", "」",
    "。", "\n", " ", "on Thursday", "今年秋季", "年底前", "through November 9", "周二（11月11日）", "Mr. X said.",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=25).map("".join),
       st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2060, 12, 31)))
def test_every_quote_is_a_substring_of_the_input(text, published):
    if not text.strip():
        return
    for p in extract(text, published):
        assert p.quotes
        for q in p.quotes:
            assert text[q.start:q.end] == q.text and q.text in text


# --- bad input -------------------------------------------------------------------------------

def test_bad_input_is_one_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 on 10 November".encode("latin-1"))
    for path, words in ((empty, "empty"), (binary, "binary"), (latin, "not UTF-8"),
                        (tmp_path / "missing.txt", "no such file"), (tmp_path, "directory")):
        with pytest.raises(TimelineError) as info:
            read_article(path)
        assert words in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(TimelineError, match="unknown language 'fr'"):
        extract("On November 10, 2025.", FRI, lang="fr")
    for bad in ("2025-13-01", "tomorrow", "2025-02-30", "31/10/2025"):
        with pytest.raises(TimelineError, match="is not a date"):
            parse_published(bad)
    assert parse_published("2025-10-31") == FRI


def test_html_body_text_is_read_with_a_parser(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><head><title>T</title><script>var d='2020-01-01';</script></head>"
                    "<body><nav>Menu</nav><p>The pause lasts <b>until</b> November&nbsp;10, 2026.</p>"
                    "<p>特朗普表示，將在明年四月訪華。</p></body></html>", encoding="utf-8")
    text = read_article(page)
    assert "2020" not in text and "Menu" not in text
    assert stated(text, datetime.date(2025, 11, 11)) == {"2026-11-10", "2026-04"}


# --- output ---------------------------------------------------------------------------------

def test_yaml_proposals_pass_the_loader_and_the_quote_check(tmp_path):
    article = ("date 2025-10-31 Example\n週四中午，會晤結束。特朗普表示，將在明年四月訪華。\n"
               "對中國商品加征的24%「對等關稅」將繼續暫停一年。貿易休戰協議原定11月10日到期。\n"
               "The rate: 10% until 12:01 a.m. EST on November 10, 2026. Talks were held at 9 p.m. EST on October 28, 2025.\n"
               "今年秋季，農民收割。雙方須於年底前完成談判。中方決定自即日起至2026年11月10日暫停實施。\n")
    (tmp_path / "seed.txt").write_text(article, encoding="utf-8")
    found = extract(article, FRI, source_id="art")
    assert len(found) >= 9
    data = tmp_path / "events.yaml"
    data.write_text("sources:\n  - id: art\n    file: seed.txt\n    published: 2025-10-31\nevents:\n"
                    + proposals_yaml(found, "art"), encoding="utf-8")
    timeline, errors = tl.check(data)
    assert errors == [] and timeline is not None
    assert len(timeline.entries) == len(found)
    resolved = {e.id: e for e in timeline.entries}
    for p in found:
        entry = resolved[p.id]
        if p.date is not None:
            assert str(entry.date.value) == str(p.date)
        if p.until is not None:
            assert str(entry.end.value) == str(p.until)
        if p.since_assumed:
            assert entry.assumed


def test_json_fields():
    p = json.loads(proposals_json(extract("特朗普表示，將在明年四月訪華。", FRI)))[0]
    assert {k: p[k] for k in ("date", "precision", "certainty", "why")} == {
        "date": "2026-04", "precision": "month", "certainty": "announced", "why": "明年四月"}
    assert "特朗普表示，將在明年四月訪華。"[p["start"]:p["end"]] == p["quote"]
    w = json.loads(proposals_json(extract("The pause lasts for 90 days.", FRI)))[0]
    assert (w["since"], w["since_assumed"], w["for"]) == ("2025-10-31", True, "90 days")


def test_why_is_the_text_matched():
    p = one("The White House has announced a one-year suspension of the rule.")
    assert p.why == "one-year" and "a one-year suspension" in p.quote.text


def test_a_past_verb_right_before_a_date_keeps_it_in_the_past():
    aug = datetime.date(2025, 8, 12)
    assert one("The tariffs took effect on Feb. 4.", aug).stated() == ["2025-02-04"]
    assert one("The tariffs will take effect on Feb. 4.", aug).stated() == ["2026-02-04"]
    # a past verb further away governs another verb, not the date
    p = one("Trump signed an executive order to keep the pause in place until 10 November.", aug)
    assert str(p.until) == "2025-11-10"


def test_since_keeps_a_date_in_the_past():
    assert one("自1月重返总统职位以来，特朗普征收了10%的关税。", datetime.date(2025, 8, 12)).stated() == ["2025-01"]
    assert one("The index has lost 12% since January.", datetime.date(2025, 8, 12)).stated() == ["2025-01"]


def test_hard_wrapped_lines_are_one_sentence():
    text = ("DATES: This rule is effective September 17, 2025. Comments on this \n"
            "interim final rule must be received by the International Trade \n"
            "Administration no later than November 3, 2025.\n")
    found = extract(text, datetime.date(2025, 9, 17))
    assert {f for p in found for f in p.stated()} == {"2025-09-17", "2025-11-03"}
    deadline = next(p for p in found if p.kind == "deadline")
    assert deadline.quote.text.startswith("Comments on this \ninterim") and deadline.quote.text.endswith("2025.")


def test_an_end_known_to_the_month_runs_through_that_month():
    p = one("The measure expires at the end of June.", datetime.date(2025, 4, 10))
    assert (str(p.last_day), str(p.until)) == ("2025-06", "2025-07")


def test_extended_to_a_date_is_an_end_even_after_a_past_verb():
    p = one("The deadline was extended by 75 days to June 19.", datetime.date(2025, 4, 10))
    assert (str(p.last_day), str(p.length)) == ("2025-06-19", "75 days")


def test_a_future_cue_earlier_in_the_sentence_serves_a_later_clause():
    found = extract("The EU will vote on countermeasures, with the rest on May 15 and December 1.", datetime.date(2025, 4, 10))
    assert {f for p in found for f in p.stated()} == {"2025-05-15", "2025-12-01"}


def test_a_time_restated_in_another_zone_still_joins_its_day():
    p = one("Beijing's 84% tariffs kicked in at 12:01 p.m. Beijing time (04:01 GMT) on Thursday.", datetime.date(2025, 4, 10))
    assert (str(p.date), p.time, p.timezone) == ("2025-04-10", (12, 1), "Asia/Shanghai")


def test_years_in_chinese_numerals():
    assert one("二〇二五年十一月五日，国务院关税税则委员会发布公告。", datetime.date(2026, 6, 1)).stated() == ["2025-11-05"]


def _data_dir(tmp_path, events="events:\n  - id: old\n    title: Old\n    kind: meeting\n    certainty: confirmed\n    date: 2025-10-30\n    sources:\n      - source: art\n        quote: 週四中午，會晤結束。\n"):
    article = "週四中午，會晤結束。特朗普表示，將在明年四月訪華。對等關稅將繼續暫停一年。\n"
    (tmp_path / "seed.txt").write_text(article, encoding="utf-8")
    data = tmp_path / "events.yaml"
    data.write_text("# my notes, kept\nsources:\n  - id: art  # the article\n    file: seed.txt\n    published: 2025-10-31\n"
                    + events, encoding="utf-8")
    return article, data


def test_write_into_appends_checked_proposals_and_keeps_comments(tmp_path):
    from timeline.extract.into import write_into

    article, data = _data_dir(tmp_path)
    written = write_into(data, extract(article, FRI, source_id="art"), "art")
    text = data.read_text(encoding="utf-8")
    assert "# my notes, kept" in text and "# the article" in text
    timeline = tl.load(data)
    assert {e.id for e in timeline.entries} == {"old"} | {p.id for p in written}
    assert len(written) == 3


def test_write_into_refuses_an_unknown_source_and_leaves_the_file(tmp_path):
    from timeline.extract.into import write_into

    article, data = _data_dir(tmp_path)
    before = data.read_bytes()
    with pytest.raises(TimelineError, match="source 'other' is not in the data file"):
        write_into(data, extract(article, FRI, source_id="other"), "other")
    assert data.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_into_a_file_with_no_events_yet(tmp_path):
    from timeline.extract.into import write_into

    article, data = _data_dir(tmp_path, events="events: []\n")
    written = write_into(data, extract(article, FRI, source_id="art"), "art")
    assert len(tl.load(data).entries) == len(written) == 3


@pytest.mark.parametrize("text", [
    "sources: []\nevents:\n- id: a\n  title: A\n",                         # items at column 0
    "sources: []\nevents:\n  - id: a\n    title: A\n\n# tail\ndefaults:\n  warn: [7d]\n",  # a key after events
    "sources: []\nevents:  # the list\n  - id: a\n    title: A",               # no final line end
])
def test_appending_proposals_keeps_the_list_shape(text):
    """--into appends through the editing library, whatever the list's shape."""
    import yaml

    from timeline.edit import append_events

    items = "  - id: b\n    title: B\n    sources:\n      - source: s\n        quote: q\n"
    out = yaml.safe_load(append_events(text, items))
    assert [e["id"] for e in out["events"]] == ["a", "b"]
    assert out["events"][1]["sources"] == [{"source": "s", "quote": "q"}]
    assert yaml.safe_load(text).get("defaults") == out.get("defaults")


@pytest.mark.parametrize("text, expected", [
    ("美方承诺于本月底前完成审查。", "2025-11-30"),
    ("美方承諾於本月底前完成審查。", "2025-11-30"),
    ("The review must be finished by the end of November.", "2025-11-30"),
])
def test_the_end_of_a_month_as_a_deadline_is_its_last_day(text, expected):
    p = one(text, datetime.date(2025, 11, 5))
    assert p.stated() == [expected] and "on or before" in p.note


def test_second_half_of_the_year_is_a_half_not_a_length():
    assert [p.stated() for p in extract("该措施将于今年下半年实施。", datetime.date(2025, 11, 5))] == [["2025-41"]]
