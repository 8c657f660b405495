"""Temporal expressions in one sentence, Chinese and English alike, as found:
full dates, months, seasons, years, year ends, weekdays, "today" and 即日,
times of day with their zones, and durations.  Nothing here resolves a date:
`Expr` keeps what the text says (a month without a year stays so) and
`resolve.py` turns it into a date against the article's date.

The patterns read the `chars.normal` form of the sentence (Simplified
characters, ASCII digits), whose offsets are the input's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Any

from timeline.dates import Duration, days_in_month

DATE, DURATION, TIME, NOW = "date", "duration", "time", "now"

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "hundred": 100,
}
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS_EN = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
SEASONS_ZH = {"春": 21, "夏": 22, "秋": 23, "冬": 24}
SEASONS_EN = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
RELATIVE_YEAR = {"今": 0, "明": 1, "去": -1, "前": -2, "后": 2, "this": 0, "next": 1, "last": -1, "current": 0}
ZONES = {
    "北京时间": "Asia/Shanghai", "美东时间": "America/New_York", "美国东部时间": "America/New_York",
    "华盛顿时间": "America/New_York", "台湾时间": "Asia/Taipei", "台北时间": "Asia/Taipei",
    "香港时间": "Asia/Hong_Kong", "韩国时间": "Asia/Seoul", "首尔时间": "Asia/Seoul", "日本时间": "Asia/Tokyo",
    "东京时间": "Asia/Tokyo", "格林尼治时间": "UTC", "当地时间": None,
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "eastern time": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "et": "America/New_York", "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "central standard time": "America/Chicago",
    "central daylight time": "America/Chicago", "central time": "America/Chicago", "gmt": "UTC", "utc": "UTC",
    "beijing time": "Asia/Shanghai", "local time": None,
}


@dataclass(frozen=True)
class Expr:
    """One temporal expression as the text gives it; offsets are into the whole text."""

    start: int
    end: int
    kind: str
    text: str
    year: int | None = None
    year_rel: int | None = None  # 今年 0, 明年/next 1, 去年/last -1
    month: int | None = None
    month_rel: int | None = None  # 本月 0, 上个月 -1, next month 1
    day: int | None = None
    season: int | None = None
    weekday: int | None = None  # Monday 0
    week_rel: int | None = None  # 上周 -1, 本周 0, 下周 1, none: by tense
    day_rel: int | None = None  # today 0, yesterday -1
    year_end: bool = False  # 年底, the end of the year
    part: str | None = None  # 底 初 中旬 early late: kept as a note, the month stays a month
    duration: Duration | None = None
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None  # an IANA name
    zone_text: str | None = None  # as written, also when the zone is only "local time"
    starts: bool = False  # the expression itself says "from" (即日起, effective immediately)
    ends_before: bool = False  # 年底前, by the end of the year: on or before
    which: str | None = None  # "next April", "last April": the next or last one, not next year's
    quarter: int | None = None  # EDTF sub-year code: 33-36 a quarter (第一季, Q1), 40-41 a half (上半年, H1)
    follows: bool = False  # "the following day", 次日: the day after the day written before it
    festival: str | None = None  # lunar-new-year, mid-autumn, national-day, thanksgiving (see when.festival_day)
    holiday: bool = False  # a holiday on a fixed day (元旦, Christmas Day): before it (聖誕節前) is its eve

    def moved(self, **changes: Any) -> Expr:
        return replace(self, **changes)


def cn_number(text: str) -> int | None:
    """Digits or Chinese numerals up to the hundreds (十一, 二十, 九十, 一百八十)."""
    if text.isdigit():
        return int(text)
    if text == "半":
        return None
    total, current = 0, 0
    for c in text:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c in "廿卅":
            total += 20 if c == "廿" else 30
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def en_number(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return _EN_NUMBERS.get(text)


# --- patterns ---------------------------------------------------------------

_CN = r"[〇零一二两三四五六七八九十廿卅百]"
_ZH_NUM = rf"(?:\d{{1,2}}|{_CN}{{1,3}})"
_YEAR_ZH = r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年|(?:民国\s*)?(?<!\d)(?P<roc>1[01]\d)\s*年|(?P<yr>今|明|去|前)年)"
_MON_EN = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_YEAR_EN = r"(?:,?\s+(?P<y>\d{4})\b|\s+['’](?P<yy>\d{2})\b)"
_REL_YEAR_EN = r"\s+(?P<yrl>(?i:next|last|this))\s+year\b"  # "November 9 next year"
_ZONE_ZH = "|".join(z for z in ZONES if not z.isascii())
_ZONE_EN = (r"(?i:(?:eastern|pacific|central)\s+(?:standard|daylight)\s+time|(?:eastern|pacific|central|local)\s+time|"
            r"beijing\s+time)|EST|EDT|ET|PST|PDT|GMT|UTC")
_NOT_AFTER_DURATION_ZH = r"(?!\s*(?:后|以后|之后|前|以前|之前|来|以来|多|代|度|级|期间|方可|才))"

_RANGE_ZH = r"(?P<conn>至|到|-|~)"
_RANGE_EN = r"(?P<conn>-|to|through|and)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in [
    ("zh-day-range", rf"(?:{_YEAR_ZH}\s*)?(?P<m>{_ZH_NUM})\s*月\s*(?P<d>{_ZH_NUM})\s*[日号]?\s*{_RANGE_ZH}\s*(?P<d2>{_ZH_NUM})\s*[日号](?![本元])"),
    ("en-day-range", rf"\b{_MON_EN}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*{_RANGE_EN}\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:percent|%|:|[ap]\.?m))(?:{_YEAR_EN})?"),
    ("en-day-range-dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*{_RANGE_EN}\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON_EN}(?![a-z]){_YEAR_EN}?"),
    ("iso", r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/-]|\.\d)"),
    ("us-numeric", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
    ("month-slash-day", r"(?:(?<=[自从于至到在])|(?<=(?:今|明|去)年)|"
                        r"(?<=\b[Oo]n )|(?<=\b[Ff]rom )|(?<=\b[Uu]ntil )|(?<=\b[Tt]hrough )|(?<=\b[Bb]efore )|(?<=\b[Aa]fter ))"
                        r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])(?![\d/%])(?!\s*(?:季|号|名|成|倍|的|个|%|(?i:percent|per\s+cent|of\b)))"
                        r"|(?<![\d/.])(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[12]\d|3[01]|0?[1-9])(?=\s*(?:起|前|至|到|止|生效|开始|实施|施行))"),
    ("zh-full", rf"(?:{_YEAR_ZH}\s*)?(?P<m>{_ZH_NUM})\s*月\s*(?P<d>{_ZH_NUM})\s*[日号](?![本元])"),
    ("zh-month-day-rel", rf"(?P<mr>本|上|下|这个|上个|下个)月\s*(?P<d>{_ZH_NUM})\s*[日号]"),
    ("zh-today-number", r"[今昨明]\s*\(\s*(?P<d>\d{1,2})\s*\)\s*日"),
    ("zh-day", r"(?<![\d月年第每前近])(?P<d>\d{1,2})\s*日(?!\s*(?:本|元|内|以内|之内|电|讯|报道|刊|版))"),
    ("zh-month-range", rf"(?:{_YEAR_ZH}\s*|(?<![\d月./-]))(?P<m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*(?P<conn>至|到|-|~)\s*(?P<m2>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?!\s*(?:\d|[一二三四五六七八九十])+\s*[日号])"),
    ("zh-month", rf"(?:{_YEAR_ZH}\s*)?(?P<m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?P<part>底|初|中旬|上旬|下旬|末|中)?(?!\s*(?:\d|[一二三四五六七八九十])+\s*[日号])"),
    ("zh-month-rel", r"(?P<mr>本|上|下|这个|上个|下个)月(?:份)?(?P<part>底|初|中旬|上旬|下旬|末|中(?![国心文华央东部期间美欧日韩方]))?"),
    ("zh-month-end", r"(?<![\d〇零一二两三四五六七八九十廿卅个本上下这年每岁正满])月(?P<part>底|末|中旬|上旬|下旬|初|中(?![国心文华央东部期间美欧日韩方]))"),
    ("zh-quarter", rf"(?:{_YEAR_ZH}\s*)?(?:(?:第\s*(?P<q>[一二三四1-4])\s*季(?:度)?|(?<![前头后近每首末上下这本])(?P<q2>[一二三四1-4])\s*季度|(?P<first>首)季(?:度)?|(?P<h>上|下)半年)(?P<part>末|底)?|(?<=[\u4e00-\u9fff])Q(?P<q3>[1-4])(?![0-9A-Za-z])|(?<=[\u4e00-\u9fff])H(?P<h2>[12])(?![0-9A-Za-z]))"),
    ("en-quarter", r"\b(?:(?P<endof>(?i:(?:the\s+)?end\s+of))\s+)?(?i:the)\s+(?P<o>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?P<u>(?i:quarter|half))(?:\s+of\s+(?:(?P<y>\d{4})\b|(?:the\s+)?(?P<yrl>(?i:next|this|last|current))\s+year\b))?(?!\s+of\b)(?![\s-]+(?i:century|decade))"),
    ("en-quarter-code", r"(?<![\w-])(?:(?P<c>[QH])(?P<n>[1-4])\s*(?:(?P<y>\d{4})|['’](?P<yy>\d{2}))|(?P<y2>\d{4})\s*[-/ ]?\s*(?P<c2>[QH])(?P<n2>[1-4]))(?![\w-])|(?:(?<=\bin )|(?<=\bby )|(?<=\bduring )|(?<=\bfor )|(?<=\buntil )|(?<=\bthrough )|(?<=\bbefore )|(?<=\bafter )|(?<=\bfrom )|(?<=\bsince ))(?P<c3>[QH])(?P<n3>[1-4])\b(?!\s*(?i:fy|fiscal))"),
    ("en-quarter-end", r"\b(?P<endof>(?i:(?:the\s+)?end\s+of))\s+(?P<c>[QH])(?P<n>[1-4])(?:\s*(?P<y>\d{4})|\s*['’](?P<yy>\d{2}))?(?![\w-])(?!\s*(?i:fy|fiscal))"),
    ("zh-festival", rf"(?:{_YEAR_ZH}\s*)?(?:[农農][历曆歷]\s*(?:春[节節]|新年|年)|春[节節])(?:[连連]假|长假)?(?P<fx>前后|假期后|假期|期间|后|之后|以后)?"),
    ("en-festival", r"\b(?i:(?:the\s+)?(?:lunar|chinese)\s+new\s+year)(?:\s+(?i:holidays?|festival|break))?\b"),
    ("zh-festival-autumn", rf"(?:{_YEAR_ZH}\s*)?(?P<fn>国[庆慶](?:[节節])?|中秋(?:[节節])?)(?:[连連]假|长假)?(?P<fx>假期后|假期|黄金周|前后|期间|后|之后|以后)?(?!\s*(?:晚会|档|月饼|礼盒|阅兵|周年|\d))"),
    ("en-thanksgiving", r"\b(?:(?P<pre>(?i:by|before|after|until|till|through|over|on|at|around|ahead\s+of))\s+)?(?P<h>Thanksgiving)(?:\s+Day)?\b(?:,?\s+(?P<y>\d{4})\b)?(?![\s-]+(?i:weekend|dinners?|shopping|sales|travel|turkeys?|holiday\s+season|week))"),
    ("zh-holiday", rf"(?:{_YEAR_ZH}\s*)?(?P<h>元旦|圣诞节|聖誕節|平安夜)"),
    ("en-holiday", r"\b(?:(?P<pre>(?i:by|before|after|until|till|through|over|on|at))\s+)?(?P<h>(?i:new\s+year['’]s\s+(?:day|eve)|christmas\s+(?:day|eve)|christmas)(?![\s-]+(?i:shopping|season|period|sales|holidays?|trees?|cards?|gifts?|break|rush|market)))\b"),
    ("zh-next-day", r"次日|翌日|隔日|隔天|第二天"),
    ("en-next-day", r"\b(?i:the\s+(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after(?=\s*[,.;)]|\s*$))"),
    ("zh-later-this-year", r"今年(?:晚些时候|稍后|稍晚|晚些时间)"),
    ("zh-season", rf"{_YEAR_ZH}\s*(?P<s>[春夏秋冬])(?:季|天)(?!度)"),
    ("zh-year-end", rf"(?:{_YEAR_ZH}\s*)?(?:年)?(?P<end>底|末)(?P<before>前|之前|以前)?"),
    ("zh-mid-year", r"(?:(?P<y>\d{4})\s*年|(?P<yr>今|明|去)年)\s*年中|(?<=[于在至到])年中(?![国央心方美欧日韩外部东])"),
    ("zh-within-year", r"(?<![\d一二三四五六七八九十两半])(?:今年)?年内(?!\s*(?:新高|新低|最高|最低|高点|低点|高位|低位))"),
    ("zh-year", r"(?P<y>\d{4})\s*年(?!\s*(?:\d|[一二三四五六七八九十])+\s*月)(?!\s*(?:第|度|[春夏秋冬]))|(?P<yr>明|去)年(?![\d一二三四五六七八九十春夏秋冬底末内]|\s*\d|\s*同期)|民国\s*(?P<roc>1[01]\d)\s*年(?!\s*(?:\d|[一二三四五六七八九十])+\s*月)"),
    ("zh-weekday", r"(?<![\d一二三四五六七八九十两几每])(?:(?P<wr>上|下|本|这)\s*)?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])(?!末)"),
    ("zh-now", r"(?:(?:自|从)\s*)?即日(?P<qi>起)?|立即(?=\s*(?:生效|起|实施|施行))|(?:(?:自|从)\s*)?(?:公布|发布|公告|印发|签署)之日(?:起)?"),
    ("zh-rel-day", r"(?P<rd>今天|今日|昨天|昨日|昨晚|昨夜|明天|明日|前天|昨(?=[\u4e00-\u9fff])(?![天日晚夜年]))"),
    ("zh-time", rf"(?:(?P<zone>{_ZONE_ZH})\s*)?(?:(?P<ap>凌晨|早上|上午|中午|下午|晚上|晚间|傍晚)\s*)?(?P<h>\d{{1,2}}|零|[一二三四五六七八九十]{{1,3}})\s*(?:[时点]\s*(?:(?P<mi>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|半)\s*分?)?|:(?P<mc>\d{{2}})(?!\d))"),
    ("zh-duration", rf"(?<![\d第近每上这过下同当那某哪前〇零一二两三四五六七八九十百])(?P<n>\d{{1,3}}|[一二三四五六七八九十两百]{{1,4}}|半)\s*(?P<u>年|个月|个星期|星期|周|天|个工作日|工作日|日)(?P<half>半)?{_NOT_AFTER_DURATION_ZH}(?!\s*(?:\d|[一二三四五六七八九十])+\s*月)"),
    ("en-mdy", rf"\b{_MON_EN}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:{_YEAR_EN}|{_REL_YEAR_EN})?"),
    ("en-dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON_EN}(?![a-z])(?:{_YEAR_EN}|{_REL_YEAR_EN})?"),
    ("en-month", rf"\b(?:(?P<pre>(?i:in|since|until|till|by|through|from|before|after|during|of|and|or|to|next|last|this|early|mid|late|end of|the end of|beginning of|the beginning of|the middle of))[\s-]+)?{_MON_EN}(?![a-z])(?:{_YEAR_EN}|\s+(?:of\s+)?(?P<yrl>(?i:last|next|this))\s+year\b)?"),
    ("en-year-end", r"\b(?i:(?:the\s+)?end\s+of\s+(?:(?:the|this)\s+year|(?P<y>\d{4}))|year[-\s]end|end-(?P<y2>\d{4}))\b"),
    ("en-year", r"\b(?P<pre>(?i:in|since|by|during|until|through|before|from|early|late|mid|of))[\s-]+(?P<y>(?:19|20)\d{2})\b(?!\s*(?:percent|%|tons|million|billion))"),
    ("en-season", r"\b(?i:(?P<rel>this|next|last)\s+(?P<s>spring|summer|fall|autumn|winter)|(?P<s2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>\d{4}))\b"
                  r"|(?:(?<=\b(?i:in) the )|(?<=\b(?i:by) the )|(?<=\b(?i:during) the )|(?<=\b(?i:until) the )|(?<=\b(?i:before) the )|(?<=\b(?i:after) the )|(?<=\b(?i:over) the )|(?<=\b(?i:through) the ))(?P<s3>(?i:spring|summer|fall|autumn|winter))\b(?!\s+(?i:of|in|on|to|from)\b)(?!\s+(?:[a-z]+\s+)?(?i:season|semester|term|session|collection)\b)"),
    ("en-weekday", r"\b(?:(?P<wr>(?i:last|next|this))\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)"),
    ("en-now", r"\b(?i:(?P<eff>effective|take\s+effect|takes\s+effect|taking\s+effect|took\s+effect|went\s+into\s+effect)\s+immediately)\b"),
    ("en-rel-day", r"\b(?P<rd>(?i:today|yesterday|tomorrow))\b"),
    ("en-rel-month", r"\b(?:(?P<endof>(?i:(?:the\s+)?end\s+of))\s+)?(?P<rel>(?i:this|last|next|earlier\s+this|later\s+this))\s+month\b"),
    ("en-day-only", r"\b(?P<pre>(?i:on|from|by|until|till|through|before|after|since))\s+(?P<the>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))\b(?=\s*(?:[,.;:)]|$|(?:and|to|or)\b|-))"),
    ("en-rel-year", r"\b(?P<rel>(?i:next|last))\s+year\b"),
    ("en-month-end", r"\b(?i:(?:the\s+)?end\s+of\s+the\s+month)\b"),
    ("en-another", r"\b(?i:for\s+)?(?P<pre>(?i:another|a\s+further|an\s+additional|one\s+more))\s+(?P<u>(?i:year|month|week|day))\b(?!\s+(?i:ago|later|earlier))"),
    ("en-later-this-year", r"\b(?i:later\s+(?:this|in\s+the)\s+year)\b"),
    ("en-time", rf"\b(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ap>a\.m\.?|p\.m\.?|(?i:am|pm)\b)(?:\s*(?:\(\s*)?(?P<zone>{_ZONE_EN})\b\)?)?|\b(?P<word>(?i:midnight|noon))(?:\s*(?:\(\s*)?(?P<zone2>{_ZONE_EN})\b\)?)?|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>\d{{2}})\s*(?P<zone3>{_ZONE_EN})\b"),
    ("en-duration", r"\b(?P<pre>(?i:for|of|by|another|additional|further|extra|next|a\s+further|an\s+additional|nearly|almost|about|over))?\s*(?P<n>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|forty-five|sixty|ninety))(?:[\s-]+(?:more|additional|further))?[\s-]+(?P<u>(?i:years?|months?|weeks?|days?))\b(?!\s+(?i:ago|later|earlier|old|prior|from\s+now|of\s+age))"),
]]
_PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}
_VAGUE_BEFORE_EN = re.compile(r"(?i:\b(?:first|last|past|each|every|per|recent|previous|several|few)\s+|\bin\s+(?:(?:almost|nearly|about|over|under)\s+)?)$")


def find(norm: str, offset: int) -> list[Expr]:
    """The temporal expressions of one sentence (in normal form), in text order.
    Overlapping candidates: the longest wins."""
    candidates = []
    for name, pattern in PATTERNS:
        for match in pattern.finditer(norm):
            if match.end() == match.start():
                continue
            built = _build(name, match, norm, offset)
            for expr in built if isinstance(built, list) else [built] if built is not None else []:
                assert expr.text == norm[expr.start - offset:expr.end - offset], (name, expr)
                candidates.append((expr.end - expr.start, -_PRIORITY[name], expr))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2].start))
    chosen: list[Expr] = []  # disjoint, in text order
    for _, _, expr in candidates:
        i = bisect.bisect_left(chosen, expr.start, key=lambda e: e.start)
        if (i == len(chosen) or expr.end <= chosen[i].start) and (i == 0 or chosen[i - 1].end <= expr.start):
            chosen.insert(i, expr)
    return chosen


def _build(name: str, m: re.Match[str], norm: str, offset: int) -> Expr | list[Expr] | None:  # noqa: C901 - one branch per pattern
    g = m.groupdict()
    start, end = m.start(), m.end()
    # Leading spaces are not part of an expression.
    while start < end and norm[start].isspace():
        start += 1
    base: dict[str, Any] = {"start": offset + start, "end": offset + end, "text": norm[start:end]}

    def year_fields() -> dict[str, Any]:
        if g.get("y"):
            digits = "".join(str(_CN_DIGITS.get(c, c)) for c in g["y"])  # 二〇二五 → 2025
            return {"year": int(digits)}
        if g.get("yy"):
            return {"year": 2000 + int(g["yy"])}
        if g.get("roc"):
            return {"year": 1911 + int(g["roc"])}  # 民國114年 (Taiwan's calendar) is 2025
        if g.get("yr"):
            return {"year_rel": RELATIVE_YEAR[g["yr"]]}
        if g.get("yrl"):
            return {"year_rel": RELATIVE_YEAR[g["yrl"].lower()]}  # "December last year"
        return {}

    if name in ("zh-day-range", "en-day-range", "en-day-range-dmy"):
        return _day_range(name, g, m, norm, offset, year_fields())
    if name == "month-slash-day":  # 11/10起, 至明年11/9止, "on 11/10": a month and a day, no year
        month, day = int(g.get("m") or g["m2"]), int(g.get("d") or g["d2"])
        return Expr(kind=DATE, month=month, day=day, **base) if _valid(month, day) else None
    if name in ("iso", "us-numeric"):
        month, day = int(g["m"]), int(g["d"])
        if not _valid(month, day):
            return None
        return Expr(kind=DATE, year=int(g["y"]), month=month, day=day, **base)
    if name == "zh-full":
        zh_month, zh_day = cn_number(g["m"]), cn_number(g["d"])
        if zh_month is None or zh_day is None or not _valid(zh_month, zh_day):
            return None
        return Expr(kind=DATE, month=zh_month, day=zh_day, **year_fields(), **base)
    if name == "zh-month-day-rel":
        rel_day = cn_number(g["d"])
        if rel_day is None or not 1 <= rel_day <= 31:
            return None
        return Expr(kind=DATE, month_rel=_month_rel(g["mr"]), day=rel_day, **base)
    if name in ("zh-today-number", "zh-day"):
        day = int(g["d"])
        if not 1 <= day <= 31:
            return None
        if name == "zh-day" and _LENGTH_BEFORE_DAYS.search(norm, max(0, m.start() - 12), m.start()):
            return None  # 预告期30日, 为期10日: a number of days, read as a length
        return Expr(kind=DATE, day=day, **base)
    if name == "zh-month-range":
        return _month_range(g, m, norm, offset, year_fields())
    if name == "zh-month":
        only_month = cn_number(g["m"])
        if only_month is None or not 1 <= only_month <= 12:
            return None
        if not g["m"].isdigit() and not (g.get("y") or g.get("yr")) and _chinese_word_before(norm, m.start("m")):
            return None  # 一月 inside a longer word
        if not (g.get("y") or g.get("yr") or g.get("roc")) and norm[max(0, m.start("m") - 1):m.start("m")] == "前":
            return None  # 前10月, the first ten months: a statistic's period
        return Expr(kind=DATE, month=only_month, part=g.get("part"), **year_fields(), **base)
    if name == "zh-month-rel":
        return Expr(kind=DATE, month_rel=_month_rel(g["mr"]), part=g.get("part"), **base)
    if name == "zh-month-end":
        return Expr(kind=DATE, month_rel=0, part=g["part"], **base)  # 月底 alone: the end of this month
    if name == "en-month-end":
        return Expr(kind=DATE, month_rel=0, part="end of", **base)  # the end of the month: this month's end
    if name in ("zh-quarter", "en-quarter", "en-quarter-code", "en-quarter-end"):
        return _quarter(name, g, base, year_fields())
    if name in ("zh-festival", "en-festival"):
        return _festival(base, year_fields(), "lunar-new-year")
    if name == "zh-festival-autumn":
        return _festival(base, year_fields(), "mid-autumn" if g["fn"].startswith("中秋") else "national-day")
    if name == "en-thanksgiving":
        if g.get("pre"):
            base = base | {"start": offset + m.start("h"), "text": m.string[m.start("h"):m.end()]}
        return _festival(base, year_fields(), "thanksgiving")
    if name in ("zh-holiday", "en-holiday"):
        return _holiday(g, m, base, year_fields(), offset)
    if name in ("zh-next-day", "en-next-day"):
        return Expr(kind=DATE, follows=True, **base)
    if name in ("zh-later-this-year", "en-later-this-year"):
        return Expr(kind=DATE, year_rel=0, **base)
    if name == "zh-season":
        return Expr(kind=DATE, season=SEASONS_ZH[g["s"]], **year_fields(), **base)
    if name == "zh-year-end":
        fields = year_fields()
        if not fields and norm[max(0, m.start("end") - 1):m.start("end")] != "年":
            return None  # 底 alone (月底 is a month)
        return Expr(kind=DATE, year_end=True, ends_before=bool(g.get("before")),
                    **(fields or {"year_rel": 0}), **base)
    if name == "zh-mid-year":  # 明年年中, 于年中: the middle of the year, the precision stays the year
        return Expr(kind=DATE, part="年中", **(year_fields() or {"year_rel": 0}), **base)
    if name == "zh-within-year":
        return Expr(kind=DATE, year_rel=0, year_end=True, ends_before=True, **base)
    if name == "zh-year":
        if g.get("y") and _inside_title(norm, m.start()):
            return None  # 《总统2025年贸易政策议程》: a year in a title names the document
        return Expr(kind=DATE, **year_fields(), **base)
    if name == "zh-weekday":
        rel = {"上": -1, "下": 1, "本": 0, "这": 0}.get(g.get("wr") or "")
        return Expr(kind=DATE, weekday=WEEKDAYS_ZH[g["w"]], week_rel=rel, **base)
    if name == "zh-now":
        if m.group(0).startswith("立即") and re.search(r"(?:后|之后|以后)\s*$", norm[max(0, m.start() - 40):m.start()]):
            return None  # 签署后立即生效: immediately after another event, not on the article's date
        return Expr(kind=NOW, day_rel=0, starts=True, **base)
    if name in ("zh-rel-day", "en-rel-day"):
        word = g["rd"].lower()
        rel = {"今天": 0, "今日": 0, "today": 0, "昨天": -1, "昨日": -1, "昨": -1, "昨晚": -1, "昨夜": -1, "yesterday": -1, "明天": 1, "明日": 1,
               "tomorrow": 1, "前天": -2}[word]
        return Expr(kind=DATE, day_rel=rel, **base)
    if name == "zh-time":
        hour = 0 if g["h"] == "零" else cn_number(g["h"])
        minute = cn_number(g["mi"]) if g.get("mi") and g["mi"] != "半" else (30 if g.get("mi") == "半" else None)
        if g.get("mc"):
            minute = int(g["mc"])
        if not g["h"].isdigit() and g["h"] != "零" and not (g.get("ap") or g.get("zone")):
            return None  # 一点 is "a little"
        if minute is None and not (g.get("ap") or g.get("zone")) and ":" not in m.group(0):
            if not re.search(r"(?:日|今日|今天)\s*$", norm[max(0, m.start() - 40):m.start()]):
                return None  # a bare "12点" needs a day or a zone
        if hour is None or hour > 24 or (minute is not None and minute > 59):
            return None
        hour = _clock(hour, g.get("ap"))
        zone_text = g.get("zone")
        return Expr(kind=TIME, hour=hour % 24, minute=minute or 0, zone=ZONES.get(zone_text or ""),
                    zone_text=zone_text, **base)
    if name == "zh-duration":
        return _zh_duration(g, norm, m, base)
    if name in ("en-mdy", "en-dmy"):
        month, day = MONTHS_EN[g["mon"].rstrip(".").lower()], int(g["d"])
        if not _valid(month, day):
            return None
        if name == "en-mdy" and not year_fields() and _names_a_document(norm, m.start(), m.end()):
            return None
        return Expr(kind=DATE, month=month, day=day, **year_fields(), **base)
    if name == "en-month":
        return _en_month(g, m, base, year_fields(), offset)
    if name == "en-year-end":
        year = g.get("y") or g.get("y2")
        fields = {"year": int(year)} if year else {"year_rel": 0}
        return Expr(kind=DATE, year_end=True, **fields, **base)
    if name == "en-year":
        pre = g["pre"].lower()
        start_y = m.start("y") if pre in ("in", "since", "by", "during", "until", "through", "before", "from", "of") else start
        if pre == "of" and not re.search(r"(?i:\b(?:spring|summer|fall|autumn|winter|end|beginning|start|middle))\s+of\s*$",
                                         norm[max(0, m.start("y") - 40):m.start("y")]):
            return None
        base |= {"start": offset + start_y, "text": norm[start_y:end]}
        part = pre if pre in ("early", "late", "mid") else None
        return Expr(kind=DATE, year=int(g["y"]), part=part, **base)
    if name == "en-season":
        season = SEASONS_EN[str(g.get("s") or g.get("s2") or g.get("s3")).lower()]
        if g.get("s3"):
            return Expr(kind=DATE, season=season, **base)  # "in the fall": the one nearest, by the tense
        if g.get("rel"):
            return Expr(kind=DATE, season=season, year_rel=RELATIVE_YEAR[g["rel"].lower()], **base)
        return Expr(kind=DATE, season=season, year=int(g["y"]), **base)
    if name == "en-weekday":
        rel = {"last": -1, "next": 1, "this": 0}.get((g.get("wr") or "").lower())
        return Expr(kind=DATE, weekday=WEEKDAYS_EN[g["w"].lower()], week_rel=rel, **base)
    if name == "en-now":
        if re.search(r"\b(?i:was|were|had\s+been)\s+$", norm[max(0, m.start() - 40):m.start()]):
            return None  # "the rule was effective immediately": from a day reported elsewhere, not the article's
        if re.match(r"\s+(?i:after|upon|following|once|when)\b", norm[m.end():m.end() + 40]):
            return None  # "effective immediately after he unveils them on Wednesday": that day, not the article's
        return Expr(kind=NOW, day_rel=0, starts=True, **base)
    if name == "en-rel-month":
        word = g["rel"].lower().split()[-1]
        part = "end of" if g.get("endof") else None  # "by the end of next month": its last day
        return Expr(kind=DATE, month_rel={"this": 0, "last": -1, "next": 1}[word], part=part, **base)
    if name == "en-day-only":  # "on the 20th": a day of the month only
        day_of_month = int(g["d"])
        if not 1 <= day_of_month <= 31:
            return None
        base = base | {"start": offset + m.start("the"), "text": norm[m.start("the"):m.end("the")], "end": offset + m.end("the")}
        return Expr(kind=DATE, day=day_of_month, **base)
    if name == "en-rel-year":
        return Expr(kind=DATE, year_rel=RELATIVE_YEAR[g["rel"].lower()], **base)
    if name == "en-time":
        return _en_time(g, base)
    if name == "en-duration":
        return _en_duration(g, norm, m, base, offset)
    if name == "en-another":  # "for another year": one more
        if g["u"][0].isupper():
            return None
        units = {"year": Duration(years=1), "month": Duration(months=1), "week": Duration(weeks=1), "day": Duration(days=1)}
        return Expr(kind=DURATION, duration=units[g["u"].lower()], **base)
    raise AssertionError(name)


def _day_range(name: str, g: dict[str, Any], m: re.Match[str], norm: str, offset: int,
               year: dict[str, Any]) -> list[Expr] | None:
    """"6月9至10日", "June 9-10, 2025", "from 8 to 12 November": two days of one month; the month and year
    written once serve both ends."""
    if name == "zh-day-range":
        month, first, last = cn_number(g["m"]), cn_number(g["d"]), cn_number(g["d2"])
    else:
        month, first, last = MONTHS_EN[g["mon"].rstrip(".").lower()], int(g["d"]), int(g["d2"])
    if month is None or first is None or last is None or not (_valid(month, first) and _valid(month, last)):
        return None
    if last <= first:
        return None  # "June 9-5" is not a range of days
    head_start = m.start()
    while norm[head_start].isspace():
        head_start += 1
    head_end = m.start("conn")
    while norm[head_end - 1].isspace():
        head_end -= 1
    head = Expr(kind=DATE, month=month, day=first, start=offset + head_start, end=offset + head_end,
                text=norm[head_start:head_end], **year)
    tail = Expr(kind=DATE, month=month, day=last, start=offset + m.start("d2"), end=offset + m.end(),
                text=norm[m.start("d2"):m.end()], **year)
    return [head, tail]


def _month_range(g: dict[str, Any], m: re.Match[str], norm: str, offset: int, year: dict[str, Any]) -> list[Expr] | None:
    """"4至6月", "2025年1-10月": two months of one year, the year and 月 written once serve both."""
    first, last = cn_number(g["m"]), cn_number(g["m2"])
    if first is None or last is None or not 1 <= first < last <= 12:
        return None
    if not g["m"].isdigit() and not year and _chinese_word_before(norm, m.start("m")):
        return None  # 统一至三月: a numeral inside a word
    head_end = m.start("conn")
    while norm[head_end - 1].isspace():
        head_end -= 1
    start = m.start()
    head = Expr(kind=DATE, month=first, start=offset + start, end=offset + head_end, text=norm[start:head_end], **year)
    tail = Expr(kind=DATE, month=last, start=offset + m.start("m2"), end=offset + m.end(),
                text=norm[m.start("m2"):m.end()], **year)
    return [head, tail]


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "一": 1, "二": 2, "三": 3, "四": 4, "首": 1, "上": 1, "下": 2}


def _quarter(name: str, g: dict[str, Any], base: dict[str, Any], year: dict[str, Any]) -> Expr | None:
    """第一季, 首季, 一季度, 上半年, Q1 2026, 2026 H1, the first quarter (half) of 2026:
    a quarter or half of a year, as its EDTF sub-year code (33-36, 40-41)."""
    if name == "en-quarter":
        n, half = _ORDINALS[g["o"].lower()], g["u"].lower() == "half"
    elif name in ("en-quarter-code", "en-quarter-end"):
        code = g.get("c") or g.get("c2") or g.get("c3")
        n, half = int(g.get("n") or g.get("n2") or g.get("n3") or 0), code == "H"
        if g.get("y2"):
            year = {"year": int(g["y2"])}
    else:
        key = g.get("q") or g.get("q2") or g.get("first") or g.get("q3") or g.get("h") or g.get("h2") or ""
        n = int(key) if key.isdigit() else _ORDINALS[key]
        half = bool(g.get("h") or g.get("h2"))
    if half and n > 2:
        return None
    part = "end of" if g.get("endof") else g.get("part")  # the end of the first quarter, 一季度末: kept as a note
    return Expr(kind=DATE, quarter=(39 + n) if half else (32 + n), part=part, **year, **base)


# Holidays on a fixed day of the Gregorian calendar: (month, day).
HOLIDAYS = {"元旦": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31), "圣诞节": (12, 25), "聖誕節": (12, 25),
            "christmas day": (12, 25), "christmas": (12, 25), "平安夜": (12, 24), "christmas eve": (12, 24)}


def _holiday(g: dict[str, Any], m: re.Match[str], base: dict[str, Any], year: dict[str, Any], offset: int) -> Expr | None:
    """元旦, New Year's Day, Christmas (after by/before/until/on…: alone it may name a season): that day."""
    name = re.sub(r"\s+", " ", g["h"].lower()).replace("’", "'")
    if name == "christmas" and not g.get("pre"):
        return None  # "Christmas" alone: a season as often as a day
    if g.get("pre"):
        base = base | {"start": offset + m.start("h"), "text": m.string[m.start("h"):m.end()]}
    month, day = HOLIDAYS[name]
    return Expr(kind=DATE, month=month, day=day, holiday=True, **year, **base)


