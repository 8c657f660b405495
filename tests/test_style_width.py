"""render.style.width: terminal columns of a string (tables line up on them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.render import style


def test_known_widths() -> None:
    assert style.width("abc") == 3
    assert style.width("中文") == 4
    assert style.width("\x1b[1mab\x1b[0m") == 2
    assert style.width("e\u0301") == 1
    assert style.width("ＡＢ") == 4  # fullwidth forms
    assert style.width("") == 0


@given(st.text(alphabet=st.sampled_from(["a", " ", "~", "\t", "\x1b", "[", "1", "m", "中", "\u0301", "Ａ", "é"]), max_size=40))
def test_the_ascii_shortcut_counts_what_the_loop_counts(text: str) -> None:
    assert style.width(text) == style._counted(text)


@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    assert style.width(text) == style._counted(text)
