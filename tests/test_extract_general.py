"""Expression kinds added after the held-out set (tests/extract/heldout/) showed
them missing: ranges of days, numerals with 廿/卅, full-width digits across
hard-wrapped lines, 月底 alone, "later this year", look-back spans, lengths
"for one year after …", dates that name a rule, and aims as future cues."""

from __future__ import annotations

import datetime

import pytest

from timeline.extract import extract


def stated(text: str, published: datetime.date) -> set[str]:
    return {f for p in extract(text, published) for f in p.stated()}


AUG12 = datetime.date(2025, 8, 12)


@pytest.mark.parametrize("text", [
    "雙方2025年6月9至10日在倫敦會談。",
    "双方2025年6月9日至10日在伦敦会谈。",
    "双方２０２５年６月９至１０日在伦敦会谈。",
    "The two sides met in London on June 9-10, 2025.",
    "The two sides met in London on June 9 to 10.",
])
def test_a_range_of_days_in_one_month_gives_both_days(text):
    found = stated(text, AUG12)
    assert {"2025-06-09", "2025-06-10"} <= found
    assert not any(f.startswith("2025-08") for f in found), found  # the second day is June's, not the nearest 10th


def test_a_range_that_is_not_of_days_is_left_alone():
    assert stated("Prices rose on June 9 to 10 percent.", AUG12) == {"2025-06-09"}


@pytest.mark.parametrize("text, expected", [
    ("川普七月卅一日簽行政命令。", "2025-07-31"),
    ("川普七月廿一日签行政命令。", "2025-07-21"),
])
def test_chinese_numerals_with_nian_and_sa(text, expected):
    assert expected in stated(text, datetime.date(2025, 8, 1))


def test_full_width_digits_across_a_hard_wrapped_line():
    text = "特朗普當地時間８月１１日簽\n署行政令，再延長９０天。"
    found = stated(text, AUG12)
    assert "2025-08-11" in found


@pytest.mark.parametrize("text", ["「川習會」預計月底在韓國登場。", "会谈预计本月底举行。"])
def test_yuedi_alone_is_the_end_of_this_month(text):
    assert stated(text, datetime.date(2025, 10, 9)) == {"2025-10"}


@pytest.mark.parametrize("text", [
    "The two leaders may meet later this year.",
    "两国领导人可能在今年晚些时候举行峰会。",
])
def test_later_this_year_is_the_article_year(text):
    assert stated(text, AUG12) == {"2025"}


@pytest.mark.parametrize("text", [
    "美國對香港的貿易順差過去10年達2715億美元。",
    "美国近5年对华出口增长一倍。",
    "Exports doubled over the past 10 years.",
])
def test_a_span_looked_back_on_is_not_a_length(text):
    assert stated(text, AUG12) == set()


def test_for_a_length_after_an_event_is_a_length():
    assert "for 1 year" in stated("The exclusions will extend for one year after the publication of this notice.", AUG12)


def test_a_number_of_days_after_an_event_is_not_a_length():
    assert stated("Duties rise 30 days after the vote.", AUG12) == set()


def test_a_month_day_naming_a_rule_is_not_an_event():
    found = stated('It is also referred to as the "October 7 IFR." BIS issued it on October 7, 2022.', AUG12)
    assert found == {"2022-10-07"}


@pytest.mark.parametrize("text", [
    "特朗普正積極尋求在11月中期選舉前取得成果。",
    "Trump seeks to strike a deal by November.",
])
def test_an_aim_is_a_future_cue(text):
    assert stated(text, datetime.date(2026, 2, 12)) == {"2026-11"}


def test_a_rule_that_was_effective_immediately_does_not_start_on_the_article_date():
    nov11 = datetime.date(2025, 11, 11)
    assert stated("The Affiliates Rule was effective immediately, with a temporary general license.", nov11) == set()
    assert stated("The rule is effective immediately.", nov11) == {"2025-11-11"}


@pytest.mark.parametrize("text", [
    "美國貿易代表辦公室發布了一份《總統2025年貿易政策議程》。",
    "美国贸易代表办公室发布了一份《总统2025年贸易政策议程》。",
])
def test_a_year_inside_a_title_names_the_document(text):
    assert stated(text, datetime.date(2025, 3, 4)) == set()


@pytest.mark.parametrize("text", ["同一天，中國發布公告。", "当天，中国发布公告。", "最终实施仍需约两个月方可启动。",
                                  "最終實施要兩個月才能啟動。"])
def test_the_same_day_and_a_delay_are_not_lengths(text):
    assert stated(text, datetime.date(2025, 3, 4)) == set()