def _festival(base: dict[str, Any], year: dict[str, Any], name: str) -> Expr:
    """春节, 农历新年, 春节后, 春节前后, 国庆节后, 中秋期间, the Lunar New Year: the month the festival
    falls in; Thanksgiving: its day (before it, 春节前, is a deadline by the cues around it)."""
    return Expr(kind=DATE, festival=name, **year, **base)


def _inside_title(norm: str, pos: int) -> bool:
    """Inside 《…》, a book or document title."""
    opened = norm.rfind("《", 0, pos)
    return opened >= 0 and norm.rfind("》", opened, pos) < 0 and norm.find("》", pos) >= 0


def _names_a_document(norm: str, start: int, end: int) -> bool:
    """"the October 7 IFR", "the April 2 order": a month-day without a year
    that names a rule, not an event of its own."""
    return bool(re.search(r"(?:\bthe|[“\"])\s*$", norm[max(0, start - 40):start]) and re.match(r"\s+[A-Z]{2,}\b", norm[end:end + 40]))


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month)


def _month_rel(word: str) -> int:
    return {"本": 0, "这个": 0, "上": -1, "上个": -1, "下": 1, "下个": 1}[word]


def _chinese_word_before(norm: str, pos: int) -> bool:
    """True when the numeral is part of a word (第一月, 统一月): a Han character
    other than a date word stands right before it."""
    if pos == 0:
        return False
    c = norm[pos - 1]
    return "\u4e00" <= c <= "\u9fff" and c not in "在于至到从自和及与、今明去年的"


