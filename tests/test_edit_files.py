"""timeline.edit: replacing the data file safely, `init`, seeds copied in, and the quote check of `revise`."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from timeline import api, edit
from timeline.edit.template import EVENTS_YAML
from timeline.load import parse
from timeline.model import Error, TimelineError

ROOT = Path(__file__).resolve().parent.parent

_, _PROBE = parse("sources: []\nevents:\n  - {id: a, title: a, kind: a, certainty: possible, sources: [], revisions: []}\n", "x")
REVISIONS_KNOWN = not any("unknown field 'revisions'" in e.message for e in _PROBE)


def validator(data_path: Path):
    """What the CLI passes: the project's whole check of the new text, beside the data file."""

    def validate(text: str) -> list[Error]:
        candidate = data_path.with_name(".candidate." + data_path.name)
        candidate.write_text(text, encoding="utf-8")
        try:
            _, errors = api.check(candidate)
        finally:
            candidate.unlink()
        return [e for e in errors if REVISIONS_KNOWN or "unknown field 'revisions'" not in e.message]

    return validate


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "events.yaml", tmp_path / "events.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "events.yaml"


# --- replace_data_file ------------------------------------------------------------------


def test_a_valid_change_is_written_keeping_mode_and_byte_order_mark(tmp_path):
    path = tmp_path / "events.yaml"
    (tmp_path / "seed.txt").write_text("The truce expires on 10 November.\n", encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf# mine\nsources: []\nevents: []\n")
    path.chmod(0o640)
    new = edit.update(path, lambda text: edit.add_source(text, "art", "seed.txt", "2025-10-31"), validator(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + new.encode()
    assert new.startswith("# mine\nsources:\n  - id: art\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "seed.txt"]  # no temporary file left


def test_an_invalid_result_is_refused_and_the_file_left_byte_identical(project):
    before = project.read_bytes()
    with pytest.raises(TimelineError) as caught:  # the seed file does not exist
        edit.update(project, lambda t: edit.add_source(t, "later", "seeds/missing.txt", "2026-02-21"), validator(project))
    assert project.read_bytes() == before
    messages = [e.message for e in caught.value.errors]
    assert "source 'later': file 'seeds/missing.txt' not found" in messages
    assert messages[-1] == "the change was refused; nothing written"


def test_a_file_with_errors_already_is_not_edited(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("sources: []\nevents:\n  - id: x\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(TimelineError, match="has errors already; fix them first"):
        edit.update(path, lambda t: t + "# more\n", validator(path))
    assert path.read_bytes() == before


def test_a_change_made_on_disk_meanwhile_is_not_lost(project):
    original = edit.read_data_file(project)
    new = edit.add_source(original.text, "later", "seeds/bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt", "2026-02-21")
    meanwhile = original.data + b"# added in an editor meanwhile\n"
    project.write_bytes(meanwhile)
    with pytest.raises(TimelineError, match=r"events.yaml: changed on disk since it was read .*nothing written"):
        edit.replace_data_file(original, new, validator(project))
    assert project.read_bytes() == meanwhile


def test_a_symlinked_data_file_is_replaced_behind_its_link(project, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(project)
    edit.update(link, lambda t: t + "# appended\n", validator(project))
    assert link.is_symlink() and project.read_text(encoding="utf-8").endswith("# appended\n")


def _odd_file(path, kind):
    """`path` made as a file the readers refuse: a folder, a FIFO (must not block), a
    device (/dev/zero never ends: refused before it is opened), Latin-1 text, or nothing."""
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "latin1":
        path.write_bytes(b"sources: []\n# caf\xe9\nevents: []\n")
    return path


@pytest.mark.parametrize("kind", ["directory", "fifo", "missing", "latin1"])
def test_only_a_regular_utf8_file_is_read(tmp_path, kind):
    path = _odd_file(tmp_path / "events.yaml", kind)
    expected = {"directory": "not a regular file", "fifo": "not a regular file", "missing": "no such file",
                "latin1": "2:6: not UTF-8 text"}[kind]
    with pytest.raises(TimelineError, match=re.escape(expected)):
        edit.read_data_file(path)


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_the_edit_commands_read_through_safe_io_and_say_what_the_file_is(tmp_path, kind):
    """One reader for every input (safe_io.read_regular): the same words as `validate`."""
    path = _odd_file(tmp_path / "events.yaml", kind)
    what = {"directory": "a directory", "fifo": "a FIFO", "device": "a character device"}[kind]
    with pytest.raises(TimelineError) as caught:
        edit.read_data_file(path)
    assert [str(e) for e in caught.value.errors] == [f"{path}: cannot read: is {what}, not a regular file"]


def test_the_data_file_as_read_carries_the_status_of_the_file_read(project):
    original = edit.read_data_file(project)
    info = os.stat(project)
    assert (original.size, original.mtime_ns) == (info.st_size, info.st_mtime_ns) == (len(original.data), info.st_mtime_ns)


def test_the_edit_commands_keep_to_the_size_limit_of_every_input(project, tmp_path, monkeypatch):
    """$TIMELINE_MAX_BYTES bounds the data file, an article and a seed for the edit
    commands as it does for every other reader; nothing is written."""
    article = tmp_path / "article.txt"
    article.write_text("Trump will visit Beijing from 31 March to 2 April, the White House said.\n" * 20, encoding="utf-8")
    before = project.read_bytes()
    limit = len(article.read_bytes()) - 1  # the article is one byte over; the data file far over
    monkeypatch.setenv("TIMELINE_MAX_BYTES", str(limit))
    over = f"cannot read: is larger than {limit} bytes (the limit; set $TIMELINE_MAX_BYTES to change it)"
    with pytest.raises(TimelineError) as caught:
        edit.read_data_file(project)
    assert [str(e) for e in caught.value.errors] == [f"{project}: {over}"]
    with pytest.raises(TimelineError) as caught:
        edit.copy_seed(project, article, "wh-2026-02-21", "2026-02-21", "en")
    assert [str(e) for e in caught.value.errors] == [f"{article}: {over}"]
    seed = next(project.parent.glob("seeds/bbc-*.txt"))
    errors = edit.check_quote(project, project.read_text(encoding="utf-8"), "bbc-zh-2025-10-31", "特朗普表示，將在明年四月訪華。")
    assert [str(e) for e in errors] == [f"{seed}: {over}"]
    monkeypatch.setenv("TIMELINE_MAX_BYTES", str(limit + 1))
    assert edit.copy_seed(project, article, "wh-2026-02-21", "2026-02-21", "en").startswith("seeds/")
    assert project.read_bytes() == before


# --- the revise workflow, with the quote check ----------------------------------------------


def test_source_add_then_revise_then_a_quote_not_in_the_source_is_refused(project, tmp_path):
    article = tmp_path / "Trump visit: White House.txt"
    article.write_text("Washington, 21 February 2026\n\nTrump will visit Beijing from\n31 March to 2 April,\u00a0the White House said.\n", encoding="utf-8")
    path = edit.copy_seed(project, article, "wh-2026-02-21", "2026-02-21", "en", publisher="Reuters")
    assert path == "seeds/reuters-2026-02-21-trump-visit-white-house.en.txt"
    edit.update(project, lambda t: edit.add_source(t, "wh-2026-02-21", path, "2026-02-21", publisher="Reuters", language="en"), validator(project))

    quote = "Trump will visit Beijing from 31 March to 2 April, the White House said."
    text = project.read_text(encoding="utf-8")
    assert edit.check_quote(project, text, "wh-2026-02-21", quote) == []
    edit.update(project, lambda t: edit.add_revision(t, "trump-visit-china", "date", to="2026-03-31", source="wh-2026-02-21",
                                                       quote=quote, previous="2026-04"), validator(project))
    assert "        quote: Trump will visit Beijing from 31 March to 2 April, the White House said.\n" in project.read_text(encoding="utf-8")

    before = project.read_bytes()
    errors = edit.check_quote(project, before.decode(), "wh-2026-02-21", "Trump will visit Beijing from 30 March")
    assert [str(e) for e in errors] == [
        f"{project.parent}/{path}:4:2: quote not in source 'wh-2026-02-21': matches up to '…ijing from 3', "
        "then the source has '1 March to 2' where the quote has '0 March'"
    ]
    assert project.read_bytes() == before


# --- init --------------------------------------------------------------------------------------


def test_init_makes_a_valid_empty_tracker_and_never_overwrites(tmp_path):
    created = edit.init_project(tmp_path / "new")
    assert [p.relative_to(tmp_path).as_posix() for p in created] == ["new/seeds", "new/seeds/README", "new/events.yaml"]
    timeline, errors = api.check(tmp_path / "new" / "events.yaml")
    assert errors == [] and timeline is not None
    data = (tmp_path / "new" / "events.yaml").read_bytes()
    with pytest.raises(TimelineError, match=r"new/events.yaml: already exists: nothing written"):
        edit.init_project(tmp_path / "new")
    assert (tmp_path / "new" / "events.yaml").read_bytes() == data
    (tmp_path / "other" / "seeds").mkdir(parents=True)
    with pytest.raises(TimelineError, match="seeds: already exists"):
        edit.init_project(tmp_path / "other")
    assert not (tmp_path / "other" / "events.yaml").exists()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(TimelineError, match="afile: not a directory"):
        edit.init_project(tmp_path / "afile")


def test_the_examples_in_the_new_file_are_valid_once_uncommented(tmp_path):
    """Every example the template shows reads, resolves and quotes its source."""
    body = EVENTS_YAML.split("# be in its source's file, word for word.\n#\n")[1].split("\nevents: []")[0]
    events_part, sources_part = body.split("#\n# and the sources they quote:\n#\n")
    uncomment = lambda block: "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in block.splitlines())  # noqa: E731
    text = "sources:\n" + uncomment(sources_part) + "\nevents:\n" + uncomment(events_part) + "\n"
    quotes = re.findall(r"quote: (.*)", text)
    (tmp_path / "seeds").mkdir()
    for name in ("example-2026-01-15-talks.en.txt", "example-2026-01-21-deadline.en.txt"):
        (tmp_path / "seeds" / name).write_text("\n".join(quotes) + "\n", encoding="utf-8")
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    timeline, errors = api.check(tmp_path / "events.yaml")
    assert [str(e) for e in errors if REVISIONS_KNOWN or "unknown field 'revisions'" not in e.message] == []
    assert len(timeline.entries) == 9
    kinds = {line[1:].split("#")[0].strip() for line in EVENTS_YAML.splitlines() if re.match(r"#\s+(date|window|time|links|warn|next|offset|assumed|alternative)\b", line)}
    assert kinds >= {"date: 2026-01-14", "date: 2026-03", "date: 2026-22", 'date: "2027"', "next: april", "window:", 'time: "09:30"', "links:", "warn: [90d, 30d]", "assumed: The article does not say from when; taken to be the day of the talks.", "alternative:"}


# --- copy_seed ---------------------------------------------------------------------------------


def test_a_saved_page_is_stored_as_its_body_text(project, tmp_path):
    page = tmp_path / "article.html"
    page.write_text("<!DOCTYPE html><html><head><title>T</title><script>x=1</script></head><body><nav>Menu</nav>"
                    "<h1>Visit   moved</h1><p>Trump will visit\n on 31&nbsp;March.</p><p>Second.</p></body></html>", encoding="utf-8")
    path = edit.copy_seed(project, page, "wh-2026-02-21", "2026-02-21", None)
    assert path == "seeds/wh-2026-02-21-article.txt"
    assert (project.parent / path).read_text(encoding="utf-8") == "Visit moved\n\nTrump will visit on 31\u00a0March.\n\nSecond.\n"


def test_copy_seed_refuses_a_different_file_of_the_same_name_and_reuses_the_same(project, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("One.\n", encoding="utf-8")
    first = edit.copy_seed(project, article, "a-1", "2026-01-01", "en")
    assert edit.copy_seed(project, article, "a-1", "2026-01-01", "en") == first
    article.write_text("Two.\n", encoding="utf-8")
    with pytest.raises(TimelineError, match="already exists with different text"):
        edit.copy_seed(project, article, "a-1", "2026-01-01", "en")
    assert (project.parent / first).read_text(encoding="utf-8") == "One.\n"
    already = project.parent / "seeds" / "bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt"
    assert edit.copy_seed(project, already, "x", "2025-10-31", "zh-Hant") == "seeds/" + already.name


@pytest.mark.parametrize(("content", "lang", "message"), [(b"caf\xe9\n", "en", "not UTF-8 text"), (b"ok\n", "en us", "is not a language tag"), (b"  \n", None, "no text")])
def test_copy_seed_refuses_what_it_cannot_store(project, tmp_path, content, lang, message):
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    with pytest.raises(TimelineError, match=message):
        edit.copy_seed(project, article, "a-1", "2026-01-01", lang)
    assert sorted(p.name for p in (project.parent / "seeds").iterdir()) == ["bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt"]


# --- the commands' library calls --------------------------------------------------------------


def test_source_add_and_revise_as_the_commands_run_them(project, tmp_path):
    article = tmp_path / "visit.txt"
    article.write_text("Trump will visit Beijing from\n31 March to 2 April.\n", encoding="utf-8")
    seed = edit.source_add(project, article, id="wh-2026-02-21", published="2026-02-21", publisher="White House",
                           language="en", url="https://example.org/v", validate=validator(project))
    assert seed == "seeds/white-house-2026-02-21-visit.en.txt"
    new = edit.revise(project, "trump-visit-china", "date", to="2026-03-31", source="wh-2026-02-21",
                      quote="Trump will visit Beijing from 31 March to 2 April.", previous="2026-04", validate=validator(project))
    assert project.read_text(encoding="utf-8") == new
    before = project.read_bytes()
    with pytest.raises(TimelineError) as caught:
        edit.revise(project, "trump-visit-china", "date", to="2026-04-01", source="wh-2026-02-21",
                    quote="Trump will visit Beijing from 1 April.", validate=validator(project))
    assert str(caught.value) == (
        f"{project.parent}/{seed}:2:1: quote not in source 'wh-2026-02-21': "
        "matches up to '…eijing from ', then the source has '31 March to ' where the quote has '1 April.'"
    )
    assert project.read_bytes() == before


def test_a_refused_source_add_leaves_no_seed_behind(project, tmp_path):
    article = tmp_path / "visit.txt"
    article.write_text("Text.\n", encoding="utf-8")
    before = project.read_bytes()

    def refuse_the_new_source(text):
        return [Error("refused by the caller")] if "wh-1" in text else []

    with pytest.raises(TimelineError, match="refused by the caller"):
        edit.source_add(project, article, id="wh-1", published="2026-02-21", validate=refuse_the_new_source)
    assert project.read_bytes() == before
    assert sorted(p.name for p in (project.parent / "seeds").iterdir()) == ["bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt"]
    with pytest.raises(TimelineError, match="source 'bbc-zh-2025-10-31' already exists"):  # refused before copying
        edit.source_add(project, article, id="bbc-zh-2025-10-31", published="2026-02-21", validate=validator(project))
    assert sorted(p.name for p in (project.parent / "seeds").iterdir()) == ["bbc-chinese-2025-10-31-xi-trump-busan.zh-Hant.txt"]
