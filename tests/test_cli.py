"""The command line: golden outputs on the shipped data, options, exit codes."""

import json
import os
import shlex
import shutil
import subprocess
import sys

import pendulum
import pytest
from conftest import ROOT, SHIPPED, golden

from timeline.cli import app
from timeline.render.style import Style, wants_color

AS_OF = "2025-10-31"


@pytest.mark.parametrize(
    "name, args",
    [
        ("next.txt", ["next", "--as-of", AS_OF]),
        ("next.json", ["next", "--as-of", AS_OF, "--json"]),
        ("next-n3-2026.txt", ["next", "-n", "3", "--as-of", "2026-06-01"]),
        ("suspended.txt", ["suspended", "--as-of", "2026-06-01"]),
        ("suspended-ended.txt", ["suspended", "--as-of", "2026-11-20"]),
        ("suspended.json", ["suspended", "--as-of", "2026-11-05", "--json"]),
        ("list.txt", ["list", "--as-of", AS_OF]),
        ("list.json", ["list", "--as-of", AS_OF, "--json"]),
        ("show-reciprocal.txt", ["show", "reciprocal-tariff-suspension", "--as-of", "2026-06-01"]),
        ("show-reciprocal.json", ["show", "reciprocal-tariff-suspension", "--as-of", "2026-06-01", "--json"]),
        ("show-visit.txt", ["show", "trump-visit-china", "--as-of", AS_OF]),
        ("show-timed.txt", ["show", "busan-meeting-scheduled-end", "--as-of", AS_OF]),
        ("next-party-cn.txt", ["next", "--party", "cn", "--as-of", AS_OF]),
        ("next-tag-certainty.json", ["next", "--tag", "TARIFFS", "--certainty", "announced", "--as-of", AS_OF, "--json"]),
        ("suspended-party-kind.txt", ["suspended", "--party", "us", "--kind", "Suspension", "--as-of", "2026-06-01"]),
        ("remind-party-within.txt", ["remind", "--party", "CN", "--within", "30d", "--as-of", "2026-11-01"]),
        ("list-kind.json", ["list", "--kind", "TARIFF", "--as-of", AS_OF, "--json"]),
    ],
)
def test_golden_outputs_on_the_shipped_data(invoke, name, args):
    result = invoke(*args, "-f", SHIPPED)
    assert result.exit_code == 0, result.output
    old = (pendulum.parse(args[args.index("--as-of") + 1]).date() - pendulum.date(2025, 10, 31)).days > 90
    # the staleness note, and nothing else, when the day is far past the only source
    assert result.stderr == (f"timeline: newest source 2025-10-31, {(pendulum.parse(args[args.index('--as-of') + 1]).date() - pendulum.date(2025, 10, 31)).days} days old: dates may have moved\n" if old else "")
    assert "\x1b" not in result.stdout  # not a terminal: no escape codes
    golden(name, result.stdout)


def test_next_json_contract(invoke):
    result = invoke("next", "--as-of", AS_OF, "--json", "-n", "50", "-f", SHIPPED)
    items = json.loads(result.stdout)
    assert items, "expected milestones"
    for item in items:
        assert {"id", "title", "date", "milestone", "assumed"} <= set(item)
        assert item["milestone"] in {"happens", "starts", "ends"}
    assert [i["date"] for i in items][:3] == ["2025-11-08", "2025-11-10", "2025-11-10"]
    visit = next(i for i in items if i["id"] == "trump-visit-china")
    assert visit["date"] == "2026-04" and visit["precision"] == "month" and visit["assumed"] is False


def test_list_json_contract(invoke):
    items = json.loads(invoke("list", "--as-of", AS_OF, "--json", "-f", SHIPPED).stdout)
    for item in items:
        assert {"id", "title", "date", "precision", "kind", "status", "assumed", "sources"} <= set(item)
        assert item["status"] in {"upcoming", "active", "ended", "passed", "happened", "cancelled", "undated"}
        assert item["sources"] and all({"document", "quote"} <= set(s) for s in item["sources"])
        if item["window"]:
            assert {"since", "until", "days_left"} <= set(item)
    undated = [i for i in items if i["date"] is None]
    assert undated and all(i["precision"] is None and i["status"] == "undated" for i in undated)
    assert {i["date"] for i in items} >= {"2019-06", "2026-04", "2025-10-30", "2025-23"}
    # undated events come last
    assert items.index(undated[0]) == len(items) - len(undated)