def test_hard_wrapped_chinese_wire_copy_keeps_its_sentences_whole():
    text = ("　　《經濟通通訊社駐京記者１２日北京專電》在美國總統特朗普當地時間８月１１日簽\n"
            "署行政令，將對中國的關稅暫停措施再延長９０天後，中國商務部今早公布聯合聲明。\n"
            "　\n"
            "　　根據聯合聲明，中國和美國同意於２０２５年８月１２日前採取以下舉措：\n")
    found = extract(text, AUG12)
    quotes = {p.quote.text for p in found}
    assert any(q.endswith("今早公布聯合聲明。") and "８月１１日簽\n署" in q for q in quotes), quotes
    assert all(text[p.quote.start:p.quote.end] == p.quote.text for p in found)
    assert "根據聯合聲明，中國和美國同意於２０２５年８月１２日前採取以下舉措：" in quotes


def test_a_dateline_with_the_place_after_the_day_is_the_page_date():
    text = "《經濟通通訊社駐京記者１２日北京專電》中國商務部今早公布聯合聲明，自２０２５年８月１２日起暫停９０天。"
    found = extract(text, AUG12)
    assert not any(p.why.startswith("１２日") for p in found), [p.why for p in found]
    assert "2025-08-12" in stated(text, AUG12)  # from the date the sentence states


@pytest.mark.parametrize("text", [
    "The tariffs will take effect immediately after he unveils them on Wednesday.",
    "關稅將在總統週三公布後立即生效。",
    "关税将在总统周三公布后立即生效。",
])
def test_immediately_after_another_event_is_that_event_not_the_article_date(text):
    assert stated(text, datetime.date(2025, 4, 1)) == {"2025-04-02"}


def test_a_date_alone_on_its_line_and_the_headline_of_a_saved_page_are_not_events(tmp_path):
    from timeline.extract import read_article

    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><h1>美國暫停港口費一年</h1><div><time datetime="2025-11-10">2025-11-10</time></div>'
        "<p>費用原於10月14日生效。<br>The fees took effect on Oct.&nbsp;14.</p>"
        "<div>November 9, 2025</div></body></html>", encoding="utf-8")
    text = read_article(page)
    found = extract(text, datetime.date(2025, 11, 10))
    assert {f for p in found for f in p.stated()} == {"2025-10-14"}  # the <h1>'s 一年 is the headline's
    assert all(text[p.quote.start:p.quote.end] == p.quote.text for p in found)


@pytest.mark.parametrize("text", [
    "美方承諾取消相關關稅，其中24%的關稅暫停加徵90天。",
    "美方承诺取消相关关税，其中24%的关税暂停加征90天。",
    "The United States pledged to suspend the 24% tariff for 90 days.",
])
def test_a_promise_is_announced_not_confirmed(text):
    (found,) = extract(text, datetime.date(2025, 5, 12))
    assert found.stated() == ["for 90 days"] and found.certainty == "announced"


@pytest.mark.parametrize("text, published", [
    ("美方承諾將把多徵收的關稅追溯至八月七日退還給企業。", datetime.date(2025, 8, 9)),
    ("美方承诺将把多征收的关税追溯至8月7日退还给企业。", datetime.date(2025, 8, 9)),
    ("The refunds will be retroactive to August 7, 2025.", datetime.date(2025, 8, 9)),
])
def test_retroactive_to_a_day_starts_there_it_does_not_end_there(text, published):
    (found,) = extract(text, published)
    assert found.since is not None and str(found.since) == "2025-08-07" or str(found.date) == "2025-08-07"
    assert found.until is None and found.last_day is None


@pytest.mark.parametrize("text", ["美國與中國11日結束貿易談判，同意在接下來90天內下調關稅。",
                                  "美国与中国11日结束贸易谈判，同意在接下来90天内下调关税。"])
def test_jieshu_with_an_object_is_an_event_on_the_day_not_an_end(text):
    found = extract(text, datetime.date(2025, 5, 12))
    ended = [p for p in found if "2025-05-11" in p.stated()]
    assert ended and all(p.date is not None for p in ended)
    assert any(p.stated() == ["for 90 days"] and p.certainty == "announced" for p in found)


@pytest.mark.parametrize("text, certainty", [
    ("Trump and Xi are expected to meet at the end of the month.", "expected"),
    ("Talks are set for later this month.", "expected"),
])
def test_the_end_of_the_month_is_this_month(text, certainty):
    (found,) = extract(text, datetime.date(2025, 10, 9))
    assert found.stated() == ["2025-10"] and found.certainty == certainty
