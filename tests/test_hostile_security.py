"""Security: nothing from the data or the options can add a line to a crontab,
a unit file or a calendar; control characters never reach the terminal; a
source file name cannot lead out of the data folder (`safe_io.inside`), and
no hint is drawn from a file that must not be read."""

from __future__ import annotations

import json
import os
import re

import pytest
from hostile import AS_OF, HEADER, LOCATED, assert_clean_failure, cli, event, open_folder, remove, run, text, write_case

from timeline import safe_io
from timeline.model import TimelineError
from timeline.render import schedule


@pytest.fixture
def folder():
    path = open_folder()
    yield path
    remove(path)


@pytest.mark.parametrize("mailto", ["me@example.org\n* * * * * rm -rf ~", "a@b\r", "a@b\u2028x", "a@b\x7f", "a@b\x1b[2J", "a@b\u200e"])
def test_cron_refuses_a_mailto_that_could_add_a_line(folder, mailto):
    data = write_case(folder)
    result = run("cron", "-f", data, "--mailto", mailto, cwd=folder)
    line = assert_clean_failure(result, code=(1, 2))
    assert "--mailto" in line and "control character" in line
    assert result.stdout == b""


def test_cron_accepts_ordinary_addresses(folder):
    data = write_case(folder)
    result = run("cron", "-f", data, "--mailto", "Ops Team <ops@example.org>, me@example.org", cwd=folder)
    assert result.returncode == 0, text(result)
    lines = result.stdout.decode().splitlines()
    assert "MAILTO=Ops Team <ops@example.org>, me@example.org" in lines


def test_cron_refuses_a_data_file_whose_path_holds_a_newline():
    folder = open_folder()
    try:
        odd = folder / "x\n0 * * * * touch pwned #"
        odd.mkdir()
        data = write_case(odd)
        result = run("cron", "-f", data, cwd=odd)
        line = assert_clean_failure(result, code=(1, 2))
        assert "the data file's path" in line and "\\n" in line  # named on one line, the newline escaped
        assert result.stdout == b""
    finally:
        remove(folder)


def test_schedule_escapes_nothing_it_does_not_refuse():
    with pytest.raises(TimelineError):
        schedule.crontab(["/usr/bin/timeline"], "/data/events.yaml", 7, 0, "a@b\nMAILTO=evil")
    with pytest.raises(TimelineError):
        schedule.systemd(["/usr/bin/timeline\n[Service]"], "/data/events.yaml", 7, 0)
    text = schedule.crontab(["/usr/bin/timeline"], "/data/100% sure.yaml", 7, 0, None)
    assert "'/data/100\\% sure.yaml'" in text


# --- safe_io.inside: a source `file:` stays in the data file's folder ---------------------------------------


def test_inside_resolves_names_in_the_folder(folder):
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text("x")
    assert safe_io.inside(folder, "seeds/a.txt") == (folder / "seeds" / "a.txt").resolve()
    assert safe_io.inside(folder, "seeds/./a.txt") == (folder / "seeds" / "a.txt").resolve()


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "seeds/../../outside.txt", "", "a\0b"])
def test_inside_refuses_absolute_names_dot_dot_and_odd_names(folder, name):
    with pytest.raises(safe_io.OutsideFolder):
        safe_io.inside(folder, name)


def test_inside_refuses_a_symlink_that_leads_out(folder):
    (folder / "data").mkdir()
    os.symlink("/etc/passwd", folder / "data" / "leak.txt")
    os.symlink("/etc", folder / "data" / "etc")
    os.symlink("real.txt", folder / "data" / "alias.txt")
    with pytest.raises(safe_io.OutsideFolder) as caught:
        safe_io.inside(folder / "data", "leak.txt")
    assert "symbolic link" in caught.value.strerror
    with pytest.raises(safe_io.OutsideFolder):
        safe_io.inside(folder / "data", "etc/passwd")
    assert safe_io.inside(folder / "data", "alias.txt") == (folder / "data" / "real.txt").resolve()  # a link inside is fine


# --- security: URLs, control characters, the ID argument, seeds outside the folder (kind 4) ---

@pytest.mark.parametrize("url", ["http://x/\r\nATTACH:http://evil/\r\nX-A:", "http://x/\nATTACH:evil", "http://x/\x00"])
def test_a_source_url_never_starts_a_calendar_line(folder, url):
    escaped = json.dumps(url)
    data = write_case(folder, header=HEADER.replace("published: 2025-10-31", f"published: 2025-10-31\n    url: {escaped}"))
    checked = run("validate", "-f", data, cwd=folder)
    if checked.returncode == 1:
        assert re.match(LOCATED, text(checked)[1])
        return
    result = run("ics", "-f", data, cwd=folder)
    assert result.returncode == 0
    lines = result.stdout.decode().split("\r\n")
    assert not any(line.startswith(("ATTACH", "X-A:")) for line in lines)
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", result.stdout.decode().replace("\r\n", "")), "a control character in the calendar"


