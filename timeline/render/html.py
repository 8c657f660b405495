"""JSON contract objects → one self-contained HTML page: a horizontal timeline
drawn by inline JavaScript, over a full text list of every event.

Input is what `timeline show ID --json` prints for each entry (plus optional
`revisions` and `stale`), and a `meta` object; nothing here touches the core's
records.  All data is untrusted text: it reaches the page escaped (HTML text and
attributes) or as JSON inside a non-executed script element that the page's
script reads with `textContent` and writes with `textContent` only.  A Content
Security Policy with hashes of the page's own style and script forbids anything
else, including any request leaving the page."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from collections.abc import Iterable
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from timeline.render.json import JSON, page_model, party_order
from timeline.render.partial import Period, period
from timeline.views import PageView

CERTAINTIES = ("confirmed", "announced", "expected", "possible")
RECIPROCAL = {"answers": "answers", "answered by": "answers", "suspends": "suspends", "suspended by": "suspends"}


def page(entries: list[JSON], meta: JSON) -> str:
    """The page for `entries` (JSON contract objects) as of `meta["as_of"]`."""
    ordered = sorted(entries, key=_sort_key)
    css = _asset("page.css")
    script = _asset("page.js")
    data = {
        "asOf": _day_number(meta.get("as_of")),
        "asOfText": meta.get("as_of") or "",
        "staleText": _stale_label(meta),
        "items": [_item(e) for e in ordered],
        "partyOrder": party_order(ordered),
    }
    title = meta.get("title") or "Timeline"
    present = {str(e.get("id")) for e in ordered}
    dated = sum(1 for e in ordered if e.get("date") or e.get("since") or e.get("until"))
    policy = ("default-src 'none'; "
              f"script-src '{_hash(script)}'; style-src '{_hash(css)}'; "
              "base-uri 'none'; form-action 'none'")
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)} — as of {escape(meta.get('as_of') or '')}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        _asset("defs.svg").strip(),
        _header(title, meta, len(ordered), dated),
        _controls(ordered),
        '<main>',
        _chart(len(ordered) - dated),
        '<section id="detail" class="detail" aria-live="polite" aria-label="Selected event" hidden></section>',
        '<section class="list" aria-labelledby="list-title">',
        f'<h2 id="list-title">All {len(ordered)} events, in date order</h2>',
        '<ol class="entries">',
        *(_article(e, meta, present) for e in ordered),
        "</ol>",
        "</section>",
        "</main>",
        f'<footer>Made with <code>timeline html</code> as of {escape(meta.get("as_of") or "")}. '
        "Every date quotes its source; dates marked assumed rest on a reading the source does not state.</footer>",
        f'<script type="application/json" id="timeline-data">{_script_json(data)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# --- the data the script draws --------------------------------------------------------


def _item(e: JSON) -> JSON:
    derivation = e.get("derivation") or {}
    point = since = until = None
    if e.get("window"):
        since = period(e.get("since"))
        until = period(e.get("until"))
    else:
        point = period(e.get("date"), e.get("qualifier"))
    revisions = e.get("revisions") or []
    return {
        "id": str(e.get("id", "")),
        "title": str(e.get("title") or e.get("id") or ""),
        "kind": str(e.get("kind") or ""),
        "certainty": str(e.get("certainty") or ""),
        "parties": [str(p) for p in e.get("parties") or []],
        "status": e.get("status"),
        "assumed": bool(e.get("assumed")),
        "cancelled": any(r.get("cancelled") for r in revisions),
        "when": when_text(e),
        "point": _span(point),
        "since": _span(since),
        "until": _span(until),
        "ghost": _ghost(e, derivation, point, since, until),
        "was": [_was(r) for r in revisions if period(r.get("from"))],
        "links": [{"relation": RECIPROCAL[link["relation"]], "id": str(link.get("id")),
                   "forward": link["relation"] in ("answers", "suspends")}
                  for link in e.get("links") or [] if link.get("relation") in RECIPROCAL],
    }


def _span(p: Period | None) -> list[int | str] | None:
    return [*p.day_numbers(), p.precision] if p else None


def _ghost(e: JSON, derivation: JSON, point: Period | None, since: Period | None,
           until: Period | None) -> list[int] | None:
    """The other reading's extent, in day numbers, or None when there is none."""
    if point is not None:
        alternative = (derivation.get("date") or {}).get("alternative")
        other = period(alternative.get("value")) if alternative else None
        return list(other.day_numbers()) if other else None
    alt_since = (derivation.get("since") or {}).get("alternative")
    alt_until = (derivation.get("until") or {}).get("alternative")
    if not (alt_since or alt_until):
        return None
    start = period(alt_since["value"]) if alt_since else since
    end = period(alt_until["value"]) if alt_until else until
    if start is None or end is None:
        return None
    first, _ = start.day_numbers()
    end_first, end_after = end.day_numbers()
    return [first, end_first if end.precision == "day" else end_after]


