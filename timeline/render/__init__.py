"""Output formats: one module per format, named in `FORMATS`.

A format module defines `RENDERERS`, a mapping from the view records it can
write (`timeline.views.NextView`, `ListView`, …) to functions
`(view, style) -> str`.  Adding a format is one new module here and one line
in `FORMATS`; every command that offers `--format` then accepts it for the
views the module can write.  Modules are imported only when chosen, so that
a format's dependencies cost nothing to the others.
"""

from __future__ import annotations

from types import MappingProxyType

from timeline.render.style import Style
from timeline.safe_io import printable

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, TypeAlias

FORMATS: Mapping[str, str] = MappingProxyType({
    "text": "timeline.render.text",
    "json": "timeline.render.json",
    "csv": "timeline.render.csv",
    "html": "timeline.render.html",
    "timelinejs": "timeline.render.timelinejs",
})

Renderer: TypeAlias = "Callable[[Any, Style], str]"


class FormatError(ValueError):
    """The chosen format cannot write this view (e.g. `next --format csv`)."""


def renderers(format: str) -> Mapping[type, Renderer]:
    """The views format `format` can write, and how."""
    if format not in FORMATS:
        raise FormatError(f"'{format}' is not a format: choose one of {', '.join(FORMATS)}")
    module = __import__(FORMATS[format], fromlist=["RENDERERS"])  # the submodule; no importlib (0.5 ms)
    table: Mapping[type, Renderer] = module.RENDERERS
    return table


def formats_for(view_type: type) -> list[str]:
    """The formats that can write views of this type (imports every format module)."""
    return [name for name in FORMATS if view_type in renderers(name)]


def render(view: object, format: str = "text", style: Style | None = None) -> str:
    """`view` written in `format`; FormatError if that format cannot write it."""
    table = renderers(format)
    write = table.get(type(view))
    if write is None:
        offered = [name for name in FORMATS if type(view) in renderers(name)]
        raise FormatError(f"'{format}' is not available here: choose one of {', '.join(offered)}")
    style = style or Style(False)
    text = write(view, style)
    # Terminal text carries no control character but colour, whoever prints it (the CLI,
    # the fast path, cron): defence in depth, the loader refuses them in the data too.
    return printable(text, keep_colour=style.color) if format == "text" else text
