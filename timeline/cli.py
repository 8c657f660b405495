"""The `timeline` command: a thin layer of Typer commands over the library.

Each command parses its options, calls the library, and prints.  Errors of
the data reach the user through one place, `_command`, as one line each on
stderr; exit status 1.  Usage errors are Typer's (exit status 2).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from timeline import __version__
from timeline.model import TimelineError


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="timeline",
        add_completion=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()


def main(argv: list[str] | None = None) -> None:
    """The `timeline` program (console script and `python -m timeline`).

    Typer turns every registered command into a click command on each run,
    about 0.7 ms apiece; start-up time is budgeted (README, "Speed"), so a
    run that names its command builds only that one.  Help and errors are
    the same either way.
    """
    args = sys.argv[1:] if argv is None else argv
    name = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [command for command in app.registered_commands if command.name == name]
    runner = app
    if chosen:
        runner = _new_app()
        runner.registered_callback = app.registered_callback
        runner.registered_commands = chosen
    runner(args=args, prog_name="timeline")

# Options shared by the commands, written once.
FileOpt = Annotated[
    Optional[Path],
    typer.Option("--file", "-f", metavar="FILE", show_default=False,
                 help="Data file. Default: ./events.yaml, else $TIMELINE_FILE, else the events shipped with timeline."),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", show_default=False, help="Answer as of this day (YYYY-MM-DD). Default: today."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts (see README, 'JSON output').")]
FromOpt = Annotated[Optional[str], typer.Option("--from", metavar="DATE", show_default=False, help="Only events on or after this day.")]
ToOpt = Annotated[Optional[str], typer.Option("--to", metavar="DATE", show_default=False, help="Only events on or before this day.")]
PartyOpt = Annotated[Optional[str], typer.Option("--party", metavar="PARTY", show_default=False, help="Only events involving this party (e.g. US, CN).")]
KindOpt = Annotated[Optional[str], typer.Option("--kind", metavar="KIND", show_default=False, help="Only events of this kind (e.g. suspension).")]
TagOpt = Annotated[Optional[str], typer.Option("--tag", metavar="TAG", show_default=False, help="Only events with this tag.")]


def _command(fn):
    """Register a command named after the function (less a trailing _); turn the
    library's errors into one line each on stderr and exit status 1."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TimelineError as exc:
            for error in exc.errors:
                typer.echo(str(error), err=True)
            raise typer.Exit(1) from None

    return app.command(name=fn.__name__.rstrip("_"))(run)


def _version(value: bool):
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
):
    """Track dated policy events and deadlines kept in a plain YAML file.

    Every command reads the data file (--file; default ./events.yaml, else
    $TIMELINE_FILE, else the shipped events), checks it, and refuses a file
    with errors, listing them all. Nothing ever writes to the data file.

    Exit status: 0 success; 1 the data or another input has errors, or a
    file cannot be written; 2 wrong usage.
    """


# --- helpers ----------------------------------------------------------------