def _clock(hour: int, ap: str | None) -> int:
    if not ap:
        return hour
    ap = ap.lower()
    if ap in ("下午", "晚上", "晚间", "傍晚") or ap.startswith("p"):
        return hour + 12 if hour < 12 else hour
    if ap == "中午":
        return hour if hour >= 11 else hour + 12
    if ap.startswith("a") and hour == 12:
        return 0
    return hour


# Words after which "30日" counts days rather than names a day of the month: 预告期30日, 为期10日, 延长30日.
_LENGTH_BEFORE_DAYS = re.compile(r"(?:(?<!日)期|长达|共计|历时|延长|延期|暂停|起)\s*$")  # 自发布之日起30日后: days counted
# What lasts through a period "within" it (在90天内继续暂停, 接下来90天内下调关税) rather than happens once before its end.
_STATE_AFTER_WITHIN = re.compile(r"暂停|暂缓|继续|维持|保持|下调|降低|调降|降至|免征|免除|豁免|停止|冻结|不再|不得|禁止|[获獲]准|准许|允许|有效|适用")
_GIVEN_BEFORE = re.compile(r"(?i:\b(?:give|gives|gave|given|giving|have|has|had|get|gets|got|grant|grants|granted)\b[^.;:]{0,40})$")
_TO_ACT_AFTER = re.compile(r"\s+to\s+(?!(?:the|a|an|its|their|his|her|this|that|be|date)\b)[a-z]+\b")
# Nouns that an adjectival length names rather than lasts: a periodic review, an anniversary, a record.
_NOT_A_PERIOD_AFTER = re.compile(r"[\s-]+(?i:reviews?|anniversar(?:y|ies)|highs?|lows?|records?|cycles?|bonds?|mortgages?|yields?|olds?)\b"
                                 r"(?![\s-]+(?i:period|window|phase)\b)")
