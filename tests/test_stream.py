"""Streaming the `events:` list (timeline/stream.py) reads every file exactly as
composing the whole graph does: the same records, the same errors."""

from __future__ import annotations

import pytest
import yaml
from conftest import HEADER, ROOT

from timeline import load


def whole_graph(text: str, filename: str = "events.yaml") -> tuple[object, list[object]]:
    """What `load.parse` did before streaming: compose everything, then convert."""
    try:
        root = yaml.compose(text, Loader=load._Loader)
    except yaml.YAMLError:
        return "yaml error", []
    if root is None:
        return None, []
    reader = load._Reader(filename)
    document = reader.document(root)
    return document, sorted(reader.errors, key=lambda e: e.sort_key())


EVENT = "- {id: e%d, title: T, kind: k, certainty: confirmed, date: 2025-11-10, sources: [{source: art, quote: x}]}\n"
CASES = {
    "shipped": (ROOT / "events.yaml").read_text(encoding="utf-8"),
    "events": HEADER + "".join("  " + EVENT % i for i in range(5)),
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
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_records_and_errors(name):
    text = CASES[name]
    assert "&" not in text and "!" not in text  # the streaming path
    document, errors = load.parse(text, "events.yaml")
    assert (document, errors) == whole_graph(text)


@pytest.mark.parametrize("text, message", [
    (HEADER + "  - {id: a\n", "YAML syntax error"),
    (HEADER + "  - *nowhere\n", "undefined alias"),
    ("sources: []\n---\nevents: []\n", "single document"),
    (HEADER + "  - {id: a, title: T}\n  - [unclosed\n", "YAML syntax error"),
])
def test_yaml_errors_are_the_same(text, message, monkeypatch):
    document, errors = load.parse(text, "events.yaml")
    assert document is None and len(errors) == 1 and errors[0].stage == "parse" and message in str(errors[0])

    class WholeGraph:  # what yaml.compose does with the same loader
        @staticmethod
        def compose(loader, convert):
            return loader.get_single_node(), None

    monkeypatch.setattr(load, "stream", WholeGraph)
    assert load.parse(text, "events.yaml") == (document, errors)
