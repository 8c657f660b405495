"""timeline.edit: adding sources, revisions and events changes only the added lines."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import api, edit
from timeline.load import parse
from timeline.model import TimelineError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "events.yaml"

# Until the loader reads `revisions:` (issue 8, merged separately), its only
# complaint about them is this one; anything else is still a failure.
_PROBE, _ = parse("sources: []\nevents:\n  - {id: a, title: a, kind: a, certainty: possible, sources: [], revisions: []}\n", "x")
REVISIONS_KNOWN = not any("unknown field 'revisions'" in e.message for e in _)


def loader_errors(errors) -> list[str]:
    return [str(e) for e in errors if REVISIONS_KNOWN or "unknown field 'revisions'" not in e.message]


def check_project(folder: Path, text: str) -> list[str]:
    """The project's own check (load, resolve, quotes) of `text` as a data file in `folder`."""
    path = folder / ".candidate.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        _, errors = api.check(path)
    finally:
        path.unlink()
    return loader_errors(errors)


def inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`, asserting that every old line is still there,
    unchanged and in order, around one inserted block (a `key: []` line may lose its `[]`)."""
    a, b = old.splitlines(), new.splitlines()
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    if prefix < len(a) and re.sub(r":\s*(\[\]|~)(?=\s|$)", ":", a[prefix]) == b[prefix]:
        a = a[:prefix] + [b[prefix]] + a[prefix + 1 :]
        prefix += 1
    suffix = 0
    while suffix < len(a) - prefix and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]:
        suffix += 1
    assert prefix + suffix == len(a), f"old lines changed around line {prefix + 1}:\n" + "\n".join(b[prefix : len(b) - suffix])
    return b[prefix : len(b) - suffix]


def is_subsequence(short: list, long: list) -> bool:
    rest = iter(long)
    return all(any(x == y for y in rest) for x in short)


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.fixture
def project(tmp_path):
    """A copy of the shipped data file and seeds, plus a later article."""
    shutil.copy(SHIPPED, tmp_path / "events.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "later.en.txt").write_text(
        "Reuters, 21 February 2026\n\nTrump will visit Beijing from 31 March\nto 2 April, the White House said.\n", encoding="utf-8"
    )
    return tmp_path


# --- the shipped file ---------------------------------------------------------------


def test_add_source_to_the_shipped_file_inserts_only_its_lines(project):
    old = (project / "events.yaml").read_text(encoding="utf-8")
    new = edit.add_source(old, "reuters-2026-02-21", "seeds/later.en.txt", "2026-02-21", publisher="Reuters", language="en",
                          title="Trump: visit from 31 March", url="https://example.org/a?b=1#c")
    assert inserted(old, new) == [
        "  - id: reuters-2026-02-21",
        "    file: seeds/later.en.txt",
        "    published: 2026-02-21",
        "    title: 'Trump: visit from 31 March'",
        "    publisher: Reuters",
        "    language: en",
        "    url: https://example.org/a?b=1#c",
    ]
    # after the last source's last line, before the blank line and `defaults:`
    assert new.split("    url: https://example.org/a?b=1#c\n")[1].startswith("\ndefaults:")
    document, errors = parse(new, "events.yaml")
    assert errors == []
    assert [s.id for s in document.sources] == ["bbc-zh-2025-10-31", "reuters-2026-02-21"]
    assert document.sources[1].title == "Trump: visit from 31 March"
    assert document.sources[1].url == "https://example.org/a?b=1#c"
    assert check_project(project, new) == []


def test_revisions_are_created_then_appended_in_the_event(project):
    old = (project / "events.yaml").read_text(encoding="utf-8")
    text = edit.add_source(old, "later", "seeds/later.en.txt", "2026-02-21")
    first = edit.add_revision(text, "trump-visit-china", "date", to="2026-03-31", source="later",
                              quote="Trump will visit Beijing from 31 March to 2 April", previous="2026-04", note="brought forward")
    assert inserted(text, first) == [
        "    revisions:",
        "      - field: date",
        "        from: 2026-04",
        "        to: 2026-03-31",
        "        source: later",
        "        quote: Trump will visit Beijing from 31 March to 2 April",
        "        note: brought forward",
    ]
    # at the end of that event, before the blank line that separates it from the next
    assert "    warn: [90d, 30d, 7d]\n    revisions:\n" in first
    assert "brought forward\n\n  - id: xi-visit-us\n" in first
    second = edit.add_revision(first, "trump-visit-china", "date", cancelled=True, source="later", quote="the White House said.")
    assert inserted(first, second) == [
        "      - field: date",
        "        cancelled: true",
        "        source: later",
        "        quote: the White House said.",
    ]
    assert comments(second) == comments(old)
    assert check_project(project, second) == []
    assert edit.check_quote(project / "events.yaml", second, "later", "Trump will visit Beijing from 31 March to 2 April") == []


def test_a_window_is_revised_by_its_start_or_end(project):
    old = (project / "events.yaml").read_text(encoding="utf-8")
    new = edit.add_revision(old, "trade-truce", "until", to="2026-11-10", source="bbc-zh-2025-10-31", quote="雙方同意繼續延長部分關稅排除措施。")
    lines = inserted(old, new)
    assert lines[:3] == ["    revisions:", "      - field: until", "        to: 2026-11-10"]
    with pytest.raises(TimelineError, match=r"events.yaml:\d+:5: event 'trade-truce' is a window: revise its start \(--since\) or end \(--until\)"):
        edit.add_revision(old, "trade-truce", "date", to="2026-11-10", source="bbc-zh-2025-10-31", quote="x")
    with pytest.raises(TimelineError, match="event 'trump-visit-china' has no window: revise its date"):
        edit.add_revision(old, "trump-visit-china", "since", to="2026-11-10", source="bbc-zh-2025-10-31", quote="x")


def test_append_events_keeps_their_comments_and_the_files_blank_lines(project):
    old = (project / "events.yaml").read_text(encoding="utf-8")
    fragment = textwrap.dedent("""\
        ---
        # extracted from the later article
        - id: visit-announced       # a point event
          title: Visit dates announced
          kind: announcement
          certainty: confirmed
          note: >-
            The White House
            said so.
          sources:
            - source: bbc-zh-2025-10-31
              quote: 特朗普表示，將在明年四月訪華。

        # a second one
        - id: visit-ends
          title: Visit ends
          kind: visit
          certainty: announced
          sources: [{source: bbc-zh-2025-10-31, quote: 特朗普表示，將在明年四月訪華。}]
        """)
    new = edit.append_events(old, fragment)
    lines = inserted(old, new)
    assert lines[0] == "" and lines[1] == "  # extracted from the later article"
    assert "  - id: visit-announced       # a point event" in lines
    assert "      said so." in lines
    document, errors = parse(new, "events.yaml")
    assert errors == []
    assert [e.id for e in document.events][-2:] == ["visit-announced", "visit-ends"]
    assert document.events[-2].note == "The White House said so."
    assert comments(new) == comments(old) + ["# extracted from the later article", "# a second one"]


# --- other shapes of file --------------------------------------------------------------------


INIT_LIKE = """\
# head comment
format: 1

sources: []   # none yet
# between
events: []
# tail comment
"""


def test_empty_flow_lists_become_block_lists_keeping_their_comments():
    text = edit.add_source(INIT_LIKE, "art", "seed.txt", "2025-10-31")
    assert text == INIT_LIKE.replace(
        "sources: []   # none yet\n", "sources:   # none yet\n  - id: art\n    file: seed.txt\n    published: 2025-10-31\n"
    )
    text2 = edit.append_events(text, "- {id: ev, title: T, kind: k, certainty: possible, sources: [{source: art, quote: q}]}\n")
    assert text2.endswith("events:\n  - {id: ev, title: T, kind: k, certainty: possible, sources: [{source: art, quote: q}]}\n# tail comment\n")
    _, errors = parse(text2, "events.yaml")
    assert errors == []


@pytest.mark.parametrize("empty", ["sources:", "sources: ~", "sources:  # later"])
def test_a_null_list_gets_its_first_item(empty):
    text = f"format: 1\n{empty}\nevents: []\n"
    new = edit.add_source(text, "art", "seed.txt", "2025-10-31")
    assert new.startswith("format: 1\n" + empty.replace(" ~", "") + "\n  - id: art\n")
    assert parse(new, "e.yaml")[1] == []


def test_missing_sources_go_before_events_and_a_file_without_final_newline_is_extended():
    new = edit.add_source("# only\nevents: []", "art", "seed.txt", "2025-10-31")
    assert new == "# only\nsources:\n  - id: art\n    file: seed.txt\n    published: 2025-10-31\nevents: []"
    events = edit.append_events("sources: []\nevents:\n  - {id: a}  # last", "- {id: b}")
    assert events == "sources: []\nevents:\n  - {id: a}  # last\n  - {id: b}\n"


def test_crlf_files_get_crlf_lines_and_indentless_lists_stay_indentless():
    text = "sources:\r\n- id: a\r\n  file: a.txt\r\n  published: 2025-10-31\r\nevents: []\r\n"
    new = edit.add_source(text, "b", "b.txt", "2025-11-01")
    assert new == text.replace("events:", "- id: b\r\n  file: b.txt\r\n  published: 2025-11-01\r\nevents:")


def test_block_scalars_end_where_their_text_ends():
    text = "sources:\n  - id: a\n    file: a.txt\n    published: 2025-10-31\n    note: >-\n      folded\n      note\n\n\n# about events\nevents: []\n"
    new = edit.add_source(text, "b", "b.txt", "2025-11-01")
    assert "      note\n  - id: b\n" in new and new.endswith("2025-11-01\n\n\n# about events\nevents: []\n")
    kept = "sources:\n  - id: a\n    file: a.txt\n    published: 2025-10-31\n    note: |+\n      kept\n\nevents: []\n"
    new = edit.add_source(kept, "b", "b.txt", "2025-11-01")
    assert parse(new, "e.yaml")[0].sources[0].note == "kept"  # loader strips; the scalar itself is intact:
    assert "      kept\n\n  - id: b\n" in new


@pytest.mark.parametrize(
    "value",
    ["a: b", "null", "~", "- item", "#hash", "it's \"quoted\"", "2026-03-31", "true", "@at", "%pct", "&anchor", "*alias",
     "!tag", "line\nbreak", "  padded  ", "{brace}", "[bracket]", "多語言：中文", "`tick`", "? q", "| pipe", "> gt"],
)
def test_any_text_is_written_so_that_the_loader_reads_it_back(value):
    new = edit.add_source("sources: []\nevents: []\n", "art", "seed.txt", "2025-10-31", title=value)
    document, errors = parse(new, "e.yaml")
    assert errors == []
    assert document.sources[0].title == value.strip()
    assert len(new.splitlines()) == 6  # one line per field, whatever the text


# --- refusals ---------------------------------------------------------------------------------


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(TimelineError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def test_refusals_say_what_and_where(project):
    text = (project / "events.yaml").read_text(encoding="utf-8")
    line_of = {line: number for number, line in enumerate(text.splitlines(), 1)}
    source_line, event_line = line_of["  - id: bbc-zh-2025-10-31"], line_of["  - id: busan-meeting"]
    assert refused(edit.add_source, text, "bbc-zh-2025-10-31", "seeds/x.txt", "2026-01-01") == (
        f"events.yaml:{source_line}:9: source 'bbc-zh-2025-10-31' already exists"
    )
    assert refused(edit.add_source, text, "Bad Id", "seeds/x.txt", "2026-01-01") == "source id: 'Bad Id' is not a valid id (lower-case letters, digits and '-')"
    assert "published:" in refused(edit.add_source, text, "ok", "seeds/x.txt", "2026-02-30")
    assert refused(edit.add_revision, text, "trump-visit-chin", "date", to="2026-03", source="bbc-zh-2025-10-31", quote="q") == (
        "no event 'trump-visit-chin' in events.yaml (did you mean 'trump-visit-china'?)"
    )
    assert "no source 'bbc-zh'" in refused(edit.add_revision, text, "trump-visit-china", "date", to="2026-03", source="bbc-zh", quote="q")
    assert "not both" in refused(edit.add_revision, text, "trump-visit-china", "date", to="2026-03", cancelled=True, source="bbc-zh-2025-10-31", quote="q")
    assert "or --cancelled" in refused(edit.add_revision, text, "trump-visit-china", "date", source="bbc-zh-2025-10-31", quote="q")
    assert "field: 'start' is not one of date, since, until" in refused(edit.add_revision, text, "trump-visit-china", "start", to="2026", source="bbc-zh-2025-10-31", quote="q")
    assert "quote: is empty" in refused(edit.add_revision, text, "trump-visit-china", "date", to="2026", source="bbc-zh-2025-10-31", quote="  ")
    message = refused(edit.append_events, text, "- id: new\n- id: busan-meeting\n- id: new\n", fragment_name="extracted")
    assert message.splitlines() == [
        f"extracted:2:7: event 'busan-meeting' already exists (line {event_line} of events.yaml)",
        "extracted:3:7: event 'new' already exists (line 1)",
    ]
    assert "expected a list of events" in refused(edit.append_events, text, "id: x\n")
    assert refused(edit.add_source, "sources: [{id: a}]\nevents: []\n", "b", "b.txt", "2025-01-01") == (
        "events.yaml:1:10: sources: written as a flow list [...]; make it a block list (one '- ' item per line) to add to it"
    )
    assert refused(edit.add_source, "sources: [\n", "b", "b.txt", "2025-01-01").startswith("events.yaml:2:1: YAML syntax error")


# --- generated files, random edits ----------------------------------------------------------

SENTENCES = ["The truce expires on 10 November.", "Tariffs are suspended for one year.", "中方將暫停實施相關措施一年。",
             "The visit is planned for next April."]
_COMMENT_TEXT = st.text(alphabet=st.sampled_from(list("abc XYZ:#-'\"[]{}&*!|>%@`,?") + ["中", "文", "\u00a0", "—"]), max_size=12)
_VALUE_TEXT = st.text(alphabet=st.sampled_from(list("abc XYZ:#-'\"[]{}&*!|>%@`,?~\n") + ["中", "文", "—"]), min_size=1, max_size=12)
_DATES = st.sampled_from(["2025-11-10", "2026-04", "2026", "2025-23", "2026-03-31", "2027-01-01?"])


