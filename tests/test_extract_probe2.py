"""Expressions added after the blind batch tests/extract/probe2/ showed them
missing: quarters and halves of a year, ROC years, 月中/月初 alone, "from 8 to
12 November", 昨（11）日, "December last year", the second weekday of a range
in the first one's week."""

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
