"""Every error timeline makes says which step found it (`stage`) and, where there is
one, which event; `validate --json` reports both."""

import ast
import json

import pytest
from conftest import ROOT

from timeline import output, state
from timeline.edit import ops
from timeline.model import STAGES, TimelineError


def _error_calls():
    for path in sorted((ROOT / "timeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Error":
                yield path.relative_to(ROOT), node


def test_every_error_made_in_the_code_names_a_known_stage():
    calls = list(_error_calls())
    assert len(calls) > 80  # the audit covers load, resolve, sources, state, output, edit, extract, publish
    missing = []
    for path, node in calls:
        stage = next((k.value for k in node.keywords if k.arg == "stage"), node.args[3] if len(node.args) > 3 else None)
        if not (isinstance(stage, ast.Constant) and stage.value in STAGES):
            missing.append(f"{path}:{node.lineno}")
    assert missing == []


def _stages(exc: pytest.ExceptionInfo[TimelineError]) -> list[tuple[str | None, str | None]]:
    return [(e.stage, e.event) for e in exc.value.errors]


def test_a_state_file_error_is_of_the_state_stage(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(TimelineError) as exc:
        state.check_target(other)
    assert _stages(exc) == [("state", None)]


def test_an_output_error_is_of_the_output_stage(tmp_path):
    with pytest.raises(TimelineError) as exc:
        output.write_atomic(tmp_path, b"x")  # a directory
    assert _stages(exc) == [("output", None)]


TEXT = """\
sources:
  - id: art
    file: seed.txt
    published: 2025-10-31
events:
  - id: truce
    title: Truce
    kind: truce
    certainty: confirmed
    window: {start: 2025-11-10, for: 1 year}
    sources: [{source: art, quote: The truce expires on 10 November.}]
"""


def test_a_refused_revision_names_the_argument_stage_and_the_event():
    with pytest.raises(TimelineError) as exc:
        ops.add_revision(TEXT, "truce", "date", to="2026-04", source="art", quote="q")
    assert _stages(exc) == [("argument", "truce")]
    with pytest.raises(TimelineError) as exc:
        ops.add_revision(TEXT, "truce", "until", to="2026-Q5", source="nope", quote="q")
    assert _stages(exc) == [("argument", None), ("argument", None)]


def test_a_change_the_file_cannot_take_is_of_the_edit_stage():
    flow = TEXT.split("  - id: truce")[0] + "  - {id: truce, title: Truce, window: {start: 2025-11-10, for: 1 year}}\n"
    with pytest.raises(TimelineError) as exc:
        ops.add_revision(flow, "truce", "until", to="2026-12", source="art", quote="q")  # an event in {...} flow style
    assert _stages(exc) == [("edit", None)]
    with pytest.raises(TimelineError) as exc:
        ops.add_source(TEXT, "art", "other.txt", "2025-11-01")
    assert _stages(exc) == [("edit", None)]


def test_validate_json_reports_stage_and_event(invoke, write_data):
    path = write_data("""\
- id: gone
  title: Gone
  kind: truce
  certainty: confirmed
  date: 2025-11-10
  sources: [{source: art, quote: The truce expires on 11 November.}]
- id: late
  title: Late
  kind: truce
  certainty: confirmed
  date: {from: gone, offset: 3 days}
  sources: [{source: art, quote: The truce expires on 10 November.}]
- id: q
  title: Q
  kind: truce
  certainty: confirmed
  date: {from: gone-2026q1, offset: 1 day}
  sources: [{source: art, quote: The truce expires on 10 November.}]
""")
    result = invoke("validate", "--json", "-f", path)
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["stage"], e["event"]) for e in errors] == [("quote", "gone"), ("resolve", "q")]
    missing = path.read_text(encoding="utf-8").replace("file: seed.txt", "file: missing.txt")
    path.write_text(missing, encoding="utf-8")
    errors = json.loads(invoke("validate", "--json", "-f", path).stdout)["errors"]
    assert [(e["stage"], e["event"], e["line"]) for e in errors] == [("source", None, 2), ("resolve", "q", 22)]
