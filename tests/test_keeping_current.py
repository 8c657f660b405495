"""Issue 8: keeping the record current: init, source add, revise (in a copy of the
project), revisions as the loader, resolver and writers read them."""

import json
import re
import shutil

import pytest
from conftest import ROOT, SHIPPED

from timeline import api

REUTERS = "Trump will visit Beijing from 31 March to 2 April,\nthe White House said on Saturday.\n"
QUOTE = "Trump will visit Beijing from 31 March to 2 April, the White House said on Saturday."


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project (data file and seeds), the current folder."""
    shutil.copy(SHIPPED, tmp_path / "events.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "reuters.txt").write_text(REUTERS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def comments(text):
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def add_reuters(invoke):
    return invoke("source", "add", "reuters.txt", "--id", "reuters-2026-02-21", "--publisher", "Reuters",
                  "--date", "2026-02-21", "--lang", "en", "-f", "events.yaml")


def revise(invoke, quote=QUOTE, *more):
    return invoke("revise", "trump-visit-china", "--date", "2026-03-31", "--source", "reuters-2026-02-21",
                  "--quote", quote, *more, "-f", "events.yaml")


def test_init_makes_a_valid_empty_tracker_and_never_overwrites(invoke, tmp_path):
    target = tmp_path / "new"
    result = invoke("init", target)
    assert result.exit_code == 0, result.output
    assert (target / "seeds").is_dir()
    checked = invoke("validate", "-f", target / "events.yaml")
    assert checked.exit_code == 0, checked.output
    before = (target / "events.yaml").read_bytes()
    again = invoke("init", target)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert (target / "events.yaml").read_bytes() == before


def test_source_add_copies_the_text_and_keeps_every_comment(invoke, project):
    before = (project / "events.yaml").read_text(encoding="utf-8")
    result = add_reuters(invoke)
    assert result.exit_code == 0, result.output
    after = (project / "events.yaml").read_text(encoding="utf-8")
    assert comments(after) == comments(before) and comments(before)
    assert (project / "seeds" / "reuters-2026-02-21.en.txt").read_text(encoding="utf-8") == REUTERS
    assert api.load(project / "events.yaml").sources["reuters-2026-02-21"].publisher == "Reuters"


def test_revise_moves_the_date_keeps_history_and_comments(invoke, project):
    assert add_reuters(invoke).exit_code == 0
    before = (project / "events.yaml").read_text(encoding="utf-8")
    result = revise(invoke, QUOTE.replace(", the", ",  the"), "--note", "White House schedule")
    assert result.exit_code == 0, result.output
    after = (project / "events.yaml").read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    # only lines were added: every line of before is still there, in order
    kept = iter(after.splitlines())
    assert all(any(line == other for other in kept) for line in before.splitlines())

    shown = invoke("show", "trump-visit-china", "--as-of", "2026-03-01", "-f", "events.yaml").stdout
    assert "History    2026-04 (BBC News 中文, 2025-10-31) → 2026-03-31 (Reuters, 2026-02-21)" in shown
    assert "revised by reuters-2026-02-21 (2026-02-21): " + QUOTE in shown
    obj = json.loads(invoke("show", "trump-visit-china", "--as-of", "2026-03-01", "--json", "-f", "events.yaml").stdout)
    assert obj["date"] == "2026-03-31"
    assert obj["revisions"] == [{"field": "date", "from": "2026-04", "to": "2026-03-31", "source": "reuters-2026-02-21",
                                 "quote": QUOTE, "note": "White House schedule", "cancelled": False}]
    items = json.loads(invoke("next", "--as-of", "2026-03-01", "--json", "-f", "events.yaml").stdout)
    assert {i["id"]: i["revised"] for i in items}["trump-visit-china"] == 1
    # a newer source: as of 2026-03-01 the answer is no longer stale
    assert all(i["stale"] is False for i in items)


def test_a_revision_whose_quote_is_not_in_its_source_is_refused(invoke, project):
    assert add_reuters(invoke).exit_code == 0
    before = (project / "events.yaml").read_bytes()
    result = revise(invoke, QUOTE.replace("Saturday", "Sunday"))
    assert result.exit_code == 1
    assert (project / "events.yaml").read_bytes() == before
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and re.match(r".*reuters-2026-02-21\.en\.txt:2:26: .*the source has 'aturday", lines[0]), lines


def test_revise_needs_exactly_one_field(invoke, project):
    result = invoke("revise", "trump-visit-china", "--date", "2026-03-31", "--until", "2026-04-01",
                    "--source", "x", "--quote", "y", "-f", "events.yaml")
    assert result.exit_code == 2


def test_cancelled_event_is_cancelled_and_out_of_next(invoke, project):
    assert add_reuters(invoke).exit_code == 0
    result = invoke("revise", "trump-visit-china", "--cancelled", "--source", "reuters-2026-02-21",
                    "--quote", "It is", "-f", "events.yaml")
    assert result.exit_code == 1  # "It is" is not in the source: refused
    (project / "seeds" / "reuters-2026-02-21.en.txt").write_text(REUTERS + "The visit is off.\n", encoding="utf-8")
    result = invoke("revise", "trump-visit-china", "--cancelled", "--source", "reuters-2026-02-21",
                    "--quote", "The visit is off.", "-f", "events.yaml")
    assert result.exit_code == 0, result.output
    obj = json.loads(invoke("show", "trump-visit-china", "--as-of", "2026-03-01", "--json", "-f", "events.yaml").stdout)
    assert obj["status"] == "cancelled" and obj["revisions"][0]["cancelled"] is True
    items = json.loads(invoke("next", "--as-of", "2026-03-01", "-n", "50", "--json", "-f", "events.yaml").stdout)
    assert "trump-visit-china" not in {i["id"] for i in items}


# --- revisions as the loader reads them: located errors ----------------------------------

REVISED = """
- id: truce
  title: Truce
  kind: truce
  certainty: confirmed
  date: 2025-11-10
  sources: [{source: art, quote: The truce expires on 10 November.}]
  revisions:
