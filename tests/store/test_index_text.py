"""index_text, the Arabic search keys the store writes for an incident: the fast path for
texts without Arabic and the per-text cache give the keys of the word-by-word definition,
in the same order, for any mix of texts."""

from __future__ import annotations

from incidentwatch.extract.lang.ar.search import _prefixes, _text_keys, index_text
from incidentwatch.extract.lang.ar.text import tokenize

ARABIC = "قتل ثلاثة أشخاص وأصيب 12 آخرون بانفجار عبوة ناسفة في سوق بالموصل يوم الاثنين."
ARABIC_2 = "وقالت الشرطة إن الهجوم على نقطة التفتيش قرب الموصل أوقع ٤ قتلى."
ENGLISH = "Three people were killed and 12 wounded in a blast in Mosul on 3 May 2016."


def _word_by_word(texts: list[str]) -> list[str]:
    keys: dict[str, None] = {}
    for text in texts:
        for t in tokenize(text, *_prefixes()):
            if any("\u0600" <= ch <= "\u06ff" for ch in t.text):
                keys.update(dict.fromkeys(sorted(t.keys)))
            elif t.norm.isdigit():
                keys[t.norm] = None
    return list(keys)


def test_english_only_has_no_keys_whatever_the_digits() -> None:
    assert index_text([ENGLISH, "Mosul", "killed 3"]) is None
    assert index_text([]) is None


def test_eastern_digits_alone_are_not_arabic_words() -> None:
    assert index_text(["٤٥ ١٢"]) is None


def test_keys_and_order_match_the_word_by_word_definition() -> None:
    for texts in (
        [ARABIC],
        [ARABIC, ENGLISH],
        [ENGLISH, ARABIC, ARABIC_2],
        [ARABIC_2, ARABIC, ARABIC_2],
        ["بالموصل", "12", ARABIC],
    ):
        got = index_text(iter(texts))  # any iterable, read once
        assert got is not None
        assert got.split() == _word_by_word(texts), texts
        assert got.startswith(" ") and got.endswith(" ")
    # Digits of an English text count once an Arabic text is in the set.
    mixed = index_text([ARABIC_2, ENGLISH])
    assert mixed is not None and " 2016 " in mixed and " موصل " in mixed


def test_cached_keys_are_the_same_on_a_second_call() -> None:
    _text_keys.cache_clear()
    first = index_text([ARABIC, ARABIC_2])
    hits = _text_keys.cache_info().hits
    assert index_text([ARABIC, ARABIC_2]) == first
    assert _text_keys.cache_info().hits == hits + 2