def test_show_json_has_the_derivation(invoke):
    obj = json.loads(invoke("show", "us-affiliates-rule-suspension", "--json", "--as-of", AS_OF, "-f", SHIPPED).stdout)
    assert obj["since"] == "2025-11-10" and obj["until"] == "2026-11-10"
    until = obj["derivation"]["until"]
    assert until["how"] == "= 2025-11-10 + 1 year (since + 1 year)"
    assert until["assumed"] is True and until["assumption"] is None
    assert until["basis"][0]["assumption"].startswith("The article says the US will suspend the rule")
    assert until["alternative"]["value"] == "2026-10-30"


def test_filters(invoke):
    def ids(*args):
        result = invoke("list", "--json", "--as-of", AS_OF, "-f", SHIPPED, *args)
        assert result.exit_code == 0, result.output
        return {i["id"] for i in json.loads(result.stdout)}

    everything = ids()
    assert ids("--kind", "suspension") == {
        "reciprocal-tariff-suspension", "china-oct9-controls-suspension", "us-affiliates-rule-suspension",
        "us-301-maritime-suspension", "china-301-countermeasures-suspension",
    }
    assert ids("--kind", "SUSPENSION") == ids("--kind", "suspension")
    assert "xi-state-visit-south-korea" in ids("--party", "kr") and len(ids("--party", "KR")) == 1
    assert ids("--tag", "section-301") == {
        "us-301-maritime-measures", "china-301-countermeasures",
        "us-301-maritime-suspension", "china-301-countermeasures-suspension",
    }
    in_2026 = ids("--from", "2026-01-01", "--to", "2026-12-31")
    assert "trump-visit-china" in in_2026 and "busan-meeting" not in in_2026
    assert "reciprocal-tariff-suspension" in in_2026  # a window overlapping the range
    # the truce has no known start, so it may overlap any earlier range
    assert ids("--to", "2019-12-31") == {"xi-trump-meeting-2019", "trade-truce"}
    assert not any(i in ids("--from", "2000-01-01") for i in ["xi-visit-us", "tiktok-resolution"])  # undated
    assert ids("--party", "nobody") == set() and len(everything) == 39


def test_show_an_unknown_id_is_a_usage_error_with_a_suggestion(invoke):
    result = invoke("show", "reciprocal-tarif-suspension", "-f", SHIPPED)
    assert result.exit_code == 2
    assert "no event with id 'reciprocal-tarif-suspension' (did you mean reciprocal-tariff-suspension" in result.stderr


@pytest.mark.parametrize("value", ["2025-13-01", "next week", "2025-10", "+3x", "30d"])
def test_a_bad_as_of_is_a_usage_error(invoke, value):
    result = invoke("next", "--as-of", value, "-f", SHIPPED)
    assert result.exit_code == 2
    assert "Invalid value for '--as-of'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value, day", [
    ("today", "2026-06-01"), ("tomorrow", "2026-06-02"), ("yesterday", "2026-05-31"), ("Today", "2026-06-01"),
    ("+30d", "2026-07-01"), ("-1w", "2026-05-25"), ("+1mo", "2026-07-01"), ("-1y", "2025-06-01"),
    ("2026-06-10", "2026-06-10"),
])
def test_as_of_accepts_relative_days(invoke, value, day):
    import pendulum

    with pendulum.travel_to(pendulum.datetime(2026, 6, 1, 12), freeze=True):
        relative = invoke("list", "--json", "--as-of", value, "-f", SHIPPED)
    assert relative.exit_code == 0, relative.output
    assert relative.stdout == invoke("list", "--json", "--as-of", day, "-f", SHIPPED).stdout


def test_next_with_nothing_ahead(invoke):
    result = invoke("next", "--as-of", "2030-01-01", "-f", SHIPPED)
    assert result.exit_code == 0
    assert result.stdout == "Nothing dated on or after 2030-01-01.\n"
    assert invoke("next", "--as-of", "2030-01-01", "--json", "-f", SHIPPED).stdout == "[]\n"