def _event_lines(ident: str, window: bool, block: bool, folded: bool, revised: bool) -> list[tuple[str, bool]]:
    """(line, may a comment line follow it) for one event item at column 2."""
    lines = [(f"  - id: {ident}", True), (f"    title: Event {ident}", True), ("    kind: test", True), ("    certainty: announced", True)]
    if window and block:
        lines += [("    window:", True), ("      start: 2025-11-10", True), ("      for: 1 year", True)]
    elif window:
        lines += [("    window: {start: 2025-11-10, for: 1 year}", True)]
    else:
        lines += [("    date: 2025-11-10", True)]
    if folded:
        lines += [("    note: >-", False), ("      a folded", False), ("      note", True)]
    lines += [("    sources:", True), ("      - source: s0", True), (f"        quote: {SENTENCES[0]}", True)]
    if revised:
        field = "until" if window else "date"
        lines += [("    revisions:", True), (f"      - field: {field}", True), ("        to: 2026-12-01", True),
                  ("        source: s0", True), (f"        quote: {SENTENCES[1]}", True)]
    return lines


@st.composite
def data_files(draw):
    """A valid data file (sources s0…, events e0…) with comments and blank lines strewn through it."""
    n_sources = draw(st.integers(1, 3))
    n_events = draw(st.integers(0, 3))
    blank_between = draw(st.booleans())
    lines: list[tuple[str, bool]] = [("format: 1", True)]
    sources_part: list[tuple[str, bool]] = [("sources:", True)]
    for i in range(n_sources):
        if draw(st.booleans()):
            sources_part += [(f"  - id: s{i}", True), ("    file: seed.txt", True), ("    published: 2025-10-31", True)]
        else:
            sources_part += [(f"  - {{id: s{i}, file: seed.txt, published: 2025-10-31}}", True)]
    sources_last = draw(st.booleans())  # the loader does not mind the order of the parts
    if not sources_last:
        lines += sources_part
    if n_events == 0:
        lines.append(("events: []", True))  # the loader refuses a null `events:`
    else:
        lines.append(("events:", True))
    events = []
    for i in range(n_events):
        window = draw(st.booleans())
        events.append((f"e{i}", window))
        if blank_between and i:
            lines.append(("", True))
        lines += _event_lines(f"e{i}", window, draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))
    if sources_last:
        lines += sources_part
    if draw(st.booleans()):
        lines += [("defaults:", True), ("  warn: [30d]", True)]
    out = []
    counter = 0
    for line, open_after in lines:
        if line and draw(st.integers(0, 4)) == 0 and not line.endswith(">-"):
            counter += 1
            line += f"  # t{counter} " + draw(_COMMENT_TEXT)
        out.append(line)
        if open_after:
            for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
                counter += 1
                kind = draw(st.integers(0, 2))
                out.append("" if kind == 0 else " " * draw(st.integers(0, 8)) + f"# c{counter} " + draw(_COMMENT_TEXT))
    return "\n".join(out) + "\n", [f"s{i}" for i in range(n_sources)], events


