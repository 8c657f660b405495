"""The cache and the fast path: the same bytes as the slow path, cold and warm;
no Typer, pendulum or yaml on a warm hit; any change to the inputs rebuilds;
a corrupt or foreign cache is never trusted."""

from __future__ import annotations

import datetime
import marshal
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, ROOT
from test_cli import test_golden_outputs_on_the_shipped_data as golden_test

from timeline import api, cache, codec, index, model, snapshot

GOLDEN_CASES = [mark.args[1] for mark in golden_test.pytestmark if mark.name == "parametrize"][0]
PAST = 1_600_000_000  # inputs older than the racy window, so the cold run caches


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data and seeds, dated in the past, in its own folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "events.yaml", folder / "events.yaml")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for path in [folder / "events.yaml", *(folder / "seeds").iterdir()]:
        os.utime(path, (PAST, PAST))
    return folder


def run(args: list[str], cwd: Path, cache_home: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("TIMELINE_NO_CACHE", "TIMELINE_FILE", "NO_COLOR", "COLUMNS")}
    environ.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache_home), **env)
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd, env=environ, capture_output=True,
                          check=False)


def cache_files(cache_home: Path) -> list[Path]:
    folder = cache_home / "timeline"
    return sorted(folder.glob("*.tlc")) if folder.exists() else []


@pytest.mark.parametrize("name, args", GOLDEN_CASES)
def test_golden_outputs_three_ways(data, tmp_path, name, args):
    home = tmp_path / "cache"
    argv = [*args, "-f", "events.yaml"]
    uncached = run(argv, data, home, TIMELINE_NO_CACHE="1")
    assert cache_files(home) == []
    cold = run(argv, data, home)
    assert cache_files(home), "the cold run writes the cache"
    warm = run(argv, data, home)
    expected = (GOLDEN / name).read_bytes()
    as_of = datetime.date.fromisoformat(args[args.index("--as-of") + 1])
    age = (as_of - datetime.date(2025, 10, 31)).days
    note = f"timeline: newest source 2025-10-31, {age} days old: dates may have moved\n".encode() if age > 90 else b""
    for result in (uncached, cold, warm):
        assert (result.returncode, result.stdout, result.stderr) == (0, expected, note)


IMPORTS = """
import io, sys
before = set(sys.modules)  # what the interpreter and its site hooks loaded: not ours
sys.stdout = io.StringIO()
from timeline import fast
try:
    fast.main(sys.argv[1:])
except SystemExit:
    pass
out, sys.stdout = sys.stdout, sys.__stdout__
print(len(out.getvalue()), sorted(set(sys.modules) - before))
"""
"""Runs `timeline ARGS` in this process; prints the output's length and the modules it
loaded beyond what the interpreter and its site hooks had."""


def loaded(heavy_names: tuple[str, ...], found: str) -> list[str]:
    return sorted(m for m in eval(found) if m.split(".")[0] in heavy_names)  # noqa: S307 - our own repr of a list


