"""Page furniture: the parts of a news page that are not sentences of its story.

Dates on them are the page's (when it was posted, updated, photographed), not
events.  Found by structure, not by outlet:

- the lines above the story: a headline, a byline, a stamp, a label such as
  "FOR IMMEDIATE RELEASE" - short lines with no sentence terminator before the
  first line that is a sentence (or a long or hard-wrapped line); a single
  such line only when a blank line follows it or it looks like a headline;
- a stamp anywhere: a short line without a terminator that gives a clock time
  ("2025/11/05 21:14", "Updated 1:14 AM GMT+8, November 1, 2025") or opens with
  a label (更新時間, 發布日期, Updated, Published);
- a photo caption: a line that opens with 圖為/图为/圖：/Photo: or carries a
  credit (Photographer:, 資料圖片, REUTERS/, Getty Images);
- a closing credit: "(Reporting by …)", "（責任編輯：…）";
- a footnote: a line that opens with a note mark glued to its text ("*Data as of
  Oct. 31", "†", "註：") or a source label ("Source:", 資料來源：);
- a link to another story: 【延伸閱讀】…, "Related: …", "Read more: …";
- a dateline at the head of a line: "WASHINGTON, Nov 10 (Reuters) -", "Taipei, Nov. 10 (CNA)",
  "（中央社記者林OO台北10日電）" (the story that follows it is kept).
"""

from __future__ import annotations

import bisect
import re

from timeline.extract.sentences import _wrapped

_TERMINATORS = "。！？.!?…"
_CLOSERS = "」』”’\"')）》】]"
_TOP_LINES = 8  # lines above the story, at most
_SHORT = 120  # characters: a line above the story is shorter than this
_STAMP_SHORT = 90
_CLOCK = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])"  # 09:59, 09:59:13
                    r"|(?<![\d.])(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|HKT|[ap]\.?m\b)")  # 10.32 GMT
_STAMP_LABEL = re.compile(
    r"^\s*(?:[(\[【]\s*)?(?:更新|发布|發佈|发表|發表|首发|首發|最后更新|最後更新|出版|上载|上載)(?:时间|時間|日期|于|於)?\s*[:：]"
    r"|^\s*(?i:(?:last\s+)?updated|published|posted|first\s+published|date\s+posted)\b"
    r"|^\s*(?i:by)\s+[A-Z][\w.'’ -]{1,40}\s*[|｜]")  # a byline with the page's date: "By Jane Doe | Nov 10, 2025"
_CAPTION = re.compile(
    r"^\s*(?:[(\[【〔（]\s*)?(?:图|圖)\s*(?:为|為|说|說|片|\d|[:：／/])"
    r"|^\s*(?:FILE\s+PHOTO\b|(?i:photo|image|caption|pictured)\s*[:：])"
    r"|(?i:photographer\s*:|photo\s*(?:credit)?\s*:|\((?:ap\s+)?photo\b|getty\s+images\W*$|via\s+reuters\W*$)"
    r"|REUTERS/[A-Z]|(?:资|資)料(?:图|圖|照)|(?:图|圖)片(?:来|來)源|[(（](?:图|圖)\s*[／/:：]")
# A list item is content however short: "- Tariffs suspended until 10 November", "(一)", "1.", "①".
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●◆■]\s|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、)]\s*\S|[一二三四五六七八九十]{1,3}、|[①-⑳])")
# Words of an event: a short line with a clock that says one is no stamp ("12:01 a.m. EST: tariffs cut").
_EVENT_WORDS = re.compile(
    r"起|至|到期|前|生效|实施|實施|施行|截止|届满|屆滿|暂停|暫停|关税|關稅"
    r"|(?i:\b(?:effective|until|through|from|by|before|after|expires?|begins?|starts?|takes?\s+effect|tariffs?|duties)\b)")
_FOOTNOTE = re.compile(
    r"^\s*(?:\*+(?=[^\s*])|[†‡]|(?:注|註|附注|附註|资料来源|資料來源|数据来源|數據來源)\s*[:：]|(?i:sources?)\s*:)")
_CREDIT = re.compile(
    r"^\s*[(（]\s*(?:(?i:reporting|writing|editing|additional\s+reporting)\s+by\b"
    r"|(?:责任编辑|責任編輯|编辑|編輯|记者|記者|撰稿|校对|校對)\s*[:：])")