def _was(revision: JSON) -> JSON:
    earlier = period(revision["from"])
    assert earlier is not None
    return {"field": revision.get("field"), "span": [*earlier.day_numbers(), earlier.precision],
            "text": earlier.describe()}


def _sort_key(e: JSON) -> tuple[bool, datetime.date | None, str]:
    first = period(e.get("date")) or period(e.get("since")) or period(e.get("until"))
    return (first is None, first.first if first else None, str(e.get("id")))


def _stale_label(meta: JSON) -> str:
    """Beside the as-of date on the chart, when the sources are old."""
    if not meta.get("stale"):
        return ""
    age = meta.get("source_age_days")
    return f"newest source {int(age)} days old" if age is not None else "sources may be out of date"


def _day_number(text: str | None) -> int | None:
    found = period(text)
    return found.day_numbers()[0] if found else None


# --- wording --------------------------------------------------------------------------


def when_text(e: JSON) -> str:
    """One line for an event's date: `April 2026 (day not known)`,
    `in force from 2025-10-30 (assumed) until 2026-10-30 (assumed)`."""
    derivation = e.get("derivation") or {}
    if e.get("window"):
        def end(name: str) -> str:
            found = period(e.get(name))
            if found is None:
                return "not known"
            text = found.describe() if found.precision == "day" else found.display()
            return text + (" (assumed)" if (derivation.get(name) or {}).get("assumed") else "")
        return f"in force from {end('since')} until {end('until')}"
    found = period(e.get("date"), e.get("qualifier"))
    if found is None:
        return "undated"
    text = found.display()
    if e.get("time"):
        text += f" {e['time']} {e.get('timezone') or ''}".rstrip()
        if e.get("instant"):
            text += f" ({e['instant'][:16].replace('T', ' ')} UTC)"
    if e.get("assumed"):
        text += " (assumed)"
    return text


def derivation_text(e: JSON) -> str:
    """The dates' derivation as `timeline show` prints it, from the JSON `derivation`."""
    derivation = e.get("derivation") or {}
    names = ("since", "until") if e.get("window") else ("date",)
    lines: list[str] = []
    shown: dict[str, str] = {}
    for name in names:
        if derivation.get(name):
            lines += _derivation_lines(name, derivation[name], 1, shown)
    return "\n".join(lines) if lines else "  no date: the sources give none"


def _derivation_lines(label: str, d: JSON, depth: int, shown: dict[str, str]) -> list[str]:
    """A window's start under its end is `(above)`, as in `show`: the JSON does not keep
    the core's object identity, so a since/until step equal to one printed is that one."""
    pad = "  " * depth
    key = json.dumps({k: v for k, v in d.items() if k != "label"}, sort_keys=True)
    if label in ("since", "until") and shown.get(key) == label:
        return [f"{pad}{label} {d.get('value')} (above)"]
    shown[key] = label
    lines = [f"{pad}{label} {d.get('value')} {d.get('how') or ''}".rstrip()]
    if d.get("note"):
        lines.append(f"{pad}  note: {d['note']}")
    if d.get("assumption"):
        lines.append(f"{pad}  assumed: {d['assumption']}")
    for base in d.get("basis") or []:
        lines += _derivation_lines(str(base.get("label", "")), base, depth + 1, shown)
    if d.get("alternative"):
        lines.append(f"{pad}  other reading:")
        lines += _derivation_lines(label, d["alternative"], depth + 2, shown)
    return lines


# --- HTML ------------------------------------------------------------------------------


