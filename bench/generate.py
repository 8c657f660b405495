"""Realistic generated data for the benchmarks: a data file of N events and the
seed texts they quote, deterministic for a given (N, seed).

The shape follows the shipped file, scaled: one source (a news article in
Chinese or English, 30 to 60 sentences, with a header line, captions
without a full stop and repeated "廣告" lines) for about every 15 events;
each event quotes one sentence of its source (sometimes two in a row, or a
clause from the middle of one), and is dated by a day, a month, a season or
a year (some qualified), an anchor against its source's date (`this:`,
`next:`, `last:` + weekday, month, season or MM-DD), an offset from an
earlier event, a window (`start`/`for`/`until`, some with an assumed start
and the other reading as `alternative:`), a time with a zone, or nothing.
About one event in six links to earlier ones.  Some English sentences name
"S&P Global" or "AT&T": an '&' in a quote, as news text has.

    python bench/generate.py 10000 /tmp/data   # writes /tmp/data/events.yaml and /tmp/data/seeds/
"""

from __future__ import annotations

import datetime
import random
import sys
from pathlib import Path

EVENTS_PER_SOURCE = 15
KINDS = ("tariff", "suspension", "export-control", "meeting", "visit", "truce", "countermeasure",
         "extension", "schedule", "sanction", "investigation", "ruling")
WINDOW_KINDS = ("suspension", "truce", "extension")
PARTIES = ("US", "CN", "EU", "JP", "KR", "UK", "IN", "MX", "CA", "BR")
TAGS = ("tariffs", "export-controls", "technology", "diplomacy", "summit", "rare-earths",
        "agriculture", "shipping", "fentanyl", "semiconductors", "steel", "energy")
ZONES = ("Asia/Seoul", "Asia/Shanghai", "Europe/Brussels", "America/New_York", "Asia/Tokyo", "UTC")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
SEASONS = ("spring", "summer", "autumn", "winter")
LENGTHS = ("1 year", "6 months", "90 days", "180 days", "2 years", "30 days")
OFFSETS = ("90 days", "30 days", "6 months", "1 year", "60 days", "-30 days", "2 weeks")

ZH_WHO = ("中國商務部", "美國貿易代表辦公室", "特朗普", "習近平", "歐盟委員會", "日本經濟產業省", "韓國產業通商資源部",
          "中國外交部發言人", "白宮發言人", "美國財政部", "新華社", "央視")
ZH_VERB = ("表示", "宣布", "指出", "透露", "確認", "強調")
ZH_WHAT = ("將暫停實施對{p}商品加征的{n}%關稅一年", "將於{m}月{d}日起實施新的出口管制措施",
           "同意繼續延長部分關稅排除措施", "將在明年{m}月訪問{p}", "對{p}的反制措施將於{m}月{d}日到期",
           "將下調對{p}徵收的{n}%關稅", "計劃在今年{m}月舉行新一輪貿易談判", "已將{n}家{p}企業列入實體清單",
           "將在{n}天內公佈調查結果", "預計於當地時間{h}:{mm}結束會議", "稀土出口管制措施將暫停{n}個月",
           "雙方將恢復大豆等農產品采購")
ZH_TAIL = ("，這是雙方會晤後的主要成果", "，但細節尚未公佈", "，市場對此反應平淡", "，分析人士認為影響有限",
           "，並稱這是一場「非常棒的會晤」", "")
EN_WHO = ("The Commerce Ministry", "The US Trade Representative", "President Trump", "Xi Jinping",
          "The European Commission", "Japan's trade ministry", "A White House spokesperson",
          "The Treasury Department", "Officials in Beijing", "Analysts at S&P Global")
EN_VERB = ("said", "announced", "confirmed", "told reporters", "noted", "stressed")
EN_WHAT = ("that the {n}% tariff on goods from {p} would be suspended for one year",
           "that new export controls would take effect on {M} {d}",
           "that some tariff exclusions would be extended further",
           "that the president would visit {p} next {M}",
           "that countermeasures against {p} would expire on {M} {d}",
           "that the tariff on {p} would be cut by {n} percentage points",
           "that a new round of talks was planned for {M}",
           "that {n} companies from {p} had been added to the entity list",
           "that the findings of the investigation would be published within {n} days",
           "that the meeting was scheduled to end at {h}:{mm} local time")
EN_TAIL = (", the main outcome of the talks", ", although no details were given",
           ", a move AT&T and other firms had largely expected", ", according to a statement released late on Thursday", "")