def _fragment(draw, idents: list[str]) -> str:
    parts = []
    for ident in idents:
        if draw(st.booleans()):
            parts.append("# about " + ident + " " + draw(_COMMENT_TEXT))
        parts += [f"- id: {ident}  # new", "  title: New", "  kind: test", "  certainty: possible",
                  "  sources:", "    - source: s0", f"      quote: {draw(st.sampled_from(SENTENCES))}"]
    return "\n".join(parts) + "\n"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=data_files(), data=st.data())
def test_random_edits_never_lose_a_comment_or_change_another_line(tmp_path, generated, data):
    text, sources, events = generated
    (tmp_path / "seed.txt").write_text("Example\n" + "\n".join(SENTENCES) + "\n", encoding="utf-8")
    assert check_project(tmp_path, text) == [], text
    counter = 0
    for op in data.draw(st.lists(st.sampled_from(["source", "revision", "events"]), min_size=1, max_size=4)):
        counter += 1
        duplicate = data.draw(st.integers(0, 5)) == 0
        try:
            if op == "source":
                ident = sources[0] if duplicate else f"n{counter}"
                title = data.draw(st.none() | _VALUE_TEXT)
                new = edit.add_source(text, ident, "seed.txt", data.draw(_DATES), publisher=data.draw(st.none() | _VALUE_TEXT), title=title)
                sources.append(ident)
            elif op == "revision":
                if not events:
                    continue
                ident, window = data.draw(st.sampled_from(events))
                field = data.draw(st.sampled_from(["since", "until"])) if window else "date"
                if duplicate:
                    ident = "nope"
                cancelled = data.draw(st.booleans())
                new = edit.add_revision(text, ident, field, to=None if cancelled else data.draw(_DATES), cancelled=cancelled,
                                        source=data.draw(st.sampled_from(sources)), quote=data.draw(st.sampled_from(SENTENCES)),
                                        note=data.draw(st.none() | _VALUE_TEXT), previous=None)
                # (`from` must be the value before: the resolver checks it, tests/test_keeping_current.py)
            else:
                idents = [f"x{counter}-{i}" for i in range(data.draw(st.integers(1, 2)))]
                duplicate = duplicate and bool(events)
                if duplicate:
                    idents.append(events[0][0])
                new = edit.append_events(text, _fragment(data.draw, idents))
                events += [(i, False) for i in idents]
        except TimelineError:
            assert duplicate, "refused an edit that should have been made"
            continue
        assert not duplicate, "made an edit that should have been refused"
        added = inserted(text, new)
        body = "\n".join(added).strip("\n").split("\n")
        assert all(line.strip() for line in body) or op == "events"  # an item is one block; a blank line only around it
        assert is_subsequence(comments(text), comments(new))
        document, errors = parse(new, "events.yaml")
        assert loader_errors(errors) == [], new
        assert [s.id for s in document.sources] == sources
        assert [e.id for e in document.events] == [e for e, _ in events]
        # a random revision may move a window's end before its start: the check rightly refuses that
        assert [e for e in check_project(tmp_path, new) if "before it starts" not in e] == [], new
        if any("before it starts" in e for e in check_project(tmp_path, new)):
            continue
        text = new


def test_an_alias_at_the_end_of_a_list_does_not_mislead_the_insertion():
    text = "x: &v 2025-01-01\nsources:\n  - &a {id: s0, file: f, published: 2025-01-01}\n  - {id: s1, file: f, published: *v}\n  - *a\n\n# c\nevents: []\n"
    new = edit.add_source(text, "s9", "g", "2026-01-01")
    assert inserted(text, new) == ["  - id: s9", "    file: g", "    published: 2026-01-01"]
    assert new.index("  - *a\n  - id: s9\n") < new.index("\n# c\n")
