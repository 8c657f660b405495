"""The fast JSON writer gives json.dumps(indent=2)'s bytes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.jsonwrite import dumps

leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400)
@given(values)
def test_same_bytes_as_json_dumps(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_keys_other_than_strings_go_to_json_dumps() -> None:
    value = {"a": [{1: "x", None: 2.5}], "b": float("nan")}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