def test_as_of_defaults_to_today(invoke):
    """The only test that reads the clock, through pendulum's travel helper."""
    import pendulum

    with pendulum.travel_to(pendulum.datetime(2026, 6, 1, 12), freeze=True):
        today = invoke("next", "--json", "-f", SHIPPED).stdout
    assert today == invoke("next", "--json", "--as-of", "2026-06-01", "-f", SHIPPED).stdout


# --- which file ----------------------------------------------------------------------


def _first_title(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)[0]["title"]


def test_file_from_the_environment_then_here_or_a_parent_then_the_user_then_the_sample(invoke, write_data, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "seed.txt").write_text("The truce expires on 10 November.\n", encoding="utf-8")
    record = ("sources: [{id: s, file: seed.txt, published: 2025-10-31}]\nevents:\n"
              "  - {id: e, title: TITLE, kind: k, certainty: confirmed, date: 2025-11-10,"
              " sources: [{source: s, quote: The truce expires on 10 November.}]}\n")
    (other / "env.yaml").write_text(record.replace("TITLE", "From the environment"), encoding="utf-8")
    write_data("- {id: e, title: From here, kind: k, certainty: confirmed, date: 2025-11-10,"
               " sources: [{source: art, quote: The truce expires on 10 November.}]}\n")
    xdg = tmp_path / "xdg"
    (xdg / "timeline").mkdir(parents=True)
    (xdg / "timeline" / "seed.txt").write_text("The truce expires on 10 November.\n", encoding="utf-8")
    (xdg / "timeline" / "events.yaml").write_text(record.replace("TITLE", "The user's own"), encoding="utf-8")
    args = ("list", "--json", "--as-of", AS_OF)
    env = {"TIMELINE_FILE": str(other / "env.yaml"), "XDG_DATA_HOME": str(xdg)}
    assert _first_title(invoke(*args, env=env)) == "From the environment"  # $TIMELINE_FILE first
    no_env = {"XDG_DATA_HOME": str(xdg)}
    assert _first_title(invoke(*args, env=no_env)) == "From here"  # then ./events.yaml
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert _first_title(invoke(*args, env=no_env)) == "From here"  # or a parent's
    (tmp_path / "a" / ".git").mkdir()  # a repository's root stops the search
    assert _first_title(invoke(*args, env=no_env)) == "The user's own"
    sample = invoke(*args, env={"XDG_DATA_HOME": str(tmp_path / "none")})
    assert sample.exit_code == 0 and len(json.loads(sample.stdout)) == 39
    assert sample.stderr.startswith("timeline: using the sample events shipped with timeline (no $TIMELINE_FILE") and sample.stderr.count("\n") == 1
    assert invoke(*args, "-q", env={"XDG_DATA_HOME": str(tmp_path / "none")}).stderr == ""
    assert _first_title(invoke(*args, "-f", tmp_path / "events.yaml", env=env)) == "From here"  # --file over all


def test_the_sample_is_a_copy_of_the_top_level_data(tmp_path):
    """Package data, not links to the working tree: `pip install .` copies it as it is here."""
    from timeline import api

    packaged = api.shipped_file()
    assert not packaged.is_symlink() and not packaged.parent.joinpath("seeds").is_symlink()
    hint = "the sample differs from the top-level data: cp events.yaml timeline/data/ && cp seeds/*.txt timeline/data/seeds/"
    assert packaged.read_bytes() == SHIPPED.read_bytes(), hint
    top = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(p.name for p in packaged.parent.joinpath("seeds").glob("*.txt")) == top, hint
    for name in top:
        assert packaged.parent.joinpath("seeds", name).read_bytes() == (ROOT / "seeds" / name).read_bytes(), hint


# --- terminal conventions ---------------------------------------------------------------


class _Tty:
    def isatty(self):
        return True


def test_color_only_on_a_terminal_and_never_with_no_color():
    assert wants_color(_Tty(), environ={})
    assert not wants_color(_Tty(), environ={"NO_COLOR": "1"})
    assert wants_color(_Tty(), environ={"NO_COLOR": ""})  # empty means unset (no-color.org)
    assert not wants_color(_Tty(), environ={"TERM": "dumb"})
    assert not wants_color(object(), environ={})
    assert Style(True)("x", "bold") == "\x1b[1mx\x1b[0m"
    assert Style(False)("x", "bold") == "x"


