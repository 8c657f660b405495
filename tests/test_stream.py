"""Streaming the `events:` list (timeline/stream.py) reads every file exactly as
composing the whole graph does (tests/wholegraph.py, the reading before it
streamed): the same records, the same errors, YAML errors included, with
anchors, aliases and tags anywhere; and the same nodes, tags and marks."""

from __future__ import annotations

import os
import random
from unittest import mock

import pytest
import wholegraph
import yaml
from conftest import HEADER, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import load, stream

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "60"))

EVENT = "- {id: e%d, title: T, kind: k, certainty: confirmed, date: 2025-11-10, sources: [{source: art, quote: x}]}\n"
EVENTS = "".join("  " + EVENT % i for i in range(5))
LAUGHS = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10) if i else ', '.join(['lol'] * 10)}]\n" for i in range(6))
CASES = {
    "shipped": (ROOT / "events.yaml").read_text(encoding="utf-8"),
    "events": HEADER + EVENTS,
    "bad fields": HEADER + "  - {id: Bad Id, title: T, kind: k, certainty: sure, date: 2025-13-01, color: red}\n"
                           "  - {id: ok, title: T, kind: k, certainty: confirmed}\n  - plain text\n",
    "events first": "events:\n" + "".join("  " + EVENT % i for i in range(2)) + HEADER.replace("events:\n", ""),
    "events twice": HEADER + "  " + EVENT % 1 + "events:\n  " + EVENT % 2,
    "events null then list": "events:\n" + HEADER + "  " + EVENT % 1,
    "events a mapping": HEADER + "  a: b\n",
    "events empty": HEADER + "  []\n",
    "top is a list": "- a\n- b\n",
    "flow events": HEADER.replace("events:\n", "events: [{id: a}, {id: b, title: [x]}]\n"),
    "missing sources": "events:\n  " + EVENT % 1,
    "unknown top field": HEADER + "  " + EVENT % 1 + "extra: 1\n",
    # '&' and '!' in text: no anchor, no tag
    "quotes with & and !": HEADER + "  - {id: a, title: 'R&D at AT&T!', kind: k, certainty: confirmed, "
                           "note: \"S&P 500 fell. Wow!\", sources: [{source: art, quote: R&D spending up! & more}]}\n",
    # anchors and aliases
    "alias within an event": HEADER + "  - {id: a, title: &t Title, kind: k, certainty: confirmed, note: *t, "
                             "sources: [{source: art, quote: x}]}\n",
    "alias across events": HEADER + "  - {id: a, title: T, kind: k, certainty: confirmed, sources: &s [{source: art, quote: x}]}\n"
                           + EVENTS + "  - {id: b, title: T, kind: k, certainty: confirmed, sources: *s}\n",
    "alias from the top level": "shared: &s [{source: art, quote: x}]\n" + HEADER
                                + "  - {id: b, title: T, kind: k, certainty: confirmed, sources: *s}\n",
    "an event reached twice": HEADER + "  - &e {id: a, title: T, kind: k, certainty: confirmed, sources: [{source: art, quote: x}]}\n"
                              + "  - *e\n",
    "aliased sources": "sources: &src\n  - {id: art, file: seed.txt, published: 2025-10-31}\nevents:\n  " + EVENT % 1
                       + "again: *src\n",
    "alias of an event after the list": HEADER + "  - &e " + EVENT[2:] % 1 + "after: *e\n",
    "errors at one place": "sources: [{id: art, file: seed.txt, published: 2025-10-31, note: &n [x]}]\nevents:\n"
                           "  - {id: a, title: *n, kind: k, certainty: confirmed, sources: [{source: art, quote: x}]}\n",
    "anchored events list": "events: &ev\n" + EVENTS + "sources: []\nagain: *ev\n",
    "anchored and aliased events list": "events: &ev\n" + EVENTS + "sources: []\nevents: *ev\n",
    "anchored root": "&root\n" + HEADER + EVENTS,
    "alias as a key": HEADER.replace("events:\n", "") + "k: &k events\n*k :\n" + EVENTS,
    "merge key": "base: &base {kind: k, certainty: confirmed}\n" + HEADER
                 + "  - {<<: *base, id: a, title: T, sources: [{source: art, quote: x}]}\n",
    # refused: recursion, expansion, tags
    "recursive alias": "loop: &l [*l]\nsources: []\nevents: []\n",
    "recursive event": HEADER + "  - &e {id: a, title: T, note: [*e]}\n" + EVENTS,
    "recursive root": "&r\n" + HEADER + "  - *r\n",
    "recursive through the events list": "events: &ev\n  - [*ev]\n",
    "alias bomb": LAUGHS + "sources: []\nevents: []\n",
    "alias bomb in an event": LAUGHS + HEADER + EVENTS + "  - {id: x, title: *l5}\n",
    "alias bomb after an event's error": LAUGHS + HEADER + "  - {id: Bad Id}\n  - *l5\n",
    "tag in an event": HEADER + "  - {id: a, title: !!python/object:os.system x, kind: !custom k, certainty: confirmed}\n",
    "tags allowed": HEADER + "  - !!map {id: !!str a, title: !!str T, kind: ! k, certainty: confirmed, "
                    "sources: !!seq [{source: art, quote: !<tag:yaml.org,2002:str> x}], date: !!timestamp 2025-11-10}\n",
    "tag on the root": "!custom\n" + HEADER + EVENTS,
    "tag on the events list": "sources: []\nevents: !!python/list\n" + EVENTS,
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\n" + HEADER + "  - {id: a, title: !e!thing T}\n",
    "tag directive to the core schema": "%TAG !e! tag:yaml.org,2002:\n---\n" + HEADER + "  - {id: a, title: !e!str T}\n",
    "tag and alias of it": HEADER + "  - {id: a, title: &t !!binary aGVsbG8=}\n  - {id: b, title: *t}\n  - {id: c, title: *t}\n",
    "anchor inside a refused tag": "x: !custom [&y [a, &z b]]\nsources: []\nevents:\n  - [*y, *z, *y]\n",
    "recursion inside a refused tag": "x: !custom [&y [*y]]\nsources: []\nevents:\n  - *y\n",
    "deep anchors": "sources: []\nevents:\n  - " + "".join(f"&d{i} [" for i in range(990)) + "]" * 990 + "\n",
    "deep in a refused tag": "sources: []\nevents:\n  - !custom " + "[&d [" + "[" * 980 + "]" * 982 + "\n",
    "tag before a YAML error": HEADER + "  - {id: !custom a}\n  - {id: b\n",
    "alias bomb before a YAML error": LAUGHS + HEADER + "  - *l5\n  - [unclosed\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_records_and_errors(name):
    text = CASES[name]
    assert load.parse(text, "events.yaml") == wholegraph.parse(text)


def test_what_the_cases_cover():
    """The cases reach every refusal of the whole-graph check, and files with aliases and allowed
    tags are read, not refused."""
    messages = {e.message for name in CASES for e in wholegraph.parse(CASES[name])[1]}
    for part in ("a recursive structure", "more than 100000 nodes", "YAML tag '!!python/object:os.system'",
                 "YAML tag '!custom'", "YAML tag '!!python/list'", "YAML tag '!!binary'",
                 "YAML tag 'tag:example.com,2000:thing'", "unknown field '<<'"):
        assert any(part in message for message in messages), part
    document, errors = load.parse(CASES["alias across events"], "events.yaml")
    assert errors == [] and document is not None and [e.id for e in document.events] == ["a", *map("e{}".format, range(5)), "b"]
    assert document.events[-1].quotes[0].text == document.events[0].quotes[0].text == "x"
    document, errors = load.parse(CASES["tags allowed"], "events.yaml")
    assert errors == [] and document is not None and document.events[0].title == "T"
    assert [str(e) for e in load.parse(CASES["tag in an event"], "events.yaml")[1]] == [
        "events.yaml:6:20: YAML tag '!!python/object:os.system' is not allowed (only plain data is read)",
        "events.yaml:6:55: YAML tag '!custom' is not allowed (only plain data is read)"]


def test_text_reached_again_is_bounded(monkeypatch):
    text = "t: &t " + "x" * 50 + "\nsources: []\nevents:\n" + "  - {id: a, title: *t}\n" * 3
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "120")
    document, errors = load.parse(text, "events.yaml")
    assert document is None and [str(e) for e in errors] == [
        "events.yaml:1:4: anchors and aliases expand to more than 120 characters of text "
        "(the limit; set $TIMELINE_MAX_BYTES to change it)"]
    assert (document, errors) == wholegraph.parse(text)


