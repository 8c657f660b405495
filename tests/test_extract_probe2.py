"""Expressions added after the blind batch tests/extract/probe2/ showed them
missing: quarters and halves of a year, ROC years, 月中/月初 alone, "from 8 to
12 November", 昨（11）日, "December last year", the second weekday of a range
in the first one's week; and after tests/extract/probe4/: "the following day" and
次日, the Lunar New Year, "the end of Q3", time limits "within N days", statistics
measured against a year earlier, lengths given with both ends, a month-day read near
the date written with its year, the present of a schedule, fixed holidays; and after
tests/extract/probe5/: the Mid-Autumn Festival, National Day and Thanksgiving, 昨
alone, statistics told by a comparison elsewhere in the sentence or by a month's trade
figures, data snapshots, a start whose verb is in the next clause, "in the fall", a
length that names a review or a record; and after tests/extract/probe6/: statistics told by
a record since a date or a percentage change, a statistic's month named again, a trade
investigation's period, "must" and "to discuss on Thursday" looking ahead, "by a year",
a dispatch's dateline for 今天, a year's total."""

from __future__ import annotations

import datetime

import pytest
import yaml

from timeline.extract import extract, proposals_json, proposals_yaml

NOV12 = datetime.date(2025, 11, 12)


def stated(text: str, published: datetime.date = NOV12) -> set[str]:
    return {f for p in extract(text, published) for f in p.stated()}


@pytest.mark.parametrize("text, expected", [
    ("最快明年第一季送立法院審議。", "2026-33"),
    ("最快明年首季送立法院审议。", "2026-33"),
    ("管制措施明年一季度起全面执行。", "2026-33"),
    ("美方預計在明年上半年公布調查結果。", "2026-40"),
    ("双方将在2026年下半年举行会谈。", "2026-41"),
    ("民國115年第二季起施行。", "2026-34"),
    ("新制明年Q1上路。", "2026-33"),
    ("USTR expects to publish a final notice in the first quarter of 2026.", "2026-33"),
    ("BIS plans to publish a final rule in Q1 2026.", "2026-33"),
    ("The review is due in 2026-Q3.", "2026-35"),
    ("The agency will review the rule's effect in the second half of 2026.", "2026-41"),
    ("Tariffs will not rise during the first half of next year.", "2026-40"),
    ("Rates will be reviewed by H2.", "2025-41"),  # in November: the half under way
])
def test_quarters_and_halves(text, expected):
    assert stated(text) == {expected}


@pytest.mark.parametrize("text, expected", [
    ("Tariffs on chips are expected in the first quarter.", "2026-33"),  # in November: the coming one
    ("第三季出口已創新高。", "2025-35"),  # reported: this year's
])
def test_a_quarter_without_a_year_is_the_nearest_one(text, expected):
    assert stated(text) == {expected}


@pytest.mark.parametrize("text", [
    "今年前三季度我国稀土出口量同比增长。",  # a statistic over three quarters, not a quarter
    "the first half of the meeting was closed.",
    "first-half results were strong.",
    "Q1: what will change?",
    "The first quarter of fiscal 2026 ended.",  # a fiscal quarter is not the calendar's
])
def test_what_is_not_a_quarter(text):
    assert stated(text) == set()


def test_a_quarter_is_written_as_edtf_and_reads_back():
    found = extract("BIS plans to publish a final rule in Q1 2026.", NOV12)
    assert "date: 2026-33" in proposals_yaml(found, "s")
    item = yaml.safe_load(proposals_json(found))[0]
    assert item["date"] == "2026-33" and item["precision"] == "quarter"


