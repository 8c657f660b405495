"""Compose a data file with its `events:` list streamed: each event's nodes are
built from the C parser's events, converted to a record, and dropped before
the next, so the node graph of the whole file (about 14 KB an event, 1.4 GB
at 100,000) never exists at once.

Only for text without anchors and tags (no '&', no '!'), where the graph needs
no whole-file check (timeline/load.py `check_graph`); the nodes are the same
`yaml.Node`s with the same marks as `yaml.compose` makes, so the converter and
its messages are unchanged.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

from timeline.model import Event

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def compose(loader: Any, convert: Any) -> tuple[yaml.Node | None, list[Event]]:
    """(the root node with the first top-level `events:` list left empty, that
    list's items as converted by `convert(node)`, in order).  Raises the YAML
    errors `yaml.compose` raises."""
    converted: list[Event] = []
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None, converted
    loader.get_event()  # DocumentStart
    if loader.check_event(yaml.MappingStartEvent):
        root: yaml.Node = _top(loader, convert, converted)
    else:
        root = _node(loader)
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise ComposerError("expected a single document in the stream", root.start_mark,
                            "but found another document", event.start_mark)
    return root, converted


def _top(loader: Any, convert: Any, converted: list[Event]) -> yaml.MappingNode:
    start = loader.get_event()
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    seen_events = False
    while not loader.check_event(yaml.MappingEndEvent):
        key = _node(loader)
        is_events = isinstance(key, yaml.ScalarNode) and key.value == "events"
        if is_events and not seen_events and loader.check_event(yaml.SequenceStartEvent):
            first = loader.get_event()
            while not loader.check_event(yaml.SequenceEndEvent):
                found = convert(_node(loader))
                if found is not None:
                    converted.append(found)
            end = loader.get_event()
            value: yaml.Node = yaml.SequenceNode(_SEQ, [], first.start_mark, end.end_mark, flow_style=first.flow_style)
        else:
            value = _node(loader)
        seen_events = seen_events or is_events
        pairs.append((key, value))
    end = loader.get_event()
    return yaml.MappingNode(_MAP, pairs, start.start_mark, end.end_mark, flow_style=start.flow_style)


def _node(loader: Any) -> yaml.Node:
    event = loader.get_event()
    kind = type(event)
    if kind is yaml.ScalarEvent:
        return yaml.ScalarNode(_STR, event.value, event.start_mark, event.end_mark, style=event.style)
    if kind is yaml.SequenceStartEvent:
        items = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(_node(loader))
        end = loader.get_event()
        return yaml.SequenceNode(_SEQ, items, event.start_mark, end.end_mark, flow_style=event.flow_style)
    if kind is yaml.MappingStartEvent:
        pairs = []
        while not loader.check_event(yaml.MappingEndEvent):
            key = _node(loader)
            pairs.append((key, _node(loader)))
        end = loader.get_event()
        return yaml.MappingNode(_MAP, pairs, event.start_mark, end.end_mark, flow_style=event.flow_style)
    if kind is yaml.AliasEvent:
        raise ComposerError(None, None, "found undefined alias", event.start_mark)  # as the C composer says
    raise ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
