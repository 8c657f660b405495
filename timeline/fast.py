"""The program's entry point: answer a query from the cache without importing
Typer, pendulum or yaml, else run the Typer CLI (timeline/cli.py) unchanged.

The fast path answers only when it fully understands the command line
(timeline/fastargs.py), every value reads as the CLI would read it, and the
cache of the data file holds (timeline/snapshot.py); anything else — help,
errors, completion, --no-cache, TIMELINE_NO_CACHE, a missing or stale cache,
an unknown id — goes to the CLI, which prints what it always prints and
writes the cache for the next run.  The answer goes through the same views
and renderers as the CLI's, from the same resolved timeline, and nothing is
printed before it is complete, so a fallback never follows partial output.

`remind --once` too (`_remind_once`): through `state.report_once`, the
CLI's own lock-read-deliver-record, so the answer is printed under the
state's lock before it is recorded; until then it may still fall back, and
an error of the state file is reported here as the CLI reports it.  A
failure to write stdout is the CLI's one line and exit status 1
(timeline/stdio.py) on either path.
"""

from __future__ import annotations

import os
import sys

from timeline import cache, fastargs, paths, snapshot, stdio
from timeline.datetimes import datetime

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from timeline.dates import Duration
    from timeline.views import Filters

_FORMATS = ("text", "json", "csv")  # writers on the query path (no jinja, no ics)


def main(argv: Sequence[str] | None = None) -> None:
    """`timeline ...` (console script and `python -m timeline`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    answer = _answer(args, os.environ)
    if answer is None:
        from timeline.cli import main as slow  # typer, pendulum, yaml: 100 ms, only when the cache cannot answer

        slow(args)
        return
    emit(*answer)


def emit(notes: list[str], text: str, page: bool = False) -> None:
    """Print an answer as the CLI does: its notes on stderr, then the text (through the
    pager, with `page`, on a terminal: `stdio.page`); a failure to write stdout is the
    CLI's one line and exit status 1 (timeline/stdio.py)."""
    stdio.guard_stdout()
    for note in notes:
        sys.stderr.write(note + "\n")
    if page and stdio.page(text):
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        stdio.stdout_failed(exc)


def _answer(args: list[str], environ: os._Environ[str] | dict[str, str]) -> tuple[list[str], str, bool] | None:
    """(notes for stderr, text for stdout, whether a terminal pages it), or None: take the slow path."""
    if cache.disabled(environ) or "_TIMELINE_COMPLETE" in environ:
        return None
    found = fastargs.parse(args)
    if found is None:
        return None
    try:
        return _run(found, environ)
    except _Printed:
        raise  # a fallback would print it again
    except Exception:  # noqa: BLE001 - nothing was printed: the slow path answers (or reports) instead
        return None


class _Printed(Exception):  # noqa: N818 - what happened, not a kind of error
    """An unexpected error after the answer was printed: never a fallback."""


def _run(found: fastargs.Invocation, environ: os._Environ[str] | dict[str, str]) -> tuple[list[str], str, bool] | None:
    # The query path is imported only once the command line is one the fast path answers
    # (help, completion and errors go to the CLI without paying for it): bench/startup.py.
    from timeline import views
    from timeline.dates import parse_as_of, parse_duration
    from timeline.model import CERTAINTIES
    from timeline.render import render, renderers
    from timeline.render.style import for_output

    o = found.options
    chosen = "json" if o["json"] else str(o["format"])
    if chosen not in _FORMATS or o["color"] not in ("auto", "always", "never"):
        return None
    if o.get("certainty") is not None and o["certainty"] not in CERTAINTIES:
        return None
    today = datetime.date.today()  # the CLI's pendulum.today() in the local zone: the same day

    def day(value: object) -> datetime.date | None:
        return None if value is None else parse_as_of(str(value), today)  # ValueError: the CLI reports it

    def lead(value: object) -> Duration | None:
        if value is None:
            return None
        duration = parse_duration(str(value))
        if duration.approx_days() <= 0:
            raise ValueError(value)
        return duration

    as_of = day(o["as_of"]) or today
    filters = views.Filters(day(o.get("start")), day(o.get("end")), _str(o.get("party")), _str(o.get("kind")),
                            _str(o.get("tag")), _str(o.get("certainty")))
    within = lead(o.get("within"))
    stale_limit = lead(o["stale_after"])
    if found.command == "remind":
        from timeline import reminders as rm

        if o["mode"] is not None and o["mode"] not in (rm.ONCE, rm.DAILY):
            return None
    if o["file"] is not None:
        path, sample = str(o["file"]), False
    else:
        path, sample = paths.find_data_path(environ=environ)
    opened = snapshot.open(path, environ)
    if opened is None:
        return None
    with opened:
        if found.command == "remind" and o["once"]:
            _remind_once(found, opened, as_of, filters, within, stale_limit, path, sample, chosen, environ)
            return [], "", False  # printed, under the state's lock
        made = _view(found, opened, as_of, filters, within, stale_limit, path)
    if made is None:
        return None
    view, stale_note = made
    if type(view) not in renderers(chosen):
        return None  # the CLI refuses this format here (exit status 2)
    text = render(view, chosen, for_output(chosen, str(o["color"]), sys.stdout))
    return (notes(sample=sample, quiet=bool(o["quiet"]), stale=stale_note, environ=environ), text,
            found.command == "show")  # a long `show` goes through the pager on a terminal, as the CLI's


