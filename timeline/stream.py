"""Compose a data file with its `events:` list streamed: each event's nodes are
built from the C parser's events, converted to a record, and dropped before
the next, so the node graph of the whole file (about 14 KB an event, 1.4 GB
at 100,000) never exists at once.

Every file streams.  The nodes are the `yaml.Node`s `yaml.compose(text,
Loader=load._Loader)` makes, with the same tags and marks, and the composer
raises the C composer's errors (undefined alias, duplicate anchor, a second
document).  What the whole graph was checked for is checked as the nodes are
made, in the order a depth-first walk of the whole graph would meet it:

* a tag outside `ALLOWED_TAGS` is refused, and nothing inside that node is
  looked at there (an anchor inside it is visited when an alias first
  reaches it, as the whole-graph walk did);
* an alias is resolved through a table of the anchored nodes (only those are
  kept: they and what they hold stay alive, every other node is dropped), and
  everything it reaches again is counted: more than `MAX_ALIAS_NODES` nodes
  or `max_bytes()` characters of text reached again, or an alias to a node
  that contains it (a recursive structure), refuses the file and ends the
  checks (the file is still read to its end, so that a YAML error later in
  it is the one reported, as before).

Once the graph has a problem, no more events are converted: the file is
refused with the problems alone, as the whole-graph check refused it.  An
anchored `events:` list (an alias may repeat it) is kept whole, not streamed.
tests/wholegraph.py keeps the whole-graph reading as the reference that
tests/test_stream.py and the fuzzers compare this one with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml
from yaml.composer import ComposerError

from timeline.safe_io import ENV_MAX_BYTES, max_bytes

MAX_ALIAS_NODES = 100_000  # nodes added by expanding aliases (a "billion laughs" file adds billions)
_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_STR, _SEQ, _MAP = _STD + "str", _STD + "seq", _STD + "map"

T = TypeVar("T")
Problem = tuple[yaml.Node, str]  # a node the file is refused for, and why


def _tag_problem(node: yaml.Node) -> str:
    return f"YAML tag '{node.tag.replace(_STD, '!!')}' is not allowed (only plain data is read)"


_RECURSIVE = "an alias refers to a node that contains it (a recursive structure)"
_TOO_MANY_NODES = f"anchors and aliases expand to more than {MAX_ALIAS_NODES} nodes"


def _too_much_text(limit: int) -> str:
    return (f"anchors and aliases expand to more than {limit} characters of text "
            f"(the limit; set ${ENV_MAX_BYTES} to change it)")


def compose(loader: Any, convert: Callable[[yaml.Node], T | None]) -> tuple[yaml.Node | None, list[T], list[Problem]]:
    """(the root node with the first top-level `events:` list left empty, that
    list's items as converted by `convert(node)`, in order, and the problems of
    the graph).  With problems, the converted items are incomplete and the file
    is to be refused.  Raises the YAML errors `yaml.compose` raises."""
    composer = _Composer(loader, convert)
    root = composer.document()
    return root, composer.converted, composer.problems


def _tag(event: Any, default: str) -> str:
    """As the C composer: no tag, or the non-specific '!', resolves (to the kind's tag: load._Loader)."""
    tag: str | None = event.tag
    return default if tag is None or tag == "!" else tag


class _Composer:
    def __init__(self, loader: Any, convert: Callable[[yaml.Node], Any]):
        self.loader = loader
        self.convert = convert
        self.converted: list[Any] = []
        self.problems: list[Problem] = []
        self.anchors: dict[str, yaml.Node] = {}
        # The check of the graph (a depth-first walk from the root, in document order): a node is
        # visited where it is defined, unless it lies inside a node with a refused tag; then it is
        # first visited when an alias reaches it.  `unseen` holds such nodes, of those an alias can
        # reach (inside an anchored node): kept alive by `anchors`, so their ids stay theirs.
        self.unseen: set[int] = set()
        self.open: list[yaml.Node] = []  # anchored collections being composed (an alias to one is recursive)
        self.stopped = False  # a limit was passed: the check stopped there, as the whole-graph one returned
        self.extra = 0  # nodes reached again through aliases
        self.expanded = 0  # characters of text reached again through aliases
        self.limit = max_bytes()

    # -- the document --------------------------------------------------------

    def document(self) -> yaml.Node | None:
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        root = self._top() if loader.check_event(yaml.MappingStartEvent) else self._node()
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", event.start_mark)
        return root

    def _top(self) -> yaml.MappingNode:
        """The top-level mapping, its first `events:` list streamed (unless anchored: then kept whole)."""
        loader = self.loader
        start = loader.get_event()
        root = yaml.MappingNode(_tag(start, _MAP), [], start.start_mark, None, flow_style=start.flow_style)
        visited = self._begin(start, root, True)
        item = self._node if visited else self._quiet_item
        pairs = root.value
        seen_events = False
        while not loader.check_event(yaml.MappingEndEvent):
            key = item()
            is_events = isinstance(key, yaml.ScalarNode) and key.value == "events"
            if (is_events and not seen_events and loader.check_event(yaml.SequenceStartEvent)
                    and loader.peek_event().anchor is None):
                value: yaml.Node = self._events(visited)
            else:
                value = item()
            seen_events = seen_events or is_events
            pairs.append((key, value))
        root.end_mark = loader.get_event().end_mark
        if visited and start.anchor is not None:
            self.open.pop()
        return root

    def _events(self, visited: bool) -> yaml.SequenceNode:
        """The `events:` list: each item composed, converted while the graph has no problem, dropped."""
        loader = self.loader
        first = loader.get_event()
        node = yaml.SequenceNode(_tag(first, _SEQ), [], first.start_mark, None, flow_style=first.flow_style)
        item = self._node if self._begin(first, node, visited) else self._quiet_item
        while not loader.check_event(yaml.SequenceEndEvent):
            found = item()
            if not self.problems:
                converted = self.convert(found)
                if converted is not None:
                    self.converted.append(converted)
        node.end_mark = loader.get_event().end_mark
        return node

    def _begin(self, event: Any, node: yaml.Node, visited: bool) -> bool:
        """Register a collection made by hand (`_top`, `_events`) under its anchor and visit it if
        `visited`: whether what it holds is visited (an anchored one is then in `open`)."""
        if event.anchor is not None:
            self._anchor(event, node)
        if not visited or self.stopped:
            return False
        if node.tag not in ALLOWED_TAGS:
            self.problems.append((node, _tag_problem(node)))
            return False
        if event.anchor is not None:
            self.open.append(node)
        return True

    def _quiet_item(self) -> yaml.Node:
        return self._subtree(self.loader.get_event(), False)

    def _anchor(self, event: Any, node: yaml.Node) -> None:
        anchor = event.anchor
        if anchor in self.anchors:
            raise ComposerError("found duplicate anchor; first occurrence", self.anchors[anchor].start_mark,
                                "second occurrence", event.start_mark)
        self.anchors[anchor] = node

    # -- nodes -------------------------------------------------------------------

    def _node(self) -> yaml.Node:
        """The next node, visited: the common case (no anchor, no tag) first and fast."""
        loader = self.loader
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is None and event.tag is None:
                return yaml.ScalarNode(_STR, event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is yaml.SequenceStartEvent:
            if event.anchor is None and event.tag is None:
                items = []
                while not loader.check_event(yaml.SequenceEndEvent):
                    items.append(self._node())
                end = loader.get_event()
                return yaml.SequenceNode(_SEQ, items, event.start_mark, end.end_mark, flow_style=event.flow_style)
        elif kind is yaml.MappingStartEvent:
            if event.anchor is None and event.tag is None:
                pairs = []
                while not loader.check_event(yaml.MappingEndEvent):
                    key = self._node()
                    pairs.append((key, self._node()))
                end = loader.get_event()
                return yaml.MappingNode(_MAP, pairs, event.start_mark, end.end_mark, flow_style=event.flow_style)
        elif kind is yaml.AliasEvent:
            node = self._alias(event)
            if not self.stopped:
                self._revisit(node)
            return node
        else:
            raise ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
        return self._subtree(event, True)

    def _subtree(self, event: Any, visited: bool) -> yaml.Node:
        """The node `event` starts (one with an anchor or a tag, or any node where nothing is
        visited) and all it holds, composed in one Python frame however deeply it nests (as the C
        composer does; the plain nodes' recursion in `_node` is one frame a level).

        `visited`: the nodes are visited where they stand.  Else (inside a refused tag) they are
        not, and those inside an anchor go into `unseen`, for an alias to visit first."""
        loader = self.loader
        stack: list[list[Any]] = []  # the open collections: [node, visited, record, in `open`, a key waiting]
        record = False
        while True:
            kind = type(event)
            done: yaml.Node | None
            if kind is yaml.AliasEvent:
                done = self._alias(event)
                if visited and not self.stopped:
                    self._revisit(done)
            else:
                node = self._make(event, kind)
                inner, inner_record, opened = visited, False, False
                if not visited:
                    inner_record = record or (event.anchor is not None and not self.stopped)
                    if inner_record:
                        self.unseen.add(id(node))
                elif self.stopped:
                    pass  # nothing is checked after a limit was passed
                elif node.tag not in ALLOWED_TAGS:  # refused: what it holds is not visited
                    self.problems.append((node, _tag_problem(node)))
                    inner = False
                elif event.anchor is not None and kind is not yaml.ScalarEvent:
                    self.open.append(node)
                    opened = True
                if kind is yaml.ScalarEvent:
                    done = node
                else:
                    stack.append([node, inner, inner_record, opened, None])
                    done = None
            while True:  # hand the finished node to its collection; close the collections that end here
                if done is not None:
                    if not stack:
                        return done
                    top = stack[-1]
                    if isinstance(top[0], yaml.SequenceNode):
                        top[0].value.append(done)
                    elif top[4] is None:
                        top[4] = done
                    else:
                        top[0].value.append((top[4], done))
                        top[4] = None
                top = stack[-1]
                end = yaml.SequenceEndEvent if isinstance(top[0], yaml.SequenceNode) else yaml.MappingEndEvent
                if not loader.check_event(end):
                    break
                top[0].end_mark = loader.get_event().end_mark
                if top[3]:
                    self.open.pop()
                stack.pop()
                done = top[0]
            visited, record = stack[-1][1], stack[-1][2]
            event = loader.get_event()

    def _alias(self, event: Any) -> yaml.Node:
        node = self.anchors.get(event.anchor)
        if node is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)  # as the C composer says
        return node

    def _make(self, event: Any, kind: type) -> yaml.Node:
        """A node for a start event, registered under its anchor before its contents (as the C
        composer does, so an alias inside it reaches it)."""
        node: yaml.Node
        if kind is yaml.ScalarEvent:
            node = yaml.ScalarNode(_tag(event, _STR), event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is yaml.SequenceStartEvent:
            node = yaml.SequenceNode(_tag(event, _SEQ), [], event.start_mark, None, flow_style=event.flow_style)
        elif kind is yaml.MappingStartEvent:
            node = yaml.MappingNode(_tag(event, _MAP), [], event.start_mark, None, flow_style=event.flow_style)
        else:
            raise ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
        if event.anchor is not None:
            self._anchor(event, node)
        return node

    # -- the check of what aliases reach again -----------------------------------

    def _revisit(self, target: yaml.Node) -> None:
        """Walk what an alias reaches, as the whole-graph walk does at this point: count what is
        reached again, refuse tags, stop at the first limit passed or recursion found."""
        path: list[yaml.Node] = []  # path[d]: the ancestor at depth d, inside this alias, of the node visited
        stack = [(target, 0)]
        while stack:
            node, depth = stack.pop()
            if depth == len(path):
                path.append(node)
            else:
                path[depth] = node
            if id(node) in self.unseen:  # first reached here
                self.unseen.discard(id(node))
            else:
                if any(node is ancestor for ancestor in path[:depth]) or any(node is o for o in self.open):
                    self._stop(node, _RECURSIVE)
                    return
                self.extra += 1
                if self.extra > MAX_ALIAS_NODES:
                    self._stop(node, _TOO_MANY_NODES)
                    return
                self.expanded += len(node.value) if isinstance(node, yaml.ScalarNode) else 0
                if self.expanded > self.limit:
                    self._stop(node, _too_much_text(self.limit))
                    return
            if node.tag not in ALLOWED_TAGS:
                self.problems.append((node, _tag_problem(node)))
                continue
            if isinstance(node, yaml.MappingNode):
                for key, value in reversed(node.value):
                    stack.append((value, depth + 1))
                    stack.append((key, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, depth + 1) for item in reversed(node.value))

    def _stop(self, node: yaml.Node, message: str) -> None:
        self.problems.append((node, message))
        self.stopped = True
