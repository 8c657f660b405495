"""Sentences and their expressions → proposed events.

Per sentence: restatements in brackets are dropped, times join their day,
a year written once serves the dates before it ("February and March 2025",
"4月4日和9日"), and each date gets a role from the words around it: the start
of a period (自…起, from, effective), its end (至, until, through, 到期), a
deadline (前, by) or a point.  Starts pair with the next end or a duration
into a window; an end alone is a window whose start is unknown; a duration
alone is a window assumed to start on the article's date (said so in
`assumed`); a duration with "postpone" moves the dates it refers to.  Every
other date is a point event.  Proposals with the same dates and kind are one
proposal with several quotes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from timeline.dates import Day, Duration, Month, PartialDate, add
from timeline.extract import cues
from timeline.extract.expressions import DATE, DURATION, NOW, TIME, ZONES, Expr, find
from timeline.extract.furniture import inside
from timeline.extract.model import Proposal, Quote
from timeline.extract.sentences import Sentence
from timeline.extract.when import day_after, festival_day, resolve

_METADATA = re.compile(r"(?i:^\s*(?:(?:date|dated|published|posted|updated|time|日期|时间|发布时间|发表时间|来源)\s*)?(?:[:：]\s*)?)$")
_ZONE_BEFORE = re.compile(r"(北京时间|美东时间|美国东部时间|台湾时间|台北时间|香港时间|韩国时间|当地时间)\s*$")
_TIME_GAP_AFTER_DATE = re.compile(r"^\s*(?:,\s*)?(?:(?i:at|from)\s*)?$")
_TIME_GAP_BEFORE_DATE = re.compile(r"^\s*(?:\([^()]{0,24}\)\s*)?(?:(?:,|\(|(?i:on|of))\s*)?(?:(?i:on)\s+)?$")
_CONNECT = re.compile(r"^\s*(?:和|及|与|、|或|,|至|到|-|~|(?i:and|or|to|through|until|&))\s*$")
_PAREN_GAP = re.compile(r"^\s*\(\s*$")
_WEEKDAY_GAP = re.compile(r"^\s*,?\s*$")


MAX_EXPRESSIONS = 40  # dates, times and lengths in one sentence; a run with more is not proposed from


@dataclass
class Mention:
    """A date in a sentence with its time, role and resolved value."""

    expr: Expr
    value: PartialDate
    how: str
    start: int
    end: int
    time: Expr | None = None
    role: str = "point"  # point, since, start, end, deadline
    inclusive: bool = False
    used: bool = False
    texts: list[str] = field(default_factory=list)


@dataclass
class Context:
    text: str
    norm: str
    published: datetime.date
    source_id: str
    lang: str
    reference: PartialDate | None = None  # the last day reported, for a time given alone
    previous_points: list[Mention] = field(default_factory=list)
    notice: Mention | None = None  # a notice dated in the sentence before, for 即日 and 自发布之日起
    last_day: Mention | None = None  # the last day written, for "the following day" (次日) in a later sentence
    last_end: int = 0
    furniture: list[tuple[int, int]] = field(default_factory=list)  # headlines, stamps, captions: not events
    statistics: set[tuple[int, int | None]] = field(default_factory=set)  # months read as a statistic's (month, year)
    dateline: datetime.date | None = None  # the day of a dispatch's dateline (华盛顿11日专电), for 今天


def sentence_proposals(ctx: Context, sentence: Sentence) -> list[Proposal]:
    s0 = sentence.start
    norm = ctx.norm[s0:sentence.end]
    if "\n" in ctx.text[ctx.last_end:s0]:
        ctx.notice = None  # a new paragraph
    ctx.last_end = sentence.end
    exprs = find(norm, s0)
    if len(exprs) > MAX_EXPRESSIONS:
        return []  # a list, a table or junk, not a sentence: reading each date's cues would cost too much
    exprs = _drop_metadata(ctx, exprs)
    exprs = _drop_statistics(norm, s0, exprs, ctx.statistics)
    exprs = _drop_restatements(ctx, exprs)
    exprs = _borrow_years(ctx, exprs)
    mentions, durations, times = _mentions(ctx, sentence, exprs)
    mentions = _drop_named_months(ctx, mentions)
    out: list[Proposal] = []
    _roles(ctx, sentence, mentions)
    out += _windows(ctx, sentence, mentions, durations)
    for t in times:  # a time with no day in its sentence: the last day reported before it
        if ctx.reference is not None:
            out.append(_point(ctx, sentence, Mention(t, ctx.reference, "the day last reported before this sentence",
                                                     t.start, t.end, time=t)))
    for m in mentions:
        if not m.used:
            out.append(_point(ctx, sentence, m))
    points = [m for m in mentions if m.role == "point" and m.value.precision in ("day", "month")]
    if points:
        ctx.previous_points = points
    notices = [m for m in mentions if m.value.precision == "day" and _NOTICE.match(ctx.norm[m.end:m.end + _NOTICE_REACH])]
    ctx.notice = notices[-1] if notices else None
    written = [m for m in mentions if m.value.precision == "day"]
    if written:
        ctx.last_day = written[-1]
    days = [m.value for m in mentions if isinstance(m.value, Day) and m.value.first_day() <= ctx.published]
    if days:
        ctx.reference = days[-1]
    return out


# A dispatch's dateline near the top: (中央社记者…华盛顿11日专电), 新华社北京3月4日电.
_DATELINE = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})日(?:[专專]|[综綜]合外)?[电電](?:[报報][导導道])?(?=[\s)）】/／]|$)")
_DATELINE_REACH = 400  # characters from the top
_DATELINE_DAYS = 7  # a dispatch is published within a week of its dateline


def dateline_day(norm: str, published: datetime.date) -> datetime.date | None:
    """The day of a dispatch's dateline when it is not the article's own ("华盛顿11日专电"
    published in Taipei on the 12th): 今天, 今早, 昨天 in the dispatch count from it."""
    m = _DATELINE.search(norm, 0, _DATELINE_REACH)
    if m is None:
        return None
    month, day = (int(m.group(1)) if m.group(1) else None), int(m.group(2))
    for back in range(_DATELINE_DAYS + 1):
        d = published - datetime.timedelta(days=back)
        if d.day == day and month in (None, d.month):
            return d if back else None
    return None


_START_AHEAD = re.compile(r"\s*(?i:(?:beginning|starting|from|effective|commencing|as\s+of)\s+(?:on\s+)?)")


# --- cleaning the expressions -------------------------------------------------


_BARE = re.compile(r"[\s\W_]*")


def _drop_metadata(ctx: Context, exprs: list[Expr]) -> list[Expr]:
    """A date heading a line after a label ("date 2025-10-31") is the page's, not an event's."""
    kept = []
    for e in exprs:
        if inside(ctx.furniture, e.start):
            continue  # a headline, a stamp, a caption, a dateline: the page's dates
        line_start = ctx.text.rfind("\n", 0, e.start) + 1
        if e.kind == DATE and e.year is not None and e.day is not None and _METADATA.match(ctx.norm[line_start:e.start]) \
                and (ctx.norm[line_start:e.start].strip() or not ctx.text[:line_start].strip()) \
                and re.match(r"\s|$", ctx.norm[e.end:e.end + 1]):
            continue
        line_end = ctx.text.find("\n", e.end)
        line_end = len(ctx.text) if line_end < 0 else line_end
        if e.kind in (DATE, TIME) and _only_dates(ctx.norm, line_start, line_end, exprs) \
                and any(o.year is not None for o in exprs if line_start <= o.start and o.end <= line_end):
            continue  # a date alone on its line (a byline, a page's <time>, 週一 2025/11/10): no sentence says what happened
        if e.kind == DATE and re.match(r"\s*(?:电|讯)", ctx.norm[e.end:e.end + 2]):
            continue  # a dateline: 北京11月5日电
        if e.kind == DATE and re.match(r"\s*[\u4e00-\u9fff]{2,4}专?电(?:[\s》)】/／]|$)", ctx.norm[e.end:e.end + 9]):
            continue  # a dateline with the place after the day: 12日北京专电》
        kept.append(e)
    return kept


# A comparison with the year before: the period it is said of is a statistic's, not an event's.
_YEAR_ON_YEAR = re.compile(r"同比|环比|(?<![\d〇零一二三四五六七八九十今明去])年[增减減]|(?i:\b(?:from|than|compared\s+(?:with|to))\s+(?:a|the)\s+year\s+"
                           r"(?:earlier|ago|before)|\byear[-\s](?:on|over)[-\s]year\b)")


# "as of Oct. 31", 截至10月31日: the day a count or a figure is taken on.
_SNAPSHOT_BEFORE = re.compile(r"(?:截至|(?i:\bas\s+(?:of|at)))\s*(?:(?i:the\s+end\s+of)\s*)?$")
_QUANTITY = re.compile(r"\d[\d,.]*\s*(?:%|％|家|个|间|名|宗|件|项|份|批|万|亿|億|(?i:percent|billion|million|[a-z]+s)\b)|[逾超]过?\s*\d|共有|累计|累計|已有|"
                       r"(?i:\b(?:some|more\s+than|over|about|nearly|almost|a\s+total\s+of)\s+\d)")
# "As of Jan. 1, a 25% tariff applies", "as of Nov. 10 the rate is 10 percent", 截至…起: a rule in force
# from that day, not a figure taken on it.
_IN_FORCE = re.compile(r"将|起|生效|实施|施行|关税|税率|(?i:\b(?:will|shall|would|effective|appl(?:y|ies)|in\s+force|takes?\s+effect|begins?|"
                       r"starts?|tariffs?|dut(?:y|ies)|rates?)\b)")
# A month's trade figures: "10月出口618亿美元", "十一月对美出口", "10月出超" (not 出口管制, a rule).
_TRADE_FIGURE = re.compile(r"\s*份?\s*(?:当月|单月|單月)?\s*(?:对[^,;。]{0,8}?)?(?:出口|进口|进出口|出超|入超|顺差|逆差|外销订单)(?!\s*(?:管制|管控|许可|禁令|限制|退税|规定|新规))")
# What a clause reports when its month is an event's even beside figures ("美国10月宣布加征关税后，…同比下降");
# not 公布/发布, with which the figures themselves are released.
_EVENT_WORDS = re.compile(r"宣布|签署|举行|会谈|会晤|访问|生效|实施|施行|暂停|延长|到期|加征|上调|下调|(?i:\b(?:announc\w*|sign\w*|met|"
                          r"meetings?|talks|visit\w*|took\s+effect|suspend\w*|extend\w*|expir\w*|impos\w*)\b)")
_MONTH_RANGE_BEFORE = re.compile(r"(?<![\d月])(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*[-~至到]\s*$")
_MONTH_RANGE_AFTER = re.compile(r"\s*[-~至到]\s*(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月")
# Words that give a period a role of its own: a start, an end, a deadline, a plan.  English
# ones stand before the date ("from September"); after it ("in September after increasing 11%
# in August") they belong to what follows.
_ROLE_NEAR = re.compile(r"起|开始|至|到|止|前|(?i:\b(?:from|until|through|by|before|after|starting|effective|will|shall))\b|将|计划|预计")
_ROLE_AFTER = re.compile(r"起|开始|至|到|止|前|将|计划|预计|(?i:\bonwards?\b)")
# Other marks of a statistics sentence: a record since a date ("the fastest since March",
# "the quickest pace since April 2024"), a change against the month before, a percentage change
# ("rose 7.5%", "the 4.4% increase", "growth of 1%") in a sentence on no tariff or duty.
_SUPERLATIVE = r"(?:fastest|quickest|slowest|highest|lowest|biggest|largest|smallest|strongest|weakest|steepest|sharpest|best|worst)"
_RECORD_SINCE_TEXT = (rf"(?i:\b(?:{_SUPERLATIVE}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"first\s+time)\b[^,;.]{0,60}?\bsince\s+(?:(?:early|mid|late|the\s+end\s+of)[\s-]+)?)")
_RECORD_SINCE = re.compile(_RECORD_SINCE_TEXT + "$")  # right before a date
_RECORD_SINCE_ANY = re.compile(_RECORD_SINCE_TEXT + r"\S")  # anywhere in a sentence
_MONTH_BEFORE = re.compile(r"(?i:\b(?:from|than|in)\s+the\s+previous\s+month\b|\ba\s+month\s+(?:earlier|prior|before)\b|"
                           r"\bmonth[-\s]on[-\s]month\b)")
_PERCENT = r"\d[\d.]*\s*(?:%|(?i:percent|per\s+cent)\b)"
_CHANGE = re.compile(rf"(?i:\b(?:increas\w*|rose|rises?|rising|grew|grows?|growing|gain\w*|fell|falls?|falling|declin\w*|dropp?\w*|"
                     rf"shr[ai]nk\w*|shrunk|jump\w*|climb\w*|slump\w*|surg\w*|contract\w*|advanc\w*|decreas\w*)\s+(?:by\s+)?"
                     rf"(?:an?\s+annual\s+)?{_PERCENT}|{_PERCENT}\s+(?:increase|rise|gain|growth|decline|drop|fall|contraction|jump)\b|"
                     rf"\b(?:growth|increase|rise|contraction|decline|drop)\s+of\s+{_PERCENT})")
_CHANGE_NEAR = 20  # characters between a percentage change and the month it is measured over
_POLICY = re.compile(r"关税|税率|管制|制裁|(?i:\b(?:tariffs?|dut(?:y|ies)|levy|levies|sanctions?|controls?|bans?|quotas?)\b)")
# A period whose data a trade investigation examines ("The investigation period is from July 1,
# 2016 through June 30, 2017", 倾销调查期为…): not an event window.
_EXAMINED = re.compile(r"(?<!审)调查期(?!限|间)|(?i:\b(?:investigation|review|reference)\s+period\b|\bperiod\s+(?:of|under)\s+"
                       r"(?:investigation|review)\b|\bcover\s+the\s+period\b|\bperiod\s+considered\b|\b(?:analysis|examination)\s+of\s+"
                       r"(?:the\s+)?trends?\b)")
# A clause reporting a total: "2023年美国从香港的进口总额为41.158亿美元".
_TOTAL = re.compile(r"(?:进口|出口|进出口|贸易)(?:总|總)?(?:额|額|值)\s*(?:为|达|约|逾)\s*\d")


def _drop_statistics(norm: str, s0: int, exprs: list[Expr], statistics: set[tuple[int, int | None]]) -> list[Expr]:
    """"Exports fell 27% in September from a year earlier", "今年前三季度出口同比增长":
    a month, quarter or year that a change is measured over is not an event; a day is kept.
    In a sentence that compares with the year before ("出口年增15%，10月创历年单月新高"),
    a month, quarter or year with no start, end, deadline or plan of its own is the
    figures' period too.  "As of Oct. 31 some 1,200 companies had applied", 截至8月底…
    同比下降12%: the day a figure is taken on is no event either.  A month read so
    (`statistics`, kept across the article's sentences) stays a statistic's in a later
    sentence that says nothing of an event or a tariff ("In September, there were also
    fewer working days").  A record since a date ("the highest since late 2008", "the fifth
    round since May") and a period a trade investigation examines are no events."""
    kept = []
    yoy_sentence = _YEAR_ON_YEAR.search(norm) is not None or _RECORD_SINCE_ANY.search(norm) is not None \
        or _MONTH_BEFORE.search(norm) is not None
    changes = [] if _POLICY.search(norm) else [(c.start(), c.end()) for c in _CHANGE.finditer(norm)]
    for e in exprs:
        if e.kind == DATE and e.day_rel is None and e.weekday is None and not e.follows:
            left, right = cues.clause(norm, e.start - s0, e.end - s0)
            lead = norm.rfind(";", 0, e.start - s0) + 1  # "The investigation period is from July 1, 2016 through June 30, 2017"
            if _RECORD_SINCE.search(norm, left, e.start - s0) or _EXAMINED.search(norm, max(lead, e.start - s0 - 100), right):
                continue  # "the highest since late 2008", "the fifth round since May"; a period of investigation
        if e.kind == DATE and e.day is None and e.weekday is None and e.day_rel is None and not e.follows:
            left, right = cues.clause(norm, e.start - s0, e.end - s0)
            if _YEAR_ON_YEAR.search(norm, left, right):
                if e.month is not None:
                    statistics.add((e.month, e.year))
                continue
            before = norm[max(left, e.start - s0 - 12):e.start - s0]
            after = norm[e.end - s0:min(right, e.end - s0 + 6)]
            if _MONTH_RANGE_BEFORE.search(before):
                before = ""  # the end of 1-10月, 1至10月: the range's connector is no role of its own
            if _MONTH_RANGE_AFTER.match(norm, e.end - s0):
                after = ""  # its start
            figures = e.month is not None and _TRADE_FIGURE.match(norm, e.end - s0) \
                or _TOTAL.search(norm, e.end - s0, right) and not _EVENT_WORDS.search(norm, left, right)
            again = e.month is not None and (e.month, e.year) in statistics and not _POLICY.search(norm)
            reach = right
            if not norm[e.end - s0:right].strip() and right < len(norm):  # "In November, exports rose 8.3%"
                reach = cues.clause(norm, right + 1, right + 1)[1]
            changed = any(left <= c_start and c_end <= reach and (0 <= e.start - s0 - c_end <= _CHANGE_NEAR
                                                                  or 0 <= c_start - (e.end - s0) <= _CHANGE_NEAR)
                          for c_start, c_end in changes)  # "grew 1% in September", "the 4.4% increase in August"
            if (figures or (yoy_sentence or again or changed) and not _EVENT_WORDS.search(norm, left, right)) \
                    and not e.festival and not _ROLE_NEAR.search(before) and not _ROLE_AFTER.search(after):
                if e.month is not None:
                    statistics.add((e.month, e.year))  # "In September, there were also fewer working days"
                continue
        if e.kind == DATE and e.day_rel is None and not e.follows \
                and _SNAPSHOT_BEFORE.search(norm, max(0, e.start - s0 - 20), e.start - s0) \
                and _snapshot(norm, e.start - s0, e.end - s0):
            continue
        kept.append(e)
    return kept


def _snapshot(norm: str, start: int, end: int) -> bool:
    """The clause of an "as of"/截至 date (and the next one, when the date stands alone in
    its own) reports a figure and no rule in force from that day."""
    left, right = cues.clause(norm, start, end)
    if not norm[end:right].strip(" )") and right < len(norm):
        stop = _CLAUSE_STOP.search(norm, right + 1, right + 1 + cues.WINDOW)
        right = stop.start() if stop else min(len(norm), right + 1 + cues.WINDOW)
    return bool(_QUANTITY.search(norm, end, right)) and not _IN_FORCE.search(norm[left:right])


_CLAUSE_STOP = re.compile(r"[;:。!?]|(?<!\d),|,(?!\d{3})|\.(?!\d)")  # not the comma of 1,200 or the point of 1.2


def _only_dates(norm: str, start: int, end: int, exprs: list[Expr]) -> bool:
    """The line [start, end) holds nothing but the dates and times found in it, and punctuation."""
    rest = []
    at = start
    for e in exprs:
        if e.start >= start and e.end <= end and e.kind in (DATE, TIME):
            rest.append(norm[at:e.start])
            at = e.end
    rest.append(norm[at:end])
    return bool(_BARE.fullmatch("".join(rest)))


def _drop_restatements(ctx: Context, exprs: list[Expr]) -> list[Expr]:
    """"周二（11月11日）", "12日零时1分（台湾时间中午12时1分）": one of the two is kept,
    the more specific date, or the first time."""
    drop: set[int] = set()
    for i in range(1, len(exprs)):
        a, b = exprs[i - 1], exprs[i]
        if a.kind == DATE and b.kind == DATE and a.weekday is not None and b.day is not None and b.month is not None \
                and _WEEKDAY_GAP.match(ctx.norm[a.end:b.start]):
            drop.add(i - 1)  # "Monday, Nov. 10": the date written out is kept
            continue
        if not _PAREN_GAP.match(ctx.norm[a.end:b.start]) or b.kind != a.kind and {a.kind, b.kind} != {DATE, NOW}:
            continue
        if a.kind == DATE and (a.weekday is not None or a.day_rel is not None) and b.day is not None:
            drop.add(i - 1)  # "周二（11月11日）", "明天（5日）": the date written out is kept
        elif a.kind == DATE and a.day_rel is not None and b.kind == DATE and b.weekday is not None:
            drop.add(i)
        elif a.kind == TIME and b.kind == TIME or a.kind == DATE and b.kind == DATE and b.day is None:
            drop.add(i)
        elif a.kind == DATE and b.kind == DATE and a.weekday is None and a.day_rel is None:
            drop.add(i)
    # a time in brackets after a date-and-time, e.g. "12日零时1分（台湾时间中午12时1分）"
    for i in range(2, len(exprs)):
        a, b, c = exprs[i - 2], exprs[i - 1], exprs[i]
        if a.kind == DATE and b.kind == TIME and c.kind == TIME and _PAREN_GAP.match(ctx.norm[b.end:c.start]):
            drop.add(i)
    return [e for i, e in enumerate(exprs) if i not in drop]


def _borrow_years(ctx: Context, exprs: list[Expr]) -> list[Expr]:
    """"February and March 2025": the year written once serves the month before it;
    "4月4日和9日": a day after a date takes its month and year."""
    out = list(exprs)
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if a.kind != DATE or b.kind != DATE or not _CONNECT.match(ctx.norm[a.end:b.start]):
            continue
        if a.year is None and a.year_rel is None and a.month is not None and b.year is not None and a.weekday is None \
                and not (b.month is not None and (a.month, a.day or 0) > (b.month, b.day or 99)):
            out[i - 1] = a.moved(year=b.year)  # not "自11月1日至2026年4月30日": that start is the year before
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a.kind == DATE and b.kind == DATE and a.weekday is not None and b.weekday is not None \
                and b.week_rel is None and a.week_rel is not None and _CONNECT.match(ctx.norm[a.end:b.start]):
            out[i] = b.moved(week_rel=a.week_rel)  # "下周二至周四": both days of next week
            continue
        if a.kind == DATE and b.kind == DATE and b.month is None and b.day is not None and b.month_rel is None \
                and a.month is not None and a.day is not None and _CONNECT.match(ctx.norm[a.end:b.start]):
            out[i] = b.moved(month=a.month, year=a.year, year_rel=a.year_rel)
    return out


# A day followed by the notice it dates: "9日公告", "(9日)发布", "11月7日,商务部与海关总署已联合发布公告".
_NOTICE = re.compile(r"^\s*(?:\)\s*)?(?:,\s*)?(?:[\u4e00-\u9fff]{1,12}?(?:已经|已)?)?(?:联合)?(?:发布|公告|宣布|公布|印发)")
_NOTICE_REACH = 24  # characters after the day


def _notice_day(ctx: Context, mentions: list[Mention], e: Expr) -> Mention | None:
    """"商务部9日公告，…即日起": 即日 is the day of the notice the sentence reports."""
    if e.kind != NOW or e.text.isascii():
        return None
    notices = [m for m in mentions if m.value.precision == "day" and _NOTICE.match(ctx.norm[m.end:m.end + _NOTICE_REACH])]
    return notices[-1] if notices else ctx.notice


def _mentions(ctx: Context, sentence: Sentence, exprs: list[Expr]) -> tuple[list[Mention], list[Expr], list[Expr]]:
    """Dates with their times; durations; times that found no day in the sentence."""
    mentions: list[Mention] = []
    durations: list[Expr] = []
    times: list[Expr] = []
    snorm = ctx.norm[sentence.start:sentence.end]
    for e in exprs:
        if e.kind == DURATION:
            durations.append(e)
        elif e.kind == TIME:
            times.append(e)
        elif e.follows:  # "the following day", 次日: the day after the day written before it
            prior = [m for m in mentions if m.value.precision == "day"]
            host = prior[-1] if prior else ctx.last_day
            if host is not None and host.value.year < 9999:
                mentions.append(Mention(e, add(host.value, Duration(days=1)), f"the day after {host.texts[0]} ({host.value})",
                                        e.start, e.end, texts=[ctx.text[e.start:e.end]]))
        else:
            local = e.start - sentence.start
            said = cues.tense(snorm, local, local + (e.end - e.start))
            if said is None and e.weekday is not None and e.week_rel is None \
                    and _START_AHEAD.fullmatch(snorm, cues.clause(snorm, local, local)[0], local):
                said = "future"  # "Starting Monday, importers pay": a start heading its clause with no past verb is ahead
            future = said == "future"
            ending = cues.END_BEFORE_INCLUSIVE.search(snorm[max(0, local - 30):local]) or \
                cues.END_BEFORE_EXCLUSIVE.search(snorm[max(0, local - 30):local])
            past = "since" if cues.is_since(snorm, local, local + (e.end - e.start)) else \
                "past" if said == "past" and not ending else None  # "was extended to June 19": the end may be ahead
            anchor = _year_anchor(mentions, e)
            if anchor is not None:  # "今年4月2日宣布…，4月9日起暂停": the year written for the first date serves the next
                value, how = resolve(e, anchor.value.first_day(), future, past)
                how += f" (nearest {anchor.texts[0]}, written before it with its year)"
            elif (e.kind == NOW or e.day_rel is not None) and ctx.dateline is not None:
                value, how = resolve(e, ctx.dateline, future, past)  # 今天 in a dispatch: its dateline's day
                how = how.replace("the article", "the dispatch's dateline") + f" ({ctx.dateline})"
            else:
                value, how = resolve(e, ctx.published, future, past)
            notice = _notice_day(ctx, mentions, e)
            if notice is not None:
                value, how = notice.value, f"即日, the day of the notice: {notice.texts[0]}"
            if value is not None and 1 < value.year < 9999:  # the calendar's edges have no day after or before
                mentions.append(Mention(e, value, how, e.start, e.end, texts=[ctx.text[e.start:e.end]]))
    # a time joins the day it is written with ("12:01 a.m. EST on November 10", "11月10日13时01分")
    loose = []
    for t in times:
        host = None
        for m in mentions:
            if m.time is None and m.value.precision == "day":
                if m.end <= t.start and _TIME_GAP_AFTER_DATE.match(ctx.norm[m.end:t.start]):
                    host = m
                elif t.end <= m.start and _TIME_GAP_BEFORE_DATE.match(ctx.norm[t.end:m.start]):
                    host = m
        if host is None:
            earlier = [m for m in mentions if m.end <= t.start and m.value.precision == "day"]
            host = earlier[-1] if earlier and earlier[-1].time is None else None
        if host is None:
            loose.append(t)
            continue
        host.time = t
        zone = _ZONE_BEFORE.search(ctx.norm[max(0, host.start - 8):host.start])
        if zone and t.zone_text is None:
            host.time = t.moved(zone_text=zone.group(1), zone=ZONES.get(zone.group(1)))
        host.start, host.end = min(host.start, t.start), max(host.end, t.end)
        host.texts.append(ctx.text[t.start:t.end])
    return mentions, durations, loose


_NAMING_BEFORE = re.compile(r"(?i:\b(?:the|its|this|that)\s+)$")
_NAMING_AFTER = re.compile(r"^\s+(?!(?:and|or|but|for|from|when|was|were|is|are|will|would|had|has|the|a|an)\b)[a-z][a-z-]{2,}\b")


def _drop_named_months(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """"The September 2025 window opened on September 15 and will close on September 29":
    a month that names something (after "the", before its noun) whose days the sentence gives
    is not an event of its own."""
    days = {(m.value.year, m.value.month) for m in mentions if isinstance(m.value, Day)}
    return [m for m in mentions if not (
        isinstance(m.value, Month) and m.expr.part is None and (m.value.year, m.value.month) in days
        and _NAMING_BEFORE.search(ctx.norm[max(0, m.start - 8):m.start])
        and _NAMING_AFTER.match(ctx.norm[m.end:m.end + 30]))]


def _year_anchor(mentions: list[Mention], e: Expr) -> Mention | None:
    """The last date of the sentence written with its year (2025年, 今年, 2025) before a month-day
    written without one: the month-day is read near it rather than near the article's date."""
    if e.month is None or e.day is None or e.year is not None or e.year_rel is not None or e.which is not None:
        return None
    written = [m for m in mentions if (m.expr.year is not None or m.expr.year_rel is not None)
               and m.value.precision == "day" and 1 < m.value.year < 9999]
    return written[-1] if written else None


# --- roles and windows --------------------------------------------------------


def _roles(ctx: Context, sentence: Sentence, mentions: list[Mention]) -> None:
    norm = ctx.norm
    for m in mentions:
        before = norm[max(sentence.start, m.start - 30):m.start]
        after = norm[m.end:min(sentence.end, m.end + 12)]
        if m.expr.starts or cues.START_AFTER.match(after):
            m.role = "since" if cues.SINCE_AFTER.match(after) else "start"
        elif cues.RETROACTIVE.search(before):
            m.role = "start"  # "retroactive to September 24, 2018", 追溯至八月七日: applies from that day
        elif cues.SINCE_AFTER.match(after) or cues.SINCE_BEFORE.search(before):
            m.role = "since"
        elif cues.START_BEFORE.search(before):
            rest = norm[m.end:sentence.start + cues.clause(norm[sentence.start:sentence.end], m.end - sentence.start,
                                                             m.end - sentence.start)[1]]
            m.role = "since" if re.search(r"以来", rest) and before.rstrip().endswith(("自", "从")) else "start"
        elif cues.END_BEFORE_EXCLUSIVE.search(before) or cues.END_AFTER_EXCLUSIVE.match(after):
            m.role, m.inclusive = "end", False
        elif cues.END_BEFORE_INCLUSIVE.search(before) or cues.END_AFTER_INCLUSIVE.match(after):
            m.role, m.inclusive = "end", True
        elif cues.DEADLINE_BEFORE.search(before) or cues.DEADLINE_AFTER.match(after) or m.expr.ends_before:
            m.role = "deadline"
        if m.role == "end" and not m.inclusive and m.value.precision != "day":
            m.inclusive = True  # "until June", "expires at the end of June": through that month
        if m.role == "deadline" and (m.expr.festival or m.expr.holiday) and isinstance(m.value, (Day, Month)):
            _festival_deadline(m)
        if m.expr.year_end and m.role == "end":
            m.value, m.inclusive = Day(m.value.year, 12, 31), True
        elif m.expr.year_end and m.role == "deadline":
            m.value, m.how = Day(m.value.year, 12, 31), "the end of the year: on or before 31 December"
        elif m.role == "deadline" and m.value.precision in ("month", "quarter", "half") \
                and m.expr.part in ("底", "末", "end of"):
            last = m.value.last_day()  # "10月底前", "by the end of October", 一季度末前: on or before its last day
            m.value = Day.from_date(last)
            m.how += f"; by the end of the {m.value.precision}: on or before its last day"
    # "X至Y", "from X through Y", "between X and Y": X starts what Y ends
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = cues.RANGE_GAP.match(norm[a.end:b.start])
        if not gap or a.role not in ("point", "start"):
            continue
        if gap.group(0).strip().lower() == "and" and not cues.BETWEEN.search(norm[max(0, a.start - 12):a.start]):
            continue
        if gap.group(0).strip() in ("-", "~") and a.value.precision != b.value.precision:
            continue
        a.role = "start"
        b.role, b.inclusive = "end", gap.group("excl") is None


def _festival_deadline(m: Mention) -> None:
    """春节前, 中秋节前, 聖誕節前: a Chinese festival is a holiday of several days, so a deadline
    before it is its eve (as "before the Lunar New Year").  An English deadline at a one-day holiday
    keeps the day, as one at a date does ("before Christmas", "by Thanksgiving", "before Feb. 27")."""
    if m.expr.text.isascii() and m.expr.festival != "lunar-new-year":
        return
    if m.expr.festival == "national-day" and "慶" in m.expr.text:
        return  # 國慶: 1 October in Hong Kong's press, 10 October in Taiwan's: the month only
    if m.expr.festival:
        day = festival_day(m.expr.festival, m.value.year)
        if day is None:
            return
    else:
        first = m.value.first_day()
        day = datetime.date(first.year, first.month, first.day)
    eve = day - datetime.timedelta(days=1)
    m.value = Day.from_date(eve)
    m.how += f"; before the festival: on or before its eve, {eve.isoformat()}"


def _windows(ctx: Context, sentence: Sentence, mentions: list[Mention], durations: list[Expr]) -> list[Proposal]:
    out = []
    free = list(durations)
    norm = ctx.norm[sentence.start:sentence.end]
    for i, m in enumerate(mentions):
        if m.role != "start" or m.used:
            continue
        end = next((n for n in mentions[i + 1:] if n.role == "end" and not n.used), None)
        if end is not None and not _before(m.value, _until(end)):
            _end_after_start(m, end)
        if end is not None and _before(m.value, _until(end)):
            m.used = end.used = True
            restated = None
            if free:  # "暂停一年，自…至…": the length restates the period
                restated = min(free, key=lambda d: abs(d.start - m.start))
                free.remove(restated)
            out.append(_window(ctx, sentence, start=m, end=end, restated=restated))
            continue
        if free:
            dur = min(free, key=lambda d: abs(d.start - m.start))
            free.remove(dur)
            m.used = True
            out.append(_window(ctx, sentence, start=m, length=dur))
    for m in mentions:
        if m.role == "end" and not m.used:
            m.used = True
            out.append(_window(ctx, sentence, end=m, length=free.pop(0) if free else None))
    for dur in free:
        local = dur.start - sentence.start
        if cues.POSTPONE.search(norm):
            bases = [m for m in mentions if m.role == "point"] or \
                (ctx.previous_points if _BACK_REFERENCE.search(norm) else [])
            for base in bases:
                moved = _postponed(ctx, sentence, base, dur)
                if moved is not None:
                    out.append(moved)
            if bases:
                continue
        if dur.duration and dur.duration.approx_days() >= 1:
            out.append(_window(ctx, sentence, length=dur, at=local))
    for m in mentions:
        if m.role == "start" and not m.used:
            m.role = "point"
    return out


# A postponement that points back at dates written before ("这两个日期可能推迟一年", "they may be delayed
# by a year"); without one ("expects China to delay its licensing regime by a year") it is a length.
_BACK_REFERENCE = re.compile(r"这|此|该|上述|前述|(?i:\b(?:it|they|them|these|those|both|(?:the|this|that)\s+(?:dates?|deadlines?))\b)")


def _end_after_start(start: Mention, end: Mention) -> None:
    """"from Jan. 1 until June 30", neither with a year: a period ends after it starts, so an end
    read before its start is the next year's."""
    e = end.expr
    if e.year is not None or e.year_rel is not None or e.which is not None or e.month is None \
            or not isinstance(end.value, (Day, Month)):
        return
    try:
        later = add(end.value, Duration(years=1))
    except ValueError:  # 29 February has no day the year after
        return
    if _before(start.value, later if not end.inclusive else day_after(later)):
        end.value = later
        end.how += "; it ends a period that starts after the nearest reading: the year after"


def _until(m: Mention) -> PartialDate:
    return day_after(m.value) if m.inclusive else m.value


def _before(a: PartialDate, b: PartialDate) -> bool:
    return a.first_day() < b.first_day()


# --- building proposals -------------------------------------------------------


def _quote(ctx: Context, sentence: Sentence) -> Quote:
    quote = Quote(sentence.text, sentence.start, sentence.end)
    assert ctx.text[quote.start:quote.end] == quote.text, "a quote must be the input's own text"
    return quote


def _title(ctx: Context, sentence: Sentence, start: int, end: int) -> str:
    left, right = cues.clause(ctx.norm[sentence.start:sentence.end], start - sentence.start, end - sentence.start)
    text = ctx.text[sentence.start + left:sentence.start + right].strip(" ,，。.;；:：「」“”\"'")
    if len(text) < 6:
        text = sentence.text.strip()
    return text if len(text) <= 90 else text[:89].rstrip() + "…"


def _base(ctx: Context, sentence: Sentence, start: int, end: int, past: bool | None) -> dict[str, Any]:
    local = (start - sentence.start, end - sentence.start)
    norm = ctx.norm[sentence.start:sentence.end]
    return {
        "title": _title(ctx, sentence, start, end),
        "kind": cues.kind(norm, *local),
        "certainty": cues.certainty(norm, *local, past),
        "quotes": (_quote(ctx, sentence),),
        "lang": ctx.lang,
    }


def _is_past(value: PartialDate, published: datetime.date) -> bool:
    """Begun by the article's date: what is reported of it is a fact, unless hedged."""
    first = value.first_day()
    return datetime.date(first.year, first.month, first.day) <= published


def _describe_time(t: Expr | None) -> str:
    if t is None:
        return ""
    zone = f" {t.zone_text}" if t.zone_text else ""
    return f" at {t.hour:02d}:{t.minute:02d}{zone}"


def _point(ctx: Context, sentence: Sentence, m: Mention) -> Proposal:
    base = _base(ctx, sentence, m.start, m.end, _is_past(m.value, ctx.published))
    why = " ".join(dict.fromkeys(m.texts)) or ctx.text[m.start:m.end]
    reading = m.how
    if m.role == "deadline":
        reading += "; a deadline: on or before this date"
        base["kind"] = "deadline" if base["kind"] in ("event", "effective-date") else base["kind"]
    elif m.role == "since":
        reading += "; the text says 'since': what happened then"
    elif m.role == "start":
        base["kind"] = "effective-date" if base["kind"] in ("event", "announcement") else base["kind"]
        reading += "; the start of something, no end or length given"
    if m.expr.part:
        reading += f"; '{m.expr.part}' of the {m.value.precision}: the precision stays the {m.value.precision}"
    time = (m.time.hour or 0, m.time.minute or 0) if m.time else None
    zone = m.time.zone if m.time else None
    note = f'"{why}": {reading}{_describe_time(m.time)}.'
    return Proposal(why=why, note=note, date=m.value, time=time, timezone=zone, **base)


def _window(ctx: Context, sentence: Sentence, start: Mention | None = None, end: Mention | None = None,
            length: Expr | None = None, at: int | None = None, restated: Expr | None = None) -> Proposal:
    parts = [p for p in (start, end) if p is not None]
    spans = [(p.start, p.end) for p in parts] + ([(length.start, length.end)] if length else [])
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    judge = start.value if start else end.value if end else None
    past = _is_past(judge, ctx.published) if judge else None
    base = _base(ctx, sentence, first, last, past)
    if base["kind"] in ("event", "announcement", "tariff", "effective-date", "export-control"):
        base["kind"] = "suspension" if "暂停" in ctx.norm[sentence.start:sentence.end] else "period"
    texts: list[str] = []
    notes: list[str] = []
    since = until = last_day = None
    assumed = None
    if start:
        since = start.value
        texts += start.texts
        notes.append(f"starts {since} ({start.how}{_describe_time(start.time)})")
    if end:
        until = _until(end)
        texts += end.texts
        if end.inclusive:
            last_day = end.value
            notes.append(f"the last day in force is {end.value} (an inclusive end{_describe_time(end.time)}), "
                         f"so it has ended on {until}")
        else:
            notes.append(f"ends at {until}{_describe_time(end.time) or ' (an exclusive end: on that day it has ended)'}"
                         f" ({end.how})")
    dur = length.duration if length else None
    if length:
        texts.append(ctx.text[length.start:length.end])
        notes.append(f"lasts {dur}")
    if since is None and until is None and dur is not None and length is not None:
        since = Day.from_date(ctx.published)
        assumed = (f"The text gives the length ({ctx.text[length.start:length.end]}) but not when it starts; "
                   f"taken to start on the article's date, {since}.")
    if since is not None and until is not None:
        dur = None  # two of start, for and until are enough
    why = " ".join(dict.fromkeys(texts))
    note = f'"{why}": ' + "; ".join(notes) + "."
    time = None
    zone = None
    also = restated.duration if restated is not None and dur is None else None
    if also is not None:
        note = note[:-1] + f"; the text also gives its length, {also}."
    return Proposal(why=why, note=note, since=since, since_assumed=assumed, until=until, last_day=last_day,
                    length=dur, time=time, timezone=zone, also_for=also, **base)


def _postponed(ctx: Context, sentence: Sentence, base_mention: Mention, length: Expr) -> Proposal | None:
    dur = length.duration or Duration()
    try:
        value = add(base_mention.value, dur)
    except ValueError:  # 90 days after a month is not a date at any precision the text gives
        return None
    base = _base(ctx, sentence, length.start, length.end, False)
    base["kind"] = "postponement"
    why = ctx.text[length.start:length.end]
    note = (f'"{why}": {base_mention.texts[0]} ({base_mention.value}) moved by {dur}, '
            f"as the text says the date{'s' if len(ctx.previous_points) > 1 else ''} may be postponed.")
    return Proposal(why=why, note=note, date=value, **base)
