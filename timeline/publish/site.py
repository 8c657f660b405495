"""The routes `timeline serve` answers, built from a data file.

    /timeline.ics   the calendar, as `timeline ics` writes it (all events, each
                    event's own alarms); DTSTAMP is the data file's time, so the
                    bytes, and the ETag, change only when the data does
    /events.json    the `timeline list --json` array, as of today
    /               an HTML page: `page(timeline, today)` when given (the html
                    renderer), else a plain list of the calendar's entries

`stamp()` is what the server compares between requests: the data file's and
its seeds' sizes and times, and today's date (the JSON's statuses change at
midnight).
"""

from __future__ import annotations

import datetime
import html
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.publish.serve import Page

if TYPE_CHECKING:
    from timeline.model import Milestone

ICS = "text/calendar; charset=utf-8"
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"


class DataSite:
    def __init__(self, path: str | os.PathLike[str], *, name: str = "Policy timeline",
                 today: Callable[[], datetime.date] | None = None,
                 page: Callable[..., str] | None = None) -> None:
        self.path = Path(path)
        self.name = name
        self.today = today or _today
        self.page = page
        self.watched: tuple[Path, ...] = (self.path,)

    def build(self) -> dict[str, Page]:
        """Raise TimelineError when the data file has errors."""
        from timeline import api, views  # 186 ms (yaml, pendulum: python -X importtime), only once serving
        from timeline.render import render

        timeline = api.load(self.path)
        self.watched = (self.path, *sorted({self.path.parent / s.file for s in timeline.sources.values()}))
        day = self.today()
        ics = api.calendar_export(timeline, self.path, name=self.name, served=True).data
        listing = render(views.list_view(timeline, day), "json").encode("utf-8")
        found = views.all_milestones(timeline)
        page = self.page(timeline, day) if self.page else _plain_page(self.name, found)
        return {"/timeline.ics": Page(ics, ICS), "/events.json": Page(listing, JSON), "/": Page(page.encode("utf-8"), HTML)}

    def stamp(self) -> tuple[object, ...]:
        return (self.today(), *(_file_stamp(p) for p in self.watched))


def _today() -> datetime.date:
    import pendulum  # 59 ms, only to ask for today's date

    return pendulum.today().date()


def _file_stamp(path: Path) -> tuple[str | int | None, ...]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_mtime_ns, st.st_size, st.st_ino)


def _plain_page(name: str, milestones: Iterable[Milestone]) -> str:
    from timeline.render.ics import summary  # 63 ms (the ics package), only for the plain page

    items = "\n".join(f"<li><time>{html.escape(str(m.date.value))}</time> {html.escape(summary(m))}</li>" for m in milestones)
    title = html.escape(name)
    return f"""<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>{title}</title>
<h1>{title}</h1>
<p>Subscribe: <a href="timeline.ics">timeline.ics</a> (calendar) · <a href="events.json">events.json</a> (data)</p>
<ul>
{items}
</ul>
</html>
"""
