"""Headlines, bylines, stamps, captions and datelines are the page's, not events:
`extract` finds them by structure (position above the story, no sentence
terminator, a short line, a stamp's shape) and proposes nothing from them,
while the story's sentences are read as before."""

from __future__ import annotations

import datetime

import pytest

from timeline.extract import extract
from timeline.extract.furniture import furniture

NOV10 = datetime.date(2025, 11, 10)


def stated(text: str, published: datetime.date = NOV10) -> set[str]:
    return {f for p in extract(text, published) for f in p.stated()}


def quotes(text: str, published: datetime.date = NOV10) -> list[str]:
    return [q.text for p in extract(text, published) for q in p.quotes]


def test_a_wire_story_gives_only_its_body_dates():
    text = ("US suspends port fees on Chinese ships for one year\n"
            "By Jane Doe\n"
            "November 10, 2025 3:42 PM GMT Updated 2 hours ago\n"
            "WASHINGTON, Nov 10 (Reuters) - The fees, imposed under Section 301, took effect on Oct. 14.\n"
            "(Reporting by Jane Doe; Editing by John Smith)\n")
    assert stated(text) == {"2025-10-14"}
    assert quotes(text) == ["WASHINGTON, Nov 10 (Reuters) - The fees, imposed under Section 301, took effect on Oct. 14."]


def test_a_chinese_page_with_headline_stamp_and_caption():
    text = ("美國延長部分中國商品301關稅豁免至明年十一月\n"
            "2025年11月28日 星期五 10:32\n"
            "美國貿易代表辦公室宣布，關稅豁免將延長至二〇二六年十一月十日。\n"
            "圖為2024年5月，江西一處稀土礦場。（路透社資料圖片）\n")
    assert stated(text, datetime.date(2025, 11, 28)) == {"2026-11-10"}


@pytest.mark.parametrize("stamp", [
    "2025/11/05 21:14",
    "更新時間：2025年11月05日 08:15",
    "发布时间：2025年11月05日 19:32",
    "2025-11-05 16:20 来源：商务部网站",
    "Updated 1:14 AM GMT+8, November 5, 2025",
    "December 3, 2025 at 6:00 AM GMT+8",
    "Mon 10 Nov 2025 10.32 GMT",  # a clock with a dot and a zone
    "By Reuters Staff | November 10, 2025 | 10:32 AM",  # a byline with the page's date
    "週一 2025/11/10",  # a weekday and a date alone on a line
    "2025年11月05日 星期三",
])
def test_a_stamp_line_anywhere_is_not_an_event(stamp):
    body = "商务部表示，相关措施自2025年11月10日起实施。"
    assert stated(f"{body}\n{stamp}\n{body}\n", datetime.date(2025, 11, 5)) == {"2025-11-10"}


@pytest.mark.parametrize("caption", [
    "圖為2024年5月，江西一處稀土礦場。（路透社資料圖片）",
    "图为2024年5月8日，江西赣州的一处稀土矿。",
    "A gallium plant in Guangxi, China, on Aug. 4, 2023. Photographer: Qilai Shen/Bloomberg",
    "FILE PHOTO: Containers at the port of Long Beach, California, on May 12, 2025. REUTERS/Mike Blake",
    "〔圖說〕二〇二三年十月，美國商務部發布先進晶片出口管制規則。",
    "（圖／資料照）2023年10月，台北一處半導體展場。",
])
def test_a_photo_caption_is_not_an_event(caption):
    body = "The rule takes effect on November 10, 2025."
    assert stated(f"{body}\n{caption}\n{body}\n") == {"2025-11-10"}


@pytest.mark.parametrize("footnote", [
    "*Figures in U.S. dollars; data as of Oct. 31, 2025.",
    "† Data as of October 31, 2025.",
    "Source: U.S. Census Bureau, data released Oct. 31, 2025.",
    "資料來源：財政部，2025年10月31日",
    "註：數據截至2025年10月31日。",
])
def test_a_footnote_is_not_an_event(footnote):
    body = "The rule takes effect on November 10, 2025."
    assert stated(f"{body}\n{footnote}\n") == {"2025-11-10"}


def test_a_bulleted_line_is_content_not_a_footnote():
    assert stated("Key dates:\n* Tariffs suspended until November 10, 2026\n") == {"2026-11-10"}


@pytest.mark.parametrize("link", ["【延伸閱讀】2024/12/3 美國擴大晶片禁令", "延伸阅读：2024年12月3日美国扩大芯片禁令",
                                  "Related: US widens chip curbs on Dec. 3, 2024"])
def test_a_link_to_another_story_is_not_an_event(link):
    body = "The rule takes effect on November 10, 2025."
    assert stated(f"{body}\n{link}\n") == {"2025-11-10"}


