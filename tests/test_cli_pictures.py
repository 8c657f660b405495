"""`timeline html` and `timeline timelinejs` through the command line."""

import json
from html import escape

from conftest import SHIPPED

AS_OF = "2025-10-31"


def _dated_titles(invoke):
    result = invoke("list", "--json", "--file", SHIPPED, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    return [i["title"] for i in items if i.get("date") or i.get("since") or i.get("until")]


def test_html_to_a_file_and_to_stdout_are_the_same_self_contained_page(invoke, tmp_path):
    target = tmp_path / "page.html"
    written = invoke("html", "-o", target, "--file", SHIPPED, "--as-of", AS_OF, "-q")
    assert written.exit_code == 0, written.output
    page = target.read_text(encoding="utf-8")
    printed = invoke("html", "-o", "-", "--file", SHIPPED, "--as-of", AS_OF, "-q")
    assert printed.exit_code == 0
    assert printed.stdout == page
    assert page.startswith("<!doctype html>")
    assert "http://" not in page.split("<body>")[0] and "<script src" not in page
    titles = _dated_titles(invoke)
    assert titles
    for title in titles:
        assert escape(title) in page, title


def test_html_on_a_bad_data_file_is_one_located_line_and_no_file(invoke, tmp_path):
    data = tmp_path / "events.yaml"
    data.write_text("events: [\n", encoding="utf-8")
    target = tmp_path / "page.html"
    result = invoke("html", "-o", target, "--file", data, "--as-of", AS_OF)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "events.yaml:" in lines[0], result.stderr
    assert not target.exists()


def test_html_a_failing_write_leaves_no_partial_file(invoke, tmp_path):
    folder = tmp_path / "missing"
    result = invoke("html", "-o", folder / "page.html", "--file", SHIPPED, "--as-of", AS_OF, "-q")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not folder.exists()


def test_timelinejs_is_json_with_month_precision_without_a_day(invoke):
    result = invoke("timelinejs", "--file", SHIPPED, "--as-of", AS_OF, "-q")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["events"]
    months = [e for e in document["events"] if "(day not known)" in e["display_date"]]
    assert months, "the shipped data has month-precision dates"
    for slide in months:
        assert "month" in slide["start_date"] and "day" not in slide["start_date"]
