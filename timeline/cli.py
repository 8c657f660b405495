"""The `timeline` command: a thin layer of Typer commands over the library.

Each command parses its options, makes one call to the library, and prints.
Errors of the data reach the user through one place, `_command`, as one line
each on stderr; exit status 1.  Usage errors are Typer's (exit status 2).

Adding a command: write a function taking keyword options, decorate it with
`@_command(...)` naming the option groups it shares (DATA, FILTERS, RANGE,
OUTPUT(ViewType)), and pass the library's view record to `out.emit`.  Adding a format:
see `timeline.render`.
"""

# No `from __future__ import annotations` here: Typer reads every command's
# annotations at each run, and evaluating them from cached bytecode is about
# 2 ms faster than compiling them from strings (measured on `timeline next`).


import datetime
import functools
import inspect
import json as _json  # the module; `json` is an option's name here
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, NamedTuple, Optional, TypeVar

import pendulum  # loaded anyway by the resolver (timeline.api)
import typer

from timeline import __version__, api, paths
from timeline import reminders as rm
from timeline.dates import Duration, parse_as_of, parse_duration
from timeline.model import TimelineError
from timeline.output import inputs_of
from timeline.render import FORMATS, FormatError, formats_for, render, renderers
from timeline.render.schedule import crontab, systemd
from timeline.render.style import Style, for_output
from timeline.safe_io import one_line as _one_line
from timeline.safe_io import printable
from timeline.stdio import guard_stdout as _guard_stdout
from timeline.stdio import page as _page
from timeline.stdio import stdout_failed as _stdout_failed
from timeline.stdio import stdout_to_devnull as _stdout_to_devnull
from timeline.views import (
    Filters,
    ListView,
    NextView,
    RemindView,
    ShowView,
    SuspendedView,
    UnknownEvent,
    ValidateView,
    freshness,
    list_view,
    next_view,
    page_view,
    show_view,
    stale_note,
    suspended_view,
)


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="timeline",
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()
COMMANDS: dict[str, Callable[..., Any]] = {}  # name -> the function Typer runs, as registered on `app`


def main(argv: Sequence[str] | None = None) -> None:
    """The `timeline` program (console script and `python -m timeline`).

    Typer turns every command of an app into a click command on each run
    (about 0.4 ms each, more as commands are added), so a run that names
    its command gets an app of that command alone, built with Typer's
    public API; help, completion and errors are the same as the full app's.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    name = next((arg for arg in args if not arg.startswith("-")), None)
    runner = app
    if name in COMMANDS:
        runner = _new_app()
        runner.callback()(_root)
        runner.command(name=name)(COMMANDS[name])
    _guard_stdout()
    try:
        try:
            runner(args=args, prog_name="timeline")
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # here, not at exit: a full disk is one line, not a traceback
    except OSError as exc:
        _stdout_failed(exc)


# --- option groups, each written once ----------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])
_KW = inspect.Parameter.KEYWORD_ONLY


class Group(NamedTuple):
    """Options shared by several commands: the command receives one argument
    `name`, built by `build` from the options' values."""

    name: str
    options: tuple[inspect.Parameter, ...]
    build: Callable[..., Any]


def _option(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, _KW, default=default, annotation=annotation)


def _usage(message: str, option: str) -> typer.BadParameter:
    return typer.BadParameter(_one_line(message), param_hint=f"'{option}'")  # never a raw ESC, BEL or line break from an argument