def _view(found: fastargs.Invocation, opened: snapshot.Snapshot, as_of: datetime.date, filters: Filters,
          within: Duration | None, stale_limit: Duration | None, path: str) -> tuple[object, str | None] | None:
    """The view the command asks for, reading no more of the cache than it needs, and
    its staleness note."""
    from timeline import views

    o = found.options
    until = within.after_or_last(as_of) if within else None
    if found.command == "next":
        keep = opened.index.selected(filters)  # --party, --kind, --tag, --certainty: one byte an entry
        milestones = opened.index.upcoming(as_of, int(str(o["number"])), until, keep)
        return _noted(views.NextView(as_of, milestones, views.stale_since(opened.index.newest(), as_of, stale_limit)),
                      as_of)
    if found.command == "show":
        wanted = found.argument
        where = None if wanted is None else opened.index.find(wanted)
        if wanted is None or where is None:
            return None  # the CLI's "did you mean" error
        return _noted(views.show_view(opened.timeline(opened.index.around(where)), as_of, wanted, stale_limit), as_of)
    if found.command == "suspended":
        from timeline.model import Timeline

        recent = int(str(o["recent"]))  # the windows it can print (that the filters keep): their entries, no head
        windows = Timeline(path, {}, opened.entries(opened.index.suspended(as_of, recent,
                                                                           opened.index.selected(filters))))
        return _noted(views.SuspendedView(as_of, recent, *views.suspended(windows, as_of, recent),
                                          views.stale_since(opened.index.newest(), as_of, stale_limit)), as_of)
    if found.command == "remind":
        from pathlib import Path

        from timeline import reminders as rm

        timeline = opened.head()  # the head (sources, lead times) and the entries that can be due
        mode = str(o["mode"] or timeline.warn_mode)
        chosen = opened.index.reminders(as_of, mode, within, keep=opened.index.selected(filters))
        timeline = timeline._replace(entries=opened.entries(chosen))
        fresh = views.freshness(timeline, as_of, stale_limit)
        due = rm.due(timeline, as_of, mode=mode, within=within, filters=filters)
        return views.RemindView(timeline, as_of, due, fresh.stale, Path(path).name), views.stale_note(fresh, as_of)
    if found.command == "list":  # prints every entry that passes
        read: list[int] | None = None  # all of them
        if filters.start is None and filters.end is None:  # a date range is not in the columns
            keep = opened.index.selected(filters)
            if keep is not None:  # those the filters keep, and those linking to them (`views.links`)
                read = opened.index.with_linkers([i for i, kept in enumerate(keep) if kept])
        return _noted(views.list_view(opened.timeline(read), as_of, filters, stale_limit), as_of)
    return None


def _remind_once(found: fastargs.Invocation, opened: snapshot.Snapshot, as_of: datetime.date, filters: Filters,
                 within: Duration | None, stale_limit: Duration | None, path: str, sample: bool, chosen: str,
                 environ: os._Environ[str] | dict[str, str]) -> None:
    """`remind --once`, as the CLI runs it (`state.report_once`, the one implementation):
    under the state's lock, the entries that can be due since the last run (whatever
    the filters: `reminders.due` applies them), their reminders not yet reported,
    printed, then recorded.

    Until something is printed (the notes go with the answer, or with an error of
    the state file), an unexpected error falls back to the CLI: nothing was
    reported or recorded.  An error of the state file is printed here as the CLI
    prints it, since a corrupt state was moved aside and a lock timeout took two
    minutes: the CLI must not do either again.  Once printed, nothing falls back."""
    from pathlib import Path

    from timeline import reminders as rm
    from timeline import state, views
    from timeline.model import TimelineError
    from timeline.render import render, renderers
    from timeline.render.style import for_output

    o = found.options
    if views.RemindView not in renderers(chosen):
        raise ValueError(chosen)  # the CLI refuses this format (exit status 2): nothing printed yet
    head = opened.head()
    mode = str(o["mode"] or head.warn_mode)
    fresh = views.freshness(head, as_of, stale_limit)
    told = notes(sample=sample, quiet=bool(o["quiet"]), stale=views.stale_note(fresh, as_of), environ=environ)
    read = head  # the head and the entries read once the last run is known (`due`)

    def due(since: datetime.date | None) -> list[rm.Reminder]:
        nonlocal read
        candidates = opened.index.reminders(as_of, mode, within, since, opened.index.selected(filters))
        read = head._replace(entries=opened.entries(candidates))
        return rm.due(read, as_of, mode=mode, within=within, since=since, filters=filters)

    printed = False

    def deliver(reminders: list[rm.Reminder]) -> None:
        nonlocal printed
        view = views.RemindView(read, as_of, reminders, fresh.stale, Path(path).name)
        text = render(view, chosen, for_output(chosen, str(o["color"]), sys.stdout))
        printed = True
        emit(told, text)

    where = Path(str(o["state"])) if o["state"] is not None else state.default_path(environ)
    try:
        state.report_once(where, path, as_of, due, deliver)
    except TimelineError as exc:
        from timeline.safe_io import one_line

        for line in ([] if printed else told) + [one_line(str(error)) for error in exc.errors]:
            sys.stderr.write(line + "\n")  # as the CLI reports the library's errors
        raise SystemExit(1) from None
    except Exception as exc:
        if printed:
            raise _Printed("after the answer was printed") from exc
        raise


def _noted(view: Any, as_of: datetime.date) -> tuple[object, str | None]:
    """A view and the staleness note its freshness calls for."""
    from timeline import views

    return view, views.stale_note(getattr(view, "fresh", None), as_of)  # the CLI's note


def notes(*, sample: bool, quiet: bool, stale: str | None = None,
          environ: os._Environ[str] | dict[str, str] = os.environ) -> list[str]:
    """The notes a query prints on stderr before its answer (the CLI prints the same):
    the sample note, then the staleness note."""
    if quiet:
        return []
    return ([paths.sample_note(environ)] if sample else []) + ([stale] if stale else [])


def _str(value: object) -> str | None:
    return None if value is None else str(value)