@pytest.mark.parametrize("text, expected", [
    ("民國115年1月1日起施行。", {"2026-01-01"}),
    ("美國宣布自114年4月9日起加徵關稅。", {"2025-04-09"}),
    ("民國115年起施行。", {"2026"}),
    ("過去114年來，無人知曉。", set()),
])
def test_roc_years(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("中方欢迎美方在月中派团来华。", datetime.date(2025, 11, 7), {"2025-11"}),
    ("本月中旬將再談。", datetime.date(2025, 11, 7), {"2025-11"}),
    ("A delegation will attend a fair in Singapore from 8 to 12 November.", datetime.date(2025, 10, 31),
     {"2025-11-08", "2025-11-12"}),
    ("經濟部長昨（11）日表示，談判進入最後階段。", NOV12, {"2025-11-11"}),
    ("The ban was imposed in December last year.", datetime.date(2025, 12, 3), {"2024-12"}),
    ("何立峰将于下周二至周四赴华盛顿。", datetime.date(2026, 3, 16), {"2026-03-24", "2026-03-26"}),
])
def test_relative_forms_read_after_probe2(text, published, expected):
    assert stated(text, published) == expected


# --- after the blind batch tests/extract/probe3/ -------------------------------------------------


@pytest.mark.parametrize("text, published, expected", [
    ("Beijing will keep a 10 percent levy in place for another year, it said.", NOV12, {"for 1 year"}),
    ("Washington has set a deadline of the end of the first quarter for a deal.", NOV12, {"2026-03-31"}),
    ("双方力争在明年一季度末前完成磋商。", NOV12, {"2026-03-31"}),
    ("自11月1日至2026年4月30日实行简化审批。", datetime.date(2025, 10, 20), {"2025-11-01", "2026-04-30"}),
    ("The duties apply to February and March 2025 imports.", NOV12, {"2025-02", "2025-03"}),
    ("审批时限缩短至30个工作日。", datetime.date(2025, 10, 20), set()),  # working days: no calendar length
])
def test_forms_read_after_probe3(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text", ["台美關稅談判力拚年底前完成。", "最快明年第一季送立法院審議。", "双方力争在12月15日前完成文本磋商。"])
def test_striving_and_at_the_earliest_are_expected(text):
    assert {p.certainty for p in extract(text, NOV12)} == {"expected"}


# --- after the blind batch tests/extract/probe4/ -------------------------------------------------


@pytest.mark.parametrize("text, published, expected", [
    ("The talks open on Monday, Nov. 10, and a working group will meet the following day.",
     datetime.date(2025, 11, 7), {"2025-11-10", "2025-11-11"}),
    ("中方代表团将于1月20日抵达，次日与欧方举行首轮会谈。", datetime.date(2026, 1, 4), {"2026-01-20", "2026-01-21"}),
    ("The rule was published on March 3. It took effect the next day.", datetime.date(2025, 3, 10),
     {"2025-03-03", "2025-03-04"}),  # the day written in the sentence before
    ("The working group will meet the following day.", NOV12, set()),  # no day to follow
])
def test_the_following_day_is_the_day_after_the_day_written_before(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("The talks open on Monday, Nov. 17.", NOV12, {"2025-11-17"}),  # not also the Monday before the article
    ("The rule is effective Friday, November 7, 2025.", NOV12, {"2025-11-07"}),
    ("中美双方将于周一11月17日在日内瓦会谈。", NOV12, {"2025-11-17"}),
])
def test_a_weekday_with_its_date_is_one_day(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("新制預計春節後上路。", datetime.date(2025, 12, 22), {"2026-02"}),  # 17 February 2026
    ("業界預期，雙方可能在春節前後再度會談。", datetime.date(2025, 11, 3), {"2026-02"}),
    ("贝森特预计在农历新年后访问北京。", datetime.date(2025, 1, 10), {"2025-01"}),  # 29 January 2025
    ("Bessent is expected to visit Beijing after the Lunar New Year.", datetime.date(2026, 1, 20), {"2026-02"}),
    ("新規定將於2027年春節後實施。", NOV12, {"2027-02"}),  # 6 February 2027
    ("双方力争在春节前完成审查。", datetime.date(2025, 12, 22), {"2026-02-16"}),  # before it: by its eve
    ("Exporters rushed shipments before the Lunar New Year.", datetime.date(2025, 2, 20), {"2025-01-28"}),
    ("新年快乐，年度报告已发布。", NOV12, set()),  # 新年 alone is not the lunar festival
])
def test_the_lunar_new_year_is_the_month_it_falls_in(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Officials aim to conclude talks by the end of Q3.", datetime.date(2025, 12, 15), {"2026-09-30"}),
    ("BIS will publish the rule by the end of Q1 2026.", NOV12, {"2026-03-31"}),
])
def test_the_end_of_a_quarter_code(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("The department would report to Congress within 60 days.", set()),
    ("Member states must notify their arrangements within 30 days of the regulation's entry into force.", set()),
    ("USTR gave the public all of one day to submit comments on the proposal.", set()),
    ("業者可在兩週內提出意見。", set()),
    ("但白宮表示，這些措施將在一周內生效。", set()),
    ("上述限制措施将在未来两年内暂停执行。", set()),  # a horizon ahead, as 过去10年 is one behind
    ("在 90 天內繼續暫停實施 24% 對美加徵關稅稅率。", {"for 90 days"}),  # lasts through the 90 days
    ("根據規則，相關交易在60天內可能獲准進行。", {"for 60 days"}),
    ("The tariffs were suspended for 90 days to allow talks.", {"for 90 days"}),
    ("Firms were given 60 days to respond.", set()),
    ("The deadline was extended by 30 days to allow more comments.", {"for 30 days"}),  # an extension's length
])
def test_a_time_limit_to_act_within_is_not_a_length(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("China's exports to the United States fell 27% in September from a year earlier.", set()),
    ("今年10月我国稀土出口同比增长5%。", set()),
    ("Exports rose 3% year-on-year in the third quarter.", set()),
    ("Data released on Oct. 13 showed exports fell 27% from a year earlier.", {"2025-10-13"}),  # a day is an event
])
def test_the_period_of_a_year_on_year_change_is_a_statistic(text, expected):
    assert stated(text, datetime.date(2025, 11, 7)) == expected