def _day(value: Optional[str], option: str):
    from timeline.dates import parse_as_of

    if value is None:
        return None
    try:
        return parse_as_of(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


def _as_of(value: Optional[str]):
    import pendulum

    return _day(value, "--as-of") or pendulum.today().date()


def _load(file: Optional[Path]):
    from timeline import api

    return api.load(_data_path(file))


def _filters(start, end, party, kind, tag):
    from timeline.views import Filters

    return Filters(_day(start, "--from"), _day(end, "--to"), party, kind, tag)


def _style():
    from timeline.render.style import Style, wants_color

    return Style(wants_color(sys.stdout))


def _print(text: str) -> None:
    sys.stdout.write(text)


# --- commands -----------------------------------------------------------------


@_command
def next_(
    number: Annotated[int, typer.Option("-n", "--number", min=1, help="How many milestones to show.")] = 10,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
):
    """What happens or lapses next: events, window starts and window ends, in date order."""
    from timeline import views

    day = _as_of(as_of)
    found = views.upcoming(_load(file), day, number)
    if json:
        from timeline.render.json import next_json

        _print(next_json(found, day))
    else:
        from timeline.render.text import next_text

        _print(next_text(found, day, _style()))


@_command
def suspended(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    recent: Annotated[int, typer.Option("--recent", min=0, metavar="DAYS", help="Also show windows that ended in this many days before.")] = 30,
):
    """What is suspended (or otherwise in force) on the day, until when, and what ended recently."""
    from timeline import views

    day = _as_of(as_of)
    active, ended = views.suspended(_load(file), day, recent)
    if json:
        from timeline.render.json import suspended_json

        _print(suspended_json(active, ended, day))
    else:
        from timeline.render.text import suspended_text

        _print(suspended_text(active, ended, day, recent, _style()))


@_command
def list_(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    start: FromOpt = None,
    end: ToOpt = None,
    party: PartyOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
):
    """Every event in date order (undated ones last), with its status on the day."""
    from timeline import views

    day = _as_of(as_of)
    timeline = _load(file)
    entries = views.listing(timeline, _filters(start, end, party, kind, tag))
    if json:
        from timeline.render.json import list_json

        _print(list_json(timeline, entries, day))
    else:
        from timeline.render.text import list_text

        _print(list_text(entries, day, _style()))


@_command
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id (see `timeline list`).")],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
):
    """One event: its details, its source sentences, and how each of its dates was derived."""
    day = _as_of(as_of)
    timeline = _load(file)
    entry = timeline.get(event_id)
    if entry is None:
        import difflib

        close = difflib.get_close_matches(event_id, [e.id for e in timeline.entries], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `timeline list`)"
        raise typer.BadParameter(f"no event with id '{event_id}'{hint}", param_hint="'ID'")
    if json:
        from timeline.render.json import show_json

        _print(show_json(timeline, entry, day))
    else:
        from timeline.render.text import show_text

        _print(show_text(timeline, entry, day, _style()))