@pytest.mark.parametrize("line, kept", [
    ("WASHINGTON, Nov 10 (Reuters) - Officials met on Nov. 4.", {"2025-11-04"}),
    ("BEIJING, Nov. 10 (Xinhua) -- China will suspend the measure from Dec. 1.", {"2025-12-01"}),
    ("（中央社記者林家明台北10日電）經濟部表示，新制將自12月1日起施行。", {"2025-12-01"}),
    ("Taipei, Nov. 10 (CNA) Taiwan will require permits starting Dec. 1.", {"2025-12-01"}),
])
def test_a_dateline_at_the_head_of_a_line_is_dropped_and_the_story_read(line, kept):
    assert stated(line) == kept


def test_the_lines_above_the_story_are_furniture_and_stay_out_of_its_sentences():
    text = ("【稀土管制】商務部擴大出口管制 12月1日起實施\n"
            "更新時間：2025年10月10日 08:15\n"
            "商務部昨日（9日）發布公告，對稀土相關技術實施出口管制，自公布之日起施行。\n")
    spans = furniture(text)
    assert [text[a:b] for a, b in spans] == ["【稀土管制】商務部擴大出口管制 12月1日起實施", "更新時間：2025年10月10日 08:15"]
    found = extract(text, datetime.date(2025, 10, 10))
    assert {f for p in found for f in p.stated()} == {"2025-10-09"}  # the notice's day, not the page's
    assert all(q.text.startswith("商務部") for p in found for q in p.quotes)


@pytest.mark.parametrize("text, expected", [
    # one short line straight above a sentence may be the first piece of a hard-wrapped sentence
    ("特朗普當地時間８月１１日簽\n署行政令，再延長９０天。", "2025-08-11"),
    # a first line that ends as a sentence is the story
    ("The rule takes effect on August 11, 2025.\nIt was published on August 8.", "2025-08-11"),
    # a line that introduces a list is the story
    ("双方承诺将于2025年8月11日前采取以下举措:\n(一)取消加征关税。", "2025-08-11"),
])
def test_story_lines_at_the_top_are_read(text, expected):
    assert expected in stated(text, datetime.date(2025, 8, 12))


def test_a_text_without_a_story_keeps_its_headline_but_not_its_stamp():
    found = extract("Tariff truce extended through November 10\nNovember 9, 2025 10:00 AM\n", NOV10)
    assert [p.stated() for p in found] == [["2025-11-10"]]
    assert found[0].quote.text == "Tariff truce extended through November 10"


def test_a_spaced_chinese_headline_right_above_the_story_is_furniture():
    text = "美中關稅休戰延長 陸方暫停加徵關稅為期一年\n國務院關稅稅則委員會今天公告，自11月10日起暫停加徵關稅。"
    assert stated(text, datetime.date(2025, 11, 5)) == {"2025-11-05", "2025-11-10"}  # not the headline's 一年


def test_a_list_at_the_top_is_content_not_furniture():
    text = ("- Tariffs suspended until November 10, 2026\n"
            "- Visit to Beijing in April 2026\n"
            "The White House set out the terms on Saturday.\n")
    assert {"2026-11-10", "2026-04"} <= stated(text, datetime.date(2025, 11, 1))


@pytest.mark.parametrize("line", ["12:01 a.m. EST November 10, 2025: tariffs cut to 10%", "11月10日 13:01起 暫停加徵關稅"])
def test_a_short_line_with_a_clock_that_names_an_event_is_no_stamp(line):
    assert "2025-11-10" in stated(f"The deal was announced on November 1.\n{line}\n", NOV10)


def test_a_poll_credited_to_reuters_in_a_sentence_is_no_caption():
    assert stated("An Ipsos/Reuters poll taken on November 3 showed support.", NOV10) == {"2025-11-03"}


def test_a_title_case_headline_with_small_words_and_numbers():
    text = ("Section 301 Exclusions to Continue Through September 2023\n"
            "The Office of the U.S. Trade Representative is extending tariff exclusions that had been scheduled "
            "to expire on Dec. 31. Those exclusions will now last until Sept. 30 next year.\n")
    assert stated(text, datetime.date(2022, 12, 16)) == {"2022-12-31", "2023-09-30"}


def test_a_stamp_with_seconds_in_brackets():
    text = ("The Ministry of Commerce has ruled on the final review of its anti-dumping measures on imports of "
            "trichloroethylene from Russia and Japan.\n"
            "[2011-08-04 09:59:13]\n"
            "The measures will be extended for five years from July 22, 2011.\n")
    assert stated(text, datetime.date(2011, 8, 4)) == {"2011-07-22", "for 5 years"}