def test_jiri_is_the_day_of_a_notice_whose_subject_comes_between():
    text = "11月7日,商务部与海关总署已联合发布公告,自即日起至2026年11月10日,暂停实施相关出口管制措施。"
    assert stated(text, datetime.date(2025, 11, 10)) == {"2025-11-07", "2026-11-10"}


def test_a_length_given_with_both_ends_is_stated_too():
    text = "美方將自２０２６年１月１日起實施新的許可要求，為期６個月的過渡期至115年6月30日止。"
    found = extract(text, datetime.date(2025, 12, 22))
    assert {f for p in found for f in p.stated()} == {"2026-01-01", "2026-06-30", "for 6 months"}
    window = next(p for p in found if p.since is not None)
    assert window.length is None and str(window.until) == "2026-07-01"  # the data file's two of three


@pytest.mark.parametrize("text, expected", [
    ("The September 2025 window opened on September 15 and will close on September 29.",
     {"2025-09-15", "2025-09-29"}),  # the month names the window whose days are given
    ("Talks were held in September 2025 and resumed on September 29.", {"2025-09", "2025-09-29"}),
])
def test_a_month_that_names_a_thing_whose_days_are_given(text, expected):
    assert stated(text, datetime.date(2025, 9, 17)) == expected


@pytest.mark.parametrize("text, expected", [
    ("美方於今年4月2日宣布對等關稅，4月9日起暫停90天。", {"2025-04-02", "2025-04-09", "for 90 days"}),
    ("从今年12月1日起至2月28日，暂停征收。", {"2025-12-01", "2026-02-28"}),  # after December: the next year's
    ("The rule of March 3, 2025 took effect April 5.", {"2025-03-03", "2025-04-05"}),
])
def test_a_month_day_without_a_year_is_read_near_the_date_written_with_one(text, expected):
    assert stated(text) == expected  # 12 November 2025: alone, 4月9日 would be the nearer April 2026


