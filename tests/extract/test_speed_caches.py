"""The per-process caches of issue 15 give what the code they replace gave: data-word
patterns compiled once (`extract/wordre.py`) and a parse's text joined once
(`extract/doctext.py`). Text written for these tests."""

from __future__ import annotations

import re

from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.pipeline import load_nlp
from incidentwatch.extract.wordre import compiled, whole_word

TEXT = (
    "A roadside bomb (an I.E.D.) hit a U.S.-led convoy near Tikrit; the mayor's office "
    "said two guards and a C-4 charge-maker were hurt.\n\n  Police  closed the road."
)
WORDS = ["i.e.d.", "u.s.", "guards", "c-4", "charge", "maker", "mayor's", "road", "(an", "hit"]


def test_whole_word_finds_what_a_pattern_built_each_time_finds() -> None:
    low = TEXT.lower()
    for left, right in [(r"(?<!\w)", r"(?!\w)"), (r"(?<![\w-])", r"(?![\w-])"), (r"\b", r"\b")]:
        for w in WORDS:
            want = re.search(rf"{left}{re.escape(w)}{right}", low)
            got = whole_word(w, left, right).search(low)
            assert (got and got.span()) == (want and want.span()), (w, left)
    # The boundaries matter: "charge" stands alone only where a hyphen is no word part.
    assert whole_word("charge").search(low) is not None
    assert whole_word("charge", r"(?<![\w-])", r"(?![\w-])").search(low) is None


def test_patterns_are_compiled_once_past_the_re_module_cache() -> None:
    # More patterns than `re` keeps (512): each still compiled once, and right.
    names = [f"place{i}" for i in range(1200)]
    first = [compiled(rf"\b{n}\b") for n in names]
    before = compiled.cache_info().hits
    again = [compiled(rf"\b{n}\b") for n in names]
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert compiled.cache_info().hits - before == len(names)
    assert again[700].search("shelling hit place700 at dawn")
    assert not again[700].search("shelling hit place7000 at dawn")


def test_doc_text_is_the_parse_text_joined_once() -> None:
    nlp = load_nlp("en")
    doc = nlp.make_doc(TEXT)
    other = nlp.make_doc("Mortar rounds fell on a market in Baquba.")
    text = doc_text(doc)
    assert text == doc.text == TEXT
    assert doc_text(doc) is text  # kept, not joined again
    assert doc_text(other) == other.text
    # Through a span and a token, as the rules reach it, the same kept text.
    assert doc_text(doc[3:6].doc) is text
    assert doc_text(doc[4].doc) is text
