"""Words around an expression: its role (start, end, deadline), the certainty
its clause gives, and the kind of event.  Patterns read the normal form
(Simplified characters), so Traditional text matches alike."""

from __future__ import annotations

import functools
import re

# --- roles -----------------------------------------------------------------

START_BEFORE = re.compile(
    r"(?:自|从|由|(?i:beginning|begins|began|starting|starts|started|commencing|commences|effective|effective\s+from|"
    r"as\s+from|as\s+of|from|on\s+or\s+after|in\s+effect\s+from))\s*(?:(?i:on|at)\s+)?$")
SINCE_BEFORE = re.compile(r"(?:自从|(?i:since))\s*(?:(?i:on|at)\s+)?$")  # "as of" is a start: "effective as of December 1"
RETROACTIVE = re.compile(r"(?:追溯至|追溯到|溯及|(?i:retroactive(?:ly)?\s+(?:to|as\s+of)))\s*(?:(?i:on|at)\s+)?$")
START_AFTER = re.compile(r"^\s*(?:起|开始|零时起)")
SINCE_AFTER = re.compile(r"^\s*(?:以来|来)")
END_BEFORE_INCLUSIVE = re.compile(
    r"(?:(?<!截)至|(?<![达受收看])到|直至|直到|截止到|截止|延长至|延至|延期至|(?i:through|thru|to\s+and\s+including|ending|ending\s+on|\bto))"
    r"\s*(?:(?i:on|at)\s+)?$")
END_BEFORE_EXCLUSIVE = re.compile(
    r"(?i:until|till|til|expires?|expiring|expired|set\s+to\s+expire|to\s+expire|ends?)\s*(?:(?i:on|at)\s+)?$")
END_AFTER_EXCLUSIVE = re.compile(r"^\s*(?:到期|届满|期满|结束(?![\u4e00-\u9fff])|失效)")  # 结束贸易谈判 is an event on the day
END_AFTER_INCLUSIVE = re.compile(r"^\s*(?:止|为止|截止)")
DEADLINE_BEFORE = re.compile(r"(?i:by|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|before|deadline\s+of)\s*(?:(?i:on|at)\s+)?$")
DEADLINE_AFTER = re.compile(r"^\s*(?:前|之前|以前)")
RANGE_GAP = re.compile(r"^\s*(?:(?P<incl>至|到|-|~|(?i:to|through|thru|and))|(?P<excl>(?i:until|till)))\s*(?:(?i:on|at)\s+)?$")
BETWEEN = re.compile(r"(?i:between)\s*$")
POSTPONE = re.compile(r"推迟|延后|推后|延期|顺延|(?i:postpone|delay|defer|push(?:ed)?\s+back)")

# --- certainty -------------------------------------------------------------

POSSIBLE = re.compile(r"可能|或将|或许|也许|恐将|不排除|或(?=继续|会|再|于|在)|\b(?:may|might|could|possibly)\b")
PAST_PLAN = re.compile(r"原定|原订|\b(?i:originally\s+(?:scheduled|set|due|planned))\b")
EXPECTED = re.compile(
    r"预计|预期|计划|计画|拟|打算|有望|预定|料将|预料|期待|原本|力拚|力拼|力争|力求|争取|最快|可望|欢迎|歡迎|"
    r"\b(?i:plans?|planned|planning|expects?|expected|scheduled|slated|set\s+to|set\s+for|aims?\s+to|intends?|anticipated|likely|due\s+to)\b")
ANNOUNCED = re.compile(r"将|承诺|同意|答应|(?<![机社员大协学工都开聚约宴年国议部])会(?!晤|谈|议|面|见|同|长|员|计|场|上|后|所|期)|\b(?i:will|shall|agreed\s+to|agrees?\s+to|pledged?\s+to|committed\s+to|promised?\s+to|is\s+going\s+to|are\s+going\s+to|is\s+to|are\s+to)\b")
FUTURE = re.compile(r"将于|将在|将会|将|计划|预计|拟|寻求|争取|力争|\b(?i:seeks?\s+to|aims?\s+to|hopes?\s+to|will|would|shall|plans?\s+to|planned|expected|scheduled|set\s+to|due|slated|upcoming"
                    r"|takes?\s+effect|comes?\s+into\s+force|begins?|starts?|expires?|resumes?|kicks?\s+off|must"
                    r"|to\s+(?:meet|discuss|sign|vote|decide|hold|announce|visit|talk|resume|review|consider|conclude|release|publish|unveil))\b")
# the present of a schedule; an obligation ("importers must pay"); an act to come ("a framework to discuss on Thursday")
PAST = re.compile(r"了|已经|已|曾|此前|当时|早前|日前|\b(?i:took|was|were|had|did|said|met|began|came|went|made|held|cut|set|put|\w{3,}ed)\b")
_CLAUSE_END = re.compile(r"[,;:。!?]|\s[-]\s")


WINDOW = 300  # characters: how far cues are looked for around an expression (bounds the work per date)