@pytest.mark.parametrize("text, expected", [
    ("The measure takes effect at midnight on Friday.", {"2025-11-14"}),
    ("The talks begin on Monday.", {"2025-11-17"}),
    ("The talks began on Monday.", {"2025-11-10"}),
    ("Officials said on Monday the talks start on Thursday.", {"2025-11-10", "2025-11-13"}),
])
def test_the_present_of_a_schedule_speaks_of_the_future(text, expected):
    assert stated(text) == expected  # 12 November 2025 is a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("新规将于元旦起实施。", {"2026-01-01"}),
    ("新規將於2027年元旦起實施。", {"2027-01-01"}),
    ("The tariffs take effect on New Year's Day.", {"2026-01-01"}),
    ("A deal could come before Christmas.", {"2025-12-25"}),
    ("Retailers stocked up for the Christmas shopping season.", set()),  # a season, not the day
    ("Christmas sales rose.", set()),
])
def test_holidays_on_a_fixed_day(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The rules will be finalised by the end of next month.", {"2025-12-31"}),  # a deadline: its last day
    ("The rules will be finalised at the end of next month.", {"2025-12"}),
    ("The tariffs rise on the 20th.", {"2025-11-20"}),
    ("Comments are due by the 5th, and the rule starts on the 20th.", {"2025-12-05", "2025-11-20"}),
    ("美方将于5日公布清单。", {"2025-12-05"}),  # spoken of in the future: the next 5th
    ("美方5日公布清单。", {"2025-11-05"}),
    ("It marks the 20th anniversary.", set()),
])
def test_days_of_the_month_and_the_end_of_next_month(text, expected):
    assert stated(text) == expected  # 12 November 2025


@pytest.mark.parametrize("text, expected", [
    ("今年年中曾暫停。", {"2025"}),
    ("預計明年年中公布。", {"2026"}),
    ("预计于年中发布。", {"2025"}),
    ("今年中方出口增长。", set()),  # 今年 + 中方, not 年中
    ("預告期30日。", {"for 30 days"}),  # a number of days, not the 30th
    ("为期10日。", {"for 10 days"}),
    ("美方30日宣布。", {"2025-10-30"}),
])
def test_mid_year_and_a_number_of_days_after_a_period_word(text, expected):
    assert stated(text) == expected  # 12 November 2025


@pytest.mark.parametrize("text, expected", [
    ("Duties of 25% apply from Jan. 1 until June 30.", {"2026-01-01", "2026-06-30"}),  # not June 2025
    ("自1月1日起至6月30日止暂停征收。", {"2026-01-01", "2026-06-30"}),
    ("The program runs from Dec. 1 to Feb. 28.", {"2025-12-01", "2026-02-28"}),
])
def test_a_period_ends_after_it_starts(text, expected):
    assert stated(text) == expected  # 12 November 2025: June 30 alone is nearer in 2025


@pytest.mark.parametrize("text, published", [
    ("起至9999年12月31日", datetime.date(2000, 1, 1)),  # no day after the calendar's last
    ("9999年12月31日，次日", NOV12),
    ("美方将于30日公布清单。", datetime.date(2026, 1, 31)),  # no 30th ahead among the months near
    ("自3月1日起至2月29日暂停。", datetime.date(2024, 11, 12)),
])
def test_the_edges_of_the_calendar_are_no_crash(text, published):
    for p in extract(text, published):
        assert p.stated()


@pytest.mark.parametrize("text, expected", [
    ("The April 2 tariffs were paused.", {"2025-04-02"}),  # not the nearer April 2026
    ("On April 2 the rates will rise.", {"2026-04-02"}),
    ("周一美国总统特朗普签署行政令将暂停期延至11月10日。", {"2025-11-10"}),  # 将 is what the order does
    ("Goods classified under HTS 9903.01.24 are covered.", set()),  # a tariff heading, not the year 9903
])
def test_the_english_verb_after_a_date_with_no_cue_before(text, expected):
    assert stated(text) == expected  # 12 November 2025, a Wednesday: 周一 alone is the Monday before


@pytest.mark.parametrize("text, expected", [
    ("The suspension runs until November 9 next year.", {"2026-11-09"}),
    ("相關措施自11/10起生效，至明年11/9止。", {"2025-11-10", "2026-11-09"}),
    ("The rule starts on 11/10.", {"2025-11-10"}),
    ("1/3 of exports fell.", set()),  # a fraction
    ("The rate fell by 1/2 percent.", set()),
])
def test_a_month_and_day_with_a_slash_or_next_year(text, expected):
    assert stated(text, datetime.date(2025, 11, 10)) == expected