def _read_terminal(proc: subprocess.Popen, leader: int, follower: int) -> str:
    """All that `proc` wrote to the pseudo-terminal `follower`, until it closed."""
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colored_output_on_a_pseudo_terminal(tmp_path):
    """A real terminal: escape codes appear, and NO_COLOR removes them."""
    import pty

    def run(extra_env):
        env = {**os.environ, **extra_env}
        env.pop("NO_COLOR", None) if "NO_COLOR" not in extra_env else None
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "timeline", "next", "--as-of", AS_OF, "-f", str(SHIPPED)],
                                stdout=follower, stderr=subprocess.PIPE, env=env)
        return _read_terminal(proc, leader, follower)

    assert "\x1b[" in run({"TERM": "xterm"})
    assert "\x1b[" not in run({"TERM": "xterm", "NO_COLOR": "1"})


# --- the package ------------------------------------------------------------------------


def test_python_dash_m_timeline_help():
    result = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage: timeline" in result.stdout
    for command in ("next", "suspended", "list", "show", "validate"):
        assert command in result.stdout


def test_every_command_has_help_and_is_in_the_generated_reference(invoke):
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    import typer.main

    group = typer.main.get_command(app)
    assert group.commands, "no commands"
    for name, command in group.commands.items():
        assert command.help, f"{name} has no help text"
        assert invoke(name, "--help").exit_code == 0
        assert f"## timeline {name}\n" in reference, f"docs/reference.md does not document `timeline {name}`"
    for option in ("--format", "--party", "--certainty", "--within", "--quiet", "--color"):
        assert option in reference


