"""Adding list items to YAML text without touching anything else.

Why text and not a round-trip library: ruamel.yaml's round-trip mode (indent
mapping=2 sequence=4 offset=2, width unlimited) dumps the shipped `events.yaml`
byte for byte, but it attaches a comment or blank line that follows the last
item of a list to that item, so an appended item lands after it (measured: the
blank line before `defaults:` moved between two sources, and an appended event
lost the blank line the others have).  Loading and re-dumping with PyYAML
loses every comment.  So here the file is composed with PyYAML, the loader's
own parser, for the exact start and end of every node; new lines are inserted
after the last item's content, at the list's own indentation.  Every other
byte stays as it was, by construction, and no new dependency is needed.
New values are written by PyYAML's emitter (plain where the loader reads them
back as the same text, quoted otherwise), one `key: value` line each.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

import yaml

from timeline.model import Error, Location, TimelineError

_Composer = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")


# --- reading ------------------------------------------------------------------


def compose(text: str, filename: str) -> yaml.MappingNode:
    """The root node of `text`; TimelineError (located) if it is not YAML or not a mapping."""
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        raise TimelineError([Error(f"YAML syntax error: {exc.problem or exc.context}", where, stage="parse")]) from None
    except yaml.YAMLError as exc:
        raise TimelineError([Error(f"YAML error: {' '.join(str(exc).split())}", Location(filename), stage="parse")]) from None
    if not isinstance(root, yaml.MappingNode):
        where = loc(root, filename) if root is not None else Location(filename)
        raise TimelineError([Error("expected a mapping with 'sources:' and 'events:'", where, stage="parse")])
    return root


def loc(node: yaml.Node, filename: str) -> Location:
    return Location(filename, node.start_mark.line + 1, node.start_mark.column + 1)


def get(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of `name` in a mapping node, or None (the first, if repeated)."""
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def scalar(node: yaml.Node | None) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def is_null(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and bool(_NULL.match(node.value))


# --- where a node's content ends ---------------------------------------------


def content_end(text: str, node: yaml.Node, floor: int = 0) -> int:
    """Offset just after the last character of `node` itself: not the blank lines
    and comments that follow it (PyYAML's end mark of a block collection is at the
    next token, past them).  `floor`: the start of the enclosing node; a node that
    starts before it was reached through an alias, and its marks say nothing here."""
    if node.start_mark.index < floor:
        return -1
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            header = text[node.start_mark.index : text.find("\n", node.start_mark.index) + 1 or len(text)]
            if "+" in header.split("#")[0]:
                return node.end_mark.index  # kept trailing line breaks are content
            end = node.end_mark.index
            while end > node.start_mark.index + len(header.rstrip()) and text[end - 1] in " \t\r\n":
                end -= 1
            return end
        return node.end_mark.index
    assert isinstance(node, yaml.CollectionNode)  # a YAML node is a scalar, a sequence or a mapping
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    if isinstance(last, tuple):  # a mapping's last (key, value): the value comes after the key
        key_end = content_end(text, last[0], _start(node.value[-2][1]) if len(node.value) > 1 else node.start_mark.index)
        end = content_end(text, last[1], key_end) if key_end >= 0 else -1
    else:  # a list's last item comes after the one before it
        end = content_end(text, last, _start(node.value[-2]) + 1 if len(node.value) > 1 else node.start_mark.index)
    return end if end >= 0 else _before_trivia(text, node.end_mark.index)


def _start(node: yaml.Node) -> int:
    index: int = node.start_mark.index
    return index


def _before_trivia(text: str, end: int) -> int:
    """Back from `end` over blank and comment-only lines (used only after an alias)."""
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            return end
        end = start
    return end


def line_end(text: str, index: int) -> int:
    """Offset of the start of the line after the one holding the character before `index`."""
    if index == 0 or text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return found + 1 if found >= 0 else len(text)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


# --- writing ----------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes text plain wherever the loader (which reads every plain scalar as
    text) reads it back unchanged: `2026-03-31` and `true` stay plain, `null`,
    `~`, an empty string or a line break get quotes."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # no YAML 1.1 guessing: only null matters to the loader


_Dumper.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, list("~nN") + [""])


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if any(c in data for c in "\n\r\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_text)


def field_line(key: str, value: str) -> str:
    """`key: value` on one line, quoted only as needed."""
    out = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, width=1 << 30, default_flow_style=False)
    return out.rstrip("\n")


def mapping_lines(fields: dict[str, str]) -> list[str]:
    return [field_line(k, v) for k, v in fields.items()]


# --- inserting ----------------------------------------------------------------