@pytest.mark.parametrize("text, expected", [
    ("有关措施自本公告发布之日起30日后施行。", {"2025-11-12"}),  # 30 days counted, not the 30th
    ("11月1日起30日内有效。", {"2025-11-01", "for 30 days"}),  # valid through the 30 days
])
def test_days_counted_from_a_start(text, expected):
    assert stated(text) == expected


# --- probe5 ---------------------------------------------------------------------

SEP26 = datetime.date(2025, 9, 26)


@pytest.mark.parametrize("text, published, expected", [
    ("调查机关将在国庆节后举行听证会。", SEP26, {"2025-10"}),  # the month the holiday falls in, as 春节后
    ("利害关系方应于中秋节前提交书面意见。", SEP26, {"2025-10-05"}),  # 中秋 2025 is 6 October: its eve
    ("中秋前后双方将再次磋商。", datetime.date(2026, 8, 1), {"2026-09"}),  # 中秋 2026 is 25 September
    ("春節連假前完成審查。", NOV12, {"2026-02-16"}),  # Taiwan's 連假, the long weekend: before it, its eve
    ("中秋連假後，雙方將恢復談判。", SEP26, {"2025-10"}),
    ("特區政府將於聖誕節前向立法會提交報告。", NOV12, {"2025-12-24"}),  # a Chinese deadline before a holiday: its eve
    ("We hope to have the deal done by Thanksgiving.", datetime.date(2025, 11, 3), {"2025-11-27"}),
    ("Talks resume after Thanksgiving 2026.", datetime.date(2026, 1, 5), {"2026-11-26"}),
])
def test_mid_autumn_national_day_and_thanksgiving(text, published, expected):
    assert stated(text, published) == expected


def test_zuo_alone_is_yesterday():
    assert stated("財政部昨公布十一月出口六四〇．五億美元、年增五十六％。", datetime.date(2025, 12, 10)) == {"2025-12-09"}


@pytest.mark.parametrize("text, expected", [
    ("出口年增15%，10月創歷年單月新高。", set()),  # the comparison is in the clause before
    ("財政部今天公布10月出口618億美元，創歷年單月新高。", {"2025-11-12"}),  # a month's trade figures
    ("蔡美娜表示，10月對東協出口107.4億美元。", set()),
    ("9月單月出口創新高。", set()),
    ("出口連續24個月正成長。", set()),  # a run of months counted
    ("為近十五年半以來最大增幅。", set()),  # not 五年半 inside 十五年半
    ("累計前10月出口5144.5億美元。", set()),  # the first ten months
    ("前10月出口亦較去年同期增加三成。", set()),  # the same period last year
    ("8月份进口量创年内新低。", set()),  # a low of the year, no deadline
    ("1-10月，我国出口同比增长5.3%。", set()),  # the months from January: a cumulative figure's
    ("1至10月，全国进出口总值同比增长3.6%。", set()),
])
def test_statistics_told_by_the_sentence(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("美方将于12月起加征关税，出口同比增长5%。", {"2025-12"}),  # a start of its own
    ("10月出口管制新规将于12月1日生效。", {"2025-10", "2025-12-01"}),  # 出口管制 is a rule, not a figure
    ("美国10月宣布加征关税后，中国对美出口同比下降25%。", {"2025-10"}),  # an event's month beside the figures
])
def test_a_period_with_a_role_of_its_own_is_kept_beside_statistics(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The ministry said that as of Oct. 31 some 1,200 companies had applied for the programme.", set()),
    ("截至10月31日，共有逾300間企業申請特別支援計劃。", set()),
    ("截至8月底，今年自欧盟进口猪肉下降12%。", set()),
    ("As of Thursday, 45 companies had been added to the list.", set()),
    ("As of the end of September, 1,200 firms had received licences.", set()),  # not the comma of 1,200
    ("The ministry said that as of Monday it had approved 300 licences.", set()),
])
def test_a_data_snapshot_is_no_event(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Importers are required to pay extra duties as of Wednesday.", {"2025-11-12"}),
    ("The rule is effective as of December 1, when 300 entities are added.", {"2025-12-01"}),  # not last December
    ("As of Jan. 1, 2026, a 25% tariff applies to all imports.", {"2026-01-01"}),  # a figure of a rule in force
    ("As of Nov. 10, 2025, the rate is 10 percent.", {"2025-11-10"}),
    ("截至10月31日，共有逾300間企業申請計劃，計劃將延長至明年3月31日。", {"2026-03-31"}),  # the rule is in another clause
])
def test_as_of_a_day_is_a_start_unless_it_dates_a_figure(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("国庆节前完成审查。", {"2025-09-30"}),  # 国庆 (Simplified): 1 October
    ("國慶前完成審查。", {"2025-10"}),  # 國慶: 1 October in Hong Kong, 10 October in Taiwan: the month
])
def test_national_day_before(text, expected):
    assert stated(text, SEP26) == expected