@pytest.mark.parametrize("url", ["not a url at all", "http://exa mple.org/", "example.org"])
def test_a_source_url_must_be_a_url(folder, url):
    data = write_case(folder, header=HEADER.replace("published: 2025-10-31", f"published: 2025-10-31\n    url: {url}"))
    result = cli("validate", "-f", data.name, cwd=folder)
    assert result.returncode == 1, "not a URL, accepted"
    assert text(result)[1].startswith("events.yaml:5:")


@pytest.mark.parametrize("field", ["title", "note", "title_original", "tags"])
def test_control_characters_never_reach_a_calendar(folder, field):
    value = '"x\\e[31m\\a\\0y"'
    fields = "date: 2025-11-10\n" + (f"tags: [{value}]\n" if field == "tags" else "")
    events = event("truce", fields).replace("title: Event truce", f"title: {value}") if field == "title" else event("truce", fields + (f"{field}: {value}\n" if field != "tags" else ""))
    data = write_case(folder, events)
    checked = run("validate", "-f", data, cwd=folder)
    if checked.returncode == 1:
        assert re.match(LOCATED, text(checked)[1])
        return
    result = run("ics", "-f", data, cwd=folder)
    assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", result.stdout.replace(b"\r\n", b""))


@pytest.mark.parametrize("query", [("show", "truce", *AS_OF), ("list", *AS_OF), ("next", *AS_OF), ("remind", "--as-of", "2025-11-10")])
def test_control_characters_never_reach_the_terminal(folder, query):
    data = write_case(folder, event("truce", 'date: 2025-11-10\nnote: "\\e]0;pwned\\a\\e[2J\\0"\n').replace(
        "title: Event truce", 'title: "Truce \\e[2J\\e[31mred\\e[0m"'))
    result = run(*query, "-f", data, cwd=folder)
    out, err = text(result)
    assert not re.search(r"[\x00\x07\x1b\x9b]", out + err), (out + err)[:500]
    if result.returncode == 1:
        assert all(re.match(LOCATED, line) for line in err.splitlines())


def test_an_id_argument_with_escapes_is_not_echoed_raw(folder):
    data = write_case(folder)
    result = run("show", "zz\x1b]0;pwned\x07zz", "-f", data, cwd=folder)  # an OSC sequence: sets the terminal title
    assert result.returncode == 2
    assert not re.search(r"[\x07\x1b]", text(result)[1])


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside/secret.txt", "link.txt"])
def test_a_source_file_outside_the_data_folder_is_refused(folder, name):
    inner = folder / "data"
    inner.mkdir()
    (folder / "outside").mkdir()
    (folder / "outside" / "secret.txt").write_text("TOPSECRET-12345 is the code\n")
    os.symlink("../outside/secret.txt", inner / "link.txt")
    data = write_case(inner, event("truce", quote="TOPSECRET-1X"), header=HEADER.replace("file: seed.txt", f"file: {name}"))
    result = run("validate", "-f", data, cwd=inner)
    out, err = text(result)
    assert result.returncode == 1
    assert "characters match" not in err and "TOPSECRET" not in err  # no hint drawn from a file it must not read
    assert any(line.startswith("events.yaml:2:") and ("outside" in line or "absolute" in line) for line in err.splitlines()), err


def test_printable_escapes_every_control_but_tab_and_line_feed_and_keeps_colour_only_when_asked():
    raw = "a\x1b]0;pwned\x07b\x1b[2J\r\x9b\x00\tc\n\x1b[31mred\x1b[0m"
    assert safe_io.printable(raw) == "a\\x1b]0;pwned\\x07b\\x1b[2J\\x0d\\x9b\\x00\tc\n\\x1b[31mred\\x1b[0m"
    kept = safe_io.printable(raw, keep_colour=True)
    assert kept.endswith("\x1b[31mred\x1b[0m") and "\\x1b]0;" in kept and "\\x1b[2J" in kept and "\x07" not in kept


# --- "Trojan Source": characters that reorder or hide what is shown ------------------------

BIDI = {
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING",
    "\u2067": "U+2067 RIGHT-TO-LEFT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u2028": "U+2028 LINE SEPARATOR",
}


