"""The fast path's parser reads what it accepts exactly as the Typer command
does, and leaves to Typer everything it does not fully understand."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import cli
from timeline.fastargs import COMMANDS, parse

GROUP = typer.main.get_command(cli.app)


def typer_params(argv: list[str]) -> dict:
    command = GROUP.commands[argv[0]]
    ctx = command.make_context(argv[0], list(argv[1:]), resilient_parsing=False)
    return ctx.params


def plain(value):
    return str(value) if isinstance(value, Path) else value


def agrees(argv: list[str]) -> None:
    found = parse(argv)
    if found is None:
        return  # the slow path decides
    params = typer_params(argv)  # raises click's usage errors: a failure of the fast parser
    for key, value in found.options.items():
        if isinstance(params[key], Path):  # Typer's Path("./s.json") is the fast path's Path("./s.json")
            assert params[key] == Path(str(value)), (argv, key)
        else:
            assert plain(params[key]) == value, (argv, key)
    if found.command == "show":
        assert params["event_id"] == found.argument


def test_plain_invocations():
    shared = {"file": None, "as_of": None, "json": False, "quiet": False, "format": "text", "color": "auto",
              "party": None, "kind": None, "tag": None, "certainty": None, "within": None, "stale_after": "90d"}
    assert parse(["next"]).options == {**shared, "number": 10}
    got = parse(["next", "-n", "3", "--as-of=2025-10-31", "--json", "-f", "a.yaml", "-q", "--tag", "t"])
    assert got.options == {**shared, "file": "a.yaml", "as_of": "2025-10-31", "json": True, "number": 3,
                           "quiet": True, "tag": "t"}
    got = parse(["show", "--as-of", "2026-06-01", "trade-truce"])
    assert got.argument == "trade-truce" and got.options["as_of"] == "2026-06-01"
    assert parse(["list", "--party", "US", "--from", "2026-01-01"]).options["start"] == "2026-01-01"
    assert parse(["remind"]).options["stale_after"] == "90d"
    assert (parse(["remind"]).options["once"], parse(["remind"]).options["state"]) == (False, None)
    got = parse(["remind", "--once", "--state", "./s.json", "--as-of", "2025-11-09", "--json"])
    assert (got.options["once"], got.options["state"], got.options["json"]) == (True, "./s.json", True)
    assert parse(["remind", "--state=s.json", "--once", "--once"]).options["state"] == "s.json"
    for argv in (["next"], ["next", "-n", "3", "--as-of=2025-10-31", "--json", "-f", "a.yaml"],
                 ["show", "--as-of", "2026-06-01", "trade-truce"], ["list", "--party", "US", "--from", "2026-01-01"],
                 ["remind", "--within", "14d", "--mode", "daily"], ["suspended", "--recent", "0"],
                 ["remind", "--once", "--state", "./s.json", "--as-of", "2025-11-09", "-q"],
                 ["remind", "--state=s.json", "--once", "--once"], ["remind", "--once", "--mode", "daily"]):
        agrees(argv)


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["--version"], ["next", "--help"], ["next", "-h"], ["ics"], ["cron"],
    ["next", "-n5"], ["next", "-n", "0"], ["next", "-n", "-1"], ["next", "-n", "+5"], ["next", "-n", "1_0"],
    ["next", "-n"], ["next", "-n", "3", "-n", "4"], ["next", "--file"], ["next", "-f=x.yaml"],
    ["next", "--", "x"], ["next", "extra"], ["show"], ["show", "a", "b"], ["show", "-"],
    ["remind", "--once=1"], ["remind", "--state"], ["remind", "--state", ""], ["remind", "--state", "-"],
    ["remind", "--state", "a", "--state", "b"], ["remind", "--once", "--no-cache"], ["next", "--once"],
    ["next", "--no-cache"], ["list", "--party", "--json"],
    ["next", "--json=1"], ["next", "--as-of", ""], ["next", "--num", "3"],
])
def test_falls_back(argv):
    assert parse(argv) is None


TOKENS = st.sampled_from(sorted({o for table in COMMANDS.values() for o in table}) + [
    "--help", "-h", "--version", "--once", "--state", "-n5", "--number=3", "--file=x.yaml", "-f=x", "--", "-",
    "5", "0", "-1", "x.yaml", "2026-01-15", "abc", "", "US", "+5", "05", "busan-meeting", "--as-of=2026-01-15",
    "--format=json", "json", "text", "csv", "always", "never", "auto", "confirmed", "14d", "daily",
    "./s.json", "--state=s.json", "--once=1",
])


@settings(max_examples=int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "400")), deadline=None)
@given(st.sampled_from(sorted(COMMANDS)), st.lists(TOKENS, max_size=6))
def test_never_disagrees_with_typer(command, tokens):
    argv = [command, *tokens]
    try:
        agrees(argv)
    except click.exceptions.UsageError as exc:  # pragma: no cover - a failure, with the argv that caused it
        raise AssertionError(f"fast parser accepted {argv!r}, Typer refuses it: {exc}") from None