@_command
def validate(
    file: FileOpt = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", show_default=False, help="Accepted as on every command; the checks do not depend on the day.")] = None,
    json: JsonOpt = False,
):
    """Check the data file: syntax, fields, dates, references, and every quote against its source."""
    from timeline import api

    _day(as_of, "--as-of")  # still refuse a malformed day
    path = _data_path(file)
    timeline, errors = api.check(path)
    if json:
        from timeline.render.json import dumps

        _print(dumps({
            "file": str(path),
            "ok": not errors,
            "events": len(timeline.entries) if timeline else None,
            "errors": [
                {"file": e.location.file if e.location else None,
                 "line": e.location.line if e.location else None,
                 "column": e.location.column if e.location else None,
                 "message": e.message}
                for e in errors
            ],
        }))
        raise typer.Exit(1 if errors else 0)
    if errors:
        raise TimelineError(errors)
    quotes = sum(len(e.event.quotes) for e in timeline.entries)
    _print(f"{path}: OK: {_count(len(timeline.entries), 'event')}, {_count(len(timeline.sources), 'source')}, "
           f"{_count(quotes, 'quote')} found verbatim in their sources\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@_command
def ics(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Write the calendar to FILE (atomically), or '-' for standard output.")] = "-",
    file: FileOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    party: PartyOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    alarm: Annotated[Optional[str], typer.Option("--alarm", metavar="LEADS", show_default=False, help="Alarms at these lead times for every event, e.g. 30d,7d,1d (default: each event's 'warn', else the file's default).")] = None,
    no_alarms: Annotated[bool, typer.Option("--no-alarms", help="No alarms at all.")] = False,
    name: Annotated[str, typer.Option("--name", help="The calendar's name, as calendar programs show it.")] = "Policy timeline",
):
    """Export the events and window starts and ends as an iCalendar (.ics) file, to import or subscribe to."""
    from timeline import views
    from timeline.render.ics import CalendarOptions, calendar

    filters = _filters(start, end, party, kind, tag)
    alarms = () if no_alarms else (_leads(alarm, "--alarm") if alarm else None)
    path = _data_path(file)
    timeline = _load(path)
    found = views.all_milestones(timeline, filters)
    left_out = len(views.undated(timeline, filters))
    from timeline.api import calendar_times, paused_gc

    modified, stamp = calendar_times(path)
    options = CalendarOptions(
        name=name,
        description=f"Dated policy events and deadlines from {path.name}, exported by timeline.",
        stamp=stamp,
        modified=modified,
        alarms=alarms,
    )
    with paused_gc():
        data = calendar(timeline, found, options, __version__).encode("utf-8")
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from timeline.output import write_atomic

        write_atomic(Path(output), data)
    if left_out:
        typer.echo(f"timeline: {_count(left_out, 'undated event')} left out of the calendar (see `timeline list`)", err=True)


def _data_path(file: Optional[Path]) -> Path:
    from timeline import api

    return file if file is not None else api.default_file()


@_command
def remind(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    within: Annotated[Optional[str], typer.Option("--within", metavar="DURATION", show_default=False, help="Everything due in this window (e.g. 14d), every day, instead of the lead times in the data.")] = None,
    mode: Annotated[Optional[str], typer.Option("--mode", metavar="once|daily", show_default=False, help="A lead time means one reminder that many days before (once), or one every day from then (daily). Default: the file's defaults.warn_mode, else once.")] = None,
    once: Annotated[bool, typer.Option("--once", help="Report each reminder only once, remembering what was reported in the state file.")] = False,
    state: Annotated[Optional[Path], typer.Option("--state", metavar="FILE", show_default=False, help="State file for --once. Default: $XDG_STATE_HOME/timeline/reminders.json.")] = None,
    stale_after: Annotated[str, typer.Option("--stale-after", metavar="DURATION", help="Warn that the sources may be out of date when the day is this far past the newest one.")] = "90d",
):
    """Reminders due on the day, as a plain-text digest for cron mail: nothing is printed when nothing is due."""
    from timeline import reminders as rm

    day = _as_of(as_of)
    window = _lead(within, "--within") if within else None
    stale_limit = _lead(stale_after, "--stale-after")
    if mode is not None and mode not in (rm.ONCE, rm.DAILY):
        raise typer.BadParameter(f"'{mode}' is not once or daily", param_hint="'--mode'")
    path = _data_path(file)
    timeline = _load(path)
    chosen = mode or timeline.warn_mode
    stale = rm.is_stale(timeline, day, stale_limit)

    def render(found) -> str:
        if json:
            from timeline.render.json import remind_json

            return remind_json(found, stale)
        from timeline.render.digest import digest

        return digest(timeline, found, day, stale, path.name)

    if not once:
        _print(render(rm.due(timeline, day, mode=chosen, within=window)))
        return
    from timeline.api import remind_once

    def deliver(found):
        _print(render(found))
        sys.stdout.flush()

    remind_once(timeline, day, data_file=path, state_path=state, deliver=deliver, mode=chosen, within=window)


def _lead(value: str, option: str):
    from timeline.dates import parse_duration

    try:
        lead = parse_duration(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None
    if lead.approx_days() <= 0:
        raise typer.BadParameter(f"'{value}' must be positive", param_hint=f"'{option}'")
    return lead


def _leads(value: str, option: str):
    return tuple(_lead(part.strip(), option) for part in value.split(",") if part.strip())


@_command
def cron(
    file: FileOpt = None,
    at: Annotated[str, typer.Option("--at", metavar="HH:MM", help="Time of day for the daily run.")] = "07:00",
    mailto: Annotated[Optional[str], typer.Option("--mailto", metavar="ADDRESS", show_default=False, help="Address for cron's MAILTO line.")] = None,
):
    """Print a crontab line and a systemd timer for daily reminders. Changes nothing on the system."""
    from timeline.render.schedule import crontab, systemd

    try:
        hour, minute = (int(part) for part in at.split(":"))
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError
    except ValueError:
        raise typer.BadParameter(f"'{at}' is not a time of day (HH:MM)", param_hint="'--at'") from None
    data = str(Path(os.path.abspath(_data_path(file))))
    _load(Path(data))  # refuse to schedule a file that does not check
    executable = _executable()
    _print(crontab(executable, data, hour, minute, mailto) + "\n" + systemd(executable, data, hour, minute))


def _executable() -> list[str]:
    """This installation's `timeline`, by absolute path (cron has a minimal PATH)."""
    import shutil

    beside = Path(sys.executable).with_name("timeline")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("timeline")
    return [str(Path(found).resolve())] if found else [sys.executable, "-m", "timeline"]