def _with(field: str, value: str) -> str:
    """One event whose `field` holds `value` (a double-quoted YAML scalar)."""
    if field == "title":
        return event("truce").replace("title: Event truce", f"title: {value}")
    if field == "id":
        return event("truce").replace("id: truce", f"id: {value}")
    if field == "quote":
        return event("truce", quote=value)
    if field in ("parties", "tags"):
        return event("truce", f"date: 2025-11-10\n{field}: [us, {value}]\n")
    return event("truce", f"date: 2025-11-10\n{field}: {value}\n")


@pytest.mark.parametrize("char", list(BIDI))
@pytest.mark.parametrize("field", ["id", "title", "title_original", "note", "parties", "tags", "quote"])
def test_bidirectional_overrides_are_refused_with_their_place_and_name(folder, field, char):
    escaped = json.dumps(f"Truce ok{char}edispxe")  # a YAML double-quoted scalar holding the raw character
    data = write_case(folder, _with(field, escaped))
    result = run("validate", "-f", data, cwd=folder)
    line = assert_clean_failure(result, code=(1,), location="events.yaml:")
    assert re.match(LOCATED, line), line
    assert f"holds {BIDI[char]}, which changes how text is shown" in line
    assert char not in line
    for query in (("next", *AS_OF), ("list", "--format", "csv", *AS_OF), ("ics",)):
        refused = run(*query, "-f", data, cwd=folder)
        assert refused.returncode == 1 and char.encode() not in refused.stdout + refused.stderr


def test_a_raw_override_in_a_plain_scalar_is_refused_at_its_line_and_column(folder):
    data = write_case(folder, event("truce").replace("title: Event truce", "title: Event \u202etruce"))
    line = assert_clean_failure(run("validate", "-f", data, cwd=folder), code=(1,))
    assert line == ("events.yaml:7:18: event 'truce': title: holds U+202E RIGHT-TO-LEFT OVERRIDE, "
                    "which changes how text is shown (write plain text)")
    block = write_case(folder, event("truce", "date: 2025-11-10\nnote: |\n  first line\n  sec\u2066ond\n"))
    line = assert_clean_failure(run("validate", "-f", block, cwd=folder), code=(1,))
    assert line.startswith("events.yaml:13:10: event 'truce': note: holds U+2066 LEFT-TO-RIGHT ISOLATE,"), line


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"])
def test_zero_width_characters_and_marks_are_text_in_titles_but_refused_in_names(folder, char):
    shown = json.dumps(f"Truce{char}x")
    title = run("validate", "-f", write_case(folder, _with("title", shown) + _with("note", shown).replace("id: truce", "id: other")),
                cwd=folder)
    assert title.returncode == 0, text(title)
    for field in ("parties", "tags"):
        line = assert_clean_failure(run("validate", "-f", write_case(folder, _with(field, shown)), cwd=folder), code=(1,))
        assert re.match(LOCATED, line) and f"{field}: holds U+{ord(char):04X} " in line, line


def test_a_seed_may_hold_an_override_but_a_quote_may_not(folder):
    """A quote is shown on the terminal and in calendars: it must equal the seed and hold
    none of these, so quote the part of the sentence without the character.  A hint
    drawn from such a seed escapes it."""
    data = write_case(folder)
    (folder / "seed.txt").write_text("date 2025-10-31 Example\nThe truce \u202eexpires on 10 November.\n", encoding="utf-8")
    checked = run("validate", "-f", data, cwd=folder)
    assert checked.returncode == 1
    out, err = text(checked)
    assert "\u202e" not in out + err and re.match(LOCATED, err)
    whole = write_case(folder, event("truce", quote=json.dumps("The truce \u202eexpires on 10 November.")))
    (folder / "seed.txt").write_text("date 2025-10-31 Example\nThe truce \u202eexpires on 10 November.\n", encoding="utf-8")
    assert "holds U+202E RIGHT-TO-LEFT OVERRIDE" in assert_clean_failure(run("validate", "-f", whole, cwd=folder), code=(1,))
    part = write_case(folder, event("truce", quote="expires on 10 November."))
    (folder / "seed.txt").write_text("date 2025-10-31 Example\nThe truce \u202eexpires on 10 November.\n", encoding="utf-8")
    fine = run("validate", "-f", part, cwd=folder)
    assert fine.returncode == 0, text(fine)


def test_printable_escapes_overrides_and_separators():
    raw = "a\u202eb\u2066c\u2069\u2028d\u200de\x1b[31mred\x1b[0m"
    assert safe_io.printable(raw) == "a\\u202eb\\u2066c\\u2069\\u2028d\u200de\\x1b[31mred\\x1b[0m"
    assert safe_io.printable(raw, keep_colour=True).endswith("\\u2028d\u200de\x1b[31mred\x1b[0m")