@pytest.mark.parametrize("args", [
    ["next", "--as-of", "2025-10-31"], ["suspended", "--json"], ["list", "--party", "US"],
    ["show", "reciprocal-tariff-suspension"], ["remind", "--as-of", "2026-11-01", "--within", "30d"],
    ["next", "--party", "cn", "--tag", "Tariffs"], ["suspended", "--kind", "suspension", "--as-of", "2026-06-01"],
    ["remind", "--as-of", "2026-11-01", "--within", "30d", "--certainty", "confirmed"],
    ["remind", "--once", "--state", "state.json", "--as-of", "2025-11-09"],
])
def test_a_warm_hit_imports_neither_typer_pendulum_nor_yaml(data, tmp_path, args):
    home = tmp_path / "cache"
    assert run([*args, "-f", "events.yaml"], data, home).returncode == 0
    (data / "state.json").unlink(missing_ok=True)  # --once: the first run of the day again, which prints
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(home)}
    env.pop("TIMELINE_NO_CACHE", None)
    found = subprocess.run([sys.executable, "-c", IMPORTS, *args, "-f", "events.yaml"], cwd=data, env=env,
                           capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert loaded(("typer", "click", "pendulum", "yaml"), found[1]) == []
    assert int(found[0]) > 0 or "--within" in args


AVOIDED = {"collections", "functools", "_pickle", "copyreg", "array", "re", "typing", "enum", "pathlib", "datetime",
           "importlib", "contextlib", "zoneinfo"}
"""What the warm `next` (the command cron and shells run most) does without: each costs 0.5 to 5 ms
of start-up (bench/startup.py, docs/scale.md); `datetime` is the pure-Python module that
3.11 runs before switching to `_datetime` (timeline/datetimes.py); `zoneinfo` (4 ms) is not
needed to print a time in its zone (`Entry.local`)."""


@pytest.mark.parametrize(("as_of", "select"), [("2025-10-29", []), ("2025-10-31", []),
                                               ("2025-10-29", ["--party", "US", "--certainty", "confirmed"])])
def test_a_warm_next_loads_no_module_it_does_not_need(data, tmp_path, as_of, select):
    home = tmp_path / "cache"
    args = ["next", "--as-of", as_of, *select, "-f", "events.yaml"]
    shown = run(args, data, home)
    assert shown.returncode == 0
    assert (b"12:30 KST" in shown.stdout) == (as_of == "2025-10-29" and not select)  # a timed event in its zone, or none
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(home)}
    env.pop("TIMELINE_NO_CACHE", None)
    found = subprocess.run([sys.executable, "-c", IMPORTS, *args], cwd=data, env=env, capture_output=True,
                           text=True, check=True).stdout
    size, modules = found.split(" ", 1)
    assert int(size) > 0
    assert sorted(AVOIDED & set(eval(modules))) == []  # noqa: S307 - our own repr of a list of names
    assert "timeline.snapshot" in modules  # answered from the cache


def test_a_cold_run_takes_the_slow_path(data, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("TIMELINE_NO_CACHE", None)
    found = subprocess.run([sys.executable, "-c", IMPORTS, "next", "-f", "events.yaml"], cwd=data, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert "typer" in found and "yaml" in found  # no cache yet: the CLI answered


def test_a_cron_job_elsewhere_and_a_shell_in_the_folder_keep_a_cache_each(data, tmp_path):
    """Cron runs from $HOME with an absolute --file; a shell in the project names the file
    relatively: the paths in messages differ, so the caches do, and neither rebuilds the other's."""
    home, elsewhere = tmp_path / "cache", tmp_path / "home"
    elsewhere.mkdir()
    here = ["remind", "--as-of", "2025-11-01", "--within", "30d", "-f", "events.yaml"]
    cron = [*here[:-1], str(data / "events.yaml")]
    first = (run(here, data, home), run(cron, elsewhere, home))
    assert [r.returncode for r in first] == [0, 0] and first[0].stdout and first[0].stdout == first[1].stdout
    made = {p: p.stat().st_mtime_ns for p in cache_files(home)}
    assert len(made) == 2
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(home)}
    env.pop("TIMELINE_NO_CACHE", None)
    for args, cwd in [(here, data), (cron, elsewhere), (here, data), (cron, elsewhere)]:
        found = subprocess.run([sys.executable, "-c", IMPORTS, *args], cwd=cwd, env=env, capture_output=True,
                               text=True, check=True).stdout
        assert "typer" not in found and "timeline.snapshot" in found, args  # answered from its cache
    assert {p: p.stat().st_mtime_ns for p in cache_files(home)} == made  # neither was rewritten


def test_an_edit_of_the_data_file_rebuilds(data, tmp_path):
    home = tmp_path / "cache"
    args = ["show", "reciprocal-tariff-suspension", "-f", "events.yaml", "--as-of", "2026-06-01"]
    before = run(args, data, home)
    assert run(args, data, home).stdout == before.stdout
    path = data / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: reciprocal-tariff-suspension", "id: reciprocal-tariff-suspension\n    # edited", 1),
                    encoding="utf-8")
    os.utime(path, (PAST, PAST))  # same mtime as before: size and ctime still tell
    assert run(args, data, home).stdout == before.stdout  # a comment: same answer, rebuilt
    path.write_text(text.replace("suspension", "pause"), encoding="utf-8")
    os.utime(path, (PAST, PAST))
    after = run(["list", "-f", "events.yaml", "--as-of", "2026-06-01"], data, home)
    assert after.returncode == 0 and b"reciprocal-tariff-pause" in after.stdout