def _day(value: str | None, option: str, today: datetime.date | None = None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return parse_as_of(value, today or _today())
    except ValueError as exc:
        raise _usage(str(exc), option) from None


def _today() -> datetime.date:
    """pendulum's clock, so that tests can freeze it (pendulum.travel_to)."""
    return pendulum.today().date()


class DataFile(NamedTuple):
    """The data file a command reads, found once (see `api.find_data_file`)."""

    path: Path
    sample: bool
    quiet: bool
    use_cache: bool = True

    def load(self) -> api.Timeline:
        self.note_sample()
        return api.load(self.path, use_cache=self.use_cache)

    def note_sample(self) -> None:
        if self.sample and not self.quiet:
            typer.echo(paths.sample_note(), err=True)  # the same note as the fast path's (timeline/fast.py)


def _data(file: Path | None, quiet: bool, no_cache: bool = False) -> DataFile:
    if file is not None:
        return DataFile(file, False, quiet, not no_cache)
    path, sample = api.find_data_file()
    return DataFile(path, sample, quiet, not no_cache)


FileOpt = Annotated[
    Optional[Path],
    typer.Option("--file", "-f", metavar="FILE", show_default=False,
                 help="Data file. Default: $TIMELINE_FILE, else events.yaml in this folder or a parent (up to the "
                      "repository's root), else $XDG_DATA_HOME/timeline/events.yaml, else the sample events."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No notes on stderr (errors are still reported).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Read and check the data file again; do not use or write "
                                                          "the cache (also: TIMELINE_NO_CACHE=1).")]
DATA = Group("data", (_option("file", FileOpt), _option("quiet", QuietOpt, False), _option("no_cache", NoCacheOpt, False)),
             _data)


def _filters(party: str | None = None, kind: str | None = None, tag: str | None = None, certainty: str | None = None,
             start: str | None = None, end: str | None = None) -> Filters:
    if certainty is not None and certainty not in api.CERTAINTIES:
        raise _usage(f"'{certainty}' is not one of {', '.join(api.CERTAINTIES)}", "--certainty")
    return Filters(_day(start, "--from"), _day(end, "--to"), party, kind, tag, certainty)


_SELECT = (
    _option("party", Annotated[Optional[str], typer.Option("--party", metavar="PARTY", show_default=False, help="Only events involving this party (e.g. US, CN).")]),
    _option("kind", Annotated[Optional[str], typer.Option("--kind", metavar="KIND", show_default=False, help="Only events of this kind (e.g. suspension).")]),
    _option("tag", Annotated[Optional[str], typer.Option("--tag", metavar="TAG", show_default=False, help="Only events with this tag.")]),
    _option("certainty", Annotated[Optional[str], typer.Option("--certainty", metavar="LEVEL", show_default=False, help="Only events of this certainty (confirmed, announced, expected, possible).")]),
)
_RANGE = (
    _option("start", Annotated[Optional[str], typer.Option("--from", metavar="DATE", show_default=False, help="Only events on or after this day.")]),
    _option("end", Annotated[Optional[str], typer.Option("--to", metavar="DATE", show_default=False, help="Only events on or before this day.")]),
)
FILTERS = Group("filters", _SELECT, _filters)
RANGE = Group("filters", _SELECT + _RANGE, _filters)  # FILTERS and --from/--to


StaleAfterOpt = Annotated[
    str,
    typer.Option("--stale-after", metavar="DURATION",
                 help="Note on stderr (and `stale` in JSON) when the day is more than this past the newest source "
                      "the answer rests on (e.g. 90d, 6mo, 2y)."),
]


def _stale_after(stale_after: str = "90d") -> Duration:
    return _lead(stale_after, "--stale-after")


STALE = Group("stale_after", (_option("stale_after", StaleAfterOpt, "90d"),), _stale_after)


def _note_stale(data: "DataFile", view: Any) -> None:
    """Print the query's staleness note, `views.stale_note`, as the fast path does."""
    note = stale_note(getattr(view, "fresh", None), view.as_of, data.quiet)
    if note:
        typer.echo(note, err=True)


class Output(NamedTuple):
    """Where and how a command prints its view."""

    format: str
    style: Style

    def text(self, view: object) -> str:
        try:
            return render(view, self.format, self.style)
        except FormatError as exc:
            raise _usage(str(exc), "--format") from None

    def require(self, view_type: type) -> None:
        if view_type not in renderers(self.format):
            raise _usage(f"'{self.format}' is not available here: choose one of {', '.join(formats_for(view_type))}",
                         "--format")

    def emit(self, view: object, page: bool = False) -> None:
        text = self.text(view)
        if page and _page(text):
            return
        sys.stdout.write(text)


_OUTPUT_OPTIONS = (
    _option("format", Annotated[str, typer.Option("--format", metavar="|".join(FORMATS), help="Output format (not every command offers every one).")], "text"),
    _option("json", Annotated[bool, typer.Option("--json", help="Same as --format json (see docs/json.md).")], False),
    _option("color", Annotated[str, typer.Option("--color", metavar="auto|always|never", help="Colour: auto uses it on a terminal unless NO_COLOR is set.")], "auto"),
)


def OUTPUT(view_type: type) -> Group:  # noqa: N802  (a group, like DATA and FILTERS)
    """--format, --json and --color for a command that prints views of `view_type`;
    a format that cannot write them is refused before any work is done."""

    def build(format: str = "text", json: bool = False, color: str = "auto") -> Output:
        if format not in FORMATS:
            raise _usage(f"'{format}' is not one of {', '.join(FORMATS)}", "--format")
        if color not in ("auto", "always", "never"):
            raise _usage(f"'{color}' is not auto, always or never", "--color")
        chosen = "json" if json else format
        out = Output(chosen, for_output(chosen, color, sys.stdout))
        out.require(view_type)
        return out

    return Group("out", _OUTPUT_OPTIONS, build)


def _command(*groups: Group, parent: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command named after the function (less a trailing _ and a
    `parent`'s prefix, e.g. source_add under `source`) with the options of
    `groups`; turn the library's errors into one line each on stderr and exit
    status 1."""

    def register(fn: F) -> F:
        signature = inspect.signature(fn)
        own = [p for p in signature.parameters.values() if p.name not in {g.name for g in groups}]
        options = [*own, *(o for g in groups for o in g.options)]

        @functools.wraps(fn)
        def run(**kwargs: Any) -> Any:
            for group in groups:
                kwargs[group.name] = group.build(**{o.name: kwargs.pop(o.name) for o in group.options})
            try:
                return fn(**kwargs)
            except TimelineError as exc:
                for error in exc.errors:
                    typer.echo(_one_line(str(error)), err=True)
                raise typer.Exit(1) from None

        # What Typer reads: the command's own options and the groups' (inspect
        # prefers __signature__ to the wrapped function's).
        setattr(run, "__signature__", signature.replace(parameters=options))  # noqa: B010
        run.__annotations__ = {p.name: p.annotation for p in options}
        name = fn.__name__.rstrip("_")
        if parent is not None:
            parent.command(name=name.split("_", 1)[1])(run)
        else:
            COMMANDS[name] = app.command(name=name)(run)
        return fn

    return register


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Track dated policy events and deadlines kept in a plain YAML file.

    Every command reads the data file (--file, else $TIMELINE_FILE, else
    events.yaml here or in a parent folder, else your own file in
    $XDG_DATA_HOME/timeline, else the sample events), checks it, and refuses a
    file with errors, listing them all. No query command writes the data file:
    only init, source add and revise do, and they validate the result first.

    Exit status: 0 success; 1 the data or another input has errors, or a
    file cannot be written; 2 wrong usage.
    """


AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", show_default=False,
                 help="Answer as of this day: YYYY-MM-DD, today, tomorrow, yesterday, or +30d, -1w, +2mo. Default: today."),
]


def _as_of(value: str | None) -> datetime.date:
    today = _today()
    return _day(value, "--as-of", today) or today


def _lead(value: str, option: str) -> Duration:
    try:
        lead = parse_duration(value)
    except ValueError as exc:
        raise _usage(str(exc), option) from None
    if lead.approx_days() <= 0:
        raise _usage(f"'{value}' must be positive", option)
    return lead


def _leads(value: str, option: str) -> tuple[Duration, ...]:
    leads: dict[tuple[int, int], Duration] = {}
    for part in value.split(","):
        if not part.strip():
            raise _usage(f"'{value}' has an empty lead time: write e.g. 30d,7d,1d", option)
        lead = _lead(part.strip(), option)
        same = (lead.years * 12 + lead.months, lead.weeks * 7 + lead.days)
        if same in leads:
            raise _usage(f"'{value}' gives the lead time {lead.short()} twice", option)
        leads[same] = lead
    return tuple(leads.values())


def _count(minimum: int, maximum: int | None = None) -> Callable[[Any], int]:
    """A whole number option in ASCII digits (int() takes any Unicode digit), within bounds."""

    def parse(value: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.lstrip("+-").isdigit()):
            raise typer.BadParameter(f"'{printable(text)}' is not a whole number")
        number = int(text)
        if number < minimum or (maximum is not None and number > maximum):
            upper = f" to {maximum}" if maximum is not None else " or more"
            raise typer.BadParameter(f"{number} is not in the range {minimum}{upper}")
        return number

    return parse


# --- commands --------------------------------------------------------------------------


@_command(DATA, FILTERS, OUTPUT(NextView), STALE)
def next_(
    data: DataFile,
    filters: Filters,
    out: Output,
    stale_after: Duration,
    *,
    number: Annotated[int, typer.Option("-n", "--number", metavar="N", parser=_count(1), help="How many milestones to show (1 or more).")] = 10,
    within: Annotated[Optional[str], typer.Option("--within", metavar="DURATION", show_default=False, help="Only milestones in this time from the day (e.g. 30d, 2w, 3mo).")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """What happens or lapses next: events, window starts and window ends, in date order."""
    day = _as_of(as_of)
    until = _lead(within, "--within").after_or_last(day) if within else None
    view = next_view(data.load(), day, number, filters, until, stale_after)
    _note_stale(data, view)
    out.emit(view)


@_command(DATA, FILTERS, OUTPUT(SuspendedView), STALE)
def suspended(
    data: DataFile,
    filters: Filters,
    out: Output,
    stale_after: Duration,
    *,
    as_of: AsOfOpt = None,
    recent: Annotated[int, typer.Option("--recent", metavar="DAYS", parser=_count(0), help="Also show windows that ended in this many days before.")] = 30,
) -> None:
    """What is suspended (or otherwise in force) on the day, until when, and what ended recently."""
    view = suspended_view(data.load(), _as_of(as_of), recent, filters, stale_after)
    _note_stale(data, view)
    out.emit(view)


@_command(DATA, RANGE, OUTPUT(ListView), STALE)
def list_(data: DataFile, filters: Filters, out: Output, stale_after: Duration, *, as_of: AsOfOpt = None) -> None:
    """Every event in date order (undated ones last), with its status on the day."""
    view = list_view(data.load(), _as_of(as_of), filters, stale_after)
    _note_stale(data, view)
    out.emit(view)


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Event ids of the data file, for shell completion (nothing if it does not load)."""
    file = ctx.params.get("file")
    path = Path(file) if file else api.find_data_file()[0]
    timeline, _ = api.check(path)
    return [e.id for e in timeline.entries if e.id.startswith(incomplete)] if timeline else []


@_command(DATA, OUTPUT(ShowView), STALE)
def show(
    data: DataFile,
    out: Output,
    stale_after: Duration,
    *,
    event_id: Annotated[str, typer.Argument(metavar="ID", autocompletion=_complete_ids, help="The event's id (see `timeline list`).")],
    as_of: AsOfOpt = None,
) -> None:
    """One event: its details, its source sentences, and how each of its dates was derived.

    On a terminal, a text longer than the screen is shown through $PAGER (else less)."""
    day = _as_of(as_of)
    try:
        view = show_view(data.load(), day, event_id, stale_after)
    except UnknownEvent as exc:
        raise _usage(str(exc), "ID") from None
    _note_stale(data, view)
    out.emit(view, page=True)


@_command(DATA, OUTPUT(ValidateView))
def validate(
    data: DataFile,
    out: Output,
    *,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", show_default=False, help="Accepted as on every command; the checks do not depend on the day.")] = None,
) -> None:
    """Check the data file: syntax, fields, dates, references, and every quote against its source.

    With --json, errors are reported on stdout with their event and stage (see docs/json.md)."""
    _day(as_of, "--as-of")  # still refuse a malformed day
    data.note_sample()
    timeline, errors = api.check(data.path)
    view = ValidateView(str(data.path), timeline, errors)
    if out.format == "text" and errors:
        raise TimelineError(errors)
    out.emit(view)
    if errors:
        raise typer.Exit(1)


@_command(DATA, RANGE)
def ics(
    data: DataFile,
    filters: Filters,
    *,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Write the calendar to FILE (atomically), or '-' for standard output.")] = "-",
    alarm: Annotated[Optional[str], typer.Option("--alarm", metavar="LEADS", show_default=False, help="Alarms at these lead times for every event, e.g. 30d,7d,1d (default: each event's 'warn', else the file's default).")] = None,
    no_alarms: Annotated[bool, typer.Option("--no-alarms", help="No alarms at all.")] = False,
    name: Annotated[str, typer.Option("--name", help="The calendar's name, as calendar programs show it.")] = "Policy timeline",
) -> None:
    """Export the events and window starts and ends as an iCalendar (.ics) file, to import or subscribe to.

    Undated events cannot be in a calendar: a note on stderr counts them, only when stderr is a
    terminal and without -q (so a cron job stays silent)."""
    alarms = () if no_alarms else (_leads(alarm, "--alarm") if alarm is not None else None)
    timeline = data.load()
    export = api.calendar_stream(timeline, data.path, filters=filters, alarms=alarms, name=name)
    _write(output, export.chunks, _inputs(data.path, timeline))
    if export.left_out and not data.quiet and sys.stderr.isatty():
        noun = "undated event" if export.left_out == 1 else "undated events"
        typer.echo(f"timeline: {export.left_out} {noun} left out of the calendar (see `timeline list`)", err=True)


OutputOpt = Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically), or '-' for standard output.")]


def _inputs(path: Path, timeline: api.Timeline) -> list[Path]:
    """The data file and its seeds: an output never replaces them."""

    return inputs_of(path, timeline)


def _write(output: str, data: bytes | Iterable[bytes], protect: Sequence[Path] = ()) -> None:
    """`data` (whole, or in pieces written as they come) to standard output, or atomically
    to a file (never half a file, never onto `protect`)."""
    if output == "-":
        sys.stdout.flush()
        try:
            for piece in (data,) if isinstance(data, bytes) else data:
                sys.stdout.buffer.write(piece)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # the reader stopped (`| head`): done, as the text commands are; nothing more to say
            _stdout_to_devnull()
        return
    from timeline.output import write_atomic  # 3 ms to import (tempfile; python -X importtime): only for -o

    write_atomic(Path(output), data, protect=protect)


def _picture(format: str, data: DataFile, filters: Filters, output: str, as_of: str | None, title: str | None) -> None:
    day = _as_of(as_of)
    timeline = data.load()
    view = page_view(timeline, day, filters, title or f"Policy timeline: {data.path.name}")
    _write(output, render(view, format).encode("utf-8"), _inputs(data.path, timeline))


@_command(DATA, RANGE)
def html(
    data: DataFile,
    filters: Filters,
    *,
    output: OutputOpt = "-",
    as_of: AsOfOpt = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", show_default=False, help="The page's title. Default: from the data file's name.")] = None,
) -> None:
    """A visual timeline page: one self-contained HTML file (no network), to open or publish."""
    _picture("html", data, filters, output, as_of, title)


@_command(DATA, RANGE)
def timelinejs(
    data: DataFile,
    filters: Filters,
    *,
    output: OutputOpt = "-",
    as_of: AsOfOpt = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", show_default=False, help="The title slide's headline. Default: from the data file's name.")] = None,
) -> None:
    """The events as Knight Lab TimelineJS JSON, for newsroom timelines (dates at their true precision)."""
    _picture("timelinejs", data, filters, output, as_of, title)


@_command(DATA, RANGE)
def publish(
    data: DataFile,
    filters: Filters,
    *,
    url: Annotated[str, typer.Argument(metavar="URL", help="The CalDAV calendar collection, e.g. https://host/user/calendar/.")],
    user: Annotated[Optional[str], typer.Option("--user", metavar="USER", show_default=False, help="User name (the password comes from $TIMELINE_CALDAV_PASSWORD or ~/.netrc, never the command line).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite events that were edited on the server since the last publish.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=0.1, max=3600, help="Network time-out per request.")] = 30.0,
    alarm: Annotated[Optional[str], typer.Option("--alarm", metavar="LEADS", show_default=False, help="Alarms at these lead times for every event (as in `ics`).")] = None,
    no_alarms: Annotated[bool, typer.Option("--no-alarms", help="No alarms at all.")] = False,
    name: Annotated[str, typer.Option("--name", help="The calendar's name inside the export.")] = "Policy timeline",
    json: Annotated[bool, typer.Option("--json", help="Print the counts as a JSON object.")] = False,
) -> None:
    """Sync the calendar export to a CalDAV calendar: create, update and delete only events this tool made."""
    from timeline.publish.caldav_sync import ConflictError, sync  # caldav: ~150 ms to import, only here

    alarms = () if no_alarms else (_leads(alarm, "--alarm") if alarm else None)
    data.note_sample()
    export = api.export_ics(data.path, filters=filters, alarms=alarms, name=name)
    try:
        result = sync(url, export.data.decode("utf-8"), user=user, dry_run=dry_run, force=force, timeout=timeout)
    except ConflictError as exc:
        typer.echo(exc.result.summary(), err=True)
        raise
    if json:
        sys.stdout.write(_json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(result.summary() + "\n")


@_command(DATA)
def serve(
    data: DataFile,
    *,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default; put a TLS proxy in front to share it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", parser=_count(0, 65535), help="Port to listen on (0 to 65535).")] = 8080,
    name: Annotated[str, typer.Option("--name", help="The calendar's name.")] = "Policy timeline",
) -> None:
    """Serve the calendar (/timeline.ics), the page (/) and the data (/events.json) for subscriptions; read-only."""
    from timeline.publish.serve import serve as run_server  # 26 ms (http.server; python -X importtime), only for serve
    from timeline.publish.site import DataSite

    data.note_sample()
    site = DataSite(data.path, name=name, today=lambda: pendulum.today().date(), page=api.page_html)
    run_server(site.build, host=host, port=port, stamp=site.stamp)


@_command()
def extract(
    *,
    article: Annotated[Path, typer.Argument(metavar="FILE", help="The article: plain text, or a saved HTML page (its body text is read).")],
    date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The article's own date: relative dates ('next April', 週四) are read against it.")],
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="zh-Hant|zh-Hans|en", show_default=False, help="The article's language. Default: guessed from the text.")] = None,
    source: Annotated[str, typer.Option("--source", metavar="ID", help="The source id the proposals cite (as registered with `timeline source add`).")] = "new-source",
    json: Annotated[bool, typer.Option("--json", help="Print the proposals as a JSON array (with character offsets and the expression matched).")] = False,
    into: Annotated[Optional[Path], typer.Option("--into", metavar="FILE", show_default=False, help="Append the proposals to this data file (comments kept, checked, written atomically); the source must be registered there.")] = None,
) -> None:
    """Propose dated events from a new article, each with its verbatim sentence, for a person to review."""
    import timeline.extract as ex  # the extraction rules: ~30 ms, only here

    published = ex.parse_published(date)
    ex.check_lang(lang)
    found = ex.extract(ex.read_article(article), published, lang=lang, source_id=source)
    if into is not None:
        written = ex.write_into(into, found, source)
        noun = "proposal" if len(written) == 1 else "proposals"
        typer.echo(f"timeline: {len(written)} {noun} added to {into}: review them, then `timeline validate`", err=True)
        return
    sys.stdout.write(ex.proposals_json(found) if json else ex.proposals_yaml(found, source))


@_command(DATA, FILTERS, OUTPUT(RemindView), STALE)
def remind(
    data: DataFile,
    filters: Filters,
    out: Output,
    stale_after: Duration,
    *,
    as_of: AsOfOpt = None,
    within: Annotated[Optional[str], typer.Option("--within", metavar="DURATION", show_default=False, help="Everything due in this window (e.g. 14d), every day, instead of the lead times in the data.")] = None,
    mode: Annotated[Optional[str], typer.Option("--mode", metavar="once|daily", show_default=False, help="A lead time means one reminder that many days before (once), or one every day from then (daily). Default: the file's defaults.warn_mode, else once.")] = None,
    once: Annotated[bool, typer.Option("--once", help="Report each reminder only once, remembering what was reported in the state file.")] = False,
    state: Annotated[Optional[Path], typer.Option("--state", metavar="FILE", show_default=False, help="State file for --once. Default: $XDG_STATE_HOME/timeline/reminders.json.")] = None,
) -> None:
    """Reminders due on the day, as a plain-text digest for cron mail: nothing is printed when nothing is due."""
    day = _as_of(as_of)
    window = _lead(within, "--within") if within else None
    if mode is not None and mode not in (rm.ONCE, rm.DAILY):
        raise _usage(f"'{mode}' is not once or daily", "--mode")
    timeline = data.load()
    chosen = mode or timeline.warn_mode
    fresh = freshness(timeline, day, stale_after)
    note = stale_note(fresh, day, data.quiet)
    if note:  # even on a quiet day: a cron job should say its data is old
        typer.echo(note, err=True)

    def deliver(found: list[rm.Reminder]) -> None:
        out.emit(RemindView(timeline, day, found, fresh.stale, data.path.name))
        sys.stdout.flush()

    if once:
        api.remind_once(timeline, day, data_file=data.path, state_path=state, deliver=deliver, mode=chosen,
                        within=window, filters=filters)
    else:
        deliver(rm.due(timeline, day, mode=chosen, within=window, filters=filters))


@_command(DATA)
def cron(
    data: DataFile,
    *,
    at: Annotated[str, typer.Option("--at", metavar="HH:MM", help="Time of day for the daily run.")] = "07:00",
    mailto: Annotated[Optional[str], typer.Option("--mailto", metavar="ADDRESS", show_default=False, help="Address for cron's MAILTO line.")] = None,
) -> None:
    """Print a crontab line and a systemd timer for daily reminders. Changes nothing on the system."""
    try:
        hour, minute = (int(part) for part in at.split(":"))
        if not (at.isascii() and 0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError
    except ValueError:
        raise _usage(f"'{at}' is not a time of day (HH:MM)", "--at") from None
    path = Path(os.path.abspath(data.path))
    data._replace(path=path).load()  # refuse to schedule a file that does not check
    executable = _executable()
    sys.stdout.write(crontab(executable, str(path), hour, minute, mailto) + "\n" + systemd(executable, str(path), hour, minute))


def _executable() -> list[str]:
    """This installation's `timeline`, by absolute path (cron has a minimal PATH)."""
    beside = Path(sys.executable).with_name("timeline")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("timeline")
    return [str(Path(found).resolve())] if found else [sys.executable, "-m", "timeline"]


# --- keeping the data current: the only commands that write the data file ---------------


def _validate(path: Path) -> Callable[[str], list[Any]]:
    return lambda text: api.check_text(text, path)


@_command()
def init(
    *,
    directory: Annotated[Path, typer.Argument(metavar="[DIR]", help="Where to start a tracker (made if missing).")] = Path("."),
) -> None:
    """Start a new tracker: events.yaml (valid, no events, a commented example of each kind of date) and seeds/.
    Never overwrites."""
    from timeline import edit  # ruamel-free text edits, only for the commands that write

    for path in edit.init_project(directory):
        typer.echo(f"created {path}")


source_app = typer.Typer(name="source", help="Source documents of the data file.", no_args_is_help=True,
                         rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(source_app)


@_command(DATA, parent=source_app)
def source_add(
    data: DataFile,
    *,
    article: Annotated[Path, typer.Argument(metavar="FILE", help="The article's text (UTF-8), copied into seeds/.")],
    id: Annotated[str, typer.Option("--id", metavar="ID", help="The source's id (lower-case letters, digits, '-').")],
    published: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The day the source was published.")],
    publisher: Annotated[str, typer.Option("--publisher", metavar="NAME", help="Who published it (e.g. Reuters).")],
    url: Annotated[Optional[str], typer.Option("--url", metavar="URL", show_default=False, help="Where it was read.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="TAG", show_default=False, help="Its language (BCP 47, e.g. en, zh-Hant).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", show_default=False, help="Its headline.")] = None,
) -> None:
    """Copy a source's text into seeds/ beside the data file and list it under `sources:` (validated, atomic)."""
    from timeline import edit  # 57 ms (python -X importtime), only for the writing commands

    relative = edit.source_add(data.path, article, id=id, published=published, publisher=publisher, url=url,
                               language=lang, title=title, validate=_validate(data.path))
    typer.echo(f"added source {id}: {relative}")


@_command(DATA)
def revise(
    data: DataFile,
    *,
    event_id: Annotated[str, typer.Argument(metavar="ID", autocompletion=_complete_ids, help="The event's id.")],
    source: Annotated[str, typer.Option("--source", metavar="SOURCE", help="The id of the later source (see `timeline source add`).")],
    quote: Annotated[str, typer.Option("--quote", metavar="TEXT", help="The sentence of that source that says so, verbatim (whitespace runs count as one space).")],
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", show_default=False, help="The event's new date (EDTF: YYYY-MM-DD, YYYY-MM, YYYY, ...).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", show_default=False, help="A window's new start.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", show_default=False, help="A window's new end (extended, shortened).")] = None,
    cancelled: Annotated[bool, typer.Option("--cancelled", help="The event was called off (with --date, --since or --until naming nothing: the date field).")] = False,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", show_default=False, help="Why, in your words.")] = None,
) -> None:
    """Record that a later source moved an event's date (or a window's start or end), or cancelled it.
    Every revision is kept; the latest is the current value (see `timeline show ID`)."""
    from timeline import edit  # 57 ms, only for the writing commands

    given = {k: v for k, v in (("date", date), ("since", since), ("until", until)) if v is not None}
    if len(given) > 1 or (cancelled and given) or (not cancelled and not given):
        raise _usage("give one of --date, --since, --until, or --cancelled", "--date")
    timeline = api.load(data.path)
    entry = timeline.get(event_id)
    if entry is None:
        raise _usage(f"no event with id '{event_id}' (see `timeline list`)", "ID")
    field = next(iter(given), "until" if entry.is_window else "date")
    current = getattr(entry, {"date": "date", "since": "start", "until": "end"}[field])
    edit.revise(data.path, event_id, field, to=given.get(field), cancelled=cancelled, source=source, quote=quote,
                note=note, previous=str(current.value) if current else None, validate=_validate(data.path))
    what = "cancelled" if cancelled else f"{current.value if current else 'not known'} → {given[field]}"
    typer.echo(f"revised {event_id} {field}: {what} ({source})")