class Target(NamedTuple):
    """The list to add to: `key` in `mapping`, which starts at `column`.  `what`
    names it in messages ("sources", "event 'x': revisions")."""

    mapping: yaml.MappingNode
    key: str
    column: int
    what: str


Render = Callable[[int, int, str, bool], str]  # (dash column, item indent, newline, blank line before) -> lines


def items(fields: list[dict[str, str]]) -> Render:
    """New list items, each a mapping of one-line scalar fields."""
    return lambda dash, indent, nl, blank: _render([mapping_lines(f) for f in fields], dash, indent, nl, blank)


def fragment(text: str) -> Render:
    """List items written as YAML text (its comments kept), shifted to the list's column."""

    def render(dash: int, indent: int, nl: str, blank: bool) -> str:
        return (nl if blank else "") + nl.join(reindent(text, dash)) + nl

    return render


def append_items(text: str, filename: str, target: Target, render: Render, *, before_key: str | None = None) -> str:
    """`text` with new items appended to the block list at `target` (created if absent).

    `before_key`: where a missing list goes (before that key of the mapping, if
    present), else after the mapping's content.
    """
    if getattr(target.mapping, "flow_style", False):
        where = loc(target.mapping, filename)
        raise TimelineError([Error(f"{target.what}: cannot add to a mapping written in {{...}} flow style; write it one field per line", where, stage="edit")])
    nl = newline_of(text)
    found = get(target.mapping, target.key)
    if found is None:
        return _new_list(text, target, render, nl, before_key)
    key, value = found
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        dash = value.start_mark.column
        first = value.value[0]
        indent = first.start_mark.column - dash if first.start_mark.line == value.start_mark.line else 2
        indent = max(indent, 2)
        at = line_end(text, content_end(text, value))
        blank = _separated(text, value)
        block = render(dash, indent, nl, blank)
        if at == len(text) and text and not text.endswith("\n"):
            block = nl + block
        return text[:at] + block + text[at:]
    if (isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value) or is_null(value):
        # `key: []`, `key: ~` or `key:`: the value goes, the line (and its comment) stays
        start, end = value.start_mark.index, value.end_mark.index
        if start < end:
            while start > key.end_mark.index + 1 and text[start - 1] in " \t":
                start -= 1
        head = text[:start] + text[end:]
        at = line_end(head, start)
        block = render(key.start_mark.column + 2, 2, nl, False)
        if at == len(head) and not head.endswith("\n"):
            block = nl + block
        return head[:at] + block + head[at:]
    where = loc(value, filename)
    if isinstance(value, yaml.SequenceNode):
        raise TimelineError([Error(f"{target.what}: written as a flow list [...]; make it a block list (one '- ' item per line) to add to it", where, stage="edit")])
    raise TimelineError([Error(f"{target.what}: expected a list", where, stage="edit")])


def _new_list(text: str, target: Target, render: Render, nl: str, before_key: str | None) -> str:
    col = target.column
    block = " " * col + f"{target.key}:{nl}" + render(col + 2, 2, nl, False)
    before = get(target.mapping, before_key) if before_key else None
    if before is not None:
        at = before[0].start_mark.index - before[0].start_mark.column
        return text[:at] + block + text[at:]
    at = line_end(text, content_end(text, target.mapping))
    if at == len(text) and text and not text.endswith("\n"):
        block = nl + block
    return text[:at] + block + text[at:]


def _separated(text: str, sequence: yaml.SequenceNode) -> bool:
    """Are the list's last two items separated by a blank line?"""
    if len(sequence.value) < 2:
        return False
    end = content_end(text, sequence.value[-2], sequence.start_mark.index)
    start = sequence.value[-1].start_mark.index
    if end < 0 or start < end:
        return False
    between = text[line_end(text, end) : start].replace("\r", "").split("\n")
    return any(not line.strip() for line in between[:-1])


def _render(items: list[list[str]], dash: int, indent: int, nl: str, blank: bool) -> str:
    out = []
    for lines in items:
        if blank:
            out.append(nl)
        out.append(" " * dash + "-" + " " * (indent - 1) + lines[0] + nl)
        out.extend((" " * (dash + indent) + line if line.strip() else "") + nl for line in lines[1:])
    return "".join(out)


def reindent(fragment: str, column: int) -> list[str]:
    """The lines of a YAML fragment shifted so that its least indented non-comment
    line starts at `column` (comment lines shift as far as they can)."""
    lines = fragment.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    content = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    current = min((len(line) - len(line.lstrip(" ")) for line in content), default=0)
    shift = column - current
    out = []
    for line in lines:
        if not line.strip():
            out.append("")
        elif shift >= 0:
            out.append(" " * shift + line)
        else:
            lead = len(line) - len(line.lstrip(" "))
            out.append(line[min(lead, -shift) :])
    return out
