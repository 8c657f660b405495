"""Byte-level fuzzer for the loader and resolver (atheris, libFuzzer).

Any bytes are a data file: `load.decode` and `load.parse` must turn them into
a Document or located errors, exactly those of the whole-graph reading
(tests/wholegraph.py: the events are streamed, anchors, aliases and tags
checked as they come, and nothing may differ), and `resolve` must turn a
Document into a timeline and errors, never raising.  Run by tests/test_fuzz.py for a bounded
number of inputs; by hand, for longer:

    python tests/fuzz/fuzz_load.py -max_total_time=600 CORPUS_DIR
"""

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: the reference

with atheris.instrument_imports():
    from timeline.load import decode, parse
    from timeline.resolve import resolve

import wholegraph  # noqa: E402  (after the instrumented imports)

NAME = "events.yaml"


def test_one_input(data: bytes) -> None:
    text, errors = decode(data, NAME)
    if text is None:
        assert errors, "decode gave neither text nor an error"
        return
    document, errors = parse(text, NAME)
    assert (document, errors) == wholegraph.parse(text, NAME), "the streamed reading differs from the whole graph's"
    if document is None:
        assert errors, "parse gave neither a document nor an error"
        return
    timeline, errors = resolve(document)
    assert timeline is not None
    for error in errors:
        assert "\n" not in str(error), f"an error of more than one line: {error!r}"


def main() -> None:
    sys.setrecursionlimit(10_000)  # as deep as CPython allows the YAML composer; `parse` reports deeper nesting itself
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
