"""The reference for streamed reading: `load.parse` as it was before every file
streamed, for files with anchors, aliases or tags.  The C composer builds the
whole node graph (`loader.get_single_node()`, what `yaml.compose` does), then
round 1's `check_graph` walks it (refused tags, aliases' expansion bounded,
recursive structures), then the converter reads it all.  `load.parse`'s own
error handling is kept: only the composer is swapped.

tests/test_stream.py and the fuzzers (tests/test_fuzz.py, tests/fuzz/) check
that `load.parse` gives exactly what `parse` here gives.
"""

from __future__ import annotations

from unittest import mock

import yaml

from timeline import load
from timeline.model import Document, Error
from timeline.safe_io import ENV_MAX_BYTES, max_bytes
from timeline.stream import MAX_ALIAS_NODES

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def check_graph(root: yaml.Node) -> list[tuple[yaml.Node, str]]:
    """Round 1's `_Reader.check_graph`, unchanged but for returning its errors as (node, message)."""
    errors: list[tuple[yaml.Node, str]] = []
    extra = 0  # nodes reached a second time, through an alias
    expanded = 0  # characters of text reached a second time, through an alias
    limit = max_bytes()
    seen: set[int] = set()
    path: list[yaml.Node] = []  # path[d] is the ancestor at depth d of the node being visited
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth == len(path):
            path.append(node)
        else:
            path[depth] = node
        if id(node) in seen:  # reached again through an alias: rare, so checks may cost
            if any(node is ancestor for ancestor in path[:depth]):
                errors.append((node, "an alias refers to a node that contains it (a recursive structure)"))
                return errors
            extra += 1
            if extra > MAX_ALIAS_NODES:
                errors.append((node, f"anchors and aliases expand to more than {MAX_ALIAS_NODES} nodes"))
                return errors
            expanded += len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            if expanded > limit:
                errors.append((node, f"anchors and aliases expand to more than {limit} characters of text "
                                     f"(the limit; set ${ENV_MAX_BYTES} to change it)"))
                return errors
        else:
            seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_STD, "!!")
            errors.append((node, f"YAML tag '{tag}' is not allowed (only plain data is read)"))
            continue
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, depth + 1))
                stack.append((key, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in reversed(node.value))
    return errors


class _WholeGraph:
    """Stands in for timeline/stream.py in `load`: the whole graph, checked, nothing streamed."""

    @staticmethod
    def compose(loader, convert):
        root = loader.get_single_node()
        return root, [], check_graph(root) if root is not None else []


def parse(text: str, filename: str = "events.yaml") -> tuple[Document | None, list[Error]]:
    with mock.patch.object(load, "stream", _WholeGraph):
        return load.parse(text, filename)


def compose(text: str) -> yaml.Node | None:
    """The whole graph as `yaml.compose` makes it with the data file's loader."""
    return yaml.compose(text, Loader=load._Loader)