def test_text_first_reached_through_an_alias_is_not_counted(monkeypatch):
    """Inside a refused tag nothing is visited; an anchor there is first visited by an alias (as
    the whole-graph walk did), and only what is reached after that counts against the bound."""
    text = "x: !custom [&t " + "y" * 50 + "]\nsources: []\nevents:\n  - {id: a, title: *t}\n  - {id: b, title: *t}\n"
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "60")
    assert [str(e) for e in load.parse(text, "events.yaml")[1]] == [
        "events.yaml:1:4: YAML tag '!custom' is not allowed (only plain data is read)"]
    assert load.parse(text, "events.yaml") == wholegraph.parse(text)
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "40")
    assert [e.message for e in load.parse(text, "events.yaml")[1]][1:] == [
        "anchors and aliases expand to more than 40 characters of text (the limit; set $TIMELINE_MAX_BYTES to change it)"]
    assert load.parse(text, "events.yaml") == wholegraph.parse(text)


@pytest.mark.parametrize("text, message", [
    (HEADER + "  - {id: a\n", "YAML syntax error"),
    (HEADER + "  - *nowhere\n", "undefined alias"),
    (HEADER + "  - {id: a, title: *later}\n  - {id: b, title: &later T}\n", "undefined alias"),
    ("a: &x 1\n" + HEADER + "  - {id: a, title: &x T}\n", "found duplicate anchor"),
    ("sources: []\n---\nevents: []\n", "single document"),
    (HEADER + "  - {id: a, title: T}\n  - [unclosed\n", "YAML syntax error"),
    (HEADER + "  - {id: !custom a, title: *t}\n", "undefined alias"),
])
def test_yaml_errors_are_the_same(text, message):
    document, errors = load.parse(text, "events.yaml")
    assert document is None and len(errors) == 1 and errors[0].stage == "parse" and message in str(errors[0])
    assert wholegraph.parse(text) == (document, errors)


