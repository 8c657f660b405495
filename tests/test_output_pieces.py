"""`output.write_atomic` given its data in pieces (a calendar one event at a time):
the same file as from one bytes object, and on a failure midway the old file
whole and no temporary file left."""

from __future__ import annotations

import os
import stat

import pytest

from timeline.model import TimelineError
from timeline.output import leftovers, write_atomic


def _failing(pieces, error):
    """Yield `pieces`, then raise `error`: a generator that breaks midway."""
    yield from pieces
    raise error


def test_pieces_of_bytes_and_text_make_the_same_file_as_one_bytes_object(tmp_path):
    whole, pieces = tmp_path / "whole.ics", tmp_path / "pieces.ics"
    write_atomic(whole, "BEGIN:VCALENDAR\r\nSUMMARY:Ünïcode\r\nEND:VCALENDAR\r\n".encode())
    write_atomic(pieces, iter([b"BEGIN:VCALENDAR\r\n", "SUMMARY:Ünïcode\r\n", b"", b"END:VCALENDAR\r\n"]))
    assert pieces.read_bytes() == whole.read_bytes()
    write_atomic(pieces, "just text\n")  # one str: one piece, as UTF-8
    assert pieces.read_bytes() == b"just text\n"
    assert leftovers(pieces) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["pieces.ics", "whole.ics"]


def test_many_pieces_larger_than_the_buffer_arrive_in_order(tmp_path):
    target = tmp_path / "big.ics"
    pieces = [f"{n:06d}".encode() * 300 for n in range(2000)]  # 3.6 MB in 1.8 KB pieces
    write_atomic(target, (piece for piece in pieces))
    assert target.read_bytes() == b"".join(pieces)


@pytest.mark.parametrize("error", [ValueError("broken generator"), TimelineError([]), OSError(5, "a read failed")],
                         ids=["ValueError", "TimelineError", "OSError"])
def test_a_generator_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, error):
    target = tmp_path / "out.ics"
    target.write_bytes(b"the old calendar\n")
    os.chmod(target, 0o640)
    before = os.stat(target)
    with pytest.raises(type(error)) as raised:  # raised as it is: not "cannot write", which would blame the target
        write_atomic(target, _failing([b"BEGIN:VCALENDAR\r\n", b"x" * 200_000], error))
    assert raised.value is error
    assert target.read_bytes() == b"the old calendar\n"
    after = os.stat(target)
    assert (after.st_ino, stat.S_IMODE(after.st_mode)) == (before.st_ino, 0o640)
    assert leftovers(target) == [] and [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_a_generator_that_fails_midway_creates_no_new_file(tmp_path):
    target = tmp_path / "new.ics"
    with pytest.raises(RuntimeError):
        write_atomic(target, _failing([b"BEGIN:VCALENDAR\r\n"], RuntimeError("midway")))
    assert list(tmp_path.iterdir()) == []


def test_a_generator_that_fails_midway_through_a_symlink_keeps_link_and_file(tmp_path):
    real = tmp_path / "real.ics"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.ics"
    link.symlink_to("real.ics")
    with pytest.raises(RuntimeError):
        write_atomic(link, _failing([b"new"], RuntimeError("midway")))
    assert link.is_symlink() and real.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ics", "real.ics"]


def test_a_refused_target_leaves_the_pieces_unread(tmp_path):
    data = tmp_path / "events.yaml"
    data.write_bytes(b"events: []\n")
    taken: list[bytes] = []

    def pieces():
        for piece in (b"a", b"b"):
            taken.append(piece)
            yield piece

    for target, protect in ((tmp_path, ()), (data, (data,))):
        with pytest.raises(TimelineError):
            write_atomic(target, pieces(), protect=protect)
    assert taken == [] and data.read_bytes() == b"events: []\n"


def test_a_write_error_midway_is_one_line_about_the_target(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("needs Linux's /dev/full")
    full = tmp_path / "full"
    full.symlink_to("/dev/full")  # a device: written in place, and every write fails with ENOSPC
    with pytest.raises(TimelineError, match="cannot write: No space left on device"):
        write_atomic(full, iter([b"x" * 10, b"y" * 10]))
