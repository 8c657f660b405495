"""The quote index answers exactly what a substring search answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.sources import QuoteIndex, first_sentence, normalise, squash_space

SEED = normalise(
    "date 2025-10-31 Headline without a stop\n\n"
    "週四中午，會晤結束。特朗普表示，將在明年四月訪華。\n\n"
    "「兩國元首同意保持經常性交往。特朗普期待明年早些時候訪華。」\n"
    "The U.S. said the measure is suspended for one year. It starts on 10 November!\n"
    "廣告 廣告\n廣告 廣告\n"
)


def test_sentences_found_by_lookup():
    index = QuoteIndex(SEED)
    for quote in ("週四中午，會晤結束。", "特朗普表示，將在明年四月訪華。", "date 2025-10-31 Headline without a stop",
                  "It starts on 10 November!", "廣告 廣告"):
        assert first_sentence(quote) in index._starts, quote
        assert index.contains(quote)


def test_quote_across_sentences_and_closing_mark():
    index = QuoteIndex(SEED)
    assert index.contains("「兩國元首同意保持經常性交往。特朗普期待明年早些時候訪華。」")
    assert index.contains("週四中午，會晤結束。特朗普表示，")
    assert not index.contains("週四中午，會晤結束。特朗普表示：")


def test_mid_sentence_quote_falls_back_to_search():
    index = QuoteIndex(SEED)
    assert first_sentence("將在明年四月訪華。") not in index._starts
    assert index.contains("將在明年四月訪華。")
    assert index.contains("said the measure is suspended")
    assert not index.contains("said the measure was suspended")


def test_whitespace_is_significant_unless_squashed():
    quote = "Headline without a stop 週四中午，會晤結束。"  # a line end in the seed
    assert not QuoteIndex(SEED).contains(quote)
    assert QuoteIndex(squash_space(SEED)).contains(squash_space(quote))


def test_squash_space():
    assert squash_space("a \t\r\n b\u3000\u00a0c\n") == "a b c "
    assert squash_space("e\u0301") == "\u00e9"  # NFC first


ALPHABET = st.sampled_from(list("ab 。.!\n「」x"))


@given(st.text(ALPHABET, max_size=60), st.data())
def test_same_answer_as_substring_search(text, data):
    index = QuoteIndex(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for quote in (text[start:end], data.draw(st.text(ALPHABET, max_size=12))):
        assert index.contains(quote) == (quote in text), (text, quote)