# --- the nodes themselves ---------------------------------------------------------------------------


def _streamed_graph(text: str) -> tuple[yaml.Node | None, list[stream.Problem]]:
    """The streamed root with its `events:` items put back, as `yaml.compose` would have it."""
    loader = load._Loader(text)
    try:
        root, items, problems = stream.compose(loader, lambda node: node)
    finally:
        loader.dispose()
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "events":
                if isinstance(value, yaml.SequenceNode) and not value.value:
                    value.value = items
                break
    return root, problems


def _same_nodes(a: yaml.Node, b: yaml.Node) -> None:
    """The same kind, tag, value, style and marks, and the same sharing (aliases), recursively."""
    pairs: dict[int, int] = {}
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if id(x) in pairs:
            assert pairs[id(x)] == id(y), ("shared differently", x.start_mark, y.start_mark)
            continue
        pairs[id(x)] = id(y)
        assert type(x) is type(y) and x.tag == y.tag, (x, y)
        for mark_x, mark_y in ((x.start_mark, y.start_mark), (x.end_mark, y.end_mark)):
            assert (mark_x.index, mark_x.line, mark_x.column) == (mark_y.index, mark_y.line, mark_y.column), (x, y)
        if isinstance(x, yaml.ScalarNode):
            assert (x.value, x.style) == (y.value, y.style)
            continue
        assert x.flow_style == y.flow_style and len(x.value) == len(y.value), (x, y)
        if isinstance(x, yaml.MappingNode):
            for (kx, vx), (ky, vy) in zip(x.value, y.value, strict=True):
                stack += [(kx, ky), (vx, vy)]
        else:
            stack += list(zip(x.value, y.value, strict=True))
    assert len(set(pairs.values())) == len(pairs), "two nodes where the whole graph has one"


