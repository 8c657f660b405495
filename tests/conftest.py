"""Shared fixtures: a CLI runner, and data files written inline by each test."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "events.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"

# A small seed document, and a data file template citing it, for tests that
# write their own input.
SEED_TEXT = (
    "date 2025-10-31 Example article\n"
    "The truce expires on 10 November.\n"
    "Tariffs are suspended for one year.\n"
    "The visit is planned for next April.\n"
)
def write_many_due(folder: Path) -> Path:
    """300 events due through February 2026 with lead times of 30, 7 and 1 days, one seed
    (for the concurrent `remind --once` tests); returns the data file."""
    (folder / "seed.txt").write_text("Many things happen.\n", encoding="utf-8")
    lines = ["sources: [{id: s, file: seed.txt, published: 2026-01-01}]", "events:"]
    for n in range(300):
        lines.append(f"  - {{id: e{n}, title: Event {n}, kind: k, certainty: announced, date: 2026-02-{1 + n % 20:02d},"
                     " warn: [30d, 7d, 1d], sources: [{source: s, quote: Many things happen.}]}")
    data = folder / "events.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


HEADER = """\
sources:
  - id: art
    file: seed.txt
    published: 2025-10-31
events:
"""


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch, tmp_path_factory):
    """Tests never see the developer's NO_COLOR, COLUMNS, TIMELINE_FILE or XDG folders."""
    for name in ("NO_COLOR", "COLUMNS", "LINES", "PAGER", "TIMELINE_FILE", "SOURCE_DATE_EPOCH", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))  # no user file
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))  # never the developer's cache
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the CLI in-process: invoke("next", "--as-of", "2025-10-31")."""

    def run(*args, env=None, **kwargs):
        return runner.invoke(app, [str(a) for a in args], env=env, **kwargs)

    return run


@pytest.fixture
def write_data(tmp_path, monkeypatch):
    """Write a data file (events given as YAML text, dedented) beside the test seed,
    in the test's own folder, made the current one so messages say `events.yaml:…`.

    Returns its path.  `raw=True` writes the text as is, without the header.
    """
    monkeypatch.chdir(tmp_path)

    def write(events: str = "", *, raw: bool = False, name: str = "events.yaml", data: bytes | None = None):
        (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        else:
            body = textwrap.dedent(events)
            path.write_text(body if raw else HEADER + textwrap.indent(body, "  "), encoding="utf-8")
        return path

    return write


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; TIMELINE_UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (review, then TIMELINE_UPDATE_GOLDEN=1)"


def pytest_sessionfinish(session, exitstatus):
    """Under .ci/run a skipped test is a failure: every tool the tests drive must be there."""
    if os.environ.get("TIMELINE_REQUIRE_CLIENTS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"TIMELINE_REQUIRE_CLIENTS=1 and {len(skipped)} test(s) skipped: failing the run", red=True)
        session.exitstatus = 1