_WITHIN_EN = re.compile(r"(?i:\bwithin\s+(?:the\s+)?(?:(?:next|first|coming|following)\s+)?)$")


def _zh_duration(g: dict[str, Any], norm: str, m: re.Match[str], base: dict[str, Any]) -> Expr | None:
    unit, n_text = g["u"], g["n"]
    if n_text == "半":
        if unit != "年":
            return None
        return Expr(kind=DURATION, duration=Duration(months=6), **base)
    n = cn_number(n_text)
    if n is None or n == 0:
        return None
    after = norm[m.end():m.end() + 3]
    if re.search(r"(?:过去|近|最近)\s*$", norm[max(0, m.start("n") - 40):m.start("n")]):
        return None  # 过去10年: a span looked back on, not a length of anything to come
    if re.search(r"[连連]续?\s*$", norm[max(0, m.start("n") - 4):m.start("n")]):
        return None  # 连续24个月正成长: a run of months counted, a statistic, not a length
    if unit == "年" and re.search(r"(?:未来|今后)\s*$", norm[max(0, m.start("n") - 40):m.start("n")]):
        return None  # 未来两年内: a horizon ahead, as 过去10年 is one behind, not a period that starts on a day
    if re.match(r"\s*(?:内|以内|之内)", after) and not _STATE_AFTER_WITHIN.search(norm[m.end():m.end() + 16]):
        return None  # 两周内提出意见, 一周内生效: a time limit to act within, not a period something lasts
    if unit in ("个工作日", "工作日"):
        return None  # working days are no calendar length: a time limit, not a period
    if unit == "年":
        if n > 20 or (n_text.isdigit() and len(n_text) > 2):
            return None
        months = 6 if g.get("half") else 0
        return Expr(kind=DURATION, duration=Duration(years=n, months=months), **base)
    if unit == "个月":
        return Expr(kind=DURATION, duration=Duration(months=n), **base)
    if unit in ("周", "星期", "个星期"):
        if unit == "周" and re.match(r"年", after):
            return None  # 周年: an anniversary
        return Expr(kind=DURATION, duration=Duration(weeks=n), **base)
    if unit == "日" and n <= 31 and not re.match(r"\s*(?:内|以内|之内)", after) \
            and not _LENGTH_BEFORE_DAYS.search(norm, max(0, m.start() - 12), m.start()):
        return None  # 10日 is a day of the month
    return Expr(kind=DURATION, duration=Duration(days=n), **base)