def test_a_start_whose_verb_is_in_the_next_clause():
    monday = datetime.date(2019, 7, 22)
    assert stated("From Tuesday, duties will be collected for a five-year period.", monday) == {"2019-07-23", "for 5 years"}


@pytest.mark.parametrize("text, expected", [
    ("The review will be completed in the fall.", {"2023-23"}),
    ("Officials will decide by the spring.", {"2024-21"}),  # the next spring, as a month spoken of ahead
    ("Prices dropped in the fall of the dollar.", set()),
])
def test_a_season_without_a_year(text, expected):
    assert stated(text, datetime.date(2023, 9, 6)) == expected


@pytest.mark.parametrize("text, expected", [
    ("USTR is conducting the four-year review of the tariffs.", set()),
    ("Exports hit a 15-year high.", set()),
    ("Comments are due within the 90-day review period.", set()),
    ("Comments may be filed during a 90-day review period.", {"for 90 days"}),
])
def test_a_length_that_names_a_review_or_a_record(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("4至6月，美方将对钢铁加征关税。", {"2026-04", "2026-06"}),  # 月 written once serves both months
    ("2026年1-3月暂停进口。", {"2026-01", "2026-03"}),
])
def test_a_range_of_months_written_with_one_yue(text, expected):
    assert stated(text) == expected


# --- probe6 ---------------------------------------------------------------------

OCT30 = datetime.date(2025, 10, 30)  # a Thursday


@pytest.mark.parametrize("text, expected", [
    ("Japan's exports grew 8.3% in September, the fastest since March.", set()),  # a record marks the statistics
    ("China's exports in September unexpectedly grew at the quickest pace since March.", set()),
    ("Rates may be cut from 3.50%, the highest since late 2008.", set()),  # a record, not an event
    ("It was their fifth round of in-person discussions since May.", set()),  # a count since, not an event
    ("They held talks on the 24th and have not met since May.", {"2025-10-24", "2025-05"}),  # a day's ordinal counts nothing
    ("They compared with the 4.4% increase in August.", set()),  # a percentage change
    ("Shipments grew 1% in September after increasing 11% in August.", set()),  # "after" belongs to what follows
    ("Exports fell 2% from the previous month in August.", set()),
    ("The US raised tariffs on steel by 25% in March 2025.", {"2025-03"}),  # a tariff's change stays an event
    ("Tariffs have been in force since March.", {"2025-03"}),  # "since" alone is a start in the past
    ("Soybean purchases jumped 30% after China resumed buying in September.", {"2025-09"}),  # far from the change
    ("In September, exports rose 8.3%.", set()),  # a month alone in its clause: the change in the next one
    ("In September, China resumed buying and purchases jumped 30%.", {"2025-09"}),
])
def test_statistics_without_a_year_on_year_cue(text, expected):
    assert stated(text, OCT30) == expected