"""


@pytest.mark.parametrize(
    "revision, message",
    [
        ("    - {field: date, from: 2025-11-09, to: 2026-11-10, source: art, quote: Tariffs are suspended for one year.}",
         "events.yaml:14:29: event 'truce': revision of date: 'from' is 2025-11-09, but the value before it is 2025-11-10"),
        ("    - {field: date, to: 2026-11-10, source: nope, quote: Tariffs are suspended for one year.}",
         "events.yaml:14:47: event 'truce': revision: unknown source 'nope'"),
        ("    - {field: since, to: 2026-11-10, source: art, quote: Tariffs are suspended for one year.}",
         "events.yaml:14:17: event 'truce': revision field: 'since' is not one of date"),
        ("    - {field: date, source: art, quote: Tariffs are suspended for one year.}",
         "events.yaml:14:9: event 'truce': a revision gives either 'to' (the new date) or 'cancelled: true'"),
        ("    - {field: date, to: 2026-11-10, source: art, quote: Tariffs are suspended for ten years.}",
         "events.yaml:14:59: event 'truce': quote not found in source 'art'"),
    ],
)
def test_bad_revisions_are_located(invoke, write_data, revision, message):
    path = write_data(REVISED + revision + "\n")
    result = invoke("validate", "-f", path)
    assert result.exit_code == 1
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr


def test_a_good_revision_makes_the_current_value(write_data):
    path = write_data(REVISED + "    - {field: date, from: 2025-11-10, to: 2026-11-10, source: art, "
                      "quote: Tariffs are suspended for one year.}\n")
    entry = api.load(path).get("truce")
    assert str(entry.date.value) == "2026-11-10" and len(entry.revisions) == 1


def test_ics_keeps_the_uid_and_raises_sequence_for_a_revised_event(invoke, project):
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01

    def events():
        text = invoke("ics", "-f", "events.yaml", env=env).stdout.replace("\r\n ", "")
        found = {}
        for block in text.split("BEGIN:VEVENT")[1:]:
            fields = dict(line.split(":", 1) for line in block.splitlines() if ":" in line)
            found[fields["UID"]] = fields
        return found

    before = events()
    assert add_reuters(invoke).exit_code == 0 and revise(invoke).exit_code == 0
    after = events()
    uid = "happens.trump-visit-china@timeline"
    assert set(after) == set(before)
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid]["DTSTART;VALUE=DATE"] == "20260331"
    other = "happens.busan-meeting@timeline"
    assert after[other]["SEQUENCE"] == before[other]["SEQUENCE"]
    far = invoke("ics", "-f", "events.yaml", env={"SOURCE_DATE_EPOCH": str(2**34)}).stdout  # in 2514
    far_values = sorted({int(v) for v in re.findall(r"SEQUENCE:(\d+)", far)})
    assert len(far_values) == 2 and far_values[1] == far_values[0] + 1 < 2**31 - 1  # the revision still counts


def test_remind_says_once_that_a_date_moved(invoke, project, tmp_path):
    assert add_reuters(invoke).exit_code == 0 and revise(invoke).exit_code == 0
    state = tmp_path / "state.json"

    def remind(day):
        return invoke("remind", "--once", "--state", state, "--as-of", day, "-f", "events.yaml").stdout

    line = "Date moved: 2026-04 (BBC News 中文, 2025-10-31) → 2026-03-31 (Reuters, 2026-02-21)"
    assert remind("2026-02-01") == "" or line not in remind("2026-02-01")  # the revision's source is not out yet
    first = remind("2026-03-01")  # 30 days before: the first reminder after the revision
    assert line in first
    later = remind("2026-03-24")  # 7 days before: the move was already told
    assert "trump-visit-china" in later and line not in later
    assert line in invoke("remind", "--as-of", "2026-03-24", "-f", "events.yaml").stdout  # without --once: always


def test_show_is_stale_by_its_own_sources_and_lists_by_the_whole_file(invoke, project):
    assert add_reuters(invoke).exit_code == 0 and revise(invoke).exit_code == 0

    def show(ident):
        result = invoke("show", ident, "--as-of", "2026-04-01", "--json", "-f", "events.yaml")
        return json.loads(result.stdout)["stale"], result.stderr

    assert show("trump-visit-china") == (False, "")  # its newest source, Reuters, is 39 days old
    stale, note = show("busan-meeting")  # rests on the BBC article alone, 152 days old
    assert stale and note == "timeline: newest source 2025-10-31, 152 days old: dates may have moved\n"
    listed = invoke("list", "--as-of", "2026-04-01", "--json", "-f", "events.yaml")
    assert listed.stderr == "" and not any(item["stale"] for item in json.loads(listed.stdout))