def _en_month(g: dict[str, Any], m: re.Match[str], base: dict[str, Any], year: dict[str, Any], offset: int) -> Expr | None:
    mon = g["mon"]
    pre = (g.get("pre") or "").lower()
    if not year and not pre and not mon.endswith("."):
        return None  # a bare "April" or "May" may be a name or a verb
    if mon.rstrip(".").lower() in ("may",) and not year and pre in ("", "of"):
        return None
    if not mon.endswith(".") and len(mon) <= 4 and mon.lower() not in ("may", "june", "july") and not year:
        return None  # "Nov" alone
    month = MONTHS_EN[mon.rstrip(".").lower()]
    fields = dict(year)
    part = None
    if pre in ("next", "last", "this"):
        fields = {"which": pre} if not year else year
    elif pre in ("early", "mid", "late", "end of", "the end of", "beginning of", "the beginning of", "the middle of"):
        part = pre.replace("the ", "")
    keep_pre = pre in ("next", "last", "this", "early", "mid", "late", "end of", "the end of", "beginning of",
                       "the beginning of", "the middle of")
    if not keep_pre and pre:
        base = base | {"start": offset + m.start("mon"), "text": m.string[m.start("mon"):m.end()]}
    return Expr(kind=DATE, month=month, part=part, **fields, **base)


