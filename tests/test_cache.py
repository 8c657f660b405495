"""The on-disk cache: what it returns is what was written, and only while
the data file, every seed and the code are unchanged; anything else is no
cache at all, never an error."""

from __future__ import annotations

import array
import os
import time
from pathlib import Path

import pytest

from timeline import cache

VALUES = {"meta": {"events": 2, "warn": (30, 7, 1)}, "ids": ("a", "b")}
ROWS = [("a", 739000, "Title", None, True), ("b", 739100, "題目", (1, 2.5), False)]


@pytest.fixture
def files(tmp_path):
    data = tmp_path / "events.yaml"
    data.write_text("events: []\n", encoding="utf-8")
    seed = tmp_path / "seeds" / "a.txt"
    seed.parent.mkdir()
    seed.write_text("週四中午，會晤結束。\n", encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    return data, seed, env


def write(data, seed, env, **kw):
    return cache.write(data, [seed], values=VALUES, arrays={"days": array.array("l", [739000, 739100])},
                       tables={"rows": ROWS}, racy_ns=0, environ=env, **kw)


def touch_later(path, text):
    """Change a file as an editor would, with a later mtime."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))


def test_round_trip(files):
    data, seed, env = files
    path = write(data, seed, env)
    assert path == cache.cache_path(data, env) and path.parent.name == "timeline"
    with cache.Cache.open(data, racy_ns=0, environ=env) as c:
        assert c.value("meta") == VALUES["meta"] and c.value("ids") == ("a", "b")
        assert c.array("days").tolist() == [739000, 739100]
        rows = c.table("rows")
        assert len(rows) == 2 and rows[1] == ROWS[1] and rows[0] == ROWS[0]
        with pytest.raises(IndexError):
            rows[2]
        with pytest.raises(KeyError):
            c.value("rows")  # a table, not a value
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("change", ["data", "seed", "seed-removed", "seed-same-size"])
def test_any_change_of_an_input_invalidates(files, change):
    data, seed, env = files
    write(data, seed, env)
    if change == "data":
        touch_later(data, "events: [x]\n")
    elif change == "seed":
        touch_later(seed, "週四中午，會晤已結束。\n")
    elif change == "seed-removed":
        seed.unlink()
    else:
        touch_later(seed, "週五中午，會晤結束。\n")  # same size, new mtime
    assert cache.Cache.open(data, racy_ns=0, environ=env) is None


def test_replaced_by_rename_invalidates(files):
    """Editors that save to a new file and rename it give a new inode."""
    data, seed, env = files
    write(data, seed, env)
    st = data.stat()
    fresh = data.with_suffix(".new")
    fresh.write_text(data.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(fresh, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(fresh, data)
    assert cache.Cache.open(data, racy_ns=0, environ=env) is None


def test_inputs_changed_moments_before_are_not_cached(files):
    data, seed, env = files
    assert cache.write(data, [seed], values=VALUES, environ=env) is None  # just written: racy
    assert cache.write(data, [seed], values=VALUES, environ=env, built_ns=time.time_ns() + 3_000_000_000)


def test_disabled_by_environment(files):
    data, seed, env = files
    off = dict(env, TIMELINE_NO_CACHE="1")
    assert write(data, seed, off) is None
    write(data, seed, env)
    assert cache.Cache.open(data, racy_ns=0, environ=off) is None
    assert cache.Cache.open(data, racy_ns=0, environ=env) is not None


def _flip(path, offset):
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0xFF
    path.write_bytes(bytes(raw))


def test_corrupt_header_truncated_or_foreign_is_no_cache(files):
    data, seed, env = files
    path = write(data, seed, env)
    good = path.read_bytes()
    for damage in ("magic", "header", "truncated", "empty", "garbage"):
        path.write_bytes(good)
        if damage == "magic":
            _flip(path, 0)
        elif damage == "header":
            _flip(path, 20)
        elif damage == "truncated":
            path.write_bytes(good[: len(good) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        else:
            path.write_bytes(os.urandom(len(good)))
        assert cache.Cache.open(data, racy_ns=0, environ=env) is None, damage


def test_corrupt_section_is_detected_when_read(files):
    data, seed, env = files
    path = write(data, seed, env)
    _flip(path, path.stat().st_size - 3)  # inside the last record of the table
    with cache.Cache.open(data, racy_ns=0, environ=env) as c:
        assert c.value("meta") == VALUES["meta"]
        rows = c.table("rows")
        assert rows[0] == ROWS[0]
        with pytest.raises(cache.CacheCorrupt):
            rows[1]


def test_another_files_cache_is_not_used(files, tmp_path):
    data, seed, env = files
    other = tmp_path / "other.yaml"
    other.write_text("events: []\n", encoding="utf-8")
    write(data, seed, env)
    cache.cache_path(data, env).replace(cache.cache_path(other, env))
    assert cache.Cache.open(other, racy_ns=0, environ=env) is None


def test_unwritable_cache_folder_is_silent(files, tmp_path):
    data, seed, env = files
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert write(data, seed, {"XDG_CACHE_HOME": str(blocker)}) is None


def test_location(tmp_path):
    assert cache.cache_dir({"XDG_CACHE_HOME": "/x/c"}) == Path("/x/c/timeline")
    assert cache.cache_dir({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "timeline"
    assert cache.cache_path("a.yaml", {}) != cache.cache_path("b.yaml", {})


def test_header_of_the_wrong_shape_is_no_cache(files):
    """A file with our magic and a valid CRC but a header we did not write."""
    import marshal
    import struct
    import zlib

    data, seed, env = files
    path = write(data, seed, env)
    good = marshal.loads(path.read_bytes()[16:16 + struct.unpack_from("<I", path.read_bytes(), 8)[0]])
    for bad in ({**good, "key": [1]}, {**good, "key": [("x",)]}, {**good, "toc": {"a": 1}},
                {**good, "toc": {"a": ("value", "x", 1, 0)}}, [1, 2]):
        header = marshal.dumps(bad)
        path.write_bytes(struct.pack("<8sII", cache.MAGIC, len(header), zlib.crc32(header)) + header)
        assert cache.Cache.open(data, racy_ns=0, environ=env) is None, bad


def test_seeds_in_several_folders_are_each_checked(files, tmp_path):
    """The key groups inputs by folder; a change in any folder's file is seen, including
    a file of the same name in another folder."""
    data, seed, env = files
    other = tmp_path / "more" / seed.name
    other.parent.mkdir()
    other.write_text("另一篇。\n", encoding="utf-8")
    third = tmp_path / "seeds" / "b.txt"
    third.write_text("第三篇。\n", encoding="utf-8")
    inputs = [seed, other, third]
    assert cache.write(data, inputs, values=VALUES, racy_ns=0, environ=env) is not None
    assert cache.Cache.open(data, racy_ns=0, environ=env) is not None
    for changed in (other, third, seed):
        touch_later(changed, "改了。\n")
        assert cache.Cache.open(data, racy_ns=0, environ=env) is None, changed
        later = time.time_ns() + 60 * 10**9  # touch_later dates the change 5 s ahead
        assert cache.write(data, inputs, values=VALUES, racy_ns=0, environ=env, built_ns=later) is not None
        assert cache.Cache.open(data, racy_ns=0, environ=env) is not None
