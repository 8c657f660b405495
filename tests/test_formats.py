"""The output seam: one registry of formats, --format and its --json alias, CSV."""

import csv
import io
import json

import pytest
from conftest import SHIPPED

from timeline import api, views
from timeline.render import FORMATS, FormatError, formats_for, render
from timeline.render.style import Style

AS_OF = "2025-10-31"


def test_every_format_module_writes_views_it_declares():
    assert set(FORMATS) == {"text", "json", "csv", "html", "timelinejs"}
    assert formats_for(views.ListView) == ["text", "json", "csv"]
    assert formats_for(views.PageView) == ["html", "timelinejs"]
    assert formats_for(views.NextView) == ["text", "json"]
    assert formats_for(views.RemindView) == ["text", "json"]


def test_render_refuses_a_format_that_cannot_write_the_view():
    import datetime

    view = views.next_view(api.load(SHIPPED), datetime.date(2025, 10, 31))
    with pytest.raises(FormatError, match="choose one of text, json"):
        render(view, "csv")
    with pytest.raises(FormatError, match="not a format"):
        render(view, "xml")
    assert render(view, "text", Style(False)).startswith("DATE")


@pytest.mark.parametrize("command", [["next"], ["suspended"], ["list"], ["show", "trade-truce"], ["validate"], ["remind"]])
def test_json_is_an_alias_of_format_json(invoke, command):
    alias = invoke(*command, "--json", "--as-of", AS_OF, "-f", SHIPPED)
    chosen = invoke(*command, "--format", "json", "--as-of", AS_OF, "-f", SHIPPED)
    assert alias.exit_code == 0, alias.output
    assert alias.stdout == chosen.stdout
    json.loads(alias.stdout)


@pytest.mark.parametrize("command", [["next"], ["show", "trade-truce"], ["remind"]])
def test_an_unavailable_format_is_a_usage_error(invoke, command):
    result = invoke(*command, "--format", "csv", "--as-of", AS_OF, "-f", SHIPPED)
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr and "choose one of text, json" in result.stderr
    assert result.stdout == ""