def _en_time(g: dict[str, Any], base: dict[str, Any]) -> Expr | None:
    zone_text = g.get("zone") or g.get("zone2") or g.get("zone3")
    zone = ZONES.get(re.sub(r"\s+", " ", zone_text.lower())) if zone_text else None
    if g.get("word"):
        hour = 0 if g["word"].lower() == "midnight" else 12
        return Expr(kind=TIME, hour=hour, minute=0, zone=zone, zone_text=zone_text, **base)
    if g.get("h24"):
        return Expr(kind=TIME, hour=int(g["h24"]), minute=int(g["m24"]), zone=zone, zone_text=zone_text, **base)
    hour, minute = int(g["h"]), int(g.get("mi") or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    ap = g["ap"].lower()
    hour = (0 if hour == 12 else hour) if ap.startswith("a") else (hour if hour == 12 else hour + 12)
    return Expr(kind=TIME, hour=hour, minute=minute, zone=zone, zone_text=zone_text, **base)


def _en_duration(g: dict[str, Any], norm: str, m: re.Match[str], base: dict[str, Any], offset: int) -> Expr | None:
    n_text, pre = g["n"].lower(), (g.get("pre") or "").lower()
    if pre != "for" and re.match(r"\s+(?i:after|before)\b", norm[m.end():m.end() + 40]):
        return None  # "two days after the vote" places a day; "for one year after …" is a length
    if n_text in ("a", "an") and not pre:
        return None  # "tons a year" is a rate
    if pre != "for" and _NOT_A_PERIOD_AFTER.match(norm, m.end()):
        return None  # "the four-year review", "a 15-year high": a cycle or a record named by its length
    if not pre and _WITHIN_EN.search(norm[max(0, m.start("n") - 40):m.start("n")]):
        return None  # "report within 60 days", "within 30 days of its entry into force": a time limit, no day given
    if pre != "for" and _TO_ACT_AFTER.match(norm, m.end()) and _GIVEN_BEFORE.search(norm, max(0, m.start("n") - 50), m.start("n")):
        return None  # "gave the public one day to submit comments": a time limit to act, not a period
    if _VAGUE_BEFORE_EN.search(norm[max(0, m.start("n") - 40):m.start("n")]):
        return None
    n = en_number(n_text)
    if not n:
        return None
    if g["u"][0].isupper():
        return None  # "the Five-Year Plan" is a name
    unit = g["u"].lower().rstrip("s")
    amounts = {"year": Duration(years=n), "month": Duration(months=n), "week": Duration(weeks=n),
               "day": Duration(days=n)}
    start = m.start("n")
    base = base | {"start": offset + start, "text": norm[start:m.end()]}
    return Expr(kind=DURATION, duration=amounts[unit], **base)