def test_an_edit_of_a_seed_rebuilds(data, tmp_path):
    home = tmp_path / "cache"
    args = ["next", "-f", "events.yaml", "--as-of", "2025-10-31"]
    assert run(args, data, home).returncode == 0
    assert run(args, data, home).returncode == 0
    seed = next((data / "seeds").iterdir())
    seed.write_text("nothing quoted here\n", encoding="utf-8")
    os.utime(seed, (PAST, PAST))
    broken = run(args, data, home)
    assert broken.returncode == 1 and broken.stdout == b""  # the quotes are checked again: not the cached answer


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "garbage"])
def test_a_corrupt_or_foreign_cache_is_discarded(data, tmp_path, damage):
    home = tmp_path / "cache"
    args = ["list", "-f", "events.yaml", "--as-of", "2025-10-31", "--json"]
    expected = (GOLDEN / "list.json").read_bytes()
    assert run(args, data, home).stdout == expected
    [path] = cache_files(home)
    blob = bytearray(path.read_bytes())
    if damage == "flip":
        blob[len(blob) // 2] ^= 0xFF
    elif damage == "truncate":
        del blob[len(blob) // 2:]
    elif damage == "garbage":
        blob = bytearray(b"not a cache at all")
    else:  # another data file's cache under this file's name
        other = tmp_path / "other"
        shutil.copytree(data, other)
        for p in [other / "events.yaml", *(other / "seeds").iterdir()]:
            os.utime(p, (PAST, PAST))
        run(args, other, home)
        [path, other_cache] = sorted(cache_files(home), key=lambda p: p != path)
        blob = bytearray(other_cache.read_bytes())
    path.write_bytes(bytes(blob))
    again = run(args, data, home)
    assert (again.returncode, again.stdout, again.stderr) == (0, expected, b"")
    assert run(args, data, home).stdout == expected


def test_no_cache_option_and_variable(data, tmp_path):
    home = tmp_path / "cache"
    assert run(["next", "--no-cache", "-f", "events.yaml"], data, home).returncode == 0
    assert run(["next", "-f", "events.yaml"], data, home, TIMELINE_NO_CACHE="1").returncode == 0
    assert cache_files(home) == []


def test_the_sample_note_is_the_same_on_both_paths(tmp_path):
    home, folder = tmp_path / "cache", tmp_path / "empty"
    folder.mkdir()
    env = {"XDG_DATA_HOME": str(tmp_path / "nodata")}
    results = [run(["next", "--as-of", "2025-10-31"], folder, home, TIMELINE_NO_CACHE="1", **env),
               run(["next", "--as-of", "2025-10-31"], folder, home, **env),
               run(["next", "--as-of", "2025-10-31"], folder, home, **env)]
    assert b"using the sample events" in results[0].stderr
    assert len({(r.returncode, r.stdout, r.stderr) for r in results}) == 1
    quiet = run(["next", "-q", "--as-of", "2025-10-31"], folder, home, **env)
    assert quiet.stderr == b"" and quiet.stdout == results[0].stdout


def test_errors_and_help_still_come_from_typer(data, tmp_path):
    home = tmp_path / "cache"
    run(["next", "-f", "events.yaml"], data, home)
    unknown = run(["show", "no-such-event", "-f", "events.yaml"], data, home)
    assert unknown.returncode == 2 and b"no event with id" in unknown.stderr
    bad_day = run(["next", "--as-of", "someday", "-f", "events.yaml"], data, home)
    assert bad_day.returncode == 2 and b"--as-of" in bad_day.stderr
    assert run(["next", "--help"], data, home).stdout.startswith(b"Usage: timeline next")


def test_the_snapshot_round_trip(data, tmp_path):
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = data / "events.yaml"
    timeline = api.load(path, use_cache=False)
    assert snapshot.write(path, (data / "seeds").iterdir(), timeline, PAST * 10**9 + 10**13, environ) is not None
    assert snapshot.read(path, environ) == timeline


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


PLANTS = {
    "a pickle": pickle.dumps(Evil()),  # bytes: marshal keeps them as data, never unpickled
    "a class code past the list": (len(codec.CLASSES), "x"),
    "a record with a field too many": (codec.CLASSES.index(model.Location), "f", 1, 2, "extra"),
    "a code that is not a number": ("os.system", "echo pwned"),
    "an empty tuple": (),
    "a date with no ordinal": (codec.DATE,),
    "an unknown negative code": (-99, 1),
}


@pytest.mark.parametrize("planted", ["head", "entry"])
@pytest.mark.parametrize("plant", list(PLANTS))
def test_the_snapshot_refuses_what_it_did_not_write(data, tmp_path, planted, plant):
    """A cache whose sections are whole (CRCs hold) but hold something codec.pack does not
    make: the read fails (the fast path then answers through the CLI), nothing is run."""
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = data / "events.yaml"
    timeline = api.load(path, use_cache=False)
    evil = PLANTS[plant]
    head = evil if planted == "head" else codec.pack(timeline._replace(entries=()))
    entries = [codec.pack(e) for e in timeline.entries]
    where = len(entries) // 2
    if planted == "entry":
        entries[where] = evil
    values, arrays, tables = index.columns(timeline)
    assert cache.write(path, [], values={"label": str(path), "head": head, **values}, arrays=arrays,
                       tables={"entries": entries, **tables}, environ=environ, variant=str(path),
                       built_ns=PAST * 10**9 + 10**13) is not None
    assert snapshot.read(path, environ) is None
    opened = snapshot.open(path, environ)
    assert opened is not None
    with opened, pytest.raises(ValueError):
        opened.head() if planted == "head" else opened.entry(where)


def test_the_codec_gives_back_every_kind_of_value_it_stores():
    """Each precision's record (a quarter and a half included), durations, and datetime's values."""
    import datetime

    from timeline import dates

    values = [dates.parse_date(t) for t in ("2026-04-01", "2026-04", "2025-23", "2026-Q1", "2026-H2", "2019")]
    assert {type(v) for v in values} == {dates.Day, dates.Month, dates.Season, dates.Quarter, dates.Half, dates.Year}
    values += [dates.Duration(1, 2, 3, 4), datetime.date(2025, 10, 31), datetime.time(9, 30),
               datetime.datetime(2025, 10, 27, 13, 30, tzinfo=datetime.timezone.utc),
               datetime.timezone(datetime.timedelta(hours=-5), "EST"), datetime.timedelta(days=-1, seconds=5),
               ("a", ("b", [1, {"k": (2,)}]))]
    for value in values:
        back = codec.unpack(marshal.loads(marshal.dumps(codec.pack(value))))
        assert back == value and type(back) is type(value)
        if isinstance(value, datetime.timezone):
            assert back.tzname(None) == value.tzname(None)
    assert codec.unpack(codec.pack(datetime.timezone.utc)) is datetime.timezone.utc


def test_the_codec_refuses_values_it_cannot_store():
    with pytest.raises(TypeError, match="Evil"):
        codec.pack([Evil()])
    with pytest.raises(TypeError, match="key"):
        codec.pack({("tuple", "key"): 1})


def test_the_whole_shipped_timeline_comes_back_equal(data):
    timeline = api.load(data / "events.yaml", use_cache=False)
    back = codec.unpack(marshal.loads(marshal.dumps(codec.pack(timeline))))
    assert back == timeline
    assert [type(e) for e in back.entries] == [type(e) for e in timeline.entries]