def test_list_as_csv_is_real_csv_matching_the_json(invoke):
    result = invoke("list", "--format", "csv", "--as-of", AS_OF, "-f", SHIPPED)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")  # (result.stdout turns CRLF into LF)
    assert text.startswith("id,title,kind,certainty,status,date,precision,since,until,parties,tags,assumed,"
                           "revised,stale\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    items = json.loads(invoke("list", "--json", "--as-of", AS_OF, "-f", SHIPPED).stdout)
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    for row, item in zip(rows, items, strict=True):
        assert row["title"] == item["title"]  # commas and quotes survive
        assert row["date"] == (item["date"] or "") and row["status"] == item["status"]
        assert row["parties"].split(";") == (item["parties"] or [""])
        assert row["assumed"] == ("yes" if item["assumed"] else "no")
        assert int(row["revised"]) == item["revised"] and row["stale"] == ("yes" if item["stale"] else "no")
    quoted = next(r for r in rows if r["id"] == "reciprocal-tariff-suspension")
    assert '"reciprocal"' in quoted["title"] and quoted["since"] == "2025-11-10" and quoted["until"] == "2026-11-10"


def test_filters_apply_alike_to_next_suspended_list_and_remind(invoke):
    def ids(*args):
        result = invoke(*args, "--json", "--as-of", AS_OF, "-f", SHIPPED)
        assert result.exit_code == 0, result.output
        return {i["id"] for i in json.loads(result.stdout)}

    assert ids("next", "-n", "50", "--kind", "suspension") == ids("list", "--kind", "suspension") - {
        e for e in ids("list") if e not in ids("next", "-n", "50")}
    assert ids("next", "-n", "50", "--party", "KR") == {"xi-state-visit-south-korea"} & ids("next", "-n", "50")
    active = invoke("suspended", "--json", "--as-of", "2026-06-01", "--tag", "section-301", "-f", SHIPPED)
    assert {i["id"] for i in json.loads(active.stdout)} == {
        "us-301-maritime-suspension", "china-301-countermeasures-suspension"}
    confirmed = ids("list", "--certainty", "confirmed")
    assert confirmed and all(i["certainty"] == "confirmed" for i in json.loads(
        invoke("list", "--json", "--certainty", "confirmed", "-f", SHIPPED).stdout))
    assert ids("remind", "--within", "400d", "--certainty", "possible") <= ids("list", "--certainty", "possible")
    bad = invoke("list", "--certainty", "sure", "-f", SHIPPED)
    assert bad.exit_code == 2 and "Invalid value for '--certainty'" in bad.stderr


def test_next_within(invoke):
    items = json.loads(invoke("next", "--json", "-n", "100", "--within", "30d", "--as-of", AS_OF, "-f", SHIPPED).stdout)
    assert [i["date"] for i in items] == ["2025-11-08"] + ["2025-11-10"] * 6
    assert all(0 <= i["days"] <= 30 for i in items)
    assert invoke("next", "--within", "0d", "-f", SHIPPED).exit_code == 2


def test_validate_json_reports_event_and_stage(invoke, write_data):
    path = write_data("""\
        - id: truce
          title: Truce
          kind: truce
          certainty: confirmed
          date: 2025-11-10
          sources: [{source: art, quote: "Not in the article."}]
        """)
    result = invoke("validate", "--json", "-f", path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["events"] == 1
    (error,) = report["errors"]
    assert error["event"] == "truce" and error["stage"] == "quote" and error["line"] == 11
    missing = json.loads(invoke("validate", "--json", "-f", "nope.yaml").stdout)
    assert missing["errors"][0]["stage"] == "io" and missing["errors"][0]["event"] is None


def test_every_error_carries_its_stage_and_event(invoke, write_data):
    path = write_data("""\
        - id: bad-kind
          title: A
          kind: Not A Kind
          certainty: confirmed
          date: 2025-11-10
          sources: [{source: art, quote: The truce expires on 10 November.}]
        - id: lost
          title: B
          kind: k
          certainty: confirmed
          date: {from: nowhere, offset: 1 year}
          sources: [{source: art, quote: The truce expires on 10 November.}]
        - id: no-source
          title: C
          kind: k
          certainty: confirmed
          date: 2025-11-10
          sources: [{source: gone, quote: The truce expires on 10 November.}]
        """)
    report = json.loads(invoke("validate", "--json", "-f", path).stdout)
    found = {(e["event"], e["stage"]) for e in report["errors"]}
    assert found == {("bad-kind", "schema"), ("lost", "resolve"), ("no-source", "resolve")}
    text = invoke("validate", "-f", path)
    assert text.exit_code == 1 and text.stdout == "" and len(text.stderr.splitlines()) == 3
    syntax = write_data("events: [\n", raw=True)
    (error,) = json.loads(invoke("validate", "--json", "-f", syntax).stdout)["errors"]
    assert error["stage"] == "parse" and error["event"] is None and error["line"] == 2


def test_the_derivation_walk_is_data_that_text_and_calendar_render_alike(invoke):
    from timeline.derivation import ASSUMED, DATE, OTHER_READING, REPEATED, walk

    entry = api.load(SHIPPED).get("reciprocal-tariff-suspension")
    seen: set[int] = set()
    steps = walk("since", entry.start, 0, seen) + walk("until", entry.end, 0, seen)
    kinds = [s.kind for s in steps]
    assert kinds[0] == DATE and steps[0].label == "since" and str(steps[0].value) == "2025-11-10"
    assert ASSUMED in kinds and OTHER_READING in kinds
    until = next(i for i, s in enumerate(steps) if s.label == "until" and s.depth == 0)
    assert steps[until + 1].kind == REPEATED and steps[until + 1].label == "since"  # shown once, then "(above)"
    shown = invoke("show", "reciprocal-tariff-suspension", "--as-of", AS_OF, "-f", SHIPPED).stdout
    for step in steps:
        if step.kind == DATE:
            assert f"{'  ' * (step.depth + 1)}{step.label} {step.value} {step.text}\n" in shown


def test_an_unavailable_format_is_refused_before_the_data_is_read(invoke, tmp_path):
    result = invoke("next", "--format", "csv", "-f", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "no such file" not in result.stderr


def test_the_ics_export_is_a_library_call_and_the_cli_only_writes_it(invoke, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    export = api.export_ics(SHIPPED, filters=views.Filters(party="CN"))
    assert export.left_out == len(views.undated(api.load(SHIPPED), views.Filters(party="CN")))
    assert export.data.count(b"BEGIN:VEVENT") == export.milestones > 0
    assert invoke("ics", "--party", "CN", "-f", SHIPPED).stdout_bytes == export.data


REVISED_DATA = """\
sources:
  - id: art
    file: seed.txt
    published: 2025-10-31
  - id: later
    file: later.txt
    published: 2025-12-01
events:
  - id: truce
    title: Truce
    kind: truce
    certainty: confirmed
    date: 2025-11-10
    sources: [{source: art, quote: The truce expires on 10 November.}]
    revisions:
      - {field: date, to: 2025-12-10, source: later, quote: The truce now ends on 10 December.}
      - {field: date, to: 2026-01-10, source: later, quote: It may last until January.}
  - id: visit
    title: Visit
    kind: visit
    certainty: expected
    date: 2026-04
    sources: [{source: art, quote: The visit is planned for next April.}]
"""


@pytest.mark.parametrize("as_of, stale", [("2026-01-01", "no"), ("2026-06-01", "yes")])
def test_csv_has_the_revision_count_and_staleness_json_has(invoke, tmp_path, as_of, stale):
    (tmp_path / "seed.txt").write_text("The truce expires on 10 November.\nThe visit is planned for next April.\n",
                                       encoding="utf-8")
    (tmp_path / "later.txt").write_text("The truce now ends on 10 December.\nIt may last until January.\n",
                                        encoding="utf-8")
    data = tmp_path / "events.yaml"
    data.write_text(REVISED_DATA, encoding="utf-8")
    result = invoke("list", "--format", "csv", "--as-of", as_of, "-f", data)
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline=""))}
    assert (rows["truce"]["revised"], rows["visit"]["revised"]) == ("2", "0")
    assert rows["truce"]["date"] == "2026-01-10"  # the last revision's date, as in JSON
    assert {r["stale"] for r in rows.values()} == {stale}  # 90 days (--stale-after) past 2025-12-01 or not
    items = json.loads(invoke("list", "--json", "--as-of", as_of, "-f", data).stdout)
    assert [(i["revised"], i["stale"]) for i in items] == [(int(rows[i["id"]]["revised"]), stale == "yes")
                                                            for i in items]
