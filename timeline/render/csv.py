"""Views → CSV (RFC 4180, through the csv module) for spreadsheets: one row per
event, a header row first.  Only `list` for now; a view not in RENDERERS is
refused with a usage error."""

from __future__ import annotations

import csv
import io

from timeline.model import Derived
from timeline.status import status
from timeline.views import ListView

COLUMNS = ("id", "title", "kind", "certainty", "status", "date", "precision", "since", "until",
           "parties", "tags", "assumed", "revised", "stale")


def _iso(derived: Derived | None) -> str:
    return derived.value.iso() if derived else ""


def list_csv(view: ListView, style: object = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    stale = "yes" if view.fresh.stale else "no"  # as JSON's "stale": the whole file's newest source
    for entry in view.entries:
        event, main = entry.event, entry.sort_date
        writer.writerow([
            event.id, event.title, event.kind, event.certainty, status(entry, view.as_of),
            main.iso() if main else "", main.precision if main else "",
            _iso(entry.start), _iso(entry.end),
            ";".join(event.parties), ";".join(event.tags), "yes" if entry.assumed else "no",
            len(entry.revisions), stale,
        ])
    return out.getvalue()


RENDERERS = {ListView: list_csv}