def _header(title: str, meta: JSON, count: int, dated: int) -> str:
    as_of = escape(meta.get("as_of") or "")
    newest = meta.get("newest_source")
    facts = [f"As of <strong>{as_of}</strong>", f"{count} events, {dated} dated"]
    if newest:
        age = meta.get("source_age_days")
        facts.append(f"newest source {escape(newest)}" + (f" ({int(age)} days old)" if age is not None else ""))
    out = ['<header class="top">', f"<h1>{escape(title)}</h1>", f'<p class="facts">{" · ".join(facts)}</p>']
    if meta.get("stale"):
        age = meta.get("source_age_days")
        out.append(
            '<p class="stale" role="note"><strong>Data age:</strong> the newest source is from '
            f"{escape(newest or 'an unknown day')}"
            + (f", {int(age)} days before {as_of}" if age is not None else "")
            + ". The sources may be out of date, and dates may have moved since.</p>"
        )
    out.append("</header>")
    return "\n".join(out)


def _controls(entries: list[JSON]) -> str:
    def counts(values: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for v in values:
            found[v] = found.get(v, 0) + 1
        return found

    parties = counts(str(p) for e in entries for p in (e.get("parties") or ["(none)"]))
    kinds = counts(str(e.get("kind") or "") for e in entries)
    certainties = counts(str(e.get("certainty") or "") for e in entries)
    order = [c for c in CERTAINTIES if c in certainties] + sorted(c for c in certainties if c not in CERTAINTIES)

    def fieldset(name: str, legend: str, values: list[str], found: dict[str, int]) -> str:
        boxes = "".join(
            f'<label><input type="checkbox" name="{name}" value="{escape(v)}" checked> '
            f'{escape(v)} <span class="n">{found[v]}</span></label>'
            for v in values
        )
        return f'<fieldset class="filter" data-filter="{name}"><legend>{legend}</legend>{boxes}</fieldset>'

    return "\n".join([
        '<form class="controls" aria-label="Lanes and filters" hidden>',
        '<fieldset class="lanes"><legend>Lanes</legend>'
        '<label><input type="radio" name="lanes" value="party" checked> by party</label>'
        '<label><input type="radio" name="lanes" value="kind"> by kind</label></fieldset>',
        '<details class="filters" open><summary>Filters</summary><div class="filter-sets">',
        fieldset("certainty", "Certainty", order, certainties),
        fieldset("party", "Party", sorted(parties, key=lambda p: (-parties[p], p)), parties),
        f'<details class="kinds"><summary>Kind ({len(kinds)})</summary>',
        fieldset("kind", "Kind", sorted(kinds), kinds),
        "</details></div></details>",
        "</form>",
    ])


def _chart(undated: int) -> str:
    note = (f'<p class="undated-note">{undated} undated event{"s are" if undated != 1 else " is"} '
            "listed below, without a place on the axis.</p>") if undated else ""
    return "\n".join([
        '<section class="chart" aria-labelledby="chart-title">',
        '<h2 id="chart-title" class="visually-hidden">Timeline chart</h2>',
        _asset("legend.html").strip(),
        '<div class="scroll" id="scroll">'
        '<svg id="chart" role="group" aria-label="Events on a time axis; Tab to an event, arrow keys to move"></svg>'
        "</div>",
        '<p class="hint">Click an event, or Tab to it, to see its sources and how its date was derived; '
        "← and → move between events, Esc closes.</p>",
        '<noscript><p class="hint">The chart needs JavaScript; every event is listed below.</p></noscript>',
        note,
        "</section>",
    ])


def _article(e: JSON, meta: JSON, present: set[str]) -> str:
    ident = str(e.get("id", ""))
    title = str(e.get("title") or ident)
    sources = meta.get("sources") or {}
    revisions = e.get("revisions") or []
    cancelled = any(r.get("cancelled") for r in revisions)
    rows = [
        ("Date", when_text(e)),
        ("Certainty", str(e.get("certainty") or "")),
        ("Kind", str(e.get("kind") or "")),
        ("Parties", ", ".join(str(p) for p in e.get("parties") or [])),
        ("Status", _status_text(e, meta)),
        ("Tags", ", ".join(str(t) for t in e.get("tags") or [])),
        ("Note", str(e.get("note") or "")),
    ]
    out = [
        f'<li><article class="entry{" cancelled" if cancelled else ""}" id="e-{escape(ident)}" data-id="{escape(ident)}">',
        f'<h3><span class="when">{escape(_short_when(e))}</span> <span class="title">{escape(title)}</span></h3>',
    ]
    if e.get("title_original"):
        first = (e.get("sources") or [{}])[0].get("source")
        out.append(f'<p class="original"{_lang(first, sources)}>{escape(str(e["title_original"]))}</p>')
    out.append('<dl class="facts">')
    for label, value in rows:
        if value:
            out.append(f"<dt>{label}</dt><dd>{escape(value)}</dd>")
    for assumption in e.get("assumptions") or []:
        out.append(f'<dt>Assumed</dt><dd class="assumed">{escape(str(assumption))}</dd>')
    for link in e.get("links") or []:
        target = str(link.get("id", ""))
        name = f'<a href="#e-{escape(target)}">{escape(target)}</a>' if target in present else escape(target)
        out.append(f'<dt>Link</dt><dd>{escape(str(link.get("relation", "")))}: {name}</dd>')
    out.append("</dl>")
    if revisions:
        out.append(_revisions(revisions, sources))
    out.append('<div class="quotes">')
    for quote in e.get("sources") or []:
        out.append(_quote(quote, sources))
    out.append("</div>")
    if "derivation" in e:   # `show --json` objects have it; `list --json` ones do not
        out.append('<details class="derivation"><summary>How the dates were derived</summary>'
                   f"<pre>{escape(derivation_text(e))}</pre></details>")
    out.append(f'<button type="button" class="locate" data-id="{escape(ident)}" hidden>Show on the timeline</button>')
    out.append("</article></li>")
    return "\n".join(out)


def _short_when(e: JSON) -> str:
    if e.get("window"):
        return f"{e.get('since') or '…'} → {e.get('until') or '…'}"
    return str(e.get("date") or "undated")


def _status_text(e: JSON, meta: JSON) -> str:
    state = e.get("status")
    if not state:
        return ""
    text = f"{state} on {meta.get('as_of')}"
    if state == "active" and e.get("days_left") is not None:
        text += f", {e['days_left']} days left"
    if e.get("stale"):
        text += " (sources may be out of date)"
    return text


def _source_line(source_id: str, sources: JSON, document: str | None = None) -> str:
    about = sources.get(source_id) or {}
    bits = [str(about[k]) for k in ("publisher", "published") if about.get(k)]
    label = escape(source_id) + (f" ({escape(', '.join(bits))})" if bits else "")
    url = str(about.get("url") or "")
    if urlsplit(url).scheme in ("http", "https"):
        label = f'<a href="{escape(url)}" rel="noreferrer noopener">{label}</a>'
    extra = []
    if about.get("title"):
        extra.append(escape(str(about["title"])))
    if document:
        extra.append(f"<code>{escape(document)}</code>")
    return label + (" — " + ", ".join(extra) if extra else "")


def _lang(source_id: str | None, sources: JSON) -> str:
    """A `lang` attribute from the source's language, where the meta gives one (`zh-Hant`)."""
    about = sources.get(source_id) if source_id is not None else None
    language = (about or {}).get("language")
    return f' lang="{escape(str(language))}"' if language else ""


def _quote(quote: JSON, sources: JSON) -> str:
    lang = _lang(quote.get("source"), sources)
    return (f'<figure class="quote"><blockquote{lang}>{escape(str(quote.get("quote") or ""))}</blockquote>'
            f'<figcaption>{_source_line(str(quote.get("source") or ""), sources, quote.get("document"))}'
            "</figcaption></figure>")


def _revisions(revisions: list[JSON], sources: JSON) -> str:
    out = ['<div class="revisions"><h4>Revised</h4><ol>']
    for r in revisions:
        earlier = escape(str(r.get("from") or ""))
        change = (f'{escape(str(r.get("field") or "date"))}: <s>{earlier}</s> → '
                  + ("called off" if r.get("cancelled") else escape(str(r.get("to") or ""))))
        note = f'<p class="note">{escape(str(r["note"]))}</p>' if r.get("note") else ""
        quote = _quote({"source": r.get("source"), "quote": r.get("quote")}, sources) if r.get("quote") else ""
        out.append(f"<li>{change}{note}{quote}</li>")
    out.append("</ol></div>")
    return "\n".join(out)


# --- assets ----------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("timeline.render").joinpath("assets", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _script_json(data: JSON) -> str:
    """JSON that cannot end its script element or open a comment: <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def page_html(view: PageView, style: object = None) -> str:
    return page(*page_model(view))


RENDERERS = {PageView: page_html}
