"""JSON for `list --json`: what encoding every entry costs, each way.

`json.dumps(..., indent=2)` (today's output) runs CPython's pure-Python
encoder: the C encoder is used only without `indent`.  Compared: building
the objects, json.dumps with indent, without indent (C), and an indenting
writer that encodes each string with the C `encode_basestring` (checked
byte-identical to json.dumps with indent=2).  Links go through an index
built once here (views.links scans every entry for every entry).

    python bench/json_encode.py DATA_FILE     # e.g. one written by bench/generate.py
"""

from __future__ import annotations

import gc
import json
import sys
import time
from json.encoder import encode_basestring  # the C one when available (no ASCII escaping)
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pendulum  # noqa: E402

from timeline import api, views  # noqa: E402
from timeline.model import LINK_KINDS  # noqa: E402
from timeline.render import json as render_json  # noqa: E402


def write(value, out: list[str], indent: int) -> None:
    """json.dumps(value, ensure_ascii=False, indent=2)'s layout; leaves through the C encoders."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, (int, float)):
        out.append(json.dumps(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + "  " * (indent + 1)
        out.append("{")
        for n, (key, item) in enumerate(value.items()):
            out.append(inner if n == 0 else "," + inner)
            out.append(encode_basestring(key))
            out.append(": ")
            write(item, out, indent + 1)
        out.append("\n" + "  " * indent + "}")
    else:
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (indent + 1)
        out.append("[")
        for n, item in enumerate(value):
            out.append(inner if n == 0 else "," + inner)
            write(item, out, indent + 1)
        out.append("\n" + "  " * indent + "]")


def main() -> int:
    gc.disable()
    timeline = api.load(sys.argv[1])
    back: dict[str, list] = {}
    for entry in timeline.entries:
        for link in entry.event.links:
            back.setdefault(link.target, []).append((LINK_KINDS[link.kind], entry.id))

    def links(_timeline, entry):
        return [(link.kind.replace("_", " "), link.target) for link in entry.event.links] + back.get(entry.id, [])

    render_json.links = links  # the index built once, in place of today's scan
    day = pendulum.date(2026, 1, 15)
    entries = views.listing(timeline)
    start = time.perf_counter()
    objects = [render_json.entry_object(timeline, e, day) for e in entries]
    t_objects = time.perf_counter() - start
    start = time.perf_counter()
    indented = json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    t_indent = time.perf_counter() - start
    start = time.perf_counter()
    json.dumps(objects, ensure_ascii=False)
    t_c = time.perf_counter() - start
    start = time.perf_counter()
    out: list[str] = []
    write(objects, out, 0)
    written = "".join(out) + "\n"
    t_writer = time.perf_counter() - start
    print(f"{len(objects)} entries: build the objects {t_objects:.2f} s; json.dumps(indent=2) {t_indent:.2f} s "
          f"(pure-Python encoder); json.dumps without indent {t_c:.2f} s (C); indenting writer with the C string "
          f"encoder {t_writer:.2f} s; byte-identical: {written == indented}")
    return 0 if written == indented else 1


if __name__ == "__main__":
    sys.exit(main())
