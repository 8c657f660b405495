"""timeline.quotes: a quote found across wrapped lines and odd spaces, and where a near miss parts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.quotes import divergence, find_quote, near_miss, squash

SOURCE = "Header line\r\nThe truce  expires\non 10\u00a0November,\u3000officials said.\nNext line.\n"


def test_whitespace_runs_compare_as_one_space_and_offsets_are_the_sources():
    start, end = find_quote("The truce expires on 10 November, officials said.", SOURCE)
    assert SOURCE[start:end] == "The truce  expires\non 10\u00a0November,\u3000officials said."
    assert find_quote("  truce\texpires  ", SOURCE) == (SOURCE.index("truce"), SOURCE.index("expires") + len("expires"))
    assert find_quote("The truceexpires", SOURCE) is None  # a space is not optional
    assert find_quote("   ", SOURCE) is None


def test_composition_does_not_matter():
    decomposed = unicodedata.normalize("NFD", "Café au lait")
    assert find_quote("Café au", "Le " + decomposed) == (3, 10)


def test_a_near_miss_says_where_and_what_differs():
    assert near_miss("The truce expires on 11 November", SOURCE) == (
        "matches up to '…expires on 1' (line 3, column 5), then the source has '0 November, ' where the quote has '1 November'"
    )
    assert near_miss("officials said. Next line. And more", SOURCE) == (
        "matches up to '… Next line. ' (line 5, column 1), then the source ends where the quote has 'And more'"
    )
    assert near_miss("Completely different", SOURCE) == "not even its beginning 'Completely d' is in the source"
    assert near_miss("The truce expires", SOURCE) == ""
    miss = divergence("Header line The truce expired", SOURCE)
    assert (miss.line, miss.column, miss.source_has[:3], miss.quote_has) == (2, 18, "s o", "d")  # the double space counts in columns


def test_long_texts_are_searched_without_quadratic_work():
    text = ("a" * 999 + " ") * 2000  # 2 MB of near matches
    quote = "a" * 5000 + "b"
    assert find_quote(quote, text) is None
    assert near_miss(quote, text).startswith("matches up to '…aaaaaaaaaaaa'")


_WORDS = st.lists(st.text(alphabet=st.sampled_from(list("ab中文,.") + ["é"]), min_size=1, max_size=5), min_size=1, max_size=12)
_GAP = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u3000", " \n  "])


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, gaps=st.lists(_GAP, min_size=12, max_size=12), data=st.data())
def test_any_slice_of_a_text_is_found_whatever_its_spacing(words, gaps, data):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(words[i:j])
    found = find_quote(quote, text)
    assert found is not None
    start, end = found
    assert squash(text[start:end]) == squash(quote)
    assert text[start:end] == text[start:end].strip() or not re.match(r"\s", text[start])
    assert near_miss(quote, text) == ""