@pytest.mark.parametrize("name", sorted(name for name in CASES if "bomb" not in name))
def test_same_nodes_tags_and_marks(name):
    text = CASES[name]
    try:
        whole = wholegraph.compose(text)
    except yaml.YAMLError:
        return  # the YAML errors are compared above
    streamed, problems = _streamed_graph(text)
    assert whole is not None and streamed is not None
    assert _where(problems) == _where(wholegraph.check_graph(whole))
    if not problems:  # else the events after the first problem are not handed out
        _same_nodes(streamed, whole)


def _where(problems: list[stream.Problem]) -> list[tuple[int, str]]:
    return [(node.start_mark.index, message) for node, message in problems]


# --- generated files with anchors, aliases and tags -------------------------------------------------

ALLOWED_TAGS = ["!", "!!str", "!!map", "!!seq", "!!int", "!!null", "!!timestamp", "!!bool", "!!float",
                "!<tag:yaml.org,2002:str>"]
REFUSED_TAGS = ["!!binary", "!!python/object:os.system", "!custom", "!<tag:example.com,2000:x>"]
SCALARS = ["a", "art", "T", "k", "x", "e1", "2025-11-10", "confirmed", "'R&D at AT&T!'", '"S&P 500 fell! Wow!"',
           "R&D", "Wow!", "'!important'", "''", "lol", "12:30", "~"]
FIELDS = {"id": ["a", "b", "Bad Id"], "title": ["T", "'AT&T deal!'", "R&D"], "kind": ["k"], "certainty": ["confirmed", "sure"],
          "date": ["2025-11-10", "2025-13-01"], "note": ["'R&D'", "N", "Wow!"], "tags": ["[x, y]"], "<<": ["{kind: k}"]}
TAME_FIELDS = ("title", "note", "tags", "date")  # their first value is valid, and an alias to one of them fits
SOURCES = "[{source: art, quote: x}]"


