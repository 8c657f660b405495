"""Bad input: every kind gives one clear line per error, with file, line and
column, exit status 1, no traceback, and the data file left untouched."""

import pytest

GOOD_EVENT = """\
- id: truce
  title: Truce ends
  kind: truce
  certainty: confirmed
  date: 2025-11-10
  sources:
    - source: art
      quote: The truce expires on 10 November.
"""

COMMANDS = [["validate"], ["next"], ["suspended"], ["list"], ["show", "truce"]]


def errors_of(result) -> list[str]:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr.splitlines()


def test_the_good_file_passes(invoke, write_data):
    path = write_data(GOOD_EVENT)
    result = invoke("validate", "-f", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: OK: 1 event, 1 source, 1 quote found verbatim in their sources\n"


def test_yaml_syntax_error(invoke, write_data):
    path = write_data(GOOD_EVENT + "- id: [unclosed\n")
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:15:1: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 14, column 9)"
    ]


def test_tab_indentation_is_a_syntax_error_with_a_location(invoke, write_data):
    path = write_data("sources:\n\t- id: x\n", raw=True)
    (line,) = errors_of(invoke("validate", "-f", path))
    assert line.startswith("events.yaml:2:1: YAML syntax error:")


def test_duplicate_keys_are_caught(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("  kind: truce\n", "  kind: truce\n  title: Again\n"))
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:9:5: event 'truce': duplicate key 'title' (first at line 7, column 5)"
    ]


def test_duplicate_ids(invoke, write_data):
    path = write_data(GOOD_EVENT + GOOD_EVENT)
    assert errors_of(invoke("validate", "-f", path)) == ["events.yaml:14:5: duplicate id 'truce' (first used at line 6)"]


def test_an_event_may_not_reuse_a_source_id(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("id: truce", "id: art"))
    assert errors_of(invoke("validate", "-f", path)) == ["events.yaml:6:5: duplicate id 'art' (first used at line 2)"]


def test_unknown_fields_with_a_suggestion(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("  kind: truce\n", "  kind: truce\n  titel: x\n  colour: red\n"))
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:9:5: event 'truce': unknown field 'titel' (did you mean 'title'?)",
        "events.yaml:10:5: event 'truce': unknown field 'colour' (known: id, title, kind, certainty, sources, "
        "title_original, parties, tags, date, time, timezone, window, links, note, warn, revisions)",
    ]


def test_missing_required_fields(invoke, write_data):
    path = write_data("- id: bare\n  date: 2025-11-10\n- id: empty-title\n  title:\n  kind: x\n  certainty: confirmed\n"
                      "  sources: [{source: art, quote: The truce expires on 10 November.}]\n")
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:6:5: event 'bare': missing required field 'title'",
        "events.yaml:6:5: event 'bare': missing required field 'kind'",
        "events.yaml:6:5: event 'bare': missing required field 'certainty'",
        "events.yaml:6:5: event 'bare': missing required field 'sources'",
        "events.yaml:8:5: event 'empty-title': required field 'title' is empty",
    ]


def test_missing_top_level_sections(invoke, write_data):
    path = write_data("format: 1\n", raw=True)
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:1:1: data file: missing required field 'sources'",
        "events.yaml:1:1: data file: missing required field 'events'",
    ]


def test_wrong_types(invoke, write_data):
    path = write_data(
        GOOD_EVENT.replace("  title: Truce ends\n", "  title: {en: Truce ends}\n")
        .replace("  certainty: confirmed\n", "  certainty: certain\n  parties: {US: yes}\n  warn: [soon]\n")
        .replace("  date: 2025-11-10\n", "  date: [2025-11-10]\n")
    )
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:7:12: event 'truce': title: expected text, got a mapping",
        "events.yaml:9:16: event 'truce': certainty: 'certain' is not one of confirmed, announced, expected, possible",
        "events.yaml:10:14: event 'truce': parties: expected a list, got a mapping",
        "events.yaml:11:12: event 'truce': warn: 'soon' is not a duration: write e.g. '1 year', '90 days', '30d' or 'P1Y'",
        "events.yaml:12:11: event 'truce': date: expected a mapping of fields, got a list",
    ]