def test_the_reference_is_current():
    """What CI's `cog --check` checks: the reference is what --help prints now."""
    result = subprocess.run([sys.executable, "-m", "cogapp", "-I", str(ROOT), "--check", str(ROOT / "docs" / "reference.md")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_version(invoke):
    from timeline import __version__

    assert invoke("--version").stdout == f"timeline {__version__}\n"
    assert invoke("-V").stdout == f"timeline {__version__}\n"


def test_shell_completion_of_event_ids():
    env = {**os.environ, "_TIMELINE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"timeline show -f {SHIPPED} reciprocal"}
    result = subprocess.run([sys.executable, "-m", "timeline"], capture_output=True, text=True, timeout=60, env=env)
    assert "reciprocal-tariff-suspension" in result.stdout and "trade-truce" not in result.stdout


# Each shell's script, asked for by name: `--show-completion` takes no shell name (Typer detects
# the shell among the parent processes with shellingham, and says "Shell  not supported" when
# there is none, as under a CI runner or a background job), so the script for a named shell is
# Click's `_TIMELINE_COMPLETE=source_SHELL timeline`, the same whatever runs the test.
@pytest.mark.parametrize("shell, line", [
    ("bash", "complete -o default -F _timeline_completion timeline"),
    ("zsh", "compdef _timeline_completion timeline"),
    ("fish", "complete --command timeline --no-files --arguments"),
])
def test_shell_completion_script_for_each_shell(shell, line):
    env = {**os.environ, "_TIMELINE_COMPLETE": f"source_{shell}"}
    script = subprocess.run([sys.executable, "-m", "timeline"], capture_output=True, text=True, timeout=60, env=env)
    assert script.returncode == 0, script.stderr
    assert line in script.stdout, script.stdout
    assert f"_TIMELINE_COMPLETE=complete_{shell}" in script.stdout


def test_show_completion_prints_the_script_of_the_shell_it_runs_in():
    # bash stays the parent (the command is not its last, so it does not exec): what shellingham finds
    command = f"{shlex.quote(sys.executable)} -m timeline --show-completion; exit $?"
    script = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert script.returncode == 0, script.stderr
    assert "complete -o default -F _timeline_completion timeline" in script.stdout
    assert "_TIMELINE_COMPLETE=complete_bash" in script.stdout


def test_color_option(invoke):
    args = ("next", "--as-of", AS_OF, "-f", SHIPPED)
    assert "\x1b[" in invoke(*args, "--color", "always").stdout
    assert "\x1b[" in invoke(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout  # asked for: given
    assert "\x1b[" not in invoke(*args, "--color", "auto").stdout  # not a terminal
    assert "\x1b[" not in invoke(*args, "--color", "always", "--json").stdout  # never in JSON
    assert invoke(*args, "--color", "sometimes").exit_code == 2


def test_tables_fit_columns_and_never_cut_ids(invoke):
    args = ("list", "--as-of", AS_OF, "-f", SHIPPED)
    whole = invoke(*args).stdout  # not a terminal, no COLUMNS: whole lines for grep
    assert "…" not in whole and max(len(line) for line in whole.splitlines()) > 100
    narrow = invoke(*args, env={"COLUMNS": "140"}).stdout
    lines = narrow.splitlines()
    assert all(len(line) <= 140 for line in lines) and "…" in narrow
    ids = json.loads(invoke("list", "--json", "--as-of", AS_OF, "-f", SHIPPED).stdout)
    for item in ids:
        assert f"  {item['id']}  " in narrow  # every id whole
    suspended = invoke("suspended", "--as-of", "2026-06-01", "-f", SHIPPED, env={"COLUMNS": "90"}).stdout
    assert all(len(line) <= 90 for line in suspended.splitlines() if "-suspension" in line)


def test_show_pages_through_the_pager_on_a_terminal_when_longer_than_the_screen(tmp_path):
    import pty

    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {tmp_path / 'paged.txt'}\necho PAGED\n")
    pager.chmod(0o755)

    data = tmp_path / "events.yaml"  # a copy, dated back: the first run caches it, the next answer from the cache
    shutil.copy(SHIPPED, data)
    shutil.copytree(SHIPPED.parent / "seeds", tmp_path / "seeds")
    for path in [data, *(tmp_path / "seeds").iterdir()]:
        os.utime(path, (1_600_000_000, 1_600_000_000))
    answered = []

    def run(rows):
        leader, follower = pty.openpty()
        import fcntl
        import struct
        import termios

        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 200, 0, 0))
        env = {**os.environ, "PAGER": str(pager), "LINES": str(rows), "COLUMNS": "200"}
        proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "timeline", "show", "reciprocal-tariff-suspension",
                                 "--as-of", AS_OF, "-f", str(data)], stdout=follower, stderr=subprocess.PIPE, env=env)
        shown = _read_terminal(proc, leader, follower)
        answered.append("fast" if b" typer" not in proc.stderr.read() else "cli")  # type: ignore[union-attr]
        return shown

    for _ in range(2):  # the CLI (no cache yet), then the fast path
        (tmp_path / "paged.txt").unlink(missing_ok=True)
        assert run(10).strip() == "PAGED"
        assert "How the dates were derived" in (tmp_path / "paged.txt").read_text()
        assert "How the dates were derived" in run(200)  # fits the screen: printed directly
    assert answered == ["cli", "fast", "fast", "fast"]


@pytest.mark.parametrize(
    "args",
    [
        ["next", "--as-of", AS_OF, "-f", str(SHIPPED)],
        ["show", "trade-truce", "--json", "--as-of", AS_OF, "-f", str(SHIPPED)],
        ["next", "--bogus"],
        ["--version"],
        ["nonsense"],
    ],
)
def test_the_console_script_behaves_as_the_app(invoke, args, capsys):
    """`timeline.cli.main` (the console script and python -m timeline) is the app itself."""
    from timeline.cli import main


    full = invoke(*args)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    assert (exit_info.value.code or 0) == full.exit_code
    assert captured.out == full.stdout
    assert captured.err == full.stderr


def test_show_json_says_passed(invoke):
    result = invoke("show", "trump-visit-china", "--as-of", "2026-11-26", "--json", "-f", SHIPPED)
    assert json.loads(result.stdout)["status"] == "passed"


LATE = "2026-11-26"  # 391 days after the only source, 2025-10-31
STALE_NOTE = "newest source 2025-10-31, 391 days old"