# One short line right above the story is a headline only when it looks like one (a blank line
# between, phrases set apart by spaces, 【…】, a "|", Title Case, whose small words - to, of, the -
# and numbers - Section 301 - may stand in lower case or digits); otherwise it may be the first
# piece of a hard-wrapped sentence.
_HEADLINE = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff0-9]|[【】|｜]|^\s*[A-Z][\w'’-]*[,:;]?\s+(?:(?:[A-Z0-9][\w'’.-]*|a|an|and|as|at|by|for|from|in|of|on|or|over|the|to|with)[,:;]?\s+){2,}[A-Z0-9][\w'’-]*\s*$")
_MONTH_EN = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATELINE_EN = re.compile(
    rf"^\s*[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ -]{{1,30}})?,\s*{_MONTH_EN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?\s*(?:-{1,2}|—|–)")
# "Taipei, Nov. 10 (CNA)": a city in Title Case is a dateline when an agency in brackets follows the day.
_DATELINE_AGENCY = re.compile(
    rf"^\s*[A-Z][A-Za-z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ -]{{1,30}})?,\s*{_MONTH_EN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"\s*\([A-Z][A-Za-z .&-]{1,30}\)\s*(?:-{1,2}|—|–)?")
# A link to another story: "【延伸閱讀】…", "Related: …", "Read more: …".
_LINK = re.compile(r"^\s*(?:[【\[(（]\s*)?(?:延伸[阅閱][读讀]|相[关關](?:新[闻聞]|[阅閱][读讀]|[报報]道|文章)|推荐[阅閱][读讀]|推薦[閱阅][讀读]|看更多)"
                   r"|^\s*(?i:related|read\s+more|see\s+also|more\s+on\s+this\s+story)\s*[:：]")
_DATELINE_ZH = re.compile(r"^\s*[(（【][^()（）【】\n]{0,40}?(?:电|電|讯|訊|报道|報導|报导)\s*[)）】]")


def furniture(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) spans of `text` that are page furniture."""
    spans: list[tuple[int, int]] = []
    lines = _lines(text)
    story = _first_story_line(text, lines)
    top = story is not None and 0 < story <= _TOP_LINES and (
        story >= 2 or text.count("\n", lines[0][1], lines[story][0]) >= 2 or _HEADLINE.search(text[lines[0][0]:lines[0][1]]))
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if top and story is not None and i < story:
            spans.append((a, b))
        elif _is_stamp(line) or _CAPTION.search(line) or _CREDIT.match(line) or _FOOTNOTE.match(line) or _LINK.match(line):
            spans.append((a, b))
        else:
            head = _DATELINE_EN.match(line) or _DATELINE_AGENCY.match(line) or _DATELINE_ZH.match(line)
            if head:
                spans.append((a, a + head.end()))
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """True when `position` falls in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its line end."""
    out = []
    start = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if body.strip():
            out.append((start, start + len(body)))
        start += len(raw)
    return out


_TRAILING_CREDIT = re.compile(r"[(（][^()（）]{1,12}[)）]\s*$")  # "…措施。(美聯)", "（路透社）"


def _terminated(line: str, lead_in: bool = False) -> bool:
    """Ends as a sentence does (or, with `lead_in`, as a line that introduces a list: "如下：")."""
    body = _TRAILING_CREDIT.sub("", line.rstrip()).rstrip().rstrip(_CLOSERS).rstrip()
    return bool(body) and body[-1] in _TERMINATORS + (":：;；" if lead_in else "")


def _first_story_line(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The index of the first line of the story among the first lines: a sentence
    that ends, a long line, or a line hard-wrapped into such a line."""
    head = min(len(lines), _TOP_LINES + 2)
    story = [False] * head
    for i in reversed(range(head)):
        a, b = lines[i]
        line = text[a:b]
        if _is_stamp(line) or _CAPTION.search(line):
            continue
        if len(line.strip()) > _SHORT or _terminated(line, lead_in=True) or _LIST_ITEM.match(line):
            story[i] = True
        elif not _HEADLINE.search(line) and i + 1 < len(lines) and lines[i + 1][0] <= b + 2 and _wrapped(line, text[lines[i + 1][0]:lines[i + 1][1]]):
            story[i] = story[i + 1] if i + 1 < head else True
    return next((i for i in range(head) if story[i]), None)


def _is_stamp(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > _STAMP_SHORT or _terminated(stripped) and not stripped.endswith(("a.m.", "p.m.")):
        return False
    if _STAMP_LABEL.match(stripped):
        return True
    return bool(_CLOCK.search(stripped)) and not _EVENT_WORDS.search(stripped) and not _LIST_ITEM.match(stripped)