def test_yaml_1_1_guessing_does_not_apply(invoke, write_data):
    """`NO` stays Norway, `12:30` stays a time, `on`/`yes` stay text."""
    path = write_data(GOOD_EVENT.replace("  certainty: confirmed\n", "  certainty: confirmed\n  parties: [NO, yes]\n"
                                         "  time: 12:30\n  timezone: Europe/Oslo\n"))
    result = invoke("list", "-f", path, "--json")
    assert result.exit_code == 0, result.output
    import json

    (obj,) = json.loads(result.stdout)
    assert obj["parties"] == ["NO", "yes"]
    assert obj["time"] == "12:30"


def test_impossible_dates(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("date: 2025-11-10", "date: 2025-02-30") +
                      GOOD_EVENT.replace("id: truce", "id: t2").replace("date: 2025-11-10", "window: {start: 2025-13, for: 1 year}"))
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:10:11: event 'truce': date: impossible date '2025-02-30': February 2025 has 28 days",
        "events.yaml:18:21: event 't2': window.start: '2025-13' has no month 13",
    ]


def test_bad_times_and_zones(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("  date: 2025-11-10\n", "  date: 2025-11-10\n  time: '25:00'\n  timezone: Asia/Busan\n"))
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:11:11: event 'truce': time: '25:00' is not a time of day",
        "events.yaml:12:15: event 'truce': timezone: 'Asia/Busan' is not an IANA time zone (e.g. Asia/Seoul, Europe/Brussels)",
    ]


def test_unknown_references_and_links(invoke, write_data):
    path = write_data(
        GOOD_EVENT.replace("date: 2025-11-10", "date: {from: truse, offset: 1 year}").replace("source: art", "source: article")
        + "  links: {answers: [nothing]}\n"
    )
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:10:18: event 'truce': unknown reference 'truse' (did you mean 'truce'?)",
        "events.yaml:12:17: event 'truce': unknown source 'article' (did you mean 'art'?)",
        "events.yaml:14:23: event 'truce': links.answers: unknown event 'nothing'",
    ]


def test_reference_cycles(invoke, write_data):
    a = GOOD_EVENT.replace("id: truce", "id: a").replace("date: 2025-11-10", "date: {from: b, offset: 1 day}")
    b = GOOD_EVENT.replace("id: truce", "id: b").replace("date: 2025-11-10", "date: {from: a, offset: -1 day}")
    path = write_data(a + b)
    assert errors_of(invoke("validate", "-f", path)) == ["events.yaml:18:18: reference cycle: a → b → a"]


def test_a_quote_not_in_its_source(invoke, write_data):
    path = write_data(GOOD_EVENT.replace("The truce expires on 10 November.", "The truce expires on 11 November."))
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:13:16: event 'truce': quote not found in source 'art': matches up to '…expires on 1', "
        "then the source has '0 November. ' where the quote has '1 November.' (at seed.txt:2:23)"
    ]


def test_a_quote_wrapped_differently_from_its_source_is_found(invoke, write_data):
    # whitespace runs (a hard-wrapped line, a no-break space) compare as one space
    path = write_data(GOOD_EVENT.replace("The truce expires on 10 November.", "'The truce\u00a0expires   on 10 November.'"))
    result = invoke("validate", "-f", path)
    assert result.exit_code == 0, result.output


def test_a_missing_seed_file(invoke, write_data, tmp_path):
    path = write_data(GOOD_EVENT)
    (tmp_path / "seed.txt").unlink()
    assert errors_of(invoke("validate", "-f", path)) == ["events.yaml:2:5: source 'art': file 'seed.txt' not found"]


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['touch pwned']", "!!python/name:os.system", "!custom x", "!!binary aGVsbG8="],
)
def test_unsafe_yaml_tags_are_refused_and_never_constructed(invoke, write_data, tmp_path, tag):
    path = write_data(GOOD_EVENT.replace("title: Truce ends", f"title: {tag}"))
    (line,) = errors_of(invoke("validate", "-f", path))
    assert line.startswith("events.yaml:7:12: YAML tag '!")
    assert line.endswith("is not allowed (only plain data is read)")
    assert not (tmp_path / "pwned").exists()