# --- staleness on every command ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["next"],
        ["suspended"],
        ["list"],
        ["show", "trump-visit-china"],
        ["remind"],
    ],
)
def test_every_query_command_warns_when_the_data_is_old(invoke, args):
    result = invoke(*args, "--as-of", LATE, "-f", SHIPPED)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if STALE_NOTE in line]
    assert len(notes) == 1 and "dates may have moved" in notes[0]
    assert STALE_NOTE not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["next"],
        ["suspended"],
        ["list"],
        ["show", "trump-visit-china"],
        ["remind"],
    ],
)
def test_no_staleness_note_within_the_limit(invoke, args):
    recent = invoke(*args, "--as-of", "2025-11-10", "-f", SHIPPED)
    assert recent.exit_code == 0 and "days old" not in recent.stderr
    widened = invoke(*args, "--as-of", LATE, "--stale-after", "2y", "-f", SHIPPED)
    assert widened.exit_code == 0 and "days old" not in widened.stderr


@pytest.mark.parametrize("command", ["next", "list"])
def test_json_stays_an_array_and_each_item_says_stale(invoke, command):
    late = json.loads(invoke(command, "--as-of", LATE, "--json", "-f", SHIPPED).stdout)
    assert isinstance(late, list) and late and all(item["stale"] is True for item in late)
    fresh = json.loads(invoke(command, "--as-of", "2025-11-10", "--json", "-f", SHIPPED).stdout)
    assert fresh and all(item["stale"] is False for item in fresh)


def test_suspended_does_not_state_as_fact_what_its_data_cannot_see(invoke):
    result = invoke("suspended", "--as-of", LATE, "-f", SHIPPED)
    assert "Nothing is suspended" not in result.stdout
    assert "nothing recorded as in force" in result.stdout.lower()


def test_quiet_hides_the_staleness_note(invoke):
    result = invoke("next", "--as-of", LATE, "-q", "-f", SHIPPED)
    assert result.exit_code == 0 and result.stderr == ""


def test_show_judges_staleness_by_the_events_own_sources(invoke):
    # the show of one event rests on that event's sources only; here the only source
    result = invoke("show", "busan-meeting", "--as-of", LATE, "--json", "-f", SHIPPED)
    assert json.loads(result.stdout)["stale"] is True


def test_stale_note_is_none_unless_stale_and_not_quiet():
    from timeline.views import Freshness, stale_note

    day = pendulum.date(2026, 11, 26)
    old = Freshness(pendulum.date(2025, 10, 31), True)
    assert stale_note(old, day) == f"timeline: {STALE_NOTE}: dates may have moved"
    assert stale_note(old, day, quiet=True) is None
    assert stale_note(Freshness(pendulum.date(2025, 10, 31), False), day) is None
    assert stale_note(None, day) is None


@pytest.mark.parametrize("args", [["next"], ["suspended"], ["list"], ["show", "busan-meeting"], ["remind"]])
def test_the_sample_and_staleness_notes_are_the_same_on_the_fast_and_slow_paths(tmp_path, args):
    """The CLI (no cache) and the fast path (a warm cache) print one note function's lines,
    the sample's first; -q hides both."""
    folder = tmp_path / "empty"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("TIMELINE_NO_CACHE", "TIMELINE_FILE", "NO_COLOR")}
    env.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "none"))

    def run(*extra, **more):
        return subprocess.run([sys.executable, "-m", "timeline", *args, "--as-of", LATE, *extra], cwd=folder,
                              env={**env, **more}, capture_output=True, check=False)

    slow = run(TIMELINE_NO_CACHE="1")
    run()  # the cold run writes the cache
    fast = run()
    assert slow.returncode == 0, slow.stderr
    lines = slow.stderr.decode().splitlines()
    assert len(lines) == 2 and "using the sample events" in lines[0] and STALE_NOTE in lines[1]
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, slow.stdout, slow.stderr)
    assert run("-q").stderr == run("-q", TIMELINE_NO_CACHE="1").stderr == b""


def test_stale_after_must_be_a_positive_duration(invoke):
    result = invoke("list", "--stale-after", "soon", "-f", SHIPPED)
    assert result.exit_code == 2 and "--stale-after" in result.stderr