def _sentence(rng: random.Random, zh: bool) -> str:
    fill = {"p": rng.choice(PARTIES), "n": rng.randint(2, 99), "m": rng.randint(1, 12), "d": rng.randint(1, 28),
            "M": rng.choice(MONTHS).capitalize(), "h": rng.randint(8, 18), "mm": f"{rng.randrange(0, 60, 5):02d}"}
    if zh:
        return (rng.choice(ZH_WHO) + rng.choice(ZH_VERB) + "，" + rng.choice(ZH_WHAT).format(**fill)
                + rng.choice(ZH_TAIL) + "。")
    return (f"{rng.choice(EN_WHO)} {rng.choice(EN_VERB)} {rng.choice(EN_WHAT).format(**fill)}"
            f"{rng.choice(EN_TAIL)}.")


def _seed_text(rng: random.Random, zh: bool, published: datetime.date, sentences: int) -> tuple[str, list[str]]:
    """The article and its quotable passages: each sentence, and two sentences in a row of a paragraph."""
    lines = [f"date {published.isoformat()} " + ("會晤結束後的記者會 [REUTERS]" if zh else "Leaders meet at the summit [Reuters]"), ""]
    quotable: list[str] = []
    while len(quotable) < sentences:
        paragraph = [_sentence(rng, zh) for _ in range(rng.randint(1, 4))]
        joiner = "" if zh else " "
        quotable.extend(paragraph)
        quotable.extend(a + joiner + b for a, b in zip(paragraph, paragraph[1:], strict=False) if rng.random() < 0.3)
        lines += [joiner.join(paragraph), ""]
        roll = rng.random()
        if roll < 0.15:
            lines += ["廣告 廣告" if zh else "Advertisement", ""]
        elif roll < 0.3:
            lines += [("雙方官員在會後握手 [Getty Images]" if zh else "Officials shake hands after the talks [Getty Images]"), ""]
    return "\n".join(lines) + "\n", quotable