def clause(norm: str, start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence (between commas, semicolons, colons) around [start, end),
    at most WINDOW characters either side."""
    floor = max(0, start - WINDOW)
    left = max((m.end() for m in _CLAUSE_END.finditer(norm, floor, start)), default=floor)
    right_match = _CLAUSE_END.search(norm, end, end + WINDOW)
    right = right_match.start() if right_match else min(len(norm), end + WINDOW)
    return left, right


def certainty(norm: str, start: int, end: int, past: bool | None) -> str:
    """confirmed, announced, expected or possible, from the cues in the expression's clause
    (or, when it has none, the sentence before it).  `past`: the date lies before the article's."""
    left, _ = clause(norm, start, end)
    for text in (norm[left:end], norm[max(0, end - WINDOW):end]):
        if POSSIBLE.search(text):
            return "possible"
        if PAST_PLAN.search(text):
            return "confirmed"
        if EXPECTED.search(text):
            return "expected"
        if ANNOUNCED.search(text):
            return "confirmed" if past else "announced"
    return "confirmed" if past is not False else "announced"


def is_future(norm: str, start: int, end: int) -> bool:
    """A future cue before the expression in its clause ("将于周四", "will … on Thursday")."""
    return tense(norm, start, end) == "future"


def tense(norm: str, start: int, end: int) -> str | None:
    """"future" or "past": the nearer kind of cue before the expression in its clause
    ("will take effect on", "took effect on", "将于", "已于"); None without one."""
    left, right = clause(norm, start, end)
    before = norm[left:start]
    if PAST_PLAN.search(before):
        return None
    if not FUTURE.search(before) and not PAST.search(before) and FUTURE.search(norm[max(0, left - WINDOW):left]):
        return "future"  # "The EU will vote on …, with the rest on December 1"
    future = [m.end() for m in FUTURE.finditer(before)]
    near = max(0, len(before) - 25)  # a past verb governs only a date right after it ("took effect on")
    past = [m.end() for m in PAST.finditer(before, near) if not FUTURE.fullmatch(m.group(0))]
    if not future and not past:
        found = _tense_after(norm, end, right)
        if found is None and not norm[end:right].strip() and norm[right:right + 1] == ",":
            _, following = clause(norm, right + 1, right + 1)  # "From Tuesday, duties will be collected"
            found = _tense_after(norm, right + 1, following)
        return found
    return "future" if max(future, default=-1) >= max(past, default=-1) else "past"


def _tense_after(norm: str, end: int, right: int) -> str | None:
    """With no cue before it, the English verb right after a date that opens its clause or names a
    thing ("The April 2 tariffs were paused", "On April 2 the rates will rise"): the first cue after it."""
    after = norm[end:min(right, end + 30)]
    if PAST_PLAN.search(after):
        return None
    found = [(m.start(), "future") for m in FUTURE.finditer(after) if m.group(0).isascii()]
    found += [(m.start(), "past") for m in PAST.finditer(after) if m.group(0).isascii() and not FUTURE.fullmatch(m.group(0))]
    return min(found)[1] if found else None  # English verbs only: 将 after 周一签署行政令 is what the order does


def is_since(norm: str, start: int, end: int) -> bool:
    """"自1月…以来", "since January": a past date."""
    left, right = clause(norm, start, end)
    return bool(SINCE_BEFORE.search(norm[left:start]) or re.search(r"以来", norm[end:right])
                or SINCE_AFTER.match(norm, end))


# --- kinds -----------------------------------------------------------------

KINDS = [
    ("postponement", r"推迟|延后|推后|顺延|(?i:postpone|delay|defer)"),
    ("suspension", r"暂停|暂缓|中止|停止实施|停止执行|(?i:suspen|pause|halt)"),
    ("extension", r"延长|延期|展期|续期|(?i:extend|extension|renew)"),
    ("expiry", r"到期|届满|期满|失效|(?i:expir|lapse)"),
    ("meeting", r"会晤|会谈|会面|峰会|磋商|谈判|(?i:meeting|summit|talks|met\b)"),
    ("visit", r"访华|访美|访问|回访|(?i:visit)"),
    ("export-control", r"出口管制|管控|管制|实体清单|(?i:export\s+control|entity\s+list|affiliates\s+rule)"),
    ("tariff", r"关税|税率|(?i:tariff|duty|duties)"),
    ("purchase", r"采购|购买|(?i:purchas|buy)"),
    ("effective-date", r"生效|实施|施行|(?i:effective|take\s+effect|takes\s+effect|in\s+effect)"),
    ("announcement", r"宣布|公布|发布|公告|签署|(?i:announc|issued|published|signed)"),
]
_KINDS = [(kind, re.compile(rx)) for kind, rx in KINDS]


def kind(norm: str, start: int, end: int) -> str:
    """The kind of event the clause (else the sentence) speaks of."""
    left, right = clause(norm, start, end)
    return _kind_in(norm[left:right]) or _kind_in(norm[max(0, start - WINDOW):end + WINDOW]) or "event"


@functools.lru_cache(maxsize=256)
def _kind_in(text: str) -> str | None:
    for name, pattern in _KINDS:
        if pattern.search(text):
            return name
    return None