def test_alias_expansion_is_bounded(invoke, write_data):
    lol = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lol.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    path = write_data("\n".join(lol) + "\nsources: []\nevents: []\n", raw=True)
    (line,) = errors_of(invoke("validate", "-f", path))
    assert "anchors and aliases expand to more than 100000 nodes" in line
    assert line.startswith("events.yaml:")


def test_recursive_alias_is_refused(invoke, write_data):
    path = write_data("loop: &l [*l]\nsources: []\nevents: []\n", raw=True)
    (line,) = errors_of(invoke("validate", "-f", path))
    assert line == "events.yaml:1:7: an alias refers to a node that contains it (a recursive structure)"


def test_small_aliases_are_fine(invoke, write_data):
    path = write_data(
        "sources:\n  - id: art\n    file: seed.txt\n    published: 2025-10-31\n"
        "events:\n  - id: a\n    title: A\n    kind: k\n    certainty: confirmed\n    date: 2025-11-10\n"
        "    sources: &src [{source: art, quote: The truce expires on 10 November.}]\n"
        "  - id: b\n    title: B\n    kind: k\n    certainty: confirmed\n    sources: *src\n",
        raw=True,
    )
    assert invoke("validate", "-f", path).exit_code == 0


def test_not_utf8(invoke, write_data):
    path = write_data(data=("sources: []\nevents:\n  - id: caf" + "é").encode("latin-1") + b"\n")
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:3:12: not UTF-8 text (byte 0xe9): save the file as UTF-8"
    ]


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"# only a comment\n"])
def test_empty_file(invoke, write_data, data):
    path = write_data(data=data)
    (line,) = errors_of(invoke("validate", "-f", path))
    assert line.startswith("events.yaml: the file ")


def test_a_top_level_list_is_not_a_data_file(invoke, write_data):
    path = write_data("- 1\n- 2\n", raw=True)
    assert errors_of(invoke("validate", "-f", path)) == [
        "events.yaml:1:1: data file: expected a mapping of fields, got a list"
    ]


def test_missing_data_file(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert errors_of(invoke("next", "-f", "nowhere.yaml")) == ["nowhere.yaml: no such file"]


def test_bom_and_crlf_are_accepted(invoke, write_data):
    from conftest import HEADER

    text = (HEADER + "  " + GOOD_EVENT.replace("\n", "\n  ")).rstrip() + "\n"
    path = write_data(data=b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = invoke("validate", "-f", path)
    assert result.exit_code == 0, result.output


def test_every_error_is_reported_in_one_run(invoke, write_data):
    path = write_data(
        GOOD_EVENT.replace("date: 2025-11-10", "date: 2025-02-30")
        + GOOD_EVENT.replace("id: truce", "id: other").replace("kind: truce", "kind: Not A Kind")
        + GOOD_EVENT.replace("id: truce", "id: third").replace("The truce", "A truce")
    )
    lines = errors_of(invoke("validate", "-f", path))
    assert len(lines) == 3
    assert [line.split(":")[1] for line in lines] == sorted([line.split(":")[1] for line in lines], key=int)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_bad_file_with_the_same_messages(invoke, write_data, command):
    path = write_data(GOOD_EVENT.replace("date: 2025-11-10", "date: 2025-02-30") + GOOD_EVENT)
    expected = errors_of(invoke("validate", "-f", path))
    assert errors_of(invoke(*command, "-f", path)) == expected
    assert len(expected) == 2


@pytest.mark.parametrize("command", [*COMMANDS, ["next", "--json"], ["list", "--json"], ["show", "truce", "--json"]])
def test_no_command_writes_to_the_data_file(invoke, write_data, command):
    path = write_data(GOOD_EVENT)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = invoke(*command, "-f", path, "--as-of", "2025-10-31") if command != ["validate"] else invoke(*command, "-f", path)
    assert result.exit_code == 0, result.output
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