def _quote(rng: random.Random, sentences: list[str]) -> str:
    i = rng.randrange(len(sentences))
    if rng.random() < 0.05:
        words = sentences[i]
        return words[len(words) // 3:]  # a clause from the middle of a sentence
    return sentences[i]


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(folder: Path, count: int, seed: int = 20251031) -> Path:
    """Write `folder/events.yaml` with `count` events and `folder/seeds/*.txt`; return the data file."""
    rng = random.Random(seed * 1_000_003 + count)
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    n_sources = max(3, -(-count // EVENTS_PER_SOURCE))
    out = ["# Generated by bench/generate.py: realistic shape, invented content.", "format: 1", "", "sources:"]
    sources = []
    base = datetime.date(2025, 1, 6)
    for s in range(n_sources):
        zh = rng.random() < 0.6
        published = base + datetime.timedelta(days=rng.randrange(0, 720))
        text, quotable = _seed_text(rng, zh, published, rng.randint(30, 60))
        name = f"seeds/src-{s:05d}.{'zh-Hant' if zh else 'en'}.txt"
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")  # some seeds saved on Windows
        (folder / name).write_bytes(text.encode("utf-8"))
        sid = f"src-{s:05d}"
        sources.append((sid, published, quotable, zh))
        out += [f"  - id: {sid}", f"    file: {name}", f"    published: {published.isoformat()}",
                f"    title: Generated article {s}", f"    publisher: {'BBC News 中文' if zh else 'Reuters'}",
                f"    language: {'zh-Hant' if zh else 'en'}"]
    out += ["", "defaults:", "  warn: [30d, 7d, 1d]", "  warn_mode: once", "", "events:"]
    days: list[str] = []  # ids of events dated to the day (offset targets)
    windows: list[str] = []  # ids of windows with a known end
    ids: list[str] = []
    for n in range(count):
        sid, published, quotable, zh = sources[min(n // EVENTS_PER_SOURCE, n_sources - 1)]
        kind = rng.choice(KINDS)
        eid = f"{kind}-{n}"
        day = published + datetime.timedelta(days=rng.randrange(-200, 500))
        lines = [f"  - id: {eid}", f"    title: {_yaml_str(f'Generated {kind} {n}: measure on {rng.choice(PARTIES)} goods')}"]
        if zh:
            lines.append(f"    title_original: {_yaml_str(rng.choice(quotable)[:20])}")
        lines += [f"    kind: {kind}", f"    certainty: {rng.choice(('confirmed', 'announced', 'announced', 'expected', 'possible'))}",
                  f"    parties: [{', '.join(rng.sample(PARTIES, rng.randint(1, 3)))}]",
                  f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 2)))}]"]
        roll = rng.random()
        is_day = False
        if roll < 0.22:
            lines.append(f"    date: {day.isoformat()}")
            is_day = True
        elif roll < 0.28:
            lines.append(f"    date: '{day.isoformat()[:7]}{rng.choice(('', '', '', '?', '~'))}'")
        elif roll < 0.31:
            lines.append(f"    date: '{day.year}-{rng.randint(21, 24)}'")
        elif roll < 0.33:
            lines.append(f"    date: '{day.year}'")
        elif roll < 0.45:
            which, what = rng.choice((("this", WEEKDAYS), ("next", MONTHS), ("this", MONTHS), ("next", SEASONS),
                                      ("last", MONTHS), ("next", WEEKDAYS)))
            value = rng.choice(what)
            lines += ["    date:", f"      from: {sid}", f"      {which}: {value}",
                      f"      note: The article says \"{which} {value}\"."]
            if rng.random() < 0.2:
                lines += ["      alternative:", f"        on: '{published.year + 1}'",
                          "        note: Another report gives only the year."]
            is_day = what is WEEKDAYS
        elif roll < 0.50:
            mmdd = f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            lines += ["    date:", f"      from: {sid}", f"      this: '{mmdd}'",
                      "      note: A day and month with no year; the year is the article's."]
            is_day = True
        elif roll < 0.58 and days:
            lines += ["    date:", f"      from: {rng.choice(days[-200:])}", f"      offset: {rng.choice(OFFSETS)}"]
            if rng.random() < 0.3:
                lines.append("      assumed: The article counts from the earlier measure; it does not say so.")
            is_day = True
        elif roll < 0.61 and windows:
            lines += ["    date:", f"      from: {rng.choice(windows[-200:])}.end"]
        elif roll < 0.67:
            lines += [f"    date: {day.isoformat()}", f"    time: \"{rng.randint(7, 20):02d}:{rng.randrange(0, 60, 15):02d}\"",
                      f"    timezone: {rng.choice(ZONES)}"]
        elif roll < 0.75:
            lines += ["    window:", f"      start: {day.isoformat()}", f"      for: {rng.choice(LENGTHS)}"]
            windows.append(eid)
        elif roll < 0.79:
            lines += ["    window:", f"      until: {day.isoformat()}", f"      for: {rng.choice(LENGTHS)}"]
            windows.append(eid)
        elif roll < 0.86 and days:
            lines += ["    window:", "      start:", f"        from: {rng.choice(days[-200:])}",
                      "        assumed: >-", "          The article says the measure continues for a year but not",
                      "          from when; the year is taken to run from the earlier measure.",
                      "        alternative:", f"          from: {sid}",
                      "          note: A year from the announcement.",
                      f"      for: {rng.choice(LENGTHS)}"]
            windows.append(eid)
        elif roll < 0.90:
            lines += ["    window:", "      until:", f"        from: {sid}",
                      f"        this: '{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'",
                      "        note: The article gives the day it expires, not the year."]
        elif roll < 0.95:
            lines += ["    window:", f"      start: '{day.isoformat()[:7]}'", f"      until: {(day + datetime.timedelta(days=400)).isoformat()}"]
            windows.append(eid)
        else:
            lines.append("    note: The article gives no date.")
        lines.append("    sources:")
        for _ in range(1 if rng.random() < 0.7 else 2):
            lines += [f"      - source: {sid}", f"        quote: {_yaml_str(_quote(rng, quotable))}"]
        if ids and rng.random() < 0.16:
            relation = rng.choice(("answers", "suspends", "postpones", "part_of", "see_also"))
            targets = rng.sample(ids[-50:], min(len(ids[-50:]), rng.randint(1, 2)))
            lines += ["    links:", f"      {relation}: [{', '.join(targets)}]"]
        if rng.random() < 0.1:
            lines.append(f"    warn: [{rng.choice(('90d, 30d, 7d', '14d, 1d', '60d'))}]")
        out += lines + [""]
        ids.append(eid)
        if is_day:
            days.append(eid)
    path = folder / "events.yaml"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/generate.py COUNT FOLDER")
    print(generate(Path(sys.argv[2]), int(sys.argv[1])))