def test_a_month_read_as_a_statistic_stays_one_in_a_later_sentence():
    text = ("Exports increased 7.5% in September from a year ago. "
            "In September, there were also fewer working days due to a longer holiday.")
    assert stated(text, datetime.date(2024, 10, 1)) == set()
    assert stated("Exports rose 5% in September from a year ago. Tariffs took effect in September.",
                  datetime.date(2024, 10, 1)) == {"2024-09"}


@pytest.mark.parametrize("text, expected", [
    ("The investigation period is from July 1, 2016 through June 30, 2017.", set()),
    ("The period of investigation runs from 1 July 2024 to 30 June 2025, and duties could follow.", set()),
    ("The analysis will be carried out from January 1, 2014 until the end of the investigation period.", set()),
    ("The investigation will cover the period between April 1, 2023, and March 31, 2024.", set()),
    ("本次调查的倾销调查期为2024年1月1日至2024年12月31日。", set()),
    ("The investigation was launched on 13 May 2025.", {"2025-05-13"}),  # the investigation's own dates stay
    ("调查自2025年3月4日起开始，通常应在2026年3月4日前结束。", {"2025-03-04", "2026-03-04"}),  # not a period examined
])
def test_a_period_a_trade_investigation_examines_is_no_event(text, expected):
    assert stated(text, OCT30) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Beginning Monday, importers must pay a 15% duty.", OCT30, {"2025-11-03"}),  # an obligation: the coming Monday
    ("“We have a framework for the leaders to discuss on Thursday,” he told reporters after he met Li.",
     datetime.date(2025, 10, 26), {"2025-10-30"}),  # said on a Sunday; the attribution's "met" is not the act's tense
    ("The ministers agreed to meet on Monday.", OCT30, {"2025-11-03"}),
    ("The ministers met on Monday.", OCT30, {"2025-10-27"}),
    ("Starting Monday, importers pay a 15% duty.", OCT30, {"2025-11-03"}),  # a start heading its clause
    ("Importers are required to pay duties as of Wednesday.", OCT30, {"2025-10-29"}),  # not heading it: reported
])
def test_an_obligation_or_an_act_to_come_looks_ahead(text, published, expected):
    assert stated(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("He expects China to delay implementation of its licensing regime by a year.", {"for 1 year"}),
    ("The tariffs start on November 1. China will delay its licensing rules by a year.", {"2025-11-01", "for 1 year"}),
    ("The tariffs start on November 1. They may be delayed by a year.", {"2025-11-01", "2026-11-01"}),
    ("The tariffs start on November 1. Bessent said that China will delay its rules by a year.", {"2025-11-01", "for 1 year"}),
    ("The deadline is November 1. That deadline may be delayed by a year.", {"2025-11-01", "2026-11-01"}),
    ("Prices rose by 10% a year.", set()),  # "a year" after a rate is no length
])
def test_a_delay_by_a_year(text, expected):
    assert stated(text, OCT30) == expected


def test_a_dispatch_counts_today_from_its_dateline():
    text = "(中央社記者侯姿瑩華盛頓11日專電)美國貿易代表今早表示,美國今天將和台灣討論關稅議題。"
    assert stated(text, datetime.date(2025, 4, 12)) == {"2025-04-11"}
    assert stated("(中央社記者台北12日電)經濟部今天表示,將於明天公告。", datetime.date(2025, 4, 12)) == {"2025-04-12", "2025-04-13"}
    assert stated("新华社北京3月4日电 国务院关税税则委员会今天发布公告。", datetime.date(2025, 3, 5)) == {"2025-03-04"}
    assert stated("(中央社華盛頓11日綜合外電報導)川普今天表示,將暫停關稅。", datetime.date(2025, 4, 12)) == {"2025-04-11"}


def test_a_total_reported_for_a_year_is_a_statistic():
    assert stated("貿發局數據顯示,2023年美國從香港的進口總額為41.158億美元。", datetime.date(2025, 2, 5)) == set()
    assert stated("2023年美國宣布加徵關稅,進口總額為41億美元。", datetime.date(2025, 2, 5)) == {"2023"}