class _Writer:
    """Writes one flow node at a time, with anchors, tags and aliases placed as it goes.  A tame
    file has only allowed tags and aliases to values of the same field (so it can be valid); a
    wild one has refused tags, invalid values, aliases to anything (open nodes too: recursion),
    now and then a duplicate anchor or an undefined alias.  The odds come from a seeded
    `random.Random` (hypothesis draws small integers far more often than their share, which
    made the rare things common)."""

    def __init__(self, rng: random.Random, directive: bool):
        self.rng = rng
        self.wild = rng.random() < 0.5
        self.defined: list[tuple[str, str]] = []  # (anchor, field) so far; aliases may name open ones too
        self.allowed = ALLOWED_TAGS + (["!e!str"] if directive else [])  # with %TAG !e! tag:yaml.org,2002:
        self.refused = REFUSED_TAGS + (["!e!x"] if directive else [])

    def chance(self, one_in: float) -> bool:
        return self.rng.random() * one_in < 1

    def props(self, field: str = "") -> str:
        out = ""
        if self.chance(4):
            reuse = self.wild and self.defined and self.chance(100)  # a duplicate anchor: a YAML error
            name = self.rng.choice(self.defined)[0] if reuse else f"a{len(self.defined)}"
            self.defined.append((name, field))
            out += f"&{name} "
        if self.chance(12):
            out += self.rng.choice(self.refused if self.wild and self.chance(4) else self.allowed) + " "
        return out

    def alias(self, field: str = "") -> str | None:
        names = [name for name, where in self.defined if self.wild or where == field]
        if names and self.chance(4):
            return "*" + self.rng.choice(names) + " "
        if self.wild and self.chance(1000):
            return "*nowhere "
        return None

    def node(self, depth: int, scalar: str | None = None, field: str = "") -> str:
        """Any node (`scalar`: a valid value for `field`, always kept in a tame file)."""
        alias = self.alias(field)
        if alias:
            return alias
        props = self.props(field)
        if scalar is not None and not (self.wild and self.chance(5)):
            return props + scalar
        shape = "scalar" if depth <= 0 else self.rng.choice(["scalar", "scalar", "seq", "map"])
        if shape == "scalar":
            return props + self.rng.choice(SCALARS)
        if shape == "seq":
            return props + "[" + ", ".join(self.node(depth - 1) for _ in range(self.rng.randint(0, 3))) + "]"
        keys = [self.node(0) for _ in range(self.rng.randint(0, 3))]
        return props + "{" + ", ".join(f"{k}: {self.node(depth - 1)}" for k in keys) + "}"

    def event(self, n: int) -> str:
        alias = self.alias("event")
        if alias:
            return alias
        fields = {"id": f"e{n}", "title": "T", "kind": "k", "certainty": "confirmed", "sources": SOURCES}
        for _ in range(self.rng.randint(0, 2)):
            name = self.rng.choice(sorted(FIELDS))
            if self.wild or name in TAME_FIELDS:
                fields[name] = self.rng.choice(FIELDS[name] if self.wild else FIELDS[name][:1])
        body = ", ".join(f"{key}: {self.node(2, value, key if key != 'id' else '')}" for key, value in fields.items())
        return self.props("event" if self.wild else "") + "{" + body + "}"


@st.composite
def data_files(draw) -> str:
    """A data file (block at the top, flow inside) with anchors, aliases and tags placed anywhere:
    before the events, on them, inside them, after them, on the root and the list themselves."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    directive = rng.random() < 0.2
    writer = _Writer(rng, directive)
    lines = ["%TAG !e! tag:yaml.org,2002:", "---"] if directive else []
    if writer.chance(5):  # the root's anchor and tag
        props = writer.props().strip()
        if props:
            lines += [props] if directive else ["--- " + props]
    if writer.wild and writer.chance(5):
        lines += [LAUGHS.rstrip()]
        writer.defined += [(f"l{i}", "") for i in range(6)]
    if writer.wild and writer.chance(4):
        lines.append("before: " + writer.node(3))  # an unknown field: an error, but its anchors count
    source = "{id: art, file: seed.txt, published: 2025-10-31, note: " + writer.node(2, "N", "note") + "}"
    lines.append("sources: " + writer.props() + "[" + source + "]")
    if writer.chance(3):
        lines.append("defaults: {warn: " + writer.node(2, "[30d, 7d]", "warn") + "}")
    lines.append("events: " + writer.props())
    lines += ["  - " + writer.event(n) for n in range(rng.randint(0, 6))]
    if writer.wild and writer.chance(4):
        lines.append("after: " + writer.node(3))
    if writer.wild and writer.chance(20):
        lines.append(rng.choice(["  - {broken", "events: []", "---", "x: *nowhere"]))
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES * 5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=data_files(), limit=st.sampled_from([None, None, None, "40", "300"]))
def test_generated_files_stream_as_the_whole_graph_reads_them(text, limit):
    environ = {"TIMELINE_MAX_BYTES": limit} if limit else {}
    with mock.patch.dict(os.environ, environ):
        streamed = load.parse(text, "events.yaml")
        assert streamed == wholegraph.parse(text), text
    try:
        whole = wholegraph.compose(text)
    except yaml.YAMLError:
        return
    if whole is None:
        return
    with mock.patch.dict(os.environ, environ):
        root, problems = _streamed_graph(text)
        assert _where(problems) == _where(wholegraph.check_graph(whole))
    if not problems:
        _same_nodes(root, whole)
