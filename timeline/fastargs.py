"""The fast path's command line: a strict parser for the query commands that
answers None for anything it does not fully understand, so that Typer (the
slow path) handles it, with its own help, errors and exit statuses.

Standard library only.  What it accepts, it reads exactly as Typer does
(tests/test_fastargs.py checks that against the real Typer command); what
it refuses is not an error, only "take the slow path".  `remind --once` and
`--state FILE` are read here too: the fast path writes the state as the CLI
does (timeline/fast.py).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from timeline.records import NamedTuple  # typing's, without compiling the annotations (timeline/records.py)

FLAG, TEXT, COUNT = "flag", "text", "count"

_COMMON = {"--file": ("file", TEXT), "-f": ("file", TEXT), "--quiet": ("quiet", FLAG), "-q": ("quiet", FLAG),
           "--as-of": ("as_of", TEXT), "--json": ("json", FLAG), "--format": ("format", TEXT),
           "--color": ("color", TEXT)}
_SELECT = {"--party": ("party", TEXT), "--kind": ("kind", TEXT), "--tag": ("tag", TEXT),
           "--certainty": ("certainty", TEXT)}
COMMANDS: dict[str, dict[str, tuple[str, str]]] = {
    "next": {**_COMMON, **_SELECT, "-n": ("number", COUNT), "--number": ("number", COUNT),
             "--within": ("within", TEXT), "--stale-after": ("stale_after", TEXT)},
    "suspended": {**_COMMON, **_SELECT, "--recent": ("recent", COUNT), "--stale-after": ("stale_after", TEXT)},
    "list": {**_COMMON, **_SELECT, "--from": ("start", TEXT), "--to": ("end", TEXT),
             "--stale-after": ("stale_after", TEXT)},
    "show": {**_COMMON, "--stale-after": ("stale_after", TEXT)},
    "remind": {**_COMMON, **_SELECT, "--within": ("within", TEXT), "--mode": ("mode", TEXT),
               "--stale-after": ("stale_after", TEXT), "--once": ("once", FLAG), "--state": ("state", TEXT)},
}
MINIMUM = {"number": 1, "recent": 0}
DEFAULTS: dict[str, dict[str, object]] = {
    "next": {"number": 10, "stale_after": "90d"}, "suspended": {"recent": 30, "stale_after": "90d"},
    "list": {"stale_after": "90d"}, "show": {"stale_after": "90d"}, "remind": {"stale_after": "90d", "once": False},
}
_SHARED_DEFAULTS = {"file": None, "as_of": None, "json": False, "quiet": False, "format": "text", "color": "auto"}


class Invocation(NamedTuple):
    command: str
    options: dict[str, object]  # option name (as the Typer parameter) → value; absent ones at their defaults
    argument: str | None = None  # `show`'s ID


def parse(argv: list[str]) -> Invocation | None:
    """`argv` without the program name → what to run, or None: take the slow path."""
    if not argv or argv[0] not in COMMANDS:
        return None
    command, table = argv[0], COMMANDS[argv[0]]
    options: dict[str, object] = {}
    argument = None
    rest = argv[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if not token.startswith("-") or token == "-":
            if command != "show" or argument is not None or token == "-":
                return None
            argument = token
            continue
        name, has_value, value = token.partition("=")
        if has_value and not name.startswith("--"):
            return None  # `-f=FILE`: Typer reads "=FILE"; leave it to Typer
        spec = table.get(name)
        if spec is None:
            return None  # --help, --version, --no-cache, -n5, --, unknown: the slow path
        key, kind = spec
        if kind == FLAG:
            if has_value:
                return None
            options[key] = True
            continue
        if key in options:
            return None  # repeated: Typer keeps the last; not worth copying
        if not has_value:
            if i >= len(rest):
                return None
            value = rest[i]
            i += 1
        if not value or value.startswith("-"):
            return None
        if kind == COUNT:
            if not (value.isascii() and value.isdigit() and len(value) <= 9) or int(value) < MINIMUM[key]:
                return None
            options[key] = int(value)
        else:
            options[key] = value
    if command == "show" and argument is None:
        return None
    merged: dict[str, object] = {**_SHARED_DEFAULTS, **DEFAULTS.get(command, {})}
    for key, _ in table.values():
        merged.setdefault(key, None)
    merged.update(options)
    return Invocation(command, merged, argument)
